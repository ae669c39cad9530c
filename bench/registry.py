"""Bench registry: each `bench/bench_*.py` module registers functions that record rows.

Add a benchmark without touching run.py:

    from bench.registry import bench

    @bench("ui", order=50)
    def window_start(ctx):
        ctx.record("window painted", seconds, "s", target=0.5)

`ctx` (a `Context`) gives the size, the synthetic corpus folder and an imported library
folder; `ctx.median(fn, repeat)` times a callable.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class Row:
    group: str
    name: str
    size: int
    value: float
    unit: str
    target: float | None = None
    higher_is_better: bool = False
    note: str = ""

    @property
    def passed(self) -> bool | None:
        if self.target is None:
            return None
        return self.value >= self.target if self.higher_is_better else self.value <= self.target

    def to_json(self) -> dict:
        return {**asdict(self), "passed": self.passed}


@dataclass
class Context:
    size: int
    corpus: Path
    library: Path
    repeat: int = 5
    rows: list[Row] = field(default_factory=list)
    group: str = ""
    state: dict = field(default_factory=dict)  # shared between benches of one size

    def record(self, name: str, value: float, unit: str, target: float | None = None, *,
               higher_is_better: bool = False, note: str = "") -> Row:
        row = Row(self.group, name, self.size, float(value), unit, target, higher_is_better, note)
        self.rows.append(row)
        return row

    def median(self, fn: Callable[[], object], repeat: int | None = None,
               warmup: int = 1) -> float:
        """Median wall time of fn() in seconds."""
        for _ in range(warmup):
            fn()
        times = []
        for _ in range(repeat or self.repeat):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return statistics.median(times)


@dataclass
class Bench:
    group: str
    fn: Callable[[Context], None]
    order: int = 100


BENCHES: list[Bench] = []


def bench(group: str, order: int = 100) -> Callable:
    """Register fn(ctx) as a benchmark in `group` (lower order runs first)."""

    def deco(fn: Callable[[Context], None]) -> Callable[[Context], None]:
        BENCHES.append(Bench(group, fn, order))
        return fn

    return deco
