"""Field values typed as names in kk/ru/en; unknown values are errors with suggestions."""

from __future__ import annotations

import pytest

from desktop.analysis.search_names import ValueResolver, name_index
from desktop.core.query import QueryError, Understood, parse_query


@pytest.mark.parametrize(("query", "field", "want"), [
    ("country:Uzbekistan", "countries", ["UZ"]),
    ("country:Өзбекстан", "countries", ["UZ"]),
    ("страна:Узбекистан", "countries", ["UZ"]),
    ("ел:Qazaqstan", "countries", ["KZ"]),
    ("partner:Türkiye,Azerbaijan", "partners", ["TR", "AZ"]),
    ("sector:сауда", "sectors", ["trade"]),
    ("sector:Торговля", "sectors", ["trade"]),
    ("сала:Trade", "sectors", ["trade"]),
    ("person:Токаев", "people", ["tokayev"]),
    ("person:Mirziyoyev", "people", ["mirziyoyev"]),
    ("org:ШОС", "orgs", ["sco"]),
    ('org:"Shanghai Cooperation Organisation"', "orgs", ["sco"]),
])
def test_names_are_read_as_ids_with_or_without_a_library(query, field, want):
    assert getattr(parse_query(query, ValueResolver()), field) == want
    assert getattr(parse_query(query), field) == want  # no library: same reading


def test_what_was_understood_is_reported_with_positions():
    notes: list[Understood] = []
    parse_query("lang:kk country:Өзбекстан sector:trade", ValueResolver(), notes)
    assert Understood("Өзбекстан", "country", "UZ", 16) in notes


@pytest.mark.parametrize(("query", "position", "near"), [
    ("sector:foo", 7, None),
    ("sector:tarde", 7, "trade"),
    ("lang:kk country:UZ,Atlantis", 19, None),
    ("person:Назарбаеф", 7, "nazarbayev"),
    ("сала:сауд", 5, "trade"),
])
def test_unknown_values_are_errors_at_their_position(query, position, near):
    with pytest.raises(QueryError) as e:
        parse_query(query, ValueResolver())
    assert e.value.position == position
    if near:
        assert near in e.value.message
    key = query.split(":")[-2].split()[-1]
    assert f"“{key}:”" in e.value.message  # the key as the user typed it


def test_without_a_library_unknown_values_pass_through():
    f = parse_query("country:XX sector:foo source:Anything")
    assert f.countries == ["XX"] and f.sectors == ["foo"] and f.sources == ["Anything"]


def test_cities_are_not_their_country():
    assert name_index().find(["Ташкент"]) == []
    assert name_index().resolve("country", "Ташкент") is None
