from __future__ import annotations

import csv
from datetime import date, datetime

import pytest

from timeline_app.export import FORMATS, ExportError, export_events, neutralise
from timeline_app.export.csv_export import HEADER
from timeline_app.store import list_events, set_hidden


def read(path):
    raw = path.read_bytes()
    with open(path, encoding="utf-8", newline="") as handle:
        return raw, list(csv.DictReader(handle))


def test_full_record_sorted_with_exact_offsets(store, text, tmp_path):
    out = tmp_path / "out.csv"
    assert export_events(store, out) == 4
    raw, rows = read(out)
    assert raw.startswith(b"event_id,") and b"\r\n" in raw
    assert list(rows[0]) == list(HEADER)
    starts = [datetime.fromisoformat(r["start"]) for r in rows]
    assert starts == sorted(starts)
    assert [r["expression"] for r in rows] == ["2021", "the past eight months",
                                               "early October", "Monday"]
    oct_ = rows[2]
    assert (oct_["start"], oct_["end"], oct_["modifier"], oct_["fuzzy"]) == (
        "2022-10-01", "2022-10-11", "START", "true")
    assert oct_["dct"] == "2022-11-08" and oct_["granularity"] == "month"
    for r in rows:
        s, e = int(r["sentence_start"]), int(r["sentence_end"])
        assert text[s:e] == r["sentence"].lstrip("'") or text[s:e] == r["sentence"]
        assert text[int(r["expr_start"]):int(r["expr_end"])] == r["expression"]
    assert "\n" in oct_["sentence"] and '"quotes"' in oct_["sentence"]  # RFC 4180 round trip


def test_formula_cells_are_neutralised(store, tmp_path):
    out = tmp_path / "out.csv"
    export_events(store, out)
    _raw, rows = read(out)
    monday = rows[-1]
    assert monday["sentence"].startswith("'=HYPERLINK")
    assert monday["document_title"] == "'-Evil title"
    for cell in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(cell) == "'" + cell
    assert neutralise("plain") == "plain" and neutralise("") == "" and neutralise(None) == ""


def test_filters_and_hidden(store, tmp_path):
    out = tmp_path / "f.csv"
    assert export_events(store, out, date_from=date(2022, 10, 1), date_to=date(2022, 10, 31)) == 2
    with store.session() as s:
        set_hidden(s, list_events(s)[0].id, True)
    assert export_events(store, out) == 3
    assert export_events(store, out, document_id=999) == 0
    _raw, rows = read(out)
    assert rows == []


def test_failed_export_leaves_the_old_file(store, tmp_path, monkeypatch):
    out = tmp_path / "keep.csv"
    out.write_text("old content")

    def boom(*args, **kwargs):
        raise RuntimeError("interrupted")

    import timeline_app.export.csv_export as mod

    monkeypatch.setattr(mod, "iso", boom)
    with pytest.raises(RuntimeError):
        export_events(store, out)
    assert out.read_text() == "old content"
    assert [p.name for p in tmp_path.iterdir() if "export.db" not in p.name] == ["keep.csv"]


def test_bad_target_and_format(store, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export_events(store, tmp_path / "nope" / "x.csv")
    with pytest.raises(ExportError, match="unknown format"):
        export_events(store, tmp_path / "x.csv", "xlsx")
    assert FORMATS == ("csv", "timelinejs-csv", "timelinejs-json", "timeml")
