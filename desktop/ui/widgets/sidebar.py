"""The left sidebar: saved searches, dates with histogram, and the facet lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _
from desktop.settings import Settings
from desktop.ui.names import Names
from desktop.ui.widgets.date_range import DateRange
from desktop.ui.widgets.facets import FacetSection
from desktop.ui.widgets.histogram import Histogram
from desktop.ui.widgets.saved_searches import SavedSearches

if TYPE_CHECKING:
    import numpy as np

    from desktop.core.query import Catalog, Filter

# (section key, facet kind in the core, title). "home" shows the home country apart.
SECTIONS = (
    ("partner", "partner", N_("Partner countries")),
    ("home", "country", N_("Home country")),
    ("sector", "sector", N_("Sectors")),
    ("lang", "lang", N_("Language")),
    ("source", "source", N_("Source")),
    ("person", "person", N_("People")),
    ("org", "org", N_("Organisations")),
)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    f = label.font()
    f.setBold(True)
    label.setFont(f)
    return label


class Sidebar(QScrollArea):
    """Emits `facetsChanged(dict kind -> values)` and `datesChanged(from, to)`."""

    facetsChanged = Signal(dict)
    datesChanged = Signal(object, object)
    resetRequested = Signal()

    def __init__(self, settings: Settings, current_state: Callable[[], dict],
                 names: Names, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = names
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget(self)
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(6)

        self.reset_button = QPushButton(inner)
        self.reset_button.clicked.connect(self.resetRequested)
        lay.addWidget(self.reset_button)

        self.saved_heading = _heading("")
        lay.addWidget(self.saved_heading)
        self.saved = SavedSearches(settings, current_state, inner)
        lay.addWidget(self.saved)

        self.dates_heading = _heading("")
        lay.addWidget(self.dates_heading)
        self.dates = DateRange(inner)
        self.dates.rangeChanged.connect(self.datesChanged)
        lay.addWidget(self.dates)
        self.histogram = Histogram(inner)
        self.histogram.bucketClicked.connect(
            lambda a, b: self.dates.set_range(a, b, notify=True))
        lay.addWidget(self.histogram)

        self.sections: dict[str, FacetSection] = {}
        for key, kind, title in SECTIONS:
            s = FacetSection(kind, _(title), inner)
            s.selectionChanged.connect(self._section_changed)
            s.expandedChanged.connect(lambda on, k=key: on and self._count_stale(k))
            self.sections[key] = s
            lay.addWidget(s)
        self.sections["person"].max_visible_rows = 10
        self.sections["org"].max_visible_rows = 10
        lay.addStretch(1)
        self.setWidget(inner)
        self.setMinimumWidth(230)
        self._counted: tuple | None = None  # (catalog, filter, text ids) of the counts shown
        self._stale: set[str] = set()  # collapsed sections not counted for _counted
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the interface language (again, when it changes)."""
        self.setAccessibleName(_("Filters"))
        self.reset_button.setText(_("Reset filters"))
        self.reset_button.setToolTip(_("Clear the search, every facet and the date range"))
        self.saved_heading.setText(_("Saved searches"))
        self.dates_heading.setText(_("Dates"))
        for key, _kind, title in SECTIONS:
            self.sections[key].set_title(_(title))
        self.sections["home"].header.setToolTip(
            _("The home country is in nearly every article; tick it to require it explicitly"))
        self.saved.retranslate()
        self.dates.retranslate()
        self.histogram.retranslate()

    # -- data -------------------------------------------------------------------------
    def set_catalog(self, catalog: Catalog) -> None:
        """Fill every facet with all values of the library, ordered by overall count."""
        from desktop.core.query import Filter

        everything = Filter()
        partners = {v for v, _c in catalog.facet_counts(everything, "partner")}
        for key, kind, _t in SECTIONS:
            counts = catalog.facet_counts(everything, kind)
            if key == "home":
                counts = [(v, c) for v, c in counts if v not in partners]
            code = {v: i for i, v in enumerate(catalog.values(kind))}
            self.sections[key].set_entries(
                [(v, self.names.label(kind, v), c) for v, c in counts],
                [code[v] for v, _c in counts])
        self._counted, self._stale = None, set()

    def update_counts(self, catalog: Catalog, f: Filter, text_ids) -> None:
        """Counts for the current filter (each facet ignores its own ticks: OR within).

        Collapsed sections are counted when they are expanded again."""
        self._counted = (catalog, f, text_ids)
        shown = [k for k, _kind, _t in SECTIONS if self.sections[k].is_expanded()]
        self._stale = {k for k, _kind, _t in SECTIONS} - set(shown)
        self._count(shown)

    def _count(self, keys: list[str]) -> None:
        if self._counted is None or not keys:
            return
        catalog, f, text_ids = self._counted
        kinds = {k: kind for k, kind, _t in SECTIONS}
        arrays = catalog.facet_count_arrays(f, sorted({kinds[k] for k in keys}), text_ids)
        for k in keys:
            self.sections[k].update_count_array(arrays[kinds[k]])

    def _count_stale(self, key: str) -> None:
        if key in self._stale:
            self._stale.discard(key)
            self._count([key])

    def set_days(self, days: np.ndarray) -> None:
        self.histogram.set_days(days)
        if len(days):
            from desktop.core.query import day_to_iso  # numpy: loads after the first paint

            self.dates.set_reference_date(day_to_iso(int(days.max())))

    # -- state ------------------------------------------------------------------------
    def facet_state(self) -> dict[str, list[str]]:
        """Ticked values per core facet kind (home and partner ticks kept apart)."""
        out: dict[str, list[str]] = {}
        for key, kind, _t in SECTIONS:
            vals = self.sections[key].checked()
            if vals:
                out.setdefault(kind, []).extend(vals)
        return out

    def set_facet_state(self, facets: dict[str, list[str]]) -> None:
        """Tick these values without emitting (restoring a saved search)."""
        for key, kind, _t in SECTIONS:
            wanted = facets.get(kind, [])
            if key == "home":
                wanted = [v for v in wanted if self.sections["home"].model.has(v)]
            elif kind == "country":
                wanted = [v for v in wanted if not self.sections["home"].model.has(v)]
            self.sections[key].set_checked(wanted, notify=False)

    def _section_changed(self, _kind: str, _values: list) -> None:
        self.facetsChanged.emit(self.facet_state())
