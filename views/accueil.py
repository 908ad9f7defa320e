"""Vue d'ensemble: headline figures, map of départements, régions ranked, the 2021 money, the pilots."""
import streamlit as st

from components import cards, controls, filters, state
from quartiers import findings, home, qpv_pilots, territories
from quartiers.figures import territories as figs
from quartiers.metrics import headline, pilots_in_scope

ds = state.dataset()
chosen = state.filters()
sc = state.scope()
st.title("Quartiers productifs — vue d'ensemble")
st.caption(filters.describe(ds, chosen, applies=("region", "departement")))
st.subheader(sc.label)
cards.kpi_row(ds, state.memo("accueil.kpis", lambda: headline(ds, chosen), chosen))

deps = state.memo("territories.map_table", lambda: territories.map_table(ds))
years = territories.share_years(deps)
selected_deps = territories.map_codes(ds, sc)
selected_regions = sc.reg_codes if sc.level != "national" else ()


def map_card() -> dict:
    selection = deps[deps["code"].isin(selected_deps)]
    return dict(
        title=findings.map_title(deps, measure), takeaway=findings.territory_map_takeaway(deps, selection, measure),
        figure=figs.departement_figure(deps, ds.geo_departements, measure, frames=ds.geo_inset_frames,
                                       highlight=selected_deps),
        data=territories.display_table(deps, "departement", counts=False),
        source_ids=territories.sources_of(deps, counts=False),
        year=years if measure == "share" else territories.year_label(deps["qpv_population_year"]), key="home_map",
        note=territories.year_exceptions(deps))


def other_cards() -> dict:
    """Régions ranked, the 2021 money, the pilots at a glance, for these filters."""
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


map_col, rank_col = st.columns([2, 1])
with map_col:
    measure = controls.map_measure(years, key="home_measure")
    cards.chart_card(ds, **state.memo("accueil.map", map_card, chosen, measure))
others = state.memo("accueil.others", other_cards, chosen)
with rank_col:
    cards.chart_card(ds, **others["regions"])
cards.chart_card(ds, **others["budget"])
if others["pilots"] is None:
    st.info(f"Aucun territoire pilote Quartiers productifs dans : {sc.label}.")
else:
    cards.table_card(
        ds, **others["pilots"], height="content",
        column_config={"Fiche": st.column_config.LinkColumn("Fiche", display_text="Ouvrir la fiche",
                                                            help="Ouvre la fiche du pilote dans un nouvel onglet, "
                                                                 "avec les mêmes filtres.", width=110),
                       # the figures narrow enough that the row fits the card; the long wording last
                       "Territoire pilote": st.column_config.Column(width=220),
                       **{col: st.column_config.Column(width=95) for col in others["pilots"]["data"].columns[4:7]}})
