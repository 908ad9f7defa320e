"""Small map geometry built once at build time from the raw outlines in ``../shared/data``.

Why: every Streamlit rerun sends the figure's GeoJSON over the websocket, so the outlines must be small.
The raw files carry several hundred kilobytes of coordinates with five decimals (about 1 m) that nobody
sees at country scale. Here we round, drop repeated points and simplify each ring with Douglas–Peucker,
keeping every ring closed and valid (at least 4 positions, non-zero area) so MapLibre draws it.

Everything is deterministic: same input, same output, byte for byte (the tables are committed).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

Point = tuple[float, float]
Ring = list[Point]

# Relative locations of the raw files inside the shared data folder.
DEPARTEMENTS_FILE = Path("raw/anct_ci_ville/geom_dep.json")
INSET_FRAMES_FILE = Path("raw/anct_ci_ville/cercles_drom.json")
QPV_OCCITANIE_FILE = Path("raw/hackaviz2021_occitanie/qp.geojson")
QPV2024_FILE = Path("raw/qpv2024/contours_simplifies.geojson")

# Tolerances are in degrees. At country scale (France ~15° wide on ~1000 px) one pixel is ~0.015°,
# so 0.01° stays under a pixel of error. QPV outlines are a few hundred metres wide and the source
# is on a 1e-4° grid (~10 m) with staircase edges: 7e-5° (~6 m) smooths the stairs, invisible until
# one zooms on a single QPV, and cuts the file by half.
DEPARTEMENT_TOLERANCE = 0.01
FRAME_TOLERANCE = 0.004
QPV_TOLERANCE = 0.00007


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Simplify an open polyline: keep both end points and every point farther than `tolerance`.

    Iterative (explicit stack) so long rings cannot hit Python's recursion limit.
    """
    n = len(points)
    if n <= 2:
        return list(points)
    keep = [False] * n
    keep[0] = keep[n - 1] = True
    stack = [(0, n - 1)]
    while stack:
        start, end = stack.pop()
        if end - start < 2:
            continue
        ax, ay = points[start]
        bx, by = points[end]
        best_index, best_distance = -1, -1.0
        for i in range(start + 1, end):
            distance = _point_segment_distance(points[i], (ax, ay), (bx, by))
            # Strict ">" keeps the first farthest point: deterministic on ties.
            if distance > best_distance:
                best_index, best_distance = i, distance
        if best_distance > tolerance:
            keep[best_index] = True
            stack.append((start, best_index))
            stack.append((best_index, end))
    return [p for p, k in zip(points, keep) if k]


def _point_segment_distance(p: Point, a: Point, b: Point) -> float:
    """Distance from p to the segment ab (to a itself when ab is degenerate)."""
    px, py = p
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0.0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def _ring_area(ring: Sequence[Point]) -> float:
    """Signed shoelace area (closed ring expected)."""
    return 0.5 * sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))


def _round_dedupe(ring: Iterable[Sequence[float]], decimals: int) -> Ring:
    """Round positions and drop consecutive duplicates (rounding creates many)."""
    out: Ring = []
    for position in ring:
        # "+ 0.0" turns -0.0 into 0.0 so the dump is stable.
        point = (round(float(position[0]), decimals) + 0.0, round(float(position[1]), decimals) + 0.0)
        if not out or out[-1] != point:
            out.append(point)
    return out


def _simplify_closed(ring: Ring, tolerance: float) -> Ring:
    """Douglas–Peucker on a closed ring.

    A closed ring starts and ends on the same point, which gives no base line; so split it at the
    point farthest from the start and simplify both halves, which keeps that extreme point.
    """
    body = ring[:-1] if ring[0] == ring[-1] else ring[:]
    if len(body) < 3:
        return body + body[:1]
    start = body[0]
    far = max(range(len(body)), key=lambda i: (math.hypot(body[i][0] - start[0], body[i][1] - start[1]), -i))
    first = douglas_peucker(body[: far + 1], tolerance)
    second = douglas_peucker(body[far:] + [start], tolerance)
    return first + second[1:]


