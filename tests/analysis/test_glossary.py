"""kk ↔ ru glossary: bundled files, matching inflected forms, user pairs with undo."""

from __future__ import annotations

import tomllib

import pytest

from desktop import paths
from desktop.analysis.glossary import GlossaryError, load_glossary, read_file, stem


def test_bundled_glossary_has_hundreds_of_readable_pairs():
    errors: list[str] = []
    g = load_glossary(errors=errors)
    assert not errors
    assert len(g) >= 300
    for p in sorted(paths.resource("glossary").glob("*.toml")):
        data = tomllib.loads(p.read_text(encoding="utf-8"))
        assert data["glossary"]["topic"] and data["terms"]


def test_terms_match_in_any_grammatical_form():
    g = load_glossary(user=False)
    kk = ("Жоғары мемлекетаралық кеңестің отырысында тауар айналымының өсуі және "
          "стратегиялық әріптестікті нығайту талқыланды. БҰҰ-ның өкілі қатысты.")
    ru = ("На заседании Высшего межгосударственного совета обсуждались рост товарооборота и "
          "укрепление стратегического партнёрства. Присутствовал представитель ООН.")
    found = set(g.matches(kk, ru))
    assert {("Жоғары мемлекетаралық кеңес", "Высший межгосударственный совет"),
            ("тауар айналымы", "товарооборот"),
            ("стратегиялық әріптестік", "стратегическое партнёрство"),
            ("БҰҰ", "ООН")} <= found
    # a term on one side only is not a match
    assert ("Сыртқы істер министрлігі", "Министерство иностранных дел") not in found
    # the texts may be given Russian first
    assert set(g.matches(ru, kk, left_lang="ru")) == found


def test_stems_keep_short_words_and_abbreviations_whole():
    assert stem("ООН", "ru") == "оон"
    assert stem("товарооборот", "ru") == "товарооборот"
    assert stem("стратегическое", "ru") == "стратегическ"
    assert stem("әріптестік", "kk") == "әріптест"


def test_user_pair_is_saved_and_undone(tmp_path):
    g = load_glossary(user_dir=tmp_path)
    n = len(g)
    undo = g.add_pair("  ақылды  қала ", "умный город")
    assert len(g) == n + 1
    assert ("ақылды қала", "умный город") in g.matches("Ақылды қаланың жобасы", "проект умного города")
    saved = load_glossary(user_dir=tmp_path)  # stored in the user data folder
    assert len(saved) == n + 1
    redo = g.undo(undo)
    assert len(g) == n and len(load_glossary(user_dir=tmp_path)) == n
    g.undo(redo)
    assert len(load_glossary(user_dir=tmp_path)) == n + 1
    with pytest.raises(GlossaryError):
        g.add_pair("ақылды қала", "умный город")
    with pytest.raises(GlossaryError):
        g.add_pair("", "город")


def test_a_broken_user_file_is_reported_not_fatal(tmp_path):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "user.toml").write_text("[terms\n", encoding="utf-8")
    errors: list[str] = []
    g = load_glossary(user_dir=tmp_path, errors=errors)
    assert len(g) >= 300 and errors and "user.toml" in errors[0]
    with pytest.raises(GlossaryError):
        read_file(tmp_path / "glossary" / "user.toml")
