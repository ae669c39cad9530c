"""A date typed as text (ISO or the user's locale) with a calendar button; empty means "any".

QDateEdit edits section by section: typing `2025-11-23` over its "any" text gave
`any20251123`, and its calendar opened at the minimum date. A line edit that parses what
was typed on Enter or focus-out avoids both.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from desktop.i18n import _
from desktop.ui.icons import icon

NO_DATE = QDate()  # null: no date set ("any")

_YEAR_FIRST = re.compile(r"^(\d{4})[-./ ](\d{1,2})[-./ ](\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-./ ](\d{1,2})[-./ ](\d{2}|\d{4})$")


def _month_first(locale: QLocale) -> bool:
    """Whether the locale's short date puts the month before the day (en_US: M/d/yy)."""
    fmt = locale.dateFormat(QLocale.FormatType.ShortFormat)
    m, d = fmt.find("M"), fmt.find("d")
    return 0 <= m < d


def parse_typed_date(text: str, locales: tuple[QLocale, ...] = ()) -> dt.date | None:
    """The date a person typed: ISO `2025-11-23` (also `/` or `.`), `20251123`, the
    locale's short or long form, or day first `23.11.2025` (month first where the locale
    writes it so). None when it is not a date."""
    s = " ".join(text.split()).strip()
    if not s:
        return None
    locales = locales or (QLocale(), QLocale.system())
    try:
        if m := _YEAR_FIRST.match(s) or _COMPACT.match(s):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DAY_FIRST.match(s):
            a, b, y = int(m[1]), int(m[2]), int(m[3])
            if y < 100:
                y += 2000
            day, month = (b, a) if _month_first(locales[0]) and m[0].count("/") == 2 else (a, b)
            return dt.date(y, month, day)
    except ValueError:
        return None
    for loc in locales:
        for kind in (QLocale.FormatType.ShortFormat, QLocale.FormatType.LongFormat):
            d = loc.toDate(s, kind)
            if d.isValid():
                return d.toPython()
    return None


class DateField(QWidget):
    """`dateChanged(QDate)` after a new date is typed (Enter, focus out) or picked;
    a null QDate when the field is cleared."""

    dateChanged = Signal(QDate)

    def __init__(self, parent: QWidget | None = None, *, empty_text: str = "") -> None:
        super().__init__(parent)
        self._date = QDate(NO_DATE)
        self._reference = QDate.currentDate()
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.edit.setPlaceholderText(empty_text)
        self.button = QToolButton(self)
        self.button.setIcon(icon("calendar"))
        self.button.setText("…")  # shown only where the icon is missing
        self.button.setAutoRaise(True)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self.button)
        act = QWidgetAction(menu)
        act.setDefaultWidget(self.calendar)
        menu.addAction(act)
        menu.aboutToShow.connect(self._calendar_about_to_show)
        self.button.setMenu(menu)
        self._menu = menu
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.edit.editingFinished.connect(self._typed)
        self.edit.textChanged.connect(self._text_changed)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setToolTip(_("Pick a date in a calendar"))
        self.button.setAccessibleName(_("Calendar"))
        self._set_valid(True)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 (Qt naming)
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802 (Qt naming)
        self.edit.setPlaceholderText(text)

    def set_reference_date(self, d: QDate) -> None:
        """Where the calendar opens while no date is set (e.g. the newest article's day)."""
        if d.isValid():
            self._reference = QDate(d)

    def date(self) -> QDate:
        return QDate(self._date)

    def setDate(self, d: QDate | None) -> None:  # noqa: N802 (Qt naming)
        """Show this date (null/invalid: empty); emits dateChanged when it changes."""
        d = QDate(d) if d is not None and d.isValid() else QDate(NO_DATE)
        self.edit.setText(d.toString("yyyy-MM-dd") if d.isValid() else "")
        self._set_valid(True)
        if d != self._date:
            self._date = d
            self.dateChanged.emit(QDate(d))

    def clear(self) -> None:
        self.setDate(None)

    def is_valid_text(self) -> bool:
        return self.edit.property("invalid") is not True

    def _set_valid(self, ok: bool) -> None:
        self.edit.setProperty("invalid", not ok)
        self.edit.setStyleSheet("" if ok else "QLineEdit { border: 1px solid #c0392b; }")
        self.edit.setToolTip(
            _("Type a date such as 2025-11-23 or 23.11.2025, or pick one in the calendar")
            if ok else
            _("“{text}” is not a date; type e.g. 2025-11-23 or 23.11.2025").format(
                text=self.edit.text()))

    def _text_changed(self, text: str) -> None:
        if not text.strip() and self._date.isValid():
            # the clear button or deleting everything means "any" at once
            self.setDate(None)

    def _typed(self) -> None:
        text = self.edit.text()
        if not text.strip():
            self.setDate(None)
            return
        got = parse_typed_date(text)
        if got is None:
            self._set_valid(False)
            return
        self.setDate(QDate(got.year, got.month, got.day))

    def _calendar_about_to_show(self) -> None:
        d = self._date if self._date.isValid() else self._reference
        self.calendar.setSelectedDate(d)
        self.calendar.setCurrentPage(d.year(), d.month())

    def _picked(self, d: QDate) -> None:
        self._menu.hide()
        self.setDate(d)
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)
