from __future__ import annotations

import csv
import json
from datetime import datetime as D

import pytest

from timeline_app.export import date_parts, export_events
from timeline_app.export.timelinejs import HEADER


def test_header_is_timelinejs_own():
    assert ",".join(HEADER) == (
        "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,"
        "Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background")


@pytest.mark.parametrize("start, end, gran, ttype, first, last", [
    (D(2022, 10, 1), D(2022, 10, 11), "month", "DATE", {"year": 2022, "month": 10}, None),
    (D(2022, 11, 7), D(2022, 11, 8), "day", "DATE", {"year": 2022, "month": 11, "day": 7},
     None),
    (D(2022, 10, 31), D(2022, 11, 7), "week", "DATE", {"year": 2022, "month": 10, "day": 31},
     {"year": 2022, "month": 11, "day": 6}),
    (D(2021, 1, 1), D(2022, 1, 1), "year", "DATE", {"year": 2021}, None),
    (D(2022, 12, 1), D(2023, 3, 1), "season", "DATE", {"year": 2022, "month": 12},
     {"year": 2023, "month": 2}),
    (D(2022, 3, 8), D(2022, 11, 8), "month", "DURATION", {"year": 2022, "month": 3, "day": 8},
     {"year": 2022, "month": 11, "day": 7}),
    (D(2022, 11, 8, 15), D(2022, 11, 8, 16), "hour", "TIME",
     {"year": 2022, "month": 11, "day": 8, "hour": 15, "minute": 0},
     {"year": 2022, "month": 11, "day": 8, "hour": 16, "minute": 0}),
])
def test_date_parts_follow_granularity(start, end, gran, ttype, first, last):
    assert date_parts(start, end, gran, ttype) == (first, last)


def test_timelinejs_csv(store, tmp_path):
    out = tmp_path / "tl.csv"
    assert export_events(store, out, "timelinejs-csv") == 4
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(HEADER)
    oct_ = next(r for r in rows if r["Display Date"] == "early October 2022")
    assert (oct_["Year"], oct_["Month"], oct_["Day"], oct_["End Year"]) == ("2022", "10", "", "")
    assert oct_["Group"] == "'-Evil title"  # neutralised here too
    assert oct_["Headline"] == "Prices rose"
    year = rows[0]
    assert (year["Year"], year["Month"], year["Display Date"]) == ("2021", "", "2021")
    monday = rows[-1]
    assert (monday["Day"], monday["Display Date"]) == ("7", "Mon 7 Nov 2022")
    assert monday["Text"].startswith("'=HYPERLINK")


def test_timelinejs_json(store, tmp_path):
    out = tmp_path / "tl.json"
    assert export_events(store, out, "timelinejs-json") == 4
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["title"]["text"]["headline"]
    events = data["events"]
    assert [e["display_date"] for e in events] == [
        "2021", "8 Mar – 7 Nov 2022", "early October 2022", "Mon 7 Nov 2022"]
    rally = events[1]
    assert rally["start_date"]["year"] == 2022 and rally["start_date"]["day"] == 8
    assert rally["end_date"] == {"year": 2022, "month": 11, "day": 7}
    assert "end_date" not in events[2]
    assert events[3]["text"]["text"].startswith("=HYPERLINK")  # JSON is not a spreadsheet
    assert all(e["group"] == "-Evil title" for e in events)
    assert all(set(e["text"]) == {"headline", "text"} for e in events)
