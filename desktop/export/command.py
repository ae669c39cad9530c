"""`kenes export`: a visit brief, press digest or parallel text to PDF, headless.

The search filters are those of `kenes search` (the article language is `--article-lang`
here, since `--lang` is the language of the export).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.i18n import _


def add_parser(sub, library_opt) -> argparse.ArgumentParser:
    s = sub.add_parser("export", help=_("export a visit brief, press digest or parallel text "
                                        "as PDF"))
    s.add_argument("--template",
                   choices=["visit-brief", "press-digest", "parallel-text"],
                   help=_("what to produce"))
    s.add_argument("-o", "--output", metavar="OUT.pdf",
                   help=_("PDF file to write (replaced only once the export succeeded)"))
    s.add_argument("--brief", metavar="FILE", help=_("visit-brief: the .kenes-brief file"))
    s.add_argument("--pair", nargs=2, type=int, metavar=("LEFT_ID", "RIGHT_ID"),
                   help=_("parallel-text: the two articles (Kazakh and Russian versions)"))
    s.add_argument("--lang", dest="export_lang", choices=["kk", "ru", "en"],
                   help=_("language of headings, dates and numbers (default: the "
                          "briefing's, else the interface language)"))
    s.add_argument("--style", default="default", metavar="NAME",
                   help=_("house style (resources/templates or the user templates folder)"))
    s.add_argument("--group-by", choices=["sector", "country"], default="sector",
                   help=_("press-digest: group articles by sector or by country"))
    s.add_argument("--title", metavar="TEXT", help=_("press-digest / parallel-text: title"))
    s.add_argument("--annex", action="store_true",
                   help=_("visit-brief: add the full texts as an annex"))
    s.add_argument("--list-styles", action="store_true", help=_("list the house styles and exit"))
    # The filters of `kenes search`, for press-digest; --lang is the export language here.
    from desktop.corpus.commands import add_filter_arguments

    add_filter_arguments(s, text_help=_("press-digest: full-text query, as in kenes search"),
                         lang_flag="--article-lang", limit_help=_("at most this many articles"))
    library_opt(s)
    return s


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _progress():
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, message: str = "") -> None:
        pct = int(100 * done / total) if total else 0
        sys.stderr.write("\r" + _("Exporting… {percent}%").format(percent=pct))
        sys.stderr.flush()

    return show


def _articles(args: argparse.Namespace) -> list:
    from desktop.corpus.commands import _build_filter
    from desktop.corpus.library import Library

    f = _build_filter(args)
    with Library.open(getattr(args, "library", None)) as lib:
        ids = lib.query(f)
        if args.limit and args.limit > 0:
            ids = ids[: args.limit]
        cat = lib.catalog()
        return [lib.get(int(cat.row(int(p))["id"])) for p in ids]


def pair_doc(lib, left_id: int, right_id: int, lang: str = "en"):
    """A ParallelDoc for two library articles: the stored (user-corrected) links when they
    fit the texts, else a fresh alignment; mismatches flagged. `lang` is the export's
    language (the dates under the titles)."""
    from desktop.analysis import alignment as al_mod
    from desktop.export.l10n import L10n
    from desktop.export.parallel_text import ParallelDoc

    a, b = lib.get(left_id), lib.get(right_id)
    lt, rt = a.article.full_text(), b.article.full_text()
    left = al_mod.segment(lt, a.article.lang if a.article.lang in ("kk", "ru") else "kk")
    right = al_mod.segment(rt, b.article.lang if b.article.lang in ("kk", "ru") else "ru")
    al = None
    pin = lib.pin_of(left_id) if hasattr(lib, "pin_of") else None
    if pin is not None and pin.b == right_id and pin.links:
        cand = al_mod.Alignment(left, right, list(pin.links), a.article.lang, b.article.lang)
        if al_mod.is_complete(cand):
            al = cand
    if al is None:
        glossary = None
        try:
            from desktop.analysis.glossary import load_glossary

            glossary = load_glossary()
        except Exception:  # noqa: BLE001 - the glossary only helps; align without it
            glossary = None
        al = al_mod.align(left, right, left_lang=a.article.lang, right_lang=b.article.lang,
                          glossary=glossary)
    found = al_mod.mismatches(lt, rt, a.analysis, b.analysis, al)
    t = L10n(lang)

    def meta(s) -> str:
        return " · ".join(x for x in (s.article.source, t.short_date(s.article.date)) if x)

    return ParallelDoc.from_alignment(
        al, left_title=a.article.title, right_title=b.article.title, mismatches=found,
        left_meta=meta(a), right_meta=meta(b))


def run(args: argparse.Namespace) -> int:
    """Exit 0 on success, 1 when the export failed (the message says why), 2 on bad input."""
    from desktop.core.query import QueryError
    from desktop.export import ExportError, export_pdf
    from desktop.export.document import MissingGlyphs
    from desktop.export.styles import StyleError, list_styles
    from desktop.i18n import current_language
    from desktop.jobs import Cancelled, CancelToken

    if args.list_styles:
        for name in list_styles():
            sys.stdout.write(name + "\n")
        return 0
    if not args.template or not args.output:
        _err(_("kenes export needs --template and -o OUT.pdf (see kenes export --help)."))
        return 2
    lang = args.export_lang or current_language()
    kw: dict = {}
    try:
        if args.template == "visit-brief":
            from desktop.core.briefing import BriefingError, load

            if not args.brief:
                _err(_("visit-brief needs --brief FILE (a .kenes-brief file)."))
                return 2
            try:
                kw["briefing"] = load(args.brief)
            except BriefingError as e:
                _err(str(e))
                return 1
            lang = args.export_lang or kw["briefing"].lang
            kw["annex"] = args.annex
        elif args.template == "press-digest":
            kw["articles"] = _articles(args)
            if not kw["articles"]:
                _err(_("No article matches; nothing to export."))
                return 1
            kw["group_by"] = args.group_by
            kw["title"] = args.title
        else:
            if not args.pair:
                _err(_("parallel-text needs --pair LEFT_ID RIGHT_ID."))
                return 2
            from desktop.corpus.library import Library

            with Library.open(getattr(args, "library", None)) as lib:
                try:
                    kw["pair"] = pair_doc(lib, *args.pair, lang=lang)
                except KeyError as e:
                    _err(_("No article with id {id}.").format(id=e.args[0] if e.args else "?"))
                    return 1
            kw["title"] = args.title
    except QueryError as e:
        _err(_("Search error: {message}").format(message=e.message))
        return 2
    cancel = CancelToken()
    try:
        out = export_pdf(args.template, style=args.style, lang=lang, out=Path(args.output),
                         progress=_progress(), cancel=cancel, **kw)
    except (ExportError, StyleError, MissingGlyphs) as e:
        _err(str(e))
        return 1
    except (KeyboardInterrupt, Cancelled):
        _err(_("Export cancelled; no file was written."))
        return 130
    except OSError as e:
        _err(_("The PDF could not be written to {path}: {reason}").format(
            path=args.output, reason=e.strerror or e))
        return 1
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    sys.stdout.write(_("Wrote {path}").format(path=out) + "\n")
    return 0
