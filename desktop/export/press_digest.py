"""press-digest: articles grouped by sector or country, each with its lead and tags."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.briefing_text import lead
from desktop.export.document import Doc, Meta, Progress
from desktop.export.layout import WithTail
from desktop.export.styles import HouseStyle
from desktop.export.text import clean, esc
from desktop.jobs import CancelToken

GROUP_BY = ("sector", "country")
_OTHER = "\uffff"  # sorts the "no sector/country" group last


def _group_key(sa, group_by: str) -> tuple[str, str]:
    """(kind, id) of the group an article goes in: its main sector, or its main partner
    country (the home country when it names no other)."""
    an = sa.analysis
    if group_by == "sector":
        tags = list(getattr(an, "sectors", []) or [])
        return ("sector", tags[0].id) if tags else ("sector", _OTHER)
    tags = list(getattr(an, "countries", []) or [])
    partners = [t for t in tags if not getattr(t, "home", False)]
    pick = partners or tags
    return ("country", pick[0].id) if pick else ("country", _OTHER)


def _english_name(items: Sequence, kind: str, gid: str) -> str:
    attr = "countries" if kind == "country" else kind + "s"
    for sa in items:
        for tag in getattr(sa.analysis, attr, None) or []:
            if tag.id == gid and tag.name:
                return tag.name
    return gid


def _tag_names(doc: Doc, tags, kind: str) -> list[str]:
    return [doc.t.name(kind, t.id, t.name) for t in tags or []]


def group_articles(articles: Sequence, group_by: str, doc: Doc) -> list[tuple[str, list]]:
    """Groups in order of size (largest first, ties by name, the rest last); newest first
    inside each."""
    groups: dict[tuple[str, str], list] = {}
    for sa in articles:
        groups.setdefault(_group_key(sa, group_by), []).append(sa)
    t = doc.t
    _ = t  # the export language's gettext
    named = []
    for (kind, gid), items in groups.items():
        if gid == _OTHER:
            label = _("Other topics") if kind == "sector" else _("No country named")
        else:
            label = t.name(kind, gid, _english_name(items, kind, gid))
        items.sort(key=lambda sa: (sa.article.date or "", sa.id), reverse=True)
        named.append((gid == _OTHER, -len(items), label.casefold(), label, items))
    named.sort(key=lambda g: g[:3])
    return [(g[3], g[4]) for g in named]


def build(articles: Sequence, *, title: str, style: HouseStyle, lang: str,
          group_by: str = "sector", prepared: str | None = None,
          progress: Progress | None = None, cancel: CancelToken | None = None,
          invariant: bool = True) -> bytes:
    """The digest's PDF bytes. `articles` are StoredArticle (desktop.corpus.library)."""
    if group_by not in GROUP_BY:
        raise ValueError(group_by)
    doc = Doc(style, lang)
    t = doc.t
    _ = t  # the export language's gettext
    ngettext = t.ngettext
    groups = group_articles(articles, group_by, doc)

    dates = sorted(sa.article.date for sa in articles if sa.article.date)
    logo = doc.logo(12)
    if logo is not None:
        doc.add(logo, doc.spacer(3))
    doc.add(doc.para(title, "title"))
    n = len(articles)
    sub = [t.date_range(dates[0], dates[-1])] if dates else []
    sub.append(ngettext("{n} article", "{n} articles", n).format(n=t.number(n)))
    doc.add(doc.para(" · ".join(sub), "subtitle"))
    if prepared:
        doc.add(doc.para(_("Prepared on {date}").format(date=t.date(prepared)), "meta"))
    doc.add(doc.spacer(4))
    if style.toc and n:
        doc.add(doc.heading(_("Contents"), 0, toc=False))
        doc.add(doc.toc())

    label_sources = _("Source")
    for label, items in groups:
        doc.add(doc.heading(f"{label} ({t.number(len(items))})", 0))
        for sa in items:
            a = sa.article
            an = sa.analysis
            doc.add(doc.heading(a.title or _("Untitled"), 1, style="h2_loose", room_mm=40))
            meta = [a.source or _("unknown outlet"), t.date(a.date) or _("undated"),
                    t.lang_name(a.lang)]
            doc.add(doc.para(" · ".join(meta), "meta_loose"))
            body_lead = lead(a.body or "", source=a.source)
            body = doc.para(body_lead, "body") if body_lead else None
            tag_parts = []
            for kind, attr, head in (("country", "countries", _("Countries")),
                                     ("sector", "sectors", _("Sectors")),
                                     ("person", "people", _("People")),
                                     ("org", "orgs", _("Organisations"))):
                names = _tag_names(doc, getattr(an, attr, None), kind)
                if names:
                    doc.remember(*names)
                    tag_parts.append(f"<b>{esc(head)}:</b> {esc(', '.join(names))}")
            if a.url:
                tag_parts.append(f"<b>{esc(label_sources)}:</b> {esc(a.url)}")
                doc.remember(a.url)
            tags = (doc.markup(" &nbsp;·&nbsp; ".join(tag_parts), "small",
                               plain=" ".join(tag_parts), whole=True) if tag_parts else None)
            if body is not None and tags is not None:
                doc.add(WithTail(body, tags))  # the tag line never opens a page alone
            else:
                doc.add(*(f for f in (body, tags) if f is not None))
            doc.add(doc.spacer(2.5))

    keywords = tuple(label for label, _items in groups)
    return doc.render(
        Meta(title=clean(title), author=style.text(style.header, lang),
             subject=_("Press digest"), keywords=keywords),
        header=style.text(style.header, lang) or title, footer=style.text(style.footer, lang),
        progress=progress, cancel=cancel,
        invariant=invariant)
