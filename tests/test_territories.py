"""Territorial tables, home-page tables, source catalogue and computed titles, on the committed data."""
from __future__ import annotations

import dataclasses

import pytest

from quartiers import catalogue, findings, home, qpv_pilots, territories
from quartiers.filters import Filters
from quartiers.formatting import fr_meur
from quartiers.metrics import pilots_in_scope, scope
from quartiers.vocabulary import PILOT_COVERAGE_FR

NBSP = "\u202f"


def drill(ds, **filters):
    return territories.drilldown(ds, scope(ds, Filters(**filters)))


def test_region_table_has_ile_de_france_figures(ds):
    regions = territories.region_table(ds).set_index("code")
    assert regions.at["11", "qpv_count"] == 272
    assert regions.at["11", "qpv_population"] == 1_570_338
    assert regions.at["11", "share"] == pytest.approx(1_570_338 / 12_463_067)
    assert list(territories.region_table(ds).columns) == territories.COLUMNS


def test_national_drilldown_lists_the_regions(ds):
    d = drill(ds)
    assert d.level == "region" and d.noun == "régions"
    assert len(d.table) == len(ds.regions) == 20


def test_occitanie_drilldown_lists_its_13_departements_adding_to_105(ds):
    d = drill(ds, regions=("76",))
    assert d.level == "departement"
    assert len(d.table) == 13
    assert set(d.table["parent"]) == {"Occitanie"}
    assert d.table["qpv_count"].notna().all()
    assert int(d.table["qpv_count"].sum()) == 105
    assert int(d.table["qpv_population"].sum()) == 357_683


def test_departement_drilldown_lists_its_contrats_de_ville(ds):
    d = drill(ds, departements=("34",))
    assert d.level == "contrat"
    assert len(d.table) == 7
    montpellier = d.table.set_index("name").loc["Montpellier Méditerranée Métropole"]
    assert montpellier["qpv_population"] == 53_200
    assert montpellier["parent"] == "Hérault"
    assert d.table["qpv_count"].isna().all() and d.table["population"].isna().all()
    assert d.table["code"].is_unique


def test_contract_across_two_departements_keeps_one_row_per_departement(ds):
    table = territories.contrat_table(ds, ("13", "84"))
    rows = table[table["code"].str.startswith("CV043")]
    assert sorted(rows["parent"]) == ["Bouches-du-Rhône", "Vaucluse"]
    assert table["code"].is_unique


def test_collectivite_without_departement_is_listed_as_itself(ds):
    d = drill(ds, regions=("978",))
    assert d.table["name"].tolist() == ["Saint-Martin"]
    assert territories.map_codes(ds, scope(ds, Filters(regions=("978",)))) == ("978",)


def test_map_zoom_shows_the_neighbours_of_a_chosen_departement(ds):
    zoom = territories.map_zoom(ds, scope(ds, Filters(departements=("34",))))
    assert len(zoom) == 13 and "34" in zoom and "31" in zoom
    assert territories.map_zoom(ds, scope(ds, Filters())) == ()
    # Région codes and département codes overlap ("11" = Île-de-France and Aude): never mixed up.
    assert "11" not in territories.map_codes(ds, scope(ds, Filters(regions=("11",))))


def test_share_is_labelled_with_both_years_and_mayotte_is_named(ds):
    table = territories.region_table(ds)
    assert territories.share_label(table) == "Part en QPV (2018 / 2023)"
    assert territories.year_exceptions(table) == (
        "Année différente — Mayotte : habitants des QPV 2017, population 2017 ; Polynésie française : population du "
        "recensement de 2022 ; année des habitants des QPV non précisée par la source (donnée ici 2018 comme pour "
        "les autres territoires ; peut-être 2017).")
    assert territories.year_exceptions(territories.region_table(ds, ("11", "76"))) == ""


def test_counts_come_from_the_list_for_every_territory(ds):
    deps = territories.departement_table(ds)
    assert deps["qpv_count"].notna().all() and set(deps["qpv_count_source_id"]) == {"insee-qpv2015-population"}
    counts = deps.set_index("code")["qpv_count"]
    assert (counts["93"], counts["59"], counts["75"], counts["48"]) == (63, 91, 20, 0)
    assert territories.region_table(ds)["qpv_count"].sum() == 1514
    assert "liste nationale de 2015" in territories.count_note(deps, "departement")
    assert "pas connu par contrat de ville" in territories.count_note(drill(ds, departements=("34",)).table, "contrat")
    # a selected département says its count, from the list, on /territoires
    assert territories.selection_summary(ds, scope(ds, Filters(departements=("93",))), drill(
        ds, departements=("93",)).table, "contrat").startswith(f"63 QPV (liste 2015), 620{NBSP}583 habitants en QPV")


