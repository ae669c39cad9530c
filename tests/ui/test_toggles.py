"""Highlight toggles: one width each (an even grid) and an on/off look that differs."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QToolButton

from desktop.ui.widgets.toggles import style_toggles, toggle_icon


def test_toggles_get_one_width_and_a_visible_state(qtbot):
    buttons = []
    for _kind, text in (("country", "Countries"), ("org", "Organisations"), ("quote", "Q")):
        b = QToolButton()
        qtbot.addWidget(b)
        b.setCheckable(True)
        b.setChecked(True)
        b.setText(text)
        buttons.append(b)
    style_toggles(buttons, ["country", "org", "quote"])
    widths = {b.minimumWidth() for b in buttons}
    assert len(widths) == 1 and widths.pop() >= buttons[1].sizeHint().width()
    buttons[0].setChecked(False)
    assert not buttons[0].autoRaise()  # a frame in both states, dashed when off


def test_on_and_off_icons_differ():
    icon = toggle_icon("person")
    on = icon.pixmap(12, 12, QIcon.Mode.Normal, QIcon.State.On).toImage()
    off = icon.pixmap(12, 12, QIcon.Mode.Normal, QIcon.State.Off).toImage()
    assert on != off
    # filled when on, hollow when off: the centre pixel is coloured only when on
    c = on.width() // 2
    assert on.pixelColor(c, c + c // 3).alpha() > 0
    assert off.pixelColor(c, c).alpha() == 0
