"""Qt-free parts of the timeline: records, colours, the time scale and the layout."""

from __future__ import annotations

import random
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.ui.timeline.items import DocumentMarker, TimelineItem, kind_for, palette_color
from timeline_app.ui.timeline.layout import (
    LayoutParams,
    TimelineIndex,
    compute_layout,
    visible_placed,
)
from timeline_app.ui.timeline.timescale import (
    DAY,
    MAX_VISIBLE_SPAN,
    MIN_VISIBLE_SPAN,
    YEAR,
    clamp_origin,
    clamp_scale,
    from_seconds,
    to_seconds,
)


def item(i, start, days=1.0, kind="point", label=None, doc=1, **kw):
    return TimelineItem(i, start, start + timedelta(days=days), "day", kind, False,
                        label if label is not None else f"event {i}", doc, **kw)


# ---------------------------------------------------------------------------- items


def test_item_rejects_unknown_kind_and_reversed_interval():
    with pytest.raises(ValueError, match="kind"):
        TimelineItem(1, datetime(2022, 1, 1), datetime(2022, 1, 2), "day", "blob", False, "x", 1)
    with pytest.raises(ValueError, match="before start"):
        TimelineItem(2, datetime(2022, 1, 2), datetime(2022, 1, 1), "day", "point", False, "x",
                     1)


def test_kind_for_follows_granularity():
    assert kind_for("day") == "point"
    assert kind_for("hour") == "point"
    assert kind_for(None) == "point"
    assert kind_for("week") == "bar"
    assert kind_for("year") == "bar"
    assert kind_for("month", is_duration=True) == "range"


def test_palette_colours_are_distinct_hex_and_validated():
    colours = [palette_color(i) for i in range(48)]
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)
    assert len(set(colours)) == len(colours)
    with pytest.raises(ValueError):
        palette_color(-1)


def test_document_marker_is_plain_data():
    marker = DocumentMarker(3, "Title", date(2022, 11, 8), "#4477aa")
    assert marker.dct.isoformat() == "2022-11-08"


# ---------------------------------------------------------------------------- scale


@given(st.datetimes(min_value=datetime(100, 1, 1), max_value=datetime(9900, 1, 1)))
def test_seconds_round_trip(when):
    back = from_seconds(to_seconds(when))
    assert abs((back - when).total_seconds()) < 1e-3


def test_aware_datetimes_are_taken_in_utc_and_dates_at_midnight():
    aware = datetime(2022, 11, 8, 12, tzinfo=UTC)
    assert to_seconds(aware) == to_seconds(datetime(2022, 11, 8, 12))
    assert to_seconds(date(2022, 11, 8)) == to_seconds(datetime(2022, 11, 8))


def test_scale_and_origin_are_bounded():
    width = 1000.0
    assert clamp_scale(1e12, width) == pytest.approx(MAX_VISIBLE_SPAN / width)
    assert clamp_scale(1e-6, width) == pytest.approx(MIN_VISIBLE_SPAN / width)
    assert clamp_scale(DAY / 10, width) == DAY / 10
    spp = DAY
    low = clamp_origin(-1e20, spp, width)
    assert from_seconds(low).year <= 2
    high = clamp_origin(1e20, spp, width)
    assert from_seconds(high + width * spp).year >= 9998


# ---------------------------------------------------------------------------- index


def test_index_sorts_and_finds_events_reaching_into_a_time():
    base = datetime(2020, 1, 1)
    items = [
        item(1, base + timedelta(days=40)),
        item(2, base, days=365, kind="bar"),                 # the year 2020
        item(3, base + timedelta(days=10), days=3, kind="bar"),
        item(4, base - timedelta(days=3650), days=3700, kind="bar"),  # a decade
    ]
    index = TimelineIndex(items)
    assert [it.id for it in index.items] == [4, 2, 3, 1]
    t = to_seconds(base + timedelta(days=11))
    reaching = {index.items[p].id for p in index.reaching_into(t)}
    assert reaching == {2, 3, 4}
    assert index.nearest(to_seconds(base + timedelta(days=39))) == 3


def test_index_rejects_duplicate_ids():
    with pytest.raises(ValueError, match="unique"):
        TimelineIndex([item(1, datetime(2020, 1, 1)), item(1, datetime(2020, 2, 1))])


# ---------------------------------------------------------------------------- layout


DEFAULTS = LayoutParams()


def _layout(items, spp, width=1200.0, params=DEFAULTS, keep=None, label_px=7.0):
    index = TimelineIndex(items)
    t0 = min(index.starts) - width * spp
    t1 = max(index.ends) + width * spp

    def label_width(p):
        return len(index.items[p].label) * label_px

    return index, compute_layout(index, spp, t0, t1, label_width, view_width=width,
                                 params=params, keep=keep)


