"""The slide sequence: each slide's chart and table hold the data layer's figures for the filters, gaps stay gaps."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation

from quartiers import credits as cr
from quartiers import pilots as pl
from quartiers.exports import build_xlsx, sheet_names
from quartiers.figures.slides import slide_figure
from quartiers.filters import Filters
from quartiers.formatting import NBSP, NOT_AVAILABLE
from quartiers.model import Chart, Series, format_value, screen_table
from quartiers.pptx_export import build_pptx
from quartiers.slides import (
    build_slides,
    credits_slide,
    filters_label,
    pack_name,
    pilot_slide,
    pilots_slide,
    residents_slide,
    share_slide,
)

NATIONAL, IDF, EST_ENSEMBLE = Filters(), Filters(regions=("11",)), Filters(pilotes=("est-ensemble",))


def by_key(slides):
    return {s.key: s for s in slides}


def test_sequence_follows_the_filters(ds):
    base = ["chiffres-cles", "habitants-territoires", "part-en-qpv", "plan-2021", "pilotes", "priorites", "credits"]
    assert [s.key for s in build_slides(ds, NATIONAL)] == base
    # a territory or pilots chosen: « Les QPV du territoire » (the /qpv figures) after the territory's own slides
    assert [s.key for s in build_slides(ds, IDF)] == base[:3] + ["comparaison", "qpv"] + base[3:]
    two = Filters(pilotes=("est-ensemble", "roubaix"))
    assert [s.key for s in build_slides(ds, two)] == base[:3] + ["qpv"] + base[3:] + ["pilote-est-ensemble",
                                                                                     "pilote-roubaix"]
    # one département, one pilot: no ranking of one bar, no pilots slide repeating the pilot's own profile
    one = Filters(departements=("93",), pilotes=("est-ensemble",))
    assert [s.key for s in build_slides(ds, one)] == ["chiffres-cles", "comparaison", "qpv", "plan-2021", "priorites",
                                                      "credits", "pilote-est-ensemble"]


def test_pilots_follow_the_pages_rule_territory_then_pilots(ds):
    """?region=11&pilote=toulouse: /pilotes shows no pilot, so no Toulouse slide and no Toulouse credits."""
    f = Filters(regions=("11",), pilotes=("toulouse",))
    slides = by_key(build_slides(ds, f))
    assert pl.selected_pilots(ds, f).empty
    assert not [k for k in slides if k.startswith("pilote-")]
    assert slides["pilotes"].title == "Île-de-France : aucun des 14 territoires pilotes choisis"
    assert "aucun contrat de ville des pilotes choisis" in slides["credits"].title
    assert slides["credits"].chart.categories == ()


def test_credits_slide_is_the_budget_page_selection(ds):
    """?departement=93&pilote=est-ensemble: the pilot's contracts in the département, as /budget shows them."""
    f = Filters(departements=("93",), pilotes=("est-ensemble",))
    slide = credits_slide(ds, f)
    sel = cr.select_credits(ds, f)
    kpis = cr.credit_kpis(ds, f, sel, 2023)
    assert slide.scope == sel.label == "Contrats de ville du pilote EPT Est Ensemble (dans : Seine-Saint-Denis)"
    assert slide.title.startswith(f"{sel.label} : {kpis[0].display} de crédits")
    assert kpis[0].display == f"1,3{NBSP}M€" and kpis[1].value == 73
    assert slide.takeaway.startswith("73 postes financés en 2023")
    assert slide.chart.unit == "meur" and slide.chart.value_title == "Crédits (M€)"
    last = slide.chart.series[0].values[-1] + slide.chart.series[1].values[-1]
    assert last * 1e6 == pytest.approx(kpis[0].value)


@pytest.mark.parametrize("level", ["region", "departement"])
def test_every_territory_builds_its_slides_and_its_pack(ds, level):
    """Polynésie, Saint-Martin (régions without département rows), Mayotte and every other territory."""
    codes = ds.regions["reg_code"] if level == "region" else ds.departements["dep_code"]
    assert {"987", "978"} <= set(ds.regions["reg_code"]) and "976" in set(ds.departements["dep_code"])
    for code in codes:
        f = Filters(regions=(code,)) if level == "region" else Filters(departements=(code,))
        slides = build_slides(ds, f)
        assert slides[0].key == "chiffres-cles" and "comparaison" in by_key(slides), code
        for slide in slides:  # no ranking of a single bar
            assert slide.chart.kind in ("kpi", "pie") or len(slide.chart.categories) != 1, (code, slide.key)
        pptx = Presentation(io.BytesIO(build_pptx(slides, filters_label(ds, f), dt.date(2025, 3, 18))))
        assert len(pptx.slides) == len(slides) + 1
        assert load_workbook(io.BytesIO(build_xlsx(slides))).sheetnames[1:] == sheet_names([s.label for s in slides])


