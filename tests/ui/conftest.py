"""Shared set-up for the UI tests.

Qt must pick its platform plugin before the first QApplication exists, so the offscreen
platform is chosen at import time (a developer can still override it from the shell to
watch the tests on a real display).
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
