"""The report shown after an import: added, duplicates and skipped files with reasons."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, format_number, ngettext
from desktop.ui.plain import plain_tooltip


def _count(value) -> int:
    if isinstance(value, int):
        return value
    try:
        return len(value)
    except TypeError:
        return 0


def report_summary(report) -> str:
    """One paragraph: what was added; duplicates and skipped files only when there were any
    (and cancelled when it was)."""
    added = _count(getattr(report, "added", 0))
    dups = _count(getattr(report, "duplicates", 0))
    skipped = list(getattr(report, "skipped", []) or [])
    parts = [
        ngettext("{n} article added.", "{n} articles added.", added).format(
            n=format_number(added)) if added else _("No new articles were added."),
    ]
    if dups:
        parts.append(ngettext(
            "{n} article was already in the library and was left as it is.",
            "{n} articles were already in the library and were left as they are.",
            dups).format(n=format_number(dups)))
    if skipped:
        parts.append(ngettext("{n} file was skipped; the reason is listed below.",
                              "{n} files were skipped; the reasons are listed below.",
                              len(skipped)).format(n=format_number(len(skipped))))
    text = " ".join(parts)
    if getattr(report, "cancelled", False):
        text = _("Import cancelled. What was imported before stays in the library.") + " " + text
    return text


class _WrapDelegate(QStyledItemDelegate):
    """Row heights from the column's width, so wrapped text gets its lines (a tree view
    asks for size hints without a width and would keep every row one line high)."""

    def sizeHint(self, option, index):  # noqa: N802 - Qt API
        opt = QStyleOptionViewItem(option)
        opt.rect = QRect(0, 0, max(1, self.parent().columnWidth(index.column())), 1)
        return super().sizeHint(opt, index)


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
        # a long reason wraps onto more lines instead of being cut off; a long path keeps
        # its file name visible
        self.skipped.setWordWrap(True)
        self.skipped.setUniformRowHeights(False)
        self.skipped.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.skipped.header().setStretchLastSection(True)
        self.skipped.setItemDelegate(_WrapDelegate(self.skipped))
        self.skipped.header().sectionResized.connect(
            lambda *_a: self.skipped.scheduleDelayedItemsLayout())
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
