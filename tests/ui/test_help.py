"""Help → Keyboard shortcuts lists the window's keys; Help → Search syntax shows examples
in English, Kazakh and Russian that work as written."""

from __future__ import annotations

import pytest

from desktop.core.query import parse_query
from desktop.ui.dialogs.help import SEARCH_SYNTAX
from desktop.ui.mainwindow import MainWindow


@pytest.fixture
def window(qtbot):
    w = MainWindow(import_sample=False, show_reports=False, remember_layout=False)
    qtbot.addWidget(w)
    return w


def _help_entries(w) -> list[str]:
    menu = w.menus["help"]
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_help_menu_has_shortcuts_search_syntax_and_about(window):
    assert _help_entries(window) == ["&Keyboard shortcuts", "&Search syntax", "&About Kenes"]


def test_keyboard_shortcuts_lists_the_menu_keys_and_the_list_keys(qtbot, window):
    window.help.shortcuts_action.trigger()
    dlg = window.help.dialog
    assert dlg is not None and dlg.isVisible()
    rows = dlg.rows()
    by_entry = {(where, what): keys for where, what, keys in rows}
    assert by_entry[("File", "Import files")] == "Ctrl+O"
    assert by_entry[("Edit", "Search")] == "Ctrl+F"
    assert by_entry[("Tools", "Re-tag library")] == "Ctrl+R"
    assert by_entry[("Help", "Keyboard shortcuts")] == "F1"
    assert ("Article list", "Open the article in the reader", "Enter") in [tuple(r) for r in rows]
    dlg.reject()
    assert window.help.dialog is None


def test_search_syntax_shows_an_example_in_each_language(qtbot, window):
    window.help.syntax_action.trigger()
    rows = window.help.dialog.rows()
    assert len(rows) == len(SEARCH_SYNTAX)
    assert any("country:Uzbekistan" in r and "ел:Өзбекстан" in r and "страна:Узбекистан" in r
               for r in rows)


@pytest.mark.parametrize("row", SEARCH_SYNTAX, ids=[r[1] for r in SEARCH_SYNTAX])
def test_every_search_example_works_and_the_three_languages_agree(row):
    _what, en, kk, ru = row
    filters = [parse_query(q) for q in (en, kk, ru)]  # no QueryError
    if ":" in en:  # a search key: the Kazakh and Russian spellings ask for the same thing
        assert filters[1] == filters[0] and filters[2] == filters[0]
