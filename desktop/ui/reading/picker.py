"""The counterpart dropdown: the next candidates, and a search over the library inside it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from desktop.i18n import _
from desktop.ui.plain import plain_tooltip

_ID = Qt.ItemDataRole.UserRole + 1


def relation_words(relation: str) -> str:
    return {"translation": _("translation"), "same_event": _("same event")}.get(relation,
                                                                               relation)


def candidate_line(c, title: str) -> str:
    """"translation · 0.93 · Title" for a candidate."""
    parts = [relation_words(getattr(c, "relation", "")),
             _("score {score}").format(score=f"{float(getattr(c, 'score', 0.0)):.2f}")]
    if getattr(c, "pinned", False):
        parts.insert(0, _("pinned"))
    return " · ".join(parts) + " — " + (title or _("(untitled)"))


class CounterpartPicker(QFrame):
    """A popup list: candidates first; typing searches the other language's articles."""

    chosen = Signal(int)

    def __init__(self, search: Callable[[str], Sequence], parent=None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._search = search
        self._candidates: list[tuple[int, str, str]] = []  # id, line, tooltip
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(_("Search the other language’s articles…"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName(_("Search for a counterpart"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Counterpart candidates"))
        self.list.setUniformItemSizes(True)
        self.hint = QLabel(self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setEnabled(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.edit)
        lay.addWidget(self.list)
        lay.addWidget(self.hint)
        self.resize(460, 320)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.edit.textChanged.connect(lambda _t: self._timer.start())
        self.edit.returnPressed.connect(self._take_current)
        self.list.itemActivated.connect(self._take)
        self.list.itemClicked.connect(self._take)

    def set_candidates(self, items: Sequence[tuple[int, str, str]]) -> None:
        self._candidates = list(items)
        self.refresh()

    def refresh(self) -> None:
        """Candidates when the search is empty, else the search hits."""
        self.list.clear()
        text = self.edit.text().strip()
        if not text:
            rows = self._candidates
            self.hint.setText(_("Best candidates first. Type to search.") if rows
                              else _("No candidates found. Type to search."))
        else:
            rows = [(f.id, f"{f.date or ''} · {f.source or ''} — {f.title or _('(untitled)')}",
                     f.title or "") for f in self._search(text)]
            self.hint.setText(_("{n} found").format(n=len(rows)) if rows else _("Nothing found"))
        for aid, line, tip in rows:
            it = QListWidgetItem(line)
            it.setData(_ID, int(aid))
            it.setToolTip(plain_tooltip(tip))
            self.list.addItem(it)
        if self.list.count():
            self.list.setCurrentRow(0)

    def popup_at(self, pos: QPoint) -> None:
        self.edit.clear()
        self.refresh()
        self.move(pos)
        self.show()
        self.edit.setFocus()

    def keyPressEvent(self, e) -> None:  # noqa: N802 - Qt name
        if e.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.edit.hasFocus():
            self.list.setFocus()
            self.list.keyPressEvent(e)
            return
        super().keyPressEvent(e)

    def _take_current(self) -> None:
        it = self.list.currentItem()
        if it is not None:
            self._take(it)

    def _take(self, item: QListWidgetItem) -> None:
        aid = item.data(_ID)
        self.hide()
        if aid is not None:
            self.chosen.emit(int(aid))
