"""Sentence segmentation and kk ↔ ru alignment of two versions of one text (Qt-free).

Method: banded dynamic programming over beads 1:1, 1:2, 2:1, 2:2, 1:0 and 0:1. A bead's
cost adds a Gale–Church length term (letters and digits), a prior per bead type and an
anchor term. Anchors: numbers (normalised, "1,7" = "1.7") and number words, months and
weekdays (align_lexicon), Latin tokens, names folded across the two Cyrillic alphabets and
transliteration (namekey), cognates, punctuation both languages keep, and glossary terms.
Anchors count once per segment (a name repeated in a sentence does not weigh more) and are
weighted by rarity in the document; an anchor counts as evidence when both versions have
it, and a number or Latin token found in one version only counts against its sentence
being linked. A capitalised word that starts a sentence is a name only when a version also
writes it capitalised inside a sentence (Егер, Это are not names). An unaligned sentence
costs a constant (its prior only), so a sentence missing from the other version becomes a
gap instead of being glued to a neighbour; an n:m bead whose parts share no anchor with
the other side, a 2:2 bead whose parts do not cross, and a bead whose sides state
different numbers pay penalties. The band grows when the best path touches its edge,
within a bound on the number of cells, so a 1 MB article cannot hang the caller. The texts
are never modified: segments are spans into them.
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from desktop.analysis.align_lexicon import lexicon_anchors
from desktop.i18n import _

BEADS = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 0), (0, 1))
TYPES = {(a, b): f"{a}:{b}" for a, b in BEADS}

# Costs are in nats (negative log-likelihood). Round values, chosen for the model and not
# for any document: a gap costs about as much as a clearly mismatched 1:1 pair.
_PRIOR = {(1, 1): 0.0, (1, 2): 2.6, (2, 1): 2.6, (2, 2): 6.0}
_GAP = 4.0  # prior-only cost of one unaligned segment
_S2 = 14.0  # Gale–Church variance per character
_MATCH = 1.2  # bonus per unit of shared anchor weight
_MISS = 0.6  # cost per unit of anchor weight one side has and the other side's bead lacks
_NM_ORPHAN = 1.0  # an n:m part that has anchors but shares none with the other side
_NM_BARE = 0.4  # an n:m part without any anchor (weak evidence that it belongs elsewhere)
_NUM_CONFLICT = 2.0  # numbers on both sides of a bead, none in common
_WIDTH = 8  # initial half-width of the DP band; doubled while the best path touches it
_CELL_BUDGET = 250_000  # DP cells at most: bounds the time of a huge article (1 MB: seconds)


class AlignmentError(ValueError):
    """Input that cannot be aligned; str(e) is a translated message for the user."""


@dataclass
class Segment:
    text: str
    start: int
    end: int


@dataclass
class Link:
    left: tuple[int, ...]
    right: tuple[int, ...]
    type: str
    score: float = 0.0
    confirmed: bool = False

    def to_json(self) -> dict:
        """The link with its confirmed flag (as stored with a pin)."""
        return {"left": list(self.left), "right": list(self.right), "type": self.type,
                "score": round(self.score, 3), "confirmed": self.confirmed}

    @classmethod
    def from_json(cls, d: dict) -> Link:
        left, right = tuple(int(x) for x in d["left"]), tuple(int(x) for x in d["right"])
        return cls(left, right, str(d.get("type") or f"{len(left)}:{len(right)}"),
                   float(d.get("score", 0.0)), bool(d.get("confirmed", False)))


@dataclass
class Alignment:
    left: list[Segment]
    right: list[Segment]
    links: list[Link]
    left_lang: str = "kk"
    right_lang: str = "ru"
    mismatches: list = field(default_factory=list)  # filled by callers that compute them

    def to_json(self) -> dict:
        """The documented `kenes align --json` shape (README, "Command line"); unit
        conversions are not mismatches and are left out."""
        return {
            "left": {"lang": self.left_lang, "segments": [s.text for s in self.left]},
            "right": {"lang": self.right_lang, "segments": [s.text for s in self.right]},
            "links": [{"left": list(lk.left), "right": list(lk.right), "type": lk.type,
                       "score": round(lk.score, 3)} for lk in self.links],
            "mismatches": [{"kind": m.kind, "side": m.side, "left": m.left, "right": m.right,
                            "link": m.link} for m in self.mismatches
                           if getattr(m, "note", "") != "converted"],
        }

    def link_of(self, side: str, index: int) -> int | None:
        """Index of the link holding segment `index` of `side` ("left"/"right")."""
        for k, lk in enumerate(self.links):
            if index in (lk.left if side == "left" else lk.right):
                return k
        return None


# --------------------------------------------------------------------------- segmentation

# Words after which a full stop does not end a sentence (lower-cased, without the dot).
_ABBREV = frozenset("""
т.б т.с.с т.т б.з.б б.з ж жж ғ ғғ млн млрд трлн мың тыс г гг т.е т.д т.п т.к др пр
им ул обл р-н р-на руб долл тг см стр англ каз рус проф акад доц ген св тел корр
мин макс напр ок прим рис табл ст п пп ч кв км м кг га тенге т.н и.о м.а в.т.ө
а.ж ә.ғ.д ф.ғ.д т.ғ.д э.ғ.д г-н г-жа г-на им.
""".split())
# After these a capitalised word may still start a new sentence ("… 1,7 млрд. Президент").
_ENDING_ABBREV = frozenset(
    "т.б т.с.с т.т т.д т.п др млн млрд трлн тыс мың руб долл тг км м кг га см".split())

_BOUNDARY = re.compile(r"[.!?…]+[»\"”’)\]]*(?=\s)|[.!?…]+[»\"”’)\]]*$")
_TOKEN_BEFORE = re.compile(r"([\w.-]+)\.?$")


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    s = start
    for m in _BOUNDARY.finditer(text, start, end):
        e = m.end()
        nxt = e
        while nxt < end and text[nxt].isspace():
            nxt += 1
        if nxt >= end:
            break
        if not _is_break(text, s, m.start(), m.group(), nxt):
            continue
        spans.append((s, e))
        s = nxt
    if s < end:
        spans.append((s, end))
    return spans


def _is_break(text: str, s: int, dot: int, punct: str, nxt: int) -> bool:
    c = text[nxt]
    starts = c.isupper() or c.isdigit() or c in "«\"“„—–-([" or not c.isalpha()
    if not starts:
        return False
    if punct[0] != ".":
        return True
    m = _TOKEN_BEFORE.search(text, max(s, dot - 40), dot)  # a bounded look back
    word = m.group(1) if m else ""
    low = word.lower()
    before = text[m.start(1) - 1] if m and m.start(1) > s else " "
    if m and m.start(1) == s and len(word) > 1 and word.isupper() \
            and word.replace("-", "").isalpha():
        return False  # a dateline: "АСТАНА. KAZINFORM — …" is one sentence with its news
    if len(word) == 1 and word.isalpha() and word.isupper() and before not in "°º":
        return False  # an initial: "Қ. Тоқаев", "В. Путин"
    if re.fullmatch(r"(?:\w\.)+\w", word) and len(word) <= 7 and word[0].isupper():
        return False  # "Н.Ә. Назарбаев", "А.С."
    if low in _ABBREV or low.rstrip(".") in _ABBREV:
        # "млрд." followed by a capital ends a sentence; "г." / "им." before a name does not
        return low.rstrip(".") in _ENDING_ABBREV and c.isupper()
    return True


def segment(text: str, lang: str = "kk", *, lines: bool = False) -> list[Segment]:
    """Sentences of `text` (spans into it); `lines=True`: every non-empty line, as is.

    Paragraph breaks always end a segment; a paragraph without a sentence end is one
    segment. Whitespace around segments is left out of the spans.
    """
    del lang  # the rules are shared by Kazakh and Russian; kept for the interface
    out: list[Segment] = []
    for m in re.finditer(r"[^\n\r\u2028\u2029]+", text or ""):
        a, b = m.span()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        spans = [(a, b)] if lines else _sentence_spans(text, a, b)
        out.extend(Segment(text[x:y], x, y) for x, y in spans)
    return out


def _as_segments(items: Sequence[Segment] | Sequence[str]) -> list[Segment]:
    out: list[Segment] = []
    pos = 0
    for it in items:
        if isinstance(it, Segment):
            out.append(it)
        else:
            s = str(it)
            out.append(Segment(s, pos, pos + len(s)))
            pos += len(s) + 1
    return out


# --------------------------------------------------------------------------- anchors

_KK_FOLD = str.maketrans({"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у",
                          "ү": "у", "һ": "х", "і": "и", "ё": "е", "й": "и", "ы": "и",
                          "э": "е", "ъ": "", "ь": ""})
_LAT = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ю": "yu",
    "я": "ya",
})


def _fallback_key(word: str) -> str:
    s = word.lower().translate(_KK_FOLD).translate(_LAT)
    s = s.replace("kh", "h").replace("y", "i").replace("w", "u").replace("ks", "x")
    return re.sub(r"(.)\1", r"\1", s)


def _name_key(word: str) -> str:
    try:
        from desktop.analysis.namekey import name_key
    except ImportError:  # pragma: no cover - shared module not present
        return _fallback_key(word)
    return name_key(word)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Script- and spelling-independent key of a name (Тоқаев = Токаев = Tokayev)."""
    return _name_key(word)


