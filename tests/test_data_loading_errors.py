"""A corrupted copy of each table gives a French error naming the file, the column or row, and what is expected."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from quartiers.data import DataError, file_record, load_dataset
from quartiers.schema import GEO_FILES, MANIFEST, TABLES
from tests.conftest import DATA


@pytest.fixture()
def copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _first_numeric(name):
    return next(c for c, kind in TABLES[name].columns.items() if kind in ("int", "num"))


def _rewrite(path, transform):
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(transform(lines)) + "\n", encoding="utf-8")


CSV_FILES = [f"{name}.csv" for name in sorted(TABLES)]
GEO = [f"{name}.geojson" for name in GEO_FILES]


def _latin1(path):
    text = path.read_text(encoding="utf-8")
    at = text.index("\n") + 1 if path.suffix == ".csv" else text.index('"') + 1
    path.write_bytes((text[:at] + "é" + text[at:]).encode("latin-1", errors="replace"))


def _as_directory(path):
    path.unlink()
    (path / "inside").mkdir(parents=True)


def _geo_edit(edit):
    def apply(path):
        geo = json.loads(path.read_text(encoding="utf-8"))
        edit(geo["features"])
        path.write_text(json.dumps(geo), encoding="utf-8")
    return apply


def _bad_coordinates(features):
    features[1]["geometry"]["coordinates"] = [[["x", 43.6], [1.4, 43.6], [1.4, 43.7]]]


def _out_of_range(features):
    features[0]["geometry"]["coordinates"] = [[[999.0, 43.6], [1.4, 43.6], [1.4, 43.7], [999.0, 43.6]]]


# breakage -> (how to break a file, what the message says); every file of data/ is tried with each that applies
BREAKAGES = {
    "missing": (lambda p: p.unlink(), "introuvable"),
    "empty": (lambda p: p.write_bytes(b""), "vide"),
    "blank": (lambda p: p.write_bytes(b"\n \n"), "vide"),
    "truncated": (lambda p: p.write_bytes(p.read_bytes()[:len(p.read_bytes()) // 2]), ""),
    "latin1": (_latin1, "UTF-8"),
    "directory": (_as_directory, "dossier"),
    "binary": (lambda p: p.write_bytes(b"\x00\xff\x89PNG\r\n\x1a\n" * 10), "UTF-8"),
}
CSV_BREAKAGES = {
    "duplicate_row": (lambda p: _rewrite(p, lambda lines: lines + [lines[1]]), "en double"),
    "last_row_dropped": (lambda p: _rewrite(p, lambda lines: lines[:-1]), "lignes de données au lieu de"),
    "header_only": (lambda p: _rewrite(p, lambda lines: lines[:1]), "aucune ligne"),
    "extra_field": (lambda p: _rewrite(p, lambda lines: [lines[0], lines[1] + ",x,y,z"] + lines[2:]),
                    "ligne 2, .* champs au lieu des"),
}
GEO_BREAKAGES = {
    "not_a_collection": (lambda p: p.write_text("[1, 2]"), "features"),
    "features_not_a_list": (lambda p: p.write_text('{"type": "FeatureCollection", "features": {}}'), "features"),
    "no_features": (lambda p: p.write_text('{"type": "FeatureCollection", "features": []}'), "features"),
    "null_feature": (_geo_edit(lambda f: f.insert(0, None)), "n°1 .* n'est pas un objet"),
    "feature_not_an_object": (_geo_edit(lambda f: f.insert(2, 42)), "n°3 .* n'est pas un objet"),
    "properties_null": (_geo_edit(lambda f: f[0].update(properties=None)), "n°1 .*properties"),
    "geometry_null": (_geo_edit(lambda f: f[0].update(geometry=None)), "n°1 .*géométrie"),
    "geometry_a_point": (_geo_edit(lambda f: f[0].update(geometry={"type": "Point", "coordinates": [1, 2]})),
                         "n°1 .*géométrie"),
    "garbage_coordinates": (_geo_edit(_bad_coordinates), "n°2 .*coordonnées invalides"),
    "empty_coordinates": (_geo_edit(lambda f: f[0]["geometry"].update(coordinates=[])), "n°1 .*coordonnées"),
    "out_of_range": (_geo_edit(_out_of_range), "n°1 .*coordonnées"),
    "duplicate_feature": (_geo_edit(lambda f: f.append(f[0])), "éléments au lieu de"),
}
MATRIX = ([(f, b) for f in CSV_FILES + GEO for b in BREAKAGES] + [(f, b) for f in CSV_FILES for b in CSV_BREAKAGES]
          + [(f, b) for f in GEO for b in GEO_BREAKAGES])


@pytest.mark.parametrize(("file", "breakage"), MATRIX)
def test_broken_file_is_named_in_french(copy, file, breakage):
    breaks, says = (BREAKAGES | CSV_BREAKAGES | GEO_BREAKAGES)[breakage]
    breaks(copy / file)
    with pytest.raises(DataError) as error:
        load_dataset(copy)
    message = str(error.value)
    assert re.search(rf"« {re.escape(file)} » : .*{says}", message), message
    assert "Reconstruisez les données" in message  # what to do
    assert str(copy.parent) not in message and "/tmp" not in message  # no server path


@pytest.mark.parametrize("name", sorted(TABLES))
def test_missing_column(copy, name):
    import pandas as pd
    path = copy / f"{name}.csv"
    column = list(TABLES[name].columns)[-1]
    pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns=[column]).to_csv(path, index=False)
    with pytest.raises(DataError, match=rf"{name}\.csv.*colonne\(s\) manquante\(s\) : {column}"):
        load_dataset(copy)


@pytest.mark.parametrize("name", sorted(n for n, t in TABLES.items()
                                        if any(k in ("int", "num") for k in t.columns.values())))
def test_text_in_a_number_column(copy, name):
    import pandas as pd
    path = copy / f"{name}.csv"
    column = _first_numeric(name)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[0, column] = "douze"
    df.to_csv(path, index=False)
    with pytest.raises(DataError, match=rf"{name}\.csv.*colonne « {column} », ligne 2 : « douze ».*nombre"):
        load_dataset(copy)


def _resign(folder):
    """The manifest rewritten for the files as they are now: what a build with a bug would write."""
    records = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    for name, record in records["files"].items():
        record.update(file_record((folder / name).read_bytes(), record["rows"]))
    (folder / MANIFEST).write_text(json.dumps(records), encoding="utf-8")


def test_unresolved_reference(copy):
    _rewrite(copy / "departements.csv", lambda lines: [lines[0], lines[1].replace(",84,", ",99,", 1)] + lines[2:])
    _resign(copy)
    with pytest.raises(DataError, match=r"departements\.csv.*« 99 ».*regions\.csv"):
        load_dataset(copy)


def test_file_cut_inside_an_optional_last_column_is_named(copy):
    """Cut in the middle of a row's last, optional column, the file still parses: the manifest's count names it."""
    path = copy / "pilot_programmes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    expected = len(lines) - 1
    cut = "\n".join(lines[:119]) + "\n" + lines[119].rsplit(",", 1)[0] + ","
    path.write_text(cut, encoding="utf-8")
    with pytest.raises(DataError, match=rf"« pilot_programmes\.csv » : 119 lignes de données au lieu de {expected}"):
        load_dataset(copy)


def test_hand_edited_cell_is_named(copy):
    """A change that keeps every type right (a number edited by hand) differs from the manifest's checksum."""
    _rewrite(copy / "regions.csv", lambda lines: [lines[0], lines[1].replace(",", ",1", 1)] + lines[2:])
    with pytest.raises(DataError, match=r"« regions\.csv » : le contenu diffère .*SHA-256"):
        load_dataset(copy)


