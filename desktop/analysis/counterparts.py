"""An article's counterpart in the other language: its translation, or coverage of the same event.

Each article is reduced at import to a set of *anchors* that survive translation between
Kazakh and Russian: people, organisations and countries (gazetteer ids), figures
(normalised value + currency/kind), numbers, dates (day + month), Latin tokens, and name
keys (`namekey.name_key`) of capitalised words inside sentences. Anchors are stored as short
hashed tokens (`anchor_token`); the library keeps them per article and in an inverted
index, so finding candidates reads a few posting lists instead of scanning the library.

Scoring (`score_pair`) avoids cosine normalisation, which rewards a short document whose
few anchors happen to be shared (a lead-only version then loses to any short article). It
multiplies
  * coverage: the share of the *smaller* anchor set found in the other (type-weighted), so
    a Russian lead of three sentences can be fully covered by the Kazakh full text; and
  * evidence: 1 - exp(-M / M0), M the idf-weighted mass of the shared anchors, so a match
    on one or two common anchors stays weak however short the candidate is;
  * and a publication-date factor (same event coverage is close in time).
"translation" needs high coverage, enough evidence, a plausible length ratio and close
dates; otherwise a candidate above `MIN_SCORE` is "same_event".
"""

from __future__ import annotations

import math
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import accumulate

from desktop.analysis.namekey import name_key, word_key
from desktop.i18n import _, format_number, ngettext

__all__ = [
    "Candidate", "PairDoc", "anchors", "anchor_token", "doc_tokens", "score_pair",
    "rank", "reasons", "day_of", "lang_prefix", "candidate_keys", "MIN_SCORE",
]

# type letter → weight: the anchors that identify an event (people, figures, dates) count
# more than those shared by much unrelated news (countries)
TYPE_WEIGHT = {"p": 3.0, "o": 2.0, "c": 1.0, "f": 3.0, "d": 2.0, "n": 1.5, "l": 1.5, "k": 1.5,
               "w": 0.5}
# chance that an anchor of one version is found in the other: a cognate (w) often is not,
# since Kazakh translates many words Russian borrows
FOUND = {"p": 0.8, "o": 0.75, "c": 0.8, "f": 0.75, "d": 0.75, "n": 0.8, "l": 0.75, "k": 0.65,
         "w": 0.35}
_WLOGF = {k: TYPE_WEIGHT[k] * math.log(f) for k, f in FOUND.items()}
_MISS = {k: TYPE_WEIGHT[k] * math.log(1 - f) for k, f in FOUND.items()}
# cognates: Cyrillic words of at least this many letters, keyed by the first consonants of
# their skeleton (парламентінің ~ парламента → prlm); names are keyed whole
# sentence lengths: log length ratio of a sentence and its translation ~ N(0, 0.25); of two
# unrelated news sentences ~ N(0, 0.8) (kk/ru news)
SHAPE_SEGMENTS = 6
SHAPE_SD_TRANSLATION = 0.25
SHAPE_SD_RANDOM = 0.8
SHAPE_PAD = 20  # characters added to both lengths, so that short lines count less
SHAPE_FLOOR = -2.0
COGNATE_MIN_LETTERS = 6
COGNATE_CONSONANTS = 4
CHANCE_MIN = 1e-4  # floor of the chance probability (an anchor no other article holds)
CHANCE_MAX = 0.6
CHANCE_PRIOR = 0.01  # chance of an anchor in an article before the library says otherwise
PRIOR_WEIGHT = 50  # articles' worth of weight of that prior
LLR_SCALE = 50.0  # log-likelihood ratio at which a translation's score is 0.5 + 63 % of 0.5
EVENT_SCALE = 30.0  # evidence mass at which a same-event score is 63 % of 0.5
MIN_SCORE = 0.05  # below this a candidate is not offered
# a translated anchor's first occurrence lies within this share of the text (plus some
# characters) of where its position in the other version predicts, with this probability
POS_WINDOW, POS_CHARS, POS_FOUND = 0.12, 60, 0.8
TRANSLATION_LLR = 15.0
TRANSLATION_LENGTH_RATIO = 0.55  # shorter / longer text, characters
TRANSLATION_MAX_DAYS = 2
RESCORE = 16  # candidates from the index that get the full score
POSTINGS_MIN_BUDGET = 1000  # postings read per query: rarest anchors first


