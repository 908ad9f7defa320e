"""Map outlines built from ../shared/data: small, valid, deterministic, with the codes the app joins on."""
from __future__ import annotations

import copy
import json

import pytest

from quartiers.geometry import (
    departement_outlines,
    douglas_peucker,
    dumps_compact,
    feature_anchor,
    inset_frames,
    iter_positions,
    qpv_outlines_occitanie,
    simplify_feature_collection,
    simplify_ring,
)
from tests.conftest import SHARED

if not (SHARED / "raw" / "anct_ci_ville" / "geom_dep.json").is_file():
    pytest.skip("../shared/data is not beside the project", allow_module_level=True)


def _rings(geometry: dict) -> list:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def _area(ring: list) -> float:
    return 0.5 * sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))


def _assert_valid(fc: dict, decimals: int) -> None:
    assert fc["type"] == "FeatureCollection"
    for feature in fc["features"]:
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        for ring in _rings(feature["geometry"]):
            assert len(ring) >= 4
            assert ring[0] == ring[-1], "ring not closed"
            assert all(a != b for a, b in zip(ring, ring[1:])), "consecutive duplicate point"
            assert _area(ring) != 0
            assert all(round(c, decimals) == c for point in ring for c in point)


# --- départements -------------------------------------------------------------------------------


def test_departements_one_feature_per_code(deps):
    codes = [f["properties"]["dep_code"] for f in deps["features"]]
    assert len(codes) == len(set(codes))
    # 96 metropolitan + 5 overseas départements, plus Saint-Martin (978, 9 polygons in the file,
    # merged) and Polynésie française (987).
    assert len(codes) == 103
    overseas = {"971", "972", "973", "974", "976"}
    extra = {"978", "987"}
    assert overseas | extra <= set(codes)
    assert len(set(codes) - extra) == 101
    assert {"01", "09", "2A", "2B", "75", "93", "971"} <= set(codes)
    assert "1" not in codes and "20" not in codes


def test_departements_properties(deps):
    by_code = {f["properties"]["dep_code"]: f["properties"] for f in deps["features"]}
    assert all(set(p) == {"dep_code", "dep_name", "reg_code"} for p in by_code.values())
    assert by_code["01"] == {"dep_code": "01", "dep_name": "Ain", "reg_code": "84"}
    assert by_code["2A"]["reg_code"] == "94"
    assert by_code["971"]["reg_code"] == "01"
    assert by_code["978"]["dep_name"] == "Saint-Martin"
    assert by_code["978"]["reg_code"] is None  # null in the source, not invented


def test_saint_martin_parts_are_merged(deps):
    feature = next(f for f in deps["features"] if f["properties"]["dep_code"] == "978")
    assert feature["geometry"]["type"] == "MultiPolygon"
    assert len(feature["geometry"]["coordinates"]) >= 2


def test_departements_valid_and_small(deps):
    _assert_valid(deps, decimals=3)
    assert len(json.dumps(deps, separators=(",", ":"))) < 120 * 1024


def test_departements_keep_the_raw_extent(deps):
    # Simplification must not move the outline of France: bounds within ~0.02° of the raw ones.
    raw = json.loads((SHARED / "raw/anct_ci_ville/geom_dep.json").read_text(encoding="utf-8"))
    raw_points = [p for f in raw["features"] for p in iter_positions(f["geometry"])]
    new_points = [p for f in deps["features"] for p in iter_positions(f["geometry"])]
    for axis in (0, 1):
        assert min(p[axis] for p in new_points) == pytest.approx(min(p[axis] for p in raw_points), abs=0.02)
        assert max(p[axis] for p in new_points) == pytest.approx(max(p[axis] for p in raw_points), abs=0.02)


def test_outlines_are_deterministic(deps, frames, qpv):
    assert dumps_compact(departement_outlines(SHARED)) == dumps_compact(deps)
    assert dumps_compact(inset_frames(SHARED)) == dumps_compact(frames)
    assert dumps_compact(qpv_outlines_occitanie(SHARED)) == dumps_compact(qpv)


# --- inset frames and QPV -----------------------------------------------------------------------


