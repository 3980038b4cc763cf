"""An ingest killed half-way (SIGKILL: no cleanup runs) leaves no half-written document."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from timeline_app.store import Document, Event, Mention, open_store

SEED = (Path(__file__).resolve().parents[2] / "seeds"
        / "2022-11-08-cnn-us-urges-ukraine-openness-to-talks.txt")


def _documents_so_far(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:  # schema not created yet
        return 0


def _counts_by_hash(db: Path) -> dict[str, tuple[int, int]]:
    """content hash -> (events, mentions) stored for that document."""
    with open_store(db) as store, store.session() as s:
        result = {}
        for doc_id, digest in s.execute(select(Document.id, Document.content_hash)):
            n_ev = s.scalar(select(func.count()).where(Event.document_id == doc_id))
            n_me = s.scalar(select(func.count()).where(Mention.document_id == doc_id))
            result[digest] = (n_ev, n_me)
        return result


def _assert_no_stray_workers(marker: str) -> None:
    """The extraction workers must not outlive a killed ingest (Linux: /proc)."""
    proc_dir = Path("/proc")
    if not proc_dir.is_dir():
        return
    deadline = time.monotonic() + 10
    while True:
        alive = []
        for entry in proc_dir.iterdir():
            if entry.name.isdigit():
                try:
                    cmdline = (entry / "cmdline").read_bytes()
                except OSError:
                    continue
                if marker.encode() in cmdline:
                    alive.append(entry.name)
        if not alive:
            return
        if time.monotonic() > deadline:
            for pid in alive:  # do not leave them behind even when failing
                os.kill(int(pid), signal.SIGKILL)
            pytest.fail(f"worker processes outlived the killed ingest: {alive}")
        time.sleep(0.05)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
@pytest.mark.parametrize("workers", ["1", "2"])
def test_killed_ingest_leaves_only_whole_documents(tmp_path, workers):
    seed = SEED.read_text(encoding="utf-8")
    src = tmp_path / "articles"
    src.mkdir()
    n_files = 120
    for i in range(n_files):
        # Different content (so none is skipped as a duplicate) and a varying number of
        # events per document, so a partial document could not pass for a whole one.
        extra = " ".join(f"Talks resumed on day {k} of the week before last." for k in range(i % 5))
        (src / f"{i:03d}.txt").write_text(f"{seed}\nUpdate {i}. {extra}\n", encoding="utf-8")
    db = tmp_path / "kill.db"
    env = {**os.environ, "TIMELINE_APP_DB": str(db)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "timeline_app", "ingest", str(src), "--workers", workers],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    try:
        while _documents_so_far(db) < 5:
            assert proc.poll() is None, "ingest finished before it could be killed"
            assert time.monotonic() < deadline, "ingest made no progress"
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    _assert_no_stray_workers(str(src))

    # What a complete, uninterrupted ingest of the same files stores, per document.
    reference = tmp_path / "reference.db"
    subprocess.run([sys.executable, "-m", "timeline_app", "ingest", str(src), "--db",
                    str(reference)], env=env, check=True, stdout=subprocess.DEVNULL, timeout=300)
    whole = _counts_by_hash(reference)
    assert len(whole) == n_files

    killed = _counts_by_hash(db)
    assert 5 <= len(killed) < n_files, "the kill did not land half-way"
    for digest, counts in killed.items():
        assert counts == whole[digest], "a document was stored without all its events"
    with open_store(db) as store, store.session() as s:
        orphans = s.scalar(select(func.count()).select_from(Event).where(
            Event.document_id.not_in(select(Document.id))))
        assert orphans == 0
    done = len(killed)

    # Running it again finishes the job without duplicating anything.
    subprocess.run([sys.executable, "-m", "timeline_app", "ingest", str(src)], env=env,
                   check=True, stdout=subprocess.DEVNULL, timeout=300)
    with open_store(db) as store, store.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == n_files > done
