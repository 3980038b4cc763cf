"""The main window: timeline on top, the article and the event list below, all linked.

One rule keeps the three views coherent: every selection goes through
``MainWindow.select_event``, which updates the views other than the one it came from
(a re-entrancy guard stops the echo). The catalog is the single in-memory truth; after a
curation only the touched row is re-read from the database.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QIcon, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from timeline_app.ui.data import (
    FUZZY_MODS,
    Catalog,
    DocRow,
    EventRow,
    bulk_allocation,
    day_words,
    load_catalog,
    load_document_text,
    load_event,
    load_mentions,
    tooltip_text,
)
from timeline_app.ui.dialogs import EventDialog, PasteArticleDialog, from_qdate, to_qdate
from timeline_app.ui.event_model import (
    DATE,
    DOCUMENT,
    EVENT_ID_ROLE,
    EXPRESSION,
    HEADLINE,
    EventFilterProxy,
    EventTableModel,
)
from timeline_app.ui.resources import icon
from timeline_app.ui.source_view import SourceView, Span
from timeline_app.ui.timeline.items import DocumentMarker, TimelineItem, kind_for, palette_color
from timeline_app.ui.timeline.view import TimelineView
from timeline_app.ui.undo import (
    AddEventCommand,
    DeleteEventCommand,
    EditEventCommand,
    HideEventCommand,
)
from timeline_app.ui.workers import Task, one_line_error

log = logging.getLogger(__name__)

ORGANIZATION = "timeline_app"
APPLICATION = "timeline-app"
REVEAL_MIN_SPAN = timedelta(days=60)  # the least time shown around a newly imported article
ARTICLE_SUFFIXES = (".txt", ".md")
EXPORT_FILTERS = {
    "CSV, one row per event (*.csv)": ("csv", ".csv"),
    "TimelineJS spreadsheet (*.csv)": ("timelinejs-csv", ".csv"),
    "TimelineJS JSON (*.json)": ("timelinejs-json", ".json"),
    "TimeML, one file per article (*.tml)": ("timeml", ".tml"),
}
# Up to this many events every TimelineItem carries its tooltip; beyond it (explaining
# 100,000 intervals costs seconds at launch) the text is made when the pointer rests.
EAGER_TOOLTIPS = 5000
KEYS_HELP = """Timeline
• Ctrl + wheel, pinch, + and −: zoom around the pointer
• Drag, Shift + wheel, Page Up and Page Down: pan · wheel, Up and Down: scroll the lanes
• Left and Right: previous and next event · Home and End: first and last
• F: fit everything · click a cluster: zoom into it
• Click an article's date flag or legend entry: show the article
• Return or double-click: edit the event · Escape: clear the selection

Article
• Click an underlined expression: select its event
• Select text, then Ctrl+E: add an event from the selection

Event list
• Up and Down: move through the events · Return: edit
• Ctrl+F: search · in the search box, Down: go to the results, Escape: clear it

