"""Bilingual pairing in the library: counterparts from the anchor index, pins, stored links.

`PairingMixin` is part of `Library`; all SQL is in `store.py`, the scoring in
`analysis.counterparts`. Pins are stored by content hash in both directions (a → b and
b → a), so a re-tag (same hash) or a re-import (new id, same hash) keeps them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from desktop.analysis import counterparts as cp
from desktop.jobs import CancelToken, Progress

__all__ = ["Pin", "PairingMixin", "SearchHit"]

INDEX_BATCH = 500
PARALLEL_PAIRING = 20_000  # whole-library pairing uses two processes above this many articles
PAIR_ALL_CACHE = 20_000  # parsed articles kept while pairing the whole library
DF_CACHE_MAX = 2_000_000  # document frequencies remembered per process (~100 bytes each)


@dataclass
class Pin:
    """A hand-made pairing: `b` None means "no counterpart"; links oriented a = left."""

    a: int
    b: int | None
    links: list | None = None  # list[alignment.Link] (dicts if alignment is unavailable)
    created: str = ""


@dataclass
class SearchHit:
    """An article offered by the counterpart dropdown's search."""

    id: int
    title: str
    date: str | None
    source: str | None
    lang: str


def _link_dict(link) -> dict:
    d = link if isinstance(link, dict) else vars(link)
    return {"left": [int(i) for i in d["left"]], "right": [int(i) for i in d["right"]],
            "type": d.get("type") or f"{len(d['left'])}:{len(d['right'])}",
            "score": float(d.get("score", 1.0)), "confirmed": bool(d.get("confirmed", False))}


def _mirror(d: dict) -> dict:
    return {**d, "left": d["right"], "right": d["left"],
            "type": ":".join(reversed(d["type"].split(":")))}


def _links_out(raw: str | None) -> list | None:
    if not raw:
        return None
    items = json.loads(raw)
    try:
        from desktop.analysis.alignment import Link
    except ImportError:
        return items
    out = []
    for d in items:
        try:
            out.append(Link(left=tuple(d["left"]), right=tuple(d["right"]), type=d["type"],
                            score=d.get("score", 1.0), confirmed=d.get("confirmed", False)))
        except TypeError:
            out.append(d)
    return out


