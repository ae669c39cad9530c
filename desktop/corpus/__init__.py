"""Reading articles from files, folders, archives and tables, and the library store."""

from __future__ import annotations


class ReaderError(Exception):
    """One source could not be read; `reason` is a user-facing, already translated message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotTextError(ReaderError):
    """Bytes that are not text in any encoding we accept (binary, unknown encoding)."""
