"""Untrusted text for Qt places that guess rich text: tooltips and message boxes.

Qt shows a tooltip as HTML whenever `Qt.mightBeRichText` says so (e.g. it starts with a tag),
so an article title, a file name or a matched phrase put there as is could render markup or
ask for resources. Labels are made safe with `setTextFormat(Qt.PlainText)` instead.
"""

from __future__ import annotations

from PySide6.QtGui import Qt


def plain_tooltip(text: str) -> str:
    """`text` as a tooltip that Qt shows literally (escaped; empty stays empty: no tooltip)."""
    return Qt.convertFromPlainText(text) if text else ""
