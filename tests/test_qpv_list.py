"""The 2015 QPV list in the app: counts from the list, pilots from their QPV, the /qpv page and its `qpv` link."""
from __future__ import annotations

import pytest

from quartiers import qpv as qpv_list
from quartiers import qpv_pilots
from quartiers.filters import Filters, parse_qpv
from quartiers.formatting import NBSP
from tests.conftest import chart_count, open_page


def pilot(ds, pilot_id: str) -> qpv_pilots.PilotQpv:
    return next(f for f in qpv_pilots.pilot_figures(ds) if f.pilot_id == pilot_id)


# --- Selection, table, findings ---------------------------------------------------------------------------------

def test_seine_saint_denis_has_63_qpv_and_620_583_residents(ds):
    s = qpv_list.summary(qpv_list.selection(ds, Filters(departements=("93",))))
    assert (s.count, s.residents_2018) == (63, 620_583)
    assert (s.largest_code, s.largest_residents) == ("QP093028", 126_034)
    assert qpv_list.selection_title("Seine-Saint-Denis", s) == \
        f"Seine-Saint-Denis : 63 QPV, 620{NBSP}583 habitants en 2018"


def test_national_selection_is_the_whole_list(ds):
    s = qpv_list.summary(qpv_list.selection(ds, Filters()))
    assert (s.count, s.residents_2018, s.residents_2013) == (1514, 5_441_002, 5_435_060)


def test_pilot_filter_keeps_the_qpv_with_a_commune_in_the_pilot(ds):
    chosen = Filters(pilotes=("est-ensemble",))
    selected = qpv_list.selection(ds, chosen)
    assert len(selected) == 19 and "QP093014" in set(selected["code_qp"])
    note = qpv_list.pilot_note(ds, chosen, selected)
    assert "Dont 4 QPV à cheval" in note and "QP093014" in note and "hors du pilote : Le Blanc-Mesnil" in note
    # a territory and a pilot: the pilot's QPV in that territory only
    assert qpv_list.selection(ds, Filters(regions=("76",), pilotes=("est-ensemble",))).empty


def test_table_keeps_missing_values_missing_and_names_the_unnamed(ds):
    rows = qpv_list.qpv_rows(ds, qpv_list.selection(ds, Filters(regions=("987",))))
    assert len(rows) == 76 and set(rows[qpv_list.COL_NAME]) == {qpv_list.NAME_MISSING}
    assert rows[qpv_list.poverty_column(ds)].isna().all()  # no Filosofi overseas: never 0
    assert "76 sans taux de pauvreté" in qpv_list.missing_values_note(ds, rows)


def test_columns_name_their_year(ds):
    rows = qpv_list.qpv_rows(ds, qpv_list.selection(ds, Filters(departements=("93",))))
    assert "Revenu médian 2021 (€ par unité de consommation)" in rows.columns
    assert "Taux de pauvreté 2021 (%)" in rows.columns and qpv_list.COL_EMPLOYMENT.endswith("2010 (%)")
    franc_moisin = rows.set_index(qpv_list.COL_CODE).loc["QP093028"]
    assert franc_moisin[qpv_list.COL_POP_2018] == 126_034 and franc_moisin[qpv_list.COL_DEP] == "Seine-Saint-Denis"


@pytest.mark.parametrize("query, code", [("Montreuil", "QP093009"), ("franc moisin", "QP093028"),
                                         ("qp093028", "QP093028"), ("Aubervilliers La Courneuve", "QP093028")])
def test_search_by_name_commune_or_code(ds, query, code):
    rows = qpv_list.qpv_rows(ds, ds.qpv2015)
    assert code in set(qpv_list.find(rows, query)[qpv_list.COL_CODE])


def test_search_with_no_match_is_empty(ds):
    assert qpv_list.find(qpv_list.qpv_rows(ds, ds.qpv2015), "zzzz introuvable").empty


def test_map_points_leave_overseas_out_of_a_metropolitan_map_and_say_so(ds):
    selected = qpv_list.selection(ds, Filters())
    rows = qpv_list.qpv_rows(ds, selected)
    mp = qpv_list.map_points(ds, selected, rows, qpv_list.poverty_column(ds))
    assert mp.points["lat"].between(41, 52).all()
    assert "d'outre-mer" in mp.note and "sans position connue" in mp.note
    reunion = qpv_list.selection(ds, Filters(departements=("974",)))
    assert len(qpv_list.map_points(ds, reunion, qpv_list.qpv_rows(ds, reunion), qpv_list.COL_POP_2018).points) == 49


def test_profile_of_franc_moisin_with_its_2024_counterpart_apart(ds):
    p = qpv_list.profile(ds, "QP093028")
    assert p.name.startswith("Franc Moisin") and (p.pop_2013, p.pop_2018) == (114_891, 126_034)
    assert p.communes == ("Aubervilliers", "La Courneuve", "Saint-Denis") and p.pilots == ()
    assert set(p.series["year"]) == set(range(2012, 2022))
    assert p.qpv2024 is not None and p.qpv2024.name == "QN09328M" and p.qpv2024["pop_2020"] == 132_511
    assert len(qpv_list.outlines_2024(ds, (p.qpv2024.name,))["features"]) == 1


