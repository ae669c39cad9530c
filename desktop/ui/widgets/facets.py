"""Facet lists for the sidebar: checkable values with counts, updated in place.

Values keep a stable order (by count in the whole library). The model lists only the values
that have articles under the current filter (or are ticked): a filter change updates counts
with one dataChanged, or — when values appear or vanish — one layoutChanged; the view never
hides rows one by one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, format_number
from desktop.ui.plain import plain_tooltip

if TYPE_CHECKING:  # numpy is loaded with the core, after the first paint
    import numpy as np

Entry = tuple[str, str, int]  # value, label, count
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
_DISPLAY = Qt.ItemDataRole.DisplayRole
_CHECK = Qt.ItemDataRole.CheckStateRole
_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
          | Qt.ItemFlag.ItemIsUserCheckable)


def _fmt_count(n: int) -> str:
    return format_number(n)  # one way everywhere: the interface locale's


class FacetModel(QAbstractListModel):
    """Values of one facet with their current counts and check state.

    `values()` are all values known to the facet; rows are the shown ones (count > 0 or
    ticked), in the same order.
    """

    checkedChanged = Signal()
    viewChanged = Signal()  # the limit or the filter text changed

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._values: list[str] = []
        self._labels: list[str] = []
        self._counts: list[int] = []
        self._index: dict[str, int] = {}  # value -> entry index
        self._shown: list[int] = []  # entry index of each row
        self._row: dict[int, int] = {}  # entry index -> row
        self._codes: np.ndarray | None = None  # catalog value code of each entry
        self._folded: list[str] = []  # label and value, case-folded, for the filter box
        self.checked: set[str] = set()
        self.limit: int | None = None  # rows shown at most ("show more" lifts it)
        self.filter_text = ""
        self.hidden = 0  # values with articles left out by the limit
        self.matching = 0  # values with articles (or ticked) that pass the filter

    def set_entries(self, entries: Iterable[Entry], codes: Sequence[int] | None = None) -> None:
        """Replace the values (new library); order is kept as given. `codes` = each value's
        code in the catalog, for `update_count_array`."""
        self.beginResetModel()
        self._values, self._labels, self._counts = [], [], []
        for value, label, count in entries:
            self._values.append(str(value))
            self._labels.append(str(label))
            self._counts.append(int(count))
        self._index = {v: i for i, v in enumerate(self._values)}
        self._folded = [f"{lab} {v}".casefold() for v, lab in zip(self._values, self._labels,
                                                                  strict=True)]
        if codes is not None:
            import numpy as np

            self._codes = np.asarray(codes, dtype=np.int64)
        else:
            self._codes = None
        self.checked &= set(self._values)
        self._set_shown(self._wanted_rows())
        self.endResetModel()

    def update_count_array(self, counts: np.ndarray) -> None:
        """New counts as an array indexed by catalog value code (see `set_entries`)."""
        if self._codes is None:
            raise ValueError("set_entries() was called without catalog codes")
        self._apply_counts(counts[self._codes].tolist() if len(self._codes) else [])

    def count(self, value: str) -> int:
        i = self._index.get(value)
        return self._counts[i] if i is not None else 0

    def values(self) -> list[str]:
        """Every value of the facet (shown or not), in list order."""
        return list(self._values)

    def has(self, value: str) -> bool:
        """Whether the facet knows `value` (whether or not it is shown now)."""
        return value in self._index

    def label(self, value: str) -> str:
        i = self._index.get(value)
        return self._labels[i] if i is not None else value

    def row_of(self, value: str) -> int:
        """Row showing `value`, or -1 when it is unknown or has no articles now."""
        i = self._index.get(value)
        return self._row.get(i, -1) if i is not None else -1

    def value_at(self, row: int) -> str:
        return self._values[self._shown[row]]

    def set_checked(self, values: Iterable[str], *, notify: bool = True) -> None:
        """Check exactly these values (unknown values are kept so a saved search survives)."""
        new = {str(v) for v in values}
        if new == self.checked:
            return
        self.checked = new
        if not self._relayout() and self._shown:
            self.dataChanged.emit(self.index(0), self.index(len(self._shown) - 1), [_CHECK])
        if notify:
            self.checkedChanged.emit()

    # -- rows -------------------------------------------------------------------------
    def set_view(self, *, limit: int | None = -1, filter_text: str | None = None) -> None:
        """Show at most `limit` rows (None: all) of the values matching `filter_text`;
        ticked values are always shown."""
        if limit != -1:
            self.limit = limit
        if filter_text is not None:
            self.filter_text = filter_text.strip().casefold()
        self._relayout()
        self.viewChanged.emit()

    def _wanted_rows(self) -> list[int]:
        checked, values = self.checked, self._values
        rows = [i for i, c in enumerate(self._counts) if c > 0 or values[i] in checked]
        if self.filter_text:
            f, folded = self.filter_text, self._folded
            rows = [i for i in rows if f in folded[i] or values[i] in checked]
        self.matching = len(rows)
        self.hidden = 0
        if self.limit is not None and len(rows) > self.limit:
            rest = [i for i in rows[self.limit:] if values[i] in checked]
            self.hidden = len(rows) - self.limit - len(rest)
            rows = rows[: self.limit] + rest
        return rows

    def _set_shown(self, shown: list[int]) -> None:
        self._shown = shown
        self._row = {e: r for r, e in enumerate(shown)}

    def _relayout(self) -> bool:
        """Show exactly the wanted rows (one layoutChanged, indexes kept); False if unchanged."""
        wanted = self._wanted_rows()
        if wanted == self._shown:
            return False
        self.layoutAboutToBeChanged.emit()
        old_shown = self._shown
        self._set_shown(wanted)
        persistent = self.persistentIndexList()
        if persistent:
            moved = []
            for idx in persistent:
                r = idx.row()
                e = old_shown[r] if 0 <= r < len(old_shown) else -1
                nr = self._row.get(e, -1)
                moved.append(self.index(nr) if nr >= 0 else QModelIndex())
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
        return True

    def _apply_counts(self, new: list[int]) -> None:
        if new == self._counts:
            return
        old, self._counts = self._counts, new
        if self._relayout():
            return
        changed = [r for r, e in enumerate(self._shown) if old[e] != new[e]]
        if changed:  # one signal for the span of changed rows
            self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]),
                                  [_DISPLAY, COUNT_ROLE])

    # Qt API
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        r = index.row()
        if not 0 <= r < len(self._shown) or not index.isValid():
            return None
        e = self._shown[r]
        if role == _DISPLAY:
            return f"{self._labels[e]}  ({_fmt_count(self._counts[e])})"
        if role == _CHECK:
            return (Qt.CheckState.Checked if self._values[e] in self.checked
                    else Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{self._labels[e]} [{self._values[e]}]")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _("{label}, {count} articles").format(
                label=self._labels[e], count=format_number(self._counts[e]))
        if role == VALUE_ROLE:
            return self._values[e]
        if role == COUNT_ROLE:
            return self._counts[e]
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != _CHECK or not index.isValid():
            return False
        v = self.value_at(index.row())
        on = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        if on:
            self.checked.add(v)
        else:
            self.checked.discard(v)
        if not self._relayout():  # an unticked value without articles leaves the list
            self.dataChanged.emit(index, index, [_CHECK])
        self.checkedChanged.emit()
        return True

    def toggle(self, row: int) -> None:
        """Flip the check box of one row (click on the text or Space)."""
        idx = self.index(row)
        on = self.value_at(row) not in self.checked
        self.setData(idx, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked, _CHECK)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags


class FacetSection(QWidget):
    """A titled, collapsible list of one facet's values; emits the checked values."""

    selectionChanged = Signal(str, list)  # kind, checked values
    expandedChanged = Signal(bool)

    def __init__(self, kind: str, title: str, parent: QWidget | None = None,
                 max_visible_rows: int = 8) -> None:
        super().__init__(parent)
        self.kind = kind
        self._title = title
        self._max_rows = max_visible_rows
        self.model = FacetModel(self)
        self._serial = self._serial_at_press = 0
        self._row_h: int | None = None
        self._shown_rows = -1  # rows the geometry was last fitted to
        self.model.checkedChanged.connect(self._emit)

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
        # the list is as tall as its rows: only the sidebar scrolls, never a list inside it
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.model.set_view(limit=max_visible_rows)
        # a long facet (people, sources) gets a filter box and "Show all"
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(lambda t: self.model.set_view(filter_text=t))
        self.more_button = QToolButton(self)
        self.more_button.setAutoRaise(True)
        self.more_button.clicked.connect(self._toggle_more)
        self.model.viewChanged.connect(self._rows_changed)
        # after the view's own slots: lay the rows out now, not in a second paint later
        self.model.layoutChanged.connect(self._rows_changed)
        self.model.modelReset.connect(self._rows_changed)
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
        lay.addWidget(self.filter_edit)
        lay.addWidget(self.view)
        lay.addWidget(self.empty)
        lay.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._update_header()
        self._fit()

    # -- public -----------------------------------------------------------------------
    def set_entries(self, entries: Sequence[Entry], codes: Sequence[int] | None = None) -> None:
        self.model.set_entries(entries, codes)

    def update_count_array(self, counts: np.ndarray) -> None:
        self.model.update_count_array(counts)

    def is_expanded(self) -> bool:
        return self.header.isChecked()

    def checked(self) -> list[str]:
        return sorted(self.model.checked)

    def set_checked(self, values: Iterable[str], *, notify: bool = False) -> None:
        self.model.set_checked(values, notify=notify)
        self._update_header()

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

    def _emit(self) -> None:
        self._serial += 1
        self._update_header()
        self.selectionChanged.emit(self.kind, self.checked())

    def _expand(self, on: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.expandedChanged.emit(on)  # the sidebar brings stale counts up to date first
        self._shown_rows = -1
        self._fit()

    def _rows_changed(self) -> None:
        if self.view.isVisible():
            self.view.doItemsLayout()  # cancels the view's delayed layout (a second paint)
        self._fit()

    @property
    def max_visible_rows(self) -> int:
        """Rows shown before "Show more" (a longer facet also gets a filter box)."""
        return self._max_rows

    @max_visible_rows.setter
    def max_visible_rows(self, n: int) -> None:
        self._max_rows = n
        if self.model.limit is not None:
            self.model.set_view(limit=n)

    def show_all(self, on: bool) -> None:
        """All values of the facet, or the first `max_visible_rows` (ticked ones always)."""
        self.model.set_view(limit=None if on else self.max_visible_rows)

    def _toggle_more(self) -> None:
        self.show_all(self.model.limit is not None)

    def _fit(self) -> None:
        """Show the list (or "(none)") with a height for all its rows; only when the number
        of shown rows changed, so a click that only changes counts does no layout."""
        visible = self.model.rowCount()
        m = self.model
        expanded = self.header.isChecked()
        long = m.limit is None or m.hidden > 0 or bool(m.filter_text)
        # a filter box where the list is long (people, sources), not for a dozen sectors
        self.filter_edit.setVisible(expanded and long and (
            m.matching > 2 * self.max_visible_rows or bool(m.filter_text)))
        self.more_button.setVisible(expanded and (m.hidden > 0 or (
            m.limit is None and m.matching > self.max_visible_rows)))
        self._more_text()
        if visible == self._shown_rows:
            return
        self._shown_rows = visible
        self.view.setVisible(expanded and visible > 0)
        self.empty.setVisible(expanded and visible == 0)
        if self._row_h is None and visible:
            self._row_h = max(self.view.sizeHintForRow(0), 16)
        rows = max(1, visible)
        self.view.setFixedHeight(rows * (self._row_h or 18) + 2 * self.view.frameWidth() + 2)

    def _more_text(self) -> None:
        m = self.model
        if m.limit is None:
            self.more_button.setText(_("Show fewer"))
        else:
            self.more_button.setText(_("Show {n} more").format(n=format_number(m.hidden)))
        self.filter_edit.setPlaceholderText(_("Filter {facet}…").format(facet=self._title))
        self.filter_edit.setAccessibleName(_("Filter {facet}").format(facet=self._title))

    def set_title(self, title: str) -> None:
        """A new title (the interface language changed)."""
        self._title = title
        self._update_header()
        self._more_text()

    def _update_header(self) -> None:
        n = len(self.model.checked)
        self.header.setText(f"{self._title} ({n})" if n else self._title)
        self.clear_button.setVisible(n > 0)
