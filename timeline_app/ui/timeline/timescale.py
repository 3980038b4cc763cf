"""Seconds on a line: conversions between datetimes and the view's float time axis.

The view keeps time as float seconds since 1970-01-01 (naive, i.e. the calendar the
articles are written in), because bisecting and scaling floats is what keeps 100,000
events fast; datetimes only appear at the edges (ticks, labels, the public API).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

EPOCH = datetime(1970, 1, 1)
DAY = 86400.0
YEAR = 365.2425 * DAY

# Stay clear of datetime's limits so that tick arithmetic a step beyond the visible edge
# never overflows.
MIN_SECONDS = (datetime(2, 1, 1) - EPOCH).total_seconds()
MAX_SECONDS = (datetime(9998, 12, 31) - EPOCH).total_seconds()

# Zoom bounds: the widest view shows about three centuries, the narrowest a few hours.
MAX_VISIBLE_SPAN = 300 * YEAR
MIN_VISIBLE_SPAN = 3 * 3600.0


def to_seconds(when: datetime | date) -> float:
    """Float seconds of a datetime (or date, taken at midnight) on the view's axis."""
    if type(when) is datetime and when.tzinfo is None:  # the common case, first
        return (when - EPOCH).total_seconds()
    if not isinstance(when, datetime):
        when = datetime(when.year, when.month, when.day)
    elif when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return (when - EPOCH).total_seconds()


def clamp_seconds(seconds: float) -> float:
    return min(MAX_SECONDS, max(MIN_SECONDS, seconds))


def from_seconds(seconds: float) -> datetime:
    """The datetime at a point of the axis, clamped to the range datetime can hold."""
    return EPOCH + timedelta(seconds=clamp_seconds(seconds))


def clamp_scale(seconds_per_pixel: float, width: float) -> float:
    """Keep a zoom level within the view's bounds for a viewport ``width`` pixels wide."""
    width = max(width, 1.0)
    return min(MAX_VISIBLE_SPAN / width, max(MIN_VISIBLE_SPAN / width, seconds_per_pixel))


def clamp_origin(origin: float, seconds_per_pixel: float, width: float) -> float:
    """Keep the visible span inside the range of representable dates."""
    span = seconds_per_pixel * max(width, 1.0)
    low = MIN_SECONDS
    high = MAX_SECONDS - span
    if high < low:
        return low
    return min(high, max(low, origin))
