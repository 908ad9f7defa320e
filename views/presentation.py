"""Présentation: the key figures as full-screen slides for a meeting, following the filters; the pack export."""
import streamlit as st

from components import deck_print, filters, slideshow, state
from quartiers.slides import build_slides

ds = state.dataset()
chosen = state.filters()
slides = build_slides(ds, chosen)

st.caption(filters.describe(ds, chosen, applies=("region", "departement", "pilote")))
st.caption("Plein écran : touche F11 du navigateur, et repliez la barre latérale (flèche en haut à gauche). "
           "Touches ← et → : diapositive précédente ou suivante. Le pack (.pptx, .xlsx) et le lien de cette vue : "
           "« Exporter et partager » dans la barre latérale.")
if deck_print.requested():
    deck_print.all_slides(slides)
deck_print.link(chosen)
index = slideshow.navigator(slides, chosen)
slideshow.show(slides[index])
