"""Turning a rule's value template into a TimeML value, given an anchor and tense.

Rule files write values either as format templates over their captures
(``"{year:04d}-{month:02d}"``) or as calls ``@name arg... key=val`` to the functions
below, which hold the calendar logic every language shares: shift the anchor by
units, find the weekday or month a tense points at, combine a day with a time.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter

from timeline_app.timex import calendars
from timeline_app.timex.values import (
    GRANULARITY_UNIT,
    HOURS_PER_UNIT,
    SEASON_START_MONTH,
    add_months,
    duration_delta,
    duration_value,
    format_at,
    interval_of,
    shift_date,
)

PAST, FUTURE, UNKNOWN = "past", "future", "unknown"
#: Narrative text told from a date it mentioned: the tense is the story's, not a
#: direction from that date, so a month or season without a year is the date's year's.
NARRATIVE = "narrative"
#: Past, and the expression is the adjunct of the past verb ("prices rose in December"):
#: a month, season or weekday then lies behind however near ahead it is. Elsewhere PAST.
DONE = "done"
#: A simple present verb ("he appears in court Thursday"): what news schedules, ahead.
PRESENT = "present"
#: Future, and the expression is the adjunct of the future verb ("will reopen on
#: Thursday", "will be held in February"): the date lies ahead even when it is only a
#: day or a month gone. Elsewhere FUTURE.
AHEAD = "ahead"
_HHMM = re.compile(r"^\d{2}:\d{2}$")
#: Policy for names without a year or week (measured on TempEval-3 training data):
#: today's and yesterday's weekday are those days whatever the tense, a tensed weekday
#: is the nearest one in the tense's direction, an untensed one prefers the past
#: unless the coming day is more than two days nearer, and tense moves a month name to
#: another year only when it is more than two months away in the wrong direction (a
#: future tense: more than one month gone).
#: A future-tense day more than this many days (the month reach) before the anchor is
#: next year's.
_DAY_FUTURE_REACH = 62
_WEEKDAY_PAST_BIAS = 2
_MONTH_TENSE_REACH = 2


class Tense:
    """A tense read only when a value function compares it: reading it scans the clause
    around the expression, and four values in five never ask ("last Friday", "June 2021")."""

    __slots__ = ("_read", "_value", "_read_direct", "_direct")

    def __init__(self, read: Callable[[], str], direct: Callable[[], str] | None = None) -> None:
        self._read, self._value = read, ""
        self._read_direct, self._direct = direct, ""

    @property
    def value(self) -> str:
        if not self._value:
            self._value = self._read()
        return self._value

    @property
    def direct(self) -> str:
        """DONE or AHEAD when the verb the expression is the adjunct of says so, else
        UNKNOWN: the cheaper reading, for the few questions it answers alone."""
        if not self._direct:
            self._direct = self._read_direct() if self._read_direct else UNKNOWN
        return self._direct

    def __eq__(self, other: object) -> bool:
        return self.value == (other.value if isinstance(other, Tense) else other)

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return f"Tense({self._value or '...'})"


_PLAIN_TENSE = {DONE: PAST, AHEAD: FUTURE}


def _plain(tense: str | Tense, plain: dict[str, str] = _PLAIN_TENSE) -> str | Tense:
    """DONE read as PAST and AHEAD as FUTURE, for the functions that do not tell them apart
    (still read only when compared)."""
    if isinstance(tense, Tense):
        return Tense(lambda: plain.get(tense.value, tense.value), lambda: tense.direct)
    return plain.get(tense, tense)


def _direct(tense: str | Tense) -> str:
    """DONE, AHEAD or UNKNOWN: only what the governing verb says (a plain tense as it is)."""
    return tense.direct if isinstance(tense, Tense) else tense


_AHEAD_AS_FUTURE = {AHEAD: FUTURE}



@dataclass(slots=True)
class Resolution:
    value: str
    #: For anchored durations: the interval as dates and its unit.
    span: tuple[date, date] | None = None
    unit: str | None = None
    anchored: bool = False
    quant: str | None = None
    freq: str | None = None
    #: Counted from an expression before it, not from the anchor: "day" (the day
    #: mentioned last), "date" (the date mentioned last) or "quarter" (the quarter
    #: under discussion).
    via: str = ""
    #: The TIMEX3 type when it is not the rule's: a story's "two days later" is a date.
    type: str = ""
    #: A fiscal year's part: its value is a label, whose calendar interval may not have
    #: begun though its results are reported ("fiscal third quarter" said in March).
    fiscal: bool = False


class _Formatter(string.Formatter):
    def format_field(self, value, format_spec):  # type: ignore[override]
        if format_spec and not isinstance(value, int | float):
            try:
                value = int(value)
            except (TypeError, ValueError):
                return str(value)
        return super().format_field(value, format_spec)


_FMT = _Formatter()


def fill(template: str, captures: dict[str, object]) -> str:
    try:  # the C implementation is enough unless a number spec meets a missing capture
        return template.format_map(_Defaults(captures))
    except (ValueError, TypeError):
        return _FMT.vformat(template, (), _Defaults(captures))


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _int(text: str, default: int = 0) -> int:
    try:
        return int(float(text))
    except (TypeError, ValueError):
        return default


def _weekday(anchor: date, weekday: int, offset: str, tense: str) -> date:
    """``offset``: "" (tense decides), "-1" last, "+1" next, "0" this week, "t" this (the
    one to come, or gone in a past sentence), "~" a deadline
    ("until Friday": ahead, whatever the tense), "<" a start ("since Friday": behind)."""
    back = (anchor.isoweekday() - weekday) % 7
    ahead = (weekday - anchor.isoweekday()) % 7
    if offset == "~":
        # A bound lies ahead: "runs through Sunday", said on Monday, is next Sunday; but
        # yesterday's in a past sentence ("had filed by Wednesday", said on Thursday), and
        # behind after the past verb it bounds ("the strike lasted until Friday").
        if back == 0:
            return anchor
        if _direct(tense) != DONE:
            if back == 1 and tense == PAST:
                return anchor - timedelta(days=1)
            return anchor + timedelta(days=ahead)
        offset, tense = "", DONE
    if offset == "<":  # "since Tuesday": a start lies behind, today at the latest
        return anchor - timedelta(days=back)
    if offset == "t":  # "this Friday": still to come this week, unless told in the past
        if back == 0 or tense in (PAST, DONE):
            return anchor - timedelta(days=back)
        return anchor + timedelta(days=ahead)
    delta = weekday - anchor.isoweekday()
    if offset == "0":
        return anchor + timedelta(days=delta)
    if offset == "-1":
        back = (anchor.isoweekday() - weekday) % 7 or 7
        return anchor - timedelta(days=back)
    if offset == "+1":
        ahead = (weekday - anchor.isoweekday()) % 7 or 7
        return anchor + timedelta(days=ahead)
    if back == 0:  # today's, whatever the tense
        return anchor
    # Yesterday's, whatever the tense (a future in reported speech: "said Thursday it will
    # ..."), unless the future verb governs it ("will reopen on Thursday", said on Friday,
    # is next Thursday), a present one schedules it ("the festival opens on Thursday") or
    # a story moves on to it.
    if back == 1:
        if _direct(tense) in (AHEAD, PRESENT, NARRATIVE):
            return anchor + timedelta(days=ahead)
        return anchor - timedelta(days=1)
    if tense in (FUTURE, PRESENT, AHEAD, NARRATIVE):
        return anchor + timedelta(days=ahead)
    if tense in (PAST, DONE):  # "the suspect was arrested Saturday", said on Friday
        return anchor - timedelta(days=back)
    if back <= ahead + _WEEKDAY_PAST_BIAS:
        return anchor - timedelta(days=back)
    return anchor + timedelta(days=ahead)


def _month_year(anchor: date, month: int, offset: str, tense: str) -> int:
    if offset in ("-1", "-1y"):
        year = anchor.year if month < anchor.month else anchor.year - 1
        # "last October" said in November: the one just over is "last month" (a story's
        # date, in narrative text, is often a whole period's first day: nothing to skip)
        told = isinstance(tense, str) and tense == NARRATIVE
        if offset == "-1y" and not told and (anchor.year - year) * 12 + anchor.month - month == 1:
            year -= 1
        return year
    if offset == "+1":
        return anchor.year if month > anchor.month else anchor.year + 1
    if offset == "0":
        return anchor.year
    if offset == "<":  # "since January": a start lies behind, this month at the latest
        return anchor.year if month <= anchor.month else anchor.year - 1
    # a deadline ("must pass by June") lies ahead, even in a past-tense sentence ("had
    # planned to repay the loan by February"), but not after the past verb it bounds
    # ("sales were strong through June"); told in the future, never one just gone
    future_bound = False
    if offset == "~" and _direct(tense) != DONE:
        future_bound = _plain(tense) == FUTURE
        tense = FUTURE
    # The nearest instance: January said in November is next year's...
    year = anchor.year
    if month - anchor.month > 6:
        year -= 1
    elif anchor.month - month > 6:
        year += 1
    delta = (year - anchor.year) * 12 + month - anchor.month
    # "will be held in February", "the trial, which begins in January", "will report by
    # January", said in March
    if delta < 0 and (future_bound or _direct(tense) in (AHEAD, PRESENT)):
        return year + 1
    if year == anchor.year and -1 <= delta <= 0:
        return year  # this month or the one before: no tense moves it (nor a story's year)
    if tense == NARRATIVE:  # "In March 1945 ... in October": the story's year, unless the
        # story, moving on, has turned the year: "On 20 December 1941 ... In January"
        return anchor.year + (anchor.month - month > 6)
    reach = _MONTH_TENSE_REACH
    if tense == DONE:
        tense, reach = PAST, 0
    # ...unless tense points more than two months away from it.
    if tense == PAST and delta > reach:
        year -= 1
    # A future tense (or a present that schedules: "the measure expires in September") is
    # surer than a bound ("through September" may end a range begun in April): it moves a
    # month gone for more than one month.
    if (tense == FUTURE or _direct(tense) == PRESENT) and -delta > (
        reach if offset == "~" else 1
    ):
        year += 1
    return year


def _season(anchor: date, season: str, offset: str, tense: str) -> str:
    """Pick the instance of a season (winter of year Y starts in December of Y)."""
    month = SEASON_START_MONTH[season]
    tense = _plain(tense, _AHEAD_AS_FUTURE)
    # a winter starts in December: in January the last one over began two years before
    instances = [(date(y, month, 1), y) for y in range(anchor.year - 2, anchor.year + 2)]
    # This year's: the one under way if there is one (in January, the winter begun in
    # December, "2022-WI" for January 2023), else the one of the anchor's year.
    year = next(
        (y for start, y in instances if start <= anchor < add_months(start, 3)), anchor.year
    )
    if offset == "0" or (not offset and tense in (UNKNOWN, NARRATIVE)):
        return f"{year:04d}-{season}"
    if not offset:
        # This year's, unless tense points more than two months away.
        start = date(year, month, 1)
        reach = _MONTH_TENSE_REACH
        if tense == DONE:
            tense, reach = PAST, 0
        if tense == PAST and start > add_months(anchor, reach):
            return f"{year - 1:04d}-{season}"
        if tense == FUTURE and add_months(start, 3 + _MONTH_TENSE_REACH) <= anchor:
            return f"{year + 1:04d}-{season}"
        return f"{year:04d}-{season}"
    if offset == "-1":  # "last winter": the latest one already over
        over = [y for start, y in instances if add_months(start, 3) <= anchor]
        return f"{over[-1]:04d}-{season}"
    coming = [y for start, y in instances if start > anchor]  # "next winter"
    return f"{coming[0]:04d}-{season}"


@functools.lru_cache(maxsize=4096)  # news repeats its expressions
def _call(text: str) -> tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]]:
    """``@name arg... key=value...`` split into its name, arguments and keywords."""
    name, *rest = text[1:].split()
    args = tuple(a for a in rest if "=" not in a)
    kw = tuple(tuple(a.split("=", 1)) for a in rest if "=" in a)
    return name, args, kw


def resolve(
    template: str, captures: dict[str, object], anchor: date, tense: str | Tense
) -> Resolution:
    """Apply a rule's value template. Raises ValueError when it cannot be resolved."""
    text = fill(template, captures)
    if not text.startswith("@"):
        return Resolution(text)
    name, args, kw = _call(text)
    kw = dict(kw)  # a dict of its own for each call: the cached pairs stay as parsed
    fn = _FUNCTIONS.get(name)
    if fn is None:
        raise ValueError(f"unknown value function @{name}")
    if name not in _DONE_FUNCTIONS:
        tense = _plain(tense)
    res = fn(anchor, tense, args, kw)
    return _with_time(res, kw)


