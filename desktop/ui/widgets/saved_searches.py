"""Saved searches in the sidebar: save the current query + facets + dates, apply, delete."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.settings import Settings
from desktop.ui.plain import plain_tooltip


class SavedSearches(QWidget):
    """Lists saved browse states; `applyRequested(state)` when one is clicked."""

    applyRequested = Signal(dict)

    def __init__(self, settings: Settings, current_state: Callable[[], dict],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._current = current_state
        self.items: list[dict] = settings.saved_searches()
        self.list = QListWidget(self)
        self.list.itemActivated.connect(self._apply_item)
        self.list.itemClicked.connect(self._apply_item)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.hint = QLabel(self)
        self.hint.setEnabled(False)
        self.save_button = QToolButton(self)
        self.save_button.clicked.connect(self.ask_and_save)
        self.delete_button = QToolButton(self)
        self.delete_button.clicked.connect(self._delete_selected)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.hint)
        lay.addWidget(self.list)
        lay.addLayout(buttons)
        self.retranslate()
        self._refresh()

    def retranslate(self) -> None:
        self.list.setAccessibleName(_("Saved searches"))
        self.list.setToolTip(_("Click to apply a saved search; right-click to delete"))
        self.hint.setText(_("No saved searches yet."))
        self.save_button.setText(_("Save current…"))
        self.save_button.setToolTip(_("Save the current search, filters and dates under a name"))
        self.delete_button.setText(_("Delete"))
        self.delete_button.setToolTip(_("Delete the selected saved search"))

    def names(self) -> list[str]:
        return [i["name"] for i in self.items]

    def save(self, name: str, state: dict | None = None) -> None:
        """Save (or replace) `name` with the given or the current state, and persist."""
        name = name.strip()
        if not name:
            return
        entry = {"name": name, "state": state if state is not None else self._current()}
        for i, item in enumerate(self.items):
            if item["name"] == name:
                self.items[i] = entry
                break
        else:
            self.items.append(entry)
        self._persist()

    def delete(self, name: str) -> None:
        self.items = [i for i in self.items if i["name"] != name]
        self._persist()

    def apply(self, name: str) -> None:
        for item in self.items:
            if item["name"] == name:
                self.applyRequested.emit(dict(item.get("state") or {}))
                return

    def ask_and_save(self) -> None:
        name, ok = QInputDialog.getText(self, _("Save search"), _("Name of the saved search:"),
                                        QLineEdit.EchoMode.Normal)
        if ok and name.strip():
            self.save(name)

    def reload(self) -> None:
        """Show the saved searches of the library now in use."""
        self.items = self._settings.saved_searches()
        self._refresh()

    def _persist(self) -> None:
        self._settings.set_saved_searches(self.items)
        self._settings.sync()
        self._refresh()

    def _refresh(self) -> None:
        self.list.clear()
        for item in self.items:
            w = QListWidgetItem(item["name"])
            state = item.get("state") or {}
            w.setToolTip(plain_tooltip(state.get("summary") or state.get("query") or item["name"]))
            self.list.addItem(w)
        rows = max(1, min(len(self.items), 5))
        self.list.setFixedHeight(rows * max(self.list.sizeHintForRow(0), 18) + 6)
        self.delete_button.setEnabled(bool(self.items))
        self.list.setVisible(bool(self.items))
        self.hint.setVisible(not self.items)

    def _apply_item(self, item: QListWidgetItem) -> None:
        self.apply(item.text())

    def _delete_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.delete(item.text())

    def _menu(self, pos) -> None:
        item = self.list.itemAt(pos)
        if item is None:
            return
        menu = QMenu(self)
        menu.addAction(_("Apply"), lambda: self.apply(item.text()))
        menu.addAction(_("Delete"), lambda: self.delete(item.text()))
        menu.exec(self.list.viewport().mapToGlobal(pos))
