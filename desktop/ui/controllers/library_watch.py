"""Notice when the open library changes outside this window (a `kenes import` from the
command line, a second window) and offer to refresh.

Every write to a library bumps its generation counter (store.py). The watcher reads that
counter through its own read-only connection when the database files change (debounced),
when the window becomes active again, and every few seconds as a fallback where file
change events do not arrive (network folders). While one of the window's own jobs writes
to the library the notice stays quiet: that job hands over a fresh catalog anyway.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QTimer, Signal

from desktop.i18n import _, format_number
from desktop.ui.controllers.base import (
    JOB_IMPORT,
    JOB_LIBRARY,
    JOB_RETAG,
    Controller,
    WindowContext,
)

NOTICE_CHANGED = "library-changed"
ACTION_REFRESH = "refresh-library"
JOB_RELOAD = "library-reload"
_DB_NAME = "library.sqlite"


def _reload(folder: str, *, progress, cancel):
    """Worker: (generation, catalog) read through a connection of its own."""
    from desktop.corpus.library import Library

    with Library.open(folder) as own:
        gen = own.store.generation()
        return gen, own.catalog()


def read_state(db: Path) -> tuple[int, int] | None:
    """(generation, number of articles) of a library database, or None if unreadable."""
    if not db.is_file():
        return None
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        return (int(row[0]) if row else 0), int(n)
    except (sqlite3.Error, ValueError, TypeError):
        return None  # locked by a writer or half-made: the next check will tell
    finally:
        con.close()


class LibraryWatchController(Controller):
    """Watches the open library; shows "changed outside — Refresh" in the notice bar."""

    changedOutside = Signal(int)  # generation seen on disk

    def __init__(self, ctx: WindowContext, *, poll_ms: int = 5000,
                 debounce_ms: int = 600) -> None:
        super().__init__(ctx)
        self._folder: Path | None = None
        self._known: int | None = None  # generation of the catalog the window shows
        self._count = 0
        self._shown_gen: int | None = None
        self._dismissed_gen: int | None = None
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._soon)
        self.watcher.fileChanged.connect(self._soon)
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self.check)
        self._poll = QTimer(self, interval=poll_ms)
        self._poll.timeout.connect(self.check)
        ctx.session.catalogChanged.connect(self._catalog_changed)
        ctx.notice.actionTriggered.connect(self._notice_action)
        ctx.notice.dismissed.connect(self._notice_dismissed)
        ctx.window.installEventFilter(self)

    # ------------------------------------------------------------------ public
    def db_path(self) -> Path | None:
        return self._folder / _DB_NAME if self._folder else None

    def check(self) -> bool:
        """Compare the library on disk with what the window shows; True when it changed."""
        db = self.db_path()
        if db is None or self._known is None or self._busy():
            return False
        self._watch_files()
        state = read_state(db)
        if state is None:
            return False
        gen, count = state
        if gen == self._known:
            self.ctx.notice.hide_notice(NOTICE_CHANGED)
            self._shown_gen = None
            return False
        if gen != self._dismissed_gen and gen != self._shown_gen:
            self._shown_gen = gen
            self._show(count)
            self.changedOutside.emit(gen)
        return True

    def refresh(self) -> None:
        """Load the library again (the window keeps its filters and the open article)."""
        if self._folder is None:
            return
        self.ctx.notice.hide_notice(NOTICE_CHANGED)
        job = self.ctx.runner.start(JOB_RELOAD, _reload, str(self._folder))
        job.result.connect(self._reloaded)
        job.error.connect(lambda exc, _tb: self.ctx.message(
            _("The library could not be read again: {error}").format(error=exc), 8000))
        self.ctx.jobs.track(job, _("Reading the library again…"))

    def retranslate(self) -> None:
        if self.ctx.notice.key == NOTICE_CHANGED and self.ctx.notice.isVisible():
            self._show(self._count)

    # ------------------------------------------------------------------ internals
    def _busy(self) -> bool:
        runner = self.ctx.runner
        running = getattr(runner, "running", None)
        return running is not None and any(
            running(kind) is not None for kind in (JOB_IMPORT, JOB_RETAG, JOB_LIBRARY, JOB_RELOAD))

    def _show(self, count: int) -> None:
        self._count = count
        self.ctx.notice.show_notice(
            NOTICE_CHANGED,
            _("The library changed outside this window ({n} articles now).")
            .format(n=format_number(count)),
            _("Refresh"), ACTION_REFRESH)

    def _catalog_changed(self, _catalog) -> None:
        lib = self.ctx.session.library
        folder = getattr(lib, "folder", None)
        if folder is None:
            return
        folder = Path(folder)
        if folder != self._folder:
            self._folder = folder
            self._dismissed_gen = None
            for paths in (self.watcher.files(), self.watcher.directories()):
                if paths:
                    self.watcher.removePaths(paths)
            self.watcher.addPath(str(folder))
            self._poll.start()
        state = read_state(folder / _DB_NAME)
        if state is not None:
            self._known = state[0]
        elif self._known is None:
            self._known = 0
        self._shown_gen = None
        self.ctx.notice.hide_notice(NOTICE_CHANGED)
        self._watch_files()

    def _reloaded(self, value) -> None:
        gen, catalog = value
        lib = self.ctx.session.library
        if hasattr(lib, "clear_search_cache"):
            lib.clear_search_cache()  # the window's search index saw the old texts
        self.ctx.session.set_catalog(catalog)
        self._known = gen
        self.ctx.message(_("The library was read again."), 4000)

    def _watch_files(self) -> None:
        """Watch the database and its write-ahead log (created and removed by SQLite)."""
        if self._folder is None:
            return
        watched = set(self.watcher.files())
        for name in (_DB_NAME, _DB_NAME + "-wal"):
            p = self._folder / name
            if p.exists() and str(p) not in watched:
                self.watcher.addPath(str(p))

    def _soon(self, _path: str = "") -> None:
        self._debounce.start()

    def _notice_action(self, action: str) -> None:
        if action == ACTION_REFRESH:
            self.refresh()

    def _notice_dismissed(self) -> None:
        if self._shown_gen is not None:
            self._dismissed_gen = self._shown_gen

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:  # noqa: N802 - Qt name
        if e.type() == QEvent.Type.WindowActivate:
            self._soon()
        return False
