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
from dataclasses import dataclass
from html import escape

from plotly.colors import sample_colorscale

from quartiers.figures.style import FONT, MUTED_TEXT, NEUTRAL, PRIMARY, SECONDARY, SEQUENTIAL, TEXT

MISSING_COLOR = "#c8c8c8"  # same grey as the plotly maps: clearly apart from every colour of the scale
FRAME_COLOR = "#8c8c8c"
HIGHLIGHT_COLOR = "#1a1a1a"
CHAR_PX = 0.56  # mean width of a character of the sans-serif font, in font sizes: to reserve room for labels
SLIDE = (1280, 720)
CHART_CLASS = "qp-chart"  # what a browser test or the benchmark waits for
SHAPES_CLASS = "qp-shapes"  # the group of a map's shapes  # size of a downloaded image: a 16:9 slide


@dataclass(frozen=True)
class SvgChart:
    """A chart drawn in a box of width × height: its SVG elements and its text alternative."""

    body: str
    width: int
    height: int
    alt: str

    @property
    def markup(self) -> str:
        """For a page: scales to its container (never past its natural width), in the page's font."""
        return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width} {self.height}" width="100%" '
                f'role="img" class="{CHART_CLASS}" fill="{TEXT}" '
                f'style="max-width:{self.width}px;height:auto;display:block"><title>{escape(self.alt)}</title>'
                f"{self.body}</svg>")

    def image(self, title: str, source: str) -> str:
        """A standalone SVG of a 16:9 slide: the title above, the chart scaled to fit (never cropped), the source
        and year below. For the « Télécharger l'image » button."""
        width, height = SLIDE
        top, bottom, side = 90, 70, 40
        scale = min((width - 2 * side) / self.width, (height - top - bottom) / self.height)
        x = (width - self.width * scale) / 2
        lines = _wrap(title, 70)[:2]
        heading = "".join(f'<text x="{side}" y="{44 + 34 * i}" font-size="28" font-weight="600">{escape(t)}</text>'
                          for i, t in enumerate(lines))
        foot = "".join(f'<text x="{side}" y="{height - 44 + 18 * i}" font-size="15" fill="{MUTED_TEXT}">{escape(t)}'
                       "</text>" for i, t in enumerate(_wrap(source, 150)[:2]))
        inner = (f'<svg x="{x:.0f}" y="{top}" width="{self.width * scale:.0f}" height="{self.height * scale:.0f}" '
                 f'viewBox="0 0 {self.width} {self.height}">{self.body}</svg>')
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
                f'viewBox="0 0 {width} {height}" font-family="{FONT}" fill="{TEXT}">'
                f'<rect width="{width}" height="{height}" fill="#ffffff"/>{heading}{inner}{foot}</svg>')


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
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


def _path(rings: list[list], to_px: Callable[[float, float], tuple[float, float]]) -> str:
    parts = []
    for ring in rings:
        points = [to_px(*_mercator(p[0], p[1])) for p in ring]
        parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z")
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
                    for i, t in enumerate(_wrap(label, 22)[:2]))
    return (f'<defs><linearGradient id="scale" x1="0" y1="0" x2="0" y2="1">{stops}</linearGradient></defs>'
            f'{title}<rect x="{x}" y="{y}" width="14" height="{height}" fill="url(#scale)"/>{ticks}')


LEGEND_W, PAD = 130, 6
_drawn: OrderedDict[tuple, tuple] = OrderedDict()  # projected outlines, by the identity of what was projected


def _projection(outlines: dict, frames: dict | None, width: int) -> tuple[dict[str, str], list[str], float]:
    """Path data of each feature (by `dep_code`) and of each frame, and the height they take, in a box `width`
    wide less the legend. The dataset's outlines never change: projected once (a national map has 30 000 points),
    the entry holding the collections themselves so that their ids stay theirs."""
    key = (id(outlines), id(frames), width)
    if key in _drawn:
        _drawn.move_to_end(key)
        return _drawn[key][2]
    shapes = outlines["features"] + (frames or {}).get("features", [])
    xs, ys = zip(*(_mercator(p[0], p[1]) for f in shapes for ring in _rings(f["geometry"]) for p in ring))
    west, north = min(xs), max(ys)
    scale = (width - LEGEND_W - 2 * PAD) / (max(xs) - west)

    def to_px(x: float, y: float) -> tuple[float, float]:
        return PAD + (x - west) * scale, PAD + (north - y) * scale

    result = ({f["properties"]["dep_code"]: _path(_rings(f["geometry"]), to_px) for f in outlines["features"]},
              [_path(_rings(f["geometry"]), to_px) for f in (frames or {}).get("features", [])],
              (north - min(ys)) * scale + 2 * PAD)
    _drawn[key] = (outlines, frames, result)
    while len(_drawn) > 16:
        _drawn.popitem(last=False)
    return result


