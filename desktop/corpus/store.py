"""SQLite backend of the library: schema, migrations, batch writes, FTS5 — all SQL lives here.

The rest of Kenes talks to `SQLiteStore` through a narrow interface (existing hashes,
insert/update a batch, full-text ids, browse rows, one article, stats) so that a
PostgreSQL backend can later implement the same methods.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from desktop.core.article import Article
from desktop.core.searchsyntax import Term, fold
from desktop.i18n import _

DB_NAME = "library.sqlite"
TAG_KINDS = ("country", "partner", "sector", "person", "org")
ARTICLE_FIELDS = ("title", "body", "date", "lang", "source", "author", "dateline_city",
                  "credited_to", "url", "origin")


class StoreError(Exception):
    """The library database cannot be used (e.g. created by a newer Kenes)."""


def _run_script(c: sqlite3.Connection, script: str) -> None:
    """Execute statements one by one (executescript would commit the migration transaction)."""
    stmt = ""
    for line in script.splitlines(keepends=True):
        stmt += line
        if sqlite3.complete_statement(stmt):
            c.execute(stmt)
            stmt = ""
    if stmt.strip():
        c.execute(stmt)


def _m1(c: sqlite3.Connection) -> None:
    _run_script(
        c,
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            date TEXT,
            lang TEXT NOT NULL DEFAULT 'other',
            source TEXT,
            author TEXT,
            dateline_city TEXT,
            credited_to TEXT,
            url TEXT,
            origin TEXT NOT NULL DEFAULT '',
            extra TEXT,
            analysis TEXT,
            rules_fp TEXT,
            imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE TABLE tags (
            article_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (article_id, kind, value)
        ) WITHOUT ROWID;
        CREATE VIRTUAL TABLE fts USING fts5(
            text, content='', columnsize=0, tokenize='unicode61 remove_diacritics 0'
        );
        INSERT INTO meta(key, value) VALUES ('generation', '0');
        """
    )


def _m2(c: sqlite3.Connection) -> None:
    # which articles were tagged by which rules, without reading article rows (incremental retag)
    c.execute("CREATE INDEX IF NOT EXISTS articles_rules_fp ON articles(rules_fp)")


# FTS5 prefix indexes: a query `stem*` whose stem has exactly one of these lengths (in
# characters) reads one precomputed doclist instead of merging the doclists of every word
# form starting with the stem. Kazakh agglutination gives a stem dozens of forms
# (Өзбекстан → -ның, -ға, -да, -мен, -дағы…), so without the index a common name costs
# 3–5x an exact word (100k bench: Өзбекстан* 17 ms native, 4–5 ms indexed, exact word 3.6 ms).
# What users type are the names and stems the gazetteers list: their 1,649 distinct kk/ru
# words (resources/gazetteers) are 5–10 letters long for 73 % of them (median 7;
# 5: 15 %, 6: 14 %, 7: 13 %, 8: 13 %, 9: 10 %, 10: 8 %, 11+: 12 %, ≤4: 15 %).
# The index for length n adds one posting per token occurrence of ≥ n letters, i.e. the
# share of such tokens (kk/ru news: n=5 77 %, 6 64 %, 7 54 %, 8 43 %, 9 33 %, 10 24 %)
# times the base index, so short lengths are the dearest. Measured at 100k articles
# (FTS alone: 80 MB, 10 s to build): 9 → +25 MB/+2.6 s; 6 9 → +73 MB/+5 s;
# 5 7 9 → +123 MB/+12 s; 6–10 → +164 MB/+14 s; 5–10 → +219 MB/+19 s.
# 6–10 covers 58 % of the gazetteer words; full 100k import 60 → 74 s (budget 90 s), library
# file 1,166 → 1,274 MB; migrating an existing 100k library re-indexes it once (~25 s). Left native: 5 letters (the dearest index, and such stems measured ≤ 8 ms
# natively at 100k), ≤ 4 (rarely typed as a prefix) and ≥ 11 (few forms per stem, so
# native matching is already cheap). Native prefix matching is exact, only slower.
FTS_PREFIX_LENGTHS = (6, 7, 8, 9, 10)


