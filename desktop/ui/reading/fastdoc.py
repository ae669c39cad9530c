"""Fast, safe filling of a read-only QTextDocument with highlighted article text.

One QTextCharFormat per mark merged into the document fragments the text and grows much
faster than the text (a 55 KB single paragraph took 13 s). Here the text goes in with one
`insertText` (plain text: markup stays literal), very long paragraphs are cut into blocks
of bounded length (layout cost is per block), and the marks are set as layout formats of
the blocks they fall in, as QSyntaxHighlighter does, without touching the document.
Texts beyond `MAX_SHOWN` characters are shown in part; the caller says so.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument, QTextLayout

MAX_SHOWN = 300_000  # characters shown at most; beyond, the start of the text is shown
LONG_AT = 2000  # a paragraph longer than this is cut into blocks …
CUT_AT = 600  # … of about this length, at sentence ends or spaces (Qt's layout of a block
# grows faster than its length: 250 KB in 1500-character blocks lays out 3x slower)
_SENTENCE_ENDS = (". ", "! ", "? ", "… ", "» ", "\" ", "” ", ") ")
# characters that would change the document's structure or be invisible (see
# desktop.ui.highlight.display_text, whose result this matches)
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\ufffc\ufff9-\ufffb\ufdd0-\ufdef]")


def display_text(text: str) -> str:
    """Same as highlight.display_text (same length, offsets kept), fast when the text
    has nothing to replace, which is almost always."""
    if "\r" in text or _UNSAFE.search(text):
        from desktop.ui.highlight import display_text as slow

        return slow(text)
    return text


def head(text: str, max_shown: int = MAX_SHOWN) -> str:
    """The start of a text too long to show whole, cut at a space."""
    if len(text) <= max_shown:
        return text
    end = text.rfind(" ", max_shown - 2000, max_shown)
    return text[: end if end > 0 else max_shown]


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class Utf16Map:
    """Python offsets to UTF-16 positions (identity for BMP-only text; found by regex, as a
    character loop costs 0.2 s on 250 KB)."""

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]

    def __call__(self, index: int) -> int:
        if not self._astral:
            return index
        return index + bisect_right(self._astral, index - 1)


@dataclass
class Prepared:
    """The text as shown: same offsets as the source for its first `shown` characters."""

    text: str
    shown: int
    total: int
    cuts: frozenset[int]  # offsets where a space was turned into a block break
    u16: Utf16Map

    @property
    def truncated(self) -> bool:
        return self.shown < self.total


def prepare(text: str, max_shown: int = MAX_SHOWN, cut_at: int = CUT_AT,
            total: int | None = None) -> Prepared:
    """Cut `text` to at most `max_shown` characters and long paragraphs into blocks.

    Offsets are kept: a cut replaces one whitespace character by a line break."""
    total = len(text) if total is None else total
    text = head(text, max_shown)
    cuts: list[int] = []
    start = 0
    ends = [m.start() for m in re.finditer("\n", text)] + [len(text)]
    for end in ends:
        pos = start
        while end - start > max(cut_at, LONG_AT) and end - pos > cut_at:
            lo, hi = pos + cut_at // 2, pos + cut_at
            best = max(text.rfind(e, lo, hi) for e in _SENTENCE_ENDS)  # last sentence end
            best = best + 1 if best >= 0 else -1
            if best < 0:
                best = text.rfind(" ", lo, min(end, pos + 2 * cut_at))
            if best < 0:
                hard = text.find(" ", pos + cut_at, end)
                if hard < 0:
                    break  # one enormous word: leave it
                best = hard
            cuts.append(best)
            pos = best + 1
        start = end + 1
    if cuts:  # each cut turns one space into a line break: offsets are kept
        bounds = [-1, *cuts, len(text)]
        shown_text = "\n".join(text[a + 1:b] for a, b in zip(bounds, bounds[1:], strict=False))
    else:
        shown_text = text
    return Prepared(shown_text, len(shown_text), total, frozenset(cuts), Utf16Map(shown_text))


FormatFor = Callable[[object], QTextCharFormat | None]


def build(doc: QTextDocument, prep: Prepared, marks: Sequence, format_for: FormatFor,
          para_gap: float = 0.0) -> int:
    """Fill a fresh document, not shown in any view yet (a view re-lays out on every
    insertion), with `prep.text` and lay the marks over it.

    `marks` have .start/.end (offsets into the source text); `format_for(mark)` gives the
    format or None to skip. Returns the number of ranges set."""
    doc.setUndoRedoEnabled(False)
    cur = QTextCursor(doc)
    if para_gap > 0:
        gap = QTextBlockFormat()
        gap.setBottomMargin(para_gap)
        cur.setBlockFormat(gap)  # every block inserted after inherits it
    cur.insertText(prep.text)
    text = prep.text
    starts = [0] + [m.end() for m in re.finditer("\n", text)]  # block starts (source offsets)
    if para_gap > 0 and prep.cuts:
        tight = QTextBlockFormat()
        tight.setBottomMargin(0)
        for c in prep.cuts:  # a cut is not a paragraph end: no gap after it
            QTextCursor(doc.findBlockByNumber(bisect_right(starts, c) - 1)).setBlockFormat(tight)
    per_block: dict[int, list[QTextLayout.FormatRange]] = {}
    n = len(text)
    astral = bool(prep.u16._astral)
    u16 = prep.u16
    n_starts = len(starts)
    new_range = QTextLayout.FormatRange
    for mk in marks:
        s, e = int(mk.start), int(mk.end)
        if s < 0:
            s = 0
        if e > n:
            e = n
        if e <= s:
            continue
        fmt = format_for(mk)
        if fmt is None:
            continue
        b = bisect_right(starts, s) - 1
        while s < e:
            bend = starts[b + 1] - 1 if b + 1 < n_starts else n
            piece_end = e if e < bend else bend
            if piece_end > s:
                r = new_range()
                if astral:
                    us = u16(s)
                    r.start = us - u16(starts[b])
                    r.length = u16(piece_end) - us
                else:
                    r.start = s - starts[b]
                    r.length = piece_end - s
                r.format = fmt
                got = per_block.get(b)
                if got is None:
                    per_block[b] = [r]
                else:
                    got.append(r)
            b += 1
            if b >= n_starts:
                break
            s = starts[b]
    count = 0
    for b, ranges in per_block.items():
        block = doc.findBlockByNumber(b)
        if block.isValid():
            block.layout().setFormats(ranges)
            count += len(ranges)
    return count
