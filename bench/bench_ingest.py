"""Ingest throughput on the TempEval-3 training corpus (256 news documents).

    .venv/bin/python bench/bench_ingest.py [CORPUS] [--workers 1 2]

Each document's plain text (the <TEXT> content, tags stripped, entities decoded) is
written as an article with a ``date YYYY-MM-DD`` header from its CREATION_TIME TIMEX3,
then ingested into a fresh SQLite file with 1 and with 2 workers. Baseline, in the same
run: the tagger alone over the same texts in this process, so the ratio shows what
sentence splitting, headlines and the database add. Target: the whole set in under 10 s
with 2 workers.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from timeline_app.store import ingest_paths, open_store  # noqa: E402
from timeline_app.timex import tag  # noqa: E402
from timeline_app.timex.evaluation import find_tml_files, load_tml  # noqa: E402

TARGET_SECONDS = 10.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?",
                        default=str(REPO.parent / "shared" / "corpora" / "tempeval3-train"))
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()

    documents = [load_tml(p) for p in find_tml_files(args.corpus)]
    words = sum(len(d.text.split()) for d in documents)
    print(f"corpus: {len(documents)} documents, {words:,} words ({args.corpus})")

    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for i, doc in enumerate(documents):
            dct = doc.dct.date() if hasattr(doc.dct, "date") else doc.dct
            (folder / f"{i:03d}-{Path(doc.name).stem}.txt").write_text(
                f"date {dct.isoformat()}\n\n{doc.text}", encoding="utf-8")

        t0 = time.perf_counter()
        n_timexes = sum(len(tag(d.text, d.dct)) for d in documents)
        baseline = time.perf_counter() - t0
        print(f"baseline  tag() only, in-process: {baseline:6.2f} s  "
              f"{len(documents) / baseline:7.1f} docs/s  ({n_timexes} expressions)")

        results = {}
        for workers in args.workers:
            db = Path(tmp) / f"bench-{workers}.db"
            store = open_store(db)
            t0 = time.perf_counter()
            report = ingest_paths(store, [folder], workers=workers)
            elapsed = time.perf_counter() - t0
            store.close()
            if report.errors:
                for path, reason in report.errors[:5]:
                    print(f"  error: {path}: {reason}")
            n_docs = report.count("added")
            n_events = sum(r.n_events for r in report.results)
            results[workers] = elapsed
            print(f"ingest    {workers} worker(s):           {elapsed:6.2f} s  "
                  f"{n_docs / elapsed:7.1f} docs/s  {n_events / elapsed:8.1f} events/s  "
                  f"({n_docs} docs, {n_events} events; {elapsed / baseline:4.2f}x the baseline, "
                  f"{os.path.getsize(db) / 1e6:.1f} MB)")
        if 2 in results:
            verdict = "met" if results[2] < TARGET_SECONDS else "MISSED"
            print(f"target: whole set < {TARGET_SECONDS:.0f} s with 2 workers: {verdict} "
                  f"({results[2]:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
