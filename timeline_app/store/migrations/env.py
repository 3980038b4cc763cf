"""Alembic environment, driven from :func:`timeline_app.store.open_store`.

There is no alembic.ini: open_store builds the configuration in code, with the script
location inside the installed package, and hands over its own connection in
``config.attributes["connection"]`` so migrations run on exactly the engine the app uses.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from timeline_app.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable from the alembic CLI
    from sqlalchemy import create_engine

    connection = create_engine(config.get_main_option("sqlalchemy.url")).connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # ALTER TABLE on SQLite
    compare_type=True,
)
with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        # Two apps starting at once against a fresh server must not both create tables.
        connection.execute(text("SELECT pg_advisory_xact_lock(715517001)"))
    context.run_migrations()
