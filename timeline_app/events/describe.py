"""Intervals in words, for labels, tooltips, the CSV's Display Date and "why this date".

Every place that shows an event's date to a person goes through here, so the timeline's
tooltip, the event list and an exported TimelineJS file all say "early October 2022" the
same way. Intervals are half-open ``[start, end)``; people read inclusive ranges, so the
last day shown is the day before ``end``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

_MOD_WORD = {
    "START": "early", "MID": "mid", "END": "late", "APPROX": "about",
    "BEFORE": "before", "AFTER": "after", "ON_OR_BEFORE": "on or before",
    "ON_OR_AFTER": "on or after", "LESS_THAN": "less than", "MORE_THAN": "more than",
    "EQUAL_OR_LESS": "at most", "EQUAL_OR_MORE": "at least",
}
_SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
            6: "summer", 7: "summer", 8: "summer", 9: "autumn", 10: "autumn", 11: "autumn"}
_HALVES = {1: "first half of", 7: "second half of"}


def _day(d: datetime | date) -> str:
    return f"{d.strftime('%a')} {d.day} {d.strftime('%b')} {d.year}"


def _range(first: datetime | date, last: datetime | date) -> str:
    """Inclusive day range: "31 Oct – 6 Nov 2022", "7–13 Nov 2022", "29 Dec 2022 – 4 Jan 2023"."""
    if first == last:
        return f"{first.day} {first.strftime('%b')} {first.year}"
    if first.year != last.year:
        return (f"{first.day} {first.strftime('%b')} {first.year} – "
                f"{last.day} {last.strftime('%b')} {last.year}")
    if first.month != last.month:
        return f"{first.day} {first.strftime('%b')} – {last.day} {last.strftime('%b')} {last.year}"
    return f"{first.day}–{last.day} {last.strftime('%b')} {last.year}"


def _last_day(start: datetime, end: datetime) -> datetime:
    return max(start, end - timedelta(microseconds=1))


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _aligned_day(d: datetime) -> bool:
    return d.hour == d.minute == d.second == d.microsecond == 0


def _period_label(start: datetime, end: datetime, granularity: str | None) -> str | None:
    """The calendar period's own name, if ``granularity`` names one."""
    if granularity == "month":
        return f"{start.strftime('%B')} {start.year}"
    if granularity == "year":
        return str(start.year)
    if granularity == "decade":
        return f"the {start.year // 10 * 10}s"
    if granularity == "century":
        return f"the {_ordinal(start.year // 100 + 1)} century"
    if granularity == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if granularity == "half":
        return f"the {_HALVES.get(start.month, 'first half of')} {start.year}"
    if granularity == "season":
        season = _SEASONS[start.month]
        last = _last_day(start, end)
        if season == "winter" and last.year != start.year:
            return f"winter {start.year}–{str(last.year)[-2:]}"
        return f"{season} {start.year}"
    if granularity == "day":
        return _day(start)
    if granularity in ("hour", "minute"):
        return f"{_day(start)}, {start.strftime('%H:%M')}"
    if granularity == "part_of_day":
        hour = start.hour
        part = ("night" if hour < 5 or hour >= 21 else "morning" if hour < 12
                else "afternoon" if hour < 17 else "evening")
        return f"{_day(start)}, {part}"
    return None


_PERIOD_MONTHS = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12, "decade": 120,
                  "century": 1200}


def _add_months(d: datetime, months: int) -> datetime:
    total = d.year * 12 + d.month - 1 + months
    return d.replace(year=total // 12, month=total % 12 + 1, day=1)


def _is_one_period(start: datetime, end: datetime, granularity: str) -> bool:
    """True when ``[start, end)`` is exactly one calendar period of ``granularity``: an
    anchored duration ("the past eight months") or a hand-edited interval is not, and is
    shown as the range of days it covers."""
    if granularity in _PERIOD_MONTHS:
        return (_aligned_day(start) and start.day == 1
                and end == _add_months(start, _PERIOD_MONTHS[granularity]))
    if granularity == "day":
        return _aligned_day(start) and end == start + timedelta(days=1)
    if granularity in ("hour", "minute", "part_of_day"):
        return end - start <= timedelta(hours=12)
    return False


def describe_interval(
    start: datetime, end: datetime, granularity: str | None, mod: str | None = None
) -> str:
    """Say ``[start, end)`` as a person would: "early October 2022", "Mon 7 Nov 2022",
    "31 Oct – 6 Nov 2022" (a week), "8 Mar – 8 Nov 2022" (an anchored duration)."""
    label = None
    if granularity not in (None, "week") and (mod is not None or _is_one_period(start, end,
                                                                               granularity)):
        label = _period_label(start, end, granularity)
    if label is None:
        last = _last_day(start, end)
        if _aligned_day(start) and (_aligned_day(end) or end <= start):
            label = _day(start) if last.date() == start.date() else _range(start, last)
        elif last.date() == start.date():
            label = f"{_day(start)}, {start.strftime('%H:%M')}–{end.strftime('%H:%M')}"
        else:
            label = (f"{_range(start, start)} {start.strftime('%H:%M')} – "
                     f"{_range(last, last)} {end.strftime('%H:%M')}")
    if mod in ("LESS_THAN", "EQUAL_OR_LESS"):  # a duration's length, not its dates
        return f"within {label}"
    if mod in ("MORE_THAN", "EQUAL_OR_MORE"):
        return f"{label} or longer"
    if mod:
        word = _MOD_WORD.get(mod, mod.lower())
        if word in ("early", "mid", "late") and label.startswith("the "):
            return f"the {word} {label[4:]}"
        return f"{word} {label}"
    return label


def explain(
    expr_text: str,
    anchor: str,
    dct: date | datetime,
    start: datetime,
    end: datetime,
    granularity: str | None,
    mod: str | None,
) -> str:
    """Why the event sits where it does, e.g. "'last week', relative to the article date
    Tue 8 Nov 2022 → 31 Oct – 6 Nov 2022"."""
    result = describe_interval(start, end, granularity, mod)
    quoted = f"'{expr_text}'"
    if anchor == "DCT":
        how = f"relative to the article date {_day(dct)}"
    elif anchor.startswith("timex:"):
        how = "relative to a date mentioned earlier in the text"
        offset = anchor.partition(":")[2]
        if offset.isdigit():
            how += f" (at character {offset})"
    elif anchor == "text":
        how = "a date given in full in the text"
    elif anchor == "user":
        how = "set by hand"
    else:
        how = "needs no anchor"
    return f"{quoted}, {how} → {result}"
