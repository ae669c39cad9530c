"""PDF export (Qt-free): house styles, fonts, templates and an atomic write.

    export_pdf("press-digest", articles=stored, out=Path("digest.pdf"), lang="ru")

runs as a plain function with `progress(done, total, message)` and a `cancel` token, so the
UI runs it through desktop.jobs and the CLI calls it directly.
"""

from __future__ import annotations

import datetime as _dt
import gc
from collections.abc import Sequence
from pathlib import Path

from desktop.jobs import CancelToken, Progress

TEMPLATES = ("visit-brief", "press-digest", "parallel-text")


class ExportError(Exception):
    """An export could not be made; the message is for the user."""


def render_pdf(template: str, *, briefing=None, articles: Sequence | None = None, pair=None,
               style: str = "default", lang: str | None = None, progress: Progress | None = None,
               cancel: CancelToken | None = None, group_by: str = "sector",
               title: str | None = None, prepared: str | None = None,
               annex: bool = False, invariant: bool = True) -> bytes:
    """The PDF as bytes (for a preview); see export_pdf for the arguments."""
    # The app's heap (library, rules, widgets) is left out of garbage collection while the
    # export allocates: a full collection, which holds every thread, then scans only the
    # export's own objects, and the window stays responsive (bench: export stall).
    gc.freeze()
    try:
        return _render(template, briefing=briefing, articles=articles, pair=pair,
                       style=style, lang=lang, progress=progress, cancel=cancel,
                       group_by=group_by, title=title, prepared=prepared, annex=annex,
                       invariant=invariant)
    finally:
        gc.unfreeze()


def _render(template: str, *, briefing, articles, pair, style: str, lang: str | None,
            progress: Progress | None, cancel: CancelToken | None, group_by: str,
            title: str | None, prepared: str | None, annex: bool, invariant: bool) -> bytes:
    from desktop.export.styles import load_style
    from desktop.i18n import _

    if template not in TEMPLATES:
        raise ExportError(_("Unknown template “{name}”; choose one of {names}.").format(
            name=template, names=", ".join(TEMPLATES)))
    house = load_style(style)
    if lang is None:  # a briefing carries its language; other documents default to English
        lang = getattr(briefing, "lang", None) if template == "visit-brief" else None
    lang = lang if lang in ("kk", "ru", "en") else "en"
    if template == "press-digest":
        from desktop.export import press_digest

        if articles is None:
            raise ExportError(_("A press digest needs a list of articles."))
        from desktop.export.l10n import L10n

        return press_digest.build(
            list(articles), title=title or L10n(lang)("Press digest"), style=house, lang=lang,
            group_by=group_by, prepared=prepared, progress=progress, cancel=cancel,
            invariant=invariant)
    if template == "visit-brief":
        from desktop.export import visit_brief

        if briefing is None:
            raise ExportError(_("A visit brief needs a briefing."))
        return visit_brief.build(briefing, style=house, lang=lang, prepared=prepared,
                                 annex=annex, progress=progress, cancel=cancel,
                                 invariant=invariant)
    from desktop.export import parallel_text

    if pair is None:
        raise ExportError(_("A parallel text needs a pair of aligned texts."))
    return parallel_text.build(pair, style=house, lang=lang, title=title, progress=progress,
                               cancel=cancel, invariant=invariant)


def export_pdf(template: str, *, briefing=None, articles: Sequence | None = None, pair=None,
               style: str = "default", lang: str | None = None, out: Path,
               progress: Progress | None = None, cancel: CancelToken | None = None,
               group_by: str = "sector", title: str | None = None,
               prepared: str | None = None, annex: bool = False,
               invariant: bool = True) -> Path:
    """Render `template` and write it atomically to `out`; returns `out`.

    template: "visit-brief" (needs `briefing`, a desktop.core.briefing.Briefing),
    "press-digest" (needs `articles`, StoredArticle list; `group_by` "sector"|"country"),
    "parallel-text" (needs `pair`, a desktop.export.parallel_text.ParallelDoc).
    `lang` (kk|ru|en) is the language of headings, dates and numbers (default: the
    briefing's for a visit brief, else English); `style` a house style
    name (list_styles()); `prepared` an ISO date printed as "prepared on" (default today);
    `annex` adds the full texts to a visit brief.
    Raises ExportError / StyleError / MissingGlyphs with a message for the user, and
    desktop.jobs.Cancelled when `cancel` fires; in every failure no file is left at `out`
    and an earlier file there is untouched.
    """
    from desktop.export.atomic import atomic_write_pdf

    if prepared is None:
        prepared = _dt.date.today().isoformat()
    data = render_pdf(template, briefing=briefing, articles=articles, pair=pair, style=style,
                      lang=lang, progress=progress, cancel=cancel, group_by=group_by,
                      title=title, prepared=prepared, annex=annex, invariant=invariant)
    if cancel is not None:
        cancel.raise_if_cancelled()
    return atomic_write_pdf(out, data, cancel=cancel)


__all__ = ["TEMPLATES", "ExportError", "export_pdf", "render_pdf"]
