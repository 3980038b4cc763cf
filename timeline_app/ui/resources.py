"""Icons and the style sheet shipped in ``timeline_app.resources``."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from PySide6.QtGui import QIcon


def _resource(*parts: str):
    return files("timeline_app.resources").joinpath(*parts)


@cache
def icon(name: str) -> QIcon:
    """An SVG icon from resources/icons; a missing file gives an empty icon, not a crash."""
    path = _resource("icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()


def style_sheet() -> str:
    path = _resource("styles", "app.qss")
    return path.read_text(encoding="utf-8") if path.is_file() else ""
