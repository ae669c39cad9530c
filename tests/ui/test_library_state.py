"""Search, filters and saved searches belong to one library; a screenshot does not pick
them up unless asked; --select of a missing id says so."""

from __future__ import annotations

import os
import subprocess
import sys

from desktop.corpus.library import Library
from desktop.settings import Settings
from desktop.ui.mainwindow import MainWindow
from tests.conftest import ROOT, SAMPLE


def test_state_and_saved_searches_are_kept_per_library(tmp_path):
    s = Settings()
    s.use_library(tmp_path / "a")
    s.set_last_browse({"query": "lang:kk"})
    s.set_saved_searches([{"name": "Kazakh", "state": {"query": "lang:kk"}}])
    s.use_library(tmp_path / "b")
    assert s.last_browse() == {} and s.saved_searches() == []
    s.set_last_browse({"query": "lang:ru"})
    s.use_library(tmp_path / "a" / ".." / "a")  # the same folder spelt differently
    assert s.last_browse() == {"query": "lang:kk"}
    assert [i["name"] for i in s.saved_searches()] == ["Kazakh"]


def test_state_from_before_goes_to_the_library_it_was_used_with(tmp_path):
    s = Settings()
    s.last_library = str(tmp_path / "old")
    s.set_last_browse({"query": "country:UZ"})  # no library in use: the old global place
    s.set_saved_searches([{"name": "UZ", "state": {"query": "country:UZ"}}])
    s.use_library(tmp_path / "new")
    assert s.last_browse() == {} and s.saved_searches() == []
    s.use_library(tmp_path / "old")
    assert s.last_browse() == {"query": "country:UZ"}
    assert [i["name"] for i in s.saved_searches()] == ["UZ"]


def _window(qtbot, folder, settings) -> MainWindow:
    w = MainWindow(settings, library_dir=str(folder), import_sample=False, show_reports=False)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.catalogLoaded, timeout=60000):
        w.open_library()
    return w


def test_a_fresh_library_shows_all_its_articles_not_the_last_librarys_query(qtbot, tmp_path):
    for name in ("a", "b"):
        with Library.open(tmp_path / name) as lib:
            lib.import_paths([str(SAMPLE)])
    settings = Settings()
    w = _window(qtbot, tmp_path / "a", settings)
    w.browse.search.set_text("lang:ru")
    w.browse.sidebar.saved.save("Russian")
    qtbot.waitUntil(lambda: w.browse.count_label.text().startswith("1 of 5"), timeout=10000)
    w.runner.wait(60000)
    w.close()

    w = _window(qtbot, tmp_path / "b", settings)
    try:
        assert w.browse.search.text() == ""
        assert "5 of 5 articles" in w.browse.count_label.text()
        assert w.browse.sidebar.saved.names() == []
    finally:
        w.runner.wait(60000)
        w.close()

    w = _window(qtbot, tmp_path / "a", settings)  # library a still has its own
    try:
        assert w.browse.search.text() == "lang:ru"
        assert w.browse.sidebar.saved.names() == ["Russian"]
    finally:
        w.runner.wait(60000)
        w.close()


def _screenshot(tmp_path, data_dir, *extra):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KENES_DATA_DIR=str(data_dir))
    args = [sys.executable, "-m", "desktop", "--library", str(tmp_path / "lib"),
            "--screenshot", str(tmp_path / "shot.png"), *extra]
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_screenshot_of_a_missing_article_says_so(tmp_path, _private_data_dir):
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths([str(SAMPLE)])
    r = _screenshot(tmp_path, _private_data_dir, "--select", "99")
    assert r.returncode == 3
    assert "There is no article 99 in this library" in r.stderr
    assert (tmp_path / "shot.png").is_file()  # the window is still shown


def test_screenshot_ignores_and_keeps_no_saved_state_unless_asked(tmp_path, _private_data_dir):
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths([str(SAMPLE)])
    s = Settings()
    s.use_library(tmp_path / "lib")
    s.set_last_browse({"query": "lang:ru"})
    s.last_library = str(tmp_path / "elsewhere")
    s.sync()
    from desktop.app import create_window

    _app, w, _args = create_window(["--library", str(tmp_path / "lib"), "--screenshot", "x.png"])
    assert w.settings.last_browse() == {} and w.settings.qsettings.fileName() != \
        s.qsettings.fileName()
    w.deleteLater()
    _app, w, _args = create_window(["--library", str(tmp_path / "lib"), "--screenshot", "x.png",
                                    "--restore-state"])
    w.settings.use_library(tmp_path / "lib")
    assert w.settings.last_browse() == {"query": "lang:ru"}
    w.deleteLater()
    r = _screenshot(tmp_path, _private_data_dir)
    assert r.returncode == 0, r.stderr
    s2 = Settings()
    assert s2.last_library == str(tmp_path / "elsewhere")  # a screenshot changes nothing


def test_select_of_a_missing_id_says_so_in_the_window(qtbot, tmp_path):
    from desktop.app import select_or_say

    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths([str(SAMPLE)])
        some = int(lib.catalog().ids[0])
    w = _window(qtbot, tmp_path / "lib", Settings())
    try:
        assert not select_or_say(w, 99)
        assert "There is no article 99 in this library" in w.statusBar().currentMessage()
        assert select_or_say(w, some) and w.reading.article_id == some
    finally:
        w.runner.wait(60000)
        w.close()
