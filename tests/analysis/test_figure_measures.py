"""Measures and numbers in words as key figures: the value and unit a user sees, and the
kk/ru comparison of a measure converted by the translator."""

from __future__ import annotations

import pytest

from desktop.analysis.evaluate import _converted_pairs, _figure_key, _figure_keys
from desktop.analysis.pipeline import analyze


def _figs(text: str, lang: str) -> list[tuple[str, float, str, str | None]]:
    return [(f.text, f.value, f.kind, f.unit) for f in analyze(text, lang).figures]


@pytest.mark.parametrize("text,lang,want", [
    ("Трасса длиной 240 км.", "ru", ("240 км", 240.0, "count", "км")),
    ("Ауыл мен қаланың арасы 45 шақырым.", "kk", ("45 шақырым", 45.0, "count", "шақырым")),
    ("Днем до 38 °C.", "ru", ("38 °C", 38.0, "count", "°C")),
    ("300-килограммовый медведь.", "ru", ("300-килограммовый", 300.0, "count", "килограммовый")),
    ("Еще шесть миллионов человек.", "ru", ("шесть миллионов человек", 6e6, "count", "человек")),
    ("бағасы үш пайызға өсті", "kk", ("үш пайызға", 3.0, "percent", "%")),
    ("бес жүз елу мың адам", "kk", ("бес жүз елу мың адам", 550e3, "count", "адам")),
    ("двести пятьдесят тысяч человек", "ru",
     ("двести пятьдесят тысяч человек", 250e3, "count", "человек")),
])
def test_measure_and_word_figures(text: str, lang: str, want: tuple) -> None:
    assert want in _figs(text, lang)


def test_word_money_keeps_currency_and_qualifier() -> None:
    f = analyze("бес миллиард АҚШ долларынан астам инвестиция", "kk").figures[0]
    assert (f.value, f.kind, f.currency, f.qualifier) == (5e9, "money", "USD", "more_than")


def test_restatement_in_brackets_is_one_figure() -> None:
    texts = [f[0] for f in _figs("Дауыл 200 миля (322 км) қашықтықта өтті.", "kk")]
    assert texts == ["200 миля"]


def test_converted_measure_agrees_and_same_number_in_other_unit_does_not() -> None:
    a = {"kk": analyze("Жауын 4 дюйм, кейде 10 дюймға жетеді. Жел 85 миля/сағ.", "kk"),
         "ru": analyze("Осадков до 10 см, местами 25 см. Ветер 137 км/ч.", "ru")}
    fk, fr = _figure_keys(a["kk"].figures), _figure_keys(a["ru"].figures)
    assert not fk & fr  # 10 дюйм and 10 см are not one figure
    assert len(_converted_pairs(a, fk - fr, fr - fk)) == 3


def test_count_key_has_no_unit_family() -> None:
    f = analyze("Сыграли 5 футболистов.", "ru").figures[0]
    assert _figure_key(f) == ("count", 5.0, None)
