"""Facet clicks, search and dates drive the table, counts and status line of the window."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from desktop.analysis.model import Analysis
from desktop.core.article import Article
from desktop.ui.mainwindow import MainWindow


class FakeLibrary:
    """Stands in for desktop.corpus.library.Library: text search and get() only."""

    def __init__(self, catalog):
        self.catalog_ = catalog
        self.folder = "/nonexistent"

    def search_ids(self, text):
        words = text.casefold().split()
        if not words:
            return None
        titles = [str(t).casefold() for t in self.catalog_.titles]
        hits = [int(i) for i, t in zip(self.catalog_.ids, titles, strict=True)
                if all(w.rstrip("*") in t for w in words)]
        return np.array(hits, dtype=np.int64)

    def get(self, article_id):
        pos = self.catalog_.position_of(article_id)
        row = self.catalog_.row(pos)

        class Stored:
            id = article_id
            article = Article(title=row["title"], body="Мәтін.", date=row["date"],
                              lang=row["lang"], source=row["source"])
            analysis = Analysis()

        return Stored()

    def close(self):
        pass


@pytest.fixture
def window(qtbot, small_catalog):
    w = MainWindow(import_sample=False, show_reports=False)
    qtbot.addWidget(w)
    w.library = FakeLibrary(small_catalog)
    w.set_catalog(small_catalog)
    w.show()
    return w


def _ids(w) -> list[int]:
    return [w.browse.model.article_id(r) for r in range(w.browse.model.rowCount())]


def _click_value(qtbot, w, section: str, value: str) -> None:
    s = w.browse.sidebar.sections[section]
    row = s.model.row_of(value)
    assert row >= 0, f"{value} not in {section}"
    idx = s.model.index(row)
    rect = s.view.visualRect(idx)
    # click on the label (not the check box): the whole row toggles
    qtbot.mouseClick(s.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.left() + 60, rect.center().y()))


def test_facet_clicks_filter_rows_and_update_other_counts(qtbot, window):
    w = window
    assert w.browse.model.rowCount() == 5
    assert "5 of 5 articles" in w.browse.count_label.text()
    _click_value(qtbot, w, "partner", "UZ")
    assert sorted(_ids(w)) == [1, 2, 3]
    assert "3 of 5 articles" in w.browse.count_label.text()
    sectors = w.browse.sidebar.sections["sector"].model
    assert sectors.count("trade") == 2 and sectors.count("investment") == 1
    assert sectors.count("transport") == 1  # article 4 (AZ) no longer counted
    # the partner facet keeps counting its own values (OR within a facet)
    assert w.browse.sidebar.sections["partner"].model.count("AZ") == 1
    _click_value(qtbot, w, "partner", "AZ")
    assert sorted(_ids(w)) == [1, 2, 3, 4]
    _click_value(qtbot, w, "sector", "transport")  # AND across facets
    assert sorted(_ids(w)) == [1, 4]
    w.browse.sidebar.reset_button.click()
    assert w.browse.model.rowCount() == 5
    assert w.browse.sidebar.facet_state() == {}


def test_search_box_syntax_filters_and_errors_do_not_crash(qtbot, window):
    w = window
    w.browse.search.set_text("lang:ru")
    assert sorted(_ids(w)) == [3, 4]
    w.browse.search.set_text("lang:ru nonsense:1")
    assert w.browse.search.has_error
    assert sorted(_ids(w)) == [3, 4]  # the last valid search stays applied
    w.browse.search.set_text("ташкент")
    assert _ids(w) == [3]
    w.browse.search.set_text("from:2025-11-15 to:2025-11-16")
    assert sorted(_ids(w)) == [2, 3]


def test_dates_and_histogram_follow_the_result(qtbot, window):
    w = window
    w.browse.sidebar.dates.set_range("2025-11-01", "2025-11-30", notify=True)
    assert sorted(_ids(w)) == [1, 2, 3]
    assert sum(c for _a, _b, c in w.browse.sidebar.histogram.bars) == 3


def test_selecting_a_row_shows_it_in_the_reader_and_selection_survives_filtering(qtbot,
                                                                                  window):
    w = window
    assert w.select_article(3)
    assert w.reading.article_id == 3
    assert w.reading.panel.title.text() == "Визит в Ташкент"
    w.browse.search.set_text("lang:ru")
    assert w.selected_ids() == [3]
    w.browse.table.setFocus()
    qtbot.keyClick(w.browse.table, Qt.Key.Key_Down)
    assert w.reading.article_id == 4


def test_the_reader_follows_the_table_when_a_filter_hides_its_article(qtbot, window):
    w = window
    assert w.select_article(3)  # ru
    w.browse.search.set_text("lang:kk")  # hides it: the reader shows the first row instead
    first = w.browse.model.article_id(0)
    assert first != 3 and w.reading.article_id == first
    assert w.selected_ids() == [first]
    w.browse.search.set_text("lang:kk source:Akorda")  # nothing left: nothing shown
    assert w.browse.model.rowCount() == 0
    assert w.reading.article_id is None
    w.browse.search.set_text("")  # the list is back; the reader waits for a choice
    assert w.reading.article_id is None


def test_one_reset_filters_button(qtbot, window):
    from PySide6.QtWidgets import QAbstractButton

    shown = [b for b in window.findChildren(QAbstractButton)
             if b.isVisible() and "Reset filters" in b.text().replace("&", "")]
    assert len(shown) == 1


def _arrow_points_down(header, col: int) -> bool:
    """Read the sort arrow off the painted header: a ▼ is widest in its top row."""
    img = header.grab().toImage()
    x1 = header.sectionViewportPosition(col) + header.sectionSize(col)
    rows = []
    for y in range(img.height()):
        xs = [x for x in range(max(0, x1 - 24), x1 - 1)
              if img.pixelColor(x, y).lightness() < 140]
        if xs:
            rows.append(len(xs))
    assert len(rows) >= 2, "no sort arrow drawn"
    return rows[0] > rows[-1]


def test_sort_arrow_points_the_way_the_rows_go(qtbot, window):
    h = window.browse.table.horizontalHeader()
    window.browse.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
    assert window.browse.model.article_id(0) == 3
    assert _arrow_points_down(h, 0)
    window.browse.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert not _arrow_points_down(h, 0)


def test_saved_search_restores_box_ticks_and_dates(qtbot, window):
    w = window
    w.browse.search.set_text("lang:kk")
    _click_value(qtbot, w, "sector", "trade")
    assert _ids(w) == [1]
    w.browse.sidebar.saved.save("kk trade")
    w.reset_filters()
    assert w.browse.model.rowCount() == 5
    w.browse.sidebar.saved.apply("kk trade")
    assert _ids(w) == [1]
    assert w.browse.search.text() == "lang:kk"
    assert w.browse.sidebar.sections["sector"].checked() == ["trade"]


def test_layout_and_filters_are_remembered(qtbot, small_catalog):
    w = MainWindow(import_sample=False, show_reports=False)
    qtbot.addWidget(w)
    w.library = FakeLibrary(small_catalog)
    w.set_catalog(small_catalog)
    w.browse.search.set_text("lang:ru")
    w.browse.table.setColumnWidth(2, 333)
    w.save_layout()
    w2 = MainWindow(import_sample=False, show_reports=False)
    qtbot.addWidget(w2)
    assert w2.browse.table.columnWidth(2) == 333
    assert w2.settings.last_browse()["query"] == "lang:ru"


def _cut_titles(w) -> list[str]:
    h = w.browse.table.horizontalHeader()
    return [str(w.browse.model.headerData(c, Qt.Orientation.Horizontal))
            for c in range(h.count())
            if not h.isSectionHidden(c) and h.sectionSize(c) < h.sectionSizeFromContents(c).width()]


def test_column_titles_are_not_cut_off_even_after_a_narrow_saved_layout(qtbot, small_catalog):
    w = MainWindow(import_sample=False, show_reports=False)
    qtbot.addWidget(w)
    assert _cut_titles(w) == []
    w.browse.table.setColumnWidth(1, 12)  # "Lang." squeezed to a sliver
    w.browse.table.setColumnWidth(4, 30)
    w.save_layout()
    w2 = MainWindow(import_sample=False, show_reports=False)
    qtbot.addWidget(w2)
    assert _cut_titles(w2) == []


def test_hiding_the_why_tagged_list_is_remembered(qtbot, small_catalog):
    w = MainWindow(import_sample=False, show_reports=False)
    qtbot.addWidget(w)
    assert w.reading.why_action.isChecked()
    w.reading.why_action.trigger()  # View → Why tagged (Ctrl+3): hide it
    w.close()
    w2 = MainWindow(import_sample=False, show_reports=False)
    qtbot.addWidget(w2)
    assert not w2.reading.why_action.isChecked()
    assert not w2.reading.view.side.isTabVisible(2)  # the why-tagged tab stays hidden
    w2.reading.why_action.trigger()
    w3 = MainWindow(import_sample=False, show_reports=False)
    qtbot.addWidget(w3)
    assert w3.reading.why_action.isChecked()


def test_switching_the_language_keeps_filters_and_selection(qtbot, window):
    from desktop import i18n

    w = window
    w.browse.search.set_text("lang:ru")
    assert w.select_article(3)
    try:
        w.set_ui_language("kk")
        assert w.browse.search.text() == "lang:ru" and sorted(_ids(w)) == [3, 4]
        assert w.reading.article_id == 3 and w.selected_ids() == [3]
        sectors = w.browse.sidebar.sections["sector"]
        assert sectors.header.text().startswith(i18n._("Sectors"))
        assert i18n._("Sectors") != "Sectors"
        assert "5 articles" not in w.browse.count_label.text()  # worded in Kazakh
    finally:
        w.set_ui_language("en")
    assert "2 of 5 articles" in w.browse.count_label.text()
    assert sectors.header.text().startswith("Sectors")


def test_values_without_articles_leave_the_list_unless_ticked(qtbot, window):
    w = window
    sectors = w.browse.sidebar.sections["sector"]
    _click_value(qtbot, w, "sector", "investment")  # article 2 (kk)
    assert _ids(w) == [2]
    w.browse.search.set_text("lang:ru")
    assert _ids(w) == []
    # ticked, so still listed (at zero) and can be unticked from the list
    assert sectors.model.row_of("investment") >= 0
    assert sectors.model.count("investment") == 0
    assert sectors.model.row_of("trade") >= 0  # article 3 is ru and trade
    _click_value(qtbot, w, "sector", "investment")
    assert sorted(_ids(w)) == [3, 4]
    assert sectors.model.row_of("investment") == -1  # no ru article about investment
    from desktop.ui.widgets.facets import COUNT_ROLE, VALUE_ROLE

    m = sectors.model
    shown = [(m.index(r).data(VALUE_ROLE), m.index(r).data(COUNT_ROLE))
             for r in range(m.rowCount())]
    assert shown == [("trade", 1), ("transport", 1)]


def test_a_collapsed_facet_is_counted_when_expanded(qtbot, window):
    w = window
    people = w.browse.sidebar.sections["person"]
    people.header.setChecked(False)  # collapse
    _click_value(qtbot, w, "partner", "AZ")
    assert _ids(w) == [4]
    people.header.setChecked(True)  # expand: counts for the current filter
    assert people.model.rowCount() == 0
    assert people.empty.isVisibleTo(people) and not people.view.isVisibleTo(people)
    w.browse.sidebar.reset_button.click()
    assert people.model.count("tokayev") == 2
    assert people.model.row_of("tokayev") >= 0