Editing is saved at once and undoable (Ctrl+Z)
• F2: edit · Ctrl+H: hide · Del: delete"""

IMAGE_FILTERS = {"PNG image (*.png)": ".png", "SVG drawing (*.svg)": ".svg",
                 "PDF document (*.pdf)": ".pdf"}


def _encode_state(value):
    if isinstance(value, datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, date):
        return {"__date__": value.isoformat()}
    raise TypeError(f"cannot store {type(value).__name__} in the settings")


def _decode_state(obj: dict):
    if "__datetime__" in obj:
        return datetime.fromisoformat(obj["__datetime__"])
    if "__date__" in obj:
        return date.fromisoformat(obj["__date__"])
    return obj


def database_label(store) -> str:
    """A short name for the title bar: the file name, or database@host (no password)."""
    try:
        from sqlalchemy.engine import make_url

        url = make_url(str(store.url))
    except Exception:
        return "database"
    if url.get_backend_name() == "sqlite":
        return os.path.basename(url.database or "") or "in-memory database"
    host = f"@{url.host}" if url.host else ""
    return f"{url.database or url.get_backend_name()}{host}"


def default_settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


class MainWindow(QMainWindow):
    """Signals: ``eventSelected(int)`` after any selection change, ``dataChanged()`` after
    imports and curation (tests and the status bar listen to them)."""

    eventSelected = Signal(int)
    catalogChanged = Signal()

    def __init__(self, store, settings: QSettings | None = None, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings if settings is not None else default_settings()
        # Qt appends the application's display name ("… — Timeline") on its own.
        self.setWindowTitle(database_label(store))
        self.setWindowIcon(icon("app"))
        self.setAcceptDrops(True)
        self.catalog: Catalog = load_catalog(store, palette_color)
        self.current_event_id: int | None = None
        self._selecting = False
        self._items: dict[int, TimelineItem] = {}
        self._shown_ids: list[int] | None = None
        self._shown_markers: list[DocumentMarker] | None = None
        self._items_dirty = True
        self._shown_once = False
        self._applying = False  # True while a curation command is first applied
        self._keys_box: QMessageBox | None = None
        self._refit_if_out_of_view = False  # set by filter changes, used once
        self.active_dialog = None
        self.last_error: QMessageBox | None = None
        self.tasks: list[Task] = []
        self.progress: QProgressDialog | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)

        self._build_views()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)

        self._timeline_timer = QTimer(self, singleShot=True, interval=120)
        self._timeline_timer.timeout.connect(self.refresh_timeline)
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self._apply_search)

        self._populate_filters()
        self.refresh_timeline()
        self._restore_settings()
        self._update_actions()
        self._update_status()

    # ======================================================================================
    # construction
    # ======================================================================================
    def _build_views(self) -> None:
        self.timeline = TimelineView()
        self.timeline.setObjectName("timeline")
        self.timeline.setMinimumHeight(180)
        self.timeline.itemSelected.connect(lambda eid: self.select_event(eid, origin="timeline"))
        self.timeline.itemActivated.connect(self._activated)
        self.timeline.documentActivated.connect(self._document_activated)
        # items beyond EAGER_TOOLTIPS carry no tooltip: the view asks for it on hover
        self.timeline.tooltip_provider = self.tooltip_for

        # --- source panel -------------------------------------------------------------
        self.source = SourceView()
        self.source.setObjectName("source")
        self.source.setAcceptDrops(False)
        self.source.expressionClicked.connect(self._expression_clicked)
        self.source.event_tooltip = self.tooltip_for
        self.source.selectionChanged.connect(self._update_actions)
        self.source.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.source.customContextMenuRequested.connect(self._source_menu)
        self.source_title = QLabel()
        self.source_title.setObjectName("sourceTitle")
        self.source_title.setTextFormat(Qt.TextFormat.PlainText)
        self.source_title.setWordWrap(True)
        self.source_meta = QLabel()
        self.source_meta.setObjectName("sourceMeta")
        self.source_meta.setTextFormat(Qt.TextFormat.PlainText)
        self.source_meta.setWordWrap(True)
        source_panel = QWidget()
        source_layout = QVBoxLayout(source_panel)
        source_layout.setContentsMargins(6, 6, 3, 0)
        source_layout.setSpacing(2)
        source_layout.addWidget(self.source_title)
        source_layout.addWidget(self.source_meta)
        source_layout.addWidget(self.source, 1)

        # --- event list ------------------------------------------------------------------
        self.model = EventTableModel(self.catalog, self)
        self.proxy = EventFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("events")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Rows are selected whole, so Tab moving between cells only trapped the keyboard.
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        vh = self.table.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(HEADLINE, QHeaderView.ResizeMode.Stretch)
        hh.setMinimumSectionSize(48)
        hh.setSortIndicator(DATE, Qt.SortOrder.AscendingOrder)
        # Until the user drags a column edge, the columns share the width in proportion,
        # so a narrow list still shows some of every headline.
        self._columns_fitted_by_user = False
        hh.sectionResized.connect(self._section_resized)
        self.table.viewport().installEventFilter(self)
        self._fit_columns()
        self.table.setSortingEnabled(True)
        self.table.selectionModel().currentRowChanged.connect(self._list_current_changed)
        # activated = double-click or Return, as the platform style defines it
        self.table.activated.connect(lambda _index: self.edit_event())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.timeline.setAccessibleName("Timeline")
        self.source.setAccessibleName("Article text")
        self.table.setAccessibleName("Events")

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search headlines, expressions, documents…")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.installEventFilter(self)  # Escape clears it

        self.doc_filter = QComboBox()
        self.doc_filter.setObjectName("documentFilter")
        self.doc_filter.setToolTip("Show the events of one article")
        self.gran_filter = QComboBox()
        self.gran_filter.setObjectName("granularityFilter")
        self.gran_filter.setToolTip("Show only events known to this precision")
        self.doc_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.doc_filter.setMinimumContentsLength(10)
        self.gran_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.gran_filter.setMinimumContentsLength(8)
        self.from_check = QCheckBox("From")
        self.from_date = QDateEdit()
        self.to_check = QCheckBox("To")
        self.to_date = QDateEdit()
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")  # the date style of the rest of the window
            edit.setMinimumDate(QDate(100, 1, 1))  # not Qt's 1752: "in 1492" is filterable
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._filters_changed)
            edit.dateChanged.connect(self._filters_changed)
        self.doc_filter.currentIndexChanged.connect(self._filters_changed)
        self.gran_filter.currentIndexChanged.connect(self._filters_changed)
        self.clear_filters_button = QToolButton()
        self.clear_filters_button.setText("Clear")
        self.clear_filters_button.setToolTip("Show all events again")
        self.clear_filters_button.clicked.connect(self.clear_filters)

        top_row = QHBoxLayout()
        top_row.setSpacing(6)
        top_row.addWidget(self.search, 3)
        top_row.addWidget(self.doc_filter, 2)
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.gran_filter, 1)
        filters.addWidget(self.from_check)
        filters.addWidget(self.from_date)
        filters.addWidget(self.to_check)
        filters.addWidget(self.to_date)
        filters.addWidget(self.clear_filters_button)
        list_panel = QWidget()
        list_layout = QVBoxLayout(list_panel)
        list_layout.setContentsMargins(3, 6, 6, 0)
        list_layout.setSpacing(4)
        list_layout.addLayout(top_row)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.table, 1)

        self.bottom_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.bottom_splitter.setObjectName("bottomSplitter")
        self.bottom_splitter.addWidget(source_panel)
        self.bottom_splitter.addWidget(list_panel)
        self.bottom_splitter.setStretchFactor(0, 5)
        self.bottom_splitter.setStretchFactor(1, 6)
        self.main_splitter = QSplitter(Qt.Orientation.Vertical)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.timeline)
        self.main_splitter.addWidget(self.bottom_splitter)
        self.main_splitter.setStretchFactor(0, 5)
        self.main_splitter.setStretchFactor(1, 4)
        self.main_splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.main_splitter)

    def _action(self, text: str, slot, *, icon_name: str | None = None,
                shortcut: QKeySequence | str | Sequence | None = None,
                tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            if isinstance(shortcut, list | tuple):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            name = text.replace("&", "").rstrip("…")
            action.setToolTip(f"{name} ({keys}) — {tip}" if keys else f"{name} — {tip}")
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.act_import = self._action("&Import articles…", self.import_dialog, icon_name="import",
                                       shortcut=std.Open, tip="Add .txt or .md articles")
        self.act_paste = self._action("&Paste article…", self.paste_dialog, icon_name="paste",
                                      shortcut="Ctrl+Shift+V", tip="Paste an article's text")
        self.act_export = self._action("&Export…", self.export_dialog, icon_name="export",
                                       shortcut="Ctrl+Shift+E",
                                       tip="Save the listed events as CSV, TimelineJS or TimeML")
        self.act_export_image = self._action("Export &image…", self.export_image_dialog,
                                             icon_name="image", shortcut="Ctrl+Shift+I",
                                             tip="Save the timeline as PNG, SVG or PDF")
        self.act_quit = self._action("&Quit", self.close, shortcut=std.Quit)
        self.act_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setIcon(icon("undo"))
        self.act_undo.setShortcut(QKeySequence(std.Undo))
        self.act_redo = self.undo_stack.createRedoAction(self, "&Redo")
        self.act_redo.setIcon(icon("redo"))
        self.act_redo.setShortcuts([QKeySequence(std.Redo), QKeySequence("Ctrl+Y")])
        self.act_edit = self._action("&Edit event…", self.edit_event, icon_name="edit",
                                     shortcut="F2", tip="Change headline, dates, granularity")
        self.act_hide = self._action("&Hide event", self.toggle_hidden, icon_name="hide",
                                     shortcut="Ctrl+H", tip="Hide the event from the timeline")
        self.act_delete = self._action("&Delete event", self.delete_event, icon_name="delete",
                                       shortcut=std.Delete, tip="Delete the event (undoable)")
        self.act_add = self._action("&Add event from selection…", self.add_event_from_selection,
                                    icon_name="add", shortcut="Ctrl+E",
                                    tip="Make an event from the text selected in the article")
        self.act_find = self._action("&Find…", self._focus_search, shortcut=std.Find)
        self.act_zoom_in = self._action("Zoom &in", self.zoom_in, icon_name="zoom-in",
                                        shortcut=std.ZoomIn, tip="Show less time, more detail")
        self.act_zoom_out = self._action("Zoom &out", self.zoom_out, icon_name="zoom-out",
                                         shortcut=std.ZoomOut, tip="Show more time")
        self.act_fit = self._action("&Fit all", self.fit_all, icon_name="fit",
                                    shortcut="Ctrl+0", tip="Show every event")
        self.act_goto_dct = self._action("&Go to article date", self.go_to_article_date,
                                         icon_name="today", shortcut="Ctrl+T",
                                         tip="Centre the timeline on the article's date")
        self.act_keys = self._action("&Keyboard and mouse", self.show_keys,
                                     shortcut=std.HelpContents)
        self.act_show_hidden = QAction("Show &hidden events", self, checkable=True)
        self.act_show_hidden.toggled.connect(self._filters_changed)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.act_import, self.act_paste])
        file_menu.addSeparator()
        file_menu.addActions([self.act_export, self.act_export_image])
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_edit, self.act_hide, self.act_delete, self.act_add])
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_find)
        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.act_zoom_in, self.act_zoom_out, self.act_fit,
                              self.act_goto_dct])
        view_menu.addSeparator()
        view_menu.addAction(self.act_show_hidden)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.act_keys)

    def _build_toolbar(self) -> None:
        tb = self.addToolBar("Main")
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setIconSize(QSize(20, 20))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        tb.addActions([self.act_import, self.act_paste, self.act_export, self.act_export_image])
        tb.addSeparator()
        tb.addActions([self.act_undo, self.act_redo])
        tb.addSeparator()
        tb.addActions([self.act_edit, self.act_hide, self.act_delete, self.act_add])
        tb.addSeparator()
        tb.addActions([self.act_zoom_in, self.act_zoom_out, self.act_fit, self.act_goto_dct])
        self.toolbar = tb

    # ======================================================================================
    # filters and the timeline's contents
    # ======================================================================================
    def _populate_filters(self) -> None:
        """Fill the document and granularity choices, keeping the current choice if any."""
        current_doc = self.doc_filter.currentData()
        current_gran = self.gran_filter.currentData()
        for combo in (self.doc_filter, self.gran_filter):
            combo.blockSignals(True)
            combo.clear()
        self.doc_filter.addItem("All documents", None)
        for doc in self.catalog.documents.values():
            self.doc_filter.addItem(_color_icon(doc.color), f"{doc.title} ({doc.dct:%Y-%m-%d})",
                                    doc.id)
        self.gran_filter.addItem("All granularities", None)
        present = {e.granularity for e in self.catalog.events.values()}
        from timeline_app.ui.data import GRANULARITIES

        for g in GRANULARITIES:
            if g in present:
                self.gran_filter.addItem(g.replace("_", " "), g)
        for combo, value in ((self.doc_filter, current_doc), (self.gran_filter, current_gran)):
            index = combo.findData(value)
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
        if self.catalog.events:
            first = min(e.start for e in self.catalog.events.values()).date()
            # ends are exclusive, "To" is the last day included
            last = (max(e.end for e in self.catalog.events.values())
                    - timedelta(microseconds=1)).date()
            for edit in (self.from_date, self.to_date):
                edit.blockSignals(True)
            if not self.from_check.isChecked():
                self.from_date.setDate(to_qdate(first))
            if not self.to_check.isChecked():
                self.to_date.setDate(to_qdate(last))
            for edit in (self.from_date, self.to_date):
                edit.blockSignals(False)

    def _filters_changed(self, *_args) -> None:
        self.proxy.set_filters(
            document_id=self.doc_filter.currentData(),
            date_from=from_qdate(self.from_date.date()) if self.from_check.isChecked() else None,
            date_to=from_qdate(self.to_date.date()) if self.to_check.isChecked() else None,
            granularity=self.gran_filter.currentData(),
            show_hidden=self.act_show_hidden.isChecked(),
        )
        self._refit_if_out_of_view = True
        self._timeline_timer.start()
        self._update_status()

    def _apply_search(self) -> None:
        self.proxy.set_search(self.search.text())
        self._refit_if_out_of_view = True
        self.refresh_timeline()
        self._update_status()

    def clear_filters(self) -> None:
        for w in (self.doc_filter, self.gran_filter, self.from_check, self.to_check,
                  self.search):
            w.blockSignals(True)
        self.doc_filter.setCurrentIndex(0)
        self.gran_filter.setCurrentIndex(0)
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.from_date.setEnabled(False)
        self.to_date.setEnabled(False)
        self.search.clear()
        for w in (self.doc_filter, self.gran_filter, self.from_check, self.to_check,
                  self.search):
            w.blockSignals(False)
        self.proxy.set_search("")
        self._filters_changed()
        self.refresh_timeline()

    def _item_for(self, event: EventRow, eager_tooltip: bool = True) -> TimelineItem:
        item = self._items.get(event.id)
        if item is None:
            start = event.start
            end = event.end if event.end >= start else start
            item = TimelineItem(
                event.id, start, end, event.granularity,
                "range" if event.timex_type == "DURATION" else kind_for(event.granularity),
                event.fuzzy or event.mod in FUZZY_MODS,
                ("(hidden) " if event.hidden else "") + (event.headline or event.expr_text),
                event.document_id,
                tooltip_text(event, self.catalog.documents.get(event.document_id))
                if eager_tooltip else "",
                event.mod, event.edited,
            )
            self._items[event.id] = item
        return item

    def timeline_item(self, event_id: int) -> TimelineItem | None:
        """The record the timeline was given for an event (None when filtered out)."""
        return self._items.get(event_id)

    def tooltip_for(self, event_id: int) -> str:
        """The hover text of an event (the same whether it was built eagerly or not)."""
        event = self.catalog.events.get(event_id)
        if event is None:
            return ""
        return tooltip_text(event, self.catalog.documents.get(event.document_id))

    def _fit_columns(self) -> None:
        if self._columns_fitted_by_user:
            return
        width = self.table.viewport().width()
        hh = self.table.horizontalHeader()
        self._fitting_columns = True
        try:
            hh.resizeSection(DATE, max(90, min(170, int(width * 0.22))))
            hh.resizeSection(DOCUMENT, max(70, min(170, int(width * 0.2))))
            hh.resizeSection(EXPRESSION, max(70, min(150, int(width * 0.18))))
        finally:
            self._fitting_columns = False

    def _section_resized(self, section: int, _old: int, _new: int) -> None:
        if section != HEADLINE and not getattr(self, "_fitting_columns", False):
            self._columns_fitted_by_user = True

    def eventFilter(self, watched, event) -> bool:
        """Fits the list's columns to its width as it is resized. In the search box,
        Escape clears it (the way out of a search that hides everything) and Down or
        Return goes on to the list."""
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        elif watched is self.search and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                self._search_timer.stop()
                self._apply_search()
                return True
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._from_search_to_list()
                return True
        return super().eventFilter(watched, event)

    def _from_search_to_list(self) -> None:
        """Down or Return in the search box goes on to the results, keyboard only."""
        if self._search_timer.isActive():  # the last keystroke's filter, now
            self._search_timer.stop()
            self._apply_search()
        if self.proxy.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.TabFocusReason)
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            self.table.selectRow(0)

    def visible_events(self) -> list[EventRow]:
        """The events both views show: the list's filter decides for the timeline too."""
        docs = self.catalog.documents
        accepts = self.proxy.accepts
        return [e for e in self.catalog.events.values()
                if accepts(e, docs[e.document_id].title if e.document_id in docs else "")]

    def _any_in_view(self, events: list[EventRow]) -> bool:
        lo = self.timeline.time_at(0)
        hi = self.timeline.time_at(self.timeline.width())
        return any(e.start < hi and e.end > lo for e in events)

    def refresh_timeline(self) -> None:
        self._timeline_timer.stop()
        events = self.visible_events()
        ids = [e.id for e in events]
        doc_ids = {e.document_id for e in events}
        if self.proxy.document_id is not None:
            doc_ids.add(self.proxy.document_id)
        markers = [DocumentMarker(d.id, d.title, d.dct, d.color)
                   for d in self.catalog.documents.values() if d.id in doc_ids]
        # Typing in the search box often leaves the set unchanged ("t", "ta" on 100,000
        # events): re-indexing the timeline then would cost half a second for nothing.
        refit, self._refit_if_out_of_view = self._refit_if_out_of_view, False
        if ids != self._shown_ids or markers != self._shown_markers or self._items_dirty:
            eager = len(events) <= EAGER_TOOLTIPS
            with bulk_allocation():
                self.timeline.set_items([self._item_for(e, eager) for e in events], markers)
            self._shown_ids, self._shown_markers = ids, markers
            self._items_dirty = False
            if refit and events and not self._any_in_view(events):
                # A filter left only events elsewhere in time: an empty timeline would
                # look like "no results", so bring what the filter kept into view.
                self.timeline.fit_all()
        if self.current_event_id is not None:
            self.timeline.select_item(self.current_event_id, center=False, emit=False)
        self._update_status()

    # ======================================================================================
    # selection, linked both ways
    # ======================================================================================
    def select_event(self, event_id: int | None, *, origin: str = "api",
                     center: bool | None = None) -> None:
        """Select an event in every view except ``origin`` and show its sentence."""
        if self._selecting:
            return
        event = self.catalog.events.get(event_id) if event_id is not None else None
        self._selecting = True
        try:
            self.current_event_id = event.id if event else None
            if event is None:
                self.source.clear_highlight()
                self.table.clearSelection()
            else:
                if origin != "timeline":
                    self.timeline.select_item(event.id, center=bool(center if center is not None
                                                                     else True), emit=False)
                if origin != "list":
                    self._select_in_list(event.id)
                # a click in the text needs no scrolling: what was clicked is in view
                self._show_in_source(event, scroll=origin != "source")
        finally:
            self._selecting = False
        self._update_actions()
        if event is not None:
            self.eventSelected.emit(event.id)

    def _select_in_list(self, event_id: int) -> None:
        row = self.model.row_of(event_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.table.clearSelection()
            return
        sel = self.table.selectionModel()
        sel.setCurrentIndex(index, sel.SelectionFlag.ClearAndSelect | sel.SelectionFlag.Rows)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def _list_current_changed(self, current, _previous) -> None:
        if self._selecting or not current.isValid():
            return
        event_id = current.data(EVENT_ID_ROLE)
        if event_id is not None:
            self.select_event(int(event_id), origin="list")

    def _expression_clicked(self, event_id: int) -> None:
        self.select_event(event_id, origin="source", center=True)
        if self.timeline.selected_item() == event_id:  # drawn (not filtered out)
            self.timeline.center_on(event_id)

    def _activated(self, event_id: int) -> None:
        self.select_event(event_id, origin="timeline")
        self.edit_event()

    def _document_activated(self, document_id: int) -> None:
        """A click on an article's date flag or legend entry: show that article, with its
        first listed event selected (the timeline stays where the user clicked)."""
        docs = self.catalog.documents
        listed = sorted((e for e in self.catalog.events.values()
                         if e.document_id == document_id
                         and self.proxy.accepts(e, docs[document_id].title)),
                        key=lambda e: (e.expr_start, e.id))
        if listed:
            self.select_event(listed[0].id, center=False)
        else:
            self.show_document(document_id)

    def show_document(self, document_id: int) -> None:
        """Load a document into the source view with its expressions underlined."""
        doc = self.catalog.documents.get(document_id)
        if doc is None:
            self.source.clear_document()
            self.source_title.setText("")
            self.source_meta.setText("")
            return
        text = load_document_text(self.store, document_id)
        self.source.show_document(document_id, text, self._spans_for(document_id))
        self.source_title.setText(doc.title)
        self.source_title.setStyleSheet(f"border-left: 4px solid {doc.color}; padding-left: 6px;")
        self._update_source_meta(doc)

    def _update_source_meta(self, doc: DocRow) -> None:
        n = sum(1 for e in self.catalog.events.values()
                if e.document_id == doc.id and not e.hidden)
        where = f" · {doc.source_path}" if doc.source_path else ""
        count = f"{n} event{'s' if n != 1 else ''}"
        self.source_meta.setText(f"Article date {day_words(doc.dct)} · {count}{where}")

    def _spans_for(self, document_id: int) -> list[Span]:
        spans = [Span(e.expr_start, e.expr_end, e.id) for e in self.catalog.events.values()
                 if e.document_id == document_id and not e.hidden and e.expr_end > e.expr_start]
        taken = [(s.start, s.end) for s in spans]
        try:
            mentions = load_mentions(self.store, document_id)
        except Exception:  # an older database without mentions still shows its events
            log.exception("cannot read mentions of document %s", document_id)
            mentions = []
        for m in mentions:
            if not any(a < m.end and m.start < b for a, b in taken):
                spans.append(Span(m.start, m.end, None, mention_note(m.text, m.timex_type,
                                                                     m.value)))
        return spans

    def _show_in_source(self, event: EventRow, *, scroll: bool = True) -> None:
        if self.source.document_id != event.document_id:
            self.show_document(event.document_id)
            scroll = True
        self.source.highlight((event.sentence_start, event.sentence_end),
                              (event.expr_start, event.expr_end), scroll=scroll)

    # ======================================================================================
    # view actions
    # ======================================================================================
    def zoom_in(self) -> None:
        self.timeline.zoom_by(2.0)

    def zoom_out(self) -> None:
        self.timeline.zoom_by(0.5)

    def fit_all(self) -> None:
        self.timeline.fit_all()

    def current_document(self) -> DocRow | None:
        for doc_id in (self.source.document_id, self.proxy.document_id):
            if doc_id is not None and doc_id in self.catalog.documents:
                return self.catalog.documents[doc_id]
        if self.catalog.documents:
            return max(self.catalog.documents.values(), key=lambda d: (d.dct, d.id))
        return None

    def go_to_article_date(self) -> None:
        doc = self.current_document()
        if doc is not None:
            self.timeline.go_to(datetime.combine(doc.dct, time(12)))

    def show_keys(self) -> QMessageBox:
        """A cheat sheet of the timeline's keys and gestures that stays open beside the
        window (modeless: the keys can be tried while reading it); F1 again brings the
        open one forward."""
        box = self._keys_box
        if box is not None and box.isVisible():
            box.raise_()
            box.activateWindow()
            return box
        box = QMessageBox(QMessageBox.Icon.Information, "Keyboard and mouse", KEYS_HELP,
                          QMessageBox.StandardButton.Close, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        text = box.findChild(QLabel, "qt_msgbox_label")
        if text is not None:  # wide enough that each line of the sheet stays one line
            text.setMinimumWidth(text.fontMetrics().horizontalAdvance(
                max(KEYS_HELP.splitlines(), key=len)) + 16)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()
        self.active_dialog = box
        self._keys_box = box
        box.destroyed.connect(lambda *_: setattr(self, "_keys_box", None))
        return box

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # ======================================================================================
    # curation
    # ======================================================================================
    def current_event(self) -> EventRow | None:
        if self.current_event_id is None:
            return None
        return self.catalog.events.get(self.current_event_id)

    def _update_actions(self) -> None:
        event = self.current_event()
        for action in (self.act_edit, self.act_hide, self.act_delete):
            action.setEnabled(event is not None)
        if event is not None and event.hidden:
            self.act_hide.setText("Show &hidden event")
        else:
            self.act_hide.setText("&Hide event")
        self.act_add.setEnabled(self.source.document_id is not None
                                and self.source.selected_span() is not None)
        has_events = bool(self.catalog.events)
        self.act_export.setEnabled(has_events)
        self.act_export_image.setEnabled(has_events)
        self.act_goto_dct.setEnabled(bool(self.catalog.documents))

    def _push(self, command) -> bool:
        self._applying = True
        try:
            command.apply()
        except Exception as exc:
            self.show_error(command.text(), f"Could not save the change: {one_line_error(exc)}")
            return False
        finally:
            self._applying = False
        self.undo_stack.push(command)
        self.statusBar().showMessage(f"{command.text()}: saved (Ctrl+Z to undo)", 5000)
        return True

    def _command_failed(self, what: str, exc: Exception) -> None:
        self.show_error(what, f"Could not save the change: {one_line_error(exc)}")

    def edit_event(self, event_id: int | None = None) -> EventDialog | None:
        """Open the edit dialog (non-modal); OK pushes an undoable edit."""
        event = self.catalog.events.get(event_id) if event_id else self.current_event()
        if event is None:
            return None
        doc = self.catalog.documents.get(event.document_id)
        dialog = EventDialog(
            "Edit event", headline=event.headline, start=event.start, end=event.end,
            granularity=event.granularity, expression=event.expr_text,
            note=(f"From {doc.title}, article date {day_words(doc.dct)}." if doc else ""),
            parent=self)
        dialog.accepted.connect(lambda: self.apply_edit(event.id, dialog.values()))
        self._open_dialog(dialog)
        return dialog

    def apply_edit(self, event_id: int, values: dict) -> bool:
        event = self.catalog.events.get(event_id)
        if event is None:
            return False
        changed = {k: v for k, v in values.items() if getattr(event, k) != v}
        if not changed:
            return False
        return self._push(EditEventCommand(self.store, event_id, changed, self._event_changed,
                                           self._command_failed))

    def toggle_hidden(self) -> None:
        event = self.current_event()
        if event is not None:
            self._push(HideEventCommand(self.store, event.id, not event.hidden,
                                        self._event_changed, self._command_failed))

    def delete_event(self) -> None:
        event = self.current_event()
        if event is not None:
            self._push(DeleteEventCommand(self.store, event.id, self._event_changed,
                                          self._command_failed))

    def add_event_from_selection(self) -> EventDialog | None:
        """Prefill a new event from the selected text, using the tagger when it finds a date."""
        span = self.source.selected_span()
        doc = self.catalog.documents.get(self.source.document_id or -1)
        if span is None or doc is None:
            return None
        text = self.source.text_map.text
        sel_start, sel_end = span
        selected = text[sel_start:sel_end]
        start = datetime.combine(doc.dct, time())
        end = start + timedelta(days=1)
        granularity, mod = "day", None
        expr_start, expr_end = sel_start, sel_end
        note = (f"No date found in the selection: dates start at the article date "
                f"{day_words(doc.dct)}.")
        try:
            from timeline_app.timex import tag

            found = [t for t in tag(selected, doc.dct)
                     if t.interval_start is not None and t.interval_end is not None]
        except Exception:
            log.exception("tagging the selection failed")
            found = []
        if found:
            from timeline_app.events import narrow

            t = found[0]
            granularity = t.granularity or "day"
            mod = t.mod
            # the interval an import would draw ("early 2024": the start of the year)
            start, end = narrow(t.interval_start, t.interval_end, granularity, mod)
            expr_start, expr_end = sel_start + t.start, sel_start + t.end
            note = f"Dates from “{t.text}”, read against the article date {day_words(doc.dct)}."
        headline = _headline_from_selection(text, sel_start, sel_end, expr_start, expr_end)
        dialog = EventDialog("Add event", headline=headline, start=start, end=end,
                             granularity=granularity, expression=text[expr_start:expr_end],
                             note=note, parent=self)
        doc_id = doc.id

        def accepted() -> None:
            values = dialog.values()
            command = AddEventCommand(
                self.store, doc_id, expr_start=expr_start, expr_end=expr_end,
                start=values["start"], end=values["end"], granularity=values["granularity"],
                headline=values["headline"], mod=mod, on_change=self._event_changed,
                on_error=self._command_failed)
            if self._push(command) and command.event_id is not None:
                self.select_event(command.event_id)

        dialog.accepted.connect(accepted)
        self._open_dialog(dialog)
        return dialog

    def _open_dialog(self, dialog) -> None:
        self.active_dialog = dialog
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog) -> None:
        if self.active_dialog is dialog:
            self.active_dialog = None
        dialog.deleteLater()

    def _event_changed(self, event_id: int) -> None:
        """Re-read one event after a curation and update every view in place.

        When the selected event leaves the list (deleted, or hidden while hidden events
        are not shown) the selection moves to the row that takes its place, as in any
        list: pressing Delete twice deletes two neighbours, never something far away.
        """
        current_row = self.table.currentIndex().row() if self.current_event_id == event_id \
            else -1
        row = load_event(self.store, event_id)
        old = self.catalog.events.get(event_id)
        if row is None:
            self.catalog.events.pop(event_id, None)
        else:
            self.catalog.events[event_id] = row
        self._items.pop(event_id, None)
        self._items_dirty = True
        self.proxy.forget(event_id)
        self._selecting = True
        try:
            self.model.event_changed(event_id)
        finally:
            self._selecting = False
        doc_id = row.document_id if row else (old.document_id if old else None)
        if doc_id is not None and self.source.document_id == doc_id:
            self.source.set_spans(self._spans_for(doc_id))
            self._update_source_meta(self.catalog.documents[doc_id])
        self.refresh_timeline()

        def listed(event: EventRow | None) -> bool:
            docs = self.catalog.documents
            return event is not None and self.proxy.accepts(
                event, docs[event.document_id].title if event.document_id in docs else "")

        if not self._applying and self.current_event_id != event_id and listed(row):
            # An undo or redo changed it (or brought it back): show it selected, so the
            # user sees what the undo did.
            self.select_event(event_id, origin="api")
        elif self.current_event_id == event_id:
            still_listed = listed(row)
            if still_listed:
                self._selecting = True
                try:
                    self._show_in_source(row, scroll=False)
                    self._select_in_list(event_id)
                finally:
                    self._selecting = False
            else:
                self.current_event_id = None
                self.source.clear_highlight()
                n = self.proxy.rowCount()
                if n and current_row >= 0:
                    index = self.proxy.index(min(current_row, n - 1), 0)
                    self.select_event(index.data(EVENT_ID_ROLE), origin="api", center=False)
                else:
                    self.table.clearSelection()
        self._update_actions()
        self._update_status()
        self.catalogChanged.emit()

    def _table_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.select_event(int(index.data(EVENT_ID_ROLE)), origin="api", center=True)
        menu = QMenu(self)
        menu.addActions([self.act_edit, self.act_hide, self.act_delete])
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _source_menu(self, pos) -> None:
        menu = self.source.createStandardContextMenu()
        menu.addSeparator()
        menu.addAction(self.act_add)
        span = self.source.span_at(pos)
        if span is not None and span.event_id is not None:
            menu.addAction("Select this event", lambda: self._expression_clicked(span.event_id))
        menu.exec(self.source.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # ======================================================================================
    # import and export (off the GUI thread)
    # ======================================================================================
    def import_dialog(self) -> None:
        start_dir = str(self.settings.value("paths/import", os.getcwd()))
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import articles", start_dir,
            "Articles (*.txt *.md);;All files (*)")
        if paths:
            self.settings.setValue("paths/import", str(Path(paths[0]).parent))
            self.import_paths(paths)

    def import_paths(self, paths: Iterable[str | os.PathLike]) -> Task | None:
        """Ingest files and folders in a worker thread; returns the running task."""
        from timeline_app.store import ingest_paths

        paths = [os.fspath(p) for p in paths]
        if not paths:
            return None
        store = self.store

        def job(progress, cancelled):
            return ingest_paths(store, paths, progress=progress, cancel=cancelled)

        return self._start_task("Importing articles…", job, self._import_done)

    def _import_done(self, report) -> None:
        previous = set(self.catalog.documents)
        self.reload()
        added = [r for r in report.results if r.status in ("added", "updated")]
        n_events = sum(r.n_events for r in added)
        unchanged = sum(1 for r in report.results if r.status == "unchanged")
        parts = [f"Imported {len(added)} article{'s' if len(added) != 1 else ''} "
                 f"({n_events} event{'s' if n_events != 1 else ''})"]
        if unchanged:
            parts.append(f"{unchanged} already present")
        if report.errors:
            parts.append(f"{len(report.errors)} failed")
        self.statusBar().showMessage(", ".join(parts), 8000)
        new_docs = [r.document_id for r in added if r.document_id not in previous]
        if new_docs:
            self._reveal_document(new_docs[0])
        if report.errors:
            lines = [f"{path}: {reason}" for path, reason in report.errors]
            self.show_error(
                "Import",
                f"{len(report.errors)} of {len(report.errors) + len(report.results)} "
                f"files could not be imported.\n\n" + "\n".join(lines[:12])
                + ("\n…" if len(lines) > 12 else ""),
                details="\n".join(lines))

    def _reveal_document(self, document_id: int) -> None:
        """After an import, show the new article, all its events and its first one."""
        events = sorted((e for e in self.catalog.events.values()
                         if e.document_id == document_id and not e.hidden),
                        key=lambda e: (e.expr_start, e.id))
        docs = self.catalog.documents
        if events and not any(self.proxy.accepts(e, docs[document_id].title) for e in events):
            # The filters in force would hide the article just imported: show it anyway.
            self.clear_filters()
            self.statusBar().showMessage(
                self.statusBar().currentMessage() + " · filters cleared to show it", 8000)
        self.show_document(document_id)
        doc = docs.get(document_id)
        if doc is not None:
            dct = datetime.combine(doc.dct, time(12))
            lo = min([dct] + [e.start for e in events])
            hi = max([dct] + [e.end for e in events])
            if hi - lo < REVEAL_MIN_SPAN:  # an article about one week: show some context
                mid = lo + (hi - lo) / 2
                lo, hi = mid - REVEAL_MIN_SPAN / 2, mid + REVEAL_MIN_SPAN / 2
            self.timeline.fit_span(lo, hi)
        if events:
            self.select_event(events[0].id, center=False)

    def paste_dialog(self) -> PasteArticleDialog:
        dialog = PasteArticleDialog(self)
        dialog.accepted.connect(lambda: self.ingest_pasted(*dialog.article()))
        self._open_dialog(dialog)
        return dialog

    def ingest_pasted(self, text: str, title: str | None, dct: date) -> Task | None:
        from timeline_app.store import ingest_text

        store = self.store
        name = title or "pasted article"

        def job(progress, cancelled):
            progress(0, 1, name)
            result = ingest_text(store, text, title=title, dct=dct)
            progress(1, 1, name)
            return result

        def done(result) -> None:
            self.reload()
            events = f"{result.n_events} event{'s' if result.n_events != 1 else ''}"
            if result.status == "unchanged":
                message = f"The pasted article was already there ({events}); nothing changed"
            else:
                message = f"Pasted article {result.status}: {events}"
            self.statusBar().showMessage(message, 8000)
            self._reveal_document(result.document_id)

        return self._start_task("Importing the pasted article…", job, done,
                                error_title=f"Import of {name}")

    def export_dialog(self) -> None:
        start_dir = str(self.settings.value("paths/export", os.getcwd()))
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export events", os.path.join(start_dir, "timeline.csv"),
            ";;".join(EXPORT_FILTERS))
        if path:
            fmt, suffix = EXPORT_FILTERS.get(chosen, ("csv", ".csv"))
            if fmt == "timeml" and self._documents_to_export() > 1:
                # One TimeML file per article: the chosen name becomes their folder.
                path = str(Path(path).with_suffix(""))
            elif not Path(path).suffix:
                path += suffix
            self.settings.setValue("paths/export", str(Path(path).parent))
            self.export_to(path, fmt)

    def _documents_to_export(self) -> int:
        return 1 if self.proxy.document_id is not None else len(self.catalog.documents)

    def export_to(self, path: str | os.PathLike, fmt: str = "csv") -> Task:
        """Export the events the filters select (document, dates) in a worker thread."""
        from timeline_app.export import export_events

        store = self.store
        out = Path(path)
        document_id = self.proxy.document_id
        date_from, date_to = self.proxy.date_from, self.proxy.date_to

        def job(progress, cancelled):
            def report(done: int, total: int) -> None:
                # Raising Cancelled here stops the writer and removes its temporary file;
                # the last call comes after the file is in place, when it is too late.
                if done < total:
                    progress(done, total, out.name)

            return export_events(store, out, fmt, document_id=document_id,
                                 date_from=date_from, date_to=date_to, progress=report)

        def done(count) -> None:
            where = f"into the folder {out}" if out.is_dir() else f"to {out}"
            self.statusBar().showMessage(
                f"Exported {count} event{'s' if count != 1 else ''} {where}", 8000)

        return self._start_task(f"Exporting to {out.name}…", job, done,
                                error_title=f"Export to {out}")

    def export_image_dialog(self) -> None:
        start_dir = str(self.settings.value("paths/export", os.getcwd()))
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export timeline image", os.path.join(start_dir, "timeline.png"),
            ";;".join(IMAGE_FILTERS))
        if path:
            if not Path(path).suffix:
                path += IMAGE_FILTERS.get(chosen, ".png")
            self.settings.setValue("paths/export", str(Path(path).parent))
            self.export_image(path)

    def export_image(self, path: str | os.PathLike) -> bool:
        try:
            self.timeline.export_image(os.fspath(path))
        except Exception as exc:
            self.show_error("Export image", f"{os.fspath(path)}: {one_line_error(exc)}")
            return False
        self.statusBar().showMessage(f"Saved the timeline to {os.fspath(path)}", 8000)
        return True

    def _start_task(self, label: str, job, on_success, *, error_title: str | None = None) -> Task:
        task = Task(label, job, self)
        progress = QProgressDialog(label, "Cancel", 0, 0, self)
        text = QLabel(label, progress)  # file names are shown as they are, never as markup
        text.setTextFormat(Qt.TextFormat.PlainText)
        progress.setLabel(text)
        progress.setMinimumWidth(440)  # wide enough for a path: no jumping as names change
        progress.setWindowTitle("Timeline")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(task.cancel)

        def on_progress(done: int, total: int, what: str) -> None:
            if total > 0:
                progress.setMaximum(total)
                progress.setValue(min(done, total))
            if what:
                progress.setLabelText(f"{label}\n{_short(what)}")

        def finish() -> None:
            progress.reset()
            progress.hide()
            progress.deleteLater()
            if self.progress is progress:
                self.progress = None
            if task in self.tasks:
                self.tasks.remove(task)
            # The outcome is the worker's last act, but its run() may not have returned
            # yet: deleting a running QThread aborts the process.
            task.wait()
            task.deleteLater()

        def succeeded(result) -> None:
            finish()
            on_success(result)

        def failed(message: str) -> None:
            finish()
            self.show_error(error_title or label.rstrip("…"), message)

        def cancelled() -> None:
            finish()
            self.statusBar().showMessage(f"{label.rstrip('…')}: cancelled", 8000)
            self.reload()

        task.progressed.connect(on_progress)
        task.succeeded.connect(succeeded)
        task.failed.connect(failed)
        task.cancelled.connect(cancelled)
        self.progress = progress
        self.tasks.append(task)
        task.start()
        return task

    def show_error(self, title: str, message: str, details: str | None = None) -> QMessageBox:
        """A non-blocking warning box that names the file and the reason."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, message,
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        if details:
            box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_error = box
        box.open()
        self.statusBar().showMessage(message.splitlines()[0], 8000)
        return box

    def reload(self) -> None:
        """Re-read the whole catalog (after imports), keeping selection and filters."""
        self.catalog = load_catalog(self.store, palette_color)
        self._items.clear()
        self._items_dirty = True
        self.proxy.forget()
        self.model.reload(self.catalog)
        self._populate_filters()
        self._filters_changed()
        self.refresh_timeline()
        if self.current_event_id is not None and self.current_event_id in self.catalog.events:
            self._selecting = True
            try:
                self._select_in_list(self.current_event_id)
            finally:
                self._selecting = False
        elif self.source.document_id is None:
            self._show_latest_document()
        self._update_actions()
        self.catalogChanged.emit()

    # --- drag and drop --------------------------------------------------------------------
    @staticmethod
    def _dropped_paths(mime) -> list[str]:
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event) -> None:
        paths = self._dropped_paths(event.mimeData())
        if any(os.path.isdir(p) or p.lower().endswith(ARTICLE_SUFFIXES) for p in paths):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = self._dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # ======================================================================================
    # status, settings
    # ======================================================================================
    def _update_status(self) -> None:
        shown = self.proxy.rowCount()
        total = sum(1 for e in self.catalog.events.values() if not e.hidden)
        n_docs = len(self.catalog.documents)
        docs = f"{n_docs} document{'s' if n_docs != 1 else ''}"
        if shown == total:
            text = f"{docs} · {shown} event{'s' if shown != 1 else ''}"
        else:
            text = f"{docs} · {shown} of {total} event{'s' if total != 1 else ''} shown"
        self.status_label.setText(text)

    def _show_latest_document(self) -> None:
        if self.catalog.documents:
            latest = max(self.catalog.documents.values(), key=lambda d: (d.dct, d.id))
            self.show_document(latest.id)
        else:
            self.source.clear_document()
            self.source_title.setText("No articles yet")
            self.source_meta.setText("Import articles (Ctrl+O), paste one (Ctrl+Shift+V) "
                                     "or drop files on the window.")

    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(self._first_size())
        state = s.value("window/state")
        if state is not None:
            self.restoreState(state)
        for key, splitter in (("window/mainSplitter", self.main_splitter),
                              ("window/bottomSplitter", self.bottom_splitter)):
            value = s.value(key)
            if value is not None:
                splitter.restoreState(value)
        header = s.value("list/header")
        if header is not None and self.table.horizontalHeader().restoreState(header):
            self._columns_fitted_by_user = True
            self.proxy.sort(self.table.horizontalHeader().sortIndicatorSection(),
                            self.table.horizontalHeader().sortIndicatorOrder())
        if s.value("window/mainSplitter") is None:
            self.main_splitter.setSizes([480, 380])
            self.bottom_splitter.setSizes([620, 760])
        self.act_show_hidden.setChecked(s.value("view/showHidden", False, type=bool))
        view_state = s.value("view/timeline")
        restored = False
        if view_state:
            try:
                self.timeline.restore_state(json.loads(str(view_state),
                                                       object_hook=_decode_state))
                restored = True
            except Exception:  # a state from another version: fall back to fit-all
                log.warning("ignoring an unreadable saved timeline state")
        # Without a remembered view, fit everything once the window has its real size
        # (fitting now would fit the width of a widget that is not laid out yet).
        self._fit_on_show = not restored
        selected = s.value("view/selectedEvent")
        try:
            selected_id = int(selected) if selected not in (None, "") else None
        except (TypeError, ValueError):
            selected_id = None
        if selected_id is not None and selected_id in self.catalog.events:
            self.select_event(selected_id, center=False)
        else:
            self._first_launch_selection()

    def _first_size(self) -> QSize:
        """1400 x 900, or less on a smaller screen (a 1366 x 768 laptop would otherwise
        get a window taller than itself, its title bar out of reach)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return QSize(1400, 900)
        avail = screen.availableGeometry()
        return QSize(min(1400, int(avail.width() * 0.92)), min(900, int(avail.height() * 0.9)))

    def _first_launch_selection(self) -> None:
        """Show the newest article with its first event selected, so a new user sees at
        once how the timeline, the list and the text hang together."""
        self._show_latest_document()
        doc_id = self.source.document_id
        firsts = sorted((e for e in self.catalog.events.values()
                         if e.document_id == doc_id and not e.hidden),
                        key=lambda e: (e.expr_start, e.id))
        if firsts:
            self.select_event(firsts[0].id, center=False)

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/mainSplitter", self.main_splitter.saveState())
        s.setValue("window/bottomSplitter", self.bottom_splitter.saveState())
        if self._columns_fitted_by_user:
            s.setValue("list/header", self.table.horizontalHeader().saveState())
        s.setValue("view/showHidden", self.act_show_hidden.isChecked())
        try:
            s.setValue("view/timeline", json.dumps(self.timeline.state(), default=_encode_state))
        except (TypeError, ValueError):
            log.warning("the timeline state could not be saved")
        s.setValue("view/selectedEvent",
                   "" if self.current_event_id is None else str(self.current_event_id))
        s.sync()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._fit_on_show:
            self._fit_on_show = False
            QTimer.singleShot(0, self.timeline.fit_all)
        if not self._shown_once:
            # The selection restored at start-up scrolled a text view that had no size
            # yet; once laid out, bring the highlighted sentence into view for real.
            self._shown_once = True
            QTimer.singleShot(0, self._scroll_source_to_highlight)

    def _scroll_source_to_highlight(self) -> None:
        highlighted = self.source.highlighted
        if highlighted is not None:
            s_start, s_end, x_start, _x_end = highlighted
            self.source.scroll_to(s_start, s_end, x_start)

    def closeEvent(self, event: QCloseEvent) -> None:
        for task in list(self.tasks):
            task.cancel()
        for task in list(self.tasks):
            task.wait(10000)
        self.save_settings()
        super().closeEvent(event)


