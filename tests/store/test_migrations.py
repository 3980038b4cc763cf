"""The Alembic migrations are the schema: they must match the models on every backend and
take a database down and up again without loss of the structure."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from timeline_app.store import Base, open_store
from timeline_app.store.db import _migration_config


def test_models_and_migrations_agree(store):
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(context, Base.metadata)
    assert diffs == []


def test_downgrade_to_nothing_then_open_upgrades_again(db_url):
    store = open_store(db_url)
    with store.engine.connect() as conn:
        command.downgrade(_migration_config(conn), "base")
        conn.commit()
    assert set(inspect(store.engine).get_table_names()) <= {"alembic_version"}
    store.close()
    store = open_store(db_url)
    assert {"documents", "events", "mentions"} <= set(inspect(store.engine).get_table_names())
    store.close()


def test_export_works_on_every_backend(store, fake_tagger, article, tmp_path):
    import csv

    from timeline_app.export import FORMATS, export_events
    from timeline_app.store import ingest_text

    ingest_text(store, article)
    for fmt in FORMATS:
        target = tmp_path / (fmt + (".d" if fmt == "timeml" else ".out"))
        assert export_events(store, target, fmt) == 1
    with open(tmp_path / "csv.out", encoding="utf-8", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["start"], row["end"], row["expression"]) == ("2022-10-31", "2022-11-07",
                                                             "last week")