@dataclass
class Candidate:
    """A counterpart candidate; `reasons` are already translated for the interface."""

    id: int
    score: float
    relation: str  # "translation" | "same_event"
    reasons: list[str] = field(default_factory=list)
    pinned: bool = False

    def to_json(self) -> dict:
        d = {"id": self.id, "score": round(self.score, 4), "relation": self.relation,
             "reasons": list(self.reasons)}
        if self.pinned:
            d["pinned"] = True
        return d


@dataclass
class PairDoc:
    """What pairing knows about one stored article: its anchor tokens with the offset of
    their first occurrence, and the lengths of its first sentences."""

    id: int
    lang: str
    day: int | None
    length: int
    pos: dict[str, int]
    shape: tuple[int, ...] = ()

    @property
    def tokens(self):  # a set-like view: supports `in`, `&`, iteration
        return self.pos.keys()

    @classmethod
    def from_row(cls, row: Sequence) -> PairDoc:
        aid, lang, day, length, tokens, offsets, shp = row[:7]
        toks = tokens.split()
        offs = offsets.split() if offsets else ["0"] * len(toks)
        pos = {sys.intern(t): int(o) for t, o in zip(toks, offs, strict=False)}
        return cls(aid, lang, day, length, pos,
                   tuple(int(x) for x in shp.split()) if shp else ())


# --------------------------------------------------------------------------- anchors

# A few C-speed regex passes; Python touches only distinct long words and the few numbers,
# Latin words and capitalised words (extraction runs at import for every article).
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_MONTHS = (
    ("01", ("январ", "қаңтар")), ("02", ("феврал", "ақпан")), ("03", ("март", "наурыз")),
    ("04", ("апрел", "сәуір")), ("05", ("мая", "май", "мае", "мамыр")), ("06", ("июн", "маусым")),
    ("07", ("июл", "шілде")), ("08", ("август", "тамыз")), ("09", ("сентябр", "қыркүйек")),
    ("10", ("октябр", "қазан")), ("11", ("ноябр", "қараша")), ("12", ("декабр", "желтоқсан")),
)


@lru_cache(maxsize=4096)
def _month(word: str) -> str | None:
    w = word.lower()
    if len(w) < 3:
        return None
    for m, stems in _MONTHS:
        if any(w.startswith(st) for st in stems):
            return m
    return None


def _num(s: str) -> str:
    v = float(s.replace(",", "."))
    return format(v, "g")


def _anchors(text: str, analysis) -> dict[str, tuple[str, int]]:
    """Anchor key → (label, offset of its first occurrence)."""
    return _scan(text, analysis)[0]


def _scan(text: str, analysis) -> tuple[dict[str, tuple[str, int]], list[int]]:
    """(anchors as in `_anchors`, lengths of the first `SHAPE_SEGMENTS` sentences)."""
    out: dict[str, tuple[str, int]] = {}
    shape: list[int] = []
    seg = 0

    def add(key: str, label: str, pos: int) -> None:
        old = out.get(key)
        if old is None:
            out[key] = (label, pos)
        elif pos < old[1]:
            out[key] = (old[0], pos)

    get = analysis.get if isinstance(analysis, dict) else (lambda k, d=None: getattr(analysis, k, d))
    for kind, letter in (("people", "p"), ("orgs", "o"), ("countries", "c")):
        for t in get(kind, []) or []:
            td = t if isinstance(t, dict) else vars(t)
            spans = td.get("spans") or [(0, 0)]
            add(f"{letter}:{td['id']}", td.get("name") or td["id"], min(int(sp[0]) for sp in spans))
            for ph in td.get("phrases") or []:
                for w in ph.split():
                    out.setdefault("t:" + name_key(w), ("", 0))
    for f in get("figures", []) or []:
        fd = f if isinstance(f, dict) else vars(f)
        unit = fd.get("currency") or ("%" if fd.get("kind") == "percent" else fd.get("kind"))
        add(f"f:{float(fd['value']):.3g}:{unit}", fd.get("text") or "", int((fd.get("span") or (0, 0))[0]))
    # one whitespace split per line (C speed) and a cached reading of each distinct token;
    # offsets count single spaces between tokens
    initial: list[tuple[str, str, int]] = []
    base = 0
    for line in text.split("\n"):
        toks = line.split()
        if not toks:
            base += len(line) + 1
            continue
        infos = list(map(_token_info, toks))
        if len(shape) < SHAPE_SEGMENTS:
            seg = 0
            for tok, inf in zip(toks, infos, strict=True):
                seg += len(tok) + 1
                if inf[3]:
                    shape.append(seg - 1)
                    seg = 0
                    if len(shape) >= SHAPE_SEGMENTS:
                        break
            if seg and len(shape) < SHAPE_SEGMENTS:
                shape.append(seg - 1)  # a line ends a sentence (titles have no full stop)
        ends_at = list(accumulate(map(len, toks)))  # token i starts near ends_at[i-1] + i
        for i in [i for i, inf in enumerate(infos) if inf[0]]:
            keys, label, cap, _ends, number = infos[i]
            pos = base + (ends_at[i - 1] + i if i else 0)
            initial_cap = cap and (i == 0 or infos[i - 1][3])  # a line starts a sentence
            for k in keys:
                if initial_cap and k[0] == "k":
                    initial.append((k, label, pos))
                elif k not in out:  # tokens come in text order: the first one stays
                    out[k] = (label, pos)
            if i and number < 0 and infos[i - 1][4] > 0:
                mon = _month(label)
                if mon:
                    add(f"d:{mon}-{infos[i - 1][4]:02d}", f"{infos[i - 1][1]} {label}", pos)
        base += len(line) + 1
    for key, label, pos in initial:
        if key in out:
            add(key, label, pos)
    return out, shape


