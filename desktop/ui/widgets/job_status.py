"""Status-bar progress of background jobs (open, import, re-tag) with one Cancel button."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from desktop.i18n import _
from desktop.jobs.qt_runner import Job
from desktop.ui.plain import plain_tooltip


class JobStatus(QObject):
    """Progress label, bar and Cancel for the jobs it tracks; hidden when none runs.

    The first tracked job still running is the one shown and cancelled."""

    def __init__(self, status_bar: QStatusBar, parent: QWidget) -> None:
        super().__init__(parent)
        self.progress = QProgressBar(parent)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.label = QLabel("", parent)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setMaximumWidth(320)
        self.cancel_button = QPushButton(parent)
        self.cancel_button.clicked.connect(self.cancel)
        self._jobs: list[Job] = []
        for w in self._widgets():
            status_bar.addPermanentWidget(w)
            w.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.progress.setAccessibleName(_("Progress"))
        self.cancel_button.setText(_("Cancel"))

    def _widgets(self) -> tuple[QWidget, ...]:
        return (self.label, self.progress, self.cancel_button)

    def track(self, job: Job, text: str, cancel_tip: str = "") -> None:
        """Show `job`'s progress under `text`; Cancel (tooltip `cancel_tip`) stops it."""
        self._jobs.append(job)
        job.progress.connect(self._progress)
        # hidden as soon as the outcome is known, not at the later `finished`: whoever
        # reacts to the result sees the status bar settled
        job.result.connect(lambda _v: self._finished(job))
        job.error.connect(lambda _e, _t: self._finished(job))
        job.cancelled.connect(lambda: self._finished(job))
        job.finished.connect(lambda: self._finished(job))
        self.label.setText(text)
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        if cancel_tip:
            self.cancel_button.setToolTip(cancel_tip)
        for w in self._widgets():
            w.show()

    def current(self) -> Job | None:
        """The tracked job still running that progress and Cancel belong to, if any."""
        for job in self._jobs:
            if not job.done and not job.outcome and not job.superseded:
                return job
        return None

    def cancel(self, job: Job | None = None) -> None:
        """Cancel `job` (default: the one shown)."""
        job = job or self.current()
        if job is not None and not job.done:
            job.cancel()
            self.label.setText(_("Cancelling…"))
            self.cancel_button.setEnabled(False)

    def _progress(self, done: int, total: int, message: str) -> None:
        show_progress(self.progress, done, total)
        if message:
            name = Path(message).name if ("/" in message or "\\" in message) else message
            self.label.setText(name)
            self.label.setToolTip(plain_tooltip(message))

    def _finished(self, job: Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        if self.current() is not None:
            return
        for w in self._widgets():
            w.hide()


def show_progress(bar, done: int, total: int) -> None:
    """A job's progress on a bar: a fraction when the total is known, busy otherwise."""
    if total > 0:
        bar.setRange(0, total)
        bar.setValue(min(done, total))
    else:
        bar.setRange(0, 0)
