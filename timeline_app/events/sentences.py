"""Sentence boundaries with exact offsets into the document text.

pysbd knows news abbreviations ("Nov.", "U.S.", "Mr."), quotes and decimal numbers, but
asking it for character spans is no faster and has mis-placed repeated sentences in the
past, so we ask it for plain segments and locate each one ourselves, left to right, in the
original string. Blank lines are hard boundaries first: a headline or dateline without a
full stop ("Washington CNN—") must never be glued to the paragraph after it.
"""

from __future__ import annotations

import re
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


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``[(start, end), ...]``: every sentence of ``text``, stripped of surrounding
    whitespace, in order, never overlapping; ``text[start:end]`` is the sentence."""
    sentences: list[tuple[int, int]] = []
    segment = _segmenter().segment
    for p_start, p_end in _paragraphs(text):
        p_start, p_end = _trim(text, p_start, p_end)
        if p_start >= p_end:
            continue
        paragraph = text[p_start:p_end]
        pos = 0
        spans: list[tuple[int, int]] = []
        for piece in segment(paragraph):
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
