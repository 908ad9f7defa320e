"""Logic of the Quartiers productifs page on the real data: who is counted, what is known of the others, the
matrix pilots × priorities, credits, comparison, published facts, QPV detail."""
from __future__ import annotations

import pandas as pd
import pytest

from quartiers import pilot_compare as pc
from quartiers import pilot_matrix as pm
from quartiers import pilots as pl
from quartiers.filters import Filters
from quartiers.formatting import NBSP, year_span

NOT_COUNTED = {"grand-paris-sud", "orly-choisy", "roubaix"}


def pilot(ds, pilot_id: str) -> pd.Series:
    return ds.pilots[ds.pilots["pilot_id"] == pilot_id].iloc[0]


def cell(cells: pd.DataFrame, pilot_id: str, priority_id: str) -> pd.Series:
    return cells[(cells["pilot_id"] == pilot_id) & (cells["priority_id"] == priority_id)].iloc[0]


def test_share_counts_only_exact_or_summed_pilots(ds):
    share = pl.covered_share(ds, ds.pilots)
    own = ds.pilots[~ds.pilots["pilot_id"].isin(NOT_COUNTED)]
    assert share.n_counted == 11
    assert share.residents == own["qpv_population"].sum() == 691_518
    assert share.national.residents == ds.regions["qpv_population"].sum() == 5_441_003
    assert share.share == pytest.approx(691_518 / 5_441_003)
    names = set(ds.pilots.loc[ds.pilots["pilot_id"].isin(NOT_COUNTED), "name"])
    assert set(share.left_out) == names
    sentence = share.sentence()
    assert "11 pilotes" in sentence and "3 pilotes" in sentence
    assert all(name in sentence for name in names)


def test_share_of_one_pilot_without_own_figure_is_zero_counted(ds):
    share = pl.covered_share(ds, ds.pilots[ds.pilots["pilot_id"] == "roubaix"])
    assert share.n_counted == 0 and share.residents == 0
    assert "n'est pas compté" in share.sentence()


def test_pilots_table_shows_est_ensemble_and_non_disponible(ds):
    table = pl.pilots_table(ds, ds.pilots).set_index("Pilote")
    assert table.loc["EPT Est Ensemble", "Habitants des QPV (2018)"] == f"153{NBSP}761"
    assert table.loc["EPT Est Ensemble", "Chiffre QPV"] == "exact"
    assert table.loc["Métropole Aix-Marseille", "Chiffre QPV"] == "somme de contrats de ville"
    assert table.loc["Roubaix", "Habitants des QPV (2018)"] == "non disponible"
    assert table.loc["Roubaix", "Chiffre QPV"] == "englobant (contrat plus large)"
    assert table.loc["EPT Grand Paris Sud", "Structure"] == "EPCI (CA), annoncé comme EPT, ce qu'il n'est pas"
    assert table.loc["Pays de Montbéliard Agglomération", "Nombre de QPV (liste 2015)"] == "7"
    assert table.loc["EPT Est Ensemble", "Nombre de QPV (liste 2015)"] == "non disponible"


def test_known_bounds_are_minimum_and_larger_areas_never_the_pilot_figure(ds):
    bounds = pl.known_bounds(ds, ds.pilots)
    assert {b.pilot_id for b in bounds} == NOT_COUNTED
    by = {(b.pilot_id, b.kind): b for b in bounds if b.kind == "minimum"}
    assert by[("grand-paris-sud", "minimum")].value == 38_600 + 15_532 + 8_021 == 62_153
    assert by[("orly-choisy", "minimum")].value == 7_187
    larger = {(b.pilot_id, b.value) for b in bounds if b.kind == "larger"}
    assert larger == {("grand-paris-sud", 29_796), ("orly-choisy", 33_653), ("roubaix", 207_382)}
    assert not [b for b in bounds if b.pilot_id == "roubaix" and b.kind == "minimum"]
    table = pl.bounds_table(bounds)
    assert table["Ce qui est connu"].str.match(r"^(minimum|zone plus large)").all()
    takeaway = pl.bounds_takeaway(bounds)
    assert f"au moins 62{NBSP}153" in takeaway and "ni additionnés" in takeaway


