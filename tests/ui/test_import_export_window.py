"""Import and export from the window, run in worker threads with progress."""

from __future__ import annotations

import csv
import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

import timeline_app.ui.main_window as main_window_module  # noqa: E402

SEED_ARTICLE = (Path(__file__).resolve().parents[2] / "seeds"
                / "2022-11-08-cnn-us-urges-ukraine-openness-to-talks.txt")
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SECOND_ARTICLE = """date 2023-03-14

Kyiv, March 14 — Officials met on Monday to discuss the grain corridor.
Talks will resume next week, a spokesman said. The deal was first signed in July 2022.
"""


def test_import_through_the_worker(qtbot, main_window, tmp_path):
    article = tmp_path / "grain.txt"
    article.write_text(SECOND_ARTICLE, encoding="utf-8")
    seen = []
    task = main_window.import_paths([article])
    task.progressed.connect(lambda done, total, path: seen.append((done, total, path)))
    with qtbot.waitSignal(task.succeeded, timeout=20000):
        pass
    qtbot.waitUntil(lambda: len(main_window.catalog.documents) == 2, timeout=5000)
    new_doc = next(d for d in main_window.catalog.documents.values()
                   if d.dct.isoformat() == "2023-03-14")
    new_events = [e for e in main_window.catalog.events.values()
                  if e.document_id == new_doc.id]
    assert new_events
    assert main_window.status_label.text().startswith("2 documents · ")
    # the new article is on show with its first event selected
    assert main_window.source.document_id == new_doc.id
    assert main_window.current_event_id in {e.id for e in new_events}
    assert main_window.doc_filter.findData(new_doc.id) > 0
    assert main_window.last_error is None
    assert "Imported 1 article" in main_window.statusBar().currentMessage()


def test_an_older_article_does_not_repaint_the_documents_already_there(qtbot, main_window,
                                                                     tmp_path):
    seed = next(iter(main_window.catalog.documents.values()))
    colour = seed.color
    older = tmp_path / "older.txt"
    older.write_text("date 2019-05-02\n\nThe bridge opened on Monday.\n", encoding="utf-8")
    task = main_window.import_paths([older])
    with qtbot.waitSignal(task.succeeded, timeout=20000):
        pass
    qtbot.waitUntil(lambda: len(main_window.catalog.documents) == 2, timeout=5000)
    assert main_window.catalog.documents[seed.id].color == colour
    new = next(d for d in main_window.catalog.documents.values() if d.id != seed.id)
    assert new.color != colour


def test_an_imported_article_is_shown_with_all_its_events(qtbot, main_window, tmp_path):
    article = tmp_path / "decade.txt"
    article.write_text("date 2020-06-15\n\nThe plant opened in March 2015. It was sold "
                       "last week, and it will close in 2024, the owners said.\n",
                       encoding="utf-8")
    task = main_window.import_paths([article])
    with qtbot.waitSignal(task.succeeded, timeout=20000):
        pass
    qtbot.waitUntil(lambda: len(main_window.catalog.documents) == 2, timeout=5000)
    doc = next(d for d in main_window.catalog.documents.values() if d.dct.year == 2020)
    events = [e for e in main_window.catalog.events.values() if e.document_id == doc.id]
    assert len(events) >= 3
    view = main_window.timeline
    for event in events:
        extent = view.item_extent(event.id)
        assert extent is not None and extent[0] >= 0 and extent[1] <= view.width(), event


def test_a_bad_file_shows_an_error_naming_it(qtbot, main_window, tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"date 2022-11-08\n\nLast week \xff\xfe the talks failed.\n")
    task = main_window.import_paths([bad])
    with qtbot.waitSignal(task.succeeded, timeout=20000):
        pass
    qtbot.waitUntil(lambda: main_window.last_error is not None, timeout=5000)
    box = main_window.last_error
    assert box.isVisible()
    assert not box.isModal() or box.windowModality() != Qt.WindowModality.ApplicationModal
    assert "broken.txt" in box.text() and "UTF-8" in box.text()
    assert len(main_window.catalog.documents) == 1  # nothing half-imported


def test_import_of_the_same_article_adds_nothing(qtbot, main_window):
    before = set(main_window.catalog.events)
    task = main_window.import_paths([SEED_ARTICLE])
    with qtbot.waitSignal(task.succeeded, timeout=20000):
        pass
    assert set(main_window.catalog.events) == before
    assert "already present" in main_window.statusBar().currentMessage()


