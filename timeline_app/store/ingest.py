"""Articles in: read, date, extract, and write each document with its events atomically.

Extraction (tagging, sentence splitting) is pure CPU work and may run in a process pool;
all writing happens in the calling process, one transaction per document, so a crash or
a kill at any moment leaves either the whole document with all its events or nothing.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from timeline_app.events import Extraction, extract
from timeline_app.store.db import Store
from timeline_app.store.models import Document, Event, Mention
from timeline_app.timex import TimexError
from timeline_app.timex.documents import DocumentError, dct_from_header, load_text

ARTICLE_SUFFIXES = (".txt", ".md")


@dataclass(slots=True)
class IngestResult:
    document_id: int
    status: str  # "added" | "unchanged" | "updated"
    n_events: int
    source_path: str | None = None
    title: str = ""


@dataclass(slots=True)
class IngestReport:
    results: list[IngestResult] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and not self.cancelled

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}[-_ ]*")


def _looks_like_headline(line: str) -> bool:
    """A short first line without sentence punctuation: "City council approves budget",
    not a dateline ("Washington CNN—") or the first sentence of the body."""
    words = line.split()
    return 2 <= len(words) <= 16 and line[:1].isupper() and line[-1] not in ".!?:;,—–-(\"'"


def make_title(text: str, source_path: str | None = None) -> str:
    """A name for the document in lists and legends.

    A Markdown heading or a headline-like first line is the author's own title; otherwise
    the file name ("2022-11-08-cnn-us-urges-ukraine-openness-to-talks.txt" -> "CNN us urges
    ukraine openness to talks") is what the user chose to call it; pasted text without
    either is named by its first words.
    """
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if lines:
        try:
            if dct_from_header(text) is not None:
                lines = lines[1:]
        except TimexError:
            lines = lines[1:]
    for line in lines[:5]:
        if line.startswith("# "):
            return line[2:].strip()[:500]
    if lines and _looks_like_headline(lines[0]):
        return lines[0][:500]
    if source_path:
        stem = _DATE_PREFIX.sub("", Path(source_path).stem)
        stem = re.sub(r"[-_]+", " ", stem).strip()
        # Short vowel-less words in a file name are acronyms: "cnn" -> "CNN".
        stem = " ".join(w.upper() if 2 <= len(w) <= 5 and w.isalpha()
                        and not set(w.lower()) & set("aeiouy") else w for w in stem.split())
        if stem:
            return (stem[0].upper() + stem[1:])[:500]
    first = lines[0] if lines else "Untitled"
    words = first.split()
    return " ".join(words[:10]) + ("…" if len(words) > 10 else "")


def document_dct(text: str, where: str, dct: date | None, *, explicit_wins: bool) -> date:
    """The document's creation date. ``explicit_wins`` decides whether ``dct`` overrides
    the header (a date the user picked for one pasted article) or only fills in for a file
    without one (``--dct`` for a folder of mixed files)."""
    if dct is not None and explicit_wins:
        return dct
    try:
        header = dct_from_header(text)
    except TimexError as exc:
        raise DocumentError(where, f"bad date header ({exc})") from None
    if header is not None:
        return header
    if dct is not None:
        return dct
    raise DocumentError(
        where, "no document date: add a first line 'date YYYY-MM-DD' or pass --dct YYYY-MM-DD"
    )


def _extract_for_pool(text: str, dct: date, doc_type: str = "news") -> Extraction:
    result = extract(text, dct, doc_type)
    result.timexes = []  # not needed by the writer; saves pickling them back
    return result


def _event_rows(document_id: int, extraction: Extraction,
                skip_spans: set[tuple[int, int]] = frozenset()) -> list[Event]:
    rows = []
    for d in extraction.events:
        if (d.expr_start, d.expr_end) in skip_spans:
            continue
        rows.append(Event(
            document_id=document_id, start=d.start, end=d.end, granularity=d.granularity,
            mod=d.mod, fuzzy=d.fuzzy, sort_key=d.sort_key, headline=d.headline,
            sentence=d.sentence, sentence_start=d.sentence_start, sentence_end=d.sentence_end,
            expr_start=d.expr_start, expr_end=d.expr_end, expr_text=d.expr_text,
            timex_type=d.timex_type, timex_value=d.timex_value, rule=d.rule or "",
            anchor=d.anchor or "", edited_by_user=False, hidden=False,
        ))
    return rows


def _mention_rows(document_id: int, extraction: Extraction) -> list[Mention]:
    return [
        Mention(document_id=document_id, start=m.start, end=m.end, text=m.text,
                timex_type=m.timex_type, value=m.value, mod=m.mod, rule=m.rule or "")
        for m in extraction.mentions
    ]


_REFRESHED = (
    "start", "end", "granularity", "mod", "fuzzy", "sort_key", "headline", "sentence",
    "sentence_start", "sentence_end", "expr_text", "timex_type", "timex_value", "rule",
    "anchor",
)


def _find(session: Session, digest: str) -> Document | None:
    return session.scalars(select(Document).where(Document.content_hash == digest)).first()


def _unchanged(session: Session, doc: Document, source_path: str | None) -> IngestResult:
    n = session.scalar(select(func.count()).where(Event.document_id == doc.id)) or 0
    return IngestResult(doc.id, "unchanged", n, source_path, doc.title)


def write_document(
    store: Store,
    text: str,
    *,
    title: str,
    source_path: str | None,
    dct: date,
    extraction: Extraction,
    force: bool = False,
    digest: str | None = None,
) -> IngestResult:
    """Store one document and its events in one transaction.

    With ``force`` an existing document is re-extracted in place: events the user edited
    or hid are kept (and new events on the same expression are not added twice), all
    others are replaced.
    """
    digest = digest or content_hash(text)
    try:
        with store.session() as session:
            existing = _find(session, digest)
            if existing is not None and not force:
                return _unchanged(session, existing, source_path)
            if existing is None:
                doc = Document(title=(title.strip() or "Untitled")[:500],
                               source_path=source_path, dct=dct, text=text,
                               content_hash=digest, ingested_at=datetime.now())
                session.add(doc)
                session.flush()
                events = _event_rows(doc.id, extraction)
                status = "added"
            else:
                doc = existing
                doc.dct = dct
                doc.ingested_at = datetime.now()
                if source_path:
                    doc.source_path = source_path
                existing_events = session.scalars(
                    select(Event).where(Event.document_id == doc.id)).all()
                curated = {(e.expr_start, e.expr_end) for e in existing_events
                           if e.edited_by_user or e.hidden}
                # Re-extracted events on the same expression keep their id, so the window's
                # selection and undo history still point at them.
                reusable = {(e.expr_start, e.expr_end): e for e in existing_events
                            if not (e.edited_by_user or e.hidden)}
                fresh = _event_rows(doc.id, extraction, curated)
                events = []
                for row in fresh:
                    old = reusable.pop((row.expr_start, row.expr_end), None)
                    if old is None:
                        events.append(row)
                        continue
                    for column in _REFRESHED:
                        setattr(old, column, getattr(row, column))
                for stale in reusable.values():
                    session.delete(stale)
                session.execute(delete(Mention).where(Mention.document_id == doc.id))
                session.flush()
                status = "updated"
                n_kept = len(curated) + len(fresh) - len(events)
            session.add_all(events)
            session.add_all(_mention_rows(doc.id, extraction))
            session.flush()
            n_events = len(events) + (n_kept if status == "updated" else 0)
            return IngestResult(doc.id, status, n_events, source_path, doc.title)
    except IntegrityError:
        # Another process stored the same content between our check and our insert.
        with store.session() as session:
            existing = _find(session, digest)
            if existing is None:
                raise
            return _unchanged(session, existing, source_path)


def ingest_text(
    store: Store,
    text: str,
    *,
    title: str | None = None,
    source_path: str | None = None,
    dct: date | None = None,
    force: bool = False,
    doc_type: str = "news",
) -> IngestResult:
    """Ingest one article given as text. An explicit ``dct`` wins over the text's header;
    with neither, :class:`DocumentError` is raised (as for an empty text)."""
    where = source_path or "<pasted text>"
    if not text or not text.strip():
        raise DocumentError(where, "empty text")
    dct = document_dct(text, where, dct, explicit_wins=True)
    digest = content_hash(text)
    if not force:
        with store.session() as session:
            existing = _find(session, digest)
            if existing is not None:
                return _unchanged(session, existing, source_path)
    extraction = extract(text, dct, doc_type)
    return write_document(
        store, text, title=title or make_title(text, source_path), source_path=source_path,
        dct=dct, extraction=extraction, force=force, digest=digest,
    )


def collect_paths(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[list[str], list[tuple[str, str]]]:
    """Files to ingest (folders expanded recursively to their .txt/.md files, sorted) and
    errors for paths that do not exist or folders with no articles."""
    files: list[str] = []
    errors: list[tuple[str, str]] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                errors.append((str(path), "folder holds no .txt or .md files"))
            candidates = [str(p) for p in found]
        elif path.exists() or path.is_symlink():
            candidates = [str(path)]
        else:
            errors.append((str(path), "no such file or folder"))
            candidates = []
        for c in candidates:
            key = os.path.realpath(c)
            if key not in seen:
                seen.add(key)
                files.append(c)
    return files, errors


def _die_with_parent() -> None:
    """Pool initializer: on Linux, ask the kernel to end this worker when the ingest that
    started it dies (even by SIGKILL), instead of leaving it waiting forever for work."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)
    except (OSError, AttributeError):
        pass


def _pool_context():
    # fork is fast and safe from a single-threaded program (the command line); from the
    # window (Qt threads running) forking could copy a held lock, so spawn there.
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def ingest_paths(
    store: Store,
    paths: Sequence[str | os.PathLike[str]],
    *,
    dct: date | None = None,
    force: bool = False,
    workers: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    doc_type: str = "news",
) -> IngestReport:
    """Ingest files and folders; never raises for a bad file.

    Each file's header date wins; ``dct`` is the date for files without one. Bad files
    land in ``report.errors`` as ``(path, reason)`` and the others go on. ``progress`` is
    called as ``(done, total, path)`` after each file; ``cancel`` is polled between files
    and stops the run with everything already written kept.
    """
    files, errors = collect_paths(paths)
    report = IngestReport(errors=list(errors))
    total = len(files)
    done = 0

    def advance(path: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total, path)

    def prepare(path: str):
        """Read and date one file; return (text, digest, dct) or None when handled."""
        try:
            text = load_text(path)
            doc_dct = document_dct(text, path, dct, explicit_wins=False)
        except DocumentError as exc:
            report.errors.append((exc.path, exc.reason))
            advance(path)
            return None
        digest = content_hash(text)
        if not force:
            with store.session() as session:
                existing = _find(session, digest)
                if existing is not None:
                    report.results.append(_unchanged(session, existing, path))
                    advance(path)
                    return None
        return text, digest, doc_dct

    def finish(path: str, text: str, digest: str, doc_dct: date, extraction: Extraction):
        try:
            report.results.append(write_document(
                store, text, title=make_title(text, path), source_path=path, dct=doc_dct,
                extraction=extraction, force=force, digest=digest,
            ))
        except Exception as exc:  # a database error for this file only
            report.errors.append((path, f"cannot be stored ({type(exc).__name__}: {exc})"))
        advance(path)

    def extraction_failed(path: str, exc: BaseException) -> None:
        report.errors.append((path, f"extraction failed ({type(exc).__name__}: {exc})"))
        advance(path)

    def prepared_files():
        """(path, text, digest, dct) of each file still to extract, until cancelled."""
        for path in files:
            if cancel is not None and cancel():
                report.cancelled = True
                return
            prepared = prepare(path)
            if prepared is not None:
                yield (path, *prepared)

    if workers <= 1 or total <= 1:
        for path, text, digest, doc_dct in prepared_files():
            try:
                extraction = extract(text, doc_dct, doc_type)
            except Exception as exc:
                extraction_failed(path, exc)
                continue
            finish(path, text, digest, doc_dct, extraction)
        return report

    pending: dict[Future, tuple[str, str, str, date]] = {}
    window = workers * 4
    with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(),
                             initializer=_die_with_parent) as pool:

        def drain(block_until: int) -> None:
            while len(pending) > block_until:
                finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                for future in finished:
                    path, text, digest, doc_dct = pending.pop(future)
                    if report.cancelled:
                        continue
                    exc = future.exception()
                    if exc is not None:
                        extraction_failed(path, exc)
                    else:
                        finish(path, text, digest, doc_dct, future.result())

        for path, text, digest, doc_dct in prepared_files():
            future = pool.submit(_extract_for_pool, text, doc_dct, doc_type)
            pending[future] = (path, text, digest, doc_dct)
            drain(window)
        if report.cancelled:
            for future in pending:
                future.cancel()
        drain(0)
    return report


def seed_files() -> list[tuple[str, str]]:
    """``(name, text)`` of every packaged example article."""
    from importlib.resources import files

    root = files("timeline_app.seeds")
    out = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(ARTICLE_SUFFIXES) and entry.is_file():
            out.append((entry.name, entry.read_text(encoding="utf-8")))
    return out


def ensure_seeded(store: Store) -> bool:
    """Ingest the packaged example articles when the database holds no document, so a new
    user sees a timeline at once. True if it did."""
    with store.session() as session:
        if session.scalars(select(Document.id).limit(1)).first() is not None:
            return False
    added = False
    for name, text in seed_files():
        result = ingest_text(store, text, source_path=name)
        added = added or result.status == "added"
    return added
