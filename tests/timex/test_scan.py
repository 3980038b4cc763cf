"""The scan for where expressions may start: pieces between spaces, looked up once each.

The scan skips the pieces of text that hold no word a rule can begin and finds the others
back in the text by their spaces; whatever the spacing, it must offer exactly what a plain
word-by-word reading offers once it has met the text, and at least that before.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from timeline_app.timex import tag, tagger
from timeline_app.timex.grammar import _could_begin, load_grammar
from timeline_app.timex.tagger import _NARROW_BEYOND, _TOKEN, _prefix, _starts

GRAMMAR = load_grammar("en")


def plain_starts(text: str) -> list[tuple[int, tuple[str, ...]]]:
    """Every word read in turn, with the one after it, where the left boundary read in the
    whole text lets an expression begin: the scan's meaning, without its shortcuts."""
    found = []
    rules_for = GRAMMAR.rules_for
    may_begin = GRAMMAR.left_boundary_behind.match
    for token in _TOKEN.finditer(text):
        word, start = token.group(), token.start()
        if word[0] in "'\u2019":
            if (known := rules_for(word)) and may_begin(text, start) and (
                rules := rules_for(_prefix(text, start, token.end()), known)
            ):
                found.append((start, rules))
            word, start = word[1:], start + 1
        if (known := rules_for(word)) and may_begin(text, start):
            prefix = _prefix(text, start, token.end())
            rules = rules_for(prefix, known)
            if len(rules) > _NARROW_BEYOND and len(prefix) > len(word):
                rules = rules_for(_prefix(text, start, start + len(prefix)), rules)
            if rules:
                found.append((start, rules))
    return [(start, tuple(rule.name for rule in rules)) for start, rules in found]


def scanned(text: str) -> list[tuple[int, tuple[str, ...]]]:
    return [(start, tuple(r.name for r in rules)) for start, rules in _starts(GRAMMAR, text)]


def covers(wider: list, exact: list) -> bool:
    """Whether ``wider`` offers every start ``exact`` offers, with at least its rules in
    the same order (a pair of words met for the first time is narrowed by its letters)."""
    offered = dict(wider)
    return all(
        start in offered and [n for n in offered[start] if n in names] == list(names)
        for start, names in exact
    )


WORDS = [
    "the", "The", "a", "an", "that", "last", "next", "week", "weeks", "year", "Friday",
    "Friday's", "'98", "\u201990s", "'s", "1990", "1,700", "4.5", "10:35", "12/12/1990",
    "May", "may", "ago", "two", "three", "first", "third", "quarter", "of", "2021",
    "early", "mid-1990s", "daily", "every", "24/7", "9/11", "3", "p.m.", "said", "on",
    "Monday", "morning", "company", "(AP)", "--", "\u2014", "\u201cthe", "Z\u00fcrich",
    "caf\u00e9", "", "192", "1920", "19:55", "4.5%", "$452", "12", "31", "2000s",
    "30-Nov.", "U.S.", "1990-95",
]
SPACES = [" ", " ", " ", "  ", "", "\n", "\t", "\u00a0", ", ", ". ", " (", "-", " '"]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SPACES)), max_size=30).map(
    lambda pairs: "".join(word + space for word, space in pairs)
)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(texts, st.text(max_size=80)))
@example(text="")
@example(text="the")
@example(text=" the week before the week before last ")
@example(text="last week and last week, and last\tweek")
@example(text="In '98 and \u201990s, Friday's vote")
@example(text="1990")
@example(text="a  quarter  of 1990")
def test_the_scan_offers_what_a_word_by_word_reading_offers(text: str):
    exact = plain_starts(text)
    assert covers(scanned(text), exact)
    assert learnt(text) == exact


def learnt(text: str) -> list[tuple[int, tuple[str, ...]]]:
    """The scan of a text met often enough for each of its pairs to be narrowed exactly."""
    for _ in range(tagger._PAIR_LEARNT_AT - 1):
        scanned(text)
    return scanned(text)


class _Forgetful(dict):
    """A count of pairs met that keeps none: every pair is met for the first time."""

    def __setitem__(self, key: object, value: object) -> None:
        pass