def test_profile_of_a_straddling_qpv_names_the_commune_outside(ds):
    assert qpv_list.profile(ds, "QP093014").pilots == ("EPT Est Ensemble (en partie : Le Blanc-Mesnil hors du pilote)",)


def test_outlines_2024_of_one_departement_only(ds):
    outlines = qpv_list.outlines_2024(ds, dep_code="93")
    assert len(outlines["features"]) == 75  # the 2024 list (PROVENANCE: 93 → 75)
    assert {f["properties"]["dep_code"] for f in outlines["features"]} == {"93"}


@pytest.mark.parametrize("raw, expected", [([], None), (["QP093028"], "QP093028"), (["qp093028"], "QP093028"),
                                           (["QP999999"], None), (["<script>x</script>"], None),
                                           (["https://evil.example/x"], None), (["9" * 500], None)])
def test_qpv_from_a_link_is_validated(ds, raw, expected):
    code, notices = parse_qpv(raw, set(ds.qpv2015["code_qp"]))
    assert code == expected and bool(notices) == (bool(raw) and expected is None)
    assert all("<" not in n and len(n) < 200 for n in notices)  # shown as plain text (notices.link_notices)


# --- Pilots from their QPV --------------------------------------------------------------------------------------

@pytest.mark.parametrize("pilot_id, whole, residents, partial", [
    ("aix-marseille-provence", 59, 300_191, 0), ("toulouse", 16, 63_488, 0), ("grand-nancy", 8, 33_981, 0),
    ("orly-choisy", 2, 9_861, 0), ("est-ensemble", 15, 85_516, 4), ("roubaix", 1, 2_256, 2),
    ("grand-paris-sud", 17, 62_636, 2)])
def test_pilot_figures_from_the_list(ds, pilot_id, whole, residents, partial):
    f = pilot(ds, pilot_id)
    assert (f.whole_count, f.whole_2018, f.partial_count) == (whole, residents, partial)


def test_every_pilot_has_a_list_figure_labelled_with_its_method(ds):
    figures = qpv_pilots.pilot_figures(ds)
    assert len(figures) == 14 and all(f.whole_count + f.partial_count > 0 for f in figures)
    assert "toutes ses communes sont dans le pilote" in qpv_pilots.METHOD_FR


def test_straddling_qpv_is_named_and_counted_apart(ds):
    f = pilot(ds, "est-ensemble")
    assert any(p.startswith("Abreuvoir") and "QP093014" in p and "Le Blanc-Mesnil" in p for p in f.partial)
    assert f.partial_2018 == 72_059 and "à cheval sur le pilote, 72" in f.figure_text()


def test_reconciliation_with_the_contrat_de_ville_figures(ds):
    assert pilot(ds, "toulouse").reconciliation() == f"Égal au chiffre des contrats de ville (63{NBSP}488)."
    text = pilot(ds, "est-ensemble").reconciliation()
    assert f"Écart de 3{NBSP}814 habitants" in text and f"entre 85{NBSP}516" in text and f"157{NBSP}575" in text
    assert "Pas de chiffre de contrat de ville" in pilot(ds, "roubaix").reconciliation()


def test_share_of_all_qpv_residents_covered_by_the_pilots(ds):
    share = qpv_pilots.list_coverage(ds)
    assert (share.whole, share.total) == (698_026, 5_441_002)
    assert f"12,8{NBSP}%" in share.sentence() and f"16,1{NBSP}%" in share.sentence()


# --- Pages ------------------------------------------------------------------------------------------------------

def test_qpv_page_for_seine_saint_denis():
    at = open_page("views/qpv.py", {"departement": ["93"]})
    assert not at.exception
    assert [s.value for s in at.subheader] == [f"Seine-Saint-Denis : 63 QPV, 620{NBSP}583 habitants en 2018"]
    table = at.dataframe[0].value
    assert len(table) == 63 and int(table["Habitants 2018"].sum()) == 620_583
    assert chart_count(at) == 3


def test_qpv_page_search_narrows_the_table():
    at = open_page("views/qpv.py")
    at.text_input(key="qpv_search").set_value("Montreuil").run()
    assert not at.exception and "QP093009" in set(at.dataframe[0].value["Code"])
    assert len(at.dataframe[0].value) < 10


def test_qpv_link_opens_the_profile():
    at = open_page("views/qpv.py", {"qpv": ["QP093028"]})
    assert not at.exception
    assert any(m.value.startswith("### Franc Moisin") for m in at.markdown)
    assert f"126{NBSP}034" in [m.value for m in at.metric]
    assert any("Géographie 2024" in m.value for m in at.markdown)


def test_unknown_qpv_in_the_link_gives_a_french_notice():
    at = open_page("views/qpv.py", {"qpv": ["QP000000"]})
    assert not at.exception
    assert any("inconnu de la liste 2015" in w.value for w in at.warning)


def test_pilotes_page_lists_each_pilots_qpv_from_the_list():
    at = open_page("views/pilotes.py")
    assert not at.exception
    tables = [t.value for t in at.dataframe if "Rapprochement" in t.value.columns]
    assert tables and len(tables[0]) == 14