def _with_time(res: Resolution, kw: dict[str, str]) -> Resolution:
    if len(res.value) != 10 or not res.value[:4].isdigit():
        return res
    if kw.get("pod"):
        res.value += "T" + kw["pod"]
    elif _HHMM.match(kw.get("time", "")):
        res.value += "T" + kw["time"]
    return res


def _shift(anchor, tense, args, kw):
    ref = kw.get("refq", "")
    if kw.get("needref") and not ref:  # "the period" is a quarter only in a report on one
        raise ValueError("no quarter under discussion")
    if ref and args[0] in ("Y", "Q"):  # the quarter the report is talking about
        if args[0] == "Q" and kw.get("latest"):
            return Resolution(ref, via="quarter")
        if args[0] == "Y" and kw.get("sameq"):
            return Resolution(f"{int(ref[:4]) + _int(args[1]):04d}{ref[4:]}", via="quarter")
    unit, amount = args[0], _int(args[1]) if len(args) > 1 else 0
    at = kw.get("at", unit)
    d = shift_date(anchor, unit, amount)
    res = Resolution(format_at(d, at))
    part = kw.get("part")
    period = interval_of(res.value) if part else None
    if period is not None:  # "earlier this year": the part of the year before the anchor
        lo, hi = period[0].date(), period[1].date()
        span = (lo, anchor) if part == "before" else (anchor, hi)
        if span[0] < span[1] and lo <= anchor < hi:
            res.span, res.unit = span, unit
    return res


