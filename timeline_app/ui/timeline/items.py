"""Plain records the timeline view draws.

They are deliberately Qt-free so the window (and tests, and the benchmark) can build
thousands of them cheaply from store rows without touching a QApplication.
"""

from __future__ import annotations

import colorsys
import html
from dataclasses import dataclass
from datetime import date, datetime

GRANULARITIES = (
    "minute", "hour", "part_of_day", "day", "week", "month", "season", "quarter", "half",
    "year", "decade", "century",
)
KINDS = ("point", "bar", "range")

# Granularities at or below a day are drawn as a point: a bar one day wide is invisible at
# most zoom levels and would suggest a precision the text does not have at the others.
POINT_GRANULARITIES = frozenset({"minute", "hour", "part_of_day", "day"})


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One event as the view needs it: an interval, how it was known, and what to say."""

    id: int
    start: datetime
    end: datetime
    granularity: str
    kind: str  # "point" (day or finer), "bar" (week..year), "range" (anchored duration)
    fuzzy: bool
    label: str
    document_id: int
    tooltip: str = ""
    mod: str | None = None
    edited: bool = False

    def __post_init__(self) -> None:
        # A wrong kind would silently draw nothing; fail where the record is built instead.
        if self.kind not in KINDS:
            raise ValueError(f"TimelineItem {self.id}: kind must be one of {KINDS}, "
                             f"not {self.kind!r}")
        if self.end < self.start:
            raise ValueError(f"TimelineItem {self.id}: end {self.end} is before start "
                             f"{self.start}")


@dataclass(frozen=True, slots=True)
class DocumentMarker:
    """An article: its date of creation (the "today" its relative dates hang on) and colour."""

    document_id: int
    title: str
    dct: date
    color: str  # "#rrggbb"


def kind_for(granularity: str | None, *, is_duration: bool = False) -> str:
    """The drawing style that matches what is known about an event's date.

    Lets the window map store rows to items with the same rule the view was designed for.
    """
    if is_duration:
        return "range"
    if granularity is None or granularity in POINT_GRANULARITIES:
        return "point"
    return "bar"


# Paul Tol's "bright" and "muted" qualitative schemes, chosen because they stay
# distinguishable for the common forms of colour blindness; yellow-ish tones that vanish
# on a white background are left out.
_BASE = (
    "#4477aa", "#ee6677", "#228833", "#aa3377", "#66ccee", "#ccbb44",
    "#332288", "#44aa99", "#882255", "#117733", "#999933", "#cc6677",
)


def palette_color(index: int) -> str:
    """Colour for the index-th document.

    The first dozen are the base palette; later cycles reuse its hues at a shifted
    lightness so that neighbouring documents in a long list still differ.
    """
    if index < 0:
        raise ValueError(f"palette index must be >= 0, not {index}")
    base = _BASE[index % len(_BASE)]
    cycle = index // len(_BASE)
    if cycle == 0:
        return base
    r, g, b = (int(base[i:i + 2], 16) / 255 for i in (1, 3, 5))
    h, light, s = colorsys.rgb_to_hls(r, g, b)
    # Alternate darker / lighter variants, never leaving the readable middle band.
    shift = ((cycle + 1) // 2) * 0.12 * (-1 if cycle % 2 else 1)
    light = min(0.72, max(0.22, light + shift))
    h = (h + 0.03 * cycle) % 1.0
    r, g, b = colorsys.hls_to_rgb(h, light, s)
    return "#{:02x}{:02x}{:02x}".format(*(round(c * 255) for c in (r, g, b)))


def tooltip_html(text: str) -> str:
    """Plain tooltip text as Qt rich text: escaped (an article's words are never markup),
    the first line bold, and lines kept whole. Qt word-wraps rich tooltips into a narrow
    column otherwise, breaking "relative to the article date Tue 8 Nov 2022" mid-phrase.
    """
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        body = html.escape(line, quote=False) or "&nbsp;"
        if i == 0:
            body = f"<b>{body}</b>"
        out.append(f"<p style='white-space:pre; margin:0'>{body}</p>")
    return "<qt>" + "".join(out) + "</qt>"
