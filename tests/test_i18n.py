"""Translations: complete kk/ru catalogs, intact placeholders, and a UI that really switches."""

from __future__ import annotations

import gettext
import re
import string
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from PySide6.QtCore import Qt

from desktop import i18n

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "i18n"
TRANSLATED = ("kk", "ru")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")
_ACCEL = re.compile(r"&(?!&)(.)")


def _catalog(lang: str):
    with open(I18N / f"{lang}.po", "rb") as f:
        return read_po(f, locale=lang)


def _messages(lang: str) -> list:
    return [m for m in _catalog(lang) if m.id]


def _forms(value) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


def placeholders(text: str) -> Counter:
    """`{name}` fields (format spec kept) and `%s` / `%(x)s` conversions in `text`."""
    found: Counter = Counter(_PERCENT.findall(text.replace("%%", "")))
    try:
        for _lit, field, spec, conv in string.Formatter().parse(text):
            if field is not None:
                found["{" + field + ("!" + conv if conv else "") + (":" + spec if spec else "")
                      + "}"] += 1
    except ValueError:
        found["<unbalanced braces>"] += 1
    return found


@pytest.fixture
def english_after():
    """Tests that switch the language leave the process in English for everyone else."""
    yield
    i18n.setup("en")
    from desktop import app

    qapp = app.QApplication.instance()
    if qapp is not None:
        app.install_qt_translations(qapp, "en")


# ----------------------------------------------------------------------------- catalogs
def test_po_files_cover_every_marked_string_in_the_code():
    """A string marked in desktop/ but missing from kk.po/ru.po would show up in English."""
    in_code = {m[2] if isinstance(m[2], str) else m[2][0]
               for m in extract_from_dir(str(ROOT / "desktop"), keywords=KEYWORDS,
                                         comment_tags=(), strip_comment_tags=True)}
    assert len(in_code) > 100
    for lang in TRANSLATED:
        in_po = {m.id if isinstance(m.id, str) else m.id[0] for m in _messages(lang)}
        missing = sorted(in_code - in_po)
        assert not missing, (f"{lang}.po lacks {len(missing)} strings, e.g. {missing[:5]}; "
                             "run `make i18n-update` and translate them")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_translated_and_not_fuzzy(lang):
    msgs = _messages(lang)
    assert len(msgs) > 100
    bad = [m.id for m in msgs if m.fuzzy or not all(s.strip() for s in _forms(m.string))]
    assert not bad, f"{lang}: {len(bad)} untranslated or fuzzy, e.g. {bad[:5]}"


@pytest.mark.parametrize(("lang", "nplurals"), [("kk", 2), ("ru", 3), ("en", 2)])
def test_plural_forms_header_and_every_plural_filled(lang, nplurals):
    cat = _catalog(lang)
    assert cat.num_plurals == nplurals
    plurals = [m for m in cat if m.id and m.pluralizable]
    assert plurals, "the code uses ngettext, so the catalog must hold plural entries"
    for m in plurals:
        assert len(_forms(m.string)) == nplurals, m.id


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_kept_exactly(lang):
    for m in _messages(lang):
        ids = _forms(m.id)
        for k, text in enumerate(_forms(m.string)):
            # the singular form may drop {n} only where the plural keeps it (never here)
            source = ids[min(k, len(ids) - 1)] if m.pluralizable else ids[0]
            assert placeholders(text) == placeholders(source), (lang, m.id, text)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_accelerators_kept(lang):
    """`&File` keeps exactly one accelerator in the translation, none are invented."""
    for m in _messages(lang):
        for src, text in zip(_forms(m.id), _forms(m.string), strict=False):
            assert len(_ACCEL.findall(text)) == len(_ACCEL.findall(src)), (m.id, text)


def test_english_catalog_is_valid_and_identity():
    msgs = _messages("en")
    assert msgs and all(not any(_forms(m.string)) for m in msgs)


# ----------------------------------------------------------------------------- runtime
@pytest.mark.parametrize("lang", TRANSLATED)
def test_compiled_catalog_matches_po(lang):
    """`make test` compiles .mo first; a stale or missing .mo would show old text."""
    mo = I18N / lang / "LC_MESSAGES" / "kenes.mo"
    assert mo.is_file(), f"{mo} missing: run `make i18n-compile` (make test does it)"
    with open(mo, "rb") as f:
        t = gettext.GNUTranslations(f)
    for m in _messages(lang):
        if m.pluralizable:
            assert t.ngettext(m.id[0], m.id[1], 1) == m.string[0], m.id
        else:
            assert t.gettext(m.id) == m.string, m.id


