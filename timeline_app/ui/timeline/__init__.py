"""The timeline view: a zoomable, calendar-aware widget that the main window embeds.

``items`` is Qt-free (records and colours); ``view`` holds the widget.
"""

from .items import DocumentMarker, TimelineItem, kind_for, palette_color

__all__ = ["DocumentMarker", "TimelineItem", "kind_for", "palette_color"]
