"""UI benches: window start → first paint, filter/facet click → repaint, sort, GUI open.

Each measurement runs in a fresh interpreter (`python -m bench.bench_ui STEP ...`) with the
offscreen platform, so start-up costs and imports are real.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.registry import Context, bench

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pandas", "reportlab", "babel")


def _child(*args: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as data:
        env["KENES_DATA_DIR"] = data
        t0 = time.time()
        out = subprocess.run([sys.executable, "-m", "bench.bench_ui", *args], cwd=ROOT,
                             capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise RuntimeError(f"bench_ui {args[0]} failed:\n{out.stderr[-3000:]}")
    r = json.loads(out.stdout.strip().splitlines()[-1])
    r["spawned_at"] = t0
    return r


def window_start_seconds(library: str | None = None) -> dict:
    """Process spawn → main window painted, and which heavy modules were loaded by then."""
    r = _child("start", library or "")
    return {"seconds": r["painted_at"] - r["spawned_at"], "heavy": r["heavy"]}


@bench("ui", order=60)
def window_start(ctx: Context) -> None:
    runs = [window_start_seconds(str(ctx.library)) for _ in range(3)]
    ctx.record("app start → main window painted", statistics.median(
        r["seconds"] for r in runs), "s", target=0.5, note="fresh process, offscreen")
    heavy = sorted({m for r in runs for m in r["heavy"]})
    if heavy:
        ctx.record("heavy modules imported before first paint: " + ",".join(heavy),
                   len(heavy), "", target=0)


@bench("ui", order=61)
def window_interaction(ctx: Context) -> None:
    r = _child("interact", str(ctx.library))
    ctx.record("GUI: open library → table + facets shown", r["open_s"], "s", target=1.5,
               note="in the window, after first paint")
    ctx.record("GUI: filter/facet click → table + counts repainted (median)",
               r["click_ms"], "ms", target=30)
    ctx.record("GUI: filter/facet click → repainted (worst)", r["click_max_ms"], "ms")
    ctx.record("GUI: header sort 100k-style (median of columns)", r["sort_ms"], "ms",
               target=100, note="first sort of a text column builds its key")
    ctx.record("GUI: resident memory with the library open", r["rss_mb"], "MB", target=400)


# ---------------------------------------------------------------------- child steps
def _rss_mb() -> float:
    import resource

    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def _step_start(library: str) -> dict:
    from PySide6.QtCore import QEvent, QObject, QTimer

    from desktop import app as kapp

    painted: list[float] = []

    class PaintWatch(QObject):
        def eventFilter(self, obj, ev):  # noqa: N802 - Qt name
            if ev.type() == QEvent.Type.Paint and not painted:
                painted.append(time.time())
                heavy.extend(m for m in HEAVY if m in sys.modules)
                QTimer.singleShot(0, qapp.quit)
            return False

    heavy: list[str] = []
    argv = ["--library", library] if library else []
    qapp, window, _args = kapp.create_window(argv)
    watch = PaintWatch()
    window.installEventFilter(watch)
    window.show()
    qapp.exec()
    window.runner.wait(60000)
    return {"painted_at": painted[0] if painted else time.time(), "heavy": heavy}


def _repaint(window) -> None:
    window.browse.table.viewport().repaint()
    window.browse.sidebar.widget().repaint()
    window.statusBar().repaint()


class _PaintWatch:
    """Counts paints of the table's viewport, to run the event loop until one happened."""

    def __init__(self, window) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.paints = 0
        watch = self

        class Filter(QObject):
            def eventFilter(self, obj, ev):  # noqa: N802 - Qt name
                if ev.type() == QEvent.Type.Paint:
                    watch.paints += 1
                return False

        self._filter = Filter()
        window.browse.table.viewport().installEventFilter(self._filter)


def _settle(qapp, watch: _PaintWatch, before: int) -> None:
    """The real click path after the click itself: run the event loop (deferred work,
    layout, the paint of every dirty widget) until the table has been repainted."""
    for _ in range(50):
        qapp.processEvents()
        if watch.paints > before:
            break
    qapp.processEvents()  # anything the paint itself posted (layout, status bar)


def _step_interact(library: str) -> dict:
    from PySide6.QtCore import Qt

    from desktop import app as kapp
    from desktop.corpus.library import Library
    from desktop.ui.models.article_table import COLUMN_KEYS

    qapp, window, _args = kapp.create_window(["--library", library])
    window.show()
    qapp.processEvents()
    t = time.perf_counter()
    lib = Library.open(library)
    window.library = lib
    window.set_catalog(lib.catalog())
    _repaint(window)
    open_s = time.perf_counter() - t

    clicks: list[float] = []
    sections = window.browse.sidebar.sections
    plan = []
    for key in ("partner", "sector", "lang", "source", "person"):
        vals = sections[key].model.values()[:3]
        plan += [(key, v) for v in vals]
    qapp.processEvents()
    watch = _PaintWatch(window)
    for key, v in plan + plan:  # tick, then untick every value
        s = sections[key]
        before = watch.paints
        t = time.perf_counter()
        s.model.toggle(s.model.row_of(v))
        _settle(qapp, watch, before)
        clicks.append((time.perf_counter() - t) * 1000)
    for preset in ("30", "year", "all"):
        before = watch.paints
        t = time.perf_counter()
        d = window.browse.sidebar.dates
        d.preset.setCurrentIndex(d.preset.findData(preset))
        _settle(qapp, watch, before)
        clicks.append((time.perf_counter() - t) * 1000)

    sorts = []
    for col in ("date", "source", "lang", "title", "sectors"):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            before = watch.paints
            t = time.perf_counter()
            window.browse.table.sortByColumn(COLUMN_KEYS.index(col), order)
            _settle(qapp, watch, before)
            sorts.append((time.perf_counter() - t) * 1000)
    result = {
        "open_s": open_s,
        "click_ms": statistics.median(clicks) if clicks else 0.0,
        "click_max_ms": max(clicks) if clicks else 0.0,
        "sort_ms": statistics.median(sorts),
        "rss_mb": _rss_mb(),
    }
    window.close()
    return result


if __name__ == "__main__":
    step, *rest = sys.argv[1:]
    fn = {"start": _step_start, "interact": _step_interact}[step]
    print(json.dumps(fn(*rest)))
