"""Highlight on/off toggles that read at a glance: an even grid and a visible state.

On: a filled square in the kind's colour with a tick, a solid frame. Off: an empty
outlined square, dimmed text, a dashed frame. Each button is as wide as the widest, so a
row (or a grid) of them lines up whatever the language of their labels.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QToolButton

from desktop.ui.highlight import colour

_STYLE = (
    "QToolButton { border: 1px solid palette(mid); border-radius: 3px; padding: 1px 5px; }"
    "QToolButton:checked { background: palette(base); color: palette(text);"
    " border: 1px solid palette(dark); }"
    "QToolButton:!checked { background: transparent; color: palette(mid);"
    " border: 1px dashed palette(mid); }"
    "QToolButton:hover { border-color: palette(highlight); }"
    "QToolButton:focus { border: 1px solid palette(highlight); }"
)


def _pixmap(kind: str, size: int, on: bool, tick: bool = True) -> QPixmap:
    pm = QPixmap(size * 2, size * 2)
    pm.setDevicePixelRatio(2.0)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    c = colour(kind, 230)
    if on:
        p.setBrush(c)
        p.setPen(c.darker(140))
        p.drawRoundedRect(1, 1, size - 2, size - 2, 2, 2)
        if tick:
            path = QPainterPath(QPointF(size * 0.25, size * 0.52))
            path.lineTo(size * 0.43, size * 0.70)
            path.lineTo(size * 0.76, size * 0.30)
            p.setPen(QPen(Qt.GlobalColor.white, max(1.5, size / 7)))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
    else:
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(c.darker(120), 1.2))
        p.drawRoundedRect(QRectF(1.5, 1.5, size - 3, size - 3), 2, 2)
    p.end()
    return pm


def swatch_icon(kind: str, size: int = 12) -> QIcon:
    """A small square in the kind's colour (legends, the why-tagged list): a toggle's
    "on" look without the tick."""
    return QIcon(_pixmap(kind, size, True, tick=False))


def toggle_icon(kind: str, size: int = 12) -> QIcon:
    """The kind's colour filled with a tick when on, an empty outline when off."""
    icon = QIcon()
    icon.addPixmap(_pixmap(kind, size, True), QIcon.Mode.Normal, QIcon.State.On)
    icon.addPixmap(_pixmap(kind, size, False), QIcon.Mode.Normal, QIcon.State.Off)
    return icon


def style_toggles(buttons: Iterable[QToolButton], kinds: Iterable[str] | None = None) -> None:
    """Give highlight toggles their on/off look and one width (call again after their
    texts change, e.g. a new interface language)."""
    buttons = list(buttons)
    for b, kind in zip(buttons, kinds or [None] * len(buttons), strict=True):
        if kind is not None:
            b.setIcon(toggle_icon(kind))
            b.setIconSize(QSize(12, 12))
        b.setAutoRaise(False)
        b.setStyleSheet(_STYLE)
        b.setMinimumWidth(0)
    width = max((b.sizeHint().width() for b in buttons), default=0)
    for b in buttons:
        b.setMinimumWidth(width)