SENTENCES = [
    "On Friday, the company said last week that the next quarter would be weak.",
    "The deal, signed in early October 2022, runs for the next two to three weeks.",
    "A year earlier the firm earned $4.5 million; the first half of 1990 was worse.",
    "He may march on Monday morning at 3 p.m. or the day before, about two years ago.",
    "Shares fell 10 in the third quarter of fiscal 1989 from a year ago, analysts said.",
]


def tagged_learnt_and_new(text: str, dct: date) -> tuple[list, list]:
    """What tagging ``text`` gives once each of its pairs of words is narrowed exactly, and
    what it gives when every pair is met for the first time."""
    def tagged() -> list:
        return [(t.start, t.end, t.value, t.rule) for t in tag(text, dct)]

    for _ in range(tagger._PAIR_LEARNT_AT):  # the last time, every pair narrowed exactly
        learnt_answer = tagged()
    before = GRAMMAR.pairs_met
    GRAMMAR.pairs_met = _Forgetful()
    try:
        return learnt_answer, tagged()
    finally:
        GRAMMAR.pairs_met = before


@pytest.mark.parametrize("text", SENTENCES)
def test_pairs_met_for_the_first_time_tag_as_pairs_met_before(monkeypatch, text: str):
    # narrowing by the next word's first letters only offers more rules to try; what
    # matches is the same
    known, new = tagged_learnt_and_new(text, date(1989, 11, 2))
    assert new == known
    monkeypatch.setattr(GRAMMAR, "pairs_met", _Forgetful())
    assert covers(scanned(text), plain_starts(text))


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_what_a_new_text_gives_is_what_a_known_one_gives(text: str):
    # a pair met for the first time is offered more rules than exactly narrowed, never
    # fewer: the same expressions are found either way
    known, new = tagged_learnt_and_new(text, date(1998, 2, 13))
    assert new == known


def test_a_pair_met_for_the_first_time_is_narrowed_by_its_next_letters():
    the = GRAMMAR.rules_for("the")
    near = GRAMMAR.rules_near("the companies", the)
    assert len(near) < len(the) // 4  # "the c" begins few of what "the" begins
    assert {r.name for r in GRAMMAR.rules_for("the companies", the)} <= {r.name for r in near}
    assert {r.name for r in GRAMMAR.rules_near("the coming", the)} >= {
        r.name for r in GRAMMAR.rules_for("the coming", the)
    } != set()


def test_a_piece_met_again_is_found_where_it_is_not_inside_another():
    # "week" also ends "midweek" and "the" begins "theater": only whole pieces count
    text = "the theater midweek: the week before the week"
    starts = [start for start, _rules in learnt(text)]
    assert starts == [start for start, _rules in plain_starts(text)]
    assert text.index("the week") in starts
    assert text.rindex("the week") in starts
    assert text.index("theater") not in starts


def test_the_scan_forgets_its_pieces_beyond_its_limit_and_still_finds_them(monkeypatch):
    monkeypatch.setattr(tagger, "_PIECE_CACHE_LIMIT", 3)
    monkeypatch.setattr(GRAMMAR, "piece_cache", {})  # as other tests left it: any size
    monkeypatch.setattr(GRAMMAR, "lead_cache", {})
    monkeypatch.setattr(GRAMMAR, "pairs_met", {})
    text = "On Friday, the company said last week that the next quarter would be weak."
    assert covers(scanned(text), plain_starts(text))
    assert learnt(text) == plain_starts(text)
    assert scanned(text) == plain_starts(text)  # what it learnt
    assert len(GRAMMAR.piece_cache) <= 4
    assert len(GRAMMAR.lead_cache) <= 4


def test_forgetting_what_was_learnt_changes_no_answer():
    text = " ".join(SENTENCES)
    before = [(t.start, t.end, t.value, t.rule) for t in tag(text, date(1989, 11, 2))]
    tagger.forget()
    assert not GRAMMAR.piece_cache and not GRAMMAR.start_cache and not GRAMMAR.pairs_met
    assert [(t.start, t.end, t.value, t.rule) for t in tag(text, date(1989, 11, 2))] == before
    assert GRAMMAR.piece_cache  # and it learns again


