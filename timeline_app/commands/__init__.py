"""One module per command-line verb; each exposes ``register(subparsers)``."""

from __future__ import annotations

import argparse


def add_doc_type_argument(parser: argparse.ArgumentParser) -> None:
    """``--doc-type``, shared by the verbs that tag text."""
    parser.add_argument(
        "--doc-type",
        choices=("news", "narrative"),
        default="news",
        help="news: relative dates count from the article date; narrative: from the last "
        "explicit date the text mentioned (default: news)",
    )
