"""A failed or cancelled write never leaves a partial file and never damages an older one."""

from __future__ import annotations

import errno

import pytest

from desktop import fileio as atomic  # the writer behind export.atomic
from desktop.export.atomic import atomic_write, atomic_write_pdf
from desktop.jobs import Cancelled, CancelToken


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_writes_the_new_content(tmp_path):
    out = tmp_path / "brief.pdf"
    out.write_bytes(b"old")
    atomic_write_pdf(out, b"%PDF-new")
    assert out.read_bytes() == b"%PDF-new"
    assert _leftovers(tmp_path) == []


def test_disk_error_keeps_the_old_file(tmp_path, monkeypatch):
    out = tmp_path / "brief.pdf"
    out.write_bytes(b"old")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OSError):
        atomic_write_pdf(out, b"%PDF-new")
    assert out.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_failing_writer_leaves_no_file(tmp_path):
    out = tmp_path / "new.pdf"

    def half(f):
        f.write(b"%PDF-half")
        raise OSError(errno.EIO, "I/O error")

    with pytest.raises(OSError):
        atomic_write(out, half)
    assert not out.exists()
    assert _leftovers(tmp_path) == []


def test_cancel_leaves_no_file_and_the_old_one_intact(tmp_path):
    token = CancelToken()
    out = tmp_path / "digest.pdf"
    old = tmp_path / "kept.pdf"
    old.write_bytes(b"old")

    def write_then_cancel(f):
        f.write(b"%PDF")
        token.cancel()

    with pytest.raises(Cancelled):
        atomic_write(out, write_then_cancel, cancel=token)
    with pytest.raises(Cancelled):
        atomic_write(old, write_then_cancel, cancel=token)
    assert not out.exists()
    assert old.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []
