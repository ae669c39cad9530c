"""What an empty result says: nothing matches, and one click to clear the text or filters."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.i18n import _


class NoMatch(QWidget):
    """Shown over the article table's viewport when the library has articles but none
    matches; follows the viewport's size. `update_state` decides what it offers."""

    clearTextRequested = Signal()
    clearFiltersRequested = Signal()

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport)
        self.setAutoFillBackground(False)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clear_text = QPushButton(self)
        self.clear_text.clicked.connect(self.clearTextRequested)
        self.clear_filters = QPushButton(self)
        self.clear_filters.clicked.connect(self.clearFiltersRequested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_text)
        buttons.addWidget(self.clear_filters)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lay.addWidget(self.message)
        lay.addLayout(buttons)
        lay.addStretch(2)
        self._text = ""
        self._filters = False
        self.retranslate()
        viewport.installEventFilter(self)
        self.setGeometry(viewport.rect())
        self.hide()

    def retranslate(self) -> None:
        self.clear_text.setText(_("Clear the search text"))
        self.clear_filters.setText(_("Clear the filters"))
        self._set_message()

    def update_state(self, shown: int, total: int, text: str, filtered: bool) -> None:
        """Show when `total` articles exist, none is `shown`, and a search `text` or other
        filters (`filtered`) are the reason; offer to clear whichever is set."""
        self._text, self._filters = text.strip(), filtered
        visible = total > 0 and shown == 0 and bool(self._text or filtered)
        self.clear_text.setVisible(bool(self._text))
        self.clear_filters.setVisible(filtered)
        self._set_message()
        self.setVisible(visible)
        if visible:
            self.raise_()

    def _set_message(self) -> None:
        if self._text and self._filters:
            msg = _("No article matches “{text}” with the filters set.").format(text=self._text)
        elif self._text:
            msg = _("No article matches “{text}”.").format(text=self._text)
        else:
            msg = _("No article matches the filters set.")
        self.message.setText(msg)

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802 - Qt name
        if ev.type() == QEvent.Type.Resize and isinstance(obj, QWidget):
            self.setGeometry(obj.rect())
        return False
