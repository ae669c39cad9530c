"""Adapts a core `Catalog` to the table model (display rows, ids, sorting) with display names."""

from __future__ import annotations

import numpy as np

from desktop.core.query import Catalog, day_to_iso
from desktop.i18n import N_, _, current_language

LANG_LABELS = {"kk": N_("Kazakh"), "ru": N_("Russian"), "other": N_("Other")}
_SORT_COLUMN = {"date": "date", "lang": "lang", "title": "title", "source": "source",
                "partners": "partners", "sectors": "sectors"}


class Names:
    """Display names for facet values, from the analysis vocabulary in the UI language."""

    def __init__(self) -> None:
        self._vocab: dict[str, dict] = {}

    def _vocabulary(self, kind: str) -> dict:
        v = self._vocab.get(kind)
        if v is None:
            try:
                from desktop.analysis.pipeline import vocabulary

                v = vocabulary(kind) or {}
            except Exception:  # noqa: BLE001 - names are cosmetic; fall back to ids
                v = {}
            self._vocab[kind] = v
        return v

    def label(self, kind: str, value: str) -> str:
        """Name of `value` in facet `kind` (country/partner/sector/person/org/lang/source)."""
        if kind == "lang":
            return _(LANG_LABELS[value]) if value in LANG_LABELS else value
        if kind == "source":
            return value
        vkind = "country" if kind == "partner" else kind
        names = self._vocabulary(vkind).get(value)
        if not names:
            return value
        if isinstance(names, str):
            return names
        lang = current_language()
        return names.get(lang) or names.get("en") or next(iter(names.values()), value)


class CatalogRows:
    """RowSource over a Catalog: what the article table shows for each position."""

    def __init__(self, catalog: Catalog, names: Names | None = None) -> None:
        self.catalog = catalog
        self.names = names or Names()

    def display_row(self, pos: int) -> tuple[str, ...]:
        c = self.catalog
        sc = int(c.source_codes[pos])
        label = self.names.label
        return (
            day_to_iso(int(c.days[pos])) or "",
            c.lang_values[int(c.lang_codes[pos])],
            str(c.titles[pos] or ""),
            c.source_values[sc] if sc >= 0 else "",
            ", ".join(label("country", v) for v in c.tags_of("partner", pos)),
            ", ".join(label("sector", v) for v in c.tags_of("sector", pos)),
        )

    def article_id(self, pos: int) -> int:
        return int(self.catalog.ids[pos])

    def sort(self, positions: np.ndarray, column: str, descending: bool) -> np.ndarray:
        return self.catalog.sort(positions, _SORT_COLUMN.get(column, "date"), descending)