@lru_cache(maxsize=65536)
def cognate_key(word: str) -> str:
    """Loose key of a common word for cognates (парламентінің ~ парламента): the first
    five letters of its folded Latin spelling, vowels kept."""
    return _fallback_key(word)[:5]


_WORD = re.compile(r"[^\W\d_](?:[^\W_]|[-'’](?=[^\W\d_]))*")
_NUM = re.compile(r"\d+(?:[ \u00a0\u202f]\d{3})*(?:[.,]\d+)?")
_LATIN = re.compile(r"[A-Za-z]")
# Capitalised function words that start sentences (never anchors, wherever they stand).
_FUNCTION = frozenset("""
бұл осы ол олар біз сіз мен сен ал бірақ егер және де да мұнда онда сондай себебі өйткені
сондықтан алайда дегенмен әрі не немесе соның сол бүгін кеше ертең енді қазір тағы барлық
әр бір кейбір қандай неге неліктен қалай кім қашан қайда жалпы сонымен сонда
это в во на и а но если что как так то он она они мы вы я его её их при по с со к ко от
из за для до после однако также кроме тем этот эта эти этом том той все всё его когда где
почему зачем кто какой какая какие ещё уже сегодня вчера завтра теперь здесь там поэтому
ведь даже лишь только не ни же бы или либо у о об между через под над
the a an in on at of and or but if this that it he she they we to for
""".split())