def test_priority_filter_names_the_pack_and_a_slide(ds):
    f = Filters(priorites=("commerce-artisanat",))
    assert pack_name(ds, f) == "quartiers-productifs-commerce-artisanat"
    assert pack_name(ds, NATIONAL) == "quartiers-productifs-france-entiere"
    assert pack_name(ds, Filters(departements=("93",), pilotes=("est-ensemble",))) == \
        "quartiers-productifs-seine-saint-denis-est-ensemble"
    slide = by_key(build_slides(ds, f))["priorites"]
    assert slide.title.startswith("Développement du commerce et de l'artisanat")
    assert slide.chart.kind == "bar" and len(slide.chart.categories) == 14
    assert "priorité : Développement du commerce" in filters_label(ds, f)
    assert any(c.startswith("Montants par priorité : non disponible") for c in slide.caveats)  # never invented


def test_national_headline_slide_states_the_published_figures(ds):
    slide = build_slides(ds, NATIONAL)[0]
    assert slide.title == f"5,4 millions d'habitants vivent dans les 1{NBSP}514 QPV"
    assert slide.chart.kind == "kpi"
    assert slide.chart.series[0].values[:2] == (1514.0, 5_400_000.0)
    assert list(slide.table["Affichage"])[:3] == [f"1{NBSP}514", f"5,4{NBSP}M", f"8{NBSP}%"]
    assert list(slide.table["Valeur"])[:3] == [1514, 5_400_000, 8]  # numbers, shares in %
    assert list(slide.table["Unité"])[:3] == ["", "", "%"]
    assert "Banque des Territoires" in slide.source


def test_region_residents_chart_equals_the_regions_table(ds):
    slide = residents_slide(ds, NATIONAL)
    expected = ds.regions.sort_values("qpv_population", ascending=False)
    assert slide.chart.kind == "bar"
    assert slide.chart.categories == tuple(expected["reg_name"])
    assert slide.chart.series[0].values == tuple(float(v) for v in expected["qpv_population"])
    assert list(slide.table["Habitants des QPV"]) == list(expected["qpv_population"])
    assert slide.title == f"En tête, Île-de-France : 1{NBSP}570{NBSP}338 habitants en QPV, 29{NBSP}% du total"
    assert "Mayotte : 2017" in slide.caveats[0]  # the odd census year is named


def test_region_filter_shows_its_departements(ds):
    slide = residents_slide(ds, IDF)
    deps = ds.departements[ds.departements["reg_code"] == "11"].sort_values("qpv_population", ascending=False)
    assert slide.chart.categories == tuple(deps["dep_name"])
    assert slide.chart.series[0].values == tuple(float(v) for v in deps["qpv_population"])
    assert sum(slide.chart.series[0].values) == 1_570_338
    assert slide.chart.categories[0] == "Seine-Saint-Denis"


def test_share_slide_divides_residents_by_population_with_both_years(ds):
    slide = share_slide(ds, IDF)
    deps = ds.departements.set_index("dep_name")
    for name, value in zip(slide.chart.categories, slide.chart.series[0].values):
        assert value == pytest.approx(deps.loc[name, "qpv_population"] / deps.loc[name, "population"] * 100)
    assert "2018" in slide.chart.value_title and "2023" in slide.chart.value_title
    assert slide.title == (f"Part de la population en QPV : de 6{NBSP}% (Seine-et-Marne) "
                           f"à 36{NBSP}% (Seine-Saint-Denis)")


def test_missing_population_is_left_out_not_zero(ds):
    regions = ds.regions.copy()
    regions["population"] = regions["population"].astype("Int64")
    regions.loc[regions["reg_code"] == "53", "population"] = pd.NA
    slide = share_slide(dataclasses.replace(ds, regions=regions), NATIONAL)
    assert "Bretagne" not in slide.chart.categories
    assert 0.0 not in slide.chart.series[0].values
    assert slide.table.set_index("Région").loc["Bretagne", "Part en QPV (%)"] is pd.NA
    assert any("Bretagne" in n and "absent du graphique" in n for n in slide.caveats)


