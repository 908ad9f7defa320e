"""Browser tests: the real app served on a local port (QP_TEST_PORT, or a free one), driven by Playwright in Debian's
chromium. Without chromium they are left out by tests/conftest.py (an error under CI)."""
from __future__ import annotations

import os

import pytest

from bench.serving import LAUNCH, ROOT, start_server, stop_server


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return dict(LAUNCH)


@pytest.fixture(scope="session")
def server():
    port = os.environ.get("QP_TEST_PORT")
    proc, base = start_server(ROOT / "dashboard.py", env={"QP_WARMUP": "1"}, port=int(port) if port else None)
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
