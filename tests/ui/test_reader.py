"""Article text is untrusted: the reader shows markup literally and never loads anything."""

from __future__ import annotations

from desktop.analysis.model import Analysis, Figure, Quote, Tag
from desktop.core.article import Article
from desktop.ui.widgets.reader import ReaderPanel, SafeDocument

HOSTILE = '<b>x</b><img src="file:///etc/passwd"><a href="file:///x">y</a>'


def _article(body: str, title: str = "Заголовок") -> Article:
    return Article(title=title, body=body, date="2025-11-16", lang="kk", source="<i>src</i>",
                   author='<a href="file:///y">z</a>', origin="a.txt")


def test_hostile_markup_is_shown_literally_and_loads_nothing(qtbot, monkeypatch):
    loaded = []
    monkeypatch.setattr(SafeDocument, "loadResource",
                        lambda self, t, n: loaded.append(n) or None)
    r = ReaderPanel()
    qtbot.addWidget(r)
    a = _article("Мәтін " + HOSTILE + " соңы", title="<script>t</script>")
    r.show_article(a, Analysis(), 1)
    r.show()
    qtbot.waitExposed(r)
    r.grab()  # paint everything once
    text = r.plain_text()
    assert HOSTILE in text
    assert "<script>t</script>" in text
    assert r.title.text() == "<script>t</script>"
    assert "<i>src</i>" in r.meta.text()
    html = r.doc.toHtml()
    assert "<img" not in html.replace("&lt;img", "")
    assert 'href="file' not in html
    assert loaded == []
    assert r.doc.allFormats() is not None
    # no image or anchor formats anywhere in the document
    block = r.doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            assert not frag.charFormat().isImageFormat()
            assert not frag.charFormat().isAnchor()
            it += 1
        block = block.next()


def test_control_characters_keep_spans_aligned(qtbot):
    r = ReaderPanel()
    qtbot.addWidget(r)
    body = "a\x00b\x1bc 😀 Өзбекстан"
    a = _article(body, title="T")
    full = a.full_text()
    s = full.index("Өзбекстан")
    an = Analysis(countries=[Tag("country", "UZ", "Uzbekistan", [(s, s + 9)], ["Өзбекстан"])])
    r.show_article(a, an, 1)
    r.select_span(s, s + 9)
    assert r.text.textCursor().selectedText() == "Өзбекстан"


def test_highlight_toggles_and_why_tagged_jumps_to_span(qtbot):
    r = ReaderPanel()
    qtbot.addWidget(r)
    body = "Тоқаев Өзбекстанға барды. «Сауда 10 млрд долларға жетеді», — деді ол."
    a = _article(body, title="T")
    full = a.full_text()
    s = full.index("Өзбекстанға")
    q0 = full.index("«")
    f0 = full.index("10 млрд")
    an = Analysis(
        countries=[Tag("country", "UZ", "Uzbekistan", [(s, s + 11)], ["Өзбекстанға"])],
        figures=[Figure("10 млрд долларға", 1e10, "money", span=(f0, f0 + 16))],
        quotes=[Quote("Сауда", span=(q0, full.index("»") + 1))],
    )
    r.show_article(a, an, 7)

    def bg_at(pos: int):
        c = r.text.textCursor()
        c.setPosition(pos + 1)
        return c.charFormat().background().style()

    from PySide6.QtCore import Qt

    assert bg_at(s) != Qt.BrushStyle.NoBrush
    r.toggles["country"].setChecked(False)
    assert bg_at(s) == Qt.BrushStyle.NoBrush
    assert r.plain_text().count("Өзбекстанға") == 1
    assert "country" not in r.enabled_kinds()
    item = r.why.topLevelItem(0)
    assert "Өзбекстанға" in item.text(1)
    r._why_clicked(item.child(0))
    assert r.text.textCursor().selectedText() == "Өзбекстанға"


def test_why_tagged_tooltip_shows_phrases_literally(qtbot):
    """Qt renders a tooltip that looks like HTML; a matched phrase must not be rendered."""
    from PySide6.QtGui import QTextDocument

    r = ReaderPanel()
    qtbot.addWidget(r)
    a = _article("Өзбекстан " + HOSTILE, title="T")
    an = Analysis(countries=[Tag("country", "UZ", "Uzbekistan", [(3, 12)], [HOSTILE])])
    r.show_article(a, an, 1)
    tip = r.why.topLevelItem(0).toolTip(1)
    doc = QTextDocument()
    doc.setHtml(tip)  # what the tooltip shows
    assert doc.toPlainText().strip() == HOSTILE


def test_why_tagged_toggle_reaches_panels_added_later(qtbot):
    from desktop.ui.widgets.reader import ReaderArea

    area = ReaderArea()
    qtbot.addWidget(area)
    area.set_why_visible(False)
    second = area.add_panel()  # the coming Russian panel beside the Kazakh one
    assert all(p.why.isHidden() for p in area.panels)
    area.set_why_visible(True)
    assert not second.why.isHidden()


def test_rule_requests_of_a_panel_added_later_reach_the_area(qtbot):
    from desktop.ui.widgets.reader import ReaderArea

    area = ReaderArea()
    qtbot.addWidget(area)
    second = area.add_panel()  # the coming kk | ru view
    with qtbot.waitSignal(area.addRuleRequested) as got:
        second.addRuleRequested.emit("Ўзбекистон", "kk")
    assert got.args == ["Ўзбекистон", "kk"]
    with qtbot.waitSignal(area.excludeRequested) as got:
        second.excludeRequested.emit("country", "TR", "Түркі")
    assert got.args == ["country", "TR", "Түркі"]
