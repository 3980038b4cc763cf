from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.events.sentences import sentence_at, split_sentences


def texts(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_news_abbreviations_and_quotes():
    text = ('The U.S. said on Nov. 8 that Mr. Smith left. "He is gone," she said. '
            "Then -- after a pause -- it ended.")
    assert texts(text) == [
        "The U.S. said on Nov. 8 that Mr. Smith left.",
        '"He is gone," she said.',
        "Then -- after a pause -- it ended.",
    ]


def test_headline_without_full_stop_and_paragraphs():
    text = " date 2022-11-08 \n\n\n\nWashington CNN—\n\nIn recent weeks, talks began.\n  \nMore."
    assert texts(text) == ["date 2022-11-08", "Washington CNN—",
                           "In recent weeks, talks began.", "More."]


def test_offsets_are_exact_and_ordered(seed_text):
    spans = split_sentences(seed_text)
    assert spans == sorted(spans)
    for (_s, e), (s2, _e2) in zip(spans, spans[1:], strict=False):
        assert e <= s2
        assert not seed_text[e:s2].strip() or seed_text[e:s2].strip() in "\"”’'"
    for s, e in spans:
        assert seed_text[s:e] == seed_text[s:e].strip() and seed_text[s:e]
    # every non-blank character belongs to a sentence
    covered = sum(e - s for s, e in spans)
    assert covered >= len("".join(seed_text.split())) - len(spans)


def test_sentence_at():
    spans = [(0, 5), (7, 10)]
    assert sentence_at(spans, 0) == (0, 5)
    assert sentence_at(spans, 9) == (7, 10)
    assert sentence_at(spans, 6) is None
    assert sentence_at([], 3) is None


def test_empty_and_blank():
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\n\"'“”—-U.S.Mr")), max_size=120))
def test_spans_always_index_the_text(text):
    spans = split_sentences(text)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert text[s:e].strip() == text[s:e]
        last = e


def test_soft_line_wraps_do_not_end_sentences():
    text = ("BIG HEADLINE HERE\nThe man went\nto the shop. He left.\n- item one\n- item two\n"
            "Washington CNN—\nIn recent weeks, prices rose across the whole of the region and\n"
            "Beyond. Done.")
    assert texts(text) == [
        "BIG HEADLINE HERE", "The man went\nto the shop.", "He left.", "- item one",
        "- item two", "Washington CNN—",
        "In recent weeks, prices rose across the whole of the region and\nBeyond.", "Done.",
    ]


def test_near_splits_only_the_paragraphs_asked_for(seed_text):
    everything = split_sentences(seed_text)
    offset = seed_text.index("early October")
    some = split_sentences(seed_text, near=[offset])
    assert some and set(some) <= set(everything)
    assert sentence_at(some, offset) == sentence_at(everything, offset)
    assert all(s >= seed_text.index("Officials including") for s, _ in some)
    assert split_sentences(seed_text, near=[]) == []


def test_clock_abbreviation_before_a_day_does_not_end_the_sentence():
    text = "Mr. Smith arrived at 5 p.m. Monday. They left. We met at 9 a.m. Nobody came."
    assert texts(text) == [
        "Mr. Smith arrived at 5 p.m. Monday.", "They left.", "We met at 9 a.m.", "Nobody came."]


def test_a_huge_paragraph_is_split_in_bounded_pieces():
    from timeline_app.events.sentences import MAX_SEGMENT, _bounded_cuts

    paragraph = "A sentence that ends here. " * 1000
    cuts = _bounded_cuts(paragraph, [len(paragraph)])
    pieces = [b - a for a, b in zip([0, *cuts], cuts, strict=False)]
    assert all(p <= MAX_SEGMENT for p in pieces) and cuts[-1] == len(paragraph)
    assert all(paragraph[c - 2:c] == ". " for c in cuts[:-1])  # after a full stop
    spans = split_sentences(paragraph)
    assert len(spans) == 1000
