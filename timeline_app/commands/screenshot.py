"""``timeline-app screenshot OUT.png [--db URL] [--size WxH]``: the window, rendered offscreen.

The window is shown as a first launch would show it (fresh settings, so no remembered
geometry or selection leaks in from the user's own sessions) and grabbed to a PNG; no
display is needed because the offscreen platform is forced before Qt starts.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile


def _size(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{2,5})\s*[xX×]\s*(\d{2,5})\s*", value)
    if not match:
        raise argparse.ArgumentTypeError(f"invalid size {value!r}: expected WIDTHxHEIGHT, "
                                         "e.g. 1400x900")
    width, height = int(match.group(1)), int(match.group(2))
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"invalid size {value!r}: between 320x240 and "
                                         "8000x8000")
    return width, height


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "screenshot", help="render the main window to a PNG without a display",
        description="Render the main window, as it looks after launch, to a PNG file.")
    parser.add_argument("out", metavar="OUT.png", help="where to write the PNG")
    parser.add_argument("--db", metavar="URL",
                        help="database path or SQLAlchemy URL (default: $TIMELINE_APP_DB, "
                             "else ./data.db)")
    parser.add_argument("--size", type=_size, default=(1400, 900), metavar="WxH",
                        help="window size in pixels (default 1400x900)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    out = os.fspath(args.out)
    folder = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(folder):
        print(f"timeline-app screenshot: {out}: folder {folder} does not exist", file=sys.stderr)
        return 2

    from timeline_app.ui.screenshot import render_window

    try:
        with tempfile.TemporaryDirectory(prefix="timeline-shot-") as settings_dir:
            image = render_window(args.db, args.size, settings_dir)
    except Exception as exc:
        print(f"timeline-app screenshot: {str(exc).splitlines()[0] if str(exc) else exc!r}",
              file=sys.stderr)
        return 1
    tmp = out + ".part.png"
    if not image.save(tmp, "PNG"):
        print(f"timeline-app screenshot: {out}: cannot write the PNG", file=sys.stderr)
        return 1
    os.replace(tmp, out)
    print(f"{out}: {image.width()}x{image.height()}")
    return 0
