"""Entry point: page frame, shared filters (sidebar <-> URL), navigation. Pages live in pages/."""
from __future__ import annotations

import streamlit as st

from components import filters, state

st.set_page_config(page_title="Quartiers productifs — tableau de bord", page_icon=":material/location_city:",
                   layout="wide", initial_sidebar_state="expanded")

PAGES = [
    st.Page("pages/accueil.py", title="Vue d'ensemble", icon=":material/dashboard:", url_path="", default=True),
    st.Page("pages/territoires.py", title="Territoires", icon=":material/map:", url_path="territoires"),
    st.Page("pages/pilotes.py", title="Quartiers productifs", icon=":material/factory:", url_path="pilotes"),
    st.Page("pages/budget.py", title="Budget", icon=":material/euro:", url_path="budget"),
    st.Page("pages/presentation.py", title="Présentation", icon=":material/slideshow:", url_path="presentation"),
    st.Page("pages/sources.py", title="Sources et méthode", icon=":material/menu_book:", url_path="sources"),
]

page = st.navigation(PAGES)
ds = state.dataset()
chosen, notices = filters.sidebar(ds)
st.session_state["_filters"] = chosen
for notice in notices:
    st.warning(notice, icon=":material/link_off:")
page.run()
