"""Long work as plain functions: `fn(..., progress, cancel)`. Only qt_runner.py knows Qt."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

Progress = Callable[[int, int, str], None]  # (done, total, message); total 0 = unknown


class Cancelled(Exception):
    """Raised by a worker that saw its cancel flag; work done so far stays committed."""


@dataclass
class CancelToken:
    _event: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


def no_progress(done: int, total: int, message: str = "") -> None:
    return None
