"""The PNG of a plotly chart carries its title and source: a heading band in the figure, clipped off by the pages."""
from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest

from components.cards import HEADING_KEY
from components.share import PAGE_CSS
from quartiers.figures.image import (
    IMAGE_WIDTH,
    LINE_PX,
    MAX_LINES,
    SIDE_PX,
    SOURCE_SIZE,
    TITLE_SIZE,
    band_px,
    heading,
    image_options,
    with_heading,
)
from quartiers.figures.style import PLOTLY_FONT
from quartiers.figures.svg import CHAR_PX
from tests.conftest import open_page

LONG_TITLE = ("Plus de 1,1 Md€ mobilisés selon le bilan « France Relance et quartiers prioritaires » (septembre 2021), "
              "pour l'engagement de 1 Md€ de France Relance pris au Comité interministériel des villes du 29 janvier "
              "2021")


def test_heading_wraps_title_and_source_to_the_width_of_the_image():
    head = heading(LONG_TITLE, "Source : Vie publique (DILA) ; ANCT (2021-2022)")
    lines = head.text.split("<br>")
    assert len(lines) == head.lines == 4  # the title on three lines, the source on one
    assert lines[0].startswith("<b>Plus de 1,1 Md€") and "Source : Vie publique" in lines[-1]
    titles = [line.removeprefix("<b>").removesuffix("</b>") for line in lines[:3]]
    assert max(map(len, titles)) <= (IMAGE_WIDTH - 2 * SIDE_PX) / (TITLE_SIZE * CHAR_PX)
    assert " ".join(titles) == LONG_TITLE
    assert f"font-size:{SOURCE_SIZE}px" in lines[-1]
    assert head.band_px == band_px(4) > 4 * LINE_PX


def test_a_heading_longer_than_the_styles_clip_keeps_its_whole_band():
    head = heading("mot " * 300, "Source")  # 1 200 characters: 12 lines of title
    assert head.lines == head.text.count("<br>") + 1 > MAX_LINES
    assert head.band_px == band_px(head.lines)  # the image never writes the heading over the chart


def test_heading_escapes_markup_from_the_data():
    head = heading("<script>alert(1)</script> & <b>gras</b>", "Source : <img src=x>")
    assert "<script>" not in head.text and "<img" not in head.text
    assert "&lt;script&gt;" in head.text and "&amp;" in head.text and "&lt;img src=x&gt;" in head.text


def test_the_band_goes_above_the_chart_which_keeps_its_height_and_margins():
    fig = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h"))
    fig.update_layout(height=400, margin={"t": 30})
    spec = fig.to_dict()
    before = json.dumps(spec, sort_keys=True)
    head = heading("Un titre", "Source : Insee (2018)")
    out = with_heading(spec, head)
    assert json.dumps(spec, sort_keys=True) == before, "the figure handed in is left as it was"
    layout = out["layout"]
    assert layout["height"] == 400 + head.band_px
    assert layout["margin"] == {"t": 30 + head.band_px, "l": 10, "r": 10, "b": 10}  # others: the house template's
    assert layout["title"]["text"] == head.text and layout["title"]["yref"] == "container"
    assert layout["font"]["family"] == PLOTLY_FONT
    assert out["data"] == spec["data"]


def test_a_figure_without_height_gets_plotlys_default_under_the_band():
    head = heading("Titre", "Source")
    assert with_heading(go.Figure().to_dict(), head)["layout"]["height"] == 450 + head.band_px


def test_the_download_is_as_wide_as_a_slide_and_twice_as_sharp():
    assert image_options("regions") == {"format": "png", "filename": "regions", "width": 1280, "scale": 2}


def test_the_page_styles_clip_every_band_a_chart_can_have():
    for lines in range(1, MAX_LINES + 1):
        rule = f'[class*="st-key-{HEADING_KEY}{lines}_"] .svg-container {{ margin-top: -{band_px(lines)}px'
        assert rule in PAGE_CSS
    assert f"st-key-{HEADING_KEY}{MAX_LINES + 1}_" not in PAGE_CSS


@pytest.mark.parametrize("page, query", [("views/budget.py", {}), ("views/pilotes.py", {}),
                                         ("views/presentation.py", {"diapo": ["3"]})])
def test_every_plotly_chart_of_the_page_has_its_title_and_source_in_its_image(page, query):
    at = open_page(page, query)
    cards = {m.value.removeprefix("#### ") for m in at.markdown if m.value.startswith("#### ")}
    cards |= {t.value for t in at.title}
    charts = at.get("plotly_chart")
    assert charts
    for chart in charts:
        spec, config = json.loads(chart.proto.spec), json.loads(chart.proto.config)
        title = spec["layout"]["title"]["text"]
        assert "Source" in title
        assert config["toImageButtonOptions"]["width"] == IMAGE_WIDTH
        lines = title.count("<br>") + 1
        assert chart.key.startswith(f"{HEADING_KEY}{lines}_") and lines <= MAX_LINES
        assert spec["layout"]["margin"]["t"] >= band_px(lines)
        plain = title.split("<span")[0].replace("<b>", "").replace("</b>", "").replace("<br>", " ").strip()
        assert plain in cards
