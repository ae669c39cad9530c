"""The briefing composer in the window: create, edit, undo, reorder, autosave, restore, export."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QMessageBox

from desktop.core.briefing import Briefing
from desktop.core.drafts import DraftStore
from desktop.corpus.library import Library
from desktop.ui.briefing import controller as controller_mod
from desktop.ui.briefing.controller import BriefingController
from desktop.ui.mainwindow import MainWindow
from tests.conftest import ROOT, SAMPLE


def _window(qtbot, folder: Path) -> tuple[MainWindow, BriefingController]:
    w = MainWindow(library_dir=str(folder), import_sample=True, show_reports=False,
                   remember_layout=False)
    qtbot.addWidget(w)
    c = getattr(w, "briefing", None)
    if c is None:
        c = BriefingController(w.ctx)
        w.add_controller(c)
    w.show()
    with qtbot.waitSignal(w.catalogLoaded, timeout=60000):
        w.open_library()
    return w, c


def _close(w: MainWindow) -> None:
    w.runner.wait(60000)
    w.close()


def _start(qtbot, c: BriefingController, ids: list[int] | None = None) -> None:
    with qtbot.waitSignal(c.proposed, timeout=60000):
        if ids is None:
            c.new_from_filter()
        else:
            c.new_briefing(ids)


def test_new_briefing_from_the_selection_proposes_its_items(qtbot, tmp_path):
    w, c = _window(qtbot, tmp_path / "lib")
    try:
        w.browse.table.selectRow(0)
        w.browse.table.selectionModel().select(
            w.browse.model.index(1, 0),
            w.browse.table.selectionModel().SelectionFlag.Select
            | w.browse.table.selectionModel().SelectionFlag.Rows)
        ids = w.selected_ids()
        assert len(ids) == 2
        with qtbot.waitSignal(c.proposed, timeout=60000):
            c.new_action.trigger()  # Ctrl+B
        b = c.doc.briefing
        assert sorted(a.id for a in b.articles) == sorted(ids)
        assert b.figures and b.sections and b.participants
        assert c.dock.isVisible()
        tabs = c.composer.tabs
        figures_tab = tabs.tabText(tabs.indexOf(c.composer.figures))
        assert str(len(b.figures)) in figures_tab
        assert c.composer.figures.tree.topLevelItemCount() == len(b.figures)
        # adding the proposals is one step: undo leaves an empty briefing
        assert c.undo_stack.count() == 1
        c.undo_stack.undo()
        assert c.doc.briefing.articles == [] and c.composer.figures.tree.topLevelItemCount() == 0
        c.undo_stack.redo()
        assert len(c.doc.briefing.articles) == 2
    finally:
        _close(w)


def test_typing_is_one_undo_step_and_ctrl_z_in_the_composer_leaves_the_rules_alone(
        qtbot, tmp_path):
    w, c = _window(qtbot, tmp_path / "lib")
    try:
        _start(qtbot, c)
        title = c.composer.fields["title"]
        title.setFocus()
        qtbot.keyClicks(title, "State visit")
        assert c.doc.briefing.title == "State visit"
        assert c.undo_stack.count() == 2  # the proposals, then the typing burst
        c.composer.texts["objectives"].setFocus()  # another field: a new burst
        qtbot.keyClicks(c.composer.texts["objectives"], "- agree the transit")
        assert c.doc.briefing.objectives == "- agree the transit"
        assert c.undo_stack.count() == 3

        rules_index = w.rules.undo_stack.index()
        assert w.undo.group.activeStack() is c.undo_stack  # the focus is in the composer
        w.undo_action.trigger()  # Edit → Undo (Ctrl+Z)
        assert c.doc.briefing.objectives == ""
        assert c.composer.texts["objectives"].toPlainText() == ""
        w.undo_action.trigger()
        assert c.doc.briefing.title == "" and title.text() == ""
        w.redo_action.trigger()  # Ctrl+Shift+Z
        assert title.text() == "State visit"
        assert w.rules.undo_stack.index() == rules_index
        assert c.doc.modified and c.dock.windowTitle() == "Briefing (not saved)"
    finally:
        _close(w)


def test_sections_and_figures_reorder_untick_and_remove_with_undo(qtbot, tmp_path):
    w, c = _window(qtbot, tmp_path / "lib")
    try:
        _start(qtbot, c)
        sec = c.composer.sections
        before = [s.sector for s in c.doc.briefing.sections]
        assert len(before) >= 2
        # drag the first section below the last one
        top = sec.tree.topLevelItem(0)
        last = sec.tree.topLevelItem(sec.tree.topLevelItemCount() - 1)
        dest = sec.tree._destination(top, last,
                                     QAbstractItemView.DropIndicatorPosition.BelowItem)
        sec.tree.moveRequested.emit((0,), dest)
        qtbot.waitUntil(lambda: [s.sector for s in c.doc.briefing.sections]
                        == before[1:] + before[:1])
        c.undo_stack.undo()
        assert [s.sector for s in c.doc.briefing.sections] == before
        # Alt+Down moves an article within its section
        s0 = c.doc.briefing.sections[0]
        if len(s0.items) >= 2:
            keys = [i.key for i in s0.items]
            sec.tree.setCurrentItem(sec.tree.topLevelItem(0).child(0))
            qtbot.keyClick(sec.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
            qtbot.waitUntil(lambda: [i.key for i in c.doc.briefing.sections[0].items]
                            == [keys[1], keys[0], *keys[2:]])
        # untick a figure, edit its wording, remove another
        figs = c.composer.figures
        item = figs.tree.topLevelItem(0)
        item.setCheckState(0, Qt.CheckState.Unchecked)
        qtbot.waitUntil(lambda: c.doc.briefing.figures[0].included is False)
        figs.tree.setCurrentItem(figs.tree.topLevelItem(0))
        figs.wording.setPlainText("Trade reached $1 billion.")
        assert c.doc.briefing.figures[0].wording == "Trade reached $1 billion."
        n = len(c.doc.briefing.figures)
        figs.tree.setCurrentItem(figs.tree.topLevelItem(1))
        figs.remove.click()
        qtbot.waitUntil(lambda: len(c.doc.briefing.figures) == n - 1)
        c.undo_stack.undo()
        assert len(c.doc.briefing.figures) == n
        # removing an article takes the items only it supports
        arts = len(c.doc.briefing.articles)
        c.composer.sources.tree.setCurrentItem(c.composer.sources.tree.topLevelItem(0))
        c.composer.sources.remove.click()
        qtbot.waitUntil(lambda: len(c.doc.briefing.articles) == arts - 1)
        c.undo_stack.undo()
        assert len(c.doc.briefing.articles) == arts
    finally:
        _close(w)


def test_autosave_appears_after_an_edit_and_the_next_start_offers_it(qtbot, tmp_path,
                                                                     monkeypatch):
    monkeypatch.setattr(controller_mod, "AUTOSAVE_MS", 50)
    w, c = _window(qtbot, tmp_path / "lib")
    store = c.drafts
    try:
        _start(qtbot, c)
        c.composer.fields["title"].insert("Астана — Ташкент")  # as typed (QTest is ASCII-only)
        qtbot.waitUntil(lambda: [d.title for d in store.drafts()] == ["Астана — Ташкент"],
                        timeout=10000)
    finally:
        _close(w)
    w2, c2 = _window(qtbot, tmp_path / "lib")
    try:
        box = c2.offer_recovery()
        assert box is not None and "Астана — Ташкент" in box.text()
        restore = next(b for b in box.buttons()
                       if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
        restore.click()
        assert c2.doc.briefing.title == "Астана — Ташкент"
        assert c2.composer.fields["title"].text() == "Астана — Ташкент"
        assert c2.doc.modified  # still to be saved by the user
        out = tmp_path / "visit.kenes-brief"
        assert c2._write(out)
        assert store.recoverable() == []  # saved: nothing left to restore
        c2._fill_recent()
        assert [a.text() for a in c2.recent_menu.actions()] == ["visit.kenes-brief"]
        assert out in [p.resolve() for p in store.recent_files()] or \
            out.resolve() in store.recent_files()
    finally:
        _close(w2)


def test_a_killed_app_leaves_a_draft_the_next_start_restores(qtbot, tmp_path):
    data = Path(os.environ["KENES_DATA_DIR"])
    lib = tmp_path / "lib"
    with Library.open(lib) as library:
        library.import_paths([SAMPLE])
    env = {**os.environ, "KENES_LIBRARY": str(lib), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "ui" / "composer_app.py")],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, cwd=str(ROOT))
    try:
        line = ""
        deadline = time.monotonic() + 120
        while "READY" not in line and time.monotonic() < deadline and proc.poll() is None:
            line = proc.stdout.readline()
        assert "READY" in line
        time.sleep(0.3)  # killed in the middle of further typing
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        proc.stdout.close()
    store = DraftStore(data / "drafts")
    drafts = store.recoverable()
    assert len(drafts) == 1
    assert drafts[0].title.startswith("Visit to Tashkent")

    w, c = _window(qtbot, lib)
    try:
        box = c.offer_recovery()
        assert box is not None
        next(b for b in box.buttons()
             if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()
        assert c.doc.briefing.title.startswith("Visit to Tashkent")
        assert len(c.doc.briefing.articles) == 5
    finally:
        _close(w)


def _export_dialog(qtbot, c: BriefingController):
    c.export_action.trigger()  # Ctrl+E
    d = c.export_dialog
    assert d is not None and d.isVisible()
    return d


def test_export_writes_a_pdf_and_the_preview_shows_its_pages(qtbot, tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    w, c = _window(qtbot, tmp_path / "lib")
    try:
        _start(qtbot, c)
        c.composer.fields["title"].insert("Мемлекеттік сапар — Өзбекстан")
        d = _export_dialog(qtbot, c)
        assert d.check_glyphs() == set()
        job = d.preview()
        with qtbot.waitSignal(job.finished, timeout=180000):
            pass
        assert d.pages.page_count >= 1
        out = tmp_path / "out" / "brief.pdf"
        out.parent.mkdir()
        job = d.export_to(out)
        with qtbot.waitSignal(job.finished, timeout=180000):
            pass
        assert job.outcome == "result", job.value
        assert out.read_bytes().startswith(b"%PDF")
        doc = pdfium.PdfDocument(str(out))
        text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        doc.close()
        assert "Мемлекеттік сапар" in text.replace("\r", "").replace("\n", " ")
        assert sorted(p.name for p in out.parent.iterdir()) == ["brief.pdf"]
        assert d._saved()["folder"] == str(out.parent)  # the folder is remembered
    finally:
        _close(w)


def test_cancelled_export_leaves_no_file_and_an_earlier_one_intact(qtbot, tmp_path):
    w, c = _window(qtbot, tmp_path / "lib")
    try:
        _start(qtbot, c)
        d = _export_dialog(qtbot, c)
        out = tmp_path / "brief.pdf"
        out.write_bytes(b"earlier export")
        job = d.export_to(out)
        d.cancel()
        with qtbot.waitSignal(job.finished, timeout=180000):
            pass
        assert job.outcome == "cancelled"
        assert out.read_bytes() == b"earlier export"
        assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["brief.pdf"]
        assert "cancelled" in d.status.text().lower()
    finally:
        _close(w)


def test_missing_glyphs_are_named_before_export(qtbot, tmp_path):
    w, c = _window(qtbot, tmp_path / "lib")
    try:
        c.set_document(controller_mod.BriefingDocument(Briefing(title="Визит 漢"),
                                                      stack=c.undo_stack))
        d = _export_dialog(qtbot, c)
        assert "漢" in d.check_glyphs()
        assert "U+6F22" in d.glyphs.text()
        assert not d.export_button.isEnabled()
        assert d.export_to(tmp_path / "x.pdf") is None
        assert not (tmp_path / "x.pdf").exists()
    finally:
        _close(w)


def test_parallel_text_is_offered_when_a_pair_is_shown(qtbot, tmp_path, monkeypatch):
    w, c = _window(qtbot, tmp_path / "lib")
    try:
        _start(qtbot, c)
        d = _export_dialog(qtbot, c)
        assert not d.template.model().item(2).isEnabled()  # no pair in the reader
        by_lang = {a.lang: a.id for a in c.doc.briefing.articles}
        monkeypatch.setattr(c, "pair_ids", lambda: (by_lang["kk"], by_lang["ru"]))
        d.reset()
        assert d.template.model().item(2).isEnabled()
        d.template.setCurrentIndex(d.template.findData("parallel-text"))
        out = tmp_path / "pair.pdf"
        job = d.export_to(out)
        with qtbot.waitSignal(job.finished, timeout=180000):
            pass
        assert job.outcome == "result", job.value
        assert out.read_bytes().startswith(b"%PDF")
    finally:
        _close(w)


def test_add_to_briefing_from_the_reader_and_the_list(qtbot, tmp_path):
    from PySide6.QtCore import QPoint

    w, c = _window(qtbot, tmp_path / "lib")
    try:
        w.browse.table.selectRow(0)
        first = w.reading.article_id
        menu = w.reading.panel.text_menu(QPoint(2, 2))
        assert c.context_add_action in menu.actions()
        with qtbot.waitSignal(c.proposed, timeout=60000):
            c.context_add_action.trigger()
        assert [a.id for a in c.doc.briefing.articles] == [first]
        assert c.add_action in w.browse.table.actions()  # the list's context menu
        w.browse.table.selectRow(1)
        with qtbot.waitSignal(c.proposed, timeout=60000):
            c.add_action.trigger()  # Ctrl+Shift+B
        assert len(c.doc.briefing.articles) == 2
        assert c.undo_stack.count() == 2
        c.undo_stack.undo()
        assert [a.id for a in c.doc.briefing.articles] == [first]
    finally:
        _close(w)


def test_classification_levels_are_stored_as_keys_the_styles_word(qtbot, tmp_path):
    w, c = _window(qtbot, tmp_path / "lib")
    try:
        c.set_document(controller_mod.BriefingDocument(Briefing(), stack=c.undo_stack))
        cls = c.composer.fields["classification"]
        cls.setCurrentIndex(cls.findData("confidential"))
        assert c.doc.briefing.classification == "confidential"
        cls.setEditText("Only for the delegation")
        assert c.doc.briefing.classification == "Only for the delegation"
        c.undo_stack.undo()
        assert c.doc.briefing.classification == ""
        c.undo_stack.redo()
        assert cls.currentText() == "Only for the delegation"
    finally:
        _close(w)


def test_ctrl_z_typed_in_a_field_undoes_the_briefing_edit(qtbot, tmp_path):
    w, c = _window(qtbot, tmp_path / "lib")
    try:
        _start(qtbot, c)
        for name in ("title", "objectives"):
            field = c.composer.fields.get(name) or c.composer.texts[name]
            field.setFocus()
            qtbot.keyClicks(field, "Tashkent")
            assert getattr(c.doc.briefing, name) == "Tashkent"
            qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
            assert getattr(c.doc.briefing, name) == ""
            qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                           | Qt.KeyboardModifier.ShiftModifier)
            assert getattr(c.doc.briefing, name) == "Tashkent"
    finally:
        _close(w)


def test_a_failing_export_is_reported_and_leaves_no_file(qtbot, tmp_path):
    w, c = _window(qtbot, tmp_path / "lib")
    try:
        _start(qtbot, c)
        d = _export_dialog(qtbot, c)
        out = tmp_path / "no such folder" / "brief.pdf"
        job = d.export_to(out)
        with qtbot.waitSignal(job.finished, timeout=180000):
            pass
        assert job.outcome == "error"
        assert d._box is not None and d._box.isVisible()
        assert "could not be made" in d._box.text()
        assert not out.exists()
        assert d.export_button.isEnabled()  # the user can choose another folder
    finally:
        _close(w)


def test_a_section_dragged_and_dropped_below_the_last_moves_there(qtbot, tmp_path):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    w, c = _window(qtbot, tmp_path / "lib")
    try:
        _start(qtbot, c)
        c.composer.tabs.setCurrentWidget(c.composer.sections)
        tree = c.composer.sections.tree
        tree.collapseAll()
        before = [s.sector for s in c.doc.briefing.sections]
        src, tgt = tree.topLevelItem(0), tree.topLevelItem(tree.topLevelItemCount() - 1)
        tree.setCurrentItem(src)
        mime = tree.model().mimeData([tree.indexFromItem(src)])
        rect = tree.visualItemRect(tgt)
        pos = QPointF(rect.center().x(), rect.bottom() - 1)
        move, buttons, mods = Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton, \
            Qt.KeyboardModifier.NoModifier
        tree.dropEvent(QDropEvent(pos, move, mime, buttons, mods))  # the end of a drag
        qtbot.waitUntil(lambda: [s.sector for s in c.doc.briefing.sections]
                        == before[1:] + before[:1])
        assert tree.topLevelItem(tree.topLevelItemCount() - 1).text(0) == \
            c.doc.briefing.sections[-1].title
    finally:
        _close(w)


def test_the_composer_follows_a_switch_of_the_interface_language(qtbot, tmp_path):
    from desktop import i18n

    w, c = _window(qtbot, tmp_path / "lib")
    try:
        _start(qtbot, c)
        c.composer.tabs.setCurrentIndex(2)
        english = c.export_action.text()
        w.set_ui_language("ru")
        assert c.export_action.text() != english
        assert c.composer.tabs.currentIndex() == 2
        assert c.composer.fields["title"].text() == c.doc.briefing.title
        qtbot.keyClicks(c.composer.fields["title"], "Visit")
        assert c.doc.briefing.title == "Visit"
    finally:
        from desktop import app

        i18n.setup("en")
        app.install_qt_translations(app.QApplication.instance(), "en")
        _close(w)
