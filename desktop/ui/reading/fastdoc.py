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

from desktop.ui.highlight import Utf16Map

MAX_SHOWN = 600_000  # characters shown at most; beyond, the start of the text is shown
CUT_AT = 1500  # a paragraph longer than this is cut into blocks at sentence ends or spaces
_SENTENCE_END = ".!?…»\"”)"


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


def prepare(text: str, max_shown: int = MAX_SHOWN, cut_at: int = CUT_AT) -> Prepared:
    """Cut `text` to at most `max_shown` characters and long paragraphs into blocks.

    Offsets are kept: a cut replaces one whitespace character by a line break."""
    total = len(text)
    if total > max_shown:
        end = text.rfind(" ", max_shown - 2000, max_shown)
        text = text[: end if end > 0 else max_shown]
    chars: list[str] | None = None
    cuts: list[int] = []
    start = 0
    ends = [m.start() for m in re.finditer("\n", text)] + [len(text)]
    for end in ends:
        pos = start
        while end - pos > cut_at:
            lo, hi = pos + cut_at // 2, pos + cut_at
            window = text[lo:hi]
            best = -1
            for i in range(len(window) - 1, 0, -1):  # last space after a sentence end
                if window[i] == " " and window[i - 1] in _SENTENCE_END:
                    best = lo + i
                    break
            if best < 0:
                best = text.rfind(" ", lo, min(end, pos + 2 * cut_at))
            if best < 0:
                hard = text.find(" ", pos + cut_at, end)
                if hard < 0:
                    break  # one enormous word: leave it
                best = hard
            if chars is None:
                chars = list(text)
            chars[best] = "\n"
            cuts.append(best)
            pos = best + 1
        start = end + 1
    shown_text = "".join(chars) if chars is not None else text
    return Prepared(shown_text, len(shown_text), total, frozenset(cuts), Utf16Map(shown_text))


FormatFor = Callable[[object], QTextCharFormat | None]


def fill(doc: QTextDocument, prep: Prepared, marks: Sequence, format_for: FormatFor,
         para_gap: float = 0.0) -> int:
    """Replace the document's content by `prep.text` and lay the marks over it.

    `marks` have .start/.end (offsets into the source text); `format_for(mark)` gives the
    format or None to skip. Returns the number of ranges set."""
    doc.clear()
    QTextCursor(doc).insertText(prep.text)
    text = prep.text
    starts = [0] + [m.end() for m in re.finditer("\n", text)]  # block starts (source offsets)
    if para_gap > 0:
        gap = QTextBlockFormat()
        gap.setBottomMargin(para_gap)
        cur = QTextCursor(doc)
        cur.select(QTextCursor.SelectionType.Document)
        cur.mergeBlockFormat(gap)
        tight = QTextBlockFormat()
        tight.setBottomMargin(0)
        for c in prep.cuts:  # a cut is not a paragraph end: no gap after it
            QTextCursor(doc.findBlockByNumber(bisect_right(starts, c) - 1)).mergeBlockFormat(tight)
    per_block: dict[int, list[QTextLayout.FormatRange]] = {}
    n = len(text)
    u16 = prep.u16
    for mk in marks:
        s, e = max(0, int(mk.start)), min(n, int(mk.end))
        if e <= s:
            continue
        fmt = format_for(mk)
        if fmt is None:
            continue
        b = bisect_right(starts, s) - 1
        while s < e:
            bend = starts[b + 1] - 1 if b + 1 < len(starts) else n
            piece_end = min(e, bend)
            if piece_end > s:
                r = QTextLayout.FormatRange()
                base = u16(starts[b])
                r.start = u16(s) - base
                r.length = u16(piece_end) - u16(s)
                r.format = fmt
                per_block.setdefault(b, []).append(r)
            b += 1
            if b >= len(starts):
                break
            s = starts[b]
    count = 0
    for b, ranges in per_block.items():
        block = doc.findBlockByNumber(b)
        if block.isValid():
            block.layout().setFormats(ranges)
            count += len(ranges)
    doc.markContentsDirty(0, doc.characterCount())
    return count
