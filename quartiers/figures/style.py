"""Shared look of every chart: colour-blind-safe palette, French separators, readable fonts.

Okabe-Ito colours (safe for the common colour-vision deficiencies), darkened where needed so that every mark has
at least 3:1 contrast against the white background (checked by a test). Colour never carries meaning alone: charts
also label their bars and series.
"""
from __future__ import annotations

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

pio.templates["quartiers"] = go.layout.Template(layout=go.Layout(
    font=dict(family=FONT, size=14, color=TEXT),
    title=dict(font=dict(size=18)),
    paper_bgcolor=BACKGROUND, plot_bgcolor=BACKGROUND,
    colorway=PALETTE,
    separators=PLOTLY_SEPARATORS,
    hoverlabel=dict(font=dict(family=FONT, size=13)),
    xaxis=dict(gridcolor="#e5e5e5", zerolinecolor="#bdbdbd", automargin=True),
    yaxis=dict(gridcolor="#e5e5e5", zerolinecolor="#bdbdbd", automargin=True),
    margin=dict(l=10, r=10, t=40, b=10),
))
TEMPLATE = "plotly_white+quartiers"


def apply(fig: go.Figure, height: int | None = None) -> go.Figure:
    """The house style on a figure (template, French separators), optionally a height."""
    fig.update_layout(template=TEMPLATE)
    if height:
        fig.update_layout(height=height)
    return fig
