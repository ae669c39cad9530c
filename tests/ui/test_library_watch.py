"""A `kenes import` from the command line while the window is open: the window notices the
change and offers to refresh; Refresh shows the new articles with the filters kept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.ui.controllers.library_watch import NOTICE_CHANGED
from desktop.ui.mainwindow import MainWindow
from tests.conftest import ROOT, SAMPLE


def _cli_import(lib: Path, *paths: Path) -> None:
    subprocess.run([sys.executable, "-m", "desktop", "import", *map(str, paths),
                    "--library", str(lib)], cwd=ROOT, check=True, capture_output=True,
                   timeout=300)


def test_outside_import_shows_a_notice_and_refresh_updates_the_counts(qtbot, tmp_path):
    lib = tmp_path / "lib"
    first = tmp_path / "first"
    first.mkdir()
    samples = sorted(SAMPLE.glob("*.txt"))
    for p in samples[:2]:
        (first / p.name).write_bytes(p.read_bytes())
    _cli_import(lib, first)
    w = MainWindow(library_dir=str(lib), import_sample=False, show_reports=False,
                   remember_layout=False)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.catalogLoaded, timeout=60000):
        w.open_library()
    try:
        assert "2 of 2 articles" in w.browse.count_label.text()
        assert not w.notice.isVisible()
        assert not w.library_watch.check()  # nothing changed yet: no notice

        _cli_import(lib, SAMPLE)  # another process adds three more
        # the file watcher (or the window's next check) notices it
        qtbot.waitUntil(lambda: w.notice.isVisible() and w.notice.key == NOTICE_CHANGED,
                        timeout=20000)
        assert "5" in w.notice.label.text() and w.notice.button.text() == "Refresh"
        assert "2 of 2 articles" in w.browse.count_label.text()  # not swapped under the user

        w.notice.button.click()
        qtbot.waitUntil(lambda: "5 of 5 articles" in w.browse.count_label.text(),
                        timeout=60000)
        assert not w.notice.isVisible()
        assert not w.library_watch.check()
    finally:
        w.runner.wait(60000)
        w.close()


def test_the_windows_own_import_shows_no_notice(qtbot, tmp_path):
    w = MainWindow(library_dir=str(tmp_path / "lib"), import_sample=False, show_reports=False,
                   remember_layout=False)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.catalogLoaded, timeout=60000):
        w.open_library()
    try:
        with qtbot.waitSignal(w.importFinished, timeout=60000):
            w.import_paths([str(SAMPLE)])
        qtbot.waitUntil(lambda: "5 of 5 articles" in w.browse.count_label.text(),
                        timeout=20000)
        qtbot.wait(1000)  # the debounced file-change check has run
        assert not w.library_watch.check()
        assert not (w.notice.isVisible() and w.notice.key == NOTICE_CHANGED)
    finally:
        w.runner.wait(60000)
        w.close()
