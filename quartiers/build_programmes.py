"""Which other national territorial programmes are active in each Quartiers productifs pilot.

Counts, for each of the 14 pilots and each programme list of raw/anct_programmes (one row per vintage, zeros
included), the sites of the list that lie in the pilot's communes (raw/derived/pilot_territories_communes.csv).
Every list is read into the same shape, one row per (site, place), then matched to the pilots:

- `code`: where the site is: an INSEE commune code of any COG vintage, a commune SIREN, or an EPCI/EPT SIREN;
- `site`: the site's id, so that a site spread over several places is counted once per pilot;
- `label`: the name shown in `detail`;
- `n`: how many units the site weighs (the number of posts of a conseillers numériques host, of labels grouped
  in one point, ...).

When the unit is "communes", the pilot's distinct communes named by the list are counted; otherwise the `n` of the
distinct sites found in the pilot are summed.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

COLUMNS = ["pilot_id", "programme", "priority_id", "n_sites_in_pilot", "unit", "vintage", "source_file", "detail"]
PROGRAMMES = "raw/anct_programmes"
SITE_COLUMNS = ["code", "site", "label", "n"]
_LABEL_SEP = "; "  # between the names of the sites grouped in one label, and in `detail`


def _sites(rows: pd.DataFrame, code: str, label: str, n: str | None = None) -> pd.DataFrame:
    """Flat lists: each row is one site, weighing 1 unless column `n` says how many units it holds."""
    return pd.DataFrame({"code": rows[code].astype(str).to_numpy(), "site": range(len(rows)),
                         "label": rows[label].astype(str).to_numpy(), "n": rows[n].to_numpy() if n else 1})


def _features(path: Path) -> pd.DataFrame:
    return pd.DataFrame([f["properties"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]])


def _site_names(lib_territoire: str, place: str) -> str:
    """lib_territoire may group several sites (";"-separated, with stray newlines); point layers of sites also
    give their commune (lib_geo), worth showing when it differs from the site's name."""
    names = (" ".join(part.split()) for part in lib_territoire.split(";"))
    return _LABEL_SEP.join(name if place in ("", name) else f"{name} @ {place}" for name in names)


def _read_liste_geo(path: Path) -> pd.DataFrame:
    """superposeur-anct layers: one feature per territory or per point, liste_geo = "Name (code); Name (code)"
    (INSEE codes, or EPCI SIRENs for Territoires d'industrie); id_territoire holds one id per labelled site,
    ";"-separated when several sites share one point."""
    feats = _features(path)
    places = feats.get("lib_geo", pd.Series("", index=feats.index))
    label = [_site_names(lib, place) for lib, place in zip(feats["lib_territoire"], places)]
    rows = [(code, site, lib, len(ids.split(";")))
            for site, (ids, lib, liste) in enumerate(zip(feats["id_territoire"], label, feats["liste_geo"]))
            # the code is the last bracket of each item: names may hold brackets too, "Château-Chinon (Ville)"
            for code in re.findall(r"\((\w+)\)\s*(?:;|$)", liste)]
    return pd.DataFrame(rows, columns=SITE_COLUMNS)


def _read_acv_2025(path: Path) -> pd.DataFrame:
    feats = _features(path)  # insee_com is mostly stored as an integer, which lost its leading zero
    return _sites(feats.assign(insee_com=feats["insee_com"].astype(str).str.zfill(5)), "insee_com", "lib_com")


def _read_acv_2018(path: Path) -> pd.DataFrame:
    feats = _features(path)
    return _sites(feats, "codgeo", "libgeo")


def _read_pvd_2021(path: Path) -> pd.DataFrame:
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows = rows[rows["insee_com"] != "999999"]  # test row "Trifouilly-les-Oies"
    return _sites(rows, "insee_com", "lib_com")


def _read_france_services_2020(path: Path) -> pd.DataFrame:
    return _sites(_features(path), "insee_com", "lib_france_services")


def _read_france_services_2024(path: Path) -> pd.DataFrame:
    return _sites(pd.read_csv(path, dtype=str, keep_default_na=False), "insee_com", "lib_fs")


def _read_conseillers_numeriques(path: Path) -> pd.DataFrame:
    rows = pd.DataFrame(json.loads(path.read_text(encoding="utf-8")))
    rows = rows[rows["insee_com"].notna()]  # 7 placeholder rows without structure nor commune
    return _sites(rows, "insee_com", "raison_sociale", n="nb_cnfs")


