"""Every rule match of a text as hits: gazetteer matches with overlaps settled, then the
people named by a given name (`given`) and by a title (`entities`); joined here, so
that `entities` need not import `given`, which builds on it."""

from __future__ import annotations

from desktop.analysis.entities import (
    BRIDGE_KINDS,
    Hit,
    Mention,
    gazetteer_hits,
    mention,
    settle_overlaps,
    titled_people,
)
from desktop.analysis.given import given_people
from desktop.analysis.given_forms import GIVEN
from desktop.analysis.rules import Rules


def entity_hits(text: str, rules: Rules) -> list[Hit]:
    """Every rule match in `text` as (start, end, kind, id, subtype, phrase) tuples.

    Gazetteer hits come sorted by start, overlaps settled (`settle_overlaps`), people
    named by a given name (`given.given_people`) and by a title after them.
    """
    hits = [h for h in settle_overlaps(gazetteer_hits(text, rules)) if h[2] != "sport"]
    titles = [h for h in hits if h[2] == "title"]
    givens = [h for h in hits if h[2] == GIVEN]
    if titles or givens:
        taken = [(h[0], h[1]) for h in hits if h[2] != "title" and h[2] != GIVEN]
        bridges = {h[0]: h[1] for h in hits if h[2] in BRIDGE_KINDS}
        hits = [h for h in hits if h[2] not in ("title", "exclude", GIVEN)]
        found = given_people(text, givens, taken, "") if givens else []
        if found:
            taken = sorted(taken + [(h[0], h[1]) for h in found])
        hits += found + titled_people(text, titles, taken, bridges)
    else:
        hits = [h for h in hits if h[2] != "exclude"]
    return hits


def entity_mentions(text: str, rules: Rules) -> list[Mention]:
    """Every rule match in `text`: countries, people (gazetteer + titled), orgs, sectors."""
    return [mention(h) for h in entity_hits(text, rules)]
