"""Print views without a browser: the whole deck on one page, the print rules of every page."""
from __future__ import annotations

import pandas as pd

from components.cards import PAPER_TABLE_CLASS, paper_table
from components.share import PAGE_CSS
from quartiers.filters import Filters
from quartiers.formatting import NBSP, NOT_AVAILABLE_SHORT
from quartiers.slides import build_slides
from tests.conftest import open_page


def test_deck_for_print_shows_every_slide(ds):
    at = open_page("views/presentation.py", {"imprimer": ["1"], "pilote": ["est-ensemble"]})
    slides = build_slides(ds, Filters(pilotes=("est-ensemble",)))
    assert [t.value for t in at.title] == [s.title for s in slides]
    assert not at.button, "no slide navigation on the deck for print"


def test_slideshow_offers_the_deck_for_print():
    at = open_page("views/presentation.py", {"region": ["76"]})
    assert len(at.title) == 1
    assert any("Imprimer le diaporama" in str(e.proto) for e in at.main.get("link_button"))


def test_print_rules_hide_widgets_and_show_whole_tables():
    print_rules = PAGE_CSS[PAGE_CSS.index("@media print"):]
    hidden_on_paper = print_rules[:print_rules.index("{ display: none")]
    for hidden in ("stMultiSelect", "stSelectbox", "stButtonGroup", "stDownloadButton", "details:not([open])",
                   "st-key-screen_", "stSidebar"):
        assert hidden in hidden_on_paper
    assert '[class*="st-key-print_"] { display: block' in print_rules
    assert PAGE_CSS.index('[class*="st-key-print_"]') < PAGE_CSS.index("@media print"), "print copies hidden on screen"


def test_a_paper_table_is_escaped_html_with_its_header():
    html = paper_table(pd.DataFrame({"Nom": ["<script>x</script> & Cie", None],
                                     "Habitants": [f"1{NBSP}514", float("nan")], "<b>": ["a", "b"]}))
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt; &amp; Cie" in html
    assert "<th>&lt;b&gt;</th>" in html and "<b>" not in html
    assert f'class="dataframe {PAPER_TABLE_CLASS}"' in html and "<thead>" in html  # a header on every page
    assert html.count("<tr>") == 2 and html.count(f"<td>{NOT_AVAILABLE_SHORT}</td>") == 2
    assert f"table.{PAPER_TABLE_CLASS} thead {{ display: table-header-group; }}" in PAGE_CSS
