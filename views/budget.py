"""Budget: the 2021 plan announced and reported (national), the three axes, and the politique de la ville credits
by territory and year (following the filters)."""
import streamlit as st

from components import cards, filters, state
from quartiers import budget, credits
from quartiers.page_cards.budget import budget_credits, budget_national

ds = state.dataset()
chosen = state.filters()
st.title("Budget")
st.caption(filters.describe(ds, chosen, applies=("region", "departement", "pilote")))

# --- National lines: no filter applies ----------------------------------------------------------------------------
st.header("Le plan 2021 pour les quartiers : annoncé et mobilisé")
st.info("Ces montants sont **nationaux** : ils ne changent pas avec le territoire ou le pilote choisi. "
        "Chaque montant est donné avec sa source et sa période.", icon=":material/public:")
cards.kpi_row(ds, state.view(budget.budget_kpis))


plan_cards = state.view(budget_national)
for card in plan_cards[:3]:
    cards.chart_card(ds, **card)

# --- The three axes -----------------------------------------------------------------------------------------------
st.header("Les trois axes")
for _, axis in ds.axes.iterrows():
    st.markdown(f"- **{axis['label_fr']}** : {axis['content_fr']}")
cards.chart_card(ds, **plan_cards[3])

# --- Politique de la ville credits: follow the filters ------------------------------------------------------------
st.header("Crédits de la politique de la ville : adultes-relais et FONJEP")
sel = credits.select_credits(ds, chosen)
st.caption(f"Ces crédits suivent les filtres de territoire et de pilote. Choix : **{sel.label}**.")
if chosen.pilotes and sel.contracts.empty:
    st.info(f"{credits.NO_CONTRACT_FR.capitalize()} : élargissez le territoire ou changez de pilote.",
            icon=":material/filter_alt_off:")
    st.stop()  # the credits section is the end of the page: nothing more to show
for note in sel.notes:
    st.warning(note, icon=":material/crop_free:")
years = credits.credit_years(ds)
year = st.segmented_control("Année des crédits", years, default=years[-1], required=True, key="budget_year")
parts = state.view(budget_credits, chosen, year)
cards.kpi_row(ds, parts["kpis"])
if parts["unattached"]:
    st.caption(parts["unattached"])
cards.chart_card(ds, **parts["by_year"])
left, right = st.columns(2)
with left:
    cards.chart_card(ds, **parts["ranking"])
with right:
    cards.chart_card(ds, **parts["per_resident"])
