"""Loading the rule files: mistakes in them are reported by name, not met at tagging time."""

from __future__ import annotations

from datetime import date

import pytest
import regex

from timeline_app.timex import grammar, tag
from timeline_app.timex.grammar import GrammarError
from timeline_app.timex.tagger import _starts


def _english_with(monkeypatch, **changes) -> None:
    """Make the rule file of every language English, with ``changes`` to its sections."""
    real = grammar._load_toml

    def load(lang: str, name: str):
        doc, source = real("en", name)
        if name == "rules.toml":
            doc = {**doc, **changes}
        return doc, source

    monkeypatch.setattr(grammar, "_load_toml", load)


def test_a_modifier_limited_to_an_unknown_rule_is_an_error(monkeypatch):
    _english_with(monkeypatch, modifier=[
        {"name": "about", "pattern": r"about\s+", "mod": "APPROX", "rules": ["no_such_rule"]},
    ])
    with pytest.raises(GrammarError, match=r"modifier about names no rule \['no_such_rule'\]"):
        grammar.load_grammar("en-unknown-rule")


def test_a_modifier_limited_to_known_rules_loads(monkeypatch):
    _english_with(monkeypatch, modifier=[
        {"name": "about", "pattern": r"about\s+", "mod": "APPROX", "rules": ["ago"]},
    ])
    loaded = grammar.load_grammar("en-known-rule")
    assert [m.rules for m in loaded.modifiers] == [("ago",)]


def test_a_macro_named_in_both_lexicon_and_rules_is_an_error(monkeypatch):
    real = grammar._load_toml
    past_form = real("en", "lexicon.toml")[0]["macros"]["past_form"]
    _english_with(monkeypatch, macros={**real("en", "rules.toml")[0]["macros"],
                                       "past_form": past_form})
    with pytest.raises(GrammarError, match=r"in both lexicon and rules: \['past_form'\]"):
        grammar.load_grammar("en-macro-clash")


def test_a_bad_left_boundary_is_an_error_that_names_it(monkeypatch):
    _english_with(monkeypatch, boundary={"left": "(?<!\\w", "right": "(?!\\w)"})
    with pytest.raises(GrammarError, match=r"rules\.toml: boundary left: bad pattern"):
        grammar.load_grammar("en-bad-boundary")


def _with_rule(monkeypatch, pattern: str) -> None:
    rules = grammar._load_toml("en", "rules.toml")[0]["rule"]
    _english_with(monkeypatch, rule=[*rules, {
        "name": "fortnight", "pattern": pattern, "type": "DURATION", "value": "P2W",
        "examples": [],
    }])


@pytest.mark.parametrize("pattern", [
    r"(?:fort)night(",
    r"(?<=\bin\s+)(?<!\bnot[)fortnight",
    r"(?<=\bin\s{2,1})fortnight",  # the lookbehind alone is bad (its repeat)
])
def test_a_bad_rule_pattern_is_an_error_at_load_that_names_the_rule(monkeypatch, pattern):
    # a rule's own regex is compiled only when the rule is first tried, but the load
    # checks all of its syntax, the lookbehinds it opens with too
    _with_rule(monkeypatch, pattern)
    with pytest.raises(GrammarError, match=r"rules\.toml: rule fortnight: bad pattern"):
        grammar.load_grammar(f"en-bad-{len(pattern)}")


def test_a_rule_opening_with_lookbehinds_loads_and_matches(monkeypatch):
    _with_rule(monkeypatch, r"(?<=\bin\s+)(?<!\bnot\s)(?:a\s+)?fortnight")
    found = tag("It ends in a fortnight.", date(2022, 11, 8), lang="en-fortnight")
    assert [(t.text, t.value) for t in found] == [("a fortnight", "P2W")]


def test_a_rule_is_compiled_when_first_tried(monkeypatch):
    _english_with(monkeypatch)
    english = grammar.load_grammar("en-lazy")
    duration = next(r for r in english.rules if r.name == "duration")
    year = next(r for r in english.rules if r.name == "year")
    assert duration._compiled is None
    tag("It lasted two weeks.", date(2022, 11, 8), lang="en-lazy")
    assert duration._compiled is not None and year._compiled is None