def _weekday_fn(anchor, tense, args, kw):
    if kw.get("after") and (_int(kw["after"], 0) % 7) + 1 != _int(args[0], 1):
        raise ValueError("not the day after")  # "Monday and Tuesday", not "Monday and Friday"
    via = ""
    if kw.get("refday"):  # "the previous Friday": a step from the day just mentioned
        anchor, via = date.fromisoformat(kw["refday"]), "day"
    if kw.get("week"):  # "Friday next week": that week's day, whatever the tense
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=_int(kw["week"]))
        return Resolution((monday + timedelta(days=_int(args[0], 1) - 1)).isoformat())
    offset = (args[1] if len(args) > 1 else "") or kw.get("deadline", "")
    d = _weekday(anchor, _int(args[0], 1), offset, tense)
    if kw.get("plusweeks"):  # "a week from Friday": counted on from the coming Friday
        d += timedelta(weeks=_int(kw["plusweeks"]))
    if kw.get("back"):  # "two Sundays ago": the latest such day gone is the first back
        if not kw["back"].isdigit() or int(kw["back"]) < 1:
            raise ValueError(f"no count of days back: {kw['back']!r}")
        d -= timedelta(weeks=int(kw["back"]) - 1)
    return Resolution(d.isoformat(), via=via)


def _ref_for(args, kw) -> date | None:
    """The date a "following"/"previous" month or season counts from: the last day of the
    period mentioned last (``reflast``) going forward ("in 2019 ... the following March"
    is March 2020), its first day (``ref``) going back; None without one."""
    forward = len(args) > 1 and args[1].startswith("+")
    ref = kw.get("reflast") if forward and kw.get("reflast") else kw.get("ref")
    return date.fromisoformat(ref) if ref else None


def _sentence_year_fits(anchor: date, year: int, tense: str | Tense) -> bool:
    """A year gone fits no future ("Last year it said it will open a plant in March"),
    a year to come no past; the article's own year tells nothing more than tense does."""
    if year == anchor.year:
        return False
    if year < anchor.year:
        return _plain(tense) not in (FUTURE, PRESENT)
    return _plain(tense) != PAST


def _month_fn(anchor, tense, args, kw):
    if kw.get("nofuture") and _plain(tense) != PAST:  # the time of a noun, not of the
        tense = UNKNOWN  # verb: "will release December data" is the nearest December
    if ref := _ref_for(args, kw):  # "the following March": from the date mentioned last
        res = _month_fn(ref, tense, args, {**kw, "ref": "", "reflast": ""})
        res.via = "date"
        return res
    month = _int(args[0], 1)
    offset = args[1] if len(args) > 1 else ""
    if kw.get("year"):  # (a range's start takes its end's year, or the year before)
        year = _int(kw["year"])
        if month > _int(kw.get("endmonth", ""), 12):  # "from November to February 2012"
            year -= 1
    elif kw.get("sentyear") and not offset and kw.get("deadline") != "<" and (
        _sentence_year_fits(anchor, _int(kw["sentyear"]), tense)
    ):
        year = _int(kw["sentyear"])  # the year its sentence has named: "Last year, ... in May"
        kw = {**kw, "year": kw["sentyear"]}  # (nothing to move by tense)
    else:
        year = _month_year(anchor, month, offset or kw.get("deadline", ""), tense)
    if kw.get("until"):  # "Nov. 15-16": the first day, drawn over both
        first, last = date(year, month, _int(kw["day"])), date(year, month, _int(kw["until"]))
        if not first < last:
            raise ValueError("not a range of days")
        return Resolution(first.isoformat(), span=(first, last + timedelta(days=1)), unit="D")
    if kw.get("after") and kw.get("day"):  # the end of a range: the first such day after its start
        start = date.fromisoformat(kw["after"])
        found = date(start.year, month, _int(kw["day"], 1))
        if found <= start:
            found = date(start.year + 1, month, found.day)
        return Resolution(found.isoformat(), via="date")
    if "day" in kw:
        day = _int(kw["day"], 1)
        weekday = _int(kw.get("weekday", ""), 0)
        if weekday:  # "Friday, March 4": the year in which March 4 is a Friday
            for y in (year, year - 1, year + 1):
                if date(y, month, day).isoweekday() == weekday:
                    year = y
                    break
        if day < 0:  # counted from the month's end: -1 its last day
            found = add_months(date(year, month, 1), 1) + timedelta(days=day)
        else:
            found = date(year, month, day)  # validates
            named = kw.get("year") or offset or (month, day) == (2, 29)  # nothing to move
            if kw.get("deadline") == "<" and found > anchor and (month, day) != (2, 29):
                found = date(year - 1, month, day)  # "since Nov. 20" said on Nov. 8
            elif (
                kw.get("deadline") == "~" and found < anchor - timedelta(days=28)
                and _direct(tense) != DONE and _plain(tense) != PAST
            ):  # "the law remains in effect until Jan. 1", said in March: a bound still
                # to come (one gone by days may be reported: "to repatriate him by Jan. 14")
                found = date(year + 1, month, day)
            elif not named and found > anchor and tense == DONE:
                found = date(year - 1, month, day)  # "the year ended March 31", said March 22
            elif not named and found < anchor and _direct(tense) == AHEAD:
                found = date(year + 1, month, day)  # "will pass Earth on Feb. 15", said March 22
            elif (  # (tense read last: only when the answer depends on it)
                not named and found < anchor - timedelta(days=_DAY_FUTURE_REACH)
                and tense == FUTURE
            ):  # "the vote is set for Jan. 5" said in March: a day long gone is next year's
                found = date(year + 1, month, day)
        if kw.get("at"):  # "the week of Nov. 14", "the last week of October"
            if kw.get("ending"):  # "the week ended Monday, Nov. 5" lies mostly in the week before
                found -= timedelta(days=3)
            return Resolution(format_at(found, kw["at"]))
        return Resolution(found.isoformat())
    return Resolution(f"{year:04d}-{month:02d}")


