"""What every writer shares: the rows to export and writing files atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO

from sqlalchemy import select

from timeline_app.store import Document, Event, Store, events_query

Progress = Callable[[int, int], None]

#: Columns fetched for export, in CSV order after the document fields.
EVENT_FIELDS = (
    "id", "document_id", "start", "end", "granularity", "mod", "fuzzy", "expr_text",
    "timex_type", "timex_value", "headline", "sentence", "sentence_start", "sentence_end",
    "expr_start", "expr_end", "rule", "anchor", "edited_by_user", "hidden",
)


class ExportError(Exception):
    """The export cannot be written; the message is one line naming the problem."""


def event_rows(
    store: Store,
    *,
    document_id: int | None = None,
    date_from: date | datetime | None = None,
    date_to: date | datetime | None = None,
) -> tuple[int, Iterator[tuple]]:
    """``(count, rows)``: plain tuples ``EVENT_FIELDS + (title, dct)`` sorted by start.

    Plain column tuples, not ORM objects: building 100,000 Event objects would cost more
    than writing the file.
    """
    base = events_query(document_id=document_id, date_from=date_from, date_to=date_to)
    where = base.whereclause
    columns = [getattr(Event, f) for f in EVENT_FIELDS] + [Document.title, Document.dct]
    query = select(*columns).join(Document, Event.document_id == Document.id)
    if where is not None:
        query = query.where(where)
    query = query.order_by(Event.start, Event.end, Event.id)
    with store.session() as session:
        rows = session.execute(query).all()
    return len(rows), iter(rows)


@contextlib.contextmanager
def atomic_file(path: Path, *, newline: str | None = None) -> Iterator[IO[str]]:
    """Open a temporary file beside ``path`` for writing; on success it replaces ``path``
    in one step, on error it is removed, so ``path`` is never half-written."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise ExportError(f"{path}: folder {parent} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(f"{path}: cannot write there ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def iso(value: datetime | date) -> str:
    """ISO 8601; midnight is written as the bare date, which spreadsheets read as a date."""
    if isinstance(value, datetime):
        if value.hour == value.minute == value.second == value.microsecond == 0:
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    return value.isoformat()