def anchors(text: str, analysis, lang: str | None = None) -> dict[str, str]:
    """Anchors of a text → a label for each (the first surface, for reasons in words).

    Keys are typed: "p:tokayev", "f:1.7e+09:USD", "n:32", "d:11-15", "l:kazinform", "k:tkv";
    "t:<name key>" entries (empty label) name words of tagged phrases, for reasons only.
    `analysis` is an `Analysis` (or its JSON dict).
    """
    return {k: v[0] for k, v in _anchors(text, analysis).items()}


_GLUED = re.compile(r"(?<=[a-zа-яёәғқңөұүһі])(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")
_STRIP = "«»\"“”„‘’'‹›()[]{}<>—–-.,;:!?…/*•·|+=%№#&@$€£₸"
_CLOSE = "»\"”’')]"


@lru_cache(maxsize=262144)
def _token_info(raw: str) -> tuple[tuple[str, ...], str, bool, bool, int]:
    """(anchor keys, label, capitalised Cyrillic word?, ends a sentence?, day-like number
    or -1) of one whitespace-separated token."""
    ends = raw.rstrip(_CLOSE)[-1:] in (".", "!", "?", "…", ":", ";")
    core = raw.strip(_STRIP)
    if not core:
        return (), "", False, ends, -1
    keys: list[str] = []
    cap = False
    number = -1
    parts = core.split("-") if "-" in core else [core]
    if not core.isupper() and any(_GLUED.search(p) for p in parts):
        # words glued by a lost space (ЭйлидДойл, from scraped pages): read them apart
        parts = [w for p in parts for w in _GLUED.sub(" ", p).split()]
    for part in parts:
        if not part:
            continue
        c0 = part[0]
        if c0.isdigit():
            m = _NUMBER.match(part)
            if m is None:  # a digit \d does not read (², ①)
                continue
            keys.append("n:" + _num(m.group()))
            if m.group().isdigit() and len(m.group()) <= 2 and 1 <= int(m.group()) <= 31:
                number = int(m.group())
        elif c0 < "\u0250":
            if len(part) >= 2 and part.isalnum():
                keys.append("l:" + part.lower())
        elif part.isalpha():
            if c0.isupper():
                k = word_key(part)
                if len(k) >= 2:
                    keys.append("k:" + k)
                    cap = True
            if len(part) >= COGNATE_MIN_LETTERS:
                w = _cognate_key(part)
                if w:
                    keys.append(w)
    return tuple(keys), core, cap, ends, number


@lru_cache(maxsize=262144)
def _cognate_key(word: str) -> str:
    k = word_key(word)
    return "w:" + k[:COGNATE_CONSONANTS] if len(k) >= COGNATE_CONSONANTS else ""


_READABLE = "pocfd"  # anchors whose tokens keep the key (hex): reasons are said from them


@lru_cache(maxsize=262144)
def anchor_token(key: str) -> str:
    """Index token of an anchor key: for people, organisations, countries, figures and
    dates the type letter + the hex of the key (readable back, for reasons); for the
    others the type letter + 11 hex digits of a 44-bit hash."""
    b = key.encode()
    if key[0] in _READABLE:
        return key[0] + b[2:].hex()
    return f"{key[0]}{zlib.crc32(b):08x}{zlib.adler32(b) & 0xFFF:03x}"


