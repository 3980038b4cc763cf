from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

import timeline_app.store.ingest as ingest_module
from timeline_app.events import events_from_timexes
from timeline_app.store import (
    Document,
    DocumentError,
    Event,
    Mention,
    content_hash,
    ensure_seeded,
    ingest_paths,
    ingest_text,
    list_events,
    make_title,
    set_hidden,
    update_event,
)


def counts(store):
    with store.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(t))
                     for t in (Document, Event, Mention))


def test_document_events_and_mentions_are_stored(store, fake_tagger, article):
    result = ingest_text(store, article, source_path="/x/2022-11-08-kyiv-visit.txt")
    assert result.status == "added" and result.n_events == 1
    with store.session() as s:
        doc = s.get(Document, result.document_id)
        assert doc.title == "Headline without a stop"  # the first line, not the file name
        assert doc.dct == date(2022, 11, 8)
        assert doc.text == article
        assert doc.content_hash == content_hash(article)
        (event,) = doc.events
        assert doc.text[event.expr_start:event.expr_end] == "last week"
        assert doc.text[event.sentence_start:event.sentence_end] == event.sentence
        assert event.sentence.startswith("Sullivan met") and event.sentence.endswith("said.")
        assert event.headline == "Sullivan met Zelensky in Kyiv"
        assert not event.edited_by_user and not event.hidden
        (mention,) = doc.mentions
        assert (mention.text, mention.timex_type, mention.value) == ("daily", "SET", "P1D")


def test_same_content_is_stored_once(store, fake_tagger, article):
    first = ingest_text(store, article)
    again = ingest_text(store, article, title="another name")
    assert again.status == "unchanged" and again.document_id == first.document_id
    assert counts(store) == (1, 1, 1)


def test_force_keeps_edited_and_hidden_events(store, fake_tagger):
    text = "date 2022-11-08\n\nHe left last week. She came last week. They met last week.\n"
    doc_id = ingest_text(store, text).document_id
    with store.session() as s:
        first, second, third = list_events(s)
        update_event(s, first.id, headline="Edited by hand")
        set_hidden(s, second.id, True)
        ids = first.id, second.id
    result = ingest_text(store, text, force=True)
    assert result.status == "updated" and result.document_id == doc_id
    with store.session() as s:
        events = list_events(s, include_hidden=True)
        assert len(events) == 3  # the kept two and one fresh copy of the third
        by_id = {e.id: e for e in events}
        assert by_id[ids[0]].headline == "Edited by hand"
        assert by_id[ids[1]].hidden
        assert sorted(e.expr_start for e in events) == sorted(
            i for i in range(len(text)) if text.startswith("last week", i))
    assert counts(store)[2] == 0  # "daily" absent: mentions were replaced


def test_explicit_dct_wins_for_text_and_is_a_fallback_for_files(store, fake_tagger, tmp_path):
    text = "date 2022-11-08\n\nHe left last week.\n"
    r = ingest_text(store, text, dct=date(2020, 1, 1))
    with store.session() as s:
        assert s.get(Document, r.document_id).dct == date(2020, 1, 1)
    (tmp_path / "a.txt").write_text("date 2021-05-05\n\nShe left last week.\n")
    (tmp_path / "b.txt").write_text("No header; last week it rained.\n")
    report = ingest_paths(store, [tmp_path], dct=date(2019, 9, 9))
    assert report.ok
    with store.session() as s:
        dcts = {d.source_path.rsplit("/", 1)[-1]: d.dct for d in s.scalars(select(Document))
                if d.source_path}
    assert dcts == {"a.txt": date(2021, 5, 5), "b.txt": date(2019, 9, 9)}


def test_text_without_date_or_content_is_refused(store, fake_tagger):
    with pytest.raises(DocumentError, match="no document date"):
        ingest_text(store, "Nothing dates this, last week.")
    with pytest.raises(DocumentError, match="empty"):
        ingest_text(store, "  \n ")
    assert counts(store) == (0, 0, 0)


def test_bad_files_are_reported_and_the_rest_go_on(store, fake_tagger, tmp_path, article):
    good = tmp_path / "good.txt"
    good.write_text(article)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "latin1.txt").write_bytes("date 2022-11-08\n\ncaf\xe9".encode("latin-1"))
    (tmp_path / "nodate.md").write_text("Just prose, last week.\n")
    (tmp_path / "baddate.txt").write_text("date 2022-02-30\n\ntext\n")
    (tmp_path / "ignored.csv").write_text("a,b\n")
    seen = []
    report = ingest_paths(store, [tmp_path, tmp_path / "missing.txt"],
                          progress=lambda done, total, path: seen.append((done, total)))
    reasons = {path.rsplit("/", 1)[-1]: reason for path, reason in report.errors}
    assert set(reasons) == {"empty.txt", "latin1.txt", "nodate.md", "baddate.txt",
                            "missing.txt"}
    assert "UTF-8" in reasons["latin1.txt"] and "no document date" in reasons["nodate.md"]
    assert all("\n" not in r for r in reasons.values())
    assert [r.status for r in report.results] == ["added"]
    assert not report.ok
    assert seen[-1] == (5, 5) and [d for d, _ in seen] == [1, 2, 3, 4, 5]


