"""Reading: the reader area (today one panel; the Kazakh | Russian pair later), its
View actions and its settings (highlight kinds, panel sizes, why-tagged list)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.i18n import _
from desktop.ui.controllers.base import MENU_VIEW, Controller, MenuItems, WindowContext
from desktop.ui.widgets.reader import ReaderArea, ReaderPanel


class ReadingController(Controller):
    """Shows articles. Entry points: `open(article_id)` (fetched from the open library)
    and `show(stored, counterpart=None)`; `article_id` is what is shown.

    Rule requests from the text and the why-tagged list are re-emitted for whoever
    handles rules (the frame wires them)."""

    articleShown = Signal(object)  # the id now shown, or None
    addRuleRequested = Signal(str, str)  # phrase, article language
    excludeRequested = Signal(str, str, str)  # kind, id, phrase
    weakenRequested = Signal(str, str, str)  # kind, id, keyword pattern

    SPLITTER_KEY = "reader"

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx)
        self.area = ReaderArea(ctx.window, ctx.names.label)
        self.area.addRuleRequested.connect(self.addRuleRequested)
        self.area.excludeRequested.connect(self.excludeRequested)
        self.area.weakenRequested.connect(self.weakenRequested)
        kinds = ctx.settings.highlight_kinds()
        for p in self.area.panels:
            if kinds is not None:
                p.set_enabled_kinds(kinds)
            p.highlightKindsChanged.connect(ctx.settings.set_highlight_kinds)

        self.reader_action = self.action(_("&Reader"), self.area.setVisible, "Ctrl+2",
                                         checkable=True)
        self.why_action = self.action(_("&Why tagged"), self.area.set_why_visible, "Ctrl+3",
                                      checkable=True)

    # ------------------------------------------------------------------ frame interface
    @property
    def widget(self) -> QWidget:
        return self.area

    def menu_actions(self) -> dict[str, MenuItems]:
        return {MENU_VIEW: [self.reader_action, self.why_action]}

    def restore_state(self) -> None:
        if (v := self.ctx.settings.splitter_state(self.SPLITTER_KEY)) is not None:
            self.panel.splitter.restoreState(v)

    def save_state(self) -> None:
        self.ctx.settings.set_splitter_state(self.SPLITTER_KEY, self.panel.splitter.saveState())

    # ------------------------------------------------------------------ public
    @property
    def panel(self) -> ReaderPanel:
        """The panel showing the chosen article (the left one of a pair)."""
        return self.area.primary

    @property
    def article_id(self) -> int | None:
        return self.panel.article_id

    def open(self, article_id: int, *, force: bool = False) -> None:
        """Show the stored article `article_id` (nothing to do if it is shown already)."""
        lib = self.ctx.session.library
        if lib is None or (not force and self.article_id == int(article_id)):
            return
        try:
            stored = lib.get(int(article_id))
        except KeyError:
            self.clear()
            return
        self.show(stored)

    def show(self, stored, counterpart=None) -> None:
        """Show a stored article (and, later, its counterpart beside it)."""
        self.panel.show_article(stored.article, stored.analysis, stored.id)
        self.articleShown.emit(stored.id)

    def reload(self) -> None:
        """Show the current article again (its tags changed)."""
        if self.article_id is not None:
            self.open(self.article_id, force=True)

    def clear(self) -> None:
        self.panel.clear()
        self.articleShown.emit(None)

    def focus_text(self) -> None:
        """Show the area and put the keyboard in the article text."""
        self.area.setVisible(True)
        self.panel.text.setFocus()
