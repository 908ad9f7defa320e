"""The build command is deterministic and the committed data/ is what it produces from ../shared/data."""
from __future__ import annotations

import filecmp

import pytest

from quartiers.build import main
from tests.conftest import DATA, SHARED

pytestmark = pytest.mark.skipif(not (SHARED / "raw").is_dir(), reason="../shared/data is not beside the project")


def test_rebuild_equals_committed_data(tmp_path):
    assert main(["--source", str(SHARED), "--out", str(tmp_path)]) == 0
    built = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in DATA.iterdir())
    assert built == committed
    _, mismatch, errors = filecmp.cmpfiles(tmp_path, DATA, built, shallow=False)
    assert mismatch == [] and errors == []


def test_missing_source_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["--source", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    assert "Source folder not found" in capsys.readouterr().err