@pytest.mark.parametrize("filters, expected", [
    (Filters(), 14),
    (Filters(regions=("76",)), {"toulouse", "montpellier", "grand-narbonne"}),
    (Filters(departements=("93",)), {"est-ensemble"}),
    (Filters(departements=("84",)), {"aix-marseille-provence"}),
    (Filters(pilotes=("roubaix",)), {"roubaix"}),
    (Filters(regions=("76",), pilotes=("roubaix", "toulouse")), {"toulouse"}),
    (Filters(departements=("01",)), set()),
])
def test_selected_pilots_follow_territory_and_pilot_filters(ds, filters, expected):
    found = pl.selected_pilots(ds, filters)
    if isinstance(expected, int):
        assert len(found) == expected
    else:
        assert set(found["pilot_id"]) == expected


def test_pilots_title_names_every_region_tied_first(ds):
    assert pl.pilots_title(ds, ds.pilots) == ("14 pilotes dans 8 régions, dont 3 chacune en Île-de-France, "
                                              "Hauts-de-France et Occitanie")
    assert pl.pilots_title(ds, ds.pilots[ds.pilots["pilot_id"] == "est-ensemble"]).startswith(
        "EPT Est Ensemble : Seine-Saint-Denis (93)")


def test_matrix_cell_arras_commerce_mentions_action_coeur_de_ville(ds):
    cells = pm.matrix(ds, ds.pilots)
    assert len(cells) == 14 * 4
    arras = cell(cells, "arras", "commerce-artisanat")
    assert any(line.startswith("Action cœur de ville : 1 commune (2018-08), 1 commune (2025-04)")
               for line in arras["programmes"])
    # Arras has no site of the two activités productives lists.
    assert cell(cells, "arras", "activites-productives")["n_programmes"] == 0
    table = pm.matrix_table(cells)
    row = table[(table["Pilote"] == "Communauté urbaine d'Arras")
                & (table["Priorité"] == "Implantation d'activités productives")]
    assert row["Détail (nombre, unité, millésime de la liste)"].iloc[0] == pm.NO_PROGRAMME
    assert (table["Label Quartiers productifs"] == "labellisé sur les 4 priorités").all()


def test_matrix_counts_programmes_with_a_site_not_lists(ds):
    cells = pm.matrix(ds, ds.pilots)
    progs = ds.pilot_programmes
    aix = progs[(progs["pilot_id"] == "aix-marseille-provence") & (progs["priority_id"] == "commerce-artisanat")]
    present = aix.groupby("programme")["n_sites_in_pilot"].sum()
    assert cell(cells, "aix-marseille-provence", "commerce-artisanat")["n_programmes"] == (present > 0).sum() == 3


def test_priority_filter_restricts_columns_and_facts(ds):
    cells = pm.matrix(ds, ds.pilots, ("transition-numerique",))
    assert set(cells["priority_id"]) == {"transition-numerique"} and len(cells) == 14
    est = cell(cells, "est-ensemble", "transition-numerique")
    assert any("Désigné site d'expérimentation" in f for f in est["facts"])
    entrepreneurship = cell(pm.matrix(ds, ds.pilots, ("entrepreneuriat",)), "est-ensemble", "entrepreneuriat")
    assert entrepreneurship["facts"] == []
    # A fact on the pilot as a whole stays under every priority.
    narbonne = cell(pm.matrix(ds, ds.pilots, ("entrepreneuriat",)), "grand-narbonne", "entrepreneuriat")
    assert "L'un des trois pilotes d'Occitanie" in narbonne["facts"]


def test_matrix_takeaway_says_when_a_priority_has_no_programme_list(ds):
    text = pm.matrix_takeaway(ds, pm.matrix(ds, ds.pilots))
    assert text.startswith("17 cases sur 56 sans aucun programme national recensé.")
    assert "« Soutien à l'entrepreneuriat » : sa colonne est vide faute de données" in text
    assert "faute de données" not in pm.matrix_takeaway(ds, pm.matrix(ds, ds.pilots, ("commerce-artisanat",)))


def test_profile_programmes_keep_lists_with_a_site_and_name_the_others(ds):
    table = pm.pilot_programmes_table(ds, "roubaix")
    assert list(table["Programme"]) == ["Manufactures de proximité", "Territoires d'industrie",
                                        "Conseillers numériques France Services", "Fabriques de territoire"]
    assert table["Présence dans le pilote"].iloc[2] == "2 postes"
    absent = pm.absent_lists_text(ds, "roubaix")
    assert "Action cœur de ville (2018-08, 2025-04)" in absent and "Territoires d'industrie (2018-2022)" in absent
    assert pm.absent_lists_text(ds, "roubaix", ("transition-numerique",)) == ""


