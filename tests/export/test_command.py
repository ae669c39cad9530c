"""`kenes export`: the three templates headless, from a library and a briefing file."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.core.briefing import save
from tests.conftest import SAMPLE
from tests.export.helpers import pdf_info, pdf_text, sample_briefing, squash


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export-lib") / "lib"
    assert main(["import", str(SAMPLE), "--library", str(folder)]) == 0
    return str(folder)


def test_press_digest_with_search_filters(library, tmp_path, capsys):
    out = tmp_path / "digest.pdf"
    assert main(["export", "--template", "press-digest", "--country", "UZ",
                 "--article-lang", "kk", "--lang", "ru", "--group-by", "country",
                 "--title", "Обзор", "--library", library, "-o", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    _pages, meta, outline = pdf_info(out.read_bytes())
    assert meta["Title"] == "Обзор"
    assert any(o.startswith("Узбекистан") for o in outline)


def test_press_digest_with_no_match_writes_nothing(library, tmp_path, capsys):
    out = tmp_path / "none.pdf"
    assert main(["export", "--template", "press-digest", "--sector", "no_such_sector",
                 "--library", library, "-o", str(out)]) == 1
    assert "nothing to export" in capsys.readouterr().err
    assert not out.exists()


def test_visit_brief_from_file_in_its_language(tmp_path):
    brief = save(sample_briefing(lang="kk"), tmp_path / "uz.kenes-brief")
    out = tmp_path / "brief.pdf"
    assert main(["export", "--template", "visit-brief", "--brief", str(brief), "-o",
                 str(out), "--annex"]) == 0
    assert "14–16 қараша 2025 ж." in squash(pdf_text(out.read_bytes()))


def test_visit_brief_errors(tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert main(["export", "--template", "visit-brief", "-o", str(out)]) == 2
    assert main(["export", "--template", "visit-brief", "--brief", str(tmp_path / "no"),
                 "-o", str(out)]) == 1
    assert main(["export", "--template", "visit-brief", "--brief", str(tmp_path / "no"),
                 "--style", "nosuch", "-o", str(out)]) == 1
    assert not out.exists()


def test_unknown_style_is_reported(library, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert main(["export", "--template", "press-digest", "--style", "nosuch",
                 "--library", library, "-o", str(out)]) == 1
    assert "nosuch" in capsys.readouterr().err


def test_parallel_text_from_two_articles(library, tmp_path):
    out = tmp_path / "pair.pdf"
    assert main(["export", "--template", "parallel-text", "--pair", "1", "3",
                 "--library", library, "-o", str(out)]) == 0
    assert pdf_info(out.read_bytes())[0] >= 1
    assert main(["export", "--template", "parallel-text", "--pair", "1", "999",
                 "--library", library, "-o", str(tmp_path / "p2.pdf")]) == 1


def test_parallel_text_dates_in_the_export_language(library, tmp_path):
    out = tmp_path / "pair-kk.pdf"
    assert main(["export", "--template", "parallel-text", "--pair", "1", "3", "--lang", "kk",
                 "--library", library, "-o", str(out)]) == 0
    text = squash(pdf_text(out.read_bytes()))
    assert "16.11.2025" in text and "15.11.2025" in text  # the sample pair's dates
    assert "Nov 2025" not in text


def test_no_blank_last_page(library, tmp_path):
    """The sample digest by country ends at the foot of a page: no page of header and
    footer alone follows."""
    import pypdfium2 as pdfium

    out = tmp_path / "digest.pdf"
    assert main(["export", "--template", "press-digest", "--group-by", "country",
                 "--lang", "en", "--library", library, "-o", str(out)]) == 0
    pdf = pdfium.PdfDocument(out.read_bytes())
    try:
        for i in range(len(pdf)):
            lines = [x for x in pdf[i].get_textpage().get_text_range().splitlines()
                     if x.strip()]
            assert len(lines) > 3, f"page {i + 1} of {len(pdf)} is blank"
    finally:
        pdf.close()


def test_list_styles(capsys):
    assert main(["export", "--list-styles"]) == 0
    assert capsys.readouterr().out.split()[:2] == ["default", "press"]