def test_missing_or_broken_manifest_is_named(copy):
    manifest = copy / MANIFEST
    manifest.write_text('{"files": {"regions.csv": "oops"}}', encoding="utf-8")
    with pytest.raises(DataError, match=r"« MANIFEST\.json » : le manifeste est illisible"):
        load_dataset(copy)
    manifest.unlink()
    with pytest.raises(DataError, match=r"« MANIFEST\.json » : le fichier est introuvable"):
        load_dataset(copy)


def test_file_unknown_to_the_manifest_is_named(copy):
    manifest = copy / MANIFEST
    records = json.loads(manifest.read_text(encoding="utf-8"))
    del records["files"]["axes.csv"]
    manifest.write_text(json.dumps(records), encoding="utf-8")
    with pytest.raises(DataError, match=r"« axes\.csv » : le fichier n'est pas dans MANIFEST\.json"):
        load_dataset(copy)


def test_missing_folder_is_named_without_its_path(tmp_path):
    with pytest.raises(DataError) as error:
        load_dataset(tmp_path / "nulle-part")
    assert "Dossier de données « nulle-part » : le dossier est introuvable" in str(error.value)
    assert str(tmp_path) not in str(error.value)


def test_data_folder_from_environment(copy, monkeypatch):
    from quartiers.data import data_dir
    monkeypatch.setenv("QP_DATA_DIR", str(copy))
    assert data_dir() == copy
    monkeypatch.delenv("QP_DATA_DIR")
    assert data_dir() == DATA
