"""The full record as CSV: one row per event, RFC 4180, UTF-8, sorted by start.

Cells are neutralised against CSV injection as OWASP advises: a text cell starting with
``=``, ``+``, ``-``, ``@``, tab or carriage return is prefixed with a single quote, so a
spreadsheet shows it as text and never evaluates it. Article text is untrusted input, and
an exported timeline is exactly the kind of file people open in a spreadsheet.
"""

from __future__ import annotations

import csv
from pathlib import Path

from timeline_app.export.common import Progress, atomic_file, event_rows, iso
from timeline_app.store import Store

HEADER = (
    "event_id", "document_id", "document_title", "dct", "start", "end", "granularity",
    "modifier", "fuzzy", "expression", "timex_type", "timex_value", "headline", "sentence",
    "sentence_start", "sentence_end", "expr_start", "expr_end", "rule", "anchor",
    "edited_by_user",
)
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str | None) -> str:
    """The cell as text a spreadsheet will not run as a formula."""
    if not cell:
        return ""
    return "'" + cell if cell.startswith(_DANGEROUS) else cell


def write_csv(store: Store, out: Path, *, progress: Progress | None = None, **filters) -> int:
    total, rows = event_rows(store, **filters)
    safe = neutralise
    step = max(total // 100, 1000)
    with atomic_file(out, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER)
        written = 0
        for (ev_id, doc_id, start, end, gran, mod, fuzzy, expr, ttype, tvalue, headline,
             sentence, s_start, s_end, e_start, e_end, rule, anchor, edited, _hidden,
             title, dct) in rows:
            writer.writerow((
                ev_id, doc_id, safe(title), dct.isoformat(), iso(start), iso(end), gran,
                mod or "", "true" if fuzzy else "false", safe(expr), ttype, safe(tvalue),
                safe(headline), safe(sentence), s_start, s_end, e_start, e_end, safe(rule),
                safe(anchor), "true" if edited else "false",
            ))
            written += 1
            if progress is not None and written % step == 0:
                progress(written, total)
    if progress is not None:
        progress(written, total)
    return written
