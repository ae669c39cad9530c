"""The Briefing feature of the window: menu, toolbar, composer dock, files, autosave, export.

One briefing is open at a time. It is autosaved (core DraftStore) a few seconds after each
edit and when the window closes; a draft left by a crash or a kill is offered back at the
next start. Articles are read and proposals made in a worker (JobRunner), never on the GUI
thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, ngettext
from desktop.ui.briefing import ops
from desktop.ui.briefing.document import BriefingDocument
from desktop.ui.controllers.base import MENU_BRIEFING, Controller, MenuItems, WindowContext

if TYPE_CHECKING:
    from desktop.core.drafts import DraftStore

AUTOSAVE_MS = 3000  # after the last edit: typing bursts are saved once they pause
MAX_FROM_FILTER = 200  # a briefing draws on a few dozen articles, not a whole library
PROPOSE = "briefing-propose"
FILTER = "*.kenes-brief"


def _stored(folder: str, ids: list[int], briefing, *, progress, cancel):
    """Worker: read the articles (own library connection) and propose from them."""
    from desktop.core.briefing import propose
    from desktop.corpus.library import Library

    stored = []
    with Library.open(folder) as lib:
        for n, i in enumerate(ids):
            cancel.raise_if_cancelled()
            progress(n, len(ids), "")
            try:
                stored.append(lib.get(int(i)))
            except KeyError:
                continue  # deleted meanwhile
    return propose(briefing, stored), len(stored)


class BriefingController(Controller):
    """Owns the briefing actions, the composer dock and the open briefing's document.

    Talks to the frame only through `ctx` and its public methods: `selected_ids()`, the
    browse controller's list model (the current list), the reading controller's
    `article_id` and `reader_area` panels (a pair)."""

    documentChanged = Signal()  # a briefing was opened, created or closed
    proposed = Signal()  # articles were added (tests, screenshots)

    def __init__(self, ctx: WindowContext, drafts: DraftStore | None = None, *,
                 offer_restore: bool = True) -> None:
        """`offer_restore`: ask at start whether to restore a draft a crash left (not for
        screenshots)."""
        super().__init__(ctx)
        from desktop.core.drafts import DraftStore

        self.w = window = ctx.window
        self.drafts = drafts or DraftStore()
        # one stack for the controller's life: the window's undo group routes Ctrl+Z to it
        # while the focus is in the composer; a newly opened briefing clears it
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.doc: BriefingDocument | None = None
        self.composer = None
        self.export_dialog = None
        self._box: QMessageBox | None = None
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.autosave)

        self.dock = QDockWidget(_("Briefing"), window)
        self.dock.setObjectName("briefing-dock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetClosable
                              | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.dock.setWidget(self._empty_page())
        self.dock.hide()
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self._build_actions()
        self._update_actions()
        window.installEventFilter(self)  # autosave when the window closes
        if offer_restore:
            QTimer.singleShot(0, self.offer_recovery)
        ctx.undo.register(self.undo_stack, [self.dock],
                          lambda step: _("&Undo briefing edit: {what}").format(what=step)
                          if step else _("&Undo briefing edit"),
                          lambda step: _("&Redo briefing edit: {what}").format(what=step)
                          if step else _("&Redo briefing edit"))

    # ------------------------------------------------------------------ actions
    def _act(self, text: str, slot, shortcut=None) -> QAction:
        a = QAction(text, self.w)
        if isinstance(shortcut, QKeySequence.StandardKey):
            a.setShortcuts(shortcut)
        elif shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        a.triggered.connect(lambda _c=False: slot())
        return a

    def _build_actions(self) -> None:
        self.new_action = self._act("", self.new_from_selection, "Ctrl+B")
        self.new_filter_action = self._act("", self.new_from_filter)
        self.add_action = self._act("", self.add_selection, "Ctrl+Shift+B")
        self.add_reader_action = self._act("", self.add_reader_article)
        self.open_action = self._act("", self.open_dialog)
        self.save_action = self._act("", self.save, QKeySequence.StandardKey.Save)
        self.save_as_action = self._act("", self.save_as, QKeySequence.StandardKey.SaveAs)
        self.export_action = self._act("", self.export, "Ctrl+E")
        self.close_action = self._act("", self.close_briefing)
        self.show_action = self.dock.toggleViewAction()
        self.show_action.setShortcut(QKeySequence("Ctrl+5"))
        self.recent_menu = QMenu(self.w)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.context_add_action = self._act("", self.add_reader_article)
        self._action_texts()
        panel = getattr(getattr(self.w, "reading", None), "panel", None)
        if panel is not None and hasattr(panel, "context_actions"):
            panel.context_actions.append(self.context_add_action)
        self._table_menu()

    def _action_texts(self) -> None:
        for a, text, tip in (
            (self.new_action, _("&New briefing from selection"),
             _("Start a briefing from the selected articles, or from the list when none is "
               "selected (Ctrl+B)")),
            (self.new_filter_action, _("New briefing from the &current list"),
             _("Start a briefing from the articles the current search and filters show")),
            (self.add_action, _("&Add to briefing"),
             _("Add the selected articles to the open briefing (Ctrl+Shift+B)")),
            (self.add_reader_action, _("Add the article in the &reader"),
             _("Add the article shown in the reader to the open briefing")),
            (self.open_action, _("&Open briefing…"), _("Open a .kenes-brief file")),
            (self.save_action, _("&Save briefing"), _("Save the briefing (Ctrl+S)")),
            (self.save_as_action, _("Save briefing &as…"), ""),
            (self.export_action, _("&Export PDF…"), _("Export the briefing as a PDF (Ctrl+E)")),
            (self.close_action, _("&Close briefing"), ""),
            (self.show_action, _("Show the &composer"), ""),
            (self.context_add_action, _("Add this article to the &briefing"), ""),
        ):
            a.setText(text)
            a.setToolTip(tip or text.replace("&", ""))
            a.setStatusTip(tip)
        self.recent_menu.setTitle(_("Recent &briefings"))

    def retranslate(self) -> None:
        """The interface language changed: actions, the dock and the composer again."""
        self._action_texts()
        if self.doc is not None:
            tab = self.composer.tabs.currentIndex() if self.composer is not None else 0
            from desktop.ui.briefing.composer import Composer

            self.composer = Composer(self.doc)
            self._show_in_dock(self.composer)
            self.composer.tabs.setCurrentIndex(tab)
        else:
            self._show_in_dock(self._empty_page())
        if self.export_dialog is not None and not self.export_dialog.isVisible():
            self.export_dialog.deleteLater()  # made again, in the new language, when opened
            self.export_dialog = None
        self._update_actions()

    def _table_menu(self) -> None:
        """The article list's context menu: start a briefing or add to the open one."""
        browse = getattr(self.w, "browse", None)
        table = getattr(browse, "table", None)
        if table is None or table.contextMenuPolicy() != Qt.ContextMenuPolicy.DefaultContextMenu:
            return  # the list has its own menu: the Briefing menu still has both
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        table.addActions([self.new_action, self.add_action])

    # ------------------------------------------------------------------ frame interface
    def menu_actions(self) -> dict[str, MenuItems]:
        return {MENU_BRIEFING: [
            self.new_action, self.new_filter_action, None,
            self.add_action, self.add_reader_action, None,
            self.open_action, self.recent_menu.menuAction(), self.save_action,
            self.save_as_action, None, self.export_action, None,
            self.show_action, self.close_action]}

    def toolbar_actions(self) -> MenuItems:
        return [self.new_action, self.add_action, self.export_action]

    def window_actions(self) -> list[QAction]:
        return [self.new_action, self.add_action, self.save_action, self.export_action,
                self.show_action]

    def _clean_changed(self, _clean: bool) -> None:
        try:
            self._update_actions()
        except RuntimeError:  # the window is being destroyed: the stack goes first
            pass

    def _update_actions(self) -> None:
        has = self.doc is not None
        for a in (self.save_action, self.save_as_action, self.export_action,
                  self.close_action, self.add_action, self.add_reader_action):
            a.setEnabled(has)
        title = _("Briefing")
        if has and self.doc.modified:
            title = _("Briefing (not saved)")
        self.dock.setWindowTitle(title)
        if self.composer is not None:
            self.composer.refresh_heading()

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.drafts.recent_files()
        for p in files:
            a = self.recent_menu.addAction(p.name)
            a.setToolTip(str(p))
            a.setStatusTip(str(p))
            a.triggered.connect(lambda _c=False, p=p: self.open(p))
        if not files:
            self.recent_menu.addAction(_("No recent briefings")).setEnabled(False)

    def _empty_page(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        label = QLabel(_("No briefing is open.\n\nSelect articles in the list and choose "
                         "Briefing → New briefing from selection (Ctrl+B), or open a "
                         ".kenes-brief file."))
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(label)
        return w

    # ------------------------------------------------------------------ document
    def set_document(self, doc: BriefingDocument | None) -> None:
        """Show `doc` in the composer (None: close the composer's briefing)."""
        from desktop.ui.briefing.composer import Composer

        old = self.doc
        self.doc = doc
        if doc is None:
            self.composer = None
            self._show_in_dock(self._empty_page())
        else:
            doc.setParent(self)
            doc.changed.connect(self._changed)
            doc.failed.connect(lambda msg: self.ctx.message(msg, 8000))
            self.ctx.undo.activate(self.undo_stack)
            self.composer = Composer(doc)
            self._show_in_dock(self.composer)
            first = not self.dock.isVisible()
            self.dock.show()
            self.dock.raise_()
            if first:  # room for the tables beside the list and the reader, once laid out
                QTimer.singleShot(0, self._widen_dock)
        if old is not None:
            old.changed.disconnect()
            old.deleteLater()
        self._update_actions()
        self.documentChanged.emit()

    def _show_in_dock(self, widget: QWidget) -> None:
        old = self.dock.widget()
        self.dock.setWidget(widget)
        if old is not None and old is not widget:
            old.hide()
            old.deleteLater()  # and with it its connection to the document

    def _widen_dock(self) -> None:
        # Up to 40 % of the window, but leave the filters, list and pair about 1,000 px so a
        # laptop-sized window keeps the article list readable; the dock can still be dragged.
        width = self.w.width()
        self.w.resizeDocks([self.dock], [int(min(width * 0.4, max(380, width - 1000)))],
                           Qt.Orientation.Horizontal)

    def _changed(self) -> None:
        self._update_actions()
        self._autosave.start()

    def _confirm_replace(self) -> bool:
        """Before another briefing replaces the open one: save it, keep its draft, or stop."""
        if self.doc is None or not self.doc.modified:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, _("Briefing"),
                          _("Save the changes to “{name}” first?").format(
                              name=self.doc.display_name()),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self.w)
        box.setTextFormat(Qt.TextFormat.PlainText)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._discard_draft()
            return True
        return False

    def new_briefing(self, ids: list[int]) -> None:
        """Start a briefing from these articles (read and proposed in the background)."""
        from desktop.core.briefing import Briefing

        if not ids or not self._confirm_replace():
            return
        b = Briefing(lang=_default_lang())
        self.set_document(BriefingDocument(b, stack=self.undo_stack))
        self._propose(ids, _("Start the briefing"))

    def new_from_selection(self) -> None:
        ids = self.w.selected_ids()
        if not ids:
            self.new_from_filter()
            return
        self.new_briefing(ids)

    def new_from_filter(self) -> None:
        ids = self._filter_ids()
        if not ids:
            self.ctx.message(_("No articles are shown to start a briefing from."),
                                           6000)
            return
        if len(ids) > MAX_FROM_FILTER:
            self.ctx.message(
                _("The briefing takes the first {n} articles of the list.").format(
                    n=MAX_FROM_FILTER), 8000)
            ids = ids[:MAX_FROM_FILTER]
        self.new_briefing(ids)

    def _filter_ids(self) -> list[int]:
        model = self.w.browse.model
        return [i for i in (model.article_id(r) for r in range(model.rowCount())) if i is not None]

    def add_selection(self) -> None:
        ids = self.w.selected_ids()
        if self.doc is None:
            self.new_briefing(ids)
        elif ids:
            self.add_articles(ids)

    def add_reader_article(self) -> None:
        aid = self.w.reading.article_id
        if aid is None:
            return
        if self.doc is None:
            self.new_briefing([aid])
        else:
            self.add_articles([aid])

    def add_articles(self, ids: list[int]) -> None:
        """Add articles to the open briefing; the new proposals arrive as one undo step."""
        have = {a.id for a in self.doc.briefing.articles} if self.doc is not None else set()
        new = [i for i in ids if i not in have]
        if not new:
            self.ctx.message(_("These articles are already in the briefing."),
                                           5000)
            return
        self._propose(new, ngettext("Add {n} article", "Add {n} articles", len(new)).format(
            n=len(new)))

    def _propose(self, ids: list[int], text: str):
        lib = self.ctx.session.library
        if lib is None or self.doc is None:
            return None
        doc = self.doc
        job = self.ctx.runner.start(PROPOSE, _stored, str(lib.folder), list(ids), doc.briefing)

        def done(value) -> None:
            proposed, n = value
            if self.doc is not doc:
                return  # another briefing was opened meanwhile
            doc.edit(ops.take_lists(proposed), text)
            self.ctx.message(
                ngettext("{n} article added to the briefing.",
                         "{n} articles added to the briefing.", n).format(n=n), 5000)
            self.proposed.emit()

        job.result.connect(done)
        job.error.connect(lambda exc, _tb: self._error(_("The articles could not be added."),
                                                       exc))
        job.cancelled.connect(lambda: self.ctx.message(_("No articles were added."), 5000))
        self.ctx.jobs.track(job, _("Reading the articles for the briefing…"),
                            _("Stop; the briefing stays as it was"))
        return job

    # ------------------------------------------------------------------ files
    def open_dialog(self) -> None:
        if not self._confirm_replace():
            return
        start = str(self.doc.path.parent) if self.doc and self.doc.path else _last_folder(self.w)
        path, _f = QFileDialog.getOpenFileName(
            self.w, _("Open briefing"), start,
            _("Kenes briefings ({pattern});;All files (*)").format(pattern=FILTER))
        if path:
            self.open(Path(path), confirm=False)

    def open(self, path: Path, *, confirm: bool = True) -> bool:
        from desktop.core.briefing import BriefingError, load

        if confirm and not self._confirm_replace():
            return False
        try:
            b = load(path)
        except BriefingError as exc:
            self._error(_("The briefing could not be opened."), exc)
            self.drafts.remove_recent(path)
            return False
        self.set_document(BriefingDocument(b, path, stack=self.undo_stack))
        self.drafts.add_recent(path)
        return True

    def save(self) -> bool:
        if self.doc is None:
            return False
        if self.doc.path is None:
            return self.save_as()
        return self._write(self.doc.path)

    def save_as(self) -> bool:
        if self.doc is None:
            return False
        from desktop.core.briefing import SUFFIX

        if self.doc.path is not None:
            start = str(self.doc.path)
        else:
            name = _safe_name(self.doc.display_name()) + SUFFIX
            start = str(Path(_last_folder(self.w)) / name)
        path, _f = QFileDialog.getSaveFileName(
            self.w, _("Save briefing"), start,
            _("Kenes briefings ({pattern})").format(pattern=FILTER))
        if not path:
            return False
        p = Path(path)
        if p.suffix != SUFFIX:
            p = p.with_name(p.name + SUFFIX)
        return self._write(p)

    def _write(self, path: Path) -> bool:
        from desktop.core.briefing import BriefingError, save

        try:
            save(self.doc.briefing, path)
        except BriefingError as exc:
            self._error(_("The briefing could not be saved."), exc)
            return False
        self._discard_draft()
        self.doc.mark_saved(path)
        self.drafts.add_recent(path)
        _set_last_folder(self.w, path.parent)
        self._update_actions()
        self.ctx.message(_("Briefing saved to {path}").format(path=path), 6000)
        return True

    def close_briefing(self) -> None:
        if self._confirm_replace():
            self.set_document(None)
            self.dock.hide()

    # ------------------------------------------------------------------ drafts
    def autosave(self) -> None:
        """Write the draft now (no-op when nothing changed since the file was saved)."""
        from desktop.core.briefing import BriefingError

        self._autosave.stop()
        doc = self.doc
        if doc is None or not doc.modified:
            return
        try:
            doc.draft_id = self.drafts.autosave(doc.briefing, doc.path, doc.draft_id)
        except BriefingError as exc:
            self.ctx.message(str(exc), 8000)

    def _discard_draft(self) -> None:
        from desktop.core.drafts import draft_id_for

        if self.doc is None:
            return
        for did in {self.doc.draft_id, draft_id_for(self.doc.path) if self.doc.path else None}:
            if did:
                self.drafts.discard(did)
        self.doc.draft_id = None

    def offer_recovery(self) -> QMessageBox | None:
        """After a crash or kill: offer the newest draft holding unsaved work."""
        if self._box is not None and self._box.property("recovery"):
            return self._box  # already asking
        drafts = self.drafts.recoverable()
        if not drafts or self.doc is not None:
            return None
        d = drafts[0]
        name = d.title or (d.path.name if d.path else _("Untitled briefing"))
        from datetime import datetime

        when = datetime.fromtimestamp(d.saved_at).strftime("%Y-%m-%d %H:%M")
        box = QMessageBox(QMessageBox.Icon.Question, _("Restore briefing"), _(
            "Kenes closed before the briefing “{name}” was saved. Restore the version "
            "autosaved at {time}?").format(name=name, time=when), QMessageBox.StandardButton.NoButton,
            self.w)
        box.setTextFormat(Qt.TextFormat.PlainText)
        restore = box.addButton(_("&Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(_("&Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setProperty("recovery", True)

        def answered(button) -> None:
            role = box.buttonRole(button)
            if role == QMessageBox.ButtonRole.AcceptRole:
                self.restore(d)
            elif role == QMessageBox.ButtonRole.DestructiveRole:
                self.drafts.discard(d.id)
            self._box = None

        box.buttonClicked.connect(answered)
        self._box = box
        box.open()
        return box

    def restore(self, draft) -> bool:
        """Open an autosaved draft; it stays unsaved (and autosaved) until the user saves."""
        from desktop.core.briefing import BriefingError

        self.autosave()  # a briefing started meanwhile keeps its own draft
        try:
            b = draft.load()
        except BriefingError as exc:
            self._error(_("The autosaved draft could not be restored."), exc)
            return False
        doc = BriefingDocument(b, draft.path, stack=self.undo_stack)
        doc.draft_id = draft.id
        self.set_document(doc)
        # a restored draft differs from its file (or has none): mark it unsaved
        doc.undo_stack.resetClean()
        self._update_actions()
        return True

    def shutdown(self) -> None:
        """The window closes: write the draft of unsaved work (restored at the next start)."""
        self.autosave()

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:  # noqa: N802 - Qt API
        if obj is self.w and e.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    # ------------------------------------------------------------------ export
    def export(self) -> None:
        if self.doc is None:
            return
        from desktop.ui.briefing.export_dialog import ExportDialog

        if self.export_dialog is None:
            self.export_dialog = ExportDialog(self)
        self.export_dialog.reset()
        self.export_dialog.show()
        self.export_dialog.raise_()

    def pair_ids(self) -> tuple[int, int] | None:
        """(Kazakh, Russian) ids of the pair the reader shows, when it shows one: asked of
        whichever reading part offers a public `pair_ids()`."""
        reading = getattr(self.w, "reading", None)
        for owner in (reading, getattr(reading, "area", None), getattr(self.w, "pair", None)):
            f = getattr(owner, "pair_ids", None)
            if callable(f):
                try:
                    ids = f()
                except Exception:  # noqa: BLE001 - no pair to offer is not an error
                    ids = None
                if ids:
                    return int(ids[0]), int(ids[1])
        return None

    # ------------------------------------------------------------------ messages
    def _error(self, title: str, exc: Any) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Briefing"), f"{title}\n\n{exc}",
                          QMessageBox.StandardButton.Ok, self.w)
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names and messages are literal
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._box = box
        box.open()


def _default_lang() -> str:
    from desktop.i18n import current_language

    return current_language() if current_language() in ("kk", "ru", "en") else "en"


def _safe_name(title: str) -> str:
    keep = "".join(c if c.isalnum() or c in " -_–" else " " for c in title)
    return " ".join(keep.split())[:80] or "briefing"


def _last_folder(window) -> str:
    v = window.settings.qsettings.value("briefing/folder", "")
    return str(v) if v and Path(str(v)).is_dir() else str(Path.home())


def _set_last_folder(window, folder: Path) -> None:
    window.settings.qsettings.setValue("briefing/folder", str(folder))
