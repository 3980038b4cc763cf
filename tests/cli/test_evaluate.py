"""``timeline-app evaluate``: figures, error examples, and one-line errors for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

import timeline_app.timex
from timeline_app.cli import main
from timeline_app.timex.model import Timex

TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">\
1998-08-07</TIMEX3></DCT>
<TEXT>On <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3> and \
<TIMEX3 tid="t2" type="DATE" value="1998-W31">last week</TIMEX3>, we may march.</TEXT>
</TimeML>
"""


def fake_tag(text, dct, doc_type="news"):
    friday = text.index("Friday")
    week = text.index("week")
    we = text.index("we may")
    return [
        Timex(friday, friday + 6, "Friday", "DATE", "1998-08-07", rule="weekday"),
        Timex(week, week + 4, "week", "DURATION", "P1W", rule="unit"),
        Timex(we, we + 2, "we", "DATE", "1998-08-05", rule="weekday.abbr"),
    ]


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(timeline_app.timex, "tag", fake_tag)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "doc1.tml").write_text(TML, encoding="utf-8")
    return tmp_path


def test_prints_figures(corpus, capsys):
    assert main(["evaluate", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "documents 1   gold 2   predicted 3" in out
    assert "strict        0.3333  0.5000  0.4000   1" in out
    assert "relaxed       0.6667  1.0000  0.8000   2" in out
    assert "type          0.5000  0.4000   1/2" in out
    assert "value         0.5000  0.4000   1/2" in out
    assert "spurious       1" in out and "== spurious" not in out


def test_errors_option_shows_examples_per_kind(corpus, capsys):
    assert main(["evaluate", str(corpus), "--errors", "3"]) == 0
    out = capsys.readouterr().out
    assert "== spurious (1) ==" in out
    assert "{we} may march" in out and "rule=weekday.abbr" in out
    assert "== wrong value (1) ==" in out and "1998-W31" in out
    assert "== missed" not in out


def test_doc_type_is_passed(corpus, monkeypatch, capsys):
    seen = []
    monkeypatch.setattr(timeline_app.timex, "tag",
                        lambda text, dct, doc_type="news": seen.append(doc_type) or [])
    assert main(["evaluate", str(corpus), "--doc-type", "narrative"]) == 0
    assert seen == ["narrative"]


@pytest.mark.parametrize("setup", ["missing", "empty", "broken"])
def test_bad_corpus_is_one_line_error(tmp_path, capsys, setup):
    target = tmp_path / "corpus"
    if setup == "empty":
        target.mkdir()
        (target / "readme.txt").write_text("x")
        reason = "no .tml files in this folder"
    elif setup == "broken":
        target.mkdir()
        (target / "a.tml").write_text("<TimeML><TEXT>x</TEXT></TimeML>")
        reason = "CREATION_TIME"
        target_file = target / "a.tml"
    else:
        reason = "no such file or folder"
    assert main(["evaluate", str(target)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1
    named = target_file if setup == "broken" else target
    assert err.startswith(f"timeline-app evaluate: {named}: ") and reason in err


def test_tagger_failure_sets_exit_status(corpus, monkeypatch, capsys):
    def broken(text, dct, doc_type="news"):
        raise ValueError("bad rule")

    monkeypatch.setattr(timeline_app.timex, "tag", broken)
    assert main(["evaluate", str(corpus)]) == 1
    assert "TAGGER FAILED" in capsys.readouterr().out


def test_negative_errors_is_rejected(corpus, capsys):
    with pytest.raises(SystemExit) as info:
        main(["evaluate", str(corpus), "--errors", "-1"])
    assert info.value.code == 2
    assert "expected 0 or more" in capsys.readouterr().err
