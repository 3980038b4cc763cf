"""The window's catalog: every event, in chronological order, whatever the storage order."""

from __future__ import annotations

import gc
from datetime import datetime

from timeline_app.store import add_event, open_store
from timeline_app.ui.data import bulk_allocation, load_catalog


def test_events_come_in_chronological_order(article_db):
    with open_store(article_db) as store:
        with store.session() as session:
            doc_id = load_catalog(store).documents.popitem()[0]
            # Added last, dated first: the database returns it last.
            add_event(session, doc_id, expr_start=0, expr_end=4, start=datetime(1990, 1, 1),
                      end=datetime(1990, 1, 2), granularity="day", headline="Earliest")
        catalog = load_catalog(store)
    events = list(catalog.events.values())
    assert events[0].headline == "Earliest"
    keys = [(e.start, e.end, e.id) for e in events]
    assert keys == sorted(keys)


def test_bulk_allocation_restores_the_collector():
    assert gc.isenabled()
    with bulk_allocation():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with bulk_allocation():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()
