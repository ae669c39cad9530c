"""`kenes --self-test`: prove an installation works, offline, without touching user data.

Imports the bundled sample into a temporary library, searches it, pairs and aligns the
sample's Kazakh and Russian coverage of the Uzbekistan visit, exports every PDF template,
reads the text back and checks the Kazakh letters, then (when Qt is importable) paints the
window offscreen. One line per check; exit 0 when all pass, 1 otherwise.

Everything happens in a private temporary folder (KENES_DATA_DIR / KENES_LIBRARY point there
for the run) and any attempt to open a network connection fails the run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from desktop.i18n import _

KAZAKH_LETTERS = "әғқңөұүһі"
# The sample's Kazakh (000, 001) and Russian (002) reports of the Uzbekistan visit.
VISIT_KK = ("000_", "001_")
VISIT_RU = "002_"


# desktop.app.create_window, passed in by the entry point (this module stays below the GUI).
WindowFactory = Callable[[list[str]], tuple]


class CheckFailed(Exception):
    """A check did not pass; the message says why (for the user)."""


@dataclass
class Result:
    name: str
    ok: bool
    detail: str
    seconds: float


class _NetworkGuard:
    """Refuses and records every IP connection or name lookup while active."""

    def __init__(self) -> None:
        self.attempts: list[str] = []

    @contextlib.contextmanager
    def active(self) -> Iterator[None]:
        real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
        real_cc, real_gai = socket.create_connection, socket.getaddrinfo
        guard = self

        def refuse(what: str):
            guard.attempts.append(what)
            return OSError(_("network access refused during the self-test: {what}").format(
                what=what))

        def connect(sock, address, *a, **k):
            if sock.family in (socket.AF_INET, socket.AF_INET6):
                raise refuse(repr(address))
            return real_connect(sock, address, *a, **k)

        def connect_ex(sock, address, *a, **k):
            if sock.family in (socket.AF_INET, socket.AF_INET6):
                raise refuse(repr(address))
            return real_connect_ex(sock, address, *a, **k)

        def create_connection(address, *a, **k):
            raise refuse(repr(address))

        def getaddrinfo(host, *a, **k):
            raise refuse(repr(host))

        socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
        socket.create_connection, socket.getaddrinfo = create_connection, getaddrinfo
        try:
            yield
        finally:
            socket.socket.connect, socket.socket.connect_ex = real_connect, real_connect_ex
            socket.create_connection, socket.getaddrinfo = real_cc, real_gai


@contextlib.contextmanager
def _private_env(root: Path) -> Iterator[None]:
    """KENES_DATA_DIR / KENES_LIBRARY inside `root` for the run, restored afterwards."""
    keys = ("KENES_DATA_DIR", "KENES_LIBRARY")
    saved = {k: os.environ.get(k) for k in keys}
    os.environ["KENES_DATA_DIR"] = str(root / "data")
    os.environ["KENES_LIBRARY"] = str(root / "data" / "library")
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def pdf_text(path: Path) -> str:
    """All the text of a PDF, as a reader would copy it."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        parts = []
        for page in doc:
            tp = page.get_textpage()
            parts.append(tp.get_text_range())
            tp.close()
            page.close()
        return "\n".join(parts)
    finally:
        doc.close()


def missing_letters(text: str, letters: str = KAZAKH_LETTERS) -> str:
    """The letters of `letters` that `text` lacks, lower and upper case alike."""
    low = text.casefold()
    return "".join(ch for ch in letters if ch not in low)


