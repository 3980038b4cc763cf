from __future__ import annotations

from datetime import date
from datetime import datetime as D

import pytest

from timeline_app.events.describe import describe_interval, explain


@pytest.mark.parametrize("start, end, gran, mod, expected", [
    (D(2022, 10, 1), D(2022, 10, 11), "month", "START", "early October 2022"),
    (D(2022, 10, 22), D(2022, 11, 1), "month", "END", "late October 2022"),
    (D(2022, 10, 1), D(2022, 11, 1), "month", None, "October 2022"),
    (D(2022, 10, 31), D(2022, 11, 7), "week", None, "31 Oct – 6 Nov 2022"),
    (D(2022, 11, 7), D(2022, 11, 14), "week", None, "7–13 Nov 2022"),
    (D(2022, 12, 26), D(2023, 1, 2), "week", None, "26 Dec 2022 – 1 Jan 2023"),
    (D(2022, 11, 7), D(2022, 11, 8), "day", None, "Mon 7 Nov 2022"),
    (D(2022, 3, 8), D(2022, 11, 9), None, None, "8 Mar – 8 Nov 2022"),
    (D(2022, 3, 8), D(2022, 11, 9), "month", None, "8 Mar – 8 Nov 2022"),
    (D(2022, 12, 1), D(2023, 3, 1), "season", None, "winter 2022–23"),
    (D(2022, 7, 1), D(2022, 10, 1), "quarter", None, "Q3 2022"),
    (D(2021, 1, 1), D(2021, 7, 1), "half", None, "the first half of 2021"),
    (D(1990, 1, 1), D(2000, 1, 1), "decade", None, "the 1990s"),
    (D(1901, 1, 1), D(2001, 1, 1), "century", None, "the 20th century"),
    (D(2022, 1, 1), D(2023, 1, 1), "year", "START", "early 2022"),
    (D(2022, 11, 8, 15), D(2022, 11, 8, 16), "hour", None, "Tue 8 Nov 2022, 15:00"),
    (D(2022, 11, 8), D(2022, 11, 9), "day", "APPROX", "about Tue 8 Nov 2022"),
    (D(2022, 11, 8), D(2022, 11, 29), "week", "EQUAL_OR_LESS", "within 8–28 Nov 2022"),
])
def test_describe_interval(start, end, gran, mod, expected):
    assert describe_interval(start, end, gran, mod) == expected


def test_explain():
    assert explain("last week", "DCT", date(2022, 11, 8), D(2022, 10, 31), D(2022, 11, 7),
                   "week", None) == (
        "'last week', relative to the article date Tue 8 Nov 2022 → 31 Oct – 6 Nov 2022")
    assert "date given in full" in explain("8 November 2022", "text", date(2022, 11, 8),
                                           D(2022, 11, 8), D(2022, 11, 9), "day", None)
    assert "earlier in the text" in explain("the day before", "timex:120", date(2022, 11, 8),
                                            D(2022, 11, 7), D(2022, 11, 8), "day", None)
