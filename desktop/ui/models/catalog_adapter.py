"""Adapts a core `Catalog` to the table model (display rows, ids, sorting) with display names."""

from __future__ import annotations

import numpy as np

from desktop.core.query import Catalog, day_to_iso
from desktop.ui.names import Names

_SORTABLE = frozenset({"date", "lang", "title", "source", "partners", "sectors"})


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
        return self.catalog.sort(positions, column if column in _SORTABLE else "date",
                                 descending)
