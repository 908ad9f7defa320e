"""Load and validate the tables of data/: one call, all tables typed, keys unique, references resolved.

A missing or malformed file raises DataError, whose message (in French, for the person who opens the dashboard)
names the file, the column or row, and what was expected.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from quartiers.schema import GEO_FILES, GEO_KEYS, TABLES, Table

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1] / "data"
KIND_DTYPES = {"text": "str", "text?": "str", "code": "str", "code?": "str", "int": "int64", "int?": "Int64",
               "num": "float64", "num?": "Float64", "bool": "bool"}
EXPECTED_FR = {"int": "un nombre entier", "int?": "un nombre entier ou une case vide", "num": "un nombre",
               "num?": "un nombre ou une case vide", "bool": "True ou False", "text": "un texte non vide",
               "code": "un code non vide"}
CHECK_FR = {"str_matches": "un code au format attendu"}


class DataError(Exception):
    """A data file is missing or malformed. str(error) is a French message saying what and what to do."""

    def __init__(self, path: Path, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"Fichier de données {path.name} ({path}) : {problem}. "
                         "Reconstruisez les données avec « python -m quartiers.build » ou restaurez le fichier "
                         "depuis le dépôt.")


@dataclass(frozen=True)
class Dataset:
    """Every table of data/, validated. Geometry as GeoJSON dicts."""

    sources: pd.DataFrame
    national: pd.DataFrame
    regions: pd.DataFrame
    departements: pd.DataFrame
    contrats_de_ville: pd.DataFrame
    pilots: pd.DataFrame
    pilot_contrats_de_ville: pd.DataFrame
    priorities: pd.DataFrame
    axes: pd.DataFrame
    budget_lines: pd.DataFrame
    credits: pd.DataFrame
    qpv_occitanie: pd.DataFrame
    qpv_indicators: pd.DataFrame
    programmes: pd.DataFrame
    pilot_programmes: pd.DataFrame
    pilot_actions: pd.DataFrame
    qpv2024_regions: pd.DataFrame
    qpv2024_departements: pd.DataFrame
    qpv2015: pd.DataFrame  # the 1 514 QPV of the 2015 list (empty name: « nom non disponible »)
    qpv2015_communes: pd.DataFrame
    qpv2015_indicators: pd.DataFrame  # long form; labels in quartiers.build_qpv.INDICATOR_LABELS
    qpv2024: pd.DataFrame  # the 2024 list (population at 1 January 2020); never mixed with qpv2015
    qpv2015_points: pd.DataFrame  # approximate points, never for area statistics
    geo_departements: dict
    geo_inset_frames: dict
    geo_qpv_occitanie: dict

    def source(self, source_id: str) -> pd.Series | None:
        """The sources row for an id, or None for an empty or unknown id."""
        return self._source_index.get(source_id)

    @cached_property
    def _source_index(self) -> dict[str, pd.Series]:
        # pages look sources up hundreds of times a run: a dict, not a table scan each time
        return {row["source_id"]: row for _, row in self.sources.iterrows()}


def data_dir() -> Path:
    """The data folder: $QP_DATA_DIR, or the project's data/."""
    return Path(os.environ.get("QP_DATA_DIR") or DEFAULT_DATA_DIR)


def _pandera_schema(name: str, table: Table) -> pa.DataFrameSchema:
    columns = {}
    for col, kind in table.columns.items():
        checks = []
        if kind in ("text", "code"):
            checks.append(pa.Check.str_length(min_value=1))
        if col in table.patterns:
            checks.append(pa.Check.str_matches(table.patterns[col]))
        columns[col] = pa.Column(KIND_DTYPES[kind], checks=checks, nullable=kind.endswith("?") and
                                 kind.startswith(("int", "num")), coerce=True)
    return pa.DataFrameSchema(columns, unique=list(table.key), strict=False, name=name)


SCHEMAS = {name: _pandera_schema(name, table) for name, table in TABLES.items()}


