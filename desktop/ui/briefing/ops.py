"""The composer's edits as the core's pure edits (desktop.core.briefing_edits).

The widgets call these constructors only; this is the one place that knows the core's edit
vocabulary. Item kinds and keys are the core's: "figure", "quote", "section" (sector id),
"item" ("<sector>/<content hash>"), "participant" ("person:<id>"), "article" (content hash).
"""

from __future__ import annotations

import copy
from typing import Any

from desktop.core import briefing_edits as E

# Lists the core's AddArticles / RemoveArticles touch: one SetFields of them is one step.
LISTS = ("articles", "figures", "quotes", "sections", "participants", "dismissed")


def apply(b: Any, edit: Any) -> tuple[Any, Any]:
    """(new briefing, inverse edit); BriefingError for an edit that does not fit `b`."""
    return E.apply(b, edit)


def set_field(name: str, value: Any) -> Any:
    return E.SetField(name, value)


def set_included(kind: str, key: str, on: bool) -> Any:
    return E.SetIncluded(kind, key, on)


def set_wording(kind: str, key: str, text: str | None) -> Any:
    """The user's wording of an item (a section's title)."""
    return E.EditWording(kind, key, text)


def set_speaker(b: Any, index: int, name: str) -> Any:
    quotes = copy.deepcopy(b.quotes)
    quotes[index].speaker_name = name
    return E.SetFields({"quotes": quotes})


def move(b: Any, kind: str, src: int, dst: int, sector: str | None = None) -> Any:
    """Move an item within its list (an article within its section: kind "item")."""
    if kind == "section":
        return E.MoveSection(src, dst)
    if kind == "item":
        return E.MoveItem(sector, src, dst)
    return E.MoveEntry(kind, src, dst)


def move_part(src: int, dst: int) -> Any:
    return E.MovePart(src, dst)


def remove(kind: str, key: str) -> Any:
    """Remove an item (not proposed again); an article takes the items only it supports."""
    if kind == "article":
        return E.RemoveArticles((key,))
    return E.RemoveItem(kind, key)


def take_lists(proposed: Any) -> Any:
    """Adopt the lists of a briefing the core proposed (articles added) as one edit."""
    return E.SetFields({n: copy.deepcopy(getattr(proposed, n)) for n in LISTS})
