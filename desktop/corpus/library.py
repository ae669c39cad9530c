"""The article library: idempotent, batch-transactional import with analysis, catalog, search.

One folder holds `library.sqlite` (articles, tags, FTS5; see `store.py`) and
`catalog.parquet` (browse columns for fast opening; see `snapshot.py`).
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import orjson

from desktop.analysis.counterparts import day_of
from desktop.core.article import Article
from desktop.core.query import MULTI_FACETS, Catalog, Filter, ValueResolver
from desktop.core.searchsyntax import fold, terms
from desktop.corpus import snapshot
from desktop.corpus.pairing import PairingMixin
from desktop.corpus.search import Searcher, SearchResult
from desktop.corpus.store import (
    ARTICLE_FIELDS,
    DB_NAME,
    NewRow,
    SQLiteStore,
    StoreError,
)
from desktop.i18n import N_
from desktop.jobs import CancelToken, Progress

__all__ = ["ImportReport", "Library", "RetagPlan", "RetagReport", "StoredArticle", "StoreError"]

BATCH = 500
RETAG_INLINE_MAX = 6000  # a retag of up to this many articles runs without worker processes
RULES_SNAPSHOT_KEY = "rules_snapshot"  # meta key: the rules the stored tags reflect
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


@dataclass
class RetagReport:
    """What a retag did: articles re-analysed, how many changed, and whether it was full."""

    total: int = 0
    rechecked: int = 0
    updated: int = 0
    full: bool = False
    reason: str = ""
    cancelled: bool = False

    def to_json(self) -> dict:
        return {"total": self.total, "rechecked": self.rechecked, "updated": self.updated,
                "full": self.full, "reason": self.reason, "cancelled": self.cancelled}


@dataclass
class RetagPlan:
    """Article ids a retag must re-analyse; `full` when every article is in scope."""

    ids: list[int]
    full: bool
    reason: str
    # analysed under rules this library has no snapshot of: their stored tags are checked
    # against the new analysis, not taken from the stored one (as for all, when `full`)
    unknown: set[int] = field(default_factory=set)

    def trusts(self, aid: int) -> bool:
        """Whether the stored tags of article `aid` may be read from its stored analysis."""
        return not self.full and aid not in self.unknown


def _np_column(col, dtype) -> np.ndarray:
    """A fixed-width Arrow column as numpy (no pandas)."""
    import pyarrow as pa

    arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    return np.asarray(arr.to_numpy(zero_copy_only=False), dtype=dtype)


def patch_tags(table, changed: dict[int, dict[str, list[str]]],
               kinds: Iterable[str] | None = None):
    """The snapshot table with the tag lists of `changed` article ids replaced.

    Rows whose lists are unchanged keep their codes; values no row carries any more leave
    the vocabulary. Vectorised over the untouched rows, so cost barely grows with the library.
    `kinds`: the only tag kinds that may have changed, if known (the others are not read).
    """
    import pyarrow as pa

    meta = dict(table.schema.metadata or {})
    vocab = json.loads(meta[snapshot._VOCAB_KEY])
    ids = _np_column(table.column("id"), np.int64)
    order = np.argsort(ids, kind="stable")
    want = np.fromiter(changed, dtype=np.int64, count=len(changed))
    at = np.minimum(np.searchsorted(ids[order], want), max(len(ids) - 1, 0))
    ok = ids[order][at] == want if len(ids) else np.zeros(len(want), dtype=bool)
    rows = {int(order[a]): int(w) for a, w, k in zip(at, want, ok, strict=True) if k}
    for kind in MULTI_FACETS if kinds is None else [k for k in MULTI_FACETS if k in kinds]:
        col = table.column(kind).combine_chunks()
        old_off = _np_column(col.offsets, np.int64)
        old_codes = _np_column(col.values, np.int32)
        base = old_off[0]
        old_off = old_off - base
        old_codes = old_codes[base : base + old_off[-1]]
        values = list(vocab[kind])
        new_lists = {r: sorted(set(changed[aid].get(kind, ()))) for r, aid in rows.items()}
        if all(sorted(values[c] for c in old_codes[old_off[r]:old_off[r + 1]]) == lst
               for r, lst in new_lists.items()):
            continue
        index = {v: i for i, v in enumerate(values)}
        lengths = np.diff(old_off)
        new_len = lengths.copy()
        for r, lst in new_lists.items():
            new_len[r] = len(lst)
        offsets = np.zeros(len(ids) + 1, dtype=np.int64)
        np.cumsum(new_len, out=offsets[1:])
        codes = np.empty(int(offsets[-1]), dtype=np.int32)
        keep_row = np.ones(len(ids), dtype=bool)
        keep_row[list(rows)] = False
        row_of = np.repeat(np.arange(len(ids)), lengths)
        src = np.nonzero(keep_row[row_of])[0]
        codes[offsets[row_of[src]] + (src - old_off[row_of[src]])] = old_codes[src]
        for r, lst in new_lists.items():
            codes[offsets[r]:offsets[r + 1]] = [index.setdefault(v, len(index)) for v in lst]
        values = list(index)
        used = np.zeros(len(values), dtype=bool)  # drop values no row carries any more
        used[codes] = True
        codes = (np.cumsum(used) - 1)[codes].astype(np.int32)
        vocab[kind] = [v for v, u in zip(values, used, strict=True) if u]
        arr = pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32), type=pa.int32()),
                                       pa.array(codes, type=pa.int32()))
        table = table.set_column(table.schema.get_field_index(kind), kind, arr)
    meta[snapshot._VOCAB_KEY] = json.dumps(vocab).encode()
    return table.replace_schema_metadata(meta)


# ------------------------------------------------------------------ analysis (also in workers)

def _analyze_texts(items: Sequence[tuple[str, str]]
                   ) -> list[tuple[str, dict[str, list[str]], tuple[str, str, str]]]:
    """Analyse (text, lang) pairs → (analysis JSON, tag ids, pairing anchor tokens);
    runs in worker processes too."""
    from desktop.analysis.counterparts import doc_tokens
    from desktop.analysis.pipeline import analyze

    out = []
    for text, lang in items:
        a = analyze(text, lang=lang)
        out.append((_analysis_json(a), a.tag_ids(), doc_tokens(text, a, lang)))
    return out


def _norm_tags(tags: dict[str, list[str]]) -> dict[str, list[str]]:
    """Tag ids as the store keeps them: kinds with values only, each sorted once."""
    return {k: sorted(set(v)) for k, v in tags.items() if v}


def _analysis_json(a) -> str:
    """An analysis as stored: compact JSON of the model dataclasses in field order, text
    unescaped (what json.dumps(a, default=vars, ensure_ascii=False, separators=(",", ":"))
    writes, ~7x faster)."""
    return orjson.dumps(a).decode()


def _reanalyze_texts(items: Sequence[tuple[str, str, str | None, bool]]
                     ) -> list[tuple[str, dict[str, list[str]],
                                     tuple[str, str, str] | None, dict[str, list[str]] | None]]:
    """`_analyze_texts` for a re-tag of (text, lang, stored analysis JSON, trusted) items →
    (analysis JSON, tag ids, pairing tokens, stored tag ids).

    A trusted stored analysis was made under the rules in force but for the entries that
    changed (`RetagPlan.trusts`): its key figures are kept, as they depend on the text and
    the figure rules alone. The stored tags (None if not known, or if the analysis is
    unchanged) let the store write only the tags that changed, and the pairing tokens are
    None when the anchors are as stored (a rule edit of sectors only), so neither the
    worker nor the store spends time on them.
    """
    from desktop.analysis.counterparts import doc_tokens
    from desktop.analysis.pipeline import analyze

    out: list = []
    for text, lang, old, trusted in items:
        figures = _stored_figures(old) if trusted and old else None
        a = analyze(text, lang=lang, figures=figures)
        aj = _analysis_json(a)
        tags = a.tag_ids()
        if aj == old:
            out.append((aj, tags, None, None))
            continue
        stored, same = _as_stored(a, aj, tags, old)
        out.append((aj, tags, None if same else doc_tokens(text, a, lang), stored))
    return out


# A stored analysis is {"lang":…,"countries":[…],"sectors":[…],"people":[…],"orgs":[…],
# "figures":[…],"quotes":[…]} (dataclass field order); a string value cannot hold these
# keys (its quotes are escaped)
_SECTORS_AT, _PEOPLE_AT = ',"sectors":', ',"people":'
_FIGURES_AT, _QUOTES_AT = ',"figures":', ',"quotes":'


def _list_at(aj: str, key: str, after: str) -> tuple[int, int] | None:
    """Where the list JSON of `key` lies in a stored analysis JSON (`after`: the next key)."""
    i = aj.find(key)
    j = aj.find(after, i)
    return None if i < 0 or j < 0 else (i + len(key), j)


def _stored_figures(aj: str) -> list | None:
    """The key figures of a stored analysis JSON, or None if they cannot be read."""
    from desktop.analysis.model import Analysis

    at = _list_at(aj, _FIGURES_AT, _QUOTES_AT)
    try:
        return None if at is None else Analysis.from_json(
            {"figures": orjson.loads(aj[at[0]:at[1]])}).figures
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _split_sectors(aj: str) -> tuple[str, str] | None:
    """(the analysis JSON without its sectors, the sectors list JSON), or None."""
    at = _list_at(aj, _SECTORS_AT, _PEOPLE_AT)
    if at is None:
        return None
    return aj[:at[0] - len(_SECTORS_AT)] + aj[at[1]:], aj[at[0]:at[1]]


def _as_stored(a, aj: str, tags: dict[str, list[str]], old: str | None
               ) -> tuple[dict[str, list[str]] | None, bool]:
    """The tag ids of the stored analysis JSON `old`, and whether its pairing anchors are
    those of the new analysis `a` of the same text (its JSON `aj`, tag ids `tags`);
    (None, False) when there is none or it is damaged, so that everything is rebuilt."""
    from desktop.analysis.counterparts import anchor_signature
    from desktop.analysis.model import Analysis

    if old is None:
        return None, False
    new_cut, old_cut = _split_sectors(aj), _split_sectors(old)
    try:
        if new_cut is not None and old_cut is not None and new_cut[0] == old_cut[0]:
            # only the sectors differ (the usual rule edit): no need to read the rest
            return {**tags, "sector": [t["id"] for t in orjson.loads(old_cut[1])]}, True
        prev = Analysis.from_json(orjson.loads(old))
        return prev.tag_ids(), anchor_signature(a) == anchor_signature(prev)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None, False


def _analyze_new(items: Sequence[tuple[str, str]]) -> list[tuple]:
    """`_analyze_texts` plus the folded text for the full-text index and the pairing index
    text: at import these are made in the workers too, so the main process, which writes
    the store and is the import's narrowest stage, has as little else to do as can be."""
    from desktop.analysis.counterparts import index_text

    return [(*r, fold(text), index_text(lang or "other", r[2][0]))
            for r, (text, lang) in zip(_analyze_texts(items), items, strict=True)]


