"""Figures of the « Quartiers productifs » page: map of the pilots, their QPV residents, what is known of the
pilots with no figure of their own, coverage matrix, credits by year, side-by-side comparison.

Data in, plotly figure out; every number on a figure is French text made by quartiers.formatting.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from quartiers.figures.budget import eur_scale
from quartiers.figures.maps import INSET_NOTE, frame_lines, geo_view, land_outlines
from quartiers.figures.panels import axis_key, axis_refs, grid
from quartiers.figures.style import COVERAGE_COLORS, MUTED_TEXT, NEUTRAL, PALETTE, PRIMARY, figure
from quartiers.figures.svg import wrap_lines
from quartiers.formatting import NOT_AVAILABLE, fr_eurs, fr_int
from quartiers.geometry import feature_collection_bounds
from quartiers.pilot_compare import COMPARED
from quartiers.pilots import STRUCTURE_FR, KnownBound
from quartiers.vocabulary import PILOT_COVERAGE_FR, SCHEME_FR

MAP_HEIGHT = 620
MAP_BOTTOM_PX = 90  # legend and notes under the map, so they hide no pilot
OVERSEAS_DEP = "974"  # Saint-Louis: the only overseas pilot, drawn where La Réunion's inset is
OVERSEAS_NOTE = "Saint-Louis : dans le médaillon<br>de La Réunion"
BAR_ROW_PX = 34
ZOOM_MAX_REGIONS = 2  # pilots in this many régions or fewer: the map fits those régions rather than all of France


def _in_regions(outlines: dict, reg_codes: set[str]) -> dict:
    return {"type": "FeatureCollection",
            "features": [f for f in outlines["features"] if f["properties"].get("reg_code") in reg_codes]}


def pilots_map(pilots: pd.DataFrame, outlines: dict, frames: dict | None = None) -> go.Figure:
    """Points at the pilots over light département outlines (plotly geo: SVG, no base map, prints).

    Colour and legend say whether the pilot's QPV residents are its own figure. Pilots in one or two régions:
    the view fits those régions; otherwise all of France with its overseas insets.
    """
    data = [land_outlines(outlines)]
    if frames and frames.get("features"):
        data.append(frame_lines(frames))
    for coverage, word in PILOT_COVERAGE_FR.items():
        rows = pilots[pilots["coverage"] == coverage]
        if rows.empty:
            continue
        hover = [f"<b>{r['name']}</b><br>{STRUCTURE_FR.get(r['structure_type'], r['structure_type'])}<br>"
                 f"Habitants des QPV (2018) : {fr_int(r['qpv_population'])}"
                 + (f" ({r['figure_label']})" if r.get("figure_label") else "") + "<br>"
                 f"Population (2023) : {fr_int(r['population'])}" for _, r in rows.iterrows()]
        data.append({"type": "scattergeo", "lon": rows["lon"], "lat": rows["lat"], "mode": "markers",
                     "name": f"Chiffre QPV {word}", "marker": {"size": 14, "color": COVERAGE_COLORS[coverage]},
                     "hovertext": hover, "hovertemplate": "%{hovertext}<extra></extra>"})
    regions = set(pilots["reg_code"])
    zoomed = len(regions) <= ZOOM_MAX_REGIONS
    shown = _in_regions(outlines, regions) if zoomed else \
        {"features": outlines["features"] + (frames or {}).get("features", [])}
    notes = [] if zoomed else [INSET_NOTE]
    if pilots["dep_codes"].str.split(";").apply(lambda codes: OVERSEAS_DEP in codes).any():
        notes.append(OVERSEAS_NOTE)
    annotations = [{"text": "<br>".join(notes), "xref": "paper", "yref": "paper", "x": 1, "y": -0.01,
                    "xanchor": "right", "yanchor": "top", "align": "right", "showarrow": False,
                    "font": {"size": 12, "color": MUTED_TEXT}}] if notes else []
    return figure(data, {"geo": geo_view(feature_collection_bounds(shown), padding=0.08 if zoomed else 0.04),
                         "margin": {"l": 0, "r": 0, "t": 4, "b": MAP_BOTTOM_PX}, "showlegend": True,
                         "legend": {"orientation": "v", "y": -0.01, "x": 0, "yanchor": "top", "font": {"size": 12}},
                         "annotations": annotations}, MAP_HEIGHT)


def residents_bars(pilots: pd.DataFrame) -> go.Figure:
    """QPV residents (2018) of the pilots with a figure of their own, largest on top, coloured and named by
    how the figure was obtained (exact contract or sum of contracts)."""
    rows = pilots.dropna(subset=["qpv_population"]).sort_values("qpv_population")
    rows = rows.assign(label=[_wrap(n, 26) for n in rows["name"]])
    data = []
    for coverage in ("exact", "summed"):
        part = rows[rows["coverage"] == coverage]
        if part.empty:
            continue
        data.append({"type": "bar", "y": part["label"], "x": part["qpv_population"].astype(float), "orientation": "h",
                     "name": f"Chiffre {PILOT_COVERAGE_FR[coverage]}", "marker": {"color": COVERAGE_COLORS[coverage]},
                     "text": [fr_int(v) for v in part["qpv_population"]], "textposition": "outside",
                     "cliponaxis": False,
                     "hovertemplate": "<b>%{y}</b><br>Habitants des QPV (2018) : %{text}<extra></extra>"})
    return figure(data, {"barmode": "overlay",
                         "yaxis": {"categoryorder": "array", "categoryarray": list(rows["label"])},
                         "xaxis": {"title": {"text": "Habitants des QPV (2018)"}, "showticklabels": False,
                                   "showgrid": False},
                         "legend": {"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
                         "margin": {"r": 70, "t": 30}}, 110 + 40 * len(rows))


def bounds_bars(bounds: list[KnownBound]) -> go.Figure:
    """For the pilots with no figure of their own: the minimum (contracts wholly inside) and the contracts that
    spill over (a larger area), each drawn and labelled as such, never as the pilot's figure."""
    labels = [f"{b.name} — {'minimum' if b.kind == 'minimum' else 'zone plus large'}" for b in bounds]
    data = []
    kinds = {"minimum": ("Minimum : contrats de ville entièrement inclus dans le pilote", "/", "au moins "),
             "larger": ("Zone plus large : contrat de ville qui déborde du pilote", "x", "zone plus large : ")}
    for kind, (name, pattern, prefix) in kinds.items():
        chosen = [(label, b) for label, b in zip(labels, bounds) if b.kind == kind]
        if not chosen:
            continue
        data.append({"type": "bar", "y": [label for label, _ in chosen], "x": [b.value for _, b in chosen],
                     "orientation": "h", "name": name,
                     "marker": {"color": "#ffffff", "line": {"color": NEUTRAL, "width": 1.5},
                                "pattern": {"shape": pattern, "fgcolor": NEUTRAL, "size": 8}},
                     "text": [prefix + fr_int(b.value) for _, b in chosen], "textposition": "outside",
                     "cliponaxis": False, "customdata": [b.label for _, b in chosen],
                     "hovertemplate": "<b>%{y}</b><br>%{customdata}<br>Habitants des QPV (%{meta}) : "
                                      "%{text}<extra></extra>",
                     "meta": str(max(b.year for _, b in chosen))})
    height = 140 + BAR_ROW_PX * len(bounds)
    return figure(data, {"yaxis": {"categoryorder": "array", "categoryarray": labels[::-1]},
                         "xaxis": {"title": {"text": "Habitants des QPV (2018)"}, "tickformat": ",~f"},
                         "legend": {"orientation": "h", "y": -0.2 - 80 / height}, "margin": {"r": 190}}, height)


