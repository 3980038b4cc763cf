"""Where each event goes at a given zoom: lanes, clusters, and the index that makes it fast.

Everything here works in "absolute pixels" (seconds / seconds-per-pixel), so a layout does
not depend on the origin: panning within the laid-out window reuses it unchanged, and only a
zoom (or a pan out of the window) costs a new one.

Speed with 100,000 events comes from never touching events that cannot be seen:
* events are kept sorted by start in flat float arrays, so "how many start in this pixel
  bucket" is two bisections, whatever the count;
* a bucket with more events than the view can usefully show becomes one cluster without
  its events being enumerated;
* events that start before the window but reach into it are found per duration class
  (each class knows its longest member), not by scanning everything earlier.
"""

from __future__ import annotations

import heapq
import math
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .items import TimelineItem
from .timescale import DAY, to_seconds

# Duration classes (upper bounds, seconds) for finding events that began before a window.
_CLASS_BOUNDS = (2 * DAY, 10 * DAY, 35 * DAY, 100 * DAY, 190 * DAY, 370 * DAY, 3700 * DAY,
                 float("inf"))


class TimelineIndex:
    """Events sorted by (start, end, id) with float arrays for bisection."""

    def __init__(self, items: Sequence[TimelineItem]) -> None:
        keyed = [(to_seconds(it.start), to_seconds(it.end), it.id, it) for it in items]
        # Callers usually pass events already in order: checking is cheaper than sorting.
        if any(a[:3] > b[:3] for a, b in zip(keyed, keyed[1:], strict=False)):
            keyed.sort(key=lambda row: row[:3])
        self.items: list[TimelineItem] = [row[3] for row in keyed]
        self.starts = array("d", (row[0] for row in keyed))
        self.ends = array("d", (row[1] for row in keyed))
        self.index_of: dict[int, int] = {row[2]: i for i, row in enumerate(keyed)}
        if len(self.index_of) != len(self.items):
            raise ValueError("timeline items must have unique ids")
        # Per duration class: the class's own sorted starts and positions in the main arrays.
        buckets: list[tuple[array, array]] = [(array("d"), array("q")) for _ in _CLASS_BOUNDS]
        longest = [0.0] * len(_CLASS_BOUNDS)
        for i, (s, e) in enumerate(zip(self.starts, self.ends, strict=True)):
            d = e - s
            c = bisect_left(_CLASS_BOUNDS, d)
            buckets[c][0].append(s)
            buckets[c][1].append(i)
            if d > longest[c]:
                longest[c] = d
        # (shortest possible, longest present, sorted starts, positions) per duration class.
        self._classes = [(_CLASS_BOUNDS[c - 1] if c else 0.0, longest[c], buckets[c][0],
                          buckets[c][1])
                         for c in range(len(_CLASS_BOUNDS)) if len(buckets[c][0])]

    def __len__(self) -> int:
        return len(self.items)

    @property
    def min_start(self) -> float:
        return self.starts[0]

    @property
    def max_end(self) -> float:
        return max(self.ends) if self.ends else 0.0

    def span_of(self, lo: int, hi: int) -> tuple[float, float]:
        """Earliest start and latest end among sorted positions [lo, hi)."""
        return self.starts[lo], max(self.ends[lo:hi])

    def range_starting(self, t0: float, t1: float) -> tuple[int, int]:
        """Sorted positions [lo, hi) of events starting in [t0, t1)."""
        return bisect_left(self.starts, t0), bisect_left(self.starts, t1)

    def reaching_into(self, t: float) -> list[int]:
        """Positions (ascending) of events that start before ``t`` and end after it."""
        out: list[int] = []
        for _shortest, longest, starts, positions in self._classes:
            lo = bisect_left(starts, t - longest)
            hi = bisect_left(starts, t)
            ends = self.ends
            out.extend(p for p in positions[lo:hi] if ends[p] > t)
        out.sort()
        return out

    def long_classes(self, min_duration: float) -> list[tuple[array, array]]:
        """(sorted starts, positions) of the classes whose events all last > min_duration."""
        return [(starts, positions) for shortest, _l, starts, positions in self._classes
                if shortest >= min_duration]

    def nearest(self, t: float) -> int:
        """Position of the event starting closest to ``t``."""
        i = bisect_left(self.starts, t)
        if i >= len(self.starts):
            return len(self.starts) - 1
        if i > 0 and t - self.starts[i - 1] <= self.starts[i] - t:
            return i - 1
        return i


