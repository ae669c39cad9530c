"""Facet lists for the sidebar: checkable values with counts, updated in place.

Values keep a stable order (by count in the whole library) so a filter change only updates
counts (dataChanged) and hides empty rows; nothing is rebuilt on a click.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _

Entry = tuple[str, str, int]  # value, label, count
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2


def _fmt_count(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


class FacetModel(QAbstractListModel):
    """Values of one facet with their current counts and check state."""

    checkedChanged = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._values: list[str] = []
        self._labels: list[str] = []
        self._counts: list[int] = []
        self._row: dict[str, int] = {}
        self.checked: set[str] = set()

    def set_entries(self, entries: Iterable[Entry]) -> None:
        """Replace the values (new library); order is kept as given."""
        self.beginResetModel()
        self._values, self._labels, self._counts = [], [], []
        for value, label, count in entries:
            self._values.append(str(value))
            self._labels.append(str(label))
            self._counts.append(int(count))
        self._row = {v: i for i, v in enumerate(self._values)}
        self.checked &= set(self._values)
        self.endResetModel()

    def update_counts(self, counts: dict[str, int]) -> None:
        """New counts for the current filter (missing values count 0); one dataChanged."""
        new = [int(counts.get(v, 0)) for v in self._values]
        if new != self._counts:
            self._counts = new
            if self._values:
                self.dataChanged.emit(self.index(0), self.index(len(self._values) - 1),
                                      [Qt.ItemDataRole.DisplayRole, COUNT_ROLE])

    def count(self, value: str) -> int:
        i = self._row.get(value)
        return self._counts[i] if i is not None else 0

    def values(self) -> list[str]:
        return list(self._values)

    def label(self, value: str) -> str:
        i = self._row.get(value)
        return self._labels[i] if i is not None else value

    def row_of(self, value: str) -> int:
        return self._row.get(value, -1)

    def set_checked(self, values: Iterable[str], *, notify: bool = True) -> None:
        """Check exactly these values (unknown values are kept so a saved search survives)."""
        new = {str(v) for v in values}
        if new == self.checked:
            return
        self.checked = new
        if self._values:
            self.dataChanged.emit(self.index(0), self.index(len(self._values) - 1),
                                  [Qt.ItemDataRole.CheckStateRole])
        if notify:
            self.checkedChanged.emit()

    # Qt API
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._values)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._values):
            return None
        r = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self._labels[r]}  ({_fmt_count(self._counts[r])})"
        if role == Qt.ItemDataRole.CheckStateRole:
            return (Qt.CheckState.Checked if self._values[r] in self.checked
                    else Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self._labels[r]} [{self._values[r]}]"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _("{label}, {count} articles").format(label=self._labels[r],
                                                          count=self._counts[r])
        if role == VALUE_ROLE:
            return self._values[r]
        if role == COUNT_ROLE:
            return self._counts[r]
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        v = self._values[index.row()]
        on = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        if on:
            self.checked.add(v)
        else:
            self.checked.discard(v)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checkedChanged.emit()
        return True

    def toggle(self, row: int) -> None:
        """Flip the check box of one row (click on the text or Space)."""
        idx = self.index(row)
        on = self._values[row] not in self.checked
        self.setData(idx, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked,
                     Qt.ItemDataRole.CheckStateRole)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable)


class FacetSection(QWidget):
    """A titled, collapsible list of one facet's values; emits the checked values."""

    selectionChanged = Signal(str, list)  # kind, checked values

    def __init__(self, kind: str, title: str, parent: QWidget | None = None,
                 max_visible_rows: int = 8) -> None:
        super().__init__(parent)
        self.kind = kind
        self._title = title
        self.max_visible_rows = max_visible_rows
        self.model = FacetModel(self)
        self._serial = self._serial_at_press = 0
        self._hidden: list[bool] = []
        self._row_h: int | None = None
        self.model.checkedChanged.connect(self._emit)
        self.model.dataChanged.connect(lambda *a: self._refresh_rows())
        self.model.modelReset.connect(self._model_reset)

        self.header = QToolButton(self)
        self.header.setCheckable(True)
        self.header.setChecked(True)
        self.header.setArrowType(Qt.ArrowType.DownArrow)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setAutoRaise(True)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.header.toggled.connect(self._expand)
        self.header.setAccessibleName(title)
        f = self.header.font()
        f.setBold(True)
        self.header.setFont(f)
        self.clear_button = QToolButton(self)
        self.clear_button.setText(_("Clear"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.setToolTip(_("Clear the selection in {facet}").format(facet=title))
        self.clear_button.clicked.connect(self.clear)

        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAccessibleName(title)
        self.view.setToolTip(_("Tick values to filter; several values in one list mean "
                               "any of them"))
        self.view.pressed.connect(self._pressed)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._activated)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.empty = QLabel(_("(none)"), self)
        self.empty.setEnabled(False)

        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.header, 1)
        head.addWidget(self.clear_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addLayout(head)
        lay.addWidget(self.view)
        lay.addWidget(self.empty)
        self._update_header()

    # -- public -----------------------------------------------------------------------
    def set_entries(self, entries: Sequence[Entry]) -> None:
        self.model.set_entries(entries)

    def update_counts(self, counts: dict[str, int]) -> None:
        self.model.update_counts(counts)

    def checked(self) -> list[str]:
        return sorted(self.model.checked)

    def set_checked(self, values: Iterable[str], *, notify: bool = False) -> None:
        self.model.set_checked(values, notify=notify)
        self._refresh_rows()

    def clear(self) -> None:
        self.model.set_checked([], notify=True)

    # -- internals --------------------------------------------------------------------
    def _pressed(self, _index: QModelIndex) -> None:
        self._serial_at_press = self._serial

    def _clicked(self, index: QModelIndex) -> None:
        # a click on the text toggles too; a click on the box was already handled by Qt
        if self._serial == self._serial_at_press:
            self.model.toggle(index.row())

    def _activated(self, index: QModelIndex) -> None:
        self.model.toggle(index.row())

    def _model_reset(self) -> None:
        self._hidden = []  # a reset shows every row again
        self._refresh_rows()

    def _emit(self) -> None:
        self._serial += 1
        self._refresh_rows()
        self.selectionChanged.emit(self.kind, self.checked())

    def _expand(self, on: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self._refresh_rows()

    def _refresh_rows(self) -> None:
        """Hide values without articles (unless ticked); touch only rows that change."""
        m = self.model
        values = m.values()
        hidden = [m.count(v) == 0 and v not in m.checked for v in values]
        if len(self._hidden) != len(hidden):
            self._hidden = [False] * len(hidden)
            for r, h in enumerate(hidden):
                if h:
                    self.view.setRowHidden(r, True)
        else:
            for r, (old, new) in enumerate(zip(self._hidden, hidden, strict=True)):
                if old != new:
                    self.view.setRowHidden(r, new)
        self._hidden = hidden
        visible = len(hidden) - sum(hidden)
        expanded = self.header.isChecked()
        self.view.setVisible(expanded and visible > 0)
        self.empty.setVisible(expanded and visible == 0)
        if self._row_h is None and m.rowCount():
            self._row_h = max(self.view.sizeHintForRow(0), 16)
        rows = max(1, min(visible, self.max_visible_rows))
        self.view.setFixedHeight(rows * (self._row_h or 18) + 2 * self.view.frameWidth() + 2)
        self._update_header()

    def _update_header(self) -> None:
        n = len(self.model.checked)
        self.header.setText(f"{self._title} ({n})" if n else self._title)
        self.clear_button.setVisible(n > 0)
