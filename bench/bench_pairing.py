"""Pairing benches (issue 11): counterparts of one article from the anchor index, and
`kenes pair` over the whole library.

Quality targets are stated for 100k articles: counterparts ≤ 20 ms per article, the whole
library ≤ 60 s. The synthetic corpus recombines the seeds' sentences, so every anchor is
shared by thousands of articles: candidates come from the rarest anchors within a postings
budget (`counterparts.candidate_keys`), which this corpus makes as dear as it gets.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from bench.bench_library import FULL, ROOT
from bench.registry import Context, bench


@bench("pairing", order=40)
def pairing(ctx: Context) -> None:
    from desktop.corpus.library import Library

    with Library.open(ctx.library) as lib:
        t = time.perf_counter()
        indexed = lib.ensure_pair_index()
        if indexed:
            ctx.record("pairing index for an older library (once)", time.perf_counter() - t,
                       "s", note=f"{indexed} articles indexed after the schema migration")
        ids = lib.store.all_ids()
        step = max(1, len(ids) // 40)
        sample = ids[::step][:40]
        for aid in sample[:3]:  # first calls read the per-language counts
            lib.counterparts(aid)
        times = []
        found = 0
        for aid in sample:
            t = time.perf_counter()
            got = lib.counterparts(aid)
            times.append(time.perf_counter() - t)
            found += bool(got)
        times.sort()
        ctx.record("counterparts of one article (median)", statistics.median(times) * 1e3,
                   "ms", target=20, note=f"{len(sample)} articles; {found} with candidates")
        ctx.record("counterparts of one article (90th percentile)",
                   times[int(len(times) * 0.9) - 1] * 1e3, "ms", target=20)
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "desktop", "pair", "--json", "--library",
                          str(ctx.library)], cwd=ROOT, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - t
    if out.returncode != 0:
        raise RuntimeError(f"kenes pair failed:\n{out.stderr[-3000:]}")
    at_full = ctx.size >= FULL
    ctx.record("kenes pair --json, whole library (fresh process)", seconds, "s",
               target=60 if at_full else None,
               note="" if at_full else "target (60 s) applies at 100k")
