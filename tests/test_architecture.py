"""The core never imports Qt, and nothing opens a network connection."""

from __future__ import annotations

import ast
import socket
from pathlib import Path

import pytest

from tests.conftest import ROOT, NetworkBlocked

CORE_DIRS = ["core", "corpus", "analysis", "export", "jobs"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_core_packages_never_import_qt():
    offenders = []
    for d in CORE_DIRS:
        for f in (ROOT / "desktop" / d).rglob("*.py"):
            if f.name == "qt_runner.py":
                continue
            if {"PySide6", "shiboken6"} & _imports(f):
                offenders.append(str(f.relative_to(ROOT)))
    assert offenders == []


def test_no_module_imports_network_libraries():
    banned = {"requests", "urllib3", "httpx", "aiohttp", "http", "ftplib", "smtplib"}
    offenders = [
        str(f.relative_to(ROOT))
        for f in (ROOT / "desktop").rglob("*.py")
        if banned & _imports(f)
    ]
    assert offenders == []


def test_network_guard_is_active():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkBlocked):
            s.connect(("127.0.0.1", 9))
    finally:
        s.close()
