"""Shared PDF machinery: paragraph styles from a house style, headings with bookmarks and
table-of-contents entries, page chrome with "N / M", metadata, cancel and progress.

Templates build a story through `Doc` (which escapes every text it is given and remembers
it for the font-coverage check) and call `Doc.render()` for the PDF bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from desktop.export import fonts
from desktop.export.l10n import L10n
from desktop.export.layout import (
    Chrome,
    Contents,
    DocTemplate,
    Heading,
    Para,
    SplitTable,
    SplittingKeepTogether,
    WholePara,
    numbered_canvas,
    shorten,
)
from desktop.export.styles import HouseStyle, StyleError
from desktop.export.text import Fallback, clean, esc, esc_lines, set_fallback
from desktop.jobs import CancelToken

Progress = Callable[[int, int, str], None]


class MissingGlyphs(Exception):
    """The house style's fonts cannot draw some characters of the document."""

    def __init__(self, chars: set[str], style: str) -> None:
        from desktop.i18n import _

        self.chars = chars
        self.style = style
        super().__init__(_("The fonts of house style “{style}” cannot print these characters: "
                           "{chars}. Choose another style or add a font that has them.").format(
            style=style, chars=fonts.describe_missing(chars)))


@dataclass
class Meta:
    title: str
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()


class Doc:
    """A story under construction in one house style and export language."""

    def __init__(self, style: HouseStyle, lang: str) -> None:
        self.style = style
        self.t = L10n(lang)
        self.story: list[Flowable] = []
        self._texts: list[str] = []
        for name in {style.body_font, style.heading_font}:
            fonts.register(name)
        fb = fonts.fallback_family()
        if fb is not None:
            fonts.register(fb.name)
            primary = frozenset.intersection(*(
                fonts.cmap(f, v) for f in {style.body_font, style.heading_font}
                for v in fonts.family(f).files))
            set_fallback(Fallback(fb.font_name(), primary, fonts.cmap(fb.name)))
        else:
            set_fallback(None)
        self.ps = self._paragraph_styles()
        w, h = A4 if style.page_size == "A4" else LETTER
        top, right, bottom, left = (m * mm for m in style.margins_mm)
        self.page_size = (w, h)
        self.width = w - left - right
        self.height = h - top - bottom

    # -- styles ------------------------------------------------------------------------------

    def _paragraph_styles(self) -> dict[str, ParagraphStyle]:
        st = self.style
        c = st.colours
        body = fonts.family(st.body_font)
        head = fonts.family(st.heading_font)
        s = st.body_size
        text = colors.HexColor(c.text)
        heading = colors.HexColor(c.heading)
        muted = colors.HexColor(c.muted)
        # bulletFontName: reportlab's default (Helvetica) would add an unembedded font
        base = ParagraphStyle("body", fontName=body.font_name("Regular"),
                              bulletFontName=body.font_name("Regular"), fontSize=s,
                              leading=s * 1.42, textColor=text, spaceAfter=s * 0.6,
                              alignment=TA_LEFT, splitLongWords=1, allowWidows=0,
                              allowOrphans=0)

        def derive(name: str, **kw) -> ParagraphStyle:
            return ParagraphStyle(name, parent=base, **kw)

        hb = head.font_name("Bold")
        return {
            "body": base,
            "title": derive("title", fontName=hb, fontSize=s * 2.1, leading=s * 2.6,
                            textColor=heading, spaceAfter=s * 0.8),
            "subtitle": derive("subtitle", fontName=head.font_name("Regular"), fontSize=s * 1.25,
                               leading=s * 1.7, textColor=muted, spaceAfter=s * 0.4),
            "h1": derive("h1", fontName=hb, fontSize=s * 1.45, leading=s * 1.85,
                         textColor=heading, spaceBefore=s * 1.5, spaceAfter=s * 0.7,
                         keepWithNext=1),
            "h2": derive("h2", fontName=hb, fontSize=s * 1.12, leading=s * 1.45,
                         textColor=heading, spaceBefore=s * 1.1, spaceAfter=s * 0.35,
                         keepWithNext=1),
            "h3": derive("h3", fontName=body.font_name("Bold"), fontSize=s, leading=s * 1.35,
                         textColor=text, spaceBefore=s * 0.6, spaceAfter=s * 0.2,
                         keepWithNext=1),
            "meta": derive("meta", fontSize=s * 0.86, leading=s * 1.2, textColor=muted,
                           spaceAfter=s * 0.35, keepWithNext=1),
            # For long runs of short items (a digest's articles): a CondPageBreak before
            # each item keeps its heading with its first lines, far cheaper than
            # thousands of keep-together groups.
            "h2_loose": derive("h2_loose", fontName=hb, fontSize=s * 1.12, leading=s * 1.45,
                               textColor=heading, spaceBefore=s * 1.1, spaceAfter=s * 0.35),
            "meta_loose": derive("meta_loose", fontSize=s * 0.86, leading=s * 1.2,
                                 textColor=muted, spaceAfter=s * 0.35),
            "small": derive("small", fontSize=s * 0.86, leading=s * 1.22, textColor=muted),
            "quote": derive("quote", fontName=body.font_name("Italic"), leftIndent=s * 1.6,
                            rightIndent=s * 1.2, spaceAfter=s * 0.2),
            "attrib": derive("attrib", fontSize=s * 0.86, leading=s * 1.2, textColor=muted,
                             leftIndent=s * 1.6, spaceAfter=s * 0.9),
            "bullet": derive("bullet", leftIndent=s * 1.4, bulletIndent=s * 0.3,
                             spaceAfter=s * 0.3),
            "cell": derive("cell", fontSize=s * 0.9, leading=s * 1.22, spaceAfter=0),
            "cell_r": derive("cell_r", fontSize=s * 0.9, leading=s * 1.22, spaceAfter=0,
                             alignment=TA_RIGHT),
            "cell_head": derive("cell_head", fontName=body.font_name("Bold"), fontSize=s * 0.86,
                                leading=s * 1.15, textColor=heading, spaceAfter=0),
            "figure": derive("figure", fontName=hb, fontSize=s * 1.05, leading=s * 1.3,
                             textColor=heading, spaceAfter=1),
            "cell_small": derive("cell_small", fontSize=s * 0.78, leading=s * 1.05,
                                 textColor=muted, spaceAfter=0),
            "classification": derive("classification", fontName=hb, fontSize=s * 0.95,
                                     textColor=colors.HexColor(c.classification),
                                     alignment=TA_RIGHT),
            "toc0": derive("toc0", fontName=body.font_name("Bold"), fontSize=s, leading=s * 1.5,
                           spaceBefore=s * 0.4),
            "toc1": derive("toc1", fontSize=s * 0.92, leading=s * 1.3, leftIndent=s * 1.5),
        }

    # -- story helpers (every text goes through esc) -------------------------------------------

    def remember(self, *texts: str | None) -> None:
        self._texts.extend(t for t in texts if t)

    def para(self, text: str | None, style: str = "body", *, lines: bool = False) -> Paragraph:
        self.remember(text)
        return Para(esc_lines(text) if lines else esc(text), self.ps[style])

    def markup(self, markup: str, style: str = "body", *, plain: str = "",
               whole: bool = False) -> Paragraph:
        """Paragraph from trusted markup built by a template (its variable parts escaped);
        `whole`: never split across pages."""
        self.remember(plain or markup)
        return (WholePara if whole else Para)(markup, self.ps[style])

    def heading(self, text: str, level: int = 0, *, toc: bool = True,
                style: str | None = None, room_mm: float | None = None) -> Heading:
        """A heading; `room_mm` is the space it needs below it on the page (else a page
        break comes first), default 34 mm for level 0 and 26 mm for level 1."""
        self.remember(text)
        h = Heading(text, self.ps[style or f"h{min(level, 2) + 1}"], level, toc=toc)
        if room_mm is not None:
            h.room_mm = room_mm
        return h

    def add(self, *flowables: Flowable) -> None:
        for f in flowables:
            if isinstance(f, Heading) and f.level <= 1:
                # A heading needs room for itself and a few lines, else it starts a page.
                room = getattr(f, "room_mm", None) or (34 if f.level == 0 else 26)
                self.story.append(CondPageBreak(room * mm))
            self.story.append(f)

    def logo(self, height_mm: float = 16) -> Flowable | None:
        """The house style's logo (PNG/JPEG; SVG when svglib is installed), left-aligned."""
        path = self.style.logo
        if path is None:
            return None
        if path.suffix.lower() == ".svg":
            try:
                from svglib.svglib import svg2rlg
            except ImportError:
                from desktop.i18n import _

                raise StyleError(_("{file}: an SVG logo needs the svglib package; use a PNG "
                                   "logo instead.").format(file=path)) from None
            drawing = svg2rlg(str(path))
            scale = height_mm * mm / max(drawing.height, 1)
            drawing.scale(scale, scale)
            drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
            drawing.hAlign = "LEFT"
            return drawing
        from reportlab.lib.utils import ImageReader
        from reportlab.platypus import Image

        w, h = ImageReader(str(path)).getSize()
        img = Image(str(path), width=height_mm * mm * w / max(h, 1), height=height_mm * mm)
        img.hAlign = "LEFT"
        return img

    def spacer(self, h_mm: float) -> Spacer:
        return Spacer(1, h_mm * mm)

    def toc(self) -> TableOfContents:
        """Contents of every heading made with toc=True (filled in at render)."""
        toc = Contents([])
        toc.levelStyles = [self.ps["toc0"], self.ps["toc1"]]
        toc.dotsMinLevel = 0
        # Tables default to Helvetica, which would add an unembedded font to the PDF.
        toc.tableStyle = TableStyle([
            ("FONT", (0, 0), (-1, -1), self.ps["body"].fontName, self.style.body_size),
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
        return toc

    def table(self, rows: list[list], widths: list[float], *, header: bool = True,
              zebra: bool = True, extra: list | None = None) -> Table:
        """A table that splits across pages, repeats its header row, and splits tall rows."""
        c = self.style.colours
        t = SplitTable(rows, colWidths=widths, repeatRows=1 if header else 0, splitByRow=1,
                       splitInRow=1, hAlign="LEFT")
        cmds = [
            ("FONT", (0, 0), (-1, -1), self.ps["cell"].fontName, self.ps["cell"].fontSize),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LINEBELOW", (0, -1), (-1, -1), 0.6, colors.HexColor(c.rule)),
        ]
        if header:
            cmds += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(c.table_header)),
                     ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor(c.heading))]
        if zebra:
            cmds.append(("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1),
                         [colors.white, colors.HexColor(c.table_stripe)]))
        t.setStyle(TableStyle(cmds + (extra or [])))
        return t

    # -- output --------------------------------------------------------------------------------

    def _index_headings(self) -> None:
        """Name every heading's bookmark and fill the contents, before layout."""
        heads = [f for f in self.story if isinstance(f, Heading)]
        for i, h in enumerate(heads, 1):
            h.key = f"h{i}"
        entries = [(h.level, esc(shorten(h.plain)), h.key) for h in heads if h.toc and h.outline]
        for f in self.story:
            if isinstance(f, Contents):
                f.fixed = entries
                f._rows = {}

    def check_fonts(self) -> None:
        text = "\n".join(self._texts)
        missing = fonts.family_missing(text, {self.style.body_font, self.style.heading_font})
        if missing:
            raise MissingGlyphs(missing, self.style.name)

    def render(self, meta: Meta, *, header: str = "", footer: str = "", classification: str = "",
               skip_first_header: bool = False,
               progress: Progress | None = None, cancel: CancelToken | None = None,
               invariant: bool = True) -> bytes:
        """Lay out the story and return the PDF. Raises MissingGlyphs before any work."""
        self.remember(header, footer, classification)
        self.check_fonts()
        st = self.style
        top, right, bottom, left = (m * mm for m in st.margins_mm)
        n = max(1, len(self.story))
        done = [0]

        def on_flowable() -> None:
            done[0] += 1
            if cancel is not None:
                cancel.raise_if_cancelled()
            if progress is not None and done[0] % 8 == 0:
                progress(min(done[0], n - 1), n, "")

        buf = io.BytesIO()
        doc = DocTemplate(
            buf, on_flowable=on_flowable, heading_pages={}, pagesize=self.page_size, leftMargin=left,
            rightMargin=right, topMargin=top, bottomMargin=bottom, title=clean(meta.title),
            author=clean(meta.author), subject=clean(meta.subject),
            keywords=[clean(k) for k in meta.keywords if k], creator="Kenes",
            producer="Kenes (reportlab)", lang=self.t.lang, invariant=1 if invariant else 0,
            displayDocTitle=1, initialFontName=fonts.family(st.body_font).font_name(),
            keepTogetherClass=SplittingKeepTogether,
        )
        frame = Frame(left, bottom, self.width, self.height, id="body", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        chrome = Chrome(st, clean(header), clean(footer), clean(classification),
                         skip_first_header)
        chrome.heading_pages = doc.heading_pages
        maker = numbered_canvas(chrome)
        self._index_headings()
        # One layout pass: the contents' page numbers are drawn when the canvas is saved.
        story = list(self.story)
        while story and isinstance(story[-1], Spacer):
            story.pop()  # space after the last item would open a blank page at a page end
        doc.build(story, canvasmaker=maker)
        if progress is not None:
            progress(n, n, "")
        return buf.getvalue()
