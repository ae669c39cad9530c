"""Reading pair benches: selection → pair painted, and one panel with a very long article.

Each step runs in a fresh interpreter with the offscreen platform
(`python -m bench.bench_pair_ui STEP ...`), like the other UI benches.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.registry import Context, bench

ROOT = Path(__file__).resolve().parent.parent
_done: set[str] = set()


def _child(*args: str) -> dict:
    import subprocess

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as data:
        env["KENES_DATA_DIR"] = data
        out = subprocess.run([sys.executable, "-m", "bench.bench_pair_ui", *args], cwd=ROOT,
                             capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise RuntimeError(f"bench_pair_ui {args[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


@bench("ui", order=65)
def pair_selection(ctx: Context) -> None:
    r = _child("select", str(ctx.library))
    if not r["n"]:
        ctx.record("pair view: no article to select", 0, "", note="empty library")
        return
    ctx.record("pair view painted after a selection (median)", r["paint_ms"], "ms", target=100,
               note=f"{r['n']} articles: counterpart found, both texts painted")
    ctx.record("pair view painted after a selection (worst)", r["paint_max_ms"], "ms")
    ctx.record("pair view: links drawn after a selection (median)", r["links_ms"], "ms",
               note="aligned, differences and glossary listed, strip painted")


@bench("ui", order=66)
def long_article_panel(ctx: Context) -> None:
    if "long" in _done:  # does not depend on the library size: measure once
        return
    _done.add("long")
    r = _child("long")
    ctx.record("reading panel: 250 KB article in paragraphs, all highlights", r["para_ms"],
               "ms", target=300, note=f"{r['marks']} marks; CPU {r['para_cpu_ms']:.0f} ms")
    ctx.record("reading panel: 250 KB article in one paragraph, all highlights", r["one_ms"],
               "ms", target=300, note=f"{r['marks']} marks; CPU {r['one_cpu_ms']:.0f} ms")
    ctx.record("reading panel: 5 MB article shown in part", r["huge_ms"], "ms",
               note=f"first {r['huge_shown']:,} of {r['huge_total']:,} characters")


# ---------------------------------------------------------------------- child steps
def _painted(qapp, view) -> None:
    for p in view.panels.values():
        p.view.viewport().repaint()
    view.strip.repaint()
    qapp.processEvents()


def _step_select(library: str) -> dict:
    from PySide6.QtWidgets import QApplication

    from desktop.corpus.library import Library
    from desktop.ui.reading.backend import PairBackend
    from desktop.ui.reading.pairview import PairView

    qapp = QApplication.instance() or QApplication([])
    lib = Library.open(library)
    cat = lib.catalog()
    n = len(cat)
    ids = [int(cat.row(pos)["id"]) for pos in range(0, n, max(1, n // 30))][:30]
    view = PairView(PairBackend(lib))
    view.resize(1400, 800)
    view.show()
    qapp.processEvents()
    if ids:  # warm: first imports, glossary, caches (a running window has them)
        view.open(ids[-1])
        view.flush()
        _painted(qapp, view)
    times, links = [], []
    for aid in ids:
        t = time.perf_counter()
        view.open(aid)
        for p in view.panels.values():
            p.view.viewport().repaint()
        times.append((time.perf_counter() - t) * 1000)
        view.flush()
        while view.aligner.busy():  # a long pair links in another process
            qapp.processEvents()
            time.sleep(0.005)
        _painted(qapp, view)
        links.append((time.perf_counter() - t) * 1000)
    view.close()
    lib.close()
    return {"n": len(times), "paint_ms": statistics.median(times) if times else 0.0,
            "paint_max_ms": max(times) if times else 0.0,
            "links_ms": statistics.median(links) if links else 0.0}


class _OneArticle:
    """A library of one article, with no counterpart."""

    def __init__(self, stored) -> None:
        self.stored = stored

    def get(self, _aid: int):
        return self.stored

    def counterparts(self, _aid: int, top: int = 5) -> list:
        return []

    def pin_of(self, _aid: int):
        return None


def _tiled(size: int):
    """A kk article of about `size` characters from the sample, with its analysis spans
    repeated (analysing 250 KB is not what is measured here)."""
    from desktop.analysis.model import Analysis
    from desktop.analysis.pipeline import analyze

    text = "\n".join(p.read_text(encoding="utf-8") for p in
                     sorted((ROOT / "resources" / "sample").glob("*.txt"))[:2])
    an = analyze(text, "kk")
    reps = max(1, size // (len(text) + 1))
    body = "\n".join([text] * reps)
    step = len(text) + 1
    out = Analysis(lang="kk")
    for name in ("countries", "sectors", "people", "orgs"):
        for t in getattr(an, name):
            spans = [(s + k * step, e + k * step) for k in range(reps) for s, e in t.spans]
            getattr(out, name).append(type(t)(t.kind, t.id, t.name, spans, t.phrases, t.home))
    for f in an.figures:
        for k in range(reps):
            out.figures.append(type(f)(f.text, f.value, f.kind, f.unit, f.currency,
                                       f.qualifier, (f.span[0] + k * step, f.span[1] + k * step),
                                       f.sentence))
    for q in an.quotes:
        for k in range(reps):
            out.quotes.append(type(q)(q.text, q.speaker, q.speaker_name,
                                      (q.span[0] + k * step, q.span[1] + k * step)))
    return body, out


def _show_ms(qapp, body: str, an) -> tuple[float, object, float]:
    from desktop.core.article import Article
    from desktop.corpus.library import StoredArticle
    from desktop.ui.reading.backend import PairBackend
    from desktop.ui.reading.pairview import PairView

    st = StoredArticle(1, Article(title="", body=body, lang="kk"), an)
    view = PairView(PairBackend(_OneArticle(st)))
    view.resize(1400, 800)
    view.show()
    qapp.processEvents()
    t, c = time.perf_counter(), time.process_time()
    view.open(1)
    _painted(qapp, view)
    ms = (time.perf_counter() - t) * 1000
    cpu = (time.process_time() - c) * 1000  # this process's own work, whatever the load
    view.close()
    return ms, view, cpu


def _step_long() -> dict:
    from PySide6.QtWidgets import QApplication

    from desktop.analysis.marks import marks

    qapp = QApplication.instance() or QApplication([])
    body, an = _tiled(250_000)
    n_marks = len(marks(body, an))
    para = [_show_ms(qapp, body, an) for _ in range(3)]
    one = [_show_ms(qapp, body.replace("\n", " "), an) for _ in range(3)]
    huge_body, huge_an = _tiled(5_000_000)
    huge_ms, view, _cpu = _show_ms(qapp, huge_body, huge_an)
    prep = view.left.prep
    return {"para_ms": statistics.median(r[0] for r in para),
            "para_cpu_ms": statistics.median(r[2] for r in para),
            "one_ms": statistics.median(r[0] for r in one),
            "one_cpu_ms": statistics.median(r[2] for r in one),
            "marks": n_marks, "huge_ms": huge_ms, "huge_shown": prep.shown,
            "huge_total": prep.total}


if __name__ == "__main__":
    step, *rest = sys.argv[1:]
    fn = {"select": _step_select, "long": _step_long}[step]
    print(json.dumps(fn(*rest)))
