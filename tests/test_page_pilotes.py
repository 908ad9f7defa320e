"""AppTest of /pilotes with the filters people put in links: what the page says, not only that it runs."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import chart_count, open_data, open_page

NNBSP = "\u202f"


def run(query: dict[str, list[str]]) -> AppTest:
    return open_page("views/pilotes.py", query)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def titles(at: AppTest) -> list[str]:
    return [m.value[5:] for m in at.markdown if m.value.startswith("#### ")]


def table_with(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.fixture(scope="module")
def national() -> AppTest:
    return run({})


def test_national_view_counts_eleven_pilots(national):
    values = metrics(national)
    assert "14 pilotes affichés sur 14" in [h.value for h in national.subheader]
    assert values["Habitants en QPV (2018)"] == f"691{NNBSP}518"
    assert values["Part des habitants des QPV de France"] == f"12,7{NNBSP}%"
    assert "14 pilotes dans 8 régions, dont 3 chacune en Île-de-France, Hauts-de-France et Occitanie" in \
        titles(national)
    assert any(t.startswith("EPT Grand Paris Sud, Orly-Choisy, Roubaix : pas de chiffre propre") for t in
               titles(national))
    assert chart_count(national) == 6  # map, residents, bounds, matrix, credits, comparison
    assert len(table_with(national, "Chiffre QPV")) == 14
    assert "Autres programmes présents (contexte)" in " ".join(m.value for m in national.markdown)


def test_est_ensemble_link_shows_its_figure_and_profile():
    at = run({"pilote": ["est-ensemble"]})
    values = metrics(at)
    assert "1 pilote affiché sur 14" in [h.value for h in at.subheader]
    assert values["Habitants en QPV (2018)"] == values["Habitants des QPV (2018)"] == f"153{NNBSP}761"
    assert at.main.selectbox[0].value == "est-ensemble"
    assert any(t.startswith("EPT Est Ensemble : 1,3") for t in titles(at))  # credits card
    facts = table_with(at, "Fait publié")
    assert facts["Fait publié"].str.contains("site d'expérimentation").all()
    # Comparison starts from the chosen pilot and one more.
    assert at.main.multiselect[0].value[0] == "est-ensemble"


def test_priority_link_restricts_matrix_and_hides_context():
    at = run({"priorite": ["transition-numerique"]})
    matrix = table_with(at, "Détail (nombre, unité, millésime de la liste)")
    assert set(matrix["Priorité"]) == {"Transition numérique"} and len(matrix) == 14
    programmes = table_with(at, "Liste (millésime)")
    assert set(programmes["Priorité"]) == {"Transition numérique"}
    assert any("masqués : un filtre de priorité est actif" in c.value for c in at.caption)
    assert any(t.startswith("Transition numérique : au moins un programme national présent dans les 14 pilotes")
               for t in titles(at))


def test_region_link_keeps_occitanie_pilots_and_shows_their_qpv():
    at = run({"region": ["76"]})
    assert "3 pilotes affichés sur 14" in [h.value for h in at.subheader]
    assert set(table_with(at, "Chiffre QPV")["Pilote"]) == {"Montpellier Méditerranée Métropole", "Grand Narbonne",
                                                             "Toulouse Métropole"}
    # Profile of the first Occitanie pilot (Montpellier): its 12 QPV, under the map in « Voir les données ».
    assert not any("Quartier" in d.value.columns for d in at.dataframe)  # drawn only once opened
    qpvs = table_with(open_data(at, "profile_qpv"), "Quartier")
    assert len(qpvs) == 12 and set(qpvs["Commune"]) == {"Montpellier"}
    assert "pas de chiffre propre" not in " ".join(titles(at))


def test_roubaix_link_shows_what_is_known_not_a_figure():
    at = run({"pilote": ["roubaix"]})
    values = metrics(at)
    assert values["Habitants en QPV (2018)"] == values["Habitants des QPV (2018)"] == "non disponible"
    assert values["Part des habitants des QPV de France"] == "non disponible"
    assert "Roubaix : pas de chiffre propre, seulement un minimum ou une zone plus large" in titles(at)
    assert any("ne correspondent pas exactement au pilote" in t for t in titles(at))
    assert any("n'est pas compté" in c.value for c in at.caption)


def test_no_pilot_in_the_chosen_territory_says_so():
    at = run({"departement": ["01"]})
    assert "Aucun territoire pilote ne correspond aux filtres choisis" in at.info[0].value
    assert not chart_count(at)


def test_choosing_another_profile_updates_it():
    at = run({})
    at.main.selectbox[0].set_value("toulouse").run()
    assert not at.exception
    assert any(c.value.startswith("Nombre de QPV (liste 2015) : 16 entièrement dans le pilote.") for c in at.caption)
    assert len(table_with(open_data(at, "profile_qpv"), "Quartier")) == 16
