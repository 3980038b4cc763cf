"""Geometry, splitters, the timeline's view and the selection survive a restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_layout_and_view_are_remembered(qtbot, open_main_window, article_db, tmp_path):
    ini = str(tmp_path / "remember.ini")
    window = open_main_window(article_db, settings=QSettings(ini, QSettings.Format.IniFormat),
                              size=(1100, 760))
    window.main_splitter.setSizes([300, 400])
    window.bottom_splitter.setSizes([700, 380])
    window.timeline.zoom_by(3.0, 200)
    window.act_show_hidden.setChecked(True)
    target = next(e for e in window.catalog.events.values() if e.expr_text == "June")
    window.select_event(target.id, center=False)
    main_sizes = window.main_splitter.sizes()
    bottom_sizes = window.bottom_splitter.sizes()
    spp, origin = window.timeline.seconds_per_pixel, window.timeline.origin
    window.close()
    window.store.close()

    again = open_main_window(article_db, settings=QSettings(ini, QSettings.Format.IniFormat),
                             size=(1100, 760))
    assert again.main_splitter.sizes() == main_sizes
    assert again.bottom_splitter.sizes() == bottom_sizes
    assert again.timeline.seconds_per_pixel == pytest.approx(spp)
    assert abs((again.timeline.origin - origin).total_seconds()) <= spp
    assert again.act_show_hidden.isChecked()
    assert again.current_event_id == target.id


def test_an_unreadable_saved_state_falls_back_to_fit_all(open_main_window, article_db,
                                                         tmp_path):
    ini = str(tmp_path / "broken.ini")
    settings = QSettings(ini, QSettings.Format.IniFormat)
    settings.setValue("view/timeline", "{not json")
    settings.setValue("view/selectedEvent", "999999")
    settings.sync()
    window = open_main_window(article_db, settings=QSettings(ini, QSettings.Format.IniFormat))
    events = window.catalog.events.values()
    first = min(e.start for e in events)
    last = max(e.end for e in events)
    assert window.timeline.x_at(first) >= 0
    assert window.timeline.x_at(last) <= window.timeline.width()
    assert window.current_event_id in window.catalog.events


def test_title_names_the_database_once_without_repeating_the_app_name(main_window,
                                                                       article_db):
    # Qt adds the display name itself ("timeline.db — Timeline"); saying it here too
    # showed "Timeline — timeline.db — Timeline" in the title bar.
    assert main_window.windowTitle() == article_db.name


def test_title_never_shows_a_password():
    from timeline_app.ui.main_window import database_label

    class FakeStore:
        url = "postgresql+psycopg://ann:secret@db.example.org/news"

    assert database_label(FakeStore()) == "news@db.example.org"


def test_list_columns_share_a_narrow_width_then_remember_the_users_choice(
        qtbot, open_main_window, article_db, tmp_path):
    from timeline_app.ui.event_model import DOCUMENT, HEADLINE

    ini = str(tmp_path / "columns.ini")
    window = open_main_window(article_db, settings=QSettings(ini, QSettings.Format.IniFormat),
                              size=(900, 650))
    header = window.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(HEADLINE) >= 100)
    header.resizeSection(DOCUMENT, 222)
    window.close()
    window.store.close()
    again = open_main_window(article_db, settings=QSettings(ini, QSettings.Format.IniFormat),
                             size=(1300, 800))
    assert again.table.horizontalHeader().sectionSize(DOCUMENT) == 222


def test_first_launch_fits_everything_at_the_windows_real_size(qtbot, open_main_window,
                                                               article_db):
    window = open_main_window(article_db, size=(1600, 800))
    view = window.timeline
    events = list(window.catalog.events.values())
    first = min(e.start for e in events)
    last = max(e.end for e in events)

    def fitted():
        return (0 <= view.x_at(first) < view.width() * 0.2
                and view.width() * 0.8 < view.x_at(last) <= view.width())

    qtbot.waitUntil(fitted, timeout=2000)


def test_a_restored_selection_shows_its_sentence_in_the_text(qtbot, open_main_window,
                                                            article_db, tmp_path):
    ini = str(tmp_path / "selection.ini")
    window = open_main_window(article_db, settings=QSettings(ini, QSettings.Format.IniFormat))
    # the event whose sentence is furthest down the article
    last = max((e for e in window.catalog.events.values() if not e.hidden),
               key=lambda e: e.sentence_start)
    window.select_event(last.id)
    window.close()
    window.store.close()

    again = open_main_window(article_db, settings=QSettings(ini, QSettings.Format.IniFormat))
    assert again.current_event_id == last.id
    # scrolled while the window had no real size yet, the text showed the wrong place
    qtbot.waitUntil(lambda: again.source.is_visible(last.expr_start, last.expr_end),
                    timeout=2000)
    assert again.source.highlighted[2:] == (last.expr_start, last.expr_end)


def test_the_first_window_fits_a_small_screen(qtbot, article_db, ui_settings):
    from PySide6.QtGui import QGuiApplication

    from timeline_app.store import open_store
    from timeline_app.ui.main_window import MainWindow

    store = open_store(article_db)
    try:
        window = MainWindow(store, settings=ui_settings)  # no remembered geometry
        qtbot.addWidget(window)
        avail = QGuiApplication.primaryScreen().availableGeometry()
        assert window.width() <= avail.width() and window.height() <= avail.height()
    finally:
        store.close()
