"""Hovering an event tells what it is, which words gave its date, and how they were read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

import timeline_app.ui.main_window as main_window_module

# The offscreen platform cannot resize or raise real windows (tooltips are raised).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                       "This plugin does not support raise")


def _event(window, expr):
    return next(e for e in window.catalog.events.values() if e.expr_text == expr)


def _hover(qtbot, window, event_id) -> str:
    rect = window.timeline.item_rect(event_id)
    assert rect is not None
    pos = rect.center().toPoint()
    assert window.timeline.hit_test(rect.center()) == ("item", event_id)
    QToolTip.hideText()
    help_event = QHelpEvent(QEvent.Type.ToolTip, pos, window.timeline.mapToGlobal(pos))
    QApplication.sendEvent(window.timeline, help_event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    text = QToolTip.text()
    QToolTip.hideText()
    return text


def test_item_tooltip_says_headline_expression_interval_and_why(main_window):
    event = _event(main_window, "last week")
    item = main_window.timeline_item(event.id)
    lines = item.tooltip.splitlines()
    assert lines[0] == event.headline
    # the expression, how it was read and the interval, said once
    assert lines[1] == ("'last week', relative to the article date Tue 8 Nov 2022 "
                        "→ 31 Oct – 6 Nov 2022")
    assert sum("31 Oct – 6 Nov 2022" in line for line in lines) == 1


def test_edited_events_say_so(main_window):
    event = _event(main_window, "June")
    main_window.apply_edit(event.id, {"headline": "Call with Biden"})
    tooltip = main_window.timeline_item(event.id).tooltip
    assert tooltip.startswith("Call with Biden\n") and "Edited by you" in tooltip


def test_large_catalogs_explain_on_hover_and_escape_markup(qtbot, monkeypatch,
                                                           open_main_window, article_db):
    monkeypatch.setattr(main_window_module, "EAGER_TOOLTIPS", 0)
    window = open_main_window(article_db)
    event = _event(window, "June")
    assert window.timeline_item(event.id).tooltip == ""  # not computed at launch
    window.apply_edit(event.id, {"headline": "<b>Biden</b> & Zelensky"})
    window.timeline.center_on(event.id)
    text = _hover(qtbot, window, event.id)
    assert "&lt;b&gt;Biden&lt;/b&gt; &amp; Zelensky" in text
    assert "'June', relative to the article date Tue 8 Nov 2022 → June 2022" in text
    assert "Edited by you" in text


def test_the_timeline_itself_shows_edits_undo_and_redo(qtbot, main_window):
    window = main_window
    event = _event(window, "June")
    window.timeline.center_on(event.id)
    before = _hover(qtbot, window, event.id)
    assert "→ June 2022" in before and "Call with Biden" not in before
    window.apply_edit(event.id, {"headline": "Call with Biden"})
    assert "Call with Biden" in _hover(qtbot, window, event.id)
    window.undo_stack.undo()
    assert "Call with Biden" not in _hover(qtbot, window, event.id)
    window.undo_stack.redo()
    assert "Call with Biden" in _hover(qtbot, window, event.id)


def test_the_list_explains_an_event_too(main_window):
    from PySide6.QtCore import Qt

    event = _event(main_window, "last week")
    row = main_window.model.row_of(event.id)
    tip = main_window.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "relative to the article date Tue 8 Nov 2022" in tip
    assert tip.startswith("<qt>")
    assert "white-space:pre" in tip  # lines are not wrapped into a narrow column
