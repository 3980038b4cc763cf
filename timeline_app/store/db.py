"""Opening a store: which database, connection settings, schema upgrade.

The database is chosen in one place so the command line, the window and the tests agree:
an explicit argument, else ``$TIMELINE_APP_DB``, else ``data.db`` in the current folder.
A plain path means an SQLite file; anything with ``://`` is an SQLAlchemy URL, e.g.
``postgresql+psycopg://user@host/db`` for a team's shared server.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError
from sqlalchemy.orm import Session, sessionmaker

ENV_VAR = "TIMELINE_APP_DB"
DEFAULT_DB = "data.db"


class StoreError(Exception):
    """The database cannot be opened or upgraded; the message is one line for a person."""


def resolve_url(url: str | os.PathLike[str] | None = None) -> str:
    """The SQLAlchemy URL for ``url`` (see module docstring for the rules)."""
    if url is None or (isinstance(url, str) and not url.strip()):
        url = os.environ.get(ENV_VAR) or DEFAULT_DB
    if isinstance(url, os.PathLike):
        url = os.fspath(url)
    url = str(url).strip()
    if "://" in url:
        try:
            make_url(url)
        except (ArgumentError, ValueError) as exc:
            raise StoreError(f"invalid database URL {url!r}: {exc}") from None
        return url
    if url == ":memory:":
        return "sqlite://"
    path = Path(url).expanduser()
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file")
    return f"sqlite:///{path.resolve()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL makes NORMAL crash-safe for the database file; only the last commits may be lost
    # on power failure, never a half-written document.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _migration_config(connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "timeline_app.store:migrations")
    config.attributes["connection"] = connection
    return config


def upgrade_schema(engine: Engine) -> None:
    """Bring the schema to the newest migration (a no-op when it is already there)."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with engine.connect() as connection:
        config = _migration_config(connection)
        heads = set(ScriptDirectory.from_config(config).get_heads())
        current = set(MigrationContext.configure(connection).get_current_heads())
        if current == heads:
            return
        unknown = current - {rev.revision for rev in ScriptDirectory.from_config(
            config).walk_revisions()}
        if unknown:
            raise StoreError(
                f"the database was written by a newer version of timeline-app "
                f"(schema {', '.join(sorted(unknown))}); upgrade the app"
            )
        command.upgrade(config, "head")
        connection.commit()


class Store:
    """An open database: an engine plus a session factory."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits when the block ends normally and rolls back on error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {make_url(self.url).render_as_string(hide_password=True)}>"


def open_store(url: str | os.PathLike[str] | None = None) -> Store:
    """Open (creating if needed) the database and upgrade its schema to the newest.

    Raises :class:`StoreError` with a one-line reason when the database cannot be reached
    or is not ours.
    """
    resolved = resolve_url(url)
    sa_url = make_url(resolved)
    kwargs: dict = {}
    if sa_url.get_backend_name() == "sqlite":
        # Wait for another writer (a second window, an ingest in a terminal) instead of
        # failing at once with "database is locked".
        kwargs["connect_args"] = {"timeout": 30}
        if sa_url.database in (None, "", ":memory:"):
            # One shared connection, or every session would see its own empty database.
            from sqlalchemy.pool import StaticPool

            kwargs["poolclass"] = StaticPool
            kwargs["connect_args"]["check_same_thread"] = False
        elif sa_url.database:
            parent = Path(sa_url.database).parent
            if not parent.is_dir():
                raise StoreError(f"{sa_url.database}: folder {parent} does not exist")
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(resolved, **kwargs)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use database {resolved!r}: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        upgrade_schema(engine)
    except DatabaseError as exc:  # unreachable server, or a file that is no database
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        where = make_url(resolved).render_as_string(hide_password=True)
        raise StoreError(f"{where}: cannot open database ({reason})") from None
    except Exception:
        engine.dispose()
        raise
    return Store(resolved, engine)
