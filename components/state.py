"""Cached access to the dataset and the current filters, shared by every page."""
from __future__ import annotations

import streamlit as st

from quartiers.data import Dataset, DataError, data_dir, load_dataset
from quartiers.filters import Filters


@st.cache_resource(max_entries=2, show_spinner="Chargement des données…")
def _load(folder: str) -> Dataset:
    return load_dataset(folder)


def dataset() -> Dataset:
    """The validated dataset; on a data problem, a French explanation and the page stops (no traceback)."""
    try:
        return _load(str(data_dir()))
    except DataError as exc:
        st.error("**Les données du tableau de bord ne peuvent pas être chargées.**\n\n" + str(exc), icon="⚠️")
        st.stop()


def filters() -> Filters:
    """The filters chosen in the sidebar (set by dashboard.py before the page runs)."""
    return st.session_state.get("_filters", Filters())
