"""One side of the pair: header (which article, which role) and the highlighted text.

The text is a read-only QTextEdit filled by `fastdoc` (plain text, marks as layout
formats). Segment geometry (top/bottom of a segment in viewport pixels) feeds the
connector strip and the synchronised scrolling.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QWidget,
)

from desktop.i18n import _
from desktop.ui import search_highlight
from desktop.ui.plain import plain_tooltip
from desktop.ui.reading import fastdoc
from desktop.ui.reading.common import SafeDocument, article_meta, plain_label, selection_phrase

Extra = QTextEdit.ExtraSelection
SEARCH_COLOUR = QColor(255, 225, 0)  # the words the search matched


class _Watch(QObject):
    """Mouse over the text: which segment is under the pointer, and clicks on one."""

    def __init__(self, panel: PairPanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def eventFilter(self, obj, ev) -> bool:  # noqa: N802 - Qt name
        t = ev.type()
        p = self.panel
        if t == QEvent.Type.MouseMove:
            p._hover(p.segment_at_point(ev.position().toPoint()))
        elif t == QEvent.Type.Leave:
            p._hover(-1)
        elif t == QEvent.Type.Resize:  # the text reflowed: the links move
            p.scrolled.emit()
        elif t == QEvent.Type.MouseButtonRelease and ev.button() == Qt.MouseButton.LeftButton:
            if not p.view.textCursor().hasSelection():
                seg = p.segment_at_point(ev.position().toPoint())
                if seg >= 0:
                    p.segmentClicked.emit(seg)
        return False


class PairPanel(QObject):
    """Kazakh or Russian side of the reading pair.

    Not a container: its widgets (`rows()`) go into the view's grid, so that both sides'
    header rows share their heights and the two texts start level."""

    segmentHovered = Signal(int)  # segment index under the pointer, -1 when none
    segmentClicked = Signal(int)
    searchRequested = Signal()  # the empty state's "Search for one" button
    scrolled = Signal()

    def __init__(self, side: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.side = side  # "left" | "right"
        self.article_id: int | None = None
        self.lang = ""
        self.prep: fastdoc.Prepared | None = None
        self._starts: list[int] = []  # segment starts (source offsets), ascending
        self._ends: list[int] = []
        self._layers: dict[str, list[Extra]] = {}
        self._hovered = -1
        self._title_len = 0  # the text's first characters are the title, set as one
        # set by the view: its menu for this text, the why-tagged list, the article's
        # analysis, and actions other features add to the text menu (shared by both sides)
        self.menu_factory = None
        self.why = None
        self._analysis = None
        self.context_actions: list = []

        self.role = plain_label()
        rf = self.role.font()
        rf.setBold(True)
        self.role.setFont(rf)
        self.role.setAccessibleName(_("Panel role"))
        self.reasons = ElidedLabel(parent)
        self.reasons.setAccessibleName(_("Why this counterpart"))
        self.reasons.setEnabled(False)
        self.title = plain_label()
        tf = self.title.font()
        tf.setPointSizeF(tf.pointSizeF() * 1.15)
        tf.setBold(True)
        self.title.setFont(tf)
        self.title.setAccessibleName(_("Article title"))
        self.meta = plain_label()
        self.meta.setAccessibleName(_("Article details"))
        self.head = QWidget(parent)  # where the view puts the counterpart controls
        self.controls = QHBoxLayout(self.head)
        self.controls.setContentsMargins(0, 0, 0, 0)
        self.notice = plain_label()
        self.notice.setAccessibleName(_("Panel notice"))
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice.hide()
        self.search_button = QPushButton(_("Search for a counterpart…"), parent)
        self.search_button.clicked.connect(self.searchRequested)
        self.search_button.hide()

        self.doc = SafeDocument(self)
        self.doc.setUndoRedoEnabled(False)
        self.view = QTextEdit(parent)
        self.view.setDocument(self.doc)
        self.view.setReadOnly(True)
        self.view.setAcceptRichText(False)
        self.view.setUndoRedoEnabled(False)
        self.view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.view.setAccessibleName(_("Kazakh text") if side == "left" else _("Russian text"))
        self.view.viewport().setMouseTracking(True)
        self._watch = _Watch(self)
        self.view.viewport().installEventFilter(self._watch)
        self.view.verticalScrollBar().valueChanged.connect(self.scrolled)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        for w in (self.title, self.meta, self.notice):
            w.setParent(parent)
        self.role.setParent(parent)
        search_highlight.watch(self)  # words the current search matched are tinted

    def rows(self) -> list[QWidget]:
        """The panel's widgets top to bottom; the text view is the last."""
        return [self.role, self.reasons, self.head, self.title, self.meta, self.notice,
                self.search_button, self.view]

    def fontMetrics(self):  # noqa: N802 - mirrors QWidget
        return self.view.fontMetrics()

    # -- content ----------------------------------------------------------------------
    def clear(self, message: str = "", *, offer_search: bool = False) -> None:
        """The empty state: no article on this side, with a sentence saying why."""
        self.article_id = None
        self.prep = None
        self._starts, self._ends = [], []
        self._layers.clear()
        self.view.setExtraSelections([])
        old, self.doc = self.doc, SafeDocument(self)
        self.view.setDocument(self.doc)
        old.deleteLater()
        self.title.setText("")
        self.meta.setText("")
        self.title.hide()
        self.meta.hide()
        self.set_notice(message)
        self.search_button.setVisible(offer_search)
        self.view.setVisible(not message)

    def set_article(self, stored, text: str, marks: Sequence, format_for,
                    total: int | None = None) -> None:
        """Show a stored article; `text` is its display text (offsets of full_text()), or
        the start of it when the article has `total` characters."""
        art = stored.article
        self.article_id = int(stored.id)
        self.lang = art.lang or ""
        self.title.setText(art.title or _("(untitled)"))
        self.meta.setText(article_meta(art))
        # the text starts with the title (it is a segment and is aligned like one): it is
        # set in large bold there, not repeated above the text
        self._title_len = len(art.title) if art.title and text.startswith(art.title) else 0
        self.title.setVisible(not self._title_len)
        self.meta.show()
        self.search_button.hide()
        self.view.show()
        self._layers.clear()
        self.view.setExtraSelections([])
        self.prep = fastdoc.prepare(text, total=total)
        self._fill(marks, format_for)
        self.refresh_search()
        self.view.moveCursor(QTextCursor.MoveOperation.Start)
        if self.prep.truncated:
            self.set_notice(_("This article is very long: showing the first {shown} of "
                              "{total} characters.").format(shown=f"{self.prep.shown:,}",
                                                            total=f"{self.prep.total:,}"))
        else:
            self.set_notice("")

    def set_marks(self, marks: Sequence, format_for) -> None:
        """Lay other marks over the same text (highlight kinds toggled)."""
        if self.prep is None:
            return
        bar = self.view.verticalScrollBar()
        value = bar.value()
        self._fill(marks, format_for)
        for k in ("gaps", "flags", "picked", "hover"):  # cursors into the old document:
            self._layers.pop(k, None)  # the view lays them again
        self.refresh_search()  # the layers' cursors must point into the new document
        self._apply_layers()
        bar.setValue(value)

    def _fill(self, marks: Sequence, format_for) -> None:
        """A new document, filled before it is shown (see fastdoc.build)."""
        doc = SafeDocument(self)
        doc.setDefaultFont(self.view.font())
        fastdoc.build(doc, self.prep, marks, format_for,
                      para_gap=self.fontMetrics().height() * 0.4)
        n = min(self._title_len, self.prep.shown)
        if n:
            cur = QTextCursor(doc)
            cur.setPosition(self.prep.u16(n), QTextCursor.MoveMode.KeepAnchor)
            cur.mergeCharFormat(self.title_format())
        old, self.doc = self.doc, doc
        self.view.setDocument(doc)
        old.deleteLater()

    def title_format(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setFontPointSize(self.view.font().pointSizeF() * 1.15)
        return fmt

    def set_notice(self, message: str) -> None:
        self.notice.setText(message)
        self.notice.setVisible(bool(message))

    def set_segments(self, segments: Sequence) -> None:
        """Segments (.start/.end offsets into the text) for geometry and hit tests."""
        self._starts = [int(s.start) for s in segments]
        self._ends = [int(s.end) for s in segments]

    def segment_count(self) -> int:
        return len(self._starts)

    def plain_text(self) -> str:
        return self.doc.toPlainText()

    def selected_phrase(self) -> str:
        return selection_phrase(self.view.textCursor().selectedText())

    @property
    def text(self) -> QTextEdit:
        """The text widget (the name the single reader used)."""
        return self.view

    def select_span(self, start: int, end: int) -> None:
        """Select [start, end) (offsets into the article's full_text()) and show it."""
        if self.prep is None:
            return
        c = QTextCursor(self.doc)
        c.setPosition(self._pos(start))
        c.setPosition(self._pos(end), QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(c)
        self.view.ensureCursorVisible()

    def text_menu(self, pos: QPoint):
        """The text's context menu at a viewport point (built by the view)."""
        return self.menu_factory(self.side, pos) if self.menu_factory is not None else None

    def exclusion_for(self, item):
        return self.why.exclusion_for(item) if self.why is not None else None

    def why_menu(self, item):
        return self.why.why_menu(item) if self.why is not None else None

    # -- geometry ---------------------------------------------------------------------
    def _pos(self, offset: int) -> int:
        """Document position of a source offset (clipped to what is shown)."""
        if self.prep is None:
            return 0
        return self.prep.u16(max(0, min(offset, self.prep.shown)))

    def shown(self, seg: int) -> bool:
        return self.prep is not None and 0 <= seg < len(self._starts) \
            and self._starts[seg] < self.prep.shown

    def _doc_y(self, pos: int, bottom: bool) -> float:
        block = self.doc.findBlock(pos)
        if not block.isValid():
            block = self.doc.lastBlock()
        rect = self.doc.documentLayout().blockBoundingRect(block)
        tl = block.layout()
        line = tl.lineForTextPosition(max(0, pos - block.position())) if tl else None
        if line is not None and line.isValid():
            return rect.top() + line.y() + (line.height() if bottom else 0.0)
        return rect.top() + (rect.height() if bottom else 0.0)

    def doc_extent(self, segs: Sequence[int]) -> tuple[float, float] | None:
        """Top and bottom (document pixels) of segments `segs`; None if none is shown."""
        segs = [s for s in segs if self.shown(s)]
        if not segs:
            return None
        first, last = min(segs), max(segs)
        end = max(self._starts[last], self._ends[last] - 1)
        return (self._doc_y(self._pos(self._starts[first]), False),
                self._doc_y(self._pos(end), True))

    def scroll_value(self) -> int:
        return self.view.verticalScrollBar().value()

    def set_scroll_value(self, v: float) -> None:
        bar = self.view.verticalScrollBar()
        bar.setValue(int(max(bar.minimum(), min(bar.maximum(), round(v)))))

    def viewport_height(self) -> int:
        return self.view.viewport().height()

    def viewport_top_in(self, widget: QWidget) -> int:
        """Where the text viewport's top is, in `widget`'s coordinates."""
        return self.view.viewport().mapTo(widget.window(), QPoint(0, 0)).y() \
            - widget.mapTo(widget.window(), QPoint(0, 0)).y()

    def segment_at_offset(self, offset: int) -> int:
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            return 0 if self._starts else -1
        return i

    def segment_at_point(self, p: QPoint) -> int:
        """Segment under a viewport point (-1 when there is no text or no segments)."""
        if self.prep is None or not self._starts:
            return -1
        pos = self.view.cursorForPosition(p).position()
        return self.segment_at_offset(self._offset(pos))

    def segment_at_y(self, y: int) -> int:
        return self.segment_at_point(QPoint(8, int(y)))

    def _offset(self, pos: int) -> int:
        """Source offset of a document position (inverse of the UTF-16 map)."""
        u16 = self.prep.u16 if self.prep else None
        astral = getattr(u16, "_astral", None)
        if not astral:
            return pos
        lo, hi = 0, pos
        while lo < hi:  # the largest offset whose position is <= pos
            mid = (lo + hi + 1) // 2
            if u16(mid) <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def visible_segments(self) -> tuple[int, int]:
        """First and last segment index visible in the viewport (-1, -1 when none)."""
        if not self._starts or self.prep is None:
            return (-1, -1)
        return self.segment_at_y(0), self.segment_at_y(self.viewport_height() - 1)

    # -- overlays ---------------------------------------------------------------------
    def segment_selection(self, segs: Sequence[int], fmt: QTextCharFormat) -> list[Extra]:
        out = []
        for s in segs:
            if not self.shown(s):
                continue
            c = QTextCursor(self.doc)
            c.setPosition(self._pos(self._starts[s]))
            c.setPosition(self._pos(self._ends[s]), QTextCursor.MoveMode.KeepAnchor)
            x = Extra()
            x.cursor = c
            x.format = fmt
            out.append(x)
        return out

    def phrase_selections(self, segs: Sequence[int], phrase: str,
                          fmt: QTextCharFormat) -> list[Extra]:
        """Every occurrence of `phrase` inside segments `segs` (case-insensitive)."""
        out: list[Extra] = []
        if not phrase or self.prep is None:
            return out
        text = self.prep.text
        needle = phrase.casefold()
        for s in segs:
            if not self.shown(s):
                continue
            a, b = self._starts[s], min(self._ends[s], self.prep.shown)
            hay = text[a:b].casefold()
            i = hay.find(needle)
            while i >= 0 and len(hay) == b - a:  # casefold kept the length: offsets valid
                c = QTextCursor(self.doc)
                c.setPosition(self._pos(a + i))
                c.setPosition(self._pos(a + i + len(phrase)), QTextCursor.MoveMode.KeepAnchor)
                x = Extra()
                x.cursor = c
                x.format = fmt
                out.append(x)
                i = hay.find(needle, i + 1)
        return out

    def set_layer(self, name: str, selections: list[Extra]) -> None:
        """Replace one overlay layer (gaps, flags, hover, selection); later layers on top."""
        if selections:
            self._layers[name] = selections
        else:
            self._layers.pop(name, None)
        self._apply_layers()

    def refresh_search(self) -> None:
        """Tint the words the current search matched (ui.search_highlight)."""
        if self.prep is None:
            return
        shown = self.prep.text[:self.prep.shown]
        fmt = tint(SEARCH_COLOUR, 170)  # find-in-page yellow, underlined: apart from the
        fmt.setFontUnderline(True)  # highlight kinds' pale tints
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor(200, 30, 30))
        out: list[Extra] = []
        for a, b in search_highlight.spans(shown):
            c = QTextCursor(self.doc)
            c.setPosition(self._pos(a))
            c.setPosition(self._pos(b), QTextCursor.MoveMode.KeepAnchor)
            x = Extra()
            x.cursor = c
            x.format = fmt
            out.append(x)
        self.set_layer("search", out)

    def _apply_layers(self) -> None:
        order = ("search", "gaps", "flags", "picked", "hover")
        merged: list[Extra] = []
        for k in order:
            merged += self._layers.get(k, [])
        self.view.setExtraSelections(merged)

    def _hover(self, seg: int) -> None:
        if seg != self._hovered:
            self._hovered = seg
            self.segmentHovered.emit(seg)


class ElidedLabel(QLabel):
    """One line of plain text, cut with "…" to the width; the whole text in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt name
        self._full = text
        self.setToolTip(plain_tooltip(text))
        self._elide()

    def text(self) -> str:
        return self._full

    def resizeEvent(self, e) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(e)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(40, self.width()))
        super().setText(shown)


def tint(color: QColor, alpha: int) -> QTextCharFormat:
    f = QTextCharFormat()
    c = QColor(color)
    c.setAlpha(alpha)
    f.setBackground(c)
    return f


def wavy(color: QColor) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    f.setUnderlineColor(color)
    return f


def make_label(text: str = "") -> QLabel:
    return plain_label(text)
