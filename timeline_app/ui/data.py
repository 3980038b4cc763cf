"""The window's in-memory picture of the database.

Qt models and the timeline must not hold ORM objects: those belong to a session that is
closed as soon as a query returns, and loading 100,000 of them costs seconds. The catalog
therefore reads plain column tuples once, keeps them as small slotted records indexed by
id, and is patched row by row after each curation instead of being reloaded.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from operator import itemgetter

from sqlalchemy import String, select, type_coerce

from timeline_app.store import Document, Event, Mention

SUB_DAY = frozenset({"minute", "hour", "part_of_day"})
FUZZY_MODS = frozenset({"START", "MID", "END", "APPROX", "BEFORE", "AFTER",
                        "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"})
GRANULARITIES = ("minute", "hour", "part_of_day", "day", "week", "month", "season",
                 "quarter", "half", "year", "decade", "century")

_EVENT_NAMES = (
    "id", "document_id", "start", "end", "granularity", "mod", "fuzzy", "headline",
    "sentence_start", "sentence_end", "expr_start", "expr_end", "expr_text", "timex_type",
    "timex_value", "rule", "anchor", "edited_by_user", "hidden",
)


def _event_columns():
    """Core columns (no ORM row processing); dates come back raw and are parsed with
    ``fromisoformat``, several times faster than the generic SQLite date processor."""
    table = Event.__table__
    return [type_coerce(table.c[name], String) if name in ("start", "end") else table.c[name]
            for name in _EVENT_NAMES]


def _as_datetime(value) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.fromisoformat(value)


@dataclass(slots=True)
class EventRow:
    id: int
    document_id: int
    start: datetime
    end: datetime
    granularity: str
    mod: str | None
    fuzzy: bool
    headline: str
    sentence_start: int
    sentence_end: int
    expr_start: int
    expr_end: int
    expr_text: str
    timex_type: str
    timex_value: str
    rule: str
    anchor: str
    edited: bool
    hidden: bool


@dataclass(slots=True)
class DocRow:
    id: int
    title: str
    dct: date
    source_path: str | None
    color: str = "#4c78a8"


@dataclass(slots=True)
class MentionRow:
    start: int
    end: int
    text: str
    timex_type: str
    value: str


@dataclass
class Catalog:
    """Every document and event the window knows about, keyed by id."""

    documents: dict[int, DocRow] = field(default_factory=dict)
    events: dict[int, EventRow] = field(default_factory=dict)


def row_from_tuple(values: Iterable, to_datetime=_as_datetime) -> EventRow:
    (eid, doc_id, start, end, gran, mod, fuzzy, headline, s_start, s_end, x_start, x_end,
     x_text, t_type, t_value, rule, anchor, edited, hidden) = values
    return EventRow(eid, doc_id, to_datetime(start), to_datetime(end), gran or "day", mod,
                    bool(fuzzy), headline or "",
                    s_start or 0, s_end or 0, x_start or 0, x_end or 0, x_text or "",
                    t_type or "", t_value or "", rule or "", anchor or "", bool(edited),
                    bool(hidden))


@contextmanager
def bulk_allocation():
    """Pause Python's cyclic garbage collector while building many small objects.

    Reading 100,000 events creates several hundred thousand objects, none of them in a
    reference cycle; each collection the allocations trigger walks all of them again, which
    made loading a third slower. Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_catalog(store, palette=None) -> Catalog:
    """Read all documents and events (hidden ones included, so they can be shown again).

    ``catalog.events`` comes in chronological order (start, end, id).
    """
    with bulk_allocation():
        return _load_catalog(store, palette)


def _load_catalog(store, palette) -> Catalog:
    catalog = Catalog()
    with store.engine.connect() as conn:
        docs = conn.execute(
            select(Document.id, Document.title, Document.dct, Document.source_path)
            .order_by(Document.dct, Document.id)
        ).all()
        # Colours go by import order (id), not by date: an article imported later with an
        # earlier date must not repaint every document the user has learnt to recognise.
        rank = {doc_id: i for i, doc_id in enumerate(sorted(row[0] for row in docs))}
        for doc_id, title, dct, path in docs:
            color = palette(rank[doc_id]) if palette else DocRow.color
            catalog.documents[doc_id] = DocRow(doc_id, title or f"Document {doc_id}", dct,
                                               path, color)
        # The driver's own cursor, and sorting here: SQLAlchemy's row objects and the
        # database's temporary sort B-tree each cost as much as reading the rows (100,000
        # events: 0.55 s -> 0.3 s). The columns come as plain values either way.
        sql = str(select(*_event_columns()).compile(dialect=conn.dialect))
        cursor = conn.connection.dbapi_connection.cursor()
        try:
            cursor.execute(sql)
            rows = cursor.fetchall()
        finally:
            cursor.close()
    rows.sort(key=itemgetter(2, 3, 0))  # start, end, id: chronological
    events = catalog.events
    # SQLite hands back ISO strings, PostgreSQL datetimes: pick the converter once.
    to_datetime = (datetime.fromisoformat if rows and isinstance(rows[0][2], str)
                   else _as_datetime)
    for values in rows:
        row = row_from_tuple(values, to_datetime)
        events[row.id] = row
    return catalog


def load_event(store, event_id: int) -> EventRow | None:
    with store.engine.connect() as conn:
        values = conn.execute(
            select(*_event_columns()).where(Event.__table__.c.id == event_id)).first()
    return row_from_tuple(values) if values is not None else None


def load_document_text(store, document_id: int) -> str:
    with store.session() as session:
        text = session.execute(
            select(Document.text).where(Document.id == document_id)
        ).scalar_one_or_none()
    return text or ""


def load_mentions(store, document_id: int) -> list[MentionRow]:
    """The non-event expressions of a document (SETs, free durations): underlined too."""
    with store.session() as session:
        rows = session.execute(
            select(Mention.start, Mention.end, Mention.text, Mention.timex_type, Mention.value)
            .where(Mention.document_id == document_id).order_by(Mention.start)
        ).all()
    return [MentionRow(*r) for r in rows]


def day_words(day: date) -> str:
    """"Tue 8 Nov 2022": the article-date style of the tooltips, without a leading zero."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def inclusive_end(row_start: datetime, end: datetime, granularity: str) -> datetime:
    """The last moment a person would name: intervals are half-open in the store."""
    if granularity in SUB_DAY:
        return end
    last = end - timedelta(days=1)
    return last if last >= row_start else row_start


def interval_words(event: EventRow) -> str:
    from timeline_app.events.describe import describe_interval

    try:
        return describe_interval(event.start, event.end, event.granularity, event.mod)
    except Exception:  # a hand-edited odd interval must never break a tooltip
        return f"{event.start:%Y-%m-%d} – {event.end:%Y-%m-%d}"


def tooltip_text(event: EventRow, doc: DocRow | None) -> str:
    """Headline, expression, interval in words and why, as plain text (the view escapes it:
    an article's words are never taken as markup)."""
    from timeline_app.events.describe import explain

    words = interval_words(event)
    why = ""
    if doc is not None:
        try:
            why = explain(event.expr_text, event.anchor, doc.dct, event.start, event.end,
                          event.granularity, event.mod)
        except Exception:
            why = ""
    # "why" already names the expression and the interval; say it once.
    lines = [event.headline or "(no headline)", why or f"“{event.expr_text}” → {words}"]
    if doc is not None:
        lines.append(f"From: {doc.title}")
    if event.edited:
        lines.append("Edited by you")
    return "\n".join(lines)