def token_key(token: str) -> str | None:
    """The anchor key of a readable token ("p:tokayev"), or None for a hashed one."""
    if token[:1] in _READABLE:
        try:
            return token[0] + ":" + bytes.fromhex(token[1:]).decode()
        except ValueError:
            return None
    return None


def anchor_signature(analysis) -> tuple:
    """Everything of an analysis (an `Analysis` or its JSON dict) that `doc_tokens` reads:
    equal signatures of one text give equal pairing tokens, so a re-tag that changed only
    sectors (or names' display forms) need not rebuild them."""
    get = analysis.get if isinstance(analysis, dict) else (lambda k, d=None: getattr(analysis, k, d))
    out: list = []
    for kind in ("people", "orgs", "countries"):
        for t in get(kind, []) or []:
            td = t if isinstance(t, dict) else vars(t)
            out.append((kind, td["id"], min((int(sp[0]) for sp in td.get("spans") or ()),
                                            default=0), tuple(td.get("phrases") or ())))
    for f in get("figures", []) or []:
        fd = f if isinstance(f, dict) else vars(f)
        out.append(("f", float(fd["value"]), fd.get("currency"), fd.get("kind"),
                    int((fd.get("span") or (0, 0))[0])))
    return tuple(out)


def doc_tokens(text: str, analysis, lang: str | None = None) -> tuple[str, str, str]:
    """(tokens, offsets, shape) as stored in the library's pairing index: space-separated
    anchor tokens in order of first occurrence, their offsets, first sentence lengths."""
    keys, shp = _scan(text, analysis)
    seen: dict[str, int] = {}
    for k, (_label, pos) in keys.items():
        c0 = k[0]
        if c0 == "t" or (c0 == "k" and "t:" + k[2:] in keys):
            continue  # a name already counted as a person/country/organisation
        seen[anchor_token(k)] = pos
    return " ".join(seen), " ".join(map(str, seen.values())), " ".join(map(str, shp))


def lang_prefix(lang: str) -> str:
    """Letter that language-qualifies index tokens, so a query reads one language's postings."""
    return {"kk": "k", "ru": "r"}.get(lang, "x")


def index_text(lang: str, tokens: str) -> str:
    """What the pairing full-text index holds for a document: its anchor tokens, each
    language-qualified (`lang_prefix`)."""
    p = lang_prefix(lang)
    return " ".join(p + t for t in tokens.split())


def other_lang(lang: str) -> str | None:
    return {"kk": "ru", "ru": "kk"}.get(lang)


def day_of(iso: str | None) -> int | None:
    """Ordinal day of an ISO date (YYYY-MM-DD…), or None."""
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


# --------------------------------------------------------------------------- scoring

@dataclass
class Background:
    """What a query is scored against: the other language's article count, its mean number
    of anchors per article, and how many of its articles hold each of the query's tokens."""

    n: int
    avg_tokens: float
    df: Mapping[str, int]


def idf(df: int, n: int) -> float:
    return max(0.1, math.log((n + 1) / (df + 0.5)))


def _tw(token: str) -> float:
    return TYPE_WEIGHT.get(token[0], 1.0)


def _date_factor(a: int | None, b: int | None) -> float:
    if a is None or b is None:
        return 0.9
    d = abs(a - b)
    return 1.0 if d <= 1 else 0.9 if d <= 3 else 0.75 if d <= 7 else 0.55 if d <= 30 else 0.4


@dataclass
class Score:
    score: float
    relation: str
    coverage: float
    llr: float
    shared: frozenset[str]


def _shape_llr(a: Sequence[int], b: Sequence[int]) -> float:
    """Log likelihood ratio that the first sentences of two texts translate each other, from
    their lengths (Gale–Church's observation: a sentence and its translation have
    proportional lengths), against unrelated sentences; each sentence's share is bounded
    below, since a merge or a split in one version breaks the 1:1 reading."""
    out = 0.0
    for x, y in zip(a, b, strict=False):
        d = math.log((x + SHAPE_PAD) / (y + SHAPE_PAD))
        out += max(SHAPE_FLOOR, math.log(SHAPE_SD_RANDOM / SHAPE_SD_TRANSLATION)
                   - d * d / (2 * SHAPE_SD_TRANSLATION ** 2) + d * d / (2 * SHAPE_SD_RANDOM ** 2))
    return out


