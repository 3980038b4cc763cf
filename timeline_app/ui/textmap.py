"""Character offsets between Python strings and Qt text documents.

The store keeps offsets into the document text as Python indexes (code points), while a
``QTextDocument`` counts UTF-16 code units and folds ``\\r\\n`` into one paragraph break.
Highlighting "On Monday" at the wrong place because an article has an emoji or Windows line
endings earlier on would be a quiet, confusing bug, so every offset crosses this map.
"""

from __future__ import annotations

from bisect import bisect_right


class OffsetMap:
    """Maps Python string indexes to Qt document positions and back."""

    __slots__ = ("_qt", "_n", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._n = len(text)
        if "\r" not in text and text.isascii():
            self._qt: list[int] | None = None
            return
        if "\r" not in text and all(ord(ch) < 0x10000 for ch in text):
            self._qt = None
            return
        positions = [0] * (self._n + 1)
        pos = 0
        for i, ch in enumerate(text):
            positions[i] = pos
            if ch == "\r" and i + 1 < self._n and text[i + 1] == "\n":
                continue  # Qt drops the \r of a \r\n pair
            pos += 2 if ord(ch) >= 0x10000 else 1
        positions[self._n] = pos
        self._qt = positions

    def to_qt(self, index: int) -> int:
        index = max(0, min(index, self._n))
        return index if self._qt is None else self._qt[index]

    def from_qt(self, position: int) -> int:
        if self._qt is None:
            return max(0, min(position, self._n))
        return max(0, bisect_right(self._qt, position) - 1)