def _assert_no_overlap(layout, gap):
    by_lane = {}
    for pl in layout.placed:
        by_lane.setdefault(pl.lane, []).append(pl)
    for lane_items in by_lane.values():
        lane_items.sort(key=lambda pl: pl.extent0)
        for a, b in zip(lane_items, lane_items[1:], strict=False):
            assert a.extent1 + gap <= b.extent0 + 1e-6, (a, b)


def test_lanes_collide_on_labels_as_well_as_bars():
    base = datetime(2022, 1, 1)
    # Two points a day apart: their markers never touch at this zoom, but the first
    # one's long label would run over the second.
    items = [item(1, base, label="x" * 60), item(2, base + timedelta(days=1), label="short")]
    spp = DAY / 40  # 40 px per day, the label is 420 px
    _, layout = _layout(items, spp)
    lanes = {layout.by_pos[p].lane for p in range(2)}
    assert lanes == {0, 1}
    _assert_no_overlap(layout, LayoutParams().gap)
    # With a short first label both fit in one lane (the day itself is 40 px wide).
    items = [item(1, base, label="a"), item(2, base + timedelta(days=2), label="b")]
    _, layout = _layout(items, spp)
    assert {pl.lane for pl in layout.placed} == {0}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 400), st.floats(0, 60), st.integers(1, 40),
                          st.sampled_from(["point", "bar", "range"])), min_size=1,
                max_size=60))
def test_packing_never_overlaps(specs):
    base = datetime(2000, 1, 1)
    items = [TimelineItem(i, base + timedelta(days=s), base + timedelta(days=s + d),
                          "day" if k == "point" else "month", k, False, "w" * n, 1)
             for i, (s, d, n, k) in enumerate(specs)]
    params = LayoutParams(dense_limit=10_000, max_lanes=10_000, max_long_lanes=10_000)
    _, layout = _layout(items, DAY / 8, params=params)
    assert len(layout.placed) == len(items)
    assert not layout.clusters
    _assert_no_overlap(layout, params.gap)


def test_bar_label_goes_inside_when_it_fits_and_after_the_bar_otherwise():
    base = datetime(2022, 1, 1)
    wide = TimelineItem(1, base, base + timedelta(days=100), "month", "bar", False, "abc", 1)
    narrow = TimelineItem(2, base + timedelta(days=200), base + timedelta(days=201), "week",
                          "bar", False, "a long label here", 1)
    _, layout = _layout([wide, narrow], DAY / 4)
    w, n = layout.by_pos[0], layout.by_pos[1]
    assert w.x0 < w.label_x < w.x1
    assert n.label_x > n.x1


def test_dense_buckets_become_clusters_and_sparse_ones_stay_events():
    base = datetime(2022, 1, 1)
    dense = [item(i, base + timedelta(minutes=i)) for i in range(100)]
    sparse = [item(1000 + i, base + timedelta(days=60 + 20 * i)) for i in range(3)]
    params = LayoutParams()
    index, layout = _layout(dense + sparse, DAY / 10, params=params)
    assert sum(c.count for c in layout.clusters) == 100
    assert {index.items[pl.pos].id for pl in layout.placed} == {1000, 1001, 1002}
    # Cluster members are exactly the dense events, and a kept one is drawn on its own.
    members = {index.items[p].id for c in layout.clusters for p in c.members()}
    assert members == set(range(100))
    keep = index.index_of[42]
    _, layout = _layout(dense + sparse, DAY / 10, params=params, keep=keep)
    assert keep in layout.by_pos
    assert sum(c.count for c in layout.clusters) == 99


def test_full_lanes_overflow_into_a_cluster_instead_of_growing():
    base = datetime(2022, 1, 1)
    # Twelve overlapping month bars, only four lanes: eight must be counted in a badge.
    items = [TimelineItem(i, base + timedelta(hours=i), base + timedelta(days=30, hours=i),
                          "month", "bar", False, "m", 1) for i in range(12)]
    params = LayoutParams(max_lanes=4, dense_limit=100)
    _, layout = _layout(items, DAY / 20, params=params)
    assert len(layout.placed) == 4
    assert layout.lanes == 4
    assert sum(c.count for c in layout.clusters) == 8


