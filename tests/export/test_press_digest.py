"""press-digest PDFs: Kazakh letters, Russian text and figures survive; fonts embedded;
bookmarks, TOC and metadata present; untrusted text printed literally; stable bytes."""

from __future__ import annotations

import re

import pytest

from desktop.export import ExportError, export_pdf, render_pdf
from desktop.export.document import MissingGlyphs
from desktop.jobs import Cancelled, CancelToken
from tests.export.helpers import (
    KK_LETTERS,
    pdf_info,
    pdf_text,
    sample_articles,
    squash,
    stored,
)


def _digest(**kw) -> bytes:
    kw.setdefault("articles", sample_articles())
    kw.setdefault("prepared", "2025-11-17")
    return render_pdf("press-digest", **kw)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_text_comes_back_intact(lang):
    text = squash(pdf_text(_digest(lang=lang, title="Обзор: Қазақстан — Өзбекстан")))
    for letter in KK_LETTERS:
        assert letter in text
    assert "Товарооборот между Казахстаном и Узбекистаном" in text
    assert "4,5 млрд" in text
    assert "1 200 ₸" in text and "№5" in text and "«жаңа»" in text


def test_dates_in_the_export_language():
    assert "15 қараша 2025 ж." in squash(pdf_text(_digest(lang="kk")))
    assert "15 ноября 2025 г." in squash(pdf_text(_digest(lang="ru")))
    assert "15 November 2025" in squash(pdf_text(_digest(lang="en")))


def test_fonts_embedded_as_subsets_and_no_base14_font():
    data = _digest()
    assert data.count(b"/FontFile2") >= 2
    fonts = set(re.findall(rb"/BaseFont /([^\s/]+)", data))
    assert fonts and all(re.match(rb"[A-Z]{6}\+", f) for f in fonts), fonts


def test_metadata_bookmarks_and_contents():
    data = _digest(lang="en", title="Weekly digest")
    pages, meta, outline = pdf_info(data)
    assert meta["Title"] == "Weekly digest"
    assert meta["Subject"] and meta["Author"] and meta["Keywords"]
    assert b"/Lang (en)" in data
    assert "Trade (1)" in outline or any(o.startswith("Trade") for o in outline)
    text = squash(pdf_text(data))
    assert "Contents" in text
    assert re.search(r"1 / \d", text)


def test_group_by_country_uses_partner_countries():
    data = _digest(lang="ru", group_by="country")
    _pages, _meta, outline = pdf_info(data)
    assert any(o.startswith("Узбекистан") for o in outline), outline
    assert any(o.startswith("Казахстан") for o in outline), outline


HOSTILE = ('Цена < 5 & рост > 3 <b>жирный</b> <img src="x"/> <font name="Nope">шрифт</font> '
           '<a href="file:///etc/passwd">ссылка</a> &amp; &#x41; \x00\x07\x1b конец <para>')


def test_markup_in_article_text_prints_literally():
    arts = [stored(9, 'Заголовок <i>курсив</i> & "кавычки"', HOSTILE, url="file:///x<y>")]
    text = squash(pdf_text(_digest(articles=arts)))
    assert 'Заголовок <i>курсив</i> & "кавычки"' in text
    assert '<b>жирный</b> <img src="x"/>' in text
    assert '<font name="Nope">шрифт</font>' in text
    assert '<a href="file:///etc/passwd">ссылка</a> &amp; &#x41;' in text
    assert "конец <para>" in text
    assert text.count('Заголовок <i>курсив</i> & "кавычки"') == 2  # heading and contents


def test_contents_lists_articles_with_page_numbers():
    text = squash(pdf_text(_digest(lang="en", articles=sample_articles() * 8)))
    contents = text[text.index("Contents"):]
    assert "Trade (8)" in contents and "Энергетика: новые проекты" in contents
    # dot leaders and page numbers (drawn once the pages are known, so extracted last)
    leaders = re.findall(r"(?:\. ){5,}\.? ?(\d+)", text)
    assert len(leaders) >= 3 * 8 + 3
    assert {"1", "2"} <= set(leaders)


def test_very_long_paragraph_and_word_split_across_pages():
    long_body = ("Очень длинный абзац без переносов строк. " * 900).strip()
    arts = [stored(1, "Длинная статья", long_body + "\n" + "ә" * 3000),
            stored(2, "Заголовок " * 900, "Текст"), stored(3, "", ""),
            stored(4, "Без даты", "Текст", date=None, source=None)]
    data = _digest(articles=arts)
    assert pdf_info(data)[0] >= 1


def test_same_input_same_bytes():
    assert _digest(lang="kk") == _digest(lang="kk")


def test_missing_glyphs_are_reported_before_writing(tmp_path):
    arts = [stored(1, "Иероглифы 𓀀", "Текст")]
    out = tmp_path / "d.pdf"
    with pytest.raises(MissingGlyphs, match="U\\+13000"):
        export_pdf("press-digest", articles=arts, out=out)
    assert not out.exists()


def test_cancel_during_export_leaves_the_old_file(tmp_path):
    out = tmp_path / "digest.pdf"
    out.write_bytes(b"old digest")
    token = CancelToken()
    seen = []

    def progress(done, total, message):
        seen.append(done)
        token.cancel()

    many = sample_articles() * 20
    with pytest.raises(Cancelled):
        export_pdf("press-digest", articles=many, out=out, progress=progress, cancel=token)
    assert seen
    assert out.read_bytes() == b"old digest"
    assert [p.name for p in tmp_path.iterdir()] == ["digest.pdf"]


def test_export_leaves_garbage_collection_as_it_found_it(tmp_path):
    """The app's objects are frozen out of collection only while a PDF is laid out; after
    an export, a cancelled one included, the whole heap is collectable again."""
    import gc

    render_pdf("press-digest", articles=sample_articles())
    assert gc.get_freeze_count() == 0
    token = CancelToken()
    with pytest.raises(Cancelled):
        export_pdf("press-digest", articles=sample_articles() * 20, out=tmp_path / "d.pdf",
                   progress=lambda *_a: token.cancel(), cancel=token)
    assert gc.get_freeze_count() == 0


def test_export_writes_file_and_reports_progress(tmp_path):
    out = tmp_path / "digest.pdf"
    seen = []
    export_pdf("press-digest", articles=sample_articles() * 5, out=out,
               progress=lambda d, t, m: seen.append((d, t)))
    assert out.read_bytes().startswith(b"%PDF")
    assert seen[-1][0] == seen[-1][1]


def test_unknown_template_and_missing_input():
    with pytest.raises(ExportError):
        render_pdf("poster", articles=[])
    with pytest.raises(ExportError):
        render_pdf("press-digest")



def test_a_tag_line_never_opens_a_page_alone():
    """A digest article's lead fills a page to the last line: its tag line takes the
    lead's last lines along to the next page instead of standing there alone."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import SimpleDocTemplate, Spacer

    from desktop.export.layout import Para, WholePara, WithTail

    body_style = ParagraphStyle("b", fontSize=10, leading=14)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, invariant=1)
    body = Para("Lead sentence of the article. " * 12, body_style)
    _w, body_h = body.wrap(doc.width, doc.height)
    tags = WholePara("Countries: Kazakhstan, Uzbekistan", body_style)
    # the lead ends exactly at the foot of page 1; the tag line does not fit below it
    doc.build([Spacer(1, doc.height - body_h - 1), WithTail(body, tags)])
    pages = _page_texts(out.getvalue())
    assert len(pages) == 2
    assert "Countries:" in pages[1] and "Lead sentence" in pages[1]
    assert "Lead sentence" in pages[0]


def _page_texts(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
