"""Long work (ingest, export) off the GUI thread, with progress and cancellation.

A ``Task`` runs one plain function in a ``QThread``. The function receives ``progress``
and ``cancelled`` callables; progress reports travel back to the GUI thread as queued
signals, so the window keeps painting while a hundred articles are being tagged.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal


class Cancelled(Exception):
    """Raised inside a job when the user pressed Cancel."""


JobFn = Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any]


class Task(QThread):
    """Signals: ``progressed(done, total, label)``, ``succeeded(result)``, ``failed(msg)``,
    ``cancelled()``; exactly one of the last three is emitted per run."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, name: str, fn: JobFn, parent=None) -> None:
        super().__init__(parent)
        self.name = name
        self._fn = fn
        self._cancel = threading.Event()
        self.result: Any = None
        self.error: str | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int, label: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self.progressed.emit(int(done), int(total), str(label))

    def run(self) -> None:
        try:
            self.result = self._fn(self._progress, self.is_cancelled)
        except Cancelled:
            self.cancelled.emit()
            return
        except Exception as exc:  # reported in a dialog, never a traceback on screen
            self.error = one_line_error(exc)
            traceback.print_exc()
            self.failed.emit(self.error)
            return
        if self._cancel.is_set():
            self.cancelled.emit()
        else:
            self.succeeded.emit(self.result)


def one_line_error(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    message = text[0] if text else ""
    return message or type(exc).__name__
