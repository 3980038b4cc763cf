"""Offsets in the store are Python indexes; Qt counts UTF-16 units and folds \\r\\n."""

from PySide6.QtGui import QTextCursor

from timeline_app.ui.source_view import SourceView, Span
from timeline_app.ui.textmap import OffsetMap


def test_identity_for_plain_text():
    m = OffsetMap("On Monday, Peskov said.")
    assert [m.to_qt(i) for i in (0, 3, 23)] == [0, 3, 23]
    assert m.from_qt(9) == 9


def test_crlf_and_astral_characters_shift_qt_positions():
    text = "a\r\nb😀c On Monday"
    m = OffsetMap(text)
    start = text.index("On Monday")
    # \r\n becomes one paragraph break, the emoji is two UTF-16 units
    assert m.to_qt(start) == start  # one unit less for \r, one more for the emoji
    assert m.from_qt(m.to_qt(start)) == start
    assert m.to_qt(len(text)) == len(text)  # -1 for \r, +1 for the surrogate pair


def test_source_view_selects_the_right_characters_after_crlf_and_emoji(qtbot):
    text = "Title\r\n\r\nFans 😀 cheered. On Monday, Peskov spoke.\r\n"
    view = SourceView()
    qtbot.addWidget(view)
    start = text.index("On Monday")
    view.show_document(1, text, [Span(start, start + len("On Monday"), 7)])
    sentence = (text.index("On Monday"), text.index("spoke.") + len("spoke."))
    view.highlight(sentence, (start, start + 9))
    selections = view.extraSelections()
    chosen = [s.cursor.selectedText() for s in selections]
    assert "On Monday" in chosen
    assert "On Monday, Peskov spoke." in chosen


def test_source_view_never_interprets_markup(qtbot):
    text = "<b>Not bold</b> &amp; <script>alert(1)</script> last week"
    view = SourceView()
    qtbot.addWidget(view)
    view.show_document(1, text, [])
    assert view.toPlainText() == text
    cursor = QTextCursor(view.document())
    cursor.movePosition(QTextCursor.MoveOperation.End)
    assert cursor.position() == len(text)


def test_selected_span_maps_back_to_python_offsets(qtbot):
    text = "x😀\r\nin June we met"
    view = SourceView()
    qtbot.addWidget(view)
    view.show_document(1, text, [])
    start = text.index("in June")
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.text_map.to_qt(start))
    cursor.setPosition(view.text_map.to_qt(start + 7), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert view.selected_span() == (start, start + 7)
    assert text[slice(*view.selected_span())] == "in June"
