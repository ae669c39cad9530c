"""Highlight marks computed in the core, so the reader and the PDF draw the same ones.

A mark is a span of a kind (country, sector, person, org, figure, quote) with a key that
says what it is ("person:tokayev", "figure:1.7e+09:USD"); the same key gets the same colour
group on both panels of a pair, so the same person or the same figure is drawn alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.analysis.model import Analysis, Figure

KINDS = ("country", "sector", "person", "org", "figure", "quote")
# Drawing order where marks of different kinds overlap (later wins), as the reader draws.
DRAW_ORDER = ("quote", "country", "sector", "person", "org", "figure")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str
    key: str
    group: int = 0


def figure_key(f: Figure) -> str:
    """Key of a figure comparable across languages: value to 3 significant digits, and the
    currency for money, "%" for percentages (the counted noun differs by language)."""
    tag = f.currency or ("%" if f.kind == "percent" else f.kind)
    return f"figure:{float(f'{f.value:.3g}'):g}:{tag}"


def _raw(text: str, analysis: Analysis, kinds: set[str]) -> list[tuple[int, int, str, str]]:
    n = len(text)
    out: list[tuple[int, int, str, str]] = []

    def add(kind: str, key: str, span) -> None:
        try:
            s, e = int(span[0]), int(span[1])
        except (TypeError, ValueError, IndexError):
            return
        s, e = max(0, s), min(n, e)
        if e > s:
            out.append((s, e, kind, key))

    for kind, tags in (("country", analysis.countries), ("sector", analysis.sectors),
                       ("person", analysis.people), ("org", analysis.orgs)):
        if kind in kinds:
            for t in tags:
                for sp in t.spans:
                    add(kind, f"{kind}:{t.id}", sp)
    if "figure" in kinds:
        for f in analysis.figures:
            add("figure", figure_key(f), f.span)
    if "quote" in kinds:
        for q in analysis.quotes:
            add("quote", f"quote:{q.speaker or ''}", q.span)
    return out


def _settle(raw: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Sorted by start; within a kind, a span overlapping an earlier kept one is dropped."""
    raw.sort(key=lambda m: (m[0], -(m[1] - m[0]), m[2]))
    ends: dict[str, int] = {}
    out = []
    for m in raw:
        if m[0] >= ends.get(m[2], -1):
            out.append(m)
            ends[m[2]] = m[1]
    return out


def _grouped(raws: list[list[tuple[int, int, str, str]]]) -> list[list[Mark]]:
    groups: dict[str, int] = {}
    per_kind: dict[str, int] = {}
    out = []
    for raw in raws:
        marks_ = []
        for s, e, kind, key in raw:
            if key not in groups:
                groups[key] = per_kind.get(kind, 0)
                per_kind[kind] = groups[key] + 1
            marks_.append(Mark(s, e, kind, key, groups[key]))
        out.append(marks_)
    return out


def marks(text: str, analysis: Analysis, kinds: set[str] | None = None) -> list[Mark]:
    """Marks of the chosen kinds, sorted by start, non-overlapping within a kind.

    Groups number the distinct keys of a kind in order of first appearance.
    """
    kinds = set(KINDS) if kinds is None else kinds
    return _grouped([_settle(_raw(text, analysis, kinds))])[0]


def pair_marks(left_text: str, left_analysis: Analysis, right_text: str,
               right_analysis: Analysis, kinds: set[str] | None = None
               ) -> tuple[list[Mark], list[Mark]]:
    """Marks of both panels; a key found on both sides has the same group on both."""
    kinds = set(KINDS) if kinds is None else kinds
    left = _settle(_raw(left_text, left_analysis, kinds))
    right = _settle(_raw(right_text, right_analysis, kinds))
    shared = {m[3] for m in left} & {m[3] for m in right}

    # shared keys are numbered first so their groups are the low, most distinct colours
    def order(raw):
        return sorted(raw, key=lambda m: (m[3] not in shared, m[0]))

    groups: dict[str, int] = {}
    per_kind: dict[str, int] = {}
    for _s, _e, kind, key in order(left) + order(right):
        if key not in groups:
            groups[key] = per_kind.get(kind, 0)
            per_kind[kind] = groups[key] + 1
    return ([Mark(s, e, k, key, groups[key]) for s, e, k, key in left],
            [Mark(s, e, k, key, groups[key]) for s, e, k, key in right])


def is_shared(mark: Mark, other: list[Mark]) -> bool:
    """Whether the other panel has a mark with the same key."""
    return any(m.key == mark.key for m in other)
