"""In a real browser: no request leaves the machine, and what a person reads (texts, tooltips, labels) is French."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from bench.serving import settle
from tests.browser.test_pages import PAGES
from tests.test_french_texts import ENGLISH, english_in

# Texts a person reads without a page's own text: tooltips, labels for screen readers, plotly's toolbar.
READ_TEXTS = """() => [document.body.innerText,
    ...[...document.querySelectorAll('[aria-label],[title],[data-title],[placeholder]')].flatMap(
        e => ['aria-label', 'title', 'data-title', 'placeholder'].map(a => e.getAttribute(a) || ''))]"""


@pytest.mark.parametrize("path", list(PAGES))
def test_no_request_leaves_the_machine(server, page, path):
    hosts = []
    page.on("request", lambda r: hosts.append(r.url) if urlparse(r.url).scheme in ("http", "https", "ws", "wss")
            and urlparse(r.url).hostname != urlparse(server).hostname else None)
    page.goto(f"{server}/{path}")
    settle(page, PAGES[path])
    page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first.locator("input").click()
    assert hosts == []


@pytest.mark.parametrize("path", list(PAGES))
def test_what_a_person_reads_is_french(server, page, path):
    page.goto(f"{server}/{path}")
    settle(page, PAGES[path])
    texts = page.evaluate(READ_TEXTS)
    if PAGES[path]:
        assert any("Télécharger le graphique" in t for t in texts), "plotly's toolbar speaks French"
    # an open filter shows its options (and would show « Select all »)
    page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first.locator("input").click()
    page.get_by_role("option").first.wait_for()
    texts += page.evaluate(READ_TEXTS)
    assert english_in(texts) == [], ENGLISH
