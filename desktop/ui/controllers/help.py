"""Help: keyboard shortcuts and search syntax (About stays with the frame)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog

from desktop.i18n import _
from desktop.ui.controllers.base import MENU_HELP, Controller, MenuItems, WindowContext


class HelpController(Controller):
    """`menu_rows()` (from the frame) lists (menu, entry, keys) of every menu entry with a
    shortcut, so the list follows whatever features the window has."""

    def __init__(self, ctx: WindowContext,
                 menu_rows: Callable[[], list[tuple[str, str, str]]]) -> None:
        super().__init__(ctx)
        self._menu_rows = menu_rows
        self.dialog: QDialog | None = None  # the one open
        self.shortcuts_action = self.action(
            _("&Keyboard shortcuts"), self.show_shortcuts,
            QKeySequence.StandardKey.HelpContents, _("Every key Kenes knows (F1)"))
        self.syntax_action = self.action(
            _("&Search syntax"), self.show_search_syntax, None,
            _("What the search box understands, with examples in English, Kazakh and "
              "Russian"))

    def menu_actions(self) -> dict[str, MenuItems]:
        return {MENU_HELP: [self.shortcuts_action, self.syntax_action]}

    def retranslate(self) -> None:
        self.shortcuts_action.setText(_("&Keyboard shortcuts"))
        self.shortcuts_action.setToolTip(_("Every key Kenes knows (F1)"))
        self.syntax_action.setText(_("&Search syntax"))
        self.syntax_action.setToolTip(_("What the search box understands, with examples in "
                                        "English, Kazakh and Russian"))

    def show_shortcuts(self) -> QDialog:
        from desktop.ui.dialogs.help import shortcuts_dialog

        return self._open(shortcuts_dialog(self._menu_rows(), self.ctx.window))

    def show_search_syntax(self) -> QDialog:
        from desktop.ui.dialogs.help import search_syntax_dialog

        return self._open(search_syntax_dialog(self.ctx.window))

    def _open(self, dlg: QDialog) -> QDialog:
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dlg
        dlg.open()
        return dlg
