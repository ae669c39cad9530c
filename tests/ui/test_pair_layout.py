"""The reading pair fits a 1280 × 800 window: equal panels, wrapped buttons, one title."""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextCursor, QUndoStack

from desktop.ui.reading.pairview import PairView
from tests.ui.pair_fakes import FakeBackend, FakeLibrary, shown_view


def _view(qtbot, width: int) -> PairView:
    v = PairView(FakeBackend(FakeLibrary()), None, QUndoStack())
    qtbot.addWidget(v)
    v.resize(width, 600)
    v.show()
    qtbot.waitExposed(v)
    v.open(1)
    v.flush()
    return v


def test_title_is_shown_once_in_bold_at_the_top_of_the_text(qtbot):
    v = _view(qtbot, 900)
    for panel, title in ((v.left, "Тоқаев Ташкентте"), (v.right, "Токаев в Ташкенте")):
        assert not panel.title.isVisible()  # not repeated above the text
        assert panel.plain_text().startswith(title)
        cur = QTextCursor(panel.doc)
        cur.setPosition(2)
        assert cur.charFormat().fontWeight() == QFont.Weight.Bold
        cur.setPosition(len(title) + 4)  # the body is not bold
        assert cur.charFormat().fontWeight() != QFont.Weight.Bold


def test_narrow_pair_keeps_panels_equal_and_wraps_the_counterpart_buttons(qtbot):
    v = _view(qtbot, 560)
    assert abs(v.left.view.width() - v.right.view.width()) <= 4
    for b in (v.choose_button, v.pin_button, v.none_button):
        assert b.isVisible()
        right_edge = b.mapTo(v, b.rect().topRight()).x()
        assert right_edge <= v.right.view.mapTo(v, v.right.view.rect().topRight()).x()
    assert v.minimumSizeHint().width() <= 600


def test_window_at_1280_by_800_leaves_room_for_the_list_and_both_texts(qtbot, tmp_path):
    from desktop.ui.mainwindow import MainWindow

    w = MainWindow(library_dir=str(tmp_path / "lib"), import_sample=True, show_reports=False,
                   remember_layout=False)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    try:
        with qtbot.waitSignal(w.catalogLoaded, timeout=60000):
            w.open_library()
        w.select_article(1)
        v = w.reading.view
        v.flush()
        list_w, pair_w = w.content_splitter.sizes()
        assert list_w >= 300 and pair_w >= 560
        assert v.left.view.width() >= 220 and v.right.view.width() >= 220
        assert w.content_splitter.isCollapsible(0)  # the list can be dragged away
    finally:
        w.runner.wait(60000)
        w.close()


def test_differences_give_the_two_versions_words_most_of_the_width(qtbot):
    v = _view(qtbot, 1000)
    v._fill_divergences()
    widths = [v.div_list.columnWidth(c) for c in range(v.div_list.columnCount())]
    assert widths[2] == widths[3] > max(widths[0], widths[1], widths[4])
    assert widths[2] >= v.div_list.viewport().width() // 4


def test_reasons_cut_to_the_width_are_whole_in_the_tooltip_one_a_line(qtbot):
    from tests.ui.pair_fakes import Cand

    lib = FakeLibrary()
    lib.auto[1] = [Cand(3, 0.93, "translation", ["shared people: Kassym-Jomart Tokayev",
                                                  "same figures: 4.5 bn USD"])]
    v = shown_view(qtbot, lib, size=(560, 600))
    v.open(1)
    tip = v.right.reasons.toolTip().replace("\xa0", " ")
    assert "Kassym-Jomart Tokayev<br>" in tip
    assert "same figures: 4.5 bn USD" in tip
