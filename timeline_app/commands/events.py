"""``timeline-app events``: the stored events as a table, sorted by start."""

from __future__ import annotations

import argparse
import shutil
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "events",
        help="list the stored events as a table, sorted by start",
        description="Print the events in the database as a table, earliest first.",
    )
    parser.add_argument("--db", metavar="URL",
                        help="database path or SQLAlchemy URL (default: $TIMELINE_APP_DB, "
                        "else ./data.db)")
    parser.add_argument("--document", metavar="ID", type=int, help="only this document")
    parser.add_argument("--hidden", action="store_true", help="include hidden events")
    parser.set_defaults(func=run)


def _fit(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def run(args: argparse.Namespace) -> int:
    from timeline_app.events.describe import describe_interval
    from timeline_app.store import Document, StoreError, list_documents, list_events, open_store

    try:
        store = open_store(args.db)
    except StoreError as exc:
        print(f"timeline-app events: {exc}", file=sys.stderr)
        return 2
    try:
        with store.session() as session:
            if args.document is not None and session.get(Document, args.document) is None:
                print(f"timeline-app events: no document with id {args.document}",
                      file=sys.stderr)
                return 1
            docs = {d.id: d for d in list_documents(session)}
            events = list_events(session, document_id=args.document,
                                 include_hidden=args.hidden)
            rows = []
            for e in events:
                when = describe_interval(e.start, e.end,
                                         None if e.timex_type == "DURATION" else e.granularity,
                                         e.mod)
                flags = ("E" if e.edited_by_user else "") + ("H" if e.hidden else "")
                rows.append((str(e.id), str(e.document_id), when, e.expr_text, e.headline,
                             flags))
    finally:
        store.close()
    if not rows:
        where = f" for document {args.document}" if args.document is not None else ""
        print(f"no events{where} (add articles with: timeline-app ingest PATH)")
        return 0
    width = shutil.get_terminal_size((120, 24)).columns
    head = ("ID", "DOC", "WHEN", "EXPRESSION", "HEADLINE", "")
    w_id = max(len(r[0]) for r in rows + [head])
    w_doc = max(len(r[1]) for r in rows + [head])
    w_when = min(max(len(r[2]) for r in rows), 28)
    w_expr = min(max(len(r[3]) for r in rows), 24)
    w_head = max(width - w_id - w_doc - w_when - w_expr - 12, 20)
    out = sys.stdout
    fmt = f"{{:>{w_id}}}  {{:>{w_doc}}}  {{:<{w_when}}}  {{:<{w_expr}}}  {{}}{{}}"
    out.write(fmt.format(*head[:5], "") + "\n")
    for r in rows:
        flag = f"  [{r[5]}]" if r[5] else ""
        out.write(fmt.format(r[0], r[1], _fit(r[2], w_when), _fit(r[3], w_expr),
                             _fit(r[4], w_head), flag).rstrip() + "\n")
    out.write(f"{len(rows)} event(s) in {len(docs) if args.document is None else 1} "
              f"document(s)\n")
    return 0
