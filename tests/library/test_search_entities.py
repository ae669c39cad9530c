"""Search finds inflected forms and known names in any script, and reads field names."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from desktop.core.article import Article
from desktop.core.query import Filter, QueryError, Understood, parse_query
from desktop.corpus.library import Library

DATA = Path(__file__).resolve().parent.parent / "data" / "search" / "articles.json"


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    folder = tmp_path_factory.mktemp("search-entities")
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    arts = [Article(title=r["title"], body=r["body"], lang=r["lang"], date=r["date"],
                    source=r["source"], origin=r["key"]) for r in rows]
    with Library.open(folder) as lb:
        lb.import_articles(arts)
    lb = Library.open(folder)
    yield lb
    lb.close()


def found(lib: Library, text: str) -> set[str]:
    cat = lib.catalog()
    return {cat.row(int(p))["origin"] for p in lib.query(Filter(text=text))}


TOKAYEV = {"kk_tokayev_tashkent", "kk_tokayev_invite", "ru_tokayev_talks",
           "ru_mirziyoyev_letter"}


@pytest.mark.parametrize("typed", ["Тоқаев", "Токаев", "Tokayev", "Tokaev", "Toqaev",
                                   "тоқаевтың", "ТОКАЕВУ"])
def test_a_name_in_any_script_or_form_finds_both_languages(lib, typed):
    assert found(lib, typed) == TOKAYEV


def test_inflected_forms_match_without_a_star(lib):
    # not through the entity: a word that names no one still matches its forms
    assert found(lib, "шақыру") == {"kk_tokayev_invite"}
    assert found(lib, "переговор") == {"ru_tokayev_talks"}
    assert found(lib, "переговоры") == {"ru_tokayev_talks"}
    assert "ru_mirziyoyev_letter" in found(lib, "Узбекистан")
    assert "kk_tokayev_invite" in found(lib, "Өзбекстан")


def test_quoted_words_stay_exact(lib):
    assert found(lib, '"Тоқаев"') == set()
    assert found(lib, '"Тоқаевқа"') == {"kk_tokayev_invite"}


def test_a_short_stem_of_a_name_is_not_the_name(lib):
    assert found(lib, "тока") == {"ru_electric_current"}
    assert "ru_electric_current" not in found(lib, "Токаев")


def test_organisation_by_its_english_name_and_abbreviation(lib):
    for typed in ("Shanghai Cooperation Organisation", "ШОС", "SCO", "ШЫҰ"):
        assert found(lib, typed) == {"ru_sco_summit"}, typed


def test_latin_kazakh_and_english_country_names(lib):
    assert found(lib, "Qazaqstan") == found(lib, "Казахстан") == found(lib, "Kazakhstan")
    assert "kk_tokayev_invite" in found(lib, "Uzbekistan")


def test_the_search_says_what_it_understood(lib):
    r = lib.search("Tokayev сапар")
    assert r.understood == [Understood("Tokayev", "person", "tokayev", 0)]
    assert "тоқаев" in r.highlight and "токаев" in r.highlight
    r = lib.search("Shanghai Cooperation Organisation")
    assert [(u.typed, u.kind, u.value) for u in r.understood] == [
        ("Shanghai Cooperation Organisation", "org", "sco")]
    assert lib.search("шақыру").understood == []
    assert lib.search("").ids is None


def test_words_and_names_combine_with_and_or(lib):
    assert found(lib, "Tokayev сапары") == {"kk_tokayev_tashkent"}
    assert found(lib, "Mirziyoyev OR Пекин") == {"ru_mirziyoyev_letter", "ru_sco_summit"}


def test_field_values_accept_names_in_three_languages(lib):
    res = lib.value_resolver()
    for q in ("country:Uzbekistan", "country:Өзбекстан", "country:Узбекистан", "country:uz"):
        assert parse_query(q, res).countries == ["UZ"], q
    assert parse_query("sector:сауда", res).sectors == ["trade"]
    assert parse_query("sector:Торговля", res).sectors == ["trade"]
    assert parse_query("person:Токаев", res).people == ["tokayev"]
    assert parse_query('org:"Shanghai Cooperation Organisation"', res).orgs == ["sco"]
    assert parse_query("source:kazinform", res).sources == ["Kazinform"]
    notes: list[Understood] = []
    parse_query("partner:Turkey", res, notes)
    assert notes == [Understood("Turkey", "partner", "TR", 8)]
    f = parse_query("country:Өзбекстан person:Tokayev", res)
    # Ташкент, Узбекистаном and Өзбекстанға all tag Uzbekistan
    assert {lib.catalog().row(int(p))["origin"] for p in lib.query(f)} == TOKAYEV


@pytest.mark.parametrize(("query", "position", "suggestion"), [
    ("sector:foo", 7, None),
    ("sector:торговл", 7, "trade"),
    ("lang:kk country:Узбекистн", 16, "UZ"),
    ('country:"Узбекистн"', 9, "UZ"),
    ("country:UZ,Казахстн", 11, "KZ"),
    ("source:Kazinfrm", 7, "Kazinform"),
])
def test_unknown_values_are_errors_with_suggestions(lib, query, position, suggestion):
    with pytest.raises(QueryError) as e:
        parse_query(query, lib.value_resolver())
    assert e.value.position == position
    if suggestion:
        assert suggestion in e.value.message


def test_without_a_resolver_values_pass_through(lib):
    assert parse_query("country:XX sector:foo").countries == ["XX"]


def test_results_follow_new_imports(lib, tmp_path):
    with Library.open(tmp_path / "l") as lb:
        lb.import_articles([Article(title="А", body="Тоқаевпен кездесу өтті.", lang="kk")])
        assert len(lb.search_ids("Tokayev")) == 1
        lb.import_articles([Article(title="Б", body="Токаевым подписан указ.", lang="ru")])
        got = lb.search_ids("Tokayev")
        assert isinstance(got, np.ndarray) and len(got) == 2
