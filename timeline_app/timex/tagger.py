"""The tagging engine: scan, pick the longest match, read tense, resolve, attach modifiers.

The engine knows no language: what counts as a time expression, its normal forms and
the words that signal tense all come from the grammar (``resources/timex/<lang>/``).
"""

from __future__ import annotations

import bisect
import re
from datetime import date, datetime, timedelta
from functools import partial
from itertools import compress, count, repeat

import regex

from timeline_app.timex.grammar import _BLIND, Grammar, Rule, load_grammar, remember
from timeline_app.timex.model import Timex, TimexError
from timeline_app.timex.resolve import (
    AHEAD,
    DONE,
    FUTURE,
    NARRATIVE,
    PAST,
    PRESENT,
    UNKNOWN,
    Resolution,
    Tense,
    resolve,
)
from timeline_app.timex.values import UNIT_GRANULARITY, interval_of

DOC_TYPES = ("news", "narrative")
#: How far (characters) a date mentioned earlier stays the reference: the quarter for "a
#: year earlier" (financial reports compare quarters), the day for a bare "3 p.m.", the
#: date for "the day before" or "that year".
_REFERENCE_REACH = 1200
#: How far (in characters) a sentence's year reaches past the last expression it dated.
_SENTENCE_YEAR_REACH = 400
#: No time expression is longer than this many characters.
_MAX_EXPRESSION = 160
#: Where a scan for an expression may begin: a word, or an apostrophe before digits ('98).
_TOKEN = re.compile(r"['\u2019]?\w+")
#: Marks around a word that make no token of their own (an apostrophe may: '98, 's).
_EDGE_MARKS = ".,;:!?\"()[]{}<>*-\u2013\u2014\u201c\u201d\u2026/"
#: A piece of text between spaces not looked up yet (a truthy stand-in for None).
_UNSEEN = (None,)
_PIECE_CACHE_LIMIT = 200_000  # distinct pieces remembered (then forgotten all at once)
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T|$)")
_QUARTER_VALUE = re.compile(r"^\d{4}-Q[1-4]$")
#: Reporting periods longer than a quarter (half a year to a year).
_LONG_PERIOD = re.compile(r"^P(?:[6-9]M|1[0-2]M|1Y)$")
#: A date of a year, a month or a day, whose text names the year.
_YEAR_BEARING = re.compile(r"^\d{4}(?:-\d{2}){0,2}$")
#: A preposition that may open a sentence on its date: "In 2002, ..."
_FRAME_PREPOSITION = re.compile(r"(?:(?:in|during|by|at|on)\s+)?\Z", re.IGNORECASE)
#: The reach of a sentence's year: the rest of the clause it opens (after its comma), not
#: a clause of its own inside it ("whose provisions kick in in January")...
_IN_FRAME = re.compile(r",?(?:[^,;:()\u2014\u2013\"\u201c\u201d!?\n]|,(?!\s))*\Z")
_SUBORDINATE = re.compile(
    r"\b(?:who|whose|which|that|when|where|after|before|because|while|since|until|if)\b",
    re.IGNORECASE,
)
#: ...or a date coordinated with the day that named it.
_COORDINATED = re.compile(
    r",?\s*(?:(?:and|or|but|then|to|through|until|till)\b[^,;:()\u2014!?\n]{0,25}"
    r"|[-\u2013]\s*)\Z",
    re.IGNORECASE,
)
#: "this year" and a possessive year ("Next year's festival") open no frame.
_THIS_YEAR = re.compile(r"this\s+year|.*['\u2019]s\b", re.IGNORECASE)
_NAMES_YEAR = re.compile(r"\b\d{4}\b|\b(?:last|next|this)\s+year\b", re.IGNORECASE)
#: Value functions that read the anchor; everything else is absolute.
_ANCHORED_FUNCTIONS = (
    "@shift", "@weekday", "@month", "@season", "@part", "@vague", "@ago", "@tonight",
    "@weekend", "@daypair", "@monthof", "@relref", "@clock", "@holiday", "@nthweekday",
    "@year2", "@decade", "@dayof",
)
_BRACKETS = "()"
_CLAUSE_BREAKS = ",;:!?\u2014\u2013\n\"\u201c\u201d" + _BRACKETS
# a bracketed aside ("will leave at 4 (4 a.m. EDT Thursday), Castro said") takes its
# tense from the clause it sits in before the sentence's other clauses
_ASIDE_BREAKS = _CLAUSE_BREAKS.replace(_BRACKETS, "")
_SENTENCE_BREAKS = "\n"  # and the sentence ends the grammar finds
_WINDOW_BREAKS = (_CLAUSE_BREAKS, _ASIDE_BREAKS, _SENTENCE_BREAKS)
#: Each kind of break, found forwards (the first after an expression) and backwards (the
#: last before it), near the expression only: a scan of the whole text would cost more
#: than the few windows a text asks for.
_BREAK_AFTER = {breaks: re.compile("[" + re.escape(breaks) + "]") for breaks in _WINDOW_BREAKS}
_BREAK_BEFORE = {
    breaks: regex.compile("[" + regex.escape(breaks) + "]", regex.REVERSE)
    for breaks in _WINDOW_BREAKS
}


