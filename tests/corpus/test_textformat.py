"""Metadata a user sees in the library (title, date, language, outlet) comes out right."""

from __future__ import annotations

import json

import pytest

from desktop.corpus import ReaderError
from desktop.corpus.textformat import canonical_outlet, parse_date, parse_text_article
from tests.conftest import SAMPLE, SEEDS_EXPECTED

EXPECTED = json.loads(SEEDS_EXPECTED.read_text(encoding="utf-8"))["articles"]
FIELDS = ("title", "date", "lang", "source")
OPTIONAL = ("dateline_city", "author", "credited_to")


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["file"][:3] for e in EXPECTED])
def test_seed_metadata_matches_fixture(expected):
    path = SAMPLE / expected["file"]
    article = parse_text_article(path.read_text(encoding="utf-8"), str(path))
    for field in FIELDS:
        assert getattr(article, field) == expected[field], field
    for field in OPTIONAL:
        if field in expected:
            assert getattr(article, field) == expected[field], field
    assert article.origin == str(path)
    assert article.body and not article.body.startswith("\n")
    assert expected["title"] not in article.body.split("\n")[0]


def test_header_line_is_not_left_in_title_or_body():
    a = parse_text_article(" date 2025-11-16 Заголовок новости\nТекст новости.", "x.txt")
    assert (a.title, a.date, a.body) == ("Заголовок новости", "2025-11-16", "Текст новости.")


def test_impossible_header_date_imports_with_date_none_and_raw_token_kept():
    a = parse_text_article(" date 2025-13-45 Заголовок\nТекст статьи здесь.", "x.txt")
    assert a.date is None
    assert a.title == "Заголовок"
    assert a.extra["raw_date"] == "2025-13-45"


def test_header_alone_on_first_line_takes_title_from_next_line():
    a = parse_text_article("date: 2025-11-16\nTitle here\nBody text.", "x.txt")
    assert (a.title, a.date, a.body) == ("Title here", "2025-11-16", "Body text.")


def test_date_only_line_above_title_gives_date_and_is_not_the_title():
    a = parse_text_article("16.11.2025 10:15\nЗаголовок\nТекст", "x.txt")
    assert (a.date, a.title) == ("2025-11-16", "Заголовок")


@pytest.mark.parametrize(
    ("lead", "source", "city", "credited"),
    [
        ("АЛМАТЫ, 16 ноября. /Kazinform/ – Сегодня прошло совещание.", "Kazinform", "Алматы", None),
        ("НУР-СУЛТАН. КАЗИНФОРМ — Бүгін жиналыс өтті.", "Kazinform", "Нур-Султан", None),
        ("Tengrinews.kz - Сегодня в Астане, пишет Акорда.", "Tengrinews", None, "Акорда"),
        ("Сегодня прошло заседание, сообщает корреспондент Tengrinews.kz.", "Tengrinews", None, None),
        ("Бүгін кездесу өтті, деп хабарлайды Kazinform тілшісі.", "Kazinform", None, None),
        ("Бүгін кездесу өтті, деп хабарлайды Ақорданың баспасөз қызметі.", "Акорда", None, None),
        ("Как сообщает пресс-служба Акорды, встреча прошла.", "Акорда", None, None),
        ("Встреча прошла в Астане, передает Reuters.", "Reuters", None, None),
        ("Бүгін кездесу өтті, деп хабарлайды Qazaq Unknown Media.", "Qazaq Unknown Media", None, None),
    ],
)
def test_outlet_dateline_and_credit_phrases_are_general(lead, source, city, credited):
    a = parse_text_article(f"Заголовок\n{lead}\nЕщё абзац.", "x.txt")
    assert (a.source, a.dateline_city, a.credited_to) == (source, city, credited)


def test_a_person_before_a_dash_is_not_an_outlet():
    a = parse_text_article("Заголовок\nПрезидент Токаев - глава государства.\n", "x.txt")
    assert a.source is None


def test_source_line_at_the_end_is_used():
    body = "Абзац текста. " * 300
    a = parse_text_article(f"Заголовок\n{body}\nИсточник: Zakon.kz", "x.txt")
    assert a.source == "Zakon.kz"


@pytest.mark.parametrize("spelling", ["KAZINFORM", "Kazinform", "Казинформ", "/Kazinform/"])
def test_outlet_spellings_map_to_one_name(spelling):
    assert canonical_outlet(spelling) == "Kazinform"


def test_long_single_paragraph_gets_its_first_sentence_as_title():
    text = "Первое предложение статьи. " + "Дальше идёт длинный текст статьи. " * 20
    a = parse_text_article(text, "x.txt")
    assert a.title == "Первое предложение статьи."
    assert a.body.startswith("Дальше")


def test_markdown_heading_marks_are_dropped():
    assert parse_text_article("# Title\n\nBody", "a.md").title == "Title"


@pytest.mark.parametrize("text", ["", "   \n\n\t "])
def test_no_text_is_a_typed_error(text):
    with pytest.raises(ReaderError):
        parse_text_article(text, "x.txt")


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2025-11-16", "2025-11-16"),
        ("2025-11-16T10:00:00Z", "2025-11-16"),
        ("16.11.2025", "2025-11-16"),
        ("16/11/2025 10:15", "2025-11-16"),
        ("16 ноября 2025 г.", "2025-11-16"),
        ("16 қараша 2025", "2025-11-16"),
        ("2025 жылғы 16 қараша", "2025-11-16"),
        ("November 16, 2025", "2025-11-16"),
        (45977, "2025-11-16"),  # Excel serial day
        ("2025-13-45", None),
        ("31.02.2025", None),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, iso):
    assert parse_date(value) == iso
