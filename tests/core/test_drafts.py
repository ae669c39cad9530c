"""Autosaved drafts survive crashes and kills; the recent-briefings list stays tidy."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from desktop.core import briefing as bmod
from desktop.core.briefing import BriefArticle, Briefing
from desktop.core.drafts import RECENT_MAX, DraftStore
from tests.conftest import ROOT


def brief(title: str = "Visit to Tashkent", text: str = "Біз дос елміз") -> Briefing:
    return Briefing(title=title, objectives=f"- {text}", lang="kk",
                    articles=[BriefArticle(1, "h1", "Тақырып", "Kazinform", "2025-11-14", "kk",
                                           text=text)])


def test_store_lives_in_the_user_data_folder(_private_data_dir):
    store = DraftStore()
    assert store.folder == _private_data_dir / "drafts"
    did = store.autosave(brief())
    assert (_private_data_dir / "drafts").is_dir() and store.load(did) == brief()


def test_untitled_draft_is_recoverable_until_discarded(tmp_path):
    store = DraftStore(tmp_path / "drafts")
    did = store.autosave(brief("First"))
    assert store.autosave(brief("Second"), draft_id=did) == did  # same draft, updated
    (rec,) = store.recoverable()
    assert (rec.id, rec.path, rec.title) == (did, None, "Second")
    assert rec.load() == brief("Second")
    store.discard(did)
    assert store.recoverable() == []
    store.discard(did)  # twice is harmless


def test_draft_newer_than_its_saved_file_is_recoverable(tmp_path):
    store = DraftStore(tmp_path / "drafts")
    path = tmp_path / "visit.kenes-brief"
    bmod.save(brief("Saved"), path)
    did = store.autosave(brief("Saved"), path)
    assert store.recoverable() == []  # the draft says nothing the file does not
    store.autosave(brief("Saved", text="typed after saving"), path)
    (rec,) = store.recoverable()
    assert rec.id == did and rec.path == path.resolve()
    assert rec.load().objectives == "- typed after saving"
    bmod.save(rec.load(), path)  # the user saves: the draft is no longer ahead
    assert store.recoverable() == []


def test_draft_of_a_deleted_file_is_recoverable(tmp_path):
    store = DraftStore(tmp_path / "drafts")
    path = tmp_path / "gone.kenes-brief"
    bmod.save(brief(), path)
    store.autosave(brief(), path)
    path.unlink()
    assert [r.path for r in store.recoverable()] == [path.resolve()]


def test_unreadable_draft_is_never_offered(tmp_path):
    store = DraftStore(tmp_path / "drafts")
    store.autosave(brief())
    (store.folder / "u-broken.kenes-draft").write_text('{"schema": "kenes-draft", "vers',
                                                       encoding="utf-8")
    assert [r.title for r in store.recoverable()] == ["Visit to Tashkent"]


def test_recent_files_newest_first_at_most_ten_missing_dropped(tmp_path):
    store = DraftStore(tmp_path / "drafts")
    paths = []
    for i in range(RECENT_MAX + 3):
        p = bmod.save(brief(f"B{i}"), tmp_path / f"b{i}.kenes-brief")
        paths.append(p.resolve())
        store.add_recent(p)
    assert store.recent_files() == list(reversed(paths))[:RECENT_MAX]
    store.add_recent(paths[5])
    assert store.recent_files()[0] == paths[5]
    paths[-1].unlink()
    assert paths[-1] not in store.recent_files()
    store.remove_recent(paths[5])
    assert paths[5] not in store.recent_files()
    assert len(store.recent_files()) <= RECENT_MAX


def test_corrupt_recent_list_is_an_empty_one(tmp_path):
    store = DraftStore(tmp_path / "drafts")
    store.folder.mkdir(parents=True)
    (store.folder / "recent-briefings.json").write_text("[[[", encoding="utf-8")
    assert store.recent_files() == []


_WRITER = textwrap.dedent("""
    import sys
    from desktop.core.briefing import BriefArticle, Briefing
    from desktop.core.drafts import DraftStore

    store = DraftStore(sys.argv[1])
    big = "Қазақстан мен Өзбекстан ынтымақтастығы. " * 40000  # ~1.6 MB: writes take a while
    did = None
    n = 0
    while True:
        b = Briefing(title=f"Draft {n}", objectives=f"- step {n}",
                     articles=[BriefArticle(n, f"h{n}", "T", text=big)])
        did = store.autosave(b, draft_id=did or "u-killtest")
        n += 1
        print(n, flush=True)
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_while_autosaving_leaves_a_whole_draft(tmp_path):
    folder = tmp_path / "drafts"
    for _round in range(3):
        proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(folder)], cwd=ROOT,
                                stdout=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        try:
            assert proc.stdout.readline()  # one whole draft exists
            give_up = time.monotonic() + 60  # only against a hang, not a speed check
            # kill while the next draft is being written (its temp file exists)
            while not list(folder.glob(".*.tmp")) and time.monotonic() < give_up:
                pass
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.stdout.close()
        store = DraftStore(folder)
        (rec,) = store.recoverable()
        b = rec.load()  # whole and valid: the last complete autosave
        assert b.title.startswith("Draft ") and b.objectives == "- step " + b.title[6:]
        assert len(b.articles[0].text) > 1_000_000
        assert [f.name for f in folder.glob("*.kenes-draft")] == ["u-killtest.kenes-draft"]