def number_key(s: str) -> str:
    """A number as written, normalised: "1,7" = "1.7", "1 700" = "1700", "2,50" = "2.5"."""
    s = re.sub(r"[ \u00a0\u202f]", "", s).replace(",", ".")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s.lstrip("0") or "0"


@dataclass
class _Feat:
    length: int
    anchors: frozenset[str]


@lru_cache(maxsize=65536)
def _word_anchors(word: str) -> tuple[frozenset[str], str | None]:
    """(anchors a word always gives, the name key it gives unless it starts a sentence)."""
    out: set[str] = set()
    lead = None
    # hyphenated names are keyed by part: "аль-Муалем", "Қасым-Жомарт"
    for k, w in enumerate(re.split(r"[-'’]", word) if "-" in word else (word,)):
        if not w:
            continue
        low = w.lower()
        if _LATIN.match(w):
            if len(w) >= 2 and low not in _FUNCTION:
                out.add("k:" + fold(w)[:4])
                out.add("l:" + low)
        elif w[0].isupper() and len(w) >= 3 and low not in _FUNCTION:
            # four consonants of the skeleton: an ending the key keeps or strips
            # wrongly (Дептфорда, Дептфордтағы) does not split one name in two
            key = "k:" + fold(w)[:4]
            if k == 0 and not w.isupper():
                lead = key
            else:
                out.add(key)
        if len(w) >= 6 and not w.isupper():
            out.add("c:" + cognate_key(w))
    return frozenset(out), lead


