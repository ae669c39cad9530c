"""The search box says what it understood; an empty result offers a way out; matches are
shown in the list and tinted in the reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.ui import search_highlight
from desktop.ui.mainwindow import MainWindow
from desktop.ui.models.article_table import SNIPPET_COLUMN


@pytest.fixture
def window(qtbot, tmp_path: Path):
    w = MainWindow(library_dir=str(tmp_path / "lib"), import_sample=True, show_reports=False)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.catalogLoaded, timeout=60000):
        w.open_library()
    yield w
    w.runner.wait(60000)
    w.close()
    search_highlight.set_query("")


def _search(w: MainWindow, text: str) -> None:
    w.browse.search.set_text(text)


def test_the_box_says_how_a_name_was_read(window):
    b = window.browse
    _search(window, "Tokayev")
    assert b.search.understood.isVisible()
    assert "Tokayev → person: Kassym-Jomart Tokayev" in b.search.understood.text()
    assert b.model.rowCount() > 0
    _search(window, "country:Өзбекстан")
    assert "Өзбекстан → country: Uzbekistan" in b.search.understood.text()
    assert b.model.rowCount() > 0
    _search(window, "тауар")  # a plain word: nothing to explain
    assert not b.search.understood.isVisible()


def test_an_unknown_field_value_is_an_error_with_suggestions(window):
    box = window.browse.search
    _search(window, "sector:торговл")
    assert box.has_error
    assert "trade" in box.error.text() and "character 8" in box.error.text()
    assert not box.understood.isVisible()


def test_no_match_offers_to_clear_the_text(window):
    b = window.browse
    _search(window, "жоқсөзқұрама")
    assert b.model.rowCount() == 0
    assert b.no_match.isVisible()
    assert "жоқсөзқұрама" in b.no_match.message.text()
    assert b.no_match.clear_text.isVisible() and not b.no_match.clear_filters.isVisible()
    b.no_match.clear_text.click()
    assert b.search.text() == ""
    assert b.model.rowCount() == 5 and not b.no_match.isVisible()


def test_no_match_offers_to_clear_the_filters_and_keeps_the_text(window):
    b = window.browse
    _search(window, "lang:other Тоқаев")
    assert b.model.rowCount() == 0 and b.no_match.isVisible()
    assert b.no_match.clear_text.isVisible() and b.no_match.clear_filters.isVisible()
    b.no_match.clear_filters.click()
    assert b.search.text() == "Тоқаев"
    assert b.model.rowCount() > 0 and not b.no_match.isVisible()


def test_snippet_column_and_reader_tint_show_the_match(window):
    b = window.browse
    assert b.table.isColumnHidden(SNIPPET_COLUMN)
    _search(window, "Тоқаев")
    b.snippet_action.trigger()
    assert not b.table.isColumnHidden(SNIPPET_COLUMN)
    cell = b.model.data(b.model.index(0, SNIPPET_COLUMN))
    assert cell and "Тоқаев" in cell or "Токаев" in cell
    b.table.selectRow(0)
    panel = window.reading.panel
    tinted = panel._layers.get("search", [])
    assert tinted
    assert any(x.cursor.selectedText().casefold().startswith(("тоқаев", "токаев"))
               for x in tinted)
    _search(window, "")
    assert not panel._layers.get("search")
    assert b.model.data(b.model.index(0, SNIPPET_COLUMN)) == ""
