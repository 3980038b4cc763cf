"""The article text, read-only, with every time expression underlined and clickable.

Articles are shown with ``setPlainText`` only: a news text may contain ``<script>`` or
``&amp;`` and must show exactly those characters. Highlights are ``ExtraSelection``s on top
of the plain document, so nothing is ever inserted into the text itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from timeline_app.ui.textmap import OffsetMap
from timeline_app.ui.timeline.items import tooltip_html


@dataclass(slots=True)
class Span:
    start: int  # Python offsets into the document text
    end: int
    event_id: int | None  # None: a mention that is not an event (e.g. "daily")
    note: str = ""        # what a mention is, shown on hover (events explain themselves)


class SourceView(QPlainTextEdit):
    """Emits ``expressionClicked(event_id)`` when an underlined expression is clicked."""

    expressionClicked = Signal(int)
    #: Hover text of an event's expression (the window gives the timeline's explanation).
    event_tooltip: Callable[[int], str] | None = None

    SENTENCE_BG = QColor("#fff4c2")
    EXPR_BG = QColor("#ffb54d")
    UNDERLINE = QColor("#2f6db5")
    MENTION_UNDERLINE = QColor("#9a9a9a")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.document_id: int | None = None
        self._map = OffsetMap("")
        self._spans: list[Span] = []
        self._underlines: list[QTextEdit.ExtraSelection] = []
        self._highlight: list[QTextEdit.ExtraSelection] = []
        self._press_pos: QPoint | None = None
        self.highlighted: tuple[int, int, int, int] | None = None  # sentence + expression
        self.setPlaceholderText("Select an event to see the sentence it comes from.")

    # -- content ---------------------------------------------------------------------------
    def show_document(self, document_id: int | None, text: str, spans: list[Span]) -> None:
        self.document_id = document_id
        self._map = OffsetMap(text)
        self.setPlainText(text)
        self._spans = sorted(spans, key=lambda s: (s.start, s.end))
        self._highlight = []
        self.highlighted = None
        self._underlines = [self._underline(s) for s in self._spans]
        self._apply()

    def set_spans(self, spans: list[Span]) -> None:
        """Replace the underlined expressions (after an edit) keeping the text and scroll."""
        self._spans = sorted(spans, key=lambda s: (s.start, s.end))
        self._underlines = [self._underline(s) for s in self._spans]
        self._apply()

    def clear_document(self) -> None:
        self.show_document(None, "", [])

    @property
    def text_map(self) -> OffsetMap:
        return self._map

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(self._map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _underline(self, span: Span) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        sel.cursor = self._cursor(span.start, span.end)
        fmt = QTextCharFormat()
        fmt.setFontUnderline(True)
        if span.event_id is not None:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(self.UNDERLINE)
            fmt.setForeground(self.UNDERLINE.darker(130))
        else:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(self.MENTION_UNDERLINE)
        sel.format = fmt
        return sel

    def _apply(self) -> None:
        self.setExtraSelections(self._highlight + self._underlines)

    # -- highlighting ----------------------------------------------------------------------
    def highlight(self, sentence: tuple[int, int], expression: tuple[int, int], *,
                  scroll: bool = True) -> None:
        """Mark the sentence softly and the expression strongly, and bring them into view
        (unless ``scroll`` is False: the user just clicked there, keep the text still)."""
        s_start, s_end = sentence
        x_start, x_end = expression
        sent = QTextEdit.ExtraSelection()
        sent.cursor = self._cursor(s_start, s_end)
        sent_fmt = QTextCharFormat()
        sent_fmt.setBackground(self.SENTENCE_BG)
        sent.format = sent_fmt
        expr = QTextEdit.ExtraSelection()
        expr.cursor = self._cursor(x_start, x_end)
        expr_fmt = QTextCharFormat()
        expr_fmt.setBackground(self.EXPR_BG)
        expr_fmt.setFontWeight(QFont.Weight.Bold)
        expr_fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
        expr.format = expr_fmt
        self._highlight = [sent, expr]
        self.highlighted = (s_start, s_end, x_start, x_end)
        self._apply()
        if scroll:
            self.scroll_to(s_start, s_end, x_start)

    def clear_highlight(self) -> None:
        self._highlight = []
        self.highlighted = None
        self._apply()

    def scroll_to(self, s_start: int, s_end: int, x_start: int) -> None:
        """Centre the expression, but show the sentence's start when it fits on screen."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_qt(x_start))
        self.setTextCursor(cursor)
        self.centerCursor()
        start_rect = self.cursorRect(self._cursor(s_start, s_start))
        if start_rect.top() < 0:
            bar = self.verticalScrollBar()
            end_rect = self.cursorRect(self._cursor(s_end, s_end))
            if end_rect.bottom() - start_rect.top() < self.viewport().height():
                # whole sentence fits: scroll up just enough to show its first line
                lines = -start_rect.top() // max(1, self.fontMetrics().lineSpacing()) + 1
                bar.setValue(bar.value() - lines)

    def is_visible(self, start: int, end: int) -> bool:
        """Whether the text between two offsets is (at least partly) inside the viewport."""
        top = self.cursorRect(self._cursor(start, start))
        bottom = self.cursorRect(self._cursor(end, end))
        height = self.viewport().height()
        return bottom.bottom() >= 0 and top.top() <= height

    def expression_rect(self, start: int):
        """Viewport rectangle of the character at ``start`` (tests click there)."""
        return self.cursorRect(self._cursor(start, start))

    # -- clicking an expression ------------------------------------------------------------
    def span_at(self, pos: QPoint) -> Span | None:
        cursor = self.cursorForPosition(pos)
        offset = self._map.from_qt(cursor.position())
        # cursorForPosition rounds to the nearest gap: check the character on each side
        for probe in (offset, offset - 1):
            for span in self._spans:
                if span.start <= probe < span.end:
                    return span
                if span.start > probe:
                    break
        return None

    def mousePressEvent(self, event) -> None:
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        if (event.button() == Qt.MouseButton.LeftButton and self._press_pos is not None
                and (pos - self._press_pos).manhattanLength() < 4
                and not self.textCursor().hasSelection()):
            span = self.span_at(pos)
            if span is not None and span.event_id is not None:
                self.expressionClicked.emit(span.event_id)
        self._press_pos = None

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton:
            span = self.span_at(event.position().toPoint())
            shape = (Qt.CursorShape.PointingHandCursor if span and span.event_id is not None
                     else Qt.CursorShape.IBeamCursor)
            self.viewport().setCursor(shape)

    def tooltip_at(self, pos: QPoint) -> str:
        """Plain hover text for the expression under a viewport point ("" for none)."""
        span = self.span_at(pos)
        if span is None:
            return ""
        if span.event_id is not None:
            text = self.event_tooltip(span.event_id) if self.event_tooltip else ""
            return text + "\nClick to select it on the timeline" if text else ""
        return span.note

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), tooltip_html(text), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    # -- selection for "Add event from selection" -------------------------------------------
    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return (self._map.from_qt(cursor.selectionStart()),
                self._map.from_qt(cursor.selectionEnd()))
