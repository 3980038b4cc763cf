"""``timeline-app evaluate CORPUS_DIR``: TempEval-3 Task A figures for the tagger.

The figures and the errors behind them come from :mod:`timeline_app.timex.evaluation`;
this verb only parses arguments and prints, so the numbers people see on the command
line are exactly the ones the tests and the lead developer's scripts compute.
"""

from __future__ import annotations

import argparse
import sys

from timeline_app.commands import add_doc_type_argument


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="score the temporal tagger on a TimeML (TempEval-3) corpus",
        description=(
            "Tag the plain text of every .tml file under CORPUS_DIR against its creation "
            "time and print TempEval-3 Task A figures (strict and relaxed span precision, "
            "recall, F1; type and value F1), then the errors grouped by kind."
        ),
    )
    parser.add_argument("corpus", metavar="CORPUS_DIR", help="folder of .tml files (or one file)")
    parser.add_argument(
        "--errors",
        metavar="N",
        type=_non_negative,
        default=0,
        help="show N examples of each kind of error (default: counts only)",
    )
    add_doc_type_argument(parser)
    parser.set_defaults(func=run)


def _non_negative(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {number}")
    return number


def run(args: argparse.Namespace) -> int:
    from timeline_app.timex.documents import DocumentError
    from timeline_app.timex.evaluation import evaluate_corpus, find_tml_files

    bar = None
    try:
        count = len(find_tml_files(args.corpus))
        if sys.stderr.isatty():
            from tqdm import tqdm

            bar = tqdm(total=count, unit="doc", file=sys.stderr, leave=False)
        report = evaluate_corpus(
            args.corpus,
            doc_type=args.doc_type,
            progress=(lambda doc: bar.update(1)) if bar is not None else None,
        )
    except DocumentError as exc:
        print(f"timeline-app evaluate: {exc}", file=sys.stderr)
        return 2
    finally:
        if bar is not None:
            bar.close()
    print(report.format(errors=args.errors))
    return 1 if report.failures else 0
