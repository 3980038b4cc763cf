"""Events from hand-built expressions: exact control over what the tagger "found"."""

from __future__ import annotations

from datetime import datetime as D

from timeline_app.events import events_from_timexes, is_event
from timeline_app.timex import Timex

TEXT = ("date 2022-11-08\n\nWashington CNN—\n\n"
        "Zelensky signed an order in early October ruling out talks. Russia shells Kyiv daily. "
        "He has said so for months. Over the past eight months the war went on. "
        "Officials are now worried, sources said.")


def tx(expr, type_, value, start=None, end=None, gran=None, mod=None, anchor="DCT", n=0):
    pos = -1
    for _ in range(n + 1):
        pos = TEXT.index(expr, pos + 1)
    return Timex(pos, pos + len(expr), expr, type_, value, mod, start, end, gran,
                 f"rule_{type_.lower()}", anchor)


EARLY_OCT = tx("early October", "DATE", "2022-10", D(2022, 10, 1), D(2022, 11, 1), "month",
               "START")
DAILY = tx("daily", "SET", "P1D", anchor="none")
MONTHS = tx("months", "DURATION", "PXM", anchor="none")
PAST8 = tx("the past eight months", "DURATION", "P8M", D(2022, 3, 8), D(2022, 11, 8), "month")
NOW = tx("now", "DATE", "PRESENT_REF", D(2022, 11, 8), D(2022, 11, 9), "day")
HEADER = Timex(0, 15, "date 2022-11-08", "DATE", "2022-11-08", None, D(2022, 11, 8),
               D(2022, 11, 9), "day", "iso", "text")


def test_dates_and_anchored_durations_are_events_the_rest_mentions():
    result = events_from_timexes(TEXT, [EARLY_OCT, DAILY, MONTHS, PAST8, NOW])
    assert [e.expr_text for e in result.events] == [
        "the past eight months", "early October", "now"]  # sorted by start
    assert [(m.text, m.timex_type, m.value) for m in result.mentions] == [
        ("daily", "SET", "P1D"), ("months", "DURATION", "PXM")]
    assert is_event(PAST8) and not is_event(MONTHS) and not is_event(DAILY)


def test_event_fields_and_offsets():
    (event,) = events_from_timexes(TEXT, [EARLY_OCT]).events
    assert (event.start, event.end) == (D(2022, 10, 1), D(2022, 10, 11))  # first third
    assert event.granularity == "month" and event.mod == "START" and event.fuzzy
    assert TEXT[event.expr_start:event.expr_end] == "early October" == event.expr_text
    assert TEXT[event.sentence_start:event.sentence_end] == event.sentence
    assert event.sentence == "Zelensky signed an order in early October ruling out talks."
    assert event.headline == "Zelensky signed an order ruling out talks"
    assert (event.timex_type, event.timex_value, event.rule, event.anchor) == (
        "DATE", "2022-10", "rule_date", "DCT")
    assert event.sort_key < events_from_timexes(TEXT, [NOW]).events[0].sort_key


def test_vague_present_is_fuzzy_and_plain_dates_are_not():
    (now,) = events_from_timexes(TEXT, [NOW]).events
    assert now.fuzzy and now.headline == "Officials are worried"
    (past,) = events_from_timexes(TEXT, [PAST8]).events
    assert not past.fuzzy and past.headline == "The war went on"


def test_the_date_header_is_not_an_event():
    result = events_from_timexes(TEXT, [HEADER, NOW])
    assert [e.expr_text for e in result.events] == ["now"]
    assert result.mentions == []


def test_no_expressions_no_events():
    result = events_from_timexes("date 2022-11-08\n\nNothing here.", [])
    assert result.events == [] and result.mentions == []


def test_a_text_without_full_stops_gives_bounded_sentences():
    from datetime import date

    from timeline_app.events import extract
    from timeline_app.events.extract import MAX_SENTENCE

    phrase = "officials met on Monday and said last week that talks began in June and"
    words = phrase.split()
    text = "date 2022-11-08\n\n" + " ".join(words[i % len(words)] for i in range(6000))
    result = extract(text, date(2022, 11, 8))
    assert len(result.events) > 300
    for e in result.events:
        assert e.sentence_end - e.sentence_start <= MAX_SENTENCE
        assert text[e.sentence_start:e.sentence_end] == e.sentence
        assert e.sentence_start <= e.expr_start < e.expr_end <= e.sentence_end
        assert e.headline


def test_clip_sentence_keeps_short_sentences_and_cuts_at_spaces():
    from timeline_app.events.extract import MAX_SENTENCE, clip_sentence

    text = "word " * 1000
    assert clip_sentence(text, 0, 100, 10, 14) == (0, 100)
    lo, hi = clip_sentence(text, 0, len(text), 2500, 2504)
    assert hi - lo <= MAX_SENTENCE and lo <= 2500 and hi >= 2504
    assert text[lo - 1] == " " and text[hi] == " "
