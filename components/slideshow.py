"""One slide at a time, sized for a projector (1024×768, 1280×720): a slim navigation bar, then the slide card
(title, finding, chart or big numbers, source) within one screen; notes and data folded below the card."""
from __future__ import annotations

import html

import streamlit as st

from components.cards import plotly_chart
from quartiers.figures.slides import slide_figure
from quartiers.filters import SLIDE_PARAM, Filters, parse_slide
from quartiers.model import Finding, screen_table

INDEX_KEY = "slide_index"
FILTERS_KEY = "slide_filters"
KPIS_PER_ROW = 3
CHART_HEIGHT = 400  # px: with the bar, a title and a finding of 2 lines each and the source, fits 720 px
CARD_KEY = "slide_card"

# Static layout of the projection view, no data inside: less room above the page, a compact title and finding.
PROJECTION_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.75rem; padding-bottom: 1rem; }
.st-key-slide_card { gap: 0.4rem; }
.st-key-slide_card h1 { font-size: 1.65rem; line-height: 1.25; padding: 0 0 0.2rem 0; margin: 0 !important; }
.st-key-slide_card .slide-finding { font-size: 1.1rem; line-height: 1.35; margin: 0; color: #57606a; }
.st-key-slide_card [data-testid="stMetricValue"] { font-size: 2rem; }
.st-key-slide_nav { gap: 0.5rem; }
</style>"""


def _step(delta: int, count: int) -> None:
    st.session_state[INDEX_KEY] = min(max(st.session_state.get(INDEX_KEY, 0) + delta, 0), count - 1)


def current_index(chosen: Filters, count: int) -> tuple[int, list[str]]:
    """The slide shown and the notices about the link: a new session opens the link's slide (`diapo`), a change of
    filters goes back to the first slide; always within the sequence. The slide is written back to the link."""
    notices: list[str] = []
    if st.session_state.get(FILTERS_KEY) != chosen:
        opening = FILTERS_KEY not in st.session_state
        st.session_state[FILTERS_KEY] = chosen
        index, notices = parse_slide(st.query_params.get_all(SLIDE_PARAM), count) if opening else (0, [])
        st.session_state[INDEX_KEY] = index
    index = min(max(st.session_state.get(INDEX_KEY, 0), 0), count - 1)
    st.session_state[INDEX_KEY] = index
    st.query_params[SLIDE_PARAM] = str(index + 1)
    return index, notices


def navigator(slides: list[Finding], chosen: Filters, help_text: str = "") -> int:
    """A slim bar: « Précédent », « 3 / 7 », the jump list, « Suivant » (also the ← and → keys), help in a popover.
    Returns the index shown."""
    count = len(slides)
    index, notices = current_index(chosen, count)
    for notice in notices:
        st.warning(notice, icon=":material/link_off:")
    with st.container(horizontal=True, vertical_alignment="center", key="slide_nav"):
        st.button("Précédent", key="slide_prev", icon=":material/arrow_back:", disabled=index == 0,
                  on_click=_step, args=(-1, count), shortcut="Left")
        st.markdown(f"**{index + 1} / {count}**", width="content")
        st.selectbox("Diapositive", range(count), key=INDEX_KEY, label_visibility="collapsed", width=340,
                     format_func=lambda i: f"Diapositive {i + 1} sur {count} — {slides[i].label}")
        st.button("Suivant", key="slide_next", icon=":material/arrow_forward:", icon_position="right",
                  disabled=index == count - 1, on_click=_step, args=(1, count), shortcut="Right")
        if help_text:
            with st.popover("Aide", icon=":material/help:"):
                st.markdown(help_text)
    return index


def _kpis(slide: Finding) -> None:
    chart = slide.chart
    for start in range(0, len(chart.categories), KPIS_PER_ROW):
        cols = st.columns(KPIS_PER_ROW)
        for col, i in zip(cols, range(start, min(start + KPIS_PER_ROW, len(chart.categories)))):
            with col:
                st.metric(chart.categories[i], chart.texts[i], border=True)
                st.caption(chart.captions[i])


def show(slide: Finding, number: str = "", key: str = CARD_KEY) -> None:
    """The slide card: title (the finding), one sentence, the chart or big numbers, the source and the slide's
    scope; notes and data folded below the card. `key`: one per card when several are on a page (print)."""
    st.html(PROJECTION_CSS)
    with st.container(border=True, key=key):
        st.title(slide.title)
        st.html(f'<p class="slide-finding">{html.escape(slide.takeaway)}</p>')
        if slide.chart.kind == "kpi":
            _kpis(slide)
        else:
            figure = slide_figure(slide.chart, CHART_HEIGHT)
            if figure is None:
                st.info("Aucune donnée à représenter pour ce choix.")
            else:
                # theme=None: keep the house template's large fonts rather than Streamlit's theme
                plotly_chart(figure, slide.title, slide.source_and_scope, f"slide_{slide.key}", theme=None)
        footer = [slide.source] + ([f"Champ : {slide.scope}"] if slide.scope else []) + ([number] if number else [])
        st.caption(" · ".join(footer))
    with st.expander("Notes et données de la diapositive"):
        for note in slide.caveats:
            st.markdown(f"- {note}")
        st.dataframe(screen_table(slide.table), hide_index=True, width="stretch")
