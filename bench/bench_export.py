"""Export benches: a 20-page visit brief (≤ 0.5 s) and a 200-page press digest (≤ 3 s).

Articles are recombined seed sentences (bench.synth), analysed once, held in memory; the
timings cover layout and writing the PDF (export_pdf to a temporary folder). Measured once
per run in its own interpreter (the figures do not depend on the library size).
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path

from bench.registry import Context, bench

_done: set[str] = set()


@bench("export", order=60)
def export_speed(ctx: Context) -> None:
    if "export" in _done:
        return
    _done.add("export")
    from bench.bench_library import _run_json

    r = _run_json(["-m", "bench.bench_export"], "export bench")
    ctx.record(f"visit-brief PDF, {r['brief_pages']} pages", r["brief_s"], "s", target=0.5,
               note=f"{r['brief_articles']} articles, {r['brief_figures']} figures; "
                    f"CPU {r['brief_cpu']:.2f} s")
    ctx.record(f"press-digest PDF, {r['digest_pages']} pages", r["digest_s"], "s", target=3,
               note=f"{r['digest_articles']} articles with contents; CPU {r['digest_cpu']:.2f} s")


@bench("export", order=61)
def export_responsive(ctx: Context) -> None:
    """The window during a 200-page digest export: how late a 10 ms timer fires."""
    import os

    from bench.bench_library import _run_json

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = _run_json(["-m", "bench.bench_export", "responsive"], "export responsiveness", env)
    ctx.record("window during a press-digest export: longest event-loop stall",
               r["max_stall_s"], "s", target=0.1,
               note=f"95th percentile {r['p95_stall_s'] * 1000:.0f} ms over "
                    f"{r['ticks']} ticks; export {r['export_s']:.1f} s in the background")


def responsive() -> dict:
    """Export on the app's job runner (a worker thread, as Ctrl+E does) while a 10 ms
    timer ticks on the GUI thread; a stall is a tick's lateness (what a user feels as a
    frozen window)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.export import export_pdf
    from desktop.jobs.qt_runner import JobRunner

    app = QApplication.instance() or QApplication([])
    arts = _articles(600)
    runner = JobRunner()
    gaps: list[float] = []
    last = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(max(0.0, now - last[0] - 0.010))
        last[0] = now

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "digest.pdf"

        def work(progress=None, cancel=None):
            return export_pdf("press-digest", articles=arts, out=out, lang="ru",
                              progress=progress, cancel=cancel)

        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(tick)
        t0 = time.perf_counter()
        last[0] = t0
        timer.start()
        job = runner.start("export", work)
        job.finished.connect(app.quit)
        app.exec()
        timer.stop()
        runner.wait()
        took = time.perf_counter() - t0
        if job.outcome != "result":
            raise RuntimeError(f"export failed: {job.value!r}")
    gaps.sort()
    return {"max_stall_s": gaps[-1] if gaps else took, "ticks": len(gaps),
            "p95_stall_s": gaps[int(len(gaps) * 0.95)] if gaps else took, "export_s": took}


def _articles(n: int, seed: int = 20251116) -> list:
    from bench.synth import _seed_texts, _title
    from desktop.analysis.pipeline import analyze
    from desktop.core.article import Article
    from desktop.corpus.library import StoredArticle

    seeds = _seed_texts()
    pools = {lang: [s for sl, _l, ss in seeds if sl == lang for s in ss] for lang in ("kk", "ru")}
    leads = {lang: [ld for sl, lds, _s in seeds if sl == lang for ld in lds] for lang in ("kk", "ru")}
    rng = random.Random(seed)
    out = []
    for i in range(n):
        lang = "kk" if rng.random() < 0.6 else "ru"
        pool = pools[lang] or pools["kk"]
        paras = [rng.choice(leads[lang] or pool)]
        for _ in range(4):
            paras.append(" ".join(rng.choice(pool) for _ in range(3)))
        a = Article(title=f"{_title(rng, pool)} №{i}", body="\n".join(paras),
                    date=f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", lang=lang,
                    source=rng.choice(["Kazinform", "Tengrinews", "BAQ.KZ", "КазТАГ"]))
        out.append(StoredArticle(id=i + 1, article=a, analysis=analyze(a.full_text(), lang),
                                 content_hash=a.content_hash()))
    return out


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def _timed(fn, repeat: int = 3) -> tuple[float, float]:
    """Median wall and CPU seconds (CPU time shows the cost when the machine is busy)."""
    fn()  # warm: fonts parsed, modules imported
    times = []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - t, time.process_time() - c))
    return sorted(times)[len(times) // 2]


def main() -> int:
    from desktop.core.briefing import Briefing, propose
    from desktop.export import export_pdf

    arts = _articles(600)
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        brief_arts = arts[:32]
        b = propose(Briefing(title="Мемлекеттік сапар / State visit", event_start="2025-11-14",
                             event_end="2025-11-16", place="Ташкент", partners=["UZ"],
                             classification="restricted", lang="ru",
                             objectives="- Одна цель\n- Другая цель",
                             key_messages="- Первое\n- Второе"), brief_arts)
        pdf = folder / "brief.pdf"
        out["brief_s"], out["brief_cpu"] = _timed(
            lambda: export_pdf("visit-brief", briefing=b, out=pdf, prepared="2025-11-12"))
        out.update(brief_pages=_pages(pdf), brief_articles=len(brief_arts),
                   brief_figures=len(b.figures))
        pdf = folder / "digest.pdf"
        out["digest_s"], out["digest_cpu"] = _timed(
            lambda: export_pdf("press-digest", articles=arts, out=pdf, lang="ru",
                               prepared="2025-11-12"), 1)
        out.update(digest_pages=_pages(pdf), digest_articles=len(arts))
    sys.stdout.write(json.dumps(out) + "\n")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["responsive"]:
        sys.stdout.write(json.dumps(responsive()) + "\n")
        raise SystemExit(0)
    raise SystemExit(main())
