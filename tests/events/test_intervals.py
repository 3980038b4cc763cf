from __future__ import annotations

from datetime import datetime as D

import pytest

from timeline_app.events.intervals import is_fuzzy, narrow, sort_key

OCT = (D(2022, 10, 1), D(2022, 11, 1))


@pytest.mark.parametrize("mod, expected", [
    ("START", (D(2022, 10, 1), D(2022, 10, 11))),
    ("MID", (D(2022, 10, 11), D(2022, 10, 22))),
    ("END", (D(2022, 10, 22), D(2022, 11, 1))),
    (None, OCT),
    ("APPROX", OCT),
])
def test_month_thirds(mod, expected):
    assert narrow(*OCT, "month", mod) == expected


def test_thirds_tile_the_period():
    for gran, period in [("year", (D(2021, 1, 1), D(2022, 1, 1))),
                         ("day", (D(2022, 11, 7), D(2022, 11, 8))),
                         ("season", (D(2022, 12, 1), D(2023, 3, 1)))]:
        a = narrow(*period, gran, "START")
        b = narrow(*period, gran, "MID")
        c = narrow(*period, gran, "END")
        assert a[0] == period[0] and a[1] == b[0] and b[1] == c[0] and c[1] == period[1]
        assert a[1] - a[0] < period[1] - period[0]


def test_already_narrowed_interval_is_left_alone():
    assert narrow(D(2022, 10, 1), D(2022, 10, 11), "month", "START") == (
        D(2022, 10, 1), D(2022, 10, 11))


def test_fuzzy():
    assert is_fuzzy("2022-10", "START")
    assert is_fuzzy("PAST_REF", None) and is_fuzzy("PRESENT_REF", None)
    assert is_fuzzy("FUTURE_REF", None)
    assert is_fuzzy("PXW", None)
    assert not is_fuzzy("2022-11-07", None)
    assert not is_fuzzy("P8M", None)


def test_sort_key_orders_by_start_then_length():
    day = sort_key(D(2022, 10, 1), D(2022, 10, 2))
    month = sort_key(*OCT)
    later = sort_key(D(2022, 10, 2), D(2022, 10, 3))
    assert day < month < later
