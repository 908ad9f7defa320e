"""A corrupted copy of each table gives a French error naming the file, the column or row, and what is expected."""
from __future__ import annotations

import shutil

import pytest

from quartiers.data import DataError, load_dataset
from quartiers.schema import TABLES
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


@pytest.mark.parametrize("name", sorted(TABLES))
def test_missing_file(copy, name):
    (copy / f"{name}.csv").unlink()
    with pytest.raises(DataError, match=rf"{name}\.csv.*introuvable"):
        load_dataset(copy)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_empty_file(copy, name):
    (copy / f"{name}.csv").write_text("", encoding="utf-8")
    with pytest.raises(DataError, match=rf"{name}\.csv.*vide"):
        load_dataset(copy)


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


@pytest.mark.parametrize("name", sorted(TABLES))
def test_duplicate_key(copy, name):
    _rewrite(copy / f"{name}.csv", lambda lines: lines + [lines[1]])
    with pytest.raises(DataError, match=rf"{name}\.csv.*en double"):
        load_dataset(copy)


def test_truncated_file(copy):
    path = copy / "regions.csv"
    path.write_bytes(path.read_bytes()[:300])  # cut in the middle of a row
    with pytest.raises(DataError, match=r"regions\.csv"):
        load_dataset(copy)


def test_unresolved_reference(copy):
    _rewrite(copy / "departements.csv", lambda lines: [lines[0], lines[1].replace(",84,", ",99,", 1)] + lines[2:])
    with pytest.raises(DataError, match=r"departements\.csv.*« 99 ».*regions\.csv"):
        load_dataset(copy)


def test_missing_geometry(copy):
    (copy / "departements.geojson").unlink()
    with pytest.raises(DataError, match=r"departements\.geojson.*introuvable"):
        load_dataset(copy)


def test_broken_geometry(copy):
    (copy / "qpv_occitanie.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(DataError, match=r"qpv_occitanie\.geojson.*illisible"):
        load_dataset(copy)


def test_data_folder_from_environment(copy, monkeypatch):
    from quartiers.data import data_dir
    monkeypatch.setenv("QP_DATA_DIR", str(copy))
    assert data_dir() == copy
    monkeypatch.delenv("QP_DATA_DIR")
    assert data_dir() == DATA
