"""Alignment bench: segment and align two ~5 KB kk/ru articles (issue 11: ≤ 50 ms).

The articles are built from the parallel test texts (tests/data/align), repeated with the
figures changed so every copy has its own anchors, to 5,000 characters (about 9 KB of
UTF-8) on the Kazakh side.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from bench.registry import Context, bench

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "align"
_done: set[str] = set()  # independent of the library size: measure once


def parallel_pair(chars: int = 5000) -> tuple[str, str]:
    """A Kazakh article of at least `chars` characters and its Russian version."""
    kk = (DATA / "visit_kk.txt").read_text(encoding="utf-8")
    ru = (DATA / "visit_ru.txt").read_text(encoding="utf-8")
    out_kk, out_ru = [], []
    k = 0
    while sum(map(len, out_kk)) < chars:
        k += 1

        def bump(m: re.Match[str], k: int = k) -> str:
            return str(int(m.group()) + 7 * k)

        out_kk.append(re.sub(r"\d+", bump, kk))
        out_ru.append(re.sub(r"\d+", bump, ru))
    return "\n".join(out_kk), "\n".join(out_ru)  # whole copies: still parallel


def align_once(kk: str, ru: str, glossary) -> int:
    from desktop.analysis.alignment import align, segment

    al = align(segment(kk, "kk"), segment(ru, "ru"), glossary=glossary)
    return len(al.links)


def measure(chars: int = 5000, repeat: int = 5) -> float:
    """Median seconds to segment and align one pair (glossary loaded once beforehand)."""
    from desktop.analysis.glossary import load_glossary

    kk, ru = parallel_pair(chars)
    g = load_glossary(user=False)
    align_once(kk, ru, g)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        align_once(kk, ru, g)
        times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2]


@bench("alignment", order=60)
def alignment_speed(ctx: Context) -> None:
    if "alignment" in _done:
        return
    _done.add("alignment")
    ctx.record("align two 5 KB kk/ru articles", measure(5000, ctx.repeat), "s", target=0.05,
               note="segmentation + alignment with the bundled glossary")
