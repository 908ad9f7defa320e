"""Plotly figures drawn from a slide's chart spec, in large type for a projector."""
from __future__ import annotations

import plotly.graph_objects as go

from quartiers.figures import style
from quartiers.formatting import fr_percent
from quartiers.model import Chart, format_value

FONT_SIZE = 20  # readable from the back of a meeting room


def slide_figure(chart: Chart, height: int | None = None) -> go.Figure | None:
    """The chart of a slide; None for a KPI slide (drawn as big numbers) or a chart with nothing to draw.
    Gaps (None) stay gaps: plotly leaves a missing bar out. Long rankings get a smaller font and more height."""
    if chart.kind == "kpi" or not chart.categories:
        return None
    many = chart.kind == "bar" and len(chart.categories) > 10
    size = FONT_SIZE - 7 if many else FONT_SIZE
    if not height:  # a ranking grows with its bars; a lone bar stays slim
        height = max(240, 120 + (30 if many else 70) * len(chart.categories)) if chart.kind == "bar" else 540
    data, layout = [], {}
    if chart.kind == "pie":
        values = chart.series[0].values
        total = sum(v for v in values if v is not None)
        # shares written by the formatting module (« 30,3 % »): plotly's own percent has no space before « % »
        shares = [fr_percent(v / total, 1) if total and v is not None else "" for v in values]
        data.append({"type": "pie", "labels": list(chart.categories), "values": list(values), "sort": False,
                     "direction": "clockwise",
                     "text": [f"{format_value(v, chart.unit)}<br>{share}" for v, share in zip(values, shares)],
                     "textinfo": "text",
                     "marker": {"colors": style.PALETTE[:len(values)], "line": {"color": "#ffffff", "width": 2}},
                     "hovertemplate": "%{label}<br>%{text}<extra></extra>"})
        layout["legend"] = {"orientation": "h", "y": -0.05, "font": {"size": size - 2}}
    else:
        horizontal = chart.kind == "bar"
        for i, series in enumerate(chart.series):
            values = list(series.values)
            text = [format_value(v, chart.unit) if v is not None else "" for v in values]
            x, y = (values, list(chart.categories)) if horizontal else (list(chart.categories), values)
            data.append({"type": "bar", "x": x, "y": y, "name": series.name,
                         "orientation": "h" if horizontal else "v", "text": text, "textposition": "outside",
                         "cliponaxis": False, "marker": {"color": style.PALETTE[i % len(style.PALETTE)]},
                         "hovertemplate": "%{" + ("y" if horizontal else "x") + "} : %{text}<extra>"
                                          + series.name + "</extra>"})
        # room beyond the longest bar for its label (« 620 583 »): the axis has no ticks, only the values on bars
        top = max((v for s in chart.series for v in s.values if v is not None), default=0) or 1
        value_axis = dict(title=chart.value_title, showticklabels=False, showgrid=False, zeroline=True,
                          range=[0, top * 1.3])
        if horizontal:
            # every category named, even when the bars are thin (plotly would skip some labels)
            layout.update(xaxis=value_axis, bargap=0.25,
                          yaxis=dict(autorange="reversed", tickmode="array", tickvals=list(chart.categories)))
        else:
            layout.update(yaxis=value_axis, barmode="group", bargap=0.3)
        layout.update(showlegend=len(chart.series) > 1, legend=dict(orientation="h", y=1.08, font=dict(size=size)))
    layout.update(font=dict(size=size), uniformtext=dict(minsize=size - 6, mode="show"),
                  margin=dict(l=10, r=40, t=40, b=10))
    return style.figure(data, layout, height)
