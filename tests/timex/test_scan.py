"""The scan for where expressions may start: pieces between spaces, looked up once each.

The scan skips the pieces of text that hold no word a rule can begin, finds the others
back in the text by their spaces, and narrows each word's rules by the text after it;
whatever the spacing, it must offer every rule that matches where it matches.
"""

from __future__ import annotations

from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from timeline_app.timex import tag, tagger
from timeline_app.timex.grammar import _could_begin, load_grammar
from timeline_app.timex.tagger import _MAX_EXPRESSION, _TOKEN, _starts

GRAMMAR = load_grammar("en")


def matching(text: str) -> list[tuple[int, tuple[str, ...]]]:
    """Every word read in turn, and every rule tried where the left boundary read in the
    whole text lets an expression begin: where the rules match, without the scan."""
    found = []
    for token in _TOKEN.finditer(text):
        starts = [token.start()]
        if token.group()[0] in "'\u2019":
            starts.append(token.start() + 1)
        for start in starts:
            stop = min(len(text), start + _MAX_EXPRESSION)
            if GRAMMAR.left_boundary.match(text, start, stop) is None:
                continue
            names = tuple(
                rule.name for rule in GRAMMAR.rules
                if (m := rule.match_at(text, start, stop)) is not None and m.end() > start
            )
            if names:
                found.append((start, names))
    return found


def scanned(text: str) -> list[tuple[int, tuple[str, ...]]]:
    return [(start, tuple(r.name for r in rules)) for start, rules in _starts(GRAMMAR, text)]


def covers(wider: list, exact: list) -> bool:
    """Whether ``wider`` offers every start ``exact`` offers, with at least its rules in
    the same order (the scan may offer a rule that then does not match)."""
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


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(texts, st.text(max_size=80)))
@example(text="")
@example(text="the")
@example(text=" the week before the week before last ")
@example(text="last week and last week, and last\tweek")
@example(text="In '98 and \u201990s, Friday's vote")
@example(text="1990")
@example(text="a  quarter  of 1990")
def test_the_scan_offers_every_rule_that_matches(text: str):
    first = scanned(text)
    assert covers(first, matching(text))
    assert scanned(text) == first  # what it learnt changes nothing


SENTENCES = [
    "On Friday, the company said last week that the next quarter would be weak.",
    "The deal, signed in early October 2022, runs for the next two to three weeks.",
    "A year earlier the firm earned $4.5 million; the first half of 1990 was worse.",
    "He may march on Monday morning at 3 p.m. or the day before, about two years ago.",
    "Shares fell 10 in the third quarter of fiscal 1989 from a year ago, analysts said.",
]


def test_the_words_after_a_word_narrow_its_rules_down():
    # "the" may begin dozens of rules, "the companies" none, "the coming week" a few
    text = "the companies said the coming week"
    offered = dict(scanned(text))
    assert 0 not in offered
    assert 0 < len(offered[text.index("the coming")]) < len(GRAMMAR.rules_for("the")) // 4


def test_a_piece_met_again_is_found_where_it_is_not_inside_another():
    # "week" also ends "midweek" and "the" begins "theater": only whole pieces count
    text = "the theater midweek: the week before the week"
    starts = [start for start, _rules in scanned(text)]
    assert covers(scanned(text), matching(text))
    assert text.index("the week") in starts
    assert text.rindex("the week") in starts
    assert text.index("theater") not in starts


def test_the_scan_forgets_its_pieces_beyond_its_limit_and_still_finds_them(monkeypatch):
    monkeypatch.setattr(tagger, "_PIECE_CACHE_LIMIT", 3)
    monkeypatch.setattr(GRAMMAR, "piece_cache", {})  # as other tests left it: any size
    text = "On Friday, the company said last week that the next quarter would be weak."
    first = scanned(text)
    assert covers(first, matching(text))
    assert scanned(text) == first  # what it learnt
    assert len(GRAMMAR.piece_cache) <= 4


def test_forgetting_what_was_learnt_changes_no_answer():
    text = " ".join(SENTENCES)
    before = [(t.start, t.end, t.value, t.rule) for t in tag(text, date(1989, 11, 2))]
    tagger.forget()
    assert not GRAMMAR.piece_cache and not GRAMMAR.start_cache
    assert len(GRAMMAR.heads._states) == 1  # the automaton's first state only
    assert [(t.start, t.end, t.value, t.rule) for t in tag(text, date(1989, 11, 2))] == before
    assert GRAMMAR.piece_cache  # and it learns again


def test_words_in_either_case_are_told_apart_by_the_exact_tests():
    # "The" opens sentences and "the" the rest: both are read as "the" by the automaton;
    # the exact tests keep "May" the month and "may" the verb
    assert GRAMMAR.rules_for("The") == GRAMMAR.rules_for("the")
    assert {r.name for r in GRAMMAR.rules_for("May")} != set() == {
        r.name for r in GRAMMAR.rules_for("may")
    }


def test_a_word_inside_a_figure_an_amount_or_an_abbreviation_begins_nothing():
    text = "1,700 jobs, $5 million and the U.S. budget"
    starts = {start for start, _rules in scanned(text)}
    for inside in ("700", "5 million", "S. budget"):
        assert text.index(inside) not in starts
    assert text.index("1,700") in starts  # "1,700 years" would be a duration
    # what the boundary looks for after a word may lie in the next piece: "Nov." begins
    # a date after "30-" only if a day follows it
    found = tag("The conference took place Oct. 30-Nov. 2.", date(2022, 11, 8))
    assert [(t.text, t.value) for t in found][-1] == ("Nov. 2", "2022-11-02")


def test_a_figure_alone_is_answered_by_its_shape():
    # every figure of a shape gets the same rules, at least those it may begin itself;
    # the text after it narrows them, and the rules' own matches decide
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
