"""/qpv in a real browser: with and without filters, a `qpv` link as the very first request of a server, hostile
`qpv` values answered by the French notice."""
from __future__ import annotations

import pytest

from bench.serving import CHARTS, ROOT, settle, start_server, stop_server
from tests.browser.conftest import real_errors

NBSP = "\u202f"


@pytest.mark.parametrize("query, heading, charts", [
    ("", f"France entière : 1{NBSP}514 QPV", 3),
    ("departement=93", f"Seine-Saint-Denis : 63 QPV, 620{NBSP}583 habitants en 2018", 3),
    ("pilote=est-ensemble", "EPT Est Ensemble : 19 QPV", 3),
])
def test_qpv_page_draws_the_selection(server, watched, query, heading, charts):
    watched.goto(f"{server}/qpv?{query}")
    settle(watched, charts)
    assert watched.get_by_test_id("stException").count() == 0
    assert heading in watched.locator("[data-testid=stMain] h3").first.inner_text()
    assert watched.locator(CHARTS).count() >= charts
    # the map's points are drawn (no tile server: plotly geo SVG)
    assert watched.locator(".scattergeo path.point").count() > 0
    assert real_errors(watched.errors) == []


def test_a_qpv_link_as_first_request_opens_its_profile(browser):
    proc, base = start_server(ROOT / "dashboard.py")
    try:
        page = browser.new_page()
        page.goto(f"{base}/qpv?qpv=QP093028")
        settle(page, 4)
        profile = page.locator(".st-key-qpv_profile")
        assert "Franc Moisin" in profile.locator("h3").inner_text()
        assert f"126{NBSP}034" in profile.inner_text() and "Géographie 2024" in profile.inner_text()
        assert "qpv=QP093028" in page.url
        page.close()
    finally:
        assert "Traceback" not in stop_server(proc)


@pytest.mark.parametrize("value", ["QP000000", "%3Cimg%20src%3Dx%3E", "https%3A%2F%2Fevil.example%2Fx"])
def test_hostile_qpv_values_give_the_french_notice(server, watched, value):
    watched.goto(f"{server}/qpv?qpv={value}")
    settle(watched)
    notice = watched.get_by_test_id("stAlert").filter(has_text="inconnu de la liste 2015")
    assert notice.count() == 1
    assert notice.locator("a").count() == 0 and notice.locator("img").count() == 0
    assert watched.get_by_test_id("stException").count() == 0
