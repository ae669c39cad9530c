"""The strip between the panels: each link drawn as a band from its Kazakh segments to
its Russian ones (as Meld joins changed chunks), coloured by confidence.

Green / amber / red follow memoQ and Trados (sure / check / doubtful); a confirmed link
is drawn solid with a tick; 1:2, 2:1 and 2:2 links are hatched with a divider per extra
segment; an unmatched segment (a gap) narrows to a dashed wedge on the empty side.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.i18n import _

HIGH, LOW = 0.75, 0.45  # confidence thresholds: >= HIGH green, >= LOW amber, else red
GREEN, AMBER, RED = QColor(67, 160, 71), QColor(255, 160, 0), QColor(229, 57, 53)
CONFIRMED = QColor(30, 136, 229)
GAP = QColor(150, 150, 150)


def confidence_colour(score: float, confirmed: bool = False) -> QColor:
    if confirmed:
        return QColor(CONFIRMED)
    if score >= HIGH:
        return QColor(GREEN)
    return QColor(AMBER) if score >= LOW else QColor(RED)


def confidence_words(score: float, confirmed: bool = False) -> str:
    if confirmed:
        return _("confirmed by you")
    if score >= HIGH:
        return _("sure")
    return _("worth checking") if score >= LOW else _("doubtful")


@dataclass
class Band:
    """One link's geometry in strip coordinates; a gap has top == bottom on its empty side."""

    link: int
    lt: float
    lb: float
    rt: float
    rb: float
    type: str
    score: float
    confirmed: bool
    left_cuts: tuple[float, ...] = ()  # y of boundaries between segments inside the band
    right_cuts: tuple[float, ...] = ()
    flagged: bool = False  # a mismatch sits in this link


def legend_items() -> list[tuple[QColor, str]]:
    """The strip's colours and what they say, for a legend."""
    return [(QColor(GREEN), _("sure")), (QColor(AMBER), _("worth checking")),
            (QColor(RED), _("doubtful")), (QColor(CONFIRMED), _("confirmed")),
            (QColor(GAP), _("no counterpart"))]


class Legend(QWidget):
    """A line of colour swatches with their meaning, drawn like the strip's bands."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(_("Link colours"))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt name
        fm = self.fontMetrics()
        w = sum(fm.horizontalAdvance(t) + fm.height() + 10 for _c, t in legend_items())
        return QSize(w, fm.height() + 4)

    def paintEvent(self, _e) -> None:  # noqa: N802 - Qt name
        p = QPainter(self)
        fm = self.fontMetrics()
        h = fm.height()
        x = 0
        y = (self.height() - h) // 2
        for c, text in legend_items():
            fill = QColor(c)
            fill.setAlpha(150)
            p.fillRect(QRectF(x, y + 3, h - 6, h - 6), fill)
            p.setPen(self.palette().color(self.foregroundRole()))
            p.drawText(x + h - 2, y + fm.ascent(), text)
            x += fm.horizontalAdvance(text) + h + 10
        p.end()


class LinkStrip(QWidget):
    """Paints the bands the view gives it; reports hover, clicks and context menus."""

    linkHovered = Signal(int)  # -1 when none
    linkClicked = Signal(int)
    linkMenuRequested = Signal(int, object)  # link, global QPoint

    def __init__(self, bands: Callable[[], list[Band]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bands = bands
        self.hovered = -1
        self.selected = -1
        self.setMouseTracking(True)
        self.setMinimumWidth(36)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Sentence links"))
        self.setToolTip(_("Links between the Kazakh and the Russian sentences: green sure, "
                          "amber worth checking, red doubtful, blue confirmed; hatched "
                          "joins several sentences; grey wedges are sentences with no "
                          "counterpart. Right-click to correct."))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt name
        return QSize(48, 100)

    def _path(self, b: Band) -> QPainterPath:
        w = float(self.width())
        c = w / 2
        p = QPainterPath()
        p.moveTo(0, b.lt)
        p.cubicTo(c, b.lt, c, b.rt, w, b.rt)
        p.lineTo(w, b.rb)
        p.cubicTo(c, b.rb, c, b.lb, 0, b.lb)
        p.closeSubpath()
        return p

    def band_at(self, y: float, x: float | None = None) -> int:
        for b in self._bands():
            path = self._path(b)
            pt = QPointF(self.width() / 2 if x is None else x, y)
            if path.contains(pt) or (b.lt - 2 <= y <= b.lb + 2 and b.lb - b.lt < 4):
                return b.link
        return -1

    def paintEvent(self, _e) -> None:  # noqa: N802 - Qt name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w = float(self.width())
        for b in self._bands():
            gap = b.type in ("1:0", "0:1")
            base = QColor(GAP) if gap else confidence_colour(b.score, b.confirmed)
            strong = b.link in (self.hovered, self.selected)
            fill = QColor(base)
            fill.setAlpha(170 if strong else 70)
            path = self._path(b)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.fillPath(path, fill)
            if not gap and b.type != "1:1":  # several sentences on a side: hatched
                hatch = QColor(base.darker(160))
                hatch.setAlpha(120)
                p.fillPath(path, QBrush(hatch, Qt.BrushStyle.BDiagPattern))
            pen = QPen(base.darker(150), 2.0 if (strong or b.confirmed) else 1.0)
            if gap:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawPath(path)
            p.setPen(QPen(base.darker(170), 1.0))
            for y in b.left_cuts:
                p.drawLine(QPointF(0, y), QPointF(w * 0.25, y))
            for y in b.right_cuts:
                p.drawLine(QPointF(w * 0.75, y), QPointF(w, y))
            mid = QPointF(w / 2, (b.lt + b.lb + b.rt + b.rb) / 4)
            if b.confirmed and not gap:
                p.setPen(QPen(CONFIRMED.darker(160), 1.6))
                p.drawPolyline(QPolygonF([mid + QPointF(-4, 0), mid + QPointF(-1, 3),
                                          mid + QPointF(4, -3)]))
            if b.flagged:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(RED)
                p.drawEllipse(QRectF(w - 9, min(b.lt, b.rt) + 1, 6, 6))
        p.end()

    def mouseMoveEvent(self, e) -> None:  # noqa: N802 - Qt name
        k = self.band_at(e.position().y(), e.position().x())
        if k != self.hovered:
            self.hovered = k
            self.linkHovered.emit(k)
            self.update()

    def leaveEvent(self, _e) -> None:  # noqa: N802 - Qt name
        if self.hovered != -1:
            self.hovered = -1
            self.linkHovered.emit(-1)
            self.update()

    def mousePressEvent(self, e) -> None:  # noqa: N802 - Qt name
        if e.button() == Qt.MouseButton.LeftButton:
            k = self.band_at(e.position().y(), e.position().x())
            if k >= 0:
                self.linkClicked.emit(k)

    def _menu(self, pos) -> None:
        k = self.band_at(pos.y(), pos.x())
        if k >= 0:
            self.linkClicked.emit(k)
            self.linkMenuRequested.emit(k, self.mapToGlobal(pos))
