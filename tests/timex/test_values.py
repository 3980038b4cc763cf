"""TimeML value arithmetic: intervals, shifts and formats, independent of any language."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_app.timex.values import (
    add_months,
    duration_value,
    format_at,
    interval_of,
    shift_date,
)


@pytest.mark.parametrize(
    ("value", "start", "end", "granularity"),
    [
        ("2022-11-07", datetime(2022, 11, 7), datetime(2022, 11, 8), "day"),
        ("2022-W44", datetime(2022, 10, 31), datetime(2022, 11, 7), "week"),
        ("2022-W45-WE", datetime(2022, 11, 12), datetime(2022, 11, 14), "week"),
        ("2022-10", datetime(2022, 10, 1), datetime(2022, 11, 1), "month"),
        ("2022-Q3", datetime(2022, 7, 1), datetime(2022, 10, 1), "quarter"),
        ("2021-H1", datetime(2021, 1, 1), datetime(2021, 7, 1), "half"),
        ("2022-WI", datetime(2022, 12, 1), datetime(2023, 3, 1), "season"),
        ("2022", datetime(2022, 1, 1), datetime(2023, 1, 1), "year"),
        ("199", datetime(1990, 1, 1), datetime(2000, 1, 1), "decade"),
        ("19", datetime(1900, 1, 1), datetime(2000, 1, 1), "century"),
        ("2022-11-07TMO", datetime(2022, 11, 7, 6), datetime(2022, 11, 7, 12), "part_of_day"),
        ("2022-11-08T15:00", datetime(2022, 11, 8, 15), datetime(2022, 11, 8, 15, 1), "minute"),
    ],
)
def test_interval_of(value, start, end, granularity):
    assert interval_of(value) == (start, end, granularity)


@pytest.mark.parametrize("value", ["PAST_REF", "PRESENT_REF", "P8M", "XXXX-10", "2022-13", "",
                                   "2022-02-30", "2022-W60"])
def test_values_without_a_place_on_the_timeline(value):
    assert interval_of(value) is None


def test_months_clamp_the_day():
    assert add_months(date(2022, 1, 31), 1) == date(2022, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2022, 3, 31), -1) == date(2022, 2, 28)


def test_shift_past_the_calendar_saturates():
    assert shift_date(date(1, 3, 1), "Y", -5) == date.min
    assert shift_date(date(9999, 3, 1), "M", 12) == date.max


@pytest.mark.parametrize(
    ("amount", "unit", "value"),
    [(8, "M", "P8M"), (3, "DE", "P30Y"), ("X", "W", "PXW"), (24, "H", "PT24H"),
     (2, "WE", "P4D"), ("X", "DE", "PXY"),
     # a fraction goes into the next smaller unit where it comes out whole (TimeBank's way)
     (1.5, "H", "PT1H30M"), (2.5, "Y", "P2Y6M"), (0.5, "Y", "P6M"), (0.5, "D", "PT12H"),
     (2.5, "D", "P2DT12H"), (1.5, "MIN", "PT1M30S"), (2.5, "DE", "P25Y"),
     # ...and stays a decimal where it does not
     (1.5, "W", "P1.5W"), (0.3, "M", "P0.3M")],
)
def test_duration_values(amount, unit, value):
    assert duration_value(amount, unit) == value


@given(st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)),
       st.sampled_from(["D", "W", "M", "Q", "H", "Y", "DE", "CE"]))
def test_a_date_lies_in_the_period_it_formats_to(d, unit):
    found = interval_of(format_at(d, unit))
    assert found is not None
    start, end, _ = found
    assert start <= datetime(d.year, d.month, d.day) < end
