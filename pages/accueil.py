"""Vue d'ensemble: the headline figures, following the territorial filters."""
import streamlit as st

from components import cards, filters, state
from quartiers.metrics import headline, scope

ds = state.dataset()
chosen = state.filters()
st.title("Quartiers productifs — vue d'ensemble")
st.caption(filters.describe(ds, chosen, applies=("region", "departement")))
st.subheader(scope(ds, chosen).label)
cards.kpi_row(ds, headline(ds, chosen))
