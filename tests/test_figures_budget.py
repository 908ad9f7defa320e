"""Budget figures: what each chart holds, tested on the figure objects; overlapping lines are never summed
anywhere on the page (figures, tables, titles)."""
from __future__ import annotations

import itertools
import re

import pandas as pd
import pytest

from quartiers import budget, credits
from quartiers.figures import budget as figures
from quartiers.filters import Filters
from quartiers.formatting import fr_eurs, fr_int, fr_meur

NNBSP = "\u202f"


def _budget_outputs(ds) -> tuple[list, list[pd.DataFrame], list[str]]:
    """Every figure, table and text of the page's national part, built as the page builds them."""
    tree = budget.plan_tree(ds)
    both = budget.plan_and_report(ds)
    overlaps = budget.overlapping_lines(ds)
    lines = budget.axis_lines(ds)
    figs = [figures.plan_treemap(tree), figures.plan_report_bars(both), figures.overlap_bars(overlaps),
            figures.axis_bars(lines)]
    tables = [budget.line_table(t) for t in (tree, both, overlaps, lines)] + [budget.axis_totals(ds)]
    texts = [budget.plan_title(tree), budget.plan_gaps(ds, tree), budget.report_title(ds), budget.report_takeaway(ds),
             budget.overlap_title(ds), budget.overlap_takeaway(ds), budget.axis_title(ds), budget.axis_takeaway(ds)]
    texts += [f"{k.display} {k.note}" for k in budget.budget_kpis(ds)]
    return figs, tables, texts


def _forbidden_sums(ds) -> set[float]:
    """Every sum of two or more amounts that takes in an overlapping line, except those that happen to equal a
    sourced amount or a sum of lines that do not overlap (the test cannot tell those apart)."""
    lines = ds.budget_lines.dropna(subset=["amount_meur"])
    overlapping = list(lines.loc[lines["overlaps_siblings"], "amount_meur"])
    others = list(lines.loc[~lines["overlaps_siblings"], "amount_meur"])
    sums = {sum(a) + sum(b) for n in range(1, len(overlapping) + 1) for a in itertools.combinations(overlapping, n)
            for m in range(0, len(others) + 1) for b in itertools.combinations(others, m) if n + m >= 2}
    return sums - _allowed(ds)


def _allowed(ds) -> set[float]:
    """Sourced amounts, and sums of lines that do not overlap under one parent (the report's blocks…)."""
    lines = ds.budget_lines[~ds.budget_lines["overlaps_siblings"]]
    return set(lines["amount_meur"].dropna()) | set(lines.groupby("parent_id")["amount_meur"].sum())


def _numbers(fig) -> list[float]:
    found = []
    for trace in fig.data:
        for attr in ("x", "y", "values"):
            values = getattr(trace, attr, None)
            if values is not None:
                found += [float(v) for v in values if isinstance(v, (int, float)) and not pd.isna(v)]
    return found


def _strings(values) -> list[str]:
    """The strings of a trace attribute (customdata rows are tuples of strings); numbers left out."""
    found = []
    for v in values if values is not None else []:
        found += [x for x in v if isinstance(x, str)] if isinstance(v, (tuple, list)) else [v] * isinstance(v, str)
    return found


def _texts(fig) -> str:
    parts = [s for t in fig.data for a in ("text", "labels", "customdata", "y") for s in _strings(getattr(t, a, None))]
    parts += [a.text for a in fig.layout.annotations] + [str(fig.layout.title.text or "")]
    return " ".join(parts)


def _mentions(words: str, amount: str) -> bool:
    """`amount` written as a whole number in `words` ('3 Md€' is not in '3,3 Md€')."""
    return re.search(rf"(?<![\d,{NNBSP}]){re.escape(amount)}", words) is not None


def test_overlapping_lines_are_never_summed_on_the_page(ds):
    forbidden = _forbidden_sums(ds)
    assert {1660, 2850, 2660} <= forbidden  # 810 + 500 + 50 + 300; NPNRU + its axis' press figures; relance + all
    figs, tables, texts = _budget_outputs(ds)
    for fig in figs:
        assert not set(_numbers(fig)) & forbidden
    for table in tables:
        numbers = {float(v) for col in table.select_dtypes("number") for v in table[col].dropna()}
        assert not numbers & forbidden
    words = " ".join(texts + [_texts(f) for f in figs])
    # Rounded to the Md€, a forbidden sum may read like an allowed one (2 310 -> « 2,3 Md€ »): skip those.
    shown = _allowed(ds)
    allowed_texts = {fr_meur(v) for v in shown}
    for value in forbidden:
        assert not _mentions(words, f"{fr_int(value)}{NNBSP}M€"), value
        if fr_meur(value) not in allowed_texts:
            assert not _mentions(words, fr_meur(value)), value


def test_treemap_parents_show_their_own_sourced_amounts(ds):
    tree = budget.plan_tree(ds)
    trace = figures.plan_treemap(tree).data[0]
    assert trace.branchvalues == "total"
    values = dict(zip(trace.ids, trace.values))
    assert values == dict(zip(tree["line_id"], tree["amount_meur"]))
    assert values["annonce-total"] == 3300 and values["relance"] == 1000 and values["vie-quotidienne"] == 2300
    overlapping = set(ds.budget_lines.loc[ds.budget_lines["overlaps_siblings"], "line_id"])
    assert not overlapping & set(trace.ids)
    labels = dict(zip(trace.ids, trace.labels))
    assert f"3,3{NNBSP}Md€" in labels["annonce-total"] and "2021-2030" in labels["vq-npnru"]


def test_treemap_names_the_boxes_too_small_for_their_label(ds):
    fig = figures.plan_treemap(budget.plan_tree(ds))
    note = fig.layout.annotations[0].text.replace("<br>", " ")
    assert "Équipements sportifs de proximité" in note and f"30{NNBSP}M€" in note
    assert "Renforcement" not in note