def test_inset_frames(frames):
    assert len(frames["features"]) == 7
    assert all(f["properties"] == {} for f in frames["features"])
    _assert_valid(frames, decimals=3)
    # Still round enough to read as circles, yet far lighter than the 540 KB file.
    assert all(len(_rings(f["geometry"])[0]) >= 24 for f in frames["features"])
    assert len(json.dumps(frames, separators=(",", ":"))) < 20 * 1024


def test_qpv_outlines(qpv):
    assert len(qpv["features"]) == 105
    props = [f["properties"] for f in qpv["features"]]
    assert all(set(p) == {"code_qp", "nom_qp", "commune", "dep_code"} for p in props)
    assert len({p["code_qp"] for p in props}) == 105
    assert all(p["code_qp"].startswith("QP") for p in props)
    assert {p["dep_code"] for p in props} == {"09", "11", "12", "30", "31", "32", "34", "46", "65", "66", "81", "82"}
    first = next(p for p in props if p["code_qp"] == "QP066007")
    assert first == {"code_qp": "QP066007", "nom_qp": "Bas-Vernet Nouveau QPV", "commune": "Perpignan",
                     "dep_code": "66"}
    _assert_valid(qpv, decimals=5)
    assert len(json.dumps(qpv, separators=(",", ":"))) < 150 * 1024


def test_qpv_anchor_inside_its_bounds(qpv):
    for feature in qpv["features"]:
        xs, ys = zip(*iter_positions(feature["geometry"]))
        lon, lat = feature_anchor(feature)
        assert min(xs) <= lon <= max(xs) and min(ys) <= lat <= max(ys)


# --- the algorithm on hand-made shapes ----------------------------------------------------------


def test_douglas_peucker_keeps_ends_and_drops_collinear_points():
    line = [(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (3.0, 0.0), (4.0, 0.0)]
    assert douglas_peucker(line, 0.1) == [(0.0, 0.0), (4.0, 0.0)]


def test_douglas_peucker_keeps_a_real_corner_and_drops_small_noise():
    line = [(0.0, 0.0), (1.0, 0.01), (2.0, 0.0), (3.0, 2.0), (4.0, 0.0)]
    assert douglas_peucker(line, 0.1) == [(0.0, 0.0), (2.0, 0.0), (3.0, 2.0), (4.0, 0.0)]
    assert douglas_peucker(line, 0.0) == line
    assert douglas_peucker(line[:2], 5.0) == line[:2]


def test_ring_simplification_stays_closed_and_valid():
    # A square with points along its sides, a repeated point and a tiny wiggle: back to 4 corners.
    ring = [[0, 0], [0.5, 0], [0.5, 0], [1, 0], [1, 0.5], [1.0001, 0.7], [1, 1], [0, 1], [0, 0.5], [0, 0]]
    assert simplify_ring(ring, decimals=3, tolerance=0.01) == [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]


def test_tiny_ring_survives_with_four_points_instead_of_vanishing():
    # A triangle far smaller than the tolerance still comes back as a valid ring.
    ring = [[0, 0], [0.002, 0], [0.001, 0.002], [0, 0]]
    out = simplify_ring(ring, decimals=3, tolerance=0.5)
    assert out is not None and len(out) == 4 and out[0] == out[-1]


def test_ring_that_rounds_to_a_point_is_dropped():
    assert simplify_ring([[0, 0], [0.0001, 0], [0.0001, 0.0001], [0, 0]], decimals=3, tolerance=0.01) is None


def test_simplify_feature_collection_keeps_only_asked_properties_and_leaves_input_alone():
    fc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"a": 1, "b": "x"},
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": [
                        [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
                        [[[5, 5], [5.00001, 5], [5.00001, 5.00001], [5, 5]]],  # collapses: dropped
                    ],
                },
            }
        ],
    }
    before = copy.deepcopy(fc)
    out = simplify_feature_collection(fc, keep=["b", "missing"], decimals=3, tolerance=0.01)
    assert fc == before
    feature = out["features"][0]
    assert feature["properties"] == {"b": "x", "missing": None}
    assert feature["geometry"]["coordinates"] == [[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]]
