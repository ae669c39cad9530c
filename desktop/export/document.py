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
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.tableofcontents import TableOfContents

from desktop.export import fonts
from desktop.export.l10n import L10n
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


class Para(Paragraph):
    """A Paragraph that remembers its line breaking per width: tables and keep-together
    groups wrap the same paragraph again and again."""

    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab API
        cache = self.__dict__.setdefault("_wrap_cache", {})
        hit = cache.get(availWidth)
        if hit is not None:
            self.width, self.height, self.blPara, self._wrapWidths = hit
            return self.width, self.height
        w, h = super().wrap(availWidth, availHeight)
        if h != 0x7FFFFFFF:
            cache[availWidth] = (self.width, self.height, self.blPara, self._wrapWidths)
        return w, h


class Heading(Para):
    """A heading that becomes a bookmark (and a TOC entry when `toc`)."""

    def __init__(self, text: str | None, style: ParagraphStyle, level: int = 0, toc: bool = True,
                 outline: bool = True, **kw) -> None:
        if text is None:  # a split part (Paragraph.split passes frags): no second bookmark
            super().__init__(None, style, **kw)
            toc = outline = False
        else:
            super().__init__(esc(text), style, **kw)
        self.plain = " ".join(clean(text).split())
        self.level = level
        self.toc = toc
        self.outline = outline
        self.key = ""  # bookmark name, given by Doc.render before layout

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab API
        # A heading taller than the space left splits; its first part carries the bookmark.
        parts = super().split(availWidth, availHeight)
        if parts and isinstance(parts[0], Heading):
            first = parts[0]
            first.key, first.level, first.plain = self.key, self.level, self.plain
            first.toc, first.outline = self.toc, self.outline
        return parts


class _Chrome:
    """Header and footer drawn after the whole document is laid out (so M is known)."""

    def __init__(self, style: HouseStyle, header: str, footer: str, classification: str,
                 skip_first: bool) -> None:
        self.style = style
        self.header = header
        self.footer = footer
        self.classification = classification
        self.skip_first = skip_first
        self.heading_pages: dict[str, int] = {}  # bookmark key -> page, filled while laying out