def _opens_sentence(grammar: Grammar, text: str, start: int) -> bool:
    """Whether the expression at ``start`` opens its sentence (after a preposition at most):
    a sentence end the grammar knows ("U.S." ends none) or a line break before it."""
    at = _FRAME_PREPOSITION.search(text, max(0, start - 8), start)
    at = at.start() if at else start
    gap = at
    while gap > 0 and text[gap - 1] in " \t":  # (no copy of the text before: linear time)
        gap -= 1
    if gap == 0 or text[gap - 1] == "\n":
        return True
    found = grammar.sentence_end.search(text, max(0, at - 12), min(len(text), at + 1))
    return found is not None and found.end() == at


class _SentenceYear:
    """The year a sentence has dated itself to, for the months and days it names later
    without one.

    A sentence that opens on a year ("Last year, ... in December", "In 2002, ... on Aug.
    17") dates those in that clause; a day of a year ("on Aug. 17, 2002, and again on Aug.
    20") the day coordinated with it. A year elsewhere ("the law, passed in 2010, takes
    effect in January", "who was born on June 5, 1961, became chief executive in May",
    "This year's budget") dates nothing.
    """

    def __init__(self, grammar: Grammar, text: str) -> None:
        self._grammar, self._text = grammar, text
        self.year, self._at, self._by_day = "", 0, False

    def reaching(self, start: int) -> str:
        """The year, if its reach extends to an expression at ``start`` (else none, now on):
        within its clause, and no further than a long sentence's length, so that a text
        with no sentence ends (a list of years) is still read in linear time."""
        if self.year:
            if start - self._at > _SENTENCE_YEAR_REACH:
                self.year = ""
                return self.year
            between = self._text[self._at:start]
            if (
                _COORDINATED.match(between) if self._by_day
                else _IN_FRAME.match(between) and not _SUBORDINATE.search(between)
            ) and not self._grammar.sentence_end.search(between):
                return self.year
            self.year = ""
        return self.year

    def note(self, kind: str, value: str, start: int, end: int) -> None:
        """Take the year of an expression found, or carry the reach past one it dated."""
        text = self._text
        if self.year and value.startswith(self.year):  # "... and Aug. 20 and Aug. 25"
            self._at = end
        elif kind == "DATE" and _YEAR_BEARING.match(value) and _NAMES_YEAR.search(
            text, start, end
        ) and not _THIS_YEAR.match(text, start, end + 2):
            if _opens_sentence(self._grammar, text, start):
                self.year, self._at, self._by_day = value[:4], end, False
            elif len(value) == 10 and not self._grammar.year_modifier.search(
                text, max(0, start - 12), start
            ):
                self.year, self._at, self._by_day = value[:4], end, True


