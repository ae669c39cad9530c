"""Search box syntax errors are shown inline; browse state combines box, ticks and dates."""

from __future__ import annotations

import datetime as dt

from desktop.ui.browse_state import NOTHING, BrowseState
from desktop.ui.widgets.date_range import DateRange, preset_range
from desktop.ui.widgets.search_box import SearchBox


def test_query_error_is_shown_inline_and_nothing_is_emitted(qtbot):
    box = SearchBox(delay_ms=0)
    qtbot.addWidget(box)
    box.show()
    got = []
    box.filterChanged.connect(got.append)
    box.set_text("country:UZ nosuchkey:1")
    assert got == []
    assert box.has_error
    assert "nosuchkey" in box.error.text() and "12" in box.error.text()
    box.set_text('country:UZ,TR lang:kk from:2025-11-01 "exact phrase"')
    assert not box.has_error
    f = got[-1]
    assert f.countries == ["UZ", "TR"] and f.langs == ["kk"] and f.date_from == "2025-11-01"
    assert "exact phrase" in f.text


def test_escape_clears_the_box(qtbot):
    from PySide6.QtCore import Qt

    box = SearchBox(delay_ms=0)
    qtbot.addWidget(box)
    box.set_text("from:2025-13-45")
    assert box.has_error
    qtbot.keyClick(box.line, Qt.Key.Key_Escape)
    assert box.text() == "" and not box.has_error


def test_box_and_ticks_combine_with_and():
    st = BrowseState(query="country:UZ from:2025-11-01", facets={"country": ["UZ", "TR"],
                                                                 "sector": ["trade"]},
                     date_from="2025-10-01", date_to="2025-11-15")
    f = st.combined()
    assert f.countries == ["UZ"] and f.sectors == ["trade"]
    assert f.date_from == "2025-11-01" and f.date_to == "2025-11-15"
    st.facets = {"country": ["TR"]}
    assert st.combined().countries == [NOTHING]
    assert BrowseState.from_dict(st.to_dict()) == st


def test_date_presets():
    today = dt.date(2025, 11, 20)
    assert preset_range("7", today) == ("2025-11-14", "2025-11-20")
    assert preset_range("year", today) == ("2025-01-01", "2025-12-31")
    assert preset_range("event", today, dt.date(2025, 11, 15), 2) == ("2025-11-13",
                                                                         "2025-11-17")
    assert preset_range("all", today) == (None, None)


def test_date_widget_emits_preset_ranges(qtbot):
    w = DateRange()
    qtbot.addWidget(w)
    w.today = lambda: dt.date(2025, 11, 20)
    got = []
    w.rangeChanged.connect(lambda a, b: got.append((a, b)))
    w.preset.setCurrentIndex(w.preset.findData("30"))
    assert got[-1] == ("2025-10-22", "2025-11-20")
    w.preset.setCurrentIndex(w.preset.findData("all"))
    assert got[-1] == (None, None)
