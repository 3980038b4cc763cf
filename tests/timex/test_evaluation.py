"""TimeML reading and TempEval-3 scoring, on tiny synthetic corpora written by each test."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from timeline_app.timex.documents import DocumentError
from timeline_app.timex.evaluation import (
    ERROR_KINDS,
    evaluate_corpus,
    evaluate_documents,
    find_tml_files,
    load_tml,
    parse_tml,
)
from timeline_app.timex.model import Timex

HEAD = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>{docid}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" \
functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>
<TITLE>Title with a date: <TIMEX3 tid="t99" type="DATE" value="1999">1999</TIMEX3></TITLE>
"""


def tml(body: str, dct: str = "1998-08-07", docid: str = "D1") -> str:
    return HEAD.format(docid=docid, dct=dct) + "<TEXT>" + body + "</TEXT>\n</TimeML>\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def tx(text: str, needle: str, type_: str = "DATE", value: str = "X", mod=None, nth: int = 0,
       cut: tuple[int, int] = (0, 0)) -> Timex:
    """A hand-built prediction for the nth occurrence of ``needle`` (span trimmed by cut)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    start += cut[0]
    end = start + len(needle) - cut[0] - cut[1]
    return Timex(start, end, text[start:end], type_, value, mod, rule="test")


class FakeTagger:
    """Returns fixed predictions per text and remembers how it was called."""

    def __init__(self, make):
        self.make = make
        self.calls: list[tuple[object, str]] = []

    def __call__(self, text, dct, doc_type="news"):
        self.calls.append((dct, doc_type))
        return self.make(text)


# ------------------------------------------------------------------------- reading


def test_plain_text_strips_tags_and_decodes_entities_with_correct_offsets():
    body = (
        "\nAT&amp;T <EVENT eid=\"e1\">said</EVENT> &lt;b&gt; on "
        '<TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> that '
        "caf&#233; &#x2014; &quot;Q&apos;s&quot; rose "
        '<TIMEX3 tid="t2" type="DURATION" value="P3Y" mod="MORE_THAN">more than '
        "three years</TIMEX3>.\n"
    )
    doc = parse_tml(tml(body), name="x.tml")
    assert doc.text == (
        "\nAT&T said <b> on Friday that caf\u00e9 \u2014 \"Q's\" rose more than three years.\n"
    )
    assert doc.dct == date(1998, 8, 7)
    assert [(g.text, g.type, g.value, g.mod, g.tid) for g in doc.gold] == [
        ("Friday", "DATE", "1998-08-07", None, "t1"),
        ("more than three years", "DURATION", "P3Y", "MORE_THAN", "t2"),
    ]
    for g in doc.gold:
        assert doc.text[g.start:g.end] == g.text
    assert doc.gold[0].start == doc.text.index("Friday")


def test_whitespace_and_carriage_returns_are_kept_exactly():
    body = '\r\n  a\tb \r\n\r\n<TIMEX3 tid="t1" type="DATE" value="1998">1998</TIMEX3>\r\n'
    doc = parse_tml(tml(body))
    assert doc.text == "\r\n  a\tb \r\n\r\n1998\r\n"
    assert doc.gold[0].start == 12 and doc.text[12:16] == "1998"


def test_entity_inside_timex_and_attribute():
    body = ('x <TIMEX3 tid="t1" type="DATE" value="A&amp;B">Q1&amp;Q2</TIMEX3> y '
            '<![CDATA[<raw> & stuff]]> <!-- a comment --> z')
    doc = parse_tml(tml(body))
    assert doc.text == "x Q1&Q2 y <raw> & stuff  z"
    assert (doc.gold[0].text, doc.gold[0].value) == ("Q1&Q2", "A&B")
    assert (doc.gold[0].start, doc.gold[0].end) == (2, 7)


def test_dct_is_the_anchor_not_gold_and_title_is_ignored():
    doc = parse_tml(tml("nothing here", dct="2001-09-11"))
    assert doc.dct == date(2001, 9, 11)
    assert doc.gold == ()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1998-08-07", date(1998, 8, 7)),
        ("1998-08-07T09:24", datetime(1998, 8, 7, 9, 24)),
        ("1998-08-07T09:24:31", datetime(1998, 8, 7, 9, 24, 31)),
        ("19980807", date(1998, 8, 7)),
    ],
)
def test_dct_values(value, expected):
    assert parse_tml(tml("x", dct=value)).dct == expected


def test_empty_timex_has_no_extent_and_is_skipped():
    body = 'a <TIMEX3 tid="t5" type="DATE" value="1998" /> b'
    doc = parse_tml(tml(body))
    assert doc.text == "a  b" and doc.gold == ()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("<TimeML><DCT></DCT></TimeML>", "no <TEXT> element"),
        (tml("a <EVENT>b</TIMEX3> c"), "</TIMEX3> closes <EVENT>"),
        (tml("a <EVENT>b c"), "<EVENT> is never closed"),
        (tml("a </EVENT> c"), "</EVENT> closes nothing"),
        (tml("a &nbsp; c"), "unknown entity &nbsp;"),
        (tml("AT&T"), "'&' that does not start an entity"),
        (tml("1 < 2"), "'<' that does not start a well-formed tag"),
        (tml("x", dct="yesterday"), "DCT value 'yesterday' is not a calendar date"),
        (tml("x", dct="1998-02-30"), "DCT value '1998-02-30' is not a calendar date"),
        ("<TimeML><TEXT>x</TEXT></TimeML>", 'no TIMEX3 with functionInDocument="CREATION_TIME"'),
        ("<TimeML><TEXT>x</TimeML>", "<TEXT> is not closed by one </TEXT>"),
    ],
)
def test_malformed_documents_give_one_line_errors(tmp_path, content, reason):
    path = write(tmp_path, "bad.tml", content)
    with pytest.raises(DocumentError) as info:
        load_tml(path)
    message = str(info.value)
    assert message.startswith(f"{path}: line ")
    assert reason in message
    assert "\n" not in message


def test_error_line_number_points_at_the_problem(tmp_path):
    content = tml("first line\nsecond line\nthird &bogus; line\n")
    line = content.splitlines().index("third &bogus; line") + 1
    path = write(tmp_path, "bad.tml", content)
    with pytest.raises(DocumentError, match=f"line {line}: unknown entity"):
        load_tml(path)


def test_undecodable_tml(tmp_path):
    path = write(tmp_path, "latin.tml", tml("caf\u00e9").encode("latin-1"))
    with pytest.raises(DocumentError, match="not valid UTF-8"):
        load_tml(path)


def test_find_tml_files(tmp_path):
    write(tmp_path, "b/z.tml", tml("x"))
    write(tmp_path, "a.tml", tml("x"))
    write(tmp_path, "b/notes.txt", "not a corpus file")
    files = find_tml_files(tmp_path)
    assert files == [tmp_path / "a.tml", tmp_path / "b" / "z.tml"]
    assert find_tml_files(tmp_path / "a.tml") == [tmp_path / "a.tml"]


def test_find_tml_files_errors(tmp_path):
    with pytest.raises(DocumentError, match="no such file or folder"):
        find_tml_files(tmp_path / "missing")
    write(tmp_path, "readme.txt", "x")
    with pytest.raises(DocumentError, match="no .tml files in this folder"):
        find_tml_files(tmp_path)


# ------------------------------------------------------------------------- scoring

SCORED_BODY = (
    'On <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3>, '
    'for <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3>, '
    '<TIMEX3 tid="t3" type="DATE" value="1998-W31">last week</TIMEX3> and '
    '<TIMEX3 tid="t4" type="DATE" value="1998-08" mod="START">early August</TIMEX3>. '
    "We may march."
)


def scored_predictions(text: str) -> list[Timex]:
    return [
        tx(text, "Friday", "DATE", "1998-08-07"),  # strict, all right
        tx(text, "three years", "DATE", "P3Y"),  # strict, wrong type
        tx(text, "last week", "DATE", "1998-W30", cut=(5, 0)),  # relaxed "week", wrong value
        tx(text, "We", "DATE", "1998-08-05"),  # spurious
    ]  # "early August" missed


def test_figures_by_hand(tmp_path):
    write(tmp_path, "one.tml", tml(SCORED_BODY))
    tagger = FakeTagger(scored_predictions)
    report = evaluate_corpus(tmp_path, tagger=tagger)
    assert (report.gold, report.predicted, report.strict, report.relaxed) == (4, 4, 2, 3)
    assert report.strict_precision == pytest.approx(0.5)
    assert report.strict_recall == pytest.approx(0.5)
    assert report.strict_f1 == pytest.approx(0.5)
    assert report.relaxed_precision == pytest.approx(0.75)
    assert report.relaxed_recall == pytest.approx(0.75)
    assert report.relaxed_f1 == pytest.approx(0.75)
    assert report.type_accuracy == pytest.approx(2 / 3)
    assert report.type_f1 == pytest.approx(0.75 * 2 / 3)
    assert report.value_accuracy == pytest.approx(2 / 3)
    assert report.value_f1 == pytest.approx(0.5)
    assert tagger.calls == [(date(1998, 8, 7), "news")]
    counts = {kind: len(report.errors[kind]) for kind in ERROR_KINDS}
    assert counts == {"missed": 1, "spurious": 1, "span mismatch": 1, "wrong type": 1,
                      "wrong value": 1, "wrong mod": 0}


def test_error_examples_carry_text_context_gold_and_prediction(tmp_path):
    write(tmp_path, "one.tml", tml(SCORED_BODY))
    report = evaluate_corpus(tmp_path, tagger=FakeTagger(scored_predictions))
    missed = report.errors["missed"][0]
    assert missed.text == "early August" and missed.predicted is None
    assert missed.gold.mod == "START" and missed.doc == str(tmp_path / "one.tml")
    assert "[early August]" in missed.context
    spurious = report.errors["spurious"][0]
    assert spurious.text == "We" and spurious.gold is None
    assert "{We} may march" in spurious.context
    shifted = report.errors["span mismatch"][0]
    assert shifted.context.count("[") == 1 and "[last {week}]" in shifted.context
    wrong_value = report.errors["wrong value"][0]
    assert (wrong_value.gold.value, wrong_value.predicted.value) == ("1998-W31", "1998-W30")
    described = wrong_value.describe()
    assert "1998-W31" in described and "1998-W30" in described and "rule=test" in described


def test_one_to_one_long_prediction_matches_only_one_gold(tmp_path):
    body = ('<TIMEX3 tid="t1" type="DATE" value="1990">1990</TIMEX3> to '
            '<TIMEX3 tid="t2" type="DATE" value="1995">1995</TIMEX3>')
    doc = parse_tml(tml(body))
    report = evaluate_documents(
        [doc], tagger=lambda text, dct, doc_type: [Timex(0, len(text), text, "DATE", "1990")]
    )
    assert (report.strict, report.relaxed) == (0, 1)
    assert len(report.errors["missed"]) == 1 and report.errors["missed"][0].text == "1995"
    assert report.relaxed_precision == 1.0 and report.relaxed_recall == 0.5


def test_identical_span_wins_over_a_larger_overlap(tmp_path):
    body = ('<TIMEX3 tid="t1" type="DATE" value="1998-08">August</TIMEX3> '
            '<TIMEX3 tid="t2" type="DATE" value="1998">1998</TIMEX3>')
    doc = parse_tml(tml(body))

    def predict(text):
        # "August 1998" overlaps both gold spans; "1998" is identical to the second.
        return [Timex(0, 11, text[0:11], "DATE", "1998-08"), tx(text, "1998", "DATE", "1998")]

    report = evaluate_documents([doc], tagger=lambda t, d, doc_type: predict(t))
    assert (report.strict, report.relaxed, report.predicted) == (1, 2, 2)
    assert not report.errors["missed"] and not report.errors["spurious"]


def test_largest_overlap_is_matched_first():
    body = 'ab <TIMEX3 tid="t1" type="DATE" value="G">cdefgh</TIMEX3> ij'
    doc = parse_tml(tml(body))

    def predict(text):
        return [Timex(0, 4, text[0:4], "DATE", "small"), Timex(5, 11, text[5:11], "DATE", "G")]

    report = evaluate_documents([doc], tagger=lambda t, d, doc_type: predict(t))
    assert report.relaxed == 1 and report.value_correct == 1
    assert [e.predicted.value for e in report.errors["spurious"]] == ["small"]


def test_context_markers_nest():
    body = 'on <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> night'
    doc = parse_tml(tml(body))
    g = doc.gold[0]

    def predict(text):
        return [Timex(g.start, len(text), text[g.start:], "TIME", "1998-08-07TNI")]

    report = evaluate_documents([doc], tagger=lambda t, d, doc_type: predict(t))
    assert report.errors["span mismatch"][0].context == "on {[Friday] night}"


def test_touching_spans_do_not_overlap_and_duplicates_count_once():
    body = 'on <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> night'
    doc = parse_tml(tml(body))
    start = doc.gold[0].start

    def predict(text):
        friday = Timex(start, start + 6, "Friday", "DATE", "1998-08-07")
        return [Timex(0, start, text[:start], "DATE", "x"), friday, friday,
                Timex(start + 6, len(text), text[start + 6:], "TIME", "y")]

    report = evaluate_documents([doc], tagger=lambda t, d, doc_type: predict(t))
    assert (report.strict, report.relaxed, report.predicted) == (1, 1, 4)
    assert len(report.errors["spurious"]) == 3


def test_mod_errors_are_reported_but_do_not_change_value_f1():
    body = '<TIMEX3 tid="t1" type="DATE" value="1998-08" mod="START">early August</TIMEX3>'
    doc = parse_tml(tml(body))
    report = evaluate_documents(
        [doc], tagger=lambda t, d, doc_type: [Timex(0, 12, t[:12], "DATE", "1998-08")]
    )
    assert report.value_f1 == 1.0 and report.mod_accuracy == 0.0
    assert report.errors["wrong mod"][0].gold.mod == "START"


def test_tagger_failure_is_recorded_and_counted_as_missed(tmp_path):
    write(tmp_path, "a.tml", tml(SCORED_BODY, docid="A"))
    write(tmp_path, "b.tml", tml('<TIMEX3 tid="t1" type="DATE" value="1998">1998</TIMEX3>'))

    def tagger(text, dct, doc_type="news"):
        if "Friday" in text:
            raise RuntimeError("rule exploded")
        return [Timex(0, 4, "1998", "DATE", "1998")]

    report = evaluate_corpus(tmp_path, tagger=tagger)
    assert [f.doc for f in report.failures] == [str(tmp_path / "a.tml")]
    assert report.failures[0].error == "RuntimeError: rule exploded"
    assert report.relaxed == 1 and len(report.errors["missed"]) == 4
    assert "TAGGER FAILED" in report.format()
    with pytest.raises(RuntimeError, match="rule exploded"):
        evaluate_corpus(tmp_path, tagger=tagger, raise_errors=True)


def test_progress_is_called_once_per_document(tmp_path):
    write(tmp_path, "a.tml", tml("x", docid="A"))
    write(tmp_path, "b.tml", tml("y", docid="B"))
    seen = []
    evaluate_corpus(tmp_path, tagger=FakeTagger(lambda text: []),
                    progress=lambda doc: seen.append(doc.text))
    assert seen == ["x", "y"]


def test_doc_type_and_datetime_dct_reach_the_tagger(tmp_path):
    write(tmp_path, "a.tml", tml("x", dct="1998-08-07T09:24"))
    tagger = FakeTagger(lambda text: [])
    report = evaluate_corpus(tmp_path, tagger=tagger, doc_type="narrative")
    assert tagger.calls == [(datetime(1998, 8, 7, 9, 24), "narrative")]
    assert report.gold == report.predicted == 0 and report.relaxed_f1 == 0.0
    assert report.value_f1 == 0.0


def test_several_documents_are_summed_and_ranked(tmp_path):
    write(tmp_path, "a.tml", tml(SCORED_BODY, docid="A"))
    write(tmp_path, "b.tml", tml(SCORED_BODY, docid="B"))
    report = evaluate_corpus(tmp_path, tagger=FakeTagger(scored_predictions))
    assert len(report.documents) == 2
    assert (report.gold, report.strict, report.relaxed) == (8, 4, 6)
    assert report.relaxed_f1 == pytest.approx(0.75)
    assert report.documents[0].errors == 3  # 1 missed + 1 spurious + 1 wrong value
    assert report.figures()["documents"] == 2


def test_format_shows_figures_and_limits_examples(tmp_path):
    write(tmp_path, "a.tml", tml(SCORED_BODY, docid="A"))
    write(tmp_path, "b.tml", tml(SCORED_BODY, docid="B"))
    report = evaluate_corpus(tmp_path, tagger=FakeTagger(scored_predictions))
    short = report.format()
    assert "strict        0.5000  0.5000  0.5000" in short
    assert "relaxed       0.7500  0.7500  0.7500" in short
    assert "== missed" not in short
    full = report.format(errors=1)
    assert "== missed (2) ==" in full
    assert "most frequent: 'early august' x2" in full
    section = full.split("== missed (2) ==")[1].split("==")[0]
    assert section.count("  - ") == 1


def test_errors_by_rule(tmp_path):
    write(tmp_path, "one.tml", tml(SCORED_BODY))

    def predict(text):
        timexes = scored_predictions(text)
        return [Timex(t.start, t.end, t.text, t.type, t.value, t.mod,
                      rule="weekday" if t.text in ("Friday", "We") else "unit")
                for t in timexes]

    report = evaluate_corpus(tmp_path, tagger=FakeTagger(predict))
    table = report.errors_by_rule()
    assert dict(table["weekday"]) == {"spurious": 1}
    assert dict(table["unit"]) == {"wrong type": 1, "span mismatch": 1, "wrong value": 1}
    text = report.format()
    assert "rules with most errors:" in text
    assert "     3  unit  (span mismatch 1, wrong type 1, wrong value 1)" in text
