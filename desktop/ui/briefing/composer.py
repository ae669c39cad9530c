"""The composer: the briefing's details, texts and proposed items, edited in place.

Every change is one edit on the document's undo stack (typing in one field merges into one
step per burst). After any change the tabs are filled again from the briefing, which is
the only truth; fields whose text did not change are left alone so the cursor stays put.
Article text is untrusted: every label here is plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _
from desktop.ui.briefing import ops
from desktop.ui.briefing.document import BriefingDocument
from desktop.ui.briefing.lists import (
    FiguresTab,
    ParticipantsTab,
    QuotesTab,
    SectionsTab,
    SourcesTab,
    show_text,
    text_label,
)
from desktop.ui.briefing.widgets import ReorderTree, StackUndoFilter
from desktop.ui.widgets.date_field import DateField

# Each language is named in itself: the briefing's language, not the interface's.
BRIEF_LANGUAGES = (("en", "English"), ("kk", "Қазақша"), ("ru", "Русский"))
# Levels the house styles word per export language (resources/templates/*.toml); any other
# text typed here is printed as it is.
CLASSIFICATIONS = (("public", N_("Public")), ("internal", N_("For internal use")),
                   ("restricted", N_("Restricted")), ("confidential", N_("Confidential")))
_NO_DATE = QDate()  # null: no date set

PART_NAMES = {
    "objectives": N_("Objectives"), "key_messages": N_("Key messages / talking points"),
    "background": N_("Background"), "programme": N_("Programme"),
    "figures": N_("Key figures"), "sections": N_("Sector sections"), "quotes": N_("Quotes"),
    "participants": N_("Principal participants"), "sources": N_("Sources"),
    "annex": N_("Annex: full texts"),
}

TEXT_FIELDS = (
    ("objectives", N_("Objectives")),
    ("key_messages", N_("Key messages / talking points")),
    ("background", N_("Background")),
    ("programme", N_("Programme")),
)


class Composer(QWidget):
    """Tabs: details, texts, figures, quotes, sections, participants, sources."""

    def __init__(self, doc: BriefingDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.updating = False
        self._undo_filter = StackUndoFilter(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.addTab(self._details_tab(), _("&Details"))
        self.tabs.addTab(self._texts_tab(), _("&Texts"))
        self.figures = FiguresTab(self)
        self.quotes = QuotesTab(self)
        self.sections = SectionsTab(self)
        self.participants = ParticipantsTab(self)
        self.sources = SourcesTab(self)
        self.lists = [self.figures, self.quotes, self.sections, self.participants, self.sources]
        for tab in self.lists:
            self.tabs.addTab(tab, "")
        self.heading = text_label("")
        f = self.heading.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.heading.setFont(f)
        self.setMinimumWidth(320)  # the forms and tables stay readable beside the reader
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.subheading = text_label("")
        self.subheading.setEnabled(False)  # dimmed in every palette
        lay.addWidget(self.heading)
        lay.addWidget(self.subheading)
        lay.addWidget(self.tabs, 1)
        doc.changed.connect(self.refresh)
        self.refresh()

    # plumbing -----------------------------------------------------------------------
    def guard(self, w: QWidget) -> None:
        """Route the field's Ctrl+Z to the briefing's stack; a new burst after focus-out."""
        w.installEventFilter(self._undo_filter)
        if isinstance(w, QPlainTextEdit):
            w.setUndoRedoEnabled(False)
        w.installEventFilter(self)

    def eventFilter(self, obj: QObject, e) -> bool:  # noqa: N802 - Qt API
        from PySide6.QtCore import QEvent

        if e.type() == QEvent.Type.FocusOut:
            self.doc.break_merge()
        return False

    def quiet(self):
        composer = self

        class _Quiet:
            def __enter__(self):
                self.was = composer.updating
                composer.updating = True

            def __exit__(self, *exc):
                composer.updating = self.was

        return _Quiet()

    def edit(self, edit, text: str, merge_key: str | None = None) -> None:
        if not self.updating:
            self.doc.edit(edit, text, merge_key)

    # tabs ---------------------------------------------------------------------------
    def _details_tab(self) -> QWidget:
        w = QWidget()
        form = QFormLayout(w)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow dock
        self.fields: dict[str, QWidget] = {}

        def line(name: str, label: str, placeholder: str = "") -> QLineEdit:
            e = QLineEdit()
            e.setPlaceholderText(placeholder)
            e.setAccessibleName(label)
            e.textEdited.connect(lambda t, n=name, lab=label: self._field(n, t, lab))
            self.guard(e)
            form.addRow(label + ":", e)
            self.fields[name] = e
            return e

        line("title", _("Title"), _("e.g. State visit to Uzbekistan, 14–16 November 2025"))
        for name, label in (("event_start", _("Event starts")), ("event_end", _("Event ends"))):
            # typed as 2025-11-14 or 14.11.2025 (QDateEdit gave "not set20251114")
            d = DateField(empty_text=_("not set"))
            d.setAccessibleName(label)
            d.dateChanged.connect(lambda v, n=name: self._date(n, v))
            self.fields[name] = d
            form.addRow(label + ":", d)
        line("place", _("Place"), _("e.g. Tashkent and Samarkand"))
        partners = line("partners", _("Partner countries"), _("ISO codes, e.g. UZ, TR"))
        partners.textEdited.disconnect()
        partners.textEdited.connect(self._partners)
        line("audience", _("Audience"), _("e.g. the Minister's delegation"))
        line("author", _("Author"))
        line("unit", _("Unit"), _("e.g. Department of Asian Cooperation"))
        cls = QComboBox()
        cls.setEditable(True)
        cls.addItem("", "")
        for key, label in CLASSIFICATIONS:
            cls.addItem(_(label), key)
        cls.setAccessibleName(_("Classification"))
        cls.setToolTip(_("Choose a level the house style words in the export language, or "
                         "type your own marking"))
        cls.currentTextChanged.connect(self._classification)
        self.guard(cls.lineEdit())
        form.addRow(_("Classification:"), cls)
        self.fields["classification"] = cls
        lang = QComboBox()
        for code, name in BRIEF_LANGUAGES:
            lang.addItem(name, code)
        lang.setAccessibleName(_("Language of the briefing"))
        lang.setToolTip(_("Headings, dates and numbers of the exported briefing"))
        lang.currentIndexChanged.connect(
            lambda _i: self._field("lang", lang.currentData(), _("Language")))
        form.addRow(_("Language:"), lang)
        self.fields["lang"] = lang
        annex = QCheckBox(_("Print the full texts of the articles as an annex"))
        annex.toggled.connect(lambda on: self._field("include_annex", on, _("Annex")))
        form.addRow("", annex)
        self.fields["include_annex"] = annex

        self.parts = ReorderTree(w)
        self.parts.setHeaderHidden(True)
        self.parts.setRootIsDecorated(False)
        self.parts.setAccessibleName(_("Order of the parts"))
        self.parts.setToolTip(_("Drag a part, or press Alt+Up / Alt+Down, to change where it "
                                "is printed"))
        self.parts.moveRequested.connect(self._move_part, Qt.ConnectionType.QueuedConnection)
        rows = self.parts.fontMetrics().height() + 4
        self.parts.setMinimumHeight(rows * 6)
        self.parts.setMaximumHeight(rows * 11)
        form.addRow(_("Order of the parts:"), self.parts)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(w)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # the fields narrow with the dock rather than scroll sideways
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return scroll

    def _texts_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        hint = text_label(_("Plain text. Start a line with “- ” for a list item."))
        hint.setEnabled(False)
        lay.addWidget(hint)
        self.texts: dict[str, QPlainTextEdit] = {}
        for name, label in TEXT_FIELDS:
            lay.addWidget(text_label(_(label)))
            e = QPlainTextEdit()
            e.setTabChangesFocus(True)
            e.setAccessibleName(_(label))
            e.setMinimumHeight(90)
            e.textChanged.connect(lambda n=name, ed=e, lab=label: self._field(
                n, ed.toPlainText(), _(lab)))
            self.guard(e)
            lay.addWidget(e, 1)
            self.texts[name] = e
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(w)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # the fields narrow with the dock rather than scroll sideways
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return scroll

    # field edits ----------------------------------------------------------------------
    def _field(self, name: str, value, label: str) -> None:
        if self.updating or getattr(self.doc.briefing, name) == value:
            return
        self.edit(ops.set_field(name, value), _("Edit “{field}”").format(field=label),
                  merge_key=name)

    def _classification(self, text: str) -> None:
        cls = self.fields["classification"]
        i = cls.findText(text, Qt.MatchFlag.MatchFixedString)
        value = cls.itemData(i) if i > 0 else text
        self._field("classification", value, _("Classification"))

    def _move_part(self, frm: tuple, to: tuple) -> None:
        if len(frm) == 1 and len(to) == 1:
            self.edit(ops.move_part(frm[0], to[0]), _("Move part"))
            self.parts.select_path(to)

    def _date(self, name: str, d: QDate) -> None:
        value = d.toString("yyyy-MM-dd") if d.isValid() else None
        self._field(name, value, _("Event dates"))

    def _partners(self, text: str) -> None:
        codes = [c.strip().upper() for c in text.replace(";", ",").split(",") if c.strip()]
        if self.updating or codes == list(self.doc.briefing.partners):
            return
        self.edit(ops.set_field("partners", codes),
                  _("Edit “{field}”").format(field=_("Partner countries")), merge_key="partners")

    # show -------------------------------------------------------------------------
    def refresh_heading(self) -> None:
        d = self.doc
        self.heading.setText(d.display_name())
        where = str(d.path) if d.path else _("Not saved to a file yet")
        if d.path and d.modified:
            where = _("{path} (changes not saved; autosaved)").format(path=d.path)
        elif d.modified:
            where = _("Not saved to a file yet (autosaved)")
        self.subheading.setText(where)

    def refresh(self) -> None:
        b = self.doc.briefing
        with self.quiet():
            self.refresh_heading()
            for name in ("title", "place", "audience", "author", "unit"):
                show_text(self.fields[name], getattr(b, name))
            partners = self.fields["partners"]
            shown = [c.strip().upper() for c in partners.text().split(",") if c.strip()]
            if shown != list(b.partners):
                partners.setText(", ".join(b.partners))
            cls = self.fields["classification"]
            i = cls.findData(b.classification or "")
            shown = cls.itemText(i) if i >= 0 else (b.classification or "")
            if cls.currentText() != shown:
                if i >= 0:
                    cls.setCurrentIndex(i)
                cls.setEditText(shown)
            lang = self.fields["lang"]
            lang.setCurrentIndex(max(0, lang.findData(b.lang)))
            for name in ("event_start", "event_end"):
                v = getattr(b, name)
                d = QDate.fromString(v, "yyyy-MM-dd") if v else _NO_DATE
                self.fields[name].setDate(d if d.isValid() else _NO_DATE)
            for name, e in self.texts.items():
                show_text(e, getattr(b, name))
            self.fields["include_annex"].setChecked(bool(b.include_annex))
            cur = self.parts.currentItem()
            keep = self.parts.indexOfTopLevelItem(cur) if cur is not None else None
            self.parts.clear()
            for part in b.order:
                self.parts.addTopLevelItem(QTreeWidgetItem([_(PART_NAMES.get(part, part))]))
            if keep is not None:
                self.parts.select_path((keep,))
            for tab in self.lists:
                tab.fill(b)
        counts = (
            (self.figures, _("&Figures"), b.figures),
            (self.quotes, _("&Quotes"), b.quotes),
            (self.sections, _("&Sections"), b.sections),
            (self.participants, _("&People"), b.participants),
            (self.sources, _("Sou&rces"), b.articles),
        )
        for tab, text, items in counts:
            n = sum(1 for i in items if getattr(i, "included", True))
            count = str(n) if n == len(items) else f"{n}/{len(items)}"
            i = self.tabs.indexOf(tab)
            self.tabs.setTabText(i, f"{text} {count}")
            self.tabs.setTabToolTip(i, _("{n} of {total} ticked to print").format(
                n=n, total=len(items)))
