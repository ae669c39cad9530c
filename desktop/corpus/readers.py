"""Files, folders, ZIP archives and tables → a stream of Articles; broken sources are reported.

`read_paths` never stops on a bad source: it calls `on_skip(Skipped(path, reason))` and goes
on. Folders are walked recursively in sorted order, skipping hidden files; inside folders
and archives, files of unknown types are passed over quietly, while formats we know but do
not read (.xls, .docx, .pdf, .rar, …) are reported. A path named directly is always
reported when it cannot be read. Sizes are checked before reading (a 1 GB .txt is refused
from its size alone), archives are read in memory and never extracted.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from desktop.core.article import Article
from desktop.corpus import NotTextError, ReaderError
from desktop.corpus.archives import ZipSource, is_hidden, too_large
from desktop.corpus.encoding import decode_bytes
from desktop.corpus.tables import TABLE_KINDS, read_table
from desktop.corpus.textformat import parse_text_article
from desktop.i18n import N_, _
from desktop.jobs import Cancelled, CancelToken

__all__ = [
    "Limits", "NotTextError", "ReaderError", "Skipped", "read_paths", "SUPPORTED_EXTENSIONS",
]

MB = 1 << 20
TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md"})
ARCHIVE_EXTENSIONS = frozenset({".zip"})
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS | ARCHIVE_EXTENSIONS | frozenset(TABLE_KINDS)
# Loaded whole (not streamed), so held to the smaller limit.
_WHOLE_TABLES = frozenset({"json", "xlsx"})
# Known formats we do not read: worth telling the user about even inside a folder.
_UNSUPPORTED_HINTS = {
    ".xls": N_("old Excel format (.xls): save it as .xlsx"),
    ".doc": N_("Word documents are not supported: save as .txt"),
    ".docx": N_("Word documents are not supported: save as .txt"),
    ".odt": N_("OpenDocument text is not supported: save as .txt"),
    ".rtf": N_("RTF documents are not supported: save as .txt"),
    ".pdf": N_("PDF files are not supported: save the text as .txt"),
    ".ods": N_("OpenDocument spreadsheets are not supported: save as .xlsx or .csv"),
    ".rar": N_("RAR archives are not supported: repack as .zip"),
    ".7z": N_("7-Zip archives are not supported: repack as .zip"),
    ".gz": N_("gzip archives are not supported: repack as .zip"),
    ".tgz": N_("tar archives are not supported: repack as .zip"),
    ".tar": N_("tar archives are not supported: repack as .zip"),
}


# Files that travel with folders of texts (a licence, a readme, a changelog) are not news.
# Matched on the name before its extension, with a suffix such as LICENSE-MIT, README.ru.
_PROJECT_FILE = re.compile(
    # unmistakable names, also with one suffix (LICENSE-MIT, README.ru, CHANGELOG_2024)
    r"(?:licen[cs]e|unlicen[cs]e|copying|readme|read[-_ ]me|change[-_ ]?log|contributing"
    r"|code[-_ ]of[-_ ]conduct)(?:[-_. ][a-z0-9.]{1,12})?"
    # ordinary words only alone, so that "history_of_trade.txt" stays an article
    r"|authors|contributors|changes|history|notice|credits|maintainers|patents|security"
    r"|copyright",
    re.IGNORECASE,
)
_PROJECT_FILE_REASON = N_(
    "licence, readme or changelog file, not news: name the file itself to import it"
)


def is_project_file(name: str) -> bool:
    """Whether a file name is a licence, readme, changelog or the like (any case)."""
    base = os.path.basename(name.replace("\\", "/"))
    stem = os.path.splitext(base)[0] if _ext(base) in SUPPORTED_EXTENSIONS else base
    return bool(_PROJECT_FILE.fullmatch(stem))


@dataclass(frozen=True)
class Skipped:
    """A source (file, archive member or table row) that was not imported, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Limits:
    """Size limits, checked before anything is read."""

    max_text_bytes: int = 50 * MB  # one article file
    max_table_bytes: int = 2048 * MB  # streamed tables: CSV/TSV, JSONL, Parquet
    max_whole_table_bytes: int = 512 * MB  # tables loaded whole: JSON, Excel
    max_member_bytes: int = 512 * MB  # any archive member (it is read into memory)
    max_archive_depth: int = 3  # zip inside zip inside zip


@dataclass
class _Source:
    label: str
    name: str  # for the extension
    size: int
    opener: Callable[[], io.BufferedIOBase]
    direct: bool = False  # named by the user, not found in a folder
    key: tuple | None = None  # (device, inode): one file under two names is read once


