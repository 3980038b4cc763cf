"""The automaton that tells which rules may begin with a text's first characters.

Its one promise: it never leaves out a rule whose narrowing pattern a partial match would
keep (the exact tests come after it, so a rule it keeps too many costs time, a rule it
leaves out costs an expression).
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from timeline_app.timex.grammar import _BLIND, _FLAGS, load_grammar
from timeline_app.timex.heads import HeadAutomaton

GRAMMAR = load_grammar("en")
#: Each rule's narrowing pattern as a regex: what the automaton replaces.
NARROW = {r.name: regex.compile(r.narrow_source, _FLAGS) for r in GRAMMAR.rules}


def by_regex(text: str) -> set[str]:
    return {name for name, test in NARROW.items() if test.match(text, partial=True)}


def by_automaton(text: str) -> set[str]:
    return {r.name for r in GRAMMAR.heads.rules_after(text)}


PIECES = [
    "the ", "last ", "next ", "week", "weeks ", "year", "friday", "0000", "00", "0",
    "may ", "ago", "two ", "first ", "quarter ", "of ", "early ", "mid-", "s ", "'00s",
    "a.m.", "p.m.", " ", ", ", ". ", "-", "/", ":", "\u2013", "\u2019", "\u00e9", "\n",
    "sept. ", "0:00 ", "fiscal ", "this ", "century", "daily", "every ", "around ",
]


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=6).map("".join),
    st.text(max_size=12).map(lambda t: t.translate(_BLIND)),
))
@example(text="")
@example(text="the coming")
@example(text="0000 q")
@example(text="last week")
@example(text="mid-0000s")
def test_it_keeps_every_rule_a_partial_match_keeps(text: str):
    assert by_regex(text) <= by_automaton(text)


@pytest.mark.parametrize("text", ["the co", "last we", "friday, ", "sept. 00", "zebra"])
def test_it_answers_as_the_partial_matches_on_common_starts(text: str):
    # wider only where it cannot read a pattern exactly; on these, not at all
    assert by_automaton(text) == by_regex(text)


def test_it_reads_on_into_a_lookahead_that_ends_a_pattern():
    rules = ["range_start", "number", "ahead_first"]
    patterns = [r"\d+(?=\s+to\s+\d)", r"\d+", r"(?=\d\d)\d+x"]
    heads = HeadAutomaton(rules, patterns, " ")
    assert heads.rules_after("12 to 1") == ("range_start", "number")
    assert heads.rules_after("12 t") == ("range_start", "number")  # it may yet be
    # "12 were" begins a number, not a range: what the lookahead wants does not follow
    assert heads.rules_after("12 were") == ("number",)
    # a lookahead with more to read after it holds anywhere, as an anchor does ("1x")
    assert heads.rules_after("1x") == ("number", "ahead_first")


def test_an_end_anchor_is_read_as_holding_anywhere():
    # a lookahead that lets the text end there ("on Aug. 3 and 4" at a story's end)
    # ends a match wherever the automaton stands: wider than a partial match, never
    # narrower
    heads = HeadAutomaton(["day"], [r"\d+(?=\s*,|\s*$)"], " ")
    assert heads.rules_after("4 people") == ("day",)
    assert by_regex("00 w") <= by_automaton("00 w")


def test_a_rule_matched_outright_stays_for_any_longer_text():
    # "0000 " is a year before its last character: "0000 q" may be one too, as a
    # partial match would find the year in it
    text = "0000 quarterly results"
    assert "year" in by_automaton(text)
    assert "year" in by_regex(text)


def test_reading_on_narrows_a_word_down_by_the_words_after_it():
    text = "the companies said the coming week".translate(_BLIND)
    the = GRAMMAR.heads.rules_after("the")
    companies = GRAMMAR.heads.rules_at(text, 0, len(text))
    coming = GRAMMAR.heads.rules_at(text, text.index("the coming"), len(text))
    assert len(companies) < len(the) // 10
    assert {r.name for r in coming} >= {"relative_unit"}


def test_a_word_is_told_what_it_may_begin_wherever_it_stands():
    # "may" is a month before the exact tests; "zebra" begins nothing
    assert {r.name for r in GRAMMAR.heads.rules_ending("may")} >= {"month_alone"}
    assert GRAMMAR.heads.rules_ending("zebra") == ()


@pytest.mark.parametrize("shape", ["0", "00", "000", "0000", "00000", "0000s", "00th", "00am"])
def test_a_figure_is_told_what_its_whole_shape_may_begin(shape: str):
    # as each rule's narrowing pattern matches all of the shape, or the shape and then a
    # character that may follow a word in an expression
    followers = " \n.-,'\u2019/:)\u2013"
    def whole(test, text: str) -> bool:
        return (found := test.fullmatch(text, partial=True)) is not None and not found.partial

    expected = {
        name for name, test in NARROW.items()
        if whole(test, shape) or any(test.fullmatch(shape + c, partial=True) for c in followers)
    }
    assert {r.name for r in GRAMMAR.heads.rules_ending(shape, exact=True)} == expected


def test_steps_are_taken_once_and_forgotten_on_request():
    heads = HeadAutomaton(GRAMMAR.rules, [r.narrow_source for r in GRAMMAR.rules], " ")
    heads.rules_after("last week")
    states = len(heads._states)
    heads.rules_after("last week")
    assert len(heads._states) == states  # every step known: no state of its own
    heads.forget()
    assert len(heads._states) == 1  # the first state only


def test_branches_that_begin_alike_share_their_first_steps():
    # a table's words become a trie: after "j", one thread on "ju" and one on "ja" (not
    # one per word), "Jan" and "jan" alike; the words read are the same
    heads = HeadAutomaton(["months"], ["(?:june|july|January|jan|[0-9]x|[0-9]y)!"], " ")
    assert len(heads.state_after("j").nfa) == 2
    for word in ("june!", "july!", "january!", "jan!", "JAN!", "0x!", "0y!"):
        assert heads.rules_after(word) == ("months",), word
    for word in ("jun!", "janu!", "0z", "jx"):
        assert heads.rules_after(word) == (), word


def test_a_pattern_it_cannot_read_keeps_its_rule_always():
    rules = ["backref", "plain"]
    heads = HeadAutomaton(rules, [r"(a)\1", "b"], " ")
    assert heads.rules_after("zzz") == ("backref",)
    assert heads.rules_after("b") == ("backref", "plain")


def test_counts_beyond_a_few_are_read_as_any_count():
    heads = HeadAutomaton(["far"], [r"x[^.]{0,60}y"], " ")
    assert heads.rules_after("x" + "a" * 100) == ("far",)  # wider, never narrower
    assert heads.rules_after("x.") == ()


def test_class_escapes_read_characters_beyond_ascii():
    # the engine may read a no-break space as a space or not: the automaton reads both
    heads = HeadAutomaton(["space", "not_space", "word"], [r"a\sb", r"a\Sb", r"a\wb"], " ")
    assert heads.rules_after("a\u00a0b") == ("space", "not_space")
    assert heads.rules_after("a\u2013b") == ("not_space",)
    assert heads.rules_after("a_b") == ("not_space", "word")


@pytest.mark.parametrize("pattern", [r"\p{Lu}x", "[[:alpha:]]x", r"(?|(a)|(b))x", r"\x{263a}"])
def test_syntax_python_reads_otherwise_keeps_its_rule_always(pattern: str):
    # the regex module's own syntax, which Python's parser refuses or reads as something
    # else ("[[:alpha:]]" as a set of ":", "a", "l"...): the automaton cannot promise
    # to read it wide, so it does not read it
    heads = HeadAutomaton(["other", "plain"], [pattern, "b"], " ")
    assert heads.rules_after("zzz") == ("other",)
