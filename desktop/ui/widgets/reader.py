"""The reader: one article as plain text with toggleable highlights and a "why tagged" list.

Article text is untrusted. The document is built with `QTextCursor.insertText` only (never
HTML), resources are never loaded, and labels use `Qt.PlainText`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QIcon,
    QPainter,
    QPixmap,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QMenu,
    QSplitter,
    QTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.model import Analysis
from desktop.core.article import Article
from desktop.i18n import _
from desktop.ui.highlight import KINDS, Mark, Utf16Map, colour, display_text, marks
from desktop.ui.plain import plain_tooltip

LabelFor = Callable[[str, str], str]  # (kind, id) -> display name

_SPAN_ROLE = Qt.ItemDataRole.UserRole + 1
_TAG_ROLE = Qt.ItemDataRole.UserRole + 2  # (kind, id) of the tag an item belongs to
_MAX_RULE_TEXT = 120  # longer selections are not offered as a rule (rules are names)


def selection_phrase(raw: str) -> str:
    """A text selection as one line (Qt marks paragraph ends with U+2029)."""
    return " ".join(raw.split())  # str.split() also splits on U+2028/U+2029


class SafeDocument(QTextDocument):
    """A text document that never loads images, stylesheets or any other resource."""

    def loadResource(self, type: int, name) -> object:  # noqa: A002 - Qt signature
        return None


def swatch_icon(kind: str, size: int = 12) -> QIcon:
    """A small square in the kind's colour, for the legend and the why-tagged list."""
    pm = QPixmap(size * 2, size * 2)
    pm.setDevicePixelRatio(2.0)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    c = colour(kind, 200)
    p.setBrush(c)
    p.setPen(c.darker(130))
    p.drawRoundedRect(1, 1, size - 2, size - 2, 2, 2)
    p.end()
    return QIcon(pm)


