"""Build the national tables of the 1 514 QPV of the 2015 list (one row per QPV, its communes, indicators, points).

Read from raw/qpv2015/ (INSEE figures and the décret list, copies found on GitHub) and the derived point file
raw/derived/qpv2015_localisation_approx.csv. The 2015 and 2024 lists are never mixed in one table.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pandas as pd

from quartiers.sources import OFFICIAL, OPEN_LICENCE, PUBLIC_STATISTICS

RAW_QPV2015 = Path("raw/qpv2015")
RAW_POINTS = Path("raw/derived/qpv2015_localisation_approx.csv")
RAW_COMMUNES = Path("raw/decoupage_administratif/communes.json")

SRC_POPULATION = "insee-qpv2015-population"
SRC_FILOSOFI = "insee-qpv2015-filosofi"
SRC_RP2010 = "insee-qpv2015-rp2010"
SRC_DECRET = "legifrance-decret-2014-1750"
SRC_POINTS = "qpv2015-points-approx"

_RELAY = "Copie trouvée dans le dépôt GitHub "
DATASETS: list[tuple[str, str, str, str, str, str, str]] = [
    (SRC_POPULATION, "Insee", "Population municipale des 1 514 QPV (liste 2015), 2013 et 2018",
     "https://github.com/amegard64/M-moire-DU-SDA", OPEN_LICENCE, "2013, 2018",
     _RELAY + "amegard64/M-moire-DU-SDA (data/processed/qpv_evolution_population.csv, commit 6bb7c3e1). "
     "Premier code commune : même dépôt, d'après la table Insee TAG_QPV2015."),
    (SRC_FILOSOFI, "Insee (Filosofi)", "Revenu médian et taux de pauvreté des QPV (liste 2015), 2012-2021",
     "https://www.insee.fr/fr/statistiques/4200153", OPEN_LICENCE, "2012-2021",
     _RELAY + "amegard64/M-moire-DU-SDA (data/processed/panel_qpv_complet_v2.csv, commit 6bb7c3e1). "
     "France métropolitaine seulement ; valeurs sous secret statistique absentes."),
    (SRC_RP2010, "Insee (recensement 2010)", "Estimations démographiques – données par quartier (géographie 2014)",
     "https://github.com/amegard64/M-moire-DU-SDA", OPEN_LICENCE, "2010",
     _RELAY + "amegard64/M-moire-DU-SDA (data/processed/demographie_2010_qpv.xls, commit c16e151b). "
     "France métropolitaine seulement."),
    (SRC_DECRET, "Légifrance", "Décret n° 2014-1750 du 30 décembre 2014 : liste des QPV de métropole",
     "https://github.com/dataforgoodfr/croixrouge", "Acte officiel (non soumis au droit d'auteur)",
     "2014", _RELAY + "dataforgoodfr/croixrouge (data/legifrance/quartiers_prioritaire.csv, commit d4e41e34)."),
    (SRC_POINTS, "Construit ici (approximation)", "Point approché de chaque QPV 2015 d'après les contours 2024",
     "https://github.com/vlordier/MaFrance", OPEN_LICENCE, "2024 (contours)",
     "Point dans le contour 2024 de même nom (ANCT / SIG Ville, copie vlordier/MaFrance), sinon centre des QPV "
     "2024 de la commune. Position approximative : jamais pour des calculs de surface."),
]

# French labels of the RP 2010 columns kept as indicators (one place; INSEE's own wording, trimmed).
RP2010_INDICATORS = {
    "tx_tot_empl": "Taux d'emploi des 15-64 ans (%)",
    "tx_f_empl": "Taux d'emploi des femmes (%)",
    "tx_tot_eprec": "Part des emplois précaires (%)",
    "tx_tot_0a14": "Part des 0-14 ans (%)",
    "tx_tot_15a24": "Part des 15-24 ans (%)",
    "ind_jeune": "Indice de jeunesse",
    "tx_tot_infbac": "Part des personnes sans diplôme ou de niveau inférieur au bac (%)",
    "tx_tot_scol": "Taux de scolarisation des 16-24 ans (%)",
    "tx_tot_fam_mono": "Part des familles monoparentales (%)",
    "tx_l_vacant": "Taux de vacance des logements (%)",
}
FILOSOFI_INDICATORS = {
    "revenu_median": "Revenu médian par unité de consommation (€)",
    "taux_pauvrete": "Taux de pauvreté au seuil de 60 % (%)",
}
INDICATOR_LABELS = {**FILOSOFI_INDICATORS, **RP2010_INDICATORS}

# How the commune list of a QPV was obtained (column communes_method).
METHOD_RP2010 = "rp2010_listcom"        # all communes, INSEE RP 2010 workbook
METHOD_DECRET = "decret_space_separated"  # décret list, names separated by spaces (may be ambiguous)
METHOD_FIRST = "first_commune_only"     # INSEE TAG_QPV2015: first commune only (overseas)
METHOD_NONE = "none"                    # Polynésie, Saint-Martin: no commune in the sources
PRECISION = {"name_match_commune": "outline_2024", "name_match_dep": "outline_2024",
             "commune_qpv2024_union_centroid": "commune"}


def _key(name: str) -> str:
    """A comparable form of a commune name: no accents, case, punctuation, 'St' spelled out."""
    name = name.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae")  # NFKD keeps ligatures
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"\bste\b", "sainte", re.sub(r"\bst\b", "saint", text))


def _commune_index(source: Path) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(département, name key) -> [(code, official name)] over current communes."""
    index: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for c in json.loads((source / RAW_COMMUNES).read_text(encoding="utf-8")):
        if c["type"] == "commune-actuelle":
            index.setdefault((c["departement"], _key(c["nom"])), []).append((c["code"], c["nom"]))
    return index