def _raw_anchors(text: str) -> tuple[set[str], set[str]]:
    """(anchors, capitalised sentence-initial candidates) of one segment."""
    out: set[str] = {"n:" + number_key(m.group()) for m in _NUM.finditer(text)}
    initial: set[str] = set()
    first = True
    for word in _WORD.findall(text):
        always, lead = _word_anchors(word)
        out |= always
        if lead is not None:
            # a capitalised first word counts only if the texts use it as a name elsewhere
            (initial if first else out).add(lead)
        first = False
    # punctuation both languages keep: a question, an exclamation, a quotation, brackets
    for ch, tag in (("?", "?"), ("!", "!"), ("«", "q"), ("“", "q"), ('"', "q"), ("„", "q"),
                    ("(", "("), (":", ":")):
        if ch in text:
            out.add("p:" + tag)
    return out, initial


def _length(text: str) -> int:
    """Letters and digits (punctuation and quotation styles differ between the languages
    and their outlets), at least 1."""
    return sum(map(str.isalnum, text)) or 1


def _side(segs: list[Segment], lang: str) -> list[tuple[set[str], set[str]]]:
    """(anchors, sentence-initial capitalised candidates) per segment of one side."""
    raw = [_raw_anchors(s.text) for s in segs]
    if lang in ("kk", "ru"):
        for (anchors, _i), s in zip(raw, segs, strict=True):
            anchors |= lexicon_anchors(s.text, lang)
    return raw


def _names(raw: list[tuple[set[str], set[str]]]) -> set[str]:
    return {a for anchors, _i in raw for a in anchors if a.startswith("k:")}


def _features(segs: list[Segment], glossary_hits: list[set[str]], lang: str,
              raw: list | None = None, names: set[str] | None = None) -> list[_Feat]:
    """Length and anchors of every segment. A capitalised word that starts a sentence is a
    name only if the texts also write it capitalised inside a sentence (`names`)."""
    raw = _side(segs, lang) if raw is None else raw
    names = _names(raw) if names is None else names
    feats = []
    for k, (s, (anchors, initial)) in enumerate(zip(segs, raw, strict=True)):
        a = anchors | (initial & names)
        if glossary_hits:
            a |= glossary_hits[k]
        feats.append(_Feat(_length(s.text), frozenset(a)))
    return feats


_TYPE_WEIGHT = {"d": 1.5, "n": 2.0, "k": 1.5, "g": 1.5, "c": 0.8, "l": 0.5, "p": 1.0}
# Numbers and Latin tokens are written alike in both languages, so one found on one side
# only is evidence that its sentence has no counterpart (a dropped sentence becomes a gap).
_ONE_SIDED = {"n": 1.0, "l": 0.5}


def _spread(df: int) -> float:
    """How much an anchor's weight drops with the number of segments holding it."""
    return math.sqrt(df)


def _weights(left: list[_Feat], right: list[_Feat]) -> dict[str, float]:
    """Weight of every anchor found on both sides (rarer in the document weighs more),
    and of numbers and Latin tokens found on one side only."""
    dl: dict[str, int] = {}
    dr: dict[str, int] = {}
    for f in left:
        for a in f.anchors:
            dl[a] = dl.get(a, 0) + 1
    for f in right:
        for a in f.anchors:
            dr[a] = dr.get(a, 0) + 1
    w = {a: _TYPE_WEIGHT[a[0]] / _spread(max(n, dr[a])) for a, n in dl.items() if a in dr}
    for d, other in ((dl, dr), (dr, dl)):
        for a, n in d.items():
            if a not in other and a[0] in _ONE_SIDED:
                w[a] = _ONE_SIDED[a[0]] / _spread(n)
    return w


