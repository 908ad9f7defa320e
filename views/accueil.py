"""Vue d'ensemble: headline figures, map of départements, régions ranked, the 2021 money, the pilots."""
import streamlit as st

from components import cards, controls, filters, state
from quartiers import findings, home, territories
from quartiers.figures import territories as figs
from quartiers.metrics import headline, pilots_in_scope, scope

ds = state.dataset()
chosen = state.filters()
sc = scope(ds, chosen)
st.title("Quartiers productifs — vue d'ensemble")
st.caption(filters.describe(ds, chosen, applies=("region", "departement")))
st.subheader(sc.label)
cards.kpi_row(ds, headline(ds, chosen))

regions = territories.region_table(ds)
deps = territories.map_table(ds)
selected_deps = territories.map_codes(ds, sc)
selection = deps[deps["code"].isin(selected_deps)]
selected_regions = sc.reg_codes if sc.level != "national" else ()
years = territories.share_years(deps)

map_col, rank_col = st.columns([2, 1])
with map_col:
    measure = controls.map_measure(years, key="home_measure")
    cards.chart_card(
        ds, findings.map_title(deps, measure), findings.map_takeaway(deps, selection, measure),
        figs.departement_figure(deps, ds.geo_departements, measure, frames=ds.geo_inset_frames,
                                highlight=selected_deps),
        territories.display_table(deps, "departement", counts=False), territories.sources_of(deps, counts=False),
        years if measure == "share" else territories.year_label(deps["qpv_population_year"]), key="home_map",
        note=territories.year_exceptions(deps))
with rank_col:
    cards.chart_card(
        ds, findings.ranking_title(regions, "region"), findings.ranking_takeaway(regions, "region", selected_regions),
        figs.ranking_bar(regions, "Habitants des QPV", selected_regions),
        territories.display_table(regions, "region", counts=False), territories.sources_of(regions, counts=False),
        territories.year_label(regions["qpv_population_year"]), key="home_regions",
        note="Sélection en orange, marquée ▶." if selected_regions else "")

split = home.budget_split(ds)
cards.chart_card(
    ds, findings.budget_title(split),
    "Montant national annoncé en 2021 : il ne change pas avec le territoire choisi (aucune ventilation "
    "territoriale n'est publiée).",
    figs.budget_split_bar(split),
    split.rename(columns={"label_fr": "Ligne", "amount_meur": "Montant (M€)", "period": "Période"})[
        ["Ligne", "Montant (M€)", "Période"]],
    tuple(split["source_id"].unique()) + (split["total_source_id"].iloc[0],), "2021", key="home_budget")

pilots = home.pilots_glance(ds, pilots_in_scope(ds, sc), chosen)
shown = home.pilots_display(pilots)
in_scope = "" if sc.level == "national" else f" Pilotes situés dans : {sc.label}."
if pilots.empty:
    st.info(f"Aucun territoire pilote Quartiers productifs dans : {sc.label}.")
else:
    cards.table_card(
        ds, findings.pilots_title(pilots), findings.pilots_takeaway(pilots) + in_scope, shown,
        tuple(sorted(set(pilots["source_id"].dropna()) - {""})), territories.year_label(pilots["year"]),
        key="home_pilots", download=shown.drop(columns="Fiche"), height="content",
        column_config={"Fiche": st.column_config.LinkColumn("Fiche", display_text="Ouvrir la fiche",
                                                            help="Ouvre la fiche du pilote dans un nouvel onglet, "
                                                                 "avec les mêmes filtres.")})
