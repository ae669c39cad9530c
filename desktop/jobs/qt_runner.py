"""Run plain `fn(..., progress, cancel)` workers off the GUI thread (the only Qt file in jobs).

Progress, results and errors arrive on the GUI thread through queued signals. Starting a job
of a kind that is already running cancels the old one, and the old job's late result is
dropped (it has been superseded); a job cancelled by the user still reports its result.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desktop.jobs import Cancelled, CancelToken

PROGRESS_EVERY_S = 0.05  # the window repaints a progress bar no faster than this anyway


class _Signals(QObject):
    """Emitted from the worker thread; connected to Job slots so delivery is queued."""

    progress = Signal(int, int, str)
    result = Signal(object)
    error = Signal(object, str)
    cancelled = Signal()
    finished = Signal()


class Job(QObject):
    """One background run: cancel() it; its signals are delivered on the GUI thread."""

    progress = Signal(int, int, str)  # done, total (0 = unknown), message
    result = Signal(object)
    error = Signal(object, str)  # exception, formatted traceback
    cancelled = Signal()  # the worker raised Cancelled
    finished = Signal()  # always last

    def __init__(self, kind: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.token = CancelToken()
        self.done = False
        self.superseded = False
        self.outcome = ""  # "result" | "error" | "cancelled"
        self.value: Any = None
        self._on_done: Callable[[Job], None] | None = None

    def cancel(self) -> None:
        """Ask the worker to stop at its next check."""
        self.token.cancel()

    @property
    def is_cancelled(self) -> bool:
        return self.token.cancelled

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        if not self.superseded:
            self.progress.emit(done, total, message)

    @Slot(object)
    def _on_result(self, value: Any) -> None:
        self.outcome, self.value = "result", value
        if not self.superseded:
            self.result.emit(value)

    @Slot(object, str)
    def _on_error(self, exc: object, tb: str) -> None:
        self.outcome, self.value = "error", exc
        if not self.superseded:
            self.error.emit(exc, tb)

    @Slot()
    def _on_cancelled(self) -> None:
        self.outcome = "cancelled"
        if not self.superseded:
            self.cancelled.emit()

    @Slot()
    def _on_finished(self) -> None:
        self.done = True
        self.finished.emit()
        if self._on_done is not None:
            self._on_done(self)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict, token: CancelToken,
                 signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self._token, self._signals = token, signals

    def run(self) -> None:  # worker thread
        s = self._signals
        last = [0.0, ""]  # when the last report went out, and its message

        def progress(done: int, total: int, message: str = "") -> None:
            # at most one report per PROGRESS_EVERY_S unless the message changes or the work
            # is done: a job reporting per item (a PDF's thousands of flowables) would
            # otherwise queue so many calls that the window freezes while it drains them
            message = str(message or "")
            now = time.monotonic()
            if now - last[0] < PROGRESS_EVERY_S and message == last[1] and done < total:
                return
            last[0], last[1] = now, message
            s.progress.emit(int(done), int(total), message)

        try:
            value = self._fn(*self._args, progress=progress, cancel=self._token, **self._kwargs)
        except Cancelled:
            s.cancelled.emit()
        except Exception as exc:  # noqa: BLE001 - every failure is reported to the GUI
            s.error.emit(exc, traceback.format_exc())
        else:
            s.result.emit(value)
        finally:
            s.finished.emit()


class JobRunner(QObject):
    """Starts jobs on a thread pool, at most one running job per kind."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max(1, max_threads))
        self._running: dict[str, Job] = {}
        self._live: dict[int, tuple[Job, _Signals]] = {}

    def start(self, kind: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Job:
        """Run `fn(*args, progress=..., cancel=..., **kwargs)` in the background."""
        old = self._running.get(kind)
        if old is not None and not old.done:
            old.superseded = True
            old.cancel()
        job = Job(kind)  # owned by Python: callers may keep it after it finished
        signals = _Signals()  # created in the GUI thread; its emits from the worker are queued
        signals.progress.connect(job._on_progress)
        signals.result.connect(job._on_result)
        signals.error.connect(job._on_error)
        signals.cancelled.connect(job._on_cancelled)
        signals.finished.connect(job._on_finished)
        job._on_done = self._forget
        self._running[kind] = job
        self._live[id(job)] = (job, signals)
        self._pool.start(_Runnable(fn, args, kwargs, job.token, signals))
        return job

    def running(self, kind: str) -> Job | None:
        """The current job of this kind while it runs."""
        job = self._running.get(kind)
        return job if job is not None and not job.done else None

    def cancel_all(self) -> None:
        for job, _s in list(self._live.values()):
            job.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until every worker returned (shutdown, tests)."""
        return self._pool.waitForDone(msecs)

    def _forget(self, job: Job) -> None:
        if self._running.get(job.kind) is job:
            del self._running[job.kind]
        pair = self._live.pop(id(job), None)
        if pair is not None:
            pair[1].deleteLater()
