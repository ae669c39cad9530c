"""A typed word matches its Kazakh and Russian inflected forms; highlights follow the query."""

from __future__ import annotations

import pytest

from desktop.core.searchsyntax import is_form, match_spans, search_base, terms

FORMS = [
    ("тоқаев", ["тоқаевтың", "тоқаевқа", "тоқаевпен", "тоқаевты"]),
    ("токаев", ["токаева", "токаеву", "токаевым", "токаеве"]),
    ("өзбекстан", ["өзбекстанға", "өзбекстанның", "өзбекстанда", "өзбекстандағы"]),
    ("узбекистан", ["узбекистаном", "узбекистана", "узбекистане", "узбекистану"]),
    ("турция", ["турции", "турцией", "турцию"]),
    ("сауда", ["саудасы", "сауданың", "саудаға"]),
    ("торговля", ["торговли", "торговлей", "торговлю"]),
    ("тоқаевтың", ["тоқаев", "тоқаевқа"]),  # typed inflected: the other forms too
    ("qazaqstan", ["qazaqstanda", "qazaqstannyń"]),
]

NOT_FORMS = [
    ("тоқаев", ["тоқаға", "тоқал"]),
    ("тока", ["токаев", "токаева", "токарь"]),
    ("куба", ["кубанычбек", "кубок"]),
    ("түркия", ["түркі"]),
    ("мен", ["менеджер"]),  # too short to inflect: exact
]


@pytest.mark.parametrize(("word", "forms"), FORMS)
def test_inflected_forms_are_forms(word, forms):
    for f in forms:
        assert is_form(f, word), (f, word)


@pytest.mark.parametrize(("word", "others"), NOT_FORMS)
def test_other_words_sharing_letters_are_not(word, others):
    for f in others:
        assert not is_form(f, word), (f, word)


def test_every_form_starts_with_the_search_base():
    for word, forms in FORMS:
        base = search_base(word)
        assert base and all(f.startswith(base) for f in forms), word
    assert search_base("мен") is None


def test_highlight_spans_follow_forms_prefixes_and_phrases():
    text = "Президент Тоқаевтың сапары. Тоқа! Орталық Азия елдері; орталық азиялық"
    spans = match_spans(text, "country:UZ Тоқаев")
    assert [text[s:e] for s, e in spans] == ["Тоқаевтың"]
    spans = match_spans(text, '"Орталық Азия"')
    assert [text[s:e] for s, e in spans] == ["Орталық Азия"]
    spans = match_spans(text, "сапар*")
    assert [text[s:e] for s, e in spans] == ["сапары"]
    spans = match_spans(text, "ел", extra_words=["тоқаев"])
    assert [text[s:e] for s, e in spans] == ["Тоқаевтың"]  # "ел" is exact: елдері is not it
    assert match_spans(text, "") == []
    assert match_spans(text, '"open quote') == []


def test_quoted_terms_stay_phrases():
    t = terms('"Тоқаев" Тоқаев')
    assert t[0].phrase and not t[1].phrase