def test_a_right_boundary_that_lets_a_word_go_on_is_an_error(monkeypatch):
    _english_with(monkeypatch, boundary={"left": "(?<!\\w)", "right": "(?=\\w)|$"})
    with pytest.raises(GrammarError, match=r"boundary right: lets a word character follow"):
        grammar.load_grammar("en-open-boundary")


def test_a_match_the_right_boundary_refuses_is_found_again_with_it():
    # "1990-born" is no year: the pattern alone ends before the dash, the boundary does
    # not let it, and the rule asks its pattern with the boundary, compiled then
    english = grammar.load_grammar("en")
    year = next(r for r in english.rules if r.name == "year")
    assert year.right.pattern not in year.compiled.pattern
    assert year.match_at("in 1990.", 3, 8).group() == "1990"
    assert year.match_at("1990-95 and", 0, 11).group() == "1990"  # a range: two
    assert year.compiled.match("1990-born") is not None
    assert year.match_at("1990-born", 0, 9) is None
    assert year.bounded is not None  # asked for once, kept
    found = tag("a 1990-born man, the 1990s-era law of 1990-95", date(2000, 1, 1))
    assert [(t.text, t.value) for t in found] == [
        ("1990s", "199"), ("1990", "1990"), ("95", "1995"),
    ]


def test_the_left_boundary_is_tested_once_for_all_rules():
    # no rule carries it: a start inside a word or an amount tries none of them
    english = grammar.load_grammar("en")
    assert english.left_boundary.match("midweek", 3) is None
    assert english.left_boundary.match("$1990", 1) is None
    assert english.left_boundary.match("in 1990", 3) is not None
    assert english.left_boundary.pattern not in english.rules[0].compiled.pattern
    assert [t.text for t in tag("midweek, $1990 and in 1990", date(2000, 1, 1))] == ["1990"]


def test_the_past_cues_share_the_lexicon_macro():
    english = grammar.load_grammar("en")
    assert english.any_cue(("past",), before=False).search("prices rose")
    direct = english.any_cue(("past_direct",), before=True)
    assert direct.match("prices rose in ")
    assert not direct.match("prices rose and then in ")
    assert not direct.match("a dividend payable on ")


def test_one_search_finds_the_nearest_cue_of_any_tense_and_names_it():
    english = grammar.load_grammar("en")
    before = english.any_cue(("future", "past", "present"), before=True)
    left = "The company said it will "
    found = before.search(left)
    assert found.lastgroup == "future" and left[found.start():found.end()] == "will"
    # backwards: the last cue before the expression, whichever tense it has
    assert before.search("It will say it sold ").lastgroup == "past"
    after = english.any_cue(("future", "past"), before=False)
    assert after.search("and it sold, but will ").lastgroup == "past"
    # the left-only cues are read before an expression, not after it
    assert english.any_cue(("future",), before=True).search("He vowed to return ")
    assert not english.any_cue(("future",), before=False).search(" he vowed to return")
    assert english.any_cue(("no_such_cue",), before=True) is None


def test_every_tense_cue_ends_where_the_backward_search_looks_for_one():
    """The backward cue search looks only at a word's end and at the expression: over the
    text of every rule example, it finds what the plain union of the cues finds."""
    english = grammar.load_grammar("en")
    names = ("future", "past", "present")
    guarded = english.any_cue(names, before=True)
    plain = regex.compile(
        "|".join(f"(?P<{n}>{english.cue_sources_before[n]})" for n in names),
        guarded.flags,
    )
    texts = {
        example["text"] if isinstance(example, dict) else example[0]
        for rule in english.rules for example in rule.examples
    }
    checked = 0
    for text in texts:
        for word in regex.finditer(r"\b\w", text):
            left = text[:word.start()]
            found, expected = guarded.search(left), plain.search(left)
            assert (found and (found.span(), found.lastgroup)) == (
                expected and (expected.span(), expected.lastgroup)
            ), left
            checked += 1
    assert checked > 5000


def test_word_classes_are_ascii_and_letters_beyond_it_still_bound_words():
    found = tag("Québec voted on May 5, 2022, in Montréal.", date(2022, 6, 1))
    assert [(t.text, t.value) for t in found] == [("May 5, 2022", "2022-05-05")]
    # digits of other scripts are no year
    assert tag("\u0662\u0660\u0662\u0662", date(2022, 6, 1)) == []


