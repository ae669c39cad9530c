"""Untrusted article text in the reading pair: control characters and astral characters
keep the highlights on their words; markup in the details line stays literal."""

from __future__ import annotations

from desktop.analysis.model import Analysis, Tag
from desktop.core.article import Article
from desktop.corpus.library import StoredArticle
from tests.ui.pair_fakes import FakeLibrary, shown_view


def _highlighted(panel) -> list[str]:
    """The document text under each highlight range the panel laid out."""
    out = []
    block = panel.doc.begin()
    while block.isValid():
        u16 = block.text().encode("utf-16-le")  # Qt's positions count UTF-16 units
        for r in block.layout().formats():
            out.append(u16[2 * r.start:2 * (r.start + r.length)].decode("utf-16-le"))
        block = block.next()
    return out


def test_control_and_astral_characters_keep_highlights_on_their_words(qtbot):
    lib = FakeLibrary()
    art = Article(title="T", body="a\x00b\x1bc 😀 Өзбекстан туралы.", date="2025-11-16",
                  lang="kk", source="<i>src</i>", author='<a href="file:///y">z</a>')
    full = art.full_text()
    s = full.index("Өзбекстан")
    an = Analysis(lang="kk", countries=[Tag("country", "UZ", "Uzbekistan", [(s, s + 9)],
                                            ["Өзбекстан"])])
    lib.articles[50] = StoredArticle(id=50, article=art, analysis=an)
    lib.auto[50] = []
    v = shown_view(qtbot, lib, size=(900, 500))
    v.open(50)
    v.flush()
    assert "Өзбекстан" in _highlighted(v.left)
    assert "<i>src</i>" in v.left.meta.text()  # shown as typed, not as markup
    assert 'href="file' not in v.left.doc.toHtml()


def test_a_counterpart_sharing_no_names_or_figures_is_flagged_above_its_text(qtbot):
    from tests.ui.pair_fakes import stored

    lib = FakeLibrary()
    lib.articles[60] = stored(60, "Ауа райы", ["Ауа райы жылы болады.", "Жаңбыр жаумайды."], "kk")
    lib.articles[61] = stored(61, "Футбол", ["Матч закончился вничью.", "Болельщики рады."],
                              "ru")
    lib.auto[60] = []
    v = shown_view(qtbot, lib, size=(900, 500))
    v.open(60)
    v.choose(61)
    v.flush()
    assert "share no names or figures" in v.right.notice.text()
    assert v.right.notice.isVisible()
    v.open(1)  # a translation: no such note
    v.flush()
    assert "share no names" not in v.right.notice.text()
