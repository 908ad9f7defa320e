"""Budget figures: the announced plan, announced vs reported, the overlapping press figures, the three axes, and
the politique de la ville credits. Data in (tables from quartiers.budget), plotly figure out.

Every bar carries its amount as text and every series its name, so colour never carries meaning alone. Amounts
are pre-formatted in French (quartiers.formatting) for texts and hovers.
"""
from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from quartiers.budget import KIND_FR, title_label
from quartiers.figures.panels import axis_key, axis_refs, grid
from quartiers.figures.style import KIND_COLORS, NEUTRAL, PALETTE, SECONDARY, TEXT, figure
from quartiers.formatting import fr_eur, fr_eur_small, fr_eurs, fr_int, in_millions
from quartiers.vocabulary import SCHEME_FR

OVERLAP_WARNING = "Chiffres de presse qui se recoupent : ne pas additionner"
OVERLAP_PATTERN = "/"
SCHEME_COLORS = {"adultes-relais": PALETTE[0], "fonjep": PALETTE[2]}
BRANCH_COLORS = [PALETTE[0], PALETTE[5], PALETTE[4], PALETTE[6]]  # white text reads on each (>= 4.5:1)
SMALL_BOX_SHARE = 0.05  # a treemap box under this share of the whole is too small for its label
MAX_BARS = 30  # a ranking longer than this shows its top; the table keeps every row
BAR_PX = 34  # height per bar of the budget line charts
LABEL_WIDTH = 48


def wrap(text: str, width: int = LABEL_WIDTH) -> str:
    """A long label on several lines (plotly breaks lines on <br> only)."""
    return "<br>".join(textwrap.wrap(text, width)) or text


def _bar_height(n: int, extra: int = 90) -> int:
    return max(220, n * BAR_PX + extra)


MEUR_AXIS = {"ticksuffix": "\u202fM€", "tickformat": ",~r", "rangemode": "tozero"}
EUR_AXIS = {"ticksuffix": "\u202f€", "tickformat": ",~r", "rangemode": "tozero"}


def plan_treemap(tree: pd.DataFrame) -> go.Figure:
    """The announced plan, each box at its own sourced amount (branchvalues="total": a parent is not the sum of
    its children, and the part of a parent its known lines do not fill stays empty)."""
    roots = tree.loc[tree["parent_id"] == "", "line_id"]
    branch = {}
    for i, line_id in enumerate(tree.loc[tree["parent_id"].isin(roots), "line_id"]):
        branch[line_id] = BRANCH_COLORS[i % len(BRANCH_COLORS)]
    parent_of = dict(zip(tree["line_id"], tree["parent_id"]))

    def colour(line_id: str) -> str:
        while line_id and line_id not in branch:
            line_id = parent_of.get(line_id, "")
        return branch.get(line_id, "#dfe6ee")

    # Plotly writes only the label in a parent's header band: the label carries the amount, on one line for
    # parents, wrapped inside the box for leaves.
    has_children = set(tree["parent_id"])
    texts = [f"{lbl} — <b>{d}</b> ({p})" if i in has_children else f"{wrap(lbl, 24)}<br><b>{d}</b> ({p})"
             for i, lbl, d, p in zip(tree["line_id"], map(title_label, tree["label_fr"]), tree["display"],
                                     tree["period"])]
    boxes = dict(
        type="treemap", ids=tree["line_id"], parents=tree["parent_id"], labels=texts, values=tree["amount_meur"],
        branchvalues="total", sort=False, texttemplate="%{label}",
        marker=dict(colors=[colour(i) for i in tree["line_id"]], line=dict(color="#ffffff", width=2)),
        customdata=list(zip(tree["display"], tree["period"], tree["publisher"], map(wrap, tree["label_fr"]))),
        hovertemplate="%{customdata[3]}<br><b>%{customdata[0]}</b> — %{customdata[1]}<br>"
                      "Source : %{customdata[2]}<extra></extra>",
        textfont=dict(size=14), insidetextfont=dict(color="#ffffff"), pathbar=dict(visible=False),
        tiling=dict(pad=3),
    )
    root_amount = tree.loc[tree["parent_id"] == "", "amount_meur"].max()
    small = tree[(tree["amount_meur"] < SMALL_BOX_SHARE * root_amount) & ~tree["line_id"].isin(has_children)]
    # Boxes too small for a readable label show none; they are named under the chart instead.
    layout = dict(uniformtext=dict(minsize=11, mode="hide"), margin=dict(l=4, r=4, t=8, b=40 if len(small) else 4))
    if len(small):
        names = " ; ".join(f"{title_label(lbl)} ({d})" for lbl, d in zip(small["label_fr"], small["display"]))
        layout["annotations"] = [dict(text=wrap(f"Cases trop petites pour leur texte : {names}", 140), x=0, y=0,
                                      xref="paper", yref="paper", xanchor="left", yanchor="top", yshift=-6,
                                      showarrow=False, align="left", font=dict(size=12, color=TEXT))]
    return figure([boxes], layout, 460 + (40 if len(small) else 0))


