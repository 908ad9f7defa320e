"""Charts drawn on the server as SVG: the map of départements and the bar charts of the first pages people open.

Why SVG markup rather than a chart library: the home page was 1,5-1,8 × the floor page with plotly, and most of the
difference is the browser evaluating plotly.js (4,7 MB). Markup needs no library, weighs tens of KB, costs nothing
on a rerun (it is built once per view), prints as it is and scales to a phone. Hover texts are SVG <title> elements
(the browser's own tooltip); the chart's <title> and <desc> are its text alternative for screen readers.
Every text is escaped: names come from data files.
"""
from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from html import escape

from plotly.colors import sample_colorscale

from quartiers.figures.style import FONT, MUTED_TEXT, NEUTRAL, PRIMARY, SECONDARY, SEQUENTIAL, TEXT

MISSING_COLOR = "#c8c8c8"  # same grey as the plotly maps: clearly apart from every colour of the scale
FRAME_COLOR = "#8c8c8c"
HIGHLIGHT_COLOR = "#1a1a1a"
CHAR_PX = 0.56  # mean width of a character of the sans-serif font, in font sizes: to reserve room for labels
SLIDE = (1280, 720)
NARROW_PX = 360  # width of the phone layout of a chart
SLIDE_COLUMN_PX = 520  # height of a column of bars on a slide
CHART_CLASS = "qp-chart"  # what a browser test or the benchmark waits for
WIDE_CLASS, NARROW_CLASS = "qp-wide", "qp-narrow"  # the two layouts of a chart that has a phone one
SHAPES_CLASS = "qp-shapes"  # the group of a map's shapes  # size of a downloaded image: a 16:9 slide


@dataclass(frozen=True)
class SvgChart:
    """A chart drawn in a box of width × height: its SVG elements and its text alternative."""

    body: str
    width: int
    height: int
    alt: str
    narrow: SvgChart | None = None  # the same chart laid out for a phone, if its wide layout would shrink unread
    slide: SvgChart | None = None  # the same chart laid out for a 16:9 slide, if its own layout would shrink unread

    @property
    def markup(self) -> str:
        """For a page: scales to its container (never past its natural width), in the page's font. With a narrow
        layout, both are in the page and the page's styles show one (components.share.PAGE_CSS: phone, paper)."""
        if self.narrow is None:
            return self._element(CHART_CLASS)
        return self._element(f"{CHART_CLASS} {WIDE_CLASS}") + self.narrow._element(f"{CHART_CLASS} {NARROW_CLASS}")

    def _element(self, classes: str) -> str:
        return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width} {self.height}" width="100%" '
                f'role="img" class="{classes}" fill="{TEXT}" '
                f'style="max-width:{self.width}px;height:auto;aspect-ratio:{self.width}/{self.height}">'
                f"<title>{escape(self.alt)}</title>"
                f"{self.body}</svg>")

    def image(self, title: str, source: str) -> str:
        """A standalone SVG of a 16:9 slide: the title above, the chart scaled to fit (never cropped), the source
        and year below. For the « Télécharger l'image » button."""
        chart = self.slide or self
        width, height = SLIDE
        titles, sources = wrap_lines(title, 70), wrap_lines(source, 150)  # every line: the chart shrinks to leave room
        top, bottom, side = 22 + 34 * len(titles), 34 + 18 * len(sources), 40
        scale = min((width - 2 * side) / chart.width, (height - top - bottom) / chart.height)
        x = (width - chart.width * scale) / 2
        heading = "".join(f'<text x="{side}" y="{44 + 34 * i}" font-size="28" font-weight="600">{escape(t)}</text>'
                          for i, t in enumerate(titles))
        foot = "".join(f'<text x="{side}" y="{height - bottom + 26 + 18 * i}" font-size="15" fill="{MUTED_TEXT}">'
                       f"{escape(t)}</text>" for i, t in enumerate(sources))
        inner = (f'<svg x="{x:.0f}" y="{top}" width="{chart.width * scale:.0f}" height="{chart.height * scale:.0f}" '
                 f'viewBox="0 0 {chart.width} {chart.height}">{chart.body}</svg>')
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
                f'viewBox="0 0 {width} {height}" font-family="{FONT}" fill="{TEXT}">'
                f'<rect width="{width}" height="{height}" fill="#ffffff"/>{heading}{inner}{foot}</svg>')


