"""Budget logic: the plan tree, overlapping lines never summed, the report's two figures, the axes, and the
politique de la ville credits by territory, pilot and year, with € per QPV resident."""
from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from quartiers import budget, credits
from quartiers.filters import Filters
from quartiers.formatting import fr_eur, fr_eur_small, fr_meur

NNBSP = "\u202f"


def test_french_amounts_read_as_the_design_writes_them():
    assert fr_meur(1000) == f"1{NNBSP}Md€" and fr_meur(3300) == f"3,3{NNBSP}Md€"
    assert fr_eur(122_161_833) == f"122,2{NNBSP}M€" and fr_eur(71_640) == f"71{NNBSP}640{NNBSP}€"


def test_amount_text_reads_floors_and_missing_amounts():
    assert budget.amount_text(1100.0, "document says 'plus de 1,1 milliard'") == f"plus de 1,1{NNBSP}Md€"
    assert budget.amount_text(436.0, "") == f"436{NNBSP}M€"
    assert budget.amount_text(pd.NA, "plus de") == "non disponible"


def test_plan_tree_holds_sourced_amounts_and_no_overlapping_line(ds):
    tree = budget.plan_tree(ds).set_index("line_id")
    assert tree.loc["annonce-total", "amount_meur"] == 3300
    assert tree.loc["relance", "amount_meur"] == 1000 and tree.loc["vie-quotidienne", "amount_meur"] == 2300
    overlapping = set(ds.budget_lines.loc[ds.budget_lines["overlaps_siblings"], "line_id"])
    assert overlapping and not overlapping & set(tree.index)
    assert not (tree["kind"] == "executed").any()
    for parent_id, children in tree.groupby("parent_id"):
        if parent_id:
            assert children["amount_meur"].sum() <= tree.loc[parent_id, "amount_meur"]


def test_plan_tree_leaves_out_children_that_do_not_fit_their_parent(ds):
    lines = ds.budget_lines.copy()
    lines.loc[lines["line_id"] == "vq-npnru", "amount_meur"] = 2500.0  # now 2500 + 100 + 30 > 2300
    tree = budget.plan_tree(dataclasses.replace(ds, budget_lines=lines))
    assert "vie-quotidienne" in set(tree["line_id"])
    assert not {"vq-npnru", "vq-equipements-sportifs"} & set(tree["line_id"])


def test_overlapping_lines_are_the_press_figures_with_a_missing_amount(ds):
    lines = budget.overlapping_lines(ds)
    assert sorted(lines["amount_meur"].dropna()) == [50, 300, 500, 810]
    assert list(lines.loc[lines["amount_meur"].isna(), "display"]) == ["non disponible"]


def test_report_keeps_both_sourced_figures(ds):
    assert budget.report_gap(ds) == (1100.0, 1218.0)
    text = budget.report_takeaway(ds)
    assert f"plus de 1,1{NNBSP}Md€" in text and f"1{NNBSP}218{NNBSP}M€" in text and "436 + 393 + 389" in text


def test_kpis_give_each_amount_its_source_and_period(ds):
    kpis = {k.key: k for k in budget.budget_kpis(ds)}
    assert kpis["annonce-total"].display == f"3,3{NNBSP}Md€" and kpis["annonce-total"].year == "2021-2022"
    assert kpis["bilan-total"].display == f"plus de 1,1{NNBSP}Md€"
    successor = kpis["entrepreneuriat-quartiers-2030"]
    assert (successor.value, successor.year, successor.source_ids) == (456.0, "2024-2027",
                                                                       ("banquedesterritoires-7e3128",))
    assert "successeur" in successor.note


def test_plan_and_report_lists_parents_before_children_without_overlaps(ds):
    both = budget.plan_and_report(ds)
    assert list(both["line_id"][:3]) == ["annonce-total", "relance", "vie-quotidienne"]
    assert not both["overlaps_siblings"].any()
    assert both.loc[both["line_id"] == "bilan-ecologie", "depth"].item() == 1