def test_display_table_is_french_and_numeric(ds):
    shown = territories.display_table(drill(ds, regions=("76",)).table, "departement")
    assert list(shown.columns) == ["Département", "Région", "Nombre de QPV (2015)", "Habitants des QPV (2018)",
                                   "Population totale (2023)", "Part en QPV (2018 / 2023) (%)"]
    assert shown["Habitants des QPV (2018)"].dtype.kind == "i"
    assert shown.set_index("Département").at["Hérault", "Nombre de QPV (2015)"] == 22
    contracts = territories.display_table(drill(ds, departements=("34",)).table, "contrat")
    assert list(contracts.columns) == ["Contrat de ville", "Département", "Habitants des QPV (2018)"]
    no_counts = territories.display_table(territories.region_table(ds), "region", counts=False)
    assert territories.COUNT_COLUMN not in no_counts


def test_table_formats_write_french_numbers(ds):
    shown = territories.display_table(territories.region_table(ds, ("11",)), "region")
    formats = territories.table_formats(shown)
    assert formats["Habitants des QPV (2018)"](1_570_338) == f"1{NBSP}570{NBSP}338"
    assert formats["Part en QPV (2018 / 2023) (%)"](13.0) == "13"  # two years: whole per cent
    assert "Région" not in formats


def test_treemap_boxes_add_up(ds):
    for filters in ({}, {"regions": ("76",)}, {"departements": ("93",)}, {"regions": ("978",)}):
        nodes = territories.treemap_rows(ds, scope(ds, Filters(**filters)))
        assert nodes["id"].is_unique
        children = nodes[nodes["parent"] != ""].groupby("parent")["value"].sum()
        parents = nodes.set_index("id")["value"]
        assert (parents[children.index] == children).all()
    national = territories.treemap_rows(ds, scope(ds, Filters()))
    assert (national["level"] == "contrat").sum() == len(ds.contrats_de_ville)
    assert national.loc[national["parent"] == "", "value"].sum() == ds.contrats_de_ville["qpv_population"].sum()
    saint_martin = territories.treemap_rows(ds, scope(ds, Filters(regions=("978",))))
    assert saint_martin["parent"].tolist() == ["", "reg/978"]  # a collectivité: contract under the région box


def test_treemap_gap_is_measured_and_said(ds):
    assert territories.treemap_gap(ds, scope(ds, Filters())) == 1477
    assert territories.treemap_gap(ds, scope(ds, Filters(regions=("76",)))) == 0
    assert f"écart d'au plus 1{NBSP}477 habitants" in findings.treemap_takeaway(1477)
    assert "écart" not in findings.treemap_takeaway(0)


def test_treemap_display_names_the_parent(ds):
    nodes = territories.treemap_rows(ds, scope(ds, Filters(regions=("978", "76"))))
    shown = territories.treemap_display(nodes, "Habitants").set_index("Contrat de ville")
    assert shown.at["Toulouse Métropole", "Département ou collectivité"] == "Haute-Garonne"
    assert "Saint-Martin" in set(shown["Département ou collectivité"])
    assert shown["Habitants"].sum() == nodes.loc[nodes["parent"] == "", "value"].sum()


@pytest.mark.parametrize("filters, expected", [
    ({}, 0), ({"regions": ("11",)}, 0), ({"regions": ("76",)}, 13), ({"departements": ("34",)}, 1),
    ({"regions": ("11", "76")}, 13),
])
def test_occitanie_detail_follows_the_scope(ds, filters, expected):
    assert len(territories.occitanie_deps(ds, scope(ds, Filters(**filters)))) == expected


