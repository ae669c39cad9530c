"""Typing dates into the sidebar's From/To/event fields, and where their calendars open."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt

from desktop.ui.widgets.date_field import DateField, parse_typed_date
from desktop.ui.widgets.date_range import DateRange


def _type(qtbot, field: DateField, text: str) -> None:
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


def test_typed_dates_in_iso_and_locale_forms():
    ru, us = QLocale("ru_RU"), QLocale("en_US")
    want = dt.date(2025, 11, 23)
    for text in ("2025-11-23", "2025/11/23", "20251123", "23.11.2025", " 23.11.25 "):
        assert parse_typed_date(text, (ru,)) == want, text
    assert parse_typed_date("11/23/2025", (us,)) == want
    assert parse_typed_date("23/11/2025", (QLocale("en_GB"),)) == want
    for bad in ("any20251123", "2025-13-01", "tomorrow", "31.02.2025"):
        assert parse_typed_date(bad, (ru,)) is None, bad


def test_typing_an_iso_date_into_from_and_to_filters(qtbot):
    w = DateRange()
    qtbot.addWidget(w)
    w.show()
    got = []
    w.rangeChanged.connect(lambda a, b: got.append((a, b)))
    _type(qtbot, w.date_from, "2025-11-23")
    assert w.date_from.edit.text() == "2025-11-23"
    assert got[-1] == ("2025-11-23", None)
    _type(qtbot, w.date_to, "30.11.2025")
    assert got[-1] == ("2025-11-23", "2025-11-30")
    assert w.date_to.edit.text() == "2025-11-30"  # shown in one unambiguous form
    assert w.preset.currentData() == "custom"


def test_a_wrong_date_is_marked_and_keeps_the_last_range(qtbot):
    w = DateRange()
    qtbot.addWidget(w)
    w.show()
    got = []
    w.rangeChanged.connect(lambda a, b: got.append((a, b)))
    _type(qtbot, w.date_from, "2025-11-01")
    _type(qtbot, w.date_from, "yesterday-ish")
    assert not w.date_from.is_valid_text()
    assert "not a date" in w.date_from.edit.toolTip()
    assert w.range() == ("2025-11-01", None)
    w.date_from.edit.clear()  # clearing means "any" again
    assert got[-1] == (None, None)


def test_calendar_opens_near_the_articles_not_in_1900(qtbot):
    w = DateRange()
    qtbot.addWidget(w)
    w.set_reference_date("2025-11-16")
    w.date_from._calendar_about_to_show()
    cal = w.date_from.calendar
    assert (cal.yearShown(), cal.monthShown()) == (2025, 11)
    w.date_from.setDate(QDate(2024, 3, 5))
    w.date_from._calendar_about_to_show()
    assert (cal.yearShown(), cal.monthShown()) == (2024, 3)
    w.date_from._picked(QDate(2024, 3, 9))
    assert w.range()[0] == "2024-03-09"


def test_event_date_takes_the_typed_year(qtbot):
    w = DateRange()
    qtbot.addWidget(w)
    w.show()
    got = []
    w.rangeChanged.connect(lambda a, b: got.append((a, b)))
    w.preset.setCurrentIndex(w.preset.findData("event"))
    w.event_days.setValue(2)
    _type(qtbot, w.event_date, "2025-11-15")
    assert got[-1] == ("2025-11-13", "2025-11-17")
    _type(qtbot, w.event_date, "15.11.2024")
    assert got[-1] == ("2024-11-13", "2024-11-17")
