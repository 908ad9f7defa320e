"""Map figures: offline, printable plotly geo traces (SVG), the right codes and values, « non disponible » for gaps."""
from __future__ import annotations

import copy

import pandas as pd
import plotly.graph_objects as go
import pytest

from quartiers.figures.maps import NOT_AVAILABLE, geo_view, land_outlines, qpv_map
from quartiers.geometry import feature_collection_bounds
from tests.conftest import SHARED

if not (SHARED / "raw" / "anct_ci_ville" / "geom_dep.json").is_file():
    pytest.skip("../shared/data is not beside the project", allow_module_level=True)


@pytest.fixture()
def values() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "dep_code": ["01", "2A", "971", "75", "31"],
            "habitants": [20677.0, float("nan"), 53546.0, 1234567.5, 96000.0],
            "region": ["Auvergne-Rhône-Alpes", "Corse", "Guadeloupe", "Île-de-France", "Occitanie"],
        }
    )


def _value_trace(fig):
    return next(t for t in fig.data if t.type == "choropleth" and t.coloraxis == "coloraxis")


def _grey_trace(fig):
    return next(t for t in fig.data if t.type == "choropleth" and t.name == NOT_AVAILABLE)


def _assert_offline(fig) -> None:
    """SVG geo traces over no base map (a canvas map prints blank), shapes given inline."""
    assert fig.layout.geo.visible is False
    for trace in fig.data:
        assert trace.type in {"choropleth", "scattergeo"}, trace.type
        assert trace.type == "scattergeo" or isinstance(trace.geojson, dict)


def _view(fig) -> tuple[float, float, float, float]:
    (west, east), (south, north) = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
    return west, south, east, north


def _view_contains(fig, bounds) -> bool:
    west, south, east, north = _view(fig)
    b_west, b_south, b_east, b_north = bounds
    return west <= b_west and south <= b_south and east >= b_east and north >= b_north


def test_qpv_map_zooms_on_the_filtered_shapes(qpv):
    codes = {f["properties"]["code_qp"]: f["properties"]["dep_code"] for f in qpv["features"]}
    all_values = pd.DataFrame({"code_qp": list(codes), "pop": [float(i) for i in range(len(codes))]})
    region = qpv_map(all_values, qpv, "pop", "Population", title="QPV")
    herault = all_values[all_values["code_qp"].map(codes) == "34"].copy()
    herault.loc[herault.index[0], "pop"] = float("nan")
    one = qpv_map(herault, qpv, "pop", "Population")
    for fig in (region, one):
        _assert_offline(fig)
    assert _view(one)[2] - _view(one)[0] < _view(region)[2] - _view(region)[0]
    value = _value_trace(one)
    assert list(value.locations) == herault["code_qp"].tolist()[1:]
    assert list(value.z) == herault["pop"].tolist()[1:]
    assert value.featureidkey == "properties.code_qp"
    grey = _grey_trace(one)
    assert list(grey.locations) == herault["code_qp"].tolist()[:1]
    assert NOT_AVAILABLE in grey.hovertext[0]
    shown = {"type": "FeatureCollection",
             "features": [f for f in qpv["features"] if codes[f["properties"]["code_qp"]] == "34"]}
    assert _view_contains(one, feature_collection_bounds(shown))
    # Markers keep the tiny shapes visible at région scale.
    assert any(t.type == "scattergeo" and t.mode == "markers" for t in one.data)


def test_qpv_map_context_layer(qpv, deps):
    values = pd.DataFrame({"code_qp": ["QP066007"], "pop": [1000.0]})
    context = {"type": "FeatureCollection",
               "features": [f for f in deps["features"] if f["properties"]["reg_code"] == "76"]}
    fig = qpv_map(values, qpv, "pop", "Population", context=context)
    assert fig.data[0].type == "scattergeo" and fig.data[0].mode == "lines"  # under the QPV
    assert _view_contains(fig, feature_collection_bounds({"features": [f for f in qpv["features"]
                                                                       if f["properties"]["code_qp"] == "QP066007"]}))
    with pytest.raises(ValueError):
        qpv_map(pd.DataFrame({"code_qp": ["QP999999"], "pop": [1.0]}), qpv, "pop", "Population")


@pytest.mark.parametrize("bounds", [(-5.3, 41.2, 9.6, 51.1), (2.9, 42.69, 2.91, 42.71), (1.0, 43.0, 4.0, 44.0)])
def test_geo_view_holds_the_bounds_with_a_margin(bounds):
    view = geo_view(bounds)
    (west, east), (south, north) = view["lonaxis"]["range"], view["lataxis"]["range"]
    assert west < bounds[0] and south < bounds[1] and east > bounds[2] and north > bounds[3]
    assert view["visible"] is False and view["projection"]["type"] == "mercator"


def test_loaded_outlines_go_into_figures_without_copies(ds):
    """plotly deep-copies a figure's data when it builds it and when it sends it; the loaded outlines (never
    modified) come back as they are, so that a map does not copy its outlines twice per build."""
    outlines = ds.geo_departements
    feature = outlines["features"][0]
    assert copy.deepcopy(outlines) is outlines and copy.deepcopy(feature) is feature
    spec = go.Figure(land_outlines(outlines)).to_dict()
    assert spec["data"][0]["geojson"] is outlines
    part = {"type": "FeatureCollection", "features": outlines["features"][:3]}  # a subset: new list, same features
    copied = copy.deepcopy(part)
    assert copied["features"] is not part["features"] and copied["features"][0] is feature
