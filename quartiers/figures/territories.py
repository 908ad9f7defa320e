"""Figures of the home and Territoires pages: rankings, treemap, the 2021 money split, maps.

Each function takes the tables of quartiers.territories / quartiers.home and returns a figure whose labels, hovers
and axes are French: SVG drawn here for the map of départements and the bars (quartiers.figures.svg: the first
pages people open need no chart library), plotly for the treemap and the QPV outlines, which need zoom. Colour is
never the only cue: bars carry their value as text and the selected territories are also marked in their label.
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from quartiers.figures import maps, style, svg
from quartiers.formatting import NOT_AVAILABLE, fr_int, fr_meur, fr_number, fr_percent, mixed_share, plural
from quartiers.territories import share_years, year_label

SELECTED_MARK = "▶ "  # a non-colour cue for selected bars
MAX_BARS = 25
BUDGET_COLORS = (style.PALETTE[0], style.PALETTE[5])  # both over 4.5:1 against their white labels
MEASURES = {"qpv_population": "Habitants des QPV", "share": "Part de la population en QPV"}


def ranking_bar(table: pd.DataFrame, value_label: str, selected: tuple[str, ...] = (), max_rows: int = MAX_BARS,
                col: str = "qpv_population") -> svg.SvgChart:
    """Horizontal bars, largest on top, each labelled with its French value (hover: its share of the table's
    total); the `selected` codes in the accent colour and marked « ▶ ». At most `max_rows` bars."""
    rows = table.sort_values(col, ascending=False, na_position="last", kind="stable").head(max_rows)
    total = table[col].sum()
    is_sel = list(rows["code"].isin(selected))
    values = [None if pd.isna(v) else float(v) for v in rows[col]]
    texts = [fr_int(v) for v in rows[col]]
    hover = [[name, f"{value_label} : {text}"] + ([f"Part du total : {fr_percent(v / total)}"] if total and v else [])
             for name, text, v in zip(rows["name"], texts, values)]
    labels = [(SELECTED_MARK if s else "") + n for n, s in zip(rows["name"], is_sel)]
    return svg.hbars(labels, values, texts, hover, is_sel,
                     alt=f"{value_label}, classement de {plural(len(rows), 'territoire')}")


def treemap(nodes: pd.DataFrame, value_label: str, maxdepth: int = 2) -> go.Figure:
    """Treemap of région > département > contrat de ville (nodes of quartiers.territories.treemap_rows), each box
    labelled with its name, its value and its share of its parent box."""
    parent_value = dict(zip(nodes["id"], nodes["value"]))
    parent_value[""] = nodes.loc[nodes["parent"] == "", "value"].sum()  # top boxes: share of the whole
    shares = [fr_percent(v / parent_value[p]) if parent_value[p] else ""
              for v, p in zip(nodes["value"], nodes["parent"])]
    values_fr = [fr_int(v) for v in nodes["value"]]
    boxes = {"type": "treemap", "ids": nodes["id"], "labels": nodes["label"], "parents": nodes["parent"],
             "values": nodes["value"], "branchvalues": "total", "maxdepth": maxdepth, "sort": True,
             "customdata": list(zip(values_fr, shares)), "texttemplate": "<b>%{label}</b><br>%{customdata[0]}",
             "hovertemplate": "<b>%{label}</b><br>" + value_label + " : %{customdata[0]}<br>"
                              "Part de l'ensemble supérieur : %{customdata[1]}<extra></extra>",
             "marker": {"colorscale": style.SEQUENTIAL, "colors": nodes["value"],
                        "line": {"color": "white", "width": 1}},
             "root": {"color": "white"}, "pathbar": {"visible": True, "textfont": {"size": 13}}}
    return style.figure([boxes], {"margin": {"l": 0, "r": 0, "t": 30, "b": 0}}, 480)


def budget_split_bar(split: pd.DataFrame) -> svg.SvgChart:
    """One stacked bar: the parts of the 2021 announcement side by side, each with its amount inside and its
    name above, and the total under the bar. Only disjoint parts come here (quartiers.home.budget_split checks it)."""
    short = {"relance": "Relance dans les quartiers (part de France Relance)",
             "vie-quotidienne": "Vie quotidienne des habitants des quartiers"}
    parts = [(short.get(row.line_id, row.label_fr), float(row.amount_meur), fr_meur(row.amount_meur),
              f"{row.label_fr} : {fr_meur(row.amount_meur)} ({row.period})") for row in split.itertuples()]
    total = fr_meur(float(split["total_meur"].iloc[0]))
    return svg.stacked_bar(parts, f"Total : {total}", BUDGET_COLORS,
                           alt=f"Répartition des {total} annoncés en 2021 : "
                               + " ; ".join(f"{name} {text}" for name, _, text, _ in parts))


def _measure_format(measure: str) -> Callable[[float], str]:
    if measure == "qpv_population":
        return lambda v: f"{fr_int(v)} habitants"
    return lambda v: mixed_share(v / 100)


def departement_figure(deps: pd.DataFrame, outlines: dict, measure: str, frames: dict | None = None,
                       highlight: tuple[str, ...] = (), zoom_on: tuple[str, ...] = ()) -> svg.SvgChart:
    """Map of départements coloured by QPV residents or by share in QPV (in %), hover in French with the
    other figures. `zoom_on`: only those départements are drawn (and fitted); else all, with the insets."""
    years = share_years(deps)
    residents = f"Habitants des QPV ({year_label(deps['qpv_population_year'])})"
    share_label = f"Part en QPV ({years})"
    label = residents if measure == "qpv_population" else f"Part en QPV, % ({years})"
    value = dict(zip(deps["code"], deps["qpv_population"] if measure == "qpv_population" else deps["share"] * 100))
    region, share, people = (dict(zip(deps["code"], deps[c])) for c in ("parent", "share", "qpv_population"))
    shown = outlines
    if zoom_on:
        shown = {"type": "FeatureCollection",
                 "features": [f for f in outlines["features"] if f["properties"]["dep_code"] in set(zoom_on)]}
        frames = None
    codes = [f["properties"]["dep_code"] for f in shown["features"]]
    values = {c: float(value[c]) if c in value and pd.notna(value[c]) else None for c in codes}
    fmt = _measure_format(measure)
    hover = {}
    for feature in shown["features"]:
        code, name = feature["properties"]["dep_code"], feature["properties"].get("dep_name")
        lines = [f"{name} ({code})", f"{label} : {NOT_AVAILABLE if values[code] is None else fmt(values[code])}"]
        if code in region:
            lines.append(f"Région : {region[code]}")
            lines.append(f"{share_label} : {mixed_share(share[code])}" if measure == "qpv_population"
                         else f"{residents} : {fr_int(people[code])}")
        hover[code] = lines
    notes = (["Gris : non disponible"] if any(v is None for v in values.values()) else []) + \
        ([maps.INSET_NOTE] if frames or any(c.startswith("97") for c in codes) else [])
    tick = fr_int if measure == "qpv_population" else (lambda v: mixed_share(v / 100))
    return svg.choropleth(shown, values, hover, label, tick, alt=f"Carte des départements : {label}",
                          frames=frames, highlight=[c for c in highlight if c in set(codes)], notes=notes)


def occitanie_qpv_figure(qpv: pd.DataFrame, outlines: dict, dep_outlines: dict, indicator: str,
                         label: str) -> go.Figure:
    """Map of the Occitanie QPV outlines coloured by one indicator, over the outlines of their départements."""
    values = qpv[["code_qp", indicator]].astype({indicator: "float64"})
    deps = set(qpv["dep_code"])
    context = {"type": "FeatureCollection",
               "features": [f for f in dep_outlines["features"] if f["properties"]["dep_code"] in deps]}
    decimals = 0 if bool((values[indicator].dropna() % 1 == 0).all()) else 1  # one format per indicator
    return maps.qpv_map(values, outlines, indicator, label, context=context,
                        value_format=lambda v: fr_number(v, decimals))
