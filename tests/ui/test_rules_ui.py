"""Rules in the window: an edit in the user rules folder is noticed and offered as a re-tag,
the re-tag runs as a job and the facets show the new tags, a broken file is named."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices

from desktop import paths
from desktop.analysis import pipeline
from desktop.ui.mainwindow import MainWindow

JIBEK = '[org.jibek_joly]\nname_en = "Jibek Joly TV"\nen = ["Jibek Joly"]\n'


@pytest.fixture(autouse=True)
def _bundled_rules_after():
    yield
    pipeline.forget_rules()  # later tests see the bundled rules only


def _open(qtbot, folder: Path) -> MainWindow:
    w = MainWindow(library_dir=str(folder), import_sample=True, show_reports=False,
                   remember_layout=False)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.rules.checked, timeout=60000):  # the check after opening
        w.open_library()
    return w


def _close(w: MainWindow) -> None:
    w.runner.wait(60000)
    w.close()


def _write(name: str, text: str) -> Path:
    d = paths.user_rules_dir()
    d.mkdir(parents=True, exist_ok=True)
    p = d / name
    p.write_text(text, encoding="utf-8")
    return p


def test_saving_a_rule_file_offers_a_retag_that_updates_the_facets(qtbot, tmp_path):
    w = _open(qtbot, tmp_path / "lib")
    try:
        assert not w.notice.isVisible()  # freshly imported: nothing to re-tag
        assert w.browse.sidebar.sections["org"].model.row_of("jibek_joly") < 0
        assert (paths.user_rules_dir() / "README.txt").is_file()  # the folder is ready
        with qtbot.waitSignal(w.rules.checked, timeout=20000):  # the folder watcher
            _write("mine.toml", JIBEK)
        assert w.notice.isVisible() and w.notice.key == "rules-stale"
        assert "1 of 5 articles" in w.notice.label.text()
        assert w.notice.button.text() == "Re-tag now"
        with qtbot.waitSignal(w.rules.retagFinished, timeout=60000):
            qtbot.mouseClick(w.notice.button, Qt.MouseButton.LeftButton)
        report = w.rules.last_report
        assert (report.rechecked, report.updated, report.cancelled) == (1, 1, False)
        orgs = w.browse.sidebar.sections["org"].model
        assert orgs.count("jibek_joly") == 1
        assert w.names.label("org", "jibek_joly") == "Jibek Joly TV"
        assert not w.notice.isVisible()
        assert "1 article re-checked, 1 changed" in w.statusBar().currentMessage()
        # the next check finds nothing left to do
        with qtbot.waitSignal(w.rules.checked, timeout=20000):
            w.rules.check()
        assert w.rules.last_plan.ids == [] and not w.notice.isVisible()
    finally:
        _close(w)


def test_a_broken_rule_file_is_named_and_the_other_rules_still_apply(qtbot, tmp_path):
    w = _open(qtbot, tmp_path / "lib")
    try:
        _write("mine.toml", JIBEK)
        _write("broken.toml", '[org.x\nname = "unterminated\n')
        with qtbot.waitSignal(w.rules.checked, timeout=20000):
            w.rules.check()
        assert w.notice.isVisible() and w.notice.key == "rules-broken"
        assert "broken.toml" in w.notice.label.text()
        assert w.notice.button.text() == "Open rules folder"
        with qtbot.waitSignal(w.rules.retagFinished, timeout=60000):
            w.rules.retag_action.trigger()
        assert w.browse.sidebar.sections["org"].model.count("jibek_joly") == 1
        assert "broken.toml" in w.notice.label.text()  # still reported after the re-tag
        (paths.user_rules_dir() / "broken.toml").unlink()
        with qtbot.waitSignal(w.rules.checked, timeout=20000):
            w.rules.check()
        assert not w.notice.isVisible()
    finally:
        _close(w)


def test_full_retag_rechecks_every_article_and_reader_follows(qtbot, tmp_path):
    w = _open(qtbot, tmp_path / "lib")
    try:
        w.browse.table.selectRow(0)
        shown = w.reading.article_id
        with qtbot.waitSignal(w.rules.retagFinished, timeout=60000):
            w.rules.full_retag_action.trigger()
        assert w.rules.last_report.rechecked == 5
        assert w.rules.last_report.updated == 0  # same rules: same tags, nothing written
        assert w.reading.article_id == shown
        assert not w.jobs.progress.isVisible()
    finally:
        _close(w)


def test_import_waits_for_a_running_retag(qtbot, tmp_path):
    w = _open(qtbot, tmp_path / "lib")
    try:
        job = w.rules.retag(full=True)
        assert job is not None
        assert w.import_paths([str(tmp_path)]) is None
        assert "re-tagging" in w.statusBar().currentMessage()
        assert w.rules.retag() is None  # one re-tag at a time
        qtbot.waitUntil(lambda: job.done, timeout=60000)
    finally:
        _close(w)


def test_open_rules_folder_says_where_it_is_when_no_file_manager_opens(qtbot, tmp_path,
                                                                       monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or False)
    w = MainWindow(library_dir=str(tmp_path / "lib"), import_sample=False, show_reports=False,
                   remember_layout=False)
    qtbot.addWidget(w)
    w.rules.folder_action.trigger()
    folder = paths.user_rules_dir()
    assert opened and Path(opened[0].toLocalFile()) == folder
    guide = folder / "README.txt"
    assert guide.is_file() and not list(folder.glob("*.toml"))
    assert w.rules.box is not None and str(folder) in w.rules.box.text()
    w.close()


def _row_with(w: MainWindow, needle: str) -> int:
    for row in range(w.browse.model.rowCount()):
        w.browse.table.selectRow(row)
        if needle in w.reading.panel.plain_text():
            return row
    raise AssertionError(f"no sample article contains {needle!r}")


def _trigger(menu, words: str) -> list[str]:
    """Trigger the menu's action containing `words` (menus are never exec'd in tests)."""
    seen = [a.text() for a in menu.actions()]
    next(a for a in menu.actions() if words in a.text()).trigger()
    return seen


def test_a_selected_phrase_becomes_a_new_organisation_and_ctrl_z_takes_it_back(
        qtbot, tmp_path):
    from desktop.ui.dialogs.add_rule import NEW

    w = _open(qtbot, tmp_path / "lib")
    try:
        _row_with(w, "Jibek Joly")
        text = w.reading.panel.plain_text()
        s = text.index("Jibek Joly")
        w.reading.panel.select_span(s, s + len("Jibek Joly"))
        seen = _trigger(w.reading.panel.text_menu(w.reading.panel.text.rect().center()), "tagging rules")
        assert "Add “Jibek Joly” to the tagging rules…" in seen
        dlg = w.rules.add_dialog
        assert dlg is not None and dlg.field.currentData() == "kk_latn"  # a Kazakh article
        assert dlg.select("org", NEW)
        with qtbot.waitSignal(w.rules.checked, timeout=20000):
            dlg.accept()
        edits = paths.user_rules_dir() / "kenes-edits.toml"
        assert "Jibek Joly" in edits.read_text(encoding="utf-8")
        assert w.notice.key == "rules-stale" and w.notice.isVisible()
        with qtbot.waitSignal(w.rules.retagFinished, timeout=60000):
            qtbot.mouseClick(w.notice.button, Qt.MouseButton.LeftButton)
        orgs = w.browse.sidebar.sections["org"].model
        assert orgs.count("jibek-joly") == 1
        assert any("Jibek Joly" in w.reading.panel.why.topLevelItem(i).text(1)
                   for i in range(w.reading.panel.why.topLevelItemCount()))
        # Edit → Undo removes the rule again; the next re-tag drops the tag
        assert w.undo_action.isEnabled()
        with qtbot.waitSignal(w.rules.checked, timeout=20000):
            w.undo_action.trigger()
        assert not edits.exists()
        assert w.notice.key == "rules-stale"
        with qtbot.waitSignal(w.rules.retagFinished, timeout=60000):
            w.rules.retag_action.trigger()
        assert w.browse.sidebar.sections["org"].model.row_of("jibek-joly") < 0
    finally:
        _close(w)


def test_never_tag_a_phrase_from_the_why_list(qtbot, tmp_path):
    w = _open(qtbot, tmp_path / "lib")
    try:
        _row_with(w, "Путин")
        why = w.reading.panel.why
        tag = next(why.topLevelItem(i) for i in range(why.topLevelItemCount())
                   if w.reading.panel.exclusion_for(why.topLevelItem(i).child(0) or why.topLevelItem(i))
                   and why.topLevelItem(i).text(0).startswith("Countries: Russia"))
        kind, id_, phrase = w.reading.panel.exclusion_for(tag.child(0))
        assert (kind, id_) == ("country", "RU")
        assert w.reading.panel.exclusion_for(tag) is None  # a tag row: which phrase is unclear
        assert w.reading.panel.why_menu(tag) is None
        seen = _trigger(w.reading.panel.why_menu(tag.child(0)), "Never tag")
        assert f"Never tag “{phrase}” as Russia" in seen
        with qtbot.waitSignal(w.rules.retagFinished, timeout=60000):
            w.rules.retag_action.trigger()
        ru = next((t for t in w.reading.panel._analysis.countries if t.id == "RU"), None)
        assert ru is None or phrase not in ru.phrases
    finally:
        _close(w)


def test_a_sector_keyword_made_weak_from_the_why_list_no_longer_tags_alone(qtbot, tmp_path):
    w = _open(qtbot, tmp_path / "lib")
    try:
        _row_with(w, "энергетика, өнеркәсіп, көлік")  # energy stands on one keyword there
        why = w.reading.panel.why
        tag = next(why.topLevelItem(i) for i in range(why.topLevelItemCount())
                   if why.topLevelItem(i).text(0).startswith("Sectors: Energy"))
        assert tag.childCount() == 1
        seen = _trigger(w.reading.panel.why_menu(tag.child(0)), "as a weak keyword")
        assert "Count “энергетика*” as a weak keyword for Energy" in seen
        edits = tomllib.loads((paths.user_rules_dir() / "kenes-edits.toml").read_text("utf-8"))
        assert edits["sector"]["energy"]["weak"] == ["энергетика*"]
        with qtbot.waitSignal(w.rules.retagFinished, timeout=60000):
            w.rules.retag_action.trigger()
        assert "energy" not in {t.id for t in w.reading.panel._analysis.sectors}
        # a country row offers no such action; a weak keyword is not offered again
        country = next(why.topLevelItem(i) for i in range(why.topLevelItemCount())
                       if why.topLevelItem(i).text(0).startswith("Countries:"))
        assert not any("weak" in a.text() for a in w.reading.panel.why_menu(country.child(0)).actions())
    finally:
        _close(w)