def _wrap(text: str, width: int = 18) -> str:
    """Break a long axis label on spaces with <br> so it fits a heatmap column."""
    return "<br>".join(wrap_lines(text, width))


def matrix_heatmap(cells: pd.DataFrame) -> go.Figure:
    """Pilots × priorities; cell value = number of national programmes of that priority with at least one site
    in the pilot, written in the cell as a bare number (the axis title says what it counts, so that four columns
    fit a phone's width without overlapping), with the published facts, if any, on a second line."""
    pilots = list(dict.fromkeys(cells["name"]))[::-1]  # first pilot on top
    priorities = list(dict.fromkeys(cells["priority"]))
    # each cell by (pilot, priority) from plain records: a lookup in an indexed frame per cell cost more than the chart
    grid = {(c["name"], c["priority"]): c for c in cells.to_dict("records")}

    def cell_text(cell: dict) -> str:
        text = str(int(cell["n_programmes"]))
        if cell["facts"]:
            text += f"<br>+{len(cell['facts'])} fait{'s' if len(cell['facts']) > 1 else ''}"
        return text

    def hover(cell: dict) -> str:
        lines = cell["programmes"] or ["aucun programme national recensé"]
        return "<br>".join(lines)

    z = [[int(grid[p, q]["n_programmes"]) for q in priorities] for p in pilots]
    text = [[cell_text(grid[p, q]) for q in priorities] for p in pilots]
    hovers = [[hover(grid[p, q]) for q in priorities] for p in pilots]
    heatmap = {"type": "heatmap", "z": z, "x": [_wrap(q) for q in priorities], "y": [_wrap(p, 28) for p in pilots],
               "text": text, "texttemplate": "%{text}", "customdata": hovers,
               "colorscale": [[0.0, "#f4f6f8"], [1.0, PRIMARY]], "zmin": 0, "zmax": max(3, max(max(r) for r in z)),
               "showscale": False, "xgap": 3, "ygap": 3, "textfont": {"size": 13},
               "hovertemplate": "<b>%{y}</b> — %{x}<br>%{customdata}<extra></extra>"}
    title = {"text": "Nombre de programmes nationaux<br>présents (+ faits publiés)", "font": {"size": 13}}
    return figure([heatmap], {"xaxis": {"side": "top", "showgrid": False, "title": title},
                              "yaxis": {"showgrid": False}, "margin": {"t": 110}, "plot_bgcolor": "#ffffff"},
                  130 + 46 * len(pilots))


