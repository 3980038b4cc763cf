"""Long work (ingest, export) off the GUI thread, with progress and cancellation.

A ``Task`` runs one plain function in a ``QThread``. The function receives ``progress``
and ``cancelled`` callables; progress reports travel back to the GUI thread as queued
signals, so the window keeps painting while a hundred articles are being tagged.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QThread, Signal

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside a job when the user pressed Cancel."""


JobFn = Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any]


class Task(QThread):
    """Signals: ``progressed(done, total, label)``, ``succeeded(result)``, ``failed(msg)``,
    ``cancelled()``; exactly one of the last three is emitted per run.

    The outcome signals are emitted from the GUI thread: the worker posts its outcome as a
    queued event, so whoever connects right after ``start()`` (before the event loop runs
    again) still hears it, however fast the job was.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    _outcome = Signal(str, object)  # worker thread -> GUI thread

    def __init__(self, name: str, fn: JobFn, parent=None) -> None:
        super().__init__(parent)
        self.name = name
        self._fn = fn
        self._cancel = threading.Event()
        self.result: Any = None
        self.error: str | None = None
        self.outcome: str | None = None
        self._outcome.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def _deliver(self, kind: str, payload: object) -> None:
        self.outcome = kind
        if kind == "succeeded":
            self.succeeded.emit(payload)
        elif kind == "failed":
            self.failed.emit(str(payload))
        else:
            self.cancelled.emit()

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
            self._outcome.emit("cancelled", None)
            return
        except Exception as exc:  # reported in a dialog, never a traceback on screen
            self.error = one_line_error(exc)
            log.debug("background job %r failed", self.name, exc_info=True)
            self._outcome.emit("failed", self.error)
            return
        # A job that returned has done its work, even if Cancel came too late to stop it
        # (an export whose file is already in place); only a job that says it stopped
        # early (an ingest report with ``cancelled``) counts as cancelled.
        if getattr(self.result, "cancelled", False) is True:
            self._outcome.emit("cancelled", None)
        else:
            self._outcome.emit("succeeded", self.result)


def one_line_error(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    message = text[0] if text else ""
    return message or type(exc).__name__
