"""visit-brief PDFs from a Briefing: every part present, text intact in three export
languages, the classification on every page, and hostile or huge text handled."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.export import export_pdf, render_pdf
from tests.export.helpers import KK_LETTERS, pdf_info, pdf_text, sample_briefing, squash

LABELS = {
    "en": ("14–16 November 2025", "12 November 2025", "RESTRICTED"),
    "ru": ("14–16 ноября 2025 г.", "12 ноября 2025 г.", "ДЛЯ СЛУЖЕБНОГО ПОЛЬЗОВАНИЯ"),
    "kk": ("14–16 қараша 2025 ж.", "12 қараша 2025 ж.", "ҚЫЗМЕТТІК ПАЙДАЛАНУ ҮШІН"),
}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_cover_dates_and_classification_in_export_language(lang):
    data = render_pdf("visit-brief", briefing=sample_briefing(), lang=lang)
    text = squash(pdf_text(data))
    dates, prepared, classification = LABELS[lang]
    assert dates in text and prepared in text
    pages = pdf_info(data)[0]
    assert text.count(classification) >= pages  # cover block + every page header
    for letter in KK_LETTERS:
        assert letter in text
    assert "Товарооборот между Казахстаном и Узбекистаном" in text
    assert "4,5 млрд" in text



def test_every_font_is_embedded_including_the_list_bullets():
    """Objectives and key messages are bulleted lists: the bullet is set in the style's
    own font, so the PDF names no font it does not carry (no Helvetica)."""
    import re

    data = render_pdf("visit-brief", briefing=sample_briefing(), lang="kk")
    fonts = set(re.findall(rb"/BaseFont /([^\s/]+)", data))
    assert fonts and all(re.match(rb"[A-Z]{6}\+", f) for f in fonts), fonts
    assert "•" in pdf_text(data)

def test_every_part_has_a_bookmark_and_metadata_is_set():
    data = render_pdf("visit-brief", briefing=sample_briefing(), lang="en")
    _pages, meta, outline = pdf_info(data)
    for part in ("Objectives", "Key messages", "Background", "Programme", "Key figures",
                 "Sectors", "Quotes", "Principal participants", "Sources"):
        assert part in outline
    assert meta["Title"].startswith("Мемлекеттік сапар")
    assert meta["Author"] == "А. Серікбаева, Азия департаменті"
    assert meta["Subject"] == "Visit brief"
    assert "Uzbekistan" in meta["Keywords"]


def test_briefing_order_and_excluded_items_are_respected():
    b = sample_briefing()
    b.order = ["sources", "objectives"] + [p for p in b.order if p not in ("sources", "objectives")]
    b.quotes = [dataclasses.replace(q, included=False) for q in b.quotes]
    _p, _m, outline = pdf_info(render_pdf("visit-brief", briefing=b))
    assert outline.index("Sources") < outline.index("Objectives")
    assert "Quotes" not in outline


def test_annex_carries_full_texts():
    data = render_pdf("visit-brief", briefing=sample_briefing(), annex=True)
    text = squash(pdf_text(data))
    assert "Annex: full texts" in text
    assert "Үкімет өңірлік ынтымақтастықты күшейтуге шешім қабылдады." in text


def test_hostile_text_and_huge_cells():
    b = sample_briefing()
    b.objectives = '<b>bold</b> & <img src="x"/> <font name="X">f</font> <a href="file:/x">a</a>\x07'
    b.figures[0].wording = "Очень длинная формулировка. " * 1200  # taller than a page
    data = render_pdf("visit-brief", briefing=b)
    text = squash(pdf_text(data))
    assert '<b>bold</b> & <img src="x"/> <font name="X">f</font> <a href="file:/x">a</a>' in text


def test_byte_stable(tmp_path):
    a = export_pdf("visit-brief", briefing=sample_briefing(), out=tmp_path / "a.pdf",
                   prepared="2025-11-12")
    b = export_pdf("visit-brief", briefing=sample_briefing(), out=tmp_path / "b.pdf",
                   prepared="2025-11-12")
    assert a.read_bytes() == b.read_bytes()


def test_press_style_without_cover():
    data = render_pdf("visit-brief", briefing=sample_briefing(), style="press", lang="ru")
    assert "Ташкент" in squash(pdf_text(data))


def test_anything_taller_than_a_page_splits():
    b = sample_briefing()
    b.articles[0].title = "Т" * 6000  # one "word": a heading, a table cell, a contents entry
    b.quotes[0].wording = "Цитата " * 2500
    b.sections[0].items[0].wording = "Выдержка " * 2500
    b.objectives = "\n".join(f"- пункт {i}" for i in range(400))
    pages, _meta, outline = pdf_info(render_pdf("visit-brief", briefing=b, annex=True))
    assert pages > 10 and "Objectives" in outline


def test_empty_briefing_exports_a_cover():
    from desktop.core.briefing import Briefing

    text = squash(pdf_text(render_pdf("visit-brief", briefing=Briefing())))
    assert "Untitled briefing" in text


def test_language_defaults_to_the_briefings():
    text = squash(pdf_text(render_pdf("visit-brief", briefing=sample_briefing(lang="ru"))))
    assert "14–16 ноября 2025 г." in text
