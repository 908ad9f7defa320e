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


def open_page(page: str, query: dict[str, list[str]] | None = None):
    """AppTest of the dashboard opened with these URL parameters, then switched to `page` (e.g. views/budget.py);
    fails on any exception."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, values in (query or {}).items():
        at.query_params[key] = values
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


# Outlines built from ../shared/data by the geometry module (tests of geometry and maps).
@pytest.fixture(scope="module")
def deps() -> dict:
    from quartiers.geometry import departement_outlines
    return departement_outlines(SHARED)


@pytest.fixture(scope="module")
def frames() -> dict:
    from quartiers.geometry import inset_frames
    return inset_frames(SHARED)


@pytest.fixture(scope="module")
def qpv() -> dict:
    from quartiers.geometry import qpv_outlines_occitanie
    return qpv_outlines_occitanie(SHARED)
