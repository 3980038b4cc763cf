"""The main window on the example article: the three views follow one another."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFont, QWheelEvent
from PySide6.QtWidgets import QApplication

from timeline_app.ui.event_model import EVENT_ID_ROLE

# The offscreen platform warns when a top-level window's size hints change; harmless.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _event(window, expr: str):
    matches = [e for e in window.catalog.events.values() if e.expr_text == expr]
    assert matches, f"no event for {expr!r}"
    return matches[0]


def _monday(window):
    return next(e for e in window.catalog.events.values() if e.expr_text.endswith("Monday"))


def _view_target(view):
    return view.viewport() if hasattr(view, "viewport") else view


def _click_item(qtbot, window, event_id):
    rect = window.timeline.item_rect(event_id)
    assert rect is not None, "the event is not drawn"
    qtbot.mouseClick(_view_target(window.timeline), Qt.MouseButton.LeftButton,
                     pos=rect.center().toPoint())


def _selected_list_id(window):
    index = window.table.currentIndex()
    return index.data(EVENT_ID_ROLE) if index.isValid() else None


def test_window_lists_the_article_and_counts_it(main_window):
    n = len(main_window.catalog.events)
    assert n >= 10
    assert main_window.proxy.rowCount() == n
    assert main_window.status_label.text() == f"1 document · {n} events"
    titles = [a.text() for a in main_window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Help"]
    # first launch: the newest article is on show with its first event selected
    assert main_window.source.document_id is not None
    first = min((e for e in main_window.catalog.events.values()), key=lambda e: e.expr_start)
    assert main_window.current_event_id == first.id
    assert main_window.source.highlighted[2] == first.expr_start


def test_clicking_the_monday_event_scrolls_and_highlights_its_sentence(qtbot, open_main_window,
                                                                      article_db):
    window = open_main_window(article_db, size=(1200, 700))
    monday = _monday(window)
    # make the source view short so the sentence starts out of sight
    window.main_splitter.setSizes([500, 200])
    window.source.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    assert not window.source.is_visible(monday.expr_start, monday.expr_end)

    _click_item(qtbot, window, monday.id)

    assert window.current_event_id == monday.id
    assert window.timeline.selected_item() == monday.id
    assert _selected_list_id(window) == monday.id
    text = window.source.text_map.text
    s_start, s_end, x_start, x_end = window.source.highlighted
    assert text[x_start:x_end].endswith("Monday")
    assert "On Monday" in text[s_start:s_end]
    assert text[s_start:s_end].startswith("On Monday, Kremlin spokesman")
    assert window.source.is_visible(x_start, x_end)
    extra = window.source.extraSelections()
    strong = [s for s in extra if s.cursor.selectedText() == text[x_start:x_end]
              and s.format.fontWeight() == QFont.Weight.Bold]
    assert strong and strong[0].format.background().color() == window.source.EXPR_BG
    sentence = [s for s in extra if s.cursor.selectedText() == text[s_start:s_end]]
    assert sentence and sentence[0].format.background().color() == window.source.SENTENCE_BG


def test_clicking_an_expression_in_the_text_selects_its_event(qtbot, main_window):
    window = main_window
    target = _event(window, "last month")
    window.source.scroll_to(target.sentence_start, target.sentence_end, target.expr_start)
    QApplication.processEvents()
    rect = window.source.expression_rect(target.expr_start + 2)
    qtbot.mouseClick(window.source.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert window.current_event_id == target.id
    assert window.timeline.selected_item() == target.id
    assert _selected_list_id(window) == target.id
    # centred on it: the item lies around the middle of the timeline
    rect = window.timeline.item_rect(target.id)
    width = _view_target(window.timeline).width()
    assert rect is not None and abs(rect.center().x() - width / 2) < width / 4


def test_every_expression_is_underlined(main_window):
    window = main_window
    monday = _monday(window)
    window.select_event(monday.id)
    underlined = {s.cursor.selectedText() for s in window.source.extraSelections()
                  if s.format.fontUnderline()}
    for event in window.catalog.events.values():
        assert event.expr_text.replace("\n", "\u2029") in underlined


def test_selecting_in_the_list_moves_the_timeline_and_the_text(qtbot, main_window):
    window = main_window
    target = _event(window, "June")
    row = window.model.row_of(target.id)
    index = window.proxy.mapFromSource(window.model.index(row, 1))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.table.visualRect(index).center())
    assert window.current_event_id == target.id
    assert window.timeline.selected_item() == target.id
    s_start, s_end, x_start, x_end = window.source.highlighted
    assert (x_start, x_end) == (target.expr_start, target.expr_end)


def test_ctrl_wheel_zooms_around_the_pointer(qtbot, main_window):
    view = main_window.timeline
    target = _view_target(view)
    x, y = target.width() * 0.3, target.height() / 2
    before_time = view.time_at(x)
    before_scale = view.seconds_per_pixel
    pos = QPointF(x, y)
    event = QWheelEvent(pos, target.mapToGlobal(pos), QPoint(0, 0), QPoint(0, 240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(target, event)
    qtbot.waitUntil(lambda: view.seconds_per_pixel < before_scale * 0.95, timeout=2000)
    after_time = view.time_at(x)
    drift = abs((after_time - before_time).total_seconds())
    assert drift <= 2 * view.seconds_per_pixel


def test_keyboard_moves_the_selection_through_events(qtbot, main_window):
    window = main_window
    view = window.timeline
    order = sorted(window.catalog.events.values(), key=lambda e: (e.start, e.end, e.id))
    window.select_event(order[0].id)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    second = window.current_event_id
    assert second is not None and second != order[0].id
    assert _selected_list_id(window) == second
    assert window.source.highlighted[2] == window.catalog.events[second].expr_start
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert window.current_event_id == order[0].id
    qtbot.keyClick(view, Qt.Key.Key_End)
    last = window.current_event_id
    assert window.catalog.events[last].start == max(e.start for e in order)
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert window.catalog.events[window.current_event_id].start == order[0].start

    # the list follows the arrow keys too
    window.table.setFocus()
    before = window.current_event_id
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.current_event_id != before
    assert window.timeline.selected_item() == window.current_event_id


def test_search_and_filters_narrow_both_views(qtbot, main_window):
    window = main_window
    total = window.proxy.rowCount()
    qtbot.keyClicks(window.search, "winter")
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 2, timeout=2000)
    assert window.status_label.text() == f"1 document · 2 of {total} events shown"
    shown = {e.id for e in window.visible_events()}
    assert all("winter" in window.catalog.events[i].expr_text for i in shown)
    window.search.clear()
    qtbot.waitUntil(lambda: window.proxy.rowCount() == total, timeout=2000)

    window.gran_filter.setCurrentIndex(window.gran_filter.findData("day"))
    days = [e for e in window.catalog.events.values() if e.granularity == "day"]
    assert window.proxy.rowCount() == len(days)
    window.clear_filters()
    window.from_check.setChecked(True)
    window.from_date.setDate(window.from_date.date().fromString("2022-11-01", "yyyy-MM-dd"))
    later = [e for e in window.catalog.events.values() if e.end > datetime(2022, 11, 1)]
    assert window.proxy.rowCount() == len(later)
    qtbot.waitUntil(lambda: {e.id for e in window.visible_events()} == {e.id for e in later})


def test_go_to_article_date_centres_the_dct(main_window):
    view = main_window.timeline
    main_window.zoom_in()
    main_window.zoom_in()
    main_window.go_to_article_date()
    middle = _view_target(view).width() / 2
    centre = view.time_at(middle)
    assert abs((centre - datetime(2022, 11, 8, 12)).total_seconds()) < 2 * view.seconds_per_pixel


def test_clicking_in_the_text_does_not_scroll_it(qtbot, main_window):
    window = main_window
    target = _event(window, "last month")
    window.source.scroll_to(target.sentence_start, target.sentence_end, target.expr_start)
    bar = window.source.verticalScrollBar()
    bar.setValue(bar.value() + 2)  # the expression is visible, but not centred
    QApplication.processEvents()
    assert window.source.is_visible(target.expr_start, target.expr_end)
    before = bar.value()
    rect = window.source.expression_rect(target.expr_start + 2)
    qtbot.mouseClick(window.source.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_event_id == target.id
    assert bar.value() == before


def test_clicking_an_expression_filtered_off_the_timeline_still_shows_it(qtbot, main_window):
    window = main_window
    target = _event(window, "last month")
    window.gran_filter.setCurrentIndex(window.gran_filter.findData("day"))
    window.refresh_timeline()
    assert window.timeline.item_rect(target.id) is None
    window.show_document(target.document_id)
    window.source.scroll_to(target.sentence_start, target.sentence_end, target.expr_start)
    QApplication.processEvents()
    rect = window.source.expression_rect(target.expr_start + 2)
    qtbot.mouseClick(window.source.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_event_id == target.id
    assert window.source.highlighted[2] == target.expr_start
    assert window.timeline.selected_item() is None


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                           "This plugin does not support raise")  # the offscreen platform
def test_help_lists_the_keys_without_blocking(main_window):
    box = main_window.show_keys()
    assert box.isVisible() and "Home and End" in box.text()
    assert main_window.show_keys() is box  # F1 again: the same box, not a second one
    # modeless: the window takes keys while the cheat sheet is open
    assert box.windowModality() == Qt.WindowModality.NonModal
    assert QApplication.activeModalWidget() is None
    from PySide6.QtWidgets import QLabel

    from timeline_app.ui.main_window import KEYS_HELP

    text = box.findChild(QLabel, "qt_msgbox_label")
    longest = max(KEYS_HELP.splitlines(), key=len)
    assert text.width() >= text.fontMetrics().horizontalAdvance(longest)  # no wrapped lines
    box.close()


def test_tab_walks_through_the_window_and_out_of_the_list(qtbot, main_window):
    window = main_window
    window.activateWindow()
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus, timeout=1000)
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)
    assert not window.table.hasFocus()  # Tab no longer hops between the list's cells
    seen = set()
    for _ in range(12):
        widget = QApplication.focusWidget()
        seen.add(widget.objectName())
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert {"timeline", "source", "search", "events"} <= seen


def test_escape_in_the_search_box_clears_the_search(qtbot, main_window):
    window = main_window
    total = window.proxy.rowCount()
    qtbot.keyClicks(window.search, "winter")
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 2, timeout=2000)
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""
    assert window.proxy.rowCount() == total


def test_date_filters_start_at_the_first_and_last_day_of_the_events(main_window):
    from PySide6.QtCore import QDate

    window = main_window
    events = window.catalog.events.values()
    first = min(e.start for e in events)
    assert window.from_date.date() == QDate(first.year, first.month, first.day)
    # the example's last event is winter 2022-23: it ends on 1 March, exclusive
    assert max(e.end for e in events) == datetime(2023, 3, 1)
    assert window.to_date.date() == QDate(2023, 2, 28)
    assert window.to_date.text() == "28 Feb 2023"
    total = window.proxy.rowCount()
    window.to_check.setChecked(True)  # the default range keeps every event
    assert window.proxy.rowCount() == total


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                           "This plugin does not support raise")
def test_hovering_an_expression_in_the_text_explains_it(qtbot, main_window):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    window = main_window
    source = window.source
    target = _event(window, "last month")
    source.scroll_to(target.sentence_start, target.sentence_end, target.expr_start)
    QApplication.processEvents()
    pos = source.expression_rect(target.expr_start + 2).center()
    tip = source.tooltip_at(pos)
    assert "relative to the article date Tue 8 Nov 2022" in tip and "Click" in tip
    help_event = QHelpEvent(QEvent.Type.ToolTip, pos, source.viewport().mapToGlobal(pos))
    QApplication.sendEvent(source.viewport(), help_event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "relative to the article date" in QToolTip.text()
    QToolTip.hideText()
    # "daily" is underlined but is no event: its hover says why it is not on the timeline
    daily = next(s for s in source._spans if s.event_id is None
                 and source.toPlainText()[s.start:s.end] == "daily")
    source.scroll_to(daily.start, daily.end, daily.start)
    QApplication.processEvents()
    tip = source.tooltip_at(source.expression_rect(daily.start + 1).center())
    assert tip.startswith("“daily”: a repeating time") and "not on the timeline" in tip


def test_down_in_the_search_box_goes_on_to_the_results(qtbot, main_window):
    window = main_window
    window.activateWindow()
    window.select_event(None)
    window.search.setFocus()
    qtbot.waitUntil(window.search.hasFocus, timeout=1000)
    qtbot.keyClicks(window.search, "winter")
    qtbot.keyClick(window.search, Qt.Key.Key_Down)  # at once, without waiting for the filter
    assert window.proxy.rowCount() == 2
    assert window.table.hasFocus()
    first = window.proxy.index(0, 0).data(EVENT_ID_ROLE)
    assert window.current_event_id == first
    assert "winter" in window.catalog.events[first].expr_text


def test_date_filters_reach_back_before_1752(main_window):
    from PySide6.QtCore import QDate

    main_window.from_date.setDate(QDate(1492, 10, 12))
    assert main_window.from_date.date() == QDate(1492, 10, 12)


def test_document_swatch_in_the_list_stays_visible_on_the_selected_row(main_window):
    from PySide6.QtGui import QColor

    from timeline_app.ui.event_model import DOCUMENT

    window = main_window
    event = _monday(window)
    window.select_event(event.id)
    index = window.table.currentIndex().siblingAtColumn(DOCUMENT)
    image = index.data(Qt.ItemDataRole.DecorationRole).toImage()
    doc_colour = QColor(window.catalog.documents[event.document_id].color)
    assert image.pixelColor(6, 6) == doc_colour
    assert image.pixelColor(0, 0) == QColor("#ffffff")  # a rim apart from the selection