def _monthof(anchor, tense, args, kw):
    """A month (or a day of it) of the year ``N`` years from the anchor's: "June last
    year", "Nov. 8 last year"."""
    month, years = _int(args[0], 1), _int(args[1]) if len(args) > 1 else 0
    if kw.get("day"):
        return Resolution(date(anchor.year + years, month, _int(kw["day"])).isoformat())
    return Resolution(f"{anchor.year + years:04d}-{month:02d}")


def _season_fn(anchor, tense, args, kw):
    via = ""
    if ref := _ref_for(args, kw):  # "the following summer": from the date mentioned last
        anchor, via = ref, "date"
    offset = args[1] if len(args) > 1 else ""
    if offset == "t":  # "this winter": the tense decides, as for a bare season
        offset = ""
    return Resolution(_season(anchor, args[0].upper(), offset, tense), via=via)


def _part_fn(anchor, tense, args, kw):
    """Quarter or half of the anchor's year (``@part Q 3``), shifted by ``year=-1``;
    ``deadline=~`` one that lies ahead ("by the end of the first quarter"); ``fiscal=fy``
    a fiscal year's, never one of a year before the anchor's."""
    kind, number = args[0], _int(args[1], 1)
    limit = 4 if kind == "Q" else 2
    if not 1 <= number <= limit:
        raise ValueError("no such part of a year")
    if "year" in kw:
        year = anchor.year + _int(kw["year"])
    else:
        current = (anchor.month - 1) // (3 if kind == "Q" else 6) + 1
        year = anchor.year
        deadline = kw.get("deadline", "")
        if deadline == "~":  # ahead, whatever the tense: next year's once this one's is over
            if number < current:
                year += 1
        # Reports look back: "the third quarter" said in Q2 is last year's (but a schedule
        # looks ahead: "the deal expires at the end of the third quarter"); the quarter
        # just ended is last year's in January whatever the tense, as the one reported on
        # ("will report fourth-quarter results"), like the quarter before the current one
        # later in the year.
        elif number > current and (
            tense not in (FUTURE, PRESENT, NARRATIVE) or deadline == "<"
            or (kind == "Q" and current == 1 and number == 4 and tense != NARRATIVE)
        ):
            year -= 1
        # ...but a future two quarters or more gone is next year's ("will return to profit
        # in the first quarter", said in December); the quarter just ended is reported on
        elif kind == "Q" and current - number >= 2 and deadline != "<" and tense == FUTURE:
            year += 1
        # A fiscal quarter is named by its fiscal year, which ends in the year it is
        # named for or later: Oracle's "fiscal third quarter", reported in March, is
        # this year's, though a calendar third quarter reported then is last year's.
        if kw.get("fiscal"):
            year = max(year, anchor.year)
    return Resolution(f"{year:04d}-{kind}{number}", fiscal=bool(kw.get("fiscal")))


def _year2(anchor, tense, args, kw):
    if len(args[0]) == 4:  # already a full year
        return Resolution(f"{_int(args[0]):04d}")
    yy = _int(args[0])
    century = anchor.year // 100 * 100
    year = century + yy
    if year > anchor.year + 20:
        year -= 100
    suffix = args[1] if len(args) > 1 else ""
    return Resolution(f"{year:04d}{suffix}")


def _date_fn(anchor, tense, args, kw):
    """An explicit date; validates it (no February 30th)."""
    year, month, day = (_int(a) for a in args[:3])
    d = date(year, month, day)
    return Resolution(d.isoformat())


def _plus(amount: str, kw: dict[str, str]) -> str:
    """The amount with a fraction the text adds after the unit ("a year and a half")."""
    if kw.get("plus") and amount != "X":
        return f"{float(amount) + float(kw['plus']):g}"
    return amount


def _duration(anchor, tense, args, kw):
    amount, unit = _plus(args[0], kw), args[1]
    if kw.get("only") == "X" and amount != "X":  # a counted stretch: another rule's
        raise ValueError("a counted stretch")
    value = duration_value(amount, unit)
    if "on" in kw:  # hours from a day's event ("an hour later") fall on that day, as far
        day = date.fromisoformat(kw["on"]) if kw["on"] else anchor  # as a day can tell
        return Resolution(value, span=(day, day + timedelta(days=1)), unit="D",
                          anchored=True, via="day" if kw["on"] else "")
    direction = kw.get("dir")
    if direction not in ("past", "next") or amount == "X":
        approx = kw.get("approx")
        if direction in ("past", "next") and approx:
            n = float(approx)
            return _anchored(anchor, value, n, unit, direction)
        return Resolution(value, unit=unit)
    return _anchored(anchor, value, float(amount), unit, direction)


#: Units a compound duration adds up, largest first, with their ISO 8601 letters
_COMPOUND_ORDER = {"Y": "Y", "M": "M", "D": "D", "H": "H", "MIN": "M", "S": "S"}
_COMPOUND_RANK = {unit: rank for rank, unit in enumerate(_COMPOUND_ORDER)}
_DAY_UNITS = frozenset("YMD")


def _compound(anchor, tense, args, kw):
    """Stretches added up, largest first: "two years and three months" is one duration,
    P2Y3M; "2 hours 8 minutes 44 seconds" PT2H8M44S. Weeks beside other units count as
    days (ISO writes no P1W2D). Units out of order are a list of stretches, not one."""
    counts: dict[str, int] = {}
    for text, unit in zip(args[::2], args[1::2], strict=True):
        if not text.isdigit():  # a vague or fractional amount
            raise ValueError("not a whole amount")
        amount = int(text)
        if unit == "W":
            amount, unit = amount * 7, "D"
        if unit not in _COMPOUND_RANK or (
            counts and _COMPOUND_RANK[unit] <= _COMPOUND_RANK[list(counts)[-1]]
        ):
            raise ValueError("not one compound duration")
        counts[unit] = amount
    date_part = "".join(f"{n}{_COMPOUND_ORDER[u]}" for u, n in counts.items() if u in _DAY_UNITS)
    time_part = "".join(
        f"{n}{_COMPOUND_ORDER[u]}" for u, n in counts.items() if u not in _DAY_UNITS
    )
    value = "P" + date_part + ("T" + time_part if time_part else "")
    return Resolution(value, unit=list(counts)[-1])


def _anchored(anchor, value, amount, unit, direction):
    if direction == "past":
        span = (duration_delta(anchor, amount, unit, -1), anchor)
    else:
        span = (anchor, duration_delta(anchor, amount, unit, +1))
    if not span[0] < span[1]:
        raise ValueError("the interval falls outside the calendar")
    return Resolution(value, span=span, unit=unit, anchored=True)