def test_budget_split_adds_the_two_non_overlapping_parts(ds):
    slide = by_key(build_slides(ds, IDF))["plan-2021"]
    lines = ds.budget_lines.set_index("line_id")
    assert slide.chart.kind == "pie"
    assert slide.chart.series[0].values == (1000.0, 2300.0)
    assert sum(slide.chart.series[0].values) == lines.loc["annonce-total", "amount_meur"]
    assert slide.title == (f"3,3{NBSP}Md€ annoncés pour les quartiers : 1{NBSP}Md€ pour la relance, "
                           f"2,3{NBSP}Md€ pour la vie quotidienne")
    assert "ne change pas avec le territoire" in slide.takeaway


def test_pilots_slide_counts_only_exact_or_summed_pilots(ds):
    slide = pilots_slide(ds, NATIONAL)
    known = ds.pilots[ds.pilots["coverage"].isin(["exact", "summed"])]
    assert set(slide.chart.categories) == set(known["name"])
    assert sum(slide.chart.series[0].values) == known["qpv_population"].sum() == 691_518
    assert pl.national_residents(ds).residents == ds.regions["qpv_population"].sum()
    assert slide.title == f"691{NBSP}518 habitants des QPV vivent dans 11 des 14 pilotes, 12,7{NBSP}% du total national"
    table = slide.table.set_index("Territoire pilote")
    for name in ("EPT Grand Paris Sud", "Orly-Choisy", "Roubaix"):
        assert table.loc[name, "Habitants des QPV"] is pd.NA
        assert table.loc[name, "Remarque"].startswith("Non disponible")
        assert name not in slide.chart.categories


def test_pilots_slide_without_any_pilot_says_so(ds):
    slide = pilots_slide(ds, Filters(regions=("53",)))
    assert slide.title == "Bretagne : aucun des 14 territoires pilotes"
    assert slide.chart.kind == "kpi" and slide.chart.texts == ("0",)


def test_credits_slide_sums_the_scope_by_year_and_scheme(ds):
    for f, mask in ((NATIONAL, slice(None)), (IDF, ds.credits["reg_code"] == "11")):
        slide = credits_slide(ds, f)
        sums = ds.credits[mask].groupby(["scheme", "year"])["amount_eur"].sum()
        assert slide.chart.categories == ("2020", "2021", "2022", "2023")
        assert [s.name for s in slide.chart.series] == ["Adultes-relais", "FONJEP"]
        for series, scheme in zip(slide.chart.series, ("adultes-relais", "fonjep")):
            assert slide.chart.unit == "meur"  # one unit on the slide: M€
            assert series.values == pytest.approx(tuple(sums[scheme] / 1e6))
        fonjep = slide.table[slide.table["Dispositif"] == "FONJEP"]
        assert list(fonjep["Montant (€)"]) == pytest.approx(list(sums["fonjep"].round(0)))


def test_credits_year_without_post_reads_zero_as_on_the_budget_page(ds):
    credits = ds.credits[~((ds.credits["scheme"] == "fonjep") & (ds.credits["year"] == 2021))]
    trimmed = dataclasses.replace(ds, credits=credits)
    slide = credits_slide(trimmed, IDF)
    assert slide.chart.series[1].values[1] == 0  # the list of funded posts has none: 0 posts, 0 €
    assert slide.table.equals(cr.year_table(cr.credits_by_year(trimmed, cr.select_credits(trimmed, IDF).rows)))
    assert any("compte 0" in n for n in slide.caveats)


def test_pilot_slide_with_exact_coverage(ds):
    slide = pilot_slide(ds, "est-ensemble")
    values = dict(zip(slide.chart.categories, slide.chart.series[0].values))
    credits = ds.credits[(ds.credits["code_cv"] == "CV350") & (ds.credits["dep_code"] == "93")
                         & (ds.credits["year"] == 2023)]["amount_eur"].sum()
    assert values["Habitants des QPV (2018)"] == 153_761
    assert values["Population (2023)"] == 447_969
    assert values["Part de la population en QPV"] == pytest.approx(153_761 / 447_969)
    assert values["Crédits adultes-relais et FONJEP 2023"] == pytest.approx(credits)
    # counted in the 2015 list; the 4 straddling QPV are said apart, never added in
    assert values["QPV entièrement dans le pilote"] == 15
    assert any("+ 4 QPV à cheval sur le pilote, comptés à part" in c for c in slide.caveats)
    assert slide.title == f"EPT Est Ensemble : 153{NBSP}761 habitants en QPV, 34{NBSP}% de sa population"


