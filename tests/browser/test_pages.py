"""What a person sees in a real browser: pages drawn, filters in the URL, links that reopen a view, downloads."""
from __future__ import annotations

import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from bench.serving import CHARTS, ROOT, settle, start_server, stop_server
from quartiers.figures.image import IMAGE_SCALE, IMAGE_WIDTH, LINE_PX, TOP_PX
from tests.browser.conftest import real_errors

# page path -> charts it draws at least (national view)
PAGES = {"": 3, "territoires": 3, "pilotes": 5, "budget": 6, "presentation": 0, "sources": 0,
         "territoires?region=76": 4, "pilotes?pilote=est-ensemble": 4, "budget?region=76": 5,
         "presentation?pilote=est-ensemble": 0}


@pytest.mark.parametrize("path", list(PAGES))
def test_page_loads_drawn_without_error(server, watched, path):
    watched.goto(f"{server}/{path}")
    settle(watched, PAGES[path])
    assert watched.get_by_test_id("stException").count() == 0
    assert watched.locator(CHARTS).count() >= PAGES[path]
    assert watched.locator("h1").count() >= 1
    assert real_errors(watched.errors) == []


def _metric(page, label: str) -> str:
    box = page.get_by_test_id("stMetric").filter(has_text=label)
    return box.get_by_test_id("stMetricValue").inner_text()


def test_filter_changes_content_and_url(server, watched):
    watched.goto(server)
    settle(watched)
    assert _metric(watched, "QPV (liste 2015)") == "1\u202f514"
    sidebar = watched.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stMultiSelect").first.locator("input").click()
    watched.keyboard.type("Île-de-France")
    watched.keyboard.press("Enter")
    watched.keyboard.press("Escape")
    watched.wait_for_url("**region=11**", timeout=30_000)
    settle(watched)
    watched.wait_for_function("document.body.innerText.includes('272')", timeout=30_000)
    assert _metric(watched, "QPV (liste 2015)") == "272"


def test_copied_link_reopens_the_same_view(server, page, browser):
    page.goto(f"{server}/?region=76&departement=34")
    settle(page)
    url = page.url
    assert "region=76" in url and "departement=34" in url
    other = browser.new_page()
    other.goto(url)
    settle(other)
    assert _metric(other, "QPV (liste 2015)") == _metric(page, "QPV (liste 2015)")
    assert "region=76" in other.url
    other.close()


def test_filters_survive_navigation(server, page):
    """After a click in the menu the address changes at once, the page's script runs after: wait for what the
    script does (filters written back into the address, the figure of the filter), not for the first idle state."""
    page.goto(f"{server}/?region=11")
    settle(page)
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_text("Sources et méthode").click()
    page.wait_for_url(re.compile(r"/sources\?(.*&)?region=11(&|$)"), timeout=30_000)
    expect(page.locator("h1").first).to_contain_text("Sources", timeout=30_000)
    nav.get_by_text("Vue d'ensemble").click()
    page.wait_for_url(re.compile(rf"^{re.escape(server)}/?\?(.*&)?region=11(&|$)"), timeout=30_000)
    qpv = page.get_by_test_id("stMetric").filter(has_text="QPV (liste 2015)").get_by_test_id("stMetricValue")
    expect(qpv).to_have_text("272", timeout=30_000)
    assert "region=11" in page.url


def test_non_utf8_and_markup_in_link_give_a_notice(server, watched):
    watched.goto(f"{server}/?region=%FF%FE&pilote=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"
                 "&departement=https%3A%2F%2Fevil.example%2Fx&priorite=www.evil.example&priorite=a%40evil.example")
    settle(watched)
    assert watched.get_by_test_id("stException").count() == 0
    assert watched.get_by_test_id("stAlert").count() >= 3
    assert watched.get_by_test_id("stAlert").filter(has_text="https://evil.example/x").count() == 1
    assert watched.locator("img[src=x]").count() == 0
    assert watched.locator("a[href*='evil'], a[href^='mailto']").count() == 0, "a planted value became a link"
    assert real_errors(watched.errors) == []