def test_layout_of_100k_events_touches_only_the_window():
    rnd = random.Random(7)
    base = datetime(1995, 1, 1)
    items = []
    for i in range(100_000):
        start = base + timedelta(days=rnd.random() * 30 * 365)
        days = rnd.choice([1, 1, 1, 7, 30, 365])
        items.append(TimelineItem(i, start, start + timedelta(days=days),
                                  "day" if days == 1 else "month",
                                  "point" if days == 1 else "bar", False, f"e{i}", 1))
    index = TimelineIndex(items)
    measured = set()

    def label_width(p):
        measured.add(p)
        return 40.0

    spp = 7 * DAY / 1200  # a week across 1200 px
    t0 = to_seconds(datetime(2010, 6, 1))
    layout = compute_layout(index, spp, t0, t0 + 3 * 1200 * spp, label_width,
                            view_width=1200)
    # Only events near the window were looked at (about 3 weeks of ~9 a day, plus the long
    # ones reaching in), not the 100,000.
    assert 50 < len(measured) < 3000
    assert layout.placed
    shown = visible_placed(layout, t0 / spp, t0 / spp + 1200)
    assert all(pl.extent1 >= t0 / spp for pl in shown)
    # Year wide view: everything folds into a few dozen clusters without enumerating.
    measured.clear()
    spp = 30 * YEAR / 1200
    layout = compute_layout(index, spp, index.min_start, index.max_end, label_width,
                            view_width=1200)
    assert len(measured) < 200
    assert sum(c.count for c in layout.clusters) + len(layout.placed) >= 99_000


def test_long_events_stay_visible_inside_a_crowd():
    base = datetime(2022, 1, 1)
    crowd = [item(i, base + timedelta(minutes=i)) for i in range(100)]
    years = [TimelineItem(500 + k, base + timedelta(minutes=k), base + timedelta(days=365),
                          "year", "bar", False, f"year {k}", 1) for k in range(3)]
    spp = DAY / 10
    index, layout = _layout(crowd + years, spp)
    assert {index.items[pl.pos].id for pl in layout.placed} == {500, 501, 502}
    assert sum(c.count for c in layout.clusters) == 100
    # With room for one long event only, the other two go back into the crowd's count.
    params = LayoutParams(max_long_lanes=1, max_lanes=1)
    index, layout = _layout(crowd + years, spp, params=params)
    assert [index.items[pl.pos].id for pl in layout.placed] == [500]
    assert sum(c.count for c in layout.clusters) == 102
    members = {index.items[p].id for c in layout.clusters for p in c.members()}
    assert members == set(range(100)) | {501, 502}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 400), st.floats(0, 60), st.integers(1, 40)),
                min_size=1, max_size=50),
       st.dictionaries(st.integers(0, 49), st.integers(0, 12)))
def test_packing_with_lane_preferences_never_overlaps(specs, wishes):
    base = datetime(2000, 1, 1)
    items = [TimelineItem(i, base + timedelta(days=s), base + timedelta(days=s + d), "month",
                          "bar", False, "w" * n, 1) for i, (s, d, n) in enumerate(specs)]
    params = LayoutParams(dense_limit=10_000, max_lanes=10_000, max_long_lanes=10_000)
    index, first = _layout(items, DAY / 8, params=params)
    # Feed arbitrary wishes through a fake previous layout.
    for pl in first.placed:
        pl.lane = wishes.get(pl.pos, pl.lane)
    first.long_lanes = 0
    spp = DAY / 8
    layout = compute_layout(index, spp, min(index.starts) - 1200 * spp,
                            max(index.ends) + 1200 * spp,
                            lambda p: len(index.items[p].label) * 7.0, view_width=1200,
                            params=params, previous=first)
    assert len(layout.placed) == len(items)
    _assert_no_overlap(layout, params.gap)
    # Where the wished-for lane was free, it was granted: the first event always gets it.
    first_pos = min(range(len(items)), key=lambda p: (index.starts[p], p))
    if first_pos in wishes and not any(
            pl.extent0 <= layout.by_pos[first_pos].extent0 and pl.pos != first_pos
            for pl in layout.placed):
        assert layout.by_pos[first_pos].lane == wishes[first_pos]


def test_tooltip_html_escapes_bolds_the_headline_and_keeps_lines_whole():
    from timeline_app.ui.timeline.items import tooltip_html

    out = tooltip_html("<i>Talks</i> & more\n'now' → Tue 8 Nov 2022\n\nFrom: x")
    assert out.startswith("<qt>") and out.endswith("</qt>")
    assert "<b>&lt;i&gt;Talks&lt;/i&gt; &amp; more</b>" in out
    assert "<i>" not in out
    assert out.count("white-space:pre") == 4
    assert "'now' → Tue 8 Nov 2022" in out


def test_index_keeps_items_already_in_order_and_sorts_the_rest():
    base = datetime(2020, 1, 1)
    ordered = [item(i, base + timedelta(days=i)) for i in range(1, 6)]
    assert [it.id for it in TimelineIndex(ordered).items] == [1, 2, 3, 4, 5]
    shuffled = [ordered[3], ordered[0], ordered[4], ordered[2], ordered[1]]
    assert [it.id for it in TimelineIndex(shuffled).items] == [1, 2, 3, 4, 5]
    ties = [item(9, base), item(7, base)]  # same interval: by id
    assert [it.id for it in TimelineIndex(ties).items] == [7, 9]
