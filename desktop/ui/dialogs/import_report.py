"""The report shown after an import: added, duplicates and skipped files with reasons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, ngettext
from desktop.ui.plain import plain_tooltip


def _count(value) -> int:
    if isinstance(value, int):
        return value
    try:
        return len(value)
    except TypeError:
        return 0


def report_summary(report) -> str:
    """One paragraph: n added, n duplicates, n skipped (and cancelled when it was)."""
    added = _count(getattr(report, "added", 0))
    dups = _count(getattr(report, "duplicates", 0))
    skipped = list(getattr(report, "skipped", []) or [])
    parts = [
        ngettext("{n} article added", "{n} articles added", added).format(n=added),
        ngettext("{n} duplicate not added again", "{n} duplicates not added again",
                 dups).format(n=dups),
        ngettext("{n} file skipped", "{n} files skipped", len(skipped)).format(n=len(skipped)),
    ]
    text = "; ".join(parts) + "."
    if getattr(report, "cancelled", False):
        text = _("Import cancelled. What was imported before stays in the library.") + " " + text
    return text


class ImportReportDialog(QDialog):
    """Lists the outcome of one import; skipped files are shown with their reasons."""

    def __init__(self, report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import report"))
        self.summary = QLabel(report_summary(report), self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.skipped = QTreeWidget(self)
        self.skipped.setHeaderLabels([_("Skipped file"), _("Reason")])
        self.skipped.setRootIsDecorated(False)
        self.skipped.setAccessibleName(_("Skipped files"))
        for s in getattr(report, "skipped", []) or []:
            item = QTreeWidgetItem([str(getattr(s, "path", s)), str(getattr(s, "reason", ""))])
            item.setToolTip(0, plain_tooltip(item.text(0)))
            item.setToolTip(1, plain_tooltip(item.text(1)))
            self.skipped.addTopLevelItem(item)
        self.skipped.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.skipped.setColumnWidth(0, 320)
        self.skipped.setVisible(self.skipped.topLevelItemCount() > 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        copy = buttons.addButton(_("Copy report"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.setToolTip(_("Copy the summary and the skipped files to the clipboard"))
        copy.clicked.connect(self.copy_to_clipboard)
        buttons.accepted.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.skipped, 1)
        lay.addWidget(buttons)
        # isVisible() is False until the dialog is shown; isHidden() tells what was set above.
        self.resize(720, 380 if not self.skipped.isHidden() else 140)

    def as_text(self) -> str:
        """The report as plain text: summary, then one skipped file and reason per line."""
        lines = [self.summary.text()]
        for i in range(self.skipped.topLevelItemCount()):
            item = self.skipped.topLevelItem(i)
            lines.append(f"{item.text(0)}\t{item.text(1)}")
        return "\n".join(lines)

    def copy_to_clipboard(self) -> None:
        QApplication.clipboard().setText(self.as_text())
