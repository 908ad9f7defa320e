"""Shared look of every chart: colour-blind-safe palette, French separators, readable fonts.

Okabe-Ito colours (safe for the common colour-vision deficiencies), darkened where needed so that every mark has
at least 3:1 contrast against the white background (checked by a test). Colour never carries meaning alone: charts
also label their bars and series.
"""
from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from quartiers.formatting import PLOTLY_SEPARATORS

BACKGROUND = "#ffffff"
TEXT = "#1f2328"
MUTED_TEXT = "#57606a"
# Okabe-Ito, in order of use; yellow and sky blue are left out (under 3:1 on white).
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8C6D00", "#56479E", "#000000"]
PRIMARY = PALETTE[0]
SECONDARY = PALETTE[1]
NEUTRAL = "#767676"  # "not available", context marks (4.5:1 on white)
SEQUENTIAL = "Viridis_r"  # more = darker; perceptually uniform and colour-blind safe

# Meaning-bearing colours used across pages (always paired with a text label).
COVERAGE_COLORS = {"exact": PALETTE[0], "summed": PALETTE[2], "partial": PALETTE[1], "superset": PALETTE[3]}
KIND_COLORS = {"announced": PALETTE[0], "executed": PALETTE[1]}

FONT = "Source Sans Pro, Arial, sans-serif"
# plotly charts: a font of the reader's own machine. Their PNG download is drawn from an SVG image, which cannot use
# the page's web font: labels measured in it came out wider in the fallback font, cut at the image's edge.
PLOTLY_FONT = "Arial, Liberation Sans, Helvetica, sans-serif"
PLOTLY_DEFAULT_HEIGHT = 450  # px: plotly.js's height of a figure that sets none

_HOUSE = go.layout.Template(layout=go.Layout(
    font=dict(family=PLOTLY_FONT, size=14, color=TEXT),
    title=dict(font=dict(size=18)),
    paper_bgcolor=BACKGROUND, plot_bgcolor=BACKGROUND,
    colorway=PALETTE,
    separators=PLOTLY_SEPARATORS,
    hoverlabel=dict(font=dict(family=PLOTLY_FONT, size=13)),
    xaxis=dict(gridcolor="#e5e5e5", zerolinecolor="#bdbdbd", automargin=True),
    yaxis=dict(gridcolor="#e5e5e5", zerolinecolor="#bdbdbd", automargin=True),
    margin=dict(l=10, r=10, t=40, b=10),
))
# One merged, layout-only template set as plotly's default: a figure then takes it at no cost, where naming
# "plotly_white+house" on each figure merged and validated both templates every time (about 13 ms a figure), and
# the per-trace defaults of plotly_white, which our figures set themselves, are not sent to the browser.
pio.templates["quartiers"] = go.layout.Template(
    layout=pio.templates.merge_templates(pio.templates["plotly_white"], _HOUSE).layout)
pio.templates.default = "quartiers"
TEMPLATE = "quartiers"


# plotly.js's French locale (toolbar texts, month names, separators), shipped with the project so that the browser
# needs nothing from outside; the file names its source and licence.
PLOTLY_LOCALE_FR: dict = {k: v for k, v in json.loads((Path(__file__).with_name("plotly_fr.json"))
                                                      .read_text(encoding="utf-8")).items() if k != "_licence"}


def figure(data: list[dict], layout: dict, height: int | None = None) -> go.Figure:
    """A figure made in one go from plain trace and layout dicts (house style by the default template), optionally
    a height. plotly validates the whole dict once; adding traces and updating the layout step by step validated
    again at each step: 5-10 ms a chart, most of what a view costs the first time it is asked for."""
    return go.Figure({"data": data, "layout": {**layout, "height": height} if height else layout})