def test_context_programmes_are_apart(ds):
    table = pm.context_programmes(ds, ds.pilots)
    assert list(table.columns) == ["Pilote", "Cités de l'emploi", "Cités éducatives", "France services"]
    laval = table.set_index("Pilote").loc["Laval Agglomération"]
    assert laval["Cités de l'emploi"] == "aucun"
    assert laval["France services"] == "1 site (2020-09), 3 sites (2024-08)"


def test_every_register_fact_has_a_french_version(ds):
    assert set(ds.pilot_actions["fact_en"]) <= set(pl.FACTS_FR)
    facts = pl.pilot_facts(ds, list(ds.pilots["pilot_id"]))
    assert len(facts) == len(ds.pilot_actions) == 9
    assert not facts["fact"].str.contains("non traduit").any()
    assert facts["url"].str.startswith("http").all()
    assert pl.date_fr("2 Sep 2021") == "2 septembre 2021"
    assert pl.date_fr("communiqué relayed 23 Mar 2021") == "communiqué relayé le 23 mars 2021"
    assert pl.fact_fr("Something new").startswith("(fait publié en anglais, non traduit)")


def test_qpv_detail_for_occitanie_pilots_matches_commune_names(ds):
    toulouse = pl.qpv_detail(ds, pilot(ds, "toulouse"))
    assert len(toulouse.qpvs) == 16 == pilot(ds, "toulouse")["qpv_count"]
    assert set(toulouse.communes) == {"Toulouse", "Blagnac", "Colomiers", "Cugnaux"}
    assert "autant que" in toulouse.message
    montpellier = pl.qpv_detail(ds, pilot(ds, "montpellier"))
    assert set(montpellier.qpvs["commune"]) == {"Montpellier"} and len(montpellier.qpvs) == 12
    narbonne = pl.qpv_detail(ds, pilot(ds, "grand-narbonne"))
    assert set(narbonne.qpvs["commune"]) == {"Narbonne"}
    assert "pas publié" in narbonne.message
    assert pl.qpv_detail(ds, pilot(ds, "arras")) is None


def test_credits_come_from_the_pilot_contracts_once(ds):
    est = pc.pilot_credits(ds, "est-ensemble")
    assert est.loc[est["year"] == 2023, "amount_eur"].sum() == pytest.approx(1_172_897.96 + 147_459)
    assert pc.credits_area_note(ds, pilot(ds, "est-ensemble")) == ""
    # Aix-Marseille: CV043 has two rows (13 and 84) in the pilot's contracts; its credits count once.
    codes = {"CV043", "CV045", "CV046", "CV048", "CV049", "CV050"}
    expected = ds.credits[ds.credits["code_cv"].isin(codes) & (ds.credits["year"] == 2023)]["amount_eur"].sum()
    aix = pc.pilot_credits(ds, "aix-marseille-provence")
    assert aix.loc[aix["year"] == 2023, "amount_eur"].sum() == pytest.approx(expected)
    assert "plus large" in pc.credits_area_note(ds, pilot(ds, "roubaix"))
    assert "plus large" in pc.credits_area_note(ds, pilot(ds, "grand-paris-sud"))


def test_credits_of_every_pilot_and_part_equal_a_plain_scan_of_the_credits(ds):
    # pilot_credits takes each contract's rows from a split made once: the same rows, added in the same order
    for pid, dep_codes in [(p, ()) for p in ds.pilots["pilot_id"]] + [("aix-marseille-provence", ("13",)),
                                                                      ("aix-marseille-provence", ("84",))]:
        contracts = pl.pilot_contracts(ds, pid)
        if dep_codes:
            contracts = contracts[contracts["dep_code"].isin(dep_codes)]
        keys = set(zip(contracts["code_cv"], contracts["dep_code"]))
        rows = ds.credits[[k in keys for k in zip(ds.credits["code_cv"], ds.credits["dep_code"])]]
        expected = rows.groupby(["year", "scheme"], as_index=False)[["posts", "amount_eur"]].sum() \
            .sort_values(["year", "scheme"]).reset_index(drop=True)
        pd.testing.assert_frame_equal(pc.pilot_credits(ds, pid, dep_codes), expected, check_exact=True)
    assert pc.pilot_credits(ds, "aix-marseille-provence", ("974",)).empty


