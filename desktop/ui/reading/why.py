"""The "why tagged" list of the selected article: each tag with the phrases that made it.

Clicking a phrase selects it in the text; a phrase's menu offers "never tag this as …" and,
for sector keywords, "count it as a weak keyword" (requests handled by the rules feature).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMenu, QTreeWidget, QTreeWidgetItem, QWidget

from desktop.i18n import _
from desktop.ui.highlight import KINDS
from desktop.ui.plain import plain_tooltip
from desktop.ui.reading.common import selection_phrase
from desktop.ui.widgets.toggles import swatch_icon

SPAN_ROLE = Qt.ItemDataRole.UserRole + 1
TAG_ROLE = Qt.ItemDataRole.UserRole + 2  # (kind, id) of the tag an item belongs to
_LAZY_ROLE = Qt.ItemDataRole.UserRole + 3  # key of children still to make (see populate)
EAGER_ROWS = 1500  # up to this many matches the children are made at once, else on opening

LabelFor = Callable[[str, str], str]  # (kind, id) -> display name


class WhyTagged(QTreeWidget):
    """Tags of one article with their matched phrases."""

    spanClicked = Signal(int, int)  # start, end (offsets into full_text())
    excludeRequested = Signal(str, str, str)  # kind, id, phrase: never tag it as this
    weakenRequested = Signal(str, str, str)  # kind, id, keyword pattern: let it count half

    def __init__(self, parent: QWidget | None = None, label_for: LabelFor | None = None) -> None:
        super().__init__(parent)
        self.label_for = label_for or (lambda kind, key: key)
        self._text = ""
        self._lazy: dict[int, tuple[str, list]] = {}
        self._pending_rows = 0
        self.setColumnCount(2)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.itemExpanded.connect(self.populate)
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHeaderLabels([_("Why tagged"), _("Matched phrases")])
        self.setAccessibleName(_("Why tagged"))
        self.setToolTip(_("Each tag with the phrases that produced it; click to find it"))

    def fill(self, text: str, analysis) -> None:
        """List the tags of `analysis` (spans into `text`)."""
        self.clear()
        self._lazy.clear()
        self._pending_rows = 0
        self._text = text
        if analysis is None:
            return
        n = len(text)
        groups = (("country", analysis.countries), ("sector", analysis.sectors),
                  ("person", analysis.people), ("org", analysis.orgs))
        for kind, tags in groups:
            for t in tags:
                name = self.label_for(kind, t.id) or t.name or t.id
                if kind == "country" and t.home:
                    name = _("{name} (home)").format(name=name)
                phrases = t.phrases or sorted({text[s:e] for s, e in t.spans if e <= n})
                item = QTreeWidgetItem([f"{_(KINDS[kind][0])}: {name}", ", ".join(phrases)])
                item.setIcon(0, swatch_icon(kind))
                item.setToolTip(1, plain_tooltip(", ".join(phrases)))
                spans = sorted((int(s), int(e)) for s, e in t.spans if 0 <= s < e <= n)
                item.setData(0, TAG_ROLE, (kind, t.id))
                if spans:
                    item.setData(0, SPAN_ROLE, spans[0])
                    # children (one per match) are made when the tag is opened: a long
                    # article has thousands
                    self._later(item, "matches", spans[:2000])
                self.addTopLevelItem(item)
        if analysis.figures:
            fig = QTreeWidgetItem([_(KINDS["figure"][0]), str(len(analysis.figures))])
            fig.setIcon(0, swatch_icon("figure"))
            self._later(fig, "figures", [(f.text, int(f.span[0]), int(f.span[1]))
                                         for f in analysis.figures[:2000]])
            self.addTopLevelItem(fig)
        if self._pending_rows <= EAGER_ROWS:  # a usual article: everything at once
            for i in range(self.topLevelItemCount()):
                self.populate(self.topLevelItem(i))
        self.resizeColumnToContents(0)

    def _later(self, item: QTreeWidgetItem, what: str, rows: list) -> None:
        key = len(self._lazy) + 1
        self._lazy[key] = (what, rows)
        self._pending_rows += len(rows)
        item.setData(0, _LAZY_ROLE, key)
        item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)

    def populate(self, item: QTreeWidgetItem) -> None:
        """Make the children of a tag row (its matches) or of the figures row (a long
        article has thousands: they are made when the row is opened)."""
        key = item.data(0, _LAZY_ROLE)
        got = self._lazy.pop(key, None) if key else None
        if got is None:
            return
        item.setData(0, _LAZY_ROLE, None)
        what, rows = got
        n = len(self._text)
        children = []
        if what == "matches":
            tag = item.data(0, TAG_ROLE)
            for s, e in rows:
                child = QTreeWidgetItem([self._snippet(s, e), self._text[s:e]])
                child.setData(0, SPAN_ROLE, (s, e))
                child.setData(0, TAG_ROLE, tag)
                children.append(child)
        else:
            for text, s, e in rows:
                child = QTreeWidgetItem([text, self._snippet(s, e)])
                if 0 <= s < e <= n:
                    child.setData(0, SPAN_ROLE, (s, e))
                children.append(child)
        item.addChildren(children)

    def _snippet(self, s: int, e: int, width: int = 30) -> str:
        t = self._text
        left = t[max(0, s - width):s].replace("\n", " ")
        right = t[e:e + width].replace("\n", " ")
        return f"…{left}[{t[s:e]}]{right}…"

    def exclusion_for(self, item: QTreeWidgetItem) -> tuple[str, str, str] | None:
        """(kind, id, phrase) to exclude for an item: a match's own words."""
        tag = item.data(0, TAG_ROLE)
        span = item.data(0, SPAN_ROLE)
        if not tag or not span or item.parent() is None:
            return None  # a tag row stands for several phrases: pick one match
        phrase = selection_phrase(self._text[int(span[0]):int(span[1])])
        return (str(tag[0]), str(tag[1]), phrase) if phrase else None

    def why_menu(self, item: QTreeWidgetItem | None) -> QMenu | None:
        """The menu for one match: never tag those words as that tag (or count a sector
        keyword as weak)."""
        target = self.exclusion_for(item) if item is not None else None
        if target is None:
            return None
        kind, id_, phrase = target
        name = self.label_for(kind, id_) or id_
        menu = QMenu(self)
        a = menu.addAction(_("Never tag “{phrase}” as {name}").format(phrase=phrase, name=name))
        a.triggered.connect(lambda: self.excludeRequested.emit(kind, id_, phrase))
        if kind == "sector":  # a keyword too common to tag the sector on its own
            from desktop.analysis.user_rules import keyword_behind

            found = keyword_behind(kind, id_, phrase)
            if found is not None and found[1] != "weak":
                pattern = found[0]
                b = menu.addAction(_("Count “{pattern}” as a weak keyword for {name}")
                                   .format(pattern=pattern, name=name))
                b.setToolTip(_("A weak keyword alone no longer tags an article with this "
                               "sector; two weak keywords, or one with a strong one, do."))
                b.triggered.connect(lambda: self.weakenRequested.emit(kind, id_, pattern))
        return menu

    def _menu(self, pos) -> None:
        menu = self.why_menu(self.itemAt(pos))
        if menu is not None:
            menu.exec(self.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def _clicked(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        span = item.data(0, SPAN_ROLE)
        if span:
            self.spanClicked.emit(int(span[0]), int(span[1]))
