"""CSV export of 100,000 events.

    .venv/bin/python bench/bench_export.py [--events N]

Builds a fresh SQLite database with N synthetic events spread over 30 years (in 1,000
documents), then times ``export_events`` for each format. Baseline, in the same run: the
same rows, already in memory as tuples, written by a bare ``csv.writer``: the ratio is
what querying, formatting dates, neutralising cells and the atomic write cost on top.
Target: CSV in under 5 s.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import insert  # noqa: E402

from timeline_app.export import export_events  # noqa: E402
from timeline_app.export.csv_export import HEADER  # noqa: E402
from timeline_app.store import Document, Event, open_store  # noqa: E402

TARGET_SECONDS = 5.0
GRANULARITIES = [("day", 1), ("week", 7), ("month", 30), ("year", 365)]
SENTENCE = ("Officials met in the capital {when} to discuss the budget, a spokesman said, "
            "adding that talks would continue.")


def build(store, n_events: int, n_docs: int = 1000) -> list[tuple]:
    rng = random.Random(1)
    text = "date 2022-11-08\n\n" + SENTENCE.format(when="last week") + "\n"
    base = datetime(1993, 1, 1)
    rows = []
    with store.engine.begin() as conn:
        conn.execute(insert(Document), [
            {"id": i + 1, "title": f"Synthetic article {i + 1}", "source_path": None,
             "dct": date(2022, 11, 8), "text": text + f"({i})",
             "content_hash": f"{i:064x}", "ingested_at": datetime(2024, 1, 1)}
            for i in range(n_docs)
        ])
        batch = []
        for i in range(n_events):
            gran, days = rng.choice(GRANULARITIES)
            start = base + timedelta(days=rng.randrange(30 * 365))
            end = start + timedelta(days=days)
            row = {
                "document_id": i % n_docs + 1, "start": start, "end": end,
                "granularity": gran, "mod": None, "fuzzy": False,
                "sort_key": start.timestamp(), "headline": f"Officials met, event {i}",
                "sentence": SENTENCE.format(when="last week"), "sentence_start": 17,
                "sentence_end": 17 + len(SENTENCE) - 6 + 9, "expr_start": 47, "expr_end": 56,
                "expr_text": "last week", "timex_type": "DATE", "timex_value": "2022-W44",
                "rule": "synthetic", "anchor": "DCT", "edited_by_user": False, "hidden": False,
            }
            batch.append(row)
            rows.append((i, row["document_id"], "Synthetic article", "2022-11-08",
                         start.isoformat(), end.isoformat(), gran, "", "false",
                         row["expr_text"], "DATE", row["timex_value"], row["headline"],
                         row["sentence"], 17, 100, 47, 56, "synthetic", "DCT", "false"))
            if len(batch) == 10_000:
                conn.execute(insert(Event), batch)
                batch = []
        if batch:
            conn.execute(insert(Event), batch)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        store = open_store(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        rows = build(store, args.events)
        print(f"built {args.events:,} synthetic events in {time.perf_counter() - t0:.2f} s")

        t0 = time.perf_counter()
        with open(Path(tmp) / "baseline.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(rows)
        baseline = time.perf_counter() - t0
        print(f"baseline  csv.writer, rows in memory: {baseline:6.2f} s")

        csv_time = None
        for fmt, name in [("csv", "out.csv"), ("timelinejs-csv", "tl.csv"),
                          ("timelinejs-json", "tl.json")]:
            t0 = time.perf_counter()
            n = export_events(store, Path(tmp) / name, fmt)
            elapsed = time.perf_counter() - t0
            if fmt == "csv":
                csv_time = elapsed
            size = (Path(tmp) / name).stat().st_size / 1e6
            print(f"export    {fmt:16} {n:,} events: {elapsed:6.2f} s  "
                  f"{n / elapsed:9,.0f} events/s  {elapsed / baseline:5.1f}x the baseline  "
                  f"({size:.1f} MB)")
        store.close()
    verdict = "met" if csv_time < TARGET_SECONDS else "MISSED"
    print(f"target: {args.events:,} events to CSV < {TARGET_SECONDS:.0f} s: {verdict} "
          f"({csv_time:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
