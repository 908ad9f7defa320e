"""The national QPV tables (2015 list) hold the published figures and stay honest about what they do not know."""
from __future__ import annotations

import pandas as pd
import pytest

from quartiers.build_qpv import INDICATOR_LABELS
from tests.conftest import SHARED


def _published(name: str, key: str) -> pd.Series:
    facts = pd.read_csv(SHARED / "facts" / name, dtype=str).dropna(subset=["qpv_count"])
    return facts.set_index(key)["qpv_count"].astype(int)


def test_one_row_per_2015_qpv_with_insee_population_totals(ds):
    qpv = ds.qpv2015
    assert len(qpv) == 1514 and qpv["code_qp"].is_unique
    assert qpv["pop_2018"].sum() == 5_441_002
    assert qpv["pop_2013"].sum() == 5_435_060


@pytest.mark.parametrize("dep, count", [("93", 63), ("59", 91), ("75", 20)])
def test_known_departement_counts(ds, dep, count):
    assert (ds.qpv2015["dep_code"] == dep).sum() == count


def test_counts_equal_every_published_departement_and_region_count(ds):
    deps = _published("qpv2015_count_by_departement.csv", "dep_code")
    regions = _published("qpv2015_count_by_region.csv", "reg_code")
    assert len(deps) == 46 and len(regions) == 20
    assert ds.qpv2015["dep_code"].value_counts().reindex(deps.index).fillna(0).astype(int).equals(deps)
    assert ds.qpv2015["reg_code"].value_counts().reindex(regions.index).fillna(0).astype(int).equals(regions)


def test_polynesie_and_saint_martin_have_no_name_nor_commune(ds):
    collectivities = ds.qpv2015[ds.qpv2015["dep_code"].isin(["978", "987"])]
    assert len(collectivities) == 78
    assert (collectivities["name"] == "").all() and (collectivities["communes_method"] == "none").all()
    assert (ds.qpv2015["name"] != "").sum() == 1514 - 78


def test_multi_commune_qpv_lists_all_its_communes(ds):
    vichy = ds.qpv2015_communes[ds.qpv2015_communes["commune_name"] == "Cusset"]
    assert set(vichy["commune_code"]) == {"03095"}
    per_qpv = ds.qpv2015_communes.groupby("code_qp").size()
    assert (per_qpv > 1).sum() >= 100  # INSEE: 141 QPV span several communes
    # a name that does not resolve to one commune keeps an empty code, never a guess
    unresolved = ds.qpv2015_communes[ds.qpv2015_communes["match"] == "unresolved"]
    assert (unresolved["commune_code"] == "").all()


def test_indicators_leave_secret_values_out_never_zero(ds):
    ind = ds.qpv2015_indicators
    assert set(ind["indicator"]) <= set(INDICATOR_LABELS)
    assert ind["value"].notna().all()
    poverty_2021 = ind[(ind["indicator"] == "taux_pauvrete") & (ind["year"] == 2021)]
    assert len(poverty_2021) == 1296 - 288  # 288 QPV under statistical secrecy in 2021
    first = ind[(ind["code_qp"] == "QP001001") & (ind["indicator"] == "revenu_median") & (ind["year"] == 2012)]
    assert first["value"].tolist() == [13748.0]
    employment = ind[ind["indicator"] == "tx_tot_empl"]
    raw = pd.read_csv(SHARED / "raw" / "qpv2015" / "insee_rp2010_indicateurs_metropole.csv", dtype=str)
    assert set(employment["year"]) == {2010} and len(employment) == raw["tx_tot_empl"].notna().sum() == 1291


def test_points_are_approximate_with_their_precision(ds):
    pts = ds.qpv2015_points
    assert len(pts) == 1514
    assert pts["precision"].value_counts().to_dict() == {"outline_2024": 1252, "commune": 164, "none": 98}
    assert pts.loc[pts["precision"] == "none", ["lon", "lat"]].isna().all().all()
    assert pts.loc[pts["precision"] != "none", ["lon", "lat"]].notna().all().all()


def test_sources_name_the_official_publisher_first(ds):
    sources = ds.sources.set_index("source_id")
    used = ds.qpv2015["population_source_id"].unique().tolist() + ds.qpv2015_indicators["source_id"].unique().tolist()
    for sid in used:
        assert sources.loc[sid, "publisher"].startswith("Insee")
        assert "Copie trouvée" in sources.loc[sid, "note"]
    assert sources.loc[ds.qpv2015["list_source_id"].iloc[0], "publisher"] == "Légifrance"


def test_2024_list_one_row_per_qpv_with_anct_metropolitan_total(ds):
    qpv = ds.qpv2024
    assert len(qpv) == 1518 and qpv["code_qp"].is_unique  # 1 362 metropolitan + 156 overseas
    metro = qpv[qpv["dep_code"].str.len() == 2]
    assert len(metro) == 1362 and metro["pop_2020"].sum() == 5_307_455
    assert (qpv["dep_code"] == "93").sum() == 75 and (qpv["dep_code"] == "59").sum() == 94
    assert qpv["commune_codes"].str.contains(";").sum() == 152  # QPV across several communes
