"""House styles load from TOML (bundled and user), and fonts cover Kazakh and Russian."""

from __future__ import annotations

import pytest

from desktop.export.fonts import describe_missing, missing_chars
from desktop.export.styles import StyleError, list_styles, load_style

KAZAKH_RUSSIAN = "әғқңөұүһі ӘҒҚҢӨҰҮҺІ абвгдеёжзийклмнопрстуфхцчшщъыьэюя «» — № ₸ – “”"


def test_bundled_styles_are_listed_default_first():
    names = list_styles()
    assert names[0] == "default"
    assert "press" in names


@pytest.mark.parametrize("name", ["default", "press"])
def test_bundled_styles_cover_kazakh_and_russian(name):
    assert missing_chars(KAZAKH_RUSSIAN + KAZAKH_RUSSIAN.upper(), name) == set()


def test_missing_characters_are_named():
    missing = missing_chars("Сәлем 𓀀 ✈︎", "default")
    assert "𓀀" in missing
    assert "U+13000" in describe_missing(missing)


def test_user_style_overrides_and_adds(tmp_path, _private_data_dir):
    folder = _private_data_dir / "templates"
    folder.mkdir()
    (folder / "embassy.toml").write_text(
        'label = "Embassy"\ncover = false\n[page]\nsize = "Letter"\nmargins = 20\n'
        '[fonts]\nbody = "Noto Sans"\n[header]\nen = "Embassy"\nkk = "Елшілік"\n',
        encoding="utf-8")
    assert "embassy" in list_styles()
    s = load_style("embassy")
    assert (s.page_size, s.margins_mm, s.body_font, s.cover) == ("Letter", (20,) * 4,
                                                                  "NotoSans", False)
    assert s.text(s.header, "kk") == "Елшілік"
    assert s.text(s.header, "ru") == "Embassy"


def test_bad_style_says_what_is_wrong(_private_data_dir):
    folder = _private_data_dir / "templates"
    folder.mkdir()
    (folder / "bad.toml").write_text('[page]\nsize = "A3"\n', encoding="utf-8")
    (folder / "nofont.toml").write_text('[fonts]\nbody = "Comic"\n', encoding="utf-8")
    with pytest.raises(StyleError, match="A3"):
        load_style("bad")
    with pytest.raises(StyleError, match="Comic"):
        load_style("nofont")
    with pytest.raises(StyleError, match="nosuch"):
        load_style("nosuch")


def test_classification_wording_per_language():
    s = load_style("default")
    assert s.classification_text("restricted", "ru") == "ДЛЯ СЛУЖЕБНОГО ПОЛЬЗОВАНИЯ"
    assert s.classification_text("Restricted", "en") == "RESTRICTED"
    assert s.classification_text("Особой важности", "ru") == "Особой важности"


def test_user_style_with_a_logo(_private_data_dir):
    from PIL import Image

    from desktop.export import render_pdf
    from tests.export.helpers import sample_articles, sample_briefing

    folder = _private_data_dir / "templates"
    folder.mkdir()
    Image.new("RGB", (60, 40), (31, 56, 100)).save(folder / "emblem.png")
    (folder / "embassy.toml").write_text('logo = "emblem.png"\n', encoding="utf-8")
    for data in (render_pdf("press-digest", articles=sample_articles(), style="embassy"),
                 render_pdf("visit-brief", briefing=sample_briefing(), style="embassy")):
        assert b"/Subtype /Image" in data
    (folder / "missing.toml").write_text('logo = "nope.png"\n', encoding="utf-8")
    with pytest.raises(StyleError, match="nope.png"):
        load_style("missing")


def test_styles_word_the_standard_levels():
    assert load_style("press").classification_text("confidential", "kk") == "ҚҰПИЯ"