@dataclass(slots=True)
class Placed:
    """An event drawn on its own. Coordinates are absolute pixels (seconds / scale)."""

    pos: int        # sorted position in the index
    lane: int
    x0: float       # bar start, or point-marker centre for points
    x1: float       # bar end (== x0 for points)
    extent0: float  # leftmost pixel used (bar or marker)
    extent1: float  # rightmost pixel used, label included
    label_x: float  # where the label starts (before any sticking to the left edge)


@dataclass(slots=True)
class Cluster:
    """Events folded into one badge because they are too dense at this zoom."""

    bucket: int
    t0: float                   # earliest member start shown by the badge (clamped to bucket)
    t1: float                   # latest member start (clamped to bucket)
    lo: int = 0                 # whole-bucket members: sorted positions [lo, hi)
    hi: int = 0
    extra: list[int] = field(default_factory=list)  # members that found no free lane
    drawn: set[int] = field(default_factory=set)  # of [lo, hi), drawn on their own
    x0: float = 0.0
    x1: float = 0.0

    @property
    def count(self) -> int:
        return self.hi - self.lo - len(self.drawn) + len(self.extra)

    def members(self) -> list[int]:
        out = [p for p in range(self.lo, self.hi) if p not in self.drawn]
        out.extend(self.extra)
        return out


@dataclass(slots=True)
class Layout:
    seconds_per_pixel: float
    t0: float                       # laid-out window, seconds
    t1: float
    placed: list[Placed]            # sorted by extent0
    clusters: list[Cluster]         # sorted by x0
    lanes: int                      # event lanes (the cluster row is extra)
    by_pos: dict[int, Placed]
    lefts: list[float]              # extent0 of ``placed``, for bisection
    long_lanes: int = 0             # the first lanes, holding events wider than the view


@dataclass(frozen=True, slots=True)
class LayoutParams:
    bucket_px: float = 110.0        # width of a density bucket
    dense_limit: int = 14           # more events than this starting in one bucket: cluster
    max_lanes: int = 36             # lanes for events narrower than the view
    max_long_lanes: int = 8         # lanes for events wider than the view
    marker_radius: float = 5.0
    label_pad: float = 6.0          # marker/bar start to label start
    gap: float = 10.0               # free pixels between neighbours in a lane
    min_bar: float = 3.0
    long_buckets: float = 2.0       # events longer than this many buckets escape clusters


def point_geometry(s: float, e: float, spp: float, params: LayoutParams, label_w: float
                   ) -> tuple[float, float, float, float, float]:
    """(x0, x1, extent0, extent1, label_x) of an event drawn as a point marker."""
    cx = (s + e) / 2 / spp
    left = min(s / spp, cx - params.marker_radius)
    label_x = cx + params.marker_radius + params.label_pad / 2
    right = max(e / spp, label_x + label_w)
    return cx, cx, left, right, label_x


def bar_geometry(s: float, e: float, spp: float, params: LayoutParams, label_w: float
                 ) -> tuple[float, float, float, float, float]:
    """(x0, x1, extent0, extent1, label_x) of an event drawn as a bar or range."""
    x0 = s / spp
    x1 = max(e / spp, x0 + params.min_bar)
    if x1 - x0 >= label_w + 2 * params.label_pad:
        label_x = x0 + params.label_pad      # the headline fits inside its bar
    else:
        label_x = x1 + params.label_pad / 2  # after the bar, never half across its edge
    return x0, x1, x0, max(x1, label_x + label_w), label_x