def test_cancelling_an_import_stops_it(qtbot, main_window, tmp_path, monkeypatch):
    import timeline_app.store as store_pkg

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(SECOND_ARTICLE + f"\nNote {i}.\n", encoding="utf-8")
    real = store_pkg.ingest_paths
    reported = threading.Event()

    def slow_ingest(store, paths, *, progress=None, cancel=None, **kwargs):
        def progress_then_wait(done, total, path):
            progress(done, total, path)
            reported.set()
            for _ in range(500):  # the user presses Cancel meanwhile
                if cancel():
                    break
                threading.Event().wait(0.01)

        return real(store, paths, progress=progress_then_wait, cancel=cancel, **kwargs)

    monkeypatch.setattr(store_pkg, "ingest_paths", slow_ingest)
    task = main_window.import_paths([folder])
    qtbot.waitUntil(reported.is_set, timeout=20000)
    progress = main_window.progress
    assert progress is not None and progress.labelText().startswith("Importing articles")
    # file names are shown as they are (a "<b>" in a name is not markup)
    assert progress.findChild(QLabel).textFormat() == Qt.TextFormat.PlainText
    assert progress.minimumWidth() >= 400  # does not resize with every file name
    with qtbot.waitSignal(task.cancelled, timeout=20000):
        progress.findChild(QPushButton).click()  # the dialog's Cancel button
    qtbot.waitUntil(lambda: "cancelled" in main_window.statusBar().currentMessage())
    assert len(main_window.catalog.documents) <= 2


def test_dropping_files_imports_them(qtbot, main_window, tmp_path):
    article = tmp_path / "dropped.md"
    article.write_text(SECOND_ARTICLE, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(main_window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPoint(50, 50).toPointF(), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(main_window, drop)
    assert main_window.tasks, "the drop started no import"
    with qtbot.waitSignal(main_window.tasks[0].succeeded, timeout=20000):
        pass
    assert len(main_window.catalog.documents) == 2


def test_dragging_something_else_is_refused(main_window):
    mime = QMimeData()
    mime.setText("just text")
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(main_window, enter)
    assert not enter.isAccepted()


def test_paste_dialog_reads_the_date_header_and_imports(qtbot, main_window):
    dialog = main_window.paste_dialog()
    assert dialog is main_window.active_dialog
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    dialog.text_edit.setPlainText(SECOND_ARTICLE)
    assert dialog.dct_edit.date() == QDate(2023, 3, 14)
    assert "header" in dialog.hint.text()
    dialog.title_edit.setText("Grain corridor talks")
    dialog.accept()
    qtbot.waitUntil(lambda: len(main_window.catalog.documents) == 2, timeout=20000)
    titles = {d.title for d in main_window.catalog.documents.values()}
    assert "Grain corridor talks" in titles
    qtbot.waitUntil(lambda: "Pasted article added: " in main_window.statusBar().currentMessage(),
                    timeout=5000)
    # the same text again changes nothing, and says so in words
    task = main_window.ingest_pasted(SECOND_ARTICLE, "Grain corridor talks", date(2023, 3, 14))
    with qtbot.waitSignal(task.succeeded, timeout=20000):
        pass
    qtbot.waitUntil(lambda: "already there" in main_window.statusBar().currentMessage(),
                    timeout=5000)
    assert len(main_window.catalog.documents) == 2


def test_export_csv_through_the_worker(qtbot, main_window, tmp_path):
    out = tmp_path / "events.csv"
    task = main_window.export_to(out, "csv")
    with qtbot.waitSignal(task.succeeded, timeout=20000) as blocker:
        pass
    assert blocker.args == [len(main_window.catalog.events)]
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == len(main_window.catalog.events) + 1
    assert any("Monday" in cell for row in rows for cell in row)
    assert f"Exported {len(rows) - 1} events" in main_window.statusBar().currentMessage()


@pytest.mark.parametrize("fmt,suffix", [("timelinejs-json", ".json"), ("timeml", ".tml"),
                                        ("timelinejs-csv", ".csv")])
def test_export_other_formats(qtbot, main_window, tmp_path, fmt, suffix):
    out = tmp_path / f"events{suffix}"
    task = main_window.export_to(out, fmt)
    with qtbot.waitSignal(task.succeeded, timeout=20000):
        pass
    assert out.stat().st_size > 0


def test_export_follows_the_document_filter(qtbot, main_window, tmp_path):
    main_window.doc_filter.setCurrentIndex(1)
    out = tmp_path / "one.csv"
    task = main_window.export_to(out, "csv")
    with qtbot.waitSignal(task.succeeded, timeout=20000) as blocker:
        pass
    assert blocker.args[0] == len(main_window.catalog.events)


def test_export_into_a_missing_folder_shows_an_error(qtbot, main_window, tmp_path):
    out = tmp_path / "no" / "such" / "folder" / "events.csv"
    task = main_window.export_to(out, "csv")
    with qtbot.waitSignal(task.failed, timeout=20000):
        pass
    box = main_window.last_error
    assert box is not None and box.isVisible()
    assert str(out) in box.windowTitle() + box.text()
    assert not out.exists()


def test_export_image_png_and_svg(main_window, tmp_path):
    png = tmp_path / "timeline.png"
    assert main_window.export_image(png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = tmp_path / "timeline.svg"
    assert main_window.export_image(svg)
    assert "<svg" in svg.read_text(encoding="utf-8")
    pdf = tmp_path / "timeline.pdf"
    assert main_window.export_image(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_export_image_error_is_shown(main_window, tmp_path):
    bad = Path(tmp_path / "missing" / "timeline.png")
    assert not main_window.export_image(bad)
    assert main_window.last_error is not None
    assert "timeline.png" in main_window.last_error.text()


def test_file_dialogs_lead_to_import_and_export(qtbot, main_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    article = tmp_path / "grain.txt"
    article.write_text(SECOND_ARTICLE, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(article)], "Articles")))
    main_window.act_import.trigger()
    with qtbot.waitSignal(main_window.tasks[0].succeeded, timeout=20000):
        pass
    assert len(main_window.catalog.documents) == 2
    assert main_window.settings.value("paths/import") == str(tmp_path)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *a, **k: (str(tmp_path / "timeline"), "TimelineJS JSON (*.json)")))
    main_window.act_export.trigger()
    with qtbot.waitSignal(main_window.tasks[0].succeeded, timeout=20000):
        pass
    assert (tmp_path / "timeline.json").read_text(encoding="utf-8").lstrip().startswith("{")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *a, **k: (str(tmp_path / "picture"), "SVG drawing (*.svg)")))
    main_window.act_export_image.trigger()
    assert "<svg" in (tmp_path / "picture.svg").read_text(encoding="utf-8")


