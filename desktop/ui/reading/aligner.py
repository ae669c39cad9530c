"""Aligning long pairs in a separate process, so the window never waits for it.

Two 100 KB articles take seconds to align in pure Python; in a thread they would still hold
the interpreter lock the window needs. A newer request stops the older process.
"""

from __future__ import annotations

import logging
import multiprocessing as mp

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.i18n import _
from desktop.ui.reading import align_child

log = logging.getLogger(__name__)


class BackgroundAligner(QObject):
    """One alignment at a time in a child process; results arrive as `finished`."""

    finished = Signal(int, object, str)  # token, Alignment or None, error message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job: tuple | None = None  # (token, process, connection)
        self._timer = QTimer(self)
        self._timer.setInterval(40)
        self._timer.timeout.connect(self._poll)

    def busy(self) -> bool:
        return self._job is not None

    def start(self, token: int, left_text: str, right_text: str, left_lang: str,
              right_lang: str, glossary=None, links=None) -> None:
        """Align the two texts (see align_child.compute) in a new process."""
        self.cancel()
        ctx = mp.get_context("spawn")  # never fork a process that runs Qt
        recv, send = ctx.Pipe(duplex=False)
        try:
            proc = ctx.Process(target=align_child.run, daemon=True,
                               args=(send, left_text, right_text, left_lang, right_lang,
                                     glossary, links))
            proc.start()
        except Exception:  # e.g. a glossary that cannot be pickled: align without it
            log.exception("aligning process with the glossary failed to start")
            proc = ctx.Process(target=align_child.run, daemon=True,
                               args=(send, left_text, right_text, left_lang, right_lang,
                                     None, links))
            proc.start()
        send.close()
        self._job = (token, proc, recv)
        self._timer.start()

    def cancel(self) -> None:
        """Stop the running alignment (its result is no longer wanted)."""
        job, self._job = self._job, None
        self._timer.stop()
        if job is not None:
            _token, proc, conn = job
            if proc.is_alive():
                proc.terminate()
            proc.join(1)
            conn.close()

    def _poll(self) -> None:
        if self._job is None:
            self._timer.stop()
            return
        token, proc, conn = self._job
        try:
            ready = conn.poll()
        except (EOFError, OSError):
            ready = False
        if ready:
            try:
                kind, value = conn.recv()
            except (EOFError, OSError):
                kind, value = "error", _("Linking the sentences stopped unexpectedly.")
        elif not proc.is_alive():
            kind, value = "error", _("Linking the sentences stopped unexpectedly.")
        else:
            return
        self._job = None
        self._timer.stop()
        proc.join(1)
        conn.close()
        if kind == "ok":
            self.finished.emit(token, value, "")
        else:
            self.finished.emit(token, None, str(value))
