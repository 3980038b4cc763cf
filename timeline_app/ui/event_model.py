"""The event list: a table model over the catalog and a proxy that filters it.

The model keeps a plain list of event ids in chronological order and looks the rest up in
the catalog, so 100,000 rows cost one list and cells are formatted only when painted.
Filtering lives in the proxy so that sorting by any column and filtering compose.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from timeline_app.ui.data import Catalog, EventRow, inclusive_end

COLUMNS = ("Date", "Headline", "Document", "Expression")
DATE, HEADLINE, DOCUMENT, EXPRESSION = range(4)
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


def date_label(event: EventRow) -> str:
    """A compact, sortable-looking date: the precision says what is known, nothing more."""
    start = event.start
    g = event.granularity
    if g in ("minute", "hour"):
        return f"{start:%Y-%m-%d %H:%M}"
    if g == "day" or g == "part_of_day":
        return f"{start:%Y-%m-%d}"
    last = inclusive_end(start, event.end, g)
    if g == "month":
        return f"{start:%Y-%m}"
    if g == "year":
        return f"{start:%Y}"
    if start.date() == last.date():
        return f"{start:%Y-%m-%d}"
    return f"{start:%Y-%m-%d} – {last:%Y-%m-%d}"


class EventTableModel(QAbstractTableModel):
    def __init__(self, catalog: Catalog, parent=None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._edited_font = QFont()
        self._edited_font.setItalic(True)
        self._hidden_brush = QBrush(QColor("#9a9a9a"))
        self.reload(catalog)

    # -- data management -------------------------------------------------------------------
    def reload(self, catalog: Catalog) -> None:
        self.beginResetModel()
        self._catalog = catalog
        self._ids = [e.id for e in catalog.sorted_events()]
        self._row_of = {eid: i for i, eid in enumerate(self._ids)}
        self.endResetModel()

    def event_changed(self, event_id: int) -> None:
        """Refresh one row after a curation, inserting or removing it as needed."""
        present = event_id in self._catalog.events
        row = self._row_of.get(event_id)
        if present and row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        elif present:
            pos = len(self._ids)
            self.beginInsertRows(QModelIndex(), pos, pos)
            self._ids.append(event_id)
            self._row_of[event_id] = pos
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
        if role == SORT_ROLE:
            if col == DATE:
                return event.start.timestamp()
            return self.data(index, Qt.ItemDataRole.DisplayRole).lower()
        if role == Qt.ItemDataRole.ToolTipRole and col == HEADLINE:
            tip = event.headline
            if event.edited:
                tip += "\n(edited by you)"
            if event.hidden:
                tip += "\n(hidden)"
            return tip
        if role == Qt.ItemDataRole.FontRole and event.edited and col == HEADLINE:
            return self._edited_font
        if role == Qt.ItemDataRole.ForegroundRole and event.hidden:
            return self._hidden_brush
        if role == Qt.ItemDataRole.DecorationRole and col == DOCUMENT:
            doc = self._catalog.documents.get(event.document_id)
            return QColor(doc.color) if doc else None
        return None


class EventFilterProxy(QSortFilterProxyModel):
    """Search text, document, date range, granularity and hidden-ness, all at once."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._terms: list[str] = []
        self.document_id: int | None = None
        self.date_from: date | None = None
        self.date_to: date | None = None
        self.granularity: str | None = None
        self.show_hidden = False

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
        self._terms = [t for t in text.lower().split() if t]
        self._end()

    def set_filters(self, *, document_id: int | None, date_from: date | None,
                    date_to: date | None, granularity: str | None, show_hidden: bool) -> None:
        self._begin()
        self.document_id = document_id
        self.date_from = date_from
        self.date_to = date_to
        self.granularity = granularity
        self.show_hidden = show_hidden
        self._end()

    def accepts(self, event: EventRow, doc_title: str) -> bool:
        """The one filter rule, shared with the timeline so both always show the same set."""
        if event.hidden and not self.show_hidden:
            return False
        if self.document_id is not None and event.document_id != self.document_id:
            return False
        if self.granularity is not None and event.granularity != self.granularity:
            return False
        if self.date_from is not None and event.end <= datetime.combine(
                self.date_from, datetime.min.time()):
            return False
        if self.date_to is not None and event.start.date() > self.date_to:
            return False
        if self._terms:
            hay = f"{event.headline}\n{event.expr_text}\n{doc_title}\n{event.timex_value}".lower()
            if not all(t in hay for t in self._terms):
                return False
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        event = model.event_at(source_row)
        doc = model.catalog.documents.get(event.document_id)
        return self.accepts(event, doc.title if doc else "")
