"""Load and validate the tables of data/: one call, all tables typed, keys unique, references resolved.

A missing or malformed file raises DataError, whose message (in French, for the person who opens the dashboard)
names the file, the column or row, and what was expected. Every file is also checked against MANIFEST.json, written by
the build (rows and SHA-256 per file), so a file that was cut or edited by hand is named even when it still parses.
"""
from __future__ import annotations

import hashlib
import io
import json
import math
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from quartiers.memo import DERIVED_SIZE, Memo
from quartiers.schema import GEO_FILES, GEO_KEYS, MANIFEST, TABLES, Table

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1] / "data"
KIND_DTYPES = {"text": "str", "text?": "str", "code": "str", "code?": "str", "int": "int64", "int?": "Int64",
               "num": "float64", "num?": "Float64", "bool": "bool"}
EXPECTED_FR = {"int": "un nombre entier", "int?": "un nombre entier ou une case vide", "num": "un nombre",
               "num?": "un nombre ou une case vide", "bool": "True ou False", "text": "un texte non vide",
               "code": "un code non vide"}
CHECK_FR = {"str_matches": "un code au format attendu"}


class DataError(Exception):
    """A data file is missing or malformed. str(error) is a French message saying what and what to do; it names the
    file, never its absolute path (visitors see the message; the path is in .path, for the server log)."""

    def __init__(self, path: Path, problem: str, *, folder: bool = False):
        self.path = path
        self.problem = problem
        what = "Dossier de données" if folder else "Fichier de données"
        super().__init__(f"{what} « {path.name} » : {problem}. "
                         "Reconstruisez les données avec « python -m quartiers.build » ou restaurez le fichier "
                         "depuis le dépôt ; puis rechargez la page (le serveur n'a pas à être redémarré).")


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
    pilot_qpv: pd.DataFrame  # pilot × 2015 QPV with at least one commune in the pilot; membership whole / partial
    qpv2015_points: pd.DataFrame  # approximate points, never for area statistics
    geo_departements: dict
    geo_inset_frames: dict
    geo_qpv_occitanie: dict
    geo_qpv2024: dict  # 2024 outlines, properties code_qp and dep_code

    def source(self, source_id: str) -> pd.Series | None:
        """The sources row for an id, or None for an empty or unknown id."""
        return self._source_index.get(source_id)

    @cached_property
    def derived(self) -> Memo:
        """Results computed from this dataset (quartiers.memo.per_dataset); not copied by dataclasses.replace."""
        return Memo(DERIVED_SIZE)

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


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; a missing, unreadable or empty file, or a folder in its place, is a DataError."""
    if not path.exists():
        raise DataError(path, "le fichier est introuvable")
    if not path.is_file():
        raise DataError(path, "un dossier (ou autre chose qu'un fichier) se trouve à la place du fichier")
    try:
        raw = path.read_bytes()
    except OSError as exc:  # str(exc) would show the server's path
        raise DataError(path, f"le fichier ne peut pas être lu ({exc.strerror})") from None
    if not raw.strip():
        raise DataError(path, "le fichier est vide")
    return raw


def _read_text(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(path, "le fichier n'est pas encodé en UTF-8 (enregistrez-le en UTF-8)") from None


def _read_csv(path: Path, raw: bytes, table: Table) -> pd.DataFrame:
    try:
        # header=None: a row longer than the header is an error, not silently turned into an index by pandas
        rows = pd.read_csv(io.StringIO(_read_text(path, raw)), header=None, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        fields = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        where = f" : ligne {fields[2]}, {fields[3]} champs au lieu des {fields[1]} de l'en-tête" if fields else ""
        raise DataError(path, f"le fichier n'est pas un CSV lisible{where}") from None
    df = rows.iloc[1:].set_axis(list(rows.iloc[0]), axis=1).reset_index(drop=True)
    missing = [c for c in table.columns if c not in df.columns]
    if missing:
        raise DataError(path, f"colonne(s) manquante(s) : {', '.join(missing)} "
                              f"(attendues : {', '.join(table.columns)})")
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


def _read_geojson(path: Path, raw: bytes) -> dict:
    try:
        geo = json.loads(_read_text(path, raw))
    except json.JSONDecodeError as exc:
        raise DataError(path, f"le GeoJSON est illisible (syntaxe JSON : ligne {exc.lineno}, colonne {exc.colno})") \
            from None
    except RecursionError:
        raise DataError(path, "le GeoJSON est illisible (imbrication trop profonde)") from None
    if not isinstance(geo, dict) or not isinstance(geo.get("features"), list) or not geo["features"]:
        raise DataError(path, "le GeoJSON ne contient pas de liste « features » non vide")
    for i, feature in enumerate(geo["features"]):
        problem = _feature_problem(feature)
        if problem:
            raise DataError(path, f"l'élément n°{i + 1} de « features » {problem}")
    return Shared(geo, features=[Shared(feature) for feature in geo["features"]])


class Shared(dict):
    """A dict of the loaded data that a deep copy gives back as it is. Outlines are read once and never modified
    (as all the dataset), but plotly deep-copies a figure's data when it builds the figure and when it sends it: a
    map's outlines cost 5-30 ms each time (the pilots' map: 18 -> 12 ms to build, 6,5 -> 0,7 ms to send). A subset
    of features (a new collection holding the same features) copies as a list of references."""

    def __deepcopy__(self, memo: dict) -> Shared:
        return self


POLYGON_DEPTH = {"Polygon": 3, "MultiPolygon": 4}  # nesting of the coordinate lists down to a [lon, lat] pair


def _feature_problem(feature) -> str | None:
    """Why a GeoJSON feature cannot be drawn (None if it can): the maps need properties and polygon outlines."""
    if not isinstance(feature, dict):
        return "n'est pas un objet GeoJSON"
    if not isinstance(feature.get("properties"), dict):
        return "n'a pas de « properties » (objet attendu)"
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in POLYGON_DEPTH:
        return "n'a pas de géométrie Polygon ou MultiPolygon"
    if not _coordinates_ok(geometry.get("coordinates"), POLYGON_DEPTH[geometry["type"]]):
        return "a des coordonnées invalides (listes de paires longitude, latitude attendues)"
    return None


def _coordinates_ok(value, depth: int) -> bool:
    if depth == 1:
        return (isinstance(value, list) and len(value) >= 2 and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in value)
            and -180 <= value[0] <= 180 and -90 <= value[1] <= 90)
    return isinstance(value, list) and bool(value) and all(_coordinates_ok(v, depth - 1) for v in value)


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
            value = feature["properties"].get(prop)
            if value not in known:
                raise DataError(folder / f"{name}.geojson", f"l'élément n°{i + 1} a un code {prop} « {value} » "
                                                            f"inconnu de {t_name}.csv")


def file_record(raw: bytes, rows: int) -> dict:
    """What the manifest keeps of a file: its number of rows (CSV) or features (GeoJSON) and its SHA-256."""
    return {"rows": rows, "sha256": hashlib.sha256(raw).hexdigest()}


def _read_manifest(folder: Path) -> dict[str, dict]:
    path = folder / MANIFEST
    try:
        manifest = json.loads(_read_text(path, _read_bytes(path)))["files"]
        if not all(isinstance(r, dict) and isinstance(r.get("rows"), int) and isinstance(r.get("sha256"), str)
                   for r in manifest.values()):
            raise TypeError
        return manifest
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
        raise DataError(path, "le manifeste est illisible (objet « files » : nom → rows, sha256 attendu)") from None


def _check_manifest(path: Path, raw: bytes, rows: int, manifest: dict[str, dict]) -> None:
    expected = manifest.get(path.name)
    if expected is None:
        raise DataError(path, f"le fichier n'est pas dans {MANIFEST} (il ne vient pas de la construction)")
    unit = "éléments" if path.suffix == ".geojson" else "lignes de données"
    if rows != expected["rows"]:
        raise DataError(path, f"{rows} {unit} au lieu de {expected['rows']} selon {MANIFEST}, écrit par la "
                              "construction (fichier tronqué ou modifié)")
    if file_record(raw, rows)["sha256"] != expected["sha256"]:
        raise DataError(path, f"le contenu diffère de celui écrit par la construction (empreinte SHA-256 de "
                              f"{MANIFEST}) : fichier tronqué ou modifié à la main")


def load_dataset(folder: Path | None = None) -> Dataset:
    """Read and validate every table of the data folder (default: data_dir())."""
    folder = Path(folder) if folder is not None else data_dir()
    if not folder.is_dir():
        raise DataError(folder, "le dossier est introuvable (variable QP_DATA_DIR ?)", folder=True)
    manifest = _read_manifest(folder)
    tables, geo, read = {}, {}, []
    for name, table in TABLES.items():
        path = folder / f"{name}.csv"
        raw = _read_bytes(path)
        tables[name] = _validate(path, name, _read_csv(path, raw, table))
        read.append((path, raw, len(tables[name])))
    for name in GEO_FILES:
        path = folder / f"{name}.geojson"
        raw = _read_bytes(path)
        geo[name] = _read_geojson(path, raw)
        read.append((path, raw, len(geo[name]["features"])))
    # after each file's own checks (they say more than « modified »), before the checks across files (a row cut
    # from one file would be reported as a broken reference in another)
    for path, raw, rows in read:
        _check_manifest(path, raw, rows, manifest)
    _check_refs(folder, tables)
    _check_geo_keys(folder, geo, tables)
    return Dataset(**tables, **{f"geo_{name}": g for name, g in geo.items()})
