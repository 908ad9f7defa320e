"""The shared sidebar filters, mirrored in the URL both ways.

A new session (a link opened, a page reloaded) takes its filters from the URL, dropping unknown values with a
notice; a tab that comes back on a new session (its replica restarted) keeps the widgets it shows. After that, the
widgets hold the state and the URL is rewritten from them on every run, so the parameters survive page changes
(st.navigation clears them) and a copied address reopens the same view.
"""
from __future__ import annotations

import streamlit as st
from streamlit.runtime.state import get_session_state

from components import state
from quartiers.data import Dataset
from quartiers.filters import PARAMS, Filters, options, parse_filters

LABELS = {"region": "Région", "departement": "Département", "pilote": "Territoire pilote", "priorite": "Priorité"}
HELP = {
    "region": "Restreint les chiffres et les cartes aux régions choisies.",
    "departement": "Liste restreinte aux régions choisies, s'il y en a.",
    "pilote": "Restreint les pages Quartiers productifs, Budget et Présentation aux pilotes choisis.",
    "priorite": "Restreint la matrice des priorités et les programmes associés.",
}
INIT_KEY = "_filters_from_url"


def _widgets_sent() -> bool:
    """Whether the browser sent widget values with this run. A new tab sends none; a tab whose session was lost (its
    replica restarted) sends those of the page it shows, a click in flight included, with the URL of before that
    click. Streamlit has no public API for it: read its session state (tests/test_deploy.py checks it)."""
    return len(get_session_state()._state._new_widget_state) > 0


def _init_from_url(ds: Dataset) -> list[str]:
    st.session_state[INIT_KEY] = True
    if _widgets_sent():
        return []  # the tab's own widgets say its view; the URL is rewritten from them
    raw = {p: st.query_params.get_all(p) for p in PARAMS}
    chosen, notices = parse_filters(raw, ds)
    for param, values in chosen.to_query().items():
        st.session_state[f"f_{param}"] = values
    return notices


def sidebar(ds: Dataset) -> tuple[Filters, list[str]]:
    """Draw the filters in the sidebar; return them and the notices about the link (first run of a session)."""
    notices = [] if st.session_state.get(INIT_KEY) else _init_from_url(ds)
    known = state.view(options)
    with st.sidebar:
        st.markdown("### Filtres")
        regions = st.multiselect(LABELS["region"], list(known["region"]), format_func=known["region"].get,
                                 key="f_region", help=HELP["region"], placeholder="Toutes les régions",
                                 select_all=False)
        in_regions = set(ds.departements.loc[ds.departements["reg_code"].isin(regions), "dep_code"]) if regions \
            else set(known["departement"])
        dep_options = [d for d in known["departement"] if d in in_regions]
        # A région removed after a département was chosen: drop the départements that are now outside.
        st.session_state["f_departement"] = [d for d in st.session_state.get("f_departement", []) if d in in_regions]
        departements = st.multiselect(LABELS["departement"], dep_options, format_func=known["departement"].get,
                                      key="f_departement", help=HELP["departement"],
                                      placeholder="Tous les départements", select_all=False)
        pilotes = st.multiselect(LABELS["pilote"], list(known["pilote"]), format_func=known["pilote"].get,
                                 key="f_pilote", help=HELP["pilote"], placeholder="Les 14 pilotes", select_all=False)
        priorites = st.multiselect(LABELS["priorite"], list(known["priorite"]), format_func=known["priorite"].get,
                                   key="f_priorite", help=HELP["priorite"], placeholder="Les 4 priorités",
                                   select_all=False)
    chosen = Filters(tuple(regions), tuple(departements), tuple(pilotes), tuple(priorites))
    _write_url(chosen)
    return chosen, notices


def _write_url(chosen: Filters) -> None:
    wanted = chosen.to_query()
    current = {p: st.query_params.get_all(p) for p in PARAMS if st.query_params.get_all(p)}
    if current != wanted:
        for param in PARAMS:
            if param in wanted:
                st.query_params[param] = wanted[param]
            elif param in st.query_params:
                del st.query_params[param]


def describe(ds: Dataset, chosen: Filters, applies: tuple[str, ...]) -> str:
    """One plain sentence saying which filters apply to what the page shows, e.g. for a caption."""
    known = state.view(options)
    parts = []
    for param, values in zip(PARAMS, (chosen.regions, chosen.departements, chosen.pilotes, chosen.priorites)):
        if param in applies and values:
            names = ", ".join(known[param][v] for v in values)
            parts.append(f"{LABELS[param].lower()} : {names}")
    ignored = [LABELS[p].lower() for p, v in zip(PARAMS, (chosen.regions, chosen.departements, chosen.pilotes,
                                                          chosen.priorites)) if v and p not in applies]
    text = "Filtres appliqués — " + " ; ".join(parts) if parts else "Aucun filtre appliqué : vue nationale."
    if ignored:
        text += f" (Filtre sans effet sur cette page : {', '.join(ignored)}.)"
    return text
