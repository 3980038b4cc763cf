"""Temporal tagging: text + DCT in, TIMEX3-like spans with resolved values out.

Pure Python: no Qt, no database. The engine knows no language; patterns,
normalisation tables and rules are data under resources/timex/<lang>/.
"""

from timeline_app.timex.model import Timex, TimexError
from timeline_app.timex.tagger import tag

__all__ = ["Timex", "TimexError", "tag"]


