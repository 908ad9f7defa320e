"""AppTest of /budget: runs with each filter, national lines unchanged by filters, credits following them."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import chart_count, open_page

NNBSP = "\u202f"
CHARTS = 7  # treemap, announced vs reported, overlapping lines, axes, credits by year, ranking, € per resident


def budget_page(query: dict[str, list[str]] | None = None) -> AppTest:
    return open_page("views/budget.py", query)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value.replace(NNBSP, " ") for m in at.metric}


@pytest.mark.parametrize("query, credits_2023, posts", [
    ({}, "132,6 M€", "6 894"),
    ({"region": ["76"]}, "10,0 M€", "533"),
    ({"departement": ["93"]}, "5,2 M€", "267"),
    ({"pilote": ["est-ensemble"]}, "1,3 M€", "73"),
    ({"pilote": ["roubaix"]}, "6,5 M€", "334"),
], ids=["none", "region=76", "departement=93", "pilote=est-ensemble", "pilote=roubaix"])
def test_page_runs_and_credits_follow_the_filters(query, credits_2023, posts):
    at = budget_page(query)
    values = metrics(at)
    assert values["Plan annoncé en 2021 pour les quartiers"] == "3,3 Md€"  # national: same under every filter
    assert values["Mobilisés selon le bilan de septembre 2021"] == "plus de 1,1 Md€"
    assert values["Entrepreneuriat Quartiers 2030"] == "456 M€"
    assert values["Crédits adultes-relais et FONJEP 2023"] == credits_2023
    assert values["Postes financés en 2023"] == posts
    assert chart_count(at) == CHARTS
    assert any("nationaux" in i.value for i in at.info)


def test_titles_state_findings_and_overlaps_are_flagged():
    at = budget_page()
    titles = " ".join(m.value for m in at.markdown)
    assert f"3,3{NNBSP}Md€ annoncés" in titles
    assert "sans les additionner" in titles
    captions = " ".join(c.value for c in at.caption)
    assert f"1{NNBSP}218{NNBSP}M€" in captions and "ne pas additionner" in captions
    assert "crédits 2023 / habitants QPV" in captions


def test_pilot_with_a_wider_contract_gets_a_warning():
    at = budget_page({"pilote": ["roubaix"]})
    assert any("couvre plus que le pilote" in w.value for w in at.warning)


def test_pilot_outside_the_region_says_so_without_error():
    at = budget_page({"region": ["76"], "pilote": ["est-ensemble"]})
    assert any("Aucun contrat de ville des pilotes choisis" in i.value for i in at.info)
    assert "Crédits adultes-relais et FONJEP 2023" not in metrics(at)
    assert chart_count(at) == 4  # the national charts only


def test_choosing_a_year_updates_the_credits():
    at = budget_page()
    at.segmented_control(key="budget_year").set_value(2020).run()
    assert not at.exception
    assert metrics(at)["Crédits adultes-relais et FONJEP 2020"] == "102,8 M€"
