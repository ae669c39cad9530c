"""People in the tagging regression set: a listed given name and a capitalised surname name a
person, in Kazakh and in Russian, with the same id in both (Риком Перри and Рик Перримен are
Рик Перри), and words that only look like names name nobody.

Lines of `tests/data/tagging-regression/*.jsonl` may say people (ids that must be found),
not_people (ids that must not) and no_people (true: nobody at all); the other fields are
checked by test_tagging_regression.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.analysis.pipeline import analyze

DATA = Path(__file__).resolve().parents[1] / "data" / "tagging-regression"
_FIELDS = ("people", "not_people", "no_people")


def _cases() -> list:
    out = []
    for f in sorted(DATA.glob("*.jsonl")):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                case = json.loads(line)
                if any(k in case for k in _FIELDS):
                    out.append(pytest.param(case, id=f"{f.stem}:{n}:{case['lang']}"))
    return out


@pytest.mark.parametrize("case", _cases())
def test_people_of_a_regression_sentence(case: dict) -> None:
    people = {t.id for t in analyze(case["text"], case["lang"], home="KZ").people}
    assert set(case.get("people", ())) <= people, people
    assert not set(case.get("not_people", ())) & people, people
    if case.get("no_people"):
        assert not people, people


def test_the_people_cases_cover_both_languages() -> None:
    langs = [c.values[0]["lang"] for c in _cases()]
    assert langs.count("kk") >= 20 and langs.count("ru") >= 20


def test_a_user_file_adds_a_given_name(_private_data_dir):
    from tests.analysis.test_analysis import user_rule_file

    text = "Отчёт представила Элин Джонс, глава комиссии по бюджету."
    assert "elin-dzhons" in {t.id for t in analyze(text, "ru").people}  # by the title
    text = "Элин Джонс представила отчёт. Комиссия поддержала Элину Джонсу."
    assert "elin-dzhons" not in {t.id for t in analyze(text, "ru").people}
    with user_rule_file(_private_data_dir, "names.toml", '[given_names]\nwelsh = ["Элин"]\n'):
        assert "elin-dzhons" in {t.id for t in analyze(text, "ru").people}
