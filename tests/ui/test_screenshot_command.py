"""``timeline-app screenshot`` and the window's launch paths."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

import timeline_app.ui.app as ui_app
from timeline_app.cli import main

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _run(*args, env=None):
    environment = dict(os.environ, **(env or {}))
    environment.pop("QT_QPA_PLATFORM", None)  # the command must force offscreen itself
    return subprocess.run([sys.executable, "-m", "timeline_app", *args], capture_output=True,
                          text=True, env=environment, timeout=120)


def test_screenshot_renders_the_window_to_a_png(tmp_path, article_db):
    out = tmp_path / "shot.png"
    done = _run("screenshot", str(out), "--db", str(article_db), "--size", "1000x700")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)
    # not a blank frame: the window has many distinct colours (text, bars, icons)
    colours = {image.pixel(x, y) for x in range(0, 1000, 7) for y in range(0, 700, 7)}
    assert len(colours) > 50


def test_screenshot_seeds_an_empty_database(tmp_path):
    out = tmp_path / "first-launch.png"
    db = tmp_path / "fresh.db"
    done = _run("screenshot", str(out), "--db", str(db), "--size", "800x600")
    assert done.returncode == 0, done.stderr
    assert out.exists() and db.exists()


@pytest.mark.parametrize("size", ["big", "10x10", "1400x"])
def test_screenshot_rejects_a_bad_size(tmp_path, size, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["screenshot", str(tmp_path / "x.png"), "--size", size])
    assert exit_info.value.code == 2
    assert "invalid size" in capsys.readouterr().err


def test_screenshot_into_a_missing_folder_fails_cleanly(tmp_path, capsys):
    code = main(["screenshot", str(tmp_path / "nope" / "x.png")])
    assert code == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "Traceback" not in err


def test_no_arguments_opens_the_window(monkeypatch):
    calls = []
    monkeypatch.setattr(ui_app, "run_gui", lambda db=None: calls.append(db) or 0)
    assert main([]) == 0
    assert main(["--db", "other.db"]) == 0
    assert main(["gui", "--db", "sqlite:///x.db"]) == 0
    assert calls == [None, "other.db", "sqlite:///x.db"]


def test_open_window_seeds_an_empty_database(qtbot, tmp_path, ui_settings):
    window = ui_app.open_window(tmp_path / "empty.db", settings=ui_settings)
    qtbot.addWidget(window)
    try:
        assert len(window.catalog.documents) == 1
        assert window.catalog.events
        assert window.source.document_id is not None
    finally:
        window.store.close()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_or_sigterm_closes_the_window_and_saves_its_view(qtbot, tmp_path, ui_settings,
                                                                signum):
    from PySide6.QtWidgets import QApplication

    window = ui_app.open_window(tmp_path / "signals.db", settings=ui_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    before = signal.getsignal(signum)
    restore = ui_app.quit_on_signals(QApplication.instance(), window)
    try:
        os.kill(os.getpid(), signum)  # what Ctrl+C in the terminal, or a logout, sends
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
        assert ui_settings.value("view/timeline")  # closed like Quit: the view was saved
    finally:
        restore()
        window.store.close()
    assert signal.getsignal(signum) is before
