"""From a tagger interval to the interval an event is drawn over.

The tagger resolves "early October" to the month and says START; a timeline that drew the
whole month would claim more than the article does, and one that drew October 8th would
claim a precision it lacks. We draw the first third of the period (middle third for MID,
last third for END) and flag it fuzzy, so the view fades its edges.
"""

from __future__ import annotations

from datetime import datetime, timedelta

#: Shortest length of each calendar period, for telling "the whole period" (which we may
#: narrow) from an interval the tagger has already narrowed.
_MIN_LENGTH = {
    "week": timedelta(days=7),
    "month": timedelta(days=28),
    "season": timedelta(days=89),
    "quarter": timedelta(days=89),
    "half": timedelta(days=180),
    "year": timedelta(days=365),
    "decade": timedelta(days=3652),
    "century": timedelta(days=36524),
    "day": timedelta(days=1),
    "part_of_day": timedelta(hours=4),
}
NARROWING_MODS = ("START", "MID", "END")
VAGUE_VALUES = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
#: Every TimeML modifier makes the extent approximate; EQUAL_OR_... too, since the text
#: gives only one bound.
FUZZY_MODS = frozenset(
    {"START", "MID", "END", "APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER",
     "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"}
)


def narrow(
    start: datetime, end: datetime, granularity: str | None, mod: str | None
) -> tuple[datetime, datetime]:
    """The third of ``[start, end)`` that START/MID/END designate; unchanged otherwise.

    Only an interval that spans (nearly) its whole calendar period is narrowed: if the
    tagger already narrowed it, it is shorter than the period and is left alone. Cuts fall
    on day boundaries when the interval is days long, on hours otherwise.
    """
    if mod not in NARROWING_MODS or granularity not in _MIN_LENGTH or end <= start:
        return start, end
    length = end - start
    if length < _MIN_LENGTH[granularity] * 0.95:
        return start, end
    unit = timedelta(days=1) if length >= timedelta(days=3) else timedelta(hours=1)
    units = length // unit
    if units < 3:
        return start, end
    first, second = round(units / 3), round(2 * units / 3)
    if mod == "START":
        return start, start + first * unit
    if mod == "MID":
        return start + first * unit, start + second * unit
    return start + second * unit, end


def is_fuzzy(value: str, mod: str | None) -> bool:
    """Vague references ("recently", "now"), unspecified parts ("PXW", "2022-XX") and
    any modifier make an event fuzzy: its edges are not where the bar would say."""
    return mod in FUZZY_MODS or value in VAGUE_VALUES or "X" in value


def sort_key(start: datetime, end: datetime) -> float:
    """Seconds since 1970 of ``start``; ties broken so the shorter interval comes first."""
    epoch = datetime(1970, 1, 1, tzinfo=start.tzinfo)
    span = max((end - start).total_seconds(), 0.0)
    return (start - epoch).total_seconds() + min(span, 1e10) * 1e-12