class PairingMixin:
    """Counterparts and pins for `Library` (needs `self.store` and `self.get`)."""

    _pair_gen: int = -1
    _pair_counts: dict[str, int] | None = None

    # ---------------------------------------------------------------- index upkeep
    def ensure_pair_index(self, progress: Progress | None = None,
                          cancel: CancelToken | None = None) -> int:
        """Index articles stored before pairing existed (a schema-3 library); returns how many.

        Runs once per library change; a library imported by this Kenes has nothing to do.
        """
        gen = self.store.generation()
        if self._pair_gen == gen:
            return 0
        done = 0
        missing = self.store.count() - self.store.pair_count()
        while missing > 0:
            rows = self.store.pair_missing(INDEX_BATCH)
            if not rows:
                break
            if cancel is not None and cancel.cancelled:
                return done
            out = []
            for aid, title, body, lang, date, aj in rows:
                from desktop.core.article import Article

                text = Article(title=title or "", body=body or "").full_text()
                analysis = json.loads(aj) if aj else {}
                out.append((aid, lang or "other", cp.day_of(date),
                            len(title or "") + len(body or ""),
                            *cp.doc_tokens(text, analysis, lang)))
            self.store.put_pair_docs(out)
            done += len(out)
            if progress is not None:
                progress(done, missing, "")
        self._pair_gen = self.store.generation()
        self._pair_counts = self.store.pair_lang_counts()
        return done

    def _df(self, prefix: str, tokens) -> dict[str, int]:
        """How many articles of the other language hold each token; remembered until the
        library changes (reading a count costs as much as its posting list)."""
        gen = self.store.generation()
        cache = getattr(self, "_pair_df_cache", None)
        if cache is None or cache[0] != gen or len(cache[1]) > DF_CACHE_MAX:
            cache = (gen, {})
            self._pair_df_cache = cache
        known = cache[1]
        missing = [prefix + t for t in tokens if prefix + t not in known]
        if missing:
            got = self.store.pair_df(missing)
            for term in missing:
                known[term] = got.get(term, 0)
        return {t: n for t in tokens if (n := known[prefix + t])}

    def _avg_tokens(self, lang: str) -> float:
        """Mean number of anchors per article of a language (cached per library change)."""
        gen = self.store.generation()
        cache = getattr(self, "_pair_avg", None)
        if cache is None or cache[0] != gen:
            cache = (gen, self.store.pair_avg_tokens())
            self._pair_avg = cache
        return cache[1].get(lang, 1.0)

    def _lang_counts(self) -> dict[str, int]:
        self.ensure_pair_index()
        if self._pair_counts is None:
            self._pair_counts = self.store.pair_lang_counts()
        return self._pair_counts

    # ---------------------------------------------------------------- counterparts
    def _pair_doc(self, row) -> cp.PairDoc:
        return cp.PairDoc.from_row(row)

    def counterparts(self, article_id: int, top: int = 5, *,
                     names: bool = True) -> list[cp.Candidate]:
        """Counterpart candidates in the other language, best first; a pin comes first
        (pinned=True); an article marked "no counterpart" has none. `names`: the reasons
        also list the shared names as the article writes them (reads its text)."""
        counts = self._lang_counts()
        rows = self.store.pair_docs_of([article_id])
        if not rows:
            return []
        q = self._pair_doc(rows[0])
        other = cp.other_lang(q.lang)
        pin = self.pin_of(article_id)
        if pin is not None and pin.b is None:
            return []
        if other is None and pin is None:
            return []
        prefix = cp.lang_prefix(other) if other else ""
        n_other = counts.get(other, 0) if other else 0
        df = self._df(prefix, q.tokens) if other else {}

        def load(ids: Sequence[int]) -> list[cp.PairDoc]:
            return [self._pair_doc(r) for r in self.store.pair_docs_of(ids)]

        bg = cp.Background(n_other, self._avg_tokens(other), df)
        ranked = cp.rank(q, lambda t: self.store.pair_postings(prefix + t).tolist(), bg, load,
                         top=top + 1) if other else []
        out: list[tuple[cp.PairDoc, cp.Score, bool]] = []
        if pin is not None and pin.b is not None:
            prow = self.store.pair_docs_of([pin.b])
            if prow:
                pdoc = self._pair_doc(prow[0])
                out.append((pdoc, cp.score_pair(q, pdoc, bg), True))
        out += [(c, s, False) for c, s in ranked if not out or c.id != out[0][0].id]
        out = out[:top]
        return self._with_reasons(article_id, q, out, names)

    def _with_reasons(self, article_id: int, q: cp.PairDoc,
                      items: list[tuple[cp.PairDoc, cp.Score, bool]],
                      names: bool) -> list[cp.Candidate]:
        if not items:
            return []
        labels = None
        if names:
            sa = self.get(article_id)
            labels = cp.anchors(sa.article.full_text(), sa.analysis, q.lang)
        return [cp.Candidate(c.id, s.score, s.relation,
                             cp.reasons(s.shared, q.day, c.day, labels), pinned)
                for c, s, pinned in items]

    def pair_all(self, ids: Sequence[int] | None = None, top: int = 5,
                 progress: Progress | None = None, cancel: CancelToken | None = None,
                 with_reasons: bool = True, workers: int | None = None
                 ) -> list[tuple[int, str, list[cp.Candidate]]]:
        """(id, lang, candidates) for these articles (default: all), from an in-memory copy
        of the index: the same ranking as `counterparts`, without a query per posting list.
        A large library is split between `workers` processes (default: 2 when the machine
        has them and there are over `PARALLEL_PAIRING` articles)."""
        want_all = list(ids) if ids is not None else self.store.all_ids()
        if workers is None:
            workers = 2 if len(want_all) > PARALLEL_PAIRING and (os.cpu_count() or 1) >= 2 else 0
        if workers >= 2 and len(want_all) > 1:
            return self._pair_all_parallel(want_all, top, with_reasons, workers)
        return self._pair_all(want_all, top, progress, cancel, with_reasons)

    def _pair_all_parallel(self, want: list[int], top: int, with_reasons: bool,
                           workers: int) -> list[tuple[int, str, list[cp.Candidate]]]:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        from desktop.i18n import current_language

        self.ensure_pair_index()
        size = -(-len(want) // workers)
        chunks = [want[i : i + size] for i in range(0, len(want), size)]
        with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn")) as ex:
            futs = [ex.submit(_pair_chunk, type(self), str(self.folder), chunk, top,
                              with_reasons, current_language()) for chunk in chunks]
            out: list = []
            for f in futs:
                out += f.result()
        return out

    def _pair_all(self, want: list[int], top: int, progress: Progress | None,
                  cancel: CancelToken | None, with_reasons: bool
                  ) -> list[tuple[int, str, list[cp.Candidate]]]:
        counts = self._lang_counts()
        raw: dict[int, tuple] = {}  # rows as stored; parsed into PairDocs when needed
        post: dict[str, dict[str, list[int]]] = {"kk": {}, "ru": {}}
        sizes: dict[str, list[int]] = {}
        for rows in self.store.iter_pair_docs():
            for row in rows:
                aid, lang = row[0], row[1]
                raw[aid] = row
                table = post.get(lang)
                toks = row[4].split()
                sizes.setdefault(lang, []).append(len(toks))
                if table is not None:
                    for t in toks:
                        lst = table.get(t)
                        if lst is None:
                            table[t] = [aid]
                        else:
                            lst.append(aid)
        avg = {lang: sum(v) / len(v) for lang, v in sizes.items()}

        @lru_cache(maxsize=PAIR_ALL_CACHE)
        def doc(aid: int) -> cp.PairDoc:
            return cp.PairDoc.from_row(raw[aid])

        class _Docs:  # the mapping the loop reads, parsing on demand
            def get(self, aid: int):
                return doc(aid) if aid in raw else None

            def __contains__(self, aid: int) -> bool:
                return aid in raw

            def __getitem__(self, aid: int) -> cp.PairDoc:
                return doc(aid)

        docs = _Docs()
        pins = self.store.pins_all()
        hashes = self.store.hashes_of(want) if pins else {}
        pin_ids = self.store.ids_of_hashes([h for h in pins.values() if h]) if pins else {}
        out = []
        for n, aid in enumerate(want):
            if cancel is not None and cancel.cancelled:
                break
            q = docs.get(aid)
            if q is None:
                out.append((aid, "other", []))
                continue
            other = cp.other_lang(q.lang)
            table = post.get(other, {}) if other else {}
            n_other = counts.get(other, 0) if other else 0
            df = {t: len(table[t]) for t in q.tokens if t in table}
            h = hashes.get(aid)
            pinned_to: int | None = None
            if h is not None and h in pins:
                if pins[h] is None:
                    out.append((aid, q.lang, []))
                    continue
                pinned_to = pin_ids.get(pins[h])
            bg = cp.Background(n_other, avg.get(other, 1.0), df)
            ranked = cp.rank(q, lambda t, table=table: table.get(t, ()), bg,
                             lambda xs: [docs[x] for x in sorted(xs) if x in docs],
                             top=top + 1) if other else []
            items: list[tuple[cp.PairDoc, cp.Score, bool]] = []
            if pinned_to is not None and pinned_to in docs:
                items.append((docs[pinned_to], cp.score_pair(q, docs[pinned_to], bg), True))
            items += [(c, s, False) for c, s in ranked if c.id != pinned_to]
            items = items[:top]
            if with_reasons:
                cands = self._with_reasons(aid, q, items, False)
            else:
                cands = [cp.Candidate(c.id, s.score, s.relation, [], p) for c, s, p in items]
            out.append((aid, q.lang, cands))
            if progress is not None and n % 1000 == 0:
                progress(n, len(want), "")
        return out

    def counterpart_search(self, article_id: int, text: str, limit: int = 50) -> list[SearchHit]:
        """Articles in the other language matching the dropdown's search text (newest first);
        the search box syntax applies (prefix*, "phrase", OR)."""
        from desktop.core.query import Filter

        lang = self.store.pair_docs_of([article_id])
        own = lang[0][1] if lang else self.get(article_id).article.lang
        other = cp.other_lang(own)
        f = Filter(text=text or "", langs=[other] if other else [])
        cat = self.catalog()
        out: list[SearchHit] = []
        for pos in self.query(f):
            row = cat.row(int(pos))
            if row["id"] == article_id:
                continue
            out.append(SearchHit(int(row["id"]), row.get("title") or "", row.get("date"),
                                 row.get("source"), row["lang"]))
            if len(out) >= limit:
                break
        return out

    # ---------------------------------------------------------------- pins
    def _hash(self, article_id: int) -> str:
        h = self.store.hashes_of([article_id]).get(article_id)
        if h is None:
            raise KeyError(article_id)
        return h

    def pin_of(self, article_id: int) -> Pin | None:
        """The pin of an article (b None = marked "no counterpart"), or None."""
        h = self._hash(article_id)
        got = self.store.pin_get(h)
        if got is None:
            return None
        b_hash, created, links = got
        if b_hash is None:
            return Pin(article_id, None, None, created)
        b = self.store.ids_of_hashes([b_hash]).get(b_hash)
        if b is None:  # the partner is not in this library (any more)
            return None
        return Pin(article_id, b, _links_out(links), created)

    def _unlink_partners(self, hashes: Sequence[str]) -> list[str]:
        """Hashes whose pins must go when these articles get a new pin: theirs and their
        partners' back-pointers."""
        gone = list(hashes)
        for h in hashes:
            got = self.store.pin_get(h)
            if got and got[0] is not None:
                back = self.store.pin_get(got[0])
                if back and back[0] == h:
                    gone.append(got[0])
        return gone

    def pin_pair(self, a_id: int, b_id: int) -> None:
        """Pin b as a's counterpart (and a as b's); replaces earlier pins of both."""
        if a_id == b_id:
            raise ValueError("an article cannot be its own counterpart")
        ha, hb = self._hash(a_id), self._hash(b_id)
        old = self.store.pin_get(ha)
        if old is not None and old[0] == hb:
            return  # already pinned together: keep the stored links
        self.store.pin_write([(ha, hb, None), (hb, ha, None)], self._unlink_partners([ha, hb]))

    def unpin(self, a_id: int) -> None:
        """Forget a's pin (and its partner's), back to automatic pairing."""
        self.store.pin_write([], self._unlink_partners([self._hash(a_id)]))

    def set_no_counterpart(self, a_id: int) -> None:
        """Mark that a has no counterpart in the library (a pin without partner)."""
        ha = self._hash(a_id)
        self.store.pin_write([(ha, None, None)], self._unlink_partners([ha]))

    def save_links(self, a_id: int, b_id: int, links: Sequence) -> None:
        """Store corrected alignment links of the pair (a = left side); pins the pair."""
        self.pin_pair(a_id, b_id)
        ha, hb = self._hash(a_id), self._hash(b_id)
        ds = [_link_dict(x) for x in links]
        self.store.pin_write([
            (ha, hb, json.dumps(ds, ensure_ascii=False)),
            (hb, ha, json.dumps([_mirror(d) for d in ds], ensure_ascii=False)),
        ])


def _pair_chunk(library_cls: type, folder: str, ids: list[int], top: int,
                with_reasons: bool, lang: str):
    """`pair_all` over some ids in a worker process (reasons in the caller's language).

    The library class comes as an argument (pickled by name): `corpus.library` builds on
    this module, so this module does not import it.
    """
    from desktop.i18n import setup

    setup(lang)
    with library_cls.open(folder) as lib:
        return lib._pair_all(ids, top, None, None, with_reasons)
