"""Words and numbers that look like dates but are not: the tagger must leave them alone."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from timeline_app.timex import tag

DCT = date(2022, 11, 8)


@pytest.mark.parametrize(
    "text",
    [
        "We are ready for a dialogue with Russia.",
        "Russia may be planning a large-scale attack.",
        "Protesters will march on the capital.",
        "Sun Microsystems reported a loss; the Sun newspaper said so.",
        "The hotline is open 24/7.",
        "Call 555-2022 or 212-555-1990 for tickets.",
        "The Yankees won 10-3 and the Mets lost 2-1.",
        "The company paid $2022 million and 1990 euros.",
        "The 9/11 attacks changed everything.",
        "He scored 2000 points and grew 1995 percent.",
        "She is a 6-year-old girl; he is 52 years old.",
        "Three-quarters of the voters agreed.",
        "The annual March for Life drew crowds.",
    ],
)
def test_not_a_time_expression(text: str):
    assert tag(text, DCT) == []


def test_years_before_the_era_are_written_bc_not_read_as_ours():
    found = tag("Caesar died in 44 BC; the temple dates to the 12th century B.C.", DCT)
    assert [(t.text, t.value) for t in found] == [("44 BC", "BC0044"),
                                                   ("the 12th century B.C.", "BC11")]
    assert all(t.interval_start is None for t in found)  # no calendar interval to draw


def test_capitalised_may_is_the_month_but_not_at_sentence_start_verb():
    found = tag("The vote was held in May.", DCT)
    assert [(t.text, t.value) for t in found] == [("May", "2022-05")]


def _story(text: str) -> dict[str, str]:
    """The values of a narrative text's expressions, by their text."""
    return {t.text: t.value for t in tag(text, DCT, doc_type="narrative")}


def test_narrative_anchors_to_the_last_explicit_date():
    text = "On March 3, 1990, the talks began. Two days later they failed. The next week was calm."
    found = tag(text, DCT, doc_type="narrative")
    values = {t.text: (t.value, t.anchor) for t in found}
    assert values["March 3, 1990"][0] == "1990-03-03"
    # a story's "two days later" is the date it reaches (HeidelTime), not a stretch
    assert values["Two days"][0] == "1990-03-05"
    assert values["Two days"][1].startswith("timex:")
    assert {t.text: t.type for t in found}["Two days"] == "DATE"


def test_narrative_moves_on_with_counted_dates_too():
    # "Two years later" reaches 1918: the day named after it is 1918's, and the day after
    # that day is counted from it; "now" stays the writer's day and moves nothing
    text = ("In 1916 the battle began on July 1. Two years later, on Nov. 11, an armistice "
            "ended the fighting. The next day, crowds celebrated. Now it is a holiday.")
    found = {t.text: (t.value, t.anchor) for t in tag(text, DCT, doc_type="narrative")}
    assert found["Two years later"][0] == "1918"
    assert found["Nov. 11"][0] == "1918-11-11"
    assert found["Nov. 11"][1] == f"timex:{text.index('Two years later')}"
    assert found["The next day"][0] == "1918-11-12"
    assert found["Now"][0] == "PRESENT_REF"


def test_narrative_months_and_seasons_take_the_story_year_whatever_the_tense():
    # the past tense is the story's: it does not send "August" back before March 1945
    text = ("In March 1945, the Allies crossed the Rhine. In August, the war ended. "
            "That summer was hot.")
    found = _story(text)
    assert found["August"] == "1945-08"
    assert found["That summer"] == "1945-SU"
    # news keeps reading tense from the DCT
    assert {t.text: t.value for t in tag("In August, the war ended.", DCT)}["August"] == "2022-08"


def test_narrative_last_month_name_is_the_one_before_the_story_date():
    # in news "last December" said in January is a year back (the one just over is "last
    # month"); a story's date is often a whole period's first day, so nothing is skipped
    found = _story("Sales rose in January 1988. Last December, they had fallen.")
    assert found["Last December"] == "1987-12"
    news = tag("Last December, sales had fallen.", date(1988, 1, 20))
    assert [t.value for t in news] == ["1986-12"]


def test_a_sentence_year_reaches_a_long_sentence_but_not_a_text_without_ends():
    opening = "In 2002, the company grew its sales in the home market steadily and sold more"
    near = tag(f"{opening} abroad in August.", DCT)
    assert {t.text: t.value for t in near}["August"] == "2002-08"
    # a list of years with no sentence end: each year is its own, and the year a
    # sentence opened on stops reaching (tagging stays linear in the text)
    years = " ".join(str(1900 + i % 100) for i in range(400)) + " in August"
    found = tag(years, DCT)
    assert found[-1].text == "August" and found[-1].value == "2022-08"
    assert [t.value for t in found[:3]] == ["1900", "1901", "1902"]


@pytest.mark.parametrize("order", ["MDY", "DMY"])
def test_an_all_numeric_date_read_one_way_only_is_read_so_whatever_the_order(order):
    found = tag("Closes 31/03/2013; opened 03/31/2012.", DCT, date_order=order)
    assert [t.value for t in found] == ["2013-03-31", "2012-03-31"]


def test_news_anchors_relative_expressions_to_the_dct():
    found = tag("Two years ago they failed.", DCT)
    assert [(t.value, t.anchor) for t in found] == [("2020", "DCT")]


def test_a_story_counted_from_a_year_reaches_no_finer_date():
    # "two months later" after "1998" could be any month of 1998 or early 1999: the year
    text = "The company was founded in 1998. Two months later, it went public."
    found = {t.text: t.value for t in tag(text, DCT, doc_type="narrative")}
    assert found["Two months"] == "1998"


