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
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from desktop.analysis.namekey import name_key
from desktop.i18n import _, format_number, ngettext

__all__ = [
    "Candidate", "PairDoc", "anchors", "anchor_token", "doc_tokens", "score_pair",
    "rank", "reasons", "day_of", "lang_prefix", "candidate_keys", "MIN_SCORE",
]

# type letter → weight: the anchors that identify an event (people, figures, dates) count
# more than those shared by much unrelated news (countries)
TYPE_WEIGHT = {"p": 3.0, "o": 2.0, "c": 1.0, "f": 3.0, "d": 2.0, "n": 1.5, "l": 1.5, "k": 1.5}
EVIDENCE_SCALE = 12.0  # M0: idf-weighted shared mass at which evidence is 63 %
MIN_SCORE = 0.05  # below this a candidate is not offered
TRANSLATION_COVERAGE = 0.5  # share of the smaller anchor set found in the other
TRANSLATION_EVIDENCE = 0.5
TRANSLATION_LENGTH_RATIO = 0.55  # shorter / longer text, characters
TRANSLATION_MAX_DAYS = 2
RESCORE = 30  # candidates from the index that get the full score
POSTINGS_MIN_BUDGET = 2000  # postings read per query: rarest anchors first


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
    """What pairing knows about one stored article."""

    id: int
    lang: str
    day: int | None
    length: int
    tokens: frozenset[str]


# --------------------------------------------------------------------------- anchors

_NUM = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)(?![.,]?\d)")
_LATIN = re.compile(r"(?<![^\W\d_])[A-Za-z][A-Za-z0-9&]*(?:[.'-][A-Za-z0-9]+)*")
_CAP = re.compile(r"[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:-[А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі]+)*")
_SENTENCE_START = set(".!?…:;«\"“„(—–-\n")
_MONTHS = (
    ("01", ("январ", "қаңтар")), ("02", ("феврал", "ақпан")), ("03", ("март", "наурыз")),
    ("04", ("апрел", "сәуір")), ("05", ("мая", "май", "мае", "мамыр")), ("06", ("июн", "маусым")),
    ("07", ("июл", "шілде")), ("08", ("август", "тамыз")), ("09", ("сентябр", "қыркүйек")),
    ("10", ("октябр", "қазан")), ("11", ("ноябр", "қараша")), ("12", ("декабр", "желтоқсан")),
)
_MONTH_RE = "|".join(s for _m, stems in _MONTHS for s in stems)
_DATE = re.compile(rf"(?<!\d)(\d{{1,2}})(?:-?(?:ші|шы))?\s+((?:{_MONTH_RE})\w*)", re.IGNORECASE)
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)|(?<!\d)(\d{1,2})\.(\d{2})\.(\d{4})(?!\d)")


def _month(word: str) -> str | None:
    w = word.lower()
    for m, stems in _MONTHS:
        if any(w.startswith(s) for s in stems):
            return m
    return None


def _num(s: str) -> str:
    v = float(s.replace(",", "."))
    return format(v, "g")


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_START


def anchors(text: str, analysis, lang: str | None = None) -> dict[str, str]:
    """Anchors of a text → a label for each (the first surface, for reasons in words).

    Keys are typed: "p:tokayev", "f:1.7e+09:USD", "n:32", "d:11-15", "l:kazinform", "k:tkv";
    "t:<name key>" entries (empty label) name words of tagged phrases, for reasons only.
    `analysis` is an `Analysis` (or its JSON dict).
    """
    out: dict[str, str] = {}

    def add(key: str, label: str) -> None:
        out.setdefault(key, label)

    get = analysis.get if isinstance(analysis, dict) else (lambda k, d=None: getattr(analysis, k, d))
    for kind, letter in (("people", "p"), ("orgs", "o"), ("countries", "c")):
        for t in get(kind, []) or []:
            tid = t["id"] if isinstance(t, dict) else t.id
            name = t.get("name") if isinstance(t, dict) else t.name
            add(f"{letter}:{tid}", name or tid)
            for ph in (t.get("phrases") if isinstance(t, dict) else t.phrases) or []:
                for w in ph.split():
                    out.setdefault("t:" + name_key(w), "")
    for f in get("figures", []) or []:
        fd = f if isinstance(f, dict) else vars(f)
        unit = fd.get("currency") or ("%" if fd.get("kind") == "percent" else fd.get("kind"))
        add(f"f:{float(fd['value']):.3g}:{unit}", fd.get("text") or "")
    for m in _DATE.finditer(text):
        mon = _month(m.group(2))
        day = int(m.group(1))
        if mon and 1 <= day <= 31:
            add(f"d:{mon}-{day:02d}", m.group(0))
    for m in _ISO.finditer(text):
        if m.group(1):
            add(f"d:{m.group(2)}-{m.group(3)}", m.group(0))
        else:
            add(f"d:{m.group(5)}-{int(m.group(4)):02d}", m.group(0))
    for m in _NUM.finditer(text):
        add("n:" + _num(m.group(1)), m.group(1))
    for m in _LATIN.finditer(text):
        w = m.group(0)
        if len(w) >= 2:
            add("l:" + w.lower(), w)
    for m in _CAP.finditer(text):
        if _sentence_initial(text, m.start()):
            continue
        k = name_key(m.group(0))
        if len(k.replace("-", "")) >= 2:
            add("k:" + k, m.group(0))
    return out


def anchor_token(key: str) -> str:
    """Short index token of an anchor key: type letter + 11 hex digits (44-bit hash)."""
    b = key.encode()
    return f"{key[0]}{zlib.crc32(b):08x}{zlib.adler32(b) & 0xFFF:03x}"