def _exit_with_parent(parent: int, poll_s: float = 0.5) -> None:
    """In each analysis worker: exit as soon as the process that started it is gone.

    A killed app or `kenes import` (SIGKILL, a crash) runs no shutdown, and the workers,
    blocked on a queue nobody writes to, would stay behind with their memory (and keep
    multiprocessing's resource tracker alive through its pipe). An orphan is re-parented,
    so a change of the parent pid says the parent died; a daemon thread checks it.
    `parent` is the starting process's pid, given from there: a worker still loading its
    modules when the parent died must not take its new parent for the one to watch.
    """
    import threading
    import time

    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(poll_s)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="kenes-parent-watch", daemon=True).start()


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
        self.big = False  # known in advance to exceed PARALLEL_AFTER

    def submit(self, items: list[tuple[str, str]], fn: Callable = _analyze_texts):
        """Analyse `items` with `fn`, in the workers once the job is known to be big."""
        self.seen += len(items)
        want = self.workers
        if want is None:
            big = self.big or self.seen > PARALLEL_AFTER
            want = min(2, os.cpu_count() or 1) if big else 0
            want = 0 if want < 2 else want
        if want and self.pool is None:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(max_workers=want,
                                            mp_context=mp.get_context("spawn"),
                                            initializer=_exit_with_parent,
                                            initargs=(os.getpid(),))
        if self.pool is not None:
            return self.pool.submit(fn, items)
        return _Done(fn(items))

    @property
    def depth(self) -> int:
        """How many batches may be in flight."""
        return (self.pool._max_workers + 1) if self.pool is not None else 0

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _looks_big(paths: Sequence[str | os.PathLike]) -> bool:
    """Whether files and folders to import hold more than PARALLEL_AFTER articles' worth
    (by file count, or by size at ~4 KB an article); stops looking as soon as they do."""
    files = size = 0
    limit = PARALLEL_AFTER * 4096
    for p in paths:
        for root, _dirs, names in os.walk(p) if os.path.isdir(p) else [("", [], [p])]:
            for n in names:
                files += 1
                try:
                    size += os.path.getsize(os.path.join(root, n))
                except OSError:
                    continue
                if files > PARALLEL_AFTER or size > limit:
                    return True
    return False


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


