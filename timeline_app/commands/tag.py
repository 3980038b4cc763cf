"""``timeline-app tag PATH...``: run the temporal tagger on articles and print what it found.

Each file is handled on its own: a file that cannot be read or has no creation date gets
one line on stderr naming it and the problem, the others are still tagged, and the exit
status says that something went wrong. Offsets in the output index the file's text
exactly as stored (strict UTF-8, no newline translation, header line included), so they
can be used against the file without re-reading it through the tagger.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from timeline_app.commands import add_doc_type_argument

ARTICLE_SUFFIXES = (".txt", ".md")
JSON_FIELDS = (
    "start", "end", "text", "type", "value", "mod", "interval_start", "interval_end",
    "granularity", "rule",
)
PROGRESS_THRESHOLD = 20  # show a progress bar on a terminal from this many files


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "tag",
        help="find and resolve the time expressions in articles",
        description=(
            "Find every time expression in each article and resolve it against the "
            "document creation time (DCT). PATH is a file or a folder; folders are searched "
            "recursively for .txt and .md files (hidden ones skipped), in sorted order. The "
            "DCT comes from --dct, else from a first line such as 'date 2022-11-08'."
        ),
    )
    parser.add_argument("paths", metavar="PATH", nargs="+", help="article file or folder")
    parser.add_argument(
        "--dct",
        metavar="YYYY-MM-DD",
        help="document creation time for every file (overrides the files' header lines)",
    )
    add_doc_type_argument(parser)
    parser.add_argument(
        "--date-order",
        choices=("MDY", "DMY"),
        default="MDY",
        help="how to read all-numeric dates such as 11/08/2022: month first (MDY, the "
        "default) or day first (DMY)",
    )
    parser.add_argument(
        "--format",
        choices=("jsonl", "timeml", "table"),
        default="jsonl",
        help="jsonl: one JSON object per document (default); timeml: inline TIMEX3 "
        "annotation; table: aligned columns for reading",
    )
    parser.set_defaults(func=run)


class _Failure(Exception):
    """A per-file problem already phrased as "PATH: reason"."""


def _articles(paths: Sequence[str]) -> Iterator[tuple[str, str | None]]:
    """Yield (path, problem): problem is None for a file to tag, else why it is skipped."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in ARTICLE_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                yield raw, "no .txt or .md files in this folder"
            for p in found:
                yield str(p), None
        elif path.exists() or path.is_symlink():
            yield raw, None  # load_text says what is wrong with it, if anything
        else:
            yield raw, "no such file or folder"


def run(args: argparse.Namespace) -> int:
    from timeline_app.timex import tag
    from timeline_app.timex.documents import DocumentError, dct_from_header, load_text, parse_dct
    from timeline_app.timex.model import TimexError

    prog = "timeline-app tag"
    fixed_dct: date | None = None
    if args.dct is not None:
        try:
            fixed_dct = parse_dct(args.dct)
        except TimexError as exc:
            print(f"{prog}: --dct: {exc}", file=sys.stderr)
            return 2

    writer = {"jsonl": _write_jsonl, "timeml": _write_timeml, "table": _write_table}[args.format]
    items = list(_articles(args.paths))
    progress = None
    if len(items) >= PROGRESS_THRESHOLD and sys.stderr.isatty():
        from tqdm import tqdm

        progress = tqdm(total=len(items), unit="file", file=sys.stderr, leave=False)

    def complain(message: str) -> None:
        if progress is not None:
            progress.write(f"{prog}: {message}", file=sys.stderr)
        else:
            print(f"{prog}: {message}", file=sys.stderr)

    failed = 0
    first = True
    try:
        for path, problem in items:
            try:
                if problem is not None:
                    raise _Failure(f"{path}: {problem}")
                try:
                    text = load_text(path)
                except DocumentError as exc:
                    raise _Failure(str(exc)) from None
                dct = fixed_dct
                if dct is None:
                    try:
                        dct = dct_from_header(text)
                    except TimexError as exc:
                        raise _Failure(f"{path}: header line: {exc}") from None
                if dct is None:
                    raise _Failure(
                        f"{path}: no document date: pass --dct YYYY-MM-DD or start the file "
                        "with a line like 'date 2022-11-08'"
                    )
                try:
                    found = tag(text, dct, doc_type=args.doc_type, date_order=args.date_order)
                    timexes = sorted(found, key=lambda t: (t.start, t.end))
                except Exception as exc:  # the tagger must not take the other files down
                    raise _Failure(
                        f"{path}: tagger failed: {type(exc).__name__}: {exc}"
                    ) from None
                writer(path, text, dct, timexes, first, complain)
                first = False
                sys.stdout.flush()
            except _Failure as exc:
                failed += 1
                complain(str(exc))
            finally:
                if progress is not None:
                    progress.update(1)
    finally:
        if progress is not None:
            progress.close()
    return 1 if failed else 0