def _commune_rows(pts: pd.DataFrame, source: Path) -> pd.DataFrame:
    """One row per QPV × commune: the code when the name resolves to exactly one commune of the département."""
    index = _commune_index(source)
    rows = []
    for r in pts.itertuples():
        if isinstance(r.communes_noms, str):
            for i, name in enumerate(r.communes_noms.split(", ")):
                hits = index.get((r.dep, _key(name)), [])
                code = hits[0][0] if len(hits) == 1 else ""
                if i == 0 and not code and isinstance(r.insee_com_principale, str):
                    code = r.insee_com_principale  # first commune: INSEE's own code (TAG_QPV2015)
                rows.append((r.code_qp, code, name, "name_in_departement" if len(hits) == 1 else
                             ("first_commune_code" if code else "unresolved")))
        elif isinstance(r.insee_com_principale, str):
            rows.append((r.code_qp, r.insee_com_principale, "", "first_commune_code"))
    out = pd.DataFrame(rows, columns=["code_qp", "commune_code", "commune_name", "match"])
    return _arrondissements(out)


ARRONDISSEMENT = re.compile(r"^(?P<city>.+?) \d+(?:er|e|ème) arrondissement$")


def _arrondissements(rows: pd.DataFrame) -> pd.DataFrame:
    """« Marseille 14ème arrondissement » lies in the commune of Marseille: when the QPV's resolved first commune is
    that city (INSEE gives the commune, 13055, for the arrondissements of Paris, Lyon and Marseille), the arrondissement
    takes its code. Containment, not a guess: any other unresolved name stays unresolved."""
    rows = rows.copy()
    for i, r in rows[rows["match"] == "unresolved"].iterrows():
        found = ARRONDISSEMENT.match(r["commune_name"])
        first = rows[(rows["code_qp"] == r["code_qp"]) & (rows["match"] == "first_commune_code")]
        if found and len(first) and ARRONDISSEMENT.match(first["commune_name"].iloc[0]) and \
                ARRONDISSEMENT.match(first["commune_name"].iloc[0])["city"] == found["city"]:
            rows.loc[i, ["commune_code", "match"]] = first["commune_code"].iloc[0], "arrondissement_of_commune"
    return rows


def _distinct(codes: pd.Series) -> str:
    """The QPV's known commune codes, once each (the arrondissements of one city share its code)."""
    return ";".join(dict.fromkeys(c for c in codes if c))


def counts_from_list(territories: pd.DataFrame, qpv: pd.DataFrame, key: str) -> pd.DataFrame:
    """Every territory's 2015 QPV count from the list itself (all 101 départements, 18 régions and 2 collectivités),
    citing the list; the published counts in facts/ are equal where they exist (tests/test_data_qpv.py)."""
    out = territories.copy()
    out["qpv_count"] = out[key].map(qpv.groupby(key).size()).fillna(0).astype("Int64")
    out["qpv_count_source_id"] = SRC_POPULATION
    return out


WHOLE, PARTIAL = "whole", "partial"  # pilot_qpv.membership