def _glossary_hits(glossary, left: list[Segment], right: list[Segment],
                   left_lang: str) -> tuple[list, list]:
    if glossary is None:
        return [], []
    try:
        return glossary.segment_hits([s.text for s in left], [s.text for s in right],
                                     left_lang=left_lang)
    except AttributeError:  # a glossary without per-segment matching: no anchors from it
        return [], []


# --------------------------------------------------------------------------- costs


def _norm_sf(x: float) -> float:
    """Two-tailed tail probability of a standard normal at |x|."""
    return math.erfc(abs(x) / math.sqrt(2))


def _len_cost(l1: int, l2: int, ratio: float) -> float:
    mean = (l1 * ratio + l2) / 2
    d = (l2 - l1 * ratio) / math.sqrt(_S2 * mean)
    p = _norm_sf(d)
    return -math.log(p) if p > 1e-12 else 27.6


def _length_ratio(lf: list[_Feat], rf: list[_Feat]) -> float:
    """Expected right length per left character. The texts' totals tell it when both are
    whole versions (Kazakh and Russian run within about a third of each other); when one
    is much shorter it is only part of the other (a lead, a half), its total says nothing
    about a sentence's length, and the language pair's ratio (about 1) is used instead."""
    tl = sum(f.length for f in lf) or 1
    tr = sum(f.length for f in rf) or 1
    by_total = tr / tl
    return by_total if 0.6 <= by_total <= 1.67 else 1.0