def test_english_sentences_end_after_a_full_stop_but_not_after_a_title():
    ends = grammar.load_grammar("en").sentence_end
    text = "He left. Dr. Smith stayed after Roe vs. Wade at 3 p.m. Then he went."
    assert [text[m.end(1):] for m in ends.finditer(text)] == [
        "Dr. Smith stayed after Roe vs. Wade at 3 p.m. Then he went.",
        "Then he went.",
    ]


@pytest.mark.parametrize(
    ("pattern", "scanned"),
    [
        (r"(?<=a)b", "b"),
        (r"(?<=a)(?<!b)c", "c"),
        (r"(?:(?<!a))b", "b"),  # a macro whose whole body is a lookbehind
        (r"(?:(?<!a)c)b", r"(?:(?<!a)c)b"),  # a group that holds more than one
        (r"b(?<=b)", r"b(?<=b)"),  # only leading ones: later ones see the prefix
    ],
)
def test_the_scan_drops_only_leading_lookbehinds(pattern, scanned):
    # a word is tested alone for which rules could start there: a lookbehind would see
    # nothing before it and reject rules that do match in context
    assert grammar._strip_lookbehind(pattern) == scanned


@pytest.mark.parametrize(
    ("pattern", "narrowing"),
    [
        (r"(?<=a)b(?!c)", "b"),
        (r"a(?!\s+(?:an|one)\b)", "a"),  # nested groups go with their lookahead
        (r"a[(?!]b(?=[)])c", "a[(?!]bc"),  # brackets and parentheses in a class are its own
        (r"a\(?!b\)", r"a\(?!b\)"),  # escaped: no group at all
        (r"(?:(?<!a)|(?<=b-))c", "(?:|)c"),
        (r"[]()]x(?!y)", "[]()]x"),  # a "]" first in a class is one of its characters
    ],
)
def test_narrowing_drops_every_lookaround(pattern, narrowing):
    assert grammar._strip_lookarounds(pattern, grammar._LOOKAROUNDS) == narrowing
    assert grammar._strip_for_automaton(pattern) == narrowing  # none of them ends it


@pytest.mark.parametrize(
    ("pattern", "read"),
    [
        (r"a(?=b)", r"a(?=b)"),  # what must follow the match: the automaton reads it on
        (r"a(?=b)|c", r"a(?=b)|c"),
        (r"(?:a(?=b)|c(?=d))", r"(?:a(?=b)|c(?=d))"),
        (r"a(?=b)(?!c)", r"a(?=b)"),  # a lookaround it drops reads nothing after it
        (r"(?<=x)a(?=b(?!c)(?=d))", r"a(?=b(?=d))"),  # within it, as in a pattern
        (r"(?:a(?=b)|c)d", r"(?:a|c)d"),  # something is read after it
        (r"(?:a(?=b))?", r"(?:a)?"),  # ... or may be, again
        (r"(?=[A-Z])ab", "ab"),
        (r"a\|(?=b)", r"a\|(?=b)"),  # an escaped bar divides nothing
        (r"[(|](?=b)", r"[(|](?=b)"),
    ],
)
def test_the_automaton_reads_a_lookahead_that_ends_the_pattern(pattern, read):
    assert grammar._strip_for_automaton(pattern) == read


@pytest.mark.parametrize(
    ("pattern", "behind"),
    [
        (r"(?<=[0-9]-)(?=jan\.?\s*[0-9])", r"(?<=[0-9]-)"),
        (r"(?<!a(?=b))c(?!d)", r"(?<!a(?=b))c"),  # a lookbehind is kept whole
        (r"(?:(?<!x)|(?=y)z)", r"(?:(?<!x)|z)"),
    ],
)
def test_the_left_boundary_for_a_piece_keeps_only_what_it_reads_behind(pattern, behind):
    assert grammar._strip_lookarounds(pattern, grammar._LOOKAHEADS) == behind


@pytest.mark.parametrize(
    ("pattern", "blind"),
    [
        (r"1[6-9][0-9]{2}", r"\d[\d6-9][\d0-9]{2}"),  # a quantifier's count stays
        (r"\u2013[0-5]\d", r"\u2013[\d0-5]\d"),  # so do an escape's digits
        (r"[^0-9]x", r"(?:[^0-9]|\d)x"),  # a negated class only grows
        (r"\x27(?:19|20)", r"\x27(?:\d\d|\d\d)"),
        (r"[a-z\u2019]{2,3}", r"[a-z\u2019]{2,3}"),
    ],
)
def test_a_figure_narrows_by_its_shape(pattern, blind):
    assert grammar._digit_blind(pattern) == blind
    regex.compile(blind)


