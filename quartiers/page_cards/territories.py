"""The cards of /territoires (views/territoires.py): map and ranking, treemap and table of the drill-down level,
the QPV of Occitanie, the outlines of a département's 2024 QPV."""
from __future__ import annotations

import pandas as pd

from quartiers import findings, qpv, territories
from quartiers.data import Dataset
from quartiers.figures import qpv as qpv_figs
from quartiers.figures import territories as figs
from quartiers.filters import Filters
from quartiers.memo import per_dataset
from quartiers.metrics import scope


@per_dataset
def zoomed_departements(ds: Dataset, chosen: Filters) -> pd.DataFrame:
    """The départements (and collectivités) the map shows for these filters: the whole map at national scope."""
    deps = territories.map_table(ds)
    zoom = territories.map_zoom(ds, scope(ds, chosen))
    return deps[deps["code"].isin(zoom)] if zoom else deps


def territories_map(ds: Dataset, chosen: Filters, measure: str) -> dict:
    """The map of départements zoomed on the chosen régions, coloured by `measure`."""
    zoom = territories.map_zoom(ds, scope(ds, chosen))
    shown = zoomed_departements(ds, chosen)
    return dict(
        title=findings.map_title(shown, measure),
        takeaway=findings.territory_map_takeaway(shown, shown[shown["code"].isin(chosen.departements)], measure),
        figure=figs.departement_figure(territories.map_table(ds), ds.geo_departements, measure,
                                       frames=None if zoom else ds.geo_inset_frames, highlight=chosen.departements,
                                       zoom_on=zoom),
        data=territories.display_table(shown, "departement", counts=False),
        source_ids=territories.sources_of(shown, counts=False),
        year=territories.share_years(shown) if measure == "share" else
        territories.year_label(shown["qpv_population_year"]),
        key="territoires_map", note=territories.year_exceptions(shown))


def territories_drill(ds: Dataset, chosen: Filters) -> dict:
    """Ranking, treemap and table of the drill-down level for these filters."""
    sc = scope(ds, chosen)
    drill = territories.drilldown(ds, sc)
    table = drill.table
    residents = f"Habitants des QPV ({territories.year_label(table['qpv_population_year'])})"
    nodes = territories.treemap_rows(ds, sc)
    shown = territories.display_table(table, drill.level)
    return dict(
        ranking=dict(title=findings.territory_ranking_title(table, drill.level),
                     takeaway=findings.territory_ranking_takeaway(table, drill.level),
                     figure=figs.ranking_bar(table, residents),
                     data=territories.display_table(table, drill.level, counts=False),
                     source_ids=territories.sources_of(table, counts=False),
                     year=territories.year_label(table["qpv_population_year"]), key="territoires_ranking",
                     note=" ".join(filter(None, [f"Les {figs.MAX_BARS} premiers sur {len(table)}."
                                                 if len(table) > figs.MAX_BARS else "",
                                                 territories.year_exceptions(table)]))),
        # a collectivité alone has one contrat de ville: nothing to break down (its figure: collectivite_notes)
        treemap=None if territories.only_collectivites(ds, sc) else dict(title=findings.treemap_title(nodes),
                     takeaway=findings.treemap_takeaway(territories.treemap_gap(ds, sc)),
                     figure=figs.treemap(nodes, "Habitants des QPV", maxdepth=2 if sc.level == "national" else 3)
                     if (nodes["level"] == "contrat").any() else None,
                     data=territories.treemap_display(nodes, residents), source_ids=("anct-ci-ville",),
                     year=territories.year_label(table["qpv_population_year"]), key="territoires_treemap"),
        table=dict(title=findings.table_title(table, drill.level),
                   takeaway=territories.count_note(table, drill.level),
                   shown=shown, formats=territories.table_formats(shown), source_ids=territories.sources_of(table),
                   year=territories.year_label(table["qpv_population_year"]) if drill.level == "contrat" else
                   territories.share_years(table),
                   note=("" if drill.level == "contrat" else
                         "Part en QPV : habitants des QPV rapportés à la population totale d'une autre année. ")
                   + territories.year_exceptions(table) + " " + territories.cautions(ds, table, drill.level)),
    )


def occitanie_cards(ds: Dataset, deps: tuple[str, ...], indicator: str) -> dict:
    """The QPV of these départements of Occitanie: map coloured by `indicator`, and their table."""
    labels = territories.INDICATOR_SHORT
    rows = territories.occitanie_qpv(ds, deps)
    table = territories.occitanie_display(rows)
    return dict(
        map=dict(title=findings.indicator_qpv_title(rows, indicator, labels[indicator]),
                 takeaway=f"{territories.indicator_descriptions(ds)[indicator]}. Chaque point est un quartier ; "
                          "zoomez sur la carte pour voir son contour.",
                 figure=figs.occitanie_qpv_figure(rows, ds.geo_qpv_occitanie, ds.geo_departements, indicator,
                                                  labels[indicator]),
                 data=table, source_ids=("hackaviz-occitanie",), year=ds.source("hackaviz-occitanie")["year"],
                 key="territoires_qpv_map"),
        count=len(rows), table=table, formats=territories.table_formats(table))


def departement_2024_map(ds: Dataset, dep_code: str) -> tuple:
    """The 2024 QPV of a département: (their outlines, titles and rows, the outline map)."""
    geo = qpv.departement_2024(ds, dep_code)
    return geo, qpv_figs.outline_map(geo.outlines, geo.hover, height=480)
