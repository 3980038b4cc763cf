from __future__ import annotations

from pathlib import Path

import pytest

SEED = (Path(__file__).resolve().parents[2] / "seeds"
        / "2022-11-08-cnn-us-urges-ukraine-openness-to-talks.txt")


@pytest.fixture(scope="session")
def seed_text() -> str:
    with open(SEED, encoding="utf-8", newline="") as handle:
        return handle.read()
