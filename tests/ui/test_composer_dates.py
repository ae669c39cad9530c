"""The briefing's event dates are typed like the sidebar's: ISO or day first, with undo."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.test_composer import _close, _start, _window


def _type(qtbot, field, text: str) -> None:
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


def test_event_dates_typed_in_iso_and_day_first(qtbot, tmp_path):
    w, c = _window(qtbot, tmp_path / "lib")
    try:
        _start(qtbot, c)
        start, end = c.composer.fields["event_start"], c.composer.fields["event_end"]
        assert start.edit.placeholderText() == "not set"
        _type(qtbot, start, "2025-11-14")
        _type(qtbot, end, "16.11.2025")
        b = c.doc.briefing
        assert (b.event_start, b.event_end) == ("2025-11-14", "2025-11-16")
        assert end.edit.text() == "2025-11-16"
        start.edit.clear()  # cleared: not set
        assert c.doc.briefing.event_start is None
    finally:
        _close(w)
