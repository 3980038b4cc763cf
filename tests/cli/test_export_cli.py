"""``timeline-app export`` from the command line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from timeline_app.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def db(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("TIMELINE_APP_DB", raising=False)
    path = str(tmp_path / "e.db")
    assert main(["ingest", str(SEEDS), "--db", path]) == 0
    capsys.readouterr()
    return path


def test_every_format(db, tmp_path, capsys):
    for fmt, name in [("csv", "a.csv"), ("timelinejs-csv", "b.csv"),
                      ("timelinejs-json", "c.json"), ("timeml", "tml")]:
        assert main(["export", str(tmp_path / name), "--format", fmt, "--db", db]) == 0
        assert f"({fmt})" in capsys.readouterr().out
    with open(tmp_path / "b.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert any(r["Display Date"] == "early October 2022" and r["Day"] == "" for r in rows)
    assert {r["Group"] for r in rows} == {"CNN us urges ukraine openness to talks"}
    data = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert len(data["events"]) == len(rows)
    (tml,) = (tmp_path / "tml").iterdir()
    assert "<TIMEX3" in tml.read_text(encoding="utf-8")


def test_environment_variable_selects_the_database(db, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TIMELINE_APP_DB", db)
    assert main(["export", str(tmp_path / "env.csv")]) == 0
    assert (tmp_path / "env.csv").stat().st_size > 1000


def test_date_range_and_document(db, tmp_path, capsys):
    out = tmp_path / "r.csv"
    assert main(["export", str(out), "--db", db, "--from", "2022-10-01", "--to",
                 "2022-10-31"]) == 0
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(r["start"] <= "2022-10-31" and r["end"] > "2022-10-01" for r in rows)
    assert main(["export", str(out), "--db", db, "--document", "1"]) == 0


@pytest.mark.parametrize("args, status, message", [
    (["--from", "2022-1-01"], 2, "invalid date"),
    (["--from", "2022-11-01", "--to", "2022-10-01"], 2, "before --from"),
    (["--document", "99"], 1, "no document with id 99"),
])
def test_bad_options_are_one_line(db, tmp_path, capsys, args, status, message):
    assert main(["export", str(tmp_path / "x.csv"), "--db", db, *args]) == status
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err
    assert not (tmp_path / "x.csv").exists()


def test_unwritable_target(db, tmp_path, capsys):
    assert main(["export", str(tmp_path / "no" / "x.csv"), "--db", db]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "x.tml"), "--format", "timeml", "--db", db]) == 0
