"""Map figure builders that draw with no internet, and print.

Why plotly geo traces (``go.Choropleth``/``go.Scattergeo``, SVG): a browser prints SVG, where the MapLibre canvas of
``*_map`` traces comes out blank. Geo traces draw the project's own outlines over no base map (``geo.visible`` off);
plotly.js still loads a base topology, which the chart config points at an empty one served by the app
(``static/world_110m.json``, see components.cards.plotly_config), so nothing is fetched from outside.
Each trace only carries the features it draws, so the outlines are sent once per figure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from quartiers.figures.style import figure
from quartiers.formatting import NOT_AVAILABLE, PLOTLY_SEPARATORS, fr_number
from quartiers.geometry import feature_anchor, feature_collection_bounds

MISSING_COLOR = "#c8c8c8"  # neutral grey, clearly apart from every colour of the scale
BORDER_COLOR = "#ffffff"
FRAME_COLOR = "#8c8c8c"
HIGHLIGHT_COLOR = "#1a1a1a"
LAND_COLOR, LAND_BORDER_COLOR = "#eef1f4", "#b8c0c8"  # départements under the points of a map: context only
# Colour-blind-safe and perceptually uniform; reversed so that more = darker.
COLOR_SCALE = "Viridis_r"
TRANSPARENT = [[0.0, "rgba(0,0,0,0)"], [1.0, "rgba(0,0,0,0)"]]
INSET_NOTE = "Outre-mer en médaillon (positions d'affichage)"

# the maps of QPV (/territoires, /qpv): pages with server-drawn charts print at full size, where a taller map pushes
# its card's source line to the next page
MAP_HEIGHT = 480


def _hover_text(value: Any, value_format: Callable[[Any], str] | None = None) -> str:
    """A hover value in French: text as given (callers may preformat), numbers through `value_format` or with
    the decimals they need; missing -> « non disponible »."""
    if isinstance(value, str):
        return value
    number = pd.to_numeric(value, errors="coerce")
    if pd.isna(number):
        return NOT_AVAILABLE
    if value_format is not None:
        return value_format(number)
    return fr_number(number, 0 if float(number).is_integer() else 1)


def land_outlines(outlines: dict) -> dict:
    """Départements in light grey under a map's points, no hover. A trace dict, not a trace object: go.Figure copies
    a trace object's outlines once more than a dict's (the pilots' map: 53 → 42 ms a build)."""
    codes = [f["properties"]["dep_code"] for f in outlines["features"]]
    return {"type": "choropleth", "geojson": outlines, "featureidkey": "properties.dep_code", "locations": codes,
            "z": [0] * len(codes), "colorscale": [[0, LAND_COLOR], [1, LAND_COLOR]], "showscale": False,
            "marker": {"line": {"color": LAND_BORDER_COLOR, "width": 0.6}}, "hoverinfo": "skip", "showlegend": False}


def frame_lines(fc: dict, name: str = "contours") -> dict:
    """Thin grey outlines (inset frames, context): one line trace, no hover, no legend."""
    lon: list[float | None] = []
    lat: list[float | None] = []
    for feature in fc["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for ring in (ring for polygon in polygons for ring in polygon):
            lon += [p[0] for p in ring] + [None]
            lat += [p[1] for p in ring] + [None]
    return {"type": "scattergeo", "name": name, "lon": lon, "lat": lat, "mode": "lines",
            "line": {"color": FRAME_COLOR, "width": 0.8}, "hoverinfo": "skip", "showlegend": False}


def geo_view(bounds: tuple[float, float, float, float], padding: float = 0.04) -> dict:
    """The `geo` layout that shows `bounds` (west, south, east, north) whole, Mercator, over no base map.
    `padding` is the share of each side left empty around the shapes; plotly keeps the projection's
    proportions, so a plot area of another shape only adds white space, never cuts a shape."""
    west, south, east, north = bounds
    dx, dy = (east - west) * padding or 0.01, (north - south) * padding or 0.01
    return {"visible": False, "projection": {"type": "mercator"}, "bgcolor": "rgba(0,0,0,0)",
            "lonaxis": {"range": [west - dx, east + dx]}, "lataxis": {"range": [south - dy, north + dy]}}


def _subset(outlines: dict, key: str, codes: Iterable[str]) -> dict:
    """FeatureCollection with only the features whose `key` property is in `codes` (outline order)."""
    wanted = set(codes)
    return {
        "type": "FeatureCollection",
        "features": [f for f in outlines["features"] if f["properties"].get(key) in wanted],
    }


def _check_values(values: pd.DataFrame, key: str, value_col: str, extra: Sequence[str] = ()) -> None:
    missing = [c for c in (key, value_col, *extra) if c not in values.columns]
    if missing:
        raise ValueError(f"Map data lacks column(s) {missing}; expected {key!r} and {value_col!r}")
    duplicated = values[key][values[key].duplicated()].unique().tolist()
    if duplicated:
        raise ValueError(f"Map data has several rows for {key} {duplicated}: one row per shape is expected")


def _choropleth_traces(
    values: pd.DataFrame,
    outlines: dict,
    key: str,
    value_col: str,
    value_label: str,
    hover_title: dict[str, str],
    hover_cols: dict[str, str],
    draw_codes: list[str],
    value_format: Callable[[Any], str] | None = None,
) -> list[dict]:
    """A grey trace for shapes with no value and a coloured one for the others (in this order)."""
    rows = values.set_index(values[key].astype(str))
    numeric = pd.to_numeric(rows[value_col], errors="coerce")

    def hover(code: str) -> str:
        lines = [f"<b>{hover_title.get(code, code)}</b>"]
        value = numeric.get(code, float("nan"))
        lines.append(f"{value_label} : {_hover_text(value, value_format)}")
        if code in rows.index:
            for col, label in hover_cols.items():
                lines.append(f"{label} : {_hover_text(rows.at[code, col])}")
        return "<br>".join(lines)

    with_value = [c for c in draw_codes if c in numeric.index and not pd.isna(numeric[c])]
    without_value = [c for c in draw_codes if c not in set(with_value)]
    traces: list[dict] = []
    common = {"type": "choropleth", "featureidkey": f"properties.{key}",
              "marker": {"line": {"color": BORDER_COLOR, "width": 0.6}}, "hovertemplate": "%{hovertext}<extra></extra>"}
    if without_value:
        traces.append({**common, "name": NOT_AVAILABLE, "geojson": _subset(outlines, key, without_value),
                       "locations": without_value, "z": [0] * len(without_value),
                       "colorscale": [[0.0, MISSING_COLOR], [1.0, MISSING_COLOR]], "showscale": False,
                       "hovertext": [hover(c) for c in without_value]})
    if with_value:
        # coloraxis: shared with the QPV markers; scale and bar set in _layout
        traces.append({**common, "name": value_label, "geojson": _subset(outlines, key, with_value),
                       "locations": with_value, "z": [float(numeric[c]) for c in with_value],
                       "coloraxis": "coloraxis", "hovertext": [hover(c) for c in with_value]})
    return traces


def _layout(title: str, view: dict, notes: list[str], value_label: str) -> dict:
    return dict(
        coloraxis={
            "colorscale": COLOR_SCALE,
            "colorbar": {
                "title": {"text": value_label, "side": "right"},
                "thickness": 14,
                "len": 0.75,
                "tickformat": ",~f",  # 30 000 rather than the English "30k"
            },
        },
        title={"text": title, "x": 0.01, "xanchor": "left"} if title else None,
        height=MAP_HEIGHT,
        margin={"l": 0, "r": 0, "t": 44 if title else 4, "b": 4},
        geo=view,
        separators=PLOTLY_SEPARATORS,  # French decimal comma and thousands separator on the colour bar
        showlegend=False,
        paper_bgcolor="white",
        annotations=[{"text": " · ".join(notes), "xref": "paper", "yref": "paper", "x": 0.01, "y": 0.01,
                      "xanchor": "left", "yanchor": "bottom", "showarrow": False,
                      "font": {"size": 11, "color": "#444"}, "bgcolor": "rgba(255,255,255,0.85)"}] if notes else [],
    )


def qpv_map(
    values: pd.DataFrame,
    outlines: dict,
    value_col: str,
    value_label: str,
    title: str = "",
    context: dict | None = None,
    value_format: Callable[[Any], str] | None = None,
) -> go.Figure:
    """Choropleth of the Occitanie QPV outlines (key ``code_qp``), zoomed on the QPV in `values`.

    Only the QPV listed in `values` are drawn (a NaN value is grey, « non disponible »), so filtering
    the table to one département zooms on it. `context` (e.g. département outlines) is drawn as thin
    grey lines under them so the small shapes can be placed.
    """
    _check_values(values, "code_qp", value_col)
    props = {f["properties"]["code_qp"]: f["properties"] for f in outlines["features"]}
    draw_codes = [str(c) for c in values["code_qp"] if str(c) in props]
    if not draw_codes:
        raise ValueError("None of the QPV codes in the data has an outline: nothing to draw")
    names = {c: f"{props[c].get('nom_qp')} — {props[c].get('commune')} ({c})" for c in draw_codes}
    traces = _choropleth_traces(values, outlines, "code_qp", value_col, value_label, names, {}, draw_codes,
                                value_format)
    data = ([frame_lines(context)] if context and context.get("features") else []) + traces
    # QPV are a few hundred metres wide: at région or département scale the shapes are specks, so a
    # marker on each keeps them visible and hoverable; zooming in shows the outlines under it.
    drawn = set(draw_codes)
    anchors = {f["properties"]["code_qp"]: feature_anchor(f) for f in outlines["features"]
               if f["properties"]["code_qp"] in drawn}
    for trace in traces:
        missing = trace["name"] == NOT_AVAILABLE
        data.append({"type": "scattergeo", "name": f"{trace['name']} (repères)",
                     "lon": [anchors[c][0] for c in trace["locations"]],
                     "lat": [anchors[c][1] for c in trace["locations"]], "mode": "markers",
                     "marker": {"size": 8, "color": MISSING_COLOR} if missing
                     else {"size": 8, "color": trace["z"], "coloraxis": "coloraxis"},
                     "hovertext": trace["hovertext"], "hovertemplate": "%{hovertext}<extra></extra>"})
    bounds = feature_collection_bounds(_subset(outlines, "code_qp", draw_codes))
    notes = ["Gris : non disponible"] if any(t["name"] == NOT_AVAILABLE for t in traces) else []
    return figure(data, _layout(title, geo_view(bounds, padding=0.08), notes, value_label))