def _vague(anchor, tense, args, kw):
    """``PAST_REF`` and friends; with ``unit=`` and ``dir=`` also an approximate interval."""
    value = args[0]
    unit, direction = kw.get("unit"), kw.get("dir")
    if unit and direction:
        amount = float(kw.get("n", "3"))
        return _anchored(anchor, value, amount, unit, direction)
    return Resolution(value)  # the tagger places PRESENT_REF on the article's day


def _set(anchor, tense, args, kw):
    return Resolution(args[0], quant=kw.get("quant"), freq=kw.get("freq"))


_PERIOD_FORMAT = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y", "time": "%Y-%m-%dT%H:%M"}


def _dateparse(anchor, tense, args, kw):
    """An explicit date in a less common format, read by dateparser.

    The rules recognise the span (dateparser's own search reads "We" as Wednesday); dateparser
    turns it into a date and says how precise it is (day, month, year or time).
    """
    from datetime import datetime

    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day),
        "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DATES_FROM": "current_period",
    }
    if kw.get("order"):
        settings["DATE_ORDER"] = kw["order"]
    parsed = DateDataParser(languages=[kw.get("lang", "en")], settings=settings).get_date_data(
        args[0].replace("_", " ")
    )
    if parsed is None or parsed.date_obj is None:
        raise ValueError("dateparser could not read the date")
    return Resolution(parsed.date_obj.strftime(_PERIOD_FORMAT.get(parsed.period, "%Y-%m-%d")))


def _relref(anchor, tense, args, kw):
    """A step from the date mentioned last ("the day before", "that year"), else the anchor,
    at the granularity ``at`` (the unit's by default).

    The unit argument may carry a trailing default letter (``WD``): the first one counts.
    """
    unit, amount = args[0][0], _int(args[1])
    ref = kw.get("refday") if unit == "D" else kw.get("ref")
    if ref and kw.get("fit") and not _fits_day(anchor, date.fromisoformat(ref), tense):
        ref = ""  # "Stocks rallied in the afternoon" after "the report is due on May 3";
        # "the celebrations will continue throughout the year" after "founded in 1963"
    if ref and unit == "W" and kw.get("reflast") and (
        date.fromisoformat(kw["reflast"]) - date.fromisoformat(ref)
    ).days >= 7:  # a week counted from a month or a year would be made up: the article's
        ref = ""
    if unit == "D" and not ref and amount == 0 and kw.get("default") != "anchor":
        raise ValueError("'that day' needs a day mentioned before it")
    at = kw.get("at") or unit
    if ref and at != unit and kw.get("reflast"):
        # "the same month last year" is the month mentioned last a year back; after a
        # longer period ("in 2012") there is no month to step from but the anchor's
        first, last = date.fromisoformat(ref), date.fromisoformat(kw["reflast"])
        if format_at(first, at) != format_at(last, at):
            ref = ""
    base = date.fromisoformat(ref) if ref else anchor
    via = ("day" if unit == "D" else "date") if ref else ""
    return Resolution(format_at(shift_date(base, unit, amount), at), via=via)


def _ofref(anchor, tense, args, kw):
    """A part of the year mentioned last: "the fourth quarter of that year" after "In
    2008" is 2008-Q4 (``@ofref Q4 ref=DATE``); with no year mentioned, none."""
    if not kw.get("ref"):
        raise ValueError("'of that year' needs a year mentioned before it")
    return Resolution(f"{kw['ref'][:4]}-{args[0]}", via="date")


def _nextref(anchor, tense, args, kw):
    """"The next month" told in the past after a date: the month after it ("The law passed
    in March 2010. The next month, lawsuits were filed"); elsewhere the coming one, which
    is another rule's."""
    unit = args[0][0]
    first, last = kw.get("ref", ""), kw.get("reflast", "")
    if not first or not last or tense != PAST:
        raise ValueError("not a step told in the past from a date mentioned")
    if format_at(date.fromisoformat(first), unit) != format_at(date.fromisoformat(last), unit):
        raise ValueError("a longer date than the step")  # "In 1999 ... the next month"
    return _relref(anchor, tense, args, {"ref": first})


def _dayof(anchor, tense, args, kw):
    """Another day of the month just mentioned: the 25 of "April 24 and 25"; with
    ``default=anchor`` and no day mentioned, a day of the anchor's month, or of the month
    before or after where the tense points ("the rent is due on the 15th"); with
    ``months=-1`` (0, +1), of the anchor's month before (its own, the next): "the first of
    next month"."""
    ref = kw.get("refday")
    day = _int(args[0])
    if ref:
        return Resolution(date(int(ref[:4]), int(ref[5:7]), day).isoformat(), via="day")
    if kw.get("default") != "anchor":
        raise ValueError("no day mentioned before it")
    if months := kw.get("months"):
        month = add_months(anchor.replace(day=1), _int(months))
        return Resolution(month.replace(day=day).isoformat())
    found = date(anchor.year, anchor.month, day)  # validates
    if tense == PAST and found > anchor:  # ValueError where that month has no such day
        found = add_months(anchor.replace(day=1), -1).replace(day=day)
    elif tense == FUTURE and found < anchor:
        found = add_months(anchor.replace(day=1), 1).replace(day=day)
    return Resolution(found.isoformat())


def _slashdate(anchor, tense, args, kw):
    a, b, year = _int(args[0]), _int(args[1]), args[2]
    month, day = (b, a) if kw.get("order", "MDY") == "DMY" else (a, b)
    if month > 12 >= day:  # "31/03/2013" read month first: a number over 12 is the day
        month, day = day, month
    y = _int(year)
    if len(year) == 2:
        y = _year2(anchor, UNKNOWN, [year], {}).value
        y = int(y)
    return Resolution(date(y, month, day).isoformat())


_MULTIPLE_UNIT = re.compile(r"^(\d+)([A-Z]+)$")  # "2W": a fortnight
_AT = {"D": "D", "W": "W", "WE": "WE", "M": "M", "Q": "Q", "Y": "Y", "DE": "DE", "CE": "CE",
       "H": "D", "MIN": "D", "S": "D"}


#: Days in a step of a unit, at least ("a month later" is 28 days on at least).
_UNIT_DAYS = {"D": 1, "W": 7, "2W": 14, "WE": 2, "M": 28}


