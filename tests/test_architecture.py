"""The core never imports Qt, the window's layering holds, and nothing opens a network
connection."""

from __future__ import annotations

import ast
import os
import socket
import subprocess
import sys
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


def test_import_contracts_hold():
    """The contracts in .importlinter (docs/architecture.md): the core never imports the
    window, Qt or the settings; the frame sits above feature controllers that never import
    each other; no new import cycles."""
    import importlinter  # noqa: F401 - a dev dependency (pyproject.toml): fail, never skip

    cmd = [sys.executable, "-c",
           "import sys; from importlinter.cli import lint_imports_command; "
           "sys.exit(lint_imports_command())"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this tree's desktop, not an installed one
    r = subprocess.run([*cmd, "--no-cache", "--no-logo", str(ROOT / ".importlinter")],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
    assert "0 broken" in r.stdout


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
