"""Typed settings with defaults, stored with QSettings (UI layer only).

When `KENES_DATA_DIR` is set the settings live in `<dir>/kenes.ini`, so tests and portable
setups never touch the user's real configuration.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


def settings_path() -> Path | None:
    """The INI file used when KENES_DATA_DIR is set, else None (platform default store)."""
    env = os.environ.get("KENES_DATA_DIR")
    return Path(env) / "kenes.ini" if env else None


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
        d = self._json("browse/last", {})
        return d if isinstance(d, dict) else {}

    def set_last_browse(self, state: dict) -> None:
        self._set_json("browse/last", state)

    def saved_searches(self) -> list[dict]:
        """Saved searches: [{"name": str, "state": <browse state>}] in user order."""
        items = self._json("browse/saved", [])
        if not isinstance(items, list):
            return []
        return [i for i in items if isinstance(i, dict) and isinstance(i.get("name"), str)
                and i["name"] and isinstance(i.get("state") or {}, dict)]

    def set_saved_searches(self, items: list[dict]) -> None:
        self._set_json("browse/saved", items)

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
