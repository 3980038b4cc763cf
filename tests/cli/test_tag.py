"""``timeline-app tag``: formats, DCT handling, folders, and every per-file failure."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

import timeline_app.timex
from timeline_app.cli import main
from timeline_app.timex.evaluation import parse_tml
from timeline_app.timex.model import Timex

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "2022-11-08-cnn-us-urges-ukraine-openness-to-talks.txt"


class FakeTagger:
    """Tags every "June" and "daily"; remembers the DCT and doc_type it was given."""

    def __init__(self):
        self.calls = []

    def __call__(self, text, dct, doc_type="news", lang="en", date_order="MDY"):
        self.calls.append((dct, doc_type))
        out = []
        for word, type_, value in (("June", "DATE", "2022-06"), ("daily", "SET", "P1D")):
            start = text.find(word)
            while start >= 0:
                interval = (
                    (datetime(2022, 6, 1), datetime(2022, 7, 1), "month")
                    if type_ == "DATE" else (None, None, None)
                )
                out.append(Timex(start, start + len(word), word, type_, value,
                                 "START" if type_ == "DATE" else None, *interval,
                                 rule="fake." + word.lower(), anchor="DCT"))
                start = text.find(word, start + 1)
        return sorted(out, key=lambda t: t.start)


@pytest.fixture
def fake(monkeypatch):
    tagger = FakeTagger()
    monkeypatch.setattr(timeline_app.timex, "tag", tagger)
    return tagger


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_jsonl_offsets_index_the_file_text_exactly(tmp_path, fake, capsys):
    content = " date 2022-11-08 \r\n\r\nIn June, caf\u00e9 \u2014 daily\r\nJune again."
    path = write(tmp_path / "a.txt", content)
    assert main(["tag", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    [record] = jsonl(out)
    assert record["doc"] == str(path)
    assert record["dct"] == "2022-11-08"
    assert fake.calls == [(date(2022, 11, 8), "news")]
    assert [t["text"] for t in record["timexes"]] == ["June", "daily", "June"]
    for t in record["timexes"]:
        assert content[t["start"]:t["end"]] == t["text"]
        assert list(t) == ["start", "end", "text", "type", "value", "mod", "interval_start",
                           "interval_end", "granularity", "rule"]
    first = record["timexes"][0]
    assert first == {"start": 24, "end": 28, "text": "June", "type": "DATE", "value": "2022-06",
                     "mod": "START", "interval_start": "2022-06-01T00:00:00",
                     "interval_end": "2022-07-01T00:00:00", "granularity": "month",
                     "rule": "fake.june"}
    assert record["timexes"][1]["interval_start"] is None


def test_dct_option_overrides_header_and_doc_type_is_passed(tmp_path, fake, capsys):
    path = write(tmp_path / "a.txt", "date 2022-11-08\nIn June.")
    assert main(["tag", "--dct", "2020-01-31", "--doc-type", "narrative", str(path)]) == 0
    [record] = jsonl(capsys.readouterr().out)
    assert record["dct"] == "2020-01-31"
    assert fake.calls == [(date(2020, 1, 31), "narrative")]


def test_dct_option_allows_files_without_header(tmp_path, fake, capsys):
    path = write(tmp_path / "a.txt", "In June.")
    assert main(["tag", "--dct", "2022-11-08", str(path)]) == 0
    assert jsonl(capsys.readouterr().out)[0]["timexes"][0]["text"] == "June"


@pytest.mark.parametrize("value", ["2022-13-01", "yesterday", "2022-02-30", "08/11/2022"])
def test_invalid_dct_option_is_one_line_and_tags_nothing(tmp_path, fake, capsys, value):
    path = write(tmp_path / "a.txt", "date 2022-11-08\nIn June.")
    assert main(["tag", "--dct", value, str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and fake.calls == []
    assert err.count("\n") == 1 and err.startswith("timeline-app tag: --dct: invalid DCT")


def test_file_without_dct_is_named_and_others_still_processed(tmp_path, fake, capsys):
    good1 = write(tmp_path / "1.txt", "date 2022-11-08\nIn June.")
    bad = write(tmp_path / "2.txt", "Washington\nIn June.")
    good2 = write(tmp_path / "3.txt", "Date: 2021-01-05\nnothing")
    assert main(["tag", str(good1), str(bad), str(good2)]) == 1
    out, err = capsys.readouterr()
    assert [r["doc"] for r in jsonl(out)] == [str(good1), str(good2)]
    assert err.splitlines() == [
        f"timeline-app tag: {bad}: no document date: pass --dct YYYY-MM-DD or start the "
        "file with a line like 'date 2022-11-08'"
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bad.txt", b"date 2022-11-08\n\xff", "not valid UTF-8 (byte 0xff at offset 16)"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\n", "contains only whitespace"),
        ("header.txt", b"date 2022-02-30\nJune", "header line: invalid DCT"),
    ],
)
def test_bad_files_give_one_line_errors(tmp_path, fake, capsys, name, content, reason):
    bad = write(tmp_path / name, content)
    good = write(tmp_path / "good.txt", "date 2022-11-08\nJune")
    assert main(["tag", str(bad), str(good)]) == 1
    out, err = capsys.readouterr()
    assert [r["doc"] for r in jsonl(out)] == [str(good)]
    assert len(err.splitlines()) == 1
    assert err.startswith(f"timeline-app tag: {bad}: ") and reason in err


def test_missing_path_and_empty_folder(tmp_path, fake, capsys):
    (tmp_path / "empty").mkdir()
    write(tmp_path / "empty" / "notes.pdf", b"%PDF")
    good = write(tmp_path / "good.txt", "date 2022-11-08\nJune")
    assert main(["tag", str(tmp_path / "missing.txt"), str(tmp_path / "empty"), str(good)]) == 1
    out, err = capsys.readouterr()
    assert len(jsonl(out)) == 1
    assert err.splitlines() == [
        f"timeline-app tag: {tmp_path / 'missing.txt'}: no such file or folder",
        f"timeline-app tag: {tmp_path / 'empty'}: no .txt or .md files in this folder",
    ]


def test_folders_recurse_sorted_over_txt_and_md(tmp_path, fake, capsys):
    for rel in ("b/z.txt", "b/a.md", "a.TXT", "c/d/e.txt", ".hidden/x.txt", "b/skip.json"):
        write(tmp_path / rel, "date 2022-11-08\nJune")
    assert main(["tag", str(tmp_path)]) == 0
    docs = [Path(r["doc"]).relative_to(tmp_path).as_posix() for r in jsonl(capsys.readouterr().out)]
    assert docs == ["a.TXT", "b/a.md", "b/z.txt", "c/d/e.txt"]


def test_tagger_crash_on_one_file_does_not_stop_the_rest(tmp_path, monkeypatch, capsys):
    def tagger(text, dct, doc_type="news", date_order="MDY"):
        if "boom" in text:
            raise RuntimeError("rule exploded")
        return []

    monkeypatch.setattr(timeline_app.timex, "tag", tagger)
    bad = write(tmp_path / "a.txt", "date 2022-11-08\nboom")
    write(tmp_path / "b.txt", "date 2022-11-08\nfine")
    assert main(["tag", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert len(jsonl(out)) == 1
    assert err == f"timeline-app tag: {bad}: tagger failed: RuntimeError: rule exploded\n"


def test_timeml_round_trips_through_the_timeml_reader(tmp_path, fake, capsys):
    content = "date 2022-11-08\r\nAT&T <b> said \"June\" & daily\r\nend"
    path = write(tmp_path / "a&b.txt", content)
    assert main(["tag", "--format", "timeml", str(path)]) == 0
    out = capsys.readouterr().out
    assert '<TIMEX3 tid="t1" type="DATE" value="2022-06" mod="START">June</TIMEX3>' in out
    assert '<TIMEX3 tid="t2" type="SET" value="P1D">daily</TIMEX3>' in out
    assert "AT&amp;T &lt;b&gt;" in out and "&#13;" in out
    assert 'functionInDocument="CREATION_TIME">2022-11-08</TIMEX3></DCT>' in out
    doc = parse_tml(out)
    assert doc.text == content
    assert doc.dct == date(2022, 11, 8)
    expected = fake(content, date(2022, 11, 8))
    assert [(g.start, g.end, g.type, g.value, g.mod) for g in doc.gold] == [
        (t.start, t.end, t.type, t.value, t.mod) for t in expected
    ]
    import xml.etree.ElementTree as ET

    root = ET.fromstring(out.encode("utf-8"))
    assert root.find("DOCID").text == str(path)
    assert "".join(root.find("TEXT").itertext()) == content  # &#13; survives real XML parsers


def test_timeml_several_documents_and_overlaps(tmp_path, monkeypatch, capsys):
    def tagger(text, dct, doc_type="news", date_order="MDY"):
        return [Timex(16, 20, text[16:20], "DATE", "2022-06"),
                Timex(18, 22, text[18:22], "DATE", "X")]

    monkeypatch.setattr(timeline_app.timex, "tag", tagger)
    a = write(tmp_path / "a.txt", "date 2022-11-08\nJune 1")
    write(tmp_path / "b.txt", "date 2022-11-08\nJune 2")
    assert main(["tag", "--format", "timeml", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert out.count("<TimeML>") == 2 and out.count('value="X"') == 0
    assert f"timeline-app tag: {a}: 1 overlapping expression(s) left out" in err
    first = out.split("\n\n<?xml")[0]
    assert parse_tml(first).gold[0].text == "June"


def test_table_is_aligned_and_escapes_newlines(tmp_path, monkeypatch, capsys):
    def tagger(text, dct, doc_type="news", date_order="MDY"):
        start = text.index("June")
        return [
            Timex(start, start + 4, "June", "DATE", "2022-06", "START", datetime(2022, 6, 1),
                  datetime(2022, 7, 1), "month", rule="month.name"),
            Timex(0, 4, "date", "DATE", "PRESENT_REF", None, datetime(2022, 11, 8, 15, 30),
                  datetime(2022, 11, 8, 15, 31), "minute", rule="x"),
            Timex(start, start + 10, "June\nthere", "DURATION", "P1M", rule="y"),
        ]

    monkeypatch.setattr(timeline_app.timex, "tag", tagger)
    path = write(tmp_path / "a.txt", "date 2022-11-08\nIn June\nthere")
    write(tmp_path / "none.txt", "date 2022-11-08\nnothing")
    monkeypatch.setattr(timeline_app.timex, "tag", lambda t, d, doc_type="news", date_order="MDY": (
        tagger(t, d) if "June" in t else []))
    assert main(["tag", "--format", "table", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{path}  (DCT 2022-11-08, 3 expressions)"
    assert lines[1].split() == ["offsets", "text", "type", "value", "mod", "interval",
                                "granularity", "rule"]
    assert set(lines[2].replace(" ", "")) == {"-"}
    rows = lines[3:6]
    assert rows[0].split()[:2] == ["0-4", "date"]  # sorted by offset
    assert "2022-11-08T15:30 .. 2022-11-08T15:31" in rows[0]
    assert "2022-06-01 .. 2022-07-01" in rows[1]
    assert "June\\nthere" in rows[2]
    type_column = lines[1].index("type")
    assert all(row[type_column - 2:type_column] == "  " for row in rows)
    assert [row[type_column:].split()[0] for row in rows] == ["DATE", "DATE", "DURATION"]
    assert lines[6] == ""
    assert lines[7] == f"{tmp_path / 'none.txt'}  (DCT 2022-11-08, 0 expressions)"


# ---------------------------------------------------------------- the real tagger, end to end


def test_real_tagger_on_the_example_article(capsys):
    assert main(["tag", str(SEED)]) == 0
    [record] = jsonl(capsys.readouterr().out)
    text = SEED.read_bytes().decode("utf-8")
    assert record["dct"] == "2022-11-08"
    by_text = {}
    for t in record["timexes"]:
        assert text[t["start"]:t["end"]] == t["text"]
        by_text.setdefault(t["text"].lower(), []).append(t)
    early = by_text["early october"][0]
    assert (early["value"], early["mod"]) == ("2022-10", "START")
    assert [t["value"] for t in by_text["last week"]] == ["2022-W44", "2022-W44"]


def test_subprocess_on_the_seeds_folder():
    exe = ROOT / ".venv" / "bin" / "timeline-app"
    result = subprocess.run(
        [str(exe), "tag", "seeds/"], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    records = jsonl(result.stdout)
    assert [r["doc"] for r in records] == [
        "seeds/" + p.name for p in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    for record in records:
        text = (ROOT / record["doc"]).read_bytes().decode("utf-8")
        assert record["dct"] and record["timexes"]
        for t in record["timexes"]:
            assert text[t["start"]:t["end"]] == t["text"]


def test_date_order_reads_day_first(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("date 2022-11-08\nSigned on 11/08/2022 and 03/02/2021.\n", encoding="utf-8")
    assert main(["tag", str(article), "--date-order", "DMY"]) == 0
    values = [t["value"] for t in json.loads(capsys.readouterr().out)["timexes"]]
    assert "2022-08-11" in values and "2021-02-03" in values
    assert main(["tag", str(article)]) == 0
    values = [t["value"] for t in json.loads(capsys.readouterr().out)["timexes"]]
    assert "2022-11-08" in values and "2021-03-02" in values
