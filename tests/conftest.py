"""Shared fixtures: offscreen Qt, no network, a private data folder per test."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
# The bundled sample is the five seed articles; the suite needs nothing outside the clone.
SAMPLE = ROOT / "resources" / "sample"
SEEDS = SAMPLE
SEEDS_EXPECTED = DATA / "seeds-expected.json"


class NetworkBlocked(RuntimeError):
    pass


def _blocked(*args, **kwargs):
    raise NetworkBlocked("Kenes must not open network connections")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Any attempt to connect anywhere fails the test (AF_UNIX stays usable for Qt)."""
    real_connect = socket.socket.connect

    def guarded_connect(self, address, *a, **k):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise NetworkBlocked(f"network connection attempted to {address!r}")
        return real_connect(self, address, *a, **k)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "create_connection", _blocked)
    monkeypatch.setattr(socket, "getaddrinfo", _blocked)
    yield


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """Never touch the real user data folder or library."""
    d = tmp_path_factory.mktemp("kenes-data")
    monkeypatch.setenv("KENES_DATA_DIR", str(d))
    monkeypatch.setenv("KENES_LIBRARY", str(d / "library"))
    yield d


@pytest.fixture
def sample_dir() -> Path:
    return SAMPLE
