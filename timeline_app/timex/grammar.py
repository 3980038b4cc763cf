"""Loading a language's lexicon and rules (data files) into one compiled recognizer.

A language lives in ``resources/timex/<lang>/`` as two TOML files:

``lexicon.toml``
    ``[tables.NAME]`` maps phrases to normal forms (``"jan." = 1``). A phrase written
    with a capital letter matches only as written (the month "May", not the verb).
    ``[cues]`` holds regular expressions the engine uses to read tense (``future``,
    ``past``, and ``past_direct``: a past verb the expression is the adjunct of),
    and a cue named ``<tense>_left`` counts for that tense only before an expression
    ("vows to repeal the law after the November election"); ``[macros]`` are fragments
    they share, ``[segments] sentence_end`` where a sentence ends (so that "Dr." or
    "U.S." does not; it may name macros too), ``[segments] clause_start`` the words
    that begin a clause of its own after an expression ("said Monday that he would")
    and ``[segments] year_modifier`` the words before a year that make it no date of
    its sentence ("the 2008 law").
``rules.toml``
    ``[macros]`` are named regex fragments; ``[[rule]]`` entries have a ``pattern``,
    TIMEX3 ``type``, a ``value`` template, an optional ``mod``, and ``examples``.
    ``[[modifier]]`` entries are prefixes/suffixes that attach to any expression
    ("early", "or so") and set its ``mod``.

In patterns, ``{name}`` is a capturing reference to a table or macro, and
``{alias=name}`` captures a second one under another name. Each rule compiles to its
own regex, and again without its left context to tell which words can start it (see
:meth:`Grammar.rules_for`); all the rules' patterns, read wide, also make one automaton
(:mod:`timeline_app.timex.heads`) that narrows a word's rules by the text after it, so the
rules only run where one of them may match, and the longest match there wins.
``[boundary] left`` and ``right`` say where any expression may begin and end; they are
compiled once and tested apart from the rules (see :meth:`Rule.match_at`).
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from timeline_app.timex.heads import HeadAutomaton

#: ASCII: the rules are English and say what they mean by a dash or a quote; an ASCII
#: \w, \d and case folding are cheaper for the engine at every character it tries, and
#: keep digits of other scripts from being read as years.
_FLAGS = regex.IGNORECASE | regex.VERSION0 | regex.ASCII
#: Where a tense cue ends: at a word's end, or at the expression it is read for.
_CUE_END = r"(?:(?<=\w)(?!\w)|\Z)"
_REF = re.compile(r"\{(?:(?P<alias>[a-z_][a-z0-9_]*)=)?(?P<name>[a-z_][a-z0-9_]*)\}")
#: What the rules' patterns and prefix tests ask of a match's end, in place of the
#: grammar's right boundary: no word character follows. The boundary asks that and more
#: (each of its exceptions begins with a dash or a slash): a prefix test can then only
#: keep too many rules, and a match is tested against the boundary after it is found
#: (see :meth:`Rule.match_at`). The boundary, half a kilobyte of pattern, is compiled
#: once, not into every rule twice (1.6 s of every start-up).
_WORD_END = r"(?!\w)"


#: Value functions whose result depends on the tense around the expression.
_TENSE_FUNCTIONS = (
    "@weekday", "@month", "@season", "@part", "@weekend", "@clock", "@holiday", "@nthweekday",
    "@easter", "@dayof", "@nextref", "@relref", "@lunar",
)


#: Characters that can follow a word inside an expression ("Nov. 8", "mid-1990s", "'90s").
_FOLLOWERS = (" ", "\n", ".", "-", ",", "'", "\u2019", "/", ":", ")", "\u2013")


class GrammarError(ValueError):
    """A rule file is malformed; the message names the file and the rule."""


@dataclass(slots=True, eq=False)  # a rule is itself: kept in sets and keys by identity
class Rule:
    name: str
    type: str
    value: str
    pattern: str
    mod: str | None = None
    priority: int = 0
    examples: list = field(default_factory=list)
    #: capture alias -> the tables or macros it captures (one per alternative)
    captures: dict[str, list[str]] = field(default_factory=dict)
    #: The pattern, ending where no word character follows (see :meth:`match_at`). The
    #: grammar's boundaries are not in it: the left one, the same for every rule, is
    #: tested once where a match may start (:attr:`Grammar.left_boundary`), the right
    #: one after a match; each copy of them would cost its memory, its compiling and its
    #: test. Compiled when the rule is first tried (see :attr:`compiled`).
    source: str = ""
    _compiled: regex.Pattern | None = None
    #: The grammar's right boundary, and the pattern with it at its end, compiled when a
    #: match first ends where the boundary does not let it (see :meth:`match_at`).
    right: regex.Pattern | None = None
    bounded_source: str = ""
    bounded: regex.Pattern | None = None
    #: The pattern without leading lookbehinds, ending where no word character follows
    #: (:data:`_WORD_END`), for testing whether a prefix could start a match.
    prefix_test: regex.Pattern | None = None
    #: The pattern without lookarounds (but a lookahead that ends it), digit- and
    #: case-blind: what the automaton of all the rules reads (:attr:`Grammar.heads`; see
    #: :func:`_strip_for_automaton`, :func:`_digit_blind` and :func:`_case_blind`).
    narrow_source: str = ""
    group: str = ""
    #: Whether the value function reads tense (weekdays, month names...).
    needs_tense: bool = False
    #: Whether the value reads the matched text itself ({_text} or {_raw}).
    needs_text: bool = False

    @property
    def compiled(self) -> regex.Pattern:
        """The rule's pattern (:attr:`source`), compiled when first asked for: an article
        tries a rule in seven (the automaton rules out the others wherever they could
        begin), and compiling them all was a third of the grammar's load. (Its syntax
        was checked as the grammar loaded: see :func:`_compile_rule`.)"""
        if self._compiled is None:
            try:
                self._compiled = regex.compile(self.source, _FLAGS)
            except regex.error as exc:
                raise GrammarError(f"rule {self.name}: bad pattern: {exc}") from exc
        return self._compiled

    def match_at(self, text: str, start: int, stop: int) -> regex.Match | None:
        """The rule's match at ``start`` (within ``stop``), ending where the grammar's
        right boundary lets it.

        The pattern without the boundary, ending only where no word character follows,
        finds the same match whenever the boundary lets its end be (the boundary never
        lets a word character follow, so every path the engine tried before was refused
        by both). Otherwise, as in "1990-born" or "a 5-year-old", the pattern with the
        boundary is asked, which backtracks to an end the boundary lets be, if any.
        """
        found = self.compiled.match(text, start, stop)
        if found is None or self.right.match(text, found.end(), stop) is not None:
            return found
        if self.bounded is None:
            self.bounded = regex.compile(self.bounded_source, _FLAGS)
        return self.bounded.match(text, start, stop)


@dataclass(slots=True)
class Modifier:
    name: str
    pattern: str
    mod: str
    position: str  # "prefix" or "suffix"
    types: tuple[str, ...]
    compiled: regex.Pattern | None = None
    examples: list = field(default_factory=list)
    #: Only expressions found by these rules take the modifier (empty: any rule). "about"
    #: makes "about two years ago" approximate but is a preposition in "about Monday's vote".
    rules: tuple[str, ...] = ()
    #: Text right after the expression that keeps the modifier off: "the end of" qualifies
    #: "tomorrow" but not "tomorrow's session".
    not_before: regex.Pattern | None = None


@dataclass(slots=True)
class Grammar:
    lang: str
    tables: dict[str, dict[str, object]]
    rules: list[Rule]
    modifiers: list[Modifier]
    #: The expanded pattern text of each tense cue, as read after an expression and as
    #: read before it (left-only cues included); compiled by :meth:`any_cue`.
    cue_sources: dict[str, str]
    cue_sources_before: dict[str, str]
    #: Matches where a sentence ends (its first group, if any, is the space between two
    #: sentences); tense is read within one sentence.
    sentence_end: regex.Pattern
    #: The start of a clause of its own after an expression: its tense cues are not the
    #: expression's ("told reporters on Monday that he would seek"). None: no such words.
    clause_start: regex.Pattern | None
    #: The words before a year that make it no date of the sentence's own ("the 2008
    #: law", "since 2009"), matched at the end of the text before it.
    year_modifier: regex.Pattern
    #: Any prefix / suffix modifier at all: a quick test before trying each one.
    any_prefix: regex.Pattern
    any_suffix: regex.Pattern
    #: Where an expression may begin at all (``[boundary] left``): not inside a word, a
    #: figure or an amount.
    left_boundary: regex.Pattern
    #: The same without its lookaheads, which may read past the next space: a word it
    #: rejects begins nothing, whatever follows (see
    #: :func:`timeline_app.timex.tagger._learn_piece`).
    left_boundary_behind: regex.Pattern
    #: The rules the automaton (:attr:`heads`) lets a word begin, as its exact tests
    #: tell them (see :meth:`rules_for`).
    start_cache: dict[str, tuple[Rule, ...]] = field(default_factory=dict)
    #: What the scan needs of each distinct piece of text between two spaces: the words
    #: in it that may begin an expression (see :func:`timeline_app.timex.tagger._starts`).
    piece_cache: dict[str, tuple] = field(default_factory=dict)
    #: The rules that could begin with a text's first characters, read as the narrowing
    #: patterns read them: one automaton for all the rules, built as texts ask.
    heads: HeadAutomaton | None = None
    #: The rules a word that begins with a digit may begin, per shape (see
    #: :meth:`rules_for`).
    figure_cache: dict[str, tuple[Rule, ...]] = field(default_factory=dict)
    #: The rules of a word that the text after it leaves (see :meth:`both` and
    #: :func:`timeline_app.timex.tagger._starts`), per pair of answers.
    near_cache: dict[tuple[tuple[Rule, ...], tuple[Rule, ...]], tuple[Rule, ...]] = field(
        default_factory=dict
    )
    #: Captured text read as a number (:func:`timeline_app.timex.tagger._number`).
    number_cache: dict[str, object] = field(default_factory=dict)
    #: Per rule, the prefix and the suffix modifiers that may qualify what it finds.
    modifier_cache: dict[str, tuple[tuple[Modifier, ...], tuple[Modifier, ...]]] = field(
        default_factory=dict
    )
    #: One pattern per choice of cues (see :meth:`any_cue`).
    cue_union_cache: dict[tuple[tuple[str, ...], bool], regex.Pattern | None] = field(
        default_factory=dict
    )

    def forget(self) -> None:
        """Empty what was learnt of the texts read so far (which rules each word may
        begin, the automaton's steps, the numbers read): the next text is read as by a
        process that has only compiled the rules. Speed on text never seen is measured
        this way."""
        for learnt in (
            self.start_cache, self.piece_cache, self.figure_cache,
            self.near_cache, self.number_cache,
        ):
            learnt.clear()
        self.heads.forget()
        _fold.cache_clear()

    def any_cue(self, names: tuple[str, ...], before: bool) -> regex.Pattern | None:
        """The named cues as one pattern, each in a group of its name, in the given order:
        one search finds the nearest cue of any of them, and stops there, where a search
        per cue reads the whole clause for every cue it does not hold. ``before``: the
        form matched backwards, with the left-only cues (see :data:`_LEFT_ONLY`): the cue
        nearest before an expression is the first one found from its start, and a match
        is anchored at the expression. None: no such cue.
        """
        key = (names, before)
        if key not in self.cue_union_cache:
            source = self.cue_sources_before if before else self.cue_sources
            parts = [f"(?P<{name}>{source[name]})" for name in names if name in source]
            pattern = "|".join(parts)
            if before and parts:
                # read backwards, a cue is tried at each position from the expression; as
                # every cue ends at a word's end or at the expression (see the lexicon),
                # one test first lets all the others pass over the rest
                pattern = f"(?:{pattern}){_CUE_END}"
            flags = _FLAGS | regex.REVERSE if before else _FLAGS
            self.cue_union_cache[key] = regex.compile(pattern, flags) if parts else None
        return self.cue_union_cache[key]

    def modifiers_for(self, rule: Rule) -> tuple[tuple[Modifier, ...], tuple[Modifier, ...]]:
        """The prefix and suffix modifiers, in file order, that apply to ``rule``'s type
        (and, for a modifier limited to some rules, to ``rule`` itself)."""
        found = self.modifier_cache.get(rule.name)
        if found is None:
            fits = [
                m for m in self.modifiers
                if rule.type in m.types and (not m.rules or rule.name in m.rules)
            ]
            found = (
                tuple(m for m in fits if m.position == "prefix"),
                tuple(m for m in fits if m.position == "suffix"),
            )
            self.modifier_cache[rule.name] = found
        return found

    def rules_for(self, word: str) -> tuple[Rule, ...]:
        """The rules that could match text beginning with ``word`` (and a character that
        may follow a word in an expression, or nothing).

        The automaton of the rules' narrowing patterns (see :attr:`heads`) leaves the few
        rules the word is then tested against exactly (case and lookaheads told: "may" the
        verb begins no month), and the answer is kept per distinct word: the scan costs a
        dictionary lookup for the many words that begin no time expression.

        A word that begins with a digit is the exception: it is answered by its shape,
        every digit read as 0, with no test of its own. Nearly every figure in a story is
        new, and a rule that cannot begin with it is told apart by what follows it (see
        :func:`timeline_app.timex.tagger._starts`).
        """
        known = self.start_cache.get(word)
        if known is None:
            if word[:1] in _DIGITS:
                known = self._figure_rules(word.translate(_BLIND))
            elif candidates := self.heads.rules_ending(word.translate(_BLIND)):
                known = tuple(r for r in candidates if _could_begin(r, word))
            else:  # as most words: none to test
                known = ()
            remember(self.start_cache, word, known, 200_000)
        return known

    def _figure_rules(self, shape: str) -> tuple[Rule, ...]:
        """The rules that could begin with a word of this shape (digits read as 0) and a
        character that may follow a word in an expression, or end there: more than any one
        figure of the shape may begin ("2999" begins no year, "1999" does)."""
        found = self.figure_cache.get(shape)
        if found is None:
            found = self.heads.rules_ending(shape, exact=True)
            remember(self.figure_cache, shape, found, 50_000)
        return found

    def both(self, within: tuple[Rule, ...], near: tuple[Rule, ...]) -> tuple[Rule, ...]:
        """The rules in both answers (a word's rules, and those the automaton leaves
        reading on from it), in grammar order; kept per pair of answers (the same few
        meet again and again: see :attr:`near_cache`)."""
        kept = set(near)
        return remember(
            self.near_cache, (within, near), tuple(r for r in within if r in kept), 50_000
        )

    def normalise(self, table: str, text: str) -> object:
        """The table's normal form for a captured phrase (None if absent)."""
        return self.tables[table].get(_fold(text))


def remember(cache: dict, key: object, answer: object, limit: int) -> object:
    """``answer``, kept in ``cache`` for ``key``; a cache holding more than ``limit``
    answers is emptied first (what the tagger learns of texts is bounded, and relearnt
    when needed)."""
    if len(cache) > limit:
        cache.clear()
    cache[key] = answer
    return answer


def _could_begin(rule: Rule, prefix: str) -> bool:
    """Whether ``rule`` could match text that begins with ``prefix`` and a non-word
    character (the prefix ends at a word's end: "to" could begin "today" but "to " begins
    no expression), or ends there."""
    found = rule.prefix_test.match(prefix, partial=True)
    if found is None:
        return False
    if not found.partial:
        return True
    return any(rule.prefix_test.match(prefix + c, partial=True) is not None for c in _FOLLOWERS)


_DASHES = re.compile("[-\u2010-\u2013]")


@functools.lru_cache(maxsize=8192)  # the same captured words recur
def _fold(text: str) -> str:
    """The lookup key of a table phrase, and of the text a table's regex matched: a hyphen
    in a phrase matches any dash or none ("July\u2013September", "twentyfour"), so none
    of them counts."""
    return " ".join(_DASHES.sub("", text.lower().replace("\u2019", "'")).split())


def _phrase_regex(phrase: str) -> str:
    cased = any(c.isupper() for c in phrase)
    parts = [regex.escape(p) for p in phrase.split()]
    body = r"\s+".join(parts)
    body = body.replace(r"\-", r"[-\u2010-\u2013]?").replace("'", "['\u2019]")
    return f"(?-i:{body})" if cased else body


def _table_regex(entries: dict[str, object]) -> str:
    phrases = sorted(entries, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(_phrase_regex(p) for p in phrases) + ")"


class _Expander:
    """Expands ``{ref}`` in patterns, macros first, tables as alternations."""

    def __init__(self, tables: dict[str, dict], macros: dict[str, str], source: str) -> None:
        self.tables = tables
        self.macros = macros
        self.source = source
        self._table_cache = {name: _table_regex(entries) for name, entries in tables.items()}
        self._macro_cache: dict[str, str] = {}

    def plain(self, name: str, stack: tuple[str, ...] = ()) -> str:
        """A reference's regex with no capturing groups."""
        if name in self._table_cache:
            return self._table_cache[name]
        if name in self._macro_cache:
            return self._macro_cache[name]
        if name not in self.macros:
            raise GrammarError(f"{self.source}: unknown reference {{{name}}}")
        if name in stack:
            raise GrammarError(f"{self.source}: macro {{{name}}} refers to itself")
        body = _REF.sub(lambda m: self.plain(m["name"], (*stack, name)), self.macros[name])
        self._macro_cache[name] = f"(?:{body})"
        return self._macro_cache[name]

    def capturing(self, pattern: str, prefix: str, rule: str) -> tuple[str, dict[str, str]]:
        captures: dict[str, list[str]] = {}

        def sub(m: re.Match) -> str:
            name = m["name"]
            alias = m["alias"] or name
            refs = captures.setdefault(alias, [])
            if name not in refs:
                refs.append(name)
            return f"(?P<{prefix}{alias}>{self.plain(name)})"

        return _REF.sub(sub, pattern), captures

    def expand(self, pattern: str) -> str:
        """A pattern with every reference expanded, capturing nothing."""
        return _REF.sub(lambda m: self.plain(m["name"]), pattern)


def _class_end(pattern: str, start: int) -> int:
    """The offset just past the character class that opens at ``start`` (a "]" first in
    it, after any "^", is one of its characters)."""
    i = start + 1
    if pattern.startswith("^", i):
        i += 1
    if pattern.startswith("]", i):
        i += 1
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i + 1
        i += 1
    return len(pattern)


def _group_end(pattern: str, start: int) -> int:
    """The offset just past the group that opens at ``start`` (len(pattern) if unclosed)."""
    depth, i = 0, start
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(pattern)


_LOOKAHEADS = ("(?=", "(?!")
_LOOKAROUNDS = (*_LOOKAHEADS, "(?<=", "(?<!")
#: The lookarounds the automaton never reads (see :func:`_strip_for_automaton`).
_UNREAD = ("(?!", "(?<=", "(?<!")


def _rewrite(
    pattern: str,
    special: Callable[[str, int], tuple[str, int] | None] | None = None,
    on_class: Callable[[str], str] | None = None,
) -> str:
    """A copy of the pattern in which escapes and character classes are read whole (a
    class as ``on_class`` rewrites it), and ``special`` may rewrite what begins at an
    offset: (its replacement, the offset after it), or None to copy one character. The
    rewritings below need to tell a group or a digit from an escaped or a class's one."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            end = _escape_end(pattern, i)
            out.append(pattern[i:end])
            i = end
        elif ch == "[":
            end = _class_end(pattern, i)
            out.append(on_class(pattern[i:end]) if on_class else pattern[i:end])
            i = end
        elif special is not None and (done := special(pattern, i)) is not None:
            text, i = done
            out.append(text)
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _strip_lookarounds(pattern: str, kinds: tuple[str, ...]) -> str:
    """The pattern without its lookarounds of the given ``kinds`` (a lookaround kept is
    kept whole, with whatever it holds): it matches all the pattern matches and more."""

    def lookaround(pattern: str, i: int) -> tuple[str, int] | None:
        if not pattern.startswith(_LOOKAROUNDS, i):
            return None
        end = _group_end(pattern, i)
        return ("" if pattern.startswith(kinds, i) else pattern[i:end]), end

    return _rewrite(pattern, lookaround)


def _strip_for_automaton(pattern: str) -> str:
    """The pattern without its lookarounds, but for a lookahead that ends it (one that
    nothing the pattern reads comes after, in any of its alternatives): the automaton of
    all the rules reads that one on as the rest of the pattern, since text that begins
    with a match begins with what the lookahead wants too (see
    :class:`timeline_app.timex.heads.HeadAutomaton`). "from 12 to 14 May" may begin a
    range at "12"; "12 were killed" may not, which the rest of the pattern, without its
    lookahead, could not tell. It matches all the pattern matches and more, and a partial
    match of it can only over-approximate, which a negative lookahead would break where
    the text is cut short: "recently an" looks like "recently an hour" to a rule that
    wants no count after "recently", though "recently announced" is one of its
    matches."""
    ends = _alternative_ends(pattern)

    def lookaround(pattern: str, i: int) -> tuple[str, int] | None:
        if not pattern.startswith(_LOOKAROUNDS, i):
            return None
        end = _group_end(pattern, i)
        if pattern.startswith("(?=", i) and _ends_pattern(pattern, end, ends):
            return f"(?={_strip_for_automaton(pattern[i + 3:end - 1])})", end
        return "", end

    return _rewrite(pattern, lookaround)


def _alternative_ends(pattern: str) -> dict[int, int]:
    """Where each "|" of the pattern leads once its alternative has matched: the offset
    of the ")" closing the group it divides, or the pattern's end."""
    ends: dict[int, int] = {}
    bars: list[list[int]] = [[]]
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i = _escape_end(pattern, i)
            continue
        if ch == "[":
            i = _class_end(pattern, i)
            continue
        if ch == "(":
            bars.append([])
        elif ch == ")" and len(bars) > 1:
            ends.update(dict.fromkeys(bars.pop(), i))
        elif ch == "|":
            bars[-1].append(i)
        i += 1
    for level in bars:
        ends.update(dict.fromkeys(level, len(pattern)))
    return ends


def _ends_pattern(pattern: str, at: int, ends: dict[int, int]) -> bool:
    """Whether the pattern reads nothing after offset ``at``: only the ends of groups
    (not repeated), of alternatives and lookarounds the automaton does not read come
    after it."""
    while at < len(pattern):
        ch = pattern[at]
        if ch == ")":
            at += 1
            if pattern[at:at + 1] in ("?", "*", "+", "{"):
                return False
        elif pattern.startswith(_UNREAD, at):  # (stripped: it reads nothing)
            at = _group_end(pattern, at)
        elif ch == "|":
            at = ends[at]
        else:
            return False
    return True


_ESCAPE_LENGTHS = {"u": 6, "U": 10, "x": 4}
_QUANTIFIER = regex.compile(r"\{\d*(?:,\d*)?\}")
_DIGITS = "0123456789"
#: Every digit read as 0 and every ASCII capital as its small letter: the key of the
#: narrowing steps (see :func:`_digit_blind` and :func:`_case_blind`).
_BLIND = str.maketrans(
    "123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", "000000000abcdefghijklmnopqrstuvwxyz"
)


def _escape_end(pattern: str, i: int) -> int:
    """The offset just past the escape at ``i`` ("\\u2013", "\\x27", "\\d"...)."""
    kind = pattern[i + 1:i + 2]
    if kind in ("x", "N", "p", "P") and pattern.startswith("{", i + 2):
        return pattern.find("}", i + 2) + 1 or len(pattern)
    return i + _ESCAPE_LENGTHS.get(kind, 2)


def _names_a_digit(body: str) -> bool:
    """Whether a character class names a digit of its own (not within an escape)."""
    i = 1
    while i < len(body):
        if body[i] == "\\":
            i = _escape_end(body, i)
        elif body[i] in _DIGITS:
            return True
        else:
            i += 1
    return False


def _digit_blind(pattern: str) -> str:
    """The pattern with every digit it names standing for any digit: it matches all the
    pattern matches and more, and it matches a text as it matches the text with each digit
    read as 0. Narrowing a figure's rules by its first characters then takes steps shared
    by every figure of its shape ("1955 q" and "1988 q" are both "0000 q"), where nearly
    every figure in a story is new."""

    def blind_class(body: str) -> str:
        if not _names_a_digit(body):
            return body
        # a figure's digit is any digit: "[0-3]" is "[\d0-3]", "[^0-9]" grows into
        # "(?:[^0-9]|\d)", either way a class that takes more
        return f"(?:{body}|\\d)" if body.startswith("[^") else "[\\d" + body[1:]

    def digit(pattern: str, i: int) -> tuple[str, int] | None:
        if pattern[i] == "{" and (q := _QUANTIFIER.match(pattern, i)):
            return q.group(), q.end()  # a count, not a digit
        return ("\\d", i + 1) if pattern[i] in _DIGITS else None

    return _rewrite(pattern, digit, blind_class)


#: A group's flags that turn case folding off for it: "(?-i:", "(?s-ix:"...
_CASE_SENSITIVE = regex.compile(r"\(\?([a-zA-Z]*)-([a-zA-Z]*i[a-zA-Z]*):")


def _case_blind(pattern: str) -> str:
    """The pattern with no part of it matched as written: it matches all the pattern
    matches and more, and it matches a text as it matches the text in small letters (ASCII
    patterns, folded as ASCII). "The co" and "the co", "MAY" and "May" then take the same
    narrowing steps; the exact tests that follow keep "May" the month and "may" the verb."""

    def case_flags(pattern: str, i: int) -> tuple[str, int] | None:
        if not (flags := _CASE_SENSITIVE.match(pattern, i)):
            return None
        on, off = flags.group(1), flags.group(2).replace("i", "")
        return (f"(?{on}-{off}:" if off else f"(?{on}:"), flags.end()

    return _rewrite(pattern, case_flags)


def _strip_lookbehind(pattern: str) -> str:
    """Drop leading lookbehinds: a lone prefix has no text before it to look at.

    A lookbehind may stand alone or be a macro's whole body (``(?:(?<!...))``).
    """
    while True:
        if pattern.startswith(("(?<=", "(?<!")):
            end = _group_end(pattern, 0)
        elif pattern.startswith(("(?:(?<=", "(?:(?<!")):
            end = _group_end(pattern, 0)
            if _group_end(pattern, 3) != end - 1:  # the group holds more than the lookbehind
                return pattern
        else:
            return pattern
        if end >= len(pattern) and not pattern.endswith(")"):
            return pattern
        pattern = pattern[end:]


def _load_toml(lang: str, name: str) -> tuple[dict, str]:
    res = importlib.resources.files("timeline_app.resources") / "timex" / lang / name
    source = f"resources/timex/{lang}/{name}"
    try:
        text = res.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise GrammarError(f"{source}: no such rule file (unknown language {lang!r}?)") from exc
    try:
        return tomllib.loads(text), source
    except tomllib.TOMLDecodeError as exc:
        raise GrammarError(f"{source}: {exc}") from exc


def _fold_tables(raw: dict[str, dict]) -> dict[str, dict[str, object]]:
    return {name: {_fold(k): v for k, v in entries.items()} for name, entries in raw.items()}


def _compile_rule(
    index: int, spec: dict, expander: _Expander, source: str, right: regex.Pattern
) -> Rule:
    name = spec.get("name") or f"rule{index}"
    for key in ("pattern", "type", "value"):
        if key not in spec:
            raise GrammarError(f"{source}: rule {name} has no {key}")
    group = f"r{index}"
    body, captures = expander.capturing(spec["pattern"], group + "_", name)
    try:
        expanded = expander.expand(spec["pattern"])
        opening = _strip_lookbehind(expanded)
        prefix_test = regex.compile(f"(?:{opening}){_WORD_END}", _FLAGS)
        if len(opening) < len(expanded):  # the rest of the pattern's syntax, checked now
            regex.compile(expanded[: len(expanded) - len(opening)], _FLAGS)
        narrow_source = _case_blind(_digit_blind(_strip_for_automaton(expanded)))
    except regex.error as exc:
        raise GrammarError(f"{source}: rule {name}: bad pattern: {exc}") from exc
    return Rule(
        name=name, type=spec["type"], value=spec["value"], pattern=spec["pattern"],
        mod=spec.get("mod") or None, priority=int(spec.get("priority", 0)),
        examples=spec.get("examples", []), captures=captures, group=group,
        needs_tense=spec["value"].startswith(_TENSE_FUNCTIONS),
        needs_text="{_text}" in spec["value"] or "{_raw}" in spec["value"],
        source=f"(?:{body}){_WORD_END}", prefix_test=prefix_test, narrow_source=narrow_source,
        right=right, bounded_source=f"(?:{body}){right.pattern}",
    )


def _compile_boundary(pattern: str, source: str, side: str) -> regex.Pattern:
    try:
        compiled = regex.compile(pattern, _FLAGS)
    except regex.error as exc:
        raise GrammarError(f"{source}: boundary {side}: bad pattern: {exc}") from exc
    if side == "right" and any(compiled.match(c) for c in "aZ0_"):
        # the rules end where no word character follows, and are told the rest by it
        raise GrammarError(f"{source}: boundary right: lets a word character follow")
    return compiled


def _compile_modifier(spec: dict, expander: _Expander) -> Modifier:
    body = expander.expand(spec["pattern"])
    position = spec.get("position", "prefix")
    if position == "prefix":  # it must end where the expression begins: match backwards
        compiled = regex.compile(rf"(?<![\w\-])(?:{body})$", _FLAGS | regex.REVERSE)
    else:
        compiled = regex.compile(rf"^(?:{body})(?![\w\-])", _FLAGS)
    return Modifier(
        name=spec["name"], pattern=spec["pattern"], mod=spec["mod"], position=position,
        types=tuple(spec.get("types", ("DATE", "TIME", "DURATION"))), compiled=compiled,
        examples=spec.get("examples", []), rules=tuple(spec.get("rules", ())),
        not_before=(
            regex.compile(expander.expand(spec["not_before"]), _FLAGS)
            if spec.get("not_before") else None
        ),
    )


def _union(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns) or "(?!)"


def load_grammar(lang: str = "en") -> Grammar:
    """The compiled grammar of a language (cached: compiled once per process, however the
    language is passed: ``load_grammar()`` and ``load_grammar("en")`` are one grammar)."""
    return _compiled_grammar(lang)


#: A cue named "<tense>_left" counts only before an expression: "vowed to repeal the law
#: after the November election" looks ahead, "On Monday, Obama vowed to act" does not.
_LEFT_ONLY = "_left"


def _with_left_only(cues: dict[str, str], name: str) -> str:
    extra = cues.get(name + _LEFT_ONLY)
    return f"(?:{cues[name]})|(?:{extra})" if extra else cues[name]


@functools.cache
def _compiled_grammar(lang: str) -> Grammar:
    lexicon, _ = _load_toml(lang, "lexicon.toml")
    rules_doc, source = _load_toml(lang, "rules.toml")
    raw_tables = lexicon.get("tables", {})
    # The lexicon may name fragments too (its tense cues share one), the rules see them
    lexicon_macros, rule_macros = lexicon.get("macros", {}), rules_doc.get("macros", {})
    if clash := sorted(set(lexicon_macros) & set(rule_macros)):
        raise GrammarError(f"{source}: macros defined in both lexicon and rules: {clash}")
    expander = _Expander(raw_tables, {**lexicon_macros, **rule_macros}, source)
    boundary = rules_doc.get("boundary", {})
    left = boundary.get("left", r"(?<!\w)")
    right = _compile_boundary(boundary.get("right", _WORD_END), source, "right")
    specs = rules_doc.get("rule", [])
    rules = [_compile_rule(i, spec, expander, source, right) for i, spec in enumerate(specs)]
    modifiers = [_compile_modifier(spec, expander) for spec in rules_doc.get("modifier", [])]
    names = {rule.name for rule in rules}
    for modifier in modifiers:
        unknown = sorted(set(modifier.rules) - names)
        if unknown:
            raise GrammarError(f"{source}: modifier {modifier.name} names no rule {unknown}")
    prefixes = [expander.expand(m.pattern) for m in modifiers if m.position == "prefix"]
    suffixes = [expander.expand(m.pattern) for m in modifiers if m.position == "suffix"]
    segments = lexicon.get("segments", {})
    cues = lexicon.get("cues", {})
    cue_sources = {
        name: expander.expand(pattern)
        for name, pattern in cues.items() if not name.endswith(_LEFT_ONLY)
    }
    cue_sources_before = {
        name: expander.expand(_with_left_only(cues, name)) for name in cue_sources
    }
    return Grammar(
        lang=lang, tables=_fold_tables(raw_tables),
        rules=rules, modifiers=modifiers,
        heads=HeadAutomaton(
            rules, [rule.narrow_source for rule in rules], "".join(_FOLLOWERS)
        ),
        sentence_end=regex.compile(
            expander.expand(segments.get("sentence_end", r"(?<=[.!?])\s+")), _FLAGS
        ),
        clause_start=(
            regex.compile(segments["clause_start"], _FLAGS)
            if "clause_start" in segments else None
        ),
        year_modifier=regex.compile(segments.get("year_modifier", r"(?!)"), _FLAGS),
        cue_sources=cue_sources, cue_sources_before=cue_sources_before,
        any_prefix=regex.compile(
            rf"(?<![\w\-])(?:{_union(prefixes)})$", _FLAGS | regex.REVERSE
        ),
        any_suffix=regex.compile(rf"^(?:{_union(suffixes)})(?![\w\-])", _FLAGS),
        left_boundary=_compile_boundary(left, source, "left"),
        left_boundary_behind=_compile_boundary(
            _strip_lookarounds(left, _LOOKAHEADS), source, "left"
        ),
    )