def pilot_qpv(pilot_communes: dict[str, dict[str, str]], communes: pd.DataFrame, source_id: str) -> pd.DataFrame:
    """One row per pilot × 2015 QPV having at least one of its communes in the pilot, from ALL the QPV's communes:
    « whole » when every commune is in the pilot, « partial » when some lie outside or could not be identified
    (QP093014: Bondy, Bobigny and Noisy-le-Sec in Est Ensemble, Le Blanc-Mesnil outside). A partial QPV's residents
    are never split between its communes: the app shows them apart."""
    rows = []
    for code_qp, qpv in communes.groupby("code_qp", sort=True):
        known = qpv[qpv["commune_code"] != ""].drop_duplicates("commune_code")
        unknown = qpv.loc[qpv["commune_code"] == "", "commune_name"].tolist()
        for pilot_id, own in pilot_communes.items():
            inside = known[known["commune_code"].isin(own)]
            if inside.empty:
                continue
            outside = known[~known["commune_code"].isin(own)]
            rows.append({"pilot_id": pilot_id, "code_qp": code_qp,
                         "membership": WHOLE if outside.empty and not unknown else PARTIAL,
                         "communes_inside": ";".join(own[c] for c in inside["commune_code"]),
                         "communes_outside": ";".join(outside["commune_name"].tolist() + unknown),
                         "unidentified": len(unknown), "source_id": source_id})
    return pd.DataFrame(rows, columns=["pilot_id", "code_qp", "membership", "communes_inside", "communes_outside",
                                       "unidentified", "source_id"])


