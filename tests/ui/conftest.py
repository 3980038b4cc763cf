"""Shared set-up for the UI tests.

Qt must pick its platform plugin before the first QApplication exists, so the offscreen
platform is chosen at import time (a developer can still override it from the shell to
watch the tests on a real display).
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# --- main-window fixtures (window / source / curation / import tests) ----------------------
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

SEED_ARTICLE = (Path(__file__).resolve().parents[2] / "seeds"
                / "2022-11-08-cnn-us-urges-ukraine-openness-to-talks.txt")


@pytest.fixture(scope="session")
def _article_db_template(tmp_path_factory) -> Path:
    """The example article ingested once through the real store; tests get copies."""
    from timeline_app.store import ingest_paths, open_store

    path = tmp_path_factory.mktemp("template") / "article.db"
    store = open_store(path)
    try:
        report = ingest_paths(store, [SEED_ARTICLE])
    finally:
        store.close()
    assert not report.errors, report.errors
    return path


@pytest.fixture
def article_db(tmp_path, _article_db_template) -> Path:
    """A private SQLite file holding the example article and its events."""
    path = tmp_path / "timeline.db"
    shutil.copyfile(_article_db_template, path)
    return path


@pytest.fixture
def ui_settings(tmp_path):
    """QSettings in a temporary ini file, never the developer's own settings."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def open_main_window(qtbot, ui_settings):
    """Factory: open a MainWindow on a database (a new Store each call, like a restart)."""
    from timeline_app.store import open_store
    from timeline_app.ui.main_window import MainWindow

    opened = []

    def factory(db, settings=None, size=(1400, 900)):
        store = open_store(db)
        window = MainWindow(store, settings=settings if settings is not None else ui_settings)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        opened.append(window)
        return window

    yield factory
    for window in opened:
        for task in list(window.tasks):
            task.cancel()
            task.wait(10000)
        window.store.close()


@pytest.fixture
def main_window(open_main_window, article_db):
    return open_main_window(article_db)
