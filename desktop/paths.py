"""The one resource locator: source tree, installed wheel or frozen bundle."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[0]


@cache
def resources_dir() -> Path:
    """`resources/` beside the package in a checkout, `_resources` inside a wheel/bundle."""
    frozen = Path(getattr(sys, "_MEIPASS", "")) / "resources" if getattr(sys, "frozen", False) else None
    cands = [p for p in (frozen, _PKG / "_resources", _PKG.parent / "resources") if p]
    return _first_existing(*cands)


@cache
def i18n_dir() -> Path:
    """Where the gettext catalogs (`<lang>/LC_MESSAGES/kenes.mo`) live."""
    frozen = Path(getattr(sys, "_MEIPASS", "")) / "i18n" if getattr(sys, "frozen", False) else None
    cands = [p for p in (frozen, _PKG / "_i18n", _PKG.parent / "i18n") if p]
    return _first_existing(*cands)


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def sample_corpus_dir() -> Path:
    return resource("sample")


def user_data_dir() -> Path:
    """Per-user data folder (libraries, rule overrides, drafts)."""
    env = os.environ.get("KENES_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir as _udd

    return Path(_udd("kenes", appauthor=False))


def default_library_dir() -> Path:
    """`KENES_LIBRARY`, else `<user data>/library`."""
    env = os.environ.get("KENES_LIBRARY")
    if env:
        return Path(env)
    return user_data_dir() / "library"


def user_rules_dir() -> Path:
    """User overrides for the bundled gazetteer rules."""
    return user_data_dir() / "gazetteers"