def wrap_lines(text: str, width: int) -> list[str]:
    """The words of `text` in lines of at most `width` characters (a longer word alone on its line). Breaks at plain
    spaces only: a no-break space keeps « 1 514 » or « 3,3 Md€ » whole."""
    lines: list[str] = []
    for word in filter(None, text.split(" ")):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _svg(width: float, height: float, body: str, alt: str) -> SvgChart:
    return SvgChart(body, math.ceil(width), math.ceil(height), alt)


def _tooltip(lines: Sequence[str]) -> str:
    return f"<title>{escape(chr(10).join(lines))}</title>"


def text_px(text: str, size: float) -> float:
    """Approximate width of a text in pixels (no font metrics on the server): room is reserved with it."""
    return len(text) * size * CHAR_PX


# --- map -----------------------------------------------------------------------------------------------------------

def _mercator(lon: float, lat: float) -> tuple[float, float]:
    return lon, math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _rings(geometry: dict) -> list[list]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def _number(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _path(rings: list[list], to_px: Callable[[float, float], tuple[float, float]], decimals: int) -> str:
    """Path data of closed rings: the first point, then steps from point to point (shorter than positions),
    rounded to `decimals`; a step, or a ring, that rounds to nothing is left out."""
    parts = []
    for ring in rings:
        points = [tuple(round(c, decimals) for c in to_px(*_mercator(p[0], p[1]))) for p in ring]
        steps = [(x1 - x0, y1 - y0) for (x0, y0), (x1, y1) in zip(points, points[1:]) if (x1, y1) != (x0, y0)]
        if len(steps) < 2:  # an islet smaller than the rounding: nothing to draw
            continue
        parts.append(f"M{_number(points[0][0], decimals)} {_number(points[0][1], decimals)}l"
                     + " ".join(f"{_number(dx, decimals)} {_number(dy, decimals)}" for dx, dy in steps) + "z")
    return "".join(parts)


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round values (1, 2 or 5 × a power of ten apart) inside [low, high], about `count` of them."""
    if high <= low:
        return [low]
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


def _legend(x: float, y: float, height: float, low: float, high: float, label: str,
            tick: Callable[[float], str]) -> str:
    """A vertical colour bar, darker = more, with round ticks and its label above."""
    stops = "".join(f'<stop offset="{t:.2f}" stop-color="{c}"/>' for t, c in
                    zip((i / 8 for i in range(9)), sample_colorscale(SEQUENTIAL, [1 - i / 8 for i in range(9)])))
    span = (high - low) or 1
    ticks = "".join(
        f'<line x1="{x + 14}" x2="{x + 19}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="{TEXT}"/>'
        f'<text x="{x + 22}" y="{ty + 4:.1f}" font-size="12">{escape(tick(v))}</text>'
        for v in nice_ticks(low, high) for ty in [y + height * (1 - (v - low) / span)])
    title = "".join(f'<text x="{x}" y="{y - 26 + 15 * i}" font-size="12" font-weight="600">{escape(t)}</text>'
                    for i, t in enumerate(wrap_lines(label, 22)[:2]))
    return (f'<defs><linearGradient id="scale" x1="0" y1="0" x2="0" y2="1">{stops}</linearGradient></defs>'
            f'{title}<rect x="{x}" y="{y}" width="14" height="{height}" fill="url(#scale)"/>{ticks}')


LEGEND_W, PAD = 130, 6
_drawn: OrderedDict[tuple, tuple] = OrderedDict()  # projected outlines, by the identity of what was projected


def _projection(outlines: dict, frames: dict | None, width: float) -> tuple[dict[str, str], list[str], float]:
    """Path data of each feature (by `dep_code`) and of each frame, and the height they take, `width` wide.
    The dataset's outlines never change: projected once (a national map has 30 000 points), the entry holding the
    collections themselves so that their ids stay theirs."""
    key = (id(outlines), id(frames), width)
    if key in _drawn:
        _drawn.move_to_end(key)
        return _drawn[key][2]
    shapes = outlines["features"] + (frames or {}).get("features", [])
    xs, ys = zip(*(_mercator(p[0], p[1]) for f in shapes for ring in _rings(f["geometry"]) for p in ring))
    west, north = min(xs), max(ys)
    scale = (width - 2 * PAD) / (max(xs) - west)

    def to_px(x: float, y: float) -> tuple[float, float]:
        return PAD + (x - west) * scale, PAD + (north - y) * scale

    decimals = 1 if width > NARROW_PX else 0  # a tenth of a pixel where the map is large, a pixel on a phone
    result = ({f["properties"]["dep_code"]: _path(_rings(f["geometry"]), to_px, decimals)
               for f in outlines["features"]},
              [_path(_rings(f["geometry"]), to_px, decimals) for f in (frames or {}).get("features", [])],
              (north - min(ys)) * scale + 2 * PAD)
    _drawn[key] = (outlines, frames, result)
    while len(_drawn) > 16:
        _drawn.popitem(last=False)
    return result


def _legend_below(x: float, y: float, width: float, low: float, high: float, label: str,
                  tick: Callable[[float], str]) -> str:
    """A horizontal colour bar, darker = more (to the right), its label above and round ticks under it."""
    stops = "".join(f'<stop offset="{t:.2f}" stop-color="{c}"/>' for t, c in
                    zip((i / 8 for i in range(9)), sample_colorscale(SEQUENTIAL, [i / 8 for i in range(9)])))
    span = (high - low) or 1
    ticks = "".join(
        f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{y + 12:.1f}" y2="{y + 17:.1f}" stroke="{TEXT}"/>'
        f'<text x="{tx:.1f}" y="{y + 30:.1f}" font-size="12" text-anchor="middle">{escape(tick(v))}</text>'
        for v in nice_ticks(low, high) for tx in [x + width * (v - low) / span])
    return (f'<defs><linearGradient id="scale-h" x1="0" y1="0" x2="1" y2="0">{stops}</linearGradient></defs>'
            f'<text x="{x}" y="{y - 6:.1f}" font-size="12" font-weight="600">{escape(label)}</text>'
            f'<rect x="{x}" y="{y:.1f}" width="{width}" height="12" fill="url(#scale-h)"/>{ticks}')


def choropleth(outlines: dict, values: dict[str, float | None], hover: dict[str, list[str]], label: str,
               tick: Callable[[float], str], alt: str, frames: dict | None = None,
               highlight: Sequence[str] = (), notes: Sequence[str] = (), width: int = 760,
               legend_below: bool = False) -> SvgChart:
    """Départements (features with a `dep_code`) coloured by `values` on the sequential scale (more = darker; no
    value: grey), each with its hover lines; `frames` (inset circles) as thin grey lines; `highlight` codes
    outlined in black; the colour bar with `label` and ticks written by `tick` (beside the map, or under it for a
    narrow layout); `notes` under the map."""
    paths, frame_paths, map_height = _projection(outlines, frames, width if legend_below else width - LEGEND_W)
    known = [v for v in values.values() if v is not None and not math.isnan(v)]
    low, high = (min(known), max(known)) if known else (0.0, 1.0)
    colours = dict(zip(known, sample_colorscale(SEQUENTIAL, [(v - low) / (high - low) if high > low else 1.0
                                                             for v in known])))
    body = [f'<g class="{SHAPES_CLASS}">']
    for feature in outlines["features"]:
        code = feature["properties"]["dep_code"]
        value = values.get(code)
        fill = MISSING_COLOR if value is None or math.isnan(value) else colours[value]
        body.append(f'<path d="{paths[code]}" fill="{fill}" stroke="#ffffff" '
                    f'stroke-width="0.6">{_tooltip(hover.get(code, [code]))}</path>')
    body.append("</g>")
    for path in frame_paths:
        body.append(f'<path d="{path}" fill="none" stroke="{FRAME_COLOR}" stroke-width="0.8" pointer-events="none"/>')
    for code in dict.fromkeys(highlight):
        if code in paths:
            body.append(f'<path d="{paths[code]}" fill="none" stroke="{HIGHLIGHT_COLOR}" stroke-width="2.5" '
                        'pointer-events="none"/>')
    height = map_height
    if notes:
        height += 22
        body.append(f'<text x="{PAD}" y="{height - 6:.1f}" font-size="12" fill="{MUTED_TEXT}">'
                    f'{escape(" · ".join(notes))}</text>')
    if known and legend_below:
        body.append(_legend_below(PAD + 10, height + 22, width - 2 * PAD - 40, low, high, label, tick))
        height += 60
    elif known:
        body.append(_legend(width - LEGEND_W + 20, 60, min(300, height - 120), low, high, label, tick))
    chart = _svg(width, height, "".join(body), alt)
    if legend_below:
        return chart
    return replace(chart, narrow=choropleth(outlines, values, hover, label, tick, alt, frames, highlight, notes,
                                            NARROW_PX, legend_below=True))


# --- bars ----------------------------------------------------------------------------------------------------------

BAR_PX = 38  # one row: the label on a line of its own, the bar under it
FONT_PX = 13


def hbars(labels: Sequence[str], values: Sequence[float | None], texts: Sequence[str], hover: Sequence[list[str]],
          selected: Sequence[bool], alt: str, width: int = 320) -> SvgChart:
    """Horizontal bars, in the order given, each under its label (a line of its own: long names need no cutting and
    never overlap, down to a phone's width) with its value written after the bar, inside the chart. Selected bars in
    the accent colour, their label in bold; a missing value has no bar and reads its text (« non disponible »).
    A long list is laid out in columns for a slide (SvgChart.image), read down then across, so that it stays legible."""
    rows = list(zip(labels, values, texts, hover, selected))
    value_w = max((text_px(t, FONT_PX) for t in texts), default=0) + 8
    top = max((v for v in values if v is not None and not math.isnan(v)), default=0) or 1
    chart = _svg(width, max(len(rows), 1) * BAR_PX + 2, _bar_rows(rows, width - value_w, top), alt)
    columns = math.ceil(len(rows) * BAR_PX / SLIDE_COLUMN_PX)
    if columns < 2:
        return chart
    per = math.ceil(len(rows) / columns)
    body = "".join(f'<g transform="translate({c * (width + 40)},0)">'
                   f"{_bar_rows(rows[c * per:(c + 1) * per], width - value_w, top)}</g>" for c in range(columns))
    return replace(chart, slide=_svg(columns * width + (columns - 1) * 40, per * BAR_PX + 2, body, alt))


def _bar_rows(rows: Sequence[tuple], room: float, top: float) -> str:
    body = []
    for i, (label, value, text, lines, sel) in enumerate(rows):
        y = i * BAR_PX
        length = 0 if value is None or math.isnan(value) else max(room * value / top, 1)
        weight = ' font-weight="600"' if sel else ""
        muted = "" if length else f' fill="{NEUTRAL}"'
        body.append(
            f"<g>{_tooltip(lines)}<text x=\"0\" y=\"{y + 14}\" font-size=\"{FONT_PX}\"{weight}>{escape(label)}</text>"
            f'<rect x="0" y="{y + 19}" width="{length:.1f}" height="14" fill="{SECONDARY if sel else PRIMARY}"/>'
            f'<text x="{length + 4:.1f}" y="{y + 31}" font-size="{FONT_PX}"{muted}>{escape(text)}</text></g>')
    return "".join(body)


def stacked_bar(parts: Sequence[tuple[str, float, str, str]], total_text: str, colours: Sequence[str], alt: str,
                width: int = 900) -> SvgChart:
    """One bar split into `parts` (see _stacked_bar), with a narrow layout for a phone."""
    return replace(_stacked_bar(parts, total_text, colours, alt, width),
                   narrow=_stacked_bar(parts, total_text, colours, alt, NARROW_PX))


def _stacked_bar(parts: Sequence[tuple[str, float, str, str]], total_text: str, colours: Sequence[str], alt: str,
                 width: int) -> SvgChart:
    """One bar split into `parts` (name over the bar, amount text inside, hover text), the total under it. The first
    name starts at the left edge and the last ends at the right edge, so that names stay inside the chart."""
    whole = sum(p[1] for p in parts) or 1
    per_name = int((width / max(len(parts), 1) - 12) / (FONT_PX * CHAR_PX))  # names side by side never meet
    lines = [wrap_lines(name, per_name) for name, *_ in parts]
    top = 8 + 16 * max(map(len, lines), default=1)
    body, x = [], 0.0
    for i, ((_, amount, text, hover), name_lines) in enumerate(zip(parts, lines)):
        w = width * amount / whole
        last = i == len(parts) - 1 and i > 0
        anchor, tx = ("end", x + w) if last else ("start", x)
        names = "".join(f'<text x="{tx:.1f}" y="{18 + 16 * j}" font-size="{FONT_PX}" text-anchor="{anchor}">'
                        f"{escape(t)}</text>" for j, t in enumerate(name_lines))
        body.append(f"<g>{_tooltip([hover])}{names}"
                    f'<rect x="{x:.1f}" y="{top}" width="{w:.1f}" height="56" fill="{colours[i % len(colours)]}"/>'
                    f'<text x="{x + w / 2:.1f}" y="{top + 34}" font-size="18" fill="#ffffff" text-anchor="middle">'
                    f"{escape(text)}</text></g>")
        x += w
    body.append(f'<text x="{width}" y="{top + 80}" font-size="15" font-weight="600" text-anchor="end">'
                f"{escape(total_text)}</text>")
    return _svg(width, top + 88, "".join(body), alt)