def _check_dct(dct: object) -> date:
    if isinstance(dct, datetime):
        return dct.date()
    if isinstance(dct, date):
        return dct
    raise TimexError(f"invalid DCT {dct!r}: expected a datetime.date or datetime.datetime")


def _number(grammar: Grammar, text: str) -> object:
    """Digits or number words ("twenty four", "a hundred") as a number; else None
    (cached per grammar: the same few numbers recur)."""
    cache = grammar.number_cache
    if text not in cache:
        return remember(cache, text, _read_number(grammar, text), 50_000)
    return cache[text]


def _read_number(grammar: Grammar, text: str) -> object:
    cleaned = text.replace(",", "").strip()
    if cleaned[:1].isdigit() or cleaned[:1] in "+-.":  # words skip two failed conversions
        try:
            return int(cleaned)
        except ValueError:
            pass
        try:
            return float(cleaned)
        except ValueError:
            pass
    digits, _, scale = cleaned.partition(" ")
    if scale and (factor := grammar.tables.get("number_scale", {}).get(scale.lower())):
        amount = _number(grammar, digits)  # "2.5 million"
        if isinstance(amount, int | float):
            total = amount * factor
            return int(total) if float(total).is_integer() else total
    words = grammar.tables.get("number", {})
    joiners = grammar.tables.get("number_joiner", {})
    multipliers = grammar.tables.get("number_multiplier", {})
    vague = grammar.tables.get("vague_number", {})
    folded = " ".join(cleaned.lower().replace("-", " ").split())
    if folded in vague:
        return vague[folded]
    for suffix, part in grammar.tables.get("fraction", {}).items():
        if folded.endswith(suffix) and len(folded) > len(suffix):  # "two and a half"
            whole = _number(grammar, folded[: -len(suffix)])
            return whole + part if isinstance(whole, int | float) else None
    total, current = 0, 0
    for i, token in enumerate(folded.split()):
        if token in joiners:  # "a hundred and five"
            continue
        value = words.get(token)
        if value is None and i == 0 and token in ("a", "an"):  # "a hundred"
            value = 1
        if not isinstance(value, int | float):
            return None
        if token in multipliers and current:  # "two hundred", "three dozen"
            current *= value
            if value >= 1000:
                total, current = total + current, 0
        else:
            current += value
    return total + current


def _captures(grammar: Grammar, rule: Rule, match, settings: dict) -> dict[str, object]:
    out: dict[str, object] = dict(settings)
    if rule.needs_text:
        out["_text"] = "_".join(match.group(0).lower().split())
        out["_raw"] = "_".join(match.group(0).split())
    prefix = rule.group + "_"
    for alias, refs in rule.captures.items():
        text = match.group(prefix + alias)
        if text is None:
            continue
        value = None
        for ref in refs:
            if ref in grammar.tables:
                value = grammar.normalise(ref, text)
                if value is not None:
                    break
        if value is None:
            value = _number(grammar, text)
        out[alias] = text if value is None else value
    return out


