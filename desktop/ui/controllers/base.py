"""What every feature controller gets from the frame, and what it gives back.

A controller subclasses `Controller`, receives one `WindowContext` (the shared services:
settings, job runner, open library, names, notice bar, job status, undo group) and
exposes its actions by menu through `menu_actions()`. The frame never reaches into a
controller's widgets beyond the ones it is handed to lay out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from desktop.settings import Settings
from desktop.ui.icons import icon

# Job kinds shared between controllers (one import or re-tag at a time, whoever asks).
JOB_LIBRARY = "library"
JOB_IMPORT = "import"
JOB_RETAG = "retag"

# Menu keys, in menu-bar order. A controller files its actions under one of them; the
# frame builds each menu from the controllers' contributions in this order. "briefing"
# and "pair" are the places kept for the briefing composer and the reading pair.
MENU_FILE = "file"
MENU_EDIT = "edit"
MENU_VIEW = "view"
MENU_PAIR = "pair"
MENU_BRIEFING = "briefing"
MENU_TOOLS = "tools"
MENU_HELP = "help"
MENU_ORDER = (MENU_FILE, MENU_EDIT, MENU_VIEW, MENU_PAIR, MENU_BRIEFING, MENU_TOOLS,
              MENU_HELP)

# A menu contribution: actions in order; None draws a separator.
MenuItems = list[QAction | None]


def make_action(parent: QObject, text: str, slot: Callable | None = None, shortcut=None,
                tip: str = "", icon_name: str = "", checkable: bool = False) -> QAction:
    """One QAction: text, slot, shortcut, tooltip/status tip, icon; checkable ones start on."""
    a = QAction(text, parent)
    if isinstance(shortcut, QKeySequence.StandardKey):
        a.setShortcuts(shortcut)  # every platform binding: Redo is Ctrl+Y and Ctrl+Shift+Z
    elif shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
    if tip:
        a.setToolTip(tip)
        a.setStatusTip(tip)
    if icon_name:
        a.setIcon(icon(icon_name))
    a.setCheckable(checkable)
    if checkable:
        a.setChecked(True)
        if slot is not None:
            a.toggled.connect(slot)
    elif slot is not None:
        a.triggered.connect(slot)
    return a


class UndoRouter(QObject):
    """A `QUndoGroup` whose undo/redo actions (Ctrl+Z / Ctrl+Shift+Z) act on the stack of
    the area that last had the focus.

    Each stack comes with whole translatable sentences for the menu ("Undo rule edit:
    {what}") rather than Qt's prefix + step text, which reads badly in Kazakh."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.group = QUndoGroup(self)
        self._texts: dict[int, tuple[Callable[[str], str], Callable[[str], str]]] = {}
        self._areas: list[tuple[QWidget, QUndoStack]] = []
        self.undo_action = make_action(parent, "", self.group.undo,
                                       QKeySequence.StandardKey.Undo)
        self.redo_action = make_action(parent, "", self.group.redo,
                                       QKeySequence.StandardKey.Redo)
        for sig in (self.group.activeStackChanged, self.group.indexChanged,
                    self.group.canUndoChanged, self.group.canRedoChanged):
            sig.connect(self.update_texts)
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)
        self.update_texts()

    def register(self, stack: QUndoStack, areas: Iterable[QWidget],
                 undo_text: Callable[[str], str], redo_text: Callable[[str], str]) -> None:
        """Route Ctrl+Z to `stack` when the focus is inside one of `areas`.

        undo_text(step) / redo_text(step) give the menu text; step is "" when the stack
        has nothing to undo/redo. The first stack registered starts active."""
        self.group.addStack(stack)
        self._texts[id(stack)] = (undo_text, redo_text)
        self._areas += [(a, stack) for a in areas]
        if self.group.activeStack() is None:
            self.group.setActiveStack(stack)
        self.update_texts()

    def activate(self, stack: QUndoStack) -> None:
        self.group.setActiveStack(stack)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # a focus outside every registered area keeps the last stack: Ctrl+Z still undoes
        # the last kind of edit the user made
        w = new
        while w is not None:
            for area, stack in self._areas:
                if w is area:
                    if self.group.activeStack() is not stack:
                        self.group.setActiveStack(stack)
                    return
            w = w.parentWidget()

    def update_texts(self, *_a) -> None:
        from desktop.i18n import _

        st = self.group.activeStack()
        undo_text, redo_text = self._texts.get(id(st), (None, None)) if st else (None, None)
        can_undo, can_redo = self.group.canUndo(), self.group.canRedo()
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)
        self.undo_action.setText(undo_text(st.undoText() if can_undo else "")
                                 if undo_text else _("&Undo"))
        self.redo_action.setText(redo_text(st.redoText() if can_redo else "")
                                 if redo_text else _("&Redo"))


@dataclass
class WindowContext:
    """The services the frame shares with its controllers.

    `session` holds the open library and its catalog; `jobs` the status-bar progress
    and Cancel; `notice` the notice bar above the list; `undo` the undo group;
    `message(text, ms)` shows a status-bar message; `window` is the parent for dialogs."""

    window: QMainWindow
    settings: Settings
    runner: object  # desktop.jobs.qt_runner.JobRunner
    session: object  # desktop.ui.session.LibrarySession
    names: object  # desktop.ui.names.Names
    notice: object  # desktop.ui.widgets.notice.NoticeBar
    jobs: object  # desktop.ui.widgets.job_status.JobStatus
    undo: UndoRouter
    extras: dict = field(default_factory=dict)

    def message(self, text: str, ms: int = 5000) -> None:
        self.window.statusBar().showMessage(text, ms)


class Controller(QObject):
    """Base of a feature controller. Override what the feature has; all are optional.

    - `menu_actions()`: {menu key: [QAction | None]} (keys from MENU_ORDER)
    - `toolbar_actions()`: actions for the main toolbar (None: separator)
    - `window_actions()`: shortcuts that live on the window without a menu entry
    - `status_widgets()`: widgets for the status bar, left part
    - `restore_state()` / `save_state()`: layout memory through `ctx.settings`
    - `retranslate()`: set every user-visible text again (interface language changed)
    """

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.window)
        self.ctx = ctx

    def action(self, text: str, slot: Callable | None = None, shortcut=None, tip: str = "",
               icon_name: str = "", checkable: bool = False) -> QAction:
        return make_action(self, text, slot, shortcut, tip, icon_name, checkable)

    def menu_actions(self) -> dict[str, MenuItems]:
        return {}

    def toolbar_actions(self) -> MenuItems:
        return []

    def window_actions(self) -> list[QAction]:
        return []

    def status_widgets(self) -> list[QWidget]:
        return []

    def restore_state(self) -> None:
        pass

    def save_state(self) -> None:
        pass

    def retranslate(self) -> None:
        pass
