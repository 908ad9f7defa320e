"""The cards of /budget (views/budget.py): the 2021 plan (national, no filter applies) and the politique de la ville
credits for the filters and a year."""
from __future__ import annotations

from quartiers import budget, credits
from quartiers.data import Dataset
from quartiers.figures import budget as figures
from quartiers.filters import Filters
from quartiers.formatting import year_span


def budget_national(ds: Dataset) -> list[dict]:
    """The four national cards (plan, announced vs reported, overlapping press figures, axes): no filter applies."""
    tree = budget.plan_tree(ds)
    both = budget.plan_and_report(ds)
    overlaps = budget.overlapping_lines(ds)
    lines = budget.axis_lines(ds)
    return [
        dict(title=budget.plan_title(tree), takeaway=budget.plan_gaps(ds, tree), figure=figures.plan_treemap(tree),
             data=budget.line_table(tree), source_ids=tuple(dict.fromkeys(tree["source_id"])),
             year=", ".join(dict.fromkeys(tree["period"])), key="plan_treemap",
             note="chaque case à son propre montant sourcé ; une case n'est pas la somme de ses sous-cases"),
        dict(title=budget.report_title(ds), takeaway=budget.report_takeaway(ds), figure=figures.plan_report_bars(both),
             data=budget.line_table(both), source_ids=tuple(dict.fromkeys(both["source_id"])),
             year=", ".join(dict.fromkeys(both["period"])), key="plan_report"),
        dict(title=budget.overlap_title(ds), takeaway=budget.overlap_takeaway(ds),
             figure=figures.overlap_bars(overlaps),
             data=budget.line_table(overlaps), source_ids=tuple(dict.fromkeys(overlaps["source_id"])),
             year=", ".join(dict.fromkeys(overlaps["period"])), key="overlaps", note=figures.OVERLAP_WARNING.lower()),
        dict(title=budget.axis_title(ds), takeaway=budget.axis_takeaway(ds), figure=figures.axis_bars(lines),
             data=budget.line_table(lines),
             source_ids=tuple(dict.fromkeys(list(ds.axes["source_id"]) + list(lines["source_id"]))),
             year=", ".join(dict.fromkeys(lines["period"])), key="axes"),
    ]


def budget_credits(ds: Dataset, chosen: Filters, year: int) -> dict:
    """The credits for the filters and the year: key figures, the note on credits attached to no contract, and the
    cards by year, territories ranked, € per QPV resident."""
    sel = credits.select_credits(ds, chosen)
    source = (credits.CREDITS_SOURCE,)
    by_year = credits.credits_by_year(ds, sel.rows)
    ranking = credits.credits_ranking(ds, sel, year)
    residents_years = credits.years_text(ranking["qpv_population_year"])
    ratio = credits.ratio_label(year, residents_years)
    return dict(
        kpis=credits.credit_kpis(ds, chosen, sel, year), unattached=credits.unattached_note(ds, sel, year),
        by_year=dict(title=credits.year_title(by_year, sel.label), takeaway=credits.year_takeaway(by_year),
                     figure=figures.credits_year_bars(by_year) if by_year["posts"].sum() else None,
                     data=credits.year_table(by_year), source_ids=source, year=year_span(credits.credit_years(ds)),
                     key="credits_years", note=credits.CREDITS_NATURE),
        ranking=dict(title=credits.ranking_title(ranking, year, sel.level),
                     takeaway=credits.ranking_takeaway(ranking, sel.level, figures.MAX_BARS),
                     figure=figures.ranking_bars(ranking, year) if len(ranking) else None,
                     data=credits.ranking_table(ranking, year, ratio), source_ids=source, year=str(year),
                     key="credits_ranking", note=credits.CREDITS_NATURE),
        per_resident=dict(title=credits.per_resident_title(ranking, year),
                          takeaway=credits.per_resident_takeaway(ranking, ratio),
                          figure=figures.per_resident_bars(ranking, ratio) if len(ranking) else None,
                          data=credits.ranking_table(ranking, year, ratio), source_ids=source,
                          year=f"{year} ; habitants {residents_years}", key="credits_per_resident",
                          note=credits.CREDITS_NATURE),
    )
