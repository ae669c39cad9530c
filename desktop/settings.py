"""Typed settings with defaults, stored with QSettings (UI layer only).

When `KENES_DATA_DIR` is set the settings live in `<dir>/kenes.ini`, so tests and portable
setups never touch the user's real configuration.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


def settings_path() -> Path | None:
    """The INI file used when KENES_DATA_DIR is set, else None (platform default store)."""
    env = os.environ.get("KENES_DATA_DIR")
    return Path(env) / "kenes.ini" if env else None


def library_path(folder: str | os.PathLike) -> str:
    """A library folder as one spelling (absolute, symlinks resolved)."""
    return str(Path(folder).expanduser().resolve())


def library_key(path: str) -> str:
    """A settings group name for a library folder (paths hold characters INI keys do not)."""
    return hashlib.sha1(path.encode("utf-8")).hexdigest()[:16]


class Settings:
    """Small typed facade over QSettings: window state, library, filters, saved searches."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        if qsettings is None:
            path = settings_path()
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                qsettings = QSettings(str(path), QSettings.Format.IniFormat)
            else:
                qsettings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                      "Kenes", "Kenes")
        self._q = qsettings
        self._lib: str | None = None  # "libraries/<key>" of the library in use
        self._tmp: tempfile.TemporaryDirectory | None = None

    @classmethod
    def scratch(cls) -> Settings:
        """Settings in a temporary file: nothing saved is read, nothing is kept
        (a --screenshot shows the library as it is, not the user's last filters)."""
        tmp = tempfile.TemporaryDirectory(prefix="kenes-settings-")
        s = cls(QSettings(str(Path(tmp.name) / "kenes.ini"), QSettings.Format.IniFormat))
        s._tmp = tmp
        return s

    @property
    def qsettings(self) -> QSettings:
        return self._q

    def sync(self) -> None:
        """Write pending changes to disk now."""
        self._q.sync()

    # -- primitives -------------------------------------------------------------------
    def _str(self, key: str, default: str = "") -> str:
        v = self._q.value(key, default)
        return str(v) if v is not None else default

    def _bytes(self, key: str) -> QByteArray | None:
        v = self._q.value(key)
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    def _json(self, key: str, default: Any) -> Any:
        raw = self._q.value(key)
        if not raw:
            return default
        try:
            return json.loads(str(raw))
        except (ValueError, TypeError):
            return default

    def _set_json(self, key: str, value: Any) -> None:
        self._q.setValue(key, json.dumps(value, ensure_ascii=False))

    # -- interface language -----------------------------------------------------------
    @property
    def ui_language(self) -> str:
        return self._str("ui/language")

    @ui_language.setter
    def ui_language(self, lang: str) -> None:
        self._q.setValue("ui/language", lang)

    # -- library ----------------------------------------------------------------------
    @property
    def last_library(self) -> str:
        return self._str("library/last")

    @last_library.setter
    def last_library(self, path: str) -> None:
        self._q.setValue("library/last", path)

    def use_library(self, folder: str | os.PathLike) -> None:
        """The browse state and saved searches from now on are those of this library folder.

        Before they were kept per library, one set served every library: it is handed to
        the library it was last used with (`library/last`) the first time that one opens."""
        path = library_path(folder)
        self._lib = f"libraries/{library_key(path)}"
        if self._q.value(f"{self._lib}/path") is not None:
            return
        self._q.setValue(f"{self._lib}/path", path)
        last = self.last_library
        if last and library_key(library_path(last)) == library_key(path):
            for key in ("browse/last", "browse/saved"):
                v = self._q.value(key)
                if v is not None:
                    self._q.setValue(f"{self._lib}/{key}", v)
                    self._q.remove(key)

    def _per_library(self, key: str) -> str:
        return f"{self._lib}/{key}" if self._lib else key

    # -- window layout ----------------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def set_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._q.setValue("window/geometry", geometry)
        self._q.setValue("window/state", state)

    def splitter_state(self, name: str) -> QByteArray | None:
        return self._bytes(f"splitter/{name}")

    def set_splitter_state(self, name: str, state: QByteArray) -> None:
        self._q.setValue(f"splitter/{name}", state)

    def header_state(self) -> QByteArray | None:
        return self._bytes("table/header")

    def set_header_state(self, state: QByteArray) -> None:
        self._q.setValue("table/header", state)

    # -- browsing state ---------------------------------------------------------------
    def last_browse(self) -> dict:
        """{"query": str, "facets": {kind: [values]}, "date_from": str|None, "date_to": ...}."""
        d = self._json(self._per_library("browse/last"), {})
        return d if isinstance(d, dict) else {}

    def set_last_browse(self, state: dict) -> None:
        self._set_json(self._per_library("browse/last"), state)

    def saved_searches(self) -> list[dict]:
        """Saved searches: [{"name": str, "state": <browse state>}] in user order."""
        items = self._json(self._per_library("browse/saved"), [])
        if not isinstance(items, list):
            return []
        return [i for i in items if isinstance(i, dict) and isinstance(i.get("name"), str)
                and i["name"] and isinstance(i.get("state") or {}, dict)]

    def set_saved_searches(self, items: list[dict]) -> None:
        self._set_json(self._per_library("browse/saved"), items)

    def highlight_kinds(self) -> list[str] | None:
        v = self._json("reader/highlights", None)
        return v if isinstance(v, list) else None

    def set_highlight_kinds(self, kinds: list[str]) -> None:
        self._set_json("reader/highlights", kinds)

    # -- reading pair -----------------------------------------------------------------
    def _bool(self, key: str, default: bool) -> bool:
        v = self._q.value(key, default)
        if isinstance(v, str):
            return v.lower() in ("1", "true", "yes", "on")
        return bool(v)

    def pair_sync(self) -> bool:
        """Synchronised scrolling of the Kazakh | Russian pair (on by default)."""
        return self._bool("pair/sync", True)

    def set_pair_sync(self, on: bool) -> None:
        self._q.setValue("pair/sync", bool(on))

    def pair_side_visible(self) -> bool:
        """The differences / glossary list beside the pair (shown by default)."""
        return self._bool("pair/side", True)

    def set_pair_side_visible(self, on: bool) -> None:
        self._q.setValue("pair/side", bool(on))