def _indent(label: str, depth: int) -> str:
    return ("\u2003" * depth + "└ " if depth else "") + label


def plan_report_bars(lines: pd.DataFrame) -> go.Figure:
    """Announced and reported lines in tree order (indented labels), coloured and labelled by kind."""
    labels = [wrap(_indent(lbl, d), LABEL_WIDTH) for lbl, d in zip(lines["label_fr"], lines["depth"])]
    data = []
    for kind, name in KIND_FR.items():
        mask = (lines["kind"] == kind).to_numpy()
        part = lines[mask]
        data.append(dict(
            type="bar", y=[lb for lb, m in zip(labels, mask) if m], x=part["amount_meur"], orientation="h",
            name=name, marker=dict(color=KIND_COLORS[kind]), text=[f"{d} — {name}" for d in part["display"]],
            textposition="outside", cliponaxis=False,
            customdata=list(zip(part["display"], part["period"], part["publisher"])),
            hovertemplate="%{y}<br><b>%{customdata[0]}</b> (" + name + ", %{customdata[1]})<br>"
                          "Source : %{customdata[2]}<extra></extra>",
        ))
    return figure(data, dict(yaxis=dict(categoryorder="array", categoryarray=labels, autorange="reversed"),
                             xaxis=dict(MEUR_AXIS, range=[0, lines["amount_meur"].max() * 1.45]),
                             legend=dict(orientation="h", y=1.02, x=0, yanchor="bottom", title=dict(text="Nature : ")),
                             bargap=0.3), _bar_height(len(lines), 110))


def _missing_aware_hbar(labels: list[str], values: pd.Series, texts: list[str], hovers: list[str], colour: str,
                        name: str = "", pattern: str = "") -> dict:
    """Horizontal bars where a missing value draws no bar but its « non disponible » label at zero (a trace dict)."""
    # "overlay": white hatching over the bar's colour (the default "replace" left a white pattern on a transparent
    # bar, invisible on the page)
    marker = {"color": colour, **({"pattern": {"shape": pattern, "fgcolor": "#ffffff", "fillmode": "overlay"}}
                                  if pattern else {})}
    return {"type": "bar", "y": labels, "x": list(values.astype("float64").fillna(0)), "orientation": "h",
            "name": name, "showlegend": bool(name), "marker": marker, "text": texts, "textposition": "outside",
            "cliponaxis": False, "customdata": hovers, "hovertemplate": "%{y}<br>%{customdata}<extra></extra>"}


