"""Cached access to the dataset and the current filters, shared by every page."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from quartiers.data import Dataset, DataError, data_dir, load_dataset
from quartiers.filters import Filters

T = TypeVar("T")


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


@st.cache_resource(max_entries=400, show_spinner=False)
def _memo(name: str, key: tuple, _build: Callable[[], T]) -> T:
    return _build()


def memo(name: str, build: Callable[[], T], *key) -> T:
    """build(), computed once per (name, key) and shared by every session: for the tables and figures of a card,
    which depend only on the dataset (loaded once) and on `key` (the filters, a year, a choice). A filter change
    then costs a rerun only the first time anybody asks for that view. Bounded, least recently used first out.
    The result is shared: callers must not modify it."""
    return _memo(name, key, build)
