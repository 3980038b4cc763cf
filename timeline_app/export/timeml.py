"""TimeML output: each document's text with inline TIMEX3 tags, the field's interchange
format (what TempEval tools and HeidelTime read and write)."""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from sqlalchemy import select

from timeline_app.export.common import ExportError, Progress, atomic_file
from timeline_app.store import Document, Mention, Store, events_query


def _slug(title: str) -> str:
    slug = re.sub(r"[^\w]+", "-", title.lower()).strip("-")
    return slug[:60] or "document"


def document_timeml(document: Document, spans: list[tuple[int, int, str, str, str | None]]) -> str:
    """TimeML for one document; ``spans`` are ``(start, end, type, value, mod)``. Spans
    overlapping an earlier one are dropped (TIMEX3 tags cannot nest)."""
    text = document.text
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n',
        f"<DOCID>{escape(document.title)}</DOCID>\n",
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{document.dct.isoformat()}" '
        f'temporalFunction="false" functionInDocument="CREATION_TIME">'
        f"{document.dct.isoformat()}</TIMEX3></DCT>\n",
        "<TEXT>",
    ]
    pos = 0
    tid = 0
    for start, end, ttype, value, mod in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < pos or not (0 <= start < end <= len(text)):
            continue
        tid += 1
        attrs = f'tid="t{tid}" type={quoteattr(ttype)} value={quoteattr(value)}'
        if mod:
            attrs += f" mod={quoteattr(mod)}"
        parts.append(escape(text[pos:start]))
        parts.append(f"<TIMEX3 {attrs}>{escape(text[start:end])}</TIMEX3>")
        pos = end
    parts.append(escape(text[pos:]))
    parts.append("</TEXT>\n</TimeML>\n")
    return "".join(parts)


def write_timeml(
    store: Store,
    out: Path,
    *,
    progress: Progress | None = None,
    document_id: int | None = None,
    date_from=None,
    date_to=None,
) -> int:
    """Write one ``.tml`` file per document into the folder ``out`` (created if needed),
    or, when ``out`` ends in ``.tml``/``.xml``, the single selected document to that file.
    Returns the number of events tagged. Mentions (SETs, bare durations) are tagged too;
    a date range limits the events, not the mentions."""
    out = Path(out)
    single = out.suffix.lower() in (".tml", ".xml")
    with store.session() as session:
        query = select(Document).order_by(Document.id)
        if document_id is not None:
            query = query.where(Document.id == document_id)
        documents = list(session.scalars(query))
        if single and len(documents) != 1:
            raise ExportError(
                f"{out}: a single .tml file holds one document, but {len(documents)} are "
                f"selected; give a folder, or --document ID"
            )
        if not single:
            if out.exists() and not out.is_dir():
                raise ExportError(f"{out}: exists and is not a folder")
            try:
                out.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ExportError(f"{out}: cannot create folder ({exc.strerror})") from None
        n_events = 0
        for i, document in enumerate(documents, 1):
            events = session.scalars(events_query(
                document_id=document.id, date_from=date_from, date_to=date_to,
            )).all()
            mentions = session.scalars(
                select(Mention).where(Mention.document_id == document.id)).all()
            spans = [(e.expr_start, e.expr_end, e.timex_type, e.timex_value, e.mod)
                     for e in events]
            spans += [(m.start, m.end, m.timex_type, m.value, m.mod) for m in mentions]
            n_events += len(events)
            target = out if single else out / f"{document.id:04d}-{_slug(document.title)}.tml"
            with atomic_file(target) as handle:
                handle.write(document_timeml(document, spans))
            if progress is not None:
                progress(i, len(documents))
    return n_events
