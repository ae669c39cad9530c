"""What the user is looking at: search text, facet ticks and date range → one core Filter.

Plain Python (no Qt) so it can be saved, restored and tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the core (numpy) is imported on first use, after the first paint
    from desktop.core.query import Filter, QueryError

NOTHING = "\x00"  # a facet value no article has: the intersection was empty


@dataclass
class BrowseState:
    query: str = ""
    facets: dict[str, list[str]] = field(default_factory=dict)
    date_from: str | None = None
    date_to: str | None = None

    def query_filter(self) -> Filter:
        """The parsed search box (raises QueryError)."""
        from desktop.core.query import parse_query

        return parse_query(self.query)

    def combined(self, query_filter: Filter | None = None) -> Filter:
        """Search box AND facet ticks AND date range, as one Filter.

        When the box and the sidebar both restrict a facet, only values in both count.
        """
        from desktop.core.query import FACET_FIELD, FACETS

        f = query_filter if query_filter is not None else self.query_filter()
        f = replace(f, **{FACET_FIELD[k]: list(f.selected(k)) for k in FACETS})
        for kind, ticked in self.facets.items():
            if kind not in FACET_FIELD or not ticked:
                continue
            typed = f.selected(kind)
            if not typed:
                setattr(f, FACET_FIELD[kind], list(ticked))
            else:
                both = [v for v in typed if v.casefold() in {t.casefold() for t in ticked}]
                setattr(f, FACET_FIELD[kind], both or [NOTHING])
        if self.date_from and (not f.date_from or self.date_from > f.date_from):
            f.date_from = self.date_from
        if self.date_to and (not f.date_to or self.date_to < f.date_to):
            f.date_to = self.date_to
        return f

    def is_default(self) -> bool:
        return not (self.query.strip() or any(self.facets.values())
                    or self.date_from or self.date_to)

    def to_dict(self) -> dict:
        return {"query": self.query, "facets": {k: list(v) for k, v in self.facets.items() if v},
                "date_from": self.date_from, "date_to": self.date_to}

    @classmethod
    def from_dict(cls, d: dict | None) -> BrowseState:
        """A state from saved settings; malformed parts (a hand-edited file) are dropped."""
        d = d if isinstance(d, dict) else {}
        facets = d.get("facets")
        facets = facets if isinstance(facets, dict) else {}

        def day(v: object) -> str | None:
            return v if isinstance(v, str) and v else None

        return cls(
            query=str(d.get("query") or ""),
            facets={str(k): [str(x) for x in v] for k, v in facets.items()
                    if isinstance(v, list)},
            date_from=day(d.get("date_from")),
            date_to=day(d.get("date_to")),
        )


def safe_combined(state: BrowseState) -> tuple[Filter, QueryError | None]:
    """The combined filter, or (filter without the search box, error) for a bad query."""
    from desktop.core.query import Filter, QueryError

    try:
        return state.combined(), None
    except QueryError as e:
        return state.combined(Filter()), e