def mention_note(text: str, timex_type: str, value: str) -> str:
    """Why an underlined expression has no place on the timeline."""
    if timex_type == "SET":
        what = f"a repeating time ({value})" if value else "a repeating time"
    elif timex_type == "DURATION":
        what = f"a length of time ({value})" if value else "a length of time"
    else:
        what = f"a time expression ({value})" if value else "a time expression"
    return f"“{text}”: {what}\nNot tied to a date, so it is not on the timeline"


def _short(path: str, limit: int = 70) -> str:
    return path if len(path) <= limit else "…" + path[-(limit - 1):]


def _color_icon(color: str) -> QIcon:
    from PySide6.QtGui import QColor, QPainter, QPixmap

    pix = QPixmap(12, 12)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pix)


def _headline_from_selection(text: str, sel_start: int, sel_end: int, expr_start: int,
                             expr_end: int) -> str:
    """A headline for a hand-made event: the selection without its time expression."""
    try:
        from timeline_app.events import make_headline

        made = make_headline(text[sel_start:sel_end], expr_start - sel_start,
                             expr_end - sel_start)
        if made.strip():
            return made.strip()
    except Exception:
        log.exception("headline from selection failed")
    words = (text[sel_start:expr_start] + " " + text[expr_end:sel_end]).split()
    return " ".join(words[:12]) or text[sel_start:sel_end].strip()
