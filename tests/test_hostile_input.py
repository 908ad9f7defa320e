"""Hostile links and broken data folders give a correct page with a French notice, never a traceback."""
from __future__ import annotations

import re
import shutil

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from quartiers.filters import PARAMS, quote
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


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def _outside_code_spans(markdown: str) -> str:
    return re.sub(r"(`+)(.+?)\1", " ", markdown, flags=re.S)


# Markdown links planted in every parameter: bare URLs, `www.` hosts and e-mail addresses become <a> in Markdown
HOST = "evil.example"
PLANTED = ["https://evil.example/x", "www.evil.example", "agent@evil.example", "<http://evil.example>",
           "[ici](http://evil.example)"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("param", PARAMS)
def test_planted_link_is_never_rendered_as_a_link(page, param):
    at = app({param: PLANTED}).switch_page(page).run()  # the link opens this page
    assert not at.exception
    shown = []
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or HOST not in str(proto):
            continue
        assert node.type in ("warning", "text"), f"a value of the link reaches a {node.type}: {str(proto)[:300]}"
        if node.type == "warning":  # Markdown: the value must sit inside a code span
            assert HOST not in _outside_code_spans(proto.body), proto.body
        shown.append(node)
    assert shown, "the rejected values are announced"


def test_cache_clear_message_keeps_the_dataset():
    """Any client can ask Streamlit to clear its caches for everybody: the dataset and the cards live outside."""
    from components import state

    at = app({"region": ["76"]}).run()
    assert not at.exception
    loaded, cards = state._loaded["result"], len(state._memo)
    assert cards > 0
    st.cache_data.clear()
    st.cache_resource.clear()  # what the « clear cache » websocket message does
    assert state._loaded["result"] is loaded and len(state._memo) == cards
    at.run()
    assert not at.exception and state._loaded["result"] is loaded


BREAKAGES = {
    "missing": ("regions.csv", lambda p: p.unlink()),
    "empty": ("regions.csv", lambda p: p.write_text("")),
    "truncated": ("regions.csv", lambda p: p.write_bytes(p.read_bytes()[:200])),
    "wrong_type": ("regions.csv", lambda p: p.write_text(p.read_text().replace(",272,", ",deux cent soixante-douze,"))),
    "directory": ("pilots.csv", lambda p: (p.unlink(), p.mkdir())),
    "null_properties": ("qpv_occitanie.geojson",
                        lambda p: p.write_text(p.read_text().replace('"properties":{', '"properties":null,"x":{', 1))),
    "feature_not_an_object": ("departements.geojson",
                              lambda p: p.write_text(p.read_text().replace('"features":[', '"features":[42,', 1))),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_broken_data_folder_gives_a_french_page_then_heals(tmp_path, monkeypatch, breakage):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    name, breaks = BREAKAGES[breakage]
    breaks(folder / name)
    monkeypatch.setenv("QP_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert "Les données du tableau de bord ne peuvent pas être chargées" in at.error[0].value
    message = at.text[0].value
    assert name in message and "quartiers.build" in message
    assert "Traceback" not in message and str(tmp_path) not in message
    # the same session, after the folder is repaired: the data is reloaded, no restart
    target = folder / name
    if target.is_dir():
        target.rmdir()
    shutil.copy(DATA / name, target)
    at.run()
    assert not at.exception and not at.error
    assert at.metric


@pytest.mark.parametrize("raw, index, notice", [
    ([], 0, False), (["3"], 2, False), (["7"], 6, False), (["0"], 0, True), (["8"], 0, True), (["-1"], 0, True),
    (["2.5"], 0, True), (["３"], 0, True), (["<script>alert(1)</script>"], 0, True), (["9" * 400], 0, True)])
def test_slide_number_from_a_link_is_validated(raw, index, notice):
    from quartiers.filters import parse_slide
    got, notices = parse_slide(raw, 7)
    assert got == index and bool(notices) == notice
    assert all("<" not in n and len(n) < 200 for n in notices)