class Library(PairingMixin):
    """A library folder: SQLite store + FTS5 + Parquet snapshot → Catalog.

    Bilingual pairing and pins (counterparts, pin_pair, unpin, set_no_counterpart, pin_of,
    save_links, counterpart_search, pair_all) come from `corpus.pairing.PairingMixin`.
    """

    def __init__(self, folder: Path, store: SQLiteStore):
        self.folder = Path(folder)
        self.store = store
        self._catalog: Catalog | None = None
        self._catalog_gen = -1
        self._searcher: Searcher | None = None
        self.last_retag: RetagReport | None = None

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
        return self.import_articles(articles, cancel=cancel, report=report, workers=workers,
                                    big=_looks_big(paths))

    def import_articles(self, articles: Iterable[Article], *, progress: Progress | None = None,
                        cancel: CancelToken | None = None, report: ImportReport | None = None,
                        workers: int | None = None, big: bool = False) -> ImportReport:
        """Analyse and store articles, committing per batch; idempotent by content hash.

        `big`: the input is known to hold more than PARALLEL_AFTER articles.

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
                NewRow(h, _article_fields(a), a.extra or {}, aj, fp, tags, folded,
                       pair_tokens=ptoks, pair_day=day_of(a.date), pair_text=ptext)
                for a, h, (aj, tags, ptoks, folded, ptext)
                in zip(batch, hashes, results, strict=True)
            ]
            added = self.store.insert_batch(rows)
            report.added += added
            report.duplicates += len(rows) - added
            in_flight.difference_update(hashes)
            done += len(rows)
            if progress is not None:
                progress(done, 0, "")

        # an import known to be big analyses in the workers from its first article, so the
        # rules are compiled only there, never in this process, which writes the store and
        # is the import's narrowest stage
        analyzer.big = big
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
                fut = analyzer.submit([(a.full_text(), a.lang) for a in keep], _analyze_new)
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
                self._record_rules_if_uniform(fp)
        return report

    def _record_rules_if_uniform(self, fp: str) -> None:
        """Store the rules snapshot when none is stored and every article used these rules."""
        if self.store.get_meta(RULES_SNAPSHOT_KEY) is not None:
            return
        if self.store.ids_with_rules_fp([fp], negate=True):
            return  # older articles: the first retag decides (full)
        from desktop.analysis.pipeline import rules_snapshot

        snap = rules_snapshot(fresh=True)  # no compiling here: workers did the analysis
        if snap["fingerprint"] == fp:
            snap["fingerprints"] = [fp]
            self.store.set_meta(RULES_SNAPSHOT_KEY, json.dumps(snap, ensure_ascii=False))

    # ------------------------------------------------------------------------------ retag
    def retag(self, progress: Progress | None = None, cancel: CancelToken | None = None,
              workers: int | None = None, full: bool = False) -> int:
        """Re-apply the current rules; returns how many articles were re-analysed.

        Only the articles a rule edit can reach are re-analysed (see `plan_retag`), unless
        `full` or the engine, global rules or home country changed. The rules snapshot is
        stored when the job completes; a cancelled job leaves each article either done
        (new rules fingerprint) or untouched, and the next retag finishes it.
        Details of the last run are in `last_retag`.
        """
        from desktop.analysis.pipeline import forget_rules, rules_snapshot

        forget_rules()  # analysis here (if any) compiles the files as they are now
        snap = rules_snapshot(fresh=True)
        fp = snap["fingerprint"]
        plan = self.plan_retag(snap, full=full)
        report = RetagReport(total=self.store.count(), full=plan.full, reason=plan.reason)
        self.last_retag = report
        ids = plan.ids
        gen0 = self.store.generation()
        table0 = self._fresh_snapshot_table(gen0) if not plan.full else None
        writes = 0
        changed_tags: dict[int, dict[str, list[str]]] = {}
        changed_kinds: set[str] = set()
        if workers is None:  # worker processes pay off only for many articles
            cpus = min(2, os.cpu_count() or 1)
            workers = cpus if len(ids) > RETAG_INLINE_MAX and cpus >= 2 else 0
        analyzer = _Analyzer(workers)
        pending: deque = deque()

        def flush_one() -> None:
            nonlocal writes
            rows, fut = pending.popleft()
            results = fut.result()
            out, pair_rows = [], []
            # tags not trusted to match their stored analysis are read and rewritten
            check = self.store.tags_of([r[0] for r, res in zip(rows, results, strict=True)
                                        if res[0] == r[4] and not plan.trusts(r[0])])
            for (aid, _t, _b, _lang, old_json), (aj, tags, ptoks, stored) in zip(
                    rows, results, strict=True):
                norm = _norm_tags(tags)
                trust = plan.trusts(aid)
                if aj == old_json and (trust or norm == check.get(aid, {})):
                    continue  # same result: nothing to write (the old rules_fp stays valid)
                stored = _norm_tags(stored) if trust and stored is not None else None
                out.append((aid, aj, fp, norm, stored))
                if ptoks is not None:
                    pair_rows.append((aid, ptoks))
                if table0 is not None and norm != stored:
                    changed_tags[aid] = norm
                    changed_kinds.update(MULTI_FACETS if stored is None else (
                        k for k in norm.keys() | stored.keys() if norm.get(k) != stored.get(k)))
            if out:
                self.store.update_analysis(out)
                if pair_rows:
                    self.store.update_pair_tokens(pair_rows)
                writes += 1
            report.updated += len(out)
            report.rechecked += len(rows)
            if progress is not None:
                progress(report.rechecked, len(ids), "")

        try:
            for i in range(0, len(ids), BATCH):
                if cancel is not None and cancel.cancelled:
                    break
                rows = self.store.texts_of(ids[i : i + BATCH])
                # spans must refer to Article.full_text(), exactly as at import
                items = [(Article(title=t or "", body=b or "").full_text(), lang, old,
                          plan.trusts(aid)) for aid, t, b, lang, old in rows]
                pending.append((rows, analyzer.submit(items, _reanalyze_texts)))
                while len(pending) > analyzer.depth:
                    flush_one()
            if cancel is not None and cancel.cancelled:
                report.cancelled = True
                for _r, fut in pending:
                    fut.cancel()
                pending.clear()
            while pending:
                flush_one()
        finally:
            analyzer.close()
            if writes:
                self._update_snapshot_after_retag(table0, gen0, writes, changed_tags,
                                                  changed_kinds)
        if not report.cancelled:
            snap["fingerprints"] = sorted(set(self.store.rules_fps()) | {fp})
            self.store.set_meta(RULES_SNAPSHOT_KEY, json.dumps(snap, ensure_ascii=False))
        return report.rechecked

    def plan_retag(self, snap: dict | None = None, full: bool = False) -> RetagPlan:
        """Which articles a retag must re-analyse for the rules now in force, and why.

        Incremental when only entries (countries, sectors, people, orgs) changed: articles
        tagged with a changed id, plus those whose text contains any old or new surface of
        a changed entry (FTS prefix queries on the folded index), plus articles analysed
        under rules the stored snapshot does not describe. Articles already analysed under
        the current rules are skipped unless `full`.
        """
        from desktop.analysis.pipeline import rules_snapshot
        from desktop.analysis.ruleset import diff

        if snap is None:
            snap = rules_snapshot(fresh=True)  # the rule files as they are now
        fp = snap["fingerprint"]
        if full:
            return RetagPlan(self.store.all_ids(), True, N_("requested"))
        raw = self.store.get_meta(RULES_SNAPSHOT_KEY)
        old = json.loads(raw) if raw else None
        d = diff(old, snap)
        phrases = None if d.full else self._search_phrases(d.surfaces)
        if d.full or phrases is None:
            why = d.reason or N_("a changed rule cannot be searched in the index")
            return RetagPlan(sorted(self.store.ids_with_rules_fp([fp], negate=True)), True, why)
        unknown = self.store.ids_with_rules_fp([*old.get("fingerprints", []), fp], negate=True)
        ids = set(unknown)
        if d.changed:
            pairs = [(k, i) for kind, i in d.tagged
                     for k in (("country", "partner") if kind == "country" else (kind,))]
            ids |= self.store.ids_tagged(pairs)
            ids |= self.store.ids_matching_phrases(phrases)
            ids -= self.store.ids_with_rules_fp([fp])
        return RetagPlan(sorted(ids), False, "", unknown)

    def _search_phrases(self, surfaces: Sequence[str]) -> list[list[str]] | None:
        """Token phrases for the FTS index covering every surface; None if one cannot be."""
        from desktop.analysis.ruleset import search_forms

        forms: list[str] = []
        for s in surfaces:
            f = search_forms(s)
            if f is None:
                return None
            forms += f
        phrases = self.store.tokenize(forms)
        if any(not p for p in phrases):
            return None
        return phrases

    def _fresh_snapshot_table(self, gen: int):
        """The Parquet snapshot table when it matches generation `gen`, else None."""
        if snapshot.generation_of(self.snapshot_path) != gen:
            return None
        try:
            return snapshot.read(self.snapshot_path)
        except Exception:  # noqa: BLE001 - a damaged snapshot is rebuilt
            return None

    def _update_snapshot_after_retag(self, table0, gen0: int, writes: int,
                                     changed: dict[int, dict[str, list[str]]],
                                     kinds: set[str]) -> None:
        """Patch the tag columns of the re-tagged rows, or rebuild when others wrote too."""
        gen = self.store.generation()
        if table0 is None or gen != gen0 + writes:
            self.refresh_snapshot()
            return
        table = patch_tags(table0, changed, kinds) if changed else table0
        try:
            snapshot.write(table, self.snapshot_path, gen)
        except OSError:
            self._catalog = snapshot.catalog_from_table(table)
            self._catalog_gen = gen
            return
        self._catalog = None  # built from the new snapshot when next asked for

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

    def written_name(self, kind: str, value: str) -> str | None:
        """How the texts write a person or organisation that has no rule entry (found by a
        title or a given name): its name in the first article tagged with it, else None."""
        attr = {"person": "people", "org": "orgs"}.get(kind)
        if attr is None:
            return None
        gen = self.store.generation()
        cache = getattr(self, "_written", None)
        if cache is None or cache[0] != gen:
            cache = self._written = (gen, {})
        key = (kind, value)
        if key not in cache[1]:
            raw = self.store.analysis_tagged(kind, value)
            name = None
            if raw:
                for t in json.loads(raw).get(attr) or []:
                    if t.get("id") == value:
                        # the shortest form as written is the citation form more often
                        # than the first one (Грег Кларк, not Грега Кларка or Грегом Кларком)
                        name = min(t.get("phrases") or [], key=len, default=None) or t.get("name")
                        break
            cache[1][key] = name
        return cache[1][key]

    def search_ids(self, text: str) -> np.ndarray | None:
        """Ids matching the free text (prefix*, "phrase", OR), or None when there is no text.

        Words match their inflected forms and known names match in any script
        (corpus.search)."""
        return self.search(text).ids

    def search(self, text: str) -> SearchResult:
        """`search_ids` plus how names in the text were read and the words to highlight."""
        if not terms(text or ""):
            return SearchResult(None)
        if self._searcher is None:
            self._searcher = Searcher(self.store, self.catalog)
        return self._searcher.search(text)

    def clear_search_cache(self) -> None:
        """Forget cached searches and word forms (they are also dropped on any change to
        the library); benchmarks use it to time searches cold."""
        if self._searcher is not None:
            self._searcher.clear()

    def snippets(self, ids: Sequence[int], text: str, width: int = 100) -> dict[int, str]:
        """id → about `width` characters around the first match of the free `text`."""
        if not terms(text or ""):
            return {}
        self.search(text)  # creates the searcher
        return self._searcher.snippets(ids, text, width)

    def value_resolver(self) -> ValueResolver:
        """Field values (country:Өзбекстан, person:Токаев, source:…) → ids, with this
        library's own people, organisations and sources; for `parse_query`."""
        from desktop.analysis.search_names import ValueResolver

        return ValueResolver(self.catalog().values)

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
