"""Tagged text in, timeline events out.

An expression becomes an event when it places something on the time line: a DATE or
TIME with a resolved interval, or a DURATION the tagger anchored to the article date
("the past eight months"). Everything else the tagger found (SETs such as "daily", bare
durations such as "for months", dates it could not resolve) is kept as a mention, so the
source view can still underline it and TimeML export loses nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from timeline_app.events.headline import make_headline
from timeline_app.events.intervals import is_fuzzy, narrow, sort_key
from timeline_app.events.sentences import sentence_at, split_sentences
from timeline_app.timex import Timex


@dataclass(slots=True)
class EventDraft:
    """An event before it is stored; offsets index the full document text."""

    start: datetime
    end: datetime
    granularity: str
    mod: str | None
    fuzzy: bool
    sort_key: float
    headline: str
    sentence: str
    sentence_start: int
    sentence_end: int
    expr_start: int
    expr_end: int
    expr_text: str
    timex_type: str
    timex_value: str
    rule: str
    anchor: str


@dataclass(slots=True)
class MentionDraft:
    start: int
    end: int
    text: str
    timex_type: str
    value: str
    mod: str | None
    rule: str


@dataclass(slots=True)
class Extraction:
    events: list[EventDraft] = field(default_factory=list)
    mentions: list[MentionDraft] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)


def _granularity(timex: Timex) -> str:
    if timex.granularity:
        return timex.granularity
    return "day"


def is_event(timex: Timex) -> bool:
    """Does this expression place something on the time line?"""
    if timex.interval_start is None or timex.interval_end is None:
        return False
    if timex.type in ("DATE", "TIME"):
        return True
    return timex.type == "DURATION"  # only anchored durations carry an interval


def header_end(text: str) -> int:
    """End offset of a ``date YYYY-MM-DD`` header line, 0 when there is none.

    The header dates the article; it is not part of the story, so a date the tagger
    finds in it is not an event.
    """
    from timeline_app.timex import TimexError
    from timeline_app.timex.documents import dct_from_header

    try:
        if dct_from_header(text) is None:
            return 0
    except TimexError:
        pass
    stripped = text.lstrip()
    first_line_start = len(text) - len(stripped)
    newline = text.find("\n", first_line_start)
    return len(text) if newline < 0 else newline


#: A "sentence" longer than this (a transcript or list without full stops) is cut to a
#: window around the expression: every event would otherwise carry, store and scan the
#: whole text, which makes extraction quadratic in the length of such a text.
MAX_SENTENCE = 600


def clip_sentence(text: str, s_start: int, s_end: int, x_start: int, x_end: int
                  ) -> tuple[int, int]:
    """The sentence span, or a window of it around [x_start, x_end) cut at spaces."""
    if s_end - s_start <= MAX_SENTENCE:
        return s_start, s_end
    reach = max(0, (MAX_SENTENCE - (x_end - x_start)) // 2)
    lo, hi = max(s_start, x_start - reach), min(s_end, x_end + reach)
    if lo > s_start:
        space = text.find(" ", lo, x_start)
        lo = space + 1 if space >= 0 else x_start
    if hi < s_end:
        space = text.rfind(" ", x_end, hi)
        hi = space if space >= 0 else x_end
    return lo, hi


def events_from_timexes(
    text: str, timexes: Sequence[Timex], sentences: list[tuple[int, int]] | None = None
) -> Extraction:
    """Build events and mentions from already-tagged ``text``.

    Kept apart from :func:`extract` so tests can feed hand-made expressions, and so the
    same code serves any tagger.
    """
    if sentences is None:
        sentences = split_sentences(text, near=[tx.start for tx in timexes if is_event(tx)])
    result = Extraction(timexes=list(timexes))
    skip_before = header_end(text)
    for tx in timexes:
        if tx.start < skip_before:
            continue
        if not is_event(tx):
            result.mentions.append(MentionDraft(
                start=tx.start, end=tx.end, text=tx.text, timex_type=tx.type,
                value=tx.value, mod=tx.mod, rule=tx.rule,
            ))
            continue
        span = sentence_at(sentences, tx.start) or (tx.start, tx.end)
        s_start, s_end = span
        s_end = max(s_end, tx.end)  # an expression never straddles out of its sentence
        s_start, s_end = clip_sentence(text, s_start, s_end, tx.start, tx.end)
        sentence = text[s_start:s_end]
        granularity = _granularity(tx)
        start, end = narrow(tx.interval_start, tx.interval_end, granularity, tx.mod)
        result.events.append(EventDraft(
            start=start,
            end=end,
            granularity=granularity,
            mod=tx.mod,
            fuzzy=is_fuzzy(tx.value, tx.mod),
            sort_key=sort_key(start, end),
            headline=make_headline(sentence, tx.start - s_start, tx.end - s_start),
            sentence=sentence,
            sentence_start=s_start,
            sentence_end=s_end,
            expr_start=tx.start,
            expr_end=tx.end,
            expr_text=tx.text,
            timex_type=tx.type,
            timex_value=tx.value,
            rule=tx.rule,
            anchor=tx.anchor,
        ))
    result.events.sort(key=lambda e: (e.start, e.end, e.expr_start))
    return result


def extract(text: str, dct: date | datetime, doc_type: str = "news") -> Extraction:
    """Tag ``text`` against ``dct`` and turn the expressions into events and mentions."""
    from timeline_app.timex import tag

    return events_from_timexes(text, tag(text, dct, doc_type=doc_type))