class _Segments:
    """Where sentences begin and end, found as far into the text as the expressions whose
    tense is read, and the clause breaks around an expression, looked for near it: tense
    is read from the clause around an expression, else from its sentence."""

    def __init__(self, grammar: Grammar, text: str) -> None:
        self._text = text
        pattern = grammar.sentence_end
        self._gap = 1 if pattern.groups else 0  # the space between the sentences
        self._scan = pattern.finditer(text)  # read only as far as an expression asks
        self._scanned = 0  # where the sentence ends found so far stop
        self._ends: list[int] = []  # sentence ends
        self._starts: list[int] = []  # sentence starts
        #: the governing verb's reading of each text before an expression: an expression
        #: asks for it once per window and once more for the full reading, and a clause
        #: is often its sentence too
        self.governing: dict[str, str | None] = {}

    def _scan_to(self, at: int) -> None:
        """Find the sentence ends up to the first one at or after ``at``."""
        gap = self._gap
        while self._scanned < at:
            found = next(self._scan, None)
            if found is None:
                self._scanned = len(self._text) + 1
                return
            self._ends.append(found.start(gap))
            self._starts.append(found.end(gap))
            self._scanned = found.start(gap) + 1

    def windows(self, start: int, end: int, limit: int = 150):
        """(left, right) of the span: in its clause, then in the clause around a bracketed
        aside, then in its sentence; no further than ``limit`` characters either side (a
        cue further away is no verb of the expression's: on the training corpus 150 and
        300 read every tense alike, and a cue search costs about 2 µs a character)."""
        self._scan_to(end)
        i = bisect.bisect_right(self._starts, start)
        floor = max(self._starts[i - 1] if i else 0, start - limit)
        j = bisect.bisect_left(self._ends, end)
        ceiling = min(self._ends[j] if j < len(self._ends) else len(self._text), end + limit)
        seen = None
        text = self._text
        for breaks in _WINDOW_BREAKS:
            found = _BREAK_BEFORE[breaks].search(text, floor, start)
            lo = found.end() if found else floor
            found = _BREAK_AFTER[breaks].search(text, end, ceiling)
            hi = found.start() if found else ceiling
            if (lo, hi) != seen:  # no aside: the clause again, nothing new to read
                seen = lo, hi
                yield self._text[min(lo, start):start], self._text[end:max(hi, end)]


#: The tenses a cue word may show, in order of precedence at equal distance; a present
#: verb speaks of what follows it only, so none is looked for after the expression.
_CUES_BEFORE = (FUTURE, PAST, PRESENT)
_CUES_AFTER = (FUTURE, PAST)
_CUE_RANK = {tense: rank for rank, tense in enumerate(_CUES_BEFORE)}


def _nearest_cue(grammar: Grammar, left: str, right: str) -> str | None:
    """The tense of the cue nearest the expression (future at equal distance)."""
    best: tuple[int, int, str] | None = None  # (distance, rank, tense)
    before = grammar.any_cue(_CUES_BEFORE, before=True)
    if before is not None and (m := before.search(left)) is not None:  # the last one
        tense = _which(m, _CUES_BEFORE)
        best = (len(left) - m.end(), _CUE_RANK[tense], tense)
    # after a clause of its own begins, the verbs are that clause's: "told reporters on
    # Monday that he would seek" is past
    if grammar.clause_start is not None and (cut := grammar.clause_start.search(right)):
        right = right[:cut.start()]
    after = grammar.any_cue(_CUES_AFTER, before=False)
    # a cue anchored at the expression ("expires" right before it) never reads the end
    # of the clause after it: the window after ends in a character no cue takes
    if after is not None and (m := after.search(right + "\x00")) is not None:
        tense = _which(m, _CUES_AFTER)
        found = (m.start(), _CUE_RANK[tense], tense)
        if best is None or found < best:
            best = found
    return best[2] if best else None


def _which(match, names: tuple[str, ...]) -> str:
    """The name of the cue's group that matched."""
    found = match.groupdict()
    return next(name for name in names if found.get(name) is not None)


#: The cues of a verb that an expression is the adjunct of, in order of precedence, and
#: what each says of it.
_DIRECT_CUES = {"past_direct": DONE, "future_direct": AHEAD, "present_direct": PRESENT}
_DIRECT_NAMES = tuple(_DIRECT_CUES)


def _governing(grammar: Grammar, left: str, segments: _Segments) -> str | None:
    """DONE or AHEAD when the verb the expression is the adjunct of, ending right before
    it, is past ("the quarter ended Dec. 31") or future ("will reopen on Thursday"); read
    once per distinct text in a document."""
    memo = segments.governing
    if left not in memo:
        direct = grammar.any_cue(_DIRECT_NAMES, before=True)
        found = direct.match(left) if direct is not None else None
        memo[left] = _DIRECT_CUES[_which(found, _DIRECT_NAMES)] if found else None
    return memo[left]