def test_overlap_chart_shows_lines_side_by_side_with_the_warning(ds):
    lines = budget.overlapping_lines(ds)
    fig = figures.overlap_bars(lines)
    assert len(fig.data) == 1 and len(fig.data[0].x) == len(lines) == 5
    assert figures.OVERLAP_WARNING in fig.layout.title.text
    assert "ne pas additionner" in figures.OVERLAP_WARNING
    texts = dict(zip(lines["line_id"], fig.data[0].text))
    assert texts["relance-cohesion"] == "non disponible" and texts["relance-insertion"] == f"810{NNBSP}M€"
    assert fig.data[0].marker.pattern.shape == "/"


def test_plan_report_bars_label_kind_and_amount(ds):
    fig = figures.plan_report_bars(budget.plan_and_report(ds))
    assert [t.name for t in fig.data] == ["annoncé", "mobilisé (bilan)"]
    executed = fig.data[1]
    assert list(executed.x) == [1100, 436, 393, 389]
    assert executed.text[0] == f"plus de 1,1{NNBSP}Md€ — mobilisé (bilan)"


def test_axis_chart_has_one_panel_per_axis_and_hatches_overlaps(ds):
    lines = budget.axis_lines(ds)
    fig = figures.axis_bars(lines)
    titles = [a.text for a in fig.layout.annotations]
    assert titles == [f"<b>{label}</b>" for label in ds.axes["label_fr"]]
    assert sum(len(t.x) for t in fig.data) == len(lines)
    hatched = sum(len(t.x) for t in fig.data if t.marker.pattern and t.marker.pattern.shape == "/")
    assert hatched == lines["overlaps_siblings"].sum() == 5
    legend = [t.name for t in fig.data if t.showlegend]
    assert len(legend) == len(set(legend)) == 2  # announced, and announced press figures that overlap


def test_credit_year_bars_hold_the_yearly_totals(ds):
    by_year = credits.credits_by_year(ds, ds.credits)
    fig = figures.credits_year_bars(by_year)
    relais = next(t for t in fig.data if t.name == "Adultes-relais")
    assert list(relais.x) == ["2020", "2021", "2022", "2023"]
    assert relais.y[-1] == pytest.approx(122.1618, abs=1e-3)
    assert relais.text[-1] == f"122,2{NNBSP}M€<br>5{NNBSP}416 postes"


def test_ranking_bars_share_one_scale_and_show_pilot_coverage(ds):
    sel = credits.select_credits(ds, Filters(pilotes=("roubaix", "orly-choisy")))
    fig = figures.ranking_bars(credits.credits_ranking(ds, sel, 2023), 2023)
    bar = fig.data[0]
    assert all(t.endswith(f"{NNBSP}M€") for t in bar.text)  # one unit for the whole chart
    assert "déborde du pilote" in bar.y[0] and "Métropole Européenne de Lille" in bar.y[0]


def test_per_resident_bars_are_sorted_and_say_not_available(ds):
    ranking = pd.DataFrame({"name": ["A", "B", "C"], "total_eur": [100.0, 900.0, 50.0],
                            "qpv_population": [10, 30, pd.NA], "eur_per_resident": [10.0, 30.0, float("nan")]})
    fig = figures.per_resident_bars(ranking, "crédits 2023 / habitants QPV 2018")
    bar = fig.data[0]
    assert list(bar.y) == ["B", "A", "C"] and list(bar.x) == [30.0, 10.0, 0.0]
    assert list(bar.text) == [f"30,0{NNBSP}€", f"10,0{NNBSP}€", "non disponible"]
    assert "crédits 2023 / habitants QPV 2018" in fig.layout.xaxis.title.text.replace("<br>", " ")


def test_amounts_of_one_chart_use_one_scale_for_texts_and_axis():
    assert fr_eurs(pd.Series([1_500_000.0, 250_000.0])) == [f"1,50{NNBSP}M€", f"0,25{NNBSP}M€"]
    assert fr_eurs(pd.Series([14_328.0])) == [f"14{NNBSP}328{NNBSP}€"]
    assert figures.eur_scale(pd.Series([1_500_000.0, 250_000.0])) == (1e6, figures.MEUR_AXIS)
    assert figures.eur_scale(pd.Series([14_328.0, float("nan")])) == (1.0, figures.EUR_AXIS)


def test_figure_texts_are_french(ds):
    figs, _, _ = _budget_outputs(ds)
    sel = credits.select_credits(ds, Filters())
    ranking = credits.credits_ranking(ds, sel, 2023)
    figs += [figures.credits_year_bars(credits.credits_by_year(ds, sel.rows)), figures.ranking_bars(ranking, 2023),
             figures.per_resident_bars(ranking, "crédits 2023 / habitants QPV 2018")]
    for fig in figs:
        text = _texts(fig) + " ".join(str(t.hovertemplate) for t in fig.data)
        assert not re.search(r"\d\.\d", text), "English decimal point"
        assert not re.search(r"\b(announced|executed|overlap|press|amount)\b", text)
        assert fig.layout.separators == f",{NNBSP}" or fig.layout.template.layout.separators == f",{NNBSP}"


def test_hatched_bars_keep_their_colour_under_the_hatching(ds):
    """White hatching must be drawn over the bar's colour: in plotly's default pattern mode the bar itself is
    transparent, and white hatching on a white page showed nothing."""
    fig = figures.overlap_bars(budget.overlapping_lines(ds))
    for trace in fig.data:
        assert trace.marker.pattern.shape and trace.marker.pattern.fillmode == "overlay"
        assert trace.marker.color not in (None, "#ffffff")