class _Run:
    """The state shared by the checks: the temporary folder and the library's ids."""

    def __init__(self, root: Path, create_window: WindowFactory | None = None) -> None:
        self.root = root
        self.create_window = create_window
        self.library = root / "library"
        self.out = root / "pdf"
        self.ids: dict[str, int] = {}  # sample file prefix → article id

    def open(self):
        from desktop.corpus.library import Library

        return Library.open(self.library)

    # ------------------------------------------------------------------ checks
    def imported(self) -> str:
        from desktop.paths import sample_corpus_dir

        sample = sample_corpus_dir()
        files = sorted(p for p in sample.iterdir() if p.is_file()) if sample.is_dir() else []
        if not files:
            raise CheckFailed(_("the sample articles are missing from {path}").format(
                path=sample))
        with self.open() as lib:
            report = lib.import_paths([sample])
            if report.skipped or report.added != len(files):
                raise CheckFailed(_("{added} of {total} sample articles imported").format(
                    added=report.added, total=len(files)))
            for i in range(1, len(lib) + 1):
                origin = Path(lib.get(i).article.origin.split("::")[0]).name
                self.ids[origin[:4]] = i
        missing = [p for p in (*VISIT_KK, VISIT_RU) if p not in self.ids]
        if missing:
            raise CheckFailed(_("sample articles not found: {names}").format(
                names=", ".join(missing)))
        return _("{n} sample articles").format(n=report.added)

    def searched(self) -> str:
        from desktop.core.query import parse_query

        want = {self.ids[p] for p in (*VISIT_KK, VISIT_RU)}
        with self.open() as lib:
            cat = lib.catalog()
            found = {int(cat.row(int(p))["id"]) for p in lib.query(parse_query("country:UZ"))}
            text_hits = lib.search("Узбекистан")
        if not want <= found:
            raise CheckFailed(_("country:UZ found {found}, expected at least {want}").format(
                found=sorted(found), want=sorted(want)))
        if text_hits.ids is None or not len(text_hits.ids):
            raise CheckFailed(_("the text search found nothing"))
        return _("country:UZ → {n} articles").format(n=len(found))

    def paired(self) -> str:
        ru = self.ids[VISIT_RU]
        with self.open() as lib:
            for p in VISIT_KK:
                cands = lib.counterparts(self.ids[p], 3)
                if not cands or cands[0].id != ru:
                    raise CheckFailed(_("article {id}: best counterpart {got}, expected {want}")
                                      .format(id=self.ids[p],
                                              got=cands[0].id if cands else "—", want=ru))
        return _("both Kazakh reports → the Russian report")

    def aligned(self) -> str:
        from desktop.analysis.alignment import align, is_complete, segment
        from desktop.analysis.glossary import load_glossary

        with self.open() as lib:
            kk, ru = lib.get(self.ids[VISIT_KK[0]]), lib.get(self.ids[VISIT_RU])
        al = align(segment(kk.article.full_text(), "kk"), segment(ru.article.full_text(), "ru"),
                   left_lang="kk", right_lang="ru", glossary=load_glossary())
        both = sum(1 for lk in al.links if lk.left and lk.right)
        if not is_complete(al) or both == 0:
            raise CheckFailed(_("no sentence linked"))
        return _("{links} sentence links ({n} kk, {m} ru sentences)").format(
            links=both, n=len(al.left), m=len(al.right))

    def _export(self, template: str, **kw) -> str:
        from desktop.export import export_pdf

        self.out.mkdir(exist_ok=True)
        out = export_pdf(template, out=self.out / f"{template}.pdf", lang="kk", **kw)
        if not out.is_file() or out.stat().st_size == 0:
            raise CheckFailed(_("no PDF was written"))
        lacking = missing_letters(pdf_text(out))
        if lacking:
            raise CheckFailed(_("letters missing from the PDF text: {letters}").format(
                letters=" ".join(lacking)))
        return _("{kb} KB, all Kazakh letters present").format(kb=max(1, out.stat().st_size
                                                                       // 1024))

    def visit_brief(self) -> str:
        from desktop.core.briefing import Briefing, propose

        with self.open() as lib:
            stored = [lib.get(self.ids[p]) for p in (*VISIT_KK, VISIT_RU)]
        # The letters are written into the briefing so every glyph is exercised, whatever
        # the sample's wording happens to use.
        b = propose(Briefing(title=_("Self-test"), lang="kk", partners=["UZ"],
                             key_messages="- " + " ".join(KAZAKH_LETTERS.upper()
                                                          + KAZAKH_LETTERS)), stored)
        if not b.articles:
            raise CheckFailed(_("the briefing proposed nothing"))
        return self._export("visit-brief", briefing=b)

    def press_digest(self) -> str:
        with self.open() as lib:
            stored = [lib.get(i) for i in sorted(self.ids.values())]
        return self._export("press-digest", articles=stored,
                            title=" ".join(KAZAKH_LETTERS.upper() + KAZAKH_LETTERS))

    def parallel_text(self) -> str:
        from desktop.export.command import pair_doc

        with self.open() as lib:
            doc = pair_doc(lib, self.ids[VISIT_KK[0]], self.ids[VISIT_RU])
        return self._export("parallel-text", pair=doc,
                            title=" ".join(KAZAKH_LETTERS.upper() + KAZAKH_LETTERS))

    def window(self) -> str:
        """The main window on the library, painted offscreen."""
        if self.create_window is None:
            return _("skipped: Qt is not available")
        from PySide6.QtCore import QTimer

        qapp, window, _args = self.create_window(["--library", str(self.library)])
        state: dict = {}

        def loaded() -> None:
            img = window.grab().toImage()
            state["size"] = (img.width(), img.height())
            state["colours"] = len({img.pixel(x, y) for x in range(0, img.width(), 37)
                                    for y in range(0, img.height(), 37)})
            qapp.exit(0)

        def failed(message: str) -> None:
            state["error"] = message
            qapp.exit(1)

        window.catalogLoaded.connect(lambda: QTimer.singleShot(0, loaded))
        window.libraryFailed.connect(failed)
        QTimer.singleShot(60_000, lambda: qapp.exit(2))
        window.show()
        QTimer.singleShot(0, window.open_library)
        qapp.exec()
        runner = getattr(window, "runner", None)
        if runner is not None:
            runner.wait(30_000)
        window.close()
        window.deleteLater()
        if "error" in state:
            raise CheckFailed(state["error"])
        if "size" not in state:
            raise CheckFailed(_("the window did not open the library in time"))
        if state["colours"] < 3:
            raise CheckFailed(_("the window painted blank"))
        w, h = state["size"]
        return _("{w}×{h} painted").format(w=w, h=h)


def checks(run: _Run) -> list[tuple[str, Callable[[], str]]]:
    items = [
        (_("Import the sample library"), run.imported),
        (_("Search"), run.searched),
        (_("Pair Kazakh and Russian articles"), run.paired),
        (_("Align sentences"), run.aligned),
        (_("Export PDF: visit brief"), run.visit_brief),
        (_("Export PDF: press digest"), run.press_digest),
        (_("Export PDF: parallel text"), run.parallel_text),
    ]
    items.append((_("Main window"), run.window))
    return items


def run_checks(*, create_window: WindowFactory | None = None, keep: Path | None = None,
               out: TextIO | None = None) -> list[Result]:
    """Run every check, printing one line each to `out`; later checks still run after a
    failure unless they depend on the import. `create_window`: desktop.app.create_window
    for the window check (skipped without it). `keep`: a folder to leave the PDFs in."""
    out = out or sys.stdout
    guard = _NetworkGuard()
    results: list[Result] = []
    root = Path(tempfile.mkdtemp(prefix="kenes-selftest-"))
    try:
        with _private_env(root), guard.active():
            run = _Run(root, create_window)
            for name, fn in checks(run):
                if results and not results[0].ok:
                    results.append(Result(name, False, _("not run: the import failed"), 0.0))
                else:
                    t0 = time.perf_counter()
                    try:
                        detail, ok = fn(), True
                    except CheckFailed as e:
                        detail, ok = str(e), False
                    except Exception as e:  # noqa: BLE001 - the report names any failure
                        detail, ok = f"{type(e).__name__}: {e}", False
                    results.append(Result(name, ok, detail, time.perf_counter() - t0))
                _print(results[-1], out)
        net_ok = not guard.attempts
        results.append(Result(_("No network access"), net_ok, _("none attempted") if net_ok
                              else ", ".join(guard.attempts[:3]), 0.0))
        _print(results[-1], out)
        if keep is not None and run.out.is_dir():
            keep.mkdir(parents=True, exist_ok=True)
            for pdf in run.out.glob("*.pdf"):
                shutil.copy2(pdf, keep / pdf.name)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return results


def _print(r: Result, out: TextIO) -> None:
    mark = _("ok") if r.ok else _("FAILED")
    out.write(f"[{mark:^6}] {r.name}: {r.detail} ({r.seconds:.1f} s)\n")
    out.flush()


def main(*, lang: str | None = None, create_window: WindowFactory | None = None,
         keep: str | None = None) -> int:
    """The `kenes --self-test` command: 0 when every check passed, else 1."""
    from desktop import __version__, i18n

    i18n.setup(lang or os.environ.get("LANGUAGE") or os.environ.get("LC_ALL")
               or os.environ.get("LANG"))
    sys.stdout.write(_("Kenes {version} self-test").format(version=__version__) + "\n")
    if create_window is not None and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the check never shows on screen
    t0 = time.perf_counter()
    results = run_checks(create_window=create_window, keep=Path(keep) if keep else None)
    failed = sum(1 for r in results if not r.ok)
    took = time.perf_counter() - t0
    if failed:
        sys.stdout.write(_("{failed} of {total} checks failed ({seconds:.1f} s).").format(
            failed=failed, total=len(results), seconds=took) + "\n")
        return 1
    sys.stdout.write(_("All {total} checks passed ({seconds:.1f} s).").format(
        total=len(results), seconds=took) + "\n")
    return 0
