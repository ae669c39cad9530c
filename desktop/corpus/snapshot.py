"""Parquet snapshot of a library's browse columns: opens a 100k library in a fraction of a second.

Arrow columns go straight into numpy (no pandas on this path). The snapshot records the
library's generation counter; a snapshot from another generation is stale and rebuilt.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from desktop.core.query import MULTI_FACETS, Catalog, TagColumn, iso_to_day

SNAPSHOT_NAME = "catalog.parquet"
FORMAT = "1"
_GEN_KEY = b"kenes.generation"
_FMT_KEY = b"kenes.snapshot_format"


def build_table(rows: dict):
    """An Arrow table from `SQLiteStore.browse_rows()` output."""
    import pyarrow as pa

    cols = {
        "id": pa.array(rows["id"], type=pa.int64()),
        "day": pa.array([iso_to_day(d) for d in rows["date"]], type=pa.int32()),
        "lang": pa.array(rows["lang"], type=pa.string()).dictionary_encode(),
        "source": pa.array(rows["source"], type=pa.string()).dictionary_encode(),
        "title": pa.array(rows["title"], type=pa.string()),
        "origin": pa.array(rows["origin"], type=pa.string()),
    }
    for kind in MULTI_FACETS:
        cols[kind] = pa.array(rows["tags"][kind], type=pa.list_(pa.string()))
    return pa.table(cols)


def write(table, path: Path, generation: int) -> None:
    """Write the snapshot atomically (temp file + rename) tagged with `generation`."""
    import pyarrow.parquet as pq

    meta = dict(table.schema.metadata or {})
    meta[_GEN_KEY] = str(generation).encode()
    meta[_FMT_KEY] = FORMAT.encode()
    table = table.replace_schema_metadata(meta)
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def generation_of(path: Path) -> int | None:
    """Generation recorded in a snapshot file, None when missing, unreadable or another format."""
    import pyarrow.parquet as pq

    try:
        meta = pq.read_schema(path).metadata or {}
    except (OSError, ValueError, Exception):  # noqa: BLE001 - any unreadable file is stale
        return None
    if meta.get(_FMT_KEY) != FORMAT.encode():
        return None
    try:
        return int(meta.get(_GEN_KEY, b"-1"))
    except ValueError:
        return None


def read(path: Path):
    import pyarrow.parquet as pq

    return pq.read_table(path)


def _dict_codes(col) -> tuple[np.ndarray, list[str]]:
    """Integer codes (-1 for null) and values of a (dictionary-encoded) string column."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    if not pa.types.is_dictionary(arr.type):
        arr = pc.dictionary_encode(arr)
    codes = arr.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int32)
    return codes, [str(v) for v in arr.dictionary.to_pylist()]


def _tag_column(col) -> TagColumn:
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    offsets = arr.offsets.to_numpy().astype(np.int64)
    values = arr.values.slice(int(offsets[0]), int(offsets[-1] - offsets[0]))
    offsets = offsets - offsets[0]
    enc = pc.dictionary_encode(values)
    codes = enc.indices.to_numpy(zero_copy_only=False).astype(np.int32)
    return TagColumn(offsets, codes, [str(v) for v in enc.dictionary.to_pylist()])


def _strings(col) -> np.ndarray:
    out = col.to_numpy()
    return out if out.dtype == object else out.astype(object)


def catalog_from_table(table) -> Catalog:
    """Catalog (numpy columns + bitmasks) from a snapshot table, without pandas."""
    lang_codes, lang_values = _dict_codes(table.column("lang"))
    if (lang_codes < 0).any():
        lang_values = [*lang_values, "other"]
        lang_codes = np.where(lang_codes < 0, len(lang_values) - 1, lang_codes)
    return Catalog(
        ids=table.column("id").to_numpy(),
        days=table.column("day").to_numpy(),
        lang=(lang_codes, lang_values),
        source=_dict_codes(table.column("source")),
        titles=_strings(table.column("title")),
        origins=_strings(table.column("origin")),
        tags={k: _tag_column(table.column(k)) for k in MULTI_FACETS},
    )
