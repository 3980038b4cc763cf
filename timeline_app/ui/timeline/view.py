"""The zoomable timeline widget.

The view keeps its own time scale (``origin`` = seconds at x=0, ``seconds_per_pixel``) and
re-lays out events when it changes, instead of scaling a scene: scaling would stretch text
and pens, and would force every one of 100,000 items to exist as a scene object.
"""

from __future__ import annotations

import contextlib
import heapq
import math
import os
import tempfile
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QMarginsF,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QLinearGradient,
    QMouseEvent,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPdfWriter,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QScrollBar, QSizePolicy, QToolTip, QWidget

from .axis import MONTHS, WEEKDAYS, Axis, compute_axis
from .items import DocumentMarker, TimelineItem, tooltip_html
from .layout import (
    Cluster,
    Layout,
    LayoutParams,
    Placed,
    TimelineIndex,
    bar_geometry,
    compute_layout,
    point_geometry,
    visible_placed,
)
from .timescale import (
    DAY,
    MIN_VISIBLE_SPAN,
    YEAR,
    clamp_origin,
    clamp_scale,
    from_seconds,
    to_seconds,
)

AXIS_H = 48.0
TOP_PAD = 6.0
DENSITY_H = 30.0     # histogram of event starts, shown above the cluster badges
CLUSTER_ROW_H = DENSITY_H + 30.0
DENSITY_BIN = 3.0    # pixels per histogram bin
LANE_H = 26.0
BAR_H = 16.0
LEGEND_H = 26.0
LABEL_MAX = 320.0
EDIT_MARK_W = 9.0

BACKGROUND = QColor("#ffffff")
BAND = QColor("#f5f7fa")
AXIS_BG = QColor("#fbfcfd")
AXIS_LINE = QColor("#c9d1d9")
GRID_MAJOR = QColor("#d5dbe1")
GRID_MINOR = QColor("#edf0f3")
TEXT = QColor("#1f2933")
TEXT_MUTED = QColor("#616e7c")
CLUSTER_BG = QColor("#52606d")
SELECTION = QColor("#1d4ed8")
EDITED = QColor("#d97706")
LABEL_BACKING = QColor(255, 255, 255, 215)
FIT_MIN_SPAN = 14 * 86400.0  # seconds: the least time "fit all" shows
LEGEND_TIP_MAX = 20  # articles named in the tooltip of the legend's "+N more"
FALLBACK_DOC = "#7b8794"

KEY_ZOOM = 1.6
WHEEL_ZOOM_PER_NOTCH = 1.2
_LAYOUT_CACHE = 6


def describe_interval(start: datetime, end: datetime) -> str:
    """An interval in words, e.g. "Mon 31 Oct – Sun 6 Nov 2022" (end shown inclusive)."""

    def day(d: datetime, year: bool) -> str:
        text = f"{WEEKDAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1][:3]}"
        return f"{text} {d.year}" if year else text

    last = end if end == start else from_seconds(to_seconds(end) - 1)
    if last.date() == start.date():
        clock = "" if (start.hour, start.minute) == (0, 0) and end - start >= _ONE_DAY \
            else f" {start:%H:%M}"
        return day(start, True) + clock
    return f"{day(start, start.year != last.year)} – {day(last, True)}"


_ONE_DAY = from_seconds(DAY) - from_seconds(0)


@dataclass(slots=True)
class _Frame:
    """Everything a paint needs, so the widget, an image and an SVG/PDF paint alike."""

    width: float
    height: float
    origin: float
    spp: float
    scroll_y: float
    layout: Layout | None
    axis: Axis | None


