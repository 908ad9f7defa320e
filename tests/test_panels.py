"""The panel grid drawn without make_subplots lays its panels and titles out as make_subplots does."""
from __future__ import annotations

import pytest
from plotly.subplots import make_subplots

from quartiers.figures.panels import axis_key, axis_refs, grid

SHAPES = [  # the grids of the charts: pilots' comparison, credits per scheme, budget axes
    dict(rows=2, cols=2, titles=["a", "b", "c"], h_spacing=0.24, v_spacing=0.22),
    dict(rows=1, cols=2, titles=["a", "b"], h_spacing=0.08),
    dict(rows=3, cols=1, titles=["a", "b", "c"], v_spacing=0.09, row_heights=[3, 1, 2], shared_x=True),
]


def _subplots(shape: dict) -> dict:
    return make_subplots(rows=shape["rows"], cols=shape["cols"], subplot_titles=shape["titles"],
                         horizontal_spacing=shape.get("h_spacing", 0.2), vertical_spacing=shape.get("v_spacing", 0.3),
                         row_heights=shape.get("row_heights"), shared_xaxes=shape.get("shared_x", False)
                         ).to_dict()["layout"]


@pytest.mark.parametrize("shape", SHAPES)
def test_grid_lays_panels_and_titles_out_as_make_subplots(shape):
    expected, laid = _subplots(shape), grid(**shape)
    axes = sorted(k for k in expected if k[1:5] == "axis")
    assert sorted(k for k in laid if k != "annotations") == axes
    for key in axes:
        assert laid[key]["domain"] == pytest.approx(expected[key]["domain"])
        assert {k: v for k, v in laid[key].items() if k != "domain"} == \
               {k: v for k, v in expected[key].items() if k != "domain"}
    assert [a["text"] for a in laid["annotations"]] == shape["titles"]
    for mine, theirs in zip(laid["annotations"], expected["annotations"]):
        assert (mine["x"], mine["y"]) == pytest.approx((theirs["x"], theirs["y"]))
        assert {k: v for k, v in mine.items() if k not in "xy"} == {k: v for k, v in theirs.items() if k not in "xy"}


def test_axis_names_as_traces_and_layout_write_them():
    assert axis_refs(1) == ("x", "y") and axis_refs(4) == ("x4", "y4")
    assert axis_key("x") == "xaxis" and axis_key("y3") == "yaxis3"
    assert grid(1, 2, ["a"], title_style={"x": 0, "xanchor": "left"})["annotations"][0]["xanchor"] == "left"
