from __future__ import annotations

from datetime import date, datetime

import pytest

from timeline_app.store import (
    Event,
    EventNotFound,
    add_event,
    delete_event,
    event_snapshot,
    ingest_text,
    list_documents,
    list_events,
    restore_event,
    set_hidden,
    update_event,
)

TEXT = ("date 2022-11-08\n\nThey met last week. It rained last week too.\n\n"
        "A new chapter starts on Friday. Nothing else.\n")


@pytest.fixture
def doc_id(store, fake_tagger):
    return ingest_text(store, TEXT, title="T").document_id


def test_events_sorted_by_start_then_end(store, doc_id):
    with store.session() as s:
        friday = TEXT.index("Friday")
        add_event(s, doc_id, expr_start=friday, expr_end=friday + 6, start=date(2022, 11, 11),
                  end=date(2022, 11, 12), granularity="day", headline="Chapter starts")
        add_event(s, doc_id, expr_start=0, expr_end=4, start=datetime(2022, 10, 31),
                  end=datetime(2022, 11, 2), granularity="day", headline="Early")
    with store.session() as s:
        events = list_events(s)
        assert [(e.start, e.end) for e in events] == sorted((e.start, e.end) for e in events)
        assert events[0].headline == "Early" and events[-1].headline == "Chapter starts"
        assert [d.title for d in list_documents(s)] == ["T"]


def test_date_range_keeps_overlapping_events(store, doc_id):
    with store.session() as s:
        assert len(list_events(s, date_from=date(2022, 11, 6))) == 2  # week ends 7 Nov
        assert list_events(s, date_from=date(2022, 11, 7)) == []
        assert len(list_events(s, date_to=date(2022, 10, 31))) == 2  # whole day included
        assert list_events(s, date_to=date(2022, 10, 30)) == []
        assert list_events(s, document_id=doc_id + 1) == []


def test_hidden_events_are_left_out_unless_asked(store, doc_id):
    with store.session() as s:
        first = list_events(s)[0]
        set_hidden(s, first.id, True)
    with store.session() as s:
        assert len(list_events(s)) == 1
        assert len(list_events(s, include_hidden=True)) == 2


def test_update_marks_edited_and_validates(store, doc_id):
    with store.session() as s:
        event = list_events(s)[0]
        update_event(s, event.id, headline="New", start=date(2022, 11, 1),
                     end=date(2022, 11, 2), granularity="day", mod="APPROX")
    with store.session() as s:
        event = s.get(Event, event.id)
        assert (event.headline, event.start, event.granularity) == (
            "New", datetime(2022, 11, 1), "day")
        assert event.edited_by_user and event.fuzzy
        assert event.sort_key == pytest.approx(datetime(2022, 11, 1).timestamp(), abs=86400)
    with store.session() as s:
        with pytest.raises(ValueError, match="end after"):
            update_event(s, event.id, end=date(2022, 10, 1))
        with pytest.raises(ValueError, match="cannot edit"):
            update_event(s, event.id, document_id=99)
        with pytest.raises(ValueError, match="granularity"):
            update_event(s, event.id, granularity="fortnight")
        with pytest.raises(EventNotFound):
            update_event(s, 10_000, headline="x")


def test_delete_and_restore_keep_the_id(store, doc_id):
    with store.session() as s:
        event = list_events(s)[0]
        before = event_snapshot(event)
        snapshot = delete_event(s, event.id)
    assert snapshot == before
    with store.session() as s:
        assert s.get(Event, snapshot["id"]) is None
        restore_event(s, snapshot)
    with store.session() as s:
        assert event_snapshot(s.get(Event, snapshot["id"])) == snapshot
        # a new event after a restore still gets a fresh id on every backend
        new = add_event(s, doc_id, expr_start=20, expr_end=29, start=date(2022, 1, 1),
                        end=date(2022, 2, 1), granularity="month", headline="x")
        assert new.id not in {e["id"] for e in [snapshot]}


def test_add_event_fills_sentence_from_the_text(store, doc_id):
    friday = TEXT.index("Friday")
    with store.session() as s:
        event = add_event(s, doc_id, expr_start=friday, expr_end=friday + 6,
                          start=date(2022, 11, 11), end=date(2022, 11, 12),
                          granularity="day", headline="  Chapter starts ")
        assert event.sentence == "A new chapter starts on Friday."
        assert TEXT[event.sentence_start:event.sentence_end] == event.sentence
        assert event.expr_text == "Friday" and event.timex_value == "2022-11-11"
        assert event.edited_by_user and event.rule == "user"
        assert event.headline == "Chapter starts"
        with pytest.raises(ValueError, match="outside the text"):
            add_event(s, doc_id, expr_start=5, expr_end=10_000, start=date(2022, 1, 1),
                      end=date(2022, 1, 2), granularity="day", headline="x")
        with pytest.raises(LookupError):
            add_event(s, 999, expr_start=0, expr_end=1, start=date(2022, 1, 1),
                      end=date(2022, 1, 2), granularity="day", headline="x")


def test_deleting_a_document_deletes_its_events(store, doc_id):
    from timeline_app.store import Document

    with store.session() as s:
        s.delete(s.get(Document, doc_id))
    with store.session() as s:
        assert list_events(s, include_hidden=True) == []
