"""`make bench`: synthetic 10k and 100k libraries, medians vs quality.md targets, bench.json.

    python -m bench.run                 # 10,000 and 100,000 articles
    python -m bench.run --sizes 10000   # quick run
    python -m bench.run --only library --reuse

Benchmarks live in `bench/bench_*.py` and register with `bench.registry.bench`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
import traceback
from pathlib import Path

from bench import synth
from bench.registry import BENCHES, Context, Row

ROOT = Path(__file__).resolve().parent.parent


def discover() -> None:
    """Import every bench/bench_*.py so its @bench functions register."""
    for p in sorted((ROOT / "bench").glob("bench_*.py")):
        importlib.import_module(f"bench.{p.stem}")


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 else (f"{v:.2f}" if abs(v) >= 1 else f"{v:.3f}")


def print_table(rows: list[Row]) -> None:
    head = f"{'size':>8}  {'group':<9} {'measure':<46} {'value':>11} {'unit':<6} " \
           f"{'target':>9}  result"
    print(head)
    print("-" * len(head))
    for r in rows:
        target = "" if r.target is None else ("≥ " if r.higher_is_better else "≤ ") + _fmt(r.target)
        verdict = {True: "pass", False: "FAIL", None: ""}[r.passed]
        if r.target and r.passed is not None:
            ratio = r.value / r.target if r.target else 0
            verdict += f" ({ratio:.2f}× target)"
        print(f"{r.size:>8,}  {r.group:<9} {r.name[:46]:<46} {_fmt(r.value):>11} {r.unit:<6} "
              f"{target:>9}  {verdict}{'  ' + r.note if r.note else ''}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench.run", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000",
                    help="comma-separated library sizes (default 10000,100000)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per median")
    ap.add_argument("--only", default="", help="comma-separated groups to run")
    ap.add_argument("--reuse", action="store_true",
                    help="reuse an already imported library (skip the import measurement)")
    ap.add_argument("--out", default=str(ROOT / "bench.json"))
    args = ap.parse_args(argv)
    discover()
    only = {g for g in args.only.split(",") if g}
    sizes = [int(s) for s in args.sizes.split(",") if s]
    rows: list[Row] = []
    failures = 0
    for size in sizes:
        t = time.perf_counter()
        corpus = synth.generate(size)
        print(f"[{size:,}] corpus ready in {time.perf_counter() - t:.1f} s: {corpus}",
              file=sys.stderr)
        ctx = Context(size=size, corpus=corpus, library=synth.CACHE / f"library-{size}",
                      repeat=args.repeat)
        ctx.state["reuse"] = args.reuse
        for b in sorted(BENCHES, key=lambda b: (b.order, b.group)):
            if only and b.group not in only:
                continue
            ctx.group = b.group
            t = time.perf_counter()
            try:
                b.fn(ctx)
            except Exception:  # noqa: BLE001 - one broken bench must not hide the others
                failures += 1
                traceback.print_exc()
                ctx.record(f"{b.fn.__name__} crashed", 1, "", target=0)
            print(f"[{size:,}] {b.group}.{b.fn.__name__}: {time.perf_counter() - t:.1f} s",
                  file=sys.stderr)
        rows.extend(ctx.rows)
    print_table(rows)
    Path(args.out).write_text(json.dumps({
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": __import__("os").cpu_count()},
        "rows": [r.to_json() for r in rows],
    }, ensure_ascii=False, indent=2))
    print(f"\nwrote {args.out}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
