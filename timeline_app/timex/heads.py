"""Which rules may begin with a text's first characters, told by one automaton for all.

The scan asks, for each word that may begin an expression and then for the text after it,
which rules could match text that begins so. A regex per rule answers that by a partial
match, one call per rule and per prefix; the rules' patterns together make one automaton
instead, each of its states the set of rules still alive (or already matched) after the
characters read, and each step from a state to the next computed once, when first needed:
after a few articles, reading on from a word costs a dictionary lookup per character.

The automaton reads the rules' narrowing patterns (see
:attr:`timeline_app.timex.grammar.Rule.narrow_source`: no lookaround but one that ends a
pattern, every digit read as 0, no part matched as written) through Python's own regex
parser. What a lookahead that ends a pattern wants must follow the match, so it is read on
as the rest of the pattern: "12" may begin "12 to 14 May" but not "12 were killed". The
rest it reads wide where it is hard to read exactly: an anchor or another lookaround holds
anywhere, a count beyond a few repeats is any count, an atomic group backtracks. Its
answer can then only hold more rules than a partial match would, never fewer: the exact
tests that follow tell the rest.
"""

from __future__ import annotations

import re
import warnings
from array import array
from collections.abc import Sequence
from re import _constants as C  # noqa: N812 (the parser's opcode names)
from re import _parser

#: A count of repeats beyond this is read as any count: "[^.]{0,60}" as "[^.]*" (the
#: automaton only ever answers wider for it, and stays small).
_COUNT_LIMIT = 6
_ASCII = [chr(i) for i in range(128)]
#: How the patterns are read: as the grammar compiles them, ASCII, folding case (the
#: automaton folds case itself, both ways, whatever a pattern says).
_PARSE_FLAGS = re.IGNORECASE | re.ASCII
_STATE_LIMIT = 50_000  # states of the determinised automaton kept (then rebuilt lazily)
_NOTHING: frozenset[int] = frozenset()


class PatternError(ValueError):
    """A pattern uses what the automaton cannot read (a back-reference). Syntax of the
    regex module that Python's parser refuses or reads otherwise counts the same."""


def _class_test(items: list) -> tuple[frozenset[str], object]:
    """The ASCII characters a class matches, case folded both ways, and a test for the
    rest (None: no other character)."""

    def raw(ch: str) -> bool:
        code = ord(ch)
        negate = False
        hit = False
        for op, av in items:
            if op is C.NEGATE:
                negate = True
            elif op is C.LITERAL:
                hit = hit or code == av
            elif op is C.RANGE:
                hit = hit or av[0] <= code <= av[1]
            elif op is C.CATEGORY:
                hit = hit or _category(av, ch)
            else:
                raise PatternError(f"class item {op}")
        return hit != negate

    ascii_hits = frozenset(
        ch for ch in _ASCII if raw(ch) or raw(ch.swapcase())
    )
    # a class may match a character beyond ASCII: negated, with such a character or range
    # of its own, or with an escape such as \s, \S or \W
    others = raw if any(
        op is C.NEGATE
        or op is C.RANGE and av[1] > 127
        or op is C.LITERAL and av > 127
        or op is C.CATEGORY and av in _WIDE_CATEGORIES
        for op, av in items
    ) else None
    return ascii_hits, others


#: The class escapes that match characters beyond ASCII.
_WIDE_CATEGORIES = (
    C.CATEGORY_NOT_DIGIT, C.CATEGORY_NOT_WORD, C.CATEGORY_SPACE, C.CATEGORY_NOT_SPACE
)


def _category(category: object, ch: str) -> bool:
    """A class escape read as ASCII (the grammar compiles its patterns so); a space is
    any space, as wide as any engine may read it."""
    ascii = ch < "\x80"
    if category is C.CATEGORY_DIGIT:
        return ascii and ch.isdigit()
    if category is C.CATEGORY_NOT_DIGIT:
        return not (ascii and ch.isdigit())
    if category is C.CATEGORY_WORD:
        return ascii and (ch.isalnum() or ch == "_")
    if category is C.CATEGORY_NOT_WORD:
        return not (ascii and (ch.isalnum() or ch == "_"))
    if category is C.CATEGORY_SPACE:
        return ch.isspace()
    if category is C.CATEGORY_NOT_SPACE:
        return ch not in " \t\n\r\f\v"
    raise PatternError(f"class escape {category}")