def doc_tokens(text: str, analysis, lang: str | None = None) -> str:
    """Space-separated anchor tokens of a text, as stored in the library's pairing index."""
    return " ".join(sorted({anchor_token(k) for k in anchors(text, analysis, lang)
                            if not k.startswith("t:")}))


def lang_prefix(lang: str) -> str:
    """Letter that language-qualifies index tokens, so a query reads one language's postings."""
    return {"kk": "k", "ru": "r"}.get(lang, "x")


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
    evidence: float
    shared: frozenset[str]


def score_pair(q: PairDoc, c: PairDoc, idf_of: Mapping[str, float]) -> Score:
    """Score of candidate `c` for query `q`; `idf_of` gives the idf of q's tokens in c's language."""
    shared = q.tokens & c.tokens
    if not shared:
        return Score(0.0, "same_event", 0.0, 0.0, frozenset())
    s = sum(_tw(t) for t in shared)
    tq = sum(_tw(t) for t in q.tokens)
    tc = sum(_tw(t) for t in c.tokens)
    coverage = s / max(min(tq, tc), 1e-9)
    mass = sum(_tw(t) * idf_of.get(t, 0.1) for t in shared)
    evidence = 1.0 - math.exp(-mass / EVIDENCE_SCALE)
    score = coverage * evidence * _date_factor(q.day, c.day)
    ratio = min(q.length, c.length) / max(q.length, c.length, 1)
    close = q.day is None or c.day is None or abs(q.day - c.day) <= TRANSLATION_MAX_DAYS
    translation = (coverage >= TRANSLATION_COVERAGE and evidence >= TRANSLATION_EVIDENCE
                   and ratio >= TRANSLATION_LENGTH_RATIO and close)
    return Score(score, "translation" if translation else "same_event", coverage, evidence,
                 frozenset(shared))


def candidate_keys(tokens: Iterable[str], df: Mapping[str, int], n_other: int) -> list[str]:
    """The query tokens whose postings are read: rarest first, within a postings budget."""
    budget = max(POSTINGS_MIN_BUDGET, n_other // 25)
    present = sorted((df[t], t) for t in tokens if df.get(t, 0) > 0)
    out, used = [], 0
    for d, t in present:
        if used + d > budget:
            break
        used += d
        out.append(t)
    return out


def rank(q: PairDoc, postings: Callable[[str], Sequence[int]], df: Mapping[str, int],
         n_other: int, load: Callable[[Sequence[int]], list[PairDoc]],
         top: int = 5) -> list[tuple[PairDoc, Score]]:
    """Best candidates for q: accumulate idf weight over the rare tokens' postings, then
    score the leading `RESCORE` fully. `postings(token)` → ids in the other language;
    `df` covers q's tokens; `load(ids)` → their PairDocs."""
    idf_of = {t: idf(df.get(t, 0), n_other) for t in q.tokens}
    acc: dict[int, float] = {}
    for t in candidate_keys(q.tokens, df, n_other):
        w = _tw(t) * idf_of[t]
        for i in postings(t):
            if i != q.id:
                acc[i] = acc.get(i, 0.0) + w
    if not acc:
        return []
    best = sorted(acc.items(), key=lambda kv: (-kv[1], kv[0]))[: max(RESCORE, top * 3)]
    scored = []
    for c in load([i for i, _w in best]):
        s = score_pair(q, c, idf_of)
        if s.score >= MIN_SCORE:
            scored.append((c, s))
    scored.sort(key=lambda cs: (-cs[1].score, cs[0].id))
    return scored[:top]


# --------------------------------------------------------------------------- reasons

_GROUPS = (
    ("p", "person"), ("c", "country"), ("o", "org"), ("f", None), ("d", None), ("k", None),
    ("l", None), ("n", None),
)
_MAX_LISTED = 4


def _display(kind: str, tid: str, fallback: str) -> str:
    try:
        from desktop.analysis.pipeline import vocabulary
        from desktop.i18n import current_language

        names = vocabulary(kind).get(tid)
        if names:
            return names.get(current_language()) or names.get("en") or fallback
    except Exception:  # noqa: BLE001 - a name is only decoration of a reason
        pass
    return fallback


def reasons(labels: Mapping[str, str], shared_tokens: frozenset[str], q_day: int | None,
            c_day: int | None) -> list[str]:
    """Reasons in words for a pair, in the interface language (translated now)."""
    by_type: dict[str, list[str]] = {}
    for key, label in labels.items():
        if anchor_token(key) not in shared_tokens:
            continue
        by_type.setdefault(key[0], []).append((key, label))
    out: list[str] = []
    texts = {
        "p": _("shared people: {items}"), "c": _("shared countries: {items}"),
        "o": _("shared organisations: {items}"), "f": _("same figures: {items}"),
        "d": _("same dates: {items}"), "k": _("shared names: {items}"),
        "l": _("shared Latin words: {items}"), "n": _("same numbers: {items}"),
    }
    names_seen: set[str] = set()
    shown_text: list[str] = []
    covered = {k[2:] for k in labels if k.startswith("t:")}  # name keys of tagged phrases
    for letter, kind in _GROUPS:
        items = by_type.get(letter)
        if not items:
            continue
        shown = []
        for key, label in items:
            if kind is not None:
                name = _display(kind, key.split(":", 1)[1], label)
            elif letter == "k" and key[2:] in covered:
                continue  # already said as a person, country or organisation
            elif letter == "n" and any(label in x for x in shown_text):
                continue  # already part of a figure or date
            else:
                name = label
            if name and name.lower() not in names_seen:
                names_seen.add(name.lower())
                shown.append(name)
        if not shown:
            continue
        shown_text += shown
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