def test_pilot_slide_with_partial_coverage_shows_no_figure(ds):
    slide = pilot_slide(ds, "grand-paris-sud")
    texts = dict(zip(slide.chart.categories, slide.chart.texts))
    assert texts["Habitants des QPV (2018)"] == NOT_AVAILABLE
    assert texts["Part de la population en QPV"] == NOT_AVAILABLE
    assert texts["Crédits adultes-relais et FONJEP 2023"] == NOT_AVAILABLE
    assert any("plus large" in n for n in slide.caveats)


def test_titles_and_tables_have_no_raw_gaps(ds):
    for f in (NATIONAL, IDF, EST_ENSEMBLE, Filters(departements=("34",), pilotes=("orly-choisy",))):
        for slide in build_slides(ds, f):
            for text in (slide.title, slide.takeaway, slide.source, *slide.caveats):
                assert "nan" not in text.split() and "None" not in text and "<NA>" not in text, text
            assert NOT_AVAILABLE not in screen_table(slide.table).columns


def test_filters_label(ds):
    assert filters_label(ds, NATIONAL) == "France entière"
    assert filters_label(ds, Filters(regions=("11",), pilotes=("est-ensemble",))) == \
        "Île-de-France — pilote : EPT Est Ensemble"


def test_format_value_is_french():
    assert format_value(1514, "int") == f"1{NBSP}514"
    assert format_value(12.59, "pct") == f"13{NBSP}%"  # two years: whole per cent
    assert format_value(1000.0, "meur") == f"1{NBSP}Md€"
    assert format_value(122_161_833.68, "eur") == f"122,2{NBSP}M€"
    assert format_value(None, "int") == NOT_AVAILABLE


def test_chart_spec_rejects_mismatched_series():
    with pytest.raises(ValueError):
        Chart("bar", ("a", "b"), (Series("x", (1.0,)),))
    with pytest.raises(ValueError):
        Chart("line", ("a",), (Series("x", (1.0,)),))


def test_display_table_shows_gaps_in_french():
    table = pd.DataFrame({"Nom": ["a", "b"], "Habitants": pd.array([1514, None], dtype="Int64"),
                          "Année": pd.array([2018, 2017], dtype="int64")})
    shown = screen_table(table)
    assert list(shown["Habitants"]) == [f"1{NBSP}514", NOT_AVAILABLE]
    assert list(shown["Année"]) == ["2018", "2017"]


def test_figures_follow_the_chart_spec(ds):
    slides = by_key(build_slides(ds, NATIONAL))
    bar = slide_figure(slides["habitants-territoires"].chart)
    assert tuple(bar.data[0].x) == slides["habitants-territoires"].chart.series[0].values
    assert bar.data[0].orientation == "h"
    column = slide_figure(slides["credits"].chart)
    assert [t.name for t in column.data] == ["Adultes-relais", "FONJEP"]
    assert tuple(column.data[1].y) == slides["credits"].chart.series[1].values
    pie = slide_figure(slides["plan-2021"].chart)
    assert tuple(pie.data[0].values) == (1000.0, 2300.0)
    assert slide_figure(slides["chiffres-cles"].chart) is None


def test_figure_keeps_a_gap_as_a_gap():
    fig = slide_figure(Chart("column", ("2020", "2021"), (Series("FONJEP", (5.0, None)),), "eur"))
    assert fig.data[0].y == (5.0, None)
    assert fig.data[0].text == (f"5{NBSP}€", "")


def test_key_figures_table_on_screen_keeps_the_decimal_of_a_share(ds):
    slide = build_slides(ds, IDF)[0]
    shown = screen_table(slide.table).set_index("Indicateur")
    assert shown.loc["Part en QPV", "Valeur"] == "12,6" and shown.loc["QPV (liste 2015)", "Valeur"] == "272"
