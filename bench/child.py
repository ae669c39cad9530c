"""Bench steps that must run in their own process (own peak RSS, cold open). Prints JSON."""

from __future__ import annotations

import json
import resource
import sys
import time


def _rss_mb() -> float:
    """Current resident set size of this process in MB."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KB on Linux


def do_import(corpus: str, library: str) -> dict:
    t = time.perf_counter()
    from desktop.corpus.library import Library

    with Library.open(library) as lib:
        report = lib.import_paths([corpus])
    seconds = time.perf_counter() - t
    return {
        "seconds": seconds,
        "added": report.added,
        "duplicates": report.duplicates,
        "skipped": len(report.skipped),
        "peak_rss_mb": _peak_mb(resource.RUSAGE_SELF),
        "peak_rss_worker_mb": _peak_mb(resource.RUSAGE_CHILDREN),
    }


def do_open(library: str) -> dict:
    t = time.perf_counter()
    from desktop.core.query import FACETS, Filter
    from desktop.corpus.library import Library

    lib = Library.open(library)
    cat = lib.catalog()
    pos = cat.filter(Filter())
    for kind in FACETS:
        cat.facet_counts(Filter(), kind)
    rows = [cat.row(int(p)) for p in pos[:50]]
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "rows": len(cat), "shown": len(rows), "rss_mb": _rss_mb(),
            "pandas_imported": "pandas" in sys.modules}


def do_retag(library: str) -> dict:
    t = time.perf_counter()
    from desktop.corpus.library import Library

    with Library.open(library) as lib:
        n = lib.retag()
    return {"seconds": time.perf_counter() - t, "retagged": n,
            "peak_rss_mb": _peak_mb(resource.RUSAGE_SELF)}


def main(argv: list[str]) -> int:
    cmd, *rest = argv
    out = {"import": do_import, "open": do_open, "retag": do_retag}[cmd](*rest)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