class TimelineView(QWidget):
    """Zoomable, pannable timeline of events from one or more articles."""

    itemSelected = Signal(int)   # noqa: N815 - Qt naming
    itemActivated = Signal(int)  # noqa: N815
    documentActivated = Signal(int)  # noqa: N815 - an article's legend entry or date flag
    viewChanged = Signal()       # noqa: N815

    #: Set to False (per instance or on the class) for deterministic, immediate key zoom.
    animations_enabled: bool = True
    #: Called with an item id for items whose ``tooltip`` is empty, so that a window with
    #: 100,000 events can explain them on hover instead of all of them up front.
    tooltip_provider: Callable[[int], str] | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(240, 160)
        self._params = LayoutParams()
        self._index = TimelineIndex([])
        self._documents: list[DocumentMarker] = []
        self._dct_seconds: list[float] = []
        self._doc_colors: dict[int, QColor] = {}
        self._label_w = array("f")
        self._elided: dict[tuple[str, bool, int], str] = {}
        self._layouts: OrderedDict[tuple, Layout] = OrderedDict()
        self._origin = to_seconds(datetime(datetime.now().year, 1, 1))
        self._spp = YEAR / 640
        self._scroll_y = 0.0
        self._selected: int | None = None   # item id
        self._hover: int | None = None      # item id
        self._drawn_labels: list[tuple[int, float, str]] = []
        self._flat_fades = False  # True while painting a PDF (see _export_pdf)
        self._positioned = False            # False until someone sets the view explicitly
        self._press: tuple[QPointF, float, float] | None = None
        self._dragging = False
        self._zoom_target: float | None = None
        self._anim = QVariantAnimation(self)
        self._anim.setDuration(180)
        self._anim.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._anim.valueChanged.connect(self._on_anim_value)
        self._anim_anchor: tuple[float, float] = (0.0, 0.0)  # (x, seconds) kept fixed
        self._vbar = QScrollBar(Qt.Orientation.Vertical, self)
        self._vbar.setCursor(Qt.CursorShape.ArrowCursor)
        self._vbar.hide()
        self._vbar.valueChanged.connect(self._on_vbar)
        self._fonts()
        self.setAccessibleName("Timeline")
        self.setAccessibleDescription(
            "Events on a time axis. Arrows: previous/next event; +/-: zoom; F: fit all; "
            "Page Up/Down: move in time; Enter: open the event.")

    # ------------------------------------------------------------------ data

    def set_items(self, items: Sequence[TimelineItem], documents: Sequence[DocumentMarker]
                  ) -> None:
        """Replace everything shown. Keeps the current zoom and the selection if it survives."""
        self._anim.stop()
        self._index = TimelineIndex(items)
        self._documents = sorted(documents, key=lambda d: (d.dct, d.document_id))
        self._dct_seconds = [to_seconds(d.dct) for d in self._documents]
        self._doc_colors = {d.document_id: QColor(d.color) for d in documents}
        self._label_w = array("f", [-1.0]) * len(self._index)
        self._elided.clear()
        self._layouts.clear()
        if self._selected is not None and self._selected not in self._index.index_of:
            self._selected = None
        self._hover = None
        if not self._positioned and (len(self._index) or self._documents):
            self.fit_all()
            self._positioned = False  # still "automatic": a later set_items may refit
        self._changed()

    # ------------------------------------------------------------- the scale

    @property
    def seconds_per_pixel(self) -> float:
        return self._spp

    @property
    def origin(self) -> datetime:
        """The time at x = 0."""
        return from_seconds(self._origin)

    def time_at(self, x: float) -> datetime:
        return from_seconds(self._origin + x * self._spp)

    def x_at(self, when: datetime) -> float:
        return (to_seconds(when) - self._origin) / self._spp

    def _width(self) -> float:
        return float(max(self.width(), 1))

    def _set_scale(self, spp: float, origin: float) -> bool:
        """Apply a bounded scale and origin; True if anything changed (and was repainted)."""
        w = self._width()
        spp = clamp_scale(spp, w)
        origin = clamp_origin(origin, spp, w)
        self._positioned = True
        if spp == self._spp and origin == self._origin:
            return False
        self._spp = spp
        self._origin = origin
        self._changed()
        return True

    def zoom_by(self, factor: float, anchor_x: float | None = None, *,
                animated: bool = False) -> None:
        """Magnify by ``factor`` (> 1 zooms in) keeping the time under ``anchor_x`` in place.

        ``animated`` eases the change over a few frames (menu and toolbar zoom) unless
        :attr:`animations_enabled` is off; the wheel zooms immediately.
        """
        if not (factor > 0 and math.isfinite(factor)):
            raise ValueError(f"zoom factor must be a positive number, not {factor!r}")
        if animated:
            self._animated_zoom(factor, anchor_x)
            return
        self._anim.stop()
        self._zoom_target = None
        x = self._width() / 2 if anchor_x is None else float(anchor_x)
        t = self._origin + x * self._spp
        spp = clamp_scale(self._spp / factor, self._width())
        self._set_scale(spp, t - x * spp)

    def _animated_zoom(self, factor: float, anchor_x: float | None = None) -> None:
        """Key zoom: eased over a few frames so the eye can follow what moved where."""
        if not self.animations_enabled:
            self.zoom_by(factor, anchor_x)
            return
        x = self._width() / 2 if anchor_x is None else anchor_x
        base = self._zoom_target if self._anim.state() == QVariantAnimation.State.Running \
            and self._zoom_target is not None else self._spp
        target = clamp_scale(base / factor, self._width())
        self._anim.stop()
        self._zoom_target = target
        self._anim_anchor = (x, self._origin + x * self._spp)
        self._anim.setStartValue(math.log(self._spp))
        self._anim.setEndValue(math.log(target))
        self._anim.start()

    def _on_anim_value(self, value: float) -> None:
        spp = math.exp(float(value))
        x, t = self._anim_anchor
        self._set_scale(spp, t - x * spp)

    def pan_by(self, dx: float) -> None:
        """Move the view ``dx`` pixels (positive shows later times)."""
        self._set_scale(self._spp, self._origin + dx * self._spp)

    def go_to(self, when: datetime) -> None:
        """Centre ``when`` keeping the zoom."""
        self._anim.stop()
        self._set_scale(self._spp, to_seconds(when) - self._width() / 2 * self._spp)

    def fit_all(self) -> None:
        """Show every event and article date, and the labels of the last events.

        At least FIT_MIN_SPAN is shown: one article about one day fitted exactly would
        open on an hour-by-hour axis with a single day-wide band across the whole view.
        """
        lo, hi = self._data_span()
        if hi - lo < FIT_MIN_SPAN:
            mid = (lo + hi) / 2
            lo, hi = mid - FIT_MIN_SPAN / 2, mid + FIT_MIN_SPAN / 2
        self.fit_span(lo, hi)

    def fit_span(self, lo_when: datetime | float, hi_when: datetime | float) -> None:
        """Show the time from ``lo_when`` to ``hi_when`` (datetimes or seconds) with a
        margin, and room for the labels of the events that end last in it."""
        self._anim.stop()
        lo = lo_when if isinstance(lo_when, float) else to_seconds(lo_when)
        hi = hi_when if isinstance(hi_when, float) else to_seconds(hi_when)
        if hi < lo:
            lo, hi = hi, lo
        w = self._width()
        span = max(hi - lo, MIN_VISIBLE_SPAN)
        margin = 0.035 * w + 24  # free pixels left and right of the data
        avail = max(w - 2 * margin, w * 0.5)
        spp = clamp_scale(span / avail, w)
        if hi - lo >= MIN_VISIBLE_SPAN:
            spp = self._spp_with_labels(lo, hi, spp, avail)
        origin = lo - margin * spp if hi - lo >= MIN_VISIBLE_SPAN \
            else (lo + hi) / 2 - w / 2 * spp
        self._scroll_y = 0.0
        if not self._set_scale(spp, origin):
            self._changed()  # same scale, but the lanes went back to the top

    def _spp_with_labels(self, lo: float, hi: float, spp: float, avail: float) -> float:
        """A scale (no closer than ``spp``) at which the labels of the events ending last
        before ``hi`` end inside ``avail`` pixels from ``lo``: fitting only the bars cut the
        last headlines off at the window's edge. A label may take at most 40 % of the
        width; longer ones are elided by the painter anyway."""
        n = len(self._index)
        if not n:
            return spp
        ends = self._index.ends
        inside = range(n) if hi >= self._index.max_end else \
            (p for p in range(n) if ends[p] <= hi)
        latest = heapq.nlargest(48, inside, key=ends.__getitem__)
        items = self._index.items
        starts = self._index.starts
        w = self._width()
        for _round in range(4):
            need = spp
            for pos in latest:
                s, e = starts[pos], ends[pos]
                geometry = point_geometry if items[pos].kind == "point" else bar_geometry
                ext1 = geometry(s, e, spp, self._params, self._label_width(pos))[3]
                overhang = min(max(ext1 - e / spp, 0.0), avail * 0.4)
                if e > lo:
                    need = max(need, (e - lo) / (avail - overhang))
            need = clamp_scale(need, w)
            if need <= spp * 1.001:
                break
            spp = need
        return spp

    def _data_span(self) -> tuple[float, float]:
        points = [to_seconds(d.dct) for d in self._documents]
        if len(self._index):
            points += [self._index.min_start, self._index.max_end]
        if not points:
            now = to_seconds(datetime.now())
            return now - YEAR / 2, now + YEAR / 2
        return min(points), max(points)

    # --------------------------------------------------------------- selection

    def selected_item(self) -> int | None:
        return self._selected

    def select_item(self, item_id: int | None, *, center: bool = False, emit: bool = False
                    ) -> None:
        """Select an event (None clears). Unknown ids clear the selection too."""
        if item_id is not None and item_id not in self._index.index_of:
            item_id = None
        changed = item_id != self._selected
        self._selected = item_id
        if item_id is not None and center:
            self.center_on(item_id)
        if changed:
            self._changed(scale=False)
        if emit and changed:
            self.itemSelected.emit(-1 if item_id is None else item_id)

    def center_on(self, item_id: int) -> None:
        """Centre an event horizontally and scroll its lane into view."""
        pos = self._index.index_of.get(item_id)
        if pos is None:
            raise KeyError(f"no timeline item with id {item_id}")
        self._anim.stop()
        s, e = self._index.starts[pos], self._index.ends[pos]
        w = self._width()
        spp = self._spp
        if e - s > w * spp * 0.9 and self._index.items[pos].kind != "point":
            # Longer than the view: show its start rather than an anonymous middle.
            origin = s - w * 0.1 * spp
        else:
            origin = (s + e) / 2 - w / 2 * spp
        self._set_scale(spp, origin)
        self._scroll_to_lane(pos)

    def _ensure_visible(self, item_id: int) -> None:
        pos = self._index.index_of[item_id]
        x0 = (self._index.starts[pos] - self._origin) / self._spp
        x1 = (self._index.ends[pos] - self._origin) / self._spp
        w = self._width() - self._vbar_width()
        if x1 < 20 or x0 > w - 60:
            self.center_on(item_id)
            return
        # On screen, but its label may run past the right edge: slide left just enough to
        # read it, without pushing the event's start out of view.
        layout = self._layout()
        placed = layout.by_pos.get(pos) if layout is not None else None
        if placed is not None:
            ox = self._origin / self._spp
            overflow = placed.extent1 - ox - (w - 8)
            room = placed.extent0 - ox - 8
            if overflow > 0 and room > 0:
                self.pan_by(min(overflow, room))
        self._scroll_to_lane(pos)

    def _scroll_to_lane(self, pos: int) -> None:
        layout = self._layout()
        placed = layout.by_pos.get(pos) if layout else None
        if placed is None:
            return
        top = self._lane_top(layout, placed.lane) - self._lanes_top()
        view_h = self._lanes_height()
        if top < self._scroll_y or top + LANE_H > self._scroll_y + view_h:
            self._scroll_y = max(0.0, top - (view_h - LANE_H) / 2)
            self._changed(scale=False)

    # ------------------------------------------------------------ geometry

    def _lanes_top(self) -> float:
        return AXIS_H + TOP_PAD

    def _legend_h(self) -> float:
        return LEGEND_H if self._documents else 0.0

    def _lanes_height(self, height: float | None = None) -> float:
        h = self.height() if height is None else height
        return max(0.0, h - self._lanes_top() - self._legend_h())

    def _lane_top(self, layout: Layout, lane: int, scroll: float | None = None) -> float:
        scroll = self._scroll_y if scroll is None else scroll
        cluster = CLUSTER_ROW_H if layout.clusters else 0.0
        return self._lanes_top() + cluster + lane * LANE_H - scroll

    def _content_height(self, layout: Layout | None) -> float:
        if layout is None:
            return 0.0
        return (CLUSTER_ROW_H if layout.clusters else 0.0) + layout.lanes * LANE_H + TOP_PAD

    def item_rect(self, item_id: int) -> QRectF | None:
        """Where an event's marker or bar is drawn now (widget coordinates), or None."""
        pos = self._index.index_of.get(item_id)
        layout = self._layout()
        if pos is None or layout is None:
            return None
        placed = layout.by_pos.get(pos)
        if placed is None:
            return None
        rect = self._shape_rect(layout, placed, self._origin / self._spp)
        visible = QRectF(0, self._lanes_top(), self._width() - self._vbar_width(),
                         self._lanes_height())
        rect = rect.intersected(visible)
        return None if rect.isEmpty() else rect

    def item_extent(self, item_id: int) -> tuple[float, float] | None:
        """Left and right x (widget coordinates) of what an event takes up, label
        included, whether on screen or not; None if it is not laid out on its own."""
        pos = self._index.index_of.get(item_id)
        layout = self._layout()
        if pos is None or layout is None or pos not in layout.by_pos:
            return None
        placed = layout.by_pos[pos]
        ox = self._origin / self._spp
        return placed.extent0 - ox, placed.extent1 - ox

    def drawn_labels(self) -> list[tuple[int, float, str]]:
        """(item id, left x, text as shown) of the labels in the last on-screen paint."""
        return list(self._drawn_labels)

    def cluster_rects(self) -> list[tuple[QRectF, int]]:
        """Cluster badges shown now: (rect in widget coordinates, number of events)."""
        layout = self._layout()
        if layout is None:
            return []
        ox = self._origin / self._spp
        out = []
        for c in layout.clusters:
            rect = self._cluster_rect(c, ox, self._scroll_y)
            if rect.right() >= 0 and rect.left() <= self._width():
                out.append((rect, c.count))
        return out

    def _vbar_width(self) -> float:
        return float(self._vbar.width()) if self._vbar.isVisible() else 0.0

    def _shape_rect(self, layout: Layout, pl: Placed, ox: float,
                    scroll: float | None = None) -> QRectF:
        top = self._lane_top(layout, pl.lane, scroll)
        if self._index.items[pl.pos].kind == "point":
            r = self._params.marker_radius
            return QRectF(pl.x0 - ox - r, top + LANE_H / 2 - r, 2 * r, 2 * r)
        return QRectF(pl.x0 - ox, top + (LANE_H - BAR_H) / 2, pl.x1 - pl.x0, BAR_H)

    def _cluster_rect(self, c: Cluster, ox: float, scroll: float) -> QRectF:
        text_w = self._fm_bold.horizontalAdvance(_count_text(c.count))
        bucket = self._params.bucket_px
        b0 = c.bucket * bucket - ox
        w = min(max(text_w + 18, c.x1 - c.x0), bucket - 8)
        cx = (c.x0 + c.x1) / 2 - ox
        left = min(max(cx - w / 2, b0 + 4), b0 + bucket - 4 - w)
        top = self._lanes_top() + DENSITY_H + (CLUSTER_ROW_H - DENSITY_H - 20) / 2 - scroll
        return QRectF(left, top, w, 20)

    # --------------------------------------------------------------- layout

    def _label_width(self, pos: int) -> float:
        w = self._label_w[pos]
        if w < 0:
            item = self._index.items[pos]
            # Measured bold: the selected event's label is bold and must fit the same room.
            w = min(self._fm_bold.horizontalAdvance(item.label) + 1, LABEL_MAX)
            if item.edited:
                w += EDIT_MARK_W
            self._label_w[pos] = w
        return w

    def _layout(self, spp: float | None = None, origin: float | None = None,
                width: float | None = None) -> Layout | None:
        """The (cached) layout covering the view, plus a screen or more either side."""
        if not len(self._index):
            return None
        spp = self._spp if spp is None else spp
        origin = self._origin if origin is None else origin
        width = self._width() if width is None else width
        span = width * spp
        k = math.floor(origin / span)
        keep = self._index.index_of.get(self._selected) if self._selected is not None else None
        key = (spp, k, width, keep)
        layout = self._layouts.get(key)
        if layout is not None:
            self._layouts.move_to_end(key)
            return layout
        # Panning into a new window: events keep the lanes they had (no jumping lanes).
        previous = next((lay for key2, lay in reversed(self._layouts.items())
                         if key2[0] == spp and key2[2] == width), None)
        layout = compute_layout(self._index, spp, (k - 1) * span, (k + 3) * span,
                                self._label_width, view_width=width, params=self._params,
                                keep=keep, previous=previous)
        self._layouts[key] = layout
        while len(self._layouts) > _LAYOUT_CACHE:
            self._layouts.popitem(last=False)
        return layout

    def _changed(self, *, scale: bool = True) -> None:
        """After any change of scale, origin, data or selection: re-sync and repaint."""
        layout = self._layout()
        content = self._content_height(layout)
        view_h = self._lanes_height()
        max_scroll = max(0.0, content - view_h)
        self._scroll_y = min(max(self._scroll_y, 0.0), max_scroll)
        self._sync_vbar(max_scroll, view_h)
        self.update()
        if scale:
            self.viewChanged.emit()

    def _sync_vbar(self, max_scroll: float, view_h: float) -> None:
        bar = self._vbar
        bar.blockSignals(True)
        bar.setRange(0, math.ceil(max_scroll))
        bar.setPageStep(max(1, int(view_h)))
        bar.setSingleStep(int(LANE_H))
        bar.setValue(round(self._scroll_y))
        bar.blockSignals(False)
        bar.setVisible(max_scroll > 0)
        if max_scroll > 0:
            w = bar.sizeHint().width()
            bar.setGeometry(QRect(self.width() - w, int(self._lanes_top()), w, int(view_h)))

    def _on_vbar(self, value: int) -> None:
        self._scroll_y = float(value)
        self.update()

    def scroll_lanes(self, dy: float) -> None:
        """Scroll the lanes vertically by ``dy`` pixels (positive shows lower lanes)."""
        self._scroll_y += dy
        self._changed(scale=False)

    @property
    def scroll_y(self) -> float:
        return self._scroll_y

    def axis(self, width: float | None = None) -> Axis:
        """The ticks and labels the axis shows now (used by the paint and by tests)."""
        width = self._width() if width is None else width
        return compute_axis(self._origin, self._spp, width, self._measure_axis)

    def _fonts(self) -> None:
        base = QFont(self.font())
        self._label_font = base
        self._bold_font = QFont(base)
        self._bold_font.setBold(True)
        self._axis_font = QFont(base)
        self._axis_major_font = QFont(base)
        self._axis_major_font.setBold(True)
        self._fm = QFontMetricsF(self._label_font)
        self._fm_bold = QFontMetricsF(self._bold_font)
        self._fm_axis = QFontMetricsF(self._axis_font)
        self._fm_axis_major = QFontMetricsF(self._axis_major_font)
        self._axis_widths: dict[str, float] = {}

    def _measure_axis(self, text: str) -> float:
        w = self._axis_widths.get(text)
        if w is None:
            # Major labels are bold; measuring everything bold keeps both rows safe.
            w = self._axis_widths[text] = self._fm_axis_major.horizontalAdvance(text)
        return w

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:
            self._fonts()
            self._label_w = array("f", [-1.0]) * len(self._index)
            self._elided.clear()
            self._layouts.clear()
            self._changed(scale=False)
        super().changeEvent(event)

    # ---------------------------------------------------------------- state

    def state(self) -> dict:
        """What to remember between runs (plain values, fit for QSettings)."""
        return {
            "origin": from_seconds(self._origin).isoformat(),
            "seconds_per_pixel": float(self._spp),
            "scroll_y": int(self._scroll_y),
            "selected": -1 if self._selected is None else int(self._selected),
        }

    def restore_state(self, state: dict) -> None:
        """Re-apply :meth:`state`. Missing or malformed entries (an old or hand-edited
        settings file) are skipped rather than failing the window's start-up."""
        if not isinstance(state, dict):
            return
        spp, origin = self._spp, self._origin
        try:
            value = float(state.get("seconds_per_pixel", spp))
            if math.isfinite(value) and value > 0:
                spp = value
        except (TypeError, ValueError):
            pass
        try:
            raw = state.get("origin")
            if raw is not None:
                origin = to_seconds(datetime.fromisoformat(str(raw)))
        except (TypeError, ValueError):
            pass
        self._anim.stop()
        self._set_scale(spp, origin)
        try:
            selected = int(state.get("selected", -1))
        except (TypeError, ValueError):
            selected = -1
        if selected >= 0 and selected in self._index.index_of:
            self._selected = selected
        with contextlib.suppress(TypeError, ValueError):
            self._scroll_y = float(int(state.get("scroll_y", 0)))
        self._positioned = True
        self._changed()

    # ------------------------------------------------------------ rendering

    def render_image(self, size: QSize | None = None, *, device_pixel_ratio: float = 1.0
                     ) -> QImage:
        """The timeline as shown now, drawn into an image of ``size`` (default: widget size).

        A different size shows the same time span re-laid out for that width, so text keeps
        its size rather than being stretched.
        """
        size = QSize(self.size()) if size is None else QSize(size)
        if size.width() < 1 or size.height() < 1:
            raise ValueError(f"image size must be positive, not {size.width()}x{size.height()}")
        dpr = max(1.0, float(device_pixel_ratio))
        image = QImage(round(size.width() * dpr), round(size.height() * dpr),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        image.fill(BACKGROUND)
        painter = QPainter(image)
        try:
            self._paint(painter, self._frame_for(size.width(), size.height()), export=True)
        finally:
            painter.end()
        return image

    def export_image(self, path: str | Path, size: QSize | None = None) -> None:
        """Save the timeline as shown to PNG, SVG or PDF (chosen by the file suffix).

        Written to a temporary file beside the target and renamed into place, so a failed
        export never leaves a half-written file behind.
        """
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".png", ".svg", ".pdf"):
            what = suffix or "a file without a suffix"
            raise ValueError(f"{path}: cannot export the timeline as {what}; "
                             "use .png, .svg or .pdf")
        if not path.parent.is_dir():
            raise ValueError(f"{path}: folder {path.parent} does not exist")
        size = QSize(self.size()) if size is None else QSize(size)
        fd, tmp_name = tempfile.mkstemp(prefix=".timeline-", suffix=suffix, dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            if suffix == ".png":
                image = self.render_image(size, device_pixel_ratio=self.devicePixelRatioF())
                if not image.save(str(tmp), "PNG"):
                    raise OSError(f"{path}: could not write the PNG image")
            elif suffix == ".svg":
                self._export_svg(tmp, size)
            else:
                self._export_pdf(tmp, size)
            if tmp.stat().st_size == 0:
                raise OSError(f"{path}: nothing was written")
            # mkstemp creates private (0600) files; an exported image is an ordinary file.
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, path)
        finally:
            if tmp.exists():
                tmp.unlink()

    def _export_svg(self, tmp: Path, size: QSize) -> None:
        from PySide6.QtSvg import QSvgGenerator  # only needed here; keeps start-up lean

        gen = QSvgGenerator()
        gen.setFileName(str(tmp))
        gen.setSize(size)
        gen.setViewBox(QRect(0, 0, size.width(), size.height()))
        gen.setResolution(96)
        gen.setTitle("Timeline")
        gen.setDescription(f"{from_seconds(self._origin):%Y-%m-%d} – "
                           f"{from_seconds(self._origin + self._spp * self._width()):%Y-%m-%d}")
        painter = QPainter()
        if not painter.begin(gen):
            raise OSError(f"{tmp}: could not start the SVG file")
        try:
            painter.fillRect(QRectF(0, 0, size.width(), size.height()), BACKGROUND)
            self._paint(painter, self._frame_for(size.width(), size.height()), export=True)
        finally:
            painter.end()

    def _export_pdf(self, tmp: Path, size: QSize) -> None:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(96)
        points = QSizeF(size.width() * 72 / 96, size.height() * 72 / 96)
        writer.setPageLayout(QPageLayout(QPageSize(points, QPageSize.Unit.Point, "Timeline"),
                                         QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
        writer.setTitle("Timeline")
        writer.setCreator("timeline_app")
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(f"{tmp}: could not start the PDF file")
        # PDF viewers (poppler: Evince, Okular) draw Qt's translucent gradients as solid
        # blocks, so soft edges are painted in flat translucent slices for PDF.
        self._flat_fades = True
        try:
            self._paint(painter, self._frame_for(size.width(), size.height()), export=True)
        finally:
            self._flat_fades = False
            painter.end()

    def _frame_for(self, width: int, height: int) -> _Frame:
        """A frame showing the current time span at another size."""
        spp = self._spp * self._width() / width
        layout = self._layout(spp, self._origin, float(width))
        lanes_h = max(0.0, height - self._lanes_top() - self._legend_h())
        scroll = min(self._scroll_y, max(0.0, self._content_height(layout) - lanes_h))
        axis = compute_axis(self._origin, spp, width, self._measure_axis)
        return _Frame(float(width), float(height), self._origin, spp, scroll, layout, axis)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            frame = _Frame(self._width(), float(self.height()), self._origin, self._spp,
                           self._scroll_y, self._layout(), self.axis())
            self._paint(painter, frame, export=False)
        finally:
            painter.end()

    def _paint(self, p: QPainter, f: _Frame, *, export: bool) -> None:
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        w, h = f.width, f.height
        lanes_top = self._lanes_top()
        legend_h = self._legend_h()
        lanes_bottom = h - legend_h
        p.fillRect(QRectF(0, 0, w, h), BACKGROUND)
        axis = f.axis
        # Alternate shading of the major bands, then the grid.
        if axis is not None:
            majors = axis.major
            for i, tick in enumerate(majors):
                if (_band_parity(axis, tick.when)) == 1:
                    x0 = tick.x
                    x1 = majors[i + 1].x if i + 1 < len(majors) else w
                    p.fillRect(QRectF(x0, AXIS_H, x1 - x0, lanes_bottom - AXIS_H), BAND)
            p.setPen(QPen(GRID_MINOR, 1))
            for tick in axis.minor:
                p.drawLine(QPointF(tick.x, AXIS_H), QPointF(tick.x, lanes_bottom))
            p.setPen(QPen(GRID_MAJOR, 1))
            for tick in axis.major:
                p.drawLine(QPointF(tick.x, AXIS_H), QPointF(tick.x, lanes_bottom))

        self._paint_dct_lines(p, f, lanes_bottom)

        if f.layout is not None:
            p.save()
            p.setClipRect(QRectF(0, lanes_top, w, lanes_bottom - lanes_top))
            self._paint_clusters(p, f)
            self._paint_items(p, f, export=export)
            p.restore()
        elif not len(self._index):
            p.setPen(TEXT_MUTED)
            p.setFont(self._label_font)
            p.drawText(QRectF(0, lanes_top, w, lanes_bottom - lanes_top),
                       Qt.AlignmentFlag.AlignCenter,
                       "No events to show yet — import or paste an article.")

        if axis is not None:
            self._paint_axis(p, f, axis)
        self._paint_dct_flags(p, f)
        if legend_h:
            self._paint_legend(p, f, lanes_bottom)
        if not export and self.hasFocus():
            focus = QColor(SELECTION)
            focus.setAlpha(110)
            p.setPen(QPen(focus, 1))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(0.5, 0.5, w - 1, h - 1))

    def _paint_axis(self, p: QPainter, f: _Frame, axis: Axis) -> None:
        w = f.width
        p.fillRect(QRectF(0, 0, w, AXIS_H), AXIS_BG)
        p.setPen(QPen(AXIS_LINE, 1))
        p.drawLine(QPointF(0, AXIS_H - 0.5), QPointF(w, AXIS_H - 0.5))
        for tick in axis.major:
            p.drawLine(QPointF(tick.x, 0), QPointF(tick.x, AXIS_H))
        for tick in axis.minor:
            p.drawLine(QPointF(tick.x, AXIS_H - 7), QPointF(tick.x, AXIS_H))
        p.setFont(self._axis_major_font)
        p.setPen(TEXT)
        row = QRectF(0, 4, 0, 18)
        for tick in axis.major:
            if tick.shown:
                row.setLeft(tick.label_x)
                row.setWidth(tick.label_width + 2)
                p.drawText(row, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                           tick.label)
        p.setFont(self._axis_font)
        p.setPen(TEXT_MUTED)
        row = QRectF(0, 23, 0, 18)
        for tick in axis.minor:
            if not tick.shown:
                continue
            row.setLeft(tick.label_x)
            row.setWidth(tick.label_width + 2)
            p.drawText(row, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       tick.label)

    def _visible_documents(self, f: _Frame, margin: float) -> list[tuple[float, DocumentMarker]]:
        lo = bisect_left(self._dct_seconds, f.origin - margin * f.spp)
        hi = bisect_left(self._dct_seconds, f.origin + (f.width + margin) * f.spp)
        return [((self._dct_seconds[i] - f.origin) / f.spp, self._documents[i])
                for i in range(lo, hi)]

    def _dct_line_xs(self, f: _Frame) -> list[float]:
        """Where article-date lines are drawn (ascending), if they are drawn at all."""
        shown = self._visible_documents(f, 2)
        # A line per article date helps while there are a few; a wall of them would hide
        # the events, so beyond one per 30 px only the flags on the axis remain.
        if len(shown) > f.width / 30:
            return []
        return [x for x, _doc in shown]

    def _paint_dct_lines(self, p: QPainter, f: _Frame, bottom: float) -> None:
        shown = self._visible_documents(f, 2)
        if not self._dct_line_xs(f):
            return
        for x, doc in shown:
            color = QColor(doc.color)
            color.setAlpha(190)
            pen = QPen(color, 1.5, Qt.PenStyle.DashLine)
            pen.setDashPattern([4, 3])
            p.setPen(pen)
            p.drawLine(QPointF(x, AXIS_H), QPointF(x, bottom))

    def _paint_dct_flags(self, p: QPainter, f: _Frame) -> None:
        p.setPen(QPen(QColor("#ffffff"), 1))
        for x, doc in self._visible_documents(f, 8):
            p.setBrush(QColor(doc.color))
            path = QPainterPath(QPointF(x - 6, AXIS_H - 9))
            path.lineTo(x + 6, AXIS_H - 9)
            path.lineTo(x, AXIS_H)
            path.closeSubpath()
            p.drawPath(path)
        p.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_density(self, p: QPainter, f: _Frame) -> None:
        """Where events are, at a glance: a histogram of starts over the visible span.

        Drawn only when some events are folded into clusters, i.e. exactly when the lanes
        alone no longer show where the activity is. Each bin costs two bisections.
        """
        starts = self._index.starts
        bins = max(1, math.ceil(f.width / DENSITY_BIN))
        step = DENSITY_BIN * f.spp
        edges = [bisect_left(starts, f.origin + k * step) for k in range(bins + 1)]
        counts = [b - a for a, b in zip(edges, edges[1:], strict=False)]
        peak = max(counts)
        if peak == 0:
            return
        base = self._lanes_top() + DENSITY_H - 2 - f.scroll_y
        fill = QColor(CLUSTER_BG)
        fill.setAlpha(95)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(fill)
        scale = (DENSITY_H - 6) / math.sqrt(peak)
        for k, n in enumerate(counts):
            if n:
                h = max(1.5, math.sqrt(n) * scale)
                p.drawRect(QRectF(k * DENSITY_BIN, base - h, DENSITY_BIN - 0.6, h))
        p.setPen(QPen(GRID_MAJOR, 1))
        p.drawLine(QPointF(0, base + 0.5), QPointF(f.width, base + 0.5))
        p.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_clusters(self, p: QPainter, f: _Frame) -> None:
        layout = f.layout
        if layout is None or not layout.clusters:
            return
        self._paint_density(p, f)
        ox = f.origin / f.spp
        p.setFont(self._bold_font)
        guide = QColor(CLUSTER_BG)
        guide.setAlpha(70)
        for c in layout.clusters:
            if c.x1 - ox < -self._params.bucket_px or c.x0 - ox > f.width + 2:
                continue
            rect = self._cluster_rect(c, ox, f.scroll_y)
            mid = rect.center().y()
            if c.x1 - c.x0 > rect.width():
                p.setPen(QPen(guide, 2))
                p.drawLine(QPointF(c.x0 - ox, mid), QPointF(c.x1 - ox, mid))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(CLUSTER_BG)
            p.drawRoundedRect(rect, 10, 10)
            p.setPen(QColor("#ffffff"))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, _count_text(c.count))
        p.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_items(self, p: QPainter, f: _Frame, *, export: bool) -> None:
        layout = f.layout
        assert layout is not None
        ox = f.origin / f.spp
        top0 = self._lanes_top() + (CLUSTER_ROW_H if layout.clusters else 0.0) - f.scroll_y
        first_lane = max(0, math.floor((self._lanes_top() - top0) / LANE_H))
        last_lane = math.floor((f.height - top0) / LANE_H)
        selected = self._index.index_of.get(self._selected) if self._selected is not None \
            else None
        hover = None if export or self._hover is None else self._index.index_of.get(self._hover)
        items = self._index.items
        labels: list[tuple[QRectF, str, bool, bool, bool]] = []
        drawn: list[tuple[int, float, str]] = []
        for pl in visible_placed(layout, ox - 4, ox + f.width + 4):
            if not first_lane <= pl.lane <= last_lane:
                continue
            item = items[pl.pos]
            top = top0 + pl.lane * LANE_H
            color = self._doc_colors.get(item.document_id) or QColor(FALLBACK_DOC)
            is_sel = pl.pos == selected
            if is_sel or pl.pos == hover:
                halo = QColor(SELECTION)
                halo.setAlpha(36 if is_sel else 18)
                p.setPen(QPen(SELECTION, 1.2) if is_sel else Qt.PenStyle.NoPen)
                p.setBrush(halo)
                x0 = max(pl.extent0 - ox - 3, -4)
                x1 = min(pl.extent1 - ox + 3, f.width + 4)
                p.drawRoundedRect(QRectF(x0, top + 1, x1 - x0, LANE_H - 2), 5, 5)
            if item.kind == "point":
                self._paint_point(p, item, pl, ox, top, color, f.spp)
            elif item.kind == "range":
                self._paint_range(p, pl, ox, top, color)
            else:
                self._paint_bar(p, item, pl, ox, top, color)
            # Label: sticks to the left edge while its bar is still on screen.
            lx = pl.label_x - ox
            min_w = 12.0
            if item.kind != "point" and lx < 4 and pl.label_x < pl.x1 and pl.x1 - ox > 40:
                lx = 4.0
            elif lx < 0:
                # Beside a marker or bar that scrolled off: show the headline's start,
                # elided, rather than a tail clipped mid-word ("n 1955 and Spain").
                lx, min_w = 4.0, 60.0
            avail = min(pl.extent1 - ox - lx, LABEL_MAX + (EDIT_MARK_W if item.edited else 0))
            if avail < min_w:
                continue
            # Labels beside their bar (not inside it, nor on a halo) get a backing so that
            # article-date lines and grid lines do not run through the letters.
            backed = pl.label_x >= pl.x1 and not is_sel and pl.pos != hover
            labels.append((QRectF(lx, top, avail, LANE_H), (item.id, item.label), is_sel,
                           item.edited,
                           backed))
        # Text last, in two font passes, so it is never hidden under a neighbour's bar.
        line_xs = self._dct_line_xs(f)
        for bold in (False, True):
            p.setFont(self._bold_font if bold else self._label_font)
            fm = self._fm_bold if bold else self._fm
            for rect, (item_id, text), is_sel, edited, backed in labels:
                if is_sel != bold:
                    continue
                shown = self._elide(text, rect.width() - (EDIT_MARK_W if edited else 0), fm,
                                    bold)
                text_w = fm.horizontalAdvance(shown) + (EDIT_MARK_W if edited else 0) \
                    if backed else 0.0
                if backed:
                    # Wash out each article-date line only where it crosses the text.
                    crossing = _between(line_xs, rect.left() - 2, rect.left() + text_w + 2)
                    if crossing:
                        p.setPen(Qt.PenStyle.NoPen)
                        p.setBrush(LABEL_BACKING)
                        for x in crossing:
                            p.drawRect(QRectF(x - 3, rect.top() + 5, 6, rect.height() - 10))
                if edited:
                    p.setPen(Qt.PenStyle.NoPen)
                    p.setBrush(EDITED)
                    p.drawEllipse(QPointF(rect.left() + 3.5, rect.center().y()), 3.2, 3.2)
                    rect = rect.adjusted(EDIT_MARK_W, 0, 0, 0)
                p.setPen(SELECTION.darker(130) if is_sel else TEXT)
                p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                           shown)
                drawn.append((item_id, rect.left(), shown))
        if not export:
            self._drawn_labels = drawn
        p.setBrush(Qt.BrushStyle.NoBrush)

    def _elide(self, text: str, width: float, fm: QFontMetricsF, bold: bool) -> str:
        """Elided label, cached: eliding is the costliest text operation of a repaint."""
        key = (text, bold, int(width))
        out = self._elided.get(key)
        if out is None:
            if fm.horizontalAdvance(text) <= width:
                out = text
            else:
                out = fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
            if len(self._elided) > 20000:
                self._elided.clear()
            self._elided[key] = out
        return out

    def _paint_point(self, p: QPainter, item: TimelineItem, pl: Placed, ox: float, top: float,
                     color: QColor, spp: float) -> None:
        s = self._index.starts[pl.pos] / spp - ox
        e = self._index.ends[pl.pos] / spp - ox
        mid = top + LANE_H / 2
        r = self._params.marker_radius
        if e - s > 2 * r + 2:
            # Zoomed in far enough that the day itself has width: show it as a soft band.
            band = QColor(color)
            band.setAlpha(40)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(band)
            p.drawRoundedRect(QRectF(s, mid - BAR_H / 2, e - s, BAR_H), 3, 3)
        cx = pl.x0 - ox
        if item.fuzzy or item.mod:
            p.setPen(QPen(color, 2))
            faded = QColor(color)
            faded.setAlpha(90)
            p.setBrush(faded)
        else:
            p.setPen(QPen(QColor("#ffffff"), 1.5))
            p.setBrush(color)
        p.drawEllipse(QPointF(cx, mid), r, r)

    def _paint_bar(self, p: QPainter, item: TimelineItem, pl: Placed, ox: float, top: float,
                   color: QColor) -> None:
        x0, x1 = pl.x0 - ox, pl.x1 - ox
        rect = QRectF(x0, top + (LANE_H - BAR_H) / 2, x1 - x0, BAR_H)
        if item.fuzzy or item.mod:
            fade = min(max((x1 - x0) * 0.3, 2.0), 60.0) / max(x1 - x0, 1e-6)
            solid = QColor(color)
            solid.setAlpha(115)
            clear = QColor(color)
            clear.setAlpha(0)
            grad = QLinearGradient(QPointF(x0, 0), QPointF(x1, 0))
            left_open = item.mod in ("BEFORE", "LESS_THAN", "EQUAL_OR_LESS", "END")
            right_open = item.mod in ("AFTER", "MORE_THAN", "EQUAL_OR_MORE", "START")
            grad.setColorAt(0.0, clear)
            grad.setColorAt(min(0.49, fade * (1.8 if left_open else 1.0)), solid)
            grad.setColorAt(max(0.51, 1 - fade * (1.8 if right_open else 1.0)), solid)
            grad.setColorAt(1.0, clear)
            p.setPen(Qt.PenStyle.NoPen)
            if self._flat_fades:
                _paint_in_slices(p, rect, grad)
                return
            p.setBrush(QBrush(grad))
            p.drawRoundedRect(rect, 3, 3)
            edge = QLinearGradient(grad)
            line = QColor(color)
            edge.setColorAt(0.0, clear)
            edge.setColorAt(min(0.49, fade), line)
            edge.setColorAt(max(0.51, 1 - fade), line)
            edge.setColorAt(1.0, clear)
            # A thin filled strip rather than a gradient pen: SVG export flattens gradient
            # pens to solid black, gradient brushes survive.
            p.setBrush(QBrush(edge))
            p.drawRect(QRectF(x0, rect.bottom() - 1.3, x1 - x0, 1.3))
        else:
            fill = QColor(color)
            fill.setAlpha(70)
            p.setPen(QPen(color, 1.2))
            p.setBrush(fill)
            p.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)

    def _paint_range(self, p: QPainter, pl: Placed, ox: float, top: float,
                     color: QColor) -> None:
        x0, x1 = pl.x0 - ox, pl.x1 - ox
        rect = QRectF(x0, top + (LANE_H - BAR_H) / 2, x1 - x0, BAR_H)
        tint = QColor(color)
        tint.setAlpha(28)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(tint)
        p.drawRect(rect)
        hatch = QColor(color)
        hatch.setAlpha(110)
        brush = QBrush(hatch, Qt.BrushStyle.BDiagPattern)
        p.setBrush(brush)
        p.drawRect(rect)
        pen = QPen(color, 1.8)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        # Brackets: [ at the start, ] at the end, a span between.
        t, b = rect.top(), rect.bottom()
        p.drawPolyline([QPointF(x0 + 4, t), QPointF(x0 + 0.9, t), QPointF(x0 + 0.9, b),
                        QPointF(x0 + 4, b)])
        p.drawPolyline([QPointF(x1 - 4, t), QPointF(x1 - 0.9, t), QPointF(x1 - 0.9, b),
                        QPointF(x1 - 4, b)])

    def _legend_entries(self, width: float, top: float, origin: float, spp: float
                        ) -> tuple[list[tuple[QRectF, DocumentMarker, str]], int]:
        """Legend entries that fit in one row, and how many documents did not fit.

        Articles dated within the visible span come first: with hundreds of documents
        those are the colours the user is looking at.
        """
        lo = bisect_left(self._dct_seconds, origin)
        hi = bisect_left(self._dct_seconds, origin + width * spp)
        order = self._documents[lo:hi] + self._documents[:lo] + self._documents[hi:]
        entries = []
        x = 10.0
        for i, doc in enumerate(order):
            title = doc.title or f"Document {doc.document_id}"
            text = self._fm.elidedText(title, Qt.TextElideMode.ElideRight, 340)
            need = 16 + self._fm.horizontalAdvance(text) + 18
            reserve = 70 if len(order) - i > 1 else 0
            if x + need > width - reserve:
                break
            entries.append((QRectF(x, top, need - 8, LEGEND_H), doc, text))
            x += need
        return entries, len(order) - len(entries)

    def _paint_legend(self, p: QPainter, f: _Frame, top: float) -> None:
        p.fillRect(QRectF(0, top, f.width, LEGEND_H), AXIS_BG)
        p.setPen(QPen(AXIS_LINE, 1))
        p.drawLine(QPointF(0, top + 0.5), QPointF(f.width, top + 0.5))
        p.setFont(self._label_font)
        mid = top + LEGEND_H / 2
        entries, more = self._legend_entries(f.width, top, f.origin, f.spp)
        for rect, doc, text in entries:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(doc.color))
            p.drawRoundedRect(QRectF(rect.left(), mid - 5, 10, 10), 2, 2)
            p.setPen(TEXT)
            p.drawText(rect.adjusted(15, 0, 8, 0),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        if more:
            x = entries[-1][0].right() + 8 if entries else 10.0
            p.setPen(TEXT_MUTED)
            p.drawText(QRectF(x, top, f.width - x, LEGEND_H),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       f"+{more} more")
        p.setBrush(Qt.BrushStyle.NoBrush)

    # -------------------------------------------------------------- hit test

    def hit_test(self, pos: QPointF) -> tuple[str, object] | None:
        """What is under a point, as (kind, what): ("item", id), ("cluster", Cluster),
        ("density", x) for the histogram strip, ("document", DocumentMarker) for an article
        date marker, ("legend", DocumentMarker) for a legend entry, ("legend-more", [docs])
        for the legend's "+N more"; None for empty space."""
        layout = self._layout()
        x, y = pos.x(), pos.y()
        if y < AXIS_H:
            for doc in self._documents:
                dx = (to_seconds(doc.dct) - self._origin) / self._spp
                if abs(dx - x) <= 7 and y >= AXIS_H - 12:
                    return ("document", doc)
            return None
        if self._documents and y >= self.height() - self._legend_h():
            entries, more = self._legend_entries(self._width(), self.height() - LEGEND_H,
                                                 self._origin, self._spp)
            for rect, doc, _text in entries:
                if rect.contains(pos):
                    return ("legend", doc)
            if more:
                left = entries[-1][0].right() + 8 if entries else 10.0
                if left <= x <= left + self._fm.horizontalAdvance(f"+{more} more") + 4:
                    shown = {doc.document_id for _r, doc, _t in entries}
                    return ("legend-more",
                            [d for d in self._documents if d.document_id not in shown])
            return None
        if layout is None or y < self._lanes_top():
            return None
        ox = self._origin / self._spp
        if layout.clusters and y < self._lanes_top() + CLUSTER_ROW_H - self._scroll_y:
            for c in layout.clusters:
                if self._cluster_rect(c, ox, self._scroll_y).adjusted(-2, -3, 2, 3).contains(pos):
                    return ("cluster", c)
            if y < self._lanes_top() + DENSITY_H - self._scroll_y:
                return ("density", x)
            return None
        lane = math.floor((y - self._lane_top(layout, 0)) / LANE_H)
        best = None
        for pl in visible_placed(layout, ox + x - 6, ox + x + 6):
            if pl.lane != lane:
                continue
            if pl.extent0 - 4 <= ox + x <= pl.extent1 + 2:
                best = pl
        if best is not None:
            return ("item", self._index.items[best.pos].id)
        for doc in self._documents:
            dx = (to_seconds(doc.dct) - self._origin) / self._spp
            if abs(dx - x) <= 3:
                return ("document", doc)
        return None

    # ---------------------------------------------------------------- events

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if not self._positioned and (len(self._index) or self._documents):
            # Still showing the automatic first fit (data usually arrives before the window
            # has its final size): fit again for the real width.
            self.fit_all()
            self._positioned = False
            return
        self._spp = clamp_scale(self._spp, self._width())
        self._origin = clamp_origin(self._origin, self._spp, self._width())
        self._changed()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        delta = event.angleDelta()
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.ControlModifier:
            notches = (delta.y() or delta.x()) / 120.0
            if notches:
                self.zoom_by(WHEEL_ZOOM_PER_NOTCH ** notches, event.position().x())
        elif mods & Qt.KeyboardModifier.ShiftModifier or abs(delta.x()) > abs(delta.y()):
            notches = (delta.y() or delta.x()) / 120.0
            self.pan_by(-notches * self._width() * 0.1)
        else:
            self.scroll_lanes(-delta.y() / 120.0 * 3 * LANE_H)
        event.accept()

    def event(self, event: QEvent) -> bool:  # noqa: D102
        if event.type() == QEvent.Type.NativeGesture:
            gesture = event
            if gesture.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                self.zoom_by(1.0 + gesture.value(), gesture.position().x())
                event.accept()
                return True
        if event.type() == QEvent.Type.ToolTip:
            hit = self.hit_test(QPointF(event.pos()))
            text = self._tooltip_for(hit)
            if text:
                QToolTip.showText(event.globalPos(), _plain_tooltip(text), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _tooltip_for(self, hit: tuple[str, object] | None) -> str:
        if hit is None:
            return ""
        kind, what = hit
        if kind == "item":
            item = self._index.items[self._index.index_of[what]]  # type: ignore[index]
            if item.tooltip:
                return item.tooltip
            if self.tooltip_provider is not None:
                text = self.tooltip_provider(item.id)
                if text:
                    return text
            return f"{item.label}\n{describe_interval(item.start, item.end)}"
        if kind == "density":
            x = float(what)  # type: ignore[arg-type]
            t0 = self._origin + (x - 6) * self._spp
            t1 = self._origin + (x + 6) * self._spp
            lo, hi = self._index.range_starting(t0, t1)
            span = describe_interval(from_seconds(t0), from_seconds(t1))
            verb = "starts" if hi - lo == 1 else "start"
            return f"{_events(hi - lo)} {verb} {span}\nClick to zoom in"
        if kind == "legend-more":
            docs: list[DocumentMarker] = what  # type: ignore[assignment]
            lines = [f"{d.title} · {d.dct.day} {MONTHS[d.dct.month - 1]} {d.dct.year}"
                     for d in docs[:LEGEND_TIP_MAX]]
            if len(docs) > LEGEND_TIP_MAX:
                lines.append(f"… and {len(docs) - LEGEND_TIP_MAX} more")
            return (f"{len(docs)} more article{'s' if len(docs) != 1 else ''}\n"
                    + "\n".join(lines))
        if kind == "cluster":
            c: Cluster = what  # type: ignore[assignment]
            span = describe_interval(from_seconds(c.t0), from_seconds(c.t1))
            return f"{_events(c.count)}, {span}\nClick to zoom in"
        doc: DocumentMarker = what  # type: ignore[assignment]
        d = doc.dct
        text = (f"{doc.title}\nArticle date: {WEEKDAYS[d.weekday()]} {d.day} "
                f"{MONTHS[d.month - 1]} {d.year}")
        if kind == "legend":
            return text + "\nClick to go to the article date and show the article"
        return text + "\nClick to show the article"

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = (event.position(), self._origin, self._scroll_y)
            self._dragging = False
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._anim.stop()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            start, origin, scroll = self._press
            delta = event.position() - start
            if not self._dragging and delta.manhattanLength() >= \
                    QApplication.startDragDistance():
                self._dragging = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
            if self._dragging:
                self._scroll_y = scroll - delta.y()
                self._set_scale(self._spp, origin - delta.x() * self._spp)
                self._changed(scale=False)
            event.accept()
            return
        hit = self.hit_test(event.position())
        hover = hit[1] if hit and hit[0] == "item" else None
        if hover != self._hover:
            self._hover = hover  # type: ignore[assignment]
            self.update()
        clickable = hit is not None and hit[0] in ("item", "cluster", "density", "legend",
                                                   "document")
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable
                       else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        dragged = self._dragging
        self._press = None
        self._dragging = False
        self.setCursor(Qt.CursorShape.ArrowCursor)
        if dragged:
            return
        hit = self.hit_test(event.position())
        if hit is None:
            self.select_item(None, emit=True)
        elif hit[0] == "item":
            self.select_item(hit[1], emit=True)  # type: ignore[arg-type]
        elif hit[0] == "cluster":
            self.zoom_to_cluster(hit[1])  # type: ignore[arg-type]
        elif hit[0] == "legend":
            self.go_to(datetime.combine(hit[1].dct, datetime.min.time()))  # type: ignore[union-attr]
            self.documentActivated.emit(hit[1].document_id)  # type: ignore[union-attr]
        elif hit[0] == "document":
            self.documentActivated.emit(hit[1].document_id)  # type: ignore[union-attr]
        elif hit[0] == "density":
            self._animated_zoom(3.0, float(hit[1]))  # type: ignore[arg-type]
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        hit = self.hit_test(event.position())
        if hit is not None and hit[0] == "item":
            self.select_item(hit[1], emit=True)  # type: ignore[arg-type]
            self.itemActivated.emit(hit[1])
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.update()

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        if self._hover is not None:
            self._hover = None
            self.update()
        super().leaveEvent(event)

    def zoom_to_cluster(self, cluster: Cluster) -> None:
        """Zoom so that the cluster's events fill the view."""
        self._anim.stop()
        t0, t1 = cluster.t0, cluster.t1
        if cluster.hi > cluster.lo:
            t0 = min(t0, self._index.starts[cluster.lo])
            t1 = max(t1, self._index.starts[cluster.hi - 1])
        w = self._width()
        span = max(t1 - t0, MIN_VISIBLE_SPAN)
        # Leave room on the right for the labels of the last events.
        spp = clamp_scale(span / (w * 0.8), w)
        centre = (t0 + t1) / 2
        self._set_scale(spp, centre - w * 0.45 * spp)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        text = event.text()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) or text == "+":
            self._animated_zoom(KEY_ZOOM)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore) or text == "-":
            self._animated_zoom(1 / KEY_ZOOM)
        elif key == Qt.Key.Key_F and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.fit_all()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._step_selection(-1 if key == Qt.Key.Key_Left else 1)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            if len(self._index):
                pos = 0 if key == Qt.Key.Key_Home else len(self._index) - 1
                self._select_pos(pos)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._selected is not None:
                self.itemActivated.emit(self._selected)
        elif key == Qt.Key.Key_Escape:
            self.select_item(None, emit=True)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.scroll_lanes(LANE_H if key == Qt.Key.Key_Down else -LANE_H)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            # A page back or forward in time, keeping a tenth of the view for continuity.
            self.pan_by((0.9 if key == Qt.Key.Key_PageDown else -0.9) * self._width())
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _step_selection(self, step: int) -> None:
        if not len(self._index):
            return
        if self._selected is None:
            # Start from the event nearest the middle of what is on screen.
            pos = self._index.nearest(self._origin + self._width() / 2 * self._spp)
        else:
            pos = self._index.index_of[self._selected] + step
            pos = min(max(pos, 0), len(self._index) - 1)
        self._select_pos(pos)

    def _select_pos(self, pos: int) -> None:
        item_id = self._index.items[pos].id
        self.select_item(item_id, emit=True)
        self._ensure_visible(item_id)