def score_pair(q: PairDoc, c: PairDoc, bg: Background) -> Score:
    """Score of candidate `c` for query `q` (see the module docstring).

    Three hypotheses against chance, each a log likelihood ratio over the anchors of the
    shorter text: the texts tell one story (each anchor found anywhere in the longer with
    probability FOUND, against the chance that an article of its size holds it); they are
    versions of one text (found near the place its position predicts, within `POS_WINDOW`
    of the text plus `POS_CHARS`, with probability POS_FOUND; first sentences of
    proportional lengths); the shorter is a version of the longer one's beginning (found
    near the same place: a lead-only translation). Unmatched anchors count against, so a
    short article is not favoured for sharing one or two common anchors. The best
    hypothesis gives the score; "translation" when a version hypothesis explains the pair
    at least as well as a shared story and clears `TRANSLATION_LLR`."""
    short, long_ = (q, c) if q.length <= c.length else (c, q)
    lpos = long_.pos
    n_long = max(long_.length, 1)
    ratio = short.length / n_long
    scale = n_long / max(short.length, 1)
    tol_v = POS_WINDOW * n_long + POS_CHARS
    tol_b = POS_WINDOW * min(n_long, short.length) + POS_CHARS
    near_v, far_v = _position_logs(min(1.0, 2 * tol_v / n_long))
    near_b, far_b = _position_logs(min(1.0, 2 * tol_b / n_long))
    size = len(lpos) / max(bg.avg_tokens, 1.0)
    denom = (bg.n + PRIOR_WEIGHT) / size
    prior = PRIOR_WEIGHT * CHANCE_PRIOR
    df = bg.df
    story = version = begin = mass = matched = expected = missed = 0.0
    shared = []
    for t, off in short.pos.items():
        k = t[0]
        w = TYPE_WEIGHT.get(k, 1.0)
        expected += w * FOUND.get(k, 0.5)
        where = lpos.get(t)
        if where is None:
            missed += _MISS[k]
            continue
        shared.append(t)
        matched += w
        p = min(CHANCE_MAX, (df.get(t, 0) + prior) / denom)
        g = _WLOGF[k] - w * math.log(max(p, CHANCE_MIN))
        story += g
        if g > 0:
            mass += g
        version += g + w * (near_v if abs(where - off * scale) <= tol_v else far_v)
        begin += g + w * (near_b if abs(where - off) <= tol_b else far_b)
    if not shared:
        return Score(0.0, "same_event", 0.0, 0.0, frozenset())
    story += missed
    trans = max(version + missed if ratio >= TRANSLATION_LENGTH_RATIO else -math.inf,
                begin + missed) + _shape_llr(q.shape, c.shape)
    llr = max(story, trans)
    close = q.day is None or c.day is None or abs(q.day - c.day) <= TRANSLATION_MAX_DAYS
    translation = close and trans >= TRANSLATION_LLR and trans >= story
    date_f = _date_factor(q.day, c.day)
    if llr > 0:  # more likely one story than chance: ranked by how much more likely
        score = (0.5 + 0.5 * (1.0 - math.exp(-llr / LLR_SCALE))) * date_f
    else:  # some shared anchors: coverage of the same event, weaker than any of the above
        score = 0.5 * (1.0 - math.exp(-mass / EVENT_SCALE)) * date_f
    return Score(score, "translation" if translation else "same_event",
                 min(1.0, matched / max(expected, 1e-9)), llr, frozenset(shared))


@lru_cache(maxsize=1024)
def _position_logs(win: float) -> tuple[float, float]:
    """log-ratio terms of an anchor found near / away from its predicted place."""
    if win >= 1.0:
        return 0.0, 0.0
    return math.log(POS_FOUND / win), math.log((1 - POS_FOUND) / (1 - win))


