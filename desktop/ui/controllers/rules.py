"""Tagging rules in the window: re-tag the library, open the rules folder, notice edits.

The rule files are the user's to edit (docs/rules.md). The window watches the user rules
folder; after an edit it works out in the background what a re-tag would redo and offers
it in the notice bar, and a rule file that cannot be read is reported there at once,
naming the file and the parser's message. Re-tagging runs as a job with progress and
Cancel: articles already re-tagged keep their new tags, the next re-tag finishes the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.i18n import _, format_number, ngettext
from desktop.jobs.qt_runner import Job
from desktop.ui.controllers.base import (
    JOB_IMPORT,
    JOB_RETAG,
    MENU_TOOLS,
    Controller,
    MenuItems,
    WindowContext,
)

RETAG = JOB_RETAG
CHECK = "rules-check"
NOTICE_STALE = "rules-stale"
NOTICE_BROKEN = "rules-broken"


def _check(folder: str, *, progress, cancel):
    """Worker: what a re-tag would redo now, and the user rule files that cannot be read."""
    from desktop.analysis.user_rules import rule_file_errors
    from desktop.corpus.library import Library

    errors = rule_file_errors()
    with Library.open(folder) as lib:
        return lib.plan_retag(), len(lib), errors


def _retag(folder: str, full: bool, *, progress, cancel):
    """Worker: re-apply the rules through its own connection; report and fresh catalog."""
    from desktop.analysis.user_rules import rule_file_errors
    from desktop.corpus.library import Library

    errors = rule_file_errors()
    progress(0, 0, "")
    with Library.open(folder) as lib:
        lib.retag(progress=progress, cancel=cancel, full=full)
        return lib.last_retag, lib.catalog(), errors


class _RuleEditCommand(QUndoCommand):
    """One edit of the user's edits file; undo restores the file as it was."""

    def __init__(self, ctrl: RulesController, edit, again, text: str) -> None:
        super().__init__(text)
        self.ctrl, self.edit, self.again = ctrl, edit, again
        self._done = True  # pushed after the edit was made: the first redo() does nothing

    def redo(self) -> None:
        if self._done:
            return
        self.edit = self.ctrl._apply(self.again)
        self._done = self.edit is not None

    def undo(self) -> None:
        from desktop.analysis.user_rules import RuleEditError, undo

        if not self._done:  # the redo failed (reported then): nothing to undo
            return
        try:
            undo(self.edit)
        except (RuleEditError, OSError) as exc:
            self.ctrl._edit_failed(exc)
            return
        self._done = False
        self.ctrl._edited()


def _errors_text(errors: list[tuple[Path, str]]) -> str:
    lines = [_("These rule files cannot be read and are skipped until they are fixed:")]
    lines += [f"• {Path(p).name}: {msg}" for p, msg in errors]
    return "\n".join(lines)


