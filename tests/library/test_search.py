"""Full-text search stays exact with FTS5 prefix indexes, and old libraries migrate to them."""

from __future__ import annotations

import re
import sqlite3

import numpy as np
import pytest

from desktop.core.article import Article
from desktop.core.searchsyntax import fold
from desktop.corpus import store as storemod
from desktop.corpus.library import Library
from desktop.corpus.store import DB_NAME, SCHEMA_VERSION
from tests.conftest import SAMPLE
from tests.library.test_library import consistent, sample_articles

# stems with many Kazakh/Russian word forms in the sample articles
WORDS = ["өзбекстанның", "қазақстанның", "экономикалық", "инвестициялар", "сотрудничества",
         "ынтымақтастық", "президенті"]

QUERIES = ["Өзбекстан*", "өзбекстан", "ӨЗБЕКСТАН", '"Орталық Азия"', '"орталық ази"*',
           "Путин* OR Ресей*", "экономика* инвестиция*", "узбекистан", "сотруд*", "қ*"]


def sentence_articles() -> list[Article]:
    """One article per sentence of the sample: many small documents with distinct word forms."""
    out = []
    for a in sample_articles():
        for k, s in enumerate(re.split(r"(?<=[.!?])\s+", a.body)):
            if len(s) > 20:
                out.append(Article(title="", body=s, lang=a.lang, origin=f"{a.origin}#{k}"))
    return out


def ids(lib: Library, text: str) -> list[int]:
    got = lib.search_ids(text)
    return sorted(int(i) for i in (got if got is not None else np.zeros(0)))


@pytest.fixture(scope="module")
def sentences(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sentences")
    with Library.open(folder) as lib:
        lib.import_articles(sentence_articles())
    lib = Library.open(folder)
    yield lib
    lib.close()


def test_every_prefix_length_matches_a_scan_of_the_folded_texts(sentences):
    lib = sentences
    rows = lib.store.texts_of(lib.store.all_ids())
    assert len(rows) > 50
    texts = [fold(Article(title=t, body=b).full_text()) for _i, t, b, _l, _a in rows]
    tokens = [set(ts) for ts in lib.store.tokenize(texts)]  # the index's own tokenizer
    checked = 0
    for word in WORDS:
        assert any(word in ts for ts in tokens), word  # the sample still has this form
        for n in range(2, min(12, len(word)) + 1):
            stem = word[:n]
            want = sorted(r[0] for r, ts in zip(rows, tokens, strict=True)
                          if any(t.startswith(stem) for t in ts))
            typed = stem.upper() if n % 2 else stem  # folding applies to prefixes too
            assert ids(lib, typed + "*") == want, stem
            checked += len(want)
    assert checked > 500


def test_prefix_on_the_last_word_of_a_phrase_matches_a_scan(sentences):
    lib = sentences
    rows = lib.store.texts_of(lib.store.all_ids())
    toks = lib.store.tokenize([fold(Article(title=t, body=b).full_text())
                               for _i, t, b, _l, _a in rows])
    for first, stem in (("орталық", "азия"), ("орталық", "ази"), ("қазақстан", "республ"),
                        ("экономикалық", "мақсат"), ("мемлекеттер", "арасында"),
                        ("министрінің", "орын"), ("министрінің", "о")):
        want = sorted(r[0] for r, ts in zip(rows, toks, strict=True)
                      if any(a == first and b.startswith(stem)
                             for a, b in zip(ts, ts[1:], strict=False)))
        assert ids(lib, f'"{first} {stem}"*') == want, (first, stem)
        assert want, (first, stem)


def _make_v2_library(folder, monkeypatch) -> dict[str, list[int]]:
    """A library as Kenes with schema 2 wrote it (FTS without prefix indexes) + its answers."""
    with monkeypatch.context() as m:
        m.setattr(storemod, "MIGRATIONS", storemod.MIGRATIONS[:2])
        m.setattr(storemod, "SCHEMA_VERSION", 2)
        with Library.open(folder) as lib:
            lib.import_paths([SAMPLE])
            lib.import_articles(sentence_articles())
            assert lib.store.schema_version() == 2
            return {q: ids(lib, q) for q in QUERIES}


def _fts_sql(folder) -> str:
    c = sqlite3.connect(folder / DB_NAME)
    try:
        return c.execute("SELECT sql FROM sqlite_master WHERE name='fts'").fetchone()[0]
    finally:
        c.close()


def test_old_library_gets_prefix_indexes_and_same_answers(tmp_path, monkeypatch):
    folder = tmp_path / "old"
    before = _make_v2_library(folder, monkeypatch)
    assert "prefix" not in _fts_sql(folder)
    assert before["Өзбекстан*"] and before['"Орталық Азия"'] and before["Путин* OR Ресей*"]
    with Library.open(folder) as lib:
        assert lib.store.schema_version() == SCHEMA_VERSION
        assert {q: ids(lib, q) for q in QUERIES} == before
        n = len(lib)
    assert "prefix=" in _fts_sql(folder)
    assert consistent(folder) == n
    with Library.open(folder) as lib:  # new imports land in the new index too
        lib.import_articles([Article(title="Жаңа", body="Өзбекстанмен келісім жасалды.")])
        assert len(ids(lib, "Өзбекстан*")) == len(before["Өзбекстан*"]) + 1


def test_failed_migration_leaves_the_old_library_usable_then_completes(tmp_path, monkeypatch):
    folder = tmp_path / "old"
    before = _make_v2_library(folder, monkeypatch)
    calls = 0

    def failing(article):
        nonlocal calls
        calls += 1
        if calls > 20:
            raise RuntimeError("crash mid-migration")
        return fold(article.full_text())

    with monkeypatch.context() as m:
        m.setattr(storemod, "fts_text", failing)
        with pytest.raises(RuntimeError):
            Library.open(folder)
    assert calls > 20
    assert "prefix" not in _fts_sql(folder)  # rolled back: schema 2 and its index are whole
    with monkeypatch.context() as m:  # the previous Kenes still opens and searches it
        m.setattr(storemod, "MIGRATIONS", storemod.MIGRATIONS[:2])
        m.setattr(storemod, "SCHEMA_VERSION", 2)
        with Library.open(folder) as lib:
            assert lib.store.schema_version() == 2
            assert {q: ids(lib, q) for q in QUERIES} == before
    with Library.open(folder) as lib:  # the next open completes the migration
        assert lib.store.schema_version() == SCHEMA_VERSION
        assert {q: ids(lib, q) for q in QUERIES} == before
    assert consistent(folder) > 20