def _char_test(op: object, av: object) -> tuple[frozenset[str], object]:
    """The test of a step that reads one character (see :func:`_class_test`)."""
    if op is C.LITERAL:
        ch = chr(av)
        if ch < "\x80":
            return frozenset({ch, ch.swapcase()}), None
        return frozenset(), lambda c: c == ch
    if op is C.NOT_LITERAL:
        ch = chr(av)
        return frozenset(c for c in _ASCII if c.lower() != ch.lower()), lambda c: c != ch
    if op is C.ANY:
        return frozenset(_ASCII) - {"\n"}, lambda c: True
    return _class_test(av)


def _first_step(items: list) -> object:
    """What a branch's first step reads, as the automaton tells steps apart (an ASCII
    letter in either case alike), if it reads one character; else None."""
    if not items:
        return None
    op, av = items[0]
    if op is C.LITERAL:
        ch = chr(av)
        return ch.lower() if ch < "\x80" else ch
    if op is C.IN:
        return (op, tuple(av))
    if op in (C.NOT_LITERAL, C.ANY):
        return (op, av)
    return None


class _Nfa:
    """Thompson's construction: per state, the states it reaches reading nothing, and the
    one step it takes on a character (its test and its target)."""

    def __init__(self) -> None:
        self.free: list[list[int]] = []
        #: A state's step: its test (None: it takes none) and the state it leads to.
        self.step: list[tuple[frozenset[str], object] | None] = []
        self.target: list[int] = []
        self.owner: list[int] = []
        self.accepts: list[bool] = []
        self._rule = -1
        self._tests: dict[object, tuple[frozenset[str], object]] = {}  # classes recur

    def freeze(self) -> None:
        """Keep the built automaton compact: tuples, and arrays for the numbers (a list of
        lists and an int object per state would take as much memory as all the rules'
        compiled patterns)."""
        self.free = tuple(tuple(targets) if targets else () for targets in self.free)
        self.owner = array("i", self.owner)
        self.target = array("i", self.target)
        self.accepts = bytearray(self.accepts)

    def state(self) -> int:
        self.free.append([])
        self.step.append(None)
        self.target.append(-1)
        self.owner.append(self._rule)
        self.accepts.append(False)
        return len(self.free) - 1

    def add_rule(self, rule: int, pattern: str) -> int:
        """The start state of ``pattern``, whose end accepts for ``rule``."""
        self._rule = rule
        end = self.state()
        self.accepts[end] = True
        return self._sequence(list(_parser.parse(pattern, _PARSE_FLAGS)), end, tail=True)

    def _sequence(self, items: Sequence, after: int, tail: bool = False) -> int:
        """``items`` leading to ``after``; ``tail``: nothing but the rule's end follows."""
        for op, av in reversed(items):
            after = self._item(op, av, after, tail)
            tail = False
        return after

    def _consume(self, test: tuple[frozenset[str], object], after: int) -> int:
        state = self.state()
        self.step[state] = test
        self.target[state] = after
        return state

    def _fork(self, targets: list[int]) -> int:
        state = self.state()
        self.free[state] = targets
        return state

    def _branch(self, branches: list[list], after: int, tail: bool = False) -> int:
        """A fork to each branch, those that begin with the same character (as the
        automaton reads it: case folded) sharing that step: a table's words become a trie,
        so that a state holds one thread per prefix read, not one per word that has it
        (the parser shares only a prefix that every branch has)."""
        shared: dict[object, list[list]] = {}
        order: list[object] = []
        for items in branches:
            key = _first_step(items)
            if key is None:
                order.append(items)
            else:
                if key not in shared:
                    shared[key] = []
                    order.append(key)
                shared[key].append(items)
        targets = []
        for entry in order:
            if isinstance(entry, list):
                targets.append(self._sequence(entry, after, tail))
                continue
            group = shared[entry]
            if len(group) == 1:
                targets.append(self._sequence(group[0], after, tail))
            else:
                op, av = group[0][0]
                rest = self._branch([g[1:] for g in group], after, tail)
                targets.append(self._item(op, av, rest))
        return self._fork(targets)

    def _item(self, op: object, av: object, after: int, tail: bool = False) -> int:
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            key = (op, tuple(av) if op is C.IN else av)
            test = self._tests.get(key)
            if test is None:
                test = self._tests[key] = _char_test(op, av)
            return self._consume(test, after)
        if op is C.ASSERT and tail and av[0] == 1:
            # what must follow the match, and nothing else does: text that begins with
            # a match begins with this too ("12" begins "from 12 to 14 May" only if
            # " to" follows), so it is read on as the rest of the pattern
            return self._sequence(av[1], after, tail)
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return after  # holds anywhere, as far as this automaton can tell
        if op is C.SUBPATTERN:
            return self._sequence(av[3], after, tail)
        if op is C.ATOMIC_GROUP:
            return self._sequence(av, after, tail)
        if op is C.BRANCH:
            return self._branch([list(branch) for branch in av[1]], after, tail)
        if op is C.GROUPREF_EXISTS:
            _, yes, no = av
            return self._fork([
                self._sequence(yes, after, tail), self._sequence(no, after, tail) if no else after
            ])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, high, body = av
            if high is C.MAXREPEAT or high > _COUNT_LIMIT:
                loop = self._fork([])
                self.free[loop] = [self._sequence(body, loop), after]
                tail = loop
            else:
                tail = after
                for _ in range(high - low):  # each optional copy leads on to the next
                    tail = self._fork([self._sequence(body, tail), after])
            for _ in range(min(low, _COUNT_LIMIT)):
                tail = self._sequence(body, tail)
            return tail
        raise PatternError(f"{op}")


