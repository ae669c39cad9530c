"""Differences between two aligned versions: figures and names found in one version only,
or figures with a different value. A difference that a unit conversion explains (miles →
km, °F → °C) is reported with note "converted", which is not an error.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import asdict, dataclass

from desktop.analysis.align_lexicon import lexicon_anchors
from desktop.analysis.alignment import Alignment, Segment, fold, number_key
from desktop.analysis.marks import figure_key
from desktop.analysis.model import Analysis

# Unit families, as written in kk/ru/en after a number, and the conversions translators make.
_UNITS = {
    "mile": r"мил[ьяиеі]|mile", "km": r"км|километр|шақырым|km\b", "ft": r"фут|\bft\b|feet|foot",
    "m": r"\bм\b|метр|\bm\b", "lb": r"фунт|\blbs?\b|pound", "kg": r"кг|килограмм|\bkg\b",
    "F": r"°\s*[FФ]|фаренгейт|fahrenheit", "C": r"°\s*[CС]|цельси|celsius|градус",
    "gal": r"галлон|gallon", "l": r"литр|\bл\b|litre|liter", "acre": r"акр|acre",
    "ha": r"гектар|\bга\b|hectare", "in": r"дюйм|inch", "cm": r"\bсм\b|сантиметр|\bcm\b",
}
_UNIT_RE = {k: re.compile(v, re.I) for k, v in _UNITS.items()}
_FACTORS = {("mile", "km"): 1.609344, ("ft", "m"): 0.3048, ("lb", "kg"): 0.453592,
            ("gal", "l"): 3.78541, ("acre", "ha"): 0.404686, ("in", "cm"): 2.54}


@dataclass
class Mismatch:
    kind: str  # "figure" | "person" | "country" | "org"
    side: str  # "left" | "right" | "both"
    left: str | None
    right: str | None
    link: int | None
    note: str = ""  # "converted" when a unit conversion explains a figure's difference

    def to_json(self) -> dict:
        return asdict(self)


def _close(a: float, b: float, tol: float = 0.02) -> bool:
    return math.isclose(a, b, rel_tol=tol) or abs(a - b) < 1e-9


_UNIT_AT = {k: re.compile(r"[\s\u00a0]*(?:" + v + ")", re.I) for k, v in _UNITS.items()}
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[ \u00a0]\d{3})*(?:[.,]\d+)?")


def unit_of(text: str, start: int, end: int) -> str | None:
    """The unit family written in the figure at [start, end) or right after it, or None."""
    inside = text[max(0, start):end]
    for name, rx in _UNIT_RE.items():
        if rx.search(inside):
            return name
    for name, rx in _UNIT_AT.items():
        if rx.match(text, end):
            return name
    return None


@dataclass
class _Item:
    text: str
    value: float
    key: str
    unit: str | None
    link: int | None
    kind: str

    @property
    def tag(self) -> str:
        """What the value counts: a unit family, a currency, "%" or the figure's kind."""
        return self.key.rsplit(":", 1)[1]


_FULL_WORD_DOT = re.compile(r"(?<=[^\W\d_]{5})\.$")


def _surface(text: str) -> str:
    """A figure as the report shows it: the sentence's full stop after a whole word
    ("5 миллион.") is not part of it; an abbreviation keeps its dot ("5 млн.")."""
    return _FULL_WORD_DOT.sub("", text)


def _items(text: str, analysis: Analysis, loc: _Locator) -> list[_Item]:
    """The analysis' figures, plus measures it does not count (a number with a unit of
    length, mass, area, volume or temperature), each with its comparison key."""
    out = []
    taken = []
    for f in analysis.figures:
        unit = unit_of(text, *f.span) if f.kind == "count" else None
        key = f"{float(f'{f.value:.3g}'):g}:{unit}" if unit else figure_key(f)
        out.append(_Item(_surface(f.text), f.value, key, unit, loc(f.span[0]), f.kind))
        taken.append(f.span)
    for m in _NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        unit = next((n for n, rx in _UNIT_AT.items() if rx.match(text, m.end())), None)
        if unit is None:
            continue
        try:
            v = float(number_key(m.group()))
        except ValueError:
            continue
        end = _UNIT_AT[unit].match(text, m.end()).end()
        out.append(_Item(text[m.start():end], v, f"{float(f'{v:.3g}'):g}:{unit}", unit,
                         loc(m.start()), "measure"))
    return out