def candidate_keys(tokens: Iterable[str], df: Mapping[str, int], n_other: int) -> list[str]:
    """The query tokens whose postings are read: rarest first, within a postings budget."""
    budget = max(POSTINGS_MIN_BUDGET, n_other // 50)
    present = sorted((df[t], t) for t in tokens if df.get(t, 0) > 0)
    out, used = [], 0
    for d, t in present:
        if used + d > budget:
            break
        used += d
        out.append(t)
    return out


def rank(q: PairDoc, postings: Callable[[str], Sequence[int]], bg: Background,
         load: Callable[[Sequence[int]], list[PairDoc]],
         top: int = 5) -> list[tuple[PairDoc, Score]]:
    """Best candidates for q: accumulate idf weight over the rare tokens' postings, then
    score the leading `RESCORE` fully. `postings(token)` → ids in the other language;
    `load(ids)` → their PairDocs."""
    acc: dict[int, float] = {}
    for t in candidate_keys(q.tokens, bg.df, bg.n):
        w = _tw(t) * idf(bg.df[t], bg.n)
        for i in postings(t):
            if i != q.id:
                acc[i] = acc.get(i, 0.0) + w
    if not acc:
        return []
    best = sorted(acc.items(), key=lambda kv: (-kv[1], kv[0]))[: max(RESCORE, top + 2)]
    scored = []
    for c in load([i for i, _w in best]):
        s = score_pair(q, c, bg)
        if s.score >= MIN_SCORE:
            scored.append((c, s))
    scored.sort(key=lambda cs: (-cs[1].score, cs[0].id))
    return scored[:top]


# --------------------------------------------------------------------------- reasons

_MAX_LISTED = 4
_VOCAB_KIND = {"p": "person", "c": "country", "o": "org"}


@lru_cache(maxsize=8)
def _vocabulary(kind: str, entries_id: int) -> dict:
    from desktop.analysis.pipeline import vocabulary

    return vocabulary(kind)


def _display(kind: str, tid: str) -> str:
    try:
        from desktop.analysis.pipeline import _entries
        from desktop.i18n import current_language

        # the entries alone: naming a reason must not compile the scanners
        names = _vocabulary(kind, id(_entries())).get(tid)
        if names:
            return names.get(current_language()) or names.get("en") or tid
    except Exception:  # noqa: BLE001 - a name is only decoration of a reason
        pass
    return tid


def _figure_text(key: str) -> str:
    """ "f:1.7e+09:USD" → "1.7 bn USD" (in the interface language)."""
    try:
        _f, value, unit = key.split(":", 2)
        v = float(value)
    except ValueError:
        return key[2:]
    if abs(v) >= 1e9:
        text = _("{n} bn").format(n=format_number(float(f"{v / 1e9:.3g}")))
    elif abs(v) >= 1e6:
        text = _("{n} m").format(n=format_number(float(f"{v / 1e6:.3g}")))
    else:
        text = format_number(float(f"{v:.3g}"))
    if unit == "%":
        return text + " %"
    return f"{text} {unit}" if unit and unit.isupper() else text


def reasons(shared_tokens: Iterable[str], q_day: int | None, c_day: int | None,
            labels: Mapping[str, str] | None = None) -> list[str]:
    """Reasons in words for a pair, in the interface language (translated now), from the
    shared anchor tokens; `labels` (the query text's anchors) add the names written in it."""
    shared = set(shared_tokens)
    by_type: dict[str, list[str]] = {}
    for t in sorted(shared):
        key = token_key(t)
        if key is not None:
            by_type.setdefault(t[0], []).append(key)
    texts = {
        "p": _("shared people: {items}"), "c": _("shared countries: {items}"),
        "o": _("shared organisations: {items}"), "f": _("same figures: {items}"),
        "d": _("same dates: {items}"), "k": _("shared names: {items}"),
    }
    if labels:
        covered = {k[2:] for k in labels if k.startswith("t:")}  # words of tagged names
        names = [label for key, label in labels.items() if key[0] == "k"
                 and key[2:] not in covered and anchor_token(key) in shared]
        if names:
            by_type["k"] = names
    out: list[str] = []
    for letter in ("p", "c", "o", "f", "d", "k"):
        items = by_type.get(letter)
        if not items:
            continue
        if letter in _VOCAB_KIND:
            shown = [_display(_VOCAB_KIND[letter], k[2:]) for k in items]
        elif letter == "f":
            shown = [_figure_text(k) for k in items]
        elif letter == "d":
            shown = [".".join(reversed(k[2:].split("-"))) for k in items]
        else:
            shown = list(items)
        shown = list(dict.fromkeys(shown))
        listed = ", ".join(shown[:_MAX_LISTED])
        if len(shown) > _MAX_LISTED:
            listed += " " + _("and {n} more").format(n=format_number(len(shown) - _MAX_LISTED))
        out.append(texts[letter].format(items=listed))
    if q_day is not None and c_day is not None:
        d = abs(q_day - c_day)
        if d == 0:
            out.append(_("published the same day"))
        else:
            out.append(ngettext("published {n} day apart", "published {n} days apart",
                                d).format(n=format_number(d)))
    return out