def test_news_later_is_a_stretch_drawn_on_the_date_it_reaches():
    # TimeBank marks "three days" in "three days later" as a DURATION; counted from a
    # date the text gave, the timeline still places it on the day reached
    found = tag("The talks began on March 3, 1990. Three days later they failed.", DCT)
    later = {t.text: t for t in found}["Three days"]
    assert (later.type, later.value, later.granularity) == ("DURATION", "P3D", "day")
    assert later.interval_start.date().isoformat() == "1990-03-06"
    assert later.anchor.startswith("timex:")
    # from the article's date it reaches nothing the text tells
    alone = tag("Three days later they failed.", DCT)[0]
    assert (alone.value, alone.interval_start) == ("P3D", None)


def test_news_expression_counted_from_a_mentioned_day_names_it():
    text = "Stocks fell on Oct. 28, down 2% from the previous Friday."
    found = {t.text: t for t in tag(text, DCT)}
    previous = found["the previous Friday"]
    assert previous.value == "2022-10-21"
    assert previous.anchor == f"timex:{text.index('Oct. 28')}"
    assert found["Oct. 28"].anchor == "DCT"  # its year


def test_ranges_give_two_expressions():
    found = tag("Prices rose from 1990 to 1995 and between March and May.", DCT)
    assert [t.text for t in found] == ["1990", "1995", "March", "May"]


def test_weekday_tense_in_news():
    past = tag("Officials met on Friday to discuss the plan.", DCT)
    future = tag("Officials will meet on Friday to discuss the plan.", DCT)
    assert past[0].value == "2022-11-04"
    assert future[0].value == "2022-11-11"


def test_tense_is_read_inside_the_sentence():
    # "scheduled" in the next sentence must not make mid-March next year's
    text = ("The bank has raised rates five times this year, from near zero in mid-March. "
            "The next meeting is scheduled for Nov. 1.")
    march = next(t for t in tag(text, date(2022, 9, 21)) if "March" in t.text)
    assert march.value == "2022-03"


def test_abbreviations_do_not_end_the_sentence():
    # "Gen." and "U.S." are not sentence ends: "will" still governs Friday
    text = "The envoy will meet the U.S. commander, Gen. Smith, on Friday."
    assert tag(text, DCT)[0].value == "2022-11-11"


def test_bad_arguments_are_clear_errors():
    from timeline_app.timex import TimexError
    from timeline_app.timex.grammar import GrammarError

    with pytest.raises(GrammarError, match="unknown language 'xx'"):
        tag("today", DCT, lang="xx")
    with pytest.raises(TimexError, match="doc_type"):
        tag("today", DCT, doc_type="poem")
    with pytest.raises(TimexError, match="date_order"):
        tag("today", DCT, date_order="YMD")
    with pytest.raises(TimexError, match="must be str"):
        tag(b"today", DCT)


def test_narrative_keeps_the_day_it_reached_inside_a_wider_period_named_after_it():
    # "That year" names 1865 around April 14: the story stays on April 14 (for the
    # narrative anchor and for the date a step is counted from), not on January 1
    text = ("On April 14, 1865, Lincoln was shot. That year the war ended. The next week, "
            "crowds mourned. Later that month, he was buried.")
    found = {t.text: (t.value, t.anchor) for t in tag(text, DCT, doc_type="narrative")}
    assert found["That year"][0] == "1865"
    assert found["The next week"] == ("1865-W16", f"timex:{text.index('April 14')}")
    assert found["Later that month"][0] == "1865-04"
    text = "Lincoln was shot on April 14 of that year. Five days later, his funeral was held."
    found = {t.text: t.value for t in tag("The war ended in April 1865. " + text, DCT,
                                          doc_type="narrative")}
    assert found["Five days"] == "1865-04-19"


def test_narrative_moves_forward_to_the_days_and_months_it_names():
    # a weekday is the next one, a month far behind the story's has turned the year
    text = ("On Monday, 7 May 1945, the war ended. On Friday she returned home. "
            "On 20 December she left; in January the snow came, and in August it was over.")
    found = _story(text)
    assert found["Friday"] == "1945-05-11"
    assert found["January"] == "1946-01"
    assert found["August"] == "1946-08"


def test_small_hours_after_a_late_clock_time_are_the_next_days():
    text = "On 14 April 1912, at 11:40 p.m., the ship struck ice. Help came at 4 a.m."
    found = _story(text)
    assert found["4 a.m."] == "1912-04-15T04:00"
    found = {t.text: t.value for t in tag("Authorities imposed a 9 p.m. to 5 a.m. curfew.", DCT)}
    assert found["5 a.m."] == "2022-11-09T05:00"


def test_narrative_that_day_is_no_day_the_story_has_moved_on_from():
    # after 1995 the story is no longer on 4 July 1934: "that day" has no day to be
    text = "She died on 4 July 1934. In 1995 her remains were moved; that day crowds gathered."
    found = _story(text)
    assert "that day" not in found
    text = "She died on 4 July 1934. That year was hard; that day crowds gathered."
    found = _story(text)
    assert found["that day"] == "1934-07-04"
    # news interleaves background periods with the day it is about
    text = "The Fed acted on Wednesday. Inflation peaked in June. That day stocks fell."
    found = {t.text: t.value for t in tag(text, DCT)}
    assert found["That day"] == "2022-11-02"


def test_the_first_months_of_a_year_are_no_stretch_back_from_the_article():
    # "the past nine months" runs up to the DCT; "the first nine months" (of some year)
    # does not, so it carries no interval rather than a wrong one
    past, first = (tag(f"Profit rose in the {w} nine months.", DCT)[0] for w in ("past", "first"))
    assert (past.value, past.interval_end) == ("P9M", datetime(2022, 11, 8))
    assert (first.value, first.interval_start, first.interval_end) == ("P9M", None, None)