def _direct_tense(grammar: Grammar, start: int, end: int, segments: _Segments) -> str:
    """DONE or AHEAD when a verb the expression is the adjunct of says so, else UNKNOWN:
    the direct cues alone, cheaper than the nearest cue around it."""
    for left, _right in segments.windows(start, end):
        if found := _governing(grammar, left, segments):
            return found
    return UNKNOWN


def _tense(grammar: Grammar, start: int, end: int, segments: _Segments) -> str:
    """Future or past, from the cue word nearest the expression: clause, then sentence;
    DONE (AHEAD) when a past (future) verb is the one the expression is the adjunct of."""
    for left, right in segments.windows(start, end):
        # the verb the expression is the adjunct of decides, whatever follows it: "the
        # quarter ended Dec. 31 will be reported in February"
        if found := _governing(grammar, left, segments) or _nearest_cue(grammar, left, right):
            return found
    return UNKNOWN


def _starts(grammar: Grammar, text: str):
    """(offset, rules that may match there), in text order.

    The text is cut at its spaces, and each distinct piece is looked up once in the
    grammar's cache, which holds the words in it that may begin an expression: four pieces
    in five hold none, and cost a lookup that ``map`` makes without a Python step, where
    reading every word with a regex would cost a step and a match object each. Where a
    word may begin one, the grammar's automaton reads on through the text from there and
    leaves the rules that may still match ("the first" may begin ten rules, "the first
    time" none), intersected with the word's own (see :meth:`Grammar.both`).
    """
    piece_get = grammar.piece_cache.get
    heads_at = grammar.heads.rules_at
    heads_from = grammar.heads.rules_from
    both_get, both = grammar.near_cache.get, grammar.both
    blind = text.translate(_BLIND)
    size = len(text)
    pieces = text.split(" ")
    final = len(pieces) - 1
    end_of_last = 0  # where the last piece with a word to try ends
    for i in compress(count(), map(piece_get, pieces, repeat(_UNSEEN))):
        piece = pieces[i]
        entry = piece_get(piece)  # again: cheaper than carrying every piece's entry along
        if entry is None:
            entry = _learn_piece(grammar, piece)
            if not entry:
                continue
        spaced, words = entry
        if i == 0:
            at = 0
        elif i == final:
            at = size - len(piece)
        else:
            # the first such piece, spaces around it, after the last one: the pieces in
            # between are other strings (an equal one would have words to try too)
            at = text.find(spaced, end_of_last) + 1
        end_of_last = at + len(piece)
        for offset, quoted_rules, known, after, length in words:
            start = at + offset
            stop = min(size, start + _MAX_EXPRESSION)
            if quoted_rules and (near := heads_at(blind, start - 1, stop)):
                rules = both_get((quoted_rules, near))
                if rules is None:
                    rules = both(quoted_rules, near)
                if rules:
                    yield start - 1, rules  # '98
            if known and (near := heads_from(after, blind, start + length, stop)):
                rules = both_get((known, near))
                if rules is None:
                    rules = both(known, near)
                if rules:
                    yield start, rules


