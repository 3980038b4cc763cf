"""Dialogs for curating events and pasting an article.

Intervals are half-open in the store (``[start, end)``) but people name the last day they
mean, so for day-level and coarser events the dialog shows an inclusive "To" date and
converts on the way out. Sub-day events keep clock times.
"""

from __future__ import annotations

import html
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QDateTime, QEvent, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from timeline_app.ui.data import GRANULARITIES, SUB_DAY, day_words, inclusive_end

DATE_FMT = "ddd d MMM yyyy"
EARLIEST = QDate(100, 1, 1)  # the earliest date Qt's date widgets can show
EXPRESSION_MAX = 160  # characters of a selected expression shown in the event dialog
DATETIME_FMT = "ddd d MMM yyyy HH:mm"


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day),
                     QTime(value.hour, value.minute, value.second))


def from_qdatetime(value: QDateTime) -> datetime:
    d = value.date()
    t = value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class EventDialog(QDialog):
    """Edit (or create) an event's headline, interval and granularity."""

    def __init__(self, title: str, *, headline: str, start: datetime, end: datetime,
                 granularity: str, expression: str = "", context: str = "",
                 note: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(540)
        layout = QVBoxLayout(self)
        if context:
            ctx = QLabel(context)
            ctx.setTextFormat(Qt.TextFormat.PlainText)
            ctx.setWordWrap(True)
            ctx.setStyleSheet("color: #555;")
            layout.addWidget(ctx)
        form = QFormLayout()
        self.headline = QLineEdit(headline)
        self.headline.setCursorPosition(0)  # show the start of a long headline
        self.headline.setPlaceholderText("What happened")
        form.addRow("&Headline:", self.headline)
        if expression:
            # A long selection must neither widen the dialog past the screen nor be cut
            # mid-word at its edge: wrap it, and shorten very long ones in the middle.
            shown = " ".join(expression.split())
            if len(shown) > EXPRESSION_MAX:
                half = EXPRESSION_MAX // 2
                shown = f"{shown[:half].rstrip()} … {shown[-half:].lstrip()}"
            self.expression_label = QLabel(f"“{shown}”")
            self.expression_label.setTextFormat(Qt.TextFormat.PlainText)
            self.expression_label.setWordWrap(True)
            if shown != expression:  # escaped: article text is never taken as markup
                self.expression_label.setToolTip(f"<qt>{html.escape(expression)}</qt>")
            form.addRow("Expression:", self.expression_label)
        self.granularity = QComboBox()
        self.granularity.addItems(list(GRANULARITIES))
        if granularity not in GRANULARITIES:
            self.granularity.addItem(granularity)
        self.granularity.setCurrentText(granularity)
        form.addRow("&Granularity:", self.granularity)
        self.start_edit = QDateTimeEdit()
        self.end_edit = QDateTimeEdit()
        for w in (self.start_edit, self.end_edit):
            w.setCalendarPopup(True)
            # Qt's default floor is 14 Sep 1752: "1492" would silently become 1752.
            w.setMinimumDate(EARLIEST)
        form.addRow("&From:", self.start_edit)
        self.end_label = QLabel("&To:")
        self.end_label.setBuddy(self.end_edit)
        form.addRow(self.end_label, self.end_edit)
        layout.addLayout(form)
        self.note = QLabel(note)
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # it names the article's title
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.note.setVisible(bool(note))
        layout.addWidget(self.note)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._sub_day = granularity in SUB_DAY
        self._set_interval(start, end, granularity)
        # Until the user changes the dates or the granularity, the event keeps its exact
        # interval: a headline edit must not move it by a rounding of the date widgets.
        self._original = (start, end)
        self._dates_touched = False
        for w in (self.start_edit, self.end_edit):
            w.dateTimeChanged.connect(self._touch)
        self.granularity.currentTextChanged.connect(self._granularity_changed)
        if start.year < EARLIEST.year():
            # The widgets cannot show it: keep the interval, edit only the headline.
            for w in (self.start_edit, self.end_edit, self.granularity):
                w.setEnabled(False)
            self.note.setText((note + "\n" if note else "")
                              + "Dates before the year 100 can only be kept, not edited, here.")
            self.note.show()

    def _set_interval(self, start: datetime, end: datetime, granularity: str) -> None:
        self._sub_day = granularity in SUB_DAY
        fmt = DATETIME_FMT if self._sub_day else DATE_FMT
        for w in (self.start_edit, self.end_edit):
            w.setDisplayFormat(fmt)
        self.start_edit.setDateTime(to_qdatetime(start))
        self.end_edit.setDateTime(to_qdatetime(inclusive_end(start, end, granularity)))
        self.end_label.setText("&Until:" if self._sub_day else "&To (last day):")

    def _touch(self, *_args) -> None:
        self._dates_touched = True

    def _granularity_changed(self, granularity: str) -> None:
        start, end = self.interval()
        self._set_interval(start, end, granularity)
        self._dates_touched = True

    def interval(self) -> tuple[datetime, datetime]:
        """The half-open interval the widgets describe (the original one, exactly, while
        the user has not changed the dates)."""
        if not getattr(self, "_dates_touched", True):
            return self._original
        start = from_qdatetime(self.start_edit.dateTime())
        end = from_qdatetime(self.end_edit.dateTime())
        if not self._sub_day:
            start = datetime.combine(start.date(), time())
            end = datetime.combine(end.date(), time()) + timedelta(days=1)
        return start, end

    def values(self) -> dict:
        start, end = self.interval()
        return {"headline": self.headline.text().strip(), "start": start, "end": end,
                "granularity": self.granularity.currentText()}

    def validate(self) -> str | None:
        values = self.values()
        if not values["headline"]:
            return "The headline cannot be empty."
        if values["end"] <= values["start"]:
            return "The interval must end after it starts."
        return None

    def accept(self) -> None:
        problem = self.validate()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        super().accept()


class PasteArticleDialog(QDialog):
    """Paste an article's text; the DCT is prefilled from a ``date YYYY-MM-DD`` header."""

    dctDetected = Signal(object)
    DEFAULT_HINT = "The article date anchors “last week”, “on Monday” and the like."

    def __init__(self, parent=None, today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Paste article")
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Optional; the first line of the text otherwise")
        form.addRow("&Title:", self.title_edit)
        self.dct_edit = QDateEdit()
        self.dct_edit.setCalendarPopup(True)
        self.dct_edit.setDisplayFormat(DATE_FMT)
        self.dct_edit.setDate(to_qdate(today or date.today()))
        form.addRow("Article &date:", self.dct_edit)
        layout.addLayout(form)
        self.text_edit = QPlainTextEdit()
        # Tab leaves the text for the buttons (a tab character is never what an article
        # needs) so that the keyboard is not trapped in the text box.
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText(
            "Paste the article here. A first line like “date 2022-11-08” sets the article date."
        )
        layout.addWidget(self.text_edit, 1)
        self.hint = QLabel(self.DEFAULT_HINT)
        self.hint.setStyleSheet("color: #555;")
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Import")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setToolTip("Import (Ctrl+Return)")
        # Return types a new line in the text, so Ctrl+Return there imports.
        self.text_edit.installEventFilter(self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._header_dct: date | None = None
        self.text_edit.textChanged.connect(self._text_changed)
        self._update_ok()

    def _text_changed(self) -> None:
        from timeline_app.timex.documents import dct_from_header

        text = self.text_edit.toPlainText()
        try:
            found = dct_from_header(text)
        except Exception:
            found = None
        if found is not None and found != self._header_dct:
            self.dct_edit.setDate(to_qdate(found))
            self.hint.setText(f"Article date taken from the text's header: {day_words(found)}.")
            self.dctDetected.emit(found)
        elif found is None and self._header_dct is not None:
            # The header was edited away: the date stays, but it is no longer "from it".
            self.hint.setText(self.DEFAULT_HINT)
        self._header_dct = found
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.text_edit.toPlainText().strip()))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt naming
        if (watched is self.text_edit and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
                self.accept()
            return True
        return super().eventFilter(watched, event)

    def article(self) -> tuple[str, str | None, date]:
        """(text, title or None, DCT)"""
        title = self.title_edit.text().strip() or None
        return self.text_edit.toPlainText(), title, from_qdate(self.dct_edit.date())
