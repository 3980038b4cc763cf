"""The lunar calendars' holidays: known dates, occurrences, and the tables' edges."""

from __future__ import annotations

from datetime import date

import pytest

from timeline_app.timex import calendars


@pytest.mark.parametrize(
    ("key", "year", "first", "after_last"),
    [
        ("ramadan", 2013, date(2013, 7, 9), date(2013, 8, 8)),  # ends on Eid al-Fitr's eve
        ("eid_al_fitr", 2013, date(2013, 8, 8), date(2013, 8, 9)),
        ("passover", 2013, date(2013, 3, 26), date(2013, 4, 3)),
        ("yom_kippur", 2013, date(2013, 9, 14), date(2013, 9, 15)),
        ("hanukkah", 2013, date(2013, 11, 28), date(2013, 12, 6)),
        ("lunar_new_year", 2013, date(2013, 2, 10), date(2013, 2, 11)),
        ("diwali", 2013, date(2013, 11, 3), date(2013, 11, 4)),
    ],
)
def test_known_dates(key: str, year: int, first: date, after_last: date):
    assert calendars.occurrences(key, year)[0] == (first, after_last)


def test_an_islamic_holiday_may_come_twice_in_a_year():
    assert [first for first, _ in calendars.occurrences("eid_al_fitr", 2000)] == [
        date(2000, 1, 8), date(2000, 12, 27)
    ]


def test_ramadan_across_the_new_year_ends_in_the_next_one():
    (first, end), = calendars.occurrences("ramadan", 1999)
    assert first == date(1999, 12, 9) and end == date(2000, 1, 8)


def test_hanukkah_counts_only_the_one_beginning_in_the_year():
    # the Hebrew year 5773 holds the Hanukkahs of December 2012 and November 2013
    assert [first for first, _ in calendars.occurrences("hanukkah", 2012)] == [date(2012, 12, 9)]


def test_around_lists_neighbouring_years_in_order():
    firsts = [first for first, _ in calendars.around("passover", 2013)]
    assert firsts == sorted(firsts) and [d.year for d in firsts] == [2012, 2013, 2014]


def test_beyond_the_tables_there_is_no_date():
    assert calendars.occurrences("passover", 1800) == ()


def test_unknown_key():
    assert not calendars.known("groundhog")
