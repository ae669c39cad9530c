"""Tables of articles — CSV/TSV, JSON, JSONL, Parquet, Excel — one Article per row.

Columns are found by common English/Russian/Kazakh names, case-insensitively ("Заголовок",
"мәтін", "published_at", "article_text"). A table without a text column is refused as a
whole, naming what it needed and what it found; a bad row is skipped alone as `path#row N`
(N is the spreadsheet row for CSV/Excel — header = row 1 —, the line for JSONL, the
1-based record for JSON and Parquet). A date that cannot be a real date leaves `date`
None with the row still imported and the raw value kept in `extra["raw_date"]`.
Missing fields are recovered from the text itself (language always).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from desktop.analysis.language import detect_language
from desktop.core.article import Article
from desktop.corpus import ReaderError
from desktop.corpus.encoding import clean_text, decode_bytes, detect_encoding
from desktop.corpus.textformat import (
    canonical_outlet,
    parse_date,
    parse_text_article,
    recover_metadata,
)
from desktop.i18n import _, format_number

OnSkip = Callable[[str, str], None]  # (label, reason)
Opener = Callable[[], IO[bytes]]

TABLE_KINDS = {
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".json": "json", ".jsonl": "jsonl",
    ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet", ".xlsx": "xlsx",
    ".xlsm": "xlsx",
}

_ALIASES: dict[str, tuple[str, ...]] = {
    "text": (
        "text", "body", "content", "full text", "fulltext", "article text", "article",
        "story", "news text", "main text", "текст", "содержание", "содержимое",
        "текст статьи", "статья", "мәтін", "мәтіні", "мазмұны", "мақала", "мақала мәтіні",
        "summary", "description", "lead", "аннотация", "описание", "аңдатпа",
    ),
    "title": (
        "title", "headline", "heading", "header", "subject", "заголовок", "название", "тема",
        "тақырып", "тақырыбы", "атауы", "атау",
    ),
    "date": (
        "date", "published", "published at", "publication date", "pub date", "pubdate",
        "datetime", "time", "timestamp", "created", "created at", "дата", "дата публикации",
        "время", "күні", "уақыты", "уақыт", "күн", "жарияланған күні", "жарияланды",
    ),
    "lang": ("lang", "language", "язык", "тіл", "тілі"),
    "source": (
        "source", "outlet", "publisher", "media", "agency", "site", "источник", "сми",
        "издание", "дереккөз", "дереккөзі", "басылым", "ақпарат көзі",
    ),
    "url": ("url", "link", "href", "uri", "ссылка", "адрес", "сілтеме"),
    "author": ("author", "authors", "byline", "автор", "авторы", "авторлар"),
}
# Fields tried in this order when a column name only contains a known word
# ("source_url" is a url, "article_title" a title).
_TOKEN_ORDER = ("url", "lang", "date", "author", "title", "source", "text")
_LANG_VALUES = {
    **dict.fromkeys(
        ("kk", "kaz", "kz", "kk-kz", "kk_kz", "қаз", "қазақ", "қазақша", "қазақ тілі",
         "казахский", "каз", "kazakh"), "kk"),
    **dict.fromkeys(
        ("ru", "rus", "ru-ru", "ru_ru", "ru-kz", "рус", "русский", "орыс", "орысша",
         "орыс тілі", "russian"), "ru"),
}
_LIST_KEYS = ("articles", "items", "data", "records", "rows", "results", "news", "documents",
              "docs", "entries")
_SEPARATORS = re.compile(r"[\s_\-.:/]+")
_CANCEL_EVERY = 500
# One cell is one article's text at most. News articles run to tens of kilobytes; a cell
# of millions of characters is a dump or an error, and analysing it would take far more
# memory than the whole rest of the table: such a row is skipped with a reason.
MAX_CELL_CHARS = 2_000_000
# The csv module holds a field in a buffer of 4 bytes per character before handing it over:
# a bound on that keeps a runaway quote from taking gigabytes (the row is then refused).
_MAX_FIELD = 1 << 26


def _norm(column: object) -> str:
    return _SEPARATORS.sub(" ", str(column).replace("\ufeff", "")).strip().casefold()


def match_columns(columns: Iterable[object]) -> dict[str, Any]:
    """field → column for the columns a table has (exact names first, then contained words)."""
    cols = list(columns)
    normed = [_norm(c) for c in cols]
    used: set[int] = set()
    found: dict[str, Any] = {}
    for field, aliases in _ALIASES.items():
        for alias in aliases:
            hits = [i for i, n in enumerate(normed) if n == alias and i not in used]
            if hits:
                found[field] = cols[hits[0]]
                used.add(hits[0])
                break
    for field in _TOKEN_ORDER:
        if field in found:
            continue
        words = {a for a in _ALIASES[field] if " " not in a}
        for i, n in enumerate(normed):
            if i not in used and words & set(n.split()):
                found[field] = cols[i]
                used.add(i)
                break
    return found


def no_text_column_reason(columns: Iterable[object]) -> str:
    """User-facing reason for a table without a text column."""
    needed = "/".join(_ALIASES["text"][:3] + ("текст", "мәтін"))
    found = ", ".join(str(c) for c in columns if str(c).strip()) or _("no columns")
    return _("no text column: needs one of {needed}; found: {found}").format(
        needed=needed, found=found
    )


def _str(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    return clean_text(value if isinstance(value, str) else str(value)).strip()


def _lang(value: object, text: str) -> str:
    v = _str(value).casefold()
    if v in _LANG_VALUES:
        return _LANG_VALUES[v]
    return detect_language(text, sample=1500)


def _extra_value(value: object) -> object | None:
    if isinstance(value, bool | int) or (isinstance(value, float) and value == value):
        return value
    if value is None or isinstance(value, bytes | bytearray | list | dict):
        return None
    s = _str(value)
    return s if s and len(s) <= 300 else None


def row_article(row: dict, mapping: dict[str, Any], origin: str) -> Article:
    """One table row → Article; ReaderError (reason) when the row has no text."""
    text = _str(row.get(mapping["text"]))
    if not text:
        raise ReaderError(_("row has no text"))
    title = _str(row.get(mapping["title"])) if "title" in mapping else ""
    extra: dict = {}
    if title:
        body = text
        if body.startswith(title) and body[len(title) : len(title) + 1] in ("", "\n"):
            body = body[len(title) :].strip() or text  # the text repeats the title line
        meta = recover_metadata(title, body)
        iso = None
    else:
        parsed = parse_text_article(text, origin)
        title, body, iso = parsed.title, parsed.body, parsed.date
        meta = {k: getattr(parsed, k) for k in ("source", "author", "dateline_city",
                                                 "credited_to") if getattr(parsed, k)}
        extra.update(parsed.extra)
    if "date" in mapping:
        raw = row.get(mapping["date"])
        if _str(raw):
            iso = parse_date(raw)
            if iso is None:
                extra["raw_date"] = _str(raw)
    source = _str(row.get(mapping["source"])) if "source" in mapping else ""
    author = _str(row.get(mapping["author"])) if "author" in mapping else ""
    url = _str(row.get(mapping["url"])) if "url" in mapping else ""
    used = set(mapping.values())
    for key, value in row.items():
        if key not in used and str(key).strip():
            v = _extra_value(value)
            if v is not None:
                extra[str(key)] = v
    return Article(
        title=title,
        body=body,
        date=iso,
        lang=_lang(row.get(mapping["lang"]) if "lang" in mapping else None,
                   f"{title}\n{body[:2000]}"),
        source=canonical_outlet(source) if source else meta.get("source"),
        author=author or meta.get("author"),
        dateline_city=meta.get("dateline_city"),
        credited_to=meta.get("credited_to"),
        url=url or None,
        origin=origin,
        extra=extra,
    )


def _oversized_cell(row: dict) -> int | None:
    """The length of the first cell longer than MAX_CELL_CHARS, else None."""
    for v in row.values():
        if isinstance(v, str | bytes) and len(v) > MAX_CELL_CHARS:
            return len(v)
    return None


def _articles(
    records: Iterator[tuple[int, dict]],
    label: str,
    on_skip: OnSkip,
    cancel: Any,
    fixed: dict[str, Any] | None,
    row_label: str = "row",
) -> Iterator[Article]:
    """Rows → Articles; for dict records the column mapping is found per key set."""
    cache: dict[tuple, dict[str, Any]] = {}
    first = True
    count = -1
    for count, (num, row) in enumerate(records):  # noqa: B007 - count is read after the loop
        if cancel is not None and count % _CANCEL_EVERY == 0:
            cancel.raise_if_cancelled()
        origin = f"{label}#{row_label} {num}"
        mapping = fixed
        if mapping is None:
            keys = tuple(row)
            mapping = cache.get(keys)
            if mapping is None:
                mapping = cache[keys] = match_columns(keys)
            if "text" not in mapping:
                if first:
                    raise ReaderError(no_text_column_reason(keys))
                on_skip(origin, no_text_column_reason(keys))
                continue
        first = False
        if (big := _oversized_cell(row)) is not None:
            on_skip(origin, _("a cell holds {size} characters, over the limit of {limit} for "
                              "one article").format(size=format_number(big),
                                                    limit=format_number(MAX_CELL_CHARS)))
            continue
        try:
            yield row_article(row, mapping, origin)
        except ReaderError as e:
            on_skip(origin, e.reason)
    if count < 0 and not getattr(on_skip, "calls", 0):
        raise ReaderError(_("table has no rows"))


def _text_stream(fobj: IO[bytes]) -> io.TextIOWrapper:
    head = fobj.read(1 << 16)
    enc = detect_encoding(head, final=len(head) < (1 << 16))
    fobj.seek(0)
    return io.TextIOWrapper(fobj, encoding=enc, errors="replace", newline="")


def _sniff_delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_records(fobj: IO[bytes], tsv: bool, label: str) -> tuple[list[str], Iterator]:
    if csv.field_size_limit() != _MAX_FIELD:
        csv.field_size_limit(_MAX_FIELD)  # one article can exceed the 128 KiB default
    stream = _text_stream(fobj)
    header_line = ""
    while not header_line.strip():
        header_line = stream.readline()
        if not header_line:
            raise ReaderError(_("empty table"))
    delimiter = "\t" if tsv else _sniff_delimiter(header_line)
    reader = csv.reader(itertools.chain([header_line], stream), delimiter=delimiter)
    header = [clean_text(h).strip() for h in next(reader)]

    def rows() -> Iterator[tuple[int, dict]]:
        num = 1  # the header is spreadsheet row 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                if "field limit" in str(e):
                    raise ReaderError(_(
                        "a cell near line {line} holds more than {limit} characters (an "
                        "unclosed quote?): the rest of the table was not read").format(
                            line=reader.line_num, limit=format_number(_MAX_FIELD))) from None
                raise ReaderError(
                    _("malformed CSV near line {line}: {error}").format(
                        line=reader.line_num, error=e
                    )
                ) from None
            num += 1
            if not any(v.strip() for v in values):
                continue
            yield num, dict(zip(header, values, strict=False))

    return header, rows()


def _jsonl_records(fobj: IO[bytes], label: str, on_skip: OnSkip) -> Iterator[tuple[int, dict]]:
    for num, line in enumerate(_text_stream(fobj), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as e:
            on_skip(f"{label}#row {num}", _("not valid JSON: {error}").format(error=e))
            continue
        if not isinstance(obj, dict):
            on_skip(f"{label}#row {num}", _("not a JSON object"))
            continue
        yield num, obj


def _json_records(data: bytes, label: str, on_skip: OnSkip) -> Iterator[tuple[int, dict]]:
    try:
        doc = json.loads(decode_bytes(data))
    except json.JSONDecodeError as e:
        raise ReaderError(_("not valid JSON: {error}").format(error=e)) from None
    except RecursionError:
        raise ReaderError(_("not valid JSON: nested too deeply")) from None
    if isinstance(doc, dict):
        items = next((doc[k] for k in _LIST_KEYS if isinstance(doc.get(k), list)), None)
        if items is None:
            items = [doc]
    elif isinstance(doc, list):
        items = doc
    else:
        raise ReaderError(_("JSON holds no list of articles"))
    for num, obj in enumerate(items, start=1):
        if isinstance(obj, dict):
            yield num, obj
        else:
            on_skip(f"{label}#row {num}", _("not a JSON object"))


def _parquet_records(fobj: IO[bytes]) -> tuple[list[str], dict[str, Any], Iterator]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(fobj)
        names = list(pf.schema_arrow.names)
    except Exception:  # noqa: BLE001 - pyarrow raises many types for a damaged file
        raise ReaderError(_("not a valid Parquet file")) from None
    mapping = match_columns(names)
    if "text" not in mapping:
        raise ReaderError(no_text_column_reason(names))
    wanted = list(dict.fromkeys(mapping.values())) + [
        n for n in names if n not in mapping.values()
    ]

    def rows() -> Iterator[tuple[int, dict]]:
        num = 0
        try:
            for batch in pf.iter_batches(batch_size=2048, columns=wanted):
                cols = batch.to_pydict()
                for i in range(batch.num_rows):
                    num += 1
                    yield num, {k: v[i] for k, v in cols.items()}
        except ReaderError:
            raise
        except Exception as e:  # noqa: BLE001
            raise ReaderError(
                _("Parquet file is damaged after row {row}: {error}").format(row=num, error=e)
            ) from None

    return names, mapping, rows()


def _xlsx_header(ws: Any) -> tuple[list[str], Iterator[tuple[int, tuple]]]:
    """The first non-empty row of a sheet as header, and an iterator over the rows below it."""
    it = enumerate(ws.iter_rows(values_only=True), start=1)
    for _num, values in it:
        if values and any(v is not None and str(v).strip() for v in values):
            return [_str(v) for v in values], it
    return [], iter(())


def _xlsx_rows(header: list[str], it: Iterator[tuple[int, tuple]]) -> Iterator[tuple[int, dict]]:
    for num, values in it:
        if values and any(v is not None and str(v).strip() for v in values):
            yield num, dict(zip(header, values, strict=False))


def _read_xlsx(f: IO[bytes], label: str, on_skip: OnSkip, cancel: Any) -> Iterator[Article]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(f, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - zipfile/XML/openpyxl errors all mean "damaged"
        raise ReaderError(_("not a valid Excel workbook (.xlsx)")) from None
    try:
        sheets = []
        for ws in wb.worksheets:
            header, it = _xlsx_header(ws)
            mapping = match_columns(header)
            sheets.append((ws.title, header, mapping, it))
        usable = [s for s in sheets if "text" in s[2]]
        if not usable:
            raise ReaderError(no_text_column_reason(sheets[0][1] if sheets else []))
        for title, header, mapping, it in usable:
            sheet_label = label if len(usable) == 1 else f"{label}#{title}"
            yield from _articles(_xlsx_rows(header, it), sheet_label, on_skip, cancel, mapping)
    finally:
        wb.close()


class _CountingSkip:
    """on_skip that remembers whether any row was reported (an all-bad table is not "empty")."""

    def __init__(self, on_skip: OnSkip) -> None:
        self._on_skip = on_skip
        self.calls = 0

    def __call__(self, label: str, reason: str) -> None:
        self.calls += 1
        self._on_skip(label, reason)


def read_table(
    kind: str, opener: Opener, label: str, on_skip: OnSkip, cancel: Any = None
) -> Iterator[Article]:
    """Articles from one table file; ReaderError when the table as a whole is unusable."""
    on_skip = _CountingSkip(on_skip)
    if kind in ("csv", "tsv"):
        with opener() as f:
            header, records = _csv_records(f, kind == "tsv", label)
            mapping = match_columns(header)
            if "text" not in mapping:
                raise ReaderError(no_text_column_reason(header))
            yield from _articles(records, label, on_skip, cancel, mapping)
    elif kind == "jsonl":
        with opener() as f:
            yield from _articles(_jsonl_records(f, label, on_skip), label, on_skip, cancel, None)
    elif kind == "json":
        with opener() as f:
            data = f.read()
        yield from _articles(_json_records(data, label, on_skip), label, on_skip, cancel, None)
    elif kind == "parquet":
        with opener() as f:
            _names, mapping, records = _parquet_records(f)
            yield from _articles(records, label, on_skip, cancel, mapping)
    elif kind == "xlsx":
        with opener() as f:
            yield from _read_xlsx(f, label, on_skip, cancel)
    else:  # pragma: no cover - callers only pass TABLE_KINDS values
        raise ReaderError(_("unsupported table format"))


__all__ = ["TABLE_KINDS", "match_columns", "no_text_column_reason", "read_table", "row_article"]
