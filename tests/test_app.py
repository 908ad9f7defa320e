"""AppTest runs every page, with and without filters, with no exception; filters <-> URL."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

PAGES = ["views/accueil.py", "views/territoires.py", "views/pilotes.py", "views/budget.py",
         "views/presentation.py", "views/sources.py"]
FILTERS = [{}, {"region": ["11"]}, {"departement": ["34"]}, {"pilote": ["est-ensemble"]},
           {"priorite": ["transition-numerique"]}, {"region": ["76"], "pilote": ["toulouse", "montpellier"]}]


def app(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, values in (query or {}).items():
        at.query_params[key] = values
    return at


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("query", FILTERS, ids=lambda q: "&".join(f"{k}={'+'.join(v)}" for k, v in q.items()) or "none")
def test_page_runs_without_exception(page, query):
    at = app(query).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert at.title, "every page has a title"


def test_region_filter_gives_ile_de_france_figures():
    at = app({"region": ["11"]}).run()
    values = {m.label: m.value for m in at.metric}
    assert values["QPV (liste 2015)"] == "272"
    assert values["Habitants des QPV"] == "1\u202f570\u202f338"


def test_national_view_figures():
    at = app().run()
    values = {m.label: m.value for m in at.metric}
    assert values["QPV (liste 2015)"] == "1\u202f514"
    assert values["Habitants des QPV"] == "5,4\u202fM"
    assert values["Part en QPV"] == "8\u202f%"
    assert values["Territoires pilotes"] == "14"
    assert values["Plan 2021 (national)"] == "3,3\u202fMd€"


def test_changing_a_widget_updates_the_query_parameters():
    at = app().run()
    at.sidebar.multiselect(key="f_region").set_value(["76"]).run()
    assert at.query_params.get("region") == ["76"] or at.query_params.get("region") == "76"
    values = {m.label: m.value for m in at.metric}
    assert values["QPV (liste 2015)"] == "105"
    at.sidebar.multiselect(key="f_region").set_value([]).run()
    assert "region" not in at.query_params


def test_unknown_code_gives_a_notice_not_an_error():
    at = app({"region": ["99", "11"], "pilote": ["<script>alert(1)</script>"]}).run()
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "99" in warnings and "région" in warnings
    assert "<script>" not in warnings
    assert {m.label: m.value for m in at.metric}["QPV (liste 2015)"] == "272"


def test_filters_survive_a_page_change():
    at = app({"region": ["11"]}).run()
    at.switch_page("views/sources.py").run()
    at.switch_page("views/accueil.py").run()
    assert {m.label: m.value for m in at.metric}["QPV (liste 2015)"] == "272"
    assert at.query_params.get("region") in (["11"], "11")
