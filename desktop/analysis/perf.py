"""Speed of the analysis: microseconds per article, for `make bench` and the report.

`python -m desktop.analysis.perf [N]` analyses the seeds N times over (default 400).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from desktop.analysis.pipeline import analyze, rules


def bench_analyze(texts: list[str], repeat: int = 100) -> dict[str, float]:
    """Average µs per text of `analyze()` over `repeat` passes (rules loaded beforehand)."""
    rules()
    for t in texts:
        analyze(t)  # warm caches
    n = 0
    t0 = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            analyze(t)
            n += 1
    dt = time.perf_counter() - t0
    chars = sum(len(t) for t in texts) * repeat
    return {"articles": n, "seconds": dt, "us_per_article": dt / n * 1e6,
            "us_per_4kb": dt / chars * 4096 * 1e6}


def seed_texts() -> list[str]:
    """The shared seeds, else the bundled sample corpus."""
    root = Path(__file__).resolve().parents[2]
    for d in (root.parent / "shared" / "seeds", root / "resources" / "sample"):
        files = sorted(d.glob("*.txt"))
        if files:
            return [f.read_text(encoding="utf-8") for f in files]
    return []


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    repeat = int(argv[0]) if argv else 400
    r = bench_analyze(seed_texts(), repeat)
    print(f"analyze: {r['us_per_article']:.0f} µs/article, {r['us_per_4kb']:.0f} µs per 4 KB "
          f"({r['articles']} articles in {r['seconds']:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
