"""Weak sector keywords: words with common meanings outside a sector count half."""

from __future__ import annotations

import copy

import pytest

from desktop.analysis.pipeline import analyze, rules_snapshot
from desktop.analysis.ruleset import diff
from tests.analysis.test_analysis import user_rule_file


def sectors(text: str) -> dict[str, list[str]]:
    return {t.id: t.phrases for t in analyze(text).sectors}


@pytest.mark.parametrize("text,sector", [
    ("Командалар арасындағы кездесу 2:1 есебімен аяқталды.", "diplomacy"),
    ("Встреча команд закончилась вничью.", "diplomacy"),
    ("Жаңа технология фотосуреттерді тез өңдейді.", "digital"),
    ("Он рассказал об исторической роли клуба.", "culture_education"),
    ("Угроза дождя сохраняется до вечера.", "security"),
    ("Спортшы жарыста жеңіске жетті.", "culture_education"),
])
def test_one_weak_keyword_alone_does_not_tag(text, sector):
    assert sector not in sectors(text)


def test_two_weak_keywords_tag_and_show_both_phrases():
    got = sectors("Министрлер кездесуде халықаралық жағдайды талқылады.")
    assert got["diplomacy"] == ["кездесуде", "халықаралық"]


def test_one_strong_keyword_still_tags_next_to_a_weak_one():
    got = sectors("Переговоры прошли в Ташкенте.")
    assert "diplomacy" in got
    got = sectors("Встреча завершилась подписанием меморандума.")
    assert got["diplomacy"] == ["Встреча", "меморандума"]


def test_pride_is_not_cotton():
    got = sectors("Ол ұлымен мақтан тұтатынын айтты. Әкесі де мақтан етті.")
    assert "agriculture" not in got
    assert "agriculture" in sectors("Мақта өнімі экспортқа шығады.")
    assert "agriculture" in sectors("Биыл мақтаның бағасы өсті.")


def test_a_user_file_demotes_a_keyword_and_promotes_it_back(_private_data_dir):
    text = "Переговоры прошли в Ташкенте."
    assert "diplomacy" in sectors(text)
    with user_rule_file(_private_data_dir, "weak.toml",
                        '[sector.diplomacy]\nweak = ["переговор*"]\n'):
        assert "diplomacy" not in sectors(text)
        assert "diplomacy" in sectors(text + " Стороны подписали соглашение.")


def test_weak_lists_outside_sectors_are_ignored(_private_data_dir):
    with user_rule_file(_private_data_dir, "weak.toml", '[country.UZ]\nweak = ["Өзбек*"]\n'):
        assert [t.id for t in analyze("Өзбекстан мен Қазақстан.").countries] == ["KZ", "UZ"]


def test_moving_a_keyword_to_weak_retags_only_where_it_occurs():
    old = rules_snapshot()
    new = copy.deepcopy(old)
    pats = next(d for k, i, d in new["entries"] if (k, i) == ("sector", "diplomacy"))["patterns"]
    pats["weak"].append("саммит*")
    d = diff(old, new)
    assert not d.full and d.changed == [("sector", "diplomacy")]
    assert d.surfaces == ["саммит"]