def converted(a: float, ua: str | None, b: float, ub: str | None) -> bool:
    """Whether b in unit ub is a in unit ua converted (rounded as translators round)."""
    if not ua or not ub:
        return False
    if {ua, ub} <= {"F", "C"}:  # "градус" alone reads as Celsius: try both directions
        return any(abs((f - 32) * 5 / 9 - c) <= 1.5 for f, c in ((a, b), (b, a)))
    if ua == ub:
        return False
    if (ua, ub) in _FACTORS:
        return _close(a * _FACTORS[(ua, ub)], b, 0.05)
    if (ub, ua) in _FACTORS:
        return _close(b * _FACTORS[(ub, ua)], a, 0.05)
    return False


class _Locator:
    """Which link a text offset falls in."""

    def __init__(self, segments: list[Segment], link_of: dict[int, int]) -> None:
        order = sorted(range(len(segments)), key=lambda k: segments[k].start)
        self.starts = [segments[k].start for k in order]
        self.segs = [(segments[k], k) for k in order]
        self.link_of = link_of

    def __call__(self, pos: int) -> int | None:
        i = bisect_right(self.starts, pos) - 1
        if i < 0:
            return None
        seg, k = self.segs[i]
        if pos >= seg.end + 1:
            return None
        return self.link_of.get(k)


def _links(al: Alignment, side: str) -> dict[int, int]:
    out = {}
    for n, lk in enumerate(al.links):
        for k in lk.left if side == "left" else lk.right:
            out[k] = n
    return out


def _only(mine: list[_Item], other: list[_Item]) -> list[_Item]:
    """Items whose value the other side does not have: not the same value and unit (or
    currency) anywhere, nor one within rounding (2 %) in the same link."""
    count: dict[str, int] = {}
    for it in other:
        count[it.key] = count.get(it.key, 0) + 1
    out = []
    for it in mine:
        if count.get(it.key, 0) > 0:
            count[it.key] -= 1
        elif not any(o.link == it.link and o.tag == it.tag and _close(o.value, it.value)
                     for o in other):
            out.append(it)
    return out


def _converted_in_link(it: _Item, other: list[_Item]) -> _Item | None:
    """An item of the other side, in the same link, that is `it` in other units."""
    if it.link is None or it.unit is None:
        return None
    return next((o for o in other if o.link == it.link
                 and converted(it.value, it.unit, o.value, o.unit)), None)


def _numbers_by_link(al: Alignment, side: str, lang: str) -> dict[int, set[str]]:
    """The numbers (digits or number words, normalised) of each link's segments on a side."""
    segs = al.left if side == "left" else al.right
    out: dict[int, set[str]] = {}
    for n, lk in enumerate(al.links):
        nums: set[str] = set()
        for k in lk.left if side == "left" else lk.right:
            text = segs[k].text
            nums |= {number_key(m.group()) for m in _NUMBER.finditer(text)}
            nums |= {a[2:] for a in lexicon_anchors(text, lang) if a.startswith("n:")}
        out[n] = nums
    return out


def _written_there(it: _Item, numbers: dict[int, set[str]], other: list[_Item]) -> bool:
    """The other version writes the same number in the same link although its analysis
    read no such figure ("восемь человек", a number without a counted noun). The numeral
    as written counts only when the other side has no figure of its own in that link (so
    "$10 млрд" against "10 млн" stays a difference)."""
    if it.link is None:
        return False
    there = numbers.get(it.link, set())
    if f"{it.value:.6f}".rstrip("0").rstrip(".") in there:
        return True
    m = _NUMBER.search(it.text)
    return bool(m) and number_key(m.group()) in there and not any(
        o.link == it.link for o in other)


