"""The dashboard as `make serve` serves it: nginx in front of two replicas, in a real browser, under its CSP."""
from __future__ import annotations

import pytest

from bench.serving import CHARTS, SETTLE_MS, settle
from deploy.serve import COOKIE, Cluster, Settings, free_port
from tests.browser.conftest import real_errors


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    settings = Settings(replicas=2, port=free_port(), listen="127.0.0.1", run_dir=tmp_path_factory.mktemp("serve"))
    with Cluster(settings) as cluster:
        yield cluster


def policy_errors(errors: list[str]) -> list[str]:
    """Real errors, and resources of this site refused by the CSP (the page icon that Streamlit asks from an
    outside font host is refused too, as it would fail anyway without internet)."""
    return [e for e in real_errors(errors) if not ("Content Security Policy" in e and "'https://" in e)]


def _routing(served: Cluster) -> str:
    """What nginx did with the media requests, and its warnings: once in 10 loaded runs, the files of a page were
    asked from the other replica with the page's own affinity cookie (404), which only a replica marked down or a
    retried request explains; this says which."""
    media = [line for line in served._access_log() if '"GET /media/' in line or "_stcore/stream" in line]
    errors = (served.settings.run_dir / "logs" / "error.log").read_text(encoding="utf-8").splitlines()
    return "\n".join(["nginx access (media, websocket):", *media[-20:], "nginx errors:", *errors[-20:]])


def test_page_through_nginx_draws_under_the_csp_and_keeps_its_replica(served, watched, context):
    url = f"http://localhost:{served.settings.port}"
    response = watched.goto(f"{url}/territoires?region=76")
    headers = response.all_headers()
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "same-origin"
    settle(watched, 3)
    assert watched.locator(CHARTS).count() >= 3
    assert watched.get_by_test_id("stException").count() == 0
    watched.wait_for_load_state("networkidle", timeout=SETTLE_MS)  # every request of the page answered
    assert policy_errors(watched.errors) == [], _routing(served)
    cookie = next(c for c in context.cookies() if c["name"] == COOKIE)
    assert cookie["httpOnly"]
    replica = served.upstream_of(cookie["value"])

    # a second request of the same browser: same cookie, same replica, the view still drawn, no error
    watched.get_by_test_id("stSidebarNav").get_by_text("Budget").click()
    watched.wait_for_url("**/budget**", timeout=30_000)
    settle(watched, 3)
    assert watched.get_by_test_id("stException").count() == 0
    assert [c["value"] for c in context.cookies() if c["name"] == COOKIE] == [cookie["value"]]
    assert served.upstream_of(cookie["value"]) == replica
    watched.wait_for_load_state("networkidle", timeout=SETTLE_MS)
    assert policy_errors(watched.errors) == [], _routing(served)


@pytest.mark.parametrize("path", ["/territoires/extra", "/foo"])
def test_unknown_path_through_nginx_is_a_french_page(served, page, path):
    response = page.goto(f"http://localhost:{served.settings.port}{path}")
    assert response.status == 404
    assert page.get_by_role("heading", name="Page introuvable").is_visible()
    page.get_by_role("link", name="vue d'ensemble", exact=True).click()
    settle(page, 3)
    assert page.locator(CHARTS).count() >= 3
