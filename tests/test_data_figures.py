"""The committed tables hold the published figures (DESIGN.md, data README)."""
from __future__ import annotations

import pandas as pd


def test_region_counts_add_up_to_1514_with_its_split(ds):
    regions = ds.regions.set_index("reg_code")
    assert regions["qpv_count"].sum() == 1514
    assert regions.loc[regions["zone"] == "metro", "qpv_count"].sum() == 1296
    assert regions.loc[regions["zone"] == "drom", "qpv_count"].sum() == 140
    assert regions.loc["978", "qpv_count"] == 2
    assert regions.loc["987", "qpv_count"] == 76
    assert ds.national.set_index("figure_id").loc["qpv_count", "value"] == 1514


def test_region_residents_within_a_thousandth_of_5_441_002(ds):
    total = ds.regions["qpv_population"].sum()
    assert abs(total - 5_441_002) / 5_441_002 < 0.001


def test_434_contrats_de_ville_add_up_to_5_437_035(ds):
    assert len(ds.contrats_de_ville) == 434
    assert ds.contrats_de_ville["qpv_population"].sum() == 5_437_035


def test_departement_residents_add_up_to_their_region(ds):
    by_region = ds.departements.groupby("reg_code")["qpv_population"].sum()
    regions = ds.regions.set_index("reg_code")["qpv_population"]
    # the 101 départements cover every region except the two collectivities (Saint-Martin, Polynésie)
    for code, total in by_region.items():
        assert total == regions[code], code


def test_every_departement_count_comes_from_the_list(ds):
    deps = ds.departements
    assert len(deps) == 101
    assert deps["qpv_count"].notna().all() and (deps["qpv_count_source_id"] == "insee-qpv2015-population").all()
    assert deps["qpv_count"].sum() == 1514 - 78  # Saint-Martin and Polynésie française are not départements
    assert deps.set_index("dep_code").loc["01", "qpv_count"] == 9
    assert deps.set_index("dep_code").loc["48", "qpv_count"] == 0  # Lozère: the only one without a QPV


def test_codes_keep_leading_zeros(ds):
    assert "01" in set(ds.departements["dep_code"])
    assert "2A" in set(ds.departements["dep_code"])
    assert "01" in set(ds.regions["reg_code"])
    assert ds.regions["reg_code"].map(type).eq(str).all()


def test_fourteen_pilots_each_with_a_coverage_flag(ds):
    pilots = ds.pilots.set_index("pilot_id")
    assert len(pilots) == 14
    assert set(pilots["coverage"]) <= {"exact", "summed", "partial", "superset"}
    assert pilots.loc["est-ensemble", "qpv_population"] == 153_761
    assert pilots.loc["est-ensemble", "coverage"] == "exact"
    assert pilots.loc["aix-marseille-provence", "coverage"] == "summed"
    assert pilots.loc["roubaix", "coverage"] == "superset"
    assert set(pilots.loc[["grand-paris-sud", "orly-choisy"], "coverage"]) == {"partial"}
    # only exact or summed pilots have a QPV population; the three others have none
    assert pilots["qpv_population"].notna().sum() == 11
    assert (pilots["qpv_population"].notna() == pilots["coverage"].isin(["exact", "summed"])).all()


def test_summed_pilot_equals_the_sum_of_its_contracts(ds):
    links = ds.pilot_contrats_de_ville
    amp = links[links["pilot_id"] == "aix-marseille-provence"]
    assert amp["cv_qpv_population"].sum() == 300_191
    assert ds.pilots.set_index("pilot_id").loc["aix-marseille-provence", "qpv_population"] == 300_191


def test_credits_keep_the_yearly_totals(ds):
    totals = ds.credits.groupby(["scheme", "year"])["amount_eur"].sum().div(1e6).round(1)
    assert totals[("adultes-relais", 2020)] == 92.6
    assert totals[("adultes-relais", 2023)] == 122.2
    assert totals[("fonjep", 2021)] == 10.3
    posts = ds.credits.groupby(["scheme", "year"])["posts"].sum()
    assert posts[("adultes-relais", 2021)] == 5377


def test_overlapping_budget_lines_are_flagged(ds):
    lines = ds.budget_lines.set_index("line_id")
    assert lines.loc["annonce-total", "amount_meur"] == 3300
    assert lines.loc[["relance", "vie-quotidienne"], "amount_meur"].sum() == 3300
    assert lines.loc["relance-insertion", "overlaps_siblings"]
    # the label with commas in the source file is read whole
    assert lines.loc["relance-cohesion", "label_fr"].endswith("lutte contre la pauvreté)")
    assert pd.isna(lines.loc["relance-cohesion", "amount_meur"])


def test_every_figure_has_a_source_that_resolves(ds):
    known = set(ds.sources["source_id"])
    for table in (ds.national, ds.regions, ds.departements, ds.contrats_de_ville, ds.pilots, ds.budget_lines,
                  ds.credits, ds.qpv_occitanie, ds.priorities, ds.axes, ds.pilot_actions):
        for col in [c for c in table.columns if c.endswith("source_id")]:
            assert set(table[col]) - {""} <= known, col


def test_occitanie_qpv_detail(ds):
    qp = ds.qpv_occitanie
    assert len(qp) == 105 and qp["code_qp"].is_unique
    assert qp["pop_mun"].sum() == 358_011
    assert len(ds.geo_qpv_occitanie["features"]) == 105


def test_2024_geography_is_kept_apart(ds):
    assert "qpv_count" in ds.qpv2024_regions.columns
    assert ds.qpv2024_regions.set_index("reg_code").loc["11", "qpv_count"] == 298
    assert ds.qpv2024_regions.set_index("reg_code").loc["44", "qpv_count"] is pd.NA  # Grand Est: not found
    national = ds.national.set_index("figure_id")
    assert national.loc["qpv2024_count_metro", "year"] == 2024
