"""AppTest of the Vue d'ensemble, Territoires and Sources pages, with and without filters."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, chart_count, open_data, open_page

NBSP = "\u202f"


def run(page: str, query: dict | None = None) -> AppTest:
    return open_page(page, query)


def titles(at: AppTest) -> list[str]:
    return [m.value.removeprefix("#### ") for m in at.markdown if m.value.startswith("#### ")]


def captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


# Tables of the Territoires page in page order (the data of a chart is drawn once its box is opened): the
# drill-down table, (Occitanie: the QPV table,) 2024 geography.
DRILL_TABLE, QPV_TABLE = 0, 1


@pytest.mark.parametrize("query, charts", [({}, 3), ({"region": ["76"]}, 3), ({"departement": ["34"]}, 3),
                                           ({"region": ["11", "76"]}, 3)])
def test_home_page_charts(query, charts):
    at = run("views/accueil.py", query)
    assert chart_count(at) == charts
    assert len(at.metric) == 5


def test_home_page_national():
    at = run("views/accueil.py")
    found = titles(at)
    assert (f"Île-de-France : 29{NBSP}% des habitants des QPV, 1re des 18 régions et 2 collectivités d'outre-mer"
            in found)
    assert any(t.startswith(f"3,3{NBSP}Md€ annoncés") for t in found)
    assert "Aucun filtre appliqué : vue nationale." in captions(at)
    assert "il ne change pas avec le territoire choisi" in captions(at)
    pilots = at.dataframe[-1].value
    assert len(pilots) == 14
    assert pilots.set_index("Territoire pilote").at["Roubaix", "Habitants des QPV (2018)"] == "non disponible"
    assert pilots["Fiche"].str.startswith("pilotes?pilote=").all()


def test_home_page_follows_the_region_filter():
    at = run("views/accueil.py", {"region": ["76"]})
    assert "Filtres appliqués — région : Occitanie" in captions(at)
    assert (f"Sélection — Occitanie : 7{NBSP}% des habitants des QPV, 6e sur 18 régions et 2 collectivités "
            "d'outre-mer.") in captions(at)
    pilots = at.dataframe[-1].value
    assert sorted(pilots["Territoire pilote"]) == ["Grand Narbonne", "Montpellier Méditerranée Métropole",
                                                   "Toulouse Métropole"]
    assert pilots["Fiche"].str.endswith("&region=76").all()


def test_home_map_measure_switch():
    at = run("views/accueil.py")
    at.segmented_control(key="home_measure").set_value("share").run()
    assert not at.exception
    assert any("la plus forte part d'habitants en QPV (2018 / 2023)" in t for t in titles(at))


@pytest.mark.parametrize("query, charts, level", [
    # with a territory, one more chart: the territory against its région and France; with one département, its
    # 2024 outlines too
    ({}, 3, "18 régions et 2 collectivités d'outre-mer"), ({"region": ["76"]}, 5, "13 départements"),
    ({"departement": ["34"]}, 6, "7 contrats de ville"),
    ({"region": ["11", "76"]}, 5, "21 départements"), ({"departement": ["93"]}, 5, "12 contrats de ville"),
])
def test_territoires_drill_down(query, charts, level):
    at = run("views/territoires.py", query)
    assert chart_count(at) == charts
    assert any(s.value.endswith(level) for s in at.subheader)


def test_territoires_region_table_and_count_note():
    at = run("views/territoires.py", {"region": ["76"]})
    table = at.dataframe[DRILL_TABLE].value
    assert len(table) == 13 and int(table["Nombre de QPV (2015)"].sum()) == 105
    assert "Nombres de QPV comptés dans la liste nationale de 2015 (Insee)" in captions(at)
    assert "Détail par quartier — Occitanie" in [h.value for h in at.header]
    assert any("année incertaine" in i.value for i in at.info)
    assert len(at.dataframe[QPV_TABLE].value) == 105


def test_territoires_departement_lists_contracts_and_says_2015_boundaries():
    at = run("views/territoires.py", {"departement": ["34"]})
    assert any("périmètres intercommunaux de 2015" in m.value for m in at.markdown)
    contracts = at.dataframe[DRILL_TABLE].value
    assert len(contracts) == 7 and "Montpellier Méditerranée Métropole" in set(contracts["Contrat de ville"])
    assert len(at.dataframe[QPV_TABLE].value) == 22  # QPV of the Hérault


def test_territoires_national_has_counts_from_the_list_and_2024_apart():
    at = run("views/territoires.py")
    assert "Nombres de QPV comptés dans la liste nationale de 2015 (Insee)" in captions(at)
    assert "Détail par quartier — Occitanie" not in [h.value for h in at.header]
    assert {m.value for m in at.metric} == {f"1{NBSP}362", f"5,3{NBSP}M"}
    assert any("Nouvelle géographie prioritaire (2024)" in t for t in titles(at))


def test_territoires_ile_de_france_counts_every_departement():
    at = run("views/territoires.py", {"region": ["11"]})
    counts = at.dataframe[DRILL_TABLE].value.set_index("Département")["Nombre de QPV (2015)"]
    assert counts.notna().all() and counts["Seine-Saint-Denis"] == 63 and counts.sum() == 272
    assert "Détail par quartier — Occitanie" not in [h.value for h in at.header]


def test_territoires_bad_link_gives_a_notice_then_the_national_view():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["region"] = ["99"]
    at.query_params["departement"] = ["<b>x</b>"]
    at.run()
    assert any("inconnu" in w.value for w in at.warning)
    at.switch_page("views/territoires.py").run()
    assert not at.exception
    assert [s.value for s in at.subheader] == ["France entière : 18 régions et 2 collectivités d'outre-mer"]


def test_sources_page_lists_sources_and_caveats():
    at = run("views/sources.py", {"region": ["76"]})
    body = " ".join(m.value for m in at.markdown)
    assert "compté dans la liste nationale des 1" in body and "Roubaix" in body
    assert "python -m quartiers.build" in at.code[0].value
    assert "69 source(s) sur 69." in captions(at)
    at.text_input(key="sources_query").set_value("Insee 2024").run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert 0 < len(shown) < 69 and shown.astype(str).apply(" ".join, axis=1).str.contains("2024").all()


def test_home_charts_data_is_drawn_once_asked_and_images_download():
    at = run("views/accueil.py")
    assert len(at.dataframe) == 1  # the pilots table; the charts' tables wait in their closed boxes
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("Télécharger l'image (SVG)") == 3  # map, régions, budget
    open_data(at, "home_map")
    table = next(d.value for d in at.dataframe if "Département" in d.value.columns)
    assert len(table) >= 101
    assert [b.label for b in at.get("download_button")].count("Télécharger (CSV)") == 2
