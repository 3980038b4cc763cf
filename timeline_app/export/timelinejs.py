"""TimelineJS output: its 18-column spreadsheet and its JSON format.

TimelineJS draws a date with exactly the parts it is given, so a month-level event gets
Year and Month and no Day: giving it "1 October" would claim a precision the article
does not have. Display Date carries the words ("early October 2022") that the parts alone
cannot say. Each document is a Group, so articles stay apart on the TimelineJS canvas.
"""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta
from pathlib import Path

from timeline_app.events.describe import describe_interval
from timeline_app.export.common import Progress, atomic_file, event_rows
from timeline_app.export.csv_export import neutralise
from timeline_app.store import Store

HEADER = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
    "Media Thumbnail", "Type", "Group", "Background",
)
_LEVEL = {
    "century": "year", "decade": "year", "year": "year",
    "half": "month", "quarter": "month", "season": "month", "month": "month",
    "week": "day", "day": "day",
    "part_of_day": "time", "hour": "time", "minute": "time",
}
_ORDER = ("year", "month", "day", "time")


def _is_midnight(d: datetime) -> bool:
    return d.hour == d.minute == d.second == d.microsecond == 0


def level_for(start: datetime, end: datetime, granularity: str, timex_type: str) -> str:
    """Which date parts the event's precision supports."""
    if timex_type == "DURATION" or granularity not in _LEVEL:
        # An anchored duration runs between days ("8 Mar – 8 Nov 2022").
        if not (_is_midnight(start) and _is_midnight(end)):
            return "time"
        if start.day == 1 and end.day == 1:
            return "month" if not (start.month == 1 and end.month == 1) else "year"
        return "day"
    return _LEVEL[granularity]


def _parts(d: datetime, level: str) -> dict:
    depth = _ORDER.index(level)
    parts: dict = {"year": d.year}
    if depth >= 1:
        parts["month"] = d.month
    if depth >= 2:
        parts["day"] = d.day
    if depth >= 3:
        parts["hour"] = d.hour
        parts["minute"] = d.minute
    return parts


def date_parts(
    start: datetime, end: datetime, granularity: str, timex_type: str = "DATE"
) -> tuple[dict, dict | None]:
    """``(start_parts, end_parts)``; end_parts is None when the event fits in one unit at
    its level (a month-level event is one month, a day one day). The end shown is the last
    unit included: intervals are half-open, TimelineJS ends are inclusive."""
    level = level_for(start, end, granularity, timex_type)
    last = end - timedelta(microseconds=1) if end > start else start
    if level == "time":
        last = end if end > start else start
    first_parts, last_parts = _parts(start, level), _parts(last, level)
    return first_parts, (None if first_parts == last_parts else last_parts)


def _time_text(parts: dict | None) -> str:
    if not parts or "hour" not in parts:
        return ""
    return f"{parts['hour']:02d}:{parts['minute']:02d}"


def _slides(rows):
    for (ev_id, _doc_id, start, end, gran, mod, _fuzzy, expr, ttype, _tvalue, headline,
         sentence, *_rest, title, _dct) in rows:
        first, last = date_parts(start, end, gran, ttype)
        display = describe_interval(start, end, gran if ttype != "DURATION" else None, mod)
        yield ev_id, first, last, display, headline, sentence, expr, title


def write_timelinejs_csv(
    store: Store, out: Path, *, progress: Progress | None = None, **filters
) -> int:
    total, rows = event_rows(store, **filters)
    safe = neutralise
    written = 0
    with atomic_file(out, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER)
        for _id, first, last, display, headline, sentence, _expr, title in _slides(rows):
            last = last or {}
            writer.writerow((
                first["year"], first.get("month", ""), first.get("day", ""), _time_text(first),
                last.get("year", ""), last.get("month", ""), last.get("day", ""),
                _time_text(last), safe(display), safe(headline), safe(sentence),
                "", "", "", "", "", safe(title), "",
            ))
            written += 1
            if progress is not None and written % 1000 == 0:
                progress(written, total)
    if progress is not None:
        progress(written, total)
    return written


def timelinejs_document(store: Store, *, title: str = "Timeline", **filters) -> dict:
    """The TimelineJS JSON object (``{"title": slide, "events": [slide, ...]}``)."""
    _total, rows = event_rows(store, **filters)
    events = []
    titles: list[str] = []
    for ev_id, first, last, display, headline, sentence, _expr, doc_title in _slides(rows):
        slide = {
            "unique_id": f"event-{ev_id}",
            "start_date": {**first, "display_date": display},
            "display_date": display,
            "text": {"headline": headline, "text": sentence},
            "group": doc_title,
        }
        if last is not None:
            slide["end_date"] = last
        events.append(slide)
        if doc_title not in titles:
            titles.append(doc_title)
    n, m = len(events), len(titles)
    summary = f"{n} event{'s' * (n != 1)} from {m} article{'s' * (m != 1)}"
    return {"title": {"text": {"headline": title, "text": summary}}, "events": events}


def write_timelinejs_json(
    store: Store, out: Path, *, progress: Progress | None = None, **filters
) -> int:
    document = timelinejs_document(store, **filters)
    with atomic_file(out) as handle:
        json.dump(document, handle, ensure_ascii=False)  # compact: TimelineJS reads it as is
        handle.write("\n")
    n = len(document["events"])
    if progress is not None:
        progress(n, n)
    return n
