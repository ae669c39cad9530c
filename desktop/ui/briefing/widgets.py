"""Small widgets of the composer: reorderable trees and text fields whose undo is the stack's."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem

Path_ = tuple[int, ...]


def item_path(item: QTreeWidgetItem) -> Path_:
    """(row,) for a top-level item, (parent row, row) for a child."""
    parent = item.parent()
    if parent is None:
        tree = item.treeWidget()
        return (tree.indexOfTopLevelItem(item),)
    return (*item_path(parent), parent.indexOfChild(item))


class ReorderTree(QTreeWidget):
    """A tree whose drag and drop asks for a move instead of moving items itself.

    The composer turns the request into one undoable edit and rebuilds the tree from the
    briefing, so the model stays the only truth. Top-level rows move among themselves,
    children within their parent (or into another parent when `cross_parent`).
    Alt+Up / Alt+Down move the current row from the keyboard; Delete asks to remove it.
    """

    moveRequested = Signal(tuple, tuple)  # from path, to path (index after removal)
    removeRequested = Signal(tuple)

    def __init__(self, parent=None, *, cross_parent: bool = False) -> None:
        super().__init__(parent)
        self.cross_parent = cross_parent
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def dropEvent(self, e) -> None:  # noqa: N802 - Qt API
        src = self.currentItem()
        target = self.itemAt(e.position().toPoint())
        e.setDropAction(Qt.DropAction.IgnoreAction)
        e.accept()  # nothing moves in the view: the briefing is edited, then shown again
        if src is None:
            return
        dest = self._destination(src, target, self._position(e.position().toPoint(), target))
        if dest is not None:
            frm = item_path(src)
            if dest != frm:
                self.moveRequested.emit(frm, dest)

    def _position(self, point, target):
        """Above, below or on the target row, from where the drop is within it (the view's
        own indicator is only kept while a drag from this very view moves over it)."""
        DIP = QAbstractItemView.DropIndicatorPosition
        if target is None:
            return DIP.OnViewport
        rect = self.visualItemRect(target)
        margin = max(2, rect.height() // 4)
        if point.y() < rect.top() + margin:
            return DIP.AboveItem
        if point.y() > rect.bottom() - margin:
            return DIP.BelowItem
        return DIP.OnItem

    def _destination(self, src, target, pos) -> Path_ | None:
        DIP = QAbstractItemView.DropIndicatorPosition
        frm = item_path(src)
        if target is None:  # below the last row
            if len(frm) == 1:
                return (self.topLevelItemCount() - 1,)
            return None
        to = item_path(target)
        if len(frm) == 1:  # a top-level row: only among top-level rows
            row = to[0]
            if len(to) == 2 or pos == DIP.OnItem:
                pos = DIP.BelowItem if row > frm[0] else DIP.AboveItem
            idx = row + (1 if pos == DIP.BelowItem else 0)
            if idx > frm[0]:
                idx -= 1
            return (idx,)
        # a child: onto a parent (append there), or beside another child
        if len(to) == 1:
            if not self.cross_parent and to[0] != frm[0]:
                return None
            parent = self.topLevelItem(to[0])
            n = parent.childCount() - (1 if to[0] == frm[0] else 0)
            return (to[0], n)
        if not self.cross_parent and to[0] != frm[0]:
            return None
        idx = to[1] + (1 if pos == DIP.BelowItem else 0)
        if to[0] == frm[0] and idx > frm[1]:
            idx -= 1
        return (to[0], idx)

    def event(self, e: QEvent) -> bool:
        # Alt+Up/Down and Delete belong to the list while it has the focus, even where the
        # window binds them (the reading pair steps through links with Alt+Up/Down)
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent) and (
                e.key() == Qt.Key.Key_Delete or (
                    e.modifiers() == Qt.KeyboardModifier.AltModifier
                    and e.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down))):
            e.accept()
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802 - Qt API
        item = self.currentItem()
        if item is not None and e.modifiers() == Qt.KeyboardModifier.AltModifier and e.key() in (
                Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_current(-1 if e.key() == Qt.Key.Key_Up else 1)
            return
        if item is not None and e.key() == Qt.Key.Key_Delete:
            self.removeRequested.emit(item_path(item))
            return
        super().keyPressEvent(e)

    def move_current(self, step: int) -> None:
        item = self.currentItem()
        if item is None:
            return
        frm = item_path(item)
        count = (self.topLevelItemCount() if len(frm) == 1
                 else item.parent().childCount())
        to = frm[-1] + step
        if 0 <= to < count:
            self.moveRequested.emit(frm, (*frm[:-1], to))

    def select_path(self, path: Path_) -> None:
        if not path or path[0] >= self.topLevelItemCount() or path[0] < 0:
            return
        item = self.topLevelItem(path[0])
        if len(path) > 1:
            if not 0 <= path[1] < item.childCount():
                return
            item = item.child(path[1])
        self.setCurrentItem(item)


class StackUndoFilter(QObject):
    """Lets Ctrl+Z / Ctrl+Shift+Z in a text field reach the window's undo (the briefing's
    stack) instead of the field's own undo, so every change has one history."""

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:  # noqa: N802 - Qt API
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent):
            if e.matches(QKeySequence.StandardKey.Undo) or e.matches(QKeySequence.StandardKey.Redo):
                return True  # not accepted: the shortcut (Edit → Undo) fires
        return False
