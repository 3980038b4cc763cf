"""Temporal tagging: text + DCT in, TIMEX3-like spans with resolved values out.

Pure Python: no Qt, no database. The engine knows no language; patterns,
normalisation tables and rules are data under resources/timex/<lang>/.
"""

from timeline_app.timex.model import Timex, TimexError

__all__ = ["Timex", "TimexError", "tag"]


def tag(text, dct, doc_type: str = "news", lang: str = "en"):  # pragma: no cover - replaced
    from timeline_app.timex.tagger import tag as _tag

    return _tag(text, dct, doc_type=doc_type, lang=lang)
