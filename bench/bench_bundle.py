"""Bundle benches: size of dist/kenes and the bundled app's start to a painted window.

Needs `make bundle` first; without dist/kenes the rows say so and nothing is timed. The start
is timed from process spawn to the main window's first paint (offscreen), reported by the
app itself (KENES_START_PROBE, desktop/startprobe.py), since nothing can be injected into
the frozen program.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.registry import Context, bench

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "kenes"
EXE = BUNDLE / ("kenes.exe" if os.name == "nt" else "kenes")
_done: set[str] = set()  # the bundle is the same for every library size: measure once


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()
               and not p.is_symlink()) / 2**20


def start_seconds(library: Path | None) -> tuple[float, float | None]:
    """Spawn the bundled app → its main window painted: (wall seconds, CPU seconds of the
    process; None where os.wait4 is missing). CPU time shows the cost apart from how busy
    the machine is."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KENES_START_PROBE="1")
    argv = [str(EXE)] + (["--library", str(library)] if library else [])
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryFile("w+") as out:
        env["KENES_DATA_DIR"] = data
        t0 = time.time()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL, env=env)
        cpu = None
        if hasattr(os, "wait4"):
            _pid, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            cpu = usage.ru_utime + usage.ru_stime
        else:
            proc.wait(120)
        out.seek(0)
        lines = [ln for ln in out.read().splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"the bundled app did not report a paint (exit {proc.returncode})")
    return json.loads(lines[-1])["painted_at"] - t0, cpu


@bench("bundle", order=90)
def bundle(ctx: Context) -> None:
    if "bundle" in _done:
        return
    _done.add("bundle")
    if not EXE.is_file():
        ctx.record("bundle: not built", 0, "", note="skipped: run `make bundle` first")
        return
    ctx.record("bundle: dist/kenes size", folder_mb(BUNDLE), "MB",
               note=f"{sum(1 for _ in BUNDLE.rglob('*'))} files")
    library = ctx.library if ctx.library.is_dir() else None
    first, _cpu = start_seconds(library)
    runs = [start_seconds(library) for _ in range(3)]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    ctx.record("bundle: start → window painted (first run)", first, "s",
               note="fresh process after the build; offscreen")
    ctx.record("bundle: start → window painted (median of 3)",
               statistics.median(r[0] for r in runs), "s", target=1.0,
               note=f"offscreen; machine load {load:.1f} on {os.cpu_count()} CPUs")
    if runs[0][1] is not None:
        ctx.record("bundle: start → painted, CPU time (median)",
                   statistics.median(r[1] for r in runs), "s",
                   note="user+system time of the process, independent of other load")
