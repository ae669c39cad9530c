"""Social networks named in a credit ("деп жазды Твиттерге") are not taken as the outlet."""

from __future__ import annotations

import pytest

from desktop.corpus.textformat import is_platform, recover_metadata


@pytest.mark.parametrize("name", [
    "Твиттерге", "Twitter", "Твиттердегі", "X", "X-те", "Телеграмда", "Telegram", "Telegram-арнасында",
    "Фейсбуктегі", "Facebook", "Instagram-да", "Инстаграмдағы", "YouTube", "Ютубта", "ВКонтакте",
    "VK", "TikTok", "Тиктокта", "WhatsApp",
])
def test_social_networks_in_any_inflection(name):
    assert is_platform(name)


@pytest.mark.parametrize("name", ["Kazinform", "BAQ.KZ", "Tengrinews", "Telegraph", "Xinhua",
                                  "Акорда", "ТАСС", "Vlast.kz"])
def test_outlets_are_not_platforms(name):
    assert not is_platform(name)


@pytest.mark.parametrize("body", [
    "Мемлекет басшысы бұл туралы айтты, деп жазды Твиттерге. Келіссөздер жалғасады.",
    "Министр сапар туралы хабарлады, деп жазды X-те. Келіссөздер жалғасады.",
    "Президент встретился с делегацией, пишет Telegram. Переговоры продолжатся.",
    "Министр айтты, деп хабарлады Фейсбукте. Келіссөздер жалғасады.",
])
def test_a_credit_naming_a_network_gives_no_source(body):
    assert "source" not in recover_metadata("Сапар", body)


def test_the_outlet_after_a_network_credit_is_still_found():
    body = ("Министр бұл туралы айтты, деп жазды Твиттерге.\n"
            "Келіссөздер жалғасады, деп хабарлайды BAQ.KZ.")
    assert recover_metadata("Сапар", body)["source"] == "BAQ.KZ"


def test_a_dateline_outlet_still_counts_with_a_network_credit():
    body = "АСТАНА. KAZINFORM — Министр бұл туралы айтты, деп жазды Твиттерге."
    meta = recover_metadata("Сапар", body)
    assert meta["source"] == "Kazinform" and "credited_to" not in meta
