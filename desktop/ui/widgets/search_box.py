"""The search box: field syntax parsed by the core, errors shown inline under the box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.i18n import _

if TYPE_CHECKING:
    from desktop.core.query import Filter, QueryError

ERROR_COLOUR = QColor(220, 50, 47)  # readable on light and dark backgrounds


class _Line(QLineEdit):
    escape = Signal()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() == Qt.Key.Key_Escape:
            self.escape.emit()
            return
        super().keyPressEvent(e)


class SearchBox(QWidget):
    """Emits `filterChanged(Filter)` for a valid query (debounced while typing)."""

    filterChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None, delay_ms: int = 250) -> None:
        super().__init__(parent)
        self.line = _Line(self)
        self.line.setPlaceholderText(
            _("Search: words, prefix*, \"exact phrase\", country:UZ sector:trade lang:kk "
              "from:2025-11-01 to:2025-11-16 source:Kazinform person:tokayev"))
        self.line.setClearButtonEnabled(True)
        self.line.setAccessibleName(_("Search"))
        self.line.setToolTip(_(
            "Full-text search with prefixes (word*) and \"exact phrases\", plus fields:\n"
            "country:UZ  partner:TR,AZ  sector:trade  person:tokayev  org:ots\n"
            "lang:kk  source:Kazinform  from:2025-11-01  to:2025-11-16\n"
            "Ctrl+F focuses the box, Esc clears it."))
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        pal = self.error.palette()
        pal.setColor(QPalette.ColorRole.WindowText, ERROR_COLOUR)
        self.error.setPalette(pal)
        self.error.setAccessibleName(_("Search error"))
        self.error.hide()
        self._normal_palette = self.line.palette()
        self.current: Filter | None = None  # last valid query
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.apply)
        self.line.textEdited.connect(lambda _t: self._timer.start())
        self.line.textChanged.connect(self._maybe_cleared)
        self.line.returnPressed.connect(self.apply)
        self.line.escape.connect(self.clear)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.line)
        lay.addWidget(self.error)

    def text(self) -> str:
        return self.line.text()

    def set_text(self, text: str, *, apply: bool = True) -> None:
        """Put `text` in the box (e.g. from a saved search) and apply it."""
        self.line.setText(text)
        if apply:
            self.apply()

    def clear(self) -> None:
        """Esc: empty the box and show everything again."""
        if self.line.text():
            self.line.clear()
        self.apply()

    def focus(self) -> None:
        self.line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.line.selectAll()

    def _maybe_cleared(self, text: str) -> None:
        if not text:  # the clear button or Esc: apply at once
            self._timer.stop()
            self.apply()

    def apply(self) -> bool:
        """Parse the box now; on success emit filterChanged, on error show it inline."""
        from desktop.core.query import QueryError, parse_query

        self._timer.stop()
        text = self.line.text()
        try:
            f = parse_query(text)
        except QueryError as e:
            self._show_error(text, e)
            return False
        self.error.hide()
        self.line.setPalette(self._normal_palette)
        self.line.setToolTip(self.line.toolTip())
        self.current = f
        self.filterChanged.emit(f)
        return True

    def _show_error(self, text: str, e: QueryError) -> None:
        pos = max(0, min(int(e.position), len(text)))
        near = text[pos:pos + 20]
        where = (_("at character {n}: “{text}”").format(n=pos + 1, text=near) if near
                 else _("at character {n}").format(n=pos + 1))
        self.error.setText(f"⚠ {e.message} ({where})")
        self.error.show()
        pal = self.line.palette()
        pal.setColor(QPalette.ColorRole.Text, ERROR_COLOUR)
        self.line.setPalette(pal)

    @property
    def has_error(self) -> bool:
        return not self.error.isHidden()
