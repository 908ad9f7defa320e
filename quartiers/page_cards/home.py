"""The home page's cards (views/accueil.py): map of départements, régions ranked, the 2021 money, the pilots."""
from __future__ import annotations

from quartiers import findings, home, qpv_pilots, territories
from quartiers.data import Dataset
from quartiers.figures import territories as figs
from quartiers.filters import Filters
from quartiers.metrics import pilots_in_scope, scope


def home_map(ds: Dataset, chosen: Filters, measure: str) -> dict:
    """The map of départements coloured by `measure`, the chosen territory highlighted."""
    deps = territories.map_table(ds)
    selected = territories.map_codes(ds, scope(ds, chosen))
    selection = deps[deps["code"].isin(selected)]
    return dict(
        title=findings.map_title(deps, measure), takeaway=findings.territory_map_takeaway(deps, selection, measure),
        figure=figs.departement_figure(deps, ds.geo_departements, measure, frames=ds.geo_inset_frames,
                                       highlight=selected),
        data=territories.display_table(deps, "departement", counts=False),
        source_ids=territories.sources_of(deps, counts=False),
        year=territories.share_years(deps) if measure == "share" else
        territories.year_label(deps["qpv_population_year"]), key="home_map",
        note=territories.year_exceptions(deps))


def home_others(ds: Dataset, chosen: Filters) -> dict:
    """Régions ranked, the 2021 money, the pilots at a glance, for these filters."""
    sc = scope(ds, chosen)
    selected_regions = sc.reg_codes if sc.level != "national" else ()
    regions = territories.region_table(ds)
    split = home.budget_split(ds)
    pilots = home.pilots_glance(ds, pilots_in_scope(ds, sc), chosen)
    listed = {f.pilot_id: f for f in qpv_pilots.pilot_figures(ds, sc, tuple(pilots["pilot_id"]))}
    shown = home.pilots_display(pilots, listed)
    return dict(
        regions=dict(title=findings.territory_ranking_title(regions, "region"),
                     takeaway=findings.territory_ranking_takeaway(regions, "region", selected_regions),
                     figure=figs.ranking_bar(regions, "Habitants des QPV", selected_regions),
                     data=territories.display_table(regions, "region", counts=False),
                     source_ids=territories.sources_of(regions, counts=False),
                     year=territories.year_label(regions["qpv_population_year"]), key="home_regions",
                     note=" ".join(filter(None, ["Sélection en orange, marquée ▶." if selected_regions else "",
                                                 territories.year_exceptions(regions)]))),
        budget=dict(title=findings.budget_title(split),
                    takeaway="Montant national annoncé en 2021 : il ne change pas avec le territoire choisi (aucune "
                             "ventilation territoriale n'est publiée).",
                    figure=figs.budget_split_bar(split),
                    data=split.rename(columns={"label_fr": "Ligne", "amount_meur": "Montant (M€)",
                                               "period": "Période"})[["Ligne", "Montant (M€)", "Période"]],
                    source_ids=tuple(split["source_id"].unique()) + (split["total_source_id"].iloc[0],), year="2021",
                    key="home_budget"),
        pilots=None if pilots.empty else dict(
            title=findings.glance_pilots_title(pilots),
            takeaway=findings.pilots_takeaway(pilots) + ("" if sc.level == "national"
                                                         else f" Pilotes situés dans : {sc.label}."),
            note=f"{home.LIST_COLUMN} : {qpv_pilots.METHOD_FR} (le détail : page Quartiers productifs).",
            data=shown,
            source_ids=tuple(sorted((set(pilots["source_id"].dropna()) - {""}) | {qpv_pilots.SRC_POPULATION})),
            year=territories.year_label(pilots["year"]), key="home_pilots", download=shown.drop(columns="Fiche")),
    )
