"""Facet lists in the sidebar: no list scrolls inside the scrolling sidebar; long facets
show their first values with "Show more" and a filter box."""

from __future__ import annotations

from desktop.ui.widgets.facets import FacetSection


def _section(qtbot, n: int) -> FacetSection:
    s = FacetSection("person", "People", max_visible_rows=8)
    qtbot.addWidget(s)
    s.set_entries([(f"p{i}", f"Person {i:02d}" if i != 17 else "Шавкат Мирзиёев", 100 - i)
                   for i in range(n)])
    s.resize(250, 600)
    s.show()
    return s


def test_a_short_facet_shows_every_value_without_extras(qtbot):
    s = _section(qtbot, 5)
    assert s.model.rowCount() == 5
    assert not s.more_button.isVisible() and not s.filter_edit.isVisible()
    assert not s.view.verticalScrollBar().isVisible()


def test_a_long_facet_shows_the_first_values_and_show_more(qtbot):
    s = _section(qtbot, 30)
    assert s.model.rowCount() == 8
    assert s.more_button.isVisible() and s.more_button.text() == "Show 22 more"
    assert not s.view.verticalScrollBar().isVisible()  # the list is as tall as its rows
    assert s.view.height() >= 8 * s.view.sizeHintForRow(0)
    s.more_button.click()
    assert s.model.rowCount() == 30 and s.more_button.text() == "Show fewer"
    assert not s.view.verticalScrollBar().isVisible()
    s.more_button.click()
    assert s.model.rowCount() == 8


def test_filter_box_narrows_a_long_facet_and_ticked_values_stay(qtbot):
    s = _section(qtbot, 30)
    assert s.filter_edit.isVisible()
    s.set_checked(["p25"])  # ticked, beyond the first eight: still shown
    assert s.model.row_of("p25") >= 0
    s.filter_edit.setText("мирз")  # typed: QTest cannot type Cyrillic keys
    assert [s.model.value_at(r) for r in range(s.model.rowCount())] == ["p17", "p25"]
    s.filter_edit.clear()
    assert s.model.rowCount() == 9  # the first eight and the ticked one