def test_figures_of_one_shape_share_their_narrowing_steps():
    # nearly every figure in a story is new: its steps are those of its shape
    known = GRAMMAR.rules_for("1955")
    near = GRAMMAR.rules_near("1955 quarterly", known)
    assert "0000 qu" in GRAMMAR.prefix_rules_cache
    assert len(near) < len(known)
    exact = {r.name for r in GRAMMAR.rules_for("1955 quarterly", known)}
    assert exact <= {r.name for r in near}
    steps = len(GRAMMAR.prefix_rules_cache)
    other = GRAMMAR.rules_near("1988 quarterly", GRAMMAR.rules_for("1988"))
    assert len(GRAMMAR.prefix_rules_cache) == steps  # no step of its own
    assert {r.name for r in other} <= {r.name for r in near}  # 19:88 is no time of day


def test_words_in_either_case_share_their_narrowing_steps():
    # "The" opens sentences and "the" the rest: both are read as "the" until the exact
    # tests, which keep "May" the month and "may" the verb
    capital = GRAMMAR.rules_near("The companies", GRAMMAR.rules_for("The"))
    assert "the co" in GRAMMAR.prefix_rules_cache
    assert "The co" not in GRAMMAR.prefix_rules_cache
    steps = len(GRAMMAR.prefix_rules_cache)
    small = GRAMMAR.rules_near("the companies", GRAMMAR.rules_for("the"))
    assert len(GRAMMAR.prefix_rules_cache) == steps  # no step of its own
    assert {r.name for r in small} == {r.name for r in capital}
    assert {r.name for r in GRAMMAR.rules_for("May")} != set() == {
        r.name for r in GRAMMAR.rules_for("may")
    }


def test_a_word_inside_a_figure_an_amount_or_an_abbreviation_begins_nothing():
    text = "1,700 jobs, $5 million and the U.S. budget"
    starts = {start for start, _rules in learnt(text)}
    for inside in ("700", "5 million", "S. budget"):
        assert text.index(inside) not in starts
    assert text.index("1,700") in starts  # "1,700 years" would be a duration
    # what the boundary looks for after a word may lie in the next piece: "Nov." begins
    # a date after "30-" only if a day follows it
    found = tag("The conference took place Oct. 30-Nov. 2.", date(2022, 11, 8))
    assert [(t.text, t.value) for t in found][-1] == ("Nov. 2", "2022-11-02")


def test_a_figure_alone_is_answered_by_its_shape():
    # every figure of a shape gets the same rules, at least those it may begin itself;
    # the pair it begins is narrowed exactly, so what it finds is unchanged
    def names(rules) -> list[str]:
        return [r.name for r in rules]

    assert names(GRAMMAR.rules_for("452")) == names(GRAMMAR.rules_for("192"))
    assert "000" in GRAMMAR.figure_cache
    for figure in ("452", "192", "1990", "1st", "10am"):
        exact = {r.name for r in GRAMMAR.rules if _could_begin(r, figure)}
        assert exact <= set(names(GRAMMAR.rules_for(figure))), figure
    year = next(r for r in GRAMMAR.rules if r.name == "year")
    assert not _could_begin(year, "2999")
    assert "year" in names(GRAMMAR.rules_for("2999"))  # as "1999", also "0000", may
    found = tag("In 192 cases since 1990, 452 people left 3 days ago.", date(2000, 1, 5))
    assert [(t.text, t.value) for t in found] == [("1990", "1990"), ("3 days ago", "2000-01-02")]


def test_a_rule_that_matches_outright_is_kept_for_longer_starts_untested(monkeypatch):
    # "0000 " is a year outright before its last character: every start that begins
    # with it may be one too ("0000" may yet be "0000s" or "00001", which no year is)
    GRAMMAR.forget()
    year = next(r for r in GRAMMAR.rules if r.name == "year")
    assert year in GRAMMAR._rules_starting("0000 ")
    assert year in GRAMMAR.settled_cache["0000 "]
    assert year not in GRAMMAR.settled_cache.get("0000", ())

    class Untested:
        def match(self, *args, **kwargs):
            raise AssertionError("a settled rule was tested again")

    monkeypatch.setattr(year, "narrow_test", Untested())
    assert year in GRAMMAR._rules_starting("0000 q")
    assert year in GRAMMAR.settled_cache["0000 q"]