def _inside(x: float, y: float, polygon: list[list[list[float]]]) -> bool:
    """Ray casting (even-odd rule) over the outer ring and the holes of one GeoJSON polygon."""
    inside = False
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def _read_ti_outlines(path: Path) -> pd.DataFrame:
    """The 2018-2022 outlines carry no codes: an EPCI or EPT belongs to a territory when its centroid (COG 2025,
    _reference_geometry) lies inside the outline."""
    centroids = json.loads((path.parents[1] / "_reference_geometry/centroide-4326_epci-ept.geojson")
                           .read_text(encoding="utf-8"))["features"]
    # EPT rows carry their SIREN in siren_ept (siren_epci is null)
    points = [(f["properties"]["siren_ept"] or f["properties"]["siren_epci"], *f["geometry"]["coordinates"])
              for f in centroids]
    rows = []
    for feat in json.loads(path.read_text(encoding="utf-8"))["features"]:
        geometry, props = feat["geometry"], feat["properties"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        xs, ys = zip(*(pt for polygon in polygons for pt in polygon[0]))
        (x_min, x_max), (y_min, y_max) = (min(xs), max(xs)), (min(ys), max(ys))
        for siren, x, y in points:
            if (x_min <= x <= x_max and y_min <= y <= y_max  # the bounding box first: cheap
                    and any(_inside(x, y, polygon) for polygon in polygons)):
                rows.append((siren, props["id_ti"], props["lib_ti"], 1))
    return pd.DataFrame(rows, columns=SITE_COLUMNS)


@dataclass(frozen=True)
class ProgrammeList:
    programme: str
    vintage: str
    unit: str
    read: Callable[[Path], pd.DataFrame]


# One entry per raw list, keyed by its path under raw/anct_programmes (see raw/PROVENANCE.md for each vintage).
LISTS: dict[str, ProgrammeList] = {
    "action_coeur_de_ville/acv_villes_2018-08.json":
        ProgrammeList("action_coeur_de_ville", "2018-08", "communes", _read_acv_2018),
    "action_coeur_de_ville/acv_communes_2025-04.json":
        ProgrammeList("action_coeur_de_ville", "2025-04", "communes", _read_acv_2025),
    "entrees_de_ville/acv2_entrees_de_ville_geom_2024.geojson":
        ProgrammeList("entrees_de_ville", "2024", "communes", _read_liste_geo),
    "petites_villes_de_demain/pvd_communes_2021-01.csv":
        ProgrammeList("petites_villes_de_demain", "2021-01", "communes", _read_pvd_2021),
    "petites_villes_de_demain/pvd_geom_2024.geojson":
        ProgrammeList("petites_villes_de_demain", "2024", "communes", _read_liste_geo),
    "territoires_d_industrie/ti_2018-2022_149_polygons_2023-10.geojson":
        ProgrammeList("territoires_d_industrie", "2018-2022", "territoires", _read_ti_outlines),
    "territoires_d_industrie/ti_2023-2027_geom_2024.geojson":
        ProgrammeList("territoires_d_industrie", "2023-2027", "communes", _read_liste_geo),
    "france_services/france_services_2020-09.geojson":
        ProgrammeList("france_services", "2020-09", "sites", _read_france_services_2020),
    "france_services/liste-fs-20240801.csv":
        ProgrammeList("france_services", "2024-08", "sites", _read_france_services_2024),
    "conseillers_numeriques/cnfs_postes_2021-05.json":
        ProgrammeList("conseillers_numeriques", "2021-05", "posts", _read_conseillers_numeriques),
    "cites_de_l_emploi/cde_geom_2024.geojson":
        ProgrammeList("cites_de_l_emploi", "2024", "communes", _read_liste_geo),
    "cites_educatives/citeduc_geom_2024.geojson":
        ProgrammeList("cites_educatives", "2024", "communes", _read_liste_geo),
    "fabriques_de_territoire/fabt_geom_2024.geojson":
        ProgrammeList("fabriques_de_territoire", "2024", "sites", _read_liste_geo),
    "manufactures_de_proximite/manuprox_geom_2024.geojson":
        ProgrammeList("manufactures_de_proximite", "2024", "sites", _read_liste_geo),
    "fonds_restructuration_locaux_activite/frla_geom_2024.geojson":
        ProgrammeList("fonds_restructuration_locaux_activite", "2024", "communes", _read_liste_geo),
    "projet_appui_operationnel_commerce/pao_geom_2024.geojson":
        ProgrammeList("projet_appui_operationnel_commerce", "2024", "operations", _read_liste_geo),
}


def _current_communes(source: Path) -> dict[str, list[str]]:
    """Any code a list may use → the current (COG 2026) communes it covers: current codes, former codes
    (anciensCodes), arrondissements municipaux (→ their commune), commune SIRENs, EPCI and EPT SIRENs (→ members)."""
    admin = source / "raw/decoupage_administratif"
    communes = json.loads((admin / "communes.json").read_text(encoding="utf-8"))
    codes: dict[str, list[str]] = {}
    for c in communes:
        if c["type"] == "commune-actuelle":
            aliases = [c["code"], *c.get("anciensCodes", [])] + ([c["siren"]] if "siren" in c else [])
            codes.update((alias, [c["code"]]) for alias in aliases)
        elif c["type"] == "arrondissement-municipal":
            codes[c["code"]] = [c["commune"]]
    for name in ("epci.json", "ept.json"):
        for group in json.loads((admin / name).read_text(encoding="utf-8")):
            codes[group["code"]] = [m["code"] for m in group["membres"]]
    return codes


def _pilot_communes(source: Path) -> pd.DataFrame:
    """(pilot_id, commune_code), in the order of facts/pilots.csv. The derived file names pilots by their announced
    name: match them on the parent SIREN (EPCI and EPT pilots) or on the commune codes (commune pilots)."""
    pilots = pd.read_csv(source / "facts/pilots.csv", dtype=str)
    communes = pd.read_csv(source / "raw/derived/pilot_territories_communes.csv", dtype=str)
    groups = {name: ({g["parent_siren"].iloc[0]}, set(g["commune_code"])) for name, g in communes.groupby("pilot")}
    parts = []
    for pilot_id, codes in zip(pilots["pilot_id"], pilots["siren_or_commune_code"]):
        names = [name for name, keys in groups.items() if set(codes.split(";")) in keys]
        if len(names) != 1:
            raise ValueError(f"{pilot_id}: {len(names)} matching pilots in pilot_territories_communes.csv")
        parts.append(communes.loc[communes["pilot"] == names[0], ["commune_code"]].assign(pilot_id=pilot_id))
    return pd.concat(parts, ignore_index=True)[["pilot_id", "commune_code"]]


def _count(found: pd.DataFrame, unit: str) -> tuple[int, str]:
    detail = _LABEL_SEP.join(sorted({name for label in found["label"] for name in label.split(_LABEL_SEP)}))
    if unit == "communes":
        return found["commune_code"].nunique(), detail
    return int(found.drop_duplicates("site")["n"].sum()), detail


def build_pilot_programmes(source: Path) -> pd.DataFrame:
    """One row per pilot × programme list (zeros included), with the columns of COLUMNS."""
    source = Path(source)
    pilots = _pilot_communes(source)
    pilot_order = list(dict.fromkeys(pilots["pilot_id"]))
    current = _current_communes(source)
    priority = pd.read_csv(source / "facts/programme_priority_map.csv", dtype=str, keep_default_na=False)
    priority_of = dict(zip(priority["programme"], priority["priority_id"]))
    rows = []
    for file, spec in LISTS.items():
        sites = spec.read(source / PROGRAMMES / file)
        sites = sites.assign(commune_code=sites["code"].map(current)).explode("commune_code")
        sites = sites.merge(pilots, on="commune_code")
        for pilot_id in pilot_order:
            n, detail = _count(sites[sites["pilot_id"] == pilot_id], spec.unit)
            rows.append((pilot_id, spec.programme, priority_of[spec.programme], n, spec.unit, spec.vintage,
                         f"{PROGRAMMES}/{file}", detail))
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["pilot_id"] = pd.Categorical(out["pilot_id"], categories=pilot_order, ordered=True)
    out = out.sort_values(["programme", "vintage", "pilot_id"], kind="stable", ignore_index=True)
    return out.astype({c: str for c in COLUMNS if c != "n_sites_in_pilot"} | {"n_sites_in_pilot": int})
