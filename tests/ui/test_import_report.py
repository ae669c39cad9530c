"""The import report reads as sentences and shows every skip reason whole."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.ui.dialogs.import_report import ImportReportDialog, report_summary


@dataclass
class Skipped:
    path: str
    reason: str


@dataclass
class Report:
    added: int = 0
    duplicates: int = 0
    skipped: list = field(default_factory=list)
    cancelled: bool = False


def test_the_summary_names_only_what_happened(qapp):
    text = report_summary(Report(added=5))
    assert text == "5 articles added."
    assert "0 duplicates" not in text and "skipped" not in text
    text = report_summary(Report(added=0, duplicates=5))
    assert text.startswith("No new articles were added.")
    assert "5 articles were already in the library" in text
    text = report_summary(Report(added=1, skipped=[Skipped("a.pdf", "not a text file")]))
    assert text == "1 article added. 1 file was skipped; the reason is listed below."


def test_a_long_skip_reason_wraps_instead_of_being_cut_off(qtbot):
    reason = ("the file is not UTF-8, UTF-16, Windows-1251 or KOI8-R text and no encoding "
              "could be detected with confidence; save it as UTF-8 and import it again "
              "(the first bytes look like a PDF document, which Kenes does not read)")
    dlg = ImportReportDialog(Report(skipped=[Skipped("/very/long/folder/" * 8 + "x.pdf",
                                                      reason)]))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    tree = dlg.skipped
    item = tree.topLevelItem(0)
    assert item.text(1) == reason
    line = tree.fontMetrics().height()
    assert tree.visualItemRect(item).height() >= 2 * line  # wrapped onto several lines
    assert tree.header().sectionSize(1) < tree.fontMetrics().horizontalAdvance(reason)
