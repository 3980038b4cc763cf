"""Rendering the main window to an image, as a user sees it after launch."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QSettings,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QImage

from timeline_app.ui.app import create_application, open_window


def _settle(ms: int = 150) -> None:
    """Let layouts, deferred timers and the first paints run."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QCoreApplication.processEvents()


def _quiet_offscreen(mode: QtMsgType, _context, message: str) -> None:
    """The offscreen platform warns that it cannot resize real windows; nothing else is
    dropped."""
    if "does not support propagateSizeHints" in message:
        return
    if mode != QtMsgType.QtDebugMsg:
        sys.stderr.write(message + "\n")


def render_window(db: str | os.PathLike | None, size: tuple[int, int],
                  settings_dir: str) -> QImage:
    qInstallMessageHandler(_quiet_offscreen)
    create_application()
    settings = QSettings(os.path.join(settings_dir, "settings.ini"), QSettings.Format.IniFormat)
    window = open_window(db, settings=settings)
    try:
        window.resize(*size)
        window.show()
        _settle()
        image = window.grab().toImage()
    finally:
        window.close()
        window.store.close()
        window.deleteLater()
        _settle(0)
    return image
