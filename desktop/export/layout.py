"""Layout pieces under export.document: cached paragraphs, headings that become bookmarks,
a contents numbered when the canvas is saved (one layout pass), "N / M" page chrome, and
keep-together groups that split instead of leaving gaps or failing."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.tableofcontents import TableOfContents

from desktop.export import fonts
from desktop.export.styles import HouseStyle
from desktop.export.text import clean, esc


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


class WholePara(Para):
    """A short paragraph (a tag line) that moves to the next page rather than split."""

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab API
        if getattr(getattr(self, "_frame", None), "_atTop", False):
            return super().split(availWidth, availHeight)
        return []


class WithTail(Flowable):
    """A text and the short line that closes it (a digest article's lead and its tags):
    the tail never starts a page on its own; when the two do not fit, the text splits so
    that its last lines go over with the tail. One flowable, no keep-together group: a
    digest has hundreds of them."""

    def __init__(self, body: Flowable, tail: Flowable) -> None:
        super().__init__()
        self.body, self.tail = body, tail
        self._bh = self._th = self._gap = 0.0

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab API
        return self.body.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab API
        return self.tail.getSpaceAfter()

    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab API
        _w, self._bh = self.body.wrap(availWidth, availHeight)
        _w, self._th = self.tail.wrap(availWidth, availHeight)
        self._gap = max(self.body.getSpaceAfter(), self.tail.getSpaceBefore())
        self.width, self.height = availWidth, self._bh + self._gap + self._th
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab API
        self.wrap(availWidth, availHeight)
        room = availHeight - self._gap - self._th
        parts = self.body.split(availWidth, room) if room > 0 else []
        if len(parts) == 2:
            return [parts[0], WithTail(parts[1], self.tail)]
        if getattr(getattr(self, "_frame", None), "_atTop", False):
            return [self.body, self.tail]  # a page cannot hold both: flow them apart
        return []  # both to the next page

    def draw(self) -> None:
        self.body.drawOn(self.canv, 0, self.height - self._bh)
        self.tail.drawOn(self.canv, 0, 0)


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


class Chrome:
    """Header and footer drawn after the whole document is laid out (so M is known)."""

    def __init__(self, style: HouseStyle, header: str, footer: str, classification: str,
                 skip_first: bool) -> None:
        self.style = style
        self.header = header
        self.footer = footer
        self.classification = classification
        self.skip_first = skip_first
        self.heading_pages: dict[str, int] = {}  # bookmark key -> page, filled while laying out


def numbered_canvas(chrome: Chrome):
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


class SplittingKeepTogether(KeepTogether):
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


def shorten(text: str, limit: int = 240) -> str:
    """A contents entry or bookmark of reasonable length (a title can be a whole paragraph)."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip() + "…"


class Contents(TableOfContents):
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


class DocTemplate(BaseDocTemplate):
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
            self.canv.addOutlineEntry(shorten(flowable.plain), key, flowable.level, closed=True)


class SplitTable(Table):
    """A table that splits between rows, and inside a row only where it has real room: a
    continuation squeezed into the last lines of a page (repeated header plus a sliver of
    a row) goes to the next page instead."""

    min_room = 120.0  # points

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab API
        self._calc(availWidth, availHeight)
        if self._width > availWidth:
            return []
        by_row = self._splitRows(availHeight, doInRowSplit=0)
        if by_row:
            return by_row
        frame = getattr(self, "_frame", None)
        room = max(self.min_room, 0.3 * getattr(frame, "_height", 0))
        if not getattr(frame, "_atTop", False) and availHeight < room:
            return []
        return self._splitRows(availHeight, doInRowSplit=1)
