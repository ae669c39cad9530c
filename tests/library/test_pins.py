"""Pins of bilingual pairs: stored in the library, first in counterparts, kept across
re-tagging, re-import and the schema migration."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from desktop.corpus.library import Library
from desktop.corpus.store import DB_NAME, SCHEMA_VERSION
from tests.conftest import SAMPLE


def _by_origin(lib: Library) -> dict[str, int]:
    cat = lib.catalog()
    return {cat.row(p)["origin"].rsplit("/", 1)[-1][:3]: cat.row(p)["id"]
            for p in range(len(cat))}


@pytest.fixture
def lib(tmp_path):
    with Library.open(tmp_path / "lib") as lib:
        lib.import_paths([SAMPLE])
        yield lib


def test_pin_comes_first_and_is_symmetric(lib):
    ids = _by_origin(lib)
    kk, ru = ids["004"], ids["002"]
    assert not any(c.pinned for c in lib.counterparts(kk))
    assert lib.pin_of(kk) is None
    lib.pin_pair(kk, ru)
    first = lib.counterparts(kk)[0]
    assert (first.id, first.pinned) == (ru, True)
    assert lib.counterparts(ru)[0].id == kk and lib.counterparts(ru)[0].pinned
    assert lib.pin_of(kk).b == ru and lib.pin_of(ru).b == kk
    # pinning another partner replaces both sides' old pin
    lib.pin_pair(ids["000"], ru)
    assert lib.pin_of(kk) is None
    assert lib.pin_of(ru).b == ids["000"]
    lib.unpin(ru)
    assert lib.pin_of(ru) is None and lib.pin_of(ids["000"]) is None
    assert not any(c.pinned for c in lib.counterparts(ids["000"]))


def test_no_counterpart_mark(lib):
    ids = _by_origin(lib)
    assert lib.counterparts(ids["000"])  # 002 is found automatically
    lib.set_no_counterpart(ids["000"])
    pin = lib.pin_of(ids["000"])
    assert pin is not None and pin.b is None
    assert lib.counterparts(ids["000"]) == []
    assert lib.pair_all(ids=[ids["000"]])[0][2] == []
    lib.unpin(ids["000"])
    assert lib.counterparts(ids["000"])[0].id == ids["002"]


def test_links_are_stored_with_the_pin_and_mirrored(lib):
    ids = _by_origin(lib)
    a, b = ids["000"], ids["002"]
    links = [{"left": [0], "right": [0, 1], "type": "1:2", "score": 0.8, "confirmed": True},
             {"left": [1], "right": [], "type": "1:0", "score": 0.0, "confirmed": False}]
    lib.save_links(a, b, links)
    got = lib.pin_of(a)
    assert got.b == b
    as_dicts = [x if isinstance(x, dict) else vars(x) for x in got.links]
    assert [tuple(x["left"]) for x in as_dicts] == [(0,), (1,)]
    assert as_dicts[0]["confirmed"] is True
    back = [x if isinstance(x, dict) else vars(x) for x in lib.pin_of(b).links]
    assert [x["type"] for x in back] == ["2:1", "0:1"]
    assert tuple(back[0]["left"]) == (0, 1)


def test_pins_survive_retag_and_reimport(tmp_path, lib):
    ids = _by_origin(lib)
    lib.pin_pair(ids["004"], ids["002"])
    lib.save_links(ids["004"], ids["002"], [{"left": [0], "right": [0], "type": "1:1"}])
    lib.retag(full=True)
    assert lib.counterparts(ids["004"])[0].id == ids["002"]
    # a re-import into a fresh database (new ids in another order) keeps the pin by hash
    db = lib.folder / DB_NAME
    con = sqlite3.connect(db)
    con.execute("DELETE FROM articles")
    con.execute("DELETE FROM tags")
    con.commit()
    con.close()
    with Library.open(lib.folder) as again:
        again.import_paths(sorted(SAMPLE.glob("*.txt"), reverse=True))
        new = _by_origin(again)
        assert new["004"] != ids["004"]
        pin = again.pin_of(new["004"])
        assert pin is not None and pin.b == new["002"] and pin.links
        assert again.counterparts(new["004"])[0].pinned


def test_schema_3_library_migrates_and_pairs(tmp_path):
    folder = tmp_path / "old"
    shutil.copytree(SAMPLE, tmp_path / "src")
    with Library.open(folder) as lib:
        lib.import_paths([tmp_path / "src"])
    # turn it into what Kenes with schema 3 wrote: no pairing tables, no pins
    con = sqlite3.connect(folder / DB_NAME)
    for t in ("pair_vocab", "pair_fts", "pair_docs", "pins"):
        con.execute(f"DROP TABLE {t}")
    con.execute("UPDATE schema_version SET version=3")
    con.commit()
    con.close()
    with Library.open(folder) as lib:
        assert lib.store.schema_version() == SCHEMA_VERSION
        ids = _by_origin(lib)
        assert lib.counterparts(ids["001"])[0].id == ids["002"]
        lib.set_no_counterpart(ids["003"])
        assert lib.pin_of(ids["003"]).b is None


def test_counterpart_search_offers_the_other_language(lib):
    ids = _by_origin(lib)
    hits = lib.counterpart_search(ids["000"], "Узбекистан")
    assert [h.id for h in hits] == [ids["002"]]
    assert all(h.lang == "ru" for h in lib.counterpart_search(ids["000"], ""))
    assert lib.counterpart_search(ids["000"], "Путин") == []
