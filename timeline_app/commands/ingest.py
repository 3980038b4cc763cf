"""``timeline-app ingest PATH...``: read articles into the database.

Each document is written with all its events in one transaction; a file that cannot be
used gets one line on stderr ("PATH: reason") and the rest go on; the exit status is 1
when any file failed, 2 when the database itself cannot be used.
"""

from __future__ import annotations

import argparse
import os
import sys

from timeline_app.commands import add_doc_type_argument

PROGRESS_THRESHOLD = 5  # a progress bar on a terminal for more than this many files


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="read articles into the database (tag them, extract events)",
        description=(
            "Read .txt and .md articles (files, or folders searched recursively) into the "
            "database: each is tagged, its events extracted, and the document written with "
            "all its events in one transaction. The same content is stored once (recognised "
            "by its hash), so running this again adds nothing. The document date comes from "
            "a first line such as 'date 2022-11-08', else from --dct."
        ),
    )
    parser.add_argument("paths", metavar="PATH", nargs="+", help="article file or folder")
    parser.add_argument(
        "--db", metavar="URL",
        help="database: a file path (SQLite) or an SQLAlchemy URL such as "
        "postgresql+psycopg://user@host/db (default: $TIMELINE_APP_DB, else ./data.db)",
    )
    parser.add_argument(
        "--dct", metavar="YYYY-MM-DD",
        help="document date for files without a 'date YYYY-MM-DD' header line",
    )
    parser.add_argument(
        "--workers", metavar="N", type=int, default=1,
        help="extract in N processes (the database is still written by one); default 1",
    )
    parser.add_argument(
        "--force", action="store_true",
        help="re-extract documents already stored; events you edited or hid are kept",
    )
    add_doc_type_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from timeline_app.store import StoreError, ingest_paths, open_store
    from timeline_app.timex import TimexError
    from timeline_app.timex.documents import parse_dct

    dct = None
    if args.dct:
        try:
            dct = parse_dct(args.dct)
        except TimexError as exc:
            print(f"timeline-app ingest: {exc}", file=sys.stderr)
            return 2
    if args.workers < 1:
        print("timeline-app ingest: --workers must be at least 1", file=sys.stderr)
        return 2
    try:
        store = open_store(args.db)
    except StoreError as exc:
        print(f"timeline-app ingest: {exc}", file=sys.stderr)
        return 2

    bar = None

    def progress(done: int, total: int, path: str) -> None:
        nonlocal bar
        if bar is None and total > PROGRESS_THRESHOLD and sys.stderr.isatty():
            from tqdm import tqdm

            try:
                known_width = os.get_terminal_size(sys.stderr.fileno()).columns > 0
            except OSError:
                known_width = False
            # A terminal that reports no width (some pseudo-terminals) would get no bar.
            bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=known_width,
                       ncols=None if known_width else 80, nrows=None if known_width else 24)
        if bar is not None:
            bar.update(done - bar.n)

    def report_error(path: str, reason: str) -> None:
        line = f"{path}: {reason}"
        if bar is not None:
            bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    try:
        report = ingest_paths(store, args.paths, dct=dct, force=args.force,
                              workers=args.workers, progress=progress, doc_type=args.doc_type)
    finally:
        if bar is not None:
            bar.close()
        store.close()
    for path, reason in report.errors:
        report_error(path, reason)
    added = [r for r in report.results if r.status == "added"]
    updated = [r for r in report.results if r.status == "updated"]
    n_events = sum(r.n_events for r in added + updated)
    parts = [f"{len(added)} added", f"{len(updated)} updated",
             f"{report.count('unchanged')} unchanged"]
    if report.errors:
        parts.append(f"{len(report.errors)} failed")
    print(f"{len(report.results) + len(report.errors)} file(s): {', '.join(parts)}; "
          f"{n_events} event(s) written")
    return 1 if report.errors else 0
