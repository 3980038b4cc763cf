"""The calendar axis: steps that follow the zoom, real month lengths, labels that never meet."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.ui.timeline.axis import LEVEL_BY_NAME, LEVELS, compute_axis
from timeline_app.ui.timeline.timescale import DAY, YEAR, to_seconds


def seven_px(text: str) -> float:
    return 7.0 * len(text)


def axis_for(start: datetime, span_seconds: float, width: float = 1200.0, measure=seven_px):
    spp = span_seconds / width
    return compute_axis(to_seconds(start), spp, width, measure)


@pytest.mark.parametrize(("span", "minor", "major"), [
    (300 * YEAR, {"decade", "20y", "50y"}, {"century"}),
    (30 * YEAR, {"year", "2y"}, {"decade"}),
    (2 * YEAR, {"month"}, {"year"}),
    (8 * YEAR, {"quarter", "half"}, {"year"}),
    (70 * DAY, {"day", "week"}, {"month"}),
    (3 * DAY, {"hour", "3h", "6h"}, {"day"}),
    (3 * 3600, {"15min", "30min"}, {"day"}),
])
def test_step_adapts_to_zoom(span, minor, major):
    axis = axis_for(datetime(2000, 3, 1), span)
    assert axis.minor_level.name in minor
    assert axis.major_level.name in major
    assert len(axis.minor) >= 3


def test_month_ticks_have_real_lengths():
    # starts a week early: a "Jan" centred on the very edge would be cut, and is left out
    axis = axis_for(datetime(2023, 12, 25), 365 * DAY)
    assert axis.minor_level.name == "month"
    ticks = {(t.when.year, t.when.month): t.x for t in axis.minor}
    px_per_day = 1200 / 365
    assert ticks[(2024, 2)] - ticks[(2024, 1)] == pytest.approx(31 * px_per_day)
    assert ticks[(2024, 3)] - ticks[(2024, 2)] == pytest.approx(29 * px_per_day)  # leap year
    assert ticks[(2024, 5)] - ticks[(2024, 4)] == pytest.approx(30 * px_per_day)
    assert all(t.when.day == 1 and t.when.hour == 0 for t in axis.minor)
    labels = [t.label for t in axis.minor if t.shown]
    assert labels[:3] == ["Jan", "Feb", "Mar"]
    assert [t.label for t in axis.major if t.shown][:1] == ["2024"]


def test_weeks_start_on_monday_and_quarters_on_the_quarter():
    weeks = LEVEL_BY_NAME["week"].ticks(datetime(2022, 11, 9, 15), datetime(2022, 12, 1))
    assert weeks[0] == datetime(2022, 11, 7)
    assert all(w.weekday() == 0 for w in weeks)
    quarters = LEVEL_BY_NAME["quarter"].ticks(datetime(2022, 5, 17), datetime(2023, 3, 1))
    assert quarters == [datetime(2022, 4, 1), datetime(2022, 7, 1), datetime(2022, 10, 1),
                        datetime(2023, 1, 1)]
    decades = LEVEL_BY_NAME["decade"].ticks(datetime(1987, 6, 1), datetime(2011, 1, 1))
    assert decades == [datetime(1980, 1, 1), datetime(1990, 1, 1), datetime(2000, 1, 1),
                       datetime(2010, 1, 1)]
    hours = LEVEL_BY_NAME["6h"].ticks(datetime(2022, 1, 1, 19, 30), datetime(2022, 1, 2, 13))
    assert hours == [datetime(2022, 1, 1, 18), datetime(2022, 1, 2), datetime(2022, 1, 2, 6),
                     datetime(2022, 1, 2, 12)]


def test_every_level_steps_forward_from_its_floor():
    start = datetime(2021, 7, 14, 13, 47)
    for level in LEVELS:
        floor = level.floor(start)
        assert floor <= start < level.next(floor), level.name
        assert level.floor(floor) == floor, level.name


def test_labels_choose_a_coarser_step_when_the_font_is_wider():
    narrow = axis_for(datetime(2022, 1, 1), 70 * DAY, measure=seven_px)
    wide = axis_for(datetime(2022, 1, 1), 70 * DAY, measure=lambda s: 20.0 * len(s))
    order = [level.name for level in LEVELS]
    assert order.index(wide.minor_level.name) > order.index(narrow.minor_level.name)


def _assert_rows_do_not_overlap(axis):
    for row in (axis.minor, axis.major):
        shown = sorted((t for t in row if t.shown), key=lambda t: t.label_x)
        for a, b in zip(shown, shown[1:], strict=False):
            assert a.label_x + a.label_width <= b.label_x, (a, b)


@settings(max_examples=150, deadline=None)
@given(st.floats(min_value=3 * 3600, max_value=300 * YEAR),
       st.datetimes(min_value=datetime(1700, 1, 1), max_value=datetime(2300, 1, 1)),
       st.integers(min_value=300, max_value=2400))
def test_labels_never_overlap_at_any_zoom(span, start, width):
    axis = axis_for(start, span, width=width)
    _assert_rows_do_not_overlap(axis)
    # Minor ticks are the finest whose labels fit: their spacing always holds a label.
    xs = [t.x for t in axis.minor]
    widest = max(t.label_width for t in axis.minor)
    assert all(b - a >= widest for a, b in zip(xs, xs[1:], strict=False))


def test_labels_never_overlap_with_the_real_font(qapp):
    from PySide6.QtGui import QFont, QFontMetricsF

    fm = QFontMetricsF(QFont(QFont().family(), 11, QFont.Weight.Bold))
    for span in (4 * 3600, 2 * DAY, 20 * DAY, 90 * DAY, YEAR, 6 * YEAR, 40 * YEAR, 280 * YEAR):
        axis = axis_for(datetime(1999, 12, 20), span, width=900, measure=fm.horizontalAdvance)
        _assert_rows_do_not_overlap(axis)
        assert any(t.shown for t in axis.minor)
        assert any(t.shown for t in axis.major)


@pytest.mark.parametrize("start", [datetime(1889, 6, 1), datetime(2022, 10, 31, 20),
                                   datetime(2022, 1, 16)])
@pytest.mark.parametrize("span", [150 * YEAR, 2 * YEAR, 70 * DAY, 3 * DAY])
def test_no_minor_label_is_cut_by_the_edges(start, span):
    width = 1000.0
    axis = axis_for(start, span, width)
    shown = [t for t in axis.minor if t.shown]
    assert shown
    for tick in shown:
        assert tick.label_x >= 0 and tick.label_x + tick.label_width <= width, tick