def _numbered_canvas(chrome: _Chrome):
    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self.toc_marks: list[tuple] = []  # contents entries on this page, numbered at save

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self.toc_marks = []
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._draw_toc_numbers()
                self._draw_chrome(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _draw_toc_numbers(self) -> None:
            """Dots and page numbers of the contents entries on this page: known only now,
            which is what lets one layout pass make a document with contents."""
            for x, y, right, style, key, dots in self.toc_marks:
                if key not in chrome.heading_pages:  # never laid out: keep the link valid
                    self.bookmarkPage(key)
                page = str(chrome.heading_pages.get(key, ""))
                size = style.fontSize
                pw = stringWidth(page, style.fontName, size)
                dot = " . "
                dw = stringWidth(dot, style.fontName, size)
                n = max(0, int((right - x - pw) / dw)) if dots else 0
                self.saveState()
                self.setFont(style.fontName, size)
                self.setFillColor(style.textColor)
                self.drawString(right - n * dw - pw, y, n * dot + page)
                self.restoreState()  # the entry's text itself links to the heading

        def _draw_chrome(self, total: int) -> None:
            st = chrome.style
            n = self._pageNumber
            w, h = self._pagesize
            top, right, bottom, left = (m * mm for m in st.margins_mm)
            c = st.colours
            font = fonts.family(st.body_font)
            self.saveState()
            size = max(7.0, st.body_size - 2.5)
            if not (chrome.skip_first and n == 1):
                y = h - top + 8 * mm
                self.setFont(font.font_name("Regular"), size)
                self.setFillColor(colors.HexColor(c.muted))
                if chrome.header:
                    self.drawString(left, y, chrome.header)
                if chrome.classification:
                    self.setFont(font.font_name("Bold"), size)
                    self.setFillColor(colors.HexColor(c.classification))
                    self.drawRightString(w - right, y, chrome.classification)
                self.setStrokeColor(colors.HexColor(c.rule))
                self.setLineWidth(0.5)
                self.line(left, y - 2.5 * mm, w - right, y - 2.5 * mm)
            y = bottom - 10 * mm
            self.setStrokeColor(colors.HexColor(c.rule))
            self.setLineWidth(0.5)
            self.line(left, y + 4 * mm, w - right, y + 4 * mm)
            self.setFont(font.font_name("Regular"), size)
            self.setFillColor(colors.HexColor(c.muted))
            if chrome.footer:
                self.drawString(left, y, chrome.footer)
            self.drawRightString(w - right, y, f"{n} / {total}")
            self.restoreState()

    return NumberedCanvas


class _KeepTogether(KeepTogether):
    """How keepWithNext groups (a heading and what follows) break: a short group that does
    not fit moves to the next page; a tall one (a heading before a long table or text)
    starts where it stands when there is room for its first lines, instead of leaving a
    page half empty."""

    max_height = 300.0  # points: taller groups split in place
    min_room = 110.0  # points: below this, even a tall group starts on the next page

    def split(self, aW, aH):  # noqa: N803 - reportlab API
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        content = self._content[:]
        if self._H <= aH:
            return content
        at_top = getattr(getattr(self, "_frame", None), "_atTop", False)
        if not at_top and (self._H <= self.max_height or aH < self.min_room or self._H0 > aH):
            return [FrameBreak(), *content]
        # Split where it stands. What comes back first must fit as is, so a first item
        # taller than the space (a heading of a thousand characters) is split here.
        first = content[0]
        _w, h = first.wrapOn(self.canv, aW, aH)
        if h <= aH:
            return content
        parts = first.splitOn(self.canv, aW, aH)
        return [*parts, *content[1:]] if parts else content


def _short(text: str, limit: int = 240) -> str:
    """A contents entry or bookmark of reasonable length (a title can be a whole paragraph)."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip() + "…"


class _Toc(TableOfContents):
    """Contents made from the document's own headings before layout; each entry's page
    number is drawn when the canvas is saved (see NumberedCanvas._draw_toc_numbers)."""

    def __init__(self, entries: list[tuple[int, str, str]], **kw) -> None:
        super().__init__(**kw)
        self.fixed = entries  # (level, escaped text, bookmark key)
        self._rows: dict = {}

    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab API
        def end_of_entry(canvas, kind, label):
            level, key = label.split(",")
            info = canvas._curr_tx_info
            a, b, c, d, e, f = canvas._currentMatrix
            x, y = info["cur_x"], info["cur_y"]
            marks = getattr(canvas, "toc_marks", None)
            if marks is not None:
                marks.append((a * x + c * y + e, b * x + d * y + f, a * availWidth + e,
                              self.getLevelStyle(int(level)), key,
                              0 <= self.dotsMinLevel <= int(level)))

        self.canv.setNamedCB("drawTOCEntryEnd", end_of_entry)
        rows = self._rows.get(availWidth)
        if rows is None:
            rows = []
            for level, text, key in self.fixed or [(0, "", "")]:
                style = self.getLevelStyle(level)
                if style.spaceBefore:
                    rows.append([Spacer(1, style.spaceBefore)])
                # Room on the right for the page number drawn later.
                rows.append([Para(f'<a href="#{key}">{text}</a>'
                                  f'<onDraw name="drawTOCEntryEnd" label="{level},{key}"/>',
                                  style)])
            self._rows[availWidth] = rows
        self._table = Table(rows, colWidths=(availWidth,), style=self.tableStyle, splitInRow=1)
        self.width, self.height = self._table.wrapOn(self.canv, availWidth, availHeight)
        return self.width, self.height

    def isSatisfied(self) -> bool:  # noqa: N802 - reportlab API
        return True


class _DocTemplate(BaseDocTemplate):
    def __init__(self, buf, *, on_flowable: Callable[[], None], heading_pages: dict,
                 **kw) -> None:
        super().__init__(buf, **kw)
        self._on_flowable = on_flowable
        self.heading_pages = heading_pages

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab API
        self._on_flowable()
        if isinstance(flowable, Heading) and flowable.outline:
            key = flowable.key
            self.heading_pages[key] = self.page
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(_short(flowable.plain), key, flowable.level, closed=True)


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
        base = ParagraphStyle("body", fontName=body.font_name("Regular"), fontSize=s,
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

    def markup(self, markup: str, style: str = "body", *, plain: str = "") -> Paragraph:
        """Paragraph from trusted markup built by a template (its variable parts escaped)."""
        self.remember(plain or markup)
        return Para(markup, self.ps[style])

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
        toc = _Toc([])
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
        t = Table(rows, colWidths=widths, repeatRows=1 if header else 0, splitByRow=1,
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
        entries = [(h.level, esc(_short(h.plain)), h.key) for h in heads if h.toc and h.outline]
        for f in self.story:
            if isinstance(f, _Toc):
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
        doc = _DocTemplate(
            buf, on_flowable=on_flowable, heading_pages={}, pagesize=self.page_size, leftMargin=left,
            rightMargin=right, topMargin=top, bottomMargin=bottom, title=clean(meta.title),
            author=clean(meta.author), subject=clean(meta.subject),
            keywords=[clean(k) for k in meta.keywords if k], creator="Kenes",
            producer="Kenes (reportlab)", lang=self.t.lang, invariant=1 if invariant else 0,
            displayDocTitle=1, initialFontName=fonts.family(st.body_font).font_name(),
            keepTogetherClass=_KeepTogether,
        )
        frame = Frame(left, bottom, self.width, self.height, id="body", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        chrome = _Chrome(st, clean(header), clean(footer), clean(classification),
                         skip_first_header)
        chrome.heading_pages = doc.heading_pages
        maker = _numbered_canvas(chrome)
        self._index_headings()
        # One layout pass: the contents' page numbers are drawn when the canvas is saved.
        doc.build(list(self.story), canvasmaker=maker)
        if progress is not None:
            progress(n, n, "")
        return buf.getvalue()