@pytest.mark.parametrize(
    ("pattern", "blind"),
    [
        (r"(?-i:May)\s+\d", r"(?:May)\s+\d"),
        (r"(?s-ix:A)", r"(?s-x:A)"),  # the other flags stay
        (r"(?i:may)", r"(?i:may)"),
        (r"\(?-i:A\)", r"\(?-i:A\)"),  # escaped: no group at all
        (r"[(?-i:]A", r"[(?-i:]A"),  # nor in a class
    ],
)
def test_narrowing_reads_every_letter_in_either_case(pattern, blind):
    assert grammar._case_blind(pattern) == blind
    regex.compile(blind)


def test_a_figures_shape_tells_which_rules_cannot_go_on_past_it():
    english = grammar.load_grammar("en")
    assert "year" not in {r.name for r in english.rules_for("192")}  # "1920", not "192 "
    assert english.figure_cache["000"] == english.rules_for("185")  # told by the shape
    assert "year" in {r.name for r in english.rules_for("1920")}


def offered(english: grammar.Grammar, text: str) -> list[str]:
    """The rules the scan offers at the start of ``text``: those its first word may
    begin, narrowed by the automaton reading on."""
    starts = dict(_starts(english, text))
    return [r.name for r in starts.get(0, ())]


def test_a_rule_a_lookahead_guards_is_kept_until_its_exact_test():
    # past_ref wants no count after "recently": the automaton reads no lookahead, so
    # "recently announced" and "recently an hour" both keep it, and the rule's own match
    # tells them apart
    english = grammar.load_grammar("en")
    assert "past_ref" in offered(english, "recently announced")
    assert "past_ref" in offered(english, "recently an hour")
    past_ref = next(r for r in english.rules if r.name == "past_ref")
    assert past_ref.match_at("recently announced", 0, 18).group() == "recently"


def test_which_rules_a_word_can_begin():
    english = grammar.load_grammar("en")
    names = {w: {r.name for r in english.rules_for(w)} for w in ("to", "today", "may", "May")}
    assert names["to"] == set()  # "to" begins "today", but a word ends where it ends
    assert "day_word" in names["today"]
    assert names["may"] == set()  # the verb
    assert {"month_alone", "month_day"} <= names["May"]


def test_the_words_after_the_first_narrow_its_rules():
    english = grammar.load_grammar("en")
    first = {r.name for r in english.rules_for("Nov")}
    both = set(offered(english, "Nov. 8, 1990 was"))
    assert "month_day_year" in both and "month_day" in both
    assert len(both) < len(first) // 2


@pytest.mark.parametrize("prefix", ["a share", "an agreement", "the Kenyan", "the firm", "A new"])
def test_ordinary_words_leave_no_rule_open(prefix: str):
    # A lookahead placed before the word it guards ("not a capitalised season before a
    # name", "not 'a X-long'") once kept every "the Kenyan" or "a share" open as a possible
    # start, tripling the rules tried per text: the scan's speed rests on this.
    english = grammar.load_grammar("en")
    assert offered(english, prefix) == []


def test_every_value_function_that_reads_tense_gets_it():
    """The tagger reads tense only for rules whose value function is listed as needing it
    (reading it costs time); a function that uses tense but is missing from the list
    silently resolves as if the sentence had none ("Shops reopened after Easter")."""
    import dis

    from timeline_app.timex.resolve import _FUNCTIONS

    def reads_tense(fn) -> bool:
        return any(
            i.argval == "tense" and i.opname.startswith("LOAD") for i in dis.get_instructions(fn)
        )

    reading = {f"@{name}" for name, fn in _FUNCTIONS.items() if reads_tense(fn)}
    assert reading <= set(grammar._TENSE_FUNCTIONS), reading - set(grammar._TENSE_FUNCTIONS)


def test_a_language_is_compiled_once_however_it_is_named():
    # one grammar object, so that what it learns about words serves every caller
    assert grammar.load_grammar() is grammar.load_grammar("en") is grammar.load_grammar(lang="en")
