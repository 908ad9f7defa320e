"""/presentation on a projector: every slide's card fits the window with the sidebar collapsed, and the link keeps
the slide shown."""
from __future__ import annotations

import pytest

from bench.serving import settle

DECKS = {"national": "", "departement-93-est-ensemble": "departement=93&pilote=est-ensemble",
         "region-11": "region=11"}
SIZES = {"1024x768": (1024, 768), "1280x720": (1280, 720)}
CASES = [(deck, "1024x768") for deck in DECKS] + [("departement-93-est-ensemble", "1280x720")]


def _counter(page) -> tuple[int, int]:
    text = page.locator(".st-key-slide_nav").get_by_text(" / ", exact=False).first.inner_text()
    shown, count = text.split(" / ")
    return int(shown), int(count)


def _open(page, server: str, query: str) -> None:
    page.goto(f"{server}/presentation?{query}")
    settle(page)


@pytest.mark.parametrize("deck, size", CASES)
def test_every_slide_fits_the_window(server, browser, deck, size):
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height})
    _open(page, server, DECKS[deck])
    page.get_by_test_id("stSidebar").hover()
    page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
    page.wait_for_function("document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right <= 0")
    _, count = _counter(page)
    assert count >= 5
    for number in range(1, count + 1):
        if number > 1:
            page.keyboard.press("ArrowRight")
            page.wait_for_url(f"**diapo={number}**")
            settle(page)
        assert _counter(page) == (number, count)
        card = page.locator(".st-key-slide_card").bounding_box()
        assert card["y"] >= 0 and card["y"] + card["height"] <= height, (deck, number, card)
        assert page.locator(".st-key-slide_card h1").count() == 1
        assert "Source" in page.locator(".st-key-slide_card").inner_text()
    assert page.get_by_test_id("stException").count() == 0
    page.close()


def test_link_reopens_the_slide_and_an_unknown_slide_gets_a_notice(server, page):
    _open(page, server, "region=11&diapo=3")
    assert _counter(page)[0] == 3
    _open(page, server, "region=11&diapo=99")
    assert _counter(page)[0] == 1
    assert "diapositive « 99 » inconnue" in page.get_by_test_id("stAlert").first.inner_text()
    assert page.get_by_test_id("stException").count() == 0
