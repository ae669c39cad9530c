"""Run the Kenes window, start a briefing from the sample and keep typing into its title.

Used by tests/ui/test_composer.py, which kills this process while it types: prints READY
once an autosaved draft holds the first words, then goes on editing until killed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

FIRST = "Visit to Tashkent"


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    from desktop.app import create_window
    from desktop.ui.briefing.controller import BriefingController

    app, w, _args = create_window(["--library", os.environ["KENES_LIBRARY"]])
    c = getattr(w, "briefing", None)
    if c is None:
        c = BriefingController(w.ctx)
        w.add_controller(c)
    w.show()

    def typing() -> None:
        title = c.composer.fields["title"]
        title.setFocus()
        QTest.keyClicks(title, FIRST)
        c.autosave()  # the timer would do it a few seconds later
        print("READY", flush=True)
        more = QTimer(w)
        more.timeout.connect(lambda: QTest.keyClicks(title, " and Samarkand"))
        more.start(50)

    w.catalogLoaded.connect(lambda: c.new_briefing(c._filter_ids()))
    c.proposed.connect(typing)
    QTimer.singleShot(0, w.open_library)
    QTimer.singleShot(120_000, lambda: app.exit(2))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