def simplify_ring(ring: Iterable[Sequence[float]], decimals: int, tolerance: float) -> list[list[float]] | None:
    """Round, dedupe and simplify one ring; None when it collapses (e.g. a tiny islet).

    If the tolerance leaves fewer than 4 positions or a flat ring, retry with smaller tolerances so
    small but real shapes survive as valid rings instead of disappearing.
    """
    rounded = _round_dedupe(ring, decimals)
    if rounded and rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    if len(rounded) < 4:
        return None
    tol = tolerance
    while True:
        simplified = _simplify_closed(rounded, tol)
        if len(simplified) >= 4 and _ring_area(simplified) != 0.0:
            return [list(p) for p in simplified]
        if tol == 0.0:
            return None
        tol = tol / 4 if tol > 1e-9 else 0.0


def _simplify_polygon(rings: Sequence[Sequence[Sequence[float]]], decimals: int, tolerance: float) -> list | None:
    """Simplify a polygon's rings; drop collapsed holes, and the polygon if its outer ring collapses."""
    outer = simplify_ring(rings[0], decimals, tolerance)
    if outer is None:
        return None
    holes = [h for h in (simplify_ring(r, decimals, tolerance) for r in rings[1:]) if h is not None]
    return [outer, *holes]


def simplify_geometry(geometry: dict, decimals: int, tolerance: float) -> dict | None:
    """Simplify a Polygon or MultiPolygon; a MultiPolygon left with one part stays a MultiPolygon."""
    kind = geometry["type"]
    if kind == "Polygon":
        polygon = _simplify_polygon(geometry["coordinates"], decimals, tolerance)
        return None if polygon is None else {"type": "Polygon", "coordinates": polygon}
    if kind == "MultiPolygon":
        parts = [p for p in (_simplify_polygon(c, decimals, tolerance) for c in geometry["coordinates"]) if p]
        return {"type": "MultiPolygon", "coordinates": parts} if parts else None
    raise ValueError(f"Unsupported geometry type {kind!r}: only Polygon and MultiPolygon are expected")


def simplify_feature_collection(
    fc: dict, keep: list[str], decimals: int = 3, tolerance: float = DEPARTEMENT_TOLERANCE
) -> dict:
    """Return a new FeatureCollection with only the `keep` properties and simplified geometry.

    The input is not modified. A feature whose geometry collapses entirely is dropped
    (it would be invisible at this precision anyway).
    """
    features = []
    for feature in fc["features"]:
        geometry = simplify_geometry(feature["geometry"], decimals, tolerance)
        if geometry is None:
            continue
        properties = {name: (feature.get("properties") or {}).get(name) for name in keep}
        features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def _read_json(path: Path) -> dict:
    if not path.is_file():
        raise FileNotFoundError(f"Map outline file not found: {path}")
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _polygons(geometry: dict) -> list:
    """Polygon coordinates as a list of polygons (MultiPolygon layout)."""
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else list(geometry["coordinates"])


def _merge_by(fc: dict, key: str) -> dict:
    """Merge features sharing the same `key` into one MultiPolygon feature, first-seen order.

    Why: geom_dep.json splits Saint-Martin (978) into 9 Polygon features; a choropleth keyed on the
    code needs exactly one feature per code.
    """
    merged: dict[Any, dict] = {}
    for feature in fc["features"]:
        code = feature["properties"][key]
        if code not in merged:
            merged[code] = {"type": "Feature", "properties": dict(feature["properties"]),
                            "geometry": feature["geometry"]}
            continue
        first = merged[code]["geometry"]
        merged[code]["geometry"] = {
            "type": "MultiPolygon",
            "coordinates": _polygons(first) + _polygons(feature["geometry"]),
        }
    return {"type": "FeatureCollection", "features": list(merged.values())}


def _code(value: Any, width: int = 2) -> str | None:
    """INSEE code as a string with its leading zeros ("1" -> "01"; "2A", "971" unchanged)."""
    if value is None:
        return None
    text = str(value).strip()
    return text.zfill(width) if text.isdigit() else text


def departement_outlines(source: Path) -> dict:
    """Département outlines (metropolitan France + overseas insets at display positions), simplified.

    One feature per code, properties ``dep_code``, ``dep_name``, ``reg_code``. The file has the
    101 départements plus Saint-Martin (978) and Polynésie française (987); their ``reg_code`` is
    null in the source and left null.
    """
    raw = _read_json(Path(source) / DEPARTEMENTS_FILE)
    renamed = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "dep_code": _code(f["properties"].get("insee_dep")),
                    "dep_name": f["properties"].get("lib_dep"),
                    "reg_code": _code(f["properties"].get("insee_reg")),
                },
                "geometry": f["geometry"],
            }
            for f in raw["features"]
        ],
    }
    merged = _merge_by(renamed, "dep_code")
    return simplify_feature_collection(merged, ["dep_code", "dep_name", "reg_code"], decimals=3)