def plain_label(text: str = "", *, wrap: bool = True) -> QLabel:
    """A QLabel that never interprets markup."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    return label


def article_meta(article: Article) -> str:
    """One metadata line: date · language · source · author · dateline · origin."""
    lang_names = {"kk": _("Kazakh"), "ru": _("Russian"), "other": _("Other language")}
    parts = [
        article.date or _("no date"),
        lang_names.get(article.lang, article.lang),
        article.source or "",
        _("by {author}").format(author=article.author) if article.author else "",
        article.dateline_city or "",
    ]
    if article.credited_to and article.credited_to != article.source:
        parts.append(_("credited to {outlet}").format(outlet=article.credited_to))
    return " · ".join(p for p in parts if p)


class ReaderPanel(QWidget):
    """Shows one article; several panels can sit side by side (kk | ru) in a ReaderArea."""

    highlightKindsChanged = Signal(list)
    addRuleRequested = Signal(str, str)  # phrase selected in the text, article language
    excludeRequested = Signal(str, str, str)  # kind, id, phrase: never tag it as this
    weakenRequested = Signal(str, str, str)  # kind, id, keyword pattern: let it count half

    def __init__(self, parent: QWidget | None = None, label_for: LabelFor | None = None) -> None:
        super().__init__(parent)
        self._label_for = label_for or (lambda kind, key: key)
        self._article: Article | None = None
        self._analysis: Analysis | None = None
        self._text = ""
        self._map = Utf16Map("")
        self.article_id: int | None = None
        # actions other features add to the text's context menu (e.g. "Add to briefing")
        self.context_actions: list = []

        self.title = plain_label()
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        self.title.setAccessibleName(_("Article title"))
        self.meta = plain_label()
        self.meta.setAccessibleName(_("Article details"))
        self.origin = plain_label()
        self.origin.setAccessibleName(_("Article origin"))
        of = self.origin.font()
        of.setPointSizeF(of.pointSizeF() * 0.9)
        self.origin.setFont(of)
        self.origin.setEnabled(False)  # dimmed in every palette

        legend = QGridLayout()
        legend.setSpacing(0)
        legend.setContentsMargins(0, 0, 0, 0)
        self.toggles: dict[str, QToolButton] = {}
        for kind in ("country", "sector", "person", "org", "figure", "quote"):
            b = QToolButton(self)
            b.setCheckable(True)
            b.setChecked(True)
            b.setIcon(swatch_icon(kind))
            b.setIconSize(QSize(12, 12))
            b.setText(_(KINDS[kind][0]))
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            b.setAutoRaise(True)
            b.setToolTip(_("Show or hide highlights for {kind}").format(kind=_(KINDS[kind][0])))
            b.setAccessibleName(_("Highlight {kind}").format(kind=_(KINDS[kind][0])))
            b.toggled.connect(self._toggled)
            self.toggles[kind] = b
            n = len(self.toggles) - 1
            legend.addWidget(b, n // 3, n % 3)
        legend.setColumnStretch(3, 1)

        self.doc = SafeDocument(self)
        self.text = QTextEdit(self)
        self.text.setDocument(self.doc)
        self.text.setReadOnly(True)
        self.text.setAcceptRichText(False)
        self.text.setUndoRedoEnabled(False)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setAccessibleName(_("Article text"))
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._text_menu)

        self.why = QTreeWidget(self)
        self.why.setHeaderLabels([_("Why tagged"), _("Matched phrases")])
        self.why.setRootIsDecorated(True)
        self.why.setUniformRowHeights(True)
        self.why.setAccessibleName(_("Why tagged"))
        self.why.setToolTip(_("Each tag with the phrases that produced it; click to find it"))
        self.why.itemClicked.connect(self._why_clicked)
        self.why.itemActivated.connect(self._why_clicked)
        self.why.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.why.customContextMenuRequested.connect(self._why_menu)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.text)
        self.splitter.addWidget(self.why)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.title)
        lay.addWidget(self.meta)
        lay.addWidget(self.origin)
        lay.addLayout(legend)
        lay.addWidget(self.splitter, 1)
        self.clear()

    # -- public -----------------------------------------------------------------------
    def enabled_kinds(self) -> list[str]:
        return [k for k, b in self.toggles.items() if b.isChecked()]

    def set_enabled_kinds(self, kinds: list[str]) -> None:
        """Restore the highlight toggles (unknown kinds ignored)."""
        for k, b in self.toggles.items():
            b.blockSignals(True)
            b.setChecked(k in kinds)
            b.blockSignals(False)
        self._render()

    def clear(self) -> None:
        """Show the empty state."""
        self._article = self._analysis = None
        self.article_id = None
        self.title.setText(_("No article selected"))
        self.meta.setText(_("Select an article in the list to read it here."))
        self.origin.setText("")
        self.origin.hide()
        self.doc.clear()
        self.why.clear()

    def show_article(self, article: Article, analysis: Analysis | None,
                     article_id: int | None = None) -> None:
        """Display `article` with the highlights of `analysis` (spans into full_text())."""
        self._article, self._analysis, self.article_id = article, analysis, article_id
        self._text = display_text(article.full_text())
        self._map = Utf16Map(self._text)
        self.title.setText(article.title or _("(untitled)"))
        self.meta.setText(article_meta(article))
        self.origin.setText(article.url or article.origin or "")
        self.origin.setVisible(bool(self.origin.text()))
        self._render()
        self._fill_why()
        self.text.moveCursor(QTextCursor.MoveOperation.Start)

    @property
    def article(self) -> Article | None:
        return self._article

    def plain_text(self) -> str:
        return self.doc.toPlainText()

    def select_span(self, start: int, end: int) -> None:
        """Select [start, end) (Python offsets into full_text()) and scroll to it."""
        n = self.doc.characterCount() - 1
        c = QTextCursor(self.doc)
        c.setPosition(min(self._map(start), n))
        c.setPosition(min(self._map(end), n), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(c)
        self.text.ensureCursorVisible()

    # -- internals --------------------------------------------------------------------
    def _toggled(self) -> None:
        self._render()
        self.highlightKindsChanged.emit(self.enabled_kinds())

    def _render(self) -> None:
        if self._article is None:
            return
        bar = self.text.verticalScrollBar()
        scroll = bar.value()
        self.doc.clear()
        cursor = QTextCursor(self.doc)
        base = QTextCharFormat()
        cursor.insertText(self._text, base)  # plain text only: markup stays literal
        block = QTextBlockFormat()
        block.setBottomMargin(self.fontMetrics().height() * 0.4)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(block)
        if self._analysis is not None:
            enabled = set(self.enabled_kinds())
            for m in marks(self._analysis, len(self._text)):
                if m.kind in enabled:
                    self._apply(cursor, m)
        bar.setValue(scroll)

    def _apply(self, cursor: QTextCursor, m: Mark) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(colour(m.kind))
        if m.kind == "quote":
            fmt.setFontItalic(True)
        elif m.kind == "figure":
            fmt.setFontWeight(QFont.Weight.DemiBold)
        cursor.setPosition(self._map(m.start))
        cursor.setPosition(self._map(m.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)

    def _fill_why(self) -> None:
        self.why.clear()
        a = self._analysis
        if a is None:
            return
        n = len(self._text)
        groups = (("country", a.countries), ("sector", a.sectors), ("person", a.people),
                  ("org", a.orgs))
        for kind, tags in groups:
            for t in tags:
                name = self._label_for(kind, t.id) or t.name or t.id
                if kind == "country" and t.home:
                    name = _("{name} (home)").format(name=name)
                phrases = t.phrases or sorted({self._text[s:e] for s, e in t.spans if e <= n})
                item = QTreeWidgetItem([f"{_(KINDS[kind][0])}: {name}", ", ".join(phrases)])
                item.setIcon(0, swatch_icon(kind))
                item.setToolTip(1, plain_tooltip(", ".join(phrases)))
                spans = sorted((int(s), int(e)) for s, e in t.spans if 0 <= s < e <= n)
                item.setData(0, _TAG_ROLE, (kind, t.id))
                if spans:
                    item.setData(0, _SPAN_ROLE, spans[0])
                for s, e in spans:
                    child = QTreeWidgetItem([self._snippet(s, e), self._text[s:e]])
                    child.setData(0, _SPAN_ROLE, (s, e))
                    child.setData(0, _TAG_ROLE, (kind, t.id))
                    item.addChild(child)
                self.why.addTopLevelItem(item)
        if a.figures:
            fig = QTreeWidgetItem([_(KINDS["figure"][0]), str(len(a.figures))])
            fig.setIcon(0, swatch_icon("figure"))
            for f in a.figures:
                s, e = int(f.span[0]), int(f.span[1])
                child = QTreeWidgetItem([f.text, self._snippet(s, e)])
                if 0 <= s < e <= n:
                    child.setData(0, _SPAN_ROLE, (s, e))
                fig.addChild(child)
            self.why.addTopLevelItem(fig)
        self.why.resizeColumnToContents(0)

    def _snippet(self, s: int, e: int, width: int = 30) -> str:
        left = self._text[max(0, s - width):s].replace("\n", " ")
        right = self._text[e:e + width].replace("\n", " ")
        return f"…{left}[{self._text[s:e]}]{right}…"

    def selected_phrase(self) -> str:
        """The selected text as one line ("" when nothing or too much is selected)."""
        p = selection_phrase(self.text.textCursor().selectedText())
        return p if len(p) <= _MAX_RULE_TEXT and any(c.isalpha() for c in p) else ""

    def text_menu(self, pos: QPoint) -> QMenu:
        """The text's context menu: copy, select all, and adding a selection to the rules."""
        menu = self.text.createStandardContextMenu(pos)
        phrase = self.selected_phrase()
        if phrase:
            menu.addSeparator()
            short = phrase if len(phrase) <= 40 else phrase[:39] + "…"
            a = menu.addAction(_("Add “{phrase}” to the tagging rules…").format(phrase=short))
            lang = self._article.lang if self._article is not None else ""
            a.triggered.connect(lambda: self.addRuleRequested.emit(phrase, lang or ""))
        if self.context_actions and self.article_id is not None:
            menu.addSeparator()
            menu.addActions(self.context_actions)
        return menu

    def _text_menu(self, pos: QPoint) -> None:
        menu = self.text_menu(pos)
        menu.exec(self.text.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def exclusion_for(self, item: QTreeWidgetItem) -> tuple[str, str, str] | None:
        """(kind, id, phrase) to exclude for a why-tagged item: a match's own words."""
        tag = item.data(0, _TAG_ROLE)
        span = item.data(0, _SPAN_ROLE)
        if not tag or not span or item.parent() is None:
            return None  # a tag row stands for several phrases: pick one match
        phrase = selection_phrase(self._text[int(span[0]):int(span[1])])
        return (str(tag[0]), str(tag[1]), phrase) if phrase else None

    def why_menu(self, item: QTreeWidgetItem | None) -> QMenu | None:
        """The why-tagged list's menu for one match: never tag those words as that tag."""
        target = self.exclusion_for(item) if item is not None else None
        if target is None:
            return None
        kind, id_, phrase = target
        name = self._label_for(kind, id_) or id_
        menu = QMenu(self.why)
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

    def _why_menu(self, pos: QPoint) -> None:
        menu = self.why_menu(self.why.itemAt(pos))
        if menu is not None:
            menu.exec(self.why.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def _why_clicked(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        span = item.data(0, _SPAN_ROLE)
        if span:
            self.select_span(int(span[0]), int(span[1]))


class ReaderArea(QSplitter):
    """Holds reader panels side by side; today one, later Kazakh | Russian.

    Rule requests of every panel, including panels added later, arrive on the area."""

    addRuleRequested = Signal(str, str)
    excludeRequested = Signal(str, str, str)
    weakenRequested = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None, label_for: LabelFor | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._label_for = label_for
        self.panels: list[ReaderPanel] = []
        self._why_visible = True
        self.add_panel()

    @property
    def primary(self) -> ReaderPanel:
        return self.panels[0]

    def add_panel(self) -> ReaderPanel:
        """Add another reader beside the existing ones and return it."""
        p = ReaderPanel(self, self._label_for)
        p.why.setVisible(self._why_visible)
        p.addRuleRequested.connect(self.addRuleRequested)
        p.excludeRequested.connect(self.excludeRequested)
        p.weakenRequested.connect(self.weakenRequested)
        self.panels.append(p)
        self.addWidget(p)
        return p

    def set_why_visible(self, on: bool) -> None:
        """Show or hide the "why tagged" list in every panel, including panels added later."""
        self._why_visible = on
        for p in self.panels:
            p.why.setVisible(on)


