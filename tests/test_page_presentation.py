"""AppTest of /presentation: the slides of the link's filters, navigation, pack downloads and the view's link."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.share import PAGE_CSS, view_url
from quartiers.filters import Filters, parse_filters
from quartiers.slides import build_slides
from tests.conftest import open_page

QUERIES = {"none": {}, "pilote-est-ensemble": {"pilote": ["est-ensemble"]}, "region-11": {"region": ["11"]}}


def presentation(query: dict) -> AppTest:
    return open_page("views/presentation.py", query)


def filters_of(ds, query: dict) -> Filters:
    return parse_filters(query, ds)[0]


@pytest.mark.parametrize("case", QUERIES)
def test_page_shows_the_first_slide_of_the_filters(ds, case):
    at = presentation(QUERIES[case])
    slides = build_slides(ds, filters_of(ds, QUERIES[case]))
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == [slides[0].title]
    assert [m.value for m in at.metric] == list(slides[0].chart.texts)
    assert at.selectbox(key="slide_index").options == [
        f"Diapositive {i + 1} sur {len(slides)} — {s.label}" for i, s in enumerate(slides)]
    assert at.button(key="slide_prev").disabled and not at.button(key="slide_next").disabled
    assert [b.label for b in at.get("download_button")] == ["Diapositives (.pptx)", "Données (.xlsx)"]


def test_next_and_previous_change_the_slide(ds):
    at = presentation(QUERIES["pilote-est-ensemble"])
    slides = build_slides(ds, Filters(pilotes=("est-ensemble",)))
    at.button(key="slide_next").click().run()
    assert [t.value for t in at.title] == [slides[1].title]
    at.button(key="slide_next").click().run()
    assert [t.value for t in at.title] == [slides[2].title]
    at.button(key="slide_prev").click().run()
    assert [t.value for t in at.title] == [slides[1].title]
    at.selectbox(key="slide_index").set_value(len(slides) - 1).run()
    assert at.title[0].value == slides[-1].title == \
        "EPT Est Ensemble : 153\u202f761 habitants en QPV, 34\u202f% de sa population"
    assert at.button(key="slide_next").disabled
    assert not at.exception


def test_copy_link_holds_the_filters():
    at = presentation(QUERIES["pilote-est-ensemble"])
    links = [c.value for c in at.code]
    # No browser in AppTest, hence no st.context.url: the link is relative to the server.
    assert links == ["/presentation?pilote=est-ensemble"]


def test_slide_index_goes_back_to_the_first_slide_when_the_filters_change():
    def app():
        import streamlit as st

        from components import slideshow
        from quartiers.data import load_dataset
        from quartiers.filters import Filters
        from quartiers.slides import build_slides

        chosen = Filters(regions=tuple(st.session_state.get("test_regions", ())))
        slides = build_slides(load_dataset(), chosen)
        st.write(f"index {slideshow.navigator(slides, chosen)}")

    at = AppTest.from_function(app, default_timeout=60).run()
    at.button(key="slide_next").click().run()
    at.button(key="slide_next").click().run()
    assert at.markdown[-1].value == "index 2"
    at.session_state["test_regions"] = ["76"]
    at.run()
    assert at.markdown[-1].value == "index 0"
    assert not at.exception


def test_view_url_round_trips_through_the_link_parser(ds):
    chosen = Filters(regions=("11", "76"), pilotes=("toulouse",))
    url = view_url("http://localhost:8501/presentation", chosen)
    assert url == "http://localhost:8501/presentation?region=11&region=76&pilote=toulouse"
    query = {}
    for pair in url.split("?", 1)[1].split("&"):
        key, value = pair.split("=")
        query.setdefault(key, []).append(value)
    assert parse_filters(query, ds) == (chosen, [])
    assert view_url("http://h/", Filters()) == "http://h/"


def test_print_styles_hide_the_sidebar_and_keep_charts_whole():
    assert "@media print" in PAGE_CSS
    assert '[data-testid="stSidebar"]' in PAGE_CSS and "break-inside: avoid" in PAGE_CSS


def test_link_opens_its_slide_and_keeps_it_in_the_address(ds):
    at = presentation({"region": ["11"], "diapo": ["3"]})
    slides = build_slides(ds, Filters(regions=("11",)))
    assert [t.value for t in at.title] == [slides[2].title]
    assert at.query_params["diapo"] in ("3", ["3"])
    at.button(key="slide_next").click().run()
    assert at.query_params["diapo"] in ("4", ["4"]) and at.title[0].value == slides[3].title


def test_unknown_slide_in_the_link_gives_a_notice_and_the_first_slide(ds):
    at = presentation({"diapo": ["quarante"]})
    assert not at.exception
    assert at.title[0].value == build_slides(ds, Filters())[0].title
    assert any("diapositive « quarante » inconnue" in w.value for w in at.warning)
