"""Pages of an exported PDF as images (pypdfium2), shown in a scrolling column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.i18n import _

MAX_PREVIEW_PAGES = 40  # a long digest: the first pages tell enough before saving


@dataclass
class PageImage:
    data: bytes  # BGRx rows
    width: int
    height: int
    stride: int


def render_pages(pdf: Path | bytes, width_px: int = 520, limit: int = MAX_PREVIEW_PAGES,
                 cancel=None) -> tuple[list[PageImage], int]:
    """Render up to `limit` pages `width_px` wide; returns (images, page count). No Qt here,
    so it runs in a worker thread."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        n = len(doc)
        out: list[PageImage] = []
        for i in range(min(n, limit)):
            if cancel is not None:
                cancel.raise_if_cancelled()
            page = doc[i]
            scale = width_px / max(1.0, page.get_width())
            bm = page.render(scale=scale, prefer_bgrx=True)
            out.append(PageImage(bytes(bm.buffer), bm.width, bm.height, bm.stride))
            bm.close()
            page.close()
        return out, n
    finally:
        doc.close()


class PagePreview(QScrollArea):
    """The rendered pages one under another, each with a thin frame and its number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setMinimumWidth(360)
        self.setAccessibleName(_("Preview of the pages"))
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._layout.setSpacing(12)
        self.setWidget(self._inner)
        self.page_count = 0
        self.message(_("Choose Preview to see the pages before saving."))

    def _clear(self) -> None:
        while self._layout.count():
            w = self._layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()

    def message(self, text: str) -> None:
        self._clear()
        self.page_count = 0
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setEnabled(False)
        self._layout.addWidget(label)

    def show_pages(self, pages: list[PageImage], total: int) -> None:
        self._clear()
        self.page_count = len(pages)
        for i, p in enumerate(pages, 1):
            img = QImage(p.data, p.width, p.height, p.stride, QImage.Format.Format_RGB32).copy()
            page = QLabel()
            page.setPixmap(QPixmap.fromImage(img))
            page.setStyleSheet("border: 1px solid palette(mid); background: white;")
            page.setAccessibleName(_("Page {n} of {total}").format(n=i, total=total))
            self._layout.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
            num = QLabel(_("Page {n} of {total}").format(n=i, total=total))
            num.setAlignment(Qt.AlignmentFlag.AlignCenter)
            num.setEnabled(False)
            self._layout.addWidget(num)
        if total > len(pages):
            self._layout.addWidget(QLabel(_("… and {n} more pages").format(n=total - len(pages))))