class _Scorer:
    """Bead costs; anchor sets and their weights are precomputed per segment and per pair of
    neighbouring segments, so one cost is a few set operations."""

    def __init__(self, lf: list[_Feat], rf: list[_Feat], w: dict[str, float]) -> None:
        self.lf, self.rf, self.w = lf, rf, w
        self.ratio = _length_ratio(lf, rf)
        # only anchors in `w` are evidence (found on both sides, or numbers on one side)
        self.la = [frozenset(a for a in f.anchors if a in w) for f in lf]
        self.ra = [frozenset(a for a in f.anchors if a in w) for f in rf]
        self.la2 = [x | y for x, y in zip(self.la, self.la[1:], strict=False)]
        self.ra2 = [x | y for x, y in zip(self.ra, self.ra[1:], strict=False)]
        self.ln = [frozenset(a for a in x if a[0] == "n") for x in self.la]
        self.rn = [frozenset(a for a in x if a[0] == "n") for x in self.ra]
        self.ln2 = [x | y for x, y in zip(self.ln, self.ln[1:], strict=False)]
        self.rn2 = [x | y for x, y in zip(self.rn, self.rn[1:], strict=False)]
        self.lm = [self._mass(x) for x in self.la]
        self.rm = [self._mass(x) for x in self.ra]
        self.lm2 = [self._mass(x) for x in self.la2]
        self.rm2 = [self._mass(x) for x in self.ra2]
        self.ll = [f.length for f in lf]
        self.rl = [f.length for f in rf]
        self._lc: dict[tuple[int, int], float] = {}

    def _mass(self, s) -> float:
        w = self.w
        return sum(w[a] for a in s)

    def length_cost(self, l1: int, l2: int) -> float:
        key = (l1, l2)
        c = self._lc.get(key)
        if c is None:
            c = self._lc[key] = _len_cost(l1, l2, self.ratio)
        return c

    def _parts(self, i: int, a: int, j: int, b: int):
        if a == 1:
            L, ml, l1 = self.la[i], self.lm[i], self.ll[i]
        else:
            L, ml, l1 = self.la2[i], self.lm2[i], self.ll[i] + self.ll[i + 1]
        if b == 1:
            R, mr, l2 = self.ra[j], self.rm[j], self.rl[j]
        else:
            R, mr, l2 = self.ra2[j], self.rm2[j], self.rl[j] + self.rl[j + 1]
        inter = L & R
        shared = self._mass(inter) if inter else 0.0
        return L, R, shared, ml + mr - 2 * shared, self.length_cost(l1, l2)

    def cost(self, i: int, a: int, j: int, b: int) -> float:
        """Cost of left[i:i+a] with right[j:j+b], a and b at least 1 (the DP's hot path)."""
        if a == 1:
            L, ml, l1, LN = self.la[i], self.lm[i], self.ll[i], self.ln[i]
        else:
            L, ml, l1, LN = self.la2[i], self.lm2[i], self.ll[i] + self.ll[i + 1], self.ln2[i]
        if b == 1:
            R, mr, l2, RN = self.ra[j], self.rm[j], self.rl[j], self.rn[j]
        else:
            R, mr, l2, RN = self.ra2[j], self.rm2[j], self.rl[j] + self.rl[j + 1], self.rn2[j]
        shared = 0.0
        if not L.isdisjoint(R):
            w = self.w
            for x in L & R:
                shared += w[x]
        lc = self._lc.get((l1, l2))
        if lc is None:
            lc = self._lc[(l1, l2)] = _len_cost(l1, l2, self.ratio)
        cost = lc + _PRIOR[(a, b)] - _MATCH * shared + _MISS * (ml + mr - 2 * shared)
        if LN and RN and LN.isdisjoint(RN):
            cost += _NUM_CONFLICT  # both sides state numbers, and not the same ones
        if a == 1 and b == 1:
            return cost
        la, ra = self.la, self.ra
        # inlined _orphan: this is the innermost loop
        if a == 2:
            for part in (la[i], la[i + 1]):
                cost += (_NM_ORPHAN if part.isdisjoint(R) else 0.0) if part else _NM_BARE
        if b == 2:
            for part in (ra[j], ra[j + 1]):
                cost += (_NM_ORPHAN if part.isdisjoint(L) else 0.0) if part else _NM_BARE
            if a == 2 and (la[i].isdisjoint(ra[j + 1]) and la[i + 1].isdisjoint(ra[j])
                           and not la[i].isdisjoint(ra[j])
                           and not la[i + 1].isdisjoint(ra[j + 1])):
                cost += _NM_ORPHAN  # nothing crosses: two 1:1 beads, not one 2:2
        return cost

    def confidence(self, i: int, a: int, j: int, b: int) -> float:
        """0..1: how well lengths and anchors agree (0.5 for a gap: no evidence either way;
        a link without any anchor stays below about 0.55)."""
        if a == 0 or b == 0:
            return 0.5
        _L, _R, shared, miss, lc = self._parts(i, a, j, b)
        total = shared + miss
        agree = shared / total if total else 0.25  # no anchors: little evidence
        return max(0.0, min(1.0, 0.4 * math.exp(-lc / 2) + 0.6 * agree))


def _dp(sc: _Scorer, n: int, m: int, width: int) -> tuple[list[tuple[int, int, int, int]], bool]:
    """Best bead path within a diagonal band; also whether it touched the band edge."""
    inf = math.inf
    slope = m / n if n else 0.0
    lo = [0] * (n + 1)
    hi = [0] * (n + 1)
    for i in range(n + 1):
        c = i * slope
        lo[i] = max(0, int(c) - width)
        hi[i] = min(m, int(c) + width + 1)
    lo[n], hi[n] = min(lo[n], m), m
    lo[0] = 0
    cost: list[list[float]] = []
    back: list[list[int]] = []
    bead = sc.cost
    gap = _GAP
    pairs = [(k, a, b) for k, (a, b) in enumerate(BEADS) if a and b]
    for i in range(n + 1):
        lo_i = lo[i]
        row_c = [inf] * (hi[i] - lo_i + 1)
        row_b = [-1] * (hi[i] - lo_i + 1)
        cost.append(row_c)  # a 0:1 bead reads the row being filled
        back.append(row_b)
        prev_row, lo_p = (cost[i - 1], lo[i - 1]) if i else (None, 0)
        for j in range(lo_i, hi[i] + 1):
            if i == 0 and j == 0:
                row_c[0], row_b[0] = 0.0, -2
                continue
            best, arg = inf, -1
            if j > lo_i:  # 0:1
                c = row_c[j - 1 - lo_i] + gap
                if c < best:
                    best, arg = c, 5
            if prev_row is not None and lo_p <= j <= hi[i - 1]:  # 1:0
                c = prev_row[j - lo_p] + gap
                if c < best:
                    best, arg = c, 4
            for k, a, b in pairs:
                pi, pj = i - a, j - b
                if pi < 0 or pj < lo[pi] or pj > hi[pi]:
                    continue
                prev = cost[pi][pj - lo[pi]]
                if prev == inf:
                    continue
                c = prev + bead(pi, a, pj, b)
                if c < best:
                    best, arg = c, k
            row_c[j - lo_i] = best
            row_b[j - lo_i] = arg
    path = []
    i, j = n, m
    edge = False
    while i > 0 or j > 0:
        k = back[i][j - lo[i]]
        if k < 0:
            break
        if (lo[i] > 0 and j - lo[i] <= 1) or (hi[i] < m and hi[i] - j <= 1):
            edge = True
        a, b = BEADS[k]
        path.append((i - a, a, j - b, b))
        i, j = i - a, j - b
    path.reverse()
    return path, edge


