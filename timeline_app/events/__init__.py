"""From tagged text to timeline events: sentences, headlines, intervals, provenance.

No Qt, no database: the store persists what this package produces.
"""

from timeline_app.events.describe import describe_interval, explain
from timeline_app.events.extract import (
    EventDraft,
    Extraction,
    MentionDraft,
    events_from_timexes,
    extract,
    is_event,
)
from timeline_app.events.headline import make_headline
from timeline_app.events.intervals import narrow
from timeline_app.events.sentences import split_sentences

__all__ = [
    "EventDraft", "Extraction", "MentionDraft", "describe_interval", "events_from_timexes",
    "explain", "extract", "is_event", "make_headline", "narrow", "split_sentences",
]