def _ago(anchor, tense, args, kw):
    """N units before the anchor (``sign=1`` or "later"/"after" in the text: after).

    ``as=duration``: the stretch itself ("three days later": P3D, TimeBank's reading),
    drawn on the date it reaches when counted from a date the text gave; counted from
    the article's date it reaches nothing the text tells. In a story (``story=1``) it
    is the date reached, as HeidelTime reads narratives."""
    if kw.get("as") == "duration":
        if args[0] == "X":  # "a few days later" reaches no date, even in a story
            raise ValueError("a stretch of unstated length")
        stretch = _plus(args[0], kw)
        value = duration_value(stretch, args[1])
        reached = _ago(anchor, UNKNOWN, args, {**kw, "as": ""})
        coarse = ""  # "arrested in 2010 and released three days later": no day to reach
        if reached.via == "date" and kw.get("reflast"):
            told = (date.fromisoformat(kw["reflast"]) - date.fromisoformat(kw["ref"])).days + 1
            if told > float(stretch) * _UNIT_DAYS.get(args[1], 1):
                coarse = "Y" if told >= 365 else "M"
        if kw.get("story"):
            reached.type = "DATE"
            if coarse:
                reached.value = reached.value[:4] if coarse == "Y" else reached.value[:7]
            return reached
        found = interval_of(reached.value) if reached.via and not coarse else None
        if found is None:
            return Resolution(value)
        lo, hi, granularity = found
        return Resolution(value, span=(lo.date(), hi.date()), unit=GRANULARITY_UNIT.get(
            granularity, "D"), anchored=True, via=reached.via)
    amount, unit = _plus(args[0], kw), args[1]
    sign_word = kw.get("sign", "-1")
    sign = 1 if sign_word == "1" or re.search(r"(?:later|after)$", sign_word) else -1
    if amount == "X":
        if sign_word.endswith(("later", "earlier")):  # "a few years later": a stretch
            raise ValueError("later than an untold point: vague_units_later's")
        return Resolution("PAST_REF" if sign < 0 else "FUTURE_REF")
    n = float(amount)
    if m := _MULTIPLE_UNIT.match(unit):  # "a fortnight ago": two weeks
        n, unit = n * int(m[1]), m[2]
    ref = kw.get("refq", "")
    # "a year earlier" beside "the third quarter": that quarter; "twenty years ago" is no
    # quarter's comparison
    if ref and unit == "Y" and n in (1, 2) and sign < 0:  # a comparison looks back
        return Resolution(f"{int(ref[:4]) + sign * int(n):04d}{ref[4:]}", via="quarter")
    via = ""
    # "a decade later", "two weeks earlier": from the date just mentioned; but "a year
    # earlier" compares with the article's year ("up from $3 a year earlier")
    # (only a year or two, or a quarter, back is a comparison: "ten years earlier" and "a
    # decade earlier" count from the date just mentioned too)
    comparison = unit == "Q" or (unit == "Y" and n <= 2)
    if comparison and kw.get("ref"):
        told = date.fromisoformat(kw["ref"])
        if told.year < anchor.year - 1:  # "He joined in 1994. Two years earlier": no
            comparison = False  # comparison with the article's year, a step back from 1994
    back_from_ref = sign < 0 and kw.get("sign") and not comparison
    if kw.get("ref") and (sign > 0 or back_from_ref):
        if unit in ("D", "W") and kw.get("refday"):  # days count from a day, not a month
            anchor, via = date.fromisoformat(kw["refday"]), "day"  # mentioned after it
        else:
            anchor, via = date.fromisoformat(kw["ref"]), "date"
    elif sign > 0 and sign_word.endswith(("later", "after")):
        # "paid $5 million five years later" with no date before it: later than what the
        # text does not tell, and not the article's date; the stretch alone (TimeBank)
        return Resolution(duration_value(amount, unit), type="DURATION")
    try:
        if unit in ("DE", "CE", "L"):
            years = {"DE": 10, "CE": 100, "L": 1000}[unit]
            d = shift_date(anchor, "Y", int(sign * n * years))
        else:
            d = duration_delta(anchor, n, unit, sign)
    except (ValueError, OverflowError):
        d = date.min if sign < 0 else date.max
    if d in (date.min, date.max):  # "10,000 years ago": beyond the calendar's years 1-9999
        return Resolution("PAST_REF" if sign < 0 else "FUTURE_REF")
    if unit in ("DE", "CE", "L"):
        return Resolution(format_at(d, "Y"), via=via)
    if unit in HOURS_PER_UNIT and n * HOURS_PER_UNIT[unit] < 12:
        return Resolution(anchor.isoformat(), via=via)  # "an hour later": the same day
    # "two and a half years ago" names a month, not a year; "a year ago today" a day.
    at = kw.get("at") or ("M" if unit == "Y" and n != int(n) else _AT.get(unit, "D"))
    return Resolution(format_at(d, at), via=via)


def _year(anchor, tense, args, kw):
    """A year in digits (before 1600 only after "in", "since"... in the rules), or spelt
    out as a sum: ``@year 2000 plus=2`` for "two thousand and two"."""
    year = _int(args[0], -1) + _int(kw.get("plus", "0"))
    if not 1 <= year <= 9999:
        raise ValueError("not a year")
    return Resolution(f"{year:04d}")


def _yearq(anchor, tense, args, kw):
    """"the 1988 quarter": the quarter under discussion, in that year (else the year)."""
    year, ref = _int(args[0]), kw.get("refq", "")
    return Resolution(f"{year:04d}{ref[4:]}", via="quarter") if ref else Resolution(f"{year:04d}")


def _year19(anchor, tense, args, kw):
    """"nineteen ninety-four": 1994; ``then=-01`` appends a month or season of it."""
    n = _int(args[0], -1)
    if not 0 <= n <= 99:
        raise ValueError("not a year")
    return Resolution(f"19{n:02d}{kw.get('then', '')}")


def _decade(anchor, tense, args, kw):
    """``199`` from "1990s", "'90s" or "the nineties": the latest such decade begun by the
    anchor ("the '20s", said in 2013, are the 1920s)."""
    for arg in args:
        if len(arg) == 3 and arg.isdigit():
            return Resolution(arg)
    digit = next((a for a in args if a.isdigit()), None)
    if digit is None:
        raise ValueError("no decade")
    century = anchor.year // 100
    if int(digit) * 10 > anchor.year % 100:
        century -= 1
    return Resolution(f"{century:02d}{digit}")


def _century(anchor, tense, args, kw):
    n = _int(args[0])
    if not 1 <= n <= 99:
        raise ValueError("no such century")
    return Resolution(("BC" if kw.get("bc") else "") + f"{n - 1:02d}")