def align(left: Sequence[Segment] | Sequence[str], right: Sequence[Segment] | Sequence[str], *,
          left_lang: str = "kk", right_lang: str = "ru", glossary=None) -> Alignment:
    """Align two versions of a text; every segment index appears in exactly one link.

    Raises AlignmentError (with a message for the user) when both texts are in the same
    language or neither has any text. One empty side gives an alignment of gaps.
    """
    if left_lang == right_lang and left_lang in ("kk", "ru"):
        raise AlignmentError(_("Both texts are in the same language; choose a Kazakh and a "
                               "Russian text to align."))
    ls, rs = _as_segments(left), _as_segments(right)
    if not ls and not rs:
        raise AlignmentError(_("Neither text has any sentences to align."))
    n, m = len(ls), len(rs)
    if not n or not m:
        links = [Link((i,), (), "1:0", 0.0) for i in range(n)] + \
                [Link((), (j,), "0:1", 0.0) for j in range(m)]
        return Alignment(ls, rs, links, left_lang, right_lang)
    gl, gr = _glossary_hits(glossary, ls, rs, left_lang)
    lraw, rraw = _side(ls, left_lang), _side(rs, right_lang)
    names = _names(lraw) | _names(rraw)  # a name either version writes inside a sentence
    lf = _features(ls, gl, left_lang, lraw, names)
    rf = _features(rs, gr, right_lang, rraw, names)
    sc = _Scorer(lf, rf, _weights(lf, rf))
    width = max(_WIDTH, max(n, m) // 20)  # the band follows the m/n diagonal
    cap = max(6, _CELL_BUDGET // (2 * max(n, m)))
    width = min(width, cap)
    while True:
        path, edge = _dp(sc, n, m, width)
        if not edge or width >= max(n, m) or width >= cap:
            break
        width = min(cap, width * 2)
    links = []
    for i, a, j, b in path:
        score = sc.confidence(i, a, j, b)
        links.append(Link(tuple(range(i, i + a)), tuple(range(j, j + b)), TYPES[(a, b)],
                          round(score, 3)))
    return Alignment(ls, rs, links, left_lang, right_lang)


# --------------------------------------------------------------------------- edits


def _type(left: tuple[int, ...], right: tuple[int, ...]) -> str:
    return f"{len(left)}:{len(right)}"


def _ordered(links: list[Link]) -> list[Link]:
    """Links in reading order: by left position, a right-only link after its predecessor."""
    where: dict[int, float] = {}
    for lk in links:
        if lk.left:
            for r in lk.right:
                where[r] = min(lk.left)

    def key(lk: Link) -> tuple[float, float]:
        if lk.left:
            return (min(lk.left), min(lk.right) if lk.right else -1)
        r = min(lk.right)
        prev = max((where[x] for x in where if x < r), default=-1)
        return (prev + 0.5, r)

    return sorted(links, key=key)


def _check(al: Alignment, *idx: int) -> None:
    for k in idx:
        if not 0 <= k < len(al.links):
            raise AlignmentError(_("There is no such link."))


def join(al: Alignment, link_a: int, link_b: int) -> Alignment:
    """Merge two links into one (both sides' segments), confirmed."""
    _check(al, link_a, link_b)
    if link_a == link_b:
        return al
    a, b = al.links[link_a], al.links[link_b]
    left = tuple(sorted(set(a.left) | set(b.left)))
    right = tuple(sorted(set(a.right) | set(b.right)))
    new = Link(left, right, _type(left, right), 1.0, True)
    rest = [lk for k, lk in enumerate(al.links) if k not in (link_a, link_b)]
    return replace(al, links=_ordered([*rest, new]))


def split(al: Alignment, link: int) -> Alignment:
    """Break an n:m link into 1:1 links in order, leftover segments becoming gaps."""
    _check(al, link)
    lk = al.links[link]
    if len(lk.left) + len(lk.right) <= 2:
        raise AlignmentError(_("This link joins one segment on each side at most; there is "
                               "nothing to split."))
    parts = []
    for x, y in zip(lk.left, lk.right, strict=False):
        parts.append(Link((x,), (y,), "1:1", 1.0, True))
    k = min(len(lk.left), len(lk.right))
    parts += [Link((x,), (), "1:0", 1.0, True) for x in lk.left[k:]]
    parts += [Link((), (y,), "0:1", 1.0, True) for y in lk.right[k:]]
    rest = [x for i, x in enumerate(al.links) if i != link]
    return replace(al, links=_ordered([*rest, *parts]))


def relink(al: Alignment, left_idx: int, right_idx: int) -> Alignment:
    """Link left segment `left_idx` with right segment `right_idx` (1:1), confirmed; what
    they were linked with before stays linked without them, or becomes a gap."""
    if not (0 <= left_idx < len(al.left) and 0 <= right_idx < len(al.right)):
        raise AlignmentError(_("There is no such segment."))
    out = []
    for lk in al.links:
        if left_idx in lk.left or right_idx in lk.right:
            left = tuple(x for x in lk.left if x != left_idx)
            right = tuple(y for y in lk.right if y != right_idx)
            if left and right:
                out.append(Link(left, right, _type(left, right), lk.score, True))
            else:
                out += [Link((x,), (), "1:0", lk.score, True) for x in left]
                out += [Link((), (y,), "0:1", lk.score, True) for y in right]
        else:
            out.append(lk)
    out.append(Link((left_idx,), (right_idx,), "1:1", 1.0, True))
    return replace(al, links=_ordered(out))


def unlink(al: Alignment, link: int) -> Alignment:
    """Turn a link into gaps: each of its segments unaligned, confirmed."""
    _check(al, link)
    lk = al.links[link]
    parts = [Link((x,), (), "1:0", 1.0, True) for x in lk.left]
    parts += [Link((), (y,), "0:1", 1.0, True) for y in lk.right]
    rest = [x for i, x in enumerate(al.links) if i != link]
    return replace(al, links=_ordered([*rest, *parts]))


def is_complete(al: Alignment) -> bool:
    """Every segment of each side in exactly one link (the invariant edits keep)."""
    ls = [x for lk in al.links for x in lk.left]
    rs = [y for lk in al.links for y in lk.right]
    return sorted(ls) == list(range(len(al.left))) and sorted(rs) == list(range(len(al.right)))


def mismatches(left_text: str, right_text: str, left_analysis, right_analysis,
               alignment: Alignment) -> list:
    """Figures and names that differ between the versions (see analysis.divergence)."""
    from desktop.analysis.divergence import mismatches as _mismatches

    return _mismatches(left_text, right_text, left_analysis, right_analysis, alignment)


def __getattr__(name: str):
    if name == "Mismatch":  # defined beside the comparison, which imports this module
        from desktop.analysis.divergence import Mismatch

        return Mismatch
    raise AttributeError(name)
