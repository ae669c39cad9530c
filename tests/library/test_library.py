"""The library store: idempotent batch import, cancel/kill safety, FTS, schema, snapshot."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from desktop.core.article import Article
from desktop.core.query import Filter, parse_query
from desktop.corpus import library as libmod
from desktop.corpus import store as storemod
from desktop.corpus.library import Library
from desktop.corpus.store import DB_NAME, SCHEMA_VERSION, StoreError
from desktop.jobs import CancelToken
from tests.conftest import ROOT, SAMPLE


def sample_articles() -> list[Article]:
    from desktop.corpus.textformat import parse_text_article

    return [parse_text_article(p.read_text(encoding="utf-8"), str(p))
            for p in sorted(SAMPLE.glob("*.txt"))]


def variants(n: int) -> list[Article]:
    """n distinct articles derived from the sample (different titles → different hashes)."""
    base = sample_articles()
    out = []
    for i in range(n):
        a = base[i % len(base)]
        out.append(Article(title=f"{a.title} ({i})", body=a.body, date=a.date, lang=a.lang,
                           source=a.source, origin=f"{a.origin}#{i}"))
    return out


def consistent(folder: Path) -> int:
    """Check the database is whole (integrity, FTS rows = articles, tags point to articles)."""
    c = sqlite3.connect(folder / DB_NAME)
    assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    c.execute("INSERT INTO fts(fts) VALUES ('integrity-check')")
    n = c.execute("SELECT count(*) FROM articles").fetchone()[0]
    c.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, fts, 'instance')")
    assert c.execute("SELECT count(DISTINCT doc) FROM temp.v").fetchone()[0] == n
    orphans = c.execute(
        "SELECT count(*) FROM tags WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()
    assert orphans[0] == 0
    c.close()
    return n


@pytest.fixture
def lib(tmp_path):
    with Library.open(tmp_path / "lib") as lib:
        yield lib


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(libmod, "BATCH", 7)


def test_import_sample_then_reimport_adds_nothing(lib):
    r = lib.import_paths([SAMPLE])
    assert (r.added, r.duplicates, r.skipped, r.cancelled) == (5, 0, [], False)
    r = lib.import_paths([SAMPLE])
    assert (r.added, r.duplicates) == (0, 5)
    assert len(lib) == 5 and not lib.is_empty()
    assert consistent(lib.folder) == 5


def test_default_folder_follows_kenes_library(monkeypatch, tmp_path):
    monkeypatch.setenv("KENES_LIBRARY", str(tmp_path / "envlib"))
    with Library.open() as lib:
        assert lib.folder == tmp_path / "envlib"
    assert (tmp_path / "envlib" / DB_NAME).exists()


def test_broken_files_reported_rest_imported(lib, tmp_path):
    src = tmp_path / "in"
    shutil.copytree(SAMPLE, src)
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 20)
    r = lib.import_paths([src])
    assert r.added == 5
    skipped = {Path(s.path).name for s in r.skipped}
    assert {"empty.txt", "binary.txt"} <= skipped
    assert all(s.reason for s in r.skipped)


def test_repeats_within_one_import_are_duplicates(lib, small_batches):
    arts = variants(10)
    r = lib.import_articles(arts + arts[:4])
    assert (r.added, r.duplicates) == (10, 4)


def test_cancel_mid_import_keeps_batches_and_reimport_completes(lib, small_batches):
    arts = variants(40)
    token = CancelToken()

    def feed():
        for i, a in enumerate(arts):
            if i == 20:
                token.cancel()
            yield a

    r = lib.import_articles(feed(), cancel=token)
    assert r.cancelled
    assert 0 < r.added < 40 and r.added % 7 == 0  # whole batches only
    assert consistent(lib.folder) == r.added
    assert len(lib.catalog()) == r.added
    r2 = lib.import_articles(arts)
    assert (r2.added, r2.duplicates) == (40 - r.added, r.added)
    assert consistent(lib.folder) == 40


def test_failure_mid_import_rolls_back_only_the_open_batch(lib, small_batches):
    arts = variants(30)

    def feed():
        yield from arts[:17]
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        lib.import_articles(feed())
    n = consistent(lib.folder)
    assert n == 14  # two committed batches of 7; the third never reached the store
    assert lib.import_articles(arts).added == 16
    assert consistent(lib.folder) == 30


def test_killed_import_leaves_consistent_library(tmp_path):
    """SIGKILL during an import: the library opens, is whole, and the import completes."""
    folder = tmp_path / "killed"
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from desktop.corpus import library as L
        from tests.library.test_library import variants
        L.BATCH = 3
        lib = L.Library.open({str(folder)!r})
        def prog(done, total, msg):
            print(done, flush=True)
        lib.import_articles(variants(300), progress=prog, workers=0)
    """)
    p = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    for _ in range(4):
        assert p.stdout.readline()
    p.kill()
    p.wait()
    n = consistent(folder)
    assert 12 <= n < 300
    with Library.open(folder) as lib:
        assert len(lib.catalog()) == n
        r = lib.import_articles(variants(300))
        assert (r.added, r.duplicates) == (300 - n, n)
    assert consistent(folder) == 300


