"""Figures of the home and Territoires pages: rankings, treemap, the 2021 money split, maps.

Each function takes the tables of quartiers.territories / quartiers.home and returns a plotly figure whose
labels, hovers and axes are French. Colour is never the only cue: bars carry their value as text and the
selected territories are also marked in their label.
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from quartiers.figures import maps, style
from quartiers.formatting import fr_int, fr_meur, fr_number, fr_percent, mixed_share
from quartiers.territories import share_years, year_label

SELECTED_MARK = "▶ "  # a non-colour cue for selected bars
BAR_PX = 26
MAX_BARS = 25
BUDGET_COLORS = (style.PALETTE[0], style.PALETTE[5])  # both over 4.5:1 against their white labels
MEASURES = {"qpv_population": "Habitants des QPV", "share": "Part de la population en QPV"}


def _bar_height(n: int) -> int:
    return max(220, 70 + BAR_PX * n)


def ranking_bar(table: pd.DataFrame, value_label: str, selected: tuple[str, ...] = (), max_rows: int = MAX_BARS,
                col: str = "qpv_population") -> go.Figure:
    """Horizontal bars, largest on top, each labelled with its French value (hover: its share of the table's
    total); the `selected` codes in the accent colour and marked « ▶ ». At most `max_rows` bars."""
    rows = table.sort_values(col, ascending=False, na_position="last", kind="stable").head(max_rows)
    total = table[col].sum()
    is_sel = rows["code"].isin(selected)
    names = [(SELECTED_MARK if s else "") + n for n, s in zip(rows["name"], is_sel)]
    values = rows[col].astype("Float64")
    shares = [fr_percent(v / total) if total and pd.notna(v) else "" for v in values]
    text = [fr_int(v) for v in values]
    colors = [style.SECONDARY if s else style.PRIMARY for s in is_sel]
    fig = go.Figure(go.Bar(
        y=names, x=values.fillna(0), orientation="h", marker_color=colors, text=text, textposition="outside",
        cliponaxis=False, customdata=list(zip(text, shares)),
        hovertemplate="<b>%{y}</b><br>" + value_label + " : %{customdata[0]}<br>Part du total : %{customdata[1]}"
                      "<extra></extra>"))
    top = float(values.max()) if len(values) and pd.notna(values.max()) else 1.0
    # Every bar carries its value: an axis would only repeat them.
    fig.update_layout(yaxis={"autorange": "reversed", "title": None},
                      xaxis={"visible": False, "range": [0, top * 1.4]},
                      showlegend=False, margin={"l": 10, "r": 20, "t": 10, "b": 10})
    return style.apply(fig, height=_bar_height(len(rows)))


def treemap(nodes: pd.DataFrame, value_label: str, maxdepth: int = 2) -> go.Figure:
    """Treemap of région > département > contrat de ville (nodes of quartiers.territories.treemap_rows), each box
    labelled with its name, its value and its share of its parent box."""
    parent_value = dict(zip(nodes["id"], nodes["value"]))
    parent_value[""] = nodes.loc[nodes["parent"] == "", "value"].sum()  # top boxes: share of the whole
    shares = [fr_percent(v / parent_value[p]) if parent_value[p] else ""
              for v, p in zip(nodes["value"], nodes["parent"])]
    values_fr = [fr_int(v) for v in nodes["value"]]
    fig = go.Figure(go.Treemap(
        ids=nodes["id"], labels=nodes["label"], parents=nodes["parent"], values=nodes["value"],
        branchvalues="total", maxdepth=maxdepth, sort=True,
        customdata=list(zip(values_fr, shares)),
        texttemplate="<b>%{label}</b><br>%{customdata[0]}",
        hovertemplate="<b>%{label}</b><br>" + value_label + " : %{customdata[0]}<br>"
                      "Part de l'ensemble supérieur : %{customdata[1]}<extra></extra>",
        marker={"colorscale": style.SEQUENTIAL, "colors": nodes["value"], "line": {"color": "white", "width": 1}},
        root={"color": "white"}, pathbar={"visible": True, "textfont": {"size": 13}},
    ))
    fig.update_layout(margin={"l": 0, "r": 0, "t": 30, "b": 0})
    return style.apply(fig, height=480)


def budget_split_bar(split: pd.DataFrame) -> go.Figure:
    """One stacked bar: the parts of the 2021 announcement side by side, each with its amount inside and its
    name above, and the total under the bar. Only disjoint parts come here (quartiers.home.budget_split checks it).
    The first name starts at the left edge and the last one ends at the right edge, in short lines, so that the
    names never overlap nor leave the chart, down to a phone's width."""
    short = {"relance": "Relance dans les quartiers<br>(part de France Relance)",
             "vie-quotidienne": "Vie quotidienne des<br>habitants des quartiers"}
    fig = go.Figure()
    start = 0.0
    rows = split.reset_index(drop=True)
    for i, row in rows.iterrows():
        amount = fr_meur(row["amount_meur"])
        fig.add_trace(go.Bar(
            y=[""], x=[row["amount_meur"]], orientation="h", name=row["label_fr"], marker_color=BUDGET_COLORS[i % 2],
            text=[amount], textposition="inside", insidetextanchor="middle", textfont={"color": "white", "size": 18},
            hovertemplate=f"<b>{row['label_fr']}</b><br>{amount} ({row['period']})<extra></extra>"))
        last = i == len(rows) - 1 and i > 0
        fig.add_annotation(x=start + float(row["amount_meur"]) if last else start, y=0.62, yref="paper",
                           yanchor="bottom", xanchor="right" if last else "left", showarrow=False,
                           align="right" if last else "left", text=short.get(row["line_id"], row["label_fr"]),
                           font={"size": 13, "color": style.TEXT})
        start += float(row["amount_meur"])
    total = float(split["total_meur"].iloc[0])
    fig.add_annotation(x=total, y=0.2, yref="paper", yanchor="top", xanchor="right", showarrow=False,
                       text=f"<b>Total : {fr_meur(total)}</b>", font={"size": 15})
    fig.update_layout(barmode="stack", showlegend=False, xaxis={"visible": False, "range": [0, total]},
                      yaxis={"visible": False, "domain": [0.22, 0.6]}, margin={"l": 0, "r": 0, "t": 0, "b": 0},
                      bargap=0.1)
    return style.apply(fig, height=170)