def choropleth(outlines: dict, values: dict[str, float | None], hover: dict[str, list[str]], label: str,
               tick: Callable[[float], str], alt: str, frames: dict | None = None,
               highlight: Sequence[str] = (), notes: Sequence[str] = (), width: int = 760) -> SvgChart:
    """Départements (features with a `dep_code`) coloured by `values` on the sequential scale (more = darker; no
    value: grey), each with its hover lines; `frames` (inset circles) as thin grey lines; `highlight` codes
    outlined in black; the colour bar with `label` and ticks written by `tick`; `notes` under the map."""
    paths, frame_paths, map_height = _projection(outlines, frames, width)
    height = map_height + 22 * bool(notes)
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
        body.append(f'<path d="{path}" fill="none" stroke="{FRAME_COLOR}" '
                    'stroke-width="0.8" pointer-events="none"/>')
    for code in dict.fromkeys(highlight):
        if code in paths:
            body.append(f'<path d="{paths[code]}" fill="none" '
                        f'stroke="{HIGHLIGHT_COLOR}" stroke-width="2.5" pointer-events="none"/>')
    if known:
        body.append(_legend(width - LEGEND_W + 20, 60, min(300, height - 120), low, high, label, tick))
    if notes:
        body.append(f'<text x="{PAD}" y="{height - 6:.1f}" font-size="12" fill="{MUTED_TEXT}">'
                    f'{escape(" · ".join(notes))}</text>')
    return _svg(width, height, "".join(body), alt)


# --- bars ----------------------------------------------------------------------------------------------------------

BAR_PX = 38  # one row: the label on a line of its own, the bar under it
FONT_PX = 13


def hbars(labels: Sequence[str], values: Sequence[float | None], texts: Sequence[str], hover: Sequence[list[str]],
          selected: Sequence[bool], alt: str, width: int = 320) -> SvgChart:
    """Horizontal bars, in the order given, each under its label (a line of its own: long names need no cutting and
    never overlap, down to a phone's width) with its value written after the bar, inside the chart. Selected bars in
    the accent colour, their label in bold; a missing value has no bar and reads its text (« non disponible »)."""
    value_w = max((text_px(t, FONT_PX) for t in texts), default=0) + 8
    room = width - value_w
    top = max((v for v in values if v is not None and not math.isnan(v)), default=0) or 1
    body = []
    for i, (label, value, text, lines, sel) in enumerate(zip(labels, values, texts, hover, selected)):
        y = i * BAR_PX
        length = 0 if value is None or math.isnan(value) else max(room * value / top, 1)
        weight = ' font-weight="600"' if sel else ""
        muted = "" if length else f' fill="{NEUTRAL}"'
        body.append(
            f"<g>{_tooltip(lines)}<text x=\"0\" y=\"{y + 14}\" font-size=\"{FONT_PX}\"{weight}>{escape(label)}</text>"
            f'<rect x="0" y="{y + 19}" width="{length:.1f}" height="14" fill="{SECONDARY if sel else PRIMARY}"/>'
            f'<text x="{length + 4:.1f}" y="{y + 31}" font-size="{FONT_PX}"{muted}>{escape(text)}</text></g>')
    return _svg(width, max(len(labels), 1) * BAR_PX + 2, "".join(body), alt)


def stacked_bar(parts: Sequence[tuple[str, float, str, str]], total_text: str, colours: Sequence[str], alt: str,
                width: int = 900) -> SvgChart:
    """One bar split into `parts` (name over the bar, amount text inside, hover text), the total under it. The first
    name starts at the left edge and the last ends at the right edge, so that names stay inside the chart."""
    whole = sum(p[1] for p in parts) or 1
    body, x = [], 0.0
    for i, (name, amount, text, hover) in enumerate(parts):
        w = width * amount / whole
        last = i == len(parts) - 1 and i > 0
        anchor, tx = ("end", x + w) if last else ("start", x)
        names = "".join(f'<text x="{tx:.1f}" y="{18 + 16 * j}" font-size="{FONT_PX}" text-anchor="{anchor}">'
                        f"{escape(t)}</text>" for j, t in enumerate(_wrap(name, 34)[:2]))
        body.append(f"<g>{_tooltip([hover])}{names}"
                    f'<rect x="{x:.1f}" y="44" width="{w:.1f}" height="56" fill="{colours[i % len(colours)]}"/>'
                    f'<text x="{x + w / 2:.1f}" y="78" font-size="18" fill="#ffffff" text-anchor="middle">'
                    f"{escape(text)}</text></g>")
        x += w
    body.append(f'<text x="{width}" y="124" font-size="15" font-weight="600" text-anchor="end">'
                f"{escape(total_text)}</text>")
    return _svg(width, 132, "".join(body), alt)
