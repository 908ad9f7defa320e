"""One slide at a time in large type: navigation (buttons, arrow keys, list) and the slide itself."""
from __future__ import annotations

import streamlit as st

from components.cards import plotly_config
from quartiers.figures.slides import slide_figure
from quartiers.filters import Filters
from quartiers.slides import Slide, display_table

INDEX_KEY = "slide_index"
FILTERS_KEY = "slide_filters"
KPIS_PER_ROW = 3


def _step(delta: int, count: int) -> None:
    st.session_state[INDEX_KEY] = min(max(st.session_state.get(INDEX_KEY, 0) + delta, 0), count - 1)


def current_index(chosen: Filters, count: int) -> int:
    """The slide shown: back to the first one when the filters change; always within the sequence."""
    if st.session_state.get(FILTERS_KEY) != chosen:
        st.session_state[FILTERS_KEY] = chosen
        st.session_state[INDEX_KEY] = 0
    st.session_state[INDEX_KEY] = min(max(st.session_state.get(INDEX_KEY, 0), 0), count - 1)
    return st.session_state[INDEX_KEY]


def navigator(slides: list[Slide], chosen: Filters) -> int:
    """« Précédent » / counter and jump list / « Suivant » (also the ← and → keys); returns the index shown."""
    count = len(slides)
    index = current_index(chosen, count)
    prev_col, pick_col, next_col = st.columns([1, 3, 1], vertical_alignment="center")
    with prev_col:
        st.button("Précédent", key="slide_prev", icon=":material/arrow_back:", disabled=index == 0,
                  on_click=_step, args=(-1, count), shortcut="Left", width="stretch")
    with pick_col:
        st.selectbox("Diapositive", range(count), key=INDEX_KEY, label_visibility="collapsed",
                     format_func=lambda i: f"Diapositive {i + 1} sur {count} — {slides[i].label}")
    with next_col:
        st.button("Suivant", key="slide_next", icon=":material/arrow_forward:", icon_position="right",
                  disabled=index == count - 1, on_click=_step, args=(1, count), shortcut="Right", width="stretch")
    return index


def _kpis(slide: Slide) -> None:
    chart = slide.chart
    for start in range(0, len(chart.categories), KPIS_PER_ROW):
        cols = st.columns(KPIS_PER_ROW)
        for col, i in zip(cols, range(start, min(start + KPIS_PER_ROW, len(chart.categories)))):
            with col:
                st.metric(chart.categories[i], chart.texts[i], border=True)
                st.caption(chart.captions[i])


def show(slide: Slide) -> None:
    """Title (the finding), one sentence, the chart or big numbers, the source; notes and data folded below."""
    with st.container(border=True):
        st.title(slide.title)
        st.subheader(slide.finding)
        if slide.chart.kind == "kpi":
            _kpis(slide)
        else:
            figure = slide_figure(slide.chart)
            if figure is None:
                st.info("Aucune donnée à représenter pour ce choix.")
            else:
                # theme=None: keep the house template's large fonts rather than Streamlit's theme
                st.plotly_chart(figure, config=plotly_config(slide.title), key=f"slide_{slide.key}",
                                width="stretch", theme=None)
        st.caption(slide.source)
    with st.expander("Notes et données de la diapositive"):
        for note in slide.notes:
            st.markdown(f"- {note}")
        st.dataframe(display_table(slide.table), hide_index=True, width="stretch")
