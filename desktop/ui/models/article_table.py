"""A thin table model over catalog row positions (a numpy int array); no copied frame.

The rows themselves come from a `RowSource` (the catalog adapter), fetched lazily for the
visible rows and kept in a small cache; sorting is delegated to the core.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.i18n import N_, _
from desktop.ui.plain import plain_tooltip

if TYPE_CHECKING:  # numpy is imported when the first rows arrive, after the first paint
    import numpy as np

COLUMNS: tuple[tuple[str, str], ...] = (
    ("date", N_("Date")),
    ("lang", N_("Lang.")),
    ("title", N_("Title")),
    ("source", N_("Source")),
    ("partners", N_("Partner countries")),
    ("sectors", N_("Sectors")),
    ("snippet", N_("Match in text")),  # hidden until the user turns it on
)
COLUMN_KEYS = tuple(k for k, _label in COLUMNS)
SNIPPET_COLUMN = COLUMN_KEYS.index("snippet")
_SNIPPET_BATCH = 60  # rows fetched at once: one query for a screenful
ID_ROLE = Qt.ItemDataRole.UserRole + 1
POSITION_ROLE = Qt.ItemDataRole.UserRole + 2
_CACHE_MAX = 2000
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_TIP_COLUMNS = frozenset(COLUMN_KEYS.index(k)
                         for k in ("title", "partners", "sectors", "snippet"))
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class RowSource(Protocol):
    """What the model needs from the library: display rows, ids and sorting."""

    def display_row(self, pos: int) -> tuple[str, ...]:
        """Cells of one row, in COLUMN_KEYS order (the snippet column excepted)."""
        ...

    def article_id(self, pos: int) -> int: ...

    def sort(self, positions: np.ndarray, column: str, descending: bool) -> np.ndarray: ...


class ArticleTableModel(QAbstractTableModel):
    """Rows = positions into the catalog, in display order."""

    def __init__(self, source: RowSource | None = None, parent=None) -> None:
        super().__init__(parent)
        self._source = source
        self._pos: np.ndarray | tuple = ()
        self._cache: dict[int, tuple[str, ...]] = {}
        self.sort_column = 0
        self.sort_descending = True
        # ids → text around the first match of the current search (None: no search)
        self._snippet_fetch: Callable[[list[int]], dict[int, str]] | None = None
        self._snippets: dict[int, str] = {}
        self.snippets_shown = False  # set by the view: fetch only for a visible column

    # -- data in ----------------------------------------------------------------------
    def set_source(self, source: RowSource | None, positions: np.ndarray | None = None) -> None:
        """Switch library (or catalog) and show `positions` from it."""
        self.beginResetModel()
        self._source = source
        self._cache.clear()
        self._pos = self._as_positions(positions)
        self.endResetModel()

    def set_positions(self, positions: np.ndarray, *, presorted: bool = False) -> None:
        """Show these rows (a model reset; cheap at 100k). Sorted by the current column
        unless `presorted`."""
        pos = self._as_positions(positions)
        if not presorted and self._source is not None and len(pos) > 1:
            pos = self._as_positions(
                self._source.sort(pos, COLUMN_KEYS[self.sort_column], self.sort_descending)
            )
        self.beginResetModel()
        self._pos = pos  # the row cache is keyed by catalog position: still valid
        self.endResetModel()

    @staticmethod
    def _as_positions(positions: np.ndarray | None) -> np.ndarray:
        import numpy as np

        if positions is None:
            return np.empty(0, dtype=np.int64)
        return np.asarray(positions, dtype=np.int64)

    def set_snippet_source(self, fetch: Callable[[list[int]], dict[int, str]] | None) -> None:
        """Where the snippet column's text comes from (None: the column stays empty)."""
        self._snippet_fetch = fetch
        self._snippets.clear()
        if len(self._pos):
            self.dataChanged.emit(self.index(0, SNIPPET_COLUMN),
                                  self.index(len(self._pos) - 1, SNIPPET_COLUMN))

    def _snippet(self, row: int) -> str:
        pos = int(self._pos[row])
        got = self._snippets.get(pos)
        if got is not None or self._snippet_fetch is None or not self.snippets_shown:
            return got or ""
        if len(self._snippets) >= _CACHE_MAX:
            self._snippets.clear()
        rows = range(row, min(len(self._pos), row + _SNIPPET_BATCH))
        want = {self._source.article_id(int(self._pos[r])): int(self._pos[r]) for r in rows
                if int(self._pos[r]) not in self._snippets}
        try:
            found = self._snippet_fetch(list(want))
        except Exception:  # noqa: BLE001 - a snippet is a courtesy; the row still shows
            found = {}
        for aid, p in want.items():
            self._snippets[p] = found.get(aid, "")
        return self._snippets.get(pos, "")

    # -- lookups ----------------------------------------------------------------------
    @property
    def positions(self) -> np.ndarray:
        return self._as_positions(self._pos)

    def position(self, row: int) -> int:
        return int(self._pos[row])

    def article_id(self, row: int) -> int | None:
        if self._source is None or not 0 <= row < len(self._pos):
            return None
        return int(self._source.article_id(int(self._pos[row])))

    def row_of_position(self, pos: int) -> int:
        """Row showing catalog position `pos`, or -1."""
        import numpy as np

        if not len(self._pos):
            return -1
        hits = np.flatnonzero(self._pos == pos)
        return int(hits[0]) if len(hits) else -1

    # -- Qt model API -----------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._pos)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def _row(self, row: int) -> tuple[str, ...]:
        pos = int(self._pos[row])
        cells = self._cache.get(pos)
        if cells is None:
            if len(self._cache) >= _CACHE_MAX:
                self._cache.clear()
            cells = self._source.display_row(pos) if self._source else ("",) * len(COLUMNS)
            self._cache[pos] = cells
        return cells

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        # called ~7 times per visible cell on every paint: cheapest checks first
        if role == _DISPLAY:
            row = index.row()
            if 0 <= row < len(self._pos) and self._source is not None and index.isValid():
                col = index.column()
                return self._snippet(row) if col == SNIPPET_COLUMN else self._row(row)[col]
            return None
        if role == _TOOLTIP:
            row, col = index.row(), index.column()
            if (col in _TIP_COLUMNS and 0 <= row < len(self._pos) and self._source is not None
                    and index.isValid()):
                cell = self._snippet(row) if col == SNIPPET_COLUMN else self._row(row)[col]
                return plain_tooltip(cell) or None  # titles and texts are untrusted
            return None
        if role == ID_ROLE or role == POSITION_ROLE:
            row = index.row()
            if not index.isValid() or self._source is None or not 0 <= row < len(self._pos):
                return None
            return self.article_id(row) if role == ID_ROLE else int(self._pos[row])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _(COLUMNS[section][1])
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("Click to sort by {column}").format(column=_(COLUMNS[section][1]))
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the core (numpy), keeping the selection on the same articles."""
        if not 0 <= column < len(COLUMNS):
            return
        self.sort_column = column
        self.sort_descending = order == Qt.SortOrder.DescendingOrder
        if self._source is None or len(self._pos) < 2:
            return
        import numpy as np

        new = self._as_positions(
            self._source.sort(self._pos, COLUMN_KEYS[column], self.sort_descending)
        )
        self.layoutAboutToBeChanged.emit()
        old_rows = {}
        persistent = self.persistentIndexList()
        for idx in persistent:
            old_rows.setdefault(idx.row(), None)
        if old_rows:
            wanted = {int(self._pos[r]): r for r in old_rows if 0 <= r < len(self._pos)}
            where = np.flatnonzero(np.isin(new, np.fromiter(wanted, dtype=np.int64)))
            new_row_of = {wanted[int(new[i])]: int(i) for i in where}
            self.changePersistentIndexList(
                persistent,
                [self.index(new_row_of.get(i.row(), -1), i.column()) if i.row() in new_row_of
                 else QModelIndex() for i in persistent],
            )
        self._pos = new
        self.layoutChanged.emit()
