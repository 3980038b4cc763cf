"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server.

The PostgreSQL server is a throwaway cluster started by scripts/postgres.sh on loopback
for the test session (or the server named by $TIMELINE_TEST_PG_URL); each test gets its
own fresh database on it. Where no server can be started the PostgreSQL runs are skipped
with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from datetime import datetime
from pathlib import Path

import pytest

from timeline_app.events import events_from_timexes
from timeline_app.store import open_store
from timeline_app.timex import Timex

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def postgres_server():
    """URL of a PostgreSQL server's maintenance database."""
    if os.environ.get("TIMELINE_TEST_PG_URL"):
        yield os.environ["TIMELINE_TEST_PG_URL"]
        return
    if not shutil.which("bash"):
        pytest.skip("PostgreSQL tests need bash to run scripts/postgres.sh")
    folder = tempfile.mkdtemp(prefix="timeline-pg-")
    script = str(REPO / "scripts" / "postgres.sh")
    try:
        proc = subprocess.run(["bash", script, "start", folder], capture_output=True,
                              text=True, timeout=180)
    except subprocess.TimeoutExpired:
        proc = None
    if proc is None or proc.returncode != 0:
        subprocess.run(["bash", script, "stop", folder], capture_output=True, timeout=60)
        reason = proc.stderr.strip() if proc is not None else "timed out"
        pytest.skip(f"no PostgreSQL server could be started ({reason})")
    try:
        yield proc.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run(["bash", script, "stop", folder], capture_output=True, timeout=60)


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty database on the test server, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(postgres_server).set(database=name).render_as_string(
            hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(db_url):
    s = open_store(db_url)
    yield s
    s.close()


WEEK = (datetime(2022, 10, 31), datetime(2022, 11, 7))


def fake_extract(text, dct, doc_type="news"):
    """A stand-in tagger: every "last week" is 2022-W44 and every "daily" a SET, so store
    tests control exactly which events a text yields."""
    timexes = []
    start = text.find("last week")
    while start >= 0:
        timexes.append(Timex(start, start + 9, "last week", "DATE", "2022-W44", None,
                             WEEK[0], WEEK[1], "week", "test_last_week", "DCT"))
        start = text.find("last week", start + 1)
    start = text.find("daily")
    if start >= 0:
        timexes.append(Timex(start, start + 5, "daily", "SET", "P1D", rule="test_set",
                             anchor="none", quant="EVERY"))
    return events_from_timexes(text, timexes)


@pytest.fixture
def fake_tagger(monkeypatch):
    import timeline_app.store.ingest as ingest

    monkeypatch.setattr(ingest, "extract", fake_extract)
    return fake_extract


ARTICLE = (
    "date 2022-11-08\n\nHeadline without a stop\n\n"
    "Sullivan met Zelensky in Kyiv last week, the sources said. Russia shells the city daily.\n"
)


@pytest.fixture
def article() -> str:
    return ARTICLE
