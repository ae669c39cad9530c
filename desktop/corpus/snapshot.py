"""Parquet snapshot of a library's browse columns: opens a 100k library in a fraction of a second.

Arrow columns go straight into numpy (no pandas on this path). The snapshot records the
library's generation counter; a snapshot from another generation is stale and rebuilt.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import numpy as np

from desktop.core.query import MULTI_FACETS, Catalog, TagColumn, iso_to_day
from desktop.core.searchsyntax import fold

SNAPSHOT_NAME = "catalog.parquet"
FORMAT = "3"
_GEN_KEY = b"kenes.generation"
_FMT_KEY = b"kenes.snapshot_format"
_VOCAB_KEY = b"kenes.vocabulary"


def title_rank(titles: list[str]) -> np.ndarray:
    """Rank of each title in folded alphabetical order (the catalog's title sort key)."""
    folded = [fold(t or "") for t in titles]
    order = sorted(range(len(folded)), key=folded.__getitem__)
    rank = np.empty(len(folded), dtype=np.int32)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(len(folded), dtype=np.int32)
    return rank


def build_table(rows: dict):
    """An Arrow table from `SQLiteStore.browse_rows()`: facet values as integer codes.

    Codes index value lists kept in the schema metadata, so opening needs no string
    dictionary work (and no pyarrow → pandas conversion path).
    """
    import pyarrow as pa

    lang = TagColumn.from_lists([[v or "other"] for v in rows["lang"]])
    src_index: dict[str, int] = {}
    src_codes = [src_index.setdefault(v, len(src_index)) if v else -1 for v in rows["source"]]
    cols = {
        "id": pa.array(rows["id"], type=pa.int64()),
        "day": pa.array([iso_to_day(d) for d in rows["date"]], type=pa.int32()),
        "lang": pa.array(lang.codes, type=pa.int32()),
        "source": pa.array(src_codes, type=pa.int32()),
        "title": pa.array(rows["title"], type=pa.string()),
        "title_rank": pa.array(title_rank(rows["title"]), type=pa.int32()),
        "origin": pa.array(rows["origin"], type=pa.string()),
    }
    vocab = {"lang": lang.values, "source": list(src_index)}
    for kind in MULTI_FACETS:
        col = TagColumn.from_lists(rows["tags"][kind])
        cols[kind] = pa.ListArray.from_arrays(pa.array(col.offsets, type=pa.int32()),
                                              pa.array(col.codes, type=pa.int32()))
        vocab[kind] = col.values
    table = pa.table(cols)
    return table.replace_schema_metadata({_VOCAB_KEY: json.dumps(vocab).encode()})


def write(table, path: Path, generation: int) -> None:
    """Write the snapshot atomically (temp file + rename) tagged with `generation`.

    The temp name is per process and thread, so two writers (the window and an import job,
    or the CLI) never write into one file; a failed write leaves no temp file behind.
    """
    import pyarrow.parquet as pq

    meta = dict(table.schema.metadata or {})
    meta[_GEN_KEY] = str(generation).encode()
    meta[_FMT_KEY] = FORMAT.encode()
    table = table.replace_schema_metadata(meta)
    tmp = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def generation_of(path: Path) -> int | None:
    """Generation recorded in a snapshot file, None when missing, unreadable or another format."""
    import pyarrow.parquet as pq

    try:
        meta = pq.read_schema(path).metadata or {}
    except Exception:  # noqa: BLE001 - any unreadable file is stale
        return None
    if meta.get(_FMT_KEY) != FORMAT.encode():
        return None
    try:
        return int(meta.get(_GEN_KEY, b"-1"))
    except ValueError:
        return None


def read(path: Path):
    """The snapshot table (ParquetFile.read: unlike pq.read_table it never imports pandas)."""
    import pyarrow.parquet as pq

    with pq.ParquetFile(path) as f:
        return f.read(use_pandas_metadata=False)


def _np(arr, dtype) -> np.ndarray:
    """numpy view of a fixed-width Arrow array without nulls (avoids to_numpy's pandas import)."""
    import pyarrow as pa

    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if arr.null_count:
        raise ValueError("unexpected nulls in snapshot column")
    buf = arr.buffers()[1]
    if buf is None:
        return np.zeros(0, dtype=dtype)
    return np.frombuffer(buf, dtype=dtype)[arr.offset : arr.offset + len(arr)]


def _tag_column(col, values: list[str]) -> TagColumn:
    import pyarrow as pa

    arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    offsets = _np(arr.offsets, np.int32).astype(np.int64)
    codes = _np(arr.values, np.int32)[offsets[0] : offsets[-1]]
    return TagColumn(offsets - offsets[0], codes, values)


def _strings(col) -> np.ndarray:
    out = np.empty(len(col), dtype=object)
    out[:] = col.to_pylist()
    return out


def catalog_from_table(table) -> Catalog:
    """Catalog (numpy columns + bitmasks) from a snapshot table, without pandas."""
    vocab = json.loads((table.schema.metadata or {})[_VOCAB_KEY])
    return Catalog(
        ids=_np(table.column("id"), np.int64),
        days=_np(table.column("day"), np.int32),
        lang=(_np(table.column("lang"), np.int32), vocab["lang"]),
        source=(_np(table.column("source"), np.int32), vocab["source"]),
        titles=_strings(table.column("title")),
        origins=_strings(table.column("origin")),
        tags={k: _tag_column(table.column(k), vocab[k]) for k in MULTI_FACETS},
        sort_keys={"title": _np(table.column("title_rank"), np.int32)},
    )
