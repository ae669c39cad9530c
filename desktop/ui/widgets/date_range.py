"""Date range with calendar pickers and presets (last 7/30 days, this year, around an event)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _
from desktop.ui.widgets.date_field import NO_DATE, DateField

PRESETS = (
    ("all", N_("All dates")),
    ("7", N_("Last 7 days")),
    ("30", N_("Last 30 days")),
    ("year", N_("This year")),
    ("event", N_("Around an event…")),
    ("custom", N_("Custom range")),
)
_NONE = NO_DATE


def _qdate(iso: str | None) -> QDate:
    if not iso:
        return _NONE
    d = QDate.fromString(iso[:10], "yyyy-MM-dd")
    return d if d.isValid() else _NONE


def _iso(d: QDate) -> str | None:
    return None if d == _NONE or not d.isValid() else d.toString("yyyy-MM-dd")


def preset_range(preset: str, today: dt.date, event: dt.date | None = None,
                 days: int = 3) -> tuple[str | None, str | None]:
    """(from, to) ISO dates for a preset; `all` and `custom` give (None, None)."""
    if preset in ("7", "30"):
        return (today - dt.timedelta(days=int(preset) - 1)).isoformat(), today.isoformat()
    if preset == "year":
        return dt.date(today.year, 1, 1).isoformat(), dt.date(today.year, 12, 31).isoformat()
    if preset == "event" and event is not None:
        return ((event - dt.timedelta(days=days)).isoformat(),
                (event + dt.timedelta(days=days)).isoformat())
    return None, None


def _date_edit(parent: QWidget, name: str) -> DateField:
    e = DateField(parent, empty_text=_("any"))
    e.setAccessibleName(name)
    return e


def _name_date_edit(e: DateField, name: str) -> None:
    e.setAccessibleName(name)
    e.retranslate()


class DateRange(QWidget):
    """Emits `rangeChanged(from, to)` (ISO strings or None)."""

    rangeChanged = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False
        self.preset = QComboBox(self)
        for key, label in PRESETS:
            self.preset.addItem(_(label), key)
        self.preset.setAccessibleName(_("Date preset"))
        self.preset.setToolTip(_("Quick date ranges"))
        self.date_from = _date_edit(self, _("From date"))
        self.date_to = _date_edit(self, _("To date"))
        self.event_date = _date_edit(self, _("Event date"))
        self.event_date.setPlaceholderText(_("event day"))
        self.event_date.setDate(QDate.currentDate())
        self.event_days = QSpinBox(self)
        self.event_days.setRange(0, 365)
        self.event_days.setValue(3)
        self.event_days.setPrefix("± ")
        self.event_days.setSuffix(" " + _("days"))
        self.event_days.setAccessibleName(_("Days around the event"))

        self.event_row = QWidget(self)
        er = QHBoxLayout(self.event_row)
        er.setContentsMargins(0, 0, 0, 0)
        er.addWidget(self.event_date, 1)
        er.addWidget(self.event_days)
        self.event_row.hide()

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("From"), self.date_from)
        form.addRow(_("To"), self.date_to)
        self._form = form
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.preset)
        lay.addWidget(self.event_row)
        lay.addLayout(form)

        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.date_from.dateChanged.connect(self._edited)
        self.date_to.dateChanged.connect(self._edited)
        self.event_date.dateChanged.connect(self._event_changed)
        self.event_days.valueChanged.connect(self._event_changed)

    def retranslate(self) -> None:
        """Set the texts again in the interface language (the constructor's are the same)."""
        for i, (_key, label) in enumerate(PRESETS):
            self.preset.setItemText(i, _(label))
        self.preset.setAccessibleName(_("Date preset"))
        self.preset.setToolTip(_("Quick date ranges"))
        _name_date_edit(self.date_from, _("From date"))
        _name_date_edit(self.date_to, _("To date"))
        _name_date_edit(self.event_date, _("Event date"))
        for e in (self.date_from, self.date_to):
            e.setPlaceholderText(_("any"))
        self.event_date.setPlaceholderText(_("event day"))
        self.event_days.setSuffix(" " + _("days"))
        self.event_days.setAccessibleName(_("Days around the event"))
        for field, label in ((self.date_from, _("From")), (self.date_to, _("To"))):
            if (w := self._form.labelForField(field)) is not None:
                w.setText(label)

    def set_reference_date(self, iso: str | None) -> None:
        """The day the calendars open at while empty (the newest article's, not 1900)."""
        d = _qdate(iso)
        for e in (self.date_from, self.date_to):
            e.set_reference_date(d)

    def today(self) -> dt.date:
        return dt.date.today()

    def range(self) -> tuple[str | None, str | None]:
        return _iso(self.date_from.date()), _iso(self.date_to.date())

    def set_range(self, date_from: str | None, date_to: str | None, *,
                  notify: bool = False, preset: str = "custom") -> None:
        """Show this range (restoring state); the preset box says 'Custom' unless given."""
        self._quiet = True
        try:
            self.date_from.setDate(_qdate(date_from))
            self.date_to.setDate(_qdate(date_to))
            key = "all" if not date_from and not date_to else preset
            self.preset.setCurrentIndex(max(0, self.preset.findData(key)))
            self.event_row.setVisible(key == "event")
        finally:
            self._quiet = False
        if notify:
            self.rangeChanged.emit(*self.range())

    def reset(self) -> None:
        self.set_range(None, None, notify=True)

    def _apply_preset(self, key: str) -> None:
        ev = self.event_date.date()
        event = ev.toPython() if key == "event" and ev.isValid() else None
        f, t = preset_range(key, self.today(), event, self.event_days.value())
        if key == "custom":
            f, t = self.range()
        self.set_range(f, t, notify=True, preset=key)

    def _preset_changed(self, _i: int) -> None:
        if self._quiet:
            return
        key = self.preset.currentData()
        self.event_row.setVisible(key == "event")
        if key != "custom":
            self._apply_preset(key)

    def _event_changed(self) -> None:
        if not self._quiet and self.preset.currentData() == "event":
            self._apply_preset("event")

    def _edited(self) -> None:
        if self._quiet:
            return
        self._quiet = True
        self.preset.setCurrentIndex(self.preset.findData("custom"))
        self.event_row.hide()
        self._quiet = False
        self.rangeChanged.emit(*self.range())