def compute_layout(index: TimelineIndex, spp: float, t0: float, t1: float,
                   label_width: Callable[[int], float], *, view_width: float,
                   params: LayoutParams = LayoutParams(), keep: int | None = None,
                   previous: Layout | None = None) -> Layout:
    """Lay out the events visible in the window [t0, t1] at ``spp`` seconds per pixel.

    Lanes are packed greedily in start order, colliding on the whole footprint (bar *and*
    label), so nothing overlaps. Events wider than the view (a year seen at day zoom) get
    their own lanes at the top, so context bars never push precise events out of sight.
    ``keep`` is a sorted position that must be drawn on its own (the selection).
    ``previous`` is a layout at the same scale whose lanes events should keep (panning).
    """
    bucket_s = params.bucket_px * spp
    b_first = math.floor(t0 / bucket_s)
    b_last = math.floor(t1 / bucket_s)
    starts = index.starts
    ends = index.ends
    items = index.items

    clusters: dict[int, Cluster] = {}
    candidates: list[int] = []
    density: dict[int, int] = {}

    def bucket_count(b: int) -> int:
        n = density.get(b)
        if n is None:
            n = bisect_left(starts, (b + 1) * bucket_s) - bisect_left(starts, b * bucket_s)
            density[b] = n
        return n

    # Events spanning several buckets (a year seen at month zoom) are context that a crowd
    # of short events must not hide: they stay candidates even where their bucket is
    # dense. They are found per duration class, without enumerating the crowd.
    long_min = params.long_buckets * bucket_s
    long_classes = index.long_classes(long_min)

    window_start = b_first * bucket_s
    for p in index.reaching_into(window_start):
        if (p == keep or ends[p] - starts[p] > long_min
                or bucket_count(math.floor(starts[p] / bucket_s)) <= params.dense_limit):
            candidates.append(p)

    lo = bisect_left(starts, window_start)
    for b in range(b_first, b_last + 1):
        hi = bisect_left(starts, (b + 1) * bucket_s, lo)
        density[b] = hi - lo
        if hi - lo > params.dense_limit:
            c = Cluster(b, starts[lo], starts[hi - 1], lo, hi)
            for cls_starts, positions in long_classes:
                a = bisect_left(cls_starts, b * bucket_s)
                z = bisect_left(cls_starts, (b + 1) * bucket_s, a)
                c.drawn.update(positions[a:z])
            if keep is not None and lo <= keep < hi:
                c.drawn.add(keep)
            candidates.extend(c.drawn)
            clusters[b] = c
        else:
            candidates.extend(range(lo, hi))
        lo = hi
    candidates.sort()

    wide_px = view_width
    long_items: list[tuple[float, float, float, float, float, int]] = []
    short_items: list[tuple[float, float, float, float, float, int]] = []
    for p in candidates:
        it = items[p]
        lw = label_width(p)
        if it.kind == "point":
            geo = point_geometry(starts[p], ends[p], spp, params, lw)
        else:
            geo = bar_geometry(starts[p], ends[p], spp, params, lw)
        if geo[1] - geo[0] > wide_px:
            long_items.append((*geo, p))
        else:
            short_items.append((*geo, p))

    placed: list[Placed] = []
    overflow: list[int] = []
    drawn_from: dict[int, Cluster] = {p: c for c in clusters.values() for p in c.drawn}
    prefer_long: dict[int, int] = {}
    prefer_short: dict[int, int] = {}
    if previous is not None:
        for pl in previous.placed:
            if pl.lane < previous.long_lanes:
                prefer_long[pl.pos] = pl.lane
            else:
                prefer_short[pl.pos] = pl.lane - previous.long_lanes
    long_lanes = _pack(long_items, 0, params.max_long_lanes, params.gap, placed, overflow, keep,
                       prefer_long)
    short_lanes = _pack(short_items, long_lanes, params.max_lanes, params.gap, placed,
                        overflow, keep, prefer_short)

    for p in overflow:
        home = drawn_from.get(p)
        if home is not None:
            home.drawn.discard(p)  # back into the crowd it came from
            continue
        b = math.floor(max(starts[p], window_start) / bucket_s)
        c = clusters.get(b)
        t = min(max(starts[p], b * bucket_s), (b + 1) * bucket_s)
        if c is None:
            c = clusters[b] = Cluster(b, t, t)
        c.extra.append(p)
        c.t0 = min(c.t0, t)
        c.t1 = max(c.t1, t)

    out_clusters = []
    for b in sorted(clusters):
        c = clusters[b]
        if c.count <= 0:
            continue
        lo_px = b * params.bucket_px
        c.x0 = max(c.t0 / spp, lo_px)
        c.x1 = min(c.t1 / spp, lo_px + params.bucket_px)
        out_clusters.append(c)

    placed.sort(key=lambda pl: pl.extent0)
    return Layout(spp, window_start, (b_last + 1) * bucket_s, placed, out_clusters,
                  long_lanes + short_lanes, {pl.pos: pl for pl in placed},
                  [pl.extent0 for pl in placed], long_lanes)


