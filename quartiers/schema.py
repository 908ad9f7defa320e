"""What each table of data/ must hold: column types, keys and references between tables.

Column kinds: "text" (non-empty string), "text?" (may be empty), "code" (identifier kept as a string, leading
zeros included), "code?" (may be empty), "int", "int?" (nullable integer), "num", "num?" (nullable float), "bool".
"""
from __future__ import annotations

from dataclasses import dataclass, field

DEP_CODE = r"^(\d{2}|2[AB]|97[1-8]|987)$"
QP2015_CODE = r"^QP\d{2}[\dAB]\d{3}$"
QP2015_METHODS = r"^(rp2010_listcom|decret_space_separated|first_commune_only|none)$"
REG_CODE = r"^(\d{2}|97[78]|987)$"


@dataclass(frozen=True)
class Table:
    columns: dict[str, str]
    key: tuple[str, ...]
    refs: dict[str, str] = field(default_factory=dict)  # column -> "table.column" it must resolve to (if not empty)
    patterns: dict[str, str] = field(default_factory=dict)


FIGURE = {"source_id": "code"}

TABLES: dict[str, Table] = {
    "sources": Table({"source_id": "code", "publisher": "text", "title": "text", "url": "text", "licence": "text",
                      "year": "text?", "note": "text?", "source_class": "text", "relays": "code?"},
                     key=("source_id",), refs={"relays": "sources.source_id"}),
    "national": Table({"figure_id": "code", "label_fr": "text", "value": "num?", "date": "text?", "unit": "text",
                       "year": "int", "geography": "text?", "source_id": "code", "official_source_id": "code?",
                       "note": "text?"},
                      key=("figure_id",), refs={"source_id": "sources.source_id",
                                                "official_source_id": "sources.source_id"}),
    "regions": Table({"reg_code": "code", "reg_name": "text", "zone": "text", "qpv_count": "int",
                      "qpv_count_source_id": "code", "qpv_population": "int", "qpv_population_year": "int",
                      "qpv_population_source_id": "code", "population": "int?", "population_year": "int?",
                      "population_source_id": "code?", "note": "text?", "year_note": "text?", "qpv_share": "num?"},
                     key=("reg_code",), patterns={"reg_code": REG_CODE},
                     refs={"qpv_count_source_id": "sources.source_id", "qpv_population_source_id": "sources.source_id",
                           "population_source_id": "sources.source_id"}),
    "departements": Table({"dep_code": "code", "dep_name": "text", "reg_code": "code", "qpv_count": "int?",
                           "qpv_count_source_id": "code?", "qpv_population": "int",
                           "qpv_population_year": "int", "qpv_population_source_id": "code", "population": "int",
                           "population_year": "int", "population_source_id": "code", "note": "text?",
                           "year_note": "text?", "qpv_share": "num"},
                          key=("dep_code",), patterns={"dep_code": DEP_CODE},
                          refs={"reg_code": "regions.reg_code", "qpv_count_source_id": "sources.source_id",
                                "qpv_population_source_id": "sources.source_id",
                                "population_source_id": "sources.source_id"}),
    "contrats_de_ville": Table({"code_cv": "code", "dep_code": "code", "reg_code": "code", "cv_name": "text",
                                "siren": "code", "qpv_population": "int", "qpv_population_year": "int",
                                "qpv_population_source_id": "code", "lon": "num", "lat": "num"},
                               key=("code_cv", "dep_code"), patterns={"dep_code": DEP_CODE},
                               refs={"reg_code": "regions.reg_code", "qpv_population_source_id": "sources.source_id"}),
    "pilots": Table({"pilot_id": "code", "name": "text", "official_name": "text", "structure_type": "text",
                     "codes": "code", "dep_codes": "code", "reg_code": "code", "qpv_count": "int?",
                     "qpv_count_source_id": "code?", "qpv_population": "int?", "qpv_population_year": "int?",
                     "qpv_population_source_id": "code?", "coverage": "code", "population": "int",
                     "population_year": "int", "population_source_id": "code", "n_communes": "int",
                     "launch_date": "text", "launch_source_id": "code", "lon": "num", "lat": "num", "note": "text?"},
                    key=("pilot_id",), patterns={"coverage": r"^(exact|summed|partial|superset)$"},
                    refs={"reg_code": "regions.reg_code", "qpv_count_source_id": "sources.source_id",
                          "qpv_population_source_id": "sources.source_id", "population_source_id": "sources.source_id",
                          "launch_source_id": "sources.source_id"}),
    "pilot_contrats_de_ville": Table({"pilot_id": "code", "code_cv": "code", "dep_code": "code",
                                      "cv_qpv_population": "int", "qpv_population_year": "int", "coverage": "code",
                                      "note": "text?", "source_id": "code"},
                                     key=("pilot_id", "code_cv", "dep_code"),
                                     patterns={"coverage": r"^(exact|partial|superset)$"},
                                     refs={"pilot_id": "pilots.pilot_id", "code_cv": "contrats_de_ville.code_cv",
                                           "source_id": "sources.source_id"}),
    "priorities": Table({"priority_id": "code", "label_fr": "text", "note": "text?", "source_id": "code"},
                        key=("priority_id",), refs={"source_id": "sources.source_id"}),
    "axes": Table({"axis_id": "code", "label_fr": "text", "content_fr": "text", "source_id": "code"},
                  key=("axis_id",), refs={"source_id": "sources.source_id"}),
    "budget_lines": Table({"line_id": "code", "parent_id": "code?", "label_fr": "text", "amount_meur": "num?",
                           "kind": "code", "axis": "code?", "period": "text", "overlaps_siblings": "bool",
                           "note": "text?", "source_id": "code"},
                          key=("line_id",), patterns={"kind": r"^(announced|executed)$"},
                          refs={"parent_id": "budget_lines.line_id", "axis": "axes.axis_id",
                                "source_id": "sources.source_id"}),
    "credits": Table({"year": "int", "scheme": "code", "code_cv": "code?", "dep_code": "code?", "reg_code": "code?",
                      "cv_note": "text?", "posts": "int", "amount_eur": "num", "source_id": "code"},
                     key=("year", "scheme", "code_cv", "dep_code", "reg_code", "cv_note"),
                     patterns={"scheme": r"^(adultes-relais|fonjep)$"},
                     refs={"code_cv": "contrats_de_ville.code_cv", "reg_code": "regions.reg_code",
                           "source_id": "sources.source_id"}),
    "qpv_occitanie": Table({"code_qp": "code", "dep_code": "code", "nom_qp": "text", "commune": "text",
                            "pop_mun": "int", "source_id": "code"},
                           key=("code_qp",), refs={"dep_code": "departements.dep_code",
                                                   "source_id": "sources.source_id"}),
    "qpv_indicators": Table({"column": "code", "description": "text", "value_type": "text", "example": "text?"},
                            key=("column",)),
    "programmes": Table({"programme": "code", "priority_id": "code?", "rationale": "text", "source_id": "code?"},
                        key=("programme",), refs={"priority_id": "priorities.priority_id",
                                                  "source_id": "sources.source_id"}),
    "pilot_programmes": Table({"pilot_id": "code", "programme": "code", "priority_id": "code?",
                               "n_sites_in_pilot": "int", "unit": "text", "vintage": "text", "source_file": "text",
                               "detail": "text?"},
                              key=("pilot_id", "programme", "vintage"),
                              refs={"pilot_id": "pilots.pilot_id", "programme": "programmes.programme",
                                    "priority_id": "priorities.priority_id"}),
    "pilot_actions": Table({"pilot_id": "code", "fact_en": "text", "date": "text", "source_id": "code"},
                           key=("pilot_id", "fact_en"),
                           refs={"pilot_id": "pilots.pilot_id", "source_id": "sources.source_id"}),
    "qpv2024_regions": Table({"reg_code": "code", "name": "text", "qpv_count": "int?", "qpv_population": "int?",
                              "population_year": "int?", "source_id": "code?", "note": "text?"},
                             key=("reg_code",), refs={"reg_code": "regions.reg_code",
                                                      "source_id": "sources.source_id"}),
    "qpv2024_departements": Table({"dep_code": "code", "name": "text", "qpv_count": "int?", "qpv_population": "int?",
                                   "population_year": "int?", "source_id": "code?", "note": "text?"},
                                  key=("dep_code",), refs={"dep_code": "departements.dep_code",
                                                           "source_id": "sources.source_id"}),
    "qpv2015": Table({"code_qp": "code", "name": "text?", "dep_code": "code", "reg_code": "code",
                      "commune_code": "code?", "commune_codes": "code?", "commune_names": "text?",
                      "communes_method": "code", "pop_2013": "int", "pop_2018": "int",
                      "population_source_id": "code", "list_source_id": "code"},
                     key=("code_qp",), patterns={"code_qp": QP2015_CODE, "dep_code": DEP_CODE,
                                                 "communes_method": QP2015_METHODS},
                     refs={"reg_code": "regions.reg_code", "population_source_id": "sources.source_id",
                           "list_source_id": "sources.source_id"}),
    "qpv2015_communes": Table({"code_qp": "code", "commune_code": "code?", "commune_name": "text?",
                               "match": "code"},
                              key=("code_qp", "commune_code", "commune_name"),
                              patterns={"match": r"^(name_in_departement|first_commune_code"
                                                 r"|arrondissement_of_commune|unresolved)$"},
                              refs={"code_qp": "qpv2015.code_qp"}),
    "qpv2015_indicators": Table({"code_qp": "code", "indicator": "code", "year": "int", "value": "num",
                                 "source_id": "code"},
                                key=("code_qp", "indicator", "year"),
                                refs={"code_qp": "qpv2015.code_qp", "source_id": "sources.source_id"}),
    "qpv2015_points": Table({"code_qp": "code", "lon": "num?", "lat": "num?", "precision": "code",
                             "code_qp_2024": "code?", "source_id": "code"},
                            key=("code_qp",), patterns={"precision": r"^(outline_2024|commune|none)$"},
                            refs={"code_qp": "qpv2015.code_qp", "source_id": "sources.source_id"}),
    "qpv2024": Table({"code_qp": "code", "name": "text", "dep_code": "code", "reg_code": "code",
                      "commune_codes": "code", "commune_names": "text", "epci_sirens": "code?", "epci_names": "text?",
                      "pop_2020": "int", "taux_emploi": "num?", "taux_pauvrete": "num?", "source_id": "code"},
                     key=("code_qp",), patterns={"dep_code": DEP_CODE},
                     refs={"reg_code": "regions.reg_code", "source_id": "sources.source_id"}),
    "pilot_qpv": Table({"pilot_id": "code", "code_qp": "code", "membership": "code", "communes_inside": "text",
                        "communes_outside": "text?", "unidentified": "int", "source_id": "code"},
                       key=("pilot_id", "code_qp"), patterns={"membership": r"^(whole|partial)$"},
                       refs={"pilot_id": "pilots.pilot_id", "code_qp": "qpv2015.code_qp",
                             "source_id": "sources.source_id"}),
}

GEO_FILES = ("departements", "inset_frames", "qpv_occitanie", "qpv2024")

# The contract between build and app: geometry feature keys that must match a table.
GEO_KEYS = {"departements": ("dep_code", "departements.dep_code"),
            "qpv_occitanie": ("code_qp", "qpv_occitanie.code_qp"), "qpv2024": ("code_qp", "qpv2024.code_qp")}

# Written by the build beside the tables: {"files": {file name: {"rows": n, "sha256": hex}}}, checked on load.
MANIFEST = "MANIFEST.json"
