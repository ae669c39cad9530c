"""Reading: the Kazakh | Russian pair (desktop.ui.reading.pairview), its Pair menu, its
View actions and its settings (highlight kinds, sync scrolling, panel sizes)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from desktop.i18n import _
from desktop.ui.controllers.base import MENU_PAIR, MENU_VIEW, Controller, MenuItems, WindowContext
from desktop.ui.reading.backend import PairBackend, warm_up
from desktop.ui.reading.pairview import PairView


class ReadingController(Controller):
    """Shows the selected article beside its counterpart. Entry points: `open(article_id)`
    (fetched from the open library) and `show(stored, counterpart=None)`; `article_id` is
    the selected article.

    Rule requests from the texts and the why-tagged list are re-emitted for whoever
    handles rules (the frame wires them). Link corrections and glossary additions go on
    `undo_stack`."""

    articleShown = Signal(object)  # the id now selected, or None
    addRuleRequested = Signal(str, str)  # phrase, article language
    excludeRequested = Signal(str, str, str)  # kind, id, phrase
    weakenRequested = Signal(str, str, str)  # kind, id, keyword pattern

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx)
        self.undo_stack = QUndoStack(self)
        self.view = PairView(None, ctx.settings, self.undo_stack, ctx.window, ctx.names.label)
        self._library = None
        v = self.view
        v.articleShown.connect(self.articleShown)
        v.addRuleRequested.connect(self.addRuleRequested)
        v.excludeRequested.connect(self.excludeRequested)
        v.weakenRequested.connect(self.weakenRequested)
        v.statusMessage.connect(lambda text: ctx.message(text))
        v.editPushed.connect(lambda: ctx.undo.activate(self.undo_stack))
        # registered after the other features: the rules' stack stays the default one
        QTimer.singleShot(0, self, self._register_undo)  # dropped if the window is gone
        ctx.session.catalogChanged.connect(self._warm_up)
        self._warmed = False

        self.reader_action = self.action(_("&Reader"), self.view.setVisible, "Ctrl+2",
                                         checkable=True)
        self.why_action = self.action(_("&Why tagged"), self._why_toggled, "Ctrl+3",
                                      checkable=True)

    def _warm_up(self, *_a) -> None:
        """Once a library is open, load the glossary and the aligner in the background so
        that the first selection does not wait for them."""
        if not self._warmed:
            self._warmed = True
            threading.Thread(target=warm_up, name="kenes-reading-warm-up", daemon=True).start()

    def _register_undo(self) -> None:
        v = self.view
        self.ctx.undo.register(
            self.undo_stack, [v.left.view, v.right.view, v.strip, v.side],
            lambda step: _("&Undo pair edit: {what}").format(what=step) if step
            else _("&Undo pair edit"),
            lambda step: _("&Redo pair edit: {what}").format(what=step) if step
            else _("&Redo pair edit"))

    # ------------------------------------------------------------------ frame interface
    @property
    def widget(self) -> QWidget:
        return self.view

    def menu_actions(self) -> dict[str, MenuItems]:
        return {MENU_VIEW: [self.reader_action, self.why_action],
                MENU_PAIR: self.view.menu_actions()}

    WHY_KEY = "reader/why_visible"

    def _why_toggled(self, on: bool) -> None:
        self.view.set_why_visible(on)
        self.ctx.settings.qsettings.setValue(self.WHY_KEY, bool(on))  # remembered

    def restore_state(self) -> None:
        self.view.restore_state()
        why = self.ctx.settings.qsettings.value(self.WHY_KEY, True)
        self.why_action.setChecked(why not in (False, "false", "0", 0))

    def save_state(self) -> None:
        self.view.save_state()

    def retranslate(self) -> None:
        self.reader_action.setText(_("&Reader"))
        self.why_action.setText(_("&Why tagged"))
        self.view.retranslate()

    # ------------------------------------------------------------------ public
    @property
    def panel(self):
        """The panel showing the selected article (left for Kazakh, right for Russian)."""
        aid = self.view.article_id
        p = self.view.panel_of(aid) if aid is not None else None
        return p if p is not None else self.view.left

    @property
    def area(self) -> PairView:
        return self.view

    @property
    def article_id(self) -> int | None:
        return self.view.article_id

    def pair_ids(self) -> tuple[int, int] | None:
        """(Kazakh, Russian) ids of the pair shown, when both sides show an article."""
        return self.view.pair_ids()

    def _backend(self) -> PairBackend | None:
        lib = self.ctx.session.library
        if lib is None:
            return None
        if lib is not self._library:
            self._library = lib
            self.view.backend = PairBackend(lib)
        return self.view.backend

    def open(self, article_id: int, *, force: bool = False) -> None:
        """Show the stored article `article_id` beside its counterpart."""
        if self._backend() is None:
            return
        self.view.open(int(article_id), force=force)

    def show(self, stored, counterpart=None) -> None:
        """Show a stored article and `counterpart` (None: the best one found)."""
        self._backend()
        self.view.show_pair(stored, counterpart)

    def reload(self) -> None:
        """Show the current pair again (tags changed), where it was."""
        if self._backend() is not None:
            self.view.reload()

    def clear(self) -> None:
        self.view.clear()

    def focus_text(self) -> None:
        """Show the area and put the keyboard in the selected article's text."""
        self.view.setVisible(True)
        self.panel.view.setFocus()
