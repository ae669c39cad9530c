"""A large import analyses in worker processes from its first article, so the process that
writes the library never compiles the rules or analyses the first batches itself."""

from __future__ import annotations

import desktop.corpus.library as libmod


def test_folders_and_files_count_as_big_by_files_or_size(tmp_path, monkeypatch):
    monkeypatch.setattr(libmod, "PARALLEL_AFTER", 5)
    few = tmp_path / "few"
    few.mkdir()
    for i in range(5):
        (few / f"{i}.txt").write_text("Қазақстан", encoding="utf-8")
    assert not libmod._looks_big([few])
    many = tmp_path / "many" / "nested"
    many.mkdir(parents=True)
    for i in range(6):
        (many / f"{i}.txt").write_text("Қазақстан", encoding="utf-8")
    assert libmod._looks_big([tmp_path / "many"])
    table = tmp_path / "table.csv"  # one file holding many rows
    table.write_bytes(b"x" * (5 * 4096 + 1))
    assert libmod._looks_big([table])
    assert not libmod._looks_big([tmp_path / "missing"])


def test_a_big_import_never_analyses_in_the_writing_process(tmp_path, monkeypatch):
    monkeypatch.setattr(libmod, "PARALLEL_AFTER", 3)
    monkeypatch.setattr(libmod, "BATCH", 2)
    monkeypatch.setattr(libmod.os, "cpu_count", lambda: 2)
    src = tmp_path / "in"
    src.mkdir()
    for i in range(4):
        (src / f"{i}.txt").write_text(f"Қазақстан мен Өзбекстан, хабар {i}.", encoding="utf-8")
    sent = []

    class Pool:  # stands in for the worker processes: runs the work here, counts it
        _max_workers = 2

        def __init__(self, **_kw):
            pass

        def submit(self, fn, items):
            sent.append(len(items))
            return libmod._Done(fn(items))

        def shutdown(self, **_kw):
            pass

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", Pool)
    lib = libmod.Library.open(tmp_path / "lib")
    r = lib.import_paths([src])
    assert r.added == 4
    assert sent == [2, 2]  # both batches went to the workers, the first one too
    assert len(lib.catalog()) == 4 and lib.store.pair_count() == 4  # tagged and paired
    assert len(lib.search_ids("хабар")) == 4  # search reads the text folded in the workers
