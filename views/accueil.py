"""Vue d'ensemble: headline figures, map of départements, régions ranked, the 2021 money, the pilots."""
import streamlit as st

from components import cards, controls, filters, state
from quartiers import territories
from quartiers.metrics import headline
from quartiers.page_cards.home import home_map, home_others

ds = state.dataset()
chosen = state.filters()
sc = state.scope()
st.title("Quartiers productifs — vue d'ensemble")
st.caption(filters.describe(ds, chosen, applies=("region", "departement")))
st.subheader(sc.label)
cards.kpi_row(ds, state.view(headline, chosen))

years = territories.share_years(territories.map_table(ds))

map_col, rank_col = st.columns([2, 1])
with map_col:
    measure = controls.map_measure(years, key="home_measure")
    cards.chart_card(ds, **state.view(home_map, chosen, measure))
others = state.view(home_others, chosen)
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