class _State:
    """A state of the determinised automaton: the rules alive in it, in grammar order,
    and its steps, computed when first taken."""

    __slots__ = ("nfa", "settled", "rules", "steps", "ending", "exact", "edges")

    def __init__(self, nfa: frozenset[int], settled: frozenset[int], rules: tuple) -> None:
        self.nfa = nfa
        self.settled = settled
        self.rules = rules
        self.steps: dict[str, _State] = {}
        self.ending: tuple | None = None  # see HeadAutomaton.rules_ending
        self.exact: tuple | None = None
        #: The steps its states take, those that read alike together: (the ASCII
        #: characters read, the test of any other or None, the targets).
        self.edges: tuple = ()


class HeadAutomaton:
    """The rules (in order) that could match text beginning with a given string.

    ``patterns[i]`` is read for ``rules[i]``; the text is read as the patterns are: each
    capital as its small letter and each digit as 0 (the caller translates it). A rule
    stays once its pattern has matched a prefix of what was read: a partial match would
    find that match. A rule whose pattern the automaton cannot read is always kept.
    """

    def __init__(self, rules: Sequence[object], patterns: Sequence[str], followers: str) -> None:
        self._rules = tuple(rules)
        self._followers = followers
        self._nfa = nfa = _Nfa()
        starts, always = [], []
        for index, pattern in enumerate(patterns):
            try:
                with warnings.catch_warnings():
                    # Python's parser warns where it reads the regex module's syntax
                    # otherwise ("[[:alpha:]]", a nested set): such a rule is always kept
                    warnings.simplefilter("error")
                    starts.append(nfa.add_rule(index, pattern))
            except (PatternError, re.error, RecursionError, Warning):
                always.append(index)
        nfa.freeze()
        self._always = frozenset(always)
        self._start_nfa = self._closure(starts)
        self.forget()

    def forget(self) -> None:
        """Drop every state but the first: they are rebuilt as texts ask for them."""
        self._states: dict[tuple[frozenset[int], frozenset[int]], _State] = {}
        self._reached: dict[int, tuple[frozenset[int], frozenset[int]]] = {}
        settled = frozenset(
            self._nfa.owner[s] for s in self._start_nfa if self._nfa.accepts[s]
        )
        self._start_key = (self._start_nfa, settled)
        self.start = self._intern(self._start_nfa, settled)

    def rules_after(self, text: str) -> tuple:
        """The rules that could match text beginning with ``text`` (read blind: see the
        class)."""
        return self.state_after(text).rules

    def rules_at(self, text: str, start: int, stop: int) -> tuple:
        """The rules that could match ``text`` (read blind) at ``start`` and end by
        ``stop``: read until no rule is left open, each rule read to its end. A rule its
        pattern has matched a prefix for stays, a rule that reads no further goes; what is
        left is all but exact (the exact test is the rule's own match)."""
        return self.rules_from(self.start, text, start, stop)

    def state_after(self, text: str) -> _State:
        """The state the automaton reaches reading ``text`` (read blind) from its first:
        where a walk from a word may take up (see :meth:`rules_from`). A state with no
        thread left is the last: reading on leaves it where it is."""
        state = self.start
        for ch in text:
            nxt = state.steps.get(ch)
            state = self._step(state, ch) if nxt is None else nxt
            if not state.nfa:
                break
        return state

    def rules_from(self, state: _State, text: str, start: int, stop: int) -> tuple:
        """As :meth:`rules_at`, from the state reached reading what comes before
        ``start`` (the word there: the scan keeps each word's state)."""
        if state.nfa:
            for ch in text[start:stop]:
                nxt = state.steps.get(ch)
                state = self._step(state, ch) if nxt is None else nxt
                if not state.nfa:
                    break
        return state.rules

    def rules_ending(self, text: str, exact: bool = False) -> tuple:
        """The rules that could match text beginning with ``text`` (read blind) and then
        one of the followers (the characters that may follow a word inside an expression)
        or ending there: what a word may begin, wherever it stands. ``exact``: a rule
        ends there only if its pattern matches all of ``text``, not a prefix of it (the
        shape of a figure, all of it ASCII)."""
        state = self.state_after(text)
        if not state.rules:
            return ()
        if exact:
            if state.exact is None:
                state.exact = self._ending(state, self._accepting(state))
            return state.exact
        if state.ending is None:
            state.ending = self._ending(state, set(state.settled))
        return state.ending

    def _accepting(self, state: _State) -> set[int]:
        owner, accepts = self._nfa.owner, self._nfa.accepts
        return {owner[s] for s in state.nfa if accepts[s]}

    def _ending(self, state: _State, alive: set[int]) -> tuple:
        """The rules in ``alive`` or alive after one of the followers."""
        alive |= self._always
        owner = self._nfa.owner
        for ch in self._followers:
            nxt = state.steps.get(ch)
            nxt = self._step(state, ch) if nxt is None else nxt
            alive.update(owner[s] for s in nxt.nfa)  # (accepting states among them)
        return tuple(rule for i, rule in enumerate(self._rules) if i in alive)

    def _closure(self, states: list[int]) -> frozenset[int]:
        """The states that read a character or accept, reached from ``states`` reading
        nothing (only they matter from here on)."""
        free = self._nfa.free
        seen = set(states)
        stack = list(states)
        while stack:
            for nxt in free[stack.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        step = self._nfa.step
        accepts = self._nfa.accepts
        return frozenset(s for s in seen if step[s] is not None or accepts[s])

    def _reach(self, target: int) -> tuple[frozenset[int], frozenset[int]]:
        """What a step to ``target`` reaches, and the rules that accept there."""
        found = self._reached.get(target)
        if found is None:
            nfa = self._closure([target])
            accepts, owner = self._nfa.accepts, self._nfa.owner
            found = self._reached[target] = (
                nfa, frozenset(owner[s] for s in nfa if accepts[s])
            )
        return found

    def _intern(self, nfa: frozenset[int], settled: frozenset[int]) -> _State:
        key = (nfa, settled)
        state = self._states.get(key)
        if state is None:
            if len(self._states) > _STATE_LIMIT:  # start again from the first state
                self._states = {self._start_key: self.start}
                self.start.steps.clear()
            owner = self._nfa.owner
            alive = {owner[s] for s in nfa} | settled | self._always
            rules = tuple(self._rules[i] for i in sorted(alive))
            state = self._states[key] = _State(nfa, settled, rules)
            # states that read alike step together: a table's words share their letters
            grouped: dict[int, tuple[frozenset[str], object, list[int]]] = {}
            step, target = self._nfa.step, self._nfa.target
            for s in nfa:
                test = step[s]
                if test is not None:
                    edge = grouped.get(id(test))
                    if edge is None:
                        edge = grouped[id(test)] = (*test, [])
                    edge[2].append(target[s])
            state.edges = tuple(grouped.values())
        return state

    def _step(self, state: _State, ch: str) -> _State:
        if ch < "\x80":
            targets = [t for hits, _, group in state.edges if ch in hits for t in group]
        else:
            targets = [
                t for _, others, group in state.edges
                if others is not None and others(ch) for t in group
            ]
        if not targets:
            nxt = self._intern(_NOTHING, state.settled)
        else:
            reach = self._reach
            if len(targets) == 1:
                nfa, accepting = reach(targets[0])
            else:
                parts = [reach(target) for target in targets]
                nfa = frozenset().union(*(part[0] for part in parts))
                accepting = frozenset().union(*(part[1] for part in parts))
            nxt = self._intern(nfa, state.settled | accepting if accepting else state.settled)
        state.steps[ch] = nxt
        return nxt
