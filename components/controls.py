"""Small page controls shared by the home and Territoires pages."""
from __future__ import annotations

import streamlit as st

from quartiers.figures.territories import MEASURES

DEFAULT_MEASURE = "qpv_population"  # the map first shows residents (the start-up warm-up computes this view)


def map_measure(years: str, key: str) -> str:
    """What the map of départements is coloured by: QPV residents or share in QPV (labelled with both years)."""
    return st.segmented_control("Colorer la carte selon", list(MEASURES), default=DEFAULT_MEASURE,
                                format_func=lambda m: MEASURES[m] + (f" ({years})" if m == "share" else ""),
                                key=key, required=True)
