"""parallel-text PDFs: both versions on numbered rows, gaps and mismatches marked."""

from __future__ import annotations

from types import SimpleNamespace

from desktop.export import render_pdf
from desktop.export.parallel_text import ParallelDoc, ParallelRow
from tests.export.helpers import KK_LETTERS, pdf_info, pdf_text, squash

KK = ["Қазақстан мен Өзбекстан тауар айналымы 4,5 млрд долларға жетті.",
      "Һәр жоба бойынша ұлттық жұмыс тобы құрылды.",
      "Бұл сөйлем тек қазақша нұсқада бар, аңыз, үй, шаһар."]
RU = ["Товарооборот Казахстана и Узбекистана достиг 4,2 млрд долларов.",
      "По каждому проекту создана национальная рабочая группа."]


def _pair() -> ParallelDoc:
    alignment = SimpleNamespace(
        left=[SimpleNamespace(text=s) for s in KK], right=[SimpleNamespace(text=s) for s in RU],
        links=[SimpleNamespace(left=(0,), right=(0,), type="1:1"),
               SimpleNamespace(left=(1,), right=(1,), type="1:1"),
               SimpleNamespace(left=(2,), right=(), type="1:0")],
        left_lang="kk", right_lang="ru")
    mismatch = SimpleNamespace(kind="figure", side="both", left="4,5 млрд", right="4,2 млрд",
                               link=0, note="")
    return ParallelDoc.from_alignment(alignment, left_title="Тауар айналымы",
                                      right_title="Товарооборот", mismatches=[mismatch])


def test_rows_follow_the_links():
    p = _pair()
    assert [(r.left[:9], r.right[:9], r.link_type) for r in p.rows] == [
        (KK[0][:9], RU[0][:9], "1:1"), (KK[1][:9], RU[1][:9], "1:1"), (KK[2][:9], "", "1:0")]
    assert p.rows[0].flags == ["figure: 4,5 млрд ≠ 4,2 млрд"]


def test_both_texts_and_the_mismatch_are_printed():
    data = render_pdf("parallel-text", pair=_pair(), lang="ru")
    text = squash(pdf_text(data))
    for letter in KK_LETTERS:
        assert letter in text
    assert RU[0] in text and RU[1] in text
    assert "4,5 млрд ≠ 4,2 млрд" in text
    pages, meta, _outline = pdf_info(data)
    assert pages >= 1 and meta["Title"]


def test_rows_from_tuples_and_long_segments():
    rows = [("Ұзын " * 4000, "Длинный " * 4000, "1:1", []), ("а", "б", "1:1", ["note"])]
    p = ParallelDoc.from_rows("Сол", "Право", rows)
    assert isinstance(p.rows[0], ParallelRow)
    assert pdf_info(render_pdf("parallel-text", pair=p))[0] > 2
