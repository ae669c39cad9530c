"""Help → Keyboard shortcuts and Help → Search syntax: read-only tables, plain text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _

# (what it does, example in English, in Kazakh, in Russian). The examples are queries a user
# types, so they stay as written; tests/ui/test_help.py checks that each one parses and that
# the three examples of a facet row ask for the same thing.
SEARCH_SYNTAX: tuple[tuple[str, str, str, str], ...] = (
    (N_("Every word (other forms of a word match too)"),
     "visit Tashkent", "сапар Ташкент", "визит Ташкент"),
    (N_("Words that begin with…"), "invest*", "инвестиц*", "инвестиц*"),
    (N_("An exact phrase"),
     '"free trade zone"', '"еркін сауда аймағы"', '"зона свободной торговли"'),
    (N_("One word or the other"), "gas OR oil", "газ НЕМЕСЕ мұнай", "газ ИЛИ нефть"),
    (N_("A country is mentioned"), "country:Uzbekistan", "ел:Өзбекстан", "страна:Узбекистан"),
    (N_("A partner country (not Kazakhstan)"),
     "partner:Turkey", "серіктес:Түркия", "партнер:Турция"),
    (N_("A sector; a comma means either"),
     "sector:trade,energy", "сала:сауда,энергетика", "отрасль:торговля,энергетика"),
    (N_("A person, in any script"), "person:Tokayev", "тұлға:Тоқаев", "лицо:Токаев"),
    (N_("An organisation"), "org:SCO", "ұйым:ШЫҰ", "организация:ШОС"),
    (N_("The article's language"), "lang:kk", "тіл:қаз", "язык:казахский"),
    (N_("The outlet"), "source:Kazinform", "дереккөз:Kazinform", "источник:Kazinform"),
    (N_("From and to a date (YYYY-MM-DD)"),
     "from:2025-11-01 to:2025-11-30", "бастап:2025-11-01 дейін:2025-11-30",
     "с:2025-11-01 по:2025-11-30"),
    (N_("One day, month or year"), "date:2025-11", "күні:2025-11", "дата:2025-11"),
)

# Keys that belong to a place rather than to a menu entry: (where, what, keys).
PLACE_KEYS: tuple[tuple[str, str, str], ...] = (
    (N_("Article list"), N_("Move through the articles"), "↑ / ↓"),
    (N_("Article list"), N_("Open the article in the reader"), "Enter"),
    (N_("Search box"), N_("Empty the box and show everything"), "Esc"),
)


def _table(headers: list[str], rows: list[tuple[str, ...]], parent: QWidget) -> QTableWidget:
    t = QTableWidget(len(rows), len(headers), parent)
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().hide()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setWordWrap(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.setItem(r, c, QTableWidgetItem(text))  # items are plain text
    t.resizeColumnsToContents()
    t.horizontalHeader().setStretchLastSection(True)
    t.resizeRowsToContents()
    return t


class _HelpDialog(QDialog):
    def __init__(self, title: str, intro: str, table_headers: list[str],
                 rows: list[tuple[str, ...]], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.intro = QLabel(intro, self)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        self.table = _table(table_headers, rows, self)
        self.table.setAccessibleName(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.resize(960, 540)

    def rows(self) -> list[list[str]]:
        t = self.table
        return [[t.item(r, c).text() for c in range(t.columnCount())]
                for r in range(t.rowCount())]


def shortcuts_dialog(menu_rows: list[tuple[str, str, str]],
                     parent: QWidget | None = None) -> QDialog:
    """Every menu entry with a key, then the keys of the list and the search box."""
    rows = menu_rows + [(_(w), _(what), keys) for w, what, keys in PLACE_KEYS]
    return _HelpDialog(_("Keyboard shortcuts"),
                       _("The keys of every menu entry, and the keys of the list and the "
                         "search box."),
                       [_("Where"), _("What"), _("Keys")], rows, parent)


def search_syntax_dialog(parent: QWidget | None = None) -> QDialog:
    """What the search box understands, with examples in English, Kazakh and Russian."""
    rows = [(_(what), en, kk, ru) for what, en, kk, ru in SEARCH_SYNTAX]
    return _HelpDialog(_("Search syntax"),
                       _("Type in the search box (Ctrl+F). Everything you type must match; "
                         "search keys and names can be written in English, Kazakh or "
                         "Russian. Upper and lower case do not matter."),
                       [_("To find"), _("English"), _("Kazakh"), _("Russian")], rows, parent)
