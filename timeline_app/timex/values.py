"""TimeML value arithmetic: anchors, shifts, and the interval a value denotes.

Everything here is calendar logic and TimeML's value syntax; nothing here knows a
language. Values follow the TIMEX3 conventions used by TimeBank and HeidelTime:
``2022-11-07``, ``2022-W44``, ``2022-10``, ``2022-Q3``, ``2022-H1``, ``2022-WI``,
``199`` (a decade), ``19`` (a century), ``2022-11-07TMO``, ``2022-11-08T15:00``.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, datetime, timedelta

SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
#: The granularity of an interval counted in a unit...
UNIT_GRANULARITY = {
    "MIN": "minute", "H": "hour", "D": "day", "W": "week", "WE": "week", "M": "month",
    "Q": "quarter", "Y": "year", "DE": "decade", "CE": "century", "SP": "season",
    "SU": "season", "FA": "season", "WI": "season",
}
#: ...and the unit an interval of a granularity is counted in (the first listed for it).
GRANULARITY_UNIT: dict[str, str] = {}
for _unit, _granularity in UNIT_GRANULARITY.items():
    GRANULARITY_UNIT.setdefault(_granularity, _unit)
#: Parts of the day as hour ranges [start, end), end may pass midnight.
PART_OF_DAY_HOURS = {"MO": (6, 12), "MI": (12, 13), "AF": (12, 18), "EV": (18, 22),
                     "NI": (20, 30), "DT": (9, 17)}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$")
_POD = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(MO|MI|AF|EV|NI|DT)$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_WEEKEND = re.compile(r"^(\d{4})-W(\d{2})-WE$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def add_months(d: date, months: int) -> date:
    """Shift by calendar months, clamping the day (31 Jan + 1 month = 28/29 Feb)."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise OverflowError("date out of range")
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def shift_date(d: date, unit: str, amount: int) -> date:
    """Move ``d`` by ``amount`` units (D, W, M, Q, H, Y, DE, CE; time units count as a day)."""
    try:
        if unit in ("D",):
            return d + timedelta(days=amount)
        if unit == "W":
            return d + timedelta(weeks=amount)
        if unit == "WE":
            return d + timedelta(weeks=amount)
        if unit == "M":
            return add_months(d, amount)
        if unit in ("Q",):
            return add_months(d, 3 * amount)
        if unit == "H":
            return add_months(d, 6 * amount)
        if unit == "Y":
            return add_months(d, 12 * amount)
        if unit == "DE":
            return add_months(d, 120 * amount)
        if unit == "CE":
            return add_months(d, 1200 * amount)
    except (OverflowError, ValueError):
        return date.max if amount > 0 else date.min
    return d


def format_at(d: date, unit: str) -> str:
    """The TimeML value of the period of granularity ``unit`` that contains ``d``."""
    if unit == "D":
        return d.isoformat()
    if unit in ("W", "WE"):
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if unit == "WE" else "")
    if unit == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "H":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if unit == "Y":
        return f"{d.year:04d}"
    if unit == "DE":
        return f"{d.year // 10:03d}"
    if unit == "CE":
        return f"{d.year // 100:02d}"
    return d.isoformat()


