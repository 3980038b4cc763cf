"""The Gregorian days of holidays kept by the moon: Ramadan, Passover, the Lunar New Year.

Their dates move from year to year, and two of the calendars are set by observation, so
no rule of arithmetic gives them exactly: the ``holidays`` package keeps them as tables
(Islamic, Hebrew, Chinese and Hindu calendars, about 1925 to 2075). Its calendar classes
are the package's own internals, so the project pins it to one release series
(``pyproject.toml``), and ``tests/timex/test_calendars.py`` checks known dates.

A holiday is named here by a key the lexicon's table maps its words to (the engine knows
no language): each key says which table gives its first day and how long it lasts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from datetime import date, timedelta


def _islamic(name: str) -> Callable[[int], list[date]]:
    def days(year: int) -> list[date]:
        # the tables yield (day, estimated): the Hijri years touching the Gregorian one
        return [d for d, _ in getattr(_tables().islamic, f"{name}_dates")(year) if d]

    return days


def _one(table: str, name: str) -> Callable[[int], list[date]]:
    def days(year: int) -> list[date]:
        found = getattr(getattr(_tables(), table), f"{name}_date")(year)
        if isinstance(found, tuple):  # (day, estimated)
            found = found[0]
        if isinstance(found, set | frozenset | list):  # Hanukkah: both of a Hebrew year's
            return sorted(found)
        return [found] if found else []

    return days


class _Tables:
    """The package's calendars, imported when a text first names such a holiday (the
    tables cost start-up time that most articles never need)."""

    def __init__(self) -> None:
        from holidays import calendars

        self.islamic = calendars._IslamicLunar()
        self.hebrew = calendars._HebrewLunisolar()
        self.chinese = calendars._ChineseLunisolar()
        self.hindu = calendars._HinduLunisolar()


@functools.cache
def _tables() -> _Tables:
    return _Tables()


def _ramadan_end(start: date) -> date:
    """Ramadan ends the day before Eid al-Fitr (29 or 30 days after it begins)."""
    for eid, _ in occurrences("eid_al_fitr", start.year) + occurrences(
        "eid_al_fitr", start.year + 1
    ):
        if start < eid <= start + timedelta(days=31):
            return eid
    return start + timedelta(days=30)


#: key: (the first days of the holiday in a Gregorian year, its length in days or a
#: function from its first day to the day after its last)
_HOLIDAYS: dict[str, tuple[Callable[[int], list[date]], int | Callable[[date], date]]] = {
    "ramadan": (_islamic("ramadan_beginning"), _ramadan_end),
    "eid_al_fitr": (_islamic("eid_al_fitr"), 1),
    "eid_al_adha": (_islamic("eid_al_adha"), 1),
    "hijri_new_year": (_islamic("hijri_new_year"), 1),
    "ashura": (_islamic("ashura"), 1),
    "passover": (_one("hebrew", "passover"), 8),
    "rosh_hashanah": (_one("hebrew", "rosh_hashanah"), 2),
    "yom_kippur": (_one("hebrew", "yom_kippur"), 1),
    "sukkot": (_one("hebrew", "sukkot"), 7),
    "shavuot": (_one("hebrew", "shavuot"), 2),
    "purim": (_one("hebrew", "purim"), 1),
    "hanukkah": (_one("hebrew", "hanukkah"), 8),
    "lunar_new_year": (_one("chinese", "lunar_new_year"), 1),
    "mid_autumn": (_one("chinese", "mid_autumn"), 1),
    "dragon_boat": (_one("chinese", "dragon_boat"), 1),
    "diwali": (_one("hindu", "diwali_india"), 1),  # Lakshmi Puja, as India keeps it
    "holi": (_one("hindu", "holi"), 1),
}


def known(key: str) -> bool:
    return key in _HOLIDAYS


@functools.lru_cache(maxsize=1024)
def occurrences(key: str, year: int) -> tuple[tuple[date, date], ...]:
    """The holiday's days ``[first, after the last)`` that begin in ``year``, in order
    (an Islamic holiday may come twice in one Gregorian year); () beyond the tables."""
    first_days, length = _HOLIDAYS[key]
    out = []
    for first in sorted(set(first_days(year))):
        if first.year != year:
            continue
        end = first + timedelta(days=length) if isinstance(length, int) else length(first)
        out.append((first, end))
    return tuple(out)


def around(key: str, year: int, reach: int = 1) -> Iterator[tuple[date, date]]:
    """The holiday's occurrences beginning from ``reach`` years before ``year`` to as
    many after it, in order."""
    for y in range(year - reach, year + reach + 1):
        yield from occurrences(key, y)
