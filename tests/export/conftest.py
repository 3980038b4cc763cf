from __future__ import annotations

from datetime import date
from datetime import datetime as D

import pytest

from timeline_app.events import events_from_timexes
from timeline_app.store import open_store
from timeline_app.store.ingest import write_document
from timeline_app.timex import Timex

TEXT = (
    "date 2022-11-08\n\n"
    "=HYPERLINK(\"http://evil\") happened on Monday, he said. "
    "Prices rose in early October, with \"quotes\", commas\nand a line break. "
    "A conference took place in 2021. The rally lasted the past eight months. "
    "Kyiv is shelled daily."
)


def _tx(expr, type_, value, start=None, end=None, gran=None, mod=None):
    pos = TEXT.index(expr)
    return Timex(pos, pos + len(expr), expr, type_, value, mod, start, end, gran, "r", "DCT")


TIMEXES = [
    _tx("Monday", "DATE", "2022-11-07", D(2022, 11, 7), D(2022, 11, 8), "day"),
    _tx("early October", "DATE", "2022-10", D(2022, 10, 1), D(2022, 11, 1), "month", "START"),
    _tx("2021", "DATE", "2021", D(2021, 1, 1), D(2022, 1, 1), "year"),
    _tx("the past eight months", "DURATION", "P8M", D(2022, 3, 8), D(2022, 11, 8), "month"),
    _tx("daily", "SET", "P1D"),
]


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "export.db")
    write_document(s, TEXT, title="-Evil title", source_path=None, dct=date(2022, 11, 8),
                   extraction=events_from_timexes(TEXT, TIMEXES))
    yield s
    s.close()


@pytest.fixture
def text():
    return TEXT
