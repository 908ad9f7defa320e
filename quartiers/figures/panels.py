"""A grid of chart panels as plain layout entries, in place of plotly's make_subplots.

make_subplots builds and validates a whole figure object before the first trace (about 20 ms a chart), and every
trace or axis added to it by row and column validates again: a chart with panels cost 15-40 ms to build. A figure
made from one dict is validated once. Domains and titles follow make_subplots' rules (tests/test_panels.py), so the
charts look the same.
"""
from __future__ import annotations


def axis_refs(panel: int) -> tuple[str, str]:
    """The x and y axes of a panel (1-based, row by row from the top) as traces name them: ("x", "y"), ("x2", "y2")…"""
    suffix = "" if panel == 1 else str(panel)
    return f"x{suffix}", f"y{suffix}"


def axis_key(ref: str) -> str:
    """The layout entry of an axis reference: "x2" -> "xaxis2"."""
    return f"{ref[0]}axis{ref[1:]}"


def grid(rows: int, cols: int, titles: list[str], h_spacing: float = 0.2, v_spacing: float = 0.3,
         row_heights: list[float] | None = None, shared_x: bool = False, title_style: dict | None = None) -> dict:
    """Layout entries (xaxis…, yaxis…, annotations) of rows × cols panels, the first `len(titles)` titled above.
    `row_heights`: relative heights, top row first. `shared_x`: the panels of a column follow the x axis of its
    bottom panel, which alone shows tick labels. `title_style`: entries merged into each title (font, alignment)."""
    width = (1 - h_spacing * (cols - 1)) / cols
    heights = row_heights or [1] * rows
    scale = (1 - v_spacing * (rows - 1)) / sum(heights)
    layout: dict = {}
    annotations = []
    top = 1.0
    for row in range(rows):
        bottom = top - heights[row] * scale
        for col in range(cols):
            panel = row * cols + col + 1
            x, y = axis_refs(panel)
            left = col * (width + h_spacing)
            layout[axis_key(x)] = {"anchor": y, "domain": [left, left + width]}
            layout[axis_key(y)] = {"anchor": x, "domain": [max(bottom, 0.0), top]}
            if panel <= len(titles):
                annotations.append({"text": titles[panel - 1], "x": left + width / 2, "y": top, "xref": "paper",
                                    "yref": "paper", "xanchor": "center", "yanchor": "bottom", "showarrow": False,
                                    "font": {"size": 16}, **(title_style or {})})
        top = bottom - v_spacing
    if shared_x:
        for col in range(cols):
            last, _ = axis_refs((rows - 1) * cols + col + 1)
            for row in range(rows - 1):
                x, _ = axis_refs(row * cols + col + 1)
                layout[axis_key(x)].update(matches=last, showticklabels=False)
    layout["annotations"] = annotations
    return layout