class _Run:
    def __init__(self, on_skip, progress, cancel, limits: Limits) -> None:
        self.on_skip = on_skip
        self.progress = progress
        self.cancel = cancel
        self.limits = limits
        self.done = 0
        self.total = 0

    def skip(self, path: str, reason: str) -> None:
        self.on_skip(Skipped(str(path), reason))

    def tick(self, label: str) -> None:
        if self.cancel is not None:
            self.cancel.raise_if_cancelled()
        if self.progress is not None:
            self.progress(self.done, self.total, label)

    def read_source(self, src: _Source, depth: int = 0) -> Iterator[Article]:
        """Articles of one source; any failure is reported against it and reading goes on."""
        try:
            yield from self._dispatch(src, depth)
        except (Cancelled, GeneratorExit):
            raise
        except ReaderError as e:
            self.skip(src.label, e.reason)
        except MemoryError:
            self.skip(src.label, _("not enough memory to read this file"))
        except OSError as e:
            self.skip(src.label, _("cannot read file: {error}").format(error=e.strerror or e))
        except Exception as e:  # noqa: BLE001 - one bad file must never end the import
            self.skip(src.label, _("unexpected error: {error}").format(error=f"{type(e).__name__}: {e}"))

    def _dispatch(self, src: _Source, depth: int) -> Iterator[Article]:
        ext = _ext(src.name)
        if ext in TEXT_EXTENSIONS:
            self._check_size(src, self.limits.max_text_bytes)
            with src.opener() as f:  # read(size): read(limit) would allocate the whole limit
                data = f.read(src.size + 1)
                if len(data) > src.size:  # it grew since stat(); still never past the limit
                    data += f.read(self.limits.max_text_bytes - len(data) + 1)
                if len(data) > self.limits.max_text_bytes:
                    raise ReaderError(too_large(len(data), self.limits.max_text_bytes))
            text = decode_bytes(data)
            if not text.strip():
                raise ReaderError(_("empty file"))
            yield parse_text_article(text, src.label)
        elif ext in TABLE_KINDS:
            kind = TABLE_KINDS[ext]
            limit = (
                self.limits.max_whole_table_bytes
                if kind in _WHOLE_TABLES
                else self.limits.max_table_bytes
            )
            self._check_size(src, limit)
            yield from read_table(kind, src.opener, src.label, self.skip, self.cancel)
        elif ext in ARCHIVE_EXTENSIONS:
            if depth >= self.limits.max_archive_depth:
                raise ReaderError(_("archive nested too deeply"))
            self._check_size(src, None)
            yield from self._archive(src, depth)
        else:
            hint = _UNSUPPORTED_HINTS.get(ext)
            if hint:
                raise ReaderError(_(hint))
            raise ReaderError(
                _("unsupported file type: {ext}").format(ext=ext or _("no extension"))
            )

    @staticmethod
    def _check_size(src: _Source, limit: int | None) -> None:
        if src.size == 0:
            raise ReaderError(_("empty file"))
        if limit is not None and src.size > limit:
            raise ReaderError(too_large(src.size, limit))

    def _archive(self, src: _Source, depth: int) -> Iterator[Article]:
        with ZipSource(src.opener, src.label) as zf:
            members = [
                m
                for m in zf.members(self.skip, self.limits.max_member_bytes)
                if _wanted(m.name, m.label, self.skip)
            ]
            self.total += len(members)
            for m in members:
                self.tick(m.label)
                try:
                    data = zf.read(m)
                except ReaderError as e:
                    self.skip(m.label, e.reason)
                else:
                    member = _Source(
                        m.label, m.name, len(data), lambda data=data: io.BytesIO(data)
                    )
                    yield from self.read_source(member, depth + 1)
                self.done += 1


def _ext(name: str) -> str:
    """Lower-case extension with its dot (".txt"); os.path is ~10× cheaper than pathlib here."""
    return os.path.splitext(name)[1].lower()


def _wanted(name: str, label: str, skip: Callable[[str, str], None]) -> bool:
    """Inside a folder or archive: supported types yes, known-unsupported reported, rest quiet."""
    ext = _ext(name)
    if ext in SUPPORTED_EXTENSIONS:
        if is_project_file(name):
            skip(label, _(_PROJECT_FILE_REASON))
            return False
        return True
    if ext in _UNSUPPORTED_HINTS:
        skip(label, _(_UNSUPPORTED_HINTS[ext]))
    return False


def _file_source(path: str, direct: bool) -> _Source | Skipped:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return Skipped(path, _("file not found"))
    except OSError as e:
        return Skipped(path, _("cannot read file: {error}").format(error=e.strerror or e))
    return _Source(
        path, path, st.st_size, lambda: open(path, "rb"), direct, (st.st_dev, st.st_ino)
    )


def _collect(paths: Iterable[str | os.PathLike], run: _Run) -> list[_Source]:
    """Expand folders (sorted, recursive, no hidden entries) into a de-duplicated file list."""
    seen: set = set()
    out: list[_Source] = []

    def add(path: str, direct: bool) -> None:
        src = _file_source(path, direct)
        if isinstance(src, Skipped):
            if src.path not in seen:
                seen.add(src.path)
                run.on_skip(src)
            return
        if src.key not in seen:  # the same file named twice, or via a folder and directly
            seen.add(src.key)
            out.append(src)

    for p in paths:
        path = os.fspath(p)
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not is_hidden(d))
                for name in sorted(files):
                    full = os.path.join(root, name)
                    if is_hidden(name) or not _wanted(name, full, run.skip):
                        continue
                    add(full, False)
        else:
            add(path, True)
    return out


def read_paths(
    paths: Iterable[str | os.PathLike],
    *,
    on_skip: Callable[[Skipped], None],
    progress: Callable[[int, int, str], None] | None = None,
    cancel: CancelToken | None = None,
    limits: Limits | None = None,
) -> Iterator[Article]:
    """Articles from files, folders, .zip archives and tables, in a stable order.

    `progress(done, total, path)` counts sources (files and archive members; `total` grows
    as archives are opened); `cancel` is checked between sources and raises Cancelled.
    """
    if isinstance(paths, str | os.PathLike):  # one path given bare, not a list of its letters
        paths = [paths]
    run = _Run(on_skip, progress, cancel, limits or Limits())
    sources = _collect(paths, run)
    run.total = len(sources)
    for src in sources:
        run.tick(src.label)
        yield from run.read_source(src)
        run.done += 1
    if progress is not None:
        progress(run.done, run.total, "")
