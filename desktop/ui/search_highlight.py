"""The words the current search matched, for the reading panels to tint.

The search box sets the query (`set_query`) and the panels that show article text ask
for the spans of their text (`spans`); panels register with `watch` and are asked to
`refresh_search()` when the query changes. The matching itself is the core's
(`searchsyntax.match_spans`: inflected forms, prefixes, phrases, recognised names).
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence

from desktop.core.searchsyntax import match_spans

_panels: weakref.WeakSet = weakref.WeakSet()
_query: tuple[str, tuple[str, ...]] = ("", ())


def watch(panel) -> None:
    """Register a panel with a `refresh_search()` method."""
    _panels.add(panel)


def set_query(text: str, extra_words: Sequence[str] = ()) -> None:
    """The free text searched and the spellings of names it recognised (folded)."""
    global _query
    new = (text or "", tuple(extra_words))
    if new == _query:
        return
    _query = new
    for p in list(_panels):
        try:
            p.refresh_search()
        except RuntimeError:  # a panel whose widgets Qt already deleted
            _panels.discard(p)


def spans(text: str) -> list[tuple[int, int]]:
    """Character spans of `text` to tint for the current search (empty when none)."""
    query, extra = _query
    if not query.strip() and not extra:
        return []
    return match_spans(text, query, extra)


def current() -> tuple[str, tuple[str, ...]]:
    return _query