def test_fts_folding_prefix_and_phrase(lib):
    lib.import_paths([SAMPLE])
    cat = lib.catalog()

    def names(text):
        return sorted(Path(cat.row(int(p))["origin"]).name[:3]
                      for p in lib.query(Filter(text=text)))

    assert names("ӨЗБЕКСТАН") == names("өзбекстан") != []
    prefix = names("Өзбекстан*")
    assert set(prefix) >= {"000", "001"}
    assert "002" not in prefix  # Russian text says Узбекистан
    assert names('"узбекистан"') == ["002"]  # quoted: exact
    # unquoted, a country's name finds it in either language (corpus.search)
    assert set(names("өзбекстан")) >= set(prefix) | {"002"}
    assert "002" in names("узбекистан")
    assert names('"Орталық Азия"') == names('"орталық азия"') != []
    assert names('"Азия Орталық"') == []  # phrase order matters
    assert names("Путин* OR Ресей*") and "003" in names("Путин* OR Ресей*")
    assert lib.search_ids("") is None


def test_query_combines_text_and_facets(lib):
    lib.import_paths([SAMPLE])
    cat = lib.catalog()
    pos = lib.query(parse_query("lang:kk Өзбекстан*"))
    assert pos.size and all(cat.row(int(p))["lang"] == "kk" for p in pos)
    assert lib.query(parse_query("lang:ru Өзбекстан*")).size == 0


