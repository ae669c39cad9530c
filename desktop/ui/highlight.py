"""Highlight kinds, their colours and span bookkeeping for the reader (no widgets here).

Spans from the analysis are Python string offsets into `Article.full_text()`; Qt documents
count UTF-16 code units, so offsets are converted before use.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtGui import QColor

from desktop.analysis.model import Analysis
from desktop.i18n import N_

# kind -> (label marked for translation, RGB); drawn semi-transparent so both light and dark
# palettes keep the text readable.
KINDS: dict[str, tuple[str, tuple[int, int, int]]] = {
    "country": (N_("Countries"), (66, 133, 244)),
    "sector": (N_("Sectors"), (52, 168, 83)),
    "person": (N_("People"), (171, 71, 188)),
    "org": (N_("Organisations"), (0, 172, 193)),
    "figure": (N_("Figures"), (251, 140, 0)),
    "quote": (N_("Quotes"), (158, 158, 158)),
}
KIND_ORDER = ("quote", "country", "sector", "person", "org", "figure")  # later wins overlaps
ALPHA = 90


def colour(kind: str, alpha: int = ALPHA) -> QColor:
    """The highlight colour of a kind, semi-transparent."""
    r, g, b = KINDS[kind][1]
    return QColor(r, g, b, alpha)


@dataclass(frozen=True)
class Mark:
    """One highlighted span: kind, tag id (or "" for figures/quotes) and [start, end)."""

    kind: str
    key: str
    start: int
    end: int


def marks(analysis: Analysis, text_len: int) -> list[Mark]:
    """Every span of the analysis as a Mark, clipped to the text, in drawing order."""
    out: list[Mark] = []

    def add(kind: str, key: str, span) -> None:
        try:
            s, e = int(span[0]), int(span[1])
        except (TypeError, ValueError, IndexError):
            return
        s, e = max(0, s), min(text_len, e)
        if e > s:
            out.append(Mark(kind, key, s, e))

    for q in analysis.quotes:
        add("quote", q.speaker or "", q.span)
    for kind, tags in (("country", analysis.countries), ("sector", analysis.sectors),
                       ("person", analysis.people), ("org", analysis.orgs)):
        for t in tags:
            for sp in t.spans:
                add(kind, t.id, sp)
    for f in analysis.figures:
        add("figure", f.text, f.span)
    order = {k: i for i, k in enumerate(KIND_ORDER)}
    out.sort(key=lambda m: (order[m.kind], m.start))
    return out


class Utf16Map:
    """Converts Python string offsets to UTF-16 offsets (identity for BMP-only text)."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

    def __call__(self, index: int) -> int:
        if not self._astral:
            return index
        return index + bisect_right(self._astral, index - 1)


_SAFE = {c: 0x2400 + c for c in range(32) if c not in (9, 10)}
_SAFE[0x7F] = 0x2421
_SAFE.update({0x2028: 10, 0x2029: 10, 0xFFFC: 0xFFFD, 0xFFF9: 0xFFFD, 0xFFFA: 0xFFFD,
              0xFFFB: 0xFFFD})
_SAFE.update({c: 0xFFFD for c in range(0xFDD0, 0xFDF0)})


def display_text(text: str) -> str:
    """Same length as `text`, with control and document-structure characters made visible.

    Offsets stay valid; \\r\\n shows as one line break, lone \\r as a break.
    """
    text = text.replace("\r\n", " \n")
    table = dict(_SAFE)
    table[13] = 10
    return text.translate(table)