class RulesController(Controller):
    """Owns the rules actions, the folder watcher, the re-tag / check jobs and the undo
    stack of rule edits. Edits come from `edit_areas` (the reading area): Ctrl+Z there
    undoes the last rule edit.

    The frame connects `library_opened()` to the library being (re)opened and shows the
    re-tagged article again on `tagsChanged`."""

    retagFinished = Signal(object)  # RetagReport, or None after an error
    checked = Signal(object)  # RetagPlan of the last check
    tagsChanged = Signal()  # a re-tag produced a new catalog: shown articles are stale

    def __init__(self, ctx: WindowContext, edit_areas: Iterable[QWidget] = ()) -> None:
        super().__init__(ctx)
        self.last_plan = None
        self.last_report = None  # RetagReport of the last re-tag
        self._epoch = 0  # bumped when a re-tag starts: older check results are stale
        self._dismissed: tuple | None = None  # (count, full, reason) the user hid
        self.retag_action = self.action("", lambda: self.retag(), "Ctrl+R")
        self.full_retag_action = self.action("", lambda: self.retag(full=True))
        self.folder_action = self.action("", self.open_folder)
        self._retranslate_actions()
        self.actions = [self.retag_action, self.full_retag_action, self.folder_action]
        self.undo_stack = QUndoStack(self)
        ctx.undo.register(self.undo_stack, edit_areas, self._undo_text, self._redo_text)
        self.add_dialog = None
        self.box: QMessageBox | None = None  # the last message shown

        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._changed)
        self.watcher.fileChanged.connect(self._changed)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(600)  # editors save in several steps
        self._debounce.timeout.connect(self.check)
        ctx.notice.actionTriggered.connect(self._notice_action)
        ctx.notice.dismissed.connect(self._notice_dismissed)

    def _retranslate_actions(self) -> None:
        for a, text, tip in (
            (self.retag_action, _("&Re-tag library"),
             _("Apply the current tagging rules to the articles they can change (Ctrl+R)")),
            (self.full_retag_action, _("Re-tag &every article"),
             _("Analyse every article again, whether or not a rule can change it")),
            (self.folder_action, _("Open &rules folder"),
             _("Open the folder where your own tagging rules are kept")),
        ):
            a.setText(text)
            a.setToolTip(tip)
            a.setStatusTip(tip)

    def retranslate(self) -> None:
        """Actions in the new language; a notice shown is worded again by a fresh check."""
        self._retranslate_actions()
        self.check()

    def menu_actions(self) -> dict[str, MenuItems]:
        return {MENU_TOOLS: [self.retag_action, self.full_retag_action, None,
                             self.folder_action]}

    # ------------------------------------------------------------------ folder
    def folder(self) -> Path:
        from desktop.analysis.user_rules import rules_folder

        return rules_folder(create=True)

    def watch(self) -> None:
        """Watch the user rules folder and each rule file in it (created if missing)."""
        try:
            d = self.folder()
        except OSError:
            return  # a read-only data folder: nothing to watch, nothing a user can edit
        paths = [str(d), *(str(p) for p in sorted(d.glob("*.toml")))]
        missing = [p for p in paths if p not in set(self.watcher.files())
                   | set(self.watcher.directories())]
        if missing:
            self.watcher.addPaths(missing)

    def open_folder(self) -> None:
        """Show the rules folder in the file manager; if none opens, say where it is."""
        try:
            d = self.folder()
        except OSError as exc:
            self._message(QMessageBox.Icon.Warning, _("Rules folder"),
                          _("The rules folder cannot be created:\n{error}").format(error=exc))
            return
        self.watch()
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(d))):
            self._message(QMessageBox.Icon.Information, _("Rules folder"),
                          _("Your tagging rules are kept in:\n{path}\n\nFiles ending in "
                            ".toml there are read after the bundled rules. {guide} explains "
                            "the format.").format(path=d, guide="README.txt"))

    # ------------------------------------------------------------------ checking
    def library_opened(self) -> None:
        """A library was opened: watch the rules and check whether its tags are behind."""
        self.watch()
        self.check()

    def _changed(self, _path: str) -> None:
        self.watch()  # editors replace files on save: watch the new one
        self._debounce.start()

    def check(self) -> Job | None:
        """Find out in the background whether the library's tags are behind the rules."""
        lib, runner = self.ctx.session.library, self.ctx.runner
        if lib is None or runner.running(RETAG) or runner.running(JOB_IMPORT):
            return None
        job = runner.start(CHECK, _check, str(lib.folder))
        epoch = self._epoch
        job.result.connect(lambda v: self._checked(v, epoch))
        return job

    def _checked(self, value, epoch: int) -> None:
        if epoch != self._epoch:
            return  # computed before a re-tag changed the library
        plan, total, errors = value
        self.last_plan = plan
        notice = self.ctx.notice
        if errors:
            notice.show_notice(NOTICE_BROKEN, _errors_text(errors), _("Open rules folder"),
                               "folder", warning=True)
        else:
            notice.hide_notice(NOTICE_BROKEN)
            n = len(plan.ids)
            key = (n, plan.full, plan.reason)
            if n and total and key != self._dismissed:
                notice.show_notice(NOTICE_STALE, self._stale_text(plan, total),
                                   _("Re-tag now"), "retag")
            elif not n:
                notice.hide_notice(NOTICE_STALE)
        self.checked.emit(plan)

    @staticmethod
    def _stale_text(plan, total: int) -> str:
        n = len(plan.ids)
        if plan.full and plan.reason:
            why = _(plan.reason)
            return ngettext(
                "The tagging has changed ({reason}): {n} article needs re-tagging.",
                "The tagging has changed ({reason}): {n} articles need re-tagging.",
                n).format(reason=why, n=format_number(n))
        return ngettext(
            "The tagging rules have changed: {n} of {total} article may be tagged differently.",
            "The tagging rules have changed: {n} of {total} articles may be tagged differently.",
            total).format(n=format_number(n), total=format_number(total))

    def _notice_action(self, action: str) -> None:
        if action == "retag":
            self.retag()
        elif action == "folder":
            self.open_folder()

    def _notice_dismissed(self) -> None:
        p = self.last_plan
        if p is not None:  # the same state again stays quiet; a new edit shows it again
            self._dismissed = (len(p.ids), p.full, p.reason)

    @staticmethod
    def _undo_text(step: str) -> str:
        return _("&Undo rule edit: {what}").format(what=step) if step else _("&Undo rule edit")

    @staticmethod
    def _redo_text(step: str) -> str:
        return _("&Redo rule edit: {what}").format(what=step) if step else _("&Redo rule edit")

    # ------------------------------------------------------------------ edits from the reader
    def add_rule(self, phrase: str, article_lang: str = ""):
        """Ask what `phrase` (selected in the reader) names, then add it to the rules."""
        from desktop.analysis.pipeline import vocabulary
        from desktop.analysis.user_rules import field_for
        from desktop.ui.dialogs.add_rule import AddRuleDialog

        dlg = AddRuleDialog(phrase, field_for(phrase, article_lang or None), vocabulary,
                            self.ctx.window)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self._chosen(dlg.choice()))
        dlg.finished.connect(lambda _r: setattr(self, "add_dialog", None))
        self.add_dialog = dlg
        dlg.open()
        return dlg

    def _chosen(self, choice) -> None:
        from desktop.ui.dialogs.add_rule import NEW

        if choice is None:
            return
        if choice.id == NEW:
            name = choice.pattern.rstrip("*")
            self.edit(("entry", choice.kind, name, choice.field),
                      _("add “{phrase}”").format(phrase=name))
        else:
            self.edit(("pattern", choice.kind, choice.id, choice.field, choice.pattern),
                      _("add “{phrase}”").format(phrase=choice.pattern))

    def exclude(self, kind: str, id_: str, phrase: str) -> None:
        """Never tag `phrase` as (kind, id_) again (from the why-tagged list)."""
        self.edit(("exclude", kind, id_, phrase), _("exclude “{phrase}”").format(phrase=phrase))

    def weaken(self, kind: str, id_: str, pattern: str) -> None:
        """Let the keyword `pattern` of sector id_ count half (from the why-tagged list)."""
        self.edit(("weak", kind, id_, pattern),
                  _("weak keyword “{pattern}”").format(pattern=pattern))

    def edit(self, op: tuple, text: str) -> bool:
        """Make one edit (op as in `_apply`) undoable; report it or why it failed."""
        edit = self._apply(op)
        if edit is None:
            return False
        self.undo_stack.push(_RuleEditCommand(self, edit, op, text))
        self.ctx.undo.activate(self.undo_stack)  # Ctrl+Z now undoes this edit
        label = self.ctx.names.label(edit.kind, edit.id)
        self.ctx.message(
            _("Rule added for {name}: {what}. Re-tag (Ctrl+R) to apply it; Ctrl+Z undoes "
              "it.").format(name=label, what=text), 15000)
        return True

    def _apply(self, op: tuple):
        from desktop.analysis.user_rules import (
            RuleEditError,
            add_entry,
            add_exclusion,
            add_pattern,
            add_weak,
        )

        try:
            if op[0] == "pattern":
                edit = add_pattern(*op[1:])
            elif op[0] == "exclude":
                edit = add_exclusion(*op[1:])
            elif op[0] == "weak":
                edit = add_weak(*op[1:])
            else:
                edit = add_entry(*op[1:])
        except (RuleEditError, OSError) as exc:
            self._edit_failed(exc)
            return None
        self._edited()
        return edit

    def _edited(self) -> None:
        from desktop.analysis.pipeline import forget_rules

        forget_rules()  # the reader's names and a later analysis read the files again
        self.ctx.names.reset()
        self.watch()
        self.check()

    def _edit_failed(self, exc: object) -> None:
        self._message(QMessageBox.Icon.Warning, _("Rule not changed"), str(exc))

    # ------------------------------------------------------------------ re-tagging
    def retag(self, full: bool = False) -> Job | None:
        """Re-tag the library in the background, with progress and Cancel."""
        ctx = self.ctx
        lib = ctx.session.library
        if lib is None:
            return None
        if ctx.runner.running(JOB_IMPORT) or ctx.runner.running(RETAG):
            ctx.message(_("Wait for the running import or re-tag to finish first."), 5000)
            return None
        ctx.notice.hide_notice(NOTICE_STALE)
        self._epoch += 1
        job = ctx.runner.start(RETAG, _retag, str(lib.folder), full)
        job.result.connect(self._retag_done)
        job.error.connect(self._retag_failed)
        # rules saved while it ran, or a cancelled run, show up again; on `finished`, not
        # `result`: until then the re-tag still counts as running and a check would not start
        job.finished.connect(self.check)
        ctx.jobs.track(job, _("Re-tagging…"),
                       _("Stop re-tagging; articles already done keep their new tags"))
        return job

    def _retag_done(self, value) -> None:
        report, catalog, errors = value
        self.last_report = report
        ctx = self.ctx
        ctx.names.reset()  # a rule edit may rename or add facet values
        ctx.session.set_catalog(catalog)
        self.tagsChanged.emit()
        if report.cancelled:
            msg = _("Re-tagging cancelled: {done} articles were re-checked; re-tag again "
                    "to finish.").format(done=format_number(report.rechecked))
        elif report.rechecked == 0:
            msg = _("Nothing needed re-tagging: every article is already tagged with the "
                    "current rules.")
        else:
            msg = ngettext("Re-tagged: {n} article re-checked, {changed} changed.",
                           "Re-tagged: {n} articles re-checked, {changed} changed.",
                           report.rechecked).format(n=format_number(report.rechecked),
                                                    changed=format_number(report.updated))
        ctx.message(msg, 10000)
        if errors:
            ctx.notice.show_notice(NOTICE_BROKEN, _errors_text(errors), _("Open rules folder"),
                                 "folder", warning=True)
        else:
            ctx.notice.hide_notice(NOTICE_BROKEN)
        self.retagFinished.emit(report)

    def _retag_failed(self, exc: object, tb: str) -> None:
        self._message(QMessageBox.Icon.Warning, _("Re-tagging failed"),
                      _("Re-tagging stopped with an error; articles not re-tagged yet keep "
                        "their previous tags:\n{error}").format(error=exc))
        self.retagFinished.emit(None)

    def _message(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok,
                          self.ctx.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # may quote a path or a parser message
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.box = box
        box.open()
        return box