def test_occitanie_qpv_table(ds):
    qpv = territories.occitanie_qpv(ds, ("34",))
    assert len(qpv) == 22 and set(qpv["dep_name"]) == {"Hérault"}
    assert qpv["tp60"].dtype == "Float64" and qpv["tp60"].notna().all()
    assert len(territories.occitanie_qpv(ds, territories.occitanie_deps(ds, scope(ds, Filters(regions=("76",)))))) \
        == 105
    descriptions = territories.indicator_descriptions(ds)
    assert descriptions["tp60"] == "Taux de pauvreté"
    assert descriptions["disp_q2"].startswith("Médiane (en euros) du revenu disponible")
    shown = territories.occitanie_display(qpv)
    assert {"Quartier", "Commune", "Taux de pauvreté (%)"} <= set(shown.columns)


def test_source_caveat_keeps_the_year_warning(ds):
    caveat = territories.source_caveat(ds, "hackaviz-occitanie")
    assert "année incertaine" in caveat and "Commit" not in caveat


def test_2024_geography_stays_apart(ds):
    occ = territories.qpv2024_table(ds, scope(ds, Filters(regions=("76",))))
    assert occ["QPV (géographie 2024)"].tolist() == ["108"]
    assert occ["Habitants des QPV (géographie 2024)"].tolist() == [f"393{NBSP}100"]
    haute_garonne = territories.qpv2024_table(ds, scope(ds, Filters(departements=("31",))))
    assert haute_garonne["Niveau"].tolist() == ["Département", "Région"]
    grand_est = territories.qpv2024_table(ds, scope(ds, Filters(regions=("44",))))
    assert grand_est["QPV (géographie 2024)"].tolist() == ["non disponible"]
    assert not any("2015" in c for c in occ.columns)


def test_scope_summary(ds):
    assert territories.scope_summary(drill(ds, regions=("76",)).table) == \
        f"105 QPV (liste 2015), 357{NBSP}683 habitants en QPV (2018), 6{NBSP}% de la population (2018 / 2023)"
    assert territories.scope_summary(drill(ds, departements=("34",)).table) == f"103{NBSP}094 habitants en QPV (2018)"


def test_budget_split_is_the_two_disjoint_parts(ds):
    split = home.budget_split(ds)
    assert split["line_id"].tolist() == ["relance", "vie-quotidienne"]
    assert split["amount_meur"].tolist() == [1000.0, 2300.0]
    assert split["total_meur"].iloc[0] == 3300.0
    lines = ds.budget_lines.copy()
    lines.loc[lines["line_id"] == "relance", "overlaps_siblings"] = True
    with pytest.raises(ValueError):
        home.budget_split(dataclasses.replace(ds, budget_lines=lines))


def test_pilots_glance(ds):
    glance = home.pilots_glance(ds, pilots_in_scope(ds, scope(ds, Filters())), Filters(regions=("11",)))
    assert len(glance) == 14
    assert glance["name"].iloc[0] == "Métropole Aix-Marseille"
    missing = glance[glance["qpv_population"].isna()]
    assert set(missing["pilot_id"]) == {"grand-paris-sud", "orly-choisy", "roubaix"}
    assert glance.set_index("pilot_id").at["roubaix", "coverage_fr"] == PILOT_COVERAGE_FR["superset"]
    assert glance.set_index("pilot_id").at["toulouse", "link"] == "pilotes?pilote=toulouse&region=11"
    listed = {f.pilot_id: f for f in qpv_pilots.pilot_figures(ds)}
    shown = home.pilots_display(glance, listed)
    assert shown.set_index("Territoire pilote").at["Roubaix", "Habitants des QPV (2018)"] == "non disponible"
    # every pilot has its figure from the national list, by one stated method: Roubaix 1 QPV wholly inside, 2 astride
    roubaix = shown.set_index("Territoire pilote").loc["Roubaix"]
    assert (roubaix[home.LIST_COLUMN], roubaix["Leurs habitants (2018)"], roubaix["QPV à cheval (à part)"]) == \
        (1, 2_256, 2)
    assert shown[home.LIST_COLUMN].gt(0).all()
    assert shown.set_index("Territoire pilote").at["Toulouse Métropole", "Habitants des QPV (2018)"] == \
        f"63{NBSP}488"


