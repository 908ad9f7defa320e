"""Présentation: the key figures as full-screen slides for a meeting, following the filters; the pack export."""
import streamlit as st

from components import filters, share, slideshow, state
from quartiers.slides import build_slides

ds = state.dataset()
chosen = state.filters()
share.print_styles()
slides = build_slides(ds, chosen)

top = st.columns([4, 1], vertical_alignment="center")
with top[0]:
    st.caption(filters.describe(ds, chosen, applies=("region", "departement", "pilote")))
    st.caption("Plein écran : touche F11 du navigateur, et repliez la barre latérale (flèche en haut à gauche). "
               "Touches ← et → : diapositive précédente ou suivante.")
with top[1]:
    share.share_menu(ds, chosen, page_path="presentation")
index = slideshow.navigator(slides, chosen)
slideshow.show(slides[index])
