"""Import: File → Import files / folder, drag and drop on the window, the background
import job with progress and Cancel, and the import report."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.i18n import _
from desktop.jobs.qt_runner import Job
from desktop.ui.controllers.base import (
    JOB_IMPORT,
    JOB_RETAG,
    MENU_FILE,
    Controller,
    MenuItems,
    WindowContext,
)


def _import(library, paths: list[str], *, progress, cancel):
    """Worker: import paths, then return the report and the refreshed catalog.

    The worker writes through its own connection, so the window's reads (search, reader)
    never run inside the import's transactions.
    """
    from desktop.corpus.library import Library

    with Library.open(library.folder) as own:
        report = own.import_paths(paths, progress=progress, cancel=cancel)
        return report, own.catalog()


class ImportController(Controller):
    """Imports into the session's library; the new catalog goes to the session.

    Files and folders dropped anywhere on the window are imported."""

    importFinished = Signal(object)  # ImportReport, or None after an error

    def __init__(self, ctx: WindowContext, *, show_reports: bool = True) -> None:
        super().__init__(ctx)
        self.show_reports = show_reports
        self.job: Job | None = None
        self.last_report = None
        self.import_files_action = self.action(
            "", self.import_files_dialog, QKeySequence.StandardKey.Open, icon_name="import")
        self.import_folder_action = self.action(
            "", self.import_folder_dialog, "Ctrl+Shift+O", icon_name="folder")
        self.retranslate()
        ctx.window.setAcceptDrops(True)
        ctx.window.installEventFilter(self)

    def retranslate(self) -> None:
        for a, text, tip in (
            (self.import_files_action, _("&Import files…"),
             _("Import text files, archives or tables (Ctrl+O)")),
            (self.import_folder_action, _("Import &folder…"),
             _("Import every article in a folder and its subfolders")),
        ):
            a.setText(text)
            a.setToolTip(tip)
            a.setStatusTip(tip)

    # ------------------------------------------------------------------ frame interface
    def menu_actions(self) -> dict[str, MenuItems]:
        return {MENU_FILE: [self.import_files_action, self.import_folder_action]}

    def toolbar_actions(self) -> MenuItems:
        return [self.import_files_action, self.import_folder_action]

    # ------------------------------------------------------------------ dialogs
    def import_files_dialog(self) -> None:
        files, _f = QFileDialog.getOpenFileNames(
            self.ctx.window, _("Import articles"), str(Path.home()),
            _("Articles (*.txt *.zip *.csv *.tsv *.json *.jsonl *.parquet *.xlsx);;"
              "All files (*)"))
        if files:
            self.import_paths(files)

    def import_folder_dialog(self) -> None:
        d = QFileDialog.getExistingDirectory(self.ctx.window, _("Import a folder"),
                                             str(Path.home()))
        if d:
            self.import_paths([d])

    # ------------------------------------------------------------------ the job
    def import_paths(self, paths: list[str]) -> Job | None:
        """Import in the background with progress and Cancel; report and reload at the end."""
        ctx = self.ctx
        lib = ctx.session.library
        if lib is None or not paths:
            return None
        if ctx.runner.running(JOB_IMPORT) is not None:
            ctx.message(_("An import is already running."), 5000)
            return None
        if ctx.runner.running(JOB_RETAG) is not None:
            ctx.message(_("Wait for re-tagging to finish first."), 5000)
            return None
        job = ctx.runner.start(JOB_IMPORT, _import, lib, [str(p) for p in paths])
        self.job = job
        job.result.connect(self._done)
        job.error.connect(self._failed)
        job.cancelled.connect(lambda: ctx.message(_("Import cancelled."), 5000))
        ctx.jobs.track(job, _("Importing…"),
                       _("Stop the import; articles already imported stay"))
        return job

    def cancel(self) -> None:
        """Stop the running import; articles already imported stay."""
        if self.job is not None:
            self.ctx.jobs.cancel(self.job)

    def _done(self, value) -> None:
        report, catalog = value
        self.last_report = report
        self.ctx.session.set_catalog(catalog)
        self.importFinished.emit(report)
        if self.show_reports:
            from desktop.ui.dialogs.import_report import ImportReportDialog

            dlg = ImportReportDialog(report, self.ctx.window)
            dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dlg.open()

    def _failed(self, exc: object, tb: str) -> None:
        self.importFinished.emit(None)
        box = QMessageBox(QMessageBox.Icon.Warning, _("Import failed"),
                          _("The import stopped with an error:\n{error}").format(error=exc),
                          QMessageBox.StandardButton.Ok, self.ctx.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the error may quote a file name
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # ------------------------------------------------------------------ drag and drop
    def eventFilter(self, obj: QObject, e: QEvent) -> bool:  # noqa: N802 - Qt name
        t = e.type()
        if t == QEvent.Type.DragEnter:
            md = e.mimeData()
            if md.hasUrls() and any(u.isLocalFile() for u in md.urls()):
                e.acceptProposedAction()
            else:
                e.ignore()
            return True
        if t == QEvent.Type.DragMove:
            if e.mimeData().hasUrls():
                e.acceptProposedAction()
            return True
        if t == QEvent.Type.Drop:
            paths = [u.toLocalFile() for u in e.mimeData().urls() if u.isLocalFile()]
            if paths:
                e.acceptProposedAction()
                QTimer.singleShot(0, lambda: self.import_paths(paths))
            return True
        return False
