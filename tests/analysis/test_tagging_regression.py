"""Tagging regression set: Kazakh and Russian sentences written for the kinds of error seen
on unseen news (languages and currencies, names that look like places, months, short
country names, home regions, one language's rules in the other, loose sector stems,
numbers that are no key figures, security vocabulary).

Each line of `tests/data/tagging-regression/*.jsonl` is one sentence with what must and
must not be found: countries / not_countries (ids), home (the home country is tagged),
sectors / not_sectors, figures / not_figures (text that a key figure must / must not
cover), people / not_people (ids; a listed given name and a capitalised surname name a
person, with the same id in both languages) and no_people (true: nobody at all).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.analysis.pipeline import analyze

DATA = Path(__file__).resolve().parents[1] / "data" / "tagging-regression"


def _cases() -> list:
    out = []
    for f in sorted(DATA.glob("*.jsonl")):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                case = json.loads(line)
                out.append(pytest.param(case, id=f"{f.stem}:{n}:{case['lang']}"))
    return out


@pytest.mark.parametrize("case", _cases())
def test_regression_sentence(case: dict) -> None:
    a = analyze(case["text"], case["lang"], home="KZ")
    countries = {t.id for t in a.countries}
    sectors = {t.id for t in a.sectors}
    assert set(case.get("countries", ())) <= countries, countries
    assert not set(case.get("not_countries", ())) & countries, countries
    if "home" in case:
        assert any(t.home for t in a.countries) == case["home"], countries
    assert set(case.get("sectors", ())) <= sectors, sectors
    assert not set(case.get("not_sectors", ())) & sectors, sectors
    figures = [f.text for f in a.figures]
    for want in case.get("figures", ()):
        assert any(want in f for f in figures), figures
    for unwanted in case.get("not_figures", ()):
        assert not any(unwanted in f for f in figures), figures
    people = {t.id for t in a.people}
    assert set(case.get("people", ())) <= people, people
    assert not set(case.get("not_people", ())) & people, people
    if case.get("no_people"):
        assert not people, people


def test_every_kind_has_both_languages() -> None:
    for f in sorted(DATA.glob("*.jsonl")):
        langs = [json.loads(x)["lang"] for x in f.read_text(encoding="utf-8").splitlines()
                 if x.strip()]
        assert len(langs) >= 20 and {"kk", "ru"} <= set(langs), f.name