def _turn(anchor, tense, args, kw):
    """The year a century turned: the Nth's first (``20`` for the 20th: 1900), or else
    the turn nearest the anchor of ``of`` years (a century unless told). A century's
    turn said in 2013 or in 1998 is 2000."""
    n = _int(args[0]) if args else 0
    if n:
        if not 1 <= n <= 100:
            raise ValueError("no such century")
        return Resolution(f"{(n - 1) * 100:04d}")
    size = _int(kw.get("of", ""), 100)
    year = (anchor.year + size // 2) // size * size
    if year > 9999:
        raise ValueError("no such year")
    return Resolution(f"{year:04d}")


def _era(anchor, tense, args, kw):
    """A year of the era named: ``bc=500`` is TimeML's BC0500, ``ad=800`` the year 0800."""
    if kw.get("bc"):
        return Resolution(f"BC{_int(kw['bc']):04d}")
    year = _int(kw.get("ad", ""))
    if not 1 <= year <= 9999:
        raise ValueError("no such year")
    return Resolution(f"{year:04d}")


def _daypair(anchor, tense, args, kw):
    text = " ".join(args)
    return Resolution((anchor + timedelta(days=-2 if "before" in text else 2)).isoformat())


def _tonight(anchor, tense, args, kw):
    text = " ".join(args)
    if "last" in text:
        return Resolution((anchor - timedelta(days=1)).isoformat() + "TNI")
    if "tomorrow" in text:
        return Resolution((anchor + timedelta(days=1)).isoformat() + "TNI")
    pod = args[-1] if len(args) > 1 and args[-1].isupper() else "NI"
    return Resolution(anchor.isoformat() + "T" + pod)


def _weekend(anchor, tense, args, kw):
    """The weekend the tense points at (``ahead=1`` or a deadline: the coming one, a start:
    the last one begun, whatever the tense); ``refday=DAY`` the first one after the day
    mentioned last ("the season ends April 17, and the playoffs begin the following
    weekend"), with none the coming one."""
    if "refday" in kw:
        day = date.fromisoformat(kw["refday"]) if kw["refday"] else anchor
        saturday = day + timedelta(days=(5 - day.weekday()) % 7 or 7)
        return Resolution(format_at(saturday, "WE"), via="day" if kw["refday"] else "")
    tense = _plain(tense, _AHEAD_AS_FUTURE)
    saturday = anchor + timedelta(days=6 - anchor.isoweekday())
    deadline = kw.get("deadline")
    ahead = kw.get("ahead") or (deadline == "~" and _direct(tense) != DONE) or (
        tense == FUTURE and deadline != "<")
    # On a Friday with no tense to go by, the weekend starting tomorrow is the nearest one
    if tense == UNKNOWN and not deadline and anchor.isoweekday() == 5:
        ahead = True
    if not ahead and saturday > anchor:
        saturday -= timedelta(days=7)
    return Resolution(format_at(saturday, "WE"))


def _fits_day(anchor: date, day: date, tense: str | Tense) -> bool:
    """Whether a bare time's tense lets it fall on the day mentioned last: not a day to
    come in a past sentence ("Centers will open through Tuesday. It reached 119 degrees by
    4 p.m."), nor a day gone in a future one (tense read only then)."""
    if day > anchor:
        return _plain(tense) != PAST
    if day < anchor:
        return _plain(tense) != FUTURE
    return True


def _clock(anchor, tense, args, kw):
    if ":" in args[0]:  # a named time: "12:00"
        hour, minute = (int(p) for p in args[0].split(":"))
    else:
        hour = _int(args[0])
        minute = _int(args[1]) if len(args) > 1 and args[1].isdigit() else 0
    ampm = next((a for a in args[1:] if a in ("am", "pm", "24h")), "24h")
    shift = None
    # "-1ni": last night; a part of the day counted from the day just mentioned: "7:22
    # the next morning"
    if part := kw.get("daypart") or kw.get("refpart"):
        shift, half = int(part[:-2]), part[-2:]
        if half == "ni":  # the night runs past midnight: "2 a.m. last night" was today
            if ampm == "am" or (ampm == "24h" and hour < 6):
                shift, ampm = shift + 1, "am"
            elif ampm == "24h" and hour == 12:
                hour = 24
            elif ampm == "24h":
                ampm = "pm"
        elif ampm == "24h":
            ampm = half
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if not (0 <= hour <= 24 and 0 <= minute <= 59):
        raise ValueError("not a time")
    if offset := _int(kw.get("minutes", "")):  # "a quarter to midnight": 23:45
        hour, minute = divmod((hour * 60 + minute + offset) % (24 * 60), 60)
    day, via = anchor, ""
    if (end := kw.get("endat", "")) and end[-2:] in ("am", "pm") and kw.get("weekday"):
        # a range named by its end's day ("from 11 p.m. to 5 a.m. Sunday") that runs past
        # midnight begins the day before
        end_hour = _int(end[:-2]) % 12 + (12 if end.endswith("pm") else 0)
        overnight = end_hour < hour
    else:
        overnight = False
    if shift is not None:
        if kw.get("refpart") and kw.get("refday"):
            day, via = date.fromisoformat(kw["refday"]), "day"
        day += timedelta(days=shift)
    elif kw.get("month"):  # a date named fixes the day, whatever weekday goes with it
        day = date.fromisoformat(_month_fn(anchor, tense, [kw["month"]], {"day": kw["day"]}).value)
    elif kw.get("weekday"):
        day = _weekday(anchor, _int(kw["weekday"], 1), kw.get("deadline", ""), tense)
        day -= timedelta(days=overnight)
    elif kw.get("dayword"):
        day = anchor + timedelta(days=_int(kw["dayword"]))
    elif kw.get("refday") and _fits_day(anchor, date.fromisoformat(kw["refday"]), tense):
        # a bare time belongs to the day just mentioned
        day, via = date.fromisoformat(kw["refday"]), "day"
        if kw.get("refnight") and hour < 6 and ampm != "pm":  # ...or to the end of its night
            day += timedelta(days=1)
        elif args[0] == "00:00" and not kw.get("refearly"):  # "after midnight": the one that
            day += timedelta(days=1)  # ends the day, unless the day was "early Monday"
    elif hour == 24 and tense in (PAST, DONE):  # "it began just past midnight": the one gone
        day -= timedelta(days=1)
    seconds = f":{_int(kw['second']):02d}" if kw.get("second") else ""  # "3:47:12 p.m."
    return Resolution(f"{day.isoformat()}T{hour:02d}:{minute:02d}{seconds}", via=via)


def _setdur(anchor, tense, args, kw):
    amount, unit = args[0], args[1]
    if not unit.isupper():  # "a year" / "per week": the unit is the last word of the text
        unit = {"year": "Y", "month": "M", "week": "W", "day": "D"}[unit.split("_")[-1]]
        amount = "1"
    return Resolution(duration_value(amount, unit), quant=kw.get("quant"))


def _setfreq(anchor, tense, args, kw):
    unit = args[-1]
    count = args[0] if len(args) > 2 else args[0]
    freq = count if count.endswith("X") else f"{_int(count, 1)}X"
    return Resolution(duration_value("1", unit), freq=freq)


def _instance(anchor: date, tense: str, rel: str, kw: dict[str, str], month: int, on_year) -> date:
    """The yearly day the words point at: a named year, the last or next one, this
    year's, or the nearest one in the tense's direction."""
    if kw.get("year"):
        return on_year(_int(kw["year"]))
    if kw.get("sentyear") and rel in ("", "near") and _sentence_year_fits(
        anchor, _int(kw["sentyear"]), tense
    ):  # "In 2011, Congress adjourned for the Christmas holiday"
        return on_year(_int(kw["sentyear"]))
    if rel == "-1":
        d = on_year(anchor.year)
        return d if d < anchor else on_year(anchor.year - 1)
    if rel == "+1":
        d = on_year(anchor.year)
        return d if d > anchor else on_year(anchor.year + 1)
    if rel == "0":
        return on_year(anchor.year)
    year = _month_year(anchor, month, rel, tense)
    d = on_year(year)
    if rel == "near":  # a break taken "for the Christmas holiday": weeks ahead, this one
        return d
    # the month may be the article's: the day itself must lie on the tense's side
    if tense == PAST and d > anchor:
        return on_year(year - 1)
    if (tense == FUTURE or rel == "~") and d < anchor:
        return on_year(year + 1)
    return d


def _holiday_at(d: date, at: str) -> str:
    """A holiday's day, or the period around it (``at=WE``: its weekend, the one before
    a Monday holiday: "the Memorial Day weekend")."""
    if not at:
        return d.isoformat()
    if at == "WE" and d.isoweekday() == 1:
        d -= timedelta(days=2)
    return format_at(d, at)


def _holiday(anchor, tense, args, kw):
    month, day = (int(p) for p in args[0].split("-"))
    rel = args[1] if len(args) > 1 else ""
    d = _instance(anchor, tense, rel, kw, month, lambda y: date(y, month, day))
    return Resolution(_holiday_at(d, kw.get("at", "")))


def _nthweekday(anchor, tense, args, kw):
    """The Nth given weekday of a month counted from day ``from`` (default 1), N = -1
    the last one, moved ``plus`` days: US Thanksgiving is the 4th Thursday of November,
    Election Day the first Tuesday from November 2, Black Friday Thanksgiving plus 1.
    ``at=WE``: the weekend of that day (a month's Nth weekend is its Nth Saturday's)."""
    month, weekday, n = (_int(a) for a in args[:3])
    rel = args[3] if len(args) > 3 else ""
    plus = timedelta(days=_int(kw.get("plus", "0")))

    def on_year(year: int) -> date:
        if n < 0:
            last = add_months(date(year, month, 1), 1) - timedelta(days=1)
            return last - timedelta(days=(last.isoweekday() - weekday) % 7) + plus
        first = date(year, month, _int(kw.get("from", "1"), 1))
        found = first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
        if found.month != month:  # "the fifth Monday of February": there is none
            raise ValueError(f"no such weekday in {year}-{month:02d}")
        return found + plus

    d = _instance(anchor, tense, rel, kw, month, on_year)
    return Resolution(_holiday_at(d, kw.get("at", "")))


def _easter_fn(anchor, tense, args, kw):
    """A day N days from Western Easter Sunday (Good Friday -2), or its week (at=W)."""
    days = timedelta(days=_int(args[0]))
    rel = args[1] if len(args) > 1 else ""

    def on_year(year: int) -> date:
        d = easter(year) + days
        if kw.get("at") == "W":  # a week is past once it has begun: its Monday decides
            d -= timedelta(days=d.isoweekday() - 1)
        return d

    d = _instance(anchor, tense, rel, kw, 4, on_year)
    return Resolution(_holiday_at(d, kw.get("at", "")))


def _lunar(anchor, tense, args, kw):
    """A holiday of a lunar calendar (see :mod:`timeline_app.timex.calendars`): its first
    day, and all its days as the interval ("Ramadan" is a month of them). Which one: a
    named year's (its first that year), the last or next one, this year's, else the
    one the tense points at, the one under way or the nearest."""
    key = args[0]
    rel = args[1] if len(args) > 1 else ""
    if not calendars.known(key):
        raise ValueError(f"unknown calendar holiday {key!r}")
    year = kw.get("year") or ""
    if not year and not rel and kw.get("sentyear") and _sentence_year_fits(
        anchor, _int(kw["sentyear"]), tense
    ):  # "In 2011, the talks broke off during Ramadan"
        year = kw["sentyear"]
    if year:
        found = calendars.occurrences(key, _int(year))
    else:
        near = list(calendars.around(key, anchor.year))
        if rel == "-1":  # "last Ramadan": the latest one over
            found = [span for span in near if span[1] <= anchor][-1:]
        elif rel == "+1":  # "next Passover": the first one still to begin
            found = [span for span in near if span[0] > anchor][:1]
        elif rel == "0":
            found = [span for span in near if span[0].year == anchor.year]
            found = sorted(found, key=lambda span: abs(span[0] - anchor))[:1]
        else:
            found = _lunar_by_tense(near, anchor, tense)
    if not found:
        raise ValueError(f"no date known for {key} near {year or anchor.year}")
    first, end = found[0]
    unit = "M" if (end - first).days > 10 else "W" if (end - first).days > 2 else "D"
    return Resolution(first.isoformat(), span=(first, end), unit=unit, anchored=not year)


def _lunar_by_tense(near: list, anchor: date, tense: str) -> list:
    """The occurrence under way at the anchor, else the last one begun (past tense), the
    next one (future), or the nearest."""
    under_way = [span for span in near if span[0] <= anchor < span[1]]
    if under_way:
        return under_way
    if tense == PAST:  # (read plain: a past verb it is the adjunct of is past too)
        return [span for span in near if span[0] <= anchor][-1:]
    if tense in (FUTURE, PRESENT):
        return [span for span in near if span[0] > anchor][:1]
    return sorted(near, key=lambda span: abs(span[0] - anchor))[:1]


#: The functions that tell DONE from PAST (the others read it as PAST).
_DONE_FUNCTIONS = frozenset({"month", "season", "weekday", "weekend"})

_FUNCTIONS = {
    "nextref": _nextref,
    "easter": _easter_fn,
    "lunar": _lunar,
    "slashdate": _slashdate,
    "dayof": _dayof,
    "relref": _relref,
    "ofref": _ofref,
    "dateparse": _dateparse,
    "monthof": _monthof,
    "ago": _ago,
    "year19": _year19,
    "year": _year,
    "yearq": _yearq,
    "decade": _decade,
    "century": _century,
    "turn": _turn,
    "daypair": _daypair,
    "tonight": _tonight,
    "weekend": _weekend,
    "clock": _clock,
    "setdur": _setdur,
    "setfreq": _setfreq,
    "holiday": _holiday,
    "nthweekday": _nthweekday,
    "shift": _shift,
    "weekday": _weekday_fn,
    "month": _month_fn,
    "season": _season_fn,
    "part": _part_fn,
    "year2": _year2,
    "date": _date_fn,
    "duration": _duration,
    "compound": _compound,
    "era": _era,
    "vague": _vague,
    "set": _set,
}
