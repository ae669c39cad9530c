"""One open briefing in the window: the core `Briefing`, its file, and its own undo stack.

Every change goes through the core's pure edits (`desktop.core.briefing.apply`), wrapped in a
QUndoCommand; typing in one field within a short burst merges into one command, so Ctrl+Z
takes back a phrase, not a letter.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.ui.briefing import ops

_MERGE_ID = 0x4B42  # "KB": typing commands of the composer
BURST_SECONDS = 2.0  # typing pauses longer than this start a new undo step


class _EditCommand(QUndoCommand):
    """Apply one core edit; undo applies the inverse edit the core returned."""

    def __init__(self, doc: BriefingDocument, edit: Any, text: str, merge_key: str | None,
                 done: tuple[Any, Any]) -> None:
        super().__init__(text)
        self.doc, self.edit = doc, edit
        self._first, self.inverse = done  # applied once already, to check it fits
        self.merge_key = merge_key
        self.stamp = time.monotonic()

    def id(self) -> int:  # noqa: A003 - Qt API
        return _MERGE_ID if self.merge_key else -1

    def redo(self) -> None:
        if self._first is not None:
            new, self._first = self._first, None
        else:
            new, self.inverse = ops.apply(self.doc.briefing, self.edit)
        self.doc._replace(new)

    def undo(self) -> None:
        if self.inverse is None:
            return
        new, _again = ops.apply(self.doc.briefing, self.inverse)
        self.doc._replace(new)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _EditCommand) or other.merge_key != self.merge_key:
            return False
        if self.doc._merge_broken or other.stamp - self.stamp > BURST_SECONDS:
            return False
        # both set the whole field: the burst sets the last value; undo restores the first
        self.edit, self.stamp = other.edit, other.stamp
        return True


class BriefingDocument(QObject):
    """The briefing being composed, its path and undo stack; `changed` after every edit."""

    changed = Signal()
    pathChanged = Signal()
    failed = Signal(str)  # an edit the core refused, with its message

    def __init__(self, briefing: Any, path: Path | None = None,
                 parent: QObject | None = None, stack: QUndoStack | None = None) -> None:
        """`stack`: the (cleared) stack to use, e.g. the one the window's undo group routes
        to; by default the document has its own."""
        super().__init__(parent)
        self.briefing = briefing
        self.path: Path | None = Path(path) if path else None
        self.draft_id: str | None = None
        if stack is None:
            stack = QUndoStack(self)
            stack.setUndoLimit(500)
        stack.clear()
        self.undo_stack = stack
        self._merge_broken = False

    # ------------------------------------------------------------------ edits
    def edit(self, edit: Any, text: str, merge_key: str | None = None) -> None:
        """Apply `edit` as one undoable step (`merge_key`: a typing burst in one field)."""
        from desktop.core.briefing import BriefingError

        try:
            done = ops.apply(self.briefing, edit)
        except BriefingError as exc:
            self.failed.emit(str(exc))
            return
        self.undo_stack.push(_EditCommand(self, edit, text, merge_key, done))
        self._merge_broken = False

    def break_merge(self) -> None:
        """The next typing starts a new undo step (the field lost focus)."""
        self._merge_broken = True

    def _replace(self, briefing: Any) -> None:
        self.briefing = briefing
        self.changed.emit()

    # ------------------------------------------------------------------ file state
    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def set_path(self, path: Path | None) -> None:
        self.path = Path(path) if path else None
        self.pathChanged.emit()

    def mark_saved(self, path: Path) -> None:
        self.set_path(path)
        self.undo_stack.setClean()

    def display_name(self) -> str:
        from desktop.i18n import _

        title = str(getattr(self.briefing, "title", "") or "").strip()
        if title:
            return title
        return self.path.stem if self.path else _("Untitled briefing")
