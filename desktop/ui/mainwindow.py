"""The main window: sidebar filters | article table | reader; import, menus, layout memory.

The window holds no data of its own: the core `Catalog` filters and counts, the table model
holds row positions, and long work (opening, importing) runs through the JobRunner.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import DOMAIN, N_, _, current_language, format_number, ngettext
from desktop.jobs.qt_runner import Job, JobRunner
from desktop.settings import Settings
from desktop.ui.browse_state import BrowseState, safe_combined
from desktop.ui.icons import icon
from desktop.ui.models.article_table import COLUMN_KEYS, ArticleTableModel
from desktop.ui.names import Names
from desktop.ui.plain import plain_tooltip
from desktop.ui.rules import RETAG, RulesController
from desktop.ui.widgets.notice import NoticeBar
from desktop.ui.widgets.reader import ReaderArea
from desktop.ui.widgets.search_box import SearchBox
from desktop.ui.widgets.sidebar import Sidebar

if TYPE_CHECKING:  # numpy and the core load after the first paint
    import numpy as np

    from desktop.core.query import Catalog, Filter
    from desktop.ui.models.catalog_adapter import CatalogRows


def _open_library(folder: str | None, sample: str | None, *, progress, cancel):
    """Worker: open the library, import the sample into an empty one, load the catalog."""
    from desktop.corpus.library import Library

    lib = Library.open(folder or None)
    report = None
    if sample and lib.is_empty() and Path(sample).is_dir():
        progress(0, 0, _("Importing the sample articles…"))
        report = lib.import_paths([sample], progress=progress, cancel=cancel)
    return lib, lib.catalog(), report


def _import(library, paths: list[str], *, progress, cancel):
    """Worker: import paths, then return the report and the refreshed catalog.

    The worker writes through its own connection, so the window's reads (search, reader)
    never run inside the import's transactions.
    """
    from desktop.corpus.library import Library

    with Library.open(library.folder) as own:
        report = own.import_paths(paths, progress=progress, cancel=cancel)
        return report, own.catalog()


# Each language is named in itself, never translated.
UI_LANGUAGE_NAMES = (("en", "&English"), ("kk", "&Қазақша"), ("ru", "&Русский"))
LANGUAGE_TITLE = N_("Interface language")
LANGUAGE_RESTART = N_("The interface language will change the next time Kenes starts.")


def _in_language(lang: str, message: str) -> str:
    """`message` translated into `lang` (not the current language): the switch confirms in it."""
    import gettext

    from desktop.paths import i18n_dir

    return gettext.translation(DOMAIN, localedir=str(i18n_dir()), languages=[lang],
                               fallback=True).gettext(message)


class MainWindow(QMainWindow):
    """Browse, filter and read the library."""

    catalogLoaded = Signal()
    importFinished = Signal(object)  # ImportReport
    libraryFailed = Signal(str)

    def __init__(self, settings: Settings | None = None, *, library_dir: str | None = None,
                 import_sample: bool = True, show_reports: bool = True,
                 remember_layout: bool = True) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.library_dir = library_dir
        self.import_sample = import_sample
        self.show_reports = show_reports
        self.remember_layout = remember_layout
        self.library = None
        self.catalog: Catalog | None = None
        self.rows: CatalogRows | None = None
        self.names = Names()
        self.state = BrowseState()
        self.runner = JobRunner(self)
        self.import_job: Job | None = None
        self.last_report = None
        self.last_refresh_ms = 0.0
        self._text_cache: tuple[str, np.ndarray | None] = ("", None)
        self._restoring = False
        self._closing = False

        self.setWindowTitle("Kenes")
        self.setWindowIcon(icon("kenes"))
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self._build_widgets()
        self.rules = RulesController(self)
        self.rules_box: QMessageBox | None = None
        self.reader_area.addRuleRequested.connect(self.rules.add_rule)
        self.reader_area.excludeRequested.connect(self.rules.exclude)
        self.reader_area.weakenRequested.connect(self.rules.weaken)
        self._build_actions()
        self._build_status()
        if remember_layout:
            self._restore_layout()

    # ------------------------------------------------------------------ construction
    def _build_widgets(self) -> None:
        self.search = SearchBox(self)
        self.search.filterChanged.connect(self._query_changed)

        self.model = ArticleTableModel(None, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 8)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        h = self.table.horizontalHeader()
        h.setSectionsMovable(True)
        h.setHighlightSections(False)
        h.setStretchLastSection(True)
        fm = h.fontMetrics()  # longer Kazakh/Russian titles widen their column
        for col, width in zip(range(len(COLUMN_KEYS)), (86, 40, 250, 96, 110, 120),
                              strict=True):
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            self.table.setColumnWidth(col, max(width, fm.horizontalAdvance(title) + 24))
        self.table.setAccessibleName(_("Articles"))
        self.table.setToolTip(_("Arrows move through the list; Enter opens the article in "
                                "the reader; click a header to sort"))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)

        self.sidebar = Sidebar(self.settings, self.browse_state_dict, self.names, self)
        self.sidebar.facetsChanged.connect(self._facets_changed)
        self.sidebar.datesChanged.connect(self._dates_changed)
        self.sidebar.resetRequested.connect(self.reset_filters)
        self.sidebar.saved.applyRequested.connect(self.apply_browse_state)

        self.reader_area = ReaderArea(self, self.names.label)
        self.reader = self.reader_area.primary
        kinds = self.settings.highlight_kinds()
        if kinds is not None:
            self.reader.set_enabled_kinds(kinds)
        self.reader.highlightKindsChanged.connect(self.settings.set_highlight_kinds)

        self.placeholder = QLabel(_("Opening the library…"), self)
        self.placeholder.setTextFormat(Qt.TextFormat.PlainText)  # may show an error's path
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.hide()

        center = QWidget(self)
        cl = QVBoxLayout(center)
        cl.setContentsMargins(6, 6, 0, 0)
        cl.setSpacing(4)
        self.notice = NoticeBar(center)
        cl.addWidget(self.notice)
        cl.addWidget(self.search)
        cl.addWidget(self.table, 1)
        cl.addWidget(self.placeholder, 1)

        self.content_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.content_splitter.addWidget(center)
        self.content_splitter.addWidget(self.reader_area)
        self.content_splitter.setStretchFactor(0, 3)
        self.content_splitter.setStretchFactor(1, 2)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.addWidget(self.sidebar)
        self.main_splitter.addWidget(self.content_splitter)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([250, 1030])
        self.content_splitter.setSizes([600, 430])
        self.setCentralWidget(self.main_splitter)

    def _action(self, text: str, slot, shortcut=None, tip: str = "", icon_name: str = "",
                checkable: bool = False) -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setToolTip(tip)
            a.setStatusTip(tip)
        if icon_name:
            a.setIcon(icon(icon_name))
        a.setCheckable(checkable)
        if checkable:
            a.setChecked(True)
            a.toggled.connect(slot)
        else:
            a.triggered.connect(slot)
        return a

    def _build_actions(self) -> None:
        self.import_files_action = self._action(
            _("&Import files…"), self.import_files_dialog, QKeySequence.StandardKey.Open,
            _("Import text files, archives or tables (Ctrl+O)"), "import")
        self.import_folder_action = self._action(
            _("Import &folder…"), self.import_folder_dialog, "Ctrl+Shift+O",
            _("Import every article in a folder and its subfolders"), "folder")
        self.open_library_action = self._action(
            _("&Open library…"), self.open_library_dialog, None,
            _("Open another library folder"))
        self.quit_action = self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.find_action = self._action(_("&Search"), self.search.focus,
                                        QKeySequence.StandardKey.Find,
                                        _("Put the cursor in the search box (Ctrl+F)"))
        self.reset_action = self._action(_("&Reset filters"), self.reset_filters, None,
                                         _("Clear the search, every facet and the dates"),
                                         "reset")
        self.sidebar_action = self._action(_("&Filters sidebar"), self.sidebar.setVisible,
                                           "Ctrl+1", checkable=True)
        self.reader_action = self._action(_("&Reader"), self.reader_area.setVisible,
                                          "Ctrl+2", checkable=True)
        self.why_action = self._action(
            _("&Why tagged"), self.reader_area.set_why_visible,
            "Ctrl+3", checkable=True)
        self.about_action = self._action(_("&About Kenes"), self.about)

        mb = self.menuBar()
        m = mb.addMenu(_("&File"))
        m.addActions([self.import_files_action, self.import_folder_action])
        m.addSeparator()
        m.addAction(self.open_library_action)
        m.addSeparator()
        m.addAction(self.quit_action)
        m = mb.addMenu(_("&Edit"))
        m.addActions([self.rules.undo_action, self.rules.redo_action])
        m.addSeparator()
        m.addActions([self.find_action, self.reset_action])
        m = mb.addMenu(_("&View"))
        m.addActions([self.sidebar_action, self.reader_action, self.why_action])
        m.addSeparator()
        self._build_language_menu(m)
        m = mb.addMenu(_("&Tools"))
        m.addActions(self.rules.actions[:2])
        m.addSeparator()
        m.addAction(self.rules.folder_action)
        m = mb.addMenu(_("&Help"))
        m.addAction(self.about_action)

        tb = self.addToolBar(_("Main toolbar"))
        tb.setObjectName("main-toolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.addAction(self.import_files_action)
        tb.addAction(self.import_folder_action)
        tb.addSeparator()
        tb.addAction(self.reset_action)
        self.addAction(self.find_action)

    def _build_language_menu(self, parent) -> None:
        """View → Interface language: names in their own language; saved, applied at start."""
        self.language_menu = parent.addMenu(_("Interface &language"))
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
        self.language_box: QMessageBox | None = None

    def set_ui_language(self, lang: str) -> None:
        """Save the interface language; tell (in that language) that a restart applies it."""
        self.settings.ui_language = lang
        self.settings.sync()
        if lang == current_language():
            return
        box = QMessageBox(QMessageBox.Icon.Information, _in_language(lang, LANGUAGE_TITLE),
                          _in_language(lang, LANGUAGE_RESTART), QMessageBox.StandardButton.Ok,
                          self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: setattr(self, "language_box", None))
        self.language_box = box
        box.open()

    def _build_status(self) -> None:
        sb = self.statusBar()
        self.count_label = QLabel("", self)
        self.count_label.setAccessibleName(_("Number of articles shown"))
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.setAccessibleName(_("Progress"))
        self.progress_label = QLabel("", self)
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_label.setMaximumWidth(320)
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.cancel_button.setToolTip(_("Stop the import; articles already imported stay"))
        self.cancel_button.clicked.connect(self.cancel_import)
        for w in (self.progress_label, self.progress, self.cancel_button):
            sb.addPermanentWidget(w)
            w.hide()
        sb.addWidget(self.count_label, 1)

    # ------------------------------------------------------------------ layout memory
    def _restore_layout(self) -> None:
        s = self.settings
        if (g := s.window_geometry()) is not None:
            self.restoreGeometry(g)
        if (st := s.window_state()) is not None:
            self.restoreState(st)
        for name, sp in self._splitters().items():
            if (v := s.splitter_state(name)) is not None:
                sp.restoreState(v)
        if (hs := s.header_state()) is not None:
            self.table.horizontalHeader().restoreState(hs)
            h = self.table.horizontalHeader()
            self.model.sort_column = max(0, h.sortIndicatorSection())
            self.model.sort_descending = h.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    def _splitters(self) -> dict[str, QSplitter]:
        return {"main": self.main_splitter, "content": self.content_splitter,
                "reader": self.reader.splitter}

    def save_layout(self) -> None:
        """Remember geometry, splitters, columns, the browse state and the library."""
        s = self.settings
        s.set_window(self.saveGeometry(), self.saveState())
        for name, sp in self._splitters().items():
            s.set_splitter_state(name, sp.saveState())
        s.set_header_state(self.table.horizontalHeader().saveState())
        s.set_last_browse(self.browse_state_dict())
        if self.library is not None:
            s.last_library = str(self.library.folder)
        s.sync()

    def closeEvent(self, e: QCloseEvent) -> None:
        self._closing = True  # a job finishing during the wait must not reopen the library
        if self.remember_layout:
            self.save_layout()
        self.runner.cancel_all()
        self.runner.wait(10000)
        if self.library is not None:
            self.library.close()
            self.library = None
        super().closeEvent(e)

    # ------------------------------------------------------------------ library
    def open_library(self, folder: str | None = None) -> Job:
        """Open a library folder in the background (empty: the sample is imported first)."""
        if folder is not None:
            self.library_dir = folder
        self.placeholder.setText(_("Opening the library…"))
        self._show_placeholder(True)
        sample = None
        if self.import_sample:
            from desktop.paths import sample_corpus_dir

            sample = str(sample_corpus_dir())
        job = self.runner.start("library", _open_library, self.library_dir, sample)
        job.progress.connect(self._job_progress)
        job.result.connect(self._library_opened)
        job.error.connect(self._library_failed)
        job.finished.connect(self._hide_progress)
        job.finished.connect(lambda: self._close_superseded(job))
        self._show_progress(_("Opening the library…"), job)
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
        if self.library is not None and self.library is not lib:
            self.library.close()
        self.library = lib
        self.settings.last_library = str(lib.folder)
        self.setWindowTitle(f"Kenes — {lib.folder}")
        restore = not self.state.query and not self.state.facets and self.catalog is None
        self.set_catalog(catalog)
        if restore:
            self.apply_browse_state(self.settings.last_browse())
        if report is not None:
            self.statusBar().showMessage(
                _("The sample articles were imported into the new library."), 8000)
        self.catalogLoaded.emit()

    def _library_failed(self, exc: object, tb: str) -> None:
        self.placeholder.setText(_("The library could not be opened:\n{error}").format(
            error=exc))
        self._show_placeholder(True)
        self.libraryFailed.emit(str(exc))

    def set_catalog(self, catalog: Catalog) -> None:
        """Show a (new) catalog: fill facets and the table, keep the current filters."""
        from desktop.ui.models.catalog_adapter import CatalogRows

        self.catalog = catalog
        self.rows = CatalogRows(catalog, self.names)
        self._text_cache = ("", None)
        self.model.set_source(self.rows)
        self.sidebar.set_catalog(catalog)
        self.sidebar.set_facet_state(self.state.facets)
        self._show_placeholder(len(catalog) == 0)
        if len(catalog) == 0:
            self.placeholder.setText(_("The library is empty. Import articles with File → "
                                       "Import (Ctrl+O) or drop files and folders here."))
        self.refresh()

    def _show_placeholder(self, on: bool) -> None:
        self.placeholder.setVisible(on)
        self.table.setVisible(not on)

    def open_library_dialog(self) -> None:
        d = QFileDialog.getExistingDirectory(self, _("Open library folder"),
                                             self.settings.last_library or str(Path.home()))
        if d:
            self.catalog = None
            self.open_library(d)

    # ------------------------------------------------------------------ filtering
    def browse_state_dict(self) -> dict:
        d = self.state.to_dict()
        d["summary"] = self._summary()
        return d

    def _summary(self) -> str:
        f, _err = safe_combined(self.state)
        return f.to_query() or _("everything")

    def apply_browse_state(self, d: dict) -> None:
        """Restore a saved or last-used search: box, ticks, dates; one refresh."""
        st = BrowseState.from_dict(d)
        self._restoring = True
        try:
            self.state = st
            self.search.set_text(st.query, apply=False)
            self.search.apply()
            self.sidebar.set_facet_state(st.facets)
            self.sidebar.dates.set_range(st.date_from, st.date_to)
        finally:
            self._restoring = False
        self.refresh()

    def reset_filters(self) -> None:
        self.apply_browse_state({})

    def _query_changed(self, f: Filter) -> None:
        self.state.query = self.search.text()
        if not self._restoring:
            self.refresh()

    def _facets_changed(self, facets: dict) -> None:
        self.state.facets = facets
        if not self._restoring:
            self.refresh()

    def _dates_changed(self, date_from, date_to) -> None:
        self.state.date_from, self.state.date_to = date_from, date_to
        if not self._restoring:
            self.refresh()

    def _text_ids(self, text: str):
        text = text.strip()
        if not text or self.library is None:
            return None
        if self._text_cache[0] == text:
            return self._text_cache[1]
        ids = self.library.search_ids(text)
        self._text_cache = (text, ids)
        return ids

    def current_filter(self) -> Filter:
        f, _err = safe_combined(self.state)
        return f

    def refresh(self) -> None:
        """Apply the current state: table rows, facet counts, histogram, status line."""
        if self.catalog is None:
            return
        from desktop.core.query import NODATE

        t0 = time.perf_counter()
        cat = self.catalog
        f, err = safe_combined(self.state)
        if err is not None:  # the box shows the error; filter on everything else meanwhile
            f = self.state.combined(self.search.current)
        text_ids = self._text_ids(f.text)
        keep_id = self.reader.article_id
        positions = cat.filter(f, text_ids)
        self.model.set_positions(positions)
        if self.table.isVisible():
            self.table.doItemsLayout()  # now, not in a second paint after the first one
        self.sidebar.update_counts(cat, f, text_ids)
        days = cat.days[positions]
        self.sidebar.set_days(days[days != NODATE])
        self._update_count()
        if keep_id is not None:
            self.select_article(keep_id, scroll=True, open_if_missing=False)
        self._settle_layouts()
        self.last_refresh_ms = (time.perf_counter() - t0) * 1000

    @staticmethod
    def _settle_layouts() -> None:
        """Run the layouts this refresh invalidated now (a section grew, a header changed),
        innermost first, so the window is painted once, in its final geometry, instead of
        once before the posted layout requests and again after them."""
        for _level in range(6):  # each level of nesting posts a request to its parent
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        total = len(self.catalog) if self.catalog is not None else 0
        self.count_label.setText(
            ngettext("{shown} of {total} article", "{shown} of {total} articles", total).format(
                shown=format_number(shown), total=format_number(total)))

    # ------------------------------------------------------------------ table & reader
    def select_article(self, article_id: int, *, scroll: bool = True,
                       open_if_missing: bool = True) -> bool:
        """Make `article_id` the current row (and show it in the reader)."""
        if self.catalog is None:
            return False
        pos = self.catalog.position_of(int(article_id))
        row = -1 if pos is None else self.model.row_of_position(pos)
        if row < 0:
            if open_if_missing and self.library is not None:
                self.show_in_reader(int(article_id))
            return False
        idx = self.model.index(row, 0)
        sm = self.table.selectionModel()
        sm.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect
                           | QItemSelectionModel.SelectionFlag.Rows)
        if scroll:
            self.table.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)
        if self.reader.article_id != int(article_id):
            self.show_in_reader(int(article_id))
        return True

    def selected_ids(self) -> list[int]:
        """Ids of the selected rows, in table order (for the brief composer)."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [i for i in (self.model.article_id(r) for r in rows) if i is not None]

    def show_in_reader(self, article_id: int) -> None:
        if self.library is None:
            return
        try:
            stored = self.library.get(article_id)
        except KeyError:
            self.reader.clear()
            return
        self.reader.show_article(stored.article, stored.analysis, stored.id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        aid = self.model.article_id(current.row())
        if aid is not None and aid != self.reader.article_id:
            self.show_in_reader(aid)

    def _activated(self, index: QModelIndex) -> None:
        aid = self.model.article_id(index.row())
        if aid is not None:
            if aid != self.reader.article_id:
                self.show_in_reader(aid)
            self.reader_area.setVisible(True)
            self.reader.text.setFocus()

    # ------------------------------------------------------------------ import
    def import_files_dialog(self) -> None:
        files, _f = QFileDialog.getOpenFileNames(
            self, _("Import articles"), str(Path.home()),
            _("Articles (*.txt *.zip *.csv *.tsv *.json *.jsonl *.parquet *.xlsx);;"
              "All files (*)"))
        if files:
            self.import_paths(files)

    def import_folder_dialog(self) -> None:
        d = QFileDialog.getExistingDirectory(self, _("Import a folder"), str(Path.home()))
        if d:
            self.import_paths([d])

    def import_paths(self, paths: list[str]) -> Job | None:
        """Import in the background with progress and Cancel; report and reload at the end."""
        if self.library is None or not paths:
            return None
        if self.runner.running("import") is not None:
            self.statusBar().showMessage(_("An import is already running."), 5000)
            return None
        if self.runner.running(RETAG) is not None:
            self.statusBar().showMessage(_("Wait for re-tagging to finish first."), 5000)
            return None
        job = self.runner.start("import", _import, self.library, [str(p) for p in paths])
        self.import_job = job
        job.progress.connect(self._job_progress)
        job.result.connect(self._import_done)
        job.error.connect(self._import_failed)
        job.cancelled.connect(lambda: self.statusBar().showMessage(_("Import cancelled."), 5000))
        job.finished.connect(self._hide_progress)
        self._show_progress(_("Importing…"), job)
        self.cancel_button.setToolTip(_("Stop the import; articles already imported stay"))
        return job

    def cancel_import(self) -> None:
        job = self._progress_job()
        if job is not None:
            job.cancel()
            self.progress_label.setText(_("Cancelling…"))
            self.cancel_button.setEnabled(False)

    def _import_done(self, value) -> None:
        report, catalog = value
        self.last_report = report
        self.set_catalog(catalog)
        self.importFinished.emit(report)
        if self.show_reports:
            from desktop.ui.dialogs.import_report import ImportReportDialog

            dlg = ImportReportDialog(report, self)
            dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dlg.open()

    def _import_failed(self, exc: object, tb: str) -> None:
        self.importFinished.emit(None)
        box = QMessageBox(QMessageBox.Icon.Warning, _("Import failed"),
                          _("The import stopped with an error:\n{error}").format(error=exc),
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the error may quote a file name
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _progress_job(self) -> Job | None:
        """The running job the status bar's progress and Cancel belong to, if any."""
        for kind in ("import", "library", RETAG):
            job = self.runner.running(kind)
            if job is not None:
                return job
        return None

    def _show_progress(self, text: str, job: Job) -> None:
        self.progress_label.setText(text)
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        for w in (self.progress_label, self.progress, self.cancel_button):
            w.show()

    def _job_progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)
        if message:
            name = Path(message).name if ("/" in message or "\\" in message) else message
            self.progress_label.setText(name)
            self.progress_label.setToolTip(plain_tooltip(message))

    def _hide_progress(self) -> None:
        if self._progress_job() is not None:
            return
        for w in (self.progress_label, self.progress, self.cancel_button):
            w.hide()

    # drag and drop
    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if e.mimeData().hasUrls() and any(u.isLocalFile() for u in e.mimeData().urls()):
            e.acceptProposedAction()
        else:
            e.ignore()

    def dragMoveEvent(self, e) -> None:
        if e.mimeData().hasUrls():
            e.acceptProposedAction()

    def dropEvent(self, e: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in e.mimeData().urls() if u.isLocalFile()]
        if paths:
            e.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.import_paths(paths))

    # ------------------------------------------------------------------ misc
    def about(self) -> None:
        from desktop import __version__

        QMessageBox.about(self, _("About Kenes"), _(
            "Kenes {version}\n\nBriefings from Kazakh and Russian news, fully offline."
        ).format(version=__version__))