def test_axis_totals_leave_overlapping_lines_out(ds):
    totals = budget.axis_totals(ds).set_index(["axis", "kind"])
    assert totals.loc[("cadre-de-vie", "announced"), "total_meur"] == 2000  # not 2000 + 500 + 50 + 300
    assert totals.loc[("cadre-de-vie", "announced"), "n_overlapping"] == 3
    assert totals.loc[("cohesion-sociale", "announced"), "total_meur"] == 100
    assert set(totals.index.get_level_values("kind")) == {"announced"}  # the report's blocks are shown apart


def test_axis_title_names_the_largest_announced_line(ds):
    assert budget.axis_title(ds) == (f"Axe « Cadre de vie et attractivité des quartiers » : la plus grosse ligne "
                                     f"annoncée, 2{NNBSP}Md€ (« Renforcement du Nouveau programme national de "
                                     "renouvellement urbain »)")
    lines = ds.budget_lines
    assert len(budget.axis_lines(ds)) == ((lines["axis"] != "") & (lines["kind"] == "announced")).sum()


# --- Credits ----------------------------------------------------------------------------------------------------

def test_totals_by_year_equal_the_data(ds):
    by_year = credits.credits_by_year(ds, credits.select_credits(ds, Filters()).rows).set_index(["year", "scheme"])
    expected = ds.credits.groupby(["year", "scheme"])[["posts", "amount_eur"]].sum()
    pd.testing.assert_frame_equal(by_year[["posts", "amount_eur"]], expected, check_names=False)
    assert round(by_year.loc[(2023, "adultes-relais"), "amount_eur"] / 1e6, 1) == 122.2
    assert by_year.loc[(2023, "adultes-relais"), "posts"] == 5416


def test_national_kpis_count_every_post(ds):
    sel = credits.select_credits(ds, Filters())
    kpis = {k.key: k for k in credits.credit_kpis(ds, Filters(), sel, 2023)}
    assert kpis["credits"].display == f"132,6{NNBSP}M€"
    assert kpis["posts"].value == ds.credits.loc[ds.credits["year"] == 2023, "posts"].sum()
    assert kpis["per_resident"].note.startswith("crédits 2023 / habitants QPV 2017 et 2018 ; sans Polynésie "
                                               "française")  # Mayotte counted in 2017; Polynésie has no post


def test_ile_de_france_ranks_its_departements(ds):
    sel = credits.select_credits(ds, Filters(regions=("11",)))
    assert set(sel.rows["reg_code"]) == {"11"} and sel.level == "departement"
    ranking = credits.credits_ranking(ds, sel, 2023)
    assert len(ranking) == 8 and ranking["name"].iloc[0] == "Paris"
    total = sel.rows.loc[sel.rows["year"] == 2023, "amount_eur"].sum()
    assert ranking["total_eur"].sum() == pytest.approx(total)  # every IdF post has its département


def test_departement_ranks_contracts_and_counts_posts_without_one(ds):
    sel = credits.select_credits(ds, Filters(departements=("93",)))
    assert sel.level == "contrat"
    ranking = credits.credits_ranking(ds, sel, 2023)
    left_out = credits.unattached(ds, sel, 2023)
    assert left_out["posts"] == 1 and left_out["eur"] == 7164.0
    total = sel.rows.loc[sel.rows["year"] == 2023, "amount_eur"].sum()
    assert ranking["total_eur"].sum() + left_out["eur"] == pytest.approx(total)
    assert "1 poste" in credits.unattached_note(ds, sel, 2023).replace(NNBSP, " ")


def test_national_note_counts_posts_with_no_region(ds):
    note = credits.unattached_note(ds, credits.select_credits(ds, Filters()), 2023).replace(NNBSP, " ")
    assert "151 postes" in note and "11 postes (71 640 €) sans département ni région" in note


def test_pilot_filter_keeps_the_pilots_contracts(ds):
    sel = credits.select_credits(ds, Filters(pilotes=("est-ensemble",)))
    assert set(zip(sel.rows["code_cv"], sel.rows["dep_code"])) == {("CV350", "93")}
    assert sel.notes == () and sel.level == "contrat"
    ranking = credits.credits_ranking(ds, sel, 2023)
    assert list(ranking["coverage_fr"]) == ["exact : le contrat couvre le pilote"]


