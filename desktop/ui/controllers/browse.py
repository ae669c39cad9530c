"""Browse: the filter sidebar, the search box, the article table and the filter state.

The controller holds no data of its own: the core `Catalog` (from the session) filters
and counts, the table model holds row positions.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, format_number, ngettext
from desktop.ui.browse_state import BrowseState, safe_combined
from desktop.ui.controllers.base import (
    MENU_EDIT,
    MENU_VIEW,
    Controller,
    MenuItems,
    WindowContext,
)
from desktop.ui.models.article_table import COLUMN_KEYS, SNIPPET_COLUMN, ArticleTableModel
from desktop.ui.widgets.no_match import NoMatch
from desktop.ui.widgets.search_box import SearchBox
from desktop.ui.widgets.sidebar import Sidebar
from desktop.ui.widgets.sort_arrow import SortArrowStyle

if TYPE_CHECKING:  # numpy and the core load after the first paint
    import numpy as np

    from desktop.core.query import Catalog, Filter
    from desktop.ui.models.catalog_adapter import CatalogRows


class BrowseController(Controller):
    """Filters the library and lists the result.

    `shown_id()` tells which article the reader shows (kept selected across refreshes).
    Emits `showRequested(id)` when the current row changes (or `select_article` asks for
    an article the filters hide) and `activated(id)` on Enter / double-click."""

    showRequested = Signal(int)
    activated = Signal(int)
    clearRequested = Signal()  # the list is empty: the reader shows nothing

    def __init__(self, ctx: WindowContext, shown_id: Callable[[], int | None]) -> None:
        super().__init__(ctx)
        self._shown_id = shown_id
        self.state = BrowseState()
        self.rows: CatalogRows | None = None
        self.last_refresh_ms = 0.0
        self._text_cache: tuple[str, np.ndarray | None] = ("", None)
        self._snippet_text = ""
        self._restoring = False
        parent = ctx.window

        self.search = SearchBox(parent)
        self.search.set_library(lambda: self.ctx.session.library, ctx.names)
        self.search.filterChanged.connect(self._query_changed)

        self.model = ArticleTableModel(None, self)
        self.table = QTableView(parent)
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
        self._header_style = SortArrowStyle()  # ▼ while the newest rows come first
        h.setStyle(self._header_style)
        h.setSectionsMovable(True)
        h.setHighlightSections(False)
        h.setStretchLastSection(True)
        for col, width in zip(range(len(COLUMN_KEYS)), (86, 40, 250, 96, 110, 120, 320),
                              strict=True):
            self.table.setColumnWidth(col, width)
        self.fit_header_titles()
        self.table.setColumnHidden(SNIPPET_COLUMN, True)
        h.moveSection(h.visualIndex(SNIPPET_COLUMN), COLUMN_KEYS.index("title") + 1)
        self.no_match = NoMatch(self.table.viewport())  # an empty result says why
        self.no_match.clearTextRequested.connect(self.clear_search_text)
        self.no_match.clearFiltersRequested.connect(self.clear_filters_keep_text)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._activated)

        self.sidebar = Sidebar(ctx.settings, self.browse_state_dict, ctx.names, parent)
        self.sidebar.facetsChanged.connect(self._facets_changed)
        self.sidebar.datesChanged.connect(self._dates_changed)
        self.sidebar.resetRequested.connect(self.reset_filters)
        self.sidebar.saved.applyRequested.connect(self.apply_browse_state)

        self.placeholder = QLabel(_("Opening the library…"), parent)
        self.placeholder.setTextFormat(Qt.TextFormat.PlainText)  # may show an error's path
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.hide()

        self.list_area = QWidget(parent)  # search box, table (or placeholder)
        lay = QVBoxLayout(self.list_area)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.search)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.placeholder, 1)

        self.count_label = QLabel("", parent)

        # texts and tips: retranslate()
        self.find_action = self.action("", self.search.focus, QKeySequence.StandardKey.Find)
        self.reset_action = self.action("", self.reset_filters, None, icon_name="reset")
        self.sidebar_action = self.action("", self.sidebar.setVisible, "Ctrl+1",
                                          checkable=True)
        self.snippet_action = self.action("", self.show_snippets, None, checkable=True)
        h.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        h.addAction(self.snippet_action)
        ctx.session.catalogChanged.connect(self.set_catalog)
        self._retranslate_own()

    def _retranslate_own(self) -> None:
        def tip(action: QAction, text: str) -> None:
            action.setToolTip(text)
            action.setStatusTip(text)

        self.table.setAccessibleName(_("Articles"))
        self.table.setToolTip(_("Arrows move through the list; Enter opens the article in "
                                "the reader; click a header to sort"))
        self.count_label.setAccessibleName(_("Number of articles shown"))
        self.find_action.setText(_("&Search"))
        tip(self.find_action, _("Put the cursor in the search box (Ctrl+F)"))
        self.reset_action.setText(_("&Reset filters"))
        tip(self.reset_action, _("Clear the search, every facet and the dates"))
        self.sidebar_action.setText(_("&Filters sidebar"))
        self.snippet_action.setText(_("&Matches in the list"))
        tip(self.snippet_action,
            _("A column with the text around the first match of the search"))

    def retranslate(self) -> None:
        """Every text again in the new interface language: actions, headers, sidebar,
        search box, facet and cell names, the count; the filters stay as they are."""
        self._retranslate_own()
        self.search.retranslate()
        self.sidebar.retranslate()
        self.no_match.retranslate()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                          self.model.columnCount() - 1)
        self.fit_header_titles()
        self.ctx.names.reset()  # facet values and languages are named in the interface's
        if self.catalog is not None:
            self.set_catalog(self.catalog)  # refills facets and rows, keeps the filters

    # ------------------------------------------------------------------ frame interface
    def menu_actions(self) -> dict[str, MenuItems]:
        return {MENU_EDIT: [self.find_action, self.reset_action],
                MENU_VIEW: [self.sidebar_action, self.snippet_action]}

    def toolbar_actions(self) -> MenuItems:
        return []  # Reset filters: the sidebar's button and Edit → Reset filters, once each

    def window_actions(self) -> list[QAction]:
        return [self.find_action]

    def status_widgets(self) -> list[QWidget]:
        return [self.count_label]

    def restore_state(self) -> None:
        if (hs := self.ctx.settings.header_state()) is not None:
            h = self.table.horizontalHeader()
            h.restoreState(hs)
            self.model.sort_column = max(0, h.sortIndicatorSection())
            self.model.sort_descending = h.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            self.fit_header_titles()  # saved by an older version, or in another language
        self._snippets_visible()

    def fit_header_titles(self) -> None:
        """Widen every column whose title (with margins and sort arrow) would be cut off;
        longer Kazakh/Russian titles widen their column."""
        h = self.table.horizontalHeader()
        for col in range(h.count()):
            need = h.sectionSizeFromContents(col).width()
            if h.sectionSize(col) < need and not h.isSectionHidden(col):
                h.resizeSection(col, need)

    def save_state(self) -> None:
        s = self.ctx.settings
        s.set_header_state(self.table.horizontalHeader().saveState())
        s.set_last_browse(self.browse_state_dict())

    # ------------------------------------------------------------------ catalog
    @property
    def catalog(self) -> Catalog | None:
        return self.ctx.session.catalog

    def set_catalog(self, catalog: Catalog) -> None:
        """Show a (new) catalog: fill facets and the table, keep the current filters."""
        from desktop.ui.models.catalog_adapter import CatalogRows

        self.rows = CatalogRows(catalog, self.ctx.names)
        self._text_cache = ("", None)
        self._snippet_text = "\0"  # a new library: fetch snippets from it
        self.model.set_source(self.rows)
        self.sidebar.set_catalog(catalog)
        self.sidebar.set_facet_state(self.state.facets)
        self.show_placeholder(None if len(catalog) else _(
            "The library is empty. Import articles with File → Import (Ctrl+O) or drop "
            "files and folders here."))
        self.refresh()

    def show_placeholder(self, text: str | None) -> None:
        """Show `text` instead of the table (opening, an error, empty); None: the table."""
        if text is not None:
            self.placeholder.setText(text)
        self.placeholder.setVisible(text is not None)
        self.table.setVisible(text is None)

    # ------------------------------------------------------------------ filtering
    def is_pristine(self) -> bool:
        """No search text and no facet ticked (a saved state may be restored)."""
        return not self.state.query and not self.state.facets

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

    # ------------------------------------------------------------------ no match, snippets
    def clear_search_text(self) -> None:
        """Drop the free text of the search, keep its fields, ticks and dates."""
        f, _err = safe_combined(BrowseState(query=self.state.query))
        self.search.set_text(replace(f, text="").to_query())

    def clear_filters_keep_text(self) -> None:
        """Drop the fields, ticks and dates, keep the free text of the search."""
        f, _err = safe_combined(BrowseState(query=self.state.query))
        self.apply_browse_state({"query": f.text})

    def show_snippets(self, on: bool) -> None:
        """Show or hide the column with the text around the first match."""
        self.table.setColumnHidden(SNIPPET_COLUMN, not on)
        self._snippets_visible()

    def _snippets_visible(self) -> None:
        shown = not self.table.isColumnHidden(SNIPPET_COLUMN)
        self.model.snippets_shown = shown
        self.snippet_action.setChecked(shown)
        if shown:
            self.model.set_snippet_source(self.model._snippet_fetch)

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

    def _set_snippet_text(self, text: str) -> None:
        """The snippet column shows the text around matches of this search text."""
        text = text.strip()
        if text == self._snippet_text:
            return
        self._snippet_text = text
        lib = self.ctx.session.library
        self.model.set_snippet_source(
            (lambda ids, t=text, lb=lib: lb.snippets(ids, t)) if text and lib is not None
            else None)

    def _text_ids(self, text: str):
        text = text.strip()
        lib = self.ctx.session.library
        if not text or lib is None:
            return None
        if self._text_cache[0] == text:
            return self._text_cache[1]
        ids = lib.search_ids(text)
        self._text_cache = (text, ids)
        return ids

    def current_filter(self) -> Filter:
        f, _err = safe_combined(self.state)
        return f

    def refresh(self) -> None:
        """Apply the current state: table rows, facet counts, histogram, status line."""
        cat = self.catalog
        if cat is None:
            return
        from desktop.core.query import NODATE

        t0 = time.perf_counter()
        f, err = safe_combined(self.state)
        if err is not None:  # the box shows the error; filter on everything else meanwhile
            f = self.state.combined(self.search.current)
        text_ids = self._text_ids(f.text)
        keep_id = self._shown_id()
        positions = cat.filter(f, text_ids)
        self.model.set_positions(positions)
        self._set_snippet_text(f.text)
        self.no_match.update_state(len(positions), len(cat), f.text,
                                   not replace(f, text="").is_empty())
        if self.table.isVisible():
            self.table.doItemsLayout()  # now, not in a second paint after the first one
        self.sidebar.update_counts(cat, f, text_ids)
        days = cat.days[positions]
        self.sidebar.set_days(days[days != NODATE])
        self._update_count()
        if keep_id is not None and not self.select_article(keep_id, scroll=True,
                                                           open_if_missing=False):
            self._follow_table()
        self._settle_layouts()
        self.last_refresh_ms = (time.perf_counter() - t0) * 1000

    def _follow_table(self) -> None:
        """The filter hides the article the reader shows: show the first row instead, or
        nothing when the list is empty, so the reader never shows what the list does not."""
        first = self.model.article_id(0) if self.model.rowCount() else None
        if first is None:
            self.table.selectionModel().clear()
            self.clearRequested.emit()
        else:
            self.select_article(first, scroll=True, open_if_missing=False)

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

    # ------------------------------------------------------------------ table
    def select_article(self, article_id: int, *, scroll: bool = True,
                       open_if_missing: bool = True) -> bool:
        """Make `article_id` the current row (and ask for it to be shown)."""
        if self.catalog is None:
            return False
        pos = self.catalog.position_of(int(article_id))
        row = -1 if pos is None else self.model.row_of_position(pos)
        if row < 0:
            if open_if_missing:
                self.showRequested.emit(int(article_id))
            return False
        idx = self.model.index(row, 0)
        sm = self.table.selectionModel()
        sm.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect
                           | QItemSelectionModel.SelectionFlag.Rows)
        if scroll:
            self.table.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)
        if self._shown_id() != int(article_id):
            self.showRequested.emit(int(article_id))
        return True

    def selected_ids(self) -> list[int]:
        """Ids of the selected rows, in table order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [i for i in (self.model.article_id(r) for r in rows) if i is not None]

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        aid = self.model.article_id(current.row())
        if aid is not None and aid != self._shown_id():
            self.showRequested.emit(aid)

    def _activated(self, index: QModelIndex) -> None:
        aid = self.model.article_id(index.row())
        if aid is not None:
            self.activated.emit(aid)
