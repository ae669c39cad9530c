"""Atomic PDF output (the writer itself is `desktop.fileio`, shared by every saved file)."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.fileio import atomic_write, atomic_write_bytes

__all__ = ["atomic_write", "atomic_write_bytes", "atomic_write_pdf"]


def atomic_write_pdf(out: str | os.PathLike, data: bytes, *, cancel=None) -> Path:
    """Write a finished PDF (its bytes) to `out` atomically."""
    return atomic_write_bytes(out, data, cancel=cancel)
