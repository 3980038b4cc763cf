"""``timeline-app ingest`` and ``events`` from the command line, end to end on the seeds."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from timeline_app.cli import main
from timeline_app.store import Document, Event, Mention, open_store

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.delenv("TIMELINE_APP_DB", raising=False)
    return str(tmp_path / "cli.db")


def counts(db):
    with open_store(db) as store, store.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(t))
                     for t in (Document, Event, Mention))


def test_ingest_seeds_then_export_csv(db, tmp_path, capsys):
    assert main(["ingest", str(SEEDS), "--db", db]) == 0
    assert "1 added" in capsys.readouterr().out
    out = tmp_path / "out.csv"
    assert main(["export", str(out), "--db", db]) == 0
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open_store(db) as store, store.session() as s:
        (doc,) = s.scalars(select(Document)).all()
        text = doc.text
        n_events = s.scalar(select(func.count()).select_from(Event))
    assert text == (SEEDS / "2022-11-08-cnn-us-urges-ukraine-openness-to-talks.txt").read_text(
        encoding="utf-8")
    assert len(rows) == n_events >= 12
    for r in rows:
        assert text[int(r["sentence_start"]):int(r["sentence_end"])] == r["sentence"]
        assert text[int(r["expr_start"]):int(r["expr_end"])] == r["expression"]
        assert r["headline"] and len(r["headline"].split()) <= 14
    got = {(r["expression"].lower(), r["start"], r["end"]) for r in rows}
    for expected in [
        ("early october", "2022-10-01", "2022-10-11"),
        ("last month", "2022-10-01", "2022-11-01"),
        ("last week", "2022-10-31", "2022-11-07"),
    ]:
        assert expected in got
    assert any(e.endswith("monday") and s == "2022-11-07" for e, s, _ in got)
    assert any(e.endswith("june") and s == "2022-06-01" for e, s, _ in got)
    assert any(e == "the past eight months" and s == "2022-03-08" for e, s, _ in got)
    assert any("two to three weeks" in e and end.startswith("2022-11-29") for e, _, end in got)
    starts = [r["start"] for r in rows]
    assert starts == sorted(starts)


def test_reingest_adds_nothing(db, capsys):
    assert main(["ingest", str(SEEDS), "--db", db]) == 0
    before = counts(db)
    capsys.readouterr()
    assert main(["ingest", str(SEEDS), str(SEEDS), "--db", db]) == 0
    assert "0 added" in capsys.readouterr().out
    assert counts(db) == before


def test_force_keeps_curated_events(db, capsys):
    from timeline_app.store import list_events, set_hidden, update_event

    main(["ingest", str(SEEDS), "--db", db])
    with open_store(db) as store, store.session() as s:
        first, second = list_events(s)[:2]
        update_event(s, first.id, headline="Mine")
        set_hidden(s, second.id, True)
    before = counts(db)
    assert main(["ingest", str(SEEDS), "--db", db, "--force"]) == 0
    assert "1 updated" in capsys.readouterr().out
    assert counts(db) == before
    with open_store(db) as store, store.session() as s:
        assert s.get(Event, first.id).headline == "Mine"
        assert s.get(Event, second.id).hidden


def test_bad_files_one_line_each_and_failure_status(db, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "2022-11-08-cnn-us-urges-ukraine-openness-to-talks.txt", folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\xff\xfe\x00garbage")
    (folder / "undated.md").write_text("Some text from last week.\n")
    status = main(["ingest", str(folder), str(tmp_path / "missing"), "--db", db])
    captured = capsys.readouterr()
    assert status == 1
    lines = captured.err.strip().splitlines()
    assert len(lines) == 4
    assert all(": " in line and "Traceback" not in line for line in lines)
    assert any(line.startswith(str(folder / "binary.txt")) and "UTF-8" in line for line in lines)
    assert "1 added" in captured.out and "4 failed" in captured.out
    assert counts(db)[0] == 1


def test_dct_option_dates_undated_files(db, tmp_path, capsys):
    (tmp_path / "a.txt").write_text("The minister resigned on Monday.\n")
    assert main(["ingest", str(tmp_path / "a.txt"), "--db", db, "--dct", "2022-11-08"]) == 0
    with open_store(db) as store, store.session() as s:
        (event,) = s.scalars(select(Event)).all()
        assert event.start.date().isoformat() == "2022-11-07"
    assert main(["ingest", str(tmp_path / "a.txt"), "--db", db, "--dct", "2022-13-01"]) == 2
    assert "month must be" in capsys.readouterr().err


def test_workers_give_the_same_result(tmp_path, capsys):
    texts = []
    src = tmp_path / "src"
    src.mkdir()
    seed = (SEEDS / "2022-11-08-cnn-us-urges-ukraine-openness-to-talks.txt").read_text()
    for i in range(6):
        body = seed + f"\nUpdate {i}: talks resumed on Friday.\n"
        (src / f"doc{i}.txt").write_text(body)
        texts.append(body)
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    assert main(["ingest", str(src), "--db", one]) == 0
    assert main(["ingest", str(src), "--db", two, "--workers", "2"]) == 0
    assert counts(one) == counts(two) and counts(one)[0] == 6
    assert main(["ingest", str(src), "--db", two, "--workers", "0"]) == 2


def test_unusable_database_is_one_line(tmp_path, capsys):
    assert main(["ingest", str(SEEDS), "--db", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "is a folder" in err


def test_events_table(db, capsys):
    main(["ingest", str(SEEDS), "--db", db])
    capsys.readouterr()
    assert main(["events", "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:4] == ["ID", "DOC", "WHEN", "EXPRESSION"]
    assert any("early October 2022" in line and "early October" in line for line in out)
    body = [line for line in out[1:-1]]
    assert out[-1].endswith("event(s) in 1 document(s)")
    whens = [line for line in body if "Mon 7 Nov 2022" in line or "June 2022" in line]
    assert "June 2022" in whens[0]  # sorted by start
    assert main(["events", "--db", db, "--document", "7"]) == 1
    assert main(["events", "--db", db, "--document", "1"]) == 0


def test_events_on_an_empty_database(db, capsys):
    assert main(["events", "--db", db]) == 0
    assert "no events" in capsys.readouterr().out


def _run_on_terminal(args, env):
    """Run the command with stderr on a pseudo-terminal; return what it printed there."""
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "timeline_app", *args], env=env,
                                stdout=subprocess.DEVNULL, stderr=slave)
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the other end closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=120) == 0
    finally:
        os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal_for_many_files(tmp_path):
    import os

    seed = (SEEDS / "2022-11-08-cnn-us-urges-ukraine-openness-to-talks.txt").read_text()
    for i in range(8):
        (tmp_path / f"{i}.txt").write_text(seed + f"\n{i}\n")
    env = {**os.environ, "TIMELINE_APP_DB": str(tmp_path / "p.db")}
    shown = _run_on_terminal(["ingest", str(tmp_path)], env)
    assert "8/8" in shown and "doc" in shown
    (tmp_path / "few").mkdir()
    for i in range(3):
        (tmp_path / "few" / f"{i}.txt").write_text(seed + f"\nfew {i}\n")
    assert "3/3" not in _run_on_terminal(["ingest", str(tmp_path / "few")], env)


def test_narrative_doc_type_anchors_to_the_text(db, tmp_path):
    article = tmp_path / "history.txt"
    article.write_text(
        "date 2022-11-08\n\nThe treaty was signed on March 3, 1990. Two days later it was "
        "ratified.\n",
        encoding="utf-8",
    )
    assert main(["ingest", str(article), "--db", db, "--doc-type", "narrative"]) == 0
    with open_store(db) as store, store.session() as s:
        later = s.scalars(select(Event).where(Event.expr_text == "Two days")).one()
    assert later.start.date().isoformat() == "1990-03-05"