def credits_bars(credits: pd.DataFrame) -> go.Figure:
    """Adultes-relais and FONJEP credits per year, side by side, amounts written on the bars and the axis in one
    unit for the whole chart (« 923 304 € » beside « 1,1 M€ » read as different scales)."""
    data = []
    texts = pd.Series(fr_eurs(credits["amount_eur"]), index=credits.index)
    per_unit, axis = eur_scale(credits["amount_eur"])
    for color, (scheme, label) in zip(PALETTE, SCHEME_FR.items()):
        rows = credits[credits["scheme"] == scheme]
        if rows.empty:
            continue
        data.append({"type": "bar", "x": rows["year"].astype(str), "y": rows["amount_eur"] / per_unit, "name": label,
                     "marker": {"color": color}, "text": list(texts[rows.index]), "textposition": "outside",
                     "cliponaxis": False, "customdata": [fr_int(v) for v in rows["posts"]],
                     "hovertemplate": f"<b>{label} %{{x}}</b><br>%{{text}} pour %{{customdata}} postes<extra></extra>"})
    return figure(data, {"barmode": "group", "xaxis": {"title": {"text": "Année"}, "type": "category"},
                         "yaxis": {"title": {"text": "Montant"}, **axis},
                         "legend": {"orientation": "h", "y": 1.12, "x": 0}}, 380)


def comparison_bars(compared: pd.DataFrame, labels: dict[str, str]) -> go.Figure:
    """One panel per comparable figure (they have different units), one bar per pilot, value written on it;
    « non disponible » written where the pilot has no figure. Built as one dict (quartiers.figures.panels)."""
    keys = list(labels)
    formats = {key: fmt for key, (_, fmt) in COMPARED.items()}
    layout = grid(2, 2, [_wrap(labels[k], 48) for k in keys], h_spacing=0.24, v_spacing=0.22,
                  title_style={"font": {"size": 14}})
    compared = compared.assign(name=[_wrap(n, 24) for n in compared["name"]])
    names = list(compared["name"])[::-1]
    colors = dict(zip(compared["name"], PALETTE))
    traces = []
    for panel, key in enumerate(keys, start=1):
        x, y = axis_refs(panel)
        known = compared.dropna(subset=[key])
        traces.append({"type": "bar", "xaxis": x, "yaxis": y, "y": list(known["name"]), "x": list(known[key]),
                       "orientation": "h", "showlegend": False, "marker": {"color": [colors[n] for n in known["name"]]},
                       "text": [formats[key](v) for v in known[key]], "textposition": "outside",
                       "cliponaxis": False,
                       "hovertemplate": "<b>%{y}</b><br>" + labels[key] + " : %{text}<extra></extra>"})
        missing = compared[compared[key].isna()]
        if len(missing):
            traces.append({"type": "scatter", "xaxis": x, "yaxis": y, "y": list(missing["name"]),
                           "x": [0] * len(missing), "mode": "text", "text": [NOT_AVAILABLE] * len(missing),
                           "textposition": "middle right", "textfont": {"color": MUTED_TEXT}, "showlegend": False,
                           "hoverinfo": "skip"})
        top = known[key].max() if len(known) else 1
        layout[axis_key(x)].update(range=[0, top * 1.5], showticklabels=False, showgrid=False)
        layout[axis_key(y)].update(categoryorder="array", categoryarray=names)
    layout["margin"] = {"t": 70}
    return figure(traces, layout, 260 + 2 * BAR_ROW_PX * len(compared))
