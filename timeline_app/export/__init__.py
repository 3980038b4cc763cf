"""Getting events out: CSV, TimelineJS spreadsheet and JSON, TimeML. No Qt.

Every writer writes to a temporary file beside the target and renames it into place, so
an interrupted export never leaves a half-written file where the old one was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from timeline_app.export.common import ExportError
from timeline_app.export.csv_export import neutralise, write_csv
from timeline_app.export.timelinejs import (
    date_parts,
    timelinejs_document,
    write_timelinejs_csv,
    write_timelinejs_json,
)
from timeline_app.export.timeml import document_timeml, write_timeml
from timeline_app.store import Store

FORMATS = ("csv", "timelinejs-csv", "timelinejs-json", "timeml")
_WRITERS = {
    "csv": write_csv,
    "timelinejs-csv": write_timelinejs_csv,
    "timelinejs-json": write_timelinejs_json,
    "timeml": write_timeml,
}


def export_events(
    store: Store,
    out: str | Path,
    fmt: str = "csv",
    *,
    document_id: int | None = None,
    date_from: date | datetime | None = None,
    date_to: date | datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the (visible) events in ``fmt`` to ``out``; returns how many were written.

    Date bounds keep events overlapping ``[date_from, date_to]`` (a date as ``date_to``
    includes that whole day). Raises :class:`ExportError` with a one-line reason.
    """
    try:
        writer = _WRITERS[fmt]
    except KeyError:
        raise ExportError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})") from None
    return writer(store, Path(out), progress=progress, document_id=document_id,
                  date_from=date_from, date_to=date_to)


__all__ = [
    "FORMATS", "ExportError", "date_parts", "document_timeml", "export_events", "neutralise",
    "timelinejs_document", "write_csv", "write_timelinejs_csv", "write_timelinejs_json",
    "write_timeml",
]