def overlap_bars(lines: pd.DataFrame) -> go.Figure:
    """The overlapping press figures side by side, hatched, under a « ne pas additionner » warning."""
    labels = [wrap(t) for t in lines["label_fr"]]
    hovers = [f"<b>{d}</b> ({p})<br>Source : {s}" for d, p, s in
              zip(lines["display"], lines["period"], lines["publisher"])]
    bars = _missing_aware_hbar(labels, lines["amount_meur"], list(lines["display"]), hovers, SECONDARY,
                               pattern=OVERLAP_PATTERN)
    return figure([bars], dict(yaxis=dict(autorange="reversed"),
                               xaxis=dict(MEUR_AXIS, range=[0, lines["amount_meur"].max() * 1.3]),
                               title=dict(text=f"<b>{OVERLAP_WARNING}</b>", font=dict(size=15, color=SECONDARY), x=0,
                                          xanchor="left"), margin=dict(t=50)), _bar_height(len(lines), 130))


def axis_bars(lines: pd.DataFrame) -> go.Figure:
    """One panel per axis with the lines that serve it; overlapping press figures hatched and marked. Built as one
    dict (quartiers.figures.panels)."""
    axes = list(dict.fromkeys(lines["axis_fr"]))
    counts = [int((lines["axis_fr"] == a).sum()) for a in axes]
    layout = grid(len(axes), 1, [f"<b>{a}</b>" for a in axes], v_spacing=0.09, row_heights=counts, shared_x=True,
                  title_style={"x": 0, "xanchor": "left", "font": {"size": 15, "color": TEXT}})
    traces, shown = [], set()
    for panel, axis in enumerate(axes, start=1):
        x, y = axis_refs(panel)
        part = lines[lines["axis_fr"] == axis]
        for (kind, overlaps), group in part.groupby(["kind", "overlaps_siblings"], sort=False):
            name = KIND_FR[kind] + (" — chiffre de presse qui se recoupe" if overlaps else "")
            texts = [f"{d} — {KIND_FR[kind]}" + (" (se recoupe)" if overlaps else "") for d in group["display"]]
            hovers = [f"<b>{d}</b> ({KIND_FR[kind]}, {p})<br>Source : {s}" for d, p, s in
                      zip(group["display"], group["period"], group["publisher"])]
            traces.append({**_missing_aware_hbar([wrap(t, 44) for t in group["label_fr"]], group["amount_meur"],
                                                 texts, hovers, KIND_COLORS[kind], name if name not in shown else "",
                                                 OVERLAP_PATTERN if overlaps else ""), "xaxis": x, "yaxis": y})
            shown.add(name)
        layout[axis_key(y)]["autorange"] = "reversed"
        layout[axis_key(x)].update(MEUR_AXIS, range=[0, lines["amount_meur"].max() * 1.45])
    layout.update(legend={"orientation": "h", "y": -0.08, "x": 0, "yanchor": "top"}, bargap=0.25)
    return figure(traces, layout, _bar_height(len(lines), 170))


def credits_year_bars(by_year: pd.DataFrame) -> go.Figure:
    """Credits per year, one panel per scheme (their scales differ tenfold), each bar with € and posts. Built as one
    dict (quartiers.figures.panels)."""
    schemes = list(dict.fromkeys(by_year["scheme"]))
    layout = grid(1, len(schemes), [f"<b>{SCHEME_FR[s]}</b>" for s in schemes], h_spacing=0.08)
    traces = []
    for panel, scheme in enumerate(schemes, start=1):
        x, y = axis_refs(panel)
        part = by_year[by_year["scheme"] == scheme]
        texts = [f"{a}<br>{fr_int(p)} postes" for a, p in zip(fr_eurs(part["amount_eur"]), part["posts"])]
        per_unit, axis = eur_scale(part["amount_eur"])  # a panel's scale: FONJEP may stay under a million
        traces.append({"type": "bar", "xaxis": x, "yaxis": y, "x": list(part["year"].astype(str)),
                       "y": list(part["amount_eur"] / per_unit), "name": SCHEME_FR[scheme],
                       "marker": {"color": SCHEME_COLORS.get(scheme, NEUTRAL)}, "text": texts,
                       "textposition": "outside", "cliponaxis": False, "customdata": texts,
                       "hovertemplate": SCHEME_FR[scheme] + " %{x}<br>%{customdata}<extra></extra>"})
        layout[axis_key(x)]["type"] = "category"
        layout[axis_key(y)].update(range=[0, max(part["amount_eur"].max() / per_unit * 1.3, 0.01)], **axis)
    layout.update(showlegend=False, margin={"t": 50})
    return figure(traces, layout, 400)


