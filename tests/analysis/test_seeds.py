"""The seeds and trap sentences against the shared fixture."""

from __future__ import annotations

import json

import pytest

from desktop.analysis.evaluate import _similar
from desktop.analysis.pipeline import analyze, vocabulary
from tests.conftest import SEEDS, SEEDS_EXPECTED


def _fixture() -> dict:
    return json.loads(SEEDS_EXPECTED.read_text(encoding="utf-8"))


def _articles():
    return _fixture()["articles"]


@pytest.mark.parametrize("art", _articles(), ids=lambda a: a["file"][:3])
def test_seed_countries_sectors_figures(art):
    text = (SEEDS / art["file"]).read_text(encoding="utf-8")
    a = analyze(text)
    assert a.lang == art["lang"]
    found = {t.id for t in a.countries}
    assert set(art["countries"]) <= found
    assert not set(art["must_not"]) & found
    assert [t.id for t in a.countries if t.home] == ["KZ"]
    sectors = {t.id for t in a.sectors}
    missing = set(art["sectors"]) - sectors
    assert len(missing) <= len(art["sectors"]) // 10, missing
    assert all(t.phrases for t in a.sectors)
    for fig in art["figures"]:
        pos = text.find(fig)
        assert any(f.span[0] < pos + len(fig) and pos < f.span[1] and f.value > 0
                   for f in a.figures), fig
    names = [vocabulary("person").get(t.id, {}).get("en", t.name) for t in a.people]
    for person in art["people"]:
        assert any(_similar(person, n) for n in names), person
    speakers = [vocabulary("person").get(q.speaker or "", {}).get("en") or q.speaker_name or ""
                for q in a.quotes]
    for who in art["quotes_by"]:
        assert any(s and _similar(who, s) for s in speakers), who


@pytest.mark.parametrize("i", range(5))
def test_traps(i):
    traps = _fixture()["traps"]
    if i >= len(traps):
        pytest.skip("fewer traps")
    trap = traps[i]
    a = analyze(trap["text"], lang=trap["lang"])
    found = {t.id for t in a.countries}
    assert not set(trap.get("must_not", [])) & found
    if "countries" in trap:
        assert found == set(trap["countries"])
    assert set(trap.get("sectors", [])) <= {t.id for t in a.sectors}
    orgs = {vocabulary("org")[t.id]["en"] for t in a.orgs}
    assert set(trap.get("organisations", [])) <= orgs
