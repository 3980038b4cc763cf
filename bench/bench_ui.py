"""Benchmark of the timeline view with 100,000 synthetic events spread over 30 years.

Measures what a user feels: the time to build and show the view with its data, and the time
of a repaint right after a zoom step or a pan step (the re-layout included), rendered
offscreen into a QImage with ``widget.render``. Prints each number with its ratio to the
target from the issue and to a baseline measured in the same run (rendering a plain,
empty widget of the same size), so runs on different machines can be compared.

Run: ``.venv/bin/python bench/bench_ui.py [--events N] [--seed S] [--size WxH]``
Afterwards it runs ``bench/bench_window.py`` in a fresh process: the whole main window
opened on a SQLite database of the same size (open time, memory), unless ``--no-window``.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# (granularity, kind, length in days, weight): the mix of a news corpus, where most dates are
# days, then months, weeks and years, with a few coarse and sub-day ones and some durations.
GRANULARITIES = (
    ("day", "point", 1, 40), ("week", "bar", 7, 10), ("month", "bar", 30, 15),
    ("season", "bar", 91, 3), ("quarter", "bar", 91, 3), ("half", "bar", 182, 2),
    ("year", "bar", 365, 8), ("decade", "bar", 3652, 1), ("century", "bar", 36524, 0.1),
    ("hour", "point", 1 / 24, 6), ("part_of_day", "point", 0.25, 3),
    ("minute", "point", 1 / 1440, 2), ("range", "range", None, 5),
)
TARGETS = {"open_s": 2.0, "repaint_median_ms": 16.0, "repaint_p95_ms": 33.0, "rss_mb": 600.0}


def synthetic_items(n: int, years: int, seed: int):
    from timeline_app.ui.timeline.items import DocumentMarker, TimelineItem, palette_color

    rnd = random.Random(seed)
    base = datetime(1995, 1, 1)
    span_days = years * 365.2425
    weights = [g[3] for g in GRANULARITIES]
    words = ("talks", "ceasefire", "summit", "strike", "election", "vote", "offensive",
             "sanctions", "visit", "report", "deal", "protest", "verdict", "launch")
    n_docs = max(1, n // 400)
    docs = [DocumentMarker(d, f"Article {d}: {rnd.choice(words)} coverage",
                           (base + timedelta(days=rnd.random() * span_days)).date(),
                           palette_color(d)) for d in range(n_docs)]
    items = []
    for i in range(n):
        gran, kind, days, _w = rnd.choices(GRANULARITIES, weights)[0]
        start = base + timedelta(days=rnd.random() * span_days)
        if kind == "range":
            gran = "month"
            days = rnd.uniform(3, 400)
        elif gran in ("day", "week", "month", "year"):
            start = start.replace(hour=0, minute=0, second=0, microsecond=0)
        end = start + timedelta(days=days)
        fuzzy = rnd.random() < 0.15
        label = f"{rnd.choice(words).capitalize()} {i}: {rnd.choice(words)} and {rnd.choice(words)}"
        items.append(TimelineItem(i, start, end, gran, kind, fuzzy, label, i % n_docs,
                                  tooltip=label, mod="APPROX" if fuzzy else None,
                                  edited=rnd.random() < 0.01))
    return items, docs


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory in MB."""
    current = 0.0
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    current = int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    return current, peak


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=30)
    parser.add_argument("--seed", type=int, default=20221108)
    parser.add_argument("--size", default="1400x900", help="view size, WIDTHxHEIGHT")
    parser.add_argument("--steps", type=int, default=60, help="zoom and pan steps measured")
    parser.add_argument("--no-window", action="store_true",
                        help="skip the main-window benchmark (bench/bench_window.py)")
    args = parser.parse_args(argv)
    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        parser.error(f"--size must look like 1400x900, not {args.size!r}")

    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance() or QApplication(sys.argv[:1])

    print(f"generating {args.events:,} events over {args.years} years ...", flush=True)
    t = time.perf_counter()
    items, docs = synthetic_items(args.events, args.years, args.seed)
    print(f"  generated in {time.perf_counter() - t:.2f} s ({len(docs)} documents)")

    image = QImage(QSize(width, height), QImage.Format.Format_ARGB32_Premultiplied)

    # Baseline: the cost of rendering a plain widget of the same size on this machine.
    plain = QWidget()
    plain.resize(width, height)
    plain.show()
    app.processEvents()
    base_times = []
    for _ in range(30):
        t = time.perf_counter()
        plain.render(image)
        base_times.append(time.perf_counter() - t)
    baseline_ms = statistics.median(base_times) * 1000
    plain.close()

    from timeline_app.ui.timeline.view import TimelineView

    print("opening the view ...", flush=True)
    t = time.perf_counter()
    view = TimelineView()
    view.animations_enabled = False
    view.resize(width, height)
    view.set_items(items, docs)
    view.show()
    app.processEvents()
    view.render(image)  # the first frame is part of opening
    open_s = time.perf_counter() - t

    rnd = random.Random(args.seed)

    def repaint() -> float:
        t0 = time.perf_counter()
        view.render(image)
        return time.perf_counter() - t0

    # Zoom: from the whole 30 years down to a few days and back, around random points,
    # like a user exploring with the wheel. Each sample = zoom step + repaint.
    print(f"measuring {args.steps} zoom steps and {args.steps} pan steps ...", flush=True)
    zoom_times = []
    view.fit_all()
    factor = 1.25
    direction = 1
    for _ in range(args.steps):
        if view.seconds_per_pixel * width < 4 * 86400:
            direction = -1
        elif view.seconds_per_pixel * width > 25 * 365 * 86400:
            direction = 1
        anchor = rnd.uniform(0.2, 0.8) * width
        t0 = time.perf_counter()
        view.zoom_by(factor ** direction, anchor)
        zoom_times.append(time.perf_counter() - t0 + repaint())

    # Pan: drag-sized steps at a few zoom levels (a year, a month, a week wide), with an
    # occasional page-sized jump that forces a fresh layout window.
    pan_times = []
    levels = (365 * 86400, 30 * 86400, 7 * 86400)
    per_level = max(1, args.steps // len(levels))
    for span in levels:
        view.go_to(datetime(2010, 1, 1) + timedelta(days=rnd.uniform(-3000, 3000)))
        view.zoom_by(view.seconds_per_pixel * width / span)
        repaint()
        for i in range(per_level):
            dx = width if i % 10 == 9 else rnd.choice((-1, 1)) * rnd.uniform(20, 120)
            t0 = time.perf_counter()
            view.pan_by(dx)
            pan_times.append(time.perf_counter() - t0 + repaint())

    current, peak = rss_mb()
    out_png = os.environ.get("BENCH_UI_PNG")
    if out_png:
        image.save(out_png)

    def ms(values: list[float]) -> tuple[float, float]:
        return statistics.median(values) * 1000, percentile(values, 0.95) * 1000

    zoom_med, zoom_p95 = ms(zoom_times)
    pan_med, pan_p95 = ms(pan_times)
    both_med, both_p95 = ms(zoom_times + pan_times)
    rows = [
        ("open (construct + set_items + show + first frame)", f"{open_s:.3f} s",
         open_s / TARGETS["open_s"], None),
        ("repaint after zoom, median", f"{zoom_med:.2f} ms",
         zoom_med / TARGETS["repaint_median_ms"], zoom_med / baseline_ms),
        ("repaint after zoom, p95", f"{zoom_p95:.2f} ms",
         zoom_p95 / TARGETS["repaint_p95_ms"], zoom_p95 / baseline_ms),
        ("repaint after pan, median", f"{pan_med:.2f} ms",
         pan_med / TARGETS["repaint_median_ms"], pan_med / baseline_ms),
        ("repaint after pan, p95", f"{pan_p95:.2f} ms",
         pan_p95 / TARGETS["repaint_p95_ms"], pan_p95 / baseline_ms),
        ("repaint overall, median", f"{both_med:.2f} ms",
         both_med / TARGETS["repaint_median_ms"], both_med / baseline_ms),
        ("repaint overall, p95", f"{both_p95:.2f} ms",
         both_p95 / TARGETS["repaint_p95_ms"], both_p95 / baseline_ms),
        ("resident memory (VmRSS now)", f"{current:.0f} MB", current / TARGETS["rss_mb"], None),
        ("resident memory (peak)", f"{peak:.0f} MB", peak / TARGETS["rss_mb"], None),
    ]
    print()
    print(f"timeline view, {args.events:,} events, {width}x{height}, "
          f"baseline (plain widget render) {baseline_ms:.2f} ms")
    print(f"{'measure':52} {'value':>11} {'/target':>8} {'/baseline':>10}")
    failed = False
    for name, value, to_target, to_base in rows:
        failed |= to_target > 1.0
        base_text = f"{to_base:10.1f}" if to_base is not None else f"{'':10}"
        print(f"{name:52} {value:>11} {to_target:8.2f} {base_text}")
    print()
    print("all targets met" if not failed else "SOME TARGETS MISSED (ratio > 1.00)")
    view.close()
    del app
    if not args.no_window:
        import subprocess

        print("\nmain window on a database (bench/bench_window.py) ...", flush=True)
        window = Path(__file__).with_name("bench_window.py")
        done = subprocess.run(
            [sys.executable, str(window), "--events", str(args.events), "--years", str(args.years)],
            check=False,
        )
        failed |= done.returncode != 0
    return 0 if not failed else 1


if __name__ == "__main__":
    raise SystemExit(main())
