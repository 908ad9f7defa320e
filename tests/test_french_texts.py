"""Every text a page sends to the browser is French: no English string of Streamlit or plotly that we can avoid."""
from __future__ import annotations

import json

import pytest
from google.protobuf.json_format import MessageToDict

from components.cards import plotly_config
from quartiers.figures.style import PLOTLY_LOCALE_FR
from tests.conftest import open_page
from tests.test_app import PAGES

# English texts a French reader met on these pages (issue 12), case-insensitive.
ENGLISH = ("Select all", "No results", "Press Enter to apply", "Download plot", "Zoom in", "Zoom out", "Autoscale",
           "Show/hide columns", "Download as CSV", "Record screen", "Copy to clipboard", "superset")


def strings(value) -> list[str]:
    """Every string inside a nested dict/list (a JSON string, e.g. a chart's spec, is opened too)."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    if isinstance(value, str):
        if value[:1] in "{[":
            try:
                return [value, *strings(json.loads(value))]
            except ValueError:
                pass
        return [value]
    return []


def page_texts(at) -> list[str]:
    """The strings of every element of the page (main area and sidebar), as sent to the browser. A plotly chart's
    `config` is left out: it carries the French locale, whose keys are plotly's English texts."""
    texts = []
    for node in (at.main, at.sidebar):
        stack = [node]
        while stack:
            element = stack.pop()
            stack.extend(getattr(element, "children", {}).values())
            proto = getattr(element, "proto", None)
            if proto is not None and hasattr(proto, "DESCRIPTOR"):
                fields = MessageToDict(proto)
                fields.pop("config", None)
                texts += strings(fields)
    return texts


def english_in(texts: list[str]) -> list[str]:
    return sorted({e for e in ENGLISH for t in texts if e.lower() in t.lower()})


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("query", [{}, {"pilote": ["roubaix", "est-ensemble"]}], ids=["national", "pilotes"])
def test_no_english_text_on_the_page(page, query):
    at = open_page(page, query)
    texts = page_texts(at)
    assert len(texts) > 20, "the walk over the page found its texts"
    assert english_in(texts) == []


def test_the_walk_finds_an_english_text():
    assert english_in(["Choisir", 'englobant (superset)']) == ["superset"]
    assert english_in(strings({"a": ['{"title": "Zoom in"}']})) == ["Zoom in"]


def test_plotly_speaks_french_with_a_trimmed_toolbar():
    config = plotly_config("Régions : habitants des QPV")
    assert config["locale"] == "fr" and config["locales"]["fr"] is PLOTLY_LOCALE_FR
    assert PLOTLY_LOCALE_FR["dictionary"]["Download plot as a PNG"] == "Télécharger le graphique en fichier PNG"
    assert PLOTLY_LOCALE_FR["format"]["decimal"] == "," and PLOTLY_LOCALE_FR["format"]["thousands"] == "\u202f"
    assert "modeBarButtons" not in config  # a list of buttons to keep would drop Streamlit's full-screen button
    assert "toImage" not in config["modeBarButtonsToRemove"] and "zoom2d" in config["modeBarButtonsToRemove"]
    assert config["toImageButtonOptions"]["filename"] == "regions-habitants-des-qpv"


def test_pie_shares_are_written_the_french_way():
    from quartiers.figures.slides import slide_figure
    from quartiers.slides import Chart, Series

    fig = slide_figure(Chart("pie", ("Relance", "Vie quotidienne"), (Series("Montant", (1000.0, 2300.0)),), "meur"))
    assert fig.data[0].textinfo == "text"  # plotly's own « 30,3% » has no space
    assert fig.data[0].text[0].endswith("30,3\u202f%") and fig.data[0].text[1].endswith("69,7\u202f%")