def test_a_failed_write_leaves_nothing_of_the_document(store, fake_tagger, article,
                                                      monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ingest_module, "_mention_rows", broken)
    with pytest.raises(RuntimeError):
        ingest_text(store, article)
    assert counts(store) == (0, 0, 0)


def test_a_failing_extraction_is_one_files_error(store, tmp_path, article, monkeypatch):
    def explode(text, dct, doc_type="news"):
        if "boom" in text:
            raise ValueError("tagger bug")
        return events_from_timexes(text, [])

    monkeypatch.setattr(ingest_module, "extract", explode)
    (tmp_path / "1.txt").write_text("date 2022-11-08\n\nboom\n")
    (tmp_path / "2.txt").write_text(article)
    report = ingest_paths(store, [tmp_path])
    assert [p.rsplit("/", 1)[-1] for p, _ in report.errors] == ["1.txt"]
    assert "extraction failed (ValueError: tagger bug)" in report.errors[0][1]
    assert counts(store)[0] == 1


def test_duplicates_within_one_run_and_cancel(store, fake_tagger, tmp_path, article):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(article)
    (tmp_path / "c.txt").write_text(article + "more\n")
    report = ingest_paths(store, [tmp_path, tmp_path / "a.txt"])
    assert [r.status for r in report.results] == ["added", "unchanged", "added"]
    calls = []
    report = ingest_paths(store, [tmp_path], force=True,
                          cancel=lambda: calls.append(1) or len(calls) > 1)
    assert report.cancelled and [r.status for r in report.results] == ["updated"]


def test_ensure_seeded_only_on_an_empty_database(store, fake_tagger):
    assert ensure_seeded(store) is True
    with store.session() as s:
        docs = s.scalars(select(Document)).all()
    assert len(docs) >= 1 and docs[0].dct == date(2022, 11, 8)
    assert ensure_seeded(store) is False
    assert counts(store)[0] == len(docs)


def test_titles():
    assert make_title("date 2022-11-08\n\n# The real title\n\nBody.", "x.md") == "The real title"
    assert make_title("Body text here.", "/a/2022-11-08-cnn_us-talks.txt") == "CNN us talks"
    assert make_title("date 2022-11-08\n\n" + "word " * 20) == " ".join(["word"] * 10) + "…"
    # A headline-like first line names a file or a pasted text alike; a dateline does not.
    council = "date 2023-05-10\n\nCity council approves new budget\n\nThe council voted."
    assert make_title(council, "/a/council.txt") == "City council approves new budget"
    assert make_title(council) == "City council approves new budget"
    assert make_title("date 2022-11-08\n\nWashington CNN—\n\nBody.", "/a/x-y.txt") == "X y"


def test_losing_a_race_to_another_writer_counts_as_unchanged(store, fake_tagger, article,
                                                             monkeypatch):
    first = ingest_text(store, article)
    real_find = ingest_module._find
    calls = []

    def blind_once(session, digest):
        calls.append(digest)
        return None if len(calls) <= 2 else real_find(session, digest)

    monkeypatch.setattr(ingest_module, "_find", blind_once)
    again = ingest_text(store, article)  # both checks miss; the insert hits the unique hash
    assert again.status == "unchanged" and again.document_id == first.document_id
    assert counts(store) == (1, 1, 1)


def test_workers_in_a_pool(store, tmp_path):
    for i in range(4):
        (tmp_path / f"{i}.txt").write_text(
            f"date 2022-11-08\n\nArticle {i}: the minister resigned on Monday.\n")
    report = ingest_paths(store, [tmp_path], workers=2)
    assert report.ok and [r.status for r in report.results].count("added") == 4
    with store.session() as s:
        assert {e.start.isoformat() for e in list_events(s)} == {"2022-11-07T00:00:00"}


def test_force_keeps_the_ids_of_re_extracted_events(store, fake_tagger):
    text = "date 2022-11-08\n\nHe left last week. She came last week.\n"
    ingest_text(store, text)
    with store.session() as s:
        before = {(e.expr_start, e.id) for e in list_events(s)}
        s.execute(Event.__table__.update().values(headline="stale"))
    assert ingest_text(store, text, force=True).n_events == 2
    with store.session() as s:
        events = list_events(s)
        assert {(e.expr_start, e.id) for e in events} == before
        assert all(e.headline != "stale" and not e.edited_by_user for e in events)
