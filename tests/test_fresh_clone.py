"""A clone with nothing beside it: the suite collects and its seed tests pass there.

A person who clones Kenes has no development data folder next to it; the tests must carry
what they need in `tests/data/` and the bundled sample.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Tests that read the seed articles and their expected values: they must run, not skip.
SEED_TESTS = [
    "tests/corpus/test_textformat.py",
    "tests/analysis/test_seeds.py",
    "tests/analysis/test_token_scan.py",
    "tests/corpus/test_readers.py",
]


def _tracked_files() -> list[str]:
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    out = subprocess.run([git, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         cwd=ROOT, capture_output=True, check=True).stdout
    return [p for p in out.decode("utf-8").split("\0") if p]


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """The working tree's project files, copied alone into an empty folder."""
    dest = tmp_path_factory.mktemp("lonely") / "kenes"
    for rel in _tracked_files():
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    assert not (dest.parent / "shared").exists()
    return dest


def _pytest(clone: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(clone), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
                          cwd=clone, env=env, capture_output=True, text=True, timeout=600)


def test_suite_collects_in_a_clone_without_shared_data(clone):
    done = _pytest(clone, "-o", "addopts=", "--collect-only", "-q")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "error" not in done.stdout.splitlines()[-1].lower()


def test_seed_tests_pass_without_skipping_in_a_clone_without_shared_data(clone):
    done = _pytest(clone, "-o", "addopts=", "-q", "-rs", *SEED_TESTS)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    summary = done.stdout.strip().splitlines()[-1]
    assert "passed" in summary and "skipped" not in summary, summary