def test_cancelled_file_dialogs_do_nothing(main_window, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([], "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    main_window.act_import.trigger()
    main_window.act_export.trigger()
    main_window.act_export_image.trigger()
    assert main_window.tasks == [] and main_window.last_error is None


def test_importing_a_folder_without_articles_says_so(qtbot, main_window, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.pdf").write_bytes(b"%PDF-1.4")
    task = main_window.import_paths([empty])
    with qtbot.waitSignal(task.succeeded, timeout=20000):
        pass
    box = main_window.last_error
    assert box is not None and "empty" in box.text()


def _add_copies(db, n):
    """Pad the database with copies of one event so the CSV writer reports progress
    mid-file (it does so every 1,000 rows)."""
    from sqlalchemy import insert, select

    from timeline_app.store import Event, event_snapshot, open_store

    store = open_store(db)
    try:
        with store.session() as session:
            event = session.scalars(select(Event).limit(1)).one()
            snapshot = event_snapshot(event)
            snapshot.pop("id")
            session.execute(insert(Event), [dict(snapshot) for _ in range(n)])
    finally:
        store.close()


def test_cancelling_an_export_leaves_no_file(qtbot, open_main_window, article_db, tmp_path,
                                             monkeypatch):
    import timeline_app.export as export_pkg

    _add_copies(article_db, 1500)
    window = open_main_window(article_db)
    real = export_pkg.export_events
    reported = threading.Event()

    def slow_export(store, out, fmt="csv", *, progress=None, **kwargs):
        def progress_then_wait(done, total):
            progress(done, total)
            reported.set()
            for _ in range(500):  # the user presses Cancel meanwhile
                if window.tasks and window.tasks[0].is_cancelled():
                    break
                threading.Event().wait(0.01)
            progress(done, total)  # the writer's next report: now it must stop

        return real(store, out, fmt, progress=progress_then_wait, **kwargs)

    monkeypatch.setattr(export_pkg, "export_events", slow_export)
    out = tmp_path / "out" / "events.csv"
    out.parent.mkdir()
    task = window.export_to(out, "csv")
    qtbot.waitUntil(reported.is_set, timeout=20000)
    with qtbot.waitSignal(task.cancelled, timeout=20000):
        window.progress.findChild(QPushButton).click()
    assert list(out.parent.iterdir()) == []  # neither the file nor a temporary one
    assert window.last_error is None
    assert "cancelled" in window.statusBar().currentMessage()


def test_timeml_of_several_articles_goes_to_a_folder(qtbot, main_window, tmp_path,
                                                     monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    article = tmp_path / "grain.txt"
    article.write_text(SECOND_ARTICLE, encoding="utf-8")
    task = main_window.import_paths([article])
    with qtbot.waitSignal(task.succeeded, timeout=20000):
        pass
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *a, **k: (str(tmp_path / "corpus.tml"), next(
            f for f in main_window_module.EXPORT_FILTERS if "TimeML" in f))))
    main_window.act_export.trigger()
    with qtbot.waitSignal(main_window.tasks[0].succeeded, timeout=20000):
        pass
    files = sorted(p.name for p in (tmp_path / "corpus").iterdir())
    assert len(files) == 2 and all(name.endswith(".tml") for name in files)
    assert main_window.last_error is None


def test_a_filter_whose_events_are_elsewhere_in_time_brings_them_into_view(qtbot, main_window,
                                                                          tmp_path):
    older = tmp_path / "bridge.txt"
    older.write_text("date 2019-05-02\n\nThe bridge opened on Monday after repairs began "
                     "in March.\n", encoding="utf-8")
    task = main_window.import_paths([older])
    with qtbot.waitSignal(task.succeeded, timeout=20000):
        pass
    qtbot.waitUntil(lambda: len(main_window.catalog.documents) == 2, timeout=5000)
    doc = next(d for d in main_window.catalog.documents.values() if d.dct.year == 2019)
    view = main_window.timeline
    view.go_to(datetime(2022, 11, 8))  # the seed article's time, far from 2019
    view.zoom_by(8.0)

    def shown_in_view():
        ids = {e.id for e in main_window.visible_events()}
        return ids and any(view.item_rect(i) is not None for i in ids)

    main_window.doc_filter.setCurrentIndex(main_window.doc_filter.findData(doc.id))
    qtbot.waitUntil(shown_in_view, timeout=2000)
    main_window.clear_filters()
    view.go_to(datetime(2022, 11, 8))
    qtbot.keyClicks(main_window.search, "bridge")
    qtbot.waitUntil(lambda: len(main_window.visible_events()) >= 1 and shown_in_view(),
                    timeout=2000)


def test_import_message_counts_in_good_english(qtbot, main_window, tmp_path):
    one = tmp_path / "one.txt"
    one.write_text("date 2021-04-01\n\nThe museum reopened on Monday.\n", encoding="utf-8")
    task = main_window.import_paths([one])
    with qtbot.waitSignal(task.succeeded, timeout=20000):
        pass
    qtbot.waitUntil(lambda: "Imported 1 article (1 event)" in
                    main_window.statusBar().currentMessage(), timeout=5000)


def test_an_import_hidden_by_the_filters_clears_them_to_show_it(qtbot, main_window, tmp_path):
    seed = next(iter(main_window.catalog.documents.values()))
    main_window.doc_filter.setCurrentIndex(main_window.doc_filter.findData(seed.id))
    article = tmp_path / "port.txt"
    article.write_text("date 2021-09-01\n\nThe port reopened on Monday.\n", encoding="utf-8")
    task = main_window.import_paths([article])
    with qtbot.waitSignal(task.succeeded, timeout=20000):
        pass
    qtbot.waitUntil(lambda: len(main_window.catalog.documents) == 2, timeout=5000)
    new = next(d for d in main_window.catalog.documents.values() if d.id != seed.id)
    assert main_window.doc_filter.currentData() is None  # "All documents" again
    assert main_window.current_event_id is not None
    assert main_window.catalog.events[main_window.current_event_id].document_id == new.id
    assert main_window.timeline.item_rect(main_window.current_event_id) is not None
    assert "filters cleared" in main_window.statusBar().currentMessage()


def test_clicking_an_article_date_flag_shows_that_article(qtbot, main_window, tmp_path):
    from PySide6.QtCore import QPoint

    from timeline_app.ui.timeline.view import AXIS_H

    seed = next(iter(main_window.catalog.documents.values()))
    other = tmp_path / "ferry.txt"
    other.write_text("date 2022-11-20\n\nThe ferry resumed service on Monday.\n",
                     encoding="utf-8")
    task = main_window.import_paths([other])
    with qtbot.waitSignal(task.succeeded, timeout=20000):
        pass
    qtbot.waitUntil(lambda: len(main_window.catalog.documents) == 2, timeout=5000)
    assert main_window.source.document_id != seed.id  # the new article is on show
    view = main_window.timeline
    view.fit_all()
    x = round(view.x_at(datetime(seed.dct.year, seed.dct.month, seed.dct.day)))
    assert view.hit_test(QPoint(x, int(AXIS_H) - 4).toPointF())[0] == "document"
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(x, int(AXIS_H) - 4))
    assert main_window.source.document_id == seed.id
    assert main_window.catalog.events[main_window.current_event_id].document_id == seed.id
