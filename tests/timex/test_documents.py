"""Reading articles and their DCT: the happy path and every way a file can be bad."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from timeline_app.timex.documents import DocumentError, dct_from_header, load_text, parse_dct
from timeline_app.timex.model import TimexError

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_load_text_keeps_bytes_exactly(tmp_path):
    path = tmp_path / "a.txt"
    raw = " date 2022-11-08 \r\n\r\nWashington CNN\u2014 text\rmore\n"
    path.write_bytes(raw.encode("utf-8"))
    assert load_text(path) == raw
    assert load_text(str(path)) == raw


def test_load_text_keeps_bom_so_offsets_match_the_file(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfdate 2022-11-08\nHello")
    assert load_text(path) == "\ufeffdate 2022-11-08\nHello"


def test_invalid_utf8_names_byte_and_offset(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"hello world!\xff rest")
    with pytest.raises(DocumentError) as info:
        load_text(path)
    err = info.value
    assert err.path == str(path)
    assert err.reason == "not valid UTF-8 (byte 0xff at offset 12)"
    assert str(err) == f"{path}: not valid UTF-8 (byte 0xff at offset 12)"
    assert "\n" not in str(err)


def test_latin1_file_is_rejected(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("caf\u00e9 in June".encode("latin-1"))
    with pytest.raises(DocumentError, match=r"byte 0xe9 at offset 3"):
        load_text(path)


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (b"  \n\t\r\n ", "contains only whitespace"),
     (b"\xef\xbb\xbf \n", "contains only whitespace")],
)
def test_empty_and_blank_files(tmp_path, content, reason):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as info:
        load_text(path)
    assert info.value.reason == reason


def test_missing_file(tmp_path):
    path = tmp_path / "nope.txt"
    with pytest.raises(DocumentError) as info:
        load_text(path)
    assert str(info.value) == f"{path}: no such file"


def test_directory(tmp_path):
    with pytest.raises(DocumentError) as info:
        load_text(tmp_path)
    assert info.value.reason == "is a directory, not a text file"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("date 2022-11-08\n")
    path.chmod(0)
    try:
        with pytest.raises(DocumentError, match="permission denied"):
            load_text(path)
    finally:
        path.chmod(0o600)


def test_document_error_is_an_exception_with_attributes():
    err = DocumentError("x/y.txt", "empty file")
    assert isinstance(err, Exception)
    assert (err.path, err.reason, str(err)) == ("x/y.txt", "empty file", "x/y.txt: empty file")


@pytest.mark.parametrize(
    "text",
    [
        " date 2022-11-08 \n\nBody",
        "date 2022-11-08\nBody",
        "Date: 2022-11-08\nBody",
        "DATE:2022-11-08",
        "\n\n   \n\tdate   2022-11-08\t\r\nBody",
        "\ufeffdate 2022-11-08\nBody",
    ],
)
def test_dct_from_header(text):
    assert dct_from_header(text) == date(2022, 11, 8)


def test_dct_from_example_article():
    seed = SEEDS / "2022-11-08-cnn-us-urges-ukraine-openness-to-talks.txt"
    assert dct_from_header(load_text(seed)) == date(2022, 11, 8)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n  ",
        "Washington CNN\ndate 2022-11-08\n",  # header must be the first non-blank line
        "The date 2022-11-08 was chosen.\n",
        "Date: yesterday\n",
        "dated 2022-11-08\n",
        "2022-11-08\n",
    ],
)
def test_no_header(text):
    assert dct_from_header(text) is None


@pytest.mark.parametrize("text", ["date 2022-02-30\n", "Date: 2022-13-01", "date 2022-11-8"])
def test_header_with_impossible_date_raises(text):
    with pytest.raises(TimexError, match="invalid DCT"):
        dct_from_header(text)


def test_parse_dct():
    assert parse_dct("2022-11-08") == date(2022, 11, 8)
    assert parse_dct(" 2024-02-29 ") == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2022-11-8", "expected a date as YYYY-MM-DD"),
        ("08/11/2022", "expected a date as YYYY-MM-DD"),
        ("", "expected a date as YYYY-MM-DD"),
        ("2022-11-08T10:00", "expected a date as YYYY-MM-DD"),
        ("2022-13-01", "month must be 01 to 12"),
        ("2022-00-10", "month must be 01 to 12"),
        ("2023-02-29", "2023-02 has no day 29"),
        ("2022-11-00", "2022-11 has no day 00"),
        ("0000-01-01", "year must be at least 0001"),
        ("\uff12\uff10\uff12\uff12-11-08", "expected a date as YYYY-MM-DD"),
    ],
)
def test_parse_dct_errors(value, message):
    with pytest.raises(TimexError, match=message):
        parse_dct(value)


@pytest.mark.parametrize("value", [None, 20221108, date(2022, 11, 8)])
def test_parse_dct_rejects_non_strings(value):
    with pytest.raises(TimexError, match="expected a date as YYYY-MM-DD"):
        parse_dct(value)
