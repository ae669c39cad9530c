"""Saved searches persist across sessions; background jobs report progress, results, cancel."""

from __future__ import annotations

import threading

from desktop.jobs import Cancelled
from desktop.jobs.qt_runner import JobRunner
from desktop.settings import Settings, settings_path
from desktop.ui.widgets.saved_searches import SavedSearches


def test_settings_live_in_the_private_data_dir(_private_data_dir):
    assert settings_path() == _private_data_dir / "kenes.ini"


def test_saved_searches_are_saved_applied_deleted_and_persisted(qtbot):
    state = {"query": "country:UZ", "facets": {"sector": ["trade"]}, "date_from": None,
             "date_to": None}
    w = SavedSearches(Settings(), lambda: dict(state))
    qtbot.addWidget(w)
    w.save("Uzbek trade")
    state["query"] = "lang:ru"
    w.save("Russian")
    assert w.names() == ["Uzbek trade", "Russian"]
    with qtbot.waitSignal(w.applyRequested) as sig:
        w.list.itemClicked.emit(w.list.item(0))
    assert sig.args[0]["query"] == "country:UZ" and sig.args[0]["facets"] == {
        "sector": ["trade"]}
    w.delete("Russian")
    again = SavedSearches(Settings(), dict)  # a new session reads the same file
    qtbot.addWidget(again)
    assert again.names() == ["Uzbek trade"]
    assert again.items[0]["state"]["query"] == "country:UZ"



def test_hand_edited_settings_do_not_stop_the_window(qtbot):
    """Malformed saved searches and last-browse entries are dropped, not raised."""
    from desktop.ui.browse_state import BrowseState

    s = Settings()
    s.set_saved_searches([{"name": 5}, {"name": "ok", "state": "x"}, "junk",
                          {"name": "good", "state": {"query": "lang:kk"}}])
    w = SavedSearches(s, dict)
    qtbot.addWidget(w)
    assert w.names() == ["good"]
    st = BrowseState.from_dict({"query": "lang:kk", "facets": ["UZ"], "date_from": 20251101})
    assert st == BrowseState(query="lang:kk")
    assert st.combined().langs == ["kk"]

def _work(n: int, *, progress, cancel, gate=None):
    for i in range(n):
        if gate is not None:
            gate.wait(5)
        if cancel.cancelled:
            raise Cancelled()
        progress(i + 1, n, f"step {i}")
    return n * 2


def test_runner_delivers_progress_and_result_on_gui_thread(qtbot):
    runner = JobRunner()
    seen = []
    job = runner.start("t", _work, 3)
    job.progress.connect(lambda d, t, m: seen.append((d, t, threading.current_thread())))
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert job.outcome == "result" and job.value == 6
    assert all(th is threading.main_thread() for _d, _t, th in seen)


def _per_item(n: int, *, progress, cancel):
    for i in range(n):
        progress(i + 1, n, "")  # one report per item, as a PDF's flowables do
    return n


def test_a_job_reporting_every_item_does_not_flood_the_window(qtbot):
    runner = JobRunner()
    seen = []
    job = runner.start("t", _per_item, 200_000)
    job.progress.connect(lambda d, t, m: seen.append(d))
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    assert job.value == 200_000
    assert len(seen) < 1000  # throttled: a few per 50 ms, not 200,000 queued calls
    assert seen[-1] == 200_000  # the last report always arrives


def test_starting_same_kind_cancels_the_old_job_and_drops_its_result(qtbot):
    runner = JobRunner()
    gate = threading.Event()
    results = []
    old = runner.start("load", _work, 1000, gate=gate)
    old.result.connect(results.append)
    new = runner.start("load", _work, 2)
    new.result.connect(results.append)
    gate.set()
    with qtbot.waitSignal(new.finished, timeout=5000):
        pass
    qtbot.waitUntil(lambda: old.done, timeout=5000)
    assert old.is_cancelled and old.outcome == "cancelled"
    assert results == [4]


def test_errors_are_reported_not_raised(qtbot):
    def boom(*, progress, cancel):
        raise ValueError("bad file")

    runner = JobRunner()
    job = runner.start("x", boom)
    with qtbot.waitSignal(job.error, timeout=5000) as sig:
        pass
    assert isinstance(sig.args[0], ValueError)
