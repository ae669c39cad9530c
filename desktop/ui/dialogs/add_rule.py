"""Add a phrase from an article to the tagging rules: as another name of a country, person
or organisation, a sector keyword, or a new person or organisation.

The dialog only chooses; `desktop.analysis.user_rules` writes the user's edits file.
The phrase is article text, so it is shown as plain text only.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _, current_language

KIND_LABELS = (("country", N_("Country")), ("sector", N_("Sector")),
               ("person", N_("Person")), ("org", N_("Organisation")))
FIELD_LABELS = (("kk", N_("Kazakh spelling")), ("ru", N_("Russian spelling")),
                ("en", N_("English spelling")), ("kk_latn", N_("Kazakh spelling in Latin script")),
                ("cities", N_("City of the country")),
                ("adjectives", N_("Adjective or demonym of the country")))
NEW = "\0new"  # the list row that creates a new person or organisation
_ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass
class RuleChoice:
    """What the user chose: add `pattern` to `field` of (kind, id), or a new entry."""

    kind: str
    id: str  # NEW for a new person/organisation named `pattern`
    field: str
    pattern: str


class AddRuleDialog(QDialog):
    """Choose what a selected phrase means; `choice()` after it is accepted."""

    def __init__(self, phrase: str, field: str, vocabulary, parent: QWidget | None = None,
                 kind: str = "country") -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add to the tagging rules"))
        self.phrase = phrase
        self._vocabulary = vocabulary  # kind -> {id: {"en","kk","ru"}}
        lay = QVBoxLayout(self)
        shown = QLabel(_("Phrase: “{phrase}”").format(phrase=phrase), self)
        shown.setTextFormat(Qt.TextFormat.PlainText)
        shown.setWordWrap(True)
        lay.addWidget(shown)

        form = QFormLayout()
        self.kind = QComboBox(self)
        for k, label in KIND_LABELS:
            self.kind.addItem(_(label), k)
        self.kind.setAccessibleName(_("What the phrase names"))
        form.addRow(_("It names a:"), self.kind)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(_("Type to filter"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(_("Filter the list"))
        form.addRow(_("Which one:"), self.filter)
        lay.addLayout(form)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Countries, sectors, people or organisations"))
        self.list.setMinimumHeight(220)
        lay.addWidget(self.list, 1)
        form2 = QFormLayout()
        self.field = QComboBox(self)
        for f, label in FIELD_LABELS:
            self.field.addItem(_(label), f)
        self.field.setAccessibleName(_("Add as"))
        form2.addRow(_("Add as:"), self.field)
        self.prefix = QCheckBox(_("Also match longer words that start like this"), self)
        self.prefix.setToolTip(_("Adds * to the rule: “робототехника*” also matches "
                                 "“робототехникалық”. Without it, only the word with "
                                 "grammatical endings matches."))
        form2.addRow("", self.prefix)
        lay.addLayout(form2)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Add rule"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(self._fill)
        self.filter.textChanged.connect(self._filter)
        self.list.currentItemChanged.connect(self._update_ok)
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.set_field(field)
        self._fill()
        self.filter.setFocus()
        self.resize(440, 520)

    def set_field(self, field: str) -> None:
        i = self.field.findData(field)
        if i >= 0:
            self.field.setCurrentIndex(i)

    def _fill(self) -> None:
        kind = self.kind.currentData()
        self.list.clear()
        if kind in ("person", "org"):
            label = (_("New person: “{name}”") if kind == "person"
                     else _("New organisation: “{name}”")).format(name=self.phrase)
            item = QListWidgetItem(label)
            item.setData(_ID_ROLE, NEW)
            self.list.addItem(item)
        lang = current_language()
        rows = []
        for id_, names in (self._vocabulary(kind) or {}).items():
            name = names.get(lang) or names.get("en") or id_
            rows.append((name.casefold(), name, id_, names))
        for _k, name, id_, names in sorted(rows):
            item = QListWidgetItem(name if name == id_ else f"{name}  ({id_})")
            item.setData(_ID_ROLE, id_)
            # every language's name is searchable: a Russian reader may type "Узб"
            item.setData(Qt.ItemDataRole.UserRole, " ".join([id_, *names.values()]).casefold())
            self.list.addItem(item)
        # cities and adjectives belong to countries only
        for i in range(self.field.count()):
            only_country = self.field.itemData(i) in ("cities", "adjectives")
            self.field.model().item(i).setEnabled(kind == "country" or not only_country)
        if kind != "country" and self.field.currentData() in ("cities", "adjectives"):
            self.set_field("kk")
        self._filter(self.filter.text())

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hay = item.data(Qt.ItemDataRole.UserRole) or ""
            hide = bool(needle) and item.data(_ID_ROLE) != NEW and needle not in hay
            item.setHidden(hide)
            if not hide and first is None and item.data(_ID_ROLE) != NEW:
                first = item
        if first is None and self.list.count():
            first = self.list.item(0)
        self.list.setCurrentItem(first)
        self._update_ok()

    def _update_ok(self, *_a) -> None:
        item = self.list.currentItem()
        ok = item is not None and not item.isHidden()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def select(self, kind: str, id_: str) -> bool:
        """Pick a kind and entry (tests, and a later "add variant" from the why list)."""
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        for i in range(self.list.count()):
            if self.list.item(i).data(_ID_ROLE) == id_:
                self.list.setCurrentRow(i)
                return True
        return False

    def choice(self) -> RuleChoice | None:
        item = self.list.currentItem()
        if item is None:
            return None
        pattern = self.phrase + ("*" if self.prefix.isChecked() else "")
        return RuleChoice(self.kind.currentData(), item.data(_ID_ROLE),
                          self.field.currentData(), pattern)
