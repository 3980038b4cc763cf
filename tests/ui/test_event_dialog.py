"""The event dialog speaks in the days people name; the store keeps half-open intervals."""

from __future__ import annotations

import html
from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime

from timeline_app.ui.dialogs import EventDialog, PasteArticleDialog


def _dialog(qtbot, **kwargs):
    values = dict(headline="Talks", start=datetime(2022, 10, 31), end=datetime(2022, 11, 7),
                  granularity="week")
    values.update(kwargs)
    dialog = EventDialog("Edit event", **values)
    qtbot.addWidget(dialog)
    return dialog


def test_week_shows_its_last_day_and_round_trips(qtbot):
    dialog = _dialog(qtbot)
    assert dialog.start_edit.date() == QDate(2022, 10, 31)
    assert dialog.end_edit.date() == QDate(2022, 11, 6)
    assert dialog.values() == {"headline": "Talks", "start": datetime(2022, 10, 31),
                               "end": datetime(2022, 11, 7), "granularity": "week"}


def test_hour_keeps_clock_times(qtbot):
    dialog = _dialog(qtbot, start=datetime(2022, 11, 7, 14), end=datetime(2022, 11, 7, 15),
                     granularity="hour")
    assert dialog.start_edit.time() == QTime(14, 0)
    dialog.end_edit.setDateTime(QDateTime(QDate(2022, 11, 7), QTime(16, 30)))
    assert dialog.interval() == (datetime(2022, 11, 7, 14), datetime(2022, 11, 7, 16, 30))


def test_switching_granularity_keeps_the_days(qtbot):
    dialog = _dialog(qtbot)
    dialog.granularity.setCurrentText("day")
    assert dialog.interval() == (datetime(2022, 10, 31), datetime(2022, 11, 7))
    dialog.granularity.setCurrentText("hour")
    start, end = dialog.interval()
    assert start == datetime(2022, 10, 31) and end > start


def test_one_day_event_has_the_same_first_and_last_day(qtbot):
    dialog = _dialog(qtbot, start=datetime(2022, 11, 7), end=datetime(2022, 11, 8),
                     granularity="day")
    assert dialog.start_edit.date() == dialog.end_edit.date() == QDate(2022, 11, 7)
    assert dialog.validate() is None


def test_paste_dialog_defaults_to_today_without_a_header(qtbot):
    dialog = PasteArticleDialog(today=date(2024, 5, 6))
    qtbot.addWidget(dialog)
    dialog.text_edit.setPlainText("Officials met on Monday.")
    assert dialog.dct_edit.date() == QDate(2024, 5, 6)
    assert dialog.article() == ("Officials met on Monday.", None, date(2024, 5, 6))
    dialog.text_edit.setPlainText("date 2021-02-03\n\nOfficials met on Monday.")
    assert dialog.article()[2] == date(2021, 2, 3)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_paste_dialog_lets_the_keyboard_out_of_the_text_and_imports_with_ctrl_return(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    dialog = PasteArticleDialog(today=date(2024, 5, 6))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.text_edit.setFocus()
    qtbot.keyClicks(dialog.text_edit, "Officials met on Monday.")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Tab)
    assert "\t" not in dialog.text_edit.toPlainText()
    assert not dialog.text_edit.hasFocus()
    dialog.text_edit.setFocus()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "&Import"


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_paste_dialog_ctrl_return_does_nothing_without_text(qtbot):
    from PySide6.QtCore import Qt

    dialog = PasteArticleDialog(today=date(2024, 5, 6))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    accepted = []
    dialog.accepted.connect(lambda: accepted.append(True))
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not accepted and dialog.isVisible()


def test_paste_dialog_hint_forgets_a_header_that_was_edited_away(qtbot):
    dialog = PasteArticleDialog(today=date(2024, 5, 6))
    qtbot.addWidget(dialog)
    dialog.text_edit.setPlainText("date 2021-02-03\n\nOfficials met on Monday.")
    assert "header" in dialog.hint.text()
    dialog.text_edit.setPlainText("Officials met on Monday.")
    assert dialog.hint.text() == PasteArticleDialog.DEFAULT_HINT


def test_a_long_selected_expression_neither_widens_the_dialog_nor_is_cut(qtbot):
    words = "invasion of <b>Ukraine</b>, amid disagreement over how to interpret " * 12
    dialog = _dialog(qtbot, expression=words.strip())
    label = dialog.expression_label
    assert label.wordWrap()
    assert dialog.sizeHint().width() < 800
    assert label.text().startswith("“invasion") and label.text().endswith("interpret”")
    assert " … " in label.text() and len(label.text()) < 200
    # the whole selection is still there, as plain text
    assert label.toolTip() == "<qt>" + html.escape(words.strip()) + "</qt>"


def test_dialog_texts_from_the_article_are_plain_text(qtbot):
    from PySide6.QtCore import Qt

    dialog = _dialog(qtbot, expression="<b>Monday</b>", context="<i>ctx</i>",
                     note="From <b>Breaking</b>, article date Tue 8 Nov 2022.")
    assert dialog.note.textFormat() == Qt.TextFormat.PlainText
    assert dialog.expression_label.textFormat() == Qt.TextFormat.PlainText


def test_old_dates_are_shown_and_kept_not_moved_to_1752(qtbot):
    # Qt's date widgets stop at 14 Sep 1752 by default: editing the headline of "1492"
    # moved the event to 1752.
    dialog = _dialog(qtbot, start=datetime(1492, 1, 1), end=datetime(1493, 1, 1),
                     granularity="year")
    assert dialog.start_edit.date() == QDate(1492, 1, 1)
    assert dialog.end_edit.date() == QDate(1492, 12, 31)
    dialog.headline.setText("Columbus sets sail")
    assert dialog.values() == {"headline": "Columbus sets sail", "start": datetime(1492, 1, 1),
                               "end": datetime(1493, 1, 1), "granularity": "year"}
    dialog.end_edit.setDate(QDate(1492, 6, 30))  # a real change is taken as given
    assert dialog.values()["end"] == datetime(1492, 7, 1)


def test_dates_before_the_year_100_are_kept_and_say_why(qtbot):
    dialog = _dialog(qtbot, start=datetime(44, 3, 15), end=datetime(44, 3, 16),
                     granularity="day")
    assert not dialog.start_edit.isEnabled() and not dialog.end_edit.isEnabled()
    assert "before the year 100" in dialog.note.text()
    dialog.headline.setText("Ides of March")
    assert (dialog.values()["start"], dialog.values()["end"]) == (datetime(44, 3, 15),
                                                                   datetime(44, 3, 16))