def _read_csv(path: Path, table: Table) -> pd.DataFrame:
    if not path.exists():
        raise DataError(path, "le fichier est introuvable")
    if path.stat().st_size == 0:
        raise DataError(path, "le fichier est vide")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError:
        raise DataError(path, "le fichier n'est pas encodé en UTF-8") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError(path, f"le fichier n'est pas un CSV lisible ({exc})") from None
    missing = [c for c in table.columns if c not in df.columns]
    if missing:
        raise DataError(path, f"colonne(s) manquante(s) : {', '.join(missing)} (attendues : {', '.join(table.columns)})")
    if df.empty:
        raise DataError(path, "le fichier ne contient aucune ligne de données")
    for col, kind in table.columns.items():
        if kind.startswith(("int", "num")):
            df[col] = df[col].str.strip().replace("", pd.NA)
        elif kind == "bool":
            bad = ~df[col].isin(["True", "False"])
            if bad.any():
                _raise_cell(path, col, df.index[bad][0], df.loc[bad, col].iloc[0], "True ou False")
            df[col] = df[col] == "True"
    return df


def _raise_cell(path: Path, column: str, index, value, expected: str) -> None:
    line = int(index) + 2  # header is line 1
    shown = "une case vide" if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "" \
        else f"« {str(value)[:40]} »"
    raise DataError(path, f"colonne « {column} », ligne {line} : {shown} alors qu'il faut {expected}")


def _validate(path: Path, name: str, df: pd.DataFrame) -> pd.DataFrame:
    table = TABLES[name]
    try:
        return SCHEMAS[name].validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        first = cases.sort_values("index", na_position="last").iloc[0]
        column, check = first["column"], str(first["check"])
        if "uniqueness" in check:
            key = ", ".join(table.key)
            dup = df[df.duplicated(list(table.key), keep=False)]
            raise DataError(path, f"la clé ({key}) est en double, lignes "
                                  f"{', '.join(str(i + 2) for i in dup.index[:4])}") from None
        expected = EXPECTED_FR.get(table.columns.get(column, ""), "une valeur valide")
        if "str_matches" in check:
            expected = "un code au format attendu"
        _raise_cell(path, column, first["index"], first["failure_case"], expected)
        raise  # unreachable: _raise_cell always raises


def _read_geojson(path: Path) -> dict:
    if not path.exists():
        raise DataError(path, "le fichier est introuvable")
    try:
        geo = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError(path, f"le GeoJSON est illisible ({exc})") from None
    if not isinstance(geo, dict) or not isinstance(geo.get("features"), list) or not geo["features"]:
        raise DataError(path, "le GeoJSON ne contient pas de liste « features » non vide")
    return geo


def _check_refs(folder: Path, tables: dict[str, pd.DataFrame]) -> None:
    for name, table in TABLES.items():
        for col, target in table.refs.items():
            t_name, t_col = target.split(".")
            values = tables[name][col]
            bad = values[(values != "") & ~values.isin(set(tables[t_name][t_col]))]
            if len(bad):
                raise DataError(folder / f"{name}.csv", f"colonne « {col} », ligne {bad.index[0] + 2} : "
                                f"« {bad.iloc[0]} » ne correspond à aucune ligne de {t_name}.csv ({t_col})")


def _check_geo_keys(folder: Path, geo: dict[str, dict], tables: dict[str, pd.DataFrame]) -> None:
    com = set(tables["regions"].loc[tables["regions"]["zone"] == "com", "reg_code"])
    for name, (prop, target) in GEO_KEYS.items():
        t_name, t_col = target.split(".")
        known = set(tables[t_name][t_col]) | com
        for i, feature in enumerate(geo[name]["features"]):
            value = feature.get("properties", {}).get(prop)
            if value not in known:
                raise DataError(folder / f"{name}.geojson", f"l'élément n°{i + 1} a un code {prop} « {value} » "
                                                            f"inconnu de {t_name}.csv")


def load_dataset(folder: Path | None = None) -> Dataset:
    """Read and validate every table of the data folder (default: data_dir())."""
    folder = Path(folder) if folder is not None else data_dir()
    if not folder.is_dir():
        raise DataError(folder, "le dossier de données est introuvable (variable QP_DATA_DIR ?)")
    tables = {name: _validate(folder / f"{name}.csv", name, _read_csv(folder / f"{name}.csv", table))
              for name, table in TABLES.items()}
    _check_refs(folder, tables)
    geo = {name: _read_geojson(folder / f"{name}.geojson") for name in GEO_FILES}
    _check_geo_keys(folder, geo, tables)
    return Dataset(**tables, **{f"geo_{name}": g for name, g in geo.items()})
