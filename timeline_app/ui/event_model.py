"""The event list: a table model over the catalog and a proxy that filters it.

The model keeps a plain list of event ids in chronological order and looks the rest up in
the catalog, so 100,000 rows cost one list and cells are formatted only when painted.
Filtering lives in the proxy so that sorting by any column and filtering compose.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPixmap

from timeline_app.ui.data import Catalog, EventRow, interval_words, tooltip_text
from timeline_app.ui.timeline.items import tooltip_html

COLUMNS = ("Date", "Headline", "Document", "Expression")
DATE, HEADLINE, DOCUMENT, EXPRESSION = range(4)
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


def date_label(event: EventRow) -> str:
    """The interval as a person says it ("early October 2022", "31 Oct – 6 Nov 2022"):
    the precision shown is exactly what the text gave, no more."""
    return interval_words(event)


class EventTableModel(QAbstractTableModel):
    def __init__(self, catalog: Catalog, parent=None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._edited_font = QFont()
        self._edited_font.setItalic(True)
        self._hidden_brush = QBrush(QColor("#9a9a9a"))
        self._swatches: dict[str, QPixmap] = {}
        self._sort_column = DATE
        self._sort_order = Qt.SortOrder.AscendingOrder
        self.reload(catalog)

    # -- data management -------------------------------------------------------------------
    def reload(self, catalog: Catalog) -> None:
        self.beginResetModel()
        self._catalog = catalog
        self._ids = list(catalog.events)  # load_catalog delivers them by date
        if self._sort_column != DATE or self._sort_order != Qt.SortOrder.AscendingOrder:
            self._ids.sort(key=self._sort_key(self._sort_column),
                           reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        self._row_of = {eid: i for i, eid in enumerate(self._ids)}
        self.endResetModel()

    def _sort_key(self, column: int):
        events = self._catalog.events
        docs = self._catalog.documents
        if column == HEADLINE:
            return lambda eid: (events[eid].headline.casefold(), events[eid].start, eid)
        if column == DOCUMENT:
            def by_doc(eid: int):
                doc = docs.get(events[eid].document_id)
                return ((doc.title.casefold() if doc else ""), events[eid].start, eid)
            return by_doc
        if column == EXPRESSION:
            return lambda eid: (events[eid].expr_text.casefold(), events[eid].start, eid)
        return lambda eid: (events[eid].start, events[eid].end, eid)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python with a key: Qt's comparison sort would call back into Python
        some two million times for 100,000 rows."""
        if column < 0 or column >= len(COLUMNS):
            return
        if (column, order) == (self._sort_column, self._sort_order):
            return  # already in that order (the catalog arrives sorted by date)
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(self._ids[i.row()], i.column()) for i in persistent]
        self._ids.sort(key=self._sort_key(column),
                       reverse=order == Qt.SortOrder.DescendingOrder)
        self._row_of = {eid: i for i, eid in enumerate(self._ids)}
        self.changePersistentIndexList(
            persistent, [self.index(self._row_of[eid], col) for eid, col in kept])
        self.layoutChanged.emit()

    def _insert_position(self, event_id: int) -> int:
        key = self._sort_key(self._sort_column)
        new = key(event_id)
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        for row, eid in enumerate(self._ids):
            if (key(eid) < new) if descending else (key(eid) > new):
                return row
        return len(self._ids)

    def event_changed(self, event_id: int) -> None:
        """Refresh one row after a curation, inserting or removing it as needed."""
        present = event_id in self._catalog.events
        row = self._row_of.get(event_id)
        if present and row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        elif present:
            pos = self._insert_position(event_id)
            self.beginInsertRows(QModelIndex(), pos, pos)
            self._ids.insert(pos, event_id)
            self._row_of = {eid: i for i, eid in enumerate(self._ids)}
            self.endInsertRows()
        elif row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._ids[row]
            self._row_of = {eid: i for i, eid in enumerate(self._ids)}
            self.endRemoveRows()

    @property
    def catalog(self) -> Catalog:
        return self._catalog

    def row_of(self, event_id: int) -> int | None:
        return self._row_of.get(event_id)

    def event_at(self, row: int) -> EventRow:
        return self._catalog.events[self._ids[row]]

    # -- Qt model interface ----------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        event = self._catalog.events.get(self._ids[index.row()])
        if event is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == DATE:
                return date_label(event)
            if col == HEADLINE:
                mark = "✎ " if event.edited else ""
                return mark + (event.headline or "(no headline)")
            if col == DOCUMENT:
                doc = self._catalog.documents.get(event.document_id)
                return doc.title if doc else ""
            return event.expr_text
        if role == EVENT_ID_ROLE:
            return event.id
        if role == Qt.ItemDataRole.ToolTipRole:
            # the same words as the timeline's hover, escaped: article text is never markup
            tip = tooltip_text(event, self._catalog.documents.get(event.document_id))
            if event.hidden:
                tip += "\nHidden from the timeline"
            return tooltip_html(tip)
        if role == Qt.ItemDataRole.FontRole and event.edited and col == HEADLINE:
            return self._edited_font
        if role == Qt.ItemDataRole.ForegroundRole and event.hidden:
            return self._hidden_brush
        if role == Qt.ItemDataRole.DecorationRole and col == DOCUMENT:
            doc = self._catalog.documents.get(event.document_id)
            return self._swatch(doc.color) if doc else None
        return None

    def _swatch(self, color: str) -> QPixmap:
        """The document's colour in a white rim: a bare square of the same blue as the
        selection vanished on the selected row."""
        pix = self._swatches.get(color)
        if pix is None:
            pix = QPixmap(12, 12)
            pix.fill(QColor("#ffffff"))
            painter = QPainter(pix)
            painter.fillRect(1, 1, 10, 10, QColor(color))
            painter.end()
            self._swatches[color] = pix
        return pix


