"""Composition root of the GUI: arguments, i18n, QApplication, settings and the main window.

The window is shown first and the library is opened right after the first paint (pandas,
pyarrow, reportlab and babel are imported later, in the background or on first use).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from desktop import i18n
from desktop.cli import build_parser

SCREENSHOT_TIMEOUT_MS = 120_000
_qt_translator: QTranslator | None = None


def _ui_language(cli_lang: str | None, saved: str) -> str:
    """--lang, else the saved choice, else the system locale (kk, ru or en)."""
    if cli_lang:
        return cli_lang
    if saved:
        return saved
    return QLocale.system().name()


def application(argv: list[str]) -> QApplication:
    """The one QApplication (reused when tests already created it)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "kenes", *argv])
    app.setApplicationName("Kenes")
    app.setApplicationDisplayName("Kenes")
    app.setOrganizationName("Kenes")
    app.setDesktopFileName("kenes")
    return app  # type: ignore[return-value]


def install_qt_translations(app: QApplication, lang: str) -> bool:
    """Qt's own texts (dialog buttons, file dialogs) in `lang` when the Qt build ships them."""
    global _qt_translator
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    if lang == "en":
        return False
    tr = QTranslator(app)
    if not tr.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        return False  # no Qt catalog for this language: Qt's texts stay English
    app.installTranslator(tr)
    _qt_translator = tr
    return True


def _qt_language(app: QApplication, lang: str) -> None:
    """Calendar pop-ups, Qt's number/date widgets and its own texts follow `lang`."""
    QLocale.setDefault(QLocale({"kk": "kk_KZ", "ru": "ru_RU"}.get(lang, "en_GB")))
    install_qt_translations(app, lang)


def create_window(argv: list[str]):
    """Parse GUI arguments, set up i18n and build (not yet show) the main window."""
    args = build_parser().parse_args(argv)
    app = application([])
    from desktop.settings import Settings

    settings = Settings()
    # --lang is for this run only; the saved choice comes from View → Interface language.
    lang = i18n.setup(_ui_language(args.lang, settings.ui_language))
    _qt_language(app, lang)
    from desktop.ui.icons import icon
    from desktop.ui.mainwindow import MainWindow

    app.setWindowIcon(icon("kenes"))
    # --library, then $KENES_LIBRARY (both explicit choices), then the library used last time.
    explicit = args.library or os.environ.get("KENES_LIBRARY") or None
    remembered = settings.last_library
    library_dir = explicit or remembered or None
    if library_dir and not explicit and not Path(library_dir).is_dir():
        library_dir = None  # the remembered library was moved or deleted
    if args.screenshot and not args.restore_state:
        settings = Settings.scratch()  # no saved filters or searches, nothing remembered
    window = MainWindow(settings, library_dir=library_dir,
                        import_sample=explicit is None and not remembered,
                        show_reports=not args.screenshot,
                        remember_layout=not args.screenshot)  # screenshots: same size
    window.languageChanged.connect(lambda code: _qt_language(app, code))  # live switch
    return app, window, args


def _screenshot(window, args, app: QApplication) -> None:
    """After the catalog loaded: apply --query/--select, grab the window, save, quit."""
    if args.query is not None:
        window.browse.search.set_text(args.query)
    found = args.select is None or select_or_say(window, args.select)
    for _ in range(3):
        app.processEvents()
    ok = window.grab().save(args.screenshot)
    if not ok:
        print(i18n._("Could not write the screenshot {path}").format(path=args.screenshot),
              file=sys.stderr)
    if not found:
        print(missing_article_text(args.select), file=sys.stderr)
    app.exit(1 if not ok else EXIT_NO_SUCH_ARTICLE if not found else 0)


EXIT_NO_SUCH_ARTICLE = 3


def missing_article_text(article_id: int) -> str:
    return i18n._("There is no article {id} in this library.").format(id=article_id)


def select_or_say(window, article_id: int) -> bool:
    """--select ID: show the article; when the library has none with that id, say so in
    the status bar and return False."""
    cat = window.catalog
    if cat is None or cat.position_of(int(article_id)) is None:
        window.statusBar().showMessage(missing_article_text(article_id), 15000)
        return False
    window.select_article(article_id)
    return True


def _open_brief(window, path: str) -> bool:
    """--brief FILE: the briefing in the composer (a message says why it cannot open)."""
    ctrl = getattr(window, "briefing", None)
    if ctrl is None:
        return False
    ok = ctrl.open(Path(path), confirm=False)
    if not ok:
        print(i18n._("The briefing {path} could not be opened.").format(path=path),
              file=sys.stderr)
    return ok


def main(argv: list[str] | None = None) -> int:
    """Run the Kenes window; returns the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    app, window, args = create_window(argv)
    if args.open_brief and not _open_brief(window, args.open_brief) and args.screenshot:
        return 1
    if args.screenshot:
        window.catalogLoaded.connect(lambda: QTimer.singleShot(0, lambda: _screenshot(
            window, args, app)))

        def failed(*_a) -> None:
            print(window.browse.placeholder.text(), file=sys.stderr)
            app.exit(1)

        window.libraryFailed.connect(failed)
        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, lambda: app.exit(2))
    elif args.query is not None or args.select is not None:
        def apply_args() -> None:
            if args.query is not None:
                window.browse.search.set_text(args.query)
            if args.select is not None:
                select_or_say(window, args.select)

        window.catalogLoaded.connect(apply_args)
    window.show()
    QTimer.singleShot(0, window.open_library)
    code = app.exec()
    if window.isVisible():
        window.close()
    return int(code)
