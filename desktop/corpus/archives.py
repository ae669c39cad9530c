"""ZIP archives read in memory, member by member; nothing is ever extracted to disk.

Member names that could escape a folder (`../../x`, `/etc/x`, `C:\\x`) are refused and
reported, as are encrypted or oversized members; a damaged archive is one clear reason.
Names stored without the UTF-8 flag are read as cp866, the code page Russian-locale
Windows archivers use (zipfile assumes cp437, which turns Cyrillic names into noise).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from desktop.corpus import ReaderError
from desktop.i18n import N_, _

CORRUPT = N_("archive is truncated or corrupt")
_DRIVE = re.compile(r"^[A-Za-z]:")
_JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini"})


@dataclass(frozen=True)
class Member:
    """One file inside an archive: `label` is `archive::name`, the article origin."""

    label: str
    name: str
    size: int
    info: zipfile.ZipInfo


def _display_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800 and not name.isascii():
        try:
            name = name.encode("cp437").decode("cp866")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name.replace("\\", "/")


def is_unsafe_name(name: str) -> bool:
    """True for a member name that is absolute or climbs out of the archive's folder."""
    n = name.replace("\\", "/")
    return n.startswith("/") or bool(_DRIVE.match(n)) or ".." in n.split("/") or "\x00" in n


def is_hidden(name: str) -> bool:
    """Dot-files, macOS resource forks, Office lock files and Windows thumbnails."""
    parts = [p for p in name.split("/") if p]
    return (
        not parts
        or any(p.startswith(".") or p == "__MACOSX" for p in parts)
        or parts[-1].startswith("~$")
        or parts[-1].casefold() in _JUNK_NAMES
    )


class ZipSource:
    """An open ZIP archive; use as a context manager."""

    def __init__(self, opener: Callable[[], IO[bytes]], label: str) -> None:
        self.label = label
        self._file = opener()
        try:
            self._zip = zipfile.ZipFile(self._file)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
            self._file.close()
            raise ReaderError(_(CORRUPT)) from None

    def __enter__(self) -> ZipSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()
        self._file.close()

    def members(self, on_skip: Callable[[str, str], None], max_bytes: int) -> list[Member]:
        """Safe, visible file members sorted by name; unsafe/encrypted/oversized ones reported."""
        out: list[Member] = []
        for info in self._zip.infolist():
            if info.is_dir():
                continue
            name = _display_name(info)
            label = f"{self.label}::{name}"
            if is_unsafe_name(info.orig_filename) or is_unsafe_name(name):
                on_skip(label, _("unsafe path in archive: {name}").format(name=name))
                continue
            if is_hidden(name):
                continue
            if info.flag_bits & 0x1:
                on_skip(label, _("encrypted archive member"))
                continue
            if info.file_size > max_bytes:
                on_skip(label, too_large(info.file_size, max_bytes))
                continue
            out.append(Member(label, name, info.file_size, info))
        out.sort(key=lambda m: m.name)
        return out

    def read(self, member: Member) -> bytes:
        """The member's bytes; ReaderError if its data is damaged."""
        try:
            with self._zip.open(member.info) as f:
                return f.read()
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
            raise ReaderError(_(CORRUPT)) from None
        except (NotImplementedError, RuntimeError):
            raise ReaderError(_("unsupported compression in archive member")) from None


def too_large(size: int, limit: int) -> str:
    """User-facing reason for a file over the size limit."""
    return _("file too large: {size} MB (limit {limit} MB)").format(
        size=_mb(size), limit=_mb(limit)
    )


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.1f}".rstrip("0").rstrip(".")
