"""Storage: SQLAlchemy models, sessions, ingest, queries and Alembic migrations.

No Qt. Works on SQLite (the embedded default) and PostgreSQL alike.
"""

from timeline_app.store.db import DEFAULT_DB, ENV_VAR, Store, StoreError, open_store, resolve_url
from timeline_app.store.ingest import (
    IngestReport,
    IngestResult,
    collect_paths,
    content_hash,
    ensure_seeded,
    ingest_paths,
    ingest_text,
    make_title,
)
from timeline_app.store.models import Base, Document, Event, Mention
from timeline_app.store.queries import (
    EventNotFound,
    add_event,
    delete_event,
    event_snapshot,
    events_query,
    get_event,
    list_documents,
    list_events,
    restore_event,
    set_hidden,
    update_event,
)
from timeline_app.timex.documents import DocumentError

__all__ = [
    "DEFAULT_DB", "ENV_VAR", "Base", "Document", "DocumentError", "Event", "EventNotFound",
    "IngestReport", "IngestResult", "Mention", "Store", "StoreError", "add_event",
    "collect_paths", "content_hash", "delete_event", "ensure_seeded", "event_snapshot",
    "events_query", "get_event", "ingest_paths", "ingest_text", "list_documents",
    "list_events", "make_title", "open_store", "resolve_url", "restore_event", "set_hidden",
    "update_event",
]
