"""The article library: idempotent, batch-transactional import with analysis, catalog, search.

One folder holds `library.sqlite` (articles, tags, FTS5; see `store.py`) and
`catalog.parquet` (browse columns for fast opening; see `snapshot.py`).
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from desktop.core.article import Article
from desktop.core.query import Catalog, Filter
from desktop.core.searchsyntax import fold, terms
from desktop.corpus import snapshot
from desktop.corpus.store import ARTICLE_FIELDS, DB_NAME, NewRow, SQLiteStore, StoreError
from desktop.jobs import CancelToken, Progress

__all__ = ["ImportReport", "Library", "StoredArticle", "StoreError"]

BATCH = 500
PARALLEL_AFTER = 2 * BATCH  # start analysis worker processes once an import is this large


@dataclass
class ImportReport:
    """What an import did: added, duplicates (already there or repeated), skipped sources."""

    added: int = 0
    duplicates: int = 0
    skipped: list = field(default_factory=list)  # list[readers.Skipped]
    cancelled: bool = False

    def to_json(self) -> dict:
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "cancelled": self.cancelled,
        }


@dataclass
class StoredArticle:
    """An article as stored: its id, the Article, its Analysis and bookkeeping."""

    id: int
    article: Article
    analysis: object  # desktop.analysis.model.Analysis
    content_hash: str = ""
    rules_fingerprint: str | None = None
    imported_at: str | None = None
    tags: dict = field(default_factory=dict)


# ------------------------------------------------------------------ analysis (also in workers)

def _analyze_texts(items: Sequence[tuple[str, str]]) -> list[tuple[str, dict[str, list[str]]]]:
    """Analyse (text, lang) pairs → (analysis JSON, tag ids); runs in worker processes too."""
    from desktop.analysis.pipeline import analyze

    out = []
    for text, lang in items:
        a = analyze(text, lang=lang)
        # default=vars serialises the model dataclasses like asdict(), ~4x faster
        out.append((json.dumps(a, default=vars, ensure_ascii=False, separators=(",", ":")),
                    a.tag_ids()))
    return out


def _rules_fingerprint() -> str:
    from desktop.analysis.pipeline import rules_fingerprint

    return rules_fingerprint()


class _Done:
    """A completed 'future' for work done inline."""

    def __init__(self, value):
        self._value = value

    def result(self):
        return self._value

    def cancel(self) -> bool:
        return False


class _Analyzer:
    """Runs `_analyze_texts` inline, or in worker processes once the job is big enough."""

    def __init__(self, workers: int | None):
        self.workers = workers
        self.pool = None
        self.seen = 0

    def submit(self, items: list[tuple[str, str]]):
        self.seen += len(items)
        want = self.workers
        if want is None:
            want = min(2, os.cpu_count() or 1) if self.seen > PARALLEL_AFTER else 0
            want = 0 if want < 2 else want
        if want and self.pool is None:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(max_workers=want,
                                            mp_context=mp.get_context("spawn"))
        if self.pool is not None:
            return self.pool.submit(_analyze_texts, items)
        return _Done(_analyze_texts(items))

    @property
    def depth(self) -> int:
        """How many batches may be in flight."""
        return (self.pool._max_workers + 1) if self.pool is not None else 0

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _batches(it: Iterable[Article], size: int) -> Iterator[list[Article]]:
    buf: list[Article] = []
    for a in it:
        buf.append(a)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def _article_fields(a: Article) -> dict:
    return {n: getattr(a, n) for n in ARTICLE_FIELDS}


class Library:
    """A library folder: SQLite store + FTS5 + Parquet snapshot → Catalog."""

    def __init__(self, folder: Path, store: SQLiteStore):
        self.folder = Path(folder)
        self.store = store
        self._catalog: Catalog | None = None
        self._catalog_gen = -1

    @classmethod
    def open(cls, dir: str | os.PathLike | None = None) -> Library:  # noqa: A002 - contract name
        """Open (creating if needed) the library in `dir` (default: paths.default_library_dir())."""
        if dir is None:
            from desktop.paths import default_library_dir

            dir = default_library_dir()
        folder = Path(dir).expanduser()
        folder.mkdir(parents=True, exist_ok=True)
        return cls(folder, SQLiteStore(folder / DB_NAME))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def snapshot_path(self) -> Path:
        return self.folder / snapshot.SNAPSHOT_NAME

    # ------------------------------------------------------------------------------ import
    def import_paths(self, paths: Sequence[str | os.PathLike], *, progress: Progress | None = None,
                     cancel: CancelToken | None = None, workers: int | None = None) -> ImportReport:
        """Read files/folders/archives/tables and import every article found (see import_articles)."""
        from desktop.corpus.readers import read_paths

        report = ImportReport()
        articles = read_paths([str(p) for p in paths], on_skip=report.skipped.append,
                              progress=progress, cancel=cancel)
        return self.import_articles(articles, cancel=cancel, report=report, workers=workers)

    def import_articles(self, articles: Iterable[Article], *, progress: Progress | None = None,
                        cancel: CancelToken | None = None, report: ImportReport | None = None,
                        workers: int | None = None) -> ImportReport:
        """Analyse and store articles, committing per batch; idempotent by content hash.

        Killing the process loses at most the batches not yet committed; importing the same
        input again adds exactly what is missing. Cancelling keeps what was committed.
        """
        report = report or ImportReport()
        fp = _rules_fingerprint()
        analyzer = _Analyzer(workers)
        pending: deque = deque()
        in_flight: set[str] = set()
        done = 0

        def flush_one() -> None:
            nonlocal done
            batch, hashes, fut = pending.popleft()
            results = fut.result()
            rows = [
                NewRow(h, _article_fields(a), a.extra or {}, aj, fp, tags,
                       fold(a.full_text()))
                for a, h, (aj, tags) in zip(batch, hashes, results, strict=True)
            ]
            added = self.store.insert_batch(rows)
            report.added += added
            report.duplicates += len(rows) - added
            in_flight.difference_update(hashes)
            done += len(rows)
            if progress is not None:
                progress(done, 0, "")

        try:
            for batch in _batches(articles, BATCH):
                if cancel is not None and cancel.cancelled:
                    report.cancelled = True
                    break
                hashes = [a.content_hash() for a in batch]
                present = self.store.existing_hashes(hashes)
                keep, keep_h = [], []
                for a, h in zip(batch, hashes, strict=True):
                    if h in present or h in in_flight:
                        report.duplicates += 1
                        continue
                    in_flight.add(h)
                    keep.append(a)
                    keep_h.append(h)
                if not keep:
                    continue
                fut = analyzer.submit([(a.full_text(), a.lang) for a in keep])
                pending.append((keep, keep_h, fut))
                while len(pending) > analyzer.depth:
                    flush_one()
            if cancel is not None and cancel.cancelled:
                report.cancelled = True
            if report.cancelled:
                for _b, _h, fut in pending:
                    fut.cancel()
                pending.clear()
            while pending:
                flush_one()
        except BaseException as e:
            from desktop.jobs import Cancelled

            if isinstance(e, Cancelled):
                report.cancelled = True
            else:
                raise
        finally:
            analyzer.close()
            if report.added:
                self.refresh_snapshot()
        return report

    # ------------------------------------------------------------------------------ retag
    def retag(self, progress: Progress | None = None, cancel: CancelToken | None = None,
              workers: int | None = None) -> int:
        """Re-apply the current tagging rules to every article; returns how many were updated."""
        try:
            from desktop.analysis.pipeline import reload_rules

            reload_rules()
        except ImportError:
            pass
        fp = _rules_fingerprint()
        total = self.store.count()
        analyzer = _Analyzer(workers)
        pending: deque = deque()
        done = 0

        def flush_one() -> None:
            nonlocal done
            ids, fut = pending.popleft()
            results = fut.result()
            self.store.update_analysis(
                [(aid, aj, fp, tags) for aid, (aj, tags) in zip(ids, results, strict=True)])
            done += len(ids)
            if progress is not None:
                progress(done, total, "")

        try:
            for rows in self.store.iter_texts(BATCH):
                if cancel is not None and cancel.cancelled:
                    break
                ids = [r[0] for r in rows]
                items = [(f"{t}\n\n{b}" if t else b, lang) for _id, t, b, lang in rows]
                pending.append((ids, analyzer.submit(items)))
                while len(pending) > analyzer.depth:
                    flush_one()
            if cancel is not None and cancel.cancelled:
                for _i, fut in pending:
                    fut.cancel()
                pending.clear()
            while pending:
                flush_one()
        finally:
            analyzer.close()
            if done:
                self.refresh_snapshot()
        return done

    @staticmethod
    def rules_fingerprint() -> str:
        """Fingerprint of the tagging rules now in force (stored per article at analysis)."""
        return _rules_fingerprint()

    # ------------------------------------------------------------------------------ catalog
    def refresh_snapshot(self) -> Catalog:
        """Rebuild the catalog from SQLite and write the Parquet snapshot beside the database."""
        gen = self.store.generation()
        table = snapshot.build_table(self.store.browse_rows())
        try:
            snapshot.write(table, self.snapshot_path, gen)
        except OSError:
            pass  # a read-only folder still opens, only slower next time
        self._catalog = snapshot.catalog_from_table(table)
        self._catalog_gen = gen
        return self._catalog

    def catalog(self) -> Catalog:
        """The in-memory catalog; from the Parquet snapshot when it is fresh, else from SQLite."""
        gen = self.store.generation()
        if self._catalog is not None and self._catalog_gen == gen:
            return self._catalog
        if snapshot.generation_of(self.snapshot_path) == gen:
            try:
                self._catalog = snapshot.catalog_from_table(snapshot.read(self.snapshot_path))
                self._catalog_gen = gen
                return self._catalog
            except Exception:  # noqa: BLE001 - a damaged snapshot is rebuilt
                pass
        return self.refresh_snapshot()

    def search_ids(self, text: str) -> np.ndarray | None:
        """Ids matching the free text (prefix*, "phrase", OR), or None when there is no text."""
        t = terms(text or "")
        if not t:
            return None
        return self.store.search_ids(t)

    def query(self, f: Filter) -> np.ndarray:
        """Catalog positions (newest first) matching the filter: FTS for f.text, then facets."""
        return self.catalog().filter(f, self.search_ids(f.text))

    # ------------------------------------------------------------------------------ reading
    def get(self, article_id: int) -> StoredArticle:
        """One article with its analysis; KeyError when no article has this id."""
        from desktop.analysis.model import Analysis

        d = self.store.get(article_id)
        if d is None:
            raise KeyError(article_id)
        extra = json.loads(d["extra"]) if d.get("extra") else {}
        art = Article(**{n: d[n] for n in ARTICLE_FIELDS}, extra=extra)
        analysis = Analysis.from_json(json.loads(d["analysis"])) if d.get("analysis") else Analysis()
        return StoredArticle(id=d["id"], article=art, analysis=analysis,
                             content_hash=d["content_hash"], rules_fingerprint=d["rules_fp"],
                             imported_at=d["imported_at"], tags=d["tags"])

    def stats(self) -> dict:
        """Counts per language, source and year (plus total and rules fingerprints)."""
        return self.store.stats()

    def is_empty(self) -> bool:
        return self.store.count() == 0

    def __len__(self) -> int:
        return self.store.count()
