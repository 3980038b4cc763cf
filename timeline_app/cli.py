"""The ``timeline-app`` command.

Each verb lives in ``timeline_app/commands/<verb>.py`` and exposes ``register(subparsers)``;
its module is imported only when listed here and does its heavy imports (Qt, SQLAlchemy)
inside its run function, so ``timeline-app tag`` never loads the GUI or the database.
With no verb, the desktop window opens.
"""

from __future__ import annotations

import argparse
import importlib
import sys

VERBS = ("tag", "evaluate", "ingest", "export", "events", "screenshot", "gui")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-app",
        description="Turn news articles into an interactive, zoomable timeline.",
    )
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    for verb in VERBS:
        try:
            module = importlib.import_module(f"timeline_app.commands.{verb}")
        except ModuleNotFoundError as exc:  # a verb still being built
            if exc.name != f"timeline_app.commands.{verb}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv or argv[0].startswith("--db"):
        argv = ["gui", *argv]
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("timeline-app: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
