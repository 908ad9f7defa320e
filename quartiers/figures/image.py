"""The PNG a plotly chart downloads from its toolbar: the chart with its title, its source and year above it, at the
width of a 16:9 slide.

plotly.js draws that image in the browser from the figure itself (its options are only format, name, size and
scale), so the heading has to be in the figure: a band at its top holding the title and the source, which the pages
clip off on screen and on paper, where the card already shows both (components.share.PAGE_CSS). The band's height is
a whole number of lines, so that the pages' styles can name every height the band can take.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from quartiers.figures.style import MUTED_TEXT, PLOTLY_DEFAULT_HEIGHT, PLOTLY_FONT
from quartiers.figures.svg import CHAR_PX, SLIDE, wrap_lines

IMAGE_WIDTH = SLIDE[0]  # px, at IMAGE_SCALE: 2 560 px wide
IMAGE_SCALE = 2
TITLE_SIZE, SOURCE_SIZE = 22, 15  # px
LINE_PX = round(TITLE_SIZE * 1.3)  # plotly spaces the lines of a text by 1,3 × its font size
SIDE_PX, TOP_PX, GAP_PX = 24, 14, 12  # around the heading: left, above, between it and the chart
# the pages' styles clip bands of up to this many lines (the longest title and source take 6; a longer heading would
# show above its chart on screen rather than overlap it in the image)
MAX_LINES = 8


@dataclass(frozen=True)
class Heading:
    """The title and source lines of a chart's image, as plotly title text."""

    text: str
    lines: int

    @property
    def band_px(self) -> int:
        return band_px(self.lines)


def band_px(lines: int) -> int:
    """Height of the band of a heading of `lines` lines."""
    return TOP_PX + lines * LINE_PX + GAP_PX


def heading(title: str, source: str) -> Heading:
    """The title (bold) and the source with its year (smaller, grey), wrapped to the image's width."""
    room = IMAGE_WIDTH - 2 * SIDE_PX
    titles = wrap_lines(title, int(room / (TITLE_SIZE * CHAR_PX)))
    sources = wrap_lines(source, int(room / (SOURCE_SIZE * CHAR_PX)))
    text = "<br>".join([f"<b>{escape(t, quote=False)}</b>" for t in titles]
                       + [f'<span style="font-size:{SOURCE_SIZE}px;color:{MUTED_TEXT}">{escape(s, quote=False)}</span>'
                          for s in sources])
    return Heading(text, len(titles) + len(sources))


def with_heading(spec: dict, head: Heading) -> dict:
    """A figure dict (Figure.to_dict()) with the heading in a band above the chart: the chart keeps its height and
    margins under the band. `spec` is left as it was."""
    layout = dict(spec.get("layout", {}))
    default_margin = layout.get("template", {}).get("layout", {}).get("margin", {})
    margin = {**default_margin, **layout.get("margin", {})}
    margin["t"] = margin.get("t", 0) + head.band_px
    # in the layout and the title, not only in the template: Streamlit's theme sets its own (see style.PLOTLY_FONT)
    layout["font"] = {**layout.get("font", {}), "family": PLOTLY_FONT}
    # plotly puts the first line's baseline, not its top, at the title's y plus pad.t: hence a line's worth more
    layout.update(margin=margin, height=(layout.get("height") or PLOTLY_DEFAULT_HEIGHT) + head.band_px,
                  title={"text": head.text, "font": {"size": TITLE_SIZE, "family": PLOTLY_FONT}, "automargin": False,
                         "x": 0, "xref": "container", "xanchor": "left",
                         "pad": {"l": SIDE_PX, "t": TOP_PX + TITLE_SIZE},
                         "y": 1, "yref": "container", "yanchor": "top"})
    return {**spec, "layout": layout}


def image_options(file_name: str) -> dict:
    """plotly.js's `toImageButtonOptions`: a PNG as wide as a slide, twice as sharp, as high as the figure."""
    return {"format": "png", "filename": file_name, "width": IMAGE_WIDTH, "scale": IMAGE_SCALE}
