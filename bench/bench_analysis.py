"""Analysis bench: µs per article for the whole `analyze()` (issue #3's ≤ 100 µs target).

Three shapes, because the per-word caches make them differ a lot: the synthetic ~4 KB
articles (recombined seed sentences, so every word is cached after the first few), real
kk/ru news (NTREX, ../shared/data) analysed again with warm caches, and the same news
with every cache emptied first (each word new: what the first articles of an unseen
corpus cost). Runs in its own interpreter so nothing else warms or pollutes the caches.
"""

from __future__ import annotations

import json
import sys

from bench.bench_library import _run_json
from bench.registry import Context, bench

_done: set[str] = set()  # the figures do not depend on the library size: measure once


@bench("analysis", order=5)
def analysis_speed(ctx: Context) -> None:
    if "analysis" in _done:
        return
    _done.add("analysis")
    r = _run_json(["-m", "bench.bench_analysis"], "analysis bench")
    m = r["mixed"]
    ctx.record("analyze: synthetic ~4 KB article, warm", m["us_per_article"], "µs",
               target=100, note=f"{m['chars_per_article']:.0f} chars; seed sentences")
    real = r.get("real")
    if real:
        ctx.record("analyze: real news article, warm", real["us_warm"], "µs", target=100,
                   note=f"{real['articles']} NTREX kk/ru, {real['chars_per_article']:.0f} chars")
        ctx.record("analyze: real news article, every word new", real["us_cold"], "µs",
                   note="caches emptied first: the worst case, an unseen corpus's first articles")


def main() -> int:
    from desktop.analysis.perf import bench_analyze, bench_cold, mixed_texts, real_texts

    out: dict = {"mixed": bench_analyze(mixed_texts(), 50)}
    real = real_texts()
    if real:
        out["real"] = bench_cold(real)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
