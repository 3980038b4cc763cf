"""Reading and curating events.

Curation functions change the caller's session and commit nothing themselves: the window
wraps each user action (and its undo) in one ``store.session()`` block, so an action is
saved whole or not at all.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from timeline_app.events.intervals import FUZZY_MODS, sort_key
from timeline_app.events.sentences import sentence_at, split_sentences
from timeline_app.store.models import Document, Event

GRANULARITIES = (
    "minute", "hour", "part_of_day", "day", "week", "month", "season", "quarter", "half",
    "year", "decade", "century",
)
#: Fields a user may change on an event.
EDITABLE = frozenset({
    "start", "end", "granularity", "mod", "fuzzy", "headline", "hidden", "timex_value",
})
_COLUMNS = tuple(c.key for c in Event.__table__.columns)


class EventNotFound(LookupError):
    def __init__(self, event_id: int) -> None:
        super().__init__(f"no event with id {event_id}")
        self.event_id = event_id


def _as_datetime(value: date | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time())


def list_documents(session: Session) -> list[Document]:
    """All documents, oldest article first."""
    return list(session.scalars(select(Document).order_by(Document.dct, Document.id)))


def events_query(
    *,
    document_id: int | None = None,
    date_from: date | datetime | None = None,
    date_to: date | datetime | None = None,
    include_hidden: bool = False,
) -> Select:
    """The SELECT behind :func:`list_events`, for callers that want columns, not objects.

    Date bounds select events that *overlap* ``[date_from, date_to]``; a plain date as
    ``date_to`` includes that whole day.
    """
    query = select(Event)
    if document_id is not None:
        query = query.where(Event.document_id == document_id)
    if not include_hidden:
        query = query.where(Event.hidden.is_(False))
    if date_from is not None:
        query = query.where(Event.end > _as_datetime(date_from))
    if date_to is not None:
        upper = (_as_datetime(date_to) if isinstance(date_to, datetime)
                 else _as_datetime(date_to) + timedelta(days=1))
        query = query.where(Event.start < upper)
    return query.order_by(Event.start, Event.end, Event.id)


def list_events(
    session: Session,
    *,
    document_id: int | None = None,
    date_from: date | datetime | None = None,
    date_to: date | datetime | None = None,
    include_hidden: bool = False,
) -> list[Event]:
    """Events sorted by start (then end, then id), hidden ones left out unless asked."""
    return list(session.scalars(events_query(
        document_id=document_id, date_from=date_from, date_to=date_to,
        include_hidden=include_hidden,
    )))


def get_event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise EventNotFound(event_id)
    return event


def _check_interval(start: datetime, end: datetime, granularity: str) -> None:
    if end <= start:
        raise ValueError(f"the event must end after it starts ({start} .. {end})")
    if granularity not in GRANULARITIES:
        raise ValueError(f"unknown granularity {granularity!r}")


def update_event(session: Session, event_id: int, **fields: Any) -> Event:
    """Change an event as a user asked; marks it ``edited_by_user`` so a forced
    re-ingest keeps it."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"cannot edit {', '.join(sorted(unknown))}")
    event = get_event(session, event_id)
    start = _as_datetime(fields.get("start", event.start))
    end = _as_datetime(fields.get("end", event.end))
    _check_interval(start, end, fields.get("granularity", event.granularity))
    for key, value in fields.items():
        if key in ("start", "end"):
            value = _as_datetime(value)
        setattr(event, key, value)
    if "headline" in fields and not str(fields["headline"]).strip():
        raise ValueError("the headline cannot be empty")
    event.sort_key = sort_key(event.start, event.end)
    if "mod" in fields and "fuzzy" not in fields:
        event.fuzzy = event.mod in FUZZY_MODS
    event.edited_by_user = True
    session.flush()
    return event


def set_hidden(session: Session, event_id: int, hidden: bool) -> Event:
    event = get_event(session, event_id)
    event.hidden = bool(hidden)
    session.flush()
    return event


def event_snapshot(event: Event) -> dict[str, Any]:
    """Every column of ``event``, enough for :func:`restore_event` to put it back."""
    return {key: getattr(event, key) for key in _COLUMNS}


def delete_event(session: Session, event_id: int) -> dict[str, Any]:
    """Delete an event and return its snapshot (for undo)."""
    event = get_event(session, event_id)
    snapshot = event_snapshot(event)
    session.delete(event)
    session.flush()
    return snapshot


def restore_event(session: Session, snapshot: dict[str, Any]) -> Event:
    """Re-insert a deleted event with its old id, so references to it stay valid."""
    unknown = set(snapshot) - set(_COLUMNS)
    if unknown:
        raise ValueError(f"not event fields: {', '.join(sorted(unknown))}")
    existing = session.get(Event, snapshot.get("id")) if snapshot.get("id") else None
    if existing is not None:
        for key, value in snapshot.items():
            setattr(existing, key, value)
        session.flush()
        return existing
    event = Event(**snapshot)
    session.add(event)
    session.flush()
    return event


def _timeml_value(start: datetime, granularity: str) -> str:
    if granularity in ("year", "decade", "century"):
        return {"year": f"{start.year:04d}", "decade": f"{start.year // 10:03d}",
                "century": f"{start.year // 100:02d}"}[granularity]
    if granularity in ("month", "season", "quarter", "half"):
        return f"{start.year:04d}-{start.month:02d}"
    if granularity == "week":
        iso = start.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if granularity in ("hour", "minute", "part_of_day"):
        return start.strftime("%Y-%m-%dT%H:%M")
    return start.strftime("%Y-%m-%d")


def add_event(
    session: Session,
    document_id: int,
    *,
    expr_start: int,
    expr_end: int,
    start: date | datetime,
    end: date | datetime,
    granularity: str,
    headline: str,
    mod: str | None = None,
    timex_type: str = "DATE",
    timex_value: str | None = None,
    fuzzy: bool | None = None,
) -> Event:
    """A user's own event on a span of a document's text; sentence and offsets are found
    from the stored text."""
    document = session.get(Document, document_id)
    if document is None:
        raise LookupError(f"no document with id {document_id}")
    text = document.text
    if not (0 <= expr_start < expr_end <= len(text)):
        raise ValueError(
            f"expression offsets {expr_start}..{expr_end} are outside the text "
            f"(length {len(text)})"
        )
    start, end = _as_datetime(start), _as_datetime(end)
    _check_interval(start, end, granularity)
    if not headline.strip():
        raise ValueError("the headline cannot be empty")
    span = sentence_at(split_sentences(text), expr_start) or (expr_start, expr_end)
    s_start, s_end = span[0], max(span[1], expr_end)
    event = Event(
        document_id=document_id, start=start, end=end, granularity=granularity, mod=mod,
        fuzzy=(mod in FUZZY_MODS) if fuzzy is None else fuzzy,
        sort_key=sort_key(start, end), headline=headline.strip(),
        sentence=text[s_start:s_end], sentence_start=s_start, sentence_end=s_end,
        expr_start=expr_start, expr_end=expr_end, expr_text=text[expr_start:expr_end],
        timex_type=timex_type, timex_value=timex_value or _timeml_value(start, granularity),
        rule="user", anchor="user", edited_by_user=True, hidden=False,
    )
    session.add(event)
    session.flush()
    return event
