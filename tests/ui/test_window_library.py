"""The window over a real library: first-run sample, import with progress/cancel, screenshot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from desktop.corpus.library import Library
from desktop.ui.mainwindow import MainWindow
from tests.conftest import ROOT, SAMPLE


def _open(qtbot, folder: Path, import_sample: bool) -> MainWindow:
    w = MainWindow(library_dir=str(folder), import_sample=import_sample, show_reports=False)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.catalogLoaded, timeout=60000):
        w.open_library()
    return w


def _close(w: MainWindow) -> None:
    w.runner.wait(60000)
    w.close()


def test_first_run_imports_the_sample_and_facets_filter_it(qtbot, tmp_path):
    w = _open(qtbot, tmp_path / "lib", import_sample=True)
    try:
        assert w.browse.model.rowCount() == 5
        assert "5 of 5 articles" in w.browse.count_label.text()
        partners = w.browse.sidebar.sections["partner"]
        assert partners.model.row_of("UZ") >= 0
        uz = partners.model.count("UZ")
        assert 0 < uz < 5
        rect = partners.view.visualRect(partners.model.index(partners.model.row_of("UZ")))
        qtbot.mouseClick(partners.view.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(rect.left() + 60, rect.center().y()))
        assert w.browse.model.rowCount() == uz
        assert f"{uz} of 5 articles" in w.browse.count_label.text()
        langs = w.browse.sidebar.sections["lang"].model
        assert sum(langs.count(v) for v in langs.values()) == uz
        # the reader shows a stored article with its highlights and why-tagged list
        w.browse.table.selectRow(0)
        assert w.reading.article_id == w.browse.model.article_id(0)
        assert w.reading.panel.why.topLevelItemCount() > 0
        assert w.reading.panel.plain_text().startswith(w.reading.panel.title.text())
    finally:
        _close(w)



def test_a_superseded_library_open_closes_what_it_opened(qtbot, tmp_path):
    """Choosing another folder while one is opening: the first library is not leaked."""
    import sqlite3

    w = MainWindow(library_dir=str(tmp_path / "a"), import_sample=False, show_reports=False)
    qtbot.addWidget(w)
    first = w.open_library()
    with qtbot.waitSignal(w.catalogLoaded, timeout=60000):
        w.open_library(str(tmp_path / "b"))
    qtbot.waitUntil(lambda: first.done, timeout=60000)
    try:
        assert w.library.folder == tmp_path / "b"
        assert first.superseded and first.outcome == "result"
        with pytest.raises(sqlite3.ProgrammingError):  # closed
            first.value[0].store.conn.execute("SELECT 1")
    finally:
        _close(w)

def test_import_reports_duplicates_and_shows_progress(qtbot, tmp_path):
    w = _open(qtbot, tmp_path / "lib", import_sample=True)
    try:
        progress = []
        job = w.import_paths([str(SAMPLE)])
        job.progress.connect(lambda d, t, m: progress.append((d, t)))
        assert w.jobs.progress.isVisible() and w.jobs.cancel_button.isVisible()
        with qtbot.waitSignal(w.importFinished, timeout=60000) as sig:
            pass
        report = sig.args[0]
        assert report.added == 0 and report.duplicates == 5
        assert progress
        qtbot.waitUntil(lambda: not w.jobs.cancel_button.isVisible(), timeout=5000)
        assert w.browse.model.rowCount() == 5
    finally:
        _close(w)


def _many_articles(folder: Path, n: int) -> Path:
    folder.mkdir()
    base = sorted(SAMPLE.glob("*.txt"))
    for i in range(n):
        text = base[i % len(base)].read_text(encoding="utf-8")
        lines = text.split("\n", 1)
        (folder / f"a{i:04d}.txt").write_text(f"{lines[0]} №{i}\n{lines[1]}\nНөмір {i}.",
                                              encoding="utf-8")
    return folder


def test_cancelled_import_leaves_the_library_consistent(qtbot, tmp_path):
    src = _many_articles(tmp_path / "many", 300)
    w = _open(qtbot, tmp_path / "lib", import_sample=False)
    try:
        assert w.browse.model.rowCount() == 0
        job = w.import_paths([str(src)])
        w.importer.cancel()  # at once: long before 300 files are read and analysed
        qtbot.waitUntil(lambda: job.done, timeout=60000)
        assert job.outcome in ("result", "cancelled")
        if job.outcome == "result":
            assert job.value[0].cancelled
        with Library.open(tmp_path / "lib") as lib:
            stored = len(lib)
            assert len(lib.catalog()) == stored
        assert stored < 300
        assert w.browse.model.rowCount() == len(w.catalog) == stored
        # importing again adds exactly what is missing
        with qtbot.waitSignal(w.importFinished, timeout=120000) as sig:
            w.import_paths([str(src)])
        report = sig.args[0]
        assert report.added == 300 - stored and not report.cancelled
        assert w.browse.model.rowCount() == 300
    finally:
        _close(w)


@pytest.mark.parametrize("select", [True])
def test_screenshot_option_writes_a_png(tmp_path, _private_data_dir, select):
    lib_dir = tmp_path / "lib"
    with Library.open(lib_dir) as lib:
        lib.import_paths([str(SAMPLE)])
        some_id = int(lib.catalog().ids[0])
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KENES_DATA_DIR=str(_private_data_dir))
    args = [sys.executable, "-m", "desktop", "--library", str(lib_dir), "--query",
            "country:UZ", "--screenshot", str(out)]
    if select:
        args += ["--select", str(some_id)]
    r = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    img = QImage(str(out))
    assert not img.isNull() and img.width() >= 800 and img.height() >= 500


def test_a_library_from_before_pairing_is_indexed_when_the_window_opens_it(qtbot, tmp_path):
    """Counterparts then come from the index at once; the GUI thread never builds it."""
    folder = tmp_path / "lib"
    with Library.open(folder) as lib:
        lib.import_paths([SAMPLE])
        lib.store.conn.execute("DELETE FROM pair_docs")  # as an older Kenes left it
        lib.store.conn.commit()
        assert lib.store.pair_count() == 0
    w = _open(qtbot, folder, import_sample=False)
    try:
        assert w.library.store.pair_count() == 5
    finally:
        _close(w)
