"""visit-brief: a briefing (desktop.core.briefing.Briefing) as a ministry briefing note.

Cover block (classification, title, facts table), contents, then the parts in the order
the briefing gives: objectives, key messages, background, programme, key figures, sector
sections, quotes, principal participants, sources, and the annex of full texts.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, HRFlowable, KeepTogether, PageBreak

from desktop.export.document import Doc, Meta, Progress
from desktop.export.styles import HouseStyle
from desktop.export.text import clean, esc, paragraphs
from desktop.jobs import CancelToken


def text_blocks(text: str | None) -> list[tuple[str, str]]:
    """Plain text with simple lists → [("p", text) | ("li", text)]; a list item is a line
    starting with "- ", "• " or "* "."""
    out: list[tuple[str, str]] = []
    for line in paragraphs(text):
        if line[:2] in ("- ", "• ", "* ", "– ", "— "):
            out.append(("li", line[2:].strip()))
        else:
            out.append(("p", line))
    return out


class _Brief:
    def __init__(self, b, style: HouseStyle, lang: str, prepared: str | None,
                 annex: bool) -> None:
        self.b = b
        self.doc = Doc(style, lang)
        self.t = self.doc.t
        self.style = style
        self.prepared = prepared
        self.annex = annex
        # Sources are numbered once, so figures, sections and quotes can cite "[n]".
        self.sources = b.sources()
        self.number = {a.content_hash: i + 1 for i, a in enumerate(self.sources)}

    # -- helpers ---------------------------------------------------------------------------

    def cite(self, ref) -> str:
        """"[3] Kazinform, 15.11.2025" for a SourceRef (escaped markup)."""
        if ref is None:
            return ""
        t = self.t
        _ = t  # the export language's gettext
        n = self.number.get(ref.content_hash)
        parts = [x for x in (ref.source, t.short_date(ref.date)) if x]
        label = ", ".join(parts) or _("unknown source")
        if ref.lang in ("kk", "ru") and ref.lang != t.lang:
            label += f" ({ref.lang})"
        self.doc.remember(label)
        return (f"[{n}] " if n else "") + esc(label)

    def blocks(self, text: str) -> list:
        d = self.doc
        out = []
        for kind, line in text_blocks(text):
            if kind == "li":
                out.append(d.markup(esc(line), "bullet", plain=line))
                out[-1].bulletText = "•"
            else:
                out.append(d.para(line))
        return out

    def value_text(self, f) -> str:
        """The figure in the export language's number style: 1,7 млрд USD / 1.7bn USD / 12 %."""
        t = self.t
        _ = t  # the export language's gettext
        if f.kind == "percent":
            return f"{t.number(f.value)} %" if t.lang != "en" else f"{t.number(f.value)}%"
        try:
            big = f.kind == "money" and abs(f.value) >= 1_000_000
            v = t.compact(f.value) if big else t.number(f.value)
        except (TypeError, ValueError):
            return f.value_text
        if f.kind == "money" and f.currency:
            return f"{v} {f.currency}"
        return v

    # -- parts -----------------------------------------------------------------------------

    def cover(self) -> None:
        d, t, b, st = self.doc, self.t, self.b, self.style
        _ = t  # the export language's gettext
        c = st.colours
        cls = st.classification_text(b.classification, t.lang)
        if cls:
            d.add(d.para(cls, "classification"))
        logo = d.logo()
        if logo is not None:
            d.add(logo, d.spacer(3))
        head = st.text(st.header, t.lang)
        if head:
            d.add(d.para(head.upper(), "meta"))
        d.add(d.spacer(14 if st.cover else 4))
        d.add(d.para(_("Briefing note").upper(), "subtitle"))
        d.add(d.para(b.title or _("Untitled briefing"), "title"))
        d.add(HRFlowable(width="100%", thickness=1.4, color=colors.HexColor(c.accent),
                         spaceBefore=2, spaceAfter=10))
        facts = []

        def fact(label: str, value: str | None) -> None:
            if value:
                facts.append([d.para(label, "cell_head"), d.para(value, "cell")])

        fact(_("Dates"), t.date_range(b.event_start, b.event_end))
        fact(_("Place"), b.place)
        fact(_("Partners"), ", ".join(t.name("country", p, p) for p in b.partners))
        fact(_("Audience"), b.audience)
        fact(_("Prepared by"), ", ".join(x for x in (b.author, b.unit) if x))
        fact(_("Prepared on"), t.date(b.prepared_on or self.prepared))
        fact(_("Classification"), cls)
        if facts:
            d.add(d.table(facts, [d.width * 0.27, d.width * 0.73], header=False, zebra=False,
                          extra=[("LINEBELOW", (0, 0), (-1, -2), 0.3,
                                  colors.HexColor(c.rule))]))
        if st.toc:
            d.add(d.spacer(10 if st.cover else 4))
            d.add(d.heading(_("Contents"), 0, toc=False, style="h2"))
            d.add(d.toc())
        if st.cover:
            d.add(PageBreak())

    def part_text(self, title: str, text: str) -> None:
        if not text.strip():
            return
        d = self.doc
        d.add(d.heading(title, 0))
        d.add(*self.blocks(text))

    def figures(self) -> None:
        figs = [f for f in self.b.figures if f.included]
        if not figs:
            return
        d, t = self.doc, self.t
        _ = t  # the export language's gettext
        d.add(d.heading(_("Key figures"), 0))
        rows = [[d.para(_("Figure"), "cell_head"), d.para(_("Context"), "cell_head"),
                 d.para(_("Sources"), "cell_head")]]
        # Figures stated in one sentence of the same sources share a row: the sentence is
        # printed once, its figures listed together.
        groups: dict[tuple, list] = {}
        for f in figs:
            key = (" ".join(clean(f.display()).split()),
                   tuple(sorted(s.content_hash for s in f.sources)))
            groups.setdefault(key, []).append(f)
        for members in groups.values():
            value = []
            for f in members:
                value.append(d.para(self.value_text(f), "figure"))
                as_written = clean(f.value_text)
                if as_written and as_written != self.value_text(f):
                    value.append(d.para(as_written, "cell_small"))
            cites = "<br/>".join(self.cite(s) for s in members[0].sources)
            rows.append([value, d.para(members[0].display(), "cell"),
                         d.markup(cites, "cell_small")])
        w = d.width
        d.add(d.table(rows, [w * 0.2, w * 0.53, w * 0.27]))

    def sections(self) -> None:
        secs = [s for s in self.b.sections if s.included and any(i.included for i in s.items)]
        if not secs:
            return
        d, t = self.doc, self.t
        _ = t  # the export language's gettext
        d.add(d.heading(_("Sectors"), 0))
        for s in secs:
            d.add(d.heading(t.localized("sector", s.sector, s.title), 1))
            for item in (i for i in s.items if i.included):
                art = self.b.article(item.ref)
                title = art.title if art else ""
                block = [d.para(title, "h3")] if title else []
                block += [d.para(item.display()), d.markup(self.cite(item.ref), "attrib")]
                d.add(KeepTogether(block))

    def quotes(self) -> None:
        qs = [q for q in self.b.quotes if q.included]
        if not qs:
            return
        d, t = self.doc, self.t
        _ = t  # the export language's gettext
        d.add(d.heading(_("Quotes"), 0))
        for q in qs:
            who = t.localized("person", q.speaker, q.speaker_name)
            attrib = "— " + esc(who) + ", " if who else "— "
            d.remember(who)
            d.add(KeepTogether([d.para(f"«{clean(q.display())}»" if t.lang != "en"
                                       else f"“{clean(q.display())}”", "quote"),
                                d.markup(attrib + self.cite(q.source), "attrib")]))

    def participants(self) -> None:
        ps = [p for p in self.b.participants if p.included]
        if not ps:
            return
        d, t = self.doc, self.t
        _ = t  # the export language's gettext
        d.add(d.heading(_("Principal participants"), 0))
        for kind, label in (("person", _("People")), ("org", _("Organisations"))):
            items = [p for p in ps if p.kind == kind]
            if not items:
                continue
            rows = [[d.para(label, "cell_head"), d.para(_("Articles"), "cell_head")]]
            for p in items:
                name = p.wording or t.localized(kind, p.id, p.name)
                rows.append([d.para(name, "cell"), d.para(t.number(p.articles), "cell_r")])
            w = d.width
            d.add(d.table(rows, [w * 0.82, w * 0.18]))
            d.add(d.spacer(3))

    def source_list(self) -> None:
        if not self.sources:
            return
        d, t = self.doc, self.t
        _ = t  # the export language's gettext
        d.add(d.heading(_("Sources"), 0))
        rows = [[d.para("№", "cell_head"), d.para(_("Outlet"), "cell_head"),
                 d.para(_("Date"), "cell_head"), d.para(_("Title"), "cell_head"),
                 d.para(_("Language"), "cell_head")]]
        for i, a in enumerate(self.sources, 1):
            rows.append([d.para(str(i), "cell"), d.para(a.source or "—", "cell"),
                         d.para(t.short_date(a.date) or "—", "cell"),
                         d.para(a.title or "—", "cell"), d.para(t.lang_name(a.lang), "cell")])
        w = d.width
        d.add(d.table(rows, [w * 0.06, w * 0.18, w * 0.14, w * 0.49, w * 0.13]))

    def annex_texts(self) -> None:
        if not (self.annex or self.b.include_annex) or not self.sources:
            return
        d, t = self.doc, self.t
        _ = t  # the export language's gettext
        d.add(PageBreak())
        d.add(d.heading(_("Annex: full texts"), 0))
        for i, a in enumerate(self.sources, 1):
            d.add(CondPageBreak(40 * mm))
            d.add(d.heading(f"[{i}] {a.title or _('Untitled')}", 1))
            meta = [x for x in (a.source, t.date(a.date), t.lang_name(a.lang)) if x]
            d.add(d.para(" · ".join(meta), "meta"))
            for p in paragraphs(a.text or a.lead):
                d.add(d.para(p))

    def build(self) -> None:
        t = self.t
        _ = t  # the export language's gettext
        self.cover()
        parts = {
            "objectives": lambda: self.part_text(_("Objectives"), self.b.objectives),
            "key_messages": lambda: self.part_text(_("Key messages"), self.b.key_messages),
            "background": lambda: self.part_text(_("Background"), self.b.background),
            "programme": lambda: self.part_text(_("Programme"), self.b.programme),
            "figures": self.figures,
            "sections": self.sections,
            "quotes": self.quotes,
            "participants": self.participants,
            "sources": self.source_list,
            "annex": self.annex_texts,
        }
        for name in list(self.b.order) + [p for p in parts if p not in self.b.order]:
            fn = parts.get(name)
            if fn is not None:
                fn()


def build(briefing, *, style: HouseStyle, lang: str | None = None, prepared: str | None = None,
          annex: bool = False, progress: Progress | None = None,
          cancel: CancelToken | None = None, invariant: bool = True) -> bytes:
    """The visit brief's PDF bytes; `lang` defaults to the briefing's own language."""
    lang = lang or briefing.lang
    w = _Brief(briefing, style, lang, prepared, annex)
    w.build()
    t, st, b = w.t, style, briefing
    _ = t  # the export language's gettext
    keywords = [t.name("country", p, p) for p in b.partners]
    keywords += [t.localized("sector", s.sector, s.title) for s in b.sections
                 if s.included]
    author = ", ".join(x for x in (b.author, b.unit) if x) or st.text(st.header, lang)
    return w.doc.render(
        Meta(title=b.title or _("Untitled briefing"), author=author, subject=_("Visit brief"),
             keywords=tuple(keywords)),
        header=st.text(st.header, lang), footer=st.text(st.footer, lang),
        classification=st.classification_text(b.classification, lang),
        skip_first_header=True, progress=progress, cancel=cancel,
        invariant=invariant)
