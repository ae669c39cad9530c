"""The reading pair: Kazakh left, Russian right, aligned, with the links between them.

`PairView.open(article_id)` shows the article on its language's side and its best
counterpart on the other; `show_pair(stored, counterpart)` shows a given pair. Link edits go
on `undo_stack`; corrected links are saved with the pin through the backend.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QGuiApplication,
    QKeySequence,
    QTextCharFormat,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ui.highlight import KINDS, colour
from desktop.ui.plain import plain_tooltip
from desktop.ui.reading import divergence, fastdoc
from desktop.ui.reading.aligner import BackgroundAligner
from desktop.ui.reading.commands import AddGlossaryPair, LinkEdit
from desktop.ui.reading.common import plain_label
from desktop.ui.reading.connectors import Band, Legend, LinkStrip, confidence_words
from desktop.ui.reading.panel import PairPanel, tint, wavy
from desktop.ui.reading.picker import CounterpartPicker, candidate_line, relation_words
from desktop.ui.reading.why import WhyTagged
from desktop.ui.widgets.flow import FlowLayout
from desktop.ui.widgets.toggles import style_toggles, swatch_icon

log = logging.getLogger(__name__)

SIDES = ("left", "right")
MATCHED_KINDS = frozenset({"person", "country", "org", "figure"})
# Colour groups: the same person, country, organisation or figure gets the same colour on
# both panels. Distinct hues, drawn semi-transparent like the reader's kind colours.
PALETTE = ((66, 133, 244), (171, 71, 188), (0, 172, 193), (251, 140, 0), (233, 30, 99),
           (124, 179, 66), (141, 110, 99), (92, 107, 192), (0, 150, 136), (255, 193, 7),
           (126, 87, 194), (96, 125, 139))
KIND_OFFSET = {"person": 0, "country": 3, "org": 6, "figure": 9}  # groups count per kind
BACKGROUND_AT = 24_000  # characters of both texts: longer pairs align in another process
HOVER = QColor(255, 213, 79)
PICK = QColor(100, 181, 246)
FLAG = QColor(229, 57, 53)


def clip_analysis(an, n: int):
    """The analysis without what lies beyond the first n characters."""
    def spans(t):
        return replace(t, spans=[sp for sp in t.spans if sp[1] <= n])

    return replace(an, countries=[spans(t) for t in an.countries],
                   sectors=[spans(t) for t in an.sectors], people=[spans(t) for t in an.people],
                   orgs=[spans(t) for t in an.orgs],
                   figures=[f for f in an.figures if f.span[1] <= n],
                   quotes=[q for q in an.quotes if q.span[1] <= n])


def side_of(lang: str) -> str:
    return "right" if lang == "ru" else "left"


def other(side: str) -> str:
    return "right" if side == "left" else "left"


class PairView(QWidget):
    """Kazakh | Russian pair with connectors, divergences and glossary beside it."""

    articleShown = Signal(object)  # the selected article id, or None
    pairShown = Signal(object, object)  # left id, right id (None for an empty side)
    addRuleRequested = Signal(str, str)  # phrase, language
    excludeRequested = Signal(str, str, str)  # kind, id, phrase
    weakenRequested = Signal(str, str, str)  # kind, id, keyword pattern
    statusMessage = Signal(str)
    editPushed = Signal()  # an edit went on undo_stack (Ctrl+Z should now undo it)

    def __init__(self, backend=None, settings=None, undo_stack: QUndoStack | None = None,
                 parent: QWidget | None = None, label_for=None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.label_for = label_for
        self.context_actions: list = []  # other features' actions for the text menu
        self.settings = settings
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.selected = None  # StoredArticle chosen in the list
        self.stored: dict[str, object | None] = {"left": None, "right": None}
        self.texts = {"left": "", "right": ""}  # display text of what is shown
        self.analyses: dict[str, object | None] = {"left": None, "right": None}
        self.counter_side = "right"
        self.candidate = None  # the Candidate shown opposite, when it came from pairing
        self.candidates: list = []
        self.pinned = False
        self.no_counterpart_marked = False
        self.alignment = None
        self.mismatch_list: list = []
        self.div_rows: list[dict] = []
        self.current_link = -1
        self.hover_link = -1
        self.picks: dict[str, int | None] = {"left": None, "right": None}
        self._maps: dict[str, list[int]] = {"left": [], "right": []}
        self._sync_lock = False
        self._token = 0
        self._pending: tuple | None = None  # (token, stored links) of an alignment to do
        self._formats: dict[tuple, QTextCharFormat] = {}
        self._shared: set[str] = set()  # mark keys found on both sides: colour-matched
        self._titles: dict[int, str] = {}

        pair = QWidget(self)
        self.panels = {"left": PairPanel("left", pair), "right": PairPanel("right", pair)}
        self.left, self.right = self.panels["left"], self.panels["right"]
        self.strip = LinkStrip(self._bands, pair)
        self.aligner = BackgroundAligner(self)
        self.aligner.finished.connect(self._aligned)
        self._build_toolbar()
        self._build_counterpart_controls()
        self._build_side()
        # one grid for both sides: header rows share their heights, so the texts start level
        grid = QGridLayout(pair)
        grid.setContentsMargins(4, 2, 4, 2)
        grid.setHorizontalSpacing(0)
        grid.setVerticalSpacing(2)
        for col, panel in ((0, self.left), (2, self.right)):
            for r, w in enumerate(panel.rows()):
                align = Qt.AlignmentFlag.AlignLeft if w is panel.search_button \
                    else Qt.AlignmentFlag(0)
                grid.addWidget(w, r, col, align)
        text_row = len(self.left.rows()) - 1
        grid.addWidget(self.strip, text_row, 1)
        grid.setRowStretch(text_row, 1)
        grid.addWidget(self.legend, text_row + 1, 0, 1, 3, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        # the lists go below the texts: two columns of text need the width more
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(pair)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(self.toolbar)
        lay.addWidget(self.splitter, 1)

        self._build_actions()
        for side, p in self.panels.items():
            p.menu_factory = self.text_menu
            p.why = self.why
            p.context_actions = self.context_actions
            p.segmentHovered.connect(lambda seg, s=side: self._segment_hovered(s, seg))
            p.segmentClicked.connect(lambda seg, s=side: self.pick(s, seg))
            p.scrolled.connect(lambda s=side: self._scrolled(s))
            p.searchRequested.connect(self.choose_counterpart)
            p.view.customContextMenuRequested.connect(
                lambda pos, s=side: self._text_menu(s, pos))
            p.view.selectionChanged.connect(self._update_actions)
            p.view.cursorPositionChanged.connect(lambda s=side: self._cursor_moved(s))
        self.strip.linkHovered.connect(self._set_hover)
        self.strip.linkClicked.connect(self.select_link)
        self.strip.linkMenuRequested.connect(lambda k, gpos: self.link_menu().exec(gpos))
        self._restore_settings()
        self.retranslate()
        self.clear()

    # ================================================================== construction
    def _build_toolbar(self) -> None:
        self.toolbar = QHBoxLayout()
        self.toolbar.setContentsMargins(4, 2, 4, 2)
        self.toggles: dict[str, QToolButton] = {}
        grid = QGridLayout()  # an even grid of 3 × 2 leaves room for the buttons beside it
        grid.setSpacing(2)
        for kind in ("country", "sector", "person", "org", "figure", "quote"):
            b = QToolButton(self)
            b.setCheckable(True)
            b.setChecked(True)
            b.setIcon(swatch_icon(kind))
            b.setIconSize(QSize(12, 12))
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            b.setAutoRaise(True)
            b.toggled.connect(self._kinds_toggled)
            n = len(self.toggles)
            self.toggles[kind] = b
            grid.addWidget(b, n // 3, n % 3)
        self.toolbar.addLayout(grid)
        style_toggles(self.toggles.values(), self.toggles.keys())  # even, visible on/off
        self.toolbar.addStretch(1)
        self.busy_label = plain_label()
        self.busy_label.setEnabled(False)
        self.busy_label.hide()
        self.toolbar.addWidget(self.busy_label)
        self.sync_button = QToolButton(self)
        self.sync_button.setAutoRaise(True)
        self.side_button = QToolButton(self)
        self.side_button.setAutoRaise(True)
        # beside the toggles, one above the other: the row is as narrow as the grid
        grid.addWidget(self.sync_button, 0, 3)
        grid.addWidget(self.side_button, 1, 3)

    def _build_counterpart_controls(self) -> None:
        self.cp_controls = QWidget(self)
        row = FlowLayout(self.cp_controls)  # wraps in a narrow panel instead of widening it
        self.choose_button = QToolButton(self.cp_controls)
        self.choose_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.choose_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.choose_button.setArrowType(Qt.ArrowType.NoArrow)
        self.choose_button.clicked.connect(self.choose_counterpart)
        self.pin_button = QToolButton(self.cp_controls)
        self.none_button = QToolButton(self.cp_controls)
        for b in (self.choose_button, self.pin_button, self.none_button):
            row.addWidget(b)
        self.picker = CounterpartPicker(self._search, self)
        self.picker.chosen.connect(self.choose)

    def _build_side(self) -> None:
        self.side = QTabWidget(self)
        div = QWidget(self.side)
        dl = QVBoxLayout(div)
        dl.setContentsMargins(2, 2, 2, 2)
        self.div_list = QTreeWidget(div)
        self.div_list.setRootIsDecorated(False)
        self.div_list.setUniformRowHeights(True)
        self.div_list.setColumnCount(6)
        self.div_list.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.div_list.itemActivated.connect(self._div_clicked)
        self.div_list.itemClicked.connect(self._div_clicked)
        bl = QHBoxLayout()
        self.copy_button = QPushButton(div)
        self.save_button = QPushButton(div)
        bl.addWidget(self.copy_button)
        bl.addWidget(self.save_button)
        bl.addStretch(1)
        dl.addWidget(self.div_list, 1)
        dl.addLayout(bl)
        glo = QWidget(self.side)
        gl = QVBoxLayout(glo)
        gl.setContentsMargins(2, 2, 2, 2)
        self.glossary_list = QListWidget(glo)
        self.glossary_list.setUniformItemSizes(True)
        self.glossary_add = QPushButton(glo)
        self.glossary_hint = plain_label()
        self.glossary_hint.setEnabled(False)
        gl.addWidget(self.glossary_list, 1)
        gl.addWidget(self.glossary_hint)
        gl.addWidget(self.glossary_add, 0, Qt.AlignmentFlag.AlignLeft)
        self.why = WhyTagged(self.side, self.label_for)
        self.why.spanClicked.connect(self._why_span)
        self.why.excludeRequested.connect(self.excludeRequested)
        self.why.weakenRequested.connect(self.weakenRequested)
        self.side.addTab(div, "")
        self.side.addTab(glo, "")
        self.side.addTab(self.why, "")
        # the strip's colours, under the texts (beside the tabs, it squeezed them)
        self.legend = Legend(self)

    def _action(self, slot, shortcut=None, checkable: bool = False) -> QAction:
        a = QAction(self)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        a.setCheckable(checkable)
        (a.toggled if checkable else a.triggered).connect(slot)
        self.addAction(a)
        return a

    def _build_actions(self) -> None:
        self.act_sync = self._action(self.set_sync, "Ctrl+Shift+Y", checkable=True)
        self.act_side = self._action(self.set_side_visible, "Ctrl+4", checkable=True)
        self.act_choose = self._action(self.choose_counterpart, "Ctrl+Shift+F")
        self.act_pin = self._action(self.toggle_pin, "Ctrl+Shift+P")
        self.act_none = self._action(self.mark_no_counterpart, "Ctrl+Shift+N")
        self.act_join_next = self._action(lambda: self.join(+1), "Ctrl+J")
        self.act_join_prev = self._action(lambda: self.join(-1), "Ctrl+Shift+J")
        self.act_split = self._action(self.split, "Ctrl+K")
        self.act_relink = self._action(self.relink, "Ctrl+L")
        self.act_unlink = self._action(self.unlink, "Ctrl+U")
        self.act_next = self._action(lambda: self.step_link(+1), "Alt+Down")
        self.act_prev = self._action(lambda: self.step_link(-1), "Alt+Up")
        self.act_next_diff = self._action(lambda: self.step_difference(+1), "F8")
        self.act_prev_diff = self._action(lambda: self.step_difference(-1), "Shift+F8")
        self.act_glossary = self._action(self.add_glossary_pair, "Ctrl+Shift+G")
        self.act_copy = self._action(self.copy_divergences)
        self.act_save = self._action(self.save_divergences_dialog)
        self.sync_button.setDefaultAction(self.act_sync)
        self.side_button.setDefaultAction(self.act_side)
        self.choose_button.setDefaultAction(self.act_choose)
        self.pin_button.setDefaultAction(self.act_pin)
        self.none_button.setDefaultAction(self.act_none)
        self.copy_button.clicked.connect(self.act_copy.trigger)
        self.save_button.clicked.connect(self.act_save.trigger)
        self.glossary_add.clicked.connect(self.act_glossary.trigger)

    def menu_actions(self) -> list[QAction | None]:
        """The actions for the window's Pair menu, in order (None: separator)."""
        return [self.act_choose, self.act_pin, self.act_none, None, self.act_prev,
                self.act_next, self.act_join_prev, self.act_join_next, self.act_split,
                self.act_relink, self.act_unlink, None, self.act_prev_diff,
                self.act_next_diff, self.act_copy, self.act_save, None, self.act_glossary,
                None, self.act_sync, self.act_side]

    def retranslate(self) -> None:
        """Every user-visible text of the view (called again when the language changes)."""
        for kind, b in self.toggles.items():
            label = _(KINDS[kind][0])
            b.setText(label)
            b.setToolTip(_("Show or hide highlights for {kind}").format(kind=label))
            b.setAccessibleName(_("Highlight {kind}").format(kind=label))
        style_toggles(self.toggles.values())  # one width for the new labels
        texts = {
            self.act_sync: (_("S&ynchronised scrolling"),
                            _("Scroll the other text so the linked sentence stays level")),
            self.act_side: (_("Di&fferences and glossary"),
                            _("Show the list of differences and the glossary beside the "
                              "texts")),
            self.act_choose: (_("&Choose counterpart…"),
                              _("Other candidates, or search the library for one")),
            self.act_none: (_("&No counterpart"),
                            _("Remember that this article has no counterpart")),
            self.act_join_next: (_("&Join with next link"), _("Merge this link with the next")),
            self.act_join_prev: (_("Join with p&revious link"),
                                 _("Merge this link with the previous one")),
            self.act_split: (_("&Split link"), _("Break this link into one-to-one links")),
            self.act_relink: (_("&Link picked sentences"),
                              _("Link the sentence picked on the left with the one picked "
                                "on the right")),
            self.act_unlink: (_("&Unlink"), _("Leave these sentences without a counterpart")),
            self.act_next: (_("Ne&xt link"), _("Go to the next linked sentence")),
            self.act_prev: (_("Previous l&ink"), _("Go to the previous linked sentence")),
            self.act_next_diff: (_("Next &difference"), _("Go to the next difference")),
            self.act_prev_diff: (_("Previous diff&erence"), _("Go to the previous difference")),
            self.act_glossary: (_("Add &glossary pair"),
                                _("Add the phrase selected on each side to your glossary")),
            self.act_copy: (_("C&opy differences"), _("Copy the list of differences")),
            self.act_save: (_("Save differences &as CSV…"),
                            _("Save the list of differences as a CSV file")),
        }
        for a, (text, tip) in texts.items():
            a.setText(text)
            a.setToolTip(tip)
            a.setStatusTip(tip)
        self._update_pin_text()
        self.side.setTabText(0, _("Differences"))
        self.side.setTabText(1, _("Glossary"))
        self.side.setTabText(2, _("Why tagged"))
        self.why.retranslate()
        self.div_list.setHeaderLabels(divergence.headers())
        self.div_list.setAccessibleName(_("Differences between the versions"))
        self.glossary_list.setAccessibleName(_("Glossary terms in this pair"))
        self.glossary_hint.setText(_("Select a phrase in each text to add them as a pair."))
        self.copy_button.setText(_("Copy"))
        self.save_button.setText(_("Save as CSV…"))
        self.glossary_add.setText(_("Add pair from selections"))
        self.strip.setAccessibleName(_("Sentence links"))
        if self.selected is not None:
            self._headers()
            self._fill_divergences()
            self.refresh_glossary()

    def _update_pin_text(self) -> None:
        if self.pinned:
            self.act_pin.setText(_("Un&pin pair"))
            tip = _("Let automatic pairing choose the counterpart again")
        else:
            self.act_pin.setText(_("&Pin pair"))
            tip = _("Always show these two articles together")
        self.act_pin.setToolTip(tip)
        self.act_pin.setStatusTip(tip)

    # ================================================================== settings
    def _restore_settings(self) -> None:
        s = self.settings
        kinds = s.highlight_kinds() if s is not None else None
        if kinds is not None:
            for k, b in self.toggles.items():
                b.blockSignals(True)
                b.setChecked(k in kinds)
                b.blockSignals(False)
        sync = s.pair_sync() if s is not None and hasattr(s, "pair_sync") else True
        self.act_sync.blockSignals(True)
        self.act_sync.setChecked(bool(sync))
        self.act_sync.blockSignals(False)
        side = s.pair_side_visible() if s is not None and hasattr(s, "pair_side_visible") \
            else True
        self.act_side.blockSignals(True)
        self.act_side.setChecked(bool(side))
        self.act_side.blockSignals(False)
        self.side.setVisible(bool(side))

    def restore_state(self) -> None:
        """Panel sizes as the user left them (the window calls it unless told not to)."""
        state = self.settings.splitter_state("pair") if self.settings is not None else None
        if state is not None:
            self.splitter.restoreState(state)

    def save_state(self) -> None:
        if self.settings is not None:
            self.settings.set_splitter_state("pair", self.splitter.saveState())

    def enabled_kinds(self) -> list[str]:
        return [k for k, b in self.toggles.items() if b.isChecked()]

    def set_enabled_kinds(self, kinds: list[str]) -> None:
        for k, b in self.toggles.items():
            b.blockSignals(True)
            b.setChecked(k in kinds)
            b.blockSignals(False)
        self._kinds_toggled()

    @property
    def sync(self) -> bool:
        return self.act_sync.isChecked()

    def set_sync(self, on: bool) -> None:
        self.act_sync.blockSignals(True)
        self.act_sync.setChecked(bool(on))
        self.act_sync.blockSignals(False)
        if self.settings is not None and hasattr(self.settings, "set_pair_sync"):
            self.settings.set_pair_sync(bool(on))
        if on:
            self._scrolled("left" if self.counter_side == "right" else "right")

    def set_side_visible(self, on: bool) -> None:
        self.act_side.blockSignals(True)
        self.act_side.setChecked(bool(on))
        self.act_side.blockSignals(False)
        self.side.setVisible(bool(on))
        if self.settings is not None and hasattr(self.settings, "set_pair_side_visible"):
            self.settings.set_pair_side_visible(bool(on))

    def _kinds_toggled(self, *_a) -> None:
        kinds = self.enabled_kinds()
        if self.settings is not None:
            self.settings.set_highlight_kinds(kinds)
        if self.selected is not None:
            marks = self._marks()
            for side in SIDES:
                if self.stored[side] is not None:
                    self.panels[side].set_marks(marks[side], self._format_for)
            self.hover_link = -1
            self._overlays()

    # ================================================================== showing
    @property
    def article_id(self) -> int | None:
        return int(self.selected.id) if self.selected is not None else None

    def panel_of(self, article_id: int) -> PairPanel | None:
        for p in self.panels.values():
            if p.article_id == article_id:
                return p
        return None

    def clear(self) -> None:
        self._token += 1
        self._pending = None
        self.aligner.cancel()
        self.busy_label.hide()
        self.selected = None
        self.stored = {"left": None, "right": None}
        self.alignment = None
        self.mismatch_list, self.div_rows, self.candidates = [], [], []
        self.candidate = None
        self.pinned = self.no_counterpart_marked = False
        self.left.clear(_("Select an article in the list to read it here beside its "
                          "counterpart."))
        self.right.clear()
        self.left.role.setText(_("No article selected"))
        self.right.role.setText("")
        for p in self.panels.values():
            p.reasons.setText("")
            p.reasons.hide()
        self.cp_controls.hide()
        self.div_list.clear()
        self.glossary_list.clear()
        self.why.clear()
        for p in self.panels.values():
            p._analysis = None
        self.strip.update()
        self._update_actions()
        self.articleShown.emit(None)

    def open(self, article_id: int, *, force: bool = False) -> None:
        """Select `article_id`: show it on its side and its counterpart opposite."""
        if self.backend is None or (not force and self.article_id == int(article_id)):
            return
        try:
            stored = self.backend.get(int(article_id))
        except KeyError:
            self.clear()
            return
        self.show_pair(stored)

    def show_pair(self, stored, counterpart=None) -> None:
        """Show `stored` and `counterpart` (None: the best one the library finds)."""
        b = self.backend
        aid = int(stored.id)
        self.candidates = b.candidates(aid, top=8) if b is not None else []
        pin = b.pin_of(aid) if b is not None else None
        partner = None
        if pin is not None:
            partner = pin.b if int(pin.a) == aid else pin.a
        self.no_counterpart_marked = pin is not None and partner is None
        self.pinned = pin is not None
        cand = None
        if counterpart is None and not self.no_counterpart_marked and b is not None:
            if partner is not None:
                cand = next((c for c in self.candidates if int(c.id) == int(partner)), None)
                try:
                    counterpart = b.get(int(partner))
                except KeyError:
                    counterpart = None
            elif self.candidates:
                cand = self.candidates[0]
                try:
                    counterpart = b.get(int(cand.id))
                except KeyError:  # removed since the index was built
                    cand = counterpart = None
        elif counterpart is not None:
            cand = next((c for c in self.candidates if int(c.id) == int(counterpart.id)), None)
            self.pinned = partner is not None and int(partner) == int(counterpart.id)
        self._show_pair(stored, counterpart, cand, pin)

    def reload(self) -> None:
        """Show the same pair again, fresh from the library (tags changed), where it was."""
        if self.selected is None or self.backend is None:
            return
        cp = self.stored[self.counter_side]
        scroll = {s: self.panels[s].scroll_value() for s in SIDES}
        try:
            sel = self.backend.get(int(self.selected.id))
            cp = self.backend.get(int(cp.id)) if cp is not None else None
        except KeyError:
            self.clear()
            return
        if cp is None:
            self.show_pair(sel)
        else:
            self.show_pair(sel, cp)
        self._sync_lock = True
        try:
            for s in SIDES:
                self.panels[s].set_scroll_value(scroll[s])
        finally:
            self._sync_lock = False

    def choose(self, article_id: int) -> None:
        """Show another article as the counterpart (from the dropdown or its search)."""
        if self.selected is None or self.backend is None:
            return
        try:
            cp = self.backend.get(int(article_id))
        except KeyError:
            return
        self.show_pair(self.selected, cp)

    def _show_pair(self, stored, counterpart, cand, pin) -> None:
        self._token += 1
        self.aligner.cancel()
        self.busy_label.hide()
        token = self._token
        self.selected, self.candidate = stored, cand
        sel_side = side_of(stored.article.lang)
        self.counter_side = other(sel_side)
        self.stored = {sel_side: stored, self.counter_side: counterpart}
        self.alignment = None
        self.mismatch_list, self.div_rows = [], []
        self.current_link = self.hover_link = -1
        self.picks = {"left": None, "right": None}
        self._maps = {"left": [], "right": []}
        totals = {}
        self.analyses = {}
        for side in SIDES:
            st = self.stored[side]
            full = st.article.full_text() if st is not None else ""
            totals[side] = len(full)
            # a huge article is shown (and aligned, compared) in its first part only
            self.texts[side] = fastdoc.display_text(fastdoc.head(full))
            an = st.analysis if st is not None else None
            if an is not None and len(self.texts[side]) < len(full):
                an = clip_analysis(an, len(self.texts[side]))
            self.analyses[side] = an
        marks = self._marks()
        for side in SIDES:
            st, p = self.stored[side], self.panels[side]
            if st is not None:
                p.set_article(st, self.texts[side], marks[side], self._format_for,
                              total=totals[side])
                p.set_segments([])
            else:
                msg = _("This article is marked as having no counterpart.") \
                    if self.no_counterpart_marked else \
                    _("No counterpart found in the library.")
                p.clear(msg, offer_search=True)
        for side in SIDES:
            self.panels[side]._analysis = self.stored[side].analysis \
                if self.stored[side] is not None else None
        self.why.fill(self.texts[sel_side], self.analyses[sel_side])
        self._place_controls()
        self._headers()
        self.div_list.clear()
        self.glossary_list.clear()
        self._update_actions()
        self.strip.update()
        self.articleShown.emit(int(stored.id))
        left, right = self.stored["left"], self.stored["right"]
        self.pairShown.emit(left.id if left else None, right.id if right else None)
        if left is None or right is None:
            self.refresh_glossary()
            return
        links = None
        if self.pinned and self.backend is not None:  # stored links are oriented left → right
            left_pin = self.backend.pin_of(int(left.id))
            links = getattr(left_pin, "links", None) if left_pin is not None else None
        # the texts paint first; the links follow at the next turn of the event loop, so a
        # quick run through the list never waits for alignments it skips
        self._pending = (token, links)
        QTimer.singleShot(0, self.flush)

    def flush(self) -> None:
        """Align the pair shown now if that is still to do (tests, export)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            self._align(*pending)

    def _marks(self) -> dict[str, list]:
        kinds = set(self.enabled_kinds())
        out: dict[str, list] = {"left": [], "right": []}
        b = self.backend
        if b is None or not kinds:
            return out
        ls, rs = self.stored["left"], self.stored["right"]
        try:
            if ls is not None and rs is not None:
                out["left"], out["right"] = b.pair_marks(
                    self.texts["left"], self.analyses["left"], self.texts["right"],
                    self.analyses["right"], kinds)
            else:
                for side in SIDES:
                    st = self.stored[side]
                    if st is not None:
                        out[side] = b.marks(self.texts[side], self.analyses[side], kinds)
        except Exception:  # highlights are an aid: a failure must not stop reading
            log.exception("marks failed")
        self._shared = {getattr(m, "key", None) for m in out["left"]} & \
            {getattr(m, "key", None) for m in out["right"]}
        self._shared.discard(None)
        return out

    def _format_for(self, mark) -> QTextCharFormat | None:
        kind = mark.kind
        if kind not in KINDS:
            return None
        group = getattr(mark, "group", None)
        matched = kind in MATCHED_KINDS and isinstance(group, int) and group >= 0 \
            and getattr(mark, "key", None) in self._shared
        key = (kind, group if matched else None)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            if matched:
                r, g, b = PALETTE[(KIND_OFFSET[kind] + group) % len(PALETTE)]
                fmt.setBackground(QColor(r, g, b, 85))
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor(r, g, b))
            else:
                fmt.setBackground(colour(kind))
            if kind == "quote":
                fmt.setFontItalic(True)
            elif kind == "figure":
                fmt.setFontWeight(QFont.Weight.DemiBold)
            self._formats[key] = fmt
        return fmt

    def _place_controls(self) -> None:
        panel = self.panels[self.counter_side]
        panel.controls.addWidget(self.cp_controls)
        self.cp_controls.show()

    def _lang_name(self, side: str) -> str:
        st = self.stored[side]
        lang = st.article.lang if st is not None else ("kk" if side == "left" else "ru")
        return {"kk": _("Kazakh"), "ru": _("Russian")}.get(lang, _("Other language"))

    def _headers(self) -> None:
        sel = side_of(self.selected.article.lang)
        cp = self.counter_side
        self.panels[sel].role.setText(_("{language} · selected article").format(
            language=self._lang_name(sel)))
        self.panels[sel].reasons.hide()
        p = self.panels[cp]
        st = self.stored[cp]
        c = self.candidate
        if st is None:
            role = _("{language} · no counterpart").format(language=self._lang_name(cp))
            reasons = ""
        elif c is not None:
            role = _("{language} · {relation}, score {score}").format(
                language=self._lang_name(cp), relation=relation_words(c.relation),
                score=f"{float(c.score):.2f}")
            reasons = "; ".join(str(r) for r in getattr(c, "reasons", []) or [])
        else:
            role = _("{language} · chosen by you").format(language=self._lang_name(cp))
            reasons = ""
        if self.pinned and st is not None:
            role += " · " + _("pinned")
        if st is not None and st.article.lang == self.selected.article.lang:
            reasons = _("Both articles are in the same language.") + (" " + reasons
                                                                       if reasons else "")
        p.role.setText(role)
        p.reasons.setText(reasons)
        if reasons:  # the line is cut to the panel's width: the tooltip has one reason a line
            p.reasons.setToolTip(plain_tooltip(reasons.replace("; ", "\n")))
        p.reasons.setVisible(bool(reasons))
        self._update_pin_text()

    # ================================================================== alignment
    def _align(self, token: int, links=None) -> None:
        if token != self._token or self.backend is None:
            return
        ls, rs = self.stored["left"], self.stored["right"]
        args = (self.texts["left"], self.texts["right"], ls.article.lang or "kk",
                rs.article.lang or "ru")
        if len(args[0]) + len(args[1]) > BACKGROUND_AT:
            self.aligner.start(token, *args, self.backend.glossary(), links)
            self.busy_label.setText(_("Linking the sentences…"))
            self.busy_label.show()
            return
        try:
            al = self.backend.align_texts(*args, links)
        except ValueError as exc:  # AlignmentError: a sentence for the user
            self.panels[self.counter_side].set_notice(str(exc))
            al = None
        self._note(al)
        self.set_alignment(al)

    def _aligned(self, token: int, al, message: str) -> None:
        """A background alignment finished."""
        if token != self._token:
            return
        self.busy_label.hide()
        if message:
            self.panels[self.counter_side].set_notice(message)
        else:
            self._note(al)
        self.set_alignment(al)

    def _note(self, al) -> None:
        """Links between texts that share no names or figures rest on lengths alone (or
        one side has no sentences): say so above the counterpart."""
        panel = self.panels[self.counter_side]
        if al is None or panel.notice.text():
            return  # a notice already there (an article shown in part) stays
        from desktop.analysis.align_command import notes

        panel.set_notice(" ".join(notes(al, self.analyses["left"], self.analyses["right"])))

    def set_alignment(self, al) -> None:
        """Show links `al` between the panels (None: no alignment)."""
        self.alignment = al
        maps = {"left": [], "right": []}
        if al is not None:
            self.left.set_segments(al.left)
            self.right.set_segments(al.right)
            maps = {"left": [-1] * len(al.left), "right": [-1] * len(al.right)}
            for k, lk in enumerate(al.links):
                for i in lk.left:
                    maps["left"][i] = k
                for j in lk.right:
                    maps["right"][j] = k
        self._maps = maps
        self.mismatch_list = []
        if al is not None and self.backend is not None:
            try:
                self.mismatch_list = self.backend.mismatches(
                    self.texts["left"], self.texts["right"], self.analyses["left"],
                    self.analyses["right"], al)
            except Exception:  # the list is an aid: a failure must not stop reading
                log.exception("mismatches failed")
        if self.current_link >= len(al.links if al is not None else []):
            self.current_link = -1
        self.hover_link = -1
        self._fill_divergences()
        self._overlays()
        self.refresh_glossary()
        self._update_actions()
        self.strip.update()

    def link_of(self, side: str, seg: int) -> int:
        m = self._maps[side]
        return m[seg] if 0 <= seg < len(m) else -1

    def _overlays(self) -> None:
        al = self.alignment
        gaps: dict[str, list[int]] = {"left": [], "right": []}
        if al is not None:
            for lk in al.links:
                if lk.left and not lk.right:
                    gaps["left"] += lk.left
                elif lk.right and not lk.left:
                    gaps["right"] += lk.right
        gap_fmt = tint(QColor(128, 128, 128), 45)
        flag_fmt = wavy(FLAG)
        for side in SIDES:
            p = self.panels[side]
            p.set_layer("gaps", p.segment_selection(gaps[side][:3000], gap_fmt))
            flags = []
            if al is not None:
                for m in self.mismatch_list:
                    k = getattr(m, "link", None)
                    phrase = m.left if side == "left" else m.right
                    if k is None or not phrase or not 0 <= k < len(al.links):
                        continue
                    segs = al.links[k].left if side == "left" else al.links[k].right
                    flags += p.phrase_selections(segs, phrase, flag_fmt)
            p.set_layer("flags", flags)
        self._picked_layer()

    def _picked_layer(self) -> None:
        al = self.alignment
        for side in SIDES:
            p = self.panels[side]
            sel = []
            if al is not None and 0 <= self.current_link < len(al.links):
                lk = al.links[self.current_link]
                sel += p.segment_selection(lk.left if side == "left" else lk.right,
                                           tint(PICK, 45))
            pick = self.picks[side]
            if pick is not None:
                sel += p.segment_selection([pick], tint(PICK, 90))
            p.set_layer("picked", sel)

    # -- geometry for the strip -------------------------------------------------------
    def _bands(self) -> list[Band]:
        al = self.alignment
        if al is None or not al.links or self.stored["left"] is None \
                or self.stored["right"] is None:
            return []
        ks = []
        for side in SIDES:
            a, b = self.panels[side].visible_segments()
            for seg in (a, b):
                k = self.link_of(side, seg)
                if k >= 0:
                    ks.append(k)
        if not ks:
            return []
        lo, hi = max(0, min(ks) - 1), min(len(al.links) - 1, max(ks) + 1)
        hi = min(hi, lo + 400)
        offs = {s: self.panels[s].viewport_top_in(self.strip) - self.panels[s].scroll_value()
                for s in SIDES}
        flagged = {getattr(m, "link", None) for m in self.mismatch_list}
        height = self.strip.height()
        out = []
        for k in range(lo, hi + 1):
            lk = al.links[k]
            ext = {s: self.extent(s, k) for s in SIDES}
            if ext["left"] is None or ext["right"] is None:
                continue
            lt, lb = (y + offs["left"] for y in ext["left"])
            rt, rb = (y + offs["right"] for y in ext["right"])
            if max(lb, rb) < 0 or min(lt, rt) > height:
                continue
            cuts = {}
            for s, segs in (("left", lk.left), ("right", lk.right)):
                p = self.panels[s]
                cuts[s] = tuple(e[0] + offs[s] for e in (p.doc_extent([i]) for i in segs[1:])
                                if e is not None)
            out.append(Band(k, lt, lb, rt, rb, lk.type, float(lk.score), bool(lk.confirmed),
                            cuts["left"], cuts["right"], k in flagged))
        return out

    def extent(self, side: str, k: int) -> tuple[float, float] | None:
        """Top/bottom in document pixels of link k on `side`; a gap is a line where the
        missing sentence would be (after the previous linked sentence)."""
        al = self.alignment
        p = self.panels[side]
        segs = al.links[k].left if side == "left" else al.links[k].right
        if segs:
            return p.doc_extent(segs)
        for j in range(k - 1, max(-1, k - 60), -1):
            segs = al.links[j].left if side == "left" else al.links[j].right
            if segs:
                e = p.doc_extent(segs)
                return None if e is None else (e[1], e[1])
        for j in range(k + 1, min(len(al.links), k + 60)):
            segs = al.links[j].left if side == "left" else al.links[j].right
            if segs:
                e = p.doc_extent(segs)
                return None if e is None else (e[0], e[0])
        return (0.0, 0.0)

    # ================================================================== scrolling
    def _scrolled(self, side: str) -> None:
        """Meld's method: the segment under the middle of this view decides where the
        other view stands, so that its partner sits at the same height."""
        self.strip.update()
        if not self.sync or self._sync_lock or self.alignment is None:
            return
        src, dst = self.panels[side], self.panels[other(side)]
        if dst.prep is None or src.prep is None:
            return
        bar = src.view.verticalScrollBar()
        if bar.value() <= bar.minimum():
            target = 0.0
        elif bar.value() >= bar.maximum():
            target = float(dst.view.verticalScrollBar().maximum())
        else:
            mid = src.viewport_height() / 2
            seg = src.segment_at_y(int(mid))
            k = self.link_of(side, seg)
            if k < 0:
                return
            se, de = self.extent(side, k), self.extent(other(side), k)
            if se is None or de is None:
                return
            doc_mid = src.scroll_value() + mid
            frac = min(1.0, max(0.0, (doc_mid - se[0]) / max(1.0, se[1] - se[0])))
            target = de[0] + frac * (de[1] - de[0]) - dst.viewport_height() / 2
        self._sync_lock = True
        try:
            dst.set_scroll_value(target)
        finally:
            self._sync_lock = False

    def reveal_link(self, k: int) -> None:
        """Scroll both panels so link k stands a third of the way down."""
        al = self.alignment
        if al is None or not 0 <= k < len(al.links):
            return
        self._sync_lock = True
        try:
            for side in SIDES:
                e = self.extent(side, k)
                p = self.panels[side]
                if e is not None:
                    p.set_scroll_value(e[0] - p.viewport_height() / 3)
        finally:
            self._sync_lock = False
        self.strip.update()

    # ================================================================== hover & picks
    def _segment_hovered(self, side: str, seg: int) -> None:
        self._set_hover(self.link_of(side, seg) if seg >= 0 else -1)

    def _set_hover(self, k: int) -> None:
        if k == self.hover_link:
            return
        self.hover_link = k
        al = self.alignment
        for side in SIDES:
            p = self.panels[side]
            sel = []
            if al is not None and 0 <= k < len(al.links):
                lk = al.links[k]
                sel = p.segment_selection(lk.left if side == "left" else lk.right,
                                          tint(HOVER, 110))
            p.set_layer("hover", sel)
        self.strip.hovered = k
        self.strip.update()
        if al is not None and 0 <= k < len(al.links):
            lk = al.links[k]
            self.statusMessage.emit(_("Link {n}: {type}, {confidence}").format(
                n=k + 1, type=self._type_words(lk.type),
                confidence=confidence_words(float(lk.score), bool(lk.confirmed))))

    @staticmethod
    def _type_words(t: str) -> str:
        return {"1:1": _("one sentence each"), "1:2": _("one Kazakh to two Russian"),
                "2:1": _("two Kazakh to one Russian"), "2:2": _("two sentences each"),
                "1:0": _("only in Kazakh"), "0:1": _("only in Russian")}.get(t, t)

    def pick(self, side: str, seg: int) -> None:
        """Pick a sentence (a click): its link becomes current; picks on both sides can
        be linked together."""
        self.picks[side] = seg
        self.current_link = self.link_of(side, seg)
        self.strip.selected = self.current_link
        self._picked_layer()
        self._update_actions()
        self.strip.update()

    def _cursor_moved(self, side: str) -> None:
        """The keyboard moved the text cursor: the sentence there is picked, as a click
        would pick it."""
        p = self.panels[side]
        if not p.view.hasFocus() or p.prep is None or not p.segment_count():
            return
        seg = p.segment_at_offset(p._offset(p.view.textCursor().position()))
        if seg >= 0 and seg != self.picks[side]:
            self.pick(side, seg)

    def select_link(self, k: int) -> None:
        self.current_link = k
        self.picks = {"left": None, "right": None}
        self.strip.selected = k
        self._picked_layer()
        self._update_actions()
        self.strip.update()

    def step_link(self, step: int) -> None:
        al = self.alignment
        if al is None or not al.links:
            return
        k = self.current_link + step if self.current_link >= 0 else (0 if step > 0 else
                                                                       len(al.links) - 1)
        k = max(0, min(len(al.links) - 1, k))
        self.select_link(k)
        self.reveal_link(k)

    # ================================================================== link edits
    def pair_ids(self) -> tuple[int, int] | None:
        ls, rs = self.stored["left"], self.stored["right"]
        return (int(ls.id), int(rs.id)) if ls is not None and rs is not None else None

    def _edit(self, op: str, *args, text: str) -> None:
        ids = self.pair_ids()
        if self.alignment is None or ids is None or self.backend is None:
            return
        try:
            after = self.backend.edit(op, self.alignment, *args)
        except ValueError as exc:
            self.statusMessage.emit(str(exc))
            return
        self.undo_stack.push(LinkEdit(self, ids[0], ids[1], self.alignment, after, text))
        self.editPushed.emit()

    def apply_links(self, left_id: int, right_id: int, al) -> None:
        """Store `al`'s links with the pin of this pair and show them if it is on screen."""
        if self.backend is not None:  # saving the links pins the pair
            self.backend.save_links(left_id, right_id, list(al.links))
        if self.pair_ids() == (left_id, right_id):
            if not self.pinned:
                self.pinned = True
                self._headers()
            self.set_alignment(al)

    def join(self, direction: int = +1) -> None:
        k = self.current_link
        al = self.alignment
        if al is None or k < 0 or not 0 <= k + direction < len(al.links):
            return
        a, b = sorted((k, k + direction))
        self._edit("join", a, b, text=_("join links"))
        self.select_link(a if self.alignment is not None and a < len(self.alignment.links)
                         else -1)

    def split(self) -> None:
        if self.current_link >= 0:
            self._edit("split", self.current_link, text=_("split link"))

    def unlink(self) -> None:
        if self.current_link >= 0:
            self._edit("unlink", self.current_link, text=_("unlink"))
            self.select_link(-1)

    def relink(self) -> None:
        lp, rp = self.picks["left"], self.picks["right"]
        if lp is None or rp is None:
            self.statusMessage.emit(_("Click a sentence on each side first, then link them."))
            return
        self._edit("relink", lp, rp, text=_("link sentences"))
        self.picks = {"left": None, "right": None}
        self.select_link(self.link_of("left", lp))

    def _update_actions(self, *_a) -> None:
        al = self.alignment
        k = self.current_link
        has = al is not None and 0 <= k < len(al.links)
        lk = al.links[k] if has else None
        self.act_join_next.setEnabled(has and k + 1 < len(al.links))
        self.act_join_prev.setEnabled(has and k > 0)
        self.act_split.setEnabled(has and len(lk.left) + len(lk.right) > 2)
        self.act_unlink.setEnabled(has and bool(lk.left) and bool(lk.right))
        self.act_relink.setEnabled(al is not None and self.picks["left"] is not None
                                   and self.picks["right"] is not None)
        self.act_next.setEnabled(al is not None)
        self.act_prev.setEnabled(al is not None)
        both = self.pair_ids() is not None
        self.act_pin.setEnabled(self.selected is not None and (both or self.pinned))
        self.act_none.setEnabled(self.selected is not None)
        self.act_choose.setEnabled(self.selected is not None)
        # (the glossary itself loads on first use, not here: this runs on every selection)
        can_add = both and bool(self.left.selected_phrase()) \
            and bool(self.right.selected_phrase())
        self.act_glossary.setEnabled(can_add)
        self.act_copy.setEnabled(bool(self.div_rows))
        self.act_save.setEnabled(bool(self.div_rows))
        self.act_next_diff.setEnabled(bool(self.div_rows))
        self.act_prev_diff.setEnabled(bool(self.div_rows))

    def link_menu(self) -> QMenu:
        """The menu for the current link (strip and text context menus)."""
        m = QMenu(self)
        m.addActions([self.act_join_prev, self.act_join_next, self.act_split, self.act_relink,
                      self.act_unlink])
        return m

    def text_menu(self, side: str, pos: QPoint) -> QMenu:
        """The context menu of one text at a viewport point: copy, link corrections, the
        glossary, the tagging rules and what other features add."""
        p = self.panels[side]
        seg = p.segment_at_point(pos)
        if seg >= 0 and not p.view.textCursor().hasSelection():
            self.pick(side, seg)
        menu = p.view.createStandardContextMenu(pos)
        menu.addSeparator()
        menu.addActions([self.act_join_prev, self.act_join_next, self.act_split,
                         self.act_relink, self.act_unlink])
        menu.addSeparator()
        menu.addAction(self.act_glossary)
        phrase = p.selected_phrase()
        if phrase and len(phrase) <= 120 and any(c.isalpha() for c in phrase):
            short = phrase if len(phrase) <= 40 else phrase[:39] + "…"
            short = short.replace("&", "&&")  # a menu reads "&" as a shortcut mark
            a = menu.addAction(_("Add “{phrase}” to the tagging rules…").format(phrase=short))
            lang = p.lang
            a.triggered.connect(lambda: self.addRuleRequested.emit(phrase, lang))
        if self.context_actions and p.article_id is not None \
                and self.selected is not None and p.article_id == int(self.selected.id):
            menu.addSeparator()
            menu.addActions(self.context_actions)
        return menu

    def _text_menu(self, side: str, pos: QPoint) -> None:
        menu = self.text_menu(side, pos)
        menu.exec(self.panels[side].view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _why_span(self, start: int, end: int) -> None:
        if self.selected is not None:
            p = self.panel_of(int(self.selected.id))
            if p is not None:
                p.select_span(start, end)

    def set_why_visible(self, on: bool) -> None:
        """Show or hide the why-tagged list (a tab beside the texts)."""
        self.side.setTabVisible(2, bool(on))
        if on and not self.side.isVisible():
            self.set_side_visible(True)

    # ================================================================== pairing
    def _search(self, text: str) -> list:
        if self.backend is None:
            return []
        lang = "ru" if self.counter_side == "right" else "kk"
        if self.selected is not None and self.selected.article.lang not in ("kk", "ru"):
            lang = None
        sel = self.article_id
        return [f for f in self.backend.search(sel, text, lang) if f.id != sel]

    def _title(self, aid: int) -> str:
        if aid not in self._titles:
            try:
                self._titles[aid] = self.backend.get(aid).article.title or ""
            except KeyError:
                self._titles[aid] = ""
        return self._titles[aid]

    def choose_counterpart(self) -> None:
        """Open the dropdown: next candidates, and a search field."""
        if self.selected is None:
            return
        items = [(int(c.id), candidate_line(c, self._title(int(c.id))),
                  "; ".join(getattr(c, "reasons", []) or [])) for c in self.candidates]
        self.picker.set_candidates(items)
        anchor = self.choose_button if self.choose_button.isVisible() else self
        self.picker.popup_at(anchor.mapToGlobal(QPoint(0, anchor.height())))

    def toggle_pin(self) -> None:
        b = self.backend
        if b is None or self.selected is None:
            return
        aid = int(self.selected.id)
        if self.pinned:
            b.unpin(aid)
            self.statusMessage.emit(_("Pair unpinned."))
            self.open(aid, force=True)
            return
        cp = self.stored[self.counter_side]
        if cp is None:
            return
        b.pin(aid, int(cp.id))
        self.statusMessage.emit(_("Pair pinned."))
        self.show_pair(self.selected, cp)

    def mark_no_counterpart(self) -> None:
        b = self.backend
        if b is None or self.selected is None:
            return
        b.set_no_counterpart(int(self.selected.id))
        self.statusMessage.emit(_("Marked as having no counterpart."))
        self.open(int(self.selected.id), force=True)

    # ================================================================== differences
    def _fill_divergences(self) -> None:
        self.div_rows = divergence.rows(self.alignment, self.mismatch_list)
        self.div_list.clear()
        for r in self.div_rows:
            it = QTreeWidgetItem(divergence.display_row(r))
            for col in (2, 3):
                it.setToolTip(col, plain_tooltip(it.text(col)))
            self.div_list.addTopLevelItem(it)
        for col in (0, 1, 4):
            self.div_list.resizeColumnToContents(col)
        # the two versions' words get the width the short columns leave (a note is short)
        rest = self.div_list.viewport().width() - sum(
            self.div_list.columnWidth(c) for c in (0, 1, 4)) - 6 * self.fontMetrics().height()
        for col in (2, 3):
            self.div_list.setColumnWidth(col, max(100, rest // 2))
        self.side.setTabText(0, _("Differences ({n})").format(n=len(self.div_rows))
                             if self.div_rows else _("Differences"))

    def _div_clicked(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        i = self.div_list.indexOfTopLevelItem(item)
        if 0 <= i < len(self.div_rows) and self.div_rows[i]["link"] is not None:
            k = int(self.div_rows[i]["link"])
            self.select_link(k)
            self.reveal_link(k)

    def step_difference(self, step: int) -> None:
        n = self.div_list.topLevelItemCount()
        if not n:
            return
        cur = self.div_list.indexOfTopLevelItem(self.div_list.currentItem()) \
            if self.div_list.currentItem() is not None else -1
        i = (cur + step) % n if cur >= 0 else (0 if step > 0 else n - 1)
        item = self.div_list.topLevelItem(i)
        self.div_list.setCurrentItem(item)
        self._div_clicked(item)

    def divergence_text(self) -> str:
        return divergence.to_tsv(self.div_rows)

    def copy_divergences(self) -> None:
        QGuiApplication.clipboard().setText(self.divergence_text())
        self.statusMessage.emit(_("Differences copied."))

    def save_divergences(self, path: str) -> None:
        divergence.write_csv(self.div_rows, path)

    def save_divergences_dialog(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, _("Save differences"), "differences.csv",
                                               _("CSV files (*.csv)"))
        if not path:
            return
        try:
            self.save_divergences(path)
        except OSError as exc:
            self.statusMessage.emit(_("Could not save {path}: {error}").format(
                path=path, error=exc.strerror or str(exc)))
            return
        self.statusMessage.emit(_("Differences saved to {path}").format(path=path))

    # ================================================================== glossary
    def refresh_glossary(self) -> None:
        self.glossary_list.clear()
        if self.backend is None or self.pair_ids() is None:
            self._update_actions()
            return
        try:
            pairs = self.backend.glossary_matches(
                self.texts["left"], self.texts["right"],
                self.stored["left"].article.lang or "kk")
        except Exception:  # the glossary is an aid: a broken one must not stop reading
            log.exception("glossary matches failed")
            pairs = []
        for kk, ru in pairs:
            it = QListWidgetItem(f"{kk} — {ru}")
            it.setToolTip(plain_tooltip(f"{kk} — {ru}"))
            self.glossary_list.addItem(it)
        self.side.setTabText(1, _("Glossary ({n})").format(n=len(pairs)) if pairs
                             else _("Glossary"))
        self._update_actions()

    def add_glossary_pair(self) -> None:
        """Add the phrase selected on the Kazakh side and the one on the Russian side."""
        g = self.backend.glossary() if self.backend is not None else None
        phrases = {s: self.panels[s].selected_phrase() for s in SIDES}
        if self.stored["left"] is not None and self.stored["left"].article.lang == "ru":
            phrases = {"left": phrases["right"], "right": phrases["left"]}
        kk, ru = phrases["left"], phrases["right"]
        if g is None or not kk or not ru:
            self.statusMessage.emit(_("Select a phrase in each text first."))
            return
        try:
            inverse = self.backend.add_glossary_pair(kk, ru)
        except ValueError as exc:  # GlossaryError: already there, empty…
            self.statusMessage.emit(str(exc))
            return
        self.undo_stack.push(AddGlossaryPair(
            self, inverse, _("add glossary pair {kk} — {ru}").format(kk=kk, ru=ru)))
        self.editPushed.emit()
        self.statusMessage.emit(_("Added to your glossary: {kk} — {ru}").format(kk=kk, ru=ru))