def _pack(entries: list[tuple[float, float, float, float, float, int]], first_lane: int,
          max_lanes: int, gap: float, placed: list[Placed], overflow: list[int],
          keep: int | None, prefer: dict[int, int] | None = None) -> int:
    """Greedy interval colouring: each event takes the lowest lane free at its left edge.

    ``prefer`` maps events to the lane they had in the previous layout at this scale: an
    event keeps it when it is free, so panning into a new layout window does not make
    events on screen jump between lanes. Returns the number of lanes used. Events finding
    every lane busy go to ``overflow`` (they end up in a cluster badge) except ``keep``,
    which may open one extra lane.
    """
    entries.sort(key=lambda e: (e[2], e[5]))
    ends: list[float] = []               # right edge of each lane so far
    busy: list[tuple[float, int]] = []   # (right edge, lane); entries may be stale
    free: list[int] = []                 # lanes free at the current left edge; may be stale
    for x0, x1, ext0, ext1, label_x, p in entries:
        while busy and busy[0][0] + gap <= ext0:
            end, lane = heapq.heappop(busy)
            if ends[lane] == end:
                heapq.heappush(free, lane)
        lane = -1
        want = prefer.get(p) if prefer else None
        if want is not None and want < max_lanes:
            if want >= len(ends):
                while len(ends) < want:        # lanes skipped over stay free for others
                    heapq.heappush(free, len(ends))
                    ends.append(float("-inf"))
                ends.append(float("-inf"))
                lane = want
            elif ends[want] + gap <= ext0:
                lane = want
        while lane < 0 and free:
            candidate = heapq.heappop(free)
            if ends[candidate] + gap <= ext0:  # else a preference took it meanwhile
                lane = candidate
        if lane < 0:
            if len(ends) < max_lanes or p == keep:
                lane = len(ends)
                ends.append(float("-inf"))
            else:
                overflow.append(p)
                continue
        ends[lane] = ext1
        heapq.heappush(busy, (ext1, lane))
        placed.append(Placed(p, first_lane + lane, x0, x1, ext0, ext1, label_x))
    return len(ends)


def visible_placed(layout: Layout, x_left: float, x_right: float) -> list[Placed]:
    """Placed events whose footprint meets [x_left, x_right] (absolute pixels)."""
    # Footprints are sorted by their left edge; anything starting after x_right is out.
    hi = bisect_right(layout.lefts, x_right)
    return [pl for pl in layout.placed[:hi] if pl.extent1 >= x_left]
