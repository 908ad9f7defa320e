"""Small page controls shared by the home and Territoires pages."""
from __future__ import annotations

import streamlit as st

from quartiers.figures.territories import MEASURES


def map_measure(years: str, key: str) -> str:
    """What the map of départements is coloured by: QPV residents or share in QPV (labelled with both years)."""
    return st.segmented_control("Colorer la carte selon", list(MEASURES), default="qpv_population",
                                format_func=lambda m: MEASURES[m] + (f" ({years})" if m == "share" else ""),
                                key=key, required=True)
