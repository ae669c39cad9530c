"""Undoable steps of the reading pair: link corrections and glossary additions."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand


class LinkEdit(QUndoCommand):
    """Replace the pair's alignment (join, split, relink, unlink); saved with the pin."""

    def __init__(self, view, left_id: int, right_id: int, before, after, text: str) -> None:
        super().__init__(text)
        self.view, self.ids, self.before, self.after = view, (left_id, right_id), before, after

    def redo(self) -> None:
        self.view.apply_links(*self.ids, self.after)

    def undo(self) -> None:
        self.view.apply_links(*self.ids, self.before)


class AddGlossaryPair(QUndoCommand):
    """A kk ↔ ru pair added to the user's glossary (already added when pushed); undo
    removes it again."""

    def __init__(self, view, inverse, text: str) -> None:
        super().__init__(text)
        self.view, self.inverse = view, inverse
        self._first = True

    def redo(self) -> None:
        if self._first:  # the pair was added before the push (so a refusal is not a step)
            self._first = False
        else:
            self.inverse = self.view.backend.glossary_undo(self.inverse)
        self.view.refresh_glossary()

    def undo(self) -> None:
        self.inverse = self.view.backend.glossary_undo(self.inverse)
        self.view.refresh_glossary()
