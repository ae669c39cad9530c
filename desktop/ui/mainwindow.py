"""The main window: a thin frame around the feature controllers.

The frame owns the library session, the job runner, the notice bar, the status-bar job
progress and the undo group; it lays out the controllers' widgets (sidebar | list |
reader), builds the menus and the toolbar from the actions they expose, wires their
signals together and remembers the layout. Features live in `desktop.ui.controllers`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from desktop.i18n import N_, _, current_language
from desktop.jobs.qt_runner import Job, JobRunner
from desktop.settings import Settings
from desktop.ui.briefing.controller import BriefingController
from desktop.ui.controllers.base import (
    JOB_LIBRARY,
    MENU_BRIEFING,
    MENU_EDIT,
    MENU_FILE,
    MENU_HELP,
    MENU_ORDER,
    MENU_PAIR,
    MENU_TOOLS,
    MENU_VIEW,
    Controller,
    MenuItems,
    UndoRouter,
    WindowContext,
    make_action,
)
from desktop.ui.controllers.browse import BrowseController
from desktop.ui.controllers.help import HelpController
from desktop.ui.controllers.imports import ImportController
from desktop.ui.controllers.library_watch import LibraryWatchController
from desktop.ui.controllers.reading import ReadingController
from desktop.ui.controllers.rules import RulesController
from desktop.ui.icons import icon
from desktop.ui.names import Names
from desktop.ui.session import LibrarySession
from desktop.ui.widgets.job_status import JobStatus
from desktop.ui.widgets.notice import NoticeBar

if TYPE_CHECKING:
    from desktop.core.query import Catalog


def _open_library(folder: str | None, sample: str | None, *, progress, cancel):
    """Worker: open the library, import the sample into an empty one, load the catalog."""
    from desktop.corpus.library import Library

    lib = Library.open(folder or None)
    report = None
    if sample and lib.is_empty() and Path(sample).is_dir():
        progress(0, 0, _("Importing the sample articles…"))
        report = lib.import_paths([sample], progress=progress, cancel=cancel)
    # A library from before pairing gets its counterpart index here, once, off the GUI
    # thread (≈ 0.5 ms an article); libraries imported by this version have nothing to do.
    progress(0, 0, _("Preparing the library for pairing…"))
    lib.ensure_pair_index(progress=progress, cancel=cancel)
    return lib, lib.catalog(), report


# Each language is named in itself, never translated.
UI_LANGUAGE_NAMES = (("en", "&English"), ("kk", "&Қазақша"), ("ru", "&Русский"))

# Menu titles by key (base.MENU_ORDER); a menu nobody fills is left out of the menu bar.
MENU_TITLES = {
    MENU_FILE: N_("&File"),
    MENU_EDIT: N_("&Edit"),
    MENU_VIEW: N_("&View"),
    MENU_PAIR: N_("Reading &pair"),
    MENU_BRIEFING: N_("&Briefing"),
    MENU_TOOLS: N_("&Tools"),
    MENU_HELP: N_("&Help"),
}


_MEDIA_KEYS = 0x01000060  # Qt.Key_Back and on: browser, media and launch keys


class MainWindow(QMainWindow):
    """Browse, filter and read the library.

    Controllers: `browse` (sidebar, search, table), `importer` (import), `reading`
    (reader area), `rules` (tagging rules, re-tag, rule-edit undo)."""

    catalogLoaded = Signal()
    languageChanged = Signal(str)  # the interface language now in use (Qt's own texts follow)
    importFinished = Signal(object)  # ImportReport
    libraryFailed = Signal(str)

    def __init__(self, settings: Settings | None = None, *, library_dir: str | None = None,
                 import_sample: bool = True, show_reports: bool = True,
                 remember_layout: bool = True) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.library_dir = library_dir
        self.import_sample = import_sample
        self.remember_layout = remember_layout
        self.names = Names(written=lambda kind, value: (
            self.session.library.written_name(kind, value) if self.session.library else None))
        self.runner = JobRunner(self)
        self.session = LibrarySession(self)
        self._closing = False

        self.setWindowTitle("Kenes")
        self.setWindowIcon(icon("kenes"))
        self.resize(1280, 800)
        self.notice = NoticeBar(self)
        self.jobs = JobStatus(self.statusBar(), self)
        self.undo = UndoRouter(self)
        self.undo_action, self.redo_action = self.undo.undo_action, self.undo.redo_action
        self.ctx = WindowContext(self, self.settings, self.runner, self.session, self.names,
                                 self.notice, self.jobs, self.undo)

        self.importer = ImportController(self.ctx, show_reports=show_reports)
        # browse first: its search box is first in the tab order and has the focus at start
        self.browse = BrowseController(self.ctx, lambda: self.reading.article_id)
        self.reading = ReadingController(self.ctx)
        self.rules = RulesController(self.ctx, edit_areas=[self.reading.widget])
        # the composer dock; at start it offers a draft a crash left (not for screenshots)
        self.briefing = BriefingController(self.ctx, offer_restore=show_reports)
        self.help = HelpController(self.ctx, self.shortcut_rows)
        # a `kenes import` from the command line while the window is open: offer to refresh
        self.library_watch = LibraryWatchController(self.ctx)
        # menu, toolbar and layout-memory order
        self.controllers: list[Controller] = [self.importer, self.browse, self.reading,
                                              self.rules, self.help, self.briefing,
                                              self.library_watch]
        self._wire()
        self._build_layout()
        self._build_actions()
        self._build_status()
        if remember_layout:
            self._restore_layout()

    def add_controller(self, ctrl: Controller) -> None:
        """Add a feature controller after construction: its menus, toolbar, shortcuts."""
        self.controllers.append(ctrl)
        self._add_actions(ctrl)

    # ------------------------------------------------------------------ construction
    def _wire(self) -> None:
        b, r, ru = self.browse, self.reading, self.rules
        b.showRequested.connect(r.open)
        b.clearRequested.connect(r.clear)
        b.activated.connect(self._activated)
        r.addRuleRequested.connect(ru.add_rule)
        r.excludeRequested.connect(ru.exclude)
        r.weakenRequested.connect(ru.weaken)
        ru.tagsChanged.connect(r.reload)
        self.importer.importFinished.connect(self.importFinished)
        self.catalogLoaded.connect(ru.library_opened)

    def _activated(self, article_id: int) -> None:
        self.reading.open(article_id)
        self.reading.focus_text()

    def _build_layout(self) -> None:
        center = QWidget(self)
        cl = QVBoxLayout(center)
        cl.setContentsMargins(6, 6, 0, 0)
        cl.setSpacing(4)
        self.notice.setParent(center)
        cl.addWidget(self.notice)
        cl.addWidget(self.browse.list_area, 1)

        self.content_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.content_splitter.addWidget(center)
        self.content_splitter.addWidget(self.reading.widget)
        self.content_splitter.setStretchFactor(0, 3)
        self.content_splitter.setStretchFactor(1, 2)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.addWidget(self.browse.sidebar)
        self.main_splitter.addWidget(self.content_splitter)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([250, 1030])
        # the pair of texts needs the width more than the list's columns
        self.content_splitter.setSizes([380, 650])
        self.setCentralWidget(self.main_splitter)

    def _build_actions(self) -> None:
        # texts: _retranslate_own()
        self.open_library_action = make_action(self, "", self.open_library_dialog)
        self.quit_action = make_action(self, "", self.close, QKeySequence.StandardKey.Quit)
        self.about_action = make_action(self, "", self.about)

        self.menus: dict[str, QMenu] = {}
        self._fill(MENU_EDIT, [self.undo_action, self.redo_action])
        for c in self.controllers:
            for key, items in c.menu_actions().items():
                self._fill(key, items)
        self._fill(MENU_FILE, [self.open_library_action, None, self.quit_action])
        self._build_language_menu(self.menu(MENU_VIEW))
        self._fill(MENU_HELP, [self.about_action])

        tb = self.addToolBar("")
        tb.setObjectName("main-toolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar = tb
        for c in self.controllers:
            self._add_toolbar(c.toolbar_actions())
            self.addActions(c.window_actions())
        self._retranslate_own()

    def _retranslate_own(self) -> None:
        """The frame's own texts: menu titles, its actions, the toolbar's name."""
        for key, m in self.menus.items():
            m.setTitle(_(MENU_TITLES[key]))
        self.open_library_action.setText(_("&Open library…"))
        self.open_library_action.setToolTip(_("Open another library folder"))
        self.open_library_action.setStatusTip(_("Open another library folder"))
        self.quit_action.setText(_("&Quit"))
        self.about_action.setText(_("&About Kenes"))
        self.language_menu.setTitle(_("Interface &language"))
        self.toolbar.setWindowTitle(_("Main toolbar"))

    def _add_actions(self, ctrl: Controller) -> None:
        for key, items in ctrl.menu_actions().items():
            self._fill(key, items)
        self._add_toolbar(ctrl.toolbar_actions())
        self.addActions(ctrl.window_actions())
        for w in ctrl.status_widgets():
            self.statusBar().addWidget(w)

    def menu(self, key: str) -> QMenu:
        """The menu `key` (base.MENU_ORDER), put into the menu bar in its place when first
        asked for: a menu nobody fills never shows."""
        m = self.menus.get(key)
        if m is None:
            m = QMenu(_(MENU_TITLES[key]), self)
            self.menus[key] = m
            later = [self.menus[k].menuAction() for k in MENU_ORDER[MENU_ORDER.index(key) + 1:]
                     if k in self.menus]
            if later:
                self.menuBar().insertMenu(later[0], m)
            else:
                self.menuBar().addMenu(m)
        return m

    def _fill(self, key: str, items: MenuItems) -> None:
        """Append one contribution to menu `key`, a separator from the one before."""
        if not items:
            return
        m = self.menu(key)
        if not m.isEmpty():
            m.addSeparator()
        for a in items:
            if a is None:
                m.addSeparator()
            else:
                m.addAction(a)

    def _add_toolbar(self, items: MenuItems) -> None:
        if not items:
            return
        if self.toolbar.actions():
            self.toolbar.addSeparator()
        for a in items:
            if a is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(a)

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """(menu, entry, keys) of every menu entry that has a key, in menu-bar order."""
        def plain(text: str) -> str:
            return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")

        rows: list[tuple[str, str, str]] = []

        def walk(menu: QMenu, where: str) -> None:
            for a in menu.actions():
                if a.menu() is not None:
                    walk(a.menu(), where)
                elif not a.isSeparator() and a.shortcuts():
                    # leave out dedicated keys (Open, Find, Undo…) few keyboards have
                    keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                                     for k in a.shortcuts() if k.count()
                                     and k[0].key().value < _MEDIA_KEYS
                                     and k[0].key() != Qt.Key.Key_Help)
                    if keys:
                        rows.append((where, plain(a.text()), keys))

        for a in self.menuBar().actions():
            if a.menu() is not None and a.isVisible():
                walk(a.menu(), plain(a.text()))
        return rows

    def _build_language_menu(self, parent: QMenu) -> None:
        """View → Interface language: names in their own language; saved and applied at once."""
        parent.addSeparator()
        self.language_menu = parent.addMenu("")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in UI_LANGUAGE_NAMES:
            a = self.language_menu.addAction(name)
            a.setCheckable(True)
            a.setChecked(code == current_language())
            a.setData(code)
            group.addAction(a)
            self.language_actions[code] = a
        group.triggered.connect(lambda a: self.set_ui_language(str(a.data())))

    def set_ui_language(self, lang: str) -> None:
        """Save the interface language and switch the window to it now (no restart):
        the frame and every controller set their texts again."""
        self.settings.ui_language = lang
        self.settings.sync()
        if lang == current_language():
            return
        lang = i18n.setup(lang)
        self.language_actions[lang].setChecked(True)
        self.languageChanged.emit(lang)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the window again in the current interface language."""
        self._retranslate_own()
        self.notice.retranslate()
        self.jobs.retranslate()
        for c in self.controllers:
            c.retranslate()
        self.undo.update_texts()
        self.statusBar().clearMessage()  # a message in the previous language

    def _build_status(self) -> None:
        for c in self.controllers:
            for w in c.status_widgets():
                self.statusBar().addWidget(w, 1)

    # ------------------------------------------------------------------ layout memory
    def _splitters(self) -> dict[str, QSplitter]:
        return {"main": self.main_splitter, "content": self.content_splitter}

    def _restore_layout(self) -> None:
        s = self.settings
        if (g := s.window_geometry()) is not None:
            self.restoreGeometry(g)
        if (st := s.window_state()) is not None:
            self.restoreState(st)
        for name, sp in self._splitters().items():
            if (v := s.splitter_state(name)) is not None:
                sp.restoreState(v)
        for c in self.controllers:
            c.restore_state()

    def save_layout(self) -> None:
        """Remember geometry, splitters, each controller's state and the library."""
        s = self.settings
        s.set_window(self.saveGeometry(), self.saveState())
        for name, sp in self._splitters().items():
            s.set_splitter_state(name, sp.saveState())
        for c in self.controllers:
            c.save_state()
        if self.library is not None:
            s.last_library = str(self.library.folder)
        s.sync()

    def closeEvent(self, e: QCloseEvent) -> None:
        self._closing = True  # a job finishing during the wait must not reopen the library
        if self.remember_layout:
            self.save_layout()
        self.runner.cancel_all()
        self.runner.wait(10000)
        self.session.close()
        super().closeEvent(e)

    # ------------------------------------------------------------------ library
    @property
    def library(self):
        return self.session.library

    @library.setter
    def library(self, lib) -> None:  # a test's stand-in, or None
        self.session.library = lib

    @property
    def catalog(self) -> Catalog | None:
        return self.session.catalog

    def set_catalog(self, catalog: Catalog) -> None:
        """Show a (new) catalog: facets and table keep the current filters."""
        self.session.set_catalog(catalog)

    def open_library(self, folder: str | None = None) -> Job:
        """Open a library folder in the background (empty: the sample is imported first)."""
        if folder is not None:
            self.library_dir = folder
        self.browse.show_placeholder(_("Opening the library…"))
        sample = None
        if self.import_sample:
            from desktop.paths import sample_corpus_dir

            sample = str(sample_corpus_dir())
        job = self.runner.start(JOB_LIBRARY, _open_library, self.library_dir, sample)
        job.result.connect(self._library_opened)
        job.error.connect(self._library_failed)
        job.finished.connect(lambda: self._close_superseded(job))
        self.jobs.track(job, _("Opening the library…"))
        return job

    def _close_superseded(self, job: Job) -> None:
        """Close the library a superseded open job still opened (its result was dropped)."""
        if job.superseded and job.outcome == "result" and job.value[0] is not self.library:
            job.value[0].close()

    def _library_opened(self, value) -> None:
        lib, catalog, report = value
        if self._closing:
            lib.close()
            return
        # filters and saved searches belong to one library: another folder brings its own
        old = getattr(self.session.library, "folder", None)
        switching = old is not None and Path(old).resolve() != Path(lib.folder).resolve()
        if switching:
            self.browse.save_state()
        self.settings.use_library(lib.folder)
        self.browse.sidebar.saved.reload()
        self.session.set_library(lib)
        self.settings.last_library = str(lib.folder)
        self.setWindowTitle(f"Kenes — {lib.folder}")
        restore = switching or (self.browse.is_pristine() and self.catalog is None)
        self.set_catalog(catalog)
        if restore:
            self.browse.apply_browse_state(self.settings.last_browse())
        if report is not None:
            self.statusBar().showMessage(
                _("The sample articles were imported into the new library."), 8000)
        self.catalogLoaded.emit()

    def _library_failed(self, exc: object, tb: str) -> None:
        self.browse.show_placeholder(
            _("The library could not be opened:\n{error}").format(error=exc))
        self.libraryFailed.emit(str(exc))

    def open_library_dialog(self) -> None:
        d = QFileDialog.getExistingDirectory(self, _("Open library folder"),
                                             self.settings.last_library or str(Path.home()))
        if d:
            self.session.forget_catalog()
            self.open_library(d)

    # ------------------------------------------------------------------ public shortcuts
    def select_article(self, article_id: int, *, scroll: bool = True,
                       open_if_missing: bool = True) -> bool:
        """Make `article_id` the current row and show it in the reader."""
        return self.browse.select_article(article_id, scroll=scroll,
                                          open_if_missing=open_if_missing)

    def selected_ids(self) -> list[int]:
        """Ids of the selected rows, in table order (for the brief composer)."""
        return self.browse.selected_ids()

    def import_paths(self, paths: list[str]) -> Job | None:
        return self.importer.import_paths(paths)

    def reset_filters(self) -> None:
        self.browse.reset_filters()

    # ------------------------------------------------------------------ misc
    def about(self) -> None:
        from desktop import __version__

        QMessageBox.about(self, _("About Kenes"), _(
            "Kenes {version}\n\nBriefings from Kazakh and Russian news, fully offline."
        ).format(version=__version__))
