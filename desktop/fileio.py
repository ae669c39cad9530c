"""Atomic file output: a temporary file in the target folder, fsync, then os.replace.

The one writer for every file Kenes saves — PDFs, briefings and drafts, rule edits, the
user glossary — so a crash or a cancel never leaves half a file anywhere.

A failure or a cancel removes the temporary file, so the target is either the complete
new file or whatever was there before — never half of one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible (nor needed) on Windows.
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(out: str | os.PathLike, write: Callable[[BinaryIO], None], *,
                 cancel=None) -> Path:
    """Call `write(f)` on a temp file beside `out`, then move it over `out`.

    `cancel` (a desktop.jobs.CancelToken) is checked once more before the rename; any
    exception (Cancelled included) propagates after the temp file is removed.
    """
    out = Path(out)
    folder = out.parent if str(out.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        if cancel is not None:
            cancel.raise_if_cancelled()
        with contextlib.suppress(OSError):  # mkstemp makes it 0600; a document is shared
            os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)
    return out


def atomic_write_bytes(out: str | os.PathLike, data: bytes, *, cancel=None) -> Path:
    return atomic_write(out, lambda f: f.write(data), cancel=cancel)
