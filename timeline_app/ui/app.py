"""Creating the application object and opening the window on a database."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from timeline_app.ui.main_window import APPLICATION, ORGANIZATION, MainWindow
from timeline_app.ui.resources import icon, style_sheet


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named so QSettings lands in the platform's usual place."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Timeline")
    app.setStyle("Fusion")
    app.setWindowIcon(icon("app"))
    app.setStyleSheet(style_sheet())
    return app


def open_window(db: str | os.PathLike | None = None,
                settings: QSettings | None = None) -> MainWindow:
    """Open the store (seeding an empty one) and build the window over it.

    Raises whatever ``open_store`` raises for a bad URL; seeding errors are shown in the
    window instead, because the user can still import their own articles.
    """
    from timeline_app.store import ensure_seeded, open_store

    store = open_store(db)
    seed_error: Exception | None = None
    try:
        ensure_seeded(store)
    except Exception as exc:  # a broken seed must not keep the app from opening
        seed_error = exc
    window = MainWindow(store, settings=settings)
    if seed_error is not None:
        window.show_error("Example articles", f"Could not load the example articles: {seed_error}")
    return window


def quit_on_signals(app: QApplication, window: MainWindow) -> Callable[[], None]:
    """Ctrl+C in the terminal (SIGINT) and SIGTERM close the window as its Quit does,
    saving the view, instead of printing a KeyboardInterrupt traceback from inside a Qt
    callback and running on. Returns a function that puts the previous handlers back.

    Python runs signal handlers only between bytecodes, and Qt's loop runs none while
    idle, so a light timer wakes the interpreter a few times a second.
    """
    def close(_signum, _frame) -> None:
        window.close()
        app.quit()

    previous = {sig: signal.signal(sig, close) for sig in (signal.SIGINT, signal.SIGTERM)}
    waker = QTimer(app)
    waker.timeout.connect(lambda: None)
    waker.start(200)

    def restore() -> None:
        waker.stop()
        waker.deleteLater()
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore


def run_gui(db: str | os.PathLike | None = None) -> int:
    app = create_application()
    try:
        window = open_window(db)
    except Exception as exc:
        message = f"Cannot open the database {db or '(default)'}: {exc}".splitlines()[0]
        print(f"timeline-app: {message}", file=sys.stderr)
        QMessageBox.critical(None, "Timeline", message)
        return 1
    window.show()
    restore = quit_on_signals(app, window)
    try:
        code = app.exec()
    finally:
        restore()
    window.store.close()
    return code
