"""The tagger's output record.

A ``Timex`` is a TIMEX3-like annotation: TimeML type/value/mod plus what the timeline
needs that TimeML leaves implicit: the resolved half-open interval and its granularity,
and provenance (which rule fired, what the value was anchored to) so the UI can explain
"why this date".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

TYPES = ("DATE", "TIME", "DURATION", "SET")
MODS = (
    "START", "MID", "END", "APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER",
    "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE",
)
GRANULARITIES = (
    "minute", "hour", "part_of_day", "day", "week", "month", "season", "quarter", "half",
    "year", "decade", "century",
)


class TimexError(ValueError):
    """A problem with the tagger's input (for example an invalid DCT)."""


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    #: Resolved interval [interval_start, interval_end) for DATE/TIME and for durations
    #: anchored to the DCT; None where the expression has no place on the time line.
    interval_start: datetime | None = None
    interval_end: datetime | None = None
    granularity: str | None = None
    #: Name of the rule that matched (rule files in resources/timex/<lang>/).
    rule: str = ""
    #: What the value was computed from: "DCT", "text" (absolute), "none" (no anchor needed),
    #: or "timex:<start>" for an earlier expression (narrative documents, and "the
    #: previous Friday", "the day before", "the 1988 period" in any document).
    anchor: str = "text"
    #: For SETs: TimeML quant/freq ("EVERY", "2X").
    quant: str | None = None
    freq: str | None = None

    def to_json(self) -> dict:
        """JSON-ready dict with ISO datetimes."""
        d = asdict(self)
        for key in ("interval_start", "interval_end"):
            if d[key] is not None:
                d[key] = d[key].isoformat()
        return d
