"""Map figures: offline, printable plotly geo traces (SVG), the right codes and values, « non disponible » for gaps."""
from __future__ import annotations

import pandas as pd
import pytest

from quartiers.figures.maps import NOT_AVAILABLE, departement_map, geo_view, qpv_map
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


def test_hover_numbers_are_french_and_the_value_format_is_used(values, deps):
    fig = departement_map(values, deps, "habitants", "Habitants en QPV", hover_cols={"region": "Région"})
    hover = dict(zip(_value_trace(fig).locations, _value_trace(fig).hovertext))
    assert "Habitants en QPV : 20\u202f677" in hover["01"]
    assert "Habitants en QPV : 1\u202f234\u202f567,5" in hover["75"]
    assert "Région : Occitanie" in hover["31"]  # text passes as it is
    custom = departement_map(values, deps, "habitants", "Habitants", value_format=lambda v: f"{v / 1000:.0f} milliers")
    custom_hover = dict(zip(_value_trace(custom).locations, _value_trace(custom).hovertext))
    assert "Habitants : 96 milliers" in custom_hover["31"]
    assert "Habitants : non disponible" in dict(zip(_grey_trace(custom).locations, _grey_trace(custom).hovertext))["2A"]


def test_inset_note_only_when_overseas_is_drawn(deps, frames):
    occitanie = {"type": "FeatureCollection",
                 "features": [f for f in deps["features"] if f["properties"]["reg_code"] == "76"]}
    values = pd.DataFrame({"dep_code": ["31"], "habitants": [1.0]})
    zoomed = departement_map(values, occitanie, "habitants", "Habitants")
    assert not any("médaillon" in (a.text or "") for a in zoomed.layout.annotations)
    whole = departement_map(values, deps, "habitants", "Habitants", frames=frames)
    assert any("médaillon" in (a.text or "") for a in whole.layout.annotations)


def test_departement_map_values(values, deps, frames):
    fig = departement_map(values, deps, "habitants", "Habitants en QPV", frames=frames, title="Titre")
    _assert_offline(fig)
    trace = _value_trace(fig)
    assert list(trace.locations) == ["01", "971", "75", "31"]
    assert list(trace.z) == [20677.0, 53546.0, 1234567.5, 96000.0]
    assert trace.featureidkey == "properties.dep_code"
    assert fig.layout.coloraxis.colorbar.title.text == "Habitants en QPV"
    # Only the features the trace draws are embedded (no duplicated outlines).
    assert [f["properties"]["dep_code"] for f in trace.geojson["features"]] == ["01", "31", "75", "971"]
    assert fig.layout.height == pytest.approx(600, abs=50)
    assert fig.layout.title.text == "Titre"


def test_departement_map_missing_values_are_grey_and_said(values, deps):
    fig = departement_map(values, deps, "habitants", "Habitants en QPV", hover_cols={"region": "Région"})
    grey = _grey_trace(fig)
    all_codes = {f["properties"]["dep_code"] for f in deps["features"]}
    # NaN (2A) and every département absent from the data.
    assert set(grey.locations) == all_codes - {"01", "971", "75", "31"}
    assert "2A" in grey.locations
    assert grey.showscale is False
    hover = dict(zip(grey.locations, grey.hovertext))
    assert "Habitants en QPV : non disponible" in hover["2A"]
    assert "Région : Corse" in hover["2A"]
    assert "Corse-du-Sud (2A)" in hover["2A"]
    assert NOT_AVAILABLE in hover["93"]
    values_hover = dict(zip(_value_trace(fig).locations, _value_trace(fig).hovertext))
    assert "Habitants en QPV : 1\u202f234\u202f567,5" in values_hover["75"]
    assert "Région : Île-de-France" in values_hover["75"]
    assert any(NOT_AVAILABLE in (a.text or "") for a in fig.layout.annotations)


def test_departement_map_grey_is_not_on_the_scale(values, deps):
    fig = departement_map(values, deps, "habitants", "Habitants")
    grey = _grey_trace(fig)
    grey_colours = {c[1] for c in grey.colorscale}
    assert len(grey_colours) == 1
    scale_colours = {c[1].lower() for c in fig.layout.coloraxis.colorscale}
    assert not grey_colours & scale_colours


def test_departement_map_more_is_darker(values, deps):
    fig = departement_map(values, deps, "habitants", "Habitants")
    scale = fig.layout.coloraxis.colorscale

    def luminance(colour: str) -> float:
        r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    assert luminance(scale[0][1]) > luminance(scale[-1][1])


def test_departement_map_view_fits_all_features_and_insets(values, deps, frames):
    fig = departement_map(values, deps, "habitants", "Habitants", frames=frames)
    assert _view_contains(fig, feature_collection_bounds(deps))
    assert _view_contains(fig, feature_collection_bounds(frames))
    # ... and France fills it: the view is the shapes and insets with a thin margin.
    west, south, east, north = _view(fig)
    b_west, b_south, b_east, b_north = feature_collection_bounds({"features": deps["features"] + frames["features"]})
    assert east - west < (b_east - b_west) * 1.1 and north - south < (b_north - b_south) * 1.1


def test_departement_map_frames_and_note(values, deps, frames):
    fig = departement_map(values, deps, "habitants", "Habitants", frames=frames)
    lines = [t for t in fig.data if t.type == "scattergeo"]
    assert len(lines) == 1 and lines[0].mode == "lines" and lines[0].hoverinfo == "skip"
    assert list(lines[0].lon).count(None) == 7  # one closed ring per frame
    assert any("Outre-mer en médaillon" in (a.text or "") for a in fig.layout.annotations)
    assert not any(t.type == "scattergeo" for t in departement_map(values, deps, "habitants", "Habitants").data)


def test_departement_map_highlight(values, deps):
    plain = departement_map(values, deps, "habitants", "Habitants")
    assert len(plain.data) == 2
    fig = departement_map(values, deps, "habitants", "Habitants", highlight=["31", "34", "999"])
    assert len(fig.data) == 3
    outline = fig.data[-1]
    assert outline.type == "choropleth"
    assert list(outline.locations) == ["31", "34"]  # unknown code ignored
    assert outline.marker.line.width >= 2
    assert outline.hoverinfo == "skip"
    assert {f["properties"]["dep_code"] for f in outline.geojson["features"]} == {"31", "34"}


def test_departement_map_json_stays_small(values, deps, frames):
    fig = departement_map(values, deps, "habitants", "Habitants", frames=frames, highlight=["31"])
    assert len(fig.to_json().encode()) < 160 * 1024


def test_departement_map_all_missing_and_bad_input(deps):
    empty = pd.DataFrame({"dep_code": pd.Series([], dtype=str), "habitants": pd.Series([], dtype=float)})
    fig = departement_map(empty, deps, "habitants", "Habitants")
    assert [t.name for t in fig.data] == [NOT_AVAILABLE]
    with pytest.raises(ValueError, match="habitants"):
        departement_map(pd.DataFrame({"dep_code": ["01"]}), deps, "habitants", "Habitants")
    with pytest.raises(ValueError, match="several rows"):
        departement_map(pd.DataFrame({"dep_code": ["01", "01"], "habitants": [1, 2]}), deps, "habitants", "H")


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
