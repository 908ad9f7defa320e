"""The cards of /qpv (views/qpv.py): the table, map and findings of the QPV of the filters, and one QPV's profile."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from quartiers import qpv
from quartiers.data import Dataset
from quartiers.figures import qpv as figs
from quartiers.filters import Filters
from quartiers.formatting import fr_eur, fr_points
from quartiers.memo import per_dataset

LARGEST = 15  # bars of the largest QPV (the table has them all)
# the indicators of a QPV profile, each with its chart's unit and its French format for the card's title
PROFILE_INDICATORS = {qpv.INCOME: (" €", fr_eur), qpv.POVERTY: (" %", fr_points)}


def map_measures(ds: Dataset) -> dict[str, Callable]:
    """What the points of the QPV map can be coloured by (a column of the table), each with its French format."""
    return {qpv.income_column(ds): fr_eur, qpv.poverty_column(ds): fr_points, qpv.COL_EMPLOYMENT: fr_points,
            qpv.COL_CHANGE: fr_points}


@per_dataset
def selection_rows(ds: Dataset, chosen: Filters) -> pd.DataFrame:
    """The table of the QPV of the filters (qpv.qpv_rows), shared by the page, its cards and its map."""
    return qpv.qpv_rows(ds, qpv.selection(ds, chosen))


def qpv_cards(ds: Dataset, chosen: Filters) -> dict:
    """The QPV of the filters: the sources and gaps of their table, the largest ones, poverty against income (each
    chart with the table behind it)."""
    rows = selection_rows(ds, chosen)
    income, poverty = qpv.income_column(ds), qpv.poverty_column(ds)
    return dict(sources=qpv.sources(ds, qpv.selection(ds, chosen)),
                missing=qpv.missing_values_note(ds, rows), largest=figs.largest_bar(rows, LARGEST),
                largest_data=rows[[qpv.COL_CODE, qpv.COL_NAME, qpv.COL_POP_2018]].head(LARGEST),
                poverty_finding=qpv.poverty_finding(ds, rows), poverty=figs.poverty_scatter(rows, income, poverty),
                poverty_data=rows[[qpv.COL_CODE, qpv.COL_NAME, income, poverty]].dropna())


def selection_map(ds: Dataset, chosen: Filters, measure: str) -> tuple:
    """The QPV of the filters placed on the map, coloured by `measure`: (points and outlines, figure or None, the
    table behind it)."""
    mp = qpv.map_points(ds, qpv.selection(ds, chosen), selection_rows(ds, chosen), measure)
    figure = figs.points_map(mp.points, "value", measure, map_measures(ds)[measure], mp.outlines) \
        if len(mp.points) else None
    return mp, figure, mp.points.drop(columns=["lon", "lat"]).rename(columns={
        "name": qpv.COL_NAME, "code_qp": qpv.COL_CODE, "pop_2018": "Habitants 2018", "value": measure})


def qpv_profile_parts(ds: Dataset, code: str) -> tuple:
    """One QPV's profile, then (series, figure, table) of each indicator, then its 2024 outline figure or None."""
    p = qpv.profile(ds, code)
    charts = []
    for indicator, (unit, _) in PROFILE_INDICATORS.items():
        series = p.series[p.series["indicator"] == indicator]
        charts.append((series, None if series.empty else figs.indicator_lines(series, unit),
                       series[["year", "value"]].rename(columns={"year": "Année", "value": "Valeur"})))
    outline = qpv.outlines_2024(ds, (p.qpv2024.name,)) if p.qpv2024 is not None else {"features": []}
    return p, charts, (figs.outline_map(outline, [f"{p.qpv2024['name']} (2024)"]) if outline["features"] else None)
