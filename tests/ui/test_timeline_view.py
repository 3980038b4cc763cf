"""The timeline widget driven like a user would: wheel, drag, keys, clicks, export."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QImage,
    QMouseEvent,
    QNativeGestureEvent,
    QPointingDevice,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QToolTip

from timeline_app.ui.timeline.items import DocumentMarker, TimelineItem, palette_color
from timeline_app.ui.timeline.timescale import DAY, MAX_VISIBLE_SPAN, MIN_VISIBLE_SPAN
from timeline_app.ui.timeline.view import LABEL_MAX, TimelineView

D = datetime


def article_items() -> tuple[list[TimelineItem], list[DocumentMarker]]:
    """Roughly what the example article produces, plus a second document."""
    items = [
        TimelineItem(1, D(2022, 10, 1), D(2022, 10, 11), "month", "bar", True,
                     "Early October: strikes on power plants", 1, mod="START"),
        TimelineItem(2, D(2022, 10, 1), D(2022, 11, 1), "month", "bar", False,
                     "Last month: officials urge openness to talks", 1),
        TimelineItem(3, D(2022, 10, 31), D(2022, 11, 7), "week", "bar", False,
                     "Last week: Sullivan visits Kyiv", 1),
        TimelineItem(4, D(2022, 11, 7), D(2022, 11, 8), "day", "point", False,
                     "On Monday: Zelensky lists conditions", 1,
                     tooltip="'On Monday' relative to Tue 8 Nov 2022 → Mon 7 Nov 2022 <b>x</b>"),
        TimelineItem(5, D(2022, 6, 1), D(2022, 7, 1), "month", "bar", False,
                     "In June: an op-ed", 1),
        TimelineItem(6, D(2022, 12, 1), D(2023, 3, 1), "season", "bar", True,
                     "Winter: fighting slows", 1),
        TimelineItem(7, D(2022, 3, 8), D(2022, 11, 8), "month", "range", False,
                     "The past eight months", 1),
        TimelineItem(8, D(2022, 11, 3), D(2022, 11, 4), "day", "point", False,
                     "Thursday: G7 ministers meet", 2, edited=True),
    ]
    docs = [DocumentMarker(1, "US urges Ukraine openness to talks", date(2022, 11, 8),
                           palette_color(0)),
            DocumentMarker(2, "G7 ministers meet", date(2022, 11, 4), palette_color(1))]
    return items, docs


@pytest.fixture
def view(qtbot):
    widget = TimelineView()
    widget.animations_enabled = False
    qtbot.addWidget(widget)
    widget.resize(1200, 480)
    items, docs = article_items()
    widget.set_items(items, docs)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def send_wheel(widget, x, y, delta, modifiers=Qt.KeyboardModifier.NoModifier, horizontal=False):
    pos = QPointF(x, y)
    angle = QPoint(delta, 0) if horizontal else QPoint(0, delta)
    event = QWheelEvent(pos, widget.mapToGlobal(pos), QPoint(), angle,
                        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def send_mouse(widget, kind, pos, buttons=Qt.MouseButton.LeftButton):
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else \
        Qt.MouseButton.NoButton
    event = QMouseEvent(kind, QPointF(pos), widget.mapToGlobal(QPointF(pos)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def span(widget) -> float:
    return widget.seconds_per_pixel * widget.width()


# ------------------------------------------------------------------------------ scale


def test_time_at_and_x_at_are_inverse(view):
    for x in (0.0, 13.5, 600.0, 1199.0):
        assert view.x_at(view.time_at(x)) == pytest.approx(x, abs=1e-3)
    when = D(2022, 11, 8, 12)
    assert view.time_at(view.x_at(when)) - when < timedelta(milliseconds=1)
    assert view.time_at(0) == view.origin


def test_set_items_fits_everything_the_first_time(view):
    assert view.x_at(D(2022, 3, 8)) > 0
    assert view.x_at(D(2023, 3, 1)) < view.width()
    for item_id in (1, 2, 4, 7):
        assert view.item_rect(item_id) is not None


def test_ctrl_wheel_zooms_around_the_pointer(view, qtbot):
    x = 850.0
    before = view.time_at(x)
    spp = view.seconds_per_pixel
    with qtbot.waitSignal(view.viewChanged):
        send_wheel(view, x, 200, 120, Qt.KeyboardModifier.ControlModifier)
    assert view.seconds_per_pixel == pytest.approx(spp / 1.2)
    assert abs((view.time_at(x) - before).total_seconds()) < view.seconds_per_pixel
    send_wheel(view, 100, 200, -240, Qt.KeyboardModifier.ControlModifier)
    assert view.seconds_per_pixel == pytest.approx(spp / 1.2 * 1.44)


def test_pinch_zooms_around_the_pointer(view):
    x = 300.0
    before = view.time_at(x)
    spp = view.seconds_per_pixel
    device = QPointingDevice.primaryPointingDevice()
    event = QNativeGestureEvent(Qt.NativeGestureType.ZoomNativeGesture, device, 2,
                                QPointF(x, 150), QPointF(x, 150), view.mapToGlobal(QPointF(x, 150)),
                                0.5, QPointF())
    QApplication.sendEvent(view, event)
    assert view.seconds_per_pixel == pytest.approx(spp / 1.5)
    assert abs((view.time_at(x) - before).total_seconds()) < view.seconds_per_pixel


def test_shift_wheel_pans_and_plain_wheel_scrolls_lanes(qtbot):
    widget = TimelineView()
    widget.animations_enabled = False
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    base = D(2022, 1, 1)
    # Twelve events on the same day: twelve lanes, more than 300 px can show.
    items = [TimelineItem(i, base, base + timedelta(days=1), "day", "point", False,
                          f"event {i}", 1) for i in range(12)]
    widget.set_items(items, [])
    widget.show()
    origin, spp = widget.origin, widget.seconds_per_pixel
    send_wheel(widget, 400, 150, -120)
    assert widget.scroll_y > 0
    assert widget.origin == origin
    send_wheel(widget, 400, 150, 120)
    assert widget.scroll_y == 0
    send_wheel(widget, 400, 150, -120, Qt.KeyboardModifier.ShiftModifier)
    assert widget.origin > origin
    assert widget.seconds_per_pixel == spp
    moved = widget.origin
    send_wheel(widget, 400, 150, 120, horizontal=True)
    assert widget.origin < moved


def test_drag_pans_the_view(view):
    before = view.time_at(500)
    send_mouse(view, QEvent.Type.MouseButtonPress, QPointF(500, 440))
    send_mouse(view, QEvent.Type.MouseMove, QPointF(450, 440))
    send_mouse(view, QEvent.Type.MouseMove, QPointF(300, 440))
    send_mouse(view, QEvent.Type.MouseButtonRelease, QPointF(300, 440),
               Qt.MouseButton.NoButton)
    # The time that was under the pointer followed it 200 px to the left.
    assert abs((view.time_at(300) - before).total_seconds()) < view.seconds_per_pixel
    assert view.selected_item() is None  # a drag is not a click


def test_events_keep_their_lanes_while_panning(qtbot):
    import random

    rnd = random.Random(3)
    base = D(2020, 1, 1)
    items = []
    for i in range(600):
        start = base + timedelta(hours=rnd.uniform(0, 24 * 120))
        items.append(TimelineItem(i, start, start + timedelta(hours=rnd.uniform(1, 24 * 6)),
                                  "day", rnd.choice(["point", "bar"]), False,
                                  "headline " + "x" * rnd.randint(2, 30), 1))
    widget = TimelineView()
    widget.animations_enabled = False
    qtbot.addWidget(widget)
    widget.resize(1000, 900)
    widget.set_items(items, [])
    widget.show()
    widget.go_to(D(2020, 2, 1))
    widget.zoom_by(widget.seconds_per_pixel * 1000 / (10 * DAY), 500)

    def lanes_on_screen():
        layout = widget._layout()
        ox = widget._origin / widget.seconds_per_pixel
        return {widget._index.items[pl.pos].id: pl.lane
                for pl in layout.placed if pl.extent1 > ox and pl.extent0 < ox + 1000}

    before = lanes_on_screen()
    windows = set()
    for _ in range(12):  # 12 x 300 px: crosses several layout windows
        widget.pan_by(300)
        windows.add(widget._layout().t0)
        now = lanes_on_screen()
        common = before.keys() & now.keys()
        assert common
        assert {i: before[i] for i in common} == {i: now[i] for i in common}
        before = now
    assert len(windows) > 1


def test_zoom_is_bounded(view):
    view.zoom_by(1e9)
    assert span(view) == pytest.approx(MIN_VISIBLE_SPAN)
    view.zoom_by(1e-9)
    assert span(view) == pytest.approx(MAX_VISIBLE_SPAN)
    with pytest.raises(ValueError):
        view.zoom_by(0)
    view.go_to(D(1, 1, 1))
    assert view.origin.year >= 1


def test_key_zoom_and_fit(view, qtbot):
    spp = view.seconds_per_pixel
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.seconds_per_pixel == pytest.approx(spp / 1.6)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.seconds_per_pixel == pytest.approx(spp * 1.6)
    view.go_to(D(1990, 1, 1))
    qtbot.keyClick(view, Qt.Key.Key_F)
    assert view.seconds_per_pixel == pytest.approx(spp)
    assert view.item_rect(4) is not None


def test_first_fit_follows_the_final_size_until_the_user_moves(qtbot):
    widget = TimelineView()
    qtbot.addWidget(widget)
    items, docs = article_items()
    widget.set_items(items, docs)  # data arrives while the widget still has its default size
    widget.resize(1500, 500)
    widget.show()
    qtbot.waitExposed(widget)
    first, last = D(2022, 3, 8), D(2023, 3, 1)
    assert 0 < widget.x_at(first) < 150
    assert 1350 < widget.x_at(last) < 1500
    widget.zoom_by(2.0)
    spp = widget.seconds_per_pixel
    widget.resize(900, 500)
    assert widget.seconds_per_pixel == spp  # the user's zoom is kept


def test_api_zoom_can_be_animated(view, qtbot):
    view.animations_enabled = True
    spp = view.seconds_per_pixel
    view.zoom_by(2.0, animated=True)
    assert view.seconds_per_pixel > spp / 1.5  # not there at once
    qtbot.waitUntil(lambda: view.seconds_per_pixel == pytest.approx(spp / 2), timeout=3000)


def test_key_zoom_is_animated_when_enabled(view, qtbot):
    view.animations_enabled = True
    spp = view.seconds_per_pixel
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    qtbot.keyClick(view, Qt.Key.Key_Plus)  # a second press extends the running zoom
    assert view.seconds_per_pixel > spp / 2.56
    qtbot.waitUntil(lambda: view.seconds_per_pixel == pytest.approx(spp / 2.56), timeout=3000)


# -------------------------------------------------------------------------- selection


def test_click_on_item_selects_and_emits(view, qtbot):
    rect = view.item_rect(4)
    assert rect is not None
    with qtbot.waitSignal(view.itemSelected) as blocker:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert blocker.args == [4]
    assert view.selected_item() == 4
    # Clicking empty space clears the selection.
    with qtbot.waitSignal(view.itemSelected) as blocker:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(5, view.height() - 40))
    assert blocker.args == [-1]
    assert view.selected_item() is None


def test_double_click_and_enter_activate(view, qtbot):
    rect = view.item_rect(3)
    with qtbot.waitSignal(view.itemActivated) as blocker:
        qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert blocker.args == [3]
    view.select_item(5)
    with qtbot.waitSignal(view.itemActivated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [5]


def test_keyboard_moves_selection_by_start(view, qtbot):
    # Sorted by start: 7 (Mar 8), 5 (Jun 1), 1 & 2 (Oct 1), 3 (Oct 31), 8 (Nov 3), 4, 6.
    view.select_item(3)
    with qtbot.waitSignal(view.itemSelected) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert blocker.args == [8]
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_item() == 4
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.selected_item() == 3
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.selected_item() == 7
    qtbot.keyClick(view, Qt.Key.Key_Left)  # stays on the first
    assert view.selected_item() == 7
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.selected_item() == 6
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.selected_item() is None


def test_page_keys_move_in_time(view, qtbot):
    left = view.time_at(0)
    page = (view.time_at(view.width()) - left) * 0.9
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert abs((view.time_at(0) - (left + page)).total_seconds()) < 1
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert abs((view.time_at(0) - left).total_seconds()) < 1


def test_keyboard_selection_brings_the_event_into_view(view, qtbot):
    view.zoom_by(40, view.x_at(D(2022, 3, 10)))
    view.select_item(7)
    assert view.item_rect(4) is None  # far off to the right
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.selected_item() == 6
    assert view.item_rect(6) is not None


def test_fit_all_leaves_room_for_the_last_labels(qtbot):
    widget = TimelineView()
    qtbot.addWidget(widget)
    widget.resize(1000, 400)
    widget.show()
    qtbot.waitExposed(widget)
    headline = "Officials say the grain corridor talks will resume after the holidays"
    items = [TimelineItem(1, D(2021, 1, 1), D(2021, 2, 1), "month", "bar", False,
                          "January: talks open", 1),
             TimelineItem(2, D(2022, 12, 30), D(2022, 12, 31), "day", "point", False,
                          headline, 1)]
    widget.set_items(items, [DocumentMarker(1, "Grain", date(2022, 12, 31), palette_color(0))])
    widget.fit_all()
    left, right = widget.item_extent(2)
    assert right <= widget.width()  # the last headline is not cut at the edge
    assert widget.item_extent(1)[0] >= 0
    assert widget.x_at(D(2021, 1, 1)) < widget.width() * 0.1


def test_fit_all_of_a_single_day_shows_at_least_two_weeks(qtbot):
    widget = TimelineView()
    qtbot.addWidget(widget)
    widget.resize(1000, 400)
    widget.show()
    qtbot.waitExposed(widget)
    items = [TimelineItem(1, D(2020, 10, 12), D(2020, 10, 13), "day", "point", False,
                          "Historians met", 1)]
    widget.set_items(items, [DocumentMarker(1, "One day", date(2020, 10, 12),
                                            palette_color(0))])
    widget.fit_all()
    shown = widget.time_at(widget.width()) - widget.time_at(0)
    assert shown >= timedelta(days=14)  # not an hour-by-hour axis around one band
    assert widget.item_rect(1) is not None


def test_keyboard_selection_slides_a_cut_label_into_view(view, qtbot):
    view.zoom_by(3.0, view.x_at(D(2022, 11, 1)))
    # Put the "Thursday" event near the right edge, so its label runs off the view.
    view.pan_by(view.x_at(D(2022, 11, 3, 12)) - (view.width() - 100))
    left, right = view.item_extent(8)
    assert right > view.width() and 0 < left < view.width()
    view.select_item(3)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_item() == 8
    left, right = view.item_extent(8)
    assert right <= view.width() and left >= 0


def test_article_date_lines_do_not_run_through_labels(qtbot):
    widget = TimelineView()
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.show()
    qtbot.waitExposed(widget)
    colour = "#aa3377"
    items = [TimelineItem(1, D(2022, 10, 1), D(2022, 10, 2), "day", "point", False,
                          "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM", 1),
             TimelineItem(2, D(2022, 11, 30), D(2022, 12, 1), "day", "point", False, "x", 1)]
    widget.set_items(items, [DocumentMarker(1, "Doc", date(2022, 10, 9), colour)])
    left, right = widget.item_extent(1)
    x = round(widget.x_at(D(2022, 10, 9)))
    assert left + 30 < x < right - 30  # the article-date line crosses the label
    mid = round(widget.item_rect(1).center().y())
    image = widget.render_image()
    solid = QColor(colour)
    line = QColor(*(round(c * 190 / 255 + 255 * 65 / 255)  # the line's dash on white
                    for c in (solid.red(), solid.green(), solid.blue())))
    # between glyph rows the line showed through; with a backing it is washed out
    hits = [y for y in range(mid - 4, mid + 5)
            for dx in (-1, 0, 1)
            if _close(image.pixelColor(x + dx, y), line)]
    assert not hits
    below = [y for y in range(mid + 20, mid + 60)
             if any(_close(image.pixelColor(x + dx, y), line) for dx in (-1, 0, 1))]
    assert below  # the line itself is still drawn outside the label


def _close(a: QColor, b: QColor, tolerance: int = 45) -> bool:
    return (abs(a.red() - b.red()) + abs(a.green() - b.green())
            + abs(a.blue() - b.blue())) < tolerance


def test_a_label_whose_marker_scrolled_off_shows_its_start(view, qtbot):
    # "Thursday: G7 ministers meet" (item 8) with its marker just off the left edge
    view.pan_by(view.x_at(D(2022, 11, 3, 12)) + 30)
    left, right = view.item_extent(8)
    assert left < 0 < right - 80
    view.repaint()
    shown = {item_id: (x, text) for item_id, x, text in view.drawn_labels()}
    x, text = shown[8]
    assert x >= 0
    assert text.startswith("Thursday")
    assert text.endswith("…") or text == "Thursday: G7 ministers meet"


def test_select_item_api(view, qtbot):
    with qtbot.assertNotEmitted(view.itemSelected):
        view.select_item(2)
    assert view.selected_item() == 2
    with qtbot.waitSignal(view.itemSelected) as blocker:
        view.select_item(99, emit=True)  # unknown ids clear
    assert blocker.args == [-1]
    view.zoom_by(30, 0)
    view.select_item(4, center=True)
    assert view.x_at(D(2022, 11, 7, 12)) == pytest.approx(view.width() / 2, abs=1)
    with pytest.raises(KeyError):
        view.center_on(12345)


def test_center_on_scrolls_to_the_lane(qtbot):
    widget = TimelineView()
    widget.animations_enabled = False
    qtbot.addWidget(widget)
    widget.resize(900, 260)
    base = D(2022, 1, 1)
    # Twelve meetings in the same hour: twelve lanes, more than 260 px can show at once.
    items = [TimelineItem(i, base + timedelta(minutes=i), base + timedelta(minutes=i + 1),
                          "minute", "point", False, f"meeting number {i}", 1) for i in range(12)]
    widget.set_items(items, [])
    widget.show()
    widget.go_to(D(2020, 1, 1))
    assert widget.item_rect(11) is None
    widget.center_on(11)
    rect = widget.item_rect(11)
    assert rect is not None
    assert widget.scroll_y > 0
    assert abs(rect.center().x() - widget.width() / 2) < 2


def test_set_items_keeps_a_surviving_selection(view):
    items, docs = article_items()
    view.select_item(3)
    view.set_items(items, docs)
    assert view.selected_item() == 3
    view.set_items([it for it in items if it.id != 3], docs)
    assert view.selected_item() is None


# ---------------------------------------------------------------------------- clusters


def crowded(n=400):
    base = D(2015, 5, 1)
    items = [TimelineItem(i, base + timedelta(hours=i), base + timedelta(hours=i + 1), "hour",
                          "point", False, f"crowded {i}", 1) for i in range(n)]
    items.append(TimelineItem(10_000, D(2019, 1, 1), D(2019, 1, 2), "day", "point", False,
                              "lonely", 2))
    return items


def test_dense_events_collapse_into_clusters_and_click_zooms_in(qtbot):
    widget = TimelineView()
    widget.animations_enabled = False
    qtbot.addWidget(widget)
    widget.resize(1000, 400)
    widget.set_items(crowded(), [])
    widget.show()
    clusters = widget.cluster_rects()
    assert clusters
    assert sum(count for _, count in clusters) == 400
    assert widget.item_rect(10_000) is not None
    assert widget.item_rect(5) is None  # folded into a cluster
    rect, _count = clusters[0]
    spp = widget.seconds_per_pixel
    with qtbot.waitSignal(widget.viewChanged):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert widget.seconds_per_pixel < spp / 20
    # The crowd now fills the view, split into smaller clusters; a few more clicks and
    # single events are drawn and can be clicked.
    assert widget.time_at(0) <= D(2015, 5, 1) and widget.time_at(1000) >= D(2015, 5, 17)
    assert len(widget.cluster_rects()) > 3
    for _ in range(4):
        if any(widget.item_rect(i) is not None for i in range(400)):
            break
        rect, _count = widget.cluster_rects()[0]
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    shown = [i for i in range(400) if widget.item_rect(i) is not None]
    assert shown
    rect = widget.item_rect(shown[0])
    with qtbot.waitSignal(widget.itemSelected) as blocker:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert blocker.args == [shown[0]]


def test_density_strip_shows_where_events_are_and_click_zooms(qtbot):
    widget = TimelineView()
    widget.animations_enabled = False
    qtbot.addWidget(widget)
    widget.resize(1000, 400)
    widget.set_items(crowded(), [])
    widget.show()
    x = widget.x_at(D(2015, 5, 8))
    y = widget._lanes_top() + 10
    kind, _ = widget.hit_test(QPointF(x, y))
    assert kind == "density"
    assert widget._tooltip_for(("density", x)).split()[0].isdigit()
    image = widget.render_image()
    # The histogram is drawn over the crowd and nowhere near the empty years after it.
    def ink(px):
        return any(QColor(image.pixel(round(px), yy)).lightness() < 235
                   for yy in range(int(y) - 8, int(y) + 16))
    assert ink(x)
    assert not ink(widget.x_at(D(2017, 6, 1)))
    spp = widget.seconds_per_pixel
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(y)))
    assert widget.seconds_per_pixel == pytest.approx(spp / 3)
    assert abs((widget.time_at(x) - D(2015, 5, 8)).total_seconds()) < 2 * spp


def test_selected_event_is_drawn_even_inside_a_cluster(qtbot):
    widget = TimelineView()
    qtbot.addWidget(widget)
    widget.resize(1000, 400)
    widget.set_items(crowded(), [])
    widget.show()
    assert widget.item_rect(200) is None
    widget.select_item(200)
    assert widget.item_rect(200) is not None
    assert sum(count for _, count in widget.cluster_rects()) == 399


def test_hundred_thousand_events_stay_interactive(qtbot):
    base = D(1995, 1, 1)
    items = [TimelineItem(i, base + timedelta(hours=i * 2.6), base + timedelta(hours=i * 2.6 + 24),
                          "day", "point", False, f"e{i}", 1) for i in range(100_000)]
    widget = TimelineView()
    widget.animations_enabled = False
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.set_items(items, [])
    widget.show()
    image = QImage(widget.size(), QImage.Format.Format_ARGB32_Premultiplied)
    widget.render(image)
    total = sum(count for _, count in widget.cluster_rects())
    assert total > 1000
    for _ in range(12):
        widget.zoom_by(2.0, 600)
        widget.render(image)
    assert any(widget.item_rect(i) is not None for i in range(100_000)
               if abs((base + timedelta(hours=i * 2.6) - widget.time_at(600)).days) < 3)
    qtbot.keyClick(widget, Qt.Key.Key_End)
    assert widget.item_rect(99_999) is not None


# ------------------------------------------------------------------------------- looks


def test_long_labels_are_elided_not_overlapping(qtbot):
    widget = TimelineView()
    qtbot.addWidget(widget)
    widget.resize(800, 300)
    base = D(2022, 1, 1)
    items = [TimelineItem(1, base, base + timedelta(days=1), "day", "point", False,
                          "An extremely long headline " * 20, 1)]
    widget.set_items(items, [])
    widget.zoom_by(0.01)  # the day itself narrower than the label
    layout = widget._layout()
    placed = layout.by_pos[0]
    assert placed.extent1 - placed.label_x <= LABEL_MAX + 1


def test_dct_markers_selection_and_axis_are_drawn(view):
    view.select_item(4)
    image = view.render_image()
    x = round(view.x_at(D(2022, 11, 8)))
    doc_colour = QColor(palette_color(0))
    column = [QColor(image.pixel(xx, y)) for xx in (x - 1, x, x + 1) for y in range(60, 460)]
    assert any(abs(c.red() - doc_colour.red()) < 40 and abs(c.blue() - doc_colour.blue()) < 40
               and abs(c.green() - doc_colour.green()) < 40 for c in column)
    axis = view.axis()
    assert axis.minor_level.name == "month"
    assert [t.label for t in axis.major if t.shown][:2] == ["2022", "2023"]


# The offscreen platform cannot raise the tooltip window; that warning is the platform's.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_tooltip_shows_item_text_as_plain_text(view, qtbot):
    rect = view.item_rect(4)
    pos = rect.center().toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.mapToGlobal(pos))
    QApplication.sendEvent(view, event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "Mon 7 Nov 2022" in QToolTip.text()
    assert "&lt;b&gt;" in QToolTip.text()  # article text is never taken as markup
    QToolTip.hideText()


def test_legend_lists_documents_and_click_goes_to_the_article_date(view, qtbot):
    view.zoom_by(20, 0)
    entries, more = view._legend_entries(view.width(), view.height() - 26, view._origin,
                                         view.seconds_per_pixel)
    assert more == 0
    assert {doc.document_id for _, doc, _ in entries} == {1, 2}
    rect, doc, _ = next(e for e in entries if e[1].document_id == 2)
    assert view.hit_test(rect.center())[0] == "legend"
    assert "Click to go" in view._tooltip_for(("legend", doc))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert abs(view.x_at(D(2022, 11, 4)) - view.width() / 2) < 1
    # The article date marker on the axis explains itself.
    x = view.x_at(D(2022, 11, 4))
    kind, marker = view.hit_test(QPointF(x, 44))
    assert kind == "document" and marker.document_id == 2
    assert "Article date: Fri 4 November 2022" in view._tooltip_for((kind, marker))


def test_legend_puts_documents_in_view_first(qtbot):
    widget = TimelineView()
    qtbot.addWidget(widget)
    widget.resize(500, 300)
    docs = [DocumentMarker(i, f"A rather long article title number {i}", date(2000 + i, 1, 1),
                           palette_color(i)) for i in range(20)]
    widget.set_items([], docs)
    widget.go_to(D(2015, 1, 1))
    widget.zoom_by(widget.seconds_per_pixel * 500 / (200 * DAY), 250)
    entries, more = widget._legend_entries(500, 274, widget._origin, widget.seconds_per_pixel)
    assert entries[0][1].document_id == 15
    assert more == 20 - len(entries) > 0


def test_legend_more_names_the_articles_left_out(qtbot):
    widget = TimelineView()
    qtbot.addWidget(widget)
    widget.resize(500, 300)
    widget.show()
    qtbot.waitExposed(widget)
    docs = [DocumentMarker(i, f"Article {i}", date(2000 + i, 1, 1), palette_color(i))
            for i in range(30)]
    widget.set_items([], docs)
    entries, more = widget._legend_entries(500, 274, widget._origin, widget.seconds_per_pixel)
    assert more > 0
    y = widget.height() - 13
    x = entries[-1][0].right() + 14
    kind, rest = widget.hit_test(QPointF(x, y))
    assert kind == "legend-more" and len(rest) == more
    tip = widget._tooltip_for((kind, rest))
    lines = tip.splitlines()
    assert lines[0] == f"{more} more articles"
    assert len(lines) == 1 + 20 + 1 and lines[-1] == f"… and {more - 20} more"
    shown = {doc.title for _r, doc, _t in entries}
    assert not shown & {line.split(" · ")[0] for line in lines[1:]}


def test_tooltip_for_an_item_without_text_describes_its_interval(view):
    assert view._tooltip_for(("item", 5)) == "In June: an op-ed\nWed 1 Jun – Thu 30 Jun 2022"
    # A provider explains items on demand (large catalogues), the item's own text wins.
    asked = []
    view.tooltip_provider = lambda item_id: asked.append(item_id) or f"explained {item_id}"
    assert view._tooltip_for(("item", 5)) == "explained 5"
    assert view._tooltip_for(("item", 4)).startswith("'On Monday'")
    assert asked == [5]


# ------------------------------------------------------------------------ state/export


def test_state_round_trip(view, qtbot):
    view.zoom_by(3.0, 400)
    view.select_item(3)
    state = view.state()
    other = TimelineView()
    qtbot.addWidget(other)
    other.resize(view.size())
    items, docs = article_items()
    other.set_items(items, docs)
    other.restore_state(state)
    assert other.seconds_per_pixel == pytest.approx(view.seconds_per_pixel)
    assert abs((other.origin - view.origin).total_seconds()) < 1
    assert other.selected_item() == 3
    # Restoring before the data arrives keeps the restored view (no automatic fit).
    third = TimelineView()
    qtbot.addWidget(third)
    third.resize(view.size())
    third.restore_state(state)
    third.set_items(items, docs)
    assert third.seconds_per_pixel == pytest.approx(view.seconds_per_pixel)


def test_restore_state_ignores_garbage(view):
    spp, origin = view.seconds_per_pixel, view.origin
    view.restore_state({"origin": "not a date", "seconds_per_pixel": "NaN", "selected": "x",
                        "scroll_y": None})
    assert view.seconds_per_pixel == spp
    assert view.origin == origin
    view.restore_state("nonsense")  # type: ignore[arg-type]
    assert view.seconds_per_pixel == spp


def test_render_image_keeps_the_time_span_at_another_size(view):
    first, last = view.time_at(0), view.time_at(view.width())
    image = view.render_image(QSize(2400, 700))
    assert (image.width(), image.height()) == (2400, 700)
    assert view.time_at(0) == first and view.time_at(view.width()) == last
    with pytest.raises(ValueError):
        view.render_image(QSize(0, 10))


@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG"), (".svg", b"<?xml"),
                                               (".pdf", b"%PDF")])
def test_export_image_formats(view, tmp_path, suffix, magic):
    path = tmp_path / f"timeline{suffix}"
    view.export_image(path)
    data = path.read_bytes()
    assert data.startswith(magic)
    assert len(data) > 2000
    if suffix == ".png":
        image = QImage(str(path))
        assert image.width() == view.width()
    if suffix == ".svg":
        assert b"<svg" in data and b"Zelensky" in data
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary left over
    umask = os.umask(0o022)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # an ordinary file, not mkstemp's 0600


def test_pdf_soft_edges_are_flat_slices_not_gradients(view, tmp_path):
    # Items 1 and 6 are fuzzy bars. Poppler-based viewers drew Qt's translucent PDF
    # gradients as solid blocks, so the PDF has none; the screen keeps real gradients.
    path = tmp_path / "timeline.pdf"
    view.export_image(path)
    assert b"/ShadingType" not in path.read_bytes()
    assert view._flat_fades is False
    on_screen = tmp_path / "timeline.svg"
    view.export_image(on_screen)
    assert b"linearGradient" in on_screen.read_bytes()


def test_export_image_rejects_bad_targets(view, tmp_path):
    with pytest.raises(ValueError, match=r"\.gif.*use \.png, \.svg or \.pdf"):
        view.export_image(tmp_path / "timeline.gif")
    with pytest.raises(ValueError, match="does not exist"):
        view.export_image(tmp_path / "missing" / "timeline.png")
    assert list(tmp_path.iterdir()) == []


def test_empty_view_draws_a_hint(qtbot):
    widget = TimelineView()
    qtbot.addWidget(widget)
    widget.resize(600, 300)
    widget.set_items([], [])
    image = widget.render_image()
    assert not image.isNull()
    assert widget.item_rect(1) is None
    widget.fit_all()  # nothing to fit: stays usable
    assert widget.seconds_per_pixel > 0
    assert DAY > 0


def test_cluster_and_density_tooltips_count_in_good_english(view):
    from timeline_app.ui.timeline.layout import Cluster

    t = view._index.starts[0]
    assert view._tooltip_for(("cluster", Cluster(0, t, t, 0, 1))).startswith("1 event, ")
    assert view._tooltip_for(("cluster", Cluster(0, t, t, 0, 2))).startswith("2 events, ")
    x = view.x_at(D(2022, 6, 1))  # only "In June" starts near here
    assert view._tooltip_for(("density", x)).startswith("1 event starts ")
