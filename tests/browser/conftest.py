"""Browser tests: the real app served on a free local port, driven by Playwright in Debian's chromium."""
from __future__ import annotations

import os

import pytest

from bench.serving import CHROMIUM, LAUNCH, ROOT, start_server, stop_server


def pytest_collection_modifyitems(items):
    if not os.path.exists(CHROMIUM):
        raise pytest.UsageError(f"Browser tests need Debian's chromium at {CHROMIUM}: apt-get install -y chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return dict(LAUNCH)


@pytest.fixture(scope="session")
def server():
    proc, base = start_server(ROOT / "dashboard.py")
    yield base
    log = stop_server(proc)
    assert "Traceback" not in log, log[log.find("Traceback"):][:3000]


@pytest.fixture()
def watched(page):
    """The page, with the console errors it logs collected in page.errors."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    return page


def real_errors(errors: list[str]) -> list[str]:
    # failed fetches of outside resources are expected on a machine without internet
    return [e for e in errors if "net::ERR" not in e and "Failed to load resource" not in e]
