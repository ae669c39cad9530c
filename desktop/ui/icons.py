"""Application icons: scalable SVGs from resources/icons (sharp on high-DPI screens)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from desktop.paths import resource


@cache
def icon(name: str) -> QIcon:
    """The icon `resources/icons/<name>.svg`, or an empty icon when it is missing."""
    path = resource("icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()
