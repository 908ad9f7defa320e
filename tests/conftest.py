"""Shared fixtures: the committed dataset, and paths."""
from __future__ import annotations

from pathlib import Path

import pytest

from quartiers.data import Dataset, load_dataset

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def ds() -> Dataset:
    return load_dataset(DATA)
