"""A slim bar above the article list for news that needs an answer but must not interrupt:
"the tagging rules changed — re-tag now?", "a rule file cannot be read".

Its text may quote a file name or a parser message, so it is shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from desktop.i18n import _


class NoticeBar(QFrame):
    """Message, one action button, and a close button; hidden until `show_notice`."""

    actionTriggered = Signal(str)  # the action key given to show_notice
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice-bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.key = ""
        self.action = ""
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self)
        self.button.clicked.connect(lambda: self.actionTriggered.emit(self.action))
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.button)
        lay.addWidget(self.close_button)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        """Its own texts; the notice shown is re-worded by whoever showed it."""
        self.setAccessibleName(_("Notice"))
        self.close_button.setToolTip(_("Hide this notice"))
        self.close_button.setAccessibleName(_("Hide this notice"))

    def show_notice(self, key: str, text: str, button: str = "", action: str = "",
                    warning: bool = False) -> None:
        """Show `text`; `key` names what the notice is about (to hide it selectively)."""
        self.key, self.action = key, action
        self.label.setText(text)
        self.button.setText(button)
        self.button.setVisible(bool(button))
        # a palette role rather than fixed colours: readable in dark and light themes
        self.setBackgroundRole(self.palette().ColorRole.ToolTipBase if warning
                               else self.palette().ColorRole.AlternateBase)
        self.setProperty("warning", warning)
        self.show()

    def hide_notice(self, key: str | None = None) -> None:
        """Hide the notice (only if it is about `key`, when given)."""
        if key is None or key == self.key:
            self.key = ""
            self.hide()

    def dismiss(self) -> None:
        self.hide_notice()
        self.dismissed.emit()
