"""The Kazakh | Russian reading pair: counterpart, pins, links, sync scrolling, differences."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from desktop.analysis.model import Analysis
from desktop.core.article import Article
from desktop.corpus.library import StoredArticle
from desktop.settings import Settings
from desktop.ui.reading import fastdoc
from desktop.ui.reading.common import SafeDocument
from desktop.ui.reading.pairview import PairView
from tests.ui.pair_fakes import KK, RU, FakeLibrary, shown_view, stored


@pytest.fixture
def lib() -> FakeLibrary:
    return FakeLibrary()


def _view(qtbot, lib: FakeLibrary, settings: Settings | None = None) -> PairView:
    return shown_view(qtbot, lib, settings)


def _open(v: PairView, aid: int) -> None:
    """Select an article and let the links be computed (they follow the first paint)."""
    v.open(aid)
    v.flush()


def _centre_of(panel, seg: int) -> QPoint:
    top, bottom = panel.doc_extent([seg])
    y = (top + bottom) / 2 - panel.scroll_value()
    return QPoint(20, int(y))


def _move(widget, pos: QPoint) -> None:
    ev = QMouseEvent(QEvent.Type.MouseMove, QPointF(pos), QPointF(widget.mapToGlobal(pos)),
                     Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                     Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, ev)


def _selected_texts(panel) -> list[str]:
    return [x.cursor.selectedText() for x in panel.view.extraSelections()]


# ------------------------------------------------------------------ pairing and pins
def test_selection_puts_each_article_on_its_language_side(qtbot, lib):
    v = _view(qtbot, lib)
    _open(v, 1)
    assert v.left.article_id == 1 and v.right.article_id == 3
    assert "translation" in v.right.role.text()
    assert "0.93" in v.right.role.text()
    assert "Tokayev" in v.right.reasons.text()
    assert "Мемлекет басшысы" in v.left.plain_text()
    assert "Глава государства" in v.right.plain_text()
    _open(v, 3)  # a Russian article goes right, its Kazakh counterpart left
    assert v.right.article_id == 3 and v.left.article_id == 1
    assert "selected" in v.right.role.text()


def test_pinned_pair_survives_reopening(qtbot, lib):
    v = _view(qtbot, lib)
    _open(v, 1)
    v.choose(4)  # from the dropdown: another article
    assert v.right.article_id == 4 and "same event" in v.right.role.text()
    v.toggle_pin()
    assert lib.pin_of(1).b == 4
    v2 = _view(qtbot, lib)
    _open(v2, 1)
    assert v2.right.article_id == 4
    assert "pinned" in v2.right.role.text()
    v2.toggle_pin()  # unpin: automatic pairing again
    assert lib.pin_of(1) is None
    assert v2.right.article_id == 3


def test_dropdown_lists_candidates_and_searches(qtbot, lib):
    v = _view(qtbot, lib)
    _open(v, 1)
    v.choose_counterpart()
    p = v.picker
    assert p.isVisible()
    assert p.list.count() == 2 and "translation" in p.list.item(0).text()
    p.edit.setText("погода")
    p.refresh()
    assert p.list.count() == 1 and "Другая новость" in p.list.item(0).text()
    p._take(p.list.item(0))
    assert v.right.article_id == 4


def test_no_counterpart_states(qtbot, lib):
    v = _view(qtbot, lib)
    _open(v, 7)  # nothing in the other language
    assert v.right.article_id is None
    assert "No counterpart found" in v.right.notice.text()
    assert v.right.search_button.isVisibleTo(v)
    assert not v.right.view.isVisibleTo(v)
    _open(v, 1)
    v.mark_no_counterpart()
    assert lib.pin_of(1).b is None
    assert v.right.article_id is None
    assert "marked as having no counterpart" in v.right.notice.text()
    assert v.alignment is None and v.strip._bands() == []


# ------------------------------------------------------------------ links
def test_hovering_a_sentence_highlights_its_partner(qtbot, lib):
    v = _view(qtbot, lib)
    _open(v, 1)
    assert v.alignment is not None
    seg = 2  # "Президент Шавкат Мирзиёевпен кездесті."
    _move(v.left.view.viewport(), _centre_of(v.left, seg))
    k = v.link_of("left", seg)
    assert v.hover_link == k >= 0
    partner = [v.alignment.right[j].text for j in v.alignment.links[k].right]
    assert partner == ["Президент встретился с Шавкатом Мирзиёевым."]
    assert partner[0] in _selected_texts(v.right)
    assert any(b.link == k for b in v.strip._bands())


def test_link_edit_is_saved_confirmed_and_undone(qtbot, lib):
    v = _view(qtbot, lib)
    _open(v, 1)
    before = [(lk.left, lk.right) for lk in v.alignment.links]
    v.pick("left", 1)
    v.join(+1)
    after = v.alignment.links
    assert len(after) == len(before) - 1
    joined = next(lk for lk in after if 1 in lk.left)
    assert joined.left == (1, 2) and joined.type == "2:2" and joined.confirmed
    saved = lib.saved[(1, 3)]
    assert any(lk.left == (1, 2) for lk in saved)
    assert lib.pin_of(1).b == 3  # corrected links belong to a pinned pair
    v.undo_stack.undo()
    assert [(lk.left, lk.right) for lk in v.alignment.links] == before
    assert [(lk.left, lk.right) for lk in lib.saved[(1, 3)]] == before
    v.undo_stack.redo()
    assert len(v.alignment.links) == len(before) - 1
    # the stored links come back when the pair is shown again
    v2 = _view(qtbot, lib)
    _open(v2, 3)
    assert any(lk.left == (1, 2) and lk.confirmed for lk in v2.alignment.links)


def test_keyboard_picks_sentences_and_links_them(qtbot, lib):
    v = _view(qtbot, lib)
    _open(v, 1)
    v.select_link(v.link_of("left", 4))
    v.unlink()
    for panel, seg in ((v.left, 4), (v.right, 4)):
        panel.view.setFocus()
        qtbot.waitUntil(panel.view.hasFocus)
        c = panel.view.textCursor()
        c.setPosition(panel._pos(panel._starts[seg]) + 2)
        panel.view.setTextCursor(c)
    assert v.picks == {"left": 4, "right": 4}
    qtbot.keyClick(v.right.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    lk = v.alignment.links[v.link_of("left", 4)]
    assert lk.right == (4,) and lk.confirmed


def test_unlink_leaves_gaps_and_relink_joins_picked_sentences(qtbot, lib):
    v = _view(qtbot, lib)
    _open(v, 1)
    k = v.link_of("left", 4)
    v.select_link(k)
    v.unlink()
    types = {lk.type for lk in v.alignment.links}
    assert "1:0" in types and "0:1" in types
    assert any(b.type == "1:0" for b in v.strip._bands())
    v.pick("left", 4)
    v.pick("right", 4)
    v.relink()
    lk = v.alignment.links[v.link_of("left", 4)]
    assert lk.right == (4,) and lk.confirmed
    v.undo_stack.undo()
    v.undo_stack.undo()
    assert all(lk.type == "1:1" for lk in v.alignment.links)


def test_sync_scroll_brings_the_partner_level(qtbot, lib):
    left = [f"{i + 1}. {s}" for i in range(30) for s in KK[:1]]
    right = [f"{i + 1}. {s} " + "Дополнительные слова для длины. " * (1 + i % 3)
             for i in range(30) for s in RU[:1]]
    lib.articles[11] = stored(11, "Ұзын", left, "kk")
    lib.articles[12] = stored(12, "Длинная", right, "ru")
    lib.auto[11] = [type(lib.auto[1][0])(12, 0.9, "translation", [])]
    v = _view(qtbot, lib)
    v.set_sync(True)
    _open(v, 11)
    assert v.alignment is not None
    lbar = v.left.view.verticalScrollBar()
    assert lbar.maximum() > 0
    lbar.setValue(lbar.maximum() // 2)
    mid = v.left.viewport_height() / 2
    seg = v.left.segment_at_y(int(mid))
    k = v.link_of("left", seg)
    rtop, rbottom = v.extent("right", k)
    rmid = v.right.scroll_value() + v.right.viewport_height() / 2
    line = v.right.view.fontMetrics().height()
    assert rtop - line <= rmid <= rbottom + line
    # switched off: the other panel stays where it is
    v.set_sync(False)
    before = v.right.scroll_value()
    lbar.setValue(lbar.maximum() // 4)
    assert v.right.scroll_value() == before


def test_sync_setting_is_remembered(qtbot, lib, tmp_path):
    s = Settings(QSettings(str(tmp_path / "k.ini"), QSettings.Format.IniFormat))
    v = _view(qtbot, lib, s)
    assert v.sync
    v.act_sync.trigger()
    assert not v.sync and s.pair_sync() is False
    v2 = _view(qtbot, lib, s)
    assert not v2.sync


# ------------------------------------------------------------------ differences and glossary
def test_mismatch_is_flagged_listed_copied_and_saved(qtbot, lib, tmp_path):
    v = _view(qtbot, lib)
    _open(v, 1)
    assert v.div_list.topLevelItemCount() == 1
    row = [v.div_list.topLevelItem(0).text(c) for c in range(6)]
    assert row[2] == "4,5 млрд" and row[3] == "4,7 млрд"
    flags = [x for x in v.left.view.extraSelections()
             if x.format.underlineStyle().name == "WaveUnderline"]
    assert [x.cursor.selectedText() for x in flags] == ["4,5 млрд"]
    assert any(b.flagged for b in v.strip._bands())
    v.copy_divergences()
    assert "4,7 млрд" in QGuiApplication.clipboard().text()
    out = tmp_path / "diff.csv"
    v.save_divergences(str(out))
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][2:4] == ["Kazakh", "Russian"]
    assert rows[1][2:4] == ["4,5 млрд", "4,7 млрд"]


def test_highlight_kinds_toggle_keeps_the_flags(qtbot, lib):
    v = _view(qtbot, lib)
    _open(v, 1)
    v.toggles["figure"].setChecked(False)
    assert "figure" not in v.enabled_kinds()
    flags = [x.cursor.selectedText() for x in v.left.view.extraSelections()
             if x.format.underlineStyle().name == "WaveUnderline"]
    assert flags == ["4,5 млрд"]
    assert all(x.cursor.document() is v.left.doc for x in v.left.view.extraSelections())


def test_unmatched_sentence_is_a_difference(qtbot, lib):
    v = _view(qtbot, lib)
    _open(v, 1)
    v.select_link(v.link_of("left", 5))
    v.unlink()
    kinds = [r["kind"] for r in v.div_rows]
    assert kinds.count("segment") == 2


def test_glossary_terms_listed_and_a_pair_added_and_undone(qtbot, lib):
    v = _view(qtbot, lib)
    _open(v, 1)
    items = [v.glossary_list.item(i).text() for i in range(v.glossary_list.count())]
    assert items == ["тауар айналымы — товарооборот"]
    for panel, word in ((v.left, "көлік дәлізін"), (v.right, "транспортного коридора")):
        c = panel.view.document().find(word)
        panel.view.setTextCursor(c)
    assert v.act_glossary.isEnabled()
    v.add_glossary_pair()
    assert v.glossary_list.count() == 2
    v.undo_stack.undo()
    assert v.glossary_list.count() == 1


# ------------------------------------------------------------------ long and hostile text
def test_long_single_paragraph_is_cut_into_blocks_with_offsets_kept(qtbot, lib):
    body = " ".join(KK * 1200)  # about 250 KB in one paragraph
    lib.articles[20] = StoredArticle(20, Article(title="Ұзақ", body=body, lang="kk"),
                                     Analysis(lang="kk"))
    lib.auto[20] = []
    v = _view(qtbot, lib)
    _open(v, 20)
    text = v.texts["left"]
    assert len(text) > 240_000
    assert v.left.doc.blockCount() > len(text) // (2 * fastdoc.CUT_AT)
    shown = v.left.plain_text()
    assert len(shown) == len(text)
    assert shown.replace("\n", " ") == text.replace("\n", " ")
    assert not v.left.notice.isVisibleTo(v)


def test_huge_article_is_shown_in_part_and_says_so(qtbot, lib):
    body = "\n".join(" ".join(KK) for _ in range(20_000))  # about 5 MB
    lib.articles[21] = StoredArticle(21, Article(title="Өте ұзақ", body=body, lang="kk"),
                                     Analysis(lang="kk"))
    lib.auto[21] = []
    v = _view(qtbot, lib)
    _open(v, 21)
    assert v.left.prep.truncated
    assert v.left.doc.characterCount() <= fastdoc.MAX_SHOWN + 1
    assert v.left.notice.isVisibleTo(v) and "very long" in v.left.notice.text()


def test_long_pair_is_linked_in_the_background(qtbot, lib):
    lib.articles[40] = stored(40, "Ұзақ", [f"{i}. {s}" for i in range(120) for s in KK], "kk")
    lib.articles[41] = stored(41, "Длинная", [f"{i}. {s}" for i in range(120) for s in RU],
                              "ru")
    lib.auto[40] = [type(lib.auto[1][0])(41, 0.9, "translation", [])]
    v = _view(qtbot, lib)
    _open(v, 40)
    assert len(v.texts["left"]) + len(v.texts["right"]) > 24_000
    assert v.aligner.busy() and v.busy_label.isVisibleTo(v)
    assert v.right.article_id == 41 and "Глава государства" in v.right.plain_text()
    qtbot.waitUntil(lambda: v.alignment is not None, timeout=120_000)
    assert not v.busy_label.isVisibleTo(v)
    assert len(v.alignment.links) >= 600
    _open(v, 1)  # a newer selection stops an older alignment
    assert not v.aligner.busy()


def test_marks_across_a_cut_keep_their_place():
    text = "а" * 2000 + ". " + "Тоқаев " * 400
    prep = fastdoc.prepare(text, cut_at=1000)
    assert len(prep.text) == len(text) and prep.cuts
    doc = SafeDocument()

    class M:
        def __init__(self, s, e):
            self.start, self.end, self.kind = s, e, "person"

    from PySide6.QtGui import QTextCharFormat

    fmt = QTextCharFormat()
    s = text.index("Тоқаев")
    n = fastdoc.build(doc, prep, [M(s, s + 6), M(s - 10, s + 3000)], lambda m: fmt)
    assert n >= 3  # the long mark is set in each block it crosses
    c = QTextCursor(doc)
    c.setPosition(s)
    c.setPosition(s + 6, QTextCursor.MoveMode.KeepAnchor)
    assert c.selectedText() == "Тоқаев"


def test_markup_in_articles_is_shown_literally(qtbot, lib, monkeypatch):
    loaded = []
    monkeypatch.setattr(SafeDocument, "loadResource", lambda self, t, n: loaded.append(n))
    hostile = '<b>x</b><img src="file:///etc/passwd">'
    lib.articles[30] = stored(30, "<i>t</i>", [hostile + " Мәтін."], "kk")
    lib.auto[30] = []
    v = _view(qtbot, lib)
    _open(v, 30)
    v.grab()
    assert hostile in v.left.plain_text()
    assert v.left.title.text() == "<i>t</i>"
    assert loaded == []


def test_interface_strings_follow_the_language(qtbot, lib):
    from desktop import i18n

    v = _view(qtbot, lib)
    _open(v, 1)
    try:
        for lang in ("kk", "ru", "en"):
            i18n.setup(lang)
            v.retranslate()
            assert v.act_sync.text() and v.side.tabText(0)
    finally:
        i18n.setup("en")
        v.retranslate()
    assert v.act_sync.text() == "S&ynchronised scrolling"


# ------------------------------------------------------------------ in the window
def test_window_shows_the_sample_pair_and_pins_it_in_the_library(qtbot, tmp_path):
    from desktop.corpus.library import Library
    from desktop.ui.mainwindow import MainWindow

    w = MainWindow(library_dir=str(tmp_path / "lib"), import_sample=True, show_reports=False)
    qtbot.addWidget(w)
    w.show()
    try:
        with qtbot.waitSignal(w.catalogLoaded, timeout=60000):
            w.open_library()
        w.select_article(3)  # the Russian coverage of the Uzbekistan visit
        v = w.reading.view
        v.flush()
        assert w.reading.article_id == 3 and v.right.article_id == 3
        assert v.left.article_id is not None and v.left.lang == "kk"
        assert w.reading.panel is v.right
        assert w.reading.pair_ids() == (v.left.article_id, 3)
        menus = [a.text() for a in w.menuBar().actions()]
        assert any("pair" in m.lower() for m in menus)
        if v.alignment is not None:  # link an edit: it is stored with a pin
            v.select_link(0)
            v.unlink() if v.act_unlink.isEnabled() else v.join(+1)
            assert w.undo.group.activeStack() is w.reading.undo_stack
        else:
            v.toggle_pin()
        kk = v.left.article_id
        w.runner.wait(60000)
        w.close()
        with Library.open(tmp_path / "lib") as lib:
            pin = lib.pin_of(3)
            assert pin is not None and pin.b == kk
    finally:
        w.runner.wait(60000)
        w.close()