SIDEBAR_FILTER = "[data-testid=stSidebar] [data-testid=stMultiSelect] input"
FOCUSED = ("(() => { const e = document.activeElement; const t = e && e.closest('[data-testid]');"
           " return e ? `${e.tagName} ${t ? t.dataset.testid : ''}` : 'none' })()")


def test_sidebar_filters_reachable_with_keyboard(server, page):
    page.goto(server)
    settle(page)
    expect(page.locator(SIDEBAR_FILTER).first).to_be_enabled(timeout=30_000)
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUSED))
        if page.evaluate(f"document.activeElement?.matches('{SIDEBAR_FILTER}')"):
            break
    assert seen[-1].startswith("INPUT"), f"a filter of the sidebar takes the keyboard focus; focus went: {seen}"


def test_deep_link_is_the_first_request_after_a_start(browser):
    """A shared link to a page, opened before anyone opened the home page, still gets the frame and its filters."""
    proc, base = start_server(ROOT / "dashboard.py")
    try:
        page = browser.new_page()
        page.goto(f"{base}/territoires?region=76")
        settle(page, 1)
        sidebar = page.get_by_test_id("stSidebar")
        assert sidebar.get_by_text("Filtres").count() == 1
        assert sidebar.get_by_text("Occitanie").count() >= 1
        assert sidebar.get_by_test_id("stSidebarNav").get_by_text("Sources et méthode").count() == 1
        page.close()
    finally:
        assert "Traceback" not in stop_server(proc)


def test_csv_download_gives_the_table(server, page):
    page.goto(server)
    settle(page, 1)
    page.get_by_text("Voir les données").first.click()
    with page.expect_download(timeout=60_000) as info:   # the CSV is served by a busy server
        page.get_by_test_id("stDownloadButton").filter(has_text="CSV").first.click()
    path = info.value.path()
    text = open(path, encoding="utf-8-sig").read()
    assert ";" in text.splitlines()[0] and len(text.splitlines()) > 2


def test_pack_downloads_give_pptx_and_xlsx(server, page):
    page.goto(f"{server}/?pilote=est-ensemble")
    settle(page)
    page.get_by_test_id("stSidebar").get_by_text("Exporter et partager").click()
    for label, magic in (("Diapositives (.pptx)", b"PK"), ("Données (.xlsx)", b"PK")):
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name=label).click()
        data = open(info.value.path(), "rb").read()
        assert data[:2] == magic and len(data) > 10_000
        assert "est-ensemble" in info.value.suggested_filename.lower() or "ensemble" in info.value.suggested_filename


def test_a_chart_image_has_its_title_and_source_which_the_screen_leaves_to_the_card(server, page):
    page.goto(f"{server}/budget")
    settle(page, 6)
    chart = page.locator(".st-key-card_overlaps").get_by_test_id("stPlotlyChart")  # long labels on the left
    chart.scroll_into_view_if_needed()
    boxes = chart.evaluate("""c => { const box = e => c.querySelector(e).getBoundingClientRect();
        return {shown: box('.js-plotly-plot').top, title: box('.gtitle').bottom, toolbar: box('.modebar').top}; }""")
    assert boxes["title"] <= boxes["shown"] + 1, "on screen, the heading band is clipped off"
    assert boxes["toolbar"] >= boxes["shown"], "the toolbar stays in sight"
    chart.hover()
    buttons = chart.locator(".modebar-btn").evaluate_all("bs => bs.map(b => b.getAttribute('data-title'))")
    assert buttons == ["Télécharger le graphique en fichier PNG", "Fullscreen"]  # Streamlit's button, in English
    with page.expect_download(timeout=60_000) as info:
        chart.locator(".modebar-btn").first.click()
    image = Image.open(info.value.path()).convert("L")
    assert image.width == IMAGE_WIDTH * IMAGE_SCALE
    title_row = image.crop((0, 0, image.width // 2, TOP_PX * IMAGE_SCALE + LINE_PX * IMAGE_SCALE))
    assert title_row.getextrema()[0] < 80, "the title is written at the top of the image"
    assert image.crop((0, 0, 8 * IMAGE_SCALE, image.height)).getextrema()[0] > 200, "no label cut at the left edge"