def _figure_mismatches(lt: str, rt: str, la: Analysis, ra: Analysis, lloc: _Locator,
                       rloc: _Locator, al: Alignment) -> list[Mismatch]:
    li, ri = _items(lt, la, lloc), _items(rt, ra, rloc)
    lnum = _numbers_by_link(al, "left", al.left_lang)
    rnum = _numbers_by_link(al, "right", al.right_lang)
    left_only = [f for f in _only(li, ri) if not _written_there(f, rnum, ri)]
    right_only = [g for g in _only(ri, li) if not _written_there(g, lnum, li)]
    out: list[Mismatch] = []
    # a value given in other units (550 фунт ↔ 250 килограмм): converted, not an error
    conv_r: set[int] = set()
    rest_left = []
    for f in left_only:
        g = _converted_in_link(f, ri)
        if g is None:
            rest_left.append(f)
            continue
        out.append(Mismatch("figure", "both", f.text, g.text, f.link, "converted"))
        conv_r |= {i for i, x in enumerate(right_only) if x is g}
    rest_right = [g for i, g in enumerate(right_only) if i not in conv_r
                  and (_converted_in_link(g, li) is None)]
    used: set[int] = set()
    for f in rest_left:
        # in the same link, the other side's figure of the same kind first, then any
        cands = [i for i, g in enumerate(rest_right)
                 if i not in used and f.link is not None and g.link == f.link]
        cands.sort(key=lambda i: rest_right[i].kind != f.kind)
        if not cands:
            out.append(Mismatch("figure", "left", f.text, None, f.link))
            continue
        used.add(cands[0])
        g = rest_right[cands[0]]
        out.append(Mismatch("figure", "both", f.text, g.text, f.link))
    out += [Mismatch("figure", "right", None, g.text, g.link)
            for i, g in enumerate(rest_right) if i not in used]
    return out


_CAPWORD = re.compile(r"[^\W\d_][\w’'-]*")


def _name_keys(text: str) -> set[str]:
    """Keys of the capitalised words of a text (names in any script or spelling)."""
    return {fold(w)[:4] for w in _CAPWORD.findall(text) if w[0].isupper() and len(w) >= 3}


def _named_in(tag, keys: set[str]) -> bool:
    """Whether the other text writes the tag's name although its analysis missed it: a
    capitalised word of the tag's phrases has the key of a capitalised word there."""
    for phrase in tag.phrases or [tag.name]:
        for w in _CAPWORD.findall(phrase or ""):
            if w[0].isupper() and len(w) >= 3 and fold(w)[:4] in keys:
                return True
    return False


def _tag_mismatches(lt_: str, rt_: str, la: Analysis, ra: Analysis, lloc: _Locator,
                    rloc: _Locator) -> list[Mismatch]:
    out: list[Mismatch] = []
    lkeys, rkeys = _name_keys(lt_), _name_keys(rt_)
    for kind, lt, rt in (("person", la.people, ra.people), ("country", la.countries, ra.countries),
                         ("org", la.orgs, ra.orgs)):
        lids = {t.id: t for t in lt}
        rids = {t.id: t for t in rt}
        for tid in lids.keys() - rids.keys():
            t = lids[tid]
            if _named_in(t, rkeys):
                continue
            pos = min((s for s, _e in t.spans), default=0)
            out.append(Mismatch(kind, "left", (t.phrases or [t.name or tid])[0], None, lloc(pos)))
        for tid in rids.keys() - lids.keys():
            t = rids[tid]
            if _named_in(t, lkeys):
                continue
            pos = min((s for s, _e in t.spans), default=0)
            out.append(Mismatch(kind, "right", None, (t.phrases or [t.name or tid])[0], rloc(pos)))
    return out


def mismatches(left_text: str, right_text: str, left_analysis: Analysis,
               right_analysis: Analysis, alignment: Alignment) -> list[Mismatch]:
    """Figures and names that differ between the versions, each with the link it falls in
    (None when its segment is not in the alignment), in reading order of the left side."""
    lloc = _Locator(alignment.left, _links(alignment, "left"))
    rloc = _Locator(alignment.right, _links(alignment, "right"))
    out = _figure_mismatches(left_text, right_text, left_analysis, right_analysis, lloc, rloc,
                             alignment)
    out += _tag_mismatches(left_text, right_text, left_analysis, right_analysis, lloc, rloc)
    out.sort(key=lambda m: (m.link is None, m.link if m.link is not None else 0))
    return out