def inset_frames(source: Path) -> dict:
    """The circles framing the overseas insets (no useful property), simplified to light polygons."""
    raw = _read_json(Path(source) / INSET_FRAMES_FILE)
    return simplify_feature_collection(raw, [], decimals=3, tolerance=FRAME_TOLERANCE)


def qpv_outlines_occitanie(source: Path) -> dict:
    """The 105 Occitanie QPV outlines (2015 geography), properties code_qp, nom_qp, commune, dep_code.

    ``commune`` is the source's ``nom_commune``: every commune the QPV spans (e.g. "Séméac, Tarbes").
    """
    raw = _read_json(Path(source) / QPV_OCCITANIE_FILE)
    renamed = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "code_qp": f["properties"].get("code_qp"),
                    "nom_qp": f["properties"].get("nom_qp"),
                    "commune": f["properties"].get("nom_commune"),
                    "dep_code": _code(f["properties"].get("code_departement")),
                },
                "geometry": f["geometry"],
            }
            for f in raw["features"]
        ],
    }
    return simplify_feature_collection(
        renamed, ["code_qp", "nom_qp", "commune", "dep_code"], decimals=5, tolerance=QPV_TOLERANCE
    )


def qpv2024_outlines(source: Path, codes: set[str]) -> dict:
    """The 2024 QPV outlines (ANCT / SIG Ville), one feature per QPV (a QPV over several communes comes in pieces:
    merged), properties code_qp and dep_code, simplified like the Occitanie outlines. Only the QPV of the 2024 table
    (`codes`): Saint-Martin's and Polynésie's outlines have no figures in it. A page sends only the outlines it draws
    (one département, one QPV), never the whole file."""
    raw = _read_json(Path(source) / QPV2024_FILE)
    features = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code_qp": f["properties"]["code_qp"],
                                           "dep_code": _code(f["properties"]["insee_dep"])},
         "geometry": f["geometry"]} for f in raw["features"] if f["properties"]["code_qp"] in codes]}
    return simplify_feature_collection(_merge_by(features, "code_qp"), ["code_qp", "dep_code"], decimals=5,
                                       tolerance=QPV_TOLERANCE)


def iter_positions(geometry: dict) -> Iterable[Sequence[float]]:
    """Every position of a Polygon or MultiPolygon."""
    for polygon in _polygons(geometry):
        for ring in polygon:
            yield from ring


def feature_collection_bounds(fc: dict) -> tuple[float, float, float, float]:
    """(west, south, east, north) of all features; used to fit a map view."""
    xs: list[float] = []
    ys: list[float] = []
    for feature in fc["features"]:
        for x, y in iter_positions(feature["geometry"]):
            xs.append(x)
            ys.append(y)
    if not xs:
        raise ValueError("Empty feature collection: no bounds")
    return min(xs), min(ys), max(xs), max(ys)


def feature_anchor(feature: dict) -> tuple[float, float]:
    """Centroid of the feature's largest outer ring.

    Why: a QPV is a few hundred metres wide, invisible at région scale; a marker there keeps it findable.
    """
    best: Sequence[Sequence[float]] | None = None
    best_area = -1.0
    for polygon in _polygons(feature["geometry"]):
        ring = [(float(x), float(y)) for x, y in polygon[0]]
        area = abs(_ring_area(ring))
        if area > best_area:
            best, best_area = ring, area
    if not best:
        raise ValueError("Feature without coordinates")
    signed = _ring_area(best)
    if signed == 0.0:
        xs = [p[0] for p in best]
        ys = [p[1] for p in best]
        return sum(xs) / len(xs), sum(ys) / len(ys)
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(best, best[1:]):
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    return cx / (6 * signed), cy / (6 * signed)


def dumps_compact(fc: dict) -> str:
    """The compact JSON used to ship and measure outlines."""
    return json.dumps(fc, separators=(",", ":"), ensure_ascii=False)
