"""The example article (seeds/): every expression the product promises to get right."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from timeline_app.timex import tag
from timeline_app.timex.documents import dct_from_header, load_text

SEED = Path(__file__).parents[2] / "seeds" / "2022-11-08-cnn-us-urges-ukraine-openness-to-talks.txt"


@pytest.fixture(scope="module")
def timexes():
    text = load_text(SEED)
    dct = dct_from_header(text)
    assert dct == date(2022, 11, 8)
    return tag(text, dct)


def _find(timexes, text: str, nth: int = 0):
    found = [t for t in timexes if t.text == text]
    assert len(found) > nth, f"{text!r} not tagged: {[t.text for t in timexes]}"
    return found[nth]


@pytest.mark.parametrize(
    ("text", "type_", "value", "mod"),
    [
        ("early October", "DATE", "2022-10", "START"),
        ("last month", "DATE", "2022-10", None),
        ("Monday", "DATE", "2022-11-07", None),
        ("June", "DATE", "2022-06", None),
        ("the past eight months", "DURATION", "P8M", None),
        ("recent weeks", "DATE", "PAST_REF", None),
        ("at the moment", "DATE", "PRESENT_REF", None),
        ("daily", "SET", "P1D", None),
    ],
)
def test_expression(timexes, text, type_, value, mod):
    t = _find(timexes, text)
    assert (t.type, t.value, t.mod) == (type_, value, mod)


@pytest.mark.parametrize("nth", [0, 1])
def test_both_last_weeks(timexes, nth):
    t = _find(timexes, "last week", nth)
    assert t.value == "2022-W44"
    assert (t.interval_start, t.interval_end) == (datetime(2022, 10, 31), datetime(2022, 11, 7))
    assert t.granularity == "week"


@pytest.mark.parametrize("nth", [0, 1])
def test_both_winters(timexes, nth):
    t = _find(timexes, "winter", nth)
    assert (t.value, t.granularity) == ("2022-WI", "season")


def test_every_now_is_the_present(timexes):
    nows = [t for t in timexes if t.text.lower() == "now"]
    assert len(nows) == 2
    assert all(t.value == "PRESENT_REF" for t in nows)
    assert nows[0].interval_start == datetime(2022, 11, 8)


def test_past_eight_months_interval(timexes):
    t = _find(timexes, "the past eight months")
    assert (t.interval_start, t.interval_end) == (datetime(2022, 3, 8), datetime(2022, 11, 8))
    assert t.anchor == "DCT"


def test_next_two_to_three_weeks_reaches_nov_29(timexes):
    t = _find(timexes, "the next two to three weeks")
    assert t.type == "DURATION"
    assert t.interval_start == datetime(2022, 11, 8)
    assert t.interval_end == datetime(2022, 11, 29)


def test_early_october_is_the_month_with_a_start_mod(timexes):
    t = _find(timexes, "early October")
    assert (t.interval_start, t.interval_end) == (datetime(2022, 10, 1), datetime(2022, 11, 1))
    assert t.granularity == "month"


def test_no_look_alikes(timexes):
    texts = {t.text for t in timexes}
    # "We are ready..." must not be Wednesday; "may be planning" not May.
    assert "We" not in texts
    assert "may" not in texts


def test_in_june_past_tense_is_this_year():
    # HeidelTime answers June 2023 here; the sentence is in the past tense.
    text = "In a phone call with US President Joe Biden in June, Zelensky listed equipment."
    (june,) = [t for t in tag(text, date(2022, 11, 8)) if t.text == "June"]
    assert june.value == "2022-06"