def test_schema_version_and_migrations(tmp_path, monkeypatch):
    folder = tmp_path / "m"
    with Library.open(folder) as lib:
        assert lib.store.schema_version() == SCHEMA_VERSION
        lib.import_articles(variants(3))

    def m_next(c):
        c.execute("CREATE TABLE later_feature (article_id INTEGER PRIMARY KEY)")

    monkeypatch.setattr(storemod, "MIGRATIONS", [*storemod.MIGRATIONS, m_next])
    monkeypatch.setattr(storemod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Library.open(folder) as lib:
        assert lib.store.schema_version() == SCHEMA_VERSION + 1
        assert len(lib) == 3
        lib.store.conn.execute("SELECT * FROM later_feature")
    monkeypatch.undo()
    with pytest.raises(StoreError, match="newer Kenes"):
        Library.open(folder)
    from desktop.cli import main

    assert main(["info", "--library", str(folder)]) == 1  # a message, not a traceback


def test_snapshot_fast_path_equals_sqlite_path(lib):
    lib.import_paths([SAMPLE])
    assert lib.snapshot_path.exists()
    with Library.open(lib.folder) as again:
        fast = again.catalog()  # from Parquet
    slow = lib.refresh_snapshot()  # from SQLite
    assert np.array_equal(fast.ids, slow.ids)
    assert [fast.row(i) for i in range(len(fast))] == [slow.row(i) for i in range(len(slow))]
    f = Filter(countries=["UZ"])
    assert np.array_equal(fast.filter(f), slow.filter(f))
    assert fast.facet_counts(Filter(), "sector") == slow.facet_counts(Filter(), "sector")
    by_title = fast.sort(fast.filter(Filter()), "title", descending=False)
    titles = [fast.row(int(p))["title"].casefold() for p in by_title]
    assert titles == sorted(titles)


def test_stale_or_missing_snapshot_is_rebuilt(lib, tmp_path):
    lib.import_articles(variants(3))
    old = tmp_path / "old.parquet"
    shutil.copy(lib.snapshot_path, old)
    lib.import_articles(variants(5))
    shutil.copy(old, lib.snapshot_path)  # an older generation's snapshot
    with Library.open(lib.folder) as again:
        assert len(again.catalog()) == 5
    lib.snapshot_path.unlink()
    with Library.open(lib.folder) as again:
        assert len(again.catalog()) == 5
    assert lib.snapshot_path.exists()
    lib.snapshot_path.write_bytes(b"not parquet")
    with Library.open(lib.folder) as again:
        assert len(again.catalog()) == 5


def test_catalog_open_does_not_import_pandas(lib):
    lib.import_paths([SAMPLE])
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from desktop.corpus.library import Library
        lib = Library.open({str(lib.folder)!r})
        assert len(lib.catalog()) == 5
        print("pandas" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_get_returns_article_and_analysis_spans(lib):
    lib.import_paths([SAMPLE])
    cat = lib.catalog()
    pos = lib.query(Filter(countries=["UZ"]))
    s = lib.get(int(cat.ids[pos[0]]))
    text = s.article.full_text()
    uz = [t for t in s.analysis.countries if t.id == "UZ"][0]
    assert uz.spans and all(0 <= a < b <= len(text) for a, b in uz.spans)
    with pytest.raises(KeyError):
        lib.get(10_000)


def test_retag_restores_tags_and_stamps_fingerprint(lib):
    lib.import_paths([SAMPLE])
    before = lib.catalog().facet_counts(Filter(), "country")
    c = lib.store.conn
    c.execute("DELETE FROM tags")
    c.execute("UPDATE articles SET rules_fp='old'")
    c.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='generation'")
    assert lib.catalog().facet_counts(Filter(), "country") == []
    assert lib.retag() == 5
    assert lib.catalog().facet_counts(Filter(), "country") == before
    fps = lib.stats()["rules_fingerprints"]
    assert list(fps) == [lib.rules_fingerprint()]


def test_stats_counts(lib):
    lib.import_paths([SAMPLE])
    st = lib.stats()
    assert st["articles"] == 5
    assert st["languages"] == {"kk": 4, "ru": 1}
    assert sum(st["years"].values()) == 5
    assert json.dumps(st)


def test_failed_snapshot_write_leaves_no_temp_file(lib, monkeypatch):
    """Disk full while writing the snapshot: the old snapshot stays, no half-written file."""
    import pyarrow.parquet as pq

    from desktop.corpus import snapshot

    lib.import_articles([Article(title="Бір", body="Мәтін бір.", lang="kk")])
    before = lib.snapshot_path.read_bytes()

    def full(table, where, **kw):
        Path(where).write_bytes(b"PAR1 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pq, "write_table", full)
    lib.import_articles([Article(title="Екі", body="Мәтін екі.", lang="kk")])
    assert len(lib.catalog()) == 2  # still served from SQLite
    assert lib.snapshot_path.read_bytes() == before
    assert [p.name for p in lib.folder.iterdir() if p.name.startswith(snapshot.SNAPSHOT_NAME)] \
        == [snapshot.SNAPSHOT_NAME]