def _learn_piece(grammar: Grammar, piece: str) -> tuple:
    """The piece of text between two spaces with itself between spaces (to find it), and
    each word in it that may begin an expression: (offset, the rules its apostrophe form
    may begin ('98), the rules the word may begin, the state of the grammar's automaton
    after the word and its length: the scan reads on from there); () if none.

    A word inside a figure, an amount or an abbreviation ("700" in "1,700", "5" in "$5",
    "S" in "U.S.") begins none, whatever it is: the grammar's left boundary tells, and
    without its lookaheads (the next piece may hold what they look for: "30-Nov. 2") it
    looks no further back than the space before the piece, so once for every piece alike.
    """
    rules_for = grammar.rules_for
    cache = grammar.piece_cache
    if piece.isalpha():  # one word, as most pieces are: no token to look for
        if (known := rules_for(piece)) and grammar.left_boundary_behind.match(
            spaced := f" {piece} ", 1
        ):
            state = grammar.heads.state_after(piece.translate(_BLIND))
            word = (0, (), known, state, len(piece))
            return remember(cache, piece, (spaced, (word,)), _PIECE_CACHE_LIMIT)
        return remember(cache, piece, (), _PIECE_CACHE_LIMIT)
    core = piece.strip(_EDGE_MARKS)
    if core.isalpha() and not rules_for(core):  # "said," or "(AP)": a word beginning none
        return remember(cache, piece, (), _PIECE_CACHE_LIMIT)
    spaced = f" {piece} "
    after = grammar.heads.state_after
    may_begin = partial(grammar.left_boundary_behind.match, spaced)
    words = []
    for token in _TOKEN.finditer(piece):
        word, at = token.group(), token.start() + 1  # (offset in the spaced piece)
        if word[0] in "'\u2019":
            quoted = rules_for(word)
            known = rules_for(word[1:])
            quoted = quoted if quoted and may_begin(at) else ()
            known = known if known and may_begin(at + 1) else ()
            if quoted or known:
                state = after(word[1:].translate(_BLIND))
                words.append((token.start() + 1, quoted, known, state, len(word) - 1))
        elif (known := rules_for(word)) and may_begin(at):
            state = after(word.translate(_BLIND))
            words.append((token.start(), (), known, state, len(word)))
    return remember(cache, piece, (spaced, tuple(words)) if words else (), _PIECE_CACHE_LIMIT)


def _matches_at(grammar: Grammar, text: str, start: int, rules) -> list:
    """The given rules' matches starting at ``start``, longest (then priority) first."""
    found = []
    # Bounding the end keeps each match local: otherwise the regex engine may look for
    # a required literal all the way to the end of the text, making tagging quadratic.
    stop = min(len(text), start + _MAX_EXPRESSION)
    if grammar.left_boundary.match(text, start, stop) is None:
        return found  # inside a word, a figure or an amount: no rule may begin here
    for rule in rules:
        m = rule.match_at(text, start, stop)
        if m is not None and m.end() > start:
            found.append((m.end(), rule.priority, rule, m))
    if len(found) > 1:
        found.sort(key=_longest_first)
    return found


def _longest_first(found: tuple) -> tuple[int, int]:
    return -found[0], -found[1]


def _apply_modifiers(
    grammar: Grammar, text: str, start: int, end: int, rule: Rule, floor: int
) -> tuple[int, int, str | None, str]:
    mod, names = None, []
    before = text[max(floor, start - 40):start]
    after = text[end:end + 40]
    if not grammar.any_prefix.match(before) and not grammar.any_suffix.match(after):
        return start, end, None, ""
    prefixes, suffixes = grammar.modifiers_for(rule)
    for modifier in prefixes:
        if modifier.not_before is not None and modifier.not_before.match(after):
            continue
        m = modifier.compiled.match(before)
        if m is not None:
            start -= len(m.group(0))
            mod = modifier.mod
            names.append(modifier.name)
            break
    for modifier in suffixes:
        m = modifier.compiled.match(after)
        if m is not None:
            end += len(m.group(0))
            mod = mod or modifier.mod
            names.append(modifier.name)
            break
    return start, end, mod, "+".join(names)


def _interval(
    rule_type: str, res: Resolution
) -> tuple[datetime | None, datetime | None, str | None]:
    if res.span is not None:
        lo, hi = res.span
        return (
            datetime(lo.year, lo.month, lo.day), datetime(hi.year, hi.month, hi.day),
            UNIT_GRANULARITY.get(res.unit or "D", "day"),
        )
    if rule_type in ("DATE", "TIME"):
        found = interval_of(res.value)
        if found is not None:
            return found
    return None, None, None


