from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import inspect, text

from timeline_app.store import DEFAULT_DB, ENV_VAR, StoreError, open_store, resolve_url


def test_default_is_data_db_in_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert resolve_url() == f"sqlite:///{tmp_path / DEFAULT_DB}"
    store = open_store()
    store.close()
    assert (tmp_path / "data.db").is_file()


def test_environment_variable_then_argument(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env.db"))
    assert resolve_url() == f"sqlite:///{tmp_path / 'env.db'}"
    assert resolve_url(tmp_path / "arg.db") == f"sqlite:///{tmp_path / 'arg.db'}"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_bad_locations_give_one_line_errors(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "missing" / "x.db")
    with pytest.raises(StoreError, match="invalid database URL"):
        resolve_url("nonsense://a b:c")


def test_unreachable_server_is_a_store_error():
    with pytest.raises(StoreError) as info:
        open_store("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert "\n" not in str(info.value)
    assert "cannot open database" in str(info.value)


def test_schema_from_migrations(store):
    insp = inspect(store.engine)
    assert {"documents", "events", "mentions", "alembic_version"} <= set(insp.get_table_names())
    indexed = {tuple(ix["column_names"]) for ix in insp.get_indexes("events")}
    assert {("start",), ("end",), ("document_id",)} <= indexed
    uniques = insp.get_unique_constraints("documents")
    assert any(u["column_names"] == ["content_hash"] for u in uniques)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"


def test_reopening_keeps_data_and_schema(db_url, fake_tagger, article):
    from timeline_app.store import ingest_text

    with open_store(db_url) as first:
        ingest_text(first, article, title="A")
    with open_store(db_url) as second, second.session() as session:
        from timeline_app.store import list_documents

        assert [d.title for d in list_documents(session)] == ["A"]


def test_sqlite_pragmas(tmp_path):
    with open_store(tmp_path / "p.db") as store, store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_database_from_a_newer_app_is_refused(tmp_path):
    path = tmp_path / "new.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="newer version"):
        open_store(path)


def test_in_memory_database_is_shared_between_sessions(fake_tagger, article):
    from timeline_app.store import Document, ingest_text

    with open_store(":memory:") as store:
        ingest_text(store, article)
        with store.session() as session:
            assert session.query(Document).count() == 1


def test_a_file_that_is_no_database_is_a_one_line_error(tmp_path):
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="not a database"):
        open_store(not_a_db)
    assert not_a_db.read_text(encoding="utf-8").startswith("these are my notes")  # untouched
