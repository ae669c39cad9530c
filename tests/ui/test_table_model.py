"""The article table is a thin model over catalog positions; it must behave as a Qt model."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from desktop.core.query import Filter
from desktop.ui.models.article_table import COLUMN_KEYS, ID_ROLE, ArticleTableModel
from desktop.ui.models.catalog_adapter import CatalogRows
from desktop.ui.names import Names


def test_model_passes_qt_model_tester(qtmodeltester, small_catalog):
    model = ArticleTableModel(CatalogRows(small_catalog))
    model.set_positions(small_catalog.filter(Filter()))
    qtmodeltester.check(model, force_py=True)
    model.sort(COLUMN_KEYS.index("title"), Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_rows_follow_positions_and_show_display_values(qapp, small_catalog):
    model = ArticleTableModel(CatalogRows(small_catalog))
    model.set_positions(small_catalog.filter(Filter(partners=["UZ"])))
    assert model.rowCount() == 3
    ids = [model.data(model.index(r, 0), ID_ROLE) for r in range(3)]
    assert ids == [3, 2, 1]  # newest first
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row[0] == "2025-11-16" and row[1] == "ru" and row[3] == "Akorda"
    names = Names()
    assert row[4] == ", ".join(names.label("country", c) for c in ("UZ", "TR"))


def test_header_sort_uses_core_and_keeps_selection_on_same_article(qapp, small_catalog):
    model = ArticleTableModel(CatalogRows(small_catalog))
    model.set_positions(small_catalog.filter(Filter()))
    from PySide6.QtCore import QPersistentModelIndex

    kept = QPersistentModelIndex(model.index(0, 0))
    kept_id = model.data(kept, ID_ROLE)
    model.sort(COLUMN_KEYS.index("date"), Qt.SortOrder.AscendingOrder)
    dates = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    dated = [d for d in dates if d]
    assert dated == sorted(dated)
    assert model.data(model.index(kept.row(), 0), ID_ROLE) == kept_id
    assert isinstance(model.positions, np.ndarray)


def test_qt_calls_do_not_eat_references_to_none(qapp, small_catalog):
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call and empty
    data() answer, so the app aborts ("deallocating None") after minutes of use."""
    import sys

    from PySide6.QtCore import QSortFilterProxyModel  # only to call data() from C++

    from desktop.ui.widgets.facets import FacetModel

    model = ArticleTableModel(CatalogRows(small_catalog))
    model.set_positions(small_catalog.filter(Filter()))
    facets = FacetModel()
    facets.set_entries([("UZ", "Uzbekistan", 3)])
    before = sys.getrefcount(None)
    for m in (model, facets):
        proxy = QSortFilterProxyModel()
        proxy.setSourceModel(m)
        for _ in range(500):
            proxy.data(proxy.index(0, 0), Qt.ItemDataRole.DecorationRole)
            proxy.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole)
    for _ in range(500):
        facets.layoutChanged.emit()  # a void call
    assert sys.getrefcount(None) >= before - 50


def test_title_tooltip_is_shown_literally(qapp, small_catalog):
    """Qt renders a tooltip that looks like HTML; an article title must show as written."""
    from PySide6.QtGui import QTextDocument

    model = ArticleTableModel(CatalogRows(small_catalog))
    model.set_positions(small_catalog.filter(Filter()))
    col = COLUMN_KEYS.index("title")
    tips = [model.data(model.index(r, col), Qt.ItemDataRole.ToolTipRole)
            for r in range(model.rowCount())]
    tip = next(t for t in tips if "Күнсіз" in t)
    doc = QTextDocument()
    doc.setHtml(tip)
    assert doc.toPlainText().strip() == "<b>Күнсіз</b> мақала"


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_facet_counts_and_the_status_line_format_numbers_the_same_way(qapp, lang):
    """One way per interface language: "2,669" in English, "2 669" in Russian, everywhere."""
    from desktop import i18n
    from desktop.ui.widgets.facets import FacetModel

    try:
        i18n.setup(lang)
        facets = FacetModel()
        facets.set_entries([("UZ", "Uzbekistan", 2669)])
        shown = facets.index(0).data(Qt.ItemDataRole.DisplayRole)
        assert shown.endswith(f"({i18n.format_number(2669)})")
        assert i18n.format_number(2669) != "2669"  # grouped
    finally:
        i18n.setup("en")