def _measure_format(measure: str) -> Callable[[float], str]:
    if measure == "qpv_population":
        return lambda v: f"{fr_int(v)} habitants"
    return lambda v: mixed_share(v / 100)


def departement_figure(deps: pd.DataFrame, outlines: dict, measure: str, frames: dict | None = None,
                       highlight: tuple[str, ...] = (), zoom_on: tuple[str, ...] = ()) -> go.Figure:
    """Map of départements coloured by QPV residents or by share in QPV (in %), hover in French with the
    other figures. `zoom_on`: only those départements are drawn (and fitted); else all, with the insets."""
    years = share_years(deps)
    residents = f"Habitants des QPV ({year_label(deps['qpv_population_year'])})"
    label = residents if measure == "qpv_population" else f"Part en QPV, % ({years})"
    values = pd.DataFrame({
        "dep_code": deps["code"],
        "value": deps["qpv_population"] if measure == "qpv_population" else deps["share"] * 100,
        "region": deps["parent"],
        "residents": deps["qpv_population"].map(fr_int),
        "share": deps["share"].map(mixed_share),
    })
    hover = {"region": "Région", "residents": residents, "share": f"Part en QPV ({years})"}
    del hover["residents" if measure == "qpv_population" else "share"]
    shown = outlines
    if zoom_on:
        shown = {"type": "FeatureCollection",
                 "features": [f for f in outlines["features"] if f["properties"]["dep_code"] in set(zoom_on)]}
        frames = None
    return maps.departement_map(values, shown, "value", label, hover_cols=hover, frames=frames,
                                highlight=list(highlight), value_format=_measure_format(measure))


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
