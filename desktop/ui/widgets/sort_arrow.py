"""Header sort arrows that point the way the rows go: ▼ newest/largest first, ▲ oldest first.

Qt draws SortUp for a descending column (a platform convention that reads backwards here),
so the style flips the indicator before the base style draws it."""

from __future__ import annotations

from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOptionHeader


class SortArrowStyle(QProxyStyle):
    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: N802
        if (element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow
                and isinstance(option, QStyleOptionHeader)):
            flip = {QStyleOptionHeader.SortIndicator.SortUp:
                    QStyleOptionHeader.SortIndicator.SortDown,
                    QStyleOptionHeader.SortIndicator.SortDown:
                    QStyleOptionHeader.SortIndicator.SortUp}
            if option.sortIndicator in flip:
                option = QStyleOptionHeader(option)
                option.sortIndicator = flip[option.sortIndicator]
        super().drawPrimitive(element, option, painter, widget)