def _dt(d: date, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(d.year, d.month, d.day) + timedelta(hours=hour, minutes=minute)


def _month_start(year: int, month: int) -> date:
    return date(year, month, 1)


@functools.lru_cache(maxsize=4096)  # news repeats its dates; the answer is immutable
def interval_of(value: str) -> tuple[datetime, datetime, str] | None:
    """The half-open interval and granularity a DATE/TIME value denotes, or None.

    Returns None for values without a place on the time line (``PAST_REF``,
    ``XXXX-10``, durations) so that callers never draw an invented date.
    """
    try:
        return _interval_of(value)
    except (ValueError, OverflowError):
        return None


def _after(d: date, months: int) -> datetime:
    """The end of a period of ``months`` from ``d``; the calendar's last instant past 9999."""
    try:
        return _dt(add_months(d, months))
    except OverflowError:
        return datetime.max


def _capped_add(start: datetime, delta: timedelta) -> datetime:
    """``start + delta``; the calendar's last instant past 9999 (31 Dec 9999 is a day too)."""
    try:
        return start + delta
    except OverflowError:
        return datetime.max


def _interval_of(value: str) -> tuple[datetime, datetime, str] | None:
    if m := _DAY.match(value):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return _dt(d), _capped_add(_dt(d), timedelta(days=1)), "day"
    if m := _TIME.match(value):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        start = _dt(d, int(m[4]), int(m[5]))
        return start, _capped_add(start, timedelta(minutes=1)), "minute"
    if m := _POD.match(value):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        h0, h1 = PART_OF_DAY_HOURS[m[4]]
        return _dt(d, h0), _dt(d, h1), "part_of_day"
    if m := _WEEK.match(value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return _dt(monday), _capped_add(_dt(monday), timedelta(days=7)), "week"
    if m := _WEEKEND.match(value):
        saturday = date.fromisocalendar(int(m[1]), int(m[2]), 6)
        return _dt(saturday), _capped_add(_dt(saturday), timedelta(days=2)), "week"
    if m := _MONTH.match(value):
        d = _month_start(int(m[1]), int(m[2]))
        return _dt(d), _after(d, 1), "month"
    if m := _QUARTER.match(value):
        d = _month_start(int(m[1]), 3 * int(m[2]) - 2)
        return _dt(d), _after(d, 3), "quarter"
    if m := _HALF.match(value):
        d = _month_start(int(m[1]), 6 * int(m[2]) - 5)
        return _dt(d), _after(d, 6), "half"
    if m := _SEASON.match(value):
        d = _month_start(int(m[1]), SEASON_START_MONTH[m[2]])
        return _dt(d), _after(d, 3), "season"
    if m := _YEAR.match(value):
        d = date(max(1, int(m[1])), 1, 1)
        return _dt(d), _after(d, 12), "year"
    if m := _DECADE.match(value):
        d = date(max(1, int(m[1]) * 10), 1, 1)
        return _dt(d), _after(d, 120), "decade"
    if m := _CENTURY.match(value):
        d = date(max(1, int(m[1]) * 100), 1, 1)
        return _dt(d), _after(d, 1200), "century"
    return None


def _amount(amount: object, factor: int = 1) -> str:
    if amount == "X":
        return "X"
    number = float(amount) * factor
    return str(int(number)) if number == int(number) else f"{number:g}"


#: A fraction of a unit is written in the next smaller one when it comes out whole, as
#: TimeBank does: two and a half years is P2Y6M, an hour and a half PT1H30M.
_SMALLER = {"Y": (12, "M"), "D": (24, "H"), "H": (60, "MIN"), "MIN": (60, "S")}
_TIME_LETTER = {"H": "H", "MIN": "M", "S": "S"}


def _split_fraction(amount: object, unit: str) -> tuple[int, int, str] | None:
    """``(whole, smaller, smaller_unit)`` for 2.5 years -> (2, 6, "M"); None if not exact."""
    if amount == "X" or unit not in _SMALLER:
        return None
    number = float(amount)
    whole = int(number)
    if number == whole:
        return None
    factor, smaller_unit = _SMALLER[unit]
    part = (number - whole) * factor
    if abs(part - round(part)) > 1e-9:
        return None
    return whole, round(part), smaller_unit


def duration_value(amount: object, unit: str) -> str:
    """``P3Y``, ``PT5H``, ``PXW``; decades and centuries are written in years (P10Y)."""
    split = _split_fraction(amount, unit)
    if split is not None:
        whole, part, smaller_unit = split
        big = duration_value(whole, unit) if whole else ""
        small = duration_value(part, smaller_unit)
        if not big:
            return small
        if "T" in small and "T" not in big:  # P2D + PT12H -> P2DT12H
            return big + small[1:]
        return big + small[2 if "T" in big else 1:]
    if unit in ("H", "MIN", "S"):
        return f"PT{_amount(amount)}{_TIME_LETTER[unit]}"
    scaled = {"DE": (10, "Y"), "CE": (100, "Y"), "L": (1000, "Y"), "2W": (2, "W"),
              "WE": (2, "D")}
    if unit in scaled:
        factor, letter = scaled[unit]
        if amount == "X":
            return f"PX{letter if unit != 'WE' else 'WE'}"
        return f"P{_amount(amount, factor)}{letter}"
    return f"P{_amount(amount)}{unit}"


#: Clock units in hours.
HOURS_PER_UNIT = {"H": 1.0, "MIN": 1 / 60, "S": 1 / 3600}


def duration_delta(anchor: date, amount: float, unit: str, sign: int) -> date:
    """The date ``amount`` units before (sign -1) or after (+1) ``anchor``."""
    if unit in HOURS_PER_UNIT:
        hours = amount * HOURS_PER_UNIT[unit]
        return anchor + timedelta(days=sign * max(1, round(hours / 24)))
    whole = int(amount)
    result = shift_date(anchor, unit, sign * whole)
    frac = amount - whole
    if frac:
        days = {"D": 1, "W": 7, "M": 30, "Q": 91, "H": 182, "Y": 365, "DE": 3652}.get(unit, 1)
        result += timedelta(days=sign * round(frac * days))
    return result
