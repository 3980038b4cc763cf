"""Properties the tagger must keep on any input: never raise, spans inside and disjoint.

Hypothesis mixes arbitrary unicode with fragments that look like dates but are not valid
ones (huge counts, impossible days, zero years, look-alike words), because those are the
inputs on which arithmetic in value resolution overflows or date constructors raise.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from timeline_app.timex import Timex, TimexError, tag
from timeline_app.timex.model import GRANULARITIES, MODS, TYPES

FRAGMENTS = [
    "99999999 years", "99999999999999999999 days ago", "next 10000000000 weeks", "0/0/0000",
    "Feb 30, 2021", "February 29, 2023", "31/31/31", "13/13/2013", "00/00/00", "0000-00-00",
    "9999-12-31", "10000-01-01", "2021-W53", "2022-W99", "Q5 2021", "the fifth quarter",
    "the 13th month", "25:61", "24:00", "3 p.m.", "3 p.m. Monday", "12 a.m.", "0 o'clock",
    "9/11", "24/7", "555-1234", "(212) 555-0199", "$2,000", "3-2", "the 1990s", "the 0s",
    "the 99999th century", "year 0", "-1 years ago", "1e9 years", "1,000,000 BC", "in June",
    "May", "may", "March", "march", "Sun", "We", "last week", "last", "next", "ago", "early",
    "late", "the past eight months", "the next two to three weeks", "two to three", "daily",
    "every", "twice a month", "between March and May", "from 1990 to 1995", "the day before",
    "a year earlier", "winter", "now", "at the moment", "In recent weeks", "recently",
    "Nov. 8, 2022", "8 November 2022", "2022-11-08", "11/08/2022", "Monday morning",
    "\u0662\u0660\u0662\u0662", "\uff12\uff10\uff12\uff12\u5e74", "\u00e9t\u00e9 2021",
    "\u2014", "\u00a0", "\u200b", "\x00", "\r\n", "\t", "...", "\"", "(", ")", "-", "/", "'s",
    "Black Friday", "Easter", "Good Friday", "last Christmas", "Memorial Day", "Holy Week",
    "the last week of December", "the first week of", "Friday next week", "the previous Friday",
    "0900 GMT", "H1 2013", "the 1950s and 60s", "For the year", "1994 or later", "week-long",
    "end-2013", "two weekends ago", "the past decade", "last year's quarter",
]

fragment = st.sampled_from(FRAGMENTS)
noise = st.text(max_size=12)
separator = st.sampled_from([" ", "", "\n", ", ", ". ", "-", "/", " of ", " the ", " on "])
mixed_text = st.lists(st.one_of(fragment, fragment, noise, separator), max_size=25).map("".join)
any_text = st.one_of(st.text(max_size=300), mixed_text)
dcts = st.one_of(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31)),
    # the calendar's ends, where "now", "next year" or a holiday's year fall off it
    st.sampled_from([date(1, 1, 1), date(1, 12, 31), date(9999, 1, 1), date(9999, 12, 31)]),
)
doc_types = st.sampled_from(["news", "narrative"])

SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def check_spans(text: str, timexes: list[Timex]) -> None:
    assert isinstance(timexes, list)
    previous_end = 0
    for t in sorted(timexes, key=lambda t: (t.start, t.end)):
        assert isinstance(t, Timex)
        assert 0 <= t.start < t.end <= len(text), t
        assert text[t.start:t.end] == t.text, t
        assert t.start >= previous_end, f"overlapping spans near {t}"
        previous_end = t.end
        assert t.type in TYPES, t
        assert t.mod is None or t.mod in MODS, t
        assert t.granularity is None or t.granularity in GRANULARITIES, t
        assert isinstance(t.value, str) and t.value, t
        if t.interval_start is not None and t.interval_end is not None:
            assert t.interval_start < t.interval_end, t


@SETTINGS
@given(text=any_text, dct=dcts, doc_type=doc_types)
@example(text="99999999 years", dct=date(2022, 11, 8), doc_type="news")
@example(text="It lasted 99999999 years and 99999999999999999999 days.", dct=date(2022, 11, 8),
         doc_type="news")
@example(text="0/0/0000", dct=date(2022, 11, 8), doc_type="news")
@example(text="On Feb 30, 2021 nothing happened.", dct=date(2022, 11, 8), doc_type="news")
@example(text="On Feb 30, 2021 nothing happened, then last week.", dct=date(2022, 11, 8),
         doc_type="narrative")
@example(text="Q5 2021, the 13th month, at 25:61 on 2022-W99", dct=date(2022, 11, 8),
         doc_type="news")
@example(text="next 10000000000 weeks", dct=date(2100, 12, 31), doc_type="news")
@example(text="the 99999th century", dct=date(1900, 1, 1), doc_type="news")
# Found by a long hypothesis run: a narrative anchor pushed to year 1 gave an interval
# ending before it starts.
@example(text="730000 DAY AGO:PAST EIGHT MONTH", dct=date(2000, 1, 1), doc_type="narrative")
def test_tag_never_raises_and_spans_are_sound(text, dct, doc_type):
    check_spans(text, tag(text, dct, doc_type=doc_type))


@SETTINGS
@given(text=mixed_text, dct=dcts, doc_type=doc_types)
def test_tag_is_deterministic(text, dct, doc_type):
    """No state leaks between calls (e.g. a narrative anchor from a previous document)."""
    assert tag(text, dct, doc_type=doc_type) == tag(text, dct, doc_type=doc_type)


PLAIN_WORDS = ["the", "cat", "sat", "mat", "government", "said", "bank", "policy", "talks",
               "Ukraine", "officials", "with", "and", "a", "of", "to", "quickly", "red", "apple",
               "Washington", "CNN", "market", "prices", "\u00e9l\u00e8ve", "\u4e2d\u6587"]


@SETTINGS
@given(
    words=st.lists(st.sampled_from(PLAIN_WORDS), max_size=40),
    seps=st.lists(st.sampled_from([" ", "\n", ", ", ". ", "; "]), min_size=40, max_size=40),
    dct=dcts,
    doc_type=doc_types,
)
def test_date_free_text_gives_nothing(words, seps, dct, doc_type):
    text = "".join(word + sep for word, sep in zip(words, seps, strict=False))
    assert tag(text, dct, doc_type=doc_type) == []


@pytest.mark.parametrize("text", ["", " ", "\n\n\t ", "\u00a0\u2003"])
@pytest.mark.parametrize("doc_type", ["news", "narrative"])
def test_empty_text_gives_nothing(text, doc_type):
    assert tag(text, date(2022, 11, 8), doc_type=doc_type) == []


@pytest.mark.parametrize("dct", ["2022-11-08", None, 20221108, 2022.0, (2022, 11, 8), object()])
def test_invalid_dct_raises_timex_error(dct):
    with pytest.raises(TimexError):
        tag("He left last week.", dct)


@pytest.mark.parametrize("text", ["now", "Dec. 31", "today at 11 p.m.", "this week"])
def test_the_last_day_of_the_calendar_is_a_day_too(text: str):
    (found,) = tag(text, date(9999, 12, 31))
    assert found.interval_start is not None
    assert found.interval_start < found.interval_end <= datetime.max