def test_titles_state_the_finding(ds):
    regions = territories.region_table(ds)
    assert findings.territory_ranking_title(regions, "region") == \
        f"Île-de-France : 29{NBSP}% des habitants des QPV, 1re des 18 régions et 2 collectivités d'outre-mer"
    assert findings.territory_ranking_takeaway(regions, "region", ("76",)) == \
        f"Sélection — Occitanie : 7{NBSP}% des habitants des QPV, 6e sur 18 régions et 2 collectivités d'outre-mer."
    assert findings.territory_ranking_takeaway(regions, "region").startswith(
        f"Suivent Hauts-de-France (12{NBSP}%) et Provence-Alpes-Côte d'Azur (9{NBSP}%)")
    deps = territories.departement_table(ds)
    assert findings.map_title(deps, "qpv_population").startswith("Seine-Saint-Denis, Nord et Bouches-du-Rhône : ")
    assert findings.map_title(deps, "share").startswith("Mayotte, Guyane et Seine-Saint-Denis : la plus forte part")
    assert "(2018 / 2023)" in findings.map_title(deps, "share")
    assert findings.budget_title(home.budget_split(ds)) == \
        f"3,3{NBSP}Md€ annoncés pour les quartiers : 1{NBSP}Md€ pour la relance, 2,3{NBSP}Md€ pour la vie quotidienne"
    glance = home.pilots_glance(ds, pilots_in_scope(ds, scope(ds, Filters())), Filters())
    assert findings.glance_pilots_title(glance).startswith(f"Métropole Aix-Marseille : 300{NBSP}191 habitants en QPV")
    assert "Roubaix" in findings.pilots_takeaway(glance) and "11 pilote(s) sur 14" in findings.pilots_takeaway(glance)


def test_titles_for_a_single_territory_read_right(ds):
    one = territories.region_table(ds, ("978",))
    assert findings.territory_ranking_title(one, "region") == f"Saint-Martin : 9{NBSP}570 habitants en QPV"
    assert findings.map_title(one, "qpv_population") == f"Saint-Martin : 9{NBSP}570 habitants en QPV"
    assert findings.table_title(one, "region") == f"Saint-Martin : 31{NBSP}% de la population en QPV (2018 / 2023)"
    contracts = drill(ds, departements=("34",)).table
    assert findings.table_title(contracts, "contrat") == \
        f"7 contrats de ville : de 1{NBSP}761 à 53{NBSP}200 habitants en QPV"
    qpv = territories.occitanie_qpv(ds, ("34",))
    assert findings.indicator_qpv_title(qpv, "tp60", "Taux de pauvreté (%)").startswith("Taux de pauvreté (%) : de ")


def test_catalogue_lists_every_source_by_kind(ds):
    table = catalogue.catalogue(ds)
    assert len(table) == len(ds.sources)
    assert set(table.loc[table["Type"] == catalogue.DATASET_KIND, "Identifiant"]) == \
        {"anct-ci-ville", "etalab-decoupage", "hackaviz-occitanie", "anct-pilots-communes"}
    ci_ville = table.set_index("Identifiant").loc["anct-ci-ville"]
    assert "contrats de ville (434)" in ci_ville["Utilisée dans"]
    assert table["Adresse"].str.startswith("http").all()


def test_catalogue_search_ignores_case_and_accents(ds):
    table = catalogue.catalogue(ds)
    found = set(catalogue.search(table, "INSEE 2024")["Identifiant"])
    assert {"insee-402735", "insee-8844cf"} <= found and "insee-1ee9d7" not in found
    assert catalogue.search(table, "DECOUPAGE 6.0.0")["Identifiant"].tolist() == ["etalab-decoupage"]
    assert len(catalogue.search(table, "  ")) == len(table)
    assert catalogue.search(table, "zzz-introuvable").empty


def test_caveats_are_computed_from_the_data(ds):
    text = dict(catalogue.caveats(ds))
    joined = " ".join(text.values())
    assert "compté dans la liste nationale des 1\u202f514 QPV" in joined
    pilots = next(v for k, v in text.items() if k.startswith("Pilotes"))
    assert all(name in pilots for name in ("EPT Grand Paris Sud", "Orly-Choisy", "Roubaix"))
    assert "Laval" not in pilots
    assert "« 2018 / 2023 »" in joined and "Mayotte" in joined
    assert f"1{NBSP}514 QPV" in joined and f"1{NBSP}362 QPV" in joined
    assert "jamais additionnées" in joined and "positions d'affichage" in joined
    assert "année incertaine" in joined


def test_fr_meur_drops_a_trailing_zero():
    assert fr_meur(1000) == f"1{NBSP}Md€"
    assert fr_meur(2300) == f"2,3{NBSP}Md€"
    assert fr_meur(436) == f"436{NBSP}M€"
    assert fr_meur(None) == "non disponible"
