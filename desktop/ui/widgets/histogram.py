"""A small bar chart of articles per week or month for the current result (custom-painted)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.i18n import _, format_number, ngettext

if TYPE_CHECKING:
    import numpy as np

_EPOCH = dt.date(1970, 1, 1)


def buckets(days: np.ndarray, max_weeks: int = 26) -> tuple[str, list[tuple[int, int, int]]]:
    """Bucket day numbers (since 1970) into weeks or months, gaps included.

    Returns (unit, [(first_day, last_day, count)]) with unit "week" or "month".
    """
    import numpy as np

    days = np.asarray(days)
    if not len(days):
        return "week", []
    lo, hi = int(days.min()), int(days.max())
    if (hi - lo) // 7 + 1 <= max_weeks:
        start = lo - ((lo + 3) % 7)  # Monday (1970-01-01 was a Thursday)
        counts = np.bincount((days - start) // 7)
        return "week", [(start + 7 * i, start + 7 * i + 6, int(c)) for i, c in enumerate(counts)]
    # per day first (a small array), then per month: no calendar arithmetic on every row
    per_day = np.bincount(days - lo)
    span = np.arange(lo, hi + 1).astype("datetime64[D]")
    month_of_day = span.astype("datetime64[M]").astype(np.int64)
    m0 = int(month_of_day[0])
    counts = np.bincount(month_of_day - m0, weights=per_day).astype(np.int64)
    edges = np.arange(m0, m0 + len(counts) + 1).astype("datetime64[M]").astype(
        "datetime64[D]").astype(np.int64)
    return "month", [(int(edges[i]), int(edges[i + 1]) - 1, int(c))
                     for i, c in enumerate(counts)]


def day_iso(day: int) -> str:
    return (_EPOCH + dt.timedelta(days=int(day))).isoformat()


class Histogram(QWidget):
    """Bars per week/month; click a bar to restrict the dates to it."""

    bucketClicked = Signal(str, str)  # from, to (ISO)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = "week"
        self.bars: list[tuple[int, int, int]] = []
        self.setMouseTracking(True)
        self.setMinimumHeight(56)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(_("Articles over time"))
        self.setToolTip(_("Articles per week or month in the current result; "
                          "click a bar to show only that period"))

    def sizeHint(self) -> QSize:
        return QSize(200, 64)

    def set_days(self, days: np.ndarray) -> None:
        """Days (since 1970) of the dated articles in the current result."""
        self.unit, self.bars = buckets(days)
        total = sum(c for _a, _b, c in self.bars)
        self.setAccessibleDescription(
            ngettext("{n} dated article", "{n} dated articles", total).format(n=format_number(total)))
        self.update()

    def _bar_rects(self) -> list[QRectF]:
        if not self.bars:
            return []
        w, h = self.width() - 4, self.height() - 16
        n = len(self.bars)
        top = max(c for _a, _b, c in self.bars) or 1
        bw = min(w / n, 28.0)
        x0 = (w - bw * n) / 2  # narrow bars are centred
        rects = []
        for i, (_a, _b, c) in enumerate(self.bars):
            bh = 0 if c == 0 else max(2.0, h * c / top)
            rects.append(QRectF(2 + x0 + i * bw + (1 if bw > 4 else 0), 2 + h - bh,
                                max(1.0, bw - (2 if bw > 4 else 0)), bh))
        return rects

    def paintEvent(self, _e) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pal = self.palette()
        base = pal.color(QPalette.ColorRole.Highlight)
        fill = QColor(base)
        fill.setAlpha(170)
        text = pal.color(QPalette.ColorRole.PlaceholderText)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(fill)
        rects = self._bar_rects()
        for r in rects:
            p.drawRect(r)
        p.setPen(text)
        f = p.font()
        f.setPointSizeF(max(6.0, f.pointSizeF() * 0.8))
        p.setFont(f)
        y = self.height() - 2
        if not self.bars:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _("no dated articles"))
        else:
            first = self._label(self.bars[0][0])
            fw = p.fontMetrics().horizontalAdvance(first)
            x = min(max(2.0, rects[0].left()), self.width() - fw - 2.0)
            p.drawText(QPointF(x, y), first)
            last = self._label(self.bars[-1][0])
            lw = p.fontMetrics().horizontalAdvance(last)
            if len(self.bars) > 1 and rects[-1].right() - lw > x + fw + 6:
                p.drawText(QPointF(rects[-1].right() - lw, y), last)
        p.end()

    def _label(self, day: int) -> str:
        iso = day_iso(day)
        return iso[:7] if self.unit == "month" else iso

    def _bar_at(self, x: float) -> int:
        for i, r in enumerate(self._bar_rects()):
            if r.left() - 1 <= x <= r.right() + 1:
                return i
        return -1

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        i = self._bar_at(e.position().x())
        if i >= 0:
            a, b, c = self.bars[i]
            label = ngettext("{n} article", "{n} articles", c).format(n=format_number(c))
            QToolTip.showText(e.globalPosition().toPoint(),
                              f"{day_iso(a)} – {day_iso(b)}: {label}", self)
        super().mouseMoveEvent(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        i = self._bar_at(e.position().x())
        if i >= 0 and e.button() == Qt.MouseButton.LeftButton:
            a, b, _c = self.bars[i]
            self.bucketClicked.emit(day_iso(a), day_iso(b))
        super().mouseReleaseEvent(e)