def eur_scale(amounts: pd.Series) -> tuple[float, dict]:
    """The unit of a chart of amounts, the one its texts are written in (formatting.fr_eurs), for its value axis:
    (euros per unit, the axis' settings)."""
    return (1e6, MEUR_AXIS) if in_millions(amounts) else (1.0, EUR_AXIS)


def _territory_labels(top: pd.DataFrame) -> list[str]:
    """Territory names, with how a pilot's contract covers it (pilot filter) on a second line."""
    coverage = top["coverage_fr"] if "coverage_fr" in top else pd.Series("", index=top.index)
    return [wrap(n, 40) + (f"<br><i>{c}</i>" if isinstance(c, str) and c else "")
            for n, c in zip(top["name"], coverage)]


def _labels_height(labels: list[str]) -> int:
    lines = sum(label.count("<br>") + 1 for label in labels)
    return max(220, lines * 17 + len(labels) * 16 + 90)


def ranking_bars(ranking: pd.DataFrame, year: int) -> go.Figure:
    """Territories ranked by credits of the year, each bar with its amount (scheme split and posts in the hover)."""
    top = ranking.head(MAX_BARS)
    labels = _territory_labels(top)
    hovers = [f"<b>{fr_eur(t)}</b> en {year}<br>Adultes-relais : {fr_eur(a)}<br>FONJEP : {fr_eur(f)}<br>"
              f"{fr_int(p)} postes" for t, a, f, p in zip(top["total_eur"], top["adultes-relais"], top["fonjep"],
                                                          top["posts"])]
    per_unit, axis = eur_scale(top["total_eur"])  # a pilot's few contracts may stay under a million
    bars = _missing_aware_hbar(labels, top["total_eur"] / per_unit, fr_eurs(top["total_eur"]), hovers, PALETTE[0])
    return figure([bars], dict(yaxis=dict(autorange="reversed"),
                               xaxis=dict(axis, range=[0, max(top["total_eur"].max() / per_unit, 0.01) * 1.3]),
                               bargap=0.5 if len(top) < 4 else 0.25), _labels_height(labels))


def per_resident_bars(ranking: pd.DataFrame, ratio_label: str) -> go.Figure:
    """€ per QPV resident by territory, highest first; no resident count reads « non disponible »."""
    top = ranking.sort_values("eur_per_resident", ascending=False, na_position="last").head(MAX_BARS)
    labels = _territory_labels(top)
    texts = [fr_eur_small(v) for v in top["eur_per_resident"]]
    hovers = [f"<b>{t}</b> par habitant ({ratio_label})<br>{fr_eur(a)} / {fr_int(r)} habitants"
              for t, a, r in zip(texts, top["total_eur"], top["qpv_population"])]
    top_value = top["eur_per_resident"].max()
    top_value = top_value if pd.notna(top_value) and top_value > 0 else 1
    bars = _missing_aware_hbar(labels, top["eur_per_resident"], texts, hovers, PALETTE[5])
    return figure([bars], dict(yaxis=dict(autorange="reversed"),
                               xaxis=dict(ticksuffix="\u202f€", rangemode="tozero", range=[0, top_value * 1.25],
                                          title=dict(text=wrap(f"€ par habitant ({ratio_label})", 30))),
                               bargap=0.5 if len(top) < 4 else 0.25), _labels_height(labels) + 30)
