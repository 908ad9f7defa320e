"""Figures of the « Les QPV » page: the selection's QPV as points, the largest QPV, poverty against income, and
one QPV's profile (income and poverty over the years, its 2024 outline apart).

Data in, plotly figure out (SVG geo maps: no tiles, they print); every number is French text from
quartiers.formatting.
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from quartiers.figures import style
from quartiers.figures.maps import COLOR_SCALE, MAP_HEIGHT, geo_view, land_outlines
from quartiers.figures.territories import ranking_bar
from quartiers.formatting import fr_int
from quartiers.geometry import feature_collection_bounds

MAX_LABEL = 34  # characters of a QPV name on a bar (long names are cut with « … »; the table has them whole)
MAX_MARKER_PX = 28  # diameter of the most populated QPV of the selection
APPROX_NOTE = "Positions approchées (contours officiels 2015 : Occitanie, page Territoires)"


def points_map(points: pd.DataFrame, value_col: str, value_label: str, value_format: Callable[[float], str],
               outlines: dict) -> go.Figure:
    """One disc per QPV at its approximate point, area proportional to its 2018 residents, coloured by `value_col`
    (grey when not published), over light département outlines. `points`: name, code_qp, lon, lat, pop_2018 and
    `value_col`; rows without a point are left out by the caller, who says how many."""
    data = [land_outlines(outlines)] if outlines["features"] else []
    size_ref = 2.0 * float(points["pop_2018"].max() or 1) / MAX_MARKER_PX ** 2
    hover = [f"<b>{n}</b> ({c})<br>Habitants 2018 : {fr_int(p)}<br>{value_label} : {value_format(v)}"
             for n, c, p, v in zip(points["name"], points["code_qp"], points["pop_2018"], points[value_col])]
    known = points[value_col].notna().to_numpy()
    for mask, marker in ((~known, {"color": style.NEUTRAL}),
                         (known, {"color": points.loc[known, value_col].astype(float), "colorscale": COLOR_SCALE,
                                  "showscale": True, "colorbar": {"title": {"text": value_label, "side": "right"},
                                                                  "thickness": 12}})):
        if not mask.any():
            continue
        rows = points[mask]
        data.append({"type": "scattergeo", "lon": rows["lon"], "lat": rows["lat"], "mode": "markers",
                     "hoverinfo": "text", "hovertext": [h for h, m in zip(hover, mask) if m],
                     "name": "non disponible" if marker["color"] is style.NEUTRAL else value_label,
                     "showlegend": False,
                     "marker": {**marker, "size": rows["pop_2018"].astype(float), "sizemode": "area",
                                "sizeref": size_ref, "sizemin": 3, "opacity": 0.85,
                                "line": {"color": "#ffffff", "width": 0.5}}})
    bounds = feature_collection_bounds(outlines) if outlines["features"] else (
        float(points["lon"].min()), float(points["lat"].min()), float(points["lon"].max()), float(points["lat"].max()))
    note = {"text": f"{APPROX_NOTE} ; gris : non disponible ; taille : habitants 2018", "showarrow": False,
            "x": 0, "y": 0, "xref": "paper", "yref": "paper", "yanchor": "top", "xanchor": "left", "yshift": -4,
            "font": {"size": 12, "color": style.MUTED_TEXT}}
    return style.figure(data, {"geo": geo_view(bounds), "margin": {"l": 0, "r": 0, "t": 0, "b": 30},
                               "dragmode": False, "annotations": [note]}, MAP_HEIGHT)


def largest_bar(rows: pd.DataFrame, max_rows: int) -> go.Figure:
    """The most populated QPV of the selection (2018), largest on top."""
    names = [n if len(n) <= MAX_LABEL else n[:MAX_LABEL - 1].rstrip(" -") + "…" for n in rows["Quartier"]]
    table = pd.DataFrame({"code": rows["Code"], "name": names, "qpv_population": rows["Habitants 2018"]})
    return ranking_bar(table, "Habitants 2018", max_rows=max_rows)


def poverty_scatter(rows: pd.DataFrame, income_col: str, poverty_col: str) -> go.Figure:
    """Poverty rate against median income, one dot per QPV with both published, size by residents."""
    both = rows[rows[income_col].notna() & rows[poverty_col].notna()]
    # names only as per-point data; the values come from x and y (French separators from the house template)
    dots = {"type": "scatter", "x": both[income_col].astype(float), "y": both[poverty_col].astype(float),
            "mode": "markers", "customdata": both["Quartier"],
            "hovertemplate": f"<b>%{{customdata}}</b><br>{income_col} : %{{x:,.0f}} €<br>{poverty_col} : "
                             "%{y:.1f} %<extra></extra>",
            "marker": {"color": style.PRIMARY, "opacity": 0.6, "size": both["Habitants 2018"].astype(float),
                       "sizemode": "area", "sizemin": 3,
                       "sizeref": 2.0 * float(both["Habitants 2018"].max() or 1) / 18 ** 2}}
    return style.figure([dots], {"xaxis": {"title": {"text": income_col}, "ticksuffix": " €"},
                                 "yaxis": {"title": {"text": poverty_col}, "ticksuffix": " %"}, "showlegend": False,
                                 "margin": {"l": 10, "r": 10, "t": 10, "b": 10}}, 420)


def indicator_lines(series: pd.DataFrame, unit: str) -> go.Figure:
    """One indicator of one QPV over the years (a gap where a year is not published, never 0)."""
    years = list(range(int(series["year"].min()), int(series["year"].max()) + 1))
    values = series.set_index("year")["value"].reindex(years)
    line = {"type": "scatter", "x": years, "y": values.astype(float), "mode": "lines+markers", "connectgaps": False,
            "line": {"color": style.PRIMARY}, "hovertemplate": "%{x} : %{y}" + unit + "<extra></extra>"}
    return style.figure([line], {"xaxis": {"dtick": 1, "title": None}, "yaxis": {"title": None, "ticksuffix": unit},
                                 "showlegend": False, "margin": {"l": 10, "r": 10, "t": 10, "b": 10}}, 260)


def outline_map(outlines: dict, hover: list[str], height: int = 320) -> go.Figure:
    """The real outlines of 2024 QPV, filled, fitted to them (one QPV, or one département's); `hover`: one French
    text per feature."""
    codes = [f["properties"]["code_qp"] for f in outlines["features"]]
    shapes = {"type": "choropleth", "geojson": outlines, "featureidkey": "properties.code_qp", "locations": codes,
              "z": [1] * len(codes), "colorscale": [[0, style.SECONDARY], [1, style.SECONDARY]], "showscale": False,
              "marker": {"line": {"color": "#ffffff", "width": 0.5}}, "hovertext": hover, "hoverinfo": "text"}
    return style.figure([shapes], {"geo": geo_view(feature_collection_bounds(outlines), padding=0.08),
                                   "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "dragmode": False}, height)