def test_pilot_whose_contract_is_wider_says_so(ds):
    sel = credits.select_credits(ds, Filters(pilotes=("roubaix",)))
    assert set(sel.rows["code_cv"]) == {"CV192"}
    assert len(sel.notes) == 1 and "Métropole Européenne de Lille" in sel.notes[0] and "plus que" in sel.notes[0]
    assert list(credits.credits_ranking(ds, sel, 2023)["coverage_fr"]) == ["englobant : le contrat déborde du pilote"]


def test_pilot_with_several_contracts_lists_them_all_even_without_posts(ds):
    sel = credits.select_credits(ds, Filters(pilotes=("aix-marseille-provence",)))
    ranking = credits.credits_ranking(ds, sel, 2023)
    assert len(ranking) == 7  # 6 contracts, CV043 split between 13 and 84
    assert ranking.loc[ranking["key"] == "CV043|84", "total_eur"].item() == 0
    assert "total qui correspond au pilote" in sel.notes[0]


def test_pilot_outside_the_chosen_region_selects_nothing(ds):
    sel = credits.select_credits(ds, Filters(regions=("76",), pilotes=("est-ensemble",)))
    assert sel.rows.empty and sel.contracts.empty
    assert credits.credits_ranking(ds, sel, 2023).empty
    assert "aucun poste" in credits.year_title(credits.credits_by_year(ds, sel.rows), sel.label)


def test_euros_per_resident_divide_credits_by_residents_of_the_same_territory(ds):
    f = Filters(regions=("11",))
    sel = credits.select_credits(ds, f)
    ranking = credits.credits_ranking(ds, sel, 2023).set_index("key")
    seine_saint_denis = ds.departements.set_index("dep_code").loc["93"]
    assert ranking.loc["93", "eur_per_resident"] == pytest.approx(
        ranking.loc["93", "total_eur"] / seine_saint_denis["qpv_population"])
    kpi = {k.key: k for k in credits.credit_kpis(ds, f, sel, 2023)}["per_resident"]
    total = sel.rows.loc[sel.rows["year"] == 2023, "amount_eur"].sum()
    assert kpi.value == pytest.approx(total / 1_570_338)
    assert kpi.display == f"18,5{NNBSP}€" and kpi.note.startswith("crédits 2023 / habitants QPV 2018 ; coût")


def test_pilot_euros_per_resident_use_the_contracts_residents(ds):
    f = Filters(pilotes=("est-ensemble",))
    sel = credits.select_credits(ds, f)
    assert credits.selection_residents(ds, f, sel) == (153761.0, "2018", ())


def test_saint_martin_is_ranked_with_its_residents(ds):
    sel = credits.select_credits(ds, Filters(regions=("978",)))
    ranking = credits.credits_ranking(ds, sel, 2023)
    assert list(ranking["name"]) == ["Saint-Martin"] and ranking["qpv_population"].item() == 9570


def test_missing_residents_read_not_available():
    ranking = pd.DataFrame({"name": ["A", "B"], "total_eur": [100.0, 50.0], "qpv_population": [10, pd.NA]})
    ranking["eur_per_resident"] = credits.per_resident(ranking["total_eur"], ranking["qpv_population"])
    assert ranking["eur_per_resident"].iloc[0] == 10.0 and pd.isna(ranking["eur_per_resident"].iloc[1])
    assert fr_eur_small(ranking["eur_per_resident"].iloc[1]) == "non disponible"
    assert "1 territoire sans nombre d'habitants" in credits.per_resident_takeaway(ranking, "x")


def test_ranking_table_has_french_columns(ds):
    sel = credits.select_credits(ds, Filters(pilotes=("roubaix",)))
    table = credits.ranking_table(credits.credits_ranking(ds, sel, 2023), 2023, "crédits 2023 / habitants QPV 2018")
    assert list(table.columns[:3]) == ["Territoire", "Pilote", "Couverture du pilote"]
    assert "€ par habitant (crédits 2023 / habitants QPV 2018)" in table.columns
