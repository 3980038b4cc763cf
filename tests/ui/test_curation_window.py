"""Curation in the window: every change is in the database at once, undoable, and kept."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextCursor

from timeline_app.store import Event, open_store

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _event(window, expr: str):
    return next(e for e in window.catalog.events.values() if e.expr_text == expr)


def _db_event(db, event_id):
    store = open_store(db)
    try:
        with store.session() as session:
            event = session.get(Event, event_id)
            return None if event is None else (event.headline, event.start, event.end,
                                               event.granularity, event.edited_by_user,
                                               event.hidden)
    finally:
        store.close()


def test_edit_undo_redo_and_restart(qtbot, open_main_window, article_db):
    window = open_main_window(article_db)
    target = _event(window, "last month")
    original = _db_event(article_db, target.id)
    window.select_event(target.id)

    dialog = window.edit_event()
    assert dialog is window.active_dialog and dialog.isVisible()
    assert dialog.headline.text() == target.headline
    assert dialog.granularity.currentText() == "month"
    assert dialog.start_edit.date() == QDate(2022, 10, 1)
    assert dialog.end_edit.date() == QDate(2022, 10, 31)  # inclusive last day
    dialog.headline.setText("Zelensky rules out talks with Putin")
    dialog.granularity.setCurrentText("day")
    dialog.start_edit.setDate(QDate(2022, 10, 4))
    dialog.end_edit.setDate(QDate(2022, 10, 4))
    dialog.accept()

    edited = ("Zelensky rules out talks with Putin", datetime(2022, 10, 4),
              datetime(2022, 10, 5), "day", True, False)
    assert _db_event(article_db, target.id) == edited
    row = window.model.row_of(target.id)
    assert window.model.index(row, 1).data().startswith("✎ Zelensky rules out")
    assert window.timeline.item_rect(target.id) is not None

    window.undo_stack.undo()
    assert _db_event(article_db, target.id) == original
    assert window.catalog.events[target.id].headline == target.headline
    assert not window.catalog.events[target.id].edited
    window.undo_stack.redo()
    assert _db_event(article_db, target.id) == edited

    # a restart: a new window on a new connection sees the edit, marked as such
    window.close()
    window.store.close()
    again = open_main_window(article_db)
    row = again.catalog.events[target.id]
    assert row.headline == "Zelensky rules out talks with Putin" and row.edited
    assert again.current_event_id == target.id  # the selection is remembered too
    model_row = again.model.row_of(target.id)
    assert again.model.index(model_row, 1).data().startswith("✎ ")


def test_edit_dialog_refuses_an_empty_headline_or_backwards_dates(open_main_window,
                                                                 article_db):
    window = open_main_window(article_db)
    target = _event(window, "June")
    window.select_event(target.id)
    before = _db_event(article_db, target.id)
    dialog = window.edit_event()
    dialog.headline.setText("   ")
    dialog.accept()
    assert dialog.isVisible() and "empty" in dialog.error.text()
    dialog.headline.setText("Call with Biden")
    dialog.start_edit.setDate(QDate(2022, 6, 30))
    dialog.end_edit.setDate(QDate(2022, 6, 1))
    dialog.accept()
    assert dialog.isVisible() and "end after" in dialog.error.text()
    dialog.reject()
    assert _db_event(article_db, target.id) == before
    assert window.undo_stack.count() == 0


def test_hide_and_delete_are_saved_and_undoable(open_main_window, article_db):
    window = open_main_window(article_db)
    total = window.proxy.rowCount()
    target = _event(window, "June")
    window.select_event(target.id)

    row = window.table.currentIndex().row()
    window.act_hide.trigger()
    assert _db_event(article_db, target.id)[5] is True
    assert window.proxy.rowCount() == total - 1
    # the selection moves on to the event that took its place in the list
    assert window.table.currentIndex().row() == row
    assert window.current_event_id not in (None, target.id)
    assert window.timeline.item_rect(target.id) is None
    assert window.status_label.text().endswith(f"{total - 1} events")
    window.act_show_hidden.setChecked(True)
    assert window.proxy.rowCount() == total
    window.act_show_hidden.setChecked(False)
    window.undo_stack.undo()
    assert _db_event(article_db, target.id)[5] is False
    assert window.proxy.rowCount() == total
    # what the undo brought back is selected in every view
    assert window.current_event_id == target.id
    assert window.timeline.selected_item() == target.id

    window.select_event(target.id)
    window.act_delete.trigger()
    assert _db_event(article_db, target.id) is None
    assert target.id not in window.catalog.events
    assert window.current_event_id not in (None, target.id)
    window.undo_stack.undo()
    assert _db_event(article_db, target.id) is not None
    assert window.proxy.rowCount() == total
    assert window.current_event_id == target.id
    assert window.source.highlighted[2:] == (target.expr_start, target.expr_end)
    window.undo_stack.redo()
    assert _db_event(article_db, target.id) is None


def test_add_event_from_a_selection_uses_the_tagger(open_main_window, article_db):
    window = open_main_window(article_db)
    first = _event(window, "June")
    window.select_event(first.id)
    text = window.source.text_map.text
    phrase = "In a phone call with US President Joe Biden in June"
    start = text.index(phrase)
    cursor = QTextCursor(window.source.document())
    cursor.setPosition(window.source.text_map.to_qt(start))
    cursor.setPosition(window.source.text_map.to_qt(start + len(phrase)),
                       QTextCursor.MoveMode.KeepAnchor)
    window.source.setTextCursor(cursor)
    assert window.act_add.isEnabled()

    dialog = window.add_event_from_selection()
    assert dialog.granularity.currentText() == "month"
    assert dialog.start_edit.date() == QDate(2022, 6, 1)
    assert dialog.end_edit.date() == QDate(2022, 6, 30)
    assert "June" in dialog.note.text()
    assert dialog.headline.text() and "June" not in dialog.headline.text()
    dialog.headline.setText("Zelensky asks Biden for more weapons")
    before = set(window.catalog.events)
    dialog.accept()

    (new_id,) = set(window.catalog.events) - before
    stored = _db_event(article_db, new_id)
    assert stored[0] == "Zelensky asks Biden for more weapons"
    assert stored[1:4] == (datetime(2022, 6, 1), datetime(2022, 7, 1), "month")
    assert stored[4] is True  # made by the user
    assert window.current_event_id == new_id
    new = window.catalog.events[new_id]
    assert text[new.expr_start:new.expr_end] == "June"

    window.undo_stack.undo()
    assert _db_event(article_db, new_id) is None
    assert new_id not in window.catalog.events
    window.undo_stack.redo()
    assert _db_event(article_db, new_id)[0] == "Zelensky asks Biden for more weapons"


def test_add_event_from_a_modified_expression_prefills_the_interval_an_import_draws(
        open_main_window, article_db):
    window = open_main_window(article_db)
    imported = _event(window, "early October")
    window.select_event(imported.id)
    text = window.source.text_map.text
    cursor = QTextCursor(window.source.document())
    cursor.setPosition(window.source.text_map.to_qt(imported.sentence_start))
    cursor.setPosition(window.source.text_map.to_qt(imported.sentence_end),
                       QTextCursor.MoveMode.KeepAnchor)
    window.source.setTextCursor(cursor)
    dialog = window.add_event_from_selection()
    assert "early October" in text[imported.sentence_start:imported.sentence_end]
    # the first third of October, as the imported "early October" event, not all of it
    values = dialog.values()
    assert (values["start"], values["end"]) == (imported.start, imported.end)
    assert imported.end - imported.start < timedelta(days=15)
    dialog.reject()


def test_add_event_without_a_date_in_the_selection_starts_at_the_article_date(
        open_main_window, article_db):
    window = open_main_window(article_db)
    window.select_event(_event(window, "June").id)
    text = window.source.text_map.text
    phrase = "The Washington Post first reported"
    start = text.index(phrase)
    cursor = QTextCursor(window.source.document())
    cursor.setPosition(window.source.text_map.to_qt(start))
    cursor.setPosition(window.source.text_map.to_qt(start + len(phrase)),
                       QTextCursor.MoveMode.KeepAnchor)
    window.source.setTextCursor(cursor)
    dialog = window.add_event_from_selection()
    assert dialog.start_edit.date() == QDate(2022, 11, 8)
    assert dialog.granularity.currentText() == "day"
    assert "No date found" in dialog.note.text()
    dialog.reject()
    assert window.undo_stack.count() == 0


def test_a_failed_save_is_reported_and_not_pushed(open_main_window, article_db, monkeypatch):
    window = open_main_window(article_db)
    target = _event(window, "June")
    window.select_event(target.id)

    import timeline_app.ui.undo as undo

    def broken(*_args, **_kwargs):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(undo, "set_hidden", broken)
    window.act_hide.trigger()
    assert window.undo_stack.count() == 0
    assert window.last_error is not None and window.last_error.isVisible()
    assert "database is locked" in window.last_error.text()
    assert _db_event(article_db, target.id)[5] is False


def test_delete_key_deletes_from_the_list_but_edits_text_in_the_search_box(qtbot, main_window,
                                                                          article_db):
    window = main_window
    target = _event(window, "June")
    window.select_event(target.id)
    window.search.setFocus()
    qtbot.keyClicks(window.search, "ab")
    qtbot.keyClick(window.search, Qt.Key.Key_Home)
    qtbot.keyClick(window.search, Qt.Key.Key_Delete)
    assert window.search.text() == "b"
    assert _db_event(article_db, target.id) is not None
    window.search.clear()
    qtbot.waitUntil(lambda: window.proxy.rowCount() == len(window.catalog.events))

    window.select_event(target.id)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert _db_event(article_db, target.id) is None
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _db_event(article_db, target.id) is not None


def test_return_in_the_list_opens_the_edit_dialog(qtbot, main_window):
    window = main_window
    target = _event(window, "June")
    window.select_event(target.id)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    dialog = window.active_dialog
    assert dialog is not None and dialog.windowTitle() == "Edit event"
    assert dialog.headline.text() == target.headline
    dialog.reject()
    qtbot.waitUntil(lambda: window.active_dialog is None)


def test_undo_and_redo_select_the_event_they_change(open_main_window, article_db):
    window = open_main_window(article_db)
    june = _event(window, "June")
    monday = next(e for e in window.catalog.events.values() if e.expr_text == "Monday")
    window.select_event(june.id)
    assert window.apply_edit(june.id, {"headline": "Call with Biden"})
    assert window.current_event_id == june.id
    window.select_event(monday.id)  # the user moves on
    window.undo_stack.undo()
    assert window.catalog.events[june.id].headline != "Call with Biden"
    assert window.current_event_id == june.id  # shown where the undo happened
    assert window.timeline.selected_item() == june.id
    window.select_event(monday.id)
    window.undo_stack.redo()
    assert window.current_event_id == june.id
    # a first application (not from the history) leaves the selection alone
    window.apply_edit(monday.id, {"headline": "Peskov speaks"})
    assert window.current_event_id == june.id