def _between(xs: list[float], left: float, right: float) -> list[float]:
    """The ascending ``xs`` that lie within [left, right]."""
    return xs[bisect_left(xs, left):bisect_right(xs, right)]


def _paint_in_slices(p: QPainter, rect: QRectF, grad: QLinearGradient) -> None:
    """A horizontal gradient as flat translucent slices, plus the bottom edge line."""
    stops = grad.stops()
    slices = max(8, min(80, int(rect.width() / 2)))
    step = rect.width() / slices
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # abutting, no seams
    for i in range(slices):
        at = (i + 0.5) / slices
        colour = _colour_at(stops, at)
        if colour.alpha() == 0:
            continue
        p.setBrush(colour)
        p.drawRect(QRectF(rect.left() + i * step, rect.top(), step, rect.height()))
        line = QColor(colour)
        line.setAlpha(min(255, round(colour.alpha() * 255 / 115)))
        p.setBrush(line)
        p.drawRect(QRectF(rect.left() + i * step, rect.bottom() - 1.3, step, 1.3))
    p.restore()


def _colour_at(stops, at: float) -> QColor:
    """The colour of gradient ``stops`` [(position, QColor)] at ``at`` (0..1)."""
    for (p0, c0), (p1, c1) in zip(stops, stops[1:], strict=False):
        if p0 <= at <= p1:
            f = 0.0 if p1 == p0 else (at - p0) / (p1 - p0)
            return QColor(round(c0.red() + (c1.red() - c0.red()) * f),
                          round(c0.green() + (c1.green() - c0.green()) * f),
                          round(c0.blue() + (c1.blue() - c0.blue()) * f),
                          round(c0.alpha() + (c1.alpha() - c0.alpha()) * f))
    return QColor(stops[-1][1])


def _events(n: int) -> str:
    return f"{n:,} event{'s' if n != 1 else ''}"


def _band_parity(axis: Axis, when: datetime) -> int:
    """Alternate shading of major bands, stable as the view pans."""
    level = axis.major_level
    if level.unit == "day":
        return when.toordinal() % 2
    if level.unit == "month":
        return (when.year * 12 + when.month) % 2
    return (when.year // level.step) % 2


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _count_text(n: int) -> str:
    if n < 1000:
        return str(n)
    if n < 10000:
        return f"{n / 1000:.1f}k"
    return f"{round(n / 1000)}k"


def _plain_tooltip(text: str) -> str:
    """Tooltips show article text: escape it so nothing in it is taken as rich text."""
    return tooltip_html(text)