# --------------------------------------------------------------------------- formats


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _write_jsonl(path, text, dct, timexes, first, complain) -> None:
    record = {
        "doc": path,
        "dct": dct.isoformat(),
        "timexes": [{key: _json_value(getattr(t, key)) for key in JSON_FIELDS} for t in timexes],
    }
    print(json.dumps(record, ensure_ascii=False))


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _escape_text(text: str) -> str:
    # \r is written as a character reference because XML parsers turn a literal \r\n into
    # \n, which would shift every offset after it when the output is read back.
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\r", "&#13;")
    )


def _escape_attr(value: str) -> str:
    return _escape_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def timeml_document(name: str, text: str, dct: date, timexes: Sequence[Any]) -> tuple[str, int]:
    """The text as a TimeML document with inline TIMEX3 tags; also how many were skipped.

    Overlapping expressions cannot nest in TimeML, so an expression overlapping an earlier
    one is left out (and counted) rather than producing malformed XML.
    """
    out: list[str] = []
    pos = 0
    tid = 0
    skipped = 0
    for t in sorted(timexes, key=lambda t: (t.start, -t.end)):
        if t.start < pos or t.end <= t.start or t.end > len(text):
            skipped += 1
            continue
        tid += 1
        attrs = [("tid", f"t{tid}"), ("type", t.type), ("value", t.value)]
        for key in ("mod", "quant", "freq"):
            value = getattr(t, key, None)
            if value:
                attrs.append((key, value))
        rendered = " ".join(f'{k}="{_escape_attr(str(v))}"' for k, v in attrs)
        out.append(_escape_text(text[pos:t.start]))
        out.append(f"<TIMEX3 {rendered}>{_escape_text(text[t.start:t.end])}</TIMEX3>")
        pos = t.end
    out.append(_escape_text(text[pos:]))
    dct_value = dct.isoformat()
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<TimeML>\n"
        f"<DOCID>{_escape_text(name)}</DOCID>\n"
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct_value}" temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{dct_value}</TIMEX3></DCT>\n'
        f"<TEXT>{''.join(out)}</TEXT>\n"
        "</TimeML>\n"
    )
    return document, skipped


def _write_timeml(path, text, dct, timexes, first, complain) -> None:
    document, skipped = timeml_document(path, text, dct, timexes)
    if skipped:
        complain(f"{path}: {skipped} overlapping expression(s) left out of the TimeML output")
    if not first:
        sys.stdout.write("\n")
    sys.stdout.write(document)


def _show_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace(
        "\t", "\\t"
    )


def _show_moment(value: datetime | None) -> str:
    if value is None:
        return ""
    if value.hour == value.minute == value.second == value.microsecond == 0:
        return value.date().isoformat()
    return value.isoformat(timespec="minutes")


def _write_table(path, text, dct, timexes, first, complain) -> None:
    if not first:
        print()
    count = len(timexes)
    print(f"{path}  (DCT {dct.isoformat()}, {count} expression{'s' if count != 1 else ''})")
    if not timexes:
        return
    header = ("offsets", "text", "type", "value", "mod", "interval", "granularity", "rule")
    rows = [header]
    for t in timexes:
        interval = ""
        if t.interval_start is not None or t.interval_end is not None:
            interval = f"{_show_moment(t.interval_start)} .. {_show_moment(t.interval_end)}"
        rows.append((
            f"{t.start}-{t.end}", _show_text(t.text), t.type, t.value, t.mod or "",
            interval, t.granularity or "", t.rule or "",
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for n, row in enumerate(rows):
        cells = [
            cell.rjust(widths[i]) if i == 0 and n else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        print("  ".join(cells).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