def forget(lang: str = "en") -> None:
    """Forget what the tagger has learnt of the texts it read (see :meth:`Grammar.forget`
    and the values it turned into intervals); the compiled rules stay. Its next text then
    costs what a text of new words costs, which is what a benchmark of speed on text not
    seen before needs; it also frees the memory."""
    load_grammar(lang).forget()
    interval_of.cache_clear()


def tag(
    text: str,
    dct: date | datetime,
    doc_type: str = "news",
    lang: str = "en",
    date_order: str = "MDY",
) -> list[Timex]:
    """Every time expression in ``text``, resolved against ``dct``.

    News resolves relative expressions against the DCT; narrative text against the
    last date mentioned before them, explicit or itself resolved (HeidelTime's
    convention). ``date_order`` (MDY or DMY) reads all-numeric dates such as 11/08/2022.
    """
    anchor_date = _check_dct(dct)
    if not isinstance(text, str):
        raise TimexError(f"text must be str, not {type(text).__name__}")
    if doc_type not in DOC_TYPES:
        raise TimexError(f"unknown doc_type {doc_type!r}; expected one of {', '.join(DOC_TYPES)}")
    if date_order not in ("MDY", "DMY"):
        raise TimexError(f"unknown date_order {date_order!r}; expected MDY or DMY")
    settings: dict[str, object] = {
        "_date_order": date_order, "_ref_quarter": "", "_ref_day": "", "_ref_night": "",
        "_ref_early": "", "_ref_date": "", "_ref_date_last": "",
        "_story": "1" if doc_type == "narrative" else "", "_sent_year": "",
    }
    grammar = load_grammar(lang)
    segments = _Segments(grammar, text)
    sentence_year = _SentenceYear(grammar, text)
    out: list[Timex] = []
    narrative = doc_type == "narrative"
    anchor, anchor_label = anchor_date, "DCT"
    anchor_span: tuple[datetime, datetime] | None = None  # the period the story has reached
    ref_quarter_at = ref_day_at = ref_date_at = 0
    ref_quarter_open = False  # the quarter under discussion has not ended by the DCT
    # where the referenced day, date and quarter were mentioned, for provenance
    ref_from = {"day": 0, "date": 0, "quarter": 0}
    done = 0  # end of the last expression: later ones may not overlap it
    for start, rules in _starts(grammar, text):
        if start < done or not rules:
            continue
        if start - ref_day_at > _REFERENCE_REACH:
            settings["_ref_day"] = ""
        if start - ref_quarter_at > _REFERENCE_REACH:
            settings["_ref_quarter"] = ""
        if start - ref_date_at > _REFERENCE_REACH:
            settings["_ref_date"] = settings["_ref_date_last"] = ""
        settings["_sent_year"] = sentence_year.reaching(start)
        found = None
        for end, _prio, rule, match in _matches_at(grammar, text, start, rules):
            if not rule.needs_tense:
                tense = UNKNOWN
            elif anchor_label != "DCT":  # narrative text, told from a date it mentioned
                tense = NARRATIVE
            else:  # read only if the value function asks
                tense = Tense(partial(_tense, grammar, start, end, segments),
                              partial(_direct_tense, grammar, start, end, segments))
            try:
                res = resolve(rule.value, _captures(grammar, rule, match, settings), anchor, tense)
            except (ValueError, KeyError, IndexError, OverflowError, TypeError):
                continue
            found = (start, end, rule, res)
            break
        if found is None:
            continue
        start, end, rule, res = found
        kind = res.type or rule.type
        floor = out[-1].end if out else 0
        m_start, m_end, mod, mod_names = _apply_modifiers(
            grammar, text, start, end, rule, floor
        )
        uses_anchor = rule.value.startswith(_ANCHORED_FUNCTIONS) or res.anchored
        if res.via:  # counted from an expression before it
            source = f"timex:{ref_from[res.via]}"
        elif uses_anchor:
            source = anchor_label
        else:
            source = "text" if kind in ("DATE", "TIME") else "none"
        lo, hi, granularity = _interval(kind, res)
        if res.value == "PRESENT_REF":  # "now" is the article's day, in narrative text too
            lo, hi, granularity = interval_of(anchor_date.isoformat()) or (None, None, None)
        out.append(Timex(
            start=m_start, end=m_end, text=text[m_start:m_end], type=kind,
            value=res.value, mod=mod or rule.mod,
            interval_start=lo, interval_end=hi, granularity=granularity,
            rule=rule.name + (f"+{mod_names}" if mod_names else ""),
            anchor=source,
            quant=res.quant, freq=res.freq,
        ))
        # The story moves on with every date it reaches, explicit or counted ("Two years
        # later, on Nov. 11": 1918's); "now" is the writer's day, not the story's; a
        # period around the day it has reached does not take it back to the period's
        # start (after "April 14, 1865 ... That year", "the next week" is April's).
        dated = lo is not None and hi is not None and res.value[:1].isdigit()
        around = anchor_span is not None and dated and lo <= anchor_span[0] and anchor_span[1] <= hi
        if narrative and dated and kind in ("DATE", "TIME") and not around:
            anchor, anchor_label, anchor_span = lo.date(), f"timex:{m_start}", (lo, hi)
        done = m_end
        sentence_year.note(kind, res.value, m_start, m_end)
        if _DAY_VALUE.match(res.value):
            settings["_ref_day"] = res.value[:10]
            # its night runs past midnight: "3:44 a.m." after "late Wednesday" is Thursday's
            late = len(res.value) == 10 and (mod or rule.mod) == "END"
            late_clock = res.value[10:11] == "T" and res.value[11:13] in ("21", "22", "23")
            settings["_ref_night"] = "1" if late or late_clock or res.value.endswith("TNI") else ""
            early = len(res.value) == 10 and (mod or rule.mod) == "START"  # "early Monday"
            settings["_ref_early"] = "1" if early else ""
            ref_day_at, ref_from["day"] = m_end, m_start
        elif (  # (in news, background periods interleave with the day the story is about)
            narrative and settings["_ref_day"] and lo is not None and hi is not None
            and kind in ("DATE", "TIME") and not res.anchored
            and not lo.date().isoformat() <= str(settings["_ref_day"]) < hi.date().isoformat()
        ):  # the story has moved to another period: "that day" is no longer that day
            settings["_ref_day"] = settings["_ref_night"] = ""
        if lo is not None and hi is not None and kind in ("DATE", "TIME") and not res.anchored:
            # its last day too: "the following March" is the first one after it
            first, last = lo.date().isoformat(), (hi - timedelta(microseconds=1)).date().isoformat()
            current, current_last = settings["_ref_date"], settings["_ref_date_last"]
            # a wider period around the date mentioned last keeps it the reference:
            # after "April 14 of that year", "five days later" is April 19
            if not (current and first <= current and current_last <= last):
                settings["_ref_date"], settings["_ref_date_last"] = first, last
                ref_from["date"] = m_start
            ref_date_at = m_end
        if (
            _QUARTER_VALUE.match(res.value) and "refq=" not in rule.value
            and lo is not None and hi is not None and (lo.date() <= anchor_date or res.fiscal)
        ):  # a quarter begun, whose results can be reported: not a forecast for a later one
            # (a fiscal quarter's label may lie ahead of its calendar interval)
            ended = hi.date() <= anchor_date
            current = str(settings["_ref_quarter"])
            # The report is about the latest quarter that has ended: an earlier one is a
            # contrast ("after a flat second quarter"), the one under way a forecast
            # ("into the fourth quarter") unless nothing else is (a fiscal fourth quarter).
            if not current or (ended and (ref_quarter_open or res.value >= current)):
                settings["_ref_quarter"] = res.value
                ref_from["quarter"], ref_quarter_open = m_start, not ended
            ref_quarter_at = m_end
        elif kind == "DURATION" and _LONG_PERIOD.match(res.value):
            # "In the nine months, ... a year earlier": the comparison is now of years
            settings["_ref_quarter"] = ""
    return out
