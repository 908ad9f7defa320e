"""« Imprimer le diaporama »: every slide of the current filters in one page, one slide per printed page."""
from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from components import slideshow
from quartiers.filters import Filters
from quartiers.model import Finding

PARAM = "imprimer"


def requested() -> bool:
    """The page was opened with ?imprimer=1 (the link of the button below)."""
    return st.query_params.get(PARAM) == "1"


def link(chosen: Filters) -> None:
    """A button opening, in a new tab, every slide of these filters ready to print."""
    query = urlencode({**chosen.to_query(), PARAM: "1"}, doseq=True)
    st.link_button("Imprimer le diaporama", f"?{query}", icon=":material/print:",
                   help="Ouvre toutes les diapositives dans un nouvel onglet, une par page : imprimez-les avec "
                        "Ctrl+P (paysage).")


def all_slides(slides: list[Finding]) -> None:
    """Every slide, each in a container that ends a printed page (components.share.PAGE_CSS); then the page stops."""
    st.caption(f"{len(slides)} diapositives, une par page à l'impression : Ctrl+P (ou Cmd+P), format paysage.")
    for i, slide in enumerate(slides):
        with st.container(key=f"slide_page_{i}"):
            slideshow.show(slide, f"{i + 1} / {len(slides)}", key=f"{slideshow.CARD_KEY}_{i}")
    st.stop()
