"""The open library of a window and its current catalog, shared by the controllers.

Whoever produces a new catalog (opening, import, re-tag) hands it to `set_catalog`;
whoever shows it listens to `catalogChanged`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from desktop.core.query import Catalog


class LibrarySession(QObject):
    catalogChanged = Signal(object)  # Catalog

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = None  # desktop.corpus.library.Library (or a test's stand-in)
        self.catalog: Catalog | None = None

    def set_library(self, lib) -> None:
        """Adopt `lib`, closing the library it replaces."""
        if self.library is not None and self.library is not lib:
            self.library.close()
        self.library = lib

    def set_catalog(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.catalogChanged.emit(catalog)

    def forget_catalog(self) -> None:
        """A different library is about to open: its catalog is not this one."""
        self.catalog = None

    def close(self) -> None:
        if self.library is not None:
            self.library.close()
            self.library = None