def test_setup_switches_real_strings(english_after):
    from desktop.i18n import _, ngettext

    assert i18n.setup("kk") == "kk"
    assert _("&File") == "&Файл"
    assert _("Reset filters") == "Сүзгілерді тазалау"
    assert ngettext("{n} article", "{n} articles", 5).format(n=5) == "5 мақала"
    assert i18n.setup("ru_RU") == "ru"
    assert _("Partner countries") == "Страны-партнёры"
    forms = {n: ngettext("{n} article", "{n} articles", n).format(n=n)
             for n in (1, 3, 5, 11, 21, 112)}
    assert forms == {1: "1 статья", 3: "3 статьи", 5: "5 статей", 11: "11 статей",
                     21: "21 статья", 112: "112 статей"}
    assert i18n.setup("de") == "en"
    assert _("&File") == "&File"


# ----------------------------------------------------------------------------- window
def _window(qtbot, argv: list[str]):
    from desktop.app import create_window

    _app, window, _args = create_window(argv)
    qtbot.addWidget(window)
    return window


def _menu_titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def _accelerators_unique(menu_actions) -> None:
    keys = [m.group(1).lower() for a in menu_actions if (m := _ACCEL.search(a.text()))]
    assert len(keys) == len(set(keys)), [a.text() for a in menu_actions]
    for a in menu_actions:
        if a.menu() is not None:
            _accelerators_unique(a.menu().actions())


@pytest.mark.parametrize(("lang", "file_menu", "view_menu"),
                         [("kk", "&Файл", "&Көрініс"), ("ru", "&Файл", "&Вид")])
def test_window_built_with_lang_shows_translated_menus(qtbot, tmp_path, english_after,
                                                       lang, file_menu, view_menu):
    w = _window(qtbot, ["--lang", lang, "--library", str(tmp_path / "lib")])
    titles = _menu_titles(w)
    assert titles[0] == file_menu and titles[2] == view_menu
    assert w.importer.import_files_action.text() != "&Import files…"
    _accelerators_unique(w.menuBar().actions())
    names = [a.text() for a in w.language_menu.actions()]
    assert names == ["&English", "&Қазақша", "&Русский"]  # each in its own language
    assert w.language_actions[lang].isChecked()


def test_qt_dialog_texts_follow_the_language(qtbot, tmp_path, english_after):
    from PySide6.QtCore import QCoreApplication, QLibraryInfo

    qm = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / "qtbase_kk.qm"
    if not qm.is_file():
        pytest.skip("this Qt build ships no qtbase_kk.qm")
    _window(qtbot, ["--lang", "kk", "--library", str(tmp_path / "lib")])
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"
    _window(qtbot, ["--lang", "en", "--library", str(tmp_path / "lib")])
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_language_menu_switches_the_window_at_once_and_is_remembered(qtbot, tmp_path,
                                                                       english_after):
    lib = str(tmp_path / "lib")
    w = _window(qtbot, ["--lang", "en", "--library", lib])
    w.language_actions["kk"].trigger()
    assert w.settings.ui_language == "kk"
    # no restart: this window speaks Kazakh now
    assert _menu_titles(w)[0] == "&Файл"
    assert w.language_actions["kk"].isChecked()
    assert w.browse.sidebar.reset_button.text() == i18n._("Reset filters") != "Reset filters"
    assert w.browse.model.headerData(0, Qt.Orientation.Horizontal) == i18n._("Date") != "Date"
    w.language_actions["en"].trigger()  # and back
    assert _menu_titles(w)[0] == "&File"
    assert w.browse.sidebar.reset_button.text() == "Reset filters"

    w.language_actions["kk"].trigger()
    w2 = _window(qtbot, ["--library", lib])  # next start, no --lang: the saved choice
    assert _menu_titles(w2)[0] == "&Файл"
    assert w2.language_actions["kk"].isChecked()


def test_command_line_lang_overrides_saved_choice(qtbot, tmp_path, english_after):
    from desktop.settings import Settings

    s = Settings()
    s.ui_language = "ru"
    s.sync()
    w = _window(qtbot, ["--lang", "kk", "--library", str(tmp_path / "lib")])
    assert _menu_titles(w)[1] == "&Түзету"
