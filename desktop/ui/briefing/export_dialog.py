"""Export PDF…: template, house style, language, grouping, annex; glyph check; preview; export.

Rendering runs through the JobRunner (desktop.export is Qt-free): progress and Cancel in the
dialog, the window stays responsive. The export writes a temporary file in the target
folder and renames it (desktop.export.atomic), so a failure or a Cancel leaves no file and
an earlier file of that name intact. The choices and the folder are remembered.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _
from desktop.jobs.qt_runner import Job
from desktop.ui.briefing.composer import BRIEF_LANGUAGES
from desktop.ui.briefing.preview import PagePreview
from desktop.ui.widgets.job_status import show_progress

if TYPE_CHECKING:
    from desktop.ui.briefing.controller import BriefingController

EXPORT = "briefing-export"
PREVIEW = "briefing-preview"
SETTINGS_KEY = "export/choices"
TEMPLATE_NAMES = (
    ("visit-brief", N_("Visit brief")),
    ("press-digest", N_("Press digest")),
    ("parallel-text", N_("Parallel text (Kazakh | Russian)")),
)
GROUPS = (("sector", N_("Sector")), ("country", N_("Country")))


def briefing_text(b) -> str:
    """Every printed string of a briefing, for the font coverage check."""
    parts = [b.title, b.place, b.audience, b.author, b.unit, b.classification, b.objectives,
             b.key_messages, b.background, b.programme, " ".join(b.partners)]
    for a in b.articles:
        parts += [a.title, a.source or "", a.lead]
        if b.include_annex:
            parts.append(a.text)
    parts += [f.display() + " " + f.value_text for f in b.figures if f.included]
    parts += [q.display() + " " + (q.speaker_name or "") for q in b.quotes if q.included]
    for s in b.sections:
        parts.append(s.title)
        parts += [i.display() for i in s.items if i.included]
    parts += [p.display() for p in b.participants if p.included]
    return "\n".join(p for p in parts if p)


def _stored(folder: str, ids: list[int], cancel) -> list:
    from desktop.corpus.library import Library

    out = []
    with Library.open(folder) as lib:
        for i in ids:
            cancel.raise_if_cancelled()
            try:
                out.append(lib.get(int(i)))
            except KeyError:
                continue
    return out


def _run(kw: dict, out: str | None, library: str | None, ids: list[int] | None,
         width: int, *, progress, cancel):
    """Worker: render (preview: pages as images) or export to `out` (atomic)."""
    from desktop.export import export_pdf, render_pdf

    progress(0, 0, "")
    if ids is not None and library:
        kw = {**kw, "articles": _stored(library, ids, cancel)}
    if kw.get("pair") is not None and library:  # (left id, right id): align them here
        from desktop.corpus.library import Library
        from desktop.export.command import pair_doc

        with Library.open(library) as lib:
            kw = {**kw, "pair": pair_doc(lib, *kw["pair"], lang=kw.get("lang", "en"))}
    if out is None:
        from desktop.ui.briefing.preview import render_pages

        data = render_pdf(**kw, progress=progress, cancel=cancel)
        return render_pages(data, width, cancel=cancel)
    return export_pdf(**kw, out=Path(out), progress=progress, cancel=cancel)


class ExportDialog(QDialog):
    """Choices on the left, the preview of the pages on the right."""

    def __init__(self, ctrl: BriefingController) -> None:
        super().__init__(ctrl.w)
        self.ctrl = ctrl
        self.job: Job | None = None
        self.last_path: Path | None = None
        self._box: QMessageBox | None = None
        self.setWindowTitle(_("Export PDF"))
        self.resize(980, 720)

        self.template = QComboBox()
        for code, name in TEMPLATE_NAMES:
            self.template.addItem(_(name), code)
        self.articles = QComboBox()
        self.articles.setToolTip(_("Which articles the press digest lists"))
        self.style = QComboBox()
        self.lang = QComboBox()
        for code, name in BRIEF_LANGUAGES:
            self.lang.addItem(name, code)
        self.lang.setToolTip(_("Language of the headings, dates and numbers"))
        self.group = QComboBox()
        for code, name in GROUPS:
            self.group.addItem(_(name), code)
        self.annex = QCheckBox(_("Add the full texts of the articles as an &annex"))
        self.glyphs = QLabel()
        self.glyphs.setTextFormat(Qt.TextFormat.PlainText)
        self.glyphs.setWordWrap(True)
        self.glyphs.setAccessibleName(_("Font check"))

        form = QFormLayout()
        form.addRow(_("&Template:"), self.template)
        self.articles_label = QLabel(_("A&rticles:"))
        self.articles_label.setBuddy(self.articles)
        form.addRow(self.articles_label, self.articles)
        form.addRow(_("House &style:"), self.style)
        form.addRow(_("&Language:"), self.lang)
        self.group_label = QLabel(_("&Group by:"))
        self.group_label.setBuddy(self.group)
        form.addRow(self.group_label, self.group)
        form.addRow("", self.annex)
        for w in (self.template, self.style, self.lang, self.group, self.articles):
            w.currentIndexChanged.connect(self._choices_changed)
        self.annex.toggled.connect(self._choices_changed)

        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton(_("&Cancel export"))
        self.cancel_button.setToolTip(_("Stop; no file is written"))
        self.cancel_button.clicked.connect(self.cancel)
        prog = QHBoxLayout()
        prog.addWidget(self.progress, 1)
        prog.addWidget(self.cancel_button)

        self.buttons = QDialogButtonBox()
        self.preview_button = self.buttons.addButton(
            _("&Preview"), QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.setToolTip(_("Show the pages here before saving"))
        self.export_button = self.buttons.addButton(
            _("&Export…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.preview_button.clicked.connect(self.preview)
        self.export_button.clicked.connect(self.choose_and_export)
        self.buttons.rejected.connect(self.reject)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.addLayout(form)
        ll.addSpacing(8)
        ll.addWidget(self.glyphs)
        ll.addStretch(1)
        ll.addWidget(self.status)
        ll.addLayout(prog)
        self.pages = PagePreview()
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(self.pages)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([380, 600])
        lay = QVBoxLayout(self)
        lay.addWidget(split, 1)
        lay.addWidget(self.buttons)
        self._busy(False)

    # ------------------------------------------------------------------ choices
    def reset(self) -> None:
        """Fill the choices for the open briefing (remembered ones where they still apply)."""
        from desktop.export.styles import list_styles, load_style

        saved = self._saved()
        b = self.ctrl.doc.briefing
        self._filling = True
        try:
            self.style.clear()
            for name in list_styles():
                try:
                    label = load_style(name).label or name
                except Exception:  # noqa: BLE001 - a broken user style is listed, fails later
                    label = name
                self.style.addItem(label, name)
            self._select(self.style, saved.get("style", "default"))
            self._select(self.template, saved.get("template", "visit-brief"))
            self._select(self.group, saved.get("group_by", "sector"))
            self._select(self.lang, b.lang)
            self.annex.setChecked(bool(b.include_annex))
            n = len(self.ctrl._filter_ids())
            self.articles.clear()
            self.articles.addItem(_("The briefing's articles ({n})").format(
                n=len(b.articles)), "briefing")
            self.articles.addItem(_("The current list ({n})").format(n=n), "list")
            self._select(self.articles, saved.get("articles", "briefing"))
            pair = self.ctrl.pair_ids() is not None
            item = self.template.model().item(2)
            item.setEnabled(pair)
            item.setToolTip(_("Show a Kazakh | Russian pair in the reader first"))
            if not pair and self.template.currentIndex() == 2:
                self.template.setCurrentIndex(0)
        finally:
            self._filling = False
        self.pages.message(_("Choose Preview to see the pages before saving."))
        self.status.setText("")
        self._choices_changed()

    @staticmethod
    def _select(combo: QComboBox, data) -> None:
        i = combo.findData(data)
        if i >= 0:
            combo.setCurrentIndex(i)

    def choices(self) -> dict:
        return {"template": self.template.currentData(), "style": self.style.currentData(),
                "lang": self.lang.currentData(), "group_by": self.group.currentData(),
                "annex": self.annex.isChecked(), "articles": self.articles.currentData()}

    def _saved(self) -> dict:
        raw = self.ctrl.ctx.settings.qsettings.value(SETTINGS_KEY, "")
        try:
            d = json.loads(str(raw)) if raw else {}
        except ValueError:
            d = {}
        return d if isinstance(d, dict) else {}

    def _remember(self, folder: Path | None = None) -> None:
        d = {**self._saved(), **self.choices()}
        if folder is not None:
            d["folder"] = str(folder)
        self.ctrl.ctx.settings.qsettings.setValue(SETTINGS_KEY, json.dumps(d))

    def _choices_changed(self, *_a) -> None:
        if getattr(self, "_filling", False):
            return
        t = self.template.currentData()
        digest = t == "press-digest"
        for w in (self.group, self.group_label, self.articles, self.articles_label):
            w.setVisible(digest)
        self.annex.setVisible(t == "visit-brief")
        self.check_glyphs()

    def check_glyphs(self) -> set[str]:
        """Say before exporting whether the style's fonts draw every character."""
        from desktop.export.fonts import describe_missing, missing_chars

        b = self.ctrl.doc.briefing
        style = self.style.currentData() or "default"
        try:
            missing = missing_chars(briefing_text(b), style)
        except Exception as exc:  # noqa: BLE001 - a broken style file: say so here
            self._glyph_state(False, _("The house style cannot be used: {error}").format(
                error=exc))
            return set()
        if missing:
            self._glyph_state(False, _("The fonts of this style cannot print: {chars}. "
                                       "Choose another house style.").format(
                chars=describe_missing(missing)))
        else:
            self._glyph_state(True, _("✓ The fonts of this style print every character of "
                                      "the briefing."))
        return missing

    def _glyph_state(self, ok: bool, text: str) -> None:
        self._glyphs_ok = ok
        self.glyphs.setText(text)
        self.glyphs.setStyleSheet("color: #1d6b2f;" if ok else "color: #a61b1b; font-weight: bold;")
        self.export_button.setEnabled(ok and self.job is None)

    # ------------------------------------------------------------------ jobs
    def _args(self) -> tuple[dict, list[int] | None]:
        c = self.choices()
        kw = {"template": c["template"], "style": c["style"], "lang": c["lang"]}
        ids = None
        b = self.ctrl.doc.briefing
        if c["template"] == "visit-brief":
            kw.update(briefing=b, annex=c["annex"])
        elif c["template"] == "press-digest":
            kw.update(group_by=c["group_by"], title=b.title or None)
            if c["articles"] == "list":
                ids = self.ctrl._filter_ids()
            else:
                ids = [a.id for a in b.articles if a.included and a.id is not None]
        else:
            kw.update(pair=self.ctrl.pair_ids(), title=b.title or None)
        return kw, ids

    def _start(self, kind: str, out: Path | None) -> Job:
        kw, ids = self._args()
        lib = self.ctrl.ctx.session.library
        folder = str(lib.folder) if lib is not None else None
        width = max(360, self.pages.viewport().width() - 40)
        job = self.ctrl.ctx.runner.start(kind, _run, kw, str(out) if out else None, folder,
                                         ids, width)
        self.job = job
        job.progress.connect(self._progress)
        job.error.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        job.finished.connect(lambda: self._busy(False) if self.job is job else None)
        self._busy(True)
        return job

    def preview(self) -> Job:
        self.status.setText(_("Rendering the preview…"))
        job = self._start(PREVIEW, None)
        job.result.connect(lambda v: (self.pages.show_pages(*v), self.status.setText(
            _("Preview: {n} pages.").format(n=v[1]))))
        return job

    def choose_and_export(self) -> None:
        folder = Path(self._saved().get("folder") or Path.home())
        if not folder.is_dir():
            folder = Path.home()
        b = self.ctrl.doc.briefing
        from desktop.ui.briefing.controller import _safe_name

        name = _safe_name(b.title or self.template.currentText()) + ".pdf"
        path, _f = QFileDialog.getSaveFileName(self, _("Export PDF"), str(folder / name),
                                               _("PDF documents (*.pdf)"))
        if path:
            p = Path(path)
            self.export_to(p if p.suffix.lower() == ".pdf" else p.with_name(p.name + ".pdf"))

    def export_to(self, out: Path) -> Job | None:
        """Export to `out` in the background (the dialog shows progress and Cancel)."""
        if self.check_glyphs():
            return None
        self._remember(out.parent)
        self.status.setText(_("Exporting to {path}…").format(path=out))
        job = self._start(EXPORT, out)
        job.result.connect(self._exported)
        return job

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status.setText(_("Cancelling…"))
            self.cancel_button.setEnabled(False)

    def _progress(self, done: int, total: int, message: str) -> None:
        show_progress(self.progress, done, total)

    def _exported(self, path) -> None:
        self.last_path = Path(path)
        self.status.setText(_("Saved {path}").format(path=path))
        self.ctrl.ctx.message(_("PDF saved to {path}").format(path=path), 8000)

    def _cancelled(self) -> None:
        self.status.setText(_("Export cancelled; no file was written."))

    def _failed(self, exc: object, _tb: str) -> None:
        self.status.setText(_("The export failed."))
        box = QMessageBox(QMessageBox.Icon.Warning, _("Export failed"),
                          _("The PDF could not be made:\n{error}").format(error=exc),
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._box = box
        box.open()

    def _busy(self, on: bool) -> None:
        if not on:
            self.job = None
        self.progress.setVisible(on)
        self.cancel_button.setVisible(on)
        self.cancel_button.setEnabled(on)
        self.preview_button.setEnabled(not on)
        self.export_button.setEnabled(not on and getattr(self, "_glyphs_ok", True))
        if on:
            self.progress.setRange(0, 0)

    def reject(self) -> None:
        if self.job is not None:
            self.cancel()
        self._remember()
        super().reject()
