"""Reading articles from disk and finding their creation date (DCT).

Every entry point (the ``tag`` command, ingest, the GUI's file dialog) reads articles
through these helpers so a bad file fails the same way everywhere: one
:class:`DocumentError` whose ``str`` is a one-line "PATH: reason" fit for stderr or a
status bar, never a traceback.

Text is decoded as strict UTF-8 with no newline translation because the tagger's
offsets, the stored document and the highlighted source passage must all index the very
same string as the bytes on disk.
"""

from __future__ import annotations

import os
import re
from datetime import date

from timeline_app.timex.model import TimexError

__all__ = ["DocumentError", "dct_from_header", "load_text", "parse_dct"]


class DocumentError(Exception):
    """A file that cannot be used as an article; ``str(err)`` is ``"PATH: reason"``."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = os.fspath(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def load_text(path: str | os.PathLike[str]) -> str:
    """Return the file's text, decoded exactly as stored.

    Raises :class:`DocumentError` for a missing, unreadable or empty file, a directory,
    or bytes that are not UTF-8: silently replacing bad bytes would shift every offset
    after them and attach events to the wrong words.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise DocumentError(path, "no such file") from None
    except IsADirectoryError:
        raise DocumentError(path, "is a directory, not a text file") from None
    except PermissionError:
        raise DocumentError(path, "permission denied") from None
    except OSError as exc:
        raise DocumentError(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise DocumentError(
            path, f"not valid UTF-8 (byte 0x{bad:02x} at offset {exc.start})"
        ) from None
    if not text:
        raise DocumentError(path, "empty file")
    if not text.strip() or not text.lstrip("\ufeff").strip():
        raise DocumentError(path, "contains only whitespace")
    return text


_DCT_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# "date 2022-11-08", "Date: 2022-11-08", "DATE 2022-11-08" alone on the first non-blank line.
_HEADER_RE = re.compile(r"date\s*:?\s+(\S+)|date\s*:\s*(\S+)", re.IGNORECASE)


def parse_dct(value: str) -> date:
    """Parse a DCT given as ``YYYY-MM-DD`` (surrounding spaces allowed).

    Raises :class:`TimexError` with a message that says what was wrong, because the value
    usually comes from a person typing ``--dct`` or writing a header.
    """
    if not isinstance(value, str):
        raise TimexError(f"invalid DCT {value!r}: expected a date as YYYY-MM-DD")
    stripped = value.strip()
    match = _DCT_RE.fullmatch(stripped)
    if match is None:
        raise TimexError(f"invalid DCT {value!r}: expected a date as YYYY-MM-DD")
    year, month, day = (int(part) for part in match.groups())
    if year < 1:
        raise TimexError(f"invalid DCT {value!r}: year must be at least 0001")
    if not 1 <= month <= 12:
        raise TimexError(f"invalid DCT {value!r}: month must be 01 to 12")
    try:
        return date(year, month, day)
    except ValueError:
        raise TimexError(
            f"invalid DCT {value!r}: {year:04d}-{month:02d} has no day {day:02d}"
        ) from None


def dct_from_header(text: str) -> date | None:
    """Return the DCT from a header line such as ``date 2022-11-08``, else ``None``.

    Only the first non-blank line counts (an article that merely mentions a date later is
    not dated by it). A line that is a date header but holds an impossible date, e.g.
    ``date 2022-02-30``, raises :class:`TimexError` rather than being ignored, so the
    user learns that the header is wrong instead of being told it is missing.
    """
    for line in text.splitlines():
        stripped = line.strip().lstrip("\ufeff").strip()
        if not stripped:
            continue
        match = _HEADER_RE.fullmatch(stripped)
        if match is None:
            return None
        raw = match.group(1) or match.group(2)
        if not raw[0].isdigit():  # "Date: yesterday" is prose, not a header
            return None
        return parse_dct(raw)
    return None
