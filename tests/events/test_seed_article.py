"""The example article through the real tagger: the dates the product promises."""

from __future__ import annotations

from datetime import date
from datetime import datetime as D

import pytest

from timeline_app.events import extract

DCT = date(2022, 11, 8)


@pytest.fixture(scope="module")
def extraction(seed_text):
    return extract(seed_text, DCT)


def by_text(extraction, expr):
    return [e for e in extraction.events if e.expr_text.lower().endswith(expr.lower())]


@pytest.mark.parametrize("expr, value, start, end, count", [
    ("early October", "2022-10", D(2022, 10, 1), D(2022, 10, 11), 1),
    ("last month", "2022-10", D(2022, 10, 1), D(2022, 11, 1), 1),
    ("last week", "2022-W44", D(2022, 10, 31), D(2022, 11, 7), 2),
    ("Monday", "2022-11-07", D(2022, 11, 7), D(2022, 11, 8), 1),
    ("June", "2022-06", D(2022, 6, 1), D(2022, 7, 1), 1),
    ("winter", "2022-WI", None, None, 2),
])
def test_expected_dates(extraction, expr, value, start, end, count):
    events = by_text(extraction, expr)
    assert len(events) == count
    for e in events:
        assert e.timex_value == value
        if start is not None:
            assert (e.start, e.end) == (start, end)


def test_durations_and_vague_references(extraction):
    (past,) = by_text(extraction, "the past eight months")
    assert past.timex_type == "DURATION" and past.timex_value == "P8M"
    assert past.start == D(2022, 3, 8) and past.end.date() in (date(2022, 11, 8),
                                                               date(2022, 11, 9))
    (nxt,) = by_text(extraction, "weeks")[-1:]
    assert nxt.timex_type == "DURATION" and nxt.end.date() in (date(2022, 11, 29),
                                                              date(2022, 11, 30))
    present = [e for e in extraction.events if e.timex_value == "PRESENT_REF"]
    assert {e.expr_text.lower() for e in present} >= {"now", "at the moment"}
    assert all(e.fuzzy for e in present)
    assert any(e.timex_value == "PAST_REF" and "recent weeks" in e.expr_text.lower()
               for e in extraction.events)
    assert any(m.timex_type == "SET" and m.value == "P1D" and m.text == "daily"
               for m in extraction.mentions)
    assert not any(e.timex_type == "SET" for e in extraction.events)


def test_offsets_point_at_sentence_and_expression(extraction, seed_text):
    assert extraction.events
    for e in extraction.events:
        assert seed_text[e.sentence_start:e.sentence_end] == e.sentence
        assert seed_text[e.expr_start:e.expr_end] == e.expr_text
        assert e.sentence_start <= e.expr_start < e.expr_end <= e.sentence_end
    assert not any(e.expr_start < 20 for e in extraction.events)  # header is not an event


def test_headlines_are_readable(extraction):
    (oct_,) = by_text(extraction, "early October")
    assert oct_.headline == "Zelensky signed an executive order ruling out any negotiations…"
    assert "Officials including" not in oct_.headline
    for e in extraction.events:
        words = e.headline.rstrip("…").split()
        assert 1 <= len(words) <= 14, e.headline
        assert not e.headline.lower().endswith(("sources said", "told cnn", "official added"))
    (monday,) = by_text(extraction, "Monday")
    assert monday.headline.startswith("Peskov said that Russia is open to negotiation")
