"""An import killed with SIGKILL leaves no analysis worker (or resource tracker) behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="reads the process table from /proc")

SCRIPT = r"""
import sys
from desktop.core.article import Article
from desktop.corpus.library import Library

def endless():  # the import never ends by itself: it is killed in the middle
    i = 0
    while True:
        yield Article(title=f"Визит {i}", lang="ru", body=(
            f"Президент Казахстана встретился с президентом Узбекистана, статья {i}. "
            "Стороны обсудили торговлю, транспорт и энергетику. ") * 6)
        i += 1

Library.open(sys.argv[1]).import_articles(endless(), workers=2)
"""


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, None when it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2:].split()
    return fields[0], int(fields[1])


def _children(pid: int) -> list[int]:
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit() and (st := _stat(int(d))) is not None and st[1] == pid:
            out.append(int(d))
    return out


def _alive(pid: int) -> bool:
    st = _stat(pid)
    return st is not None and st[0] not in ("Z", "X")  # a zombie holds no memory


def test_workers_exit_when_the_importing_process_is_killed(tmp_path):
    p = subprocess.Popen([sys.executable, "-c", SCRIPT, str(tmp_path / "lib")], cwd=ROOT,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        kids: list[int] = []
        while time.monotonic() < deadline and len(kids) < 3:  # 2 workers + resource tracker
            time.sleep(0.2)
            kids = _children(p.pid)
            assert p.poll() is None, "the import stopped by itself"
        assert len(kids) >= 2, "the import did not start its analysis workers"
        time.sleep(1.0)  # well inside the import
    finally:
        p.send_signal(signal.SIGKILL)
        p.wait(30)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(k) for k in kids):
        time.sleep(0.2)
    left = [k for k in kids if _alive(k)]
    for k in left:  # do not leave them on the machine even when the test fails
        os.kill(k, signal.SIGKILL)
    assert left == [], "processes left behind after the import was killed"
