"""Hostile links and broken data folders give a correct page with a French notice, never a traceback."""
from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from quartiers.filters import quote
from tests.conftest import DATA, ROOT

PAGES = ["views/accueil.py", "views/territoires.py", "views/pilotes.py", "views/budget.py",
         "views/presentation.py", "views/sources.py"]
HOSTILE = {
    "long": {"region": ["1" * 10_000]},
    "html": {"pilote": ['<img src=x onerror="alert(1)">'], "departement": ["<b>93</b>"]},
    "script": {"priorite": ["<script>alert('x')</script>"]},
    "markdown": {"region": ["[clic](http://example.com)", "**gras**"]},
    "repeated": {"region": ["11"] * 50 + ["76"]},
    "control": {"departement": ["93\x00\x1b[31m", "\u202e34"]},
    # invalid UTF-8 in a link reaches the app as replacement characters (the raw bytes: see the browser tests)
    "unicode": {"pilote": ["\ufffd\ufffd", "é" * 300]},
}


def app(query: dict) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, values in query.items():
        at.query_params[key] = values
    return at


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_link_gives_a_page_with_a_notice(name):
    at = app(HOSTILE[name]).run()
    assert not at.exception
    assert at.title
    notices = [w.value for w in at.warning]
    if name != "repeated":
        assert notices, "a rejected value is announced"
    for text in notices:
        assert "<" not in text and ">" not in text and "](" not in text
        assert len(text) < 400, "a notice quotes only the start of a long value"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_survives_a_hostile_link(page):
    at = app(HOSTILE["html"] | HOSTILE["long"]).run()
    at.switch_page(page).run()
    assert not at.exception


def test_repeated_values_are_kept_once():
    at = app(HOSTILE["repeated"]).run()
    assert at.session_state["f_region"] == ["11"]  # only the first 30 values are read; duplicates dropped
    assert any("30 premières valeurs" in w.value for w in at.warning)


def test_quote_strips_markup_and_cuts():
    assert quote("<script>alert(1)</script>") == "« scriptalert1/script »"
    assert quote("x" * 100) == "« " + "x" * 24 + "… »"
    assert quote("\x00\x01") == "(valeur illisible)"


@pytest.mark.parametrize("breakage", ["missing", "empty", "truncated", "wrong_type"])
def test_broken_data_folder_gives_a_french_page(tmp_path, monkeypatch, breakage):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    target = folder / "regions.csv"
    if breakage == "missing":
        target.unlink()
    elif breakage == "empty":
        target.write_text("")
    elif breakage == "truncated":
        target.write_bytes(target.read_bytes()[:200])
    else:
        target.write_text(target.read_text().replace(",272,", ",deux cent soixante-douze,"))
    monkeypatch.setenv("QP_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    message = at.error[0].value
    assert "Les données du tableau de bord ne peuvent pas être chargées" in message
    assert "regions.csv" in message and "quartiers.build" in message
    assert "Traceback" not in message


@pytest.mark.parametrize("raw, index, notice", [
    ([], 0, False), (["3"], 2, False), (["7"], 6, False), (["0"], 0, True), (["8"], 0, True), (["-1"], 0, True),
    (["2.5"], 0, True), (["３"], 0, True), (["<script>alert(1)</script>"], 0, True), (["9" * 400], 0, True)])
def test_slide_number_from_a_link_is_validated(raw, index, notice):
    from quartiers.filters import parse_slide
    got, notices = parse_slide(raw, 7)
    assert got == index and bool(notices) == notice
    assert all("<" not in n and len(n) < 200 for n in notices)