def _read(source: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(source / RAW_QPV2015 / name, dtype=str, keep_default_na=False)


def qpv2015(source: Path, departements: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The 2015-list tables: qpv2015, qpv2015_communes, qpv2015_indicators, qpv2015_points."""
    pts = pd.read_csv(source / RAW_POINTS, dtype=str)
    pop = _read(source, "population_2013_2018.csv")
    communes = _commune_rows(pts, source)
    # Overseas communes have no name in the QPV sources: take the official one from the commune code.
    names = {code: nom for hits in _commune_index(source).values() for code, nom in hits}
    communes["commune_name"] = [n or names.get(c, "") for c, n in zip(communes.commune_code, communes.commune_name)]
    grouped = communes.groupby("code_qp", sort=False)
    reg_of = dict(zip(departements.dep_code, departements.reg_code)) | {"978": "978", "987": "987"}
    method = pts.communes_source.map({"insee_rp2010_listcom": METHOD_RP2010,
                                      "legifrance_croixrouge_space_separated": METHOD_DECRET})
    method = method.where(method.notna(), pts.insee_com_principale.notna().map({True: METHOD_FIRST,
                                                                                False: METHOD_NONE}))
    main = pd.DataFrame({
        "code_qp": pts.code_qp, "name": pts.nom_qp.fillna(""), "dep_code": pts.dep,
        "reg_code": pts.dep.map(reg_of), "commune_code": pts.insee_com_principale.fillna(""),
        "commune_codes": pts.code_qp.map(grouped.commune_code.agg(_distinct)).fillna(""),
        "commune_names": pts.code_qp.map(grouped.commune_name.agg(";".join)).fillna(""),
        "communes_method": method,
    })
    main = main.merge(pop.rename(columns={"code": "code_qp"})[["code_qp", "pop_2013", "pop_2018"]], on="code_qp",
                      how="left", validate="one_to_one")
    for col in ("pop_2013", "pop_2018"):
        main[col] = pd.to_numeric(main[col]).round().astype("Int64")
    main["population_source_id"] = SRC_POPULATION
    main["list_source_id"] = main.dep_code.str.len().eq(2).map({True: SRC_DECRET, False: SRC_POPULATION})
    main = main.sort_values("code_qp", ignore_index=True)
    points = pd.DataFrame({"code_qp": pts.code_qp, "lon": pd.to_numeric(pts.lon_approx),
                           "lat": pd.to_numeric(pts.lat_approx),
                           "precision": pts.methode_localisation.map(PRECISION).fillna("none"),
                           "code_qp_2024": pts.qp2024_apparie.fillna(""), "source_id": SRC_POINTS})
    points = points.sort_values("code_qp", ignore_index=True)
    communes = communes.sort_values(["code_qp", "commune_name"], ignore_index=True)
    return {"qpv2024.csv": qpv2024_list(source), "qpv2015.csv": main, "qpv2015_communes.csv": communes,
            "qpv2015_indicators.csv": _indicators(source), "qpv2015_points.csv": points}


def _indicators(source: Path) -> pd.DataFrame:
    """Long form: code_qp, indicator, year, value, source_id; secret or missing values are left out, never 0."""
    filo = _read(source, "filosofi_revenus_pauvrete_2012_2021_metropole.csv")
    parts = [filo.melt(id_vars=["code", "annee"], value_vars=list(FILOSOFI_INDICATORS), var_name="indicator")
             .rename(columns={"annee": "year"}).assign(source_id=SRC_FILOSOFI)]
    rp = _read(source, "insee_rp2010_indicateurs_metropole.csv").rename(columns={"qp": "code"})
    parts.append(rp.melt(id_vars=["code"], value_vars=list(RP2010_INDICATORS), var_name="indicator")
                 .assign(year="2010", source_id=SRC_RP2010))
    out = pd.concat(parts, ignore_index=True).rename(columns={"code": "code_qp"})
    out = out[out.value.str.strip() != ""]
    out["value"] = pd.to_numeric(out.value)
    out["year"] = out.year.astype(int)
    return out[["code_qp", "indicator", "year", "value", "source_id"]].sort_values(
        ["code_qp", "indicator", "year"], ignore_index=True)


SRC_QPV2024 = "insee-qpv2024"
DATASETS.append(
    (SRC_QPV2024, "Insee (données QPV 2024), liste ANCT / SIG Ville", "Population et indicateurs des QPV (liste 2024)",
     "https://github.com/vlordier/MaFrance", OPEN_LICENCE, "2020 (population au 1er janvier)",
     _RELAY + "vlordier/MaFrance (setup/inputFiles/analyse_qpv.csv, commit 36dbf172). Indicateurs non vérifiés "
     "un à un avec l'Insee."))


def _pad(values: pd.Series, width: int) -> pd.Series:
    """Codes written as numbers upstream ('1', '84.0') back to INSEE strings ('01', '84'); '2A' kept."""
    return values.str.replace(r"\.0$", "", regex=True).str.zfill(width)


def qpv2024_list(source: Path) -> pd.DataFrame:
    """One row per QPV of the 2024 list (the raw file has one per QPV × commune; QPV values repeat)."""
    raw = pd.read_csv(source / "raw/qpv2024/population_indicateurs_2024.csv", dtype=str, keep_default_na=False)
    raw["COG"] = _pad(raw["COG"], 5)
    joined = raw.groupby("codeQPV", sort=True).agg(
        commune_codes=("COG", lambda s: ";".join(dict.fromkeys(s))),
        commune_names=("lib_com", lambda s: ";".join(dict.fromkeys(s))),
        epci_sirens=("siren_epci", lambda s: ";".join(dict.fromkeys(s))),
        epci_names=("lib_epci", lambda s: ";".join(dict.fromkeys(s))))
    first = raw.drop_duplicates("codeQPV").set_index("codeQPV").sort_index()
    out = pd.DataFrame({
        "code_qp": first.index, "name": first["lib_qp"].values, "dep_code": _pad(first["insee_dep"], 2).values,
        "reg_code": _pad(first["insee_reg"], 2).values, **{c: joined[c].values for c in joined.columns},
        "pop_2020": pd.to_numeric(first["popMuniQPV"]).round().astype("Int64").values,
        "taux_emploi": pd.to_numeric(first["taux_d_emploi"]).values,
        "taux_pauvrete": pd.to_numeric(first["taux_pauvrete_60%"]).values,
        "source_id": SRC_QPV2024})
    return out


# Class of each dataset's publisher (officiel / statistique publique), as in data/sources.csv.
SRC_OUTLINES_2024 = "anct-qpv2024-contours"
DATASETS.append(
    (SRC_OUTLINES_2024, "ANCT (SIG Ville)", "Contours des QPV (liste 2024), simplifiés",
     "https://github.com/vlordier/MaFrance", OPEN_LICENCE, "2024",
     _RELAY + "vlordier/MaFrance (setup/inputFiles/qpv2024_simplified.geojson, commit 36dbf172), d'après les "
     "contours de l'ANCT publiés sur data.gouv.fr ; simplifiés encore ici pour le web."))

CLASSES = {SRC_OUTLINES_2024: OFFICIAL, SRC_POPULATION: PUBLIC_STATISTICS, SRC_FILOSOFI: PUBLIC_STATISTICS,
           SRC_RP2010: PUBLIC_STATISTICS, SRC_DECRET: OFFICIAL, SRC_POINTS: OFFICIAL, SRC_QPV2024: PUBLIC_STATISTICS}
