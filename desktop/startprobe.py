"""`KENES_START_PROBE=1 kenes …`: print the time the main window first painted and exit.

For `make bench` (bench/bench_bundle.py), which times the cold start of the bundled app,
where no Python can be injected. Qt is imported only when the probe is on.
"""

from __future__ import annotations

import json
import os
import sys
import time


def install() -> None:
    """Wrap desktop.app.create_window so the window reports its first paint."""
    from PySide6.QtCore import QEvent, QObject

    from desktop import app as kapp

    original = kapp.create_window

    class _FirstPaint(QObject):
        def eventFilter(self, obj, ev):  # noqa: N802 - Qt name
            if ev.type() == QEvent.Type.Paint:
                sys.stdout.write(json.dumps({"painted_at": time.time()}) + "\n")
                sys.stdout.flush()
                os._exit(0)  # the library may still be opening: leave without waiting
            return False

    def create_window(argv: list[str]):
        qapp, window, args = original(argv)
        window._start_probe = _FirstPaint(window)
        window.installEventFilter(window._start_probe)
        return qapp, window, args

    kapp.create_window = create_window
