"""The composer's list tabs: figures, quotes, sections, participants and sources.

Each tab is a reorderable, tickable list and an editor for the selected row; every change
is one edit on the briefing's undo stack (through the `Composer`). Article text is
untrusted: every label here is plain text.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ui.briefing import ops
from desktop.ui.briefing.document import BriefingDocument
from desktop.ui.briefing.widgets import ReorderTree, item_path
from desktop.ui.plain import plain_tooltip


class Composer(Protocol):
    """What a list tab needs from the composer that holds it (`composer.Composer`).

    A protocol rather than an import: the composer builds the tabs, so the tabs must
    not import the composer (no cycle between the two modules).
    """

    doc: BriefingDocument
    updating: bool

    def guard(self, w: QWidget) -> None: ...

    def quiet(self) -> AbstractContextManager[Any]: ...

    def edit(self, edit: Any, text: str, merge_key: str | None = None) -> None: ...


def text_label(text: str) -> QLabel:
    lab = QLabel(text)
    lab.setTextFormat(Qt.TextFormat.PlainText)
    lab.setWordWrap(True)
    return lab


def lang_name(code: str) -> str:
    return {"kk": _("Kazakh"), "ru": _("Russian"), "en": _("English")}.get(code, code or "")


def ref_line(ref) -> str:
    parts = [ref.source or _("unknown outlet"), ref.date or _("no date"), lang_name(ref.lang)]
    return " · ".join(p for p in parts if p)


def show_text(w, text: str) -> None:
    """Show `text` unless the field already holds it (keeps the cursor while typing)."""
    text = text or ""
    if isinstance(w, QPlainTextEdit):
        if w.toPlainText() != text:
            w.setPlainText(text)
    elif w.text() != text:
        w.setText(text)



class _ListTab(QWidget):
    """A reorderable, tickable list (top) and an editor for the current row (bottom)."""

    def __init__(self, composer: Composer, path: str, kind: str, headers: list[str],
                 hint: str, cross_parent: bool = False, stretch: int = 1) -> None:
        super().__init__()
        self.c, self.path, self.kind = composer, path, kind
        self.tree = ReorderTree(self, cross_parent=cross_parent)
        self.tree.setHeaderLabels(headers)
        h = self.tree.header()
        h.setStretchLastSection(False)
        self.stretch = stretch
        for col in range(len(headers)):  # the text column takes the room
            h.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col == stretch
                                   else QHeaderView.ResizeMode.Interactive)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setToolTip(hint)
        # queued: the edit fills the tree again, which must not happen inside its own
        # drop or key event
        queued = Qt.ConnectionType.QueuedConnection
        self.tree.moveRequested.connect(self._move, queued)
        self.tree.removeRequested.connect(self._remove, queued)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(lambda *_a: self.load_editor())

        self.up = QPushButton(_("Move &up"))
        self.up.setToolTip(_("Move the selected row up (Alt+Up)"))
        self.up.clicked.connect(lambda: self.tree.move_current(-1))
        self.down = QPushButton(_("Move do&wn"))
        self.down.setToolTip(_("Move the selected row down (Alt+Down)"))
        self.down.clicked.connect(lambda: self.tree.move_current(1))
        self.remove = QPushButton(_("&Remove"))
        self.remove.setToolTip(_("Remove the selected row from the briefing (Delete)"))
        self.remove.clicked.connect(self._remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.up)
        buttons.addWidget(self.down)
        buttons.addStretch(1)
        buttons.addWidget(self.remove)

        self.editor = QWidget()
        self.form = QFormLayout(self.editor)
        self.form.setContentsMargins(0, 4, 0, 0)
        split = QSplitter(Qt.Orientation.Vertical, self)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.tree, 1)
        tl.addLayout(buttons)
        split.addWidget(top)
        split.addWidget(self.editor)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(split)

    # rows -------------------------------------------------------------------------
    def items(self, b) -> list:
        return getattr(b, self.path)

    def shown(self, b) -> bool:
        """True when the list shown is the briefing's list: edits copy only the lists they
        change, so typing in a text field leaves every table alone."""
        items = self.items(b)
        if items is getattr(self, "_shown", None):
            return True
        self._shown = items
        return False

    def fill(self, b) -> None:
        if self.shown(b):
            return
        cur = self.tree.currentItem()
        keep = item_path(cur) if cur is not None else None
        self.tree.blockSignals(True)
        self.tree.clear()
        for obj in self.items(b):
            self.tree.addTopLevelItem(self.row(obj))
        self.tree.blockSignals(False)
        self.fit_columns()
        self.tree.select_path(keep if keep is not None else (0,))
        self.load_editor()

    def showEvent(self, e) -> None:  # noqa: N802 - Qt API
        super().showEvent(e)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Other columns fit their contents, but none takes more than a third of the list."""
        cap = max(120, self.tree.viewport().width() // 3)
        for col in range(self.tree.columnCount()):
            if col != self.stretch:
                self.tree.resizeColumnToContents(col)
                self.tree.setColumnWidth(col, min(self.tree.columnWidth(col), cap))

    def row(self, obj) -> QTreeWidgetItem:
        raise NotImplementedError

    @staticmethod
    def _check(item: QTreeWidgetItem, on: bool) -> None:
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def current(self):
        item = self.tree.currentItem()
        if item is None:
            return None, None
        p = item_path(item)
        return p, self.obj_at(p)

    def obj_at(self, p: tuple):
        return self.items(self.c.doc.briefing)[p[0]]

    def kind_key(self, p: tuple, obj) -> tuple[str, str]:
        """The core's (kind, key) of the row at `p`."""
        if self.kind == "article":
            return "article", obj.content_hash
        return self.kind, obj.key

    # edits ------------------------------------------------------------------------
    def _item_changed(self, item: QTreeWidgetItem, col: int) -> None:
        if col != 0 or self.c.updating:
            return
        p = item_path(item)
        on = item.checkState(0) == Qt.CheckState.Checked
        obj = self.obj_at(p)
        if bool(getattr(obj, "included", True)) != on:
            self.tree.setCurrentItem(item)
            edit = ops.set_included(*self.kind_key(p, obj), on)
            text = _("Include item") if on else _("Leave item out")
            # after the tree's signal returns: the edit fills the tree again
            QTimer.singleShot(0, lambda: self.c.edit(edit, text))

    def _move(self, frm: tuple, to: tuple) -> None:
        if len(frm) == 1 and len(to) == 1:
            self.c.edit(ops.move(self.c.doc.briefing, self.kind, frm[0], to[0]),
                        _("Move item"))
            self.tree.select_path(to)

    def _remove(self, p: tuple) -> None:
        self.c.edit(ops.remove(*self.kind_key(p, self.obj_at(p))), _("Remove item"))

    def _remove_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self._remove(item_path(item))

    # editor -----------------------------------------------------------------------
    def load_editor(self) -> None:
        """Show the current row in the editor below the list."""

    def _wording(self, text: str | None) -> None:
        if self.c.updating:
            return
        p, obj = self.current()
        if obj is None:
            return
        kind, key = self.kind_key(p, obj)
        self.c.edit(ops.set_wording(kind, key, text), _("Edit wording"),
                    merge_key=f"{kind}:{key}:wording")


class FiguresTab(_ListTab):
    def __init__(self, composer: Composer) -> None:
        super().__init__(composer, "figures", "figure", [_("Figure"), _("Wording"), _("Sources")],
                         _("Tick the figures to print; drag to reorder; select one to edit "
                           "its wording"))
        self.sources = text_label("")
        self.sources.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.wording = QPlainTextEdit()
        self.wording.setTabChangesFocus(True)
        self.wording.setMaximumHeight(90)
        self.wording.setAccessibleName(_("Wording of the figure"))
        self.wording.textChanged.connect(lambda: self._wording(self.wording.toPlainText()))
        self.reset = QPushButton(_("Use the &article's sentence"))
        self.reset.clicked.connect(self._reset)
        self.form.addRow(_("Found in:"), self.sources)
        self.form.addRow(_("Wording:"), self.wording)
        self.form.addRow("", self.reset)
        composer.guard(self.wording)

    def row(self, f) -> QTreeWidgetItem:
        first = f.sources[0] if f.sources else None
        srcs = " · ".join(p for p in (first.source if first else "",
                                      lang_name(first.lang) if first else "") if p)
        if len(f.sources) > 1:
            srcs += f" +{len(f.sources) - 1}"
        item = QTreeWidgetItem([f.value_text, f.display(), srcs])
        self._check(item, f.included)
        item.setToolTip(1, plain_tooltip(f.display()))
        item.setToolTip(2, plain_tooltip("\n".join(ref_line(r) for r in f.sources)))
        return item

    def load_editor(self) -> None:
        _p, f = self.current()
        self.editor.setEnabled(f is not None)
        with self.c.quiet():
            if f is None:
                self.sources.setText("")
                show_text(self.wording, "")
                return
            lines = [f"{ref_line(r)}: {r.sentence or f.sentence}" for r in f.sources]
            self.sources.setText("\n".join(lines) or f.sentence)
            show_text(self.wording, f.display())
            self.reset.setEnabled(f.wording is not None)

    def _reset(self) -> None:
        p, f = self.current()
        if f is not None and f.wording is not None:
            self.c.edit(ops.set_wording("figure", f.key, None), _("Use the article's sentence"))


class QuotesTab(_ListTab):
    def __init__(self, composer: Composer) -> None:
        super().__init__(composer, "quotes", "quote", [_("Speaker"), _("Quote"), _("Outlet")],
                         _("Tick the quotes to print; drag to reorder"))
        self.speaker = QLineEdit()
        self.speaker.setAccessibleName(_("Speaker"))
        self.speaker.textEdited.connect(self._speaker)
        self.wording = QPlainTextEdit()
        self.wording.setTabChangesFocus(True)
        self.wording.setMaximumHeight(110)
        self.wording.setAccessibleName(_("Wording of the quote"))
        self.wording.textChanged.connect(lambda: self._wording(self.wording.toPlainText()))
        self.form.addRow(_("Speaker:"), self.speaker)
        self.form.addRow(_("Quote:"), self.wording)
        composer.guard(self.speaker)
        composer.guard(self.wording)

    def _speaker(self, text: str) -> None:
        p, q = self.current()
        if q is not None and not self.c.updating:
            self.c.edit(ops.set_speaker(self.c.doc.briefing, p[0], text), _("Edit speaker"),
                        merge_key=f"quote:{q.key}:speaker")

    def row(self, q) -> QTreeWidgetItem:
        item = QTreeWidgetItem([q.speaker_name or _("unknown speaker"), q.display(),
                                (q.source.source or "") if q.source else ""])
        if q.source:
            item.setToolTip(2, plain_tooltip(ref_line(q.source)))
        self._check(item, q.included)
        item.setToolTip(1, plain_tooltip(q.display()))
        return item

    def load_editor(self) -> None:
        _p, q = self.current()
        self.editor.setEnabled(q is not None)
        with self.c.quiet():
            show_text(self.speaker, (q.speaker_name or "") if q else "")
            show_text(self.wording, q.display() if q else "")


class ParticipantsTab(_ListTab):
    def __init__(self, composer: Composer) -> None:
        super().__init__(composer, "participants", "participant",
                         [_("Name"), _("Kind"), _("Mentions")],
                         _("Tick the principal participants to print; drag to reorder"),
                         stretch=0)
        self.wording = QLineEdit()
        self.wording.setAccessibleName(_("Name as printed"))
        self.wording.setPlaceholderText(_("e.g. the name with a title or role"))
        self.wording.textEdited.connect(self._wording)
        self.form.addRow(_("Printed as:"), self.wording)
        composer.guard(self.wording)

    def row(self, p) -> QTreeWidgetItem:
        kind = _("Person") if p.kind == "person" else _("Organisation")
        item = QTreeWidgetItem([p.display(), kind, str(p.count)])
        self._check(item, p.included)
        return item

    def load_editor(self) -> None:
        _p, obj = self.current()
        self.editor.setEnabled(obj is not None)
        with self.c.quiet():
            show_text(self.wording, obj.display() if obj else "")


class SourcesTab(_ListTab):
    def __init__(self, composer: Composer) -> None:
        super().__init__(composer, "articles", "article",
                         [_("Title"), _("Outlet"), _("Date"), _("Language")],
                         _("The briefing's articles: untick to leave one out of the sources "
                           "and the annex; Remove takes it out of the briefing"), stretch=0)
        self.lead = text_label("")
        self.lead.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.addRow(_("Lead:"), self.lead)

    def row(self, a) -> QTreeWidgetItem:
        item = QTreeWidgetItem([a.title or _("untitled"), a.source or "", a.date or "",
                                lang_name(a.lang)])
        self._check(item, a.included)
        item.setToolTip(0, plain_tooltip(a.title))
        return item

    def load_editor(self) -> None:
        _p, a = self.current()
        self.lead.setText(a.lead if a is not None else "")


class SectionsTab(_ListTab):
    """Sector sections (top level) and their articles with extracts (children)."""

    def __init__(self, composer: Composer) -> None:
        super().__init__(composer, "sections", "section", [_("Section / article"), _("Outlet"), _("Date")],
                         _("Drag sections to reorder them, and articles within a section; "
                           "select an article to edit its extract"), stretch=0)
        self.tree.setRootIsDecorated(True)
        self._articles = None
        self.title = QLineEdit()
        self.title.setAccessibleName(_("Section title"))
        self.title.textEdited.connect(lambda t: self._edit_current(t))
        self.extract = QPlainTextEdit()
        self.extract.setTabChangesFocus(True)
        self.extract.setAccessibleName(_("Extract"))
        self.extract.textChanged.connect(lambda: self._edit_current(self.extract.toPlainText()))
        self.title_label = QLabel(_("Title:"))
        self.extract_label = QLabel(_("Extract:"))
        self.form.addRow(self.title_label, self.title)
        self.form.addRow(self.extract_label, self.extract)
        composer.guard(self.title)
        composer.guard(self.extract)

    def fill(self, b) -> None:
        if self.shown(b) and b.articles is self._articles:
            return
        self._articles = b.articles  # titles of the items come from the articles
        cur = self.tree.currentItem()
        keep = item_path(cur) if cur is not None else None
        self.tree.blockSignals(True)
        self.tree.clear()
        for s in b.sections:
            top = QTreeWidgetItem([s.title or s.sector, "", ""])
            self._check(top, s.included)
            f = top.font(0)
            f.setBold(True)
            top.setFont(0, f)
            for it in s.items:
                a = b.article(it.ref)
                title = a.title if a is not None else it.display()[:80]
                child = QTreeWidgetItem([title, it.ref.source or "", it.ref.date or ""])
                self._check(child, it.included)
                child.setToolTip(0, plain_tooltip(it.display()))
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        self.tree.blockSignals(False)
        self.fit_columns()
        self.tree.select_path(keep if keep is not None else (0,))
        self.load_editor()

    def obj_at(self, p: tuple):
        s = self.c.doc.briefing.sections[p[0]]
        return s if len(p) == 1 else s.items[p[1]]

    def kind_key(self, p: tuple, obj) -> tuple[str, str]:
        if len(p) == 1:
            return "section", obj.key
        return "item", f"{self.c.doc.briefing.sections[p[0]].sector}/{obj.key}"

    def _move(self, frm: tuple, to: tuple) -> None:
        if len(frm) != len(to):
            return
        b = self.c.doc.briefing
        if len(frm) == 1:
            self.c.edit(ops.move(b, "section", frm[0], to[0]), _("Move section"))
        elif frm[0] == to[0]:
            self.c.edit(ops.move(b, "item", frm[1], to[1], sector=b.sections[frm[0]].sector),
                        _("Move article"))
        else:
            return
        self.tree.select_path(to)

    def load_editor(self) -> None:
        p, obj = self.current()
        self.editor.setEnabled(obj is not None)
        section = p is not None and len(p) == 1
        for w in (self.title, self.title_label):
            w.setVisible(p is None or section)
        for w in (self.extract, self.extract_label):
            w.setVisible(p is None or not section)
        with self.c.quiet():
            show_text(self.title, obj.title if section else "")
            show_text(self.extract, obj.display() if obj is not None and not section else "")

    def _edit_current(self, text: str) -> None:
        if self.c.updating:
            return
        p, obj = self.current()
        if obj is None:
            return
        kind, key = self.kind_key(p, obj)
        self.c.edit(ops.set_wording(kind, key, text), _("Edit section"),
                    merge_key=f"{kind}:{key}:wording")
