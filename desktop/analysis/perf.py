"""Speed of the analysis: microseconds per article, per stage, for `make bench` and the report.

`python -m desktop.analysis.perf [N]` analyses the seeds and ~4 KB mixed kk/ru articles
built from seed paragraphs (like the bench corpus) N times over (default 200), and prints
the best of three runs for the whole pipeline and for each stage.

The synthetic articles reuse a small vocabulary, so after the first few every word is in
the per-word caches. Real news is not like that: `bench_cold` times real articles (the
NTREX kk/ru news in ../shared/data) with every cache emptied first, the cost of words
never seen before, which is what importing an unseen corpus pays at the start.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

from desktop.analysis.entities import mention
from desktop.analysis.figures import extract_figures
from desktop.analysis.hits import entity_hits
from desktop.analysis.language import detect_language
from desktop.analysis.pipeline import _figure_rules, _fold_yo, analyze, clear_caches, rules
from desktop.analysis.quotes import extract_quotes


def _best_us(fn: Callable[[str], object], texts: list[str], repeat: int, runs: int = 3) -> float:
    """Best-of-`runs` average µs per text of `fn` over `repeat` passes."""
    for t in texts:
        fn(t)  # warm caches
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        for _ in range(repeat):
            for t in texts:
                fn(t)
        best = min(best, (time.perf_counter() - t0) / (repeat * len(texts)) * 1e6)
    return best


def bench_analyze(texts: list[str], repeat: int = 100) -> dict[str, float]:
    """Average µs per text of `analyze()` (best of three runs; rules loaded beforehand)."""
    rules()
    us = _best_us(analyze, texts, repeat)
    chars = sum(len(t) for t in texts)
    return {"articles": len(texts) * repeat, "us_per_article": us,
            "us_per_4kb": us * len(texts) / max(1, sum(len(t.encode()) for t in texts)) * 4096,
            "chars_per_article": chars / max(1, len(texts))}


def bench_stages(texts: list[str], repeat: int = 100) -> dict[str, float]:
    """µs per text of each analysis stage on its own (best of three runs)."""
    r = rules()
    fr = _figure_rules()
    people = {t: [mention(h) for h in entity_hits(_fold_yo(t), r) if h[2] == "person"]
              for t in texts}
    roles = (r.role_scan, r.role_low_scan)
    return {
        "language": _best_us(detect_language, texts, repeat),
        "entities": _best_us(lambda t: entity_hits(_fold_yo(t), r), texts, repeat),
        "figures": _best_us(lambda t: extract_figures(t, fr), texts, repeat),
        "quotes": _best_us(lambda t: extract_quotes(t, people[t], roles), texts, repeat),
        "total": _best_us(analyze, texts, repeat),
    }


def bench_cold(texts: list[str], runs: int = 3) -> dict[str, float]:
    """Average µs per text of `analyze()` over `texts` once, every per-word cache emptied
    before each run (best of `runs`), and the same texts analysed again with caches warm."""
    rules()
    best = float("inf")
    for _ in range(runs):
        clear_caches()
        t0 = time.perf_counter()
        for t in texts:
            analyze(t)
        best = min(best, (time.perf_counter() - t0) / max(1, len(texts)) * 1e6)
    warm = _best_us(analyze, texts, 5, runs)
    return {"articles": len(texts), "us_cold": best, "us_warm": warm,
            "chars_per_article": sum(len(t) for t in texts) / max(1, len(texts))}


def real_texts() -> list[str]:
    """Real kk and ru news articles (NTREX, ../shared/data), one text per language per
    document; empty when the shared data is not there."""
    from desktop.analysis.evaluate import NTREX, parallel_docs

    if not NTREX.exists():
        return []
    return ["\n".join(doc[k]) for doc in parallel_docs(NTREX) for k in ("kk", "ru")]


def seed_texts() -> list[str]:
    """The shared seeds, else the bundled sample corpus."""
    root = Path(__file__).resolve().parents[2]
    for d in (root.parent / "shared" / "seeds", root / "resources" / "sample"):
        files = sorted(d.glob("*.txt"))
        if files:
            return [f.read_text(encoding="utf-8") for f in files]
    return []


def mixed_texts(n: int = 20, size: int = 4000, seed: int = 7) -> list[str]:
    """~`size`-byte articles of seed paragraphs in random kk/ru order (the bench's shape)."""
    paras = [p for s in seed_texts() for p in s.split("\n")[1:] if p.strip()]
    rng = random.Random(seed)
    out = []
    for _ in range(n if paras else 0):
        parts: list[str] = []
        while sum(len(p.encode()) + 1 for p in parts) < size:
            parts.append(rng.choice(paras))
        out.append("\n".join(parts))
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    repeat = int(argv[0]) if argv else 200
    for label, texts in (("seeds", seed_texts()), ("mixed 4 KB", mixed_texts())):
        if not texts:
            continue
        reps = max(1, repeat * 10 // len(texts) // 2) if label != "seeds" else repeat
        st = bench_stages(texts, max(1, reps // 4))
        r = bench_analyze(texts, reps)
        print(f"{label}: analyze {r['us_per_article']:.0f} µs/article "
              f"({r['chars_per_article']:.0f} chars), {r['us_per_4kb']:.0f} µs per 4 KB | "
              + ", ".join(f"{k} {v:.0f}" for k, v in st.items()))
    real = real_texts()
    if real:
        c = bench_cold(real)
        print(f"real news ({c['articles']} NTREX kk/ru, {c['chars_per_article']:.0f} chars): "
              f"analyze {c['us_cold']:.0f} µs/article with every word new, "
              f"{c['us_warm']:.0f} µs/article warm")
    return 0


if __name__ == "__main__":
    sys.exit(main())