class EventFilterProxy(QSortFilterProxyModel):
    """Search text, document, date range, granularity and hidden-ness, all at once."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []
        self.document_id: int | None = None
        self.date_from: date | None = None
        self.date_to: date | None = None
        self.granularity: str | None = None
        self.show_hidden = False
        self._from_dt: datetime | None = None
        self._to_dt: datetime | None = None
        self._hay: dict[int, str] = {}

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Delegate to the source model (fast key sort); the proxy only filters."""
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def _begin(self) -> None:
        # Qt 6.9+ wants begin/endFilterChange; older Qt only has invalidateRowsFilter.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()

    def _end(self) -> None:
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def set_search(self, text: str) -> None:
        self._begin()
        self._terms = [t for t in text.casefold().split() if t]
        self._end()

    def set_filters(self, *, document_id: int | None, date_from: date | None,
                    date_to: date | None, granularity: str | None, show_hidden: bool) -> None:
        self._begin()
        self.document_id = document_id
        self.date_from = date_from
        self.date_to = date_to
        self._from_dt = (datetime.combine(date_from, datetime.min.time())
                         if date_from is not None else None)
        self._to_dt = (datetime.combine(date_to, datetime.min.time()) + timedelta(days=1)
                       if date_to is not None else None)
        self.granularity = granularity
        self.show_hidden = show_hidden
        self._end()

    def forget(self, event_id: int | None = None) -> None:
        """Drop cached search text after an edit (one event) or a reload (all)."""
        if event_id is None:
            self._hay.clear()
        else:
            self._hay.pop(event_id, None)

    def active(self) -> bool:
        return bool(self._terms or self.document_id is not None or self.granularity
                    or self._from_dt or self._to_dt)

    def accepts(self, event: EventRow, doc_title: str) -> bool:
        """The one filter rule, shared with the timeline so both always show the same set.

        Called 100,000 times per keystroke on a big catalog, hence the cheap checks first
        and the lower-cased search text cached per event.
        """
        if event.hidden and not self.show_hidden:
            return False
        if self.document_id is not None and event.document_id != self.document_id:
            return False
        if self.granularity is not None and event.granularity != self.granularity:
            return False
        if self._from_dt is not None and event.end <= self._from_dt:
            return False
        if self._to_dt is not None and event.start >= self._to_dt:
            return False
        if self._terms:
            hay = self._hay.get(event.id)
            if hay is None:
                hay = (f"{event.headline}\n{event.expr_text}\n{doc_title}\n"
                       f"{event.timex_value}").casefold()
                self._hay[event.id] = hay
            for term in self._terms:
                if term not in hay:
                    return False
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        event = self.sourceModel().event_at(source_row)
        if not (self._terms or self.document_id is not None or self.granularity
                or self._from_dt or self._to_dt):
            return self.show_hidden or not event.hidden  # the common case, kept cheap
        doc = self.sourceModel().catalog.documents.get(event.document_id)
        return self.accepts(event, doc.title if doc else "")
