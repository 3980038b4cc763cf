"""Calendar ticks for the time axis.

Tick positions come from calendar arithmetic (real month and year lengths, weeks starting
on Monday), never from fixed second counts, so that a "March" tick sits on 1 March in every
year. The step is chosen by measuring labels: the finest level whose shortest interval
still holds its widest label wins, so labels never overlap.

Labels use fixed English names rather than strftime so that the axis does not change with
the process locale (the rest of the app is English).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from .timescale import DAY, from_seconds, to_seconds

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# Minimum free space between two labels of the same row, in pixels.
LABEL_GAP = 10.0


@dataclass(frozen=True, slots=True)
class TickLevel:
    """A calendar step: ``step`` units of ``unit``; ``shortest`` is its shortest real length."""

    name: str
    unit: str  # minute / hour / day / week / month / year
    step: int
    shortest: float  # seconds

    def floor(self, when: datetime) -> datetime:
        """The tick at or before ``when``."""
        if self.unit == "minute":
            minute = when.minute - when.minute % self.step
            return when.replace(minute=minute, second=0, microsecond=0)
        if self.unit == "hour":
            hour = when.hour - when.hour % self.step
            return when.replace(hour=hour, minute=0, second=0, microsecond=0)
        if self.unit == "day":
            return when.replace(hour=0, minute=0, second=0, microsecond=0)
        if self.unit == "week":
            day = when.replace(hour=0, minute=0, second=0, microsecond=0)
            return day - timedelta(days=day.weekday())
        if self.unit == "month":
            index = when.year * 12 + when.month - 1
            index -= index % self.step
            return datetime(index // 12, index % 12 + 1, 1)
        year = when.year - when.year % self.step
        return datetime(max(year, 1), 1, 1)

    def next(self, tick: datetime) -> datetime:
        """The tick after ``tick`` (which must be a tick of this level)."""
        if self.unit == "minute":
            return tick + timedelta(minutes=self.step)
        if self.unit == "hour":
            # Every hour step divides 24, so stepping keeps ticks aligned to midnight.
            return tick + timedelta(hours=self.step)
        if self.unit == "day":
            return tick + timedelta(days=self.step)
        if self.unit == "week":
            return tick + timedelta(weeks=self.step)
        if self.unit == "month":
            index = tick.year * 12 + tick.month - 1 + self.step
            return datetime(index // 12, index % 12 + 1, 1)
        return datetime(tick.year + self.step, 1, 1)

    def ticks(self, start: datetime, end: datetime) -> list[datetime]:
        """All ticks from the one at or before ``start`` up to ``end`` inclusive."""
        out = []
        tick = self.floor(start)
        while tick <= end:
            out.append(tick)
            try:
                tick = self.next(tick)
            except (ValueError, OverflowError):
                break
        return out


def _lv(name: str, unit: str, step: int, shortest_days: float) -> TickLevel:
    return TickLevel(name, unit, step, shortest_days * DAY)


# Finest first. "shortest" is the shortest real interval between two ticks: February for
# months, a non-leap year for years, and so on.
LEVELS: tuple[TickLevel, ...] = (
    _lv("15min", "minute", 15, 15 / 1440),
    _lv("30min", "minute", 30, 30 / 1440),
    _lv("hour", "hour", 1, 1 / 24),
    _lv("3h", "hour", 3, 3 / 24),
    _lv("6h", "hour", 6, 6 / 24),
    _lv("12h", "hour", 12, 12 / 24),
    _lv("day", "day", 1, 1),
    _lv("week", "week", 1, 7),
    _lv("month", "month", 1, 28),
    _lv("quarter", "month", 3, 89),
    _lv("half", "month", 6, 181),
    _lv("year", "year", 1, 365),
    _lv("2y", "year", 2, 730),
    _lv("5y", "year", 5, 1826),
    _lv("decade", "year", 10, 3652),
    _lv("20y", "year", 20, 7305),
    _lv("50y", "year", 50, 18262),
    _lv("century", "year", 100, 36524),
    _lv("200y", "year", 200, 73048),
    _lv("500y", "year", 500, 182621),
)
LEVEL_BY_NAME = {level.name: level for level in LEVELS}

# The band each minor level is grouped into on the upper row of the axis.
MAJOR_OF = {
    "15min": "day", "30min": "day", "hour": "day", "3h": "day", "6h": "day", "12h": "day",
    "day": "month", "week": "month",
    "month": "year", "quarter": "year", "half": "year",
    "year": "decade", "2y": "decade", "5y": "decade",
    "decade": "century", "20y": "century", "50y": "century",
    "century": "1000y", "200y": "1000y", "500y": "1000y",
}
LEVEL_BY_NAME["1000y"] = TickLevel("1000y", "year", 1000, 365242 * DAY)


def minor_formats(level: TickLevel) -> tuple[Callable[[datetime], str], ...]:
    """Label formats for a minor level, most informative first."""
    if level.unit in ("minute", "hour"):
        return (lambda d: f"{d.hour:02d}:{d.minute:02d}",)
    if level.unit == "day":
        return (lambda d: f"{WEEKDAYS[d.weekday()]} {d.day}", lambda d: f"{d.day}")
    if level.unit == "week":
        return (lambda d: f"{d.day} {MONTHS[d.month - 1][:3]}",)
    if level.name == "month":
        return (lambda d: MONTHS[d.month - 1][:3], lambda d: MONTHS[d.month - 1][0])
    if level.name == "quarter":
        return (lambda d: f"Q{(d.month - 1) // 3 + 1}",)
    if level.name == "half":
        return (lambda d: f"H{(d.month - 1) // 6 + 1}",)
    if level.step >= 10:
        return (lambda d: f"{d.year}s",)
    return (lambda d: f"{d.year}",)


def major_label(level: TickLevel, when: datetime) -> str:
    """The upper-row label of the band starting at ``when``."""
    if level.name == "day":
        return f"{WEEKDAYS[when.weekday()]} {when.day} {MONTHS[when.month - 1]} {when.year}"
    if level.name == "month":
        return f"{MONTHS[when.month - 1]} {when.year}"
    if level.name == "year":
        return f"{when.year}"
    return f"{when.year}s"


def _samples(level: TickLevel) -> list[datetime]:
    """Dates whose labels are the widest a level can produce (for measuring)."""
    if level.unit in ("minute", "hour", "day", "week"):
        # Every weekday, one- and two-digit days, every month abbreviation.
        base = [datetime(2022, 9, day, 23, 45) for day in range(20, 27)]
        return base + [datetime(2022, m, 28) for m in range(1, 13)]
    if level.unit == "month":
        return [datetime(2022, m, 1) for m in range(1, 13)]
    return [datetime(1990, 1, 1), datetime(2000, 1, 1), datetime(1800, 1, 1)]


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    when: datetime
    label: str
    label_x: float  # left edge of the label as drawn
    label_width: float
    shown: bool     # False when the label was skipped to avoid an overlap


@dataclass(frozen=True, slots=True)
class Axis:
    minor_level: TickLevel
    major_level: TickLevel
    minor: list[Tick]
    major: list[Tick]


def choose_minor(seconds_per_pixel: float, measure: Callable[[str], float]
                 ) -> tuple[TickLevel, Callable[[datetime], str]]:
    """Finest level (and label format) whose labels fit between its closest ticks."""
    for level in LEVELS:
        spacing = level.shortest / seconds_per_pixel
        for fmt in minor_formats(level):
            widest = max(measure(fmt(d)) for d in _samples(level))
            if spacing >= widest + LABEL_GAP:
                return level, fmt
    level = LEVELS[-1]
    return level, minor_formats(level)[0]


def compute_axis(origin: float, seconds_per_pixel: float, width: float,
                 measure: Callable[[str], float]) -> Axis:
    """Ticks and non-overlapping labels for the span shown in ``width`` pixels.

    ``measure`` gives the width of a label in pixels (QFontMetricsF.horizontalAdvance in
    the view); keeping it a parameter keeps this module testable without fonts.
    """
    minor_level, fmt = choose_minor(seconds_per_pixel, measure)
    major_level = LEVEL_BY_NAME[MAJOR_OF[minor_level.name]]
    start = from_seconds(origin)
    end = from_seconds(origin + seconds_per_pixel * width)

    def x_of(when: datetime) -> float:
        return (to_seconds(when) - origin) / seconds_per_pixel

    minor: list[Tick] = []
    last_end = float("-inf")
    for when in minor_level.ticks(start, end):
        x = x_of(when)
        label = fmt(when)
        w = measure(label)
        lx = x - w / 2  # minor labels are centred on their tick
        # One the view's edge cuts ("0s" of "1890s") reads as a glitch: leave it out.
        if lx >= last_end + LABEL_GAP and lx >= 0 and lx + w <= width:
            minor.append(Tick(x, when, label, lx, w, True))
            last_end = lx + w
        else:
            minor.append(Tick(x, when, label, lx, w, False))

    major: list[Tick] = []
    whens = major_level.ticks(start, end)
    last_end = float("-inf")
    for i, when in enumerate(whens):
        x = x_of(when)
        label = major_label(major_level, when)
        w = measure(label)
        # Major labels sit right of their tick; the band's label sticks to the left edge
        # while its band is still in view (calendar-app style) but never runs into the
        # next band's label.
        lx = max(x + 4.0, 4.0)
        if i + 1 < len(whens):
            lx = min(lx, x_of(whens[i + 1]) - w - LABEL_GAP)
        # A label the next band pushed part-way off the left edge is left out: a clipped
        # "ber 2022" reads as a glitch, and the next band's label is on screen anyway.
        if lx >= last_end + LABEL_GAP and 0 <= lx < width:
            major.append(Tick(x, when, label, lx, w, True))
            last_end = lx + w
        else:
            major.append(Tick(x, when, label, lx, w, False))
    return Axis(minor_level, major_level, minor, major)
