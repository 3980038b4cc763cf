"""Sentence boundaries with exact offsets into the document text.

pysbd knows news abbreviations ("Nov.", "U.S.", "Mr."), quotes and decimal numbers. We
ask it for plain segments and locate each one ourselves, left to right, in the original
string, so the offsets index the stored text exactly whatever pysbd does to whitespace
(asking it for character spans measured no faster). On the TempEval-3 training corpus
(86,000 words) pysbd takes about 1.9 s, more than the tagger itself, so extraction splits
only the paragraphs that hold an event (``near``). Blank lines are hard boundaries first:
a headline or dateline without a full stop ("Washington CNN—") must never be glued to
the paragraph after it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_BULLET = re.compile(r"\s*(?:[-*•–]|\d+[.)])\s")


def _is_hard_line_end(line: str, next_line: str) -> bool:
    """Is the newline after ``line`` a boundary (a heading, a dateline, a list item) rather
    than a soft wrap inside a sentence?"""
    stripped = line.strip()
    if not stripped or _BULLET.match(next_line):
        return True
    if stripped[-1] in ".!?:;\"”’')":
        return False  # pysbd decides at punctuation
    following = next_line.lstrip()[:1]
    if following.islower():
        return False  # the sentence goes on
    letters = [c for c in stripped if c.isalpha()]
    return len(stripped) <= 50 or (bool(letters) and all(c.isupper() for c in letters))


def _unwrap(paragraph: str) -> tuple[str, list[int]]:
    """``paragraph`` with soft line wraps turned into spaces (same length, so offsets still
    hold) and the offsets of the hard line breaks."""
    if "\n" not in paragraph:
        return paragraph, []
    chars = list(paragraph)
    hard = []
    lines = paragraph.split("\n")
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        if _is_hard_line_end(line, lines[i + 1]):
            hard.append(pos)
        else:
            chars[pos] = " "
        pos += 1
    return "".join(chars), hard


# "at 5 p.m. Monday": a clock abbreviation followed by a day or date does not end the
# sentence, though the capital letter makes pysbd think so.
_CLOCK_END = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
_DATE_START = re.compile(
    r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)(?:day)?\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
    r"Sep|Sept|Oct|Nov|Dec)[a-z]*\b|(?:Today|Tomorrow|Yesterday|Tonight)\b|\d"
)


def _rejoin(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged = [spans[0]]
    for s, e in spans[1:]:
        ps, pe = merged[-1]
        if _CLOCK_END.search(paragraph[ps:pe]) and _DATE_START.match(paragraph, s):
            merged[-1] = (ps, e)
        else:
            merged.append((s, e))
    return merged


#: pysbd's abbreviation pass rescans its whole input once per abbreviation-like word, so
#: its time grows with the square of the input: a paragraph longer than this (a transcript
#: without paragraph breaks) is fed to it in pieces, cut after a full stop where possible.
MAX_SEGMENT = 4000
_STOP = re.compile(r"[.!?][\"'”’)]*\s+")


def _bounded_cuts(paragraph: str, cuts: list[int]) -> list[int]:
    """``cuts`` with extra ones so that no piece is longer than MAX_SEGMENT."""
    out, prev = [], 0
    for cut in cuts:
        while cut - prev > MAX_SEGMENT:
            window = paragraph[prev:prev + MAX_SEGMENT]
            stops = [m.end() for m in _STOP.finditer(window, MAX_SEGMENT // 2)]
            space = window.rfind(" ", MAX_SEGMENT // 2)
            step = stops[-1] if stops else (space + 1 if space > 0 else MAX_SEGMENT)
            prev += step
            out.append(prev)
        out.append(cut)
        prev = cut
    return out


def split_sentences(text: str, near: Iterable[int] | None = None) -> list[tuple[int, int]]:
    """Return ``[(start, end), ...]``: every sentence of ``text``, stripped of surrounding
    whitespace, in order, never overlapping; ``text[start:end]`` is the sentence.

    With ``near`` (offsets into ``text``), only the paragraphs holding one of them are
    split: extraction needs just the sentences around its expressions, and the splitter
    is the slowest step of ingest.
    """
    sentences: list[tuple[int, int]] = []
    segment = _segmenter().segment
    wanted = sorted(set(near)) if near is not None else None
    for p_start, p_end in _paragraphs(text):
        if wanted is not None:
            i = bisect_left(wanted, p_start)
            if i == len(wanted) or wanted[i] >= p_end:
                continue
        p_start, p_end = _trim(text, p_start, p_end)
        if p_start >= p_end:
            continue
        paragraph, hard = _unwrap(text[p_start:p_end])
        pos = 0
        spans: list[tuple[int, int]] = []
        pieces = []
        prev = 0
        for cut in _bounded_cuts(paragraph, [*hard, len(paragraph)]):
            pieces.extend(segment(paragraph[prev:cut]) if paragraph[prev:cut].strip() else [])
            prev = cut
        for piece in pieces:
            piece = piece.strip()
            if not piece:
                continue
            found = paragraph.find(piece, pos)
            if found < 0:  # pysbd changed the text: fall back to the whole paragraph
                spans = [(0, len(paragraph))]
                break
            spans.append((found, found + len(piece)))
            pos = found + len(piece)
        if not spans:
            spans = [(0, len(paragraph))]
        spans = _rejoin(paragraph, spans)
        # Make the pieces tile the paragraph, so no character is outside a sentence.
        for i, (s, _e) in enumerate(spans):
            e = spans[i + 1][0] if i + 1 < len(spans) else len(paragraph)
            s0 = 0 if i == 0 else s
            a, b = _trim(paragraph, s0, e)
            if a < b:
                sentences.append((p_start + a, p_start + b))
    return sentences


def sentence_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The span holding ``offset`` (binary search over sorted spans), else None."""
    lo, hi = 0, len(spans) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = spans[mid]
        if offset < s:
            hi = mid - 1
        elif offset >= e:
            lo = mid + 1
        else:
            return spans[mid]
    return None