def test_comparison_has_no_figure_for_pilots_without_own_residents(ds):
    compared = pc.comparison(ds, ["est-ensemble", "roubaix"]).set_index("pilot_id")
    assert compared.loc["est-ensemble", "qpv_population"] == 153_761
    assert compared.loc["est-ensemble", "qpv_share"] == pytest.approx(153_761 / 447_969)
    assert compared.loc["est-ensemble", "credits_per_resident"] == pytest.approx((1_172_897.96 + 147_459) / 153_761)
    assert compared.loc["roubaix", ["qpv_population", "qpv_share", "credits_per_resident"]].isna().all()
    table = pc.comparison_table(ds, compared.reset_index())
    roubaix = table[table["Pilote"] == "Roubaix"].iloc[0]
    assert roubaix["Habitants des QPV (2018)"] == "non disponible"
    assert roubaix["Population (2023)"] == f"99{NBSP}507"
    assert pc.comparison_title(compared.reset_index()).startswith("EPT Est Ensemble a le plus d'habitants en QPV")


def test_profile_kpis_say_non_disponible_with_the_reason(ds):
    kpis = {k.key: k for k in pl.profile_kpis(pilot(ds, "roubaix"))}
    assert kpis["residents"].display == "non disponible" and kpis["residents"].note
    assert kpis["residents"].value is None
    assert kpis["share"].display == "non disponible"
    assert kpis["population"].display == f"99{NBSP}507"
    est = {k.key: k for k in pl.profile_kpis(pilot(ds, "est-ensemble"))}
    assert est["residents"].display == f"153{NBSP}761"
    assert est["share"].display == f"34{NBSP}%"
    assert pl.qpv_count_text(ds, pilot(ds, "toulouse")).startswith(
        "Nombre de QPV (liste 2015) : 16 entièrement dans le pilote. Source : Insee")
    assert "15 entièrement dans le pilote + 4 QPV à cheval sur le pilote, comptés à part" in pl.qpv_count_text(
        ds, pilot(ds, "est-ensemble"))


def test_headline_kpis_for_all_pilots_and_for_roubaix_alone(ds):
    kpis = {k.key: k for k in pl.headline_kpis(ds, ds.pilots)}
    assert kpis["residents"].display == f"691{NBSP}518"
    assert kpis["share"].display == f"12,7{NBSP}%"
    assert kpis["share"].year == "2018, Mayotte 2017"
    assert kpis["population"].value == ds.pilots["population"].sum()
    alone = {k.key: k for k in pl.headline_kpis(ds, ds.pilots[ds.pilots["pilot_id"] == "roubaix"])}
    assert alone["residents"].display == alone["share"].display == "non disponible"
    assert alone["residents"].source_ids == ("anct-ci-ville",)
    assert pl.shown_text(ds, ds.pilots) == "14 pilotes affichés sur 14"


def test_credits_title_does_not_give_larger_contracts_as_the_pilot_figure(ds):
    roubaix = pilot(ds, "roubaix")
    title = pc.credits_title(roubaix["name"], pc.pilot_credits(ds, "roubaix"), pc.credits_area_note(ds, roubaix))
    assert "ne correspondent pas exactement au pilote" in title
    est = pilot(ds, "est-ensemble")
    title = pc.credits_title(est["name"], pc.pilot_credits(ds, "est-ensemble"), "")
    assert title == f"EPT Est Ensemble : 1,32{NBSP}M€ de crédits adultes-relais et FONJEP en 2023 (73 postes)"
    takeaway = pc.credits_takeaway(pc.pilot_credits(ds, "est-ensemble"))
    assert f"0,98{NBSP}M€ puis 1,32{NBSP}M€" in takeaway  # one unit in the sentence, the title's amount


def test_card_takeaways_and_years_come_from_the_data(ds):
    assert pl.map_takeaway(ds.pilots).startswith(
        "Chiffre d'habitants en QPV des pilotes : 10 exacts, 1 somme de contrats de ville, 2 partiels, "
        "1 englobant (contrat plus large).")
    assert pl.map_takeaway(ds.pilots[ds.pilots["reg_code"] == "76"]).startswith(
        "Chiffre d'habitants en QPV des pilotes : 3 exacts.")
    assert pm.vintage_span(ds) == "listes 2018 à 2025"
    assert year_span(pc.pilot_credits(ds, "roubaix")["year"]) == "2020–2023"
    assert pc.credits_takeaway(pc.pilot_credits(ds, "est-ensemble")).startswith("De 2020 à 2023, crédits en hausse")
