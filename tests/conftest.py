"""Shared fixtures: the committed dataset, and paths."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit import config as streamlit_config

from bench.serving import CHROMIUM
from quartiers.data import Dataset, load_dataset

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared" / "data"

# AppTest runs the dashboard in this process: a start-up warm-up thread would fill the shared cards beside the tests
# that count them (tests/test_warmup.py runs it on purpose). The browser tests' server warms up as deployed.
os.environ["QP_WARMUP"] = "0"
# The deployed config hides error details from visitors; tests want the real message of a failure.
streamlit_config.set_option("client.showErrorDetails", "full")

# Browser tests need chromium. Without it, a developer still runs every other test (one line says what was left
# out); CI, or QP_REQUIRE_BROWSER=1, makes a missing chromium an error.
BROWSER_REQUIRED = os.environ.get("CI", "").lower() in ("1", "true") or os.environ.get("QP_REQUIRE_BROWSER") == "1"
_LEFT_OUT = pytest.StashKey[int]()
NO_BROWSER = f"browser tests left out: no chromium at {CHROMIUM} (apt-get install -y chromium, or set CHROMIUM)"


def pytest_configure(config):
    if BROWSER_REQUIRED and not os.path.exists(CHROMIUM):
        raise pytest.UsageError(f"Browser tests need chromium at {CHROMIUM} (CI or QP_REQUIRE_BROWSER=1): "
                                "apt-get install -y chromium")


def pytest_collection_modifyitems(config, items):
    browser = [i for i in items if i.path.is_relative_to(ROOT / "tests" / "browser")]
    if browser and not os.path.exists(CHROMIUM):
        config.stash[_LEFT_OUT] = len(browser)
        config.hook.pytest_deselected(items=browser)
        items[:] = [i for i in items if i not in browser]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if config.stash.get(_LEFT_OUT, 0):
        terminalreporter.write_line(f"{config.stash[_LEFT_OUT]} {NO_BROWSER}", yellow=True, bold=True)


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


def chart_count(at) -> int:
    """Charts the page drew: plotly ones and the SVG drawn by the server (quartiers.figures.svg)."""
    from quartiers.figures.svg import CHART_CLASS

    return len(at.get("plotly_chart")) + sum(f'class="{CHART_CLASS}' in m.value for m in at.markdown)


def open_data(at, *keys: str):
    """Open the « Voir les données » box of these cards (filled only once opened) and rerun."""
    for key in keys:
        at.session_state[f"data_{key}"] = True
    at.run()
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
