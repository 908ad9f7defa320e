"""Printing (Ctrl+P, A4 landscape) in a real browser: maps drawn in SVG, no widget, the deck one slide per page."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from bench.serving import settle
from quartiers.figures.svg import CHART_CLASS, SHAPES_CLASS
from tests.browser.test_pages import PAGES

# page -> most A4 landscape pages it may print on (measured on 2026-11-28: 4, 11 with the 105 QPV of Occitanie
# in a whole table, 10, 8, 3; 2026-11-29, pages with server-drawn charts printed at full size: 4, 15; /qpv 10 with
# each chart card whole on its page; then every grid printed whole, not cut, as an HTML table: 4, 14, 15, 8, 7, 9;
# then a section's heading kept with its first card, and the cards beside a map kept whole: 4, 13, 15, 8, 7, 9)
MAX_PAGES = {"": 5, "territoires?region=76": 15, "pilotes": 16, "budget": 9, "sources": 8, "qpv": 10}
CHARTS = {**PAGES, "qpv": 2}  # charts drawn before printing
WIDGETS = "[data-testid=stMultiSelect], [data-testid=stSelectbox], [data-testid=stButtonGroup], " \
          "[data-testid=stTextInput], [data-testid=stDownloadButton], [data-testid=stSidebar], .modebar-container"


def _pdf(page) -> bytes:
    """The page printed as Chromium does for Ctrl+P."""
    page.emulate_media(media="print")
    return page.pdf(format="A4", landscape=True, print_background=True)


def _print(page) -> int:
    """Print the page; returns its number of pages."""
    return len(re.findall(rb"/Type\s*/Page[^s]", _pdf(page)))


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _sections(page) -> list[tuple[str, str, str]]:
    """(heading, title, source line) of each section whose heading and notes are followed by a card."""
    return page.evaluate("""() => [...document.querySelectorAll('[data-testid=stElementContainer]:has(h2)')]
        .map(head => { let next = head.nextElementSibling;
            for (let i = 0; i < 4 && next && next.dataset.testid === 'stElementContainer'; i++)
                next = next.nextElementSibling;
            const card = next && next.querySelector(':scope > [class*=st-key-card_]');
            const captions = card ? card.querySelectorAll('[data-testid=stCaptionContainer]') : [];
            return card && [head.innerText, card.querySelector('h4').innerText,
                            captions[captions.length - 1].innerText];
        }).filter(Boolean)""")


def _map_rows(page) -> list[list[tuple[str, str, str]]]:
    """(title, last text of its chart, source line) of each card of each row of cards that holds a server-drawn map."""
    return page.evaluate("""() => [...document.querySelectorAll('[data-testid=stHorizontalBlock]')]
        .filter(row => row.querySelector('g.%s') && row.querySelector('[class*=st-key-card_]'))
        .map(row => [...row.querySelectorAll(':scope > [data-testid=stColumn] [class*=st-key-card_]')]
            .filter(card => card.querySelector('h4') && card.querySelector('svg.%s'))
            .map(card => { const captions = card.querySelectorAll('[data-testid=stCaptionContainer]');
                const texts = [...card.querySelectorAll('svg.%s text')].filter(t => t.textContent.trim());
                return [card.querySelector('h4').innerText, texts[texts.length - 1].textContent,
                        captions[captions.length - 1].innerText]; }))""" % (SHAPES_CLASS, CHART_CLASS, CHART_CLASS))


def _maps_drawn(page) -> list[int]:
    """Shapes drawn in SVG by each map, plotly's or the server's (a canvas map would print blank)."""
    return page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')]
        .filter(p => p.querySelector('.geo, canvas')).map(p => p.querySelectorAll('path.choroplethlocation, '
        + '.scattergeo path.point').length * (p.querySelector('canvas') ? 0 : 1)).concat(
        [...document.querySelectorAll('svg.%s g.%s')].map(g => g.querySelectorAll('path').length))"""
                         % (CHART_CLASS, SHAPES_CLASS))


@pytest.mark.parametrize("path", list(MAX_PAGES))
def test_page_prints_with_maps_and_without_widgets(server, page, path):
    page.goto(f"{server}/{path}")
    settle(page, CHARTS[path])
    pages = _print(page)
    assert 1 <= pages <= MAX_PAGES[path]
    assert all(shapes > 0 for shapes in _maps_drawn(page))
    if path in ("", "territoires?region=76", "pilotes"):
        assert _maps_drawn(page), "the page has its map"
    visible = [w for w in page.locator(WIDGETS).all() if w.is_visible()]
    assert visible == []
    # a scrolling grid shows one screenful of rows and columns, which a printer would cut: paper has a plain copy
    assert [g for g in page.get_by_test_id("stDataFrame").all() if g.is_visible()] == []
    if path == "pilotes":  # pilots, their QPV, matrix in detail, context, the profile's contracts and programmes
        assert len([t for t in page.locator("table.qp-paper-table").all() if t.is_visible()]) >= 6


@pytest.mark.parametrize("path", ["pilotes", "territoires?region=76"])
def test_a_section_heading_is_printed_on_the_page_of_its_first_card(server, page, path):
    # a heading left at the foot of a page, its card on the next, read as a lone line (« Priorités… »), or as a page
    # of its own (« Détail par quartier — Occitanie »)
    page.goto(f"{server}/{path}")
    settle(page, CHARTS[path])
    pdf = _pdf(page)
    sections = _sections(page)
    assert sections  # /pilotes: 3 (pilots, priorities, comparison); /territoires: the QPV of Occitanie
    texts = [_squeezed(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    for heading, title, source in sections:
        where = [i for i, text in enumerate(texts) if _squeezed(heading) in text]
        assert len(where) == 1, heading
        printed = texts[where[0]]
        assert _squeezed(title)[:40] in printed and _squeezed(source)[:60] in printed, (heading, where[0] + 1)


@pytest.mark.parametrize("path", ["", "territoires", "territoires?region=76"])
def test_the_cards_beside_a_map_are_printed_whole_on_one_page(server, page, path):
    # at full size the régions ranked beside the map were taller than a page: the cards' titles ended page 1, the
    # map and the ranking filled page 2 and the ranking's end went to page 3, over what followed
    page.goto(f"{server}/{path}")
    settle(page, CHARTS.get(path, 1))
    rows = _map_rows(page)
    assert rows and all(len(cards) == 2 for cards in rows), rows
    texts = [_squeezed(p.extract_text()) for p in PdfReader(io.BytesIO(_pdf(page))).pages]
    for cards in rows:
        where = {i for title, _, _ in cards for i, text in enumerate(texts) if _squeezed(title)[:40] in text}
        assert len(where) == 1, (cards, where)
        printed = texts[where.pop()]
        for title, last, source in cards:
            assert _squeezed(last) in printed and _squeezed(source)[-60:] in printed, (title, last)


def test_deck_prints_one_slide_per_page(server, page):
    page.goto(f"{server}/presentation")
    settle(page)
    link = page.get_by_role("link", name="Imprimer le diaporama")
    assert "imprimer=1" in link.get_attribute("href")
    page.goto(f"{server}/presentation?imprimer=1")
    settle(page, 1)
    slides = page.locator("[class*=st-key-slide_page_]").count()
    assert slides >= 5
    assert _print(page) == slides
