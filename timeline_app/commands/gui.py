"""``timeline-app`` / ``timeline-app gui [--db URL]``: open the desktop window."""

from __future__ import annotations

import argparse


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "gui", help="open the desktop window (the default with no verb)",
        description="Open the timeline window on a database (seeded with the example "
                    "article when empty).")
    parser.add_argument("--db", metavar="URL",
                        help="database path or SQLAlchemy URL (default: $TIMELINE_APP_DB, "
                             "else ./data.db)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from timeline_app.ui.app import run_gui

    return run_gui(args.db)
