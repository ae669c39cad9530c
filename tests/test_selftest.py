"""`kenes --self-test`: every check passes on a working install, a broken one exits 1, and
the user's data folder stays untouched."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from desktop import selftest

ROOT = Path(__file__).resolve().parent.parent


def test_self_test_passes_and_leaves_user_data_alone(tmp_path):
    data = tmp_path / "user-data"
    data.mkdir()
    env = dict(os.environ, KENES_DATA_DIR=str(data), KENES_LIBRARY=str(data / "library"),
               QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-m", "desktop", "--self-test", "--lang", "en"],
                       cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    for name in ("Import the sample library", "Search", "Pair Kazakh and Russian articles",
                 "Align sentences", "Export PDF: visit brief", "Export PDF: press digest",
                 "Export PDF: parallel text", "Main window", "No network access"):
        assert any(name in line and "[  ok  ]" in line for line in lines), (name, r.stdout)
    assert "All 9 checks passed" in lines[-1]
    assert list(data.iterdir()) == []  # no library, settings or drafts in the user's folder


def test_self_test_reports_in_kazakh(tmp_path):
    r = subprocess.run([sys.executable, "-m", "desktop", "--self-test", "--lang", "kk"],
                       cwd=ROOT, capture_output=True, text=True, timeout=300,
                       env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Іздеу" in r.stdout  # "Search", from the catalog the window uses too


def test_exported_pdfs_hold_every_kazakh_letter(tmp_path):
    out = io.StringIO()
    results = selftest.run_checks(keep=tmp_path, out=out)
    assert all(r.ok for r in results), out.getvalue()
    pdfs = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert pdfs == ["parallel-text.pdf", "press-digest.pdf", "visit-brief.pdf"]
    for p in tmp_path.glob("*.pdf"):
        assert selftest.missing_letters(selftest.pdf_text(p)) == ""


def test_missing_sample_fails_the_run(monkeypatch, tmp_path):
    import desktop.paths

    monkeypatch.setattr(desktop.paths, "sample_corpus_dir", lambda: tmp_path / "nowhere")
    out = io.StringIO()
    results = selftest.run_checks(out=out)
    assert not results[0].ok
    assert all(not r.ok for r in results[1:-1])  # the rest is reported as not run
    assert results[-1].ok  # still no network access
    assert len(out.getvalue().splitlines()) == len(results)  # one report line per check


def test_missing_letters_is_case_blind():
    assert selftest.missing_letters("ӘҒҚҢӨҰҮҺІ") == ""
    assert selftest.missing_letters("әғқңөұү") == "һі"
