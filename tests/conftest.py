"""Shared fixtures: the committed dataset, and paths."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit import config


from quartiers.data import Dataset, load_dataset

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared" / "data"

# The deployed config hides error details from visitors; tests want the real message of a failure.
config.set_option("client.showErrorDetails", "full")


@pytest.fixture(scope="session")
def ds() -> Dataset:
    return load_dataset(DATA)