def _create_fts(c: sqlite3.Connection, prefix_lengths: Sequence[int]) -> None:
    """Create the contentless FTS5 table over folded title + body."""
    prefix = f", prefix='{' '.join(str(int(n)) for n in prefix_lengths)}'" if prefix_lengths else ""
    c.execute("CREATE VIRTUAL TABLE fts USING fts5(text, content='', columnsize=0, "
              f"tokenize='unicode61 remove_diacritics 0'{prefix})")


def fts_text(article: Article) -> str:
    """What the full-text index holds for an article: its folded title + body."""
    return fold(article.full_text())


def _rebuild_fts(c: sqlite3.Connection, prefix_lengths: Sequence[int], batch: int = 1000) -> None:
    """Recreate the FTS table and re-index every article (contentless FTS5 cannot rebuild)."""
    c.execute("DROP TABLE IF EXISTS fts")
    _create_fts(c, prefix_lengths)
    last = 0
    while True:
        rows = c.execute("SELECT id, title, body FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                         (last, batch)).fetchall()
        if not rows:
            return
        c.executemany("INSERT INTO fts(rowid, text) VALUES (?, ?)",
                      [(aid, fts_text(Article(title=t or "", body=b or ""))) for aid, t, b in rows])
        last = rows[-1][0]


def _m3(c: sqlite3.Connection) -> None:
    # prefix indexes on the FTS table; runs inside _migrate's transaction, so a crash
    # leaves schema 2 with its old FTS table and the next open redoes it
    _rebuild_fts(c, FTS_PREFIX_LENGTHS)


def _m4(c: sqlite3.Connection) -> None:
    # bilingual pairing: anchor tokens per article (pair_docs) and their inverted index
    # (pair_fts, contentless, no positions); pins of counterparts by content hash, so
    # they survive re-tagging and re-import. Articles stored before this are indexed on
    # first use (Library.ensure_pair_index), not here: that needs the analysis code.
    _run_script(
        c,
        """
        CREATE TABLE pair_docs (
            article_id INTEGER PRIMARY KEY,
            lang TEXT NOT NULL,
            day INTEGER,
            length INTEGER NOT NULL DEFAULT 0,
            tokens TEXT NOT NULL DEFAULT '',
            offsets TEXT NOT NULL DEFAULT '',
            shape TEXT NOT NULL DEFAULT ''
        );
        CREATE VIRTUAL TABLE pair_fts USING fts5(
            tokens, content='', columnsize=0, detail=none, tokenize='unicode61'
        );
        CREATE VIRTUAL TABLE pair_vocab USING fts5vocab(pair_fts, row);
        CREATE TABLE pins (
            a_hash TEXT PRIMARY KEY,
            b_hash TEXT,
            created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            links TEXT
        ) WITHOUT ROWID;
        """
    )


# MIGRATIONS[i] brings a database from schema version i to i + 1; never edit a released one.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_m1, _m2, _m3, _m4]
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass
class NewRow:
    """One article ready to be written: metadata, analysis JSON, tags and folded FTS text."""

    content_hash: str
    fields: dict  # ARTICLE_FIELDS values
    extra: dict
    analysis_json: str
    rules_fp: str
    tags: dict[str, list[str]]
    fts_text: str
    # pairing: anchor tokens, their first offsets (both in text order) and the lengths of
    # the first sentences, each space-separated (analysis.counterparts.doc_tokens)
    pair_tokens: tuple[str, str, str] | None = None
    pair_day: int | None = None  # ordinal publication day, for pairing
    pair_text: str | None = None  # counterparts.index_text of pair_tokens, if made already


def fts_expression(query_terms: Sequence[Term]) -> str:
    """FTS5 MATCH expression for parsed terms (words are already folded and quote-free)."""
    out: list[str] = []
    for i, t in enumerate(query_terms):
        out.append('"' + " ".join(t.words) + '"' + ("*" if t.prefix else ""))
        if i < len(query_terms) - 1:
            out.append("OR" if t.or_next else "AND")
    return " ".join(out)


class SQLiteStore:
    """An embedded SQLite library file (WAL) with an FTS5 index on folded title + body."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=30,
                                    check_same_thread=False)
        c = self.conn
        c.execute("PRAGMA journal_mode=WAL")
        c.execute("PRAGMA synchronous=NORMAL")
        c.execute("PRAGMA cache_size=-65536")
        c.execute("PRAGMA temp_store=MEMORY")
        try:
            self._migrate()
        except BaseException:
            c.close()
            raise

    # -- schema
    def schema_version(self) -> int:
        c = self.conn
        has = c.execute("SELECT 1 FROM sqlite_master WHERE name='schema_version'").fetchone()
        if not has:
            return 0
        row = c.execute("SELECT version FROM schema_version").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            version = self.schema_version()
            if version > SCHEMA_VERSION:
                raise StoreError(_("This library was written by a newer Kenes (library "
                                   "format {version}; this Kenes reads up to {supported}). "
                                   "Update Kenes to open it.").format(
                                       version=version, supported=SCHEMA_VERSION))
            for i in range(version, SCHEMA_VERSION):
                MIGRATIONS[i](c)
            if version != SCHEMA_VERSION:
                c.execute("DELETE FROM schema_version")
                c.execute("INSERT INTO schema_version(version) VALUES (?)", (SCHEMA_VERSION,))
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def close(self) -> None:
        try:
            self.conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass
        self.conn.close()

    # -- generation counter: bumped by every committed change, keys snapshot freshness
    def generation(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def _bump(self) -> None:
        self.conn.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='generation'")

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- writes
    def existing_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of these content hashes are already stored (one indexed query per call)."""
        found: set[str] = set()
        hashes = list(hashes)
        for i in range(0, len(hashes), 900):
            chunk = hashes[i : i + 900]
            marks = ",".join("?" * len(chunk))
            q = f"SELECT content_hash FROM articles WHERE content_hash IN ({marks})"
            found.update(r[0] for r in self.conn.execute(q, chunk))
        return found

    def insert_batch(self, rows: Sequence[NewRow]) -> int:
        """Insert rows in one transaction (hashes already present are skipped); returns added."""
        if not rows:
            return 0
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            present = self.existing_hashes([r.content_hash for r in rows])
            rows = [r for r in rows if r.content_hash not in present]
            next_id = (c.execute("SELECT max(id) FROM articles").fetchone()[0] or 0) + 1
            arts, tags, fts = [], [], []
            for k, r in enumerate(rows):
                aid = next_id + k
                f = r.fields
                arts.append((aid, r.content_hash, *(f.get(n) for n in ARTICLE_FIELDS),
                             json.dumps(r.extra, ensure_ascii=False) if r.extra else None,
                             r.analysis_json, r.rules_fp))
                for kind, values in r.tags.items():
                    for v in dict.fromkeys(values):
                        tags.append((aid, kind, v))
                fts.append((aid, r.fts_text))
            cols = ("id", "content_hash", *ARTICLE_FIELDS, "extra", "analysis", "rules_fp")
            c.executemany(
                f"INSERT OR IGNORE INTO articles({','.join(cols)}) "
                f"VALUES ({','.join('?' * len(cols))})", arts)
            c.executemany("INSERT OR IGNORE INTO tags(article_id, kind, value) VALUES (?,?,?)",
                          tags)
            c.executemany("INSERT INTO fts(rowid, text) VALUES (?, ?)", fts)
            paired = [(k, r) for k, r in enumerate(rows) if r.pair_tokens is not None]
            self._insert_pair_docs(
                [(next_id + k, r.fields.get("lang") or "other", r.pair_day,
                  len(r.fields.get("title") or "") + len(r.fields.get("body") or ""),
                  *r.pair_tokens) for k, r in paired],
                [r.pair_text for _k, r in paired])
            self._bump()
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return len(rows)

    def iter_texts(self, batch: int = 1000) -> Iterator[list[tuple[int, str, str, str]]]:
        """(id, title, body, lang) for every article, in id order, in batches (keyset paging)."""
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT id, title, body, lang FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                (last, batch)).fetchall()
            if not rows:
                return
            yield rows
            last = rows[-1][0]

    def update_analysis(self, rows: Sequence[tuple[int, str, str, dict[str, list[str]],
                                                    dict[str, list[str]] | None]]) -> None:
        """Replace analysis, rules fingerprint and tags of (id, json, fp, tags, stored tags)
        rows, one transaction. With the tags as stored (None: not known) only those that
        changed are written: a sector rule edit leaves an article's other tags alone."""
        c = self.conn
        drop: list[tuple] = []
        add: list[tuple] = []
        whole: list[tuple[int]] = []
        for aid, _j, _fp, tags, stored in rows:
            if stored is None:
                whole.append((aid,))
                add += [(aid, kind, v) for kind, vs in tags.items() for v in vs]
                continue
            for kind in tags.keys() | stored.keys():
                new, old = set(tags.get(kind, ())), set(stored.get(kind, ()))
                drop += [(aid, kind, v) for v in old - new]
                add += [(aid, kind, v) for v in new - old]
        c.execute("BEGIN IMMEDIATE")
        try:
            c.executemany("UPDATE articles SET analysis=?, rules_fp=? WHERE id=?",
                          [(r[1], r[2], r[0]) for r in rows])
            c.executemany("DELETE FROM tags WHERE article_id=?", whole)
            c.executemany("DELETE FROM tags WHERE article_id=? AND kind=? AND value=?", drop)
            c.executemany("INSERT OR IGNORE INTO tags(article_id, kind, value) VALUES (?,?,?)",
                          add)
            self._bump()
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    # -- incremental retag: which articles a rule edit can reach
    def tokenize(self, texts: Sequence[str]) -> list[list[str]]:
        """Tokens of each text exactly as the FTS index splits them (same tokenizer)."""
        c = self.conn
        c.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.tok USING fts5("
                  "text, tokenize='unicode61 remove_diacritics 0')")
        c.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.tokv "
                  "USING fts5vocab(temp, tok, instance)")
        c.execute("DELETE FROM temp.tok")
        c.executemany("INSERT INTO temp.tok(rowid, text) VALUES (?, ?)",
                      [(i + 1, t) for i, t in enumerate(texts)])
        out: list[list[str]] = [[] for _ in texts]
        for doc, term in c.execute("SELECT doc, term FROM temp.tokv ORDER BY doc, offset"):
            out[doc - 1].append(term)
        c.execute("DELETE FROM temp.tok")
        return out

    def ids_matching_phrases(self, phrases: Sequence[Sequence[str]], chunk: int = 200) -> set[int]:
        """Ids of articles containing any of the token phrases, the last token as a prefix."""
        found: set[int] = set()
        exprs = ['"' + " ".join(p) + '"*' for p in dict.fromkeys(tuple(p) for p in phrases) if p]
        for i in range(0, len(exprs), chunk):
            joined = self.conn.execute(
                "SELECT group_concat(rowid) FROM fts WHERE fts MATCH ?",
                (" OR ".join(exprs[i : i + chunk]),)).fetchone()[0]
            if joined:
                found.update(int(x) for x in joined.split(","))
        return found

    def ids_tagged(self, pairs: Sequence[tuple[str, str]]) -> set[int]:
        """Ids of articles carrying any (tag kind, value) pair."""
        found: set[int] = set()
        for kind, value in pairs:
            found.update(r[0] for r in self.conn.execute(
                "SELECT article_id FROM tags WHERE kind=? AND value=?", (kind, value)))
        return found

    def ids_with_rules_fp(self, fps: Sequence[str], *, negate: bool = False) -> set[int]:
        """Ids of articles analysed under one of these rules fingerprints (or none of them)."""
        marks = ",".join("?" * len(fps)) or "NULL"
        where = (f"rules_fp IS NULL OR rules_fp NOT IN ({marks})" if negate
                 else f"rules_fp IN ({marks})")
        return {r[0] for r in self.conn.execute(
            f"SELECT id FROM articles INDEXED BY articles_rules_fp WHERE {where}", list(fps))}

    def all_ids(self) -> list[int]:
        """Every article id, ascending."""
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY id")]

    def rules_fps(self) -> list[str]:
        """The distinct rules fingerprints articles were analysed under."""
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT rules_fp FROM articles INDEXED BY articles_rules_fp "
            "WHERE rules_fp IS NOT NULL")]

    def analysis_tagged(self, kind: str, value: str) -> str | None:
        """The stored analysis JSON of the first article tagged `kind` = `value`."""
        row = self.conn.execute(
            "SELECT a.analysis FROM tags t JOIN articles a ON a.id = t.article_id "
            "WHERE t.kind = ? AND t.value = ? ORDER BY t.article_id LIMIT 1",
            (kind, value)).fetchone()
        return row[0] if row else None

    def tags_of(self, ids: Sequence[int]) -> dict[int, dict[str, list[str]]]:
        """Stored tags of these articles: id → kind → sorted values (kinds with values only)."""
        out: dict[int, dict[str, list[str]]] = {}
        ids = list(ids)
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            q = ("SELECT article_id, kind, value FROM tags "
                 f"WHERE article_id IN ({','.join('?' * len(chunk))}) ORDER BY 1, 2, 3")
            for aid, kind, value in self.conn.execute(q, chunk):
                out.setdefault(aid, {}).setdefault(kind, []).append(value)
        return out

    def texts_of(self, ids: Sequence[int]) -> list[tuple[int, str, str, str, str | None]]:
        """(id, title, body, lang, analysis JSON) of these articles, in the order given."""
        rows: dict[int, tuple] = {}
        ids = list(ids)
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            q = ("SELECT id, title, body, lang, analysis FROM articles "
                 f"WHERE id IN ({','.join('?' * len(chunk))})")
            rows.update((r[0], r) for r in self.conn.execute(q, chunk))
        return [rows[i] for i in ids if i in rows]

    # -- reads
    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def search_ids(self, query_terms: Sequence[Term]) -> np.ndarray:
        """Ids of articles whose folded title+body match all terms (FTS5)."""
        return self.match_ids(fts_expression(query_terms))

    def indexed_words(self, prefix: str, limit: int = 5000) -> list[str]:
        """Indexed words (folded) that start with `prefix`, from the FTS5 vocabulary; search
        keeps the inflected forms of a typed word among them (corpus.search)."""
        c = self.conn
        c.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_words "
                  "USING fts5vocab(main, fts, row)")
        hi = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return [r[0] for r in c.execute(
            "SELECT term FROM temp.fts_words WHERE term >= ? AND term < ? LIMIT ?",
            (prefix, hi, limit))]

    def match_ids(self, expr: str) -> np.ndarray:
        """Ids of articles whose folded title+body match an FTS5 MATCH expression."""
        # one string from SQLite and one numpy parse: 3x faster than a row per hit
        joined = self.conn.execute(
            "SELECT group_concat(rowid) FROM fts WHERE fts MATCH ?", (expr,)).fetchone()[0]
        if not joined:
            return np.zeros(0, dtype=np.int64)
        return np.fromstring(joined, sep=",", dtype=np.int64)

    def browse_rows(self) -> dict:
        """Browse columns of every article (newest first) plus tag lists per kind."""
        c = self.conn
        rows = c.execute(
            "SELECT id, date, lang, source, title, origin FROM articles "
            "ORDER BY date IS NULL, date DESC, id DESC").fetchall()
        ids = [r[0] for r in rows]
        where = {aid: i for i, aid in enumerate(ids)}
        tags = {k: [[] for _ in ids] for k in TAG_KINDS}
        for aid, kind, value in c.execute("SELECT article_id, kind, value FROM tags"):
            lst = tags.get(kind)
            if lst is not None and aid in where:
                lst[where[aid]].append(value)
        return {
            "id": ids,
            "date": [r[1] for r in rows],
            "lang": [r[2] or "other" for r in rows],
            "source": [r[3] for r in rows],
            "title": [r[4] or "" for r in rows],
            "origin": [r[5] or "" for r in rows],
            "tags": tags,
        }

    def get(self, article_id: int) -> dict | None:
        """One stored article as a dict of its columns, or None."""
        cur = self.conn.execute("SELECT * FROM articles WHERE id=?", (int(article_id),))
        row = cur.fetchone()
        if row is None:
            return None
        d = dict(zip([x[0] for x in cur.description], row, strict=True))
        d["tags"] = {k: [] for k in TAG_KINDS}
        for kind, value in self.conn.execute(
                "SELECT kind, value FROM tags WHERE article_id=?", (int(article_id),)):
            d["tags"].setdefault(kind, []).append(value)
        return d

    def stats(self) -> dict:
        """Counts per language, source and year, and how many articles need re-tagging."""
        c = self.conn
        def grouped(sql: str) -> dict:
            return {(k if k is not None else ""): n for k, n in c.execute(sql)}
        return {
            "articles": self.count(),
            "languages": grouped("SELECT lang, count(*) FROM articles GROUP BY lang "
                                 "ORDER BY count(*) DESC"),
            "sources": grouped("SELECT source, count(*) FROM articles GROUP BY source "
                               "ORDER BY count(*) DESC, source"),
            "years": grouped("SELECT substr(date, 1, 4), count(*) FROM articles "
                             "GROUP BY substr(date, 1, 4) ORDER BY 1 DESC"),
            "rules_fingerprints": grouped("SELECT rules_fp, count(*) FROM articles "
                                          "GROUP BY rules_fp"),
        }

    # -- bilingual pairing index (schema 4); tokens come from analysis.counterparts
    def _has_pairing(self) -> bool:
        """Whether the pairing tables exist (a store built with older MIGRATIONS lacks them)."""
        if getattr(self, "_pairing", None) is None:
            self._pairing = self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name='pair_docs'").fetchone() is not None
        return self._pairing

    @staticmethod
    def _pair_fts_text(lang: str, tokens: str) -> str:
        from desktop.analysis.counterparts import index_text

        return index_text(lang, tokens)

    def _insert_pair_docs(self, rows: Sequence[tuple], texts: Sequence[str | None] = ()) -> None:
        """Write (id, lang, day, length, tokens, offsets, shape) rows in the caller's
        transaction; `texts`: their index texts where already made (import workers do)."""
        if not rows or not self._has_pairing():
            return
        c = self.conn
        self._delete_pair_docs([r[0] for r in rows])
        c.executemany("INSERT INTO pair_docs(article_id, lang, day, length, tokens, offsets, "
                      "shape) VALUES (?,?,?,?,?,?,?)", rows)
        texts = list(texts) or [None] * len(rows)
        c.executemany("INSERT INTO pair_fts(rowid, tokens) VALUES (?, ?)",
                      [(r[0], t if t is not None else self._pair_fts_text(r[1], r[4]))
                       for r, t in zip(rows, texts, strict=True)])

    def _delete_pair_docs(self, ids: Sequence[int]) -> None:
        c = self.conn
        old = []
        ids = list(ids)
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            old += c.execute("SELECT article_id, lang, tokens FROM pair_docs WHERE article_id "
                             f"IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        if not old:
            return
        # a contentless FTS5 row is removed by repeating exactly what was inserted
        c.executemany("INSERT INTO pair_fts(pair_fts, rowid, tokens) VALUES ('delete', ?, ?)",
                      [(aid, self._pair_fts_text(lang, toks)) for aid, lang, toks in old])
        c.executemany("DELETE FROM pair_docs WHERE article_id=?", [(r[0],) for r in old])

    def put_pair_docs(self, rows: Sequence[tuple]) -> None:
        """Replace the pairing rows (id, lang, day, length, tokens, offsets, shape)."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            self._insert_pair_docs(rows)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def update_pair_tokens(self, rows: Sequence[tuple[int, tuple[str, str, str]]]) -> None:
        """New (tokens, offsets, shape) per id after a retag; other pairing columns stay."""
        if not self._has_pairing():
            return
        have = {r[0]: r[1:4] for r in self.pair_docs_of([r[0] for r in rows])}
        self.put_pair_docs([(aid, *have[aid], *toks) for aid, toks in rows if aid in have])

    def pair_missing(self, limit: int = 1000) -> list[tuple[int, str, str, str, str | None, str | None]]:
        """(id, title, body, lang, date, analysis JSON) of articles not yet in the pairing index."""
        return self.conn.execute(
            "SELECT id, title, body, lang, date, analysis FROM articles WHERE id NOT IN "
            "(SELECT article_id FROM pair_docs) ORDER BY id LIMIT ?", (limit,)).fetchall()

    def pair_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM pair_docs").fetchone()[0])

    def pair_lang_counts(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT lang, count(*) FROM pair_docs GROUP BY lang"))

    def pair_avg_tokens(self) -> dict[str, float]:
        """Mean number of anchor tokens per article, per language."""
        return {lang: float(n or 0) for lang, n in self.conn.execute(
            "SELECT lang, avg(length(tokens) - length(replace(tokens, ' ', '')) "
            "+ (tokens != '')) FROM pair_docs GROUP BY lang")}

    def pair_df(self, terms: Sequence[str]) -> dict[str, int]:
        """How many articles hold each index term (language-prefixed token)."""
        out: dict[str, int] = {}
        terms = list(dict.fromkeys(terms))
        for i in range(0, len(terms), 500):
            chunk = terms[i : i + 500]
            out.update(self.conn.execute(
                f"SELECT term, doc FROM pair_vocab WHERE term IN ({','.join('?' * len(chunk))})",
                chunk))
        return out

    def pair_postings(self, term: str) -> np.ndarray:
        """Ids of the articles holding one index term."""
        joined = self.conn.execute("SELECT group_concat(rowid) FROM pair_fts WHERE pair_fts "
                                   "MATCH ?", ('"' + term + '"',)).fetchone()[0]
        if not joined:
            return np.zeros(0, dtype=np.int64)
        return np.fromstring(joined, sep=",", dtype=np.int64)

    def pair_docs_of(self, ids: Sequence[int]) -> list[tuple]:
        """(id, lang, day, length, tokens, offsets, shape) of these articles (those indexed),
        by id."""
        out = []
        ids = list(ids)
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            out += self.conn.execute(
                "SELECT article_id, lang, day, length, tokens, offsets, shape FROM pair_docs "
                "WHERE article_id "
                f"IN ({','.join('?' * len(chunk))})", chunk).fetchall()
        out.sort()
        return out

    def iter_pair_docs(self, batch: int = 5000) -> Iterator[list[tuple]]:
        """Every pairing row (id, lang, day, length, tokens, offsets, shape) by id, in batches."""
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT article_id, lang, day, length, tokens, offsets, shape FROM pair_docs "
                "WHERE article_id > ? ORDER BY article_id LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return
            yield rows
            last = rows[-1][0]

    # -- pins: a hand-made pairing, by content hash (None partner = "no counterpart")
    def hashes_of(self, ids: Sequence[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        ids = list(ids)
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            out.update(self.conn.execute(
                f"SELECT id, content_hash FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                chunk))
        return out

    def ids_of_hashes(self, hashes: Sequence[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        hashes = list(hashes)
        for i in range(0, len(hashes), 900):
            chunk = hashes[i : i + 900]
            out.update(self.conn.execute(
                "SELECT content_hash, id FROM articles WHERE content_hash IN "
                f"({','.join('?' * len(chunk))})", chunk))
        return out

    def pin_get(self, a_hash: str) -> tuple[str | None, str, str | None] | None:
        """(partner hash or None, created, links JSON or None) of a pinned article, or None."""
        row = self.conn.execute("SELECT b_hash, created, links FROM pins WHERE a_hash=?",
                                (a_hash,)).fetchone()
        return tuple(row) if row else None

    def pins_all(self) -> dict[str, str | None]:
        """Every pin: article hash → partner hash (None = no counterpart)."""
        return dict(self.conn.execute("SELECT a_hash, b_hash FROM pins"))

    def pin_write(self, sets: Sequence[tuple[str, str | None, str | None]],
                  deletes: Sequence[str] = ()) -> None:
        """Delete pins of `deletes`, then set (a_hash, b_hash, links JSON) rows; one transaction."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            c.executemany("DELETE FROM pins WHERE a_hash=?", [(h,) for h in deletes])
            c.executemany("INSERT OR REPLACE INTO pins(a_hash, b_hash, links) VALUES (?,?,?)",
                          list(sets))
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
