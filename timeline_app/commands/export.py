"""``timeline-app export OUT``: write the events in a file others can open."""

from __future__ import annotations

import argparse
import sys

FORMATS = ("csv", "timelinejs-csv", "timelinejs-json", "timeml")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the events as CSV, TimelineJS or TimeML",
        description=(
            "Write the events (hidden ones left out), sorted by start. Formats: csv, the "
            "full record (RFC 4180, UTF-8, ISO 8601 dates; cells that a spreadsheet would "
            "run as a formula are prefixed with a quote); timelinejs-csv, TimelineJS's "
            "18-column spreadsheet; timelinejs-json, TimelineJS's JSON; timeml, each "
            "document's text with inline TIMEX3 tags: OUT is a folder (created if needed) "
            "receiving one NNNN-title.tml per document, or a single .tml file when exactly "
            "one document is selected (--document ID). The file appears only when complete."
        ),
    )
    parser.add_argument("out", metavar="OUT", help="output file (folder for timeml)")
    parser.add_argument("--format", choices=FORMATS, default="csv", help="default: csv")
    parser.add_argument("--db", metavar="URL",
                        help="database path or SQLAlchemy URL (default: $TIMELINE_APP_DB, "
                        "else ./data.db)")
    parser.add_argument("--document", metavar="ID", type=int,
                        help="only this document's events (ids: timeline-app events)")
    parser.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD",
                        help="only events that end after the start of this day")
    parser.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD",
                        help="only events that start on or before this day")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from timeline_app.export import ExportError, export_events
    from timeline_app.store import Document, StoreError, open_store
    from timeline_app.timex import TimexError
    from timeline_app.timex.documents import parse_dct

    def fail(message: str, status: int = 2) -> int:
        print(f"timeline-app export: {message}", file=sys.stderr)
        return status

    try:
        date_from = parse_dct(args.date_from) if args.date_from else None
        date_to = parse_dct(args.date_to) if args.date_to else None
    except TimexError as exc:
        return fail(str(exc).replace("DCT", "date"))
    if date_from and date_to and date_to < date_from:
        return fail(f"--to {date_to} is before --from {date_from}")
    try:
        store = open_store(args.db)
    except StoreError as exc:
        return fail(str(exc))
    try:
        if args.document is not None:
            with store.session() as session:
                if session.get(Document, args.document) is None:
                    return fail(f"no document with id {args.document}", 1)
        n = export_events(store, args.out, args.format, document_id=args.document,
                          date_from=date_from, date_to=date_to)
    except ExportError as exc:
        return fail(str(exc), 1)
    finally:
        store.close()
    print(f"wrote {n} event{'s' * (n != 1)} to {args.out} ({args.format})")
    return 0
