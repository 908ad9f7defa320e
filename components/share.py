"""Sharing a view, usable from any page: the pack downloads (.pptx, .xlsx), « Copier le lien », print layout."""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from string import Template
from urllib.parse import urlencode

import streamlit as st
from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from components import state
from components.cards import HEADING_KEY, PAPER_TABLE_CLASS
from quartiers.data import Dataset
from quartiers.figures.image import MAX_LINES, band_px
from quartiers.figures.svg import CHART_CLASS, NARROW_CLASS, SHAPES_CLASS, WIDE_CLASS
from quartiers.filters import Filters
from quartiers.slides import build_slides, filters_label, pack_name

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# On paper, a section's first card, so that it fits one page with the heading and notes above it (measured in
# Chrome's PDFs of /pilotes and /territoires?region=76): on a page printed at 72 %, and on one printed full size.
LEAD_CARD_ZOOM, LEAD_CARD_ZOOM_FULL_SIZE = 0.8, 0.7
# on paper, a row of cards that holds a server-drawn map (home, Territoires): the régions ranked beside the map are
# taller than an A4 page at full size; at 65 % the row fits one page, whole
MAP_ROW_ZOOM = 0.65

# widgets left off paper with their whole element box, not only the widget: no empty box, no page break held by it
PAPER_WIDGETS = ("stButton", "stDownloadButton", "stLinkButton", "stPopover", "stSelectbox", "stMultiSelect",
                 "stTextInput", "stButtonGroup", "stRadio")

def _heading_rules(chart: str, band: int) -> str:
    """Styles that clip the heading band (`band` px) off the top of the plotly charts matched by `chart`: the plot
    moves up under the chart's box, which clips it, and what follows the chart moves up by as much (Streamlit sizes
    the box from the figure's height, band included, and plotly takes that height); the toolbar stays on top."""
    return (f'{chart} .svg-container {{ margin-top: -{band}px !important; }}\n'
            f'{chart} {{ margin-bottom: -{band}px !important; }}\n'
            f'{chart} .modebar-container {{ top: {band}px !important; }}')


# Static page styles, no data inside.
# Everywhere: the heading band of a plotly chart, which only its PNG download shows (quartiers.figures.image): the
# card shows its title and source already.
# On screen: Streamlit's English-only hints that we can spare (« Press Enter to apply »; a table's « Show/hide
# columns »), and the print-only copies of tables (containers keyed "print_…"); of a server-drawn chart with a phone
# layout (quartiers.figures.svg), the wide one above 640 px and on paper, the narrow one below.
# On paper (Ctrl+P, A4 landscape): no sidebar, header, widget, button, closed « Voir les données » or chart toolbar;
# tables printed whole from their print-only copy (keyed "print_…") in place of the scrolling grid (keyed
# "screen_…"), which a printer would cut; charts, metrics and cards kept whole on one page.
PAGE_CSS = Template("""<style>
[data-testid="InputInstructions"], [data-testid="stElementToolbarButton"]:has(button[aria-label="Show/hide columns"]),
[class*="st-key-print_"], svg.$narrow { display: none !important; }
svg.$chart { display: block; }
$headings
[class*="st-key-kpis_"] [data-testid="stHorizontalBlock"] { flex-wrap: wrap; }
[class*="st-key-kpis_"] [data-testid="stColumn"] { min-width: 9.5rem; }
/* cards side by side only where each has room (a projector, 1024 px with the sidebar open, stacks them) */
@media screen and (max-width: 1200px) {
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [class*="st-key-card_"]) {
    flex-wrap: wrap !important; }
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [class*="st-key-card_"])
    > [data-testid="stColumn"] { min-width: 100% !important; flex: 1 1 100% !important; }
}
@media screen and (max-width: 640px) {
  svg.$wide { display: none !important; }
  svg.$narrow { display: block !important; }
}
@media print {
  @page { size: A4 landscape; margin: 1cm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  $widgets, [data-testid="stElementToolbar"], .modebar-container,
  [data-testid="stExpander"]:has(details:not([open])), details[data-testid="stExpander"]:not([open]),
  [class*="st-key-screen_"] { display: none !important; }
  [class*="st-key-print_"] { display: block !important; }
  [data-testid="stMain"], [data-testid="stAppViewContainer"] { margin-left: 0 !important; }
  /* the screen layout at 72 %: a 600 px map card fits on an A4 landscape page with its title and source */
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; zoom: 0.72; }
  /* but not where a server-drawn SVG chart is: Chrome pushes it whole to the next page without growing its card
     when the page is zoomed, so that it overlaps what follows (those charts are smaller and fit at full size) */
  [data-testid="stMainBlockContainer"]:has(svg.$chart) { zoom: 1; }
  /* a chart card whole on one page (its title was left at the foot of the previous one); a table card may split.
     Not in side-by-side columns: Chrome then printed the next card over the pushed one. */
  [class*="st-key-card_"]:not(:has([data-testid="stTable"], table.$paper)):not([data-testid="stColumn"] *) {
    break-inside: avoid; page-break-inside: avoid; }
  /* but a row of cards around a server-drawn map is kept whole, smaller: at full size Chrome left the cards' titles at
     the foot of one page, the map and the ranking on the next, and the ranking's end and source at the top of a third,
     over what followed */
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [class*="st-key-card_"]):has(g.$shapes) {
    break-inside: avoid; page-break-inside: avoid; zoom: $map_row_zoom; }
  [data-testid="stPlotlyChart"], [data-testid="stVegaLiteChart"], [data-testid="stMetric"],
  [data-testid="stTable"] tr, [data-testid="stExpander"] {
    break-inside: avoid; page-break-inside: avoid; }
  /* a table, not Streamlit's inline-table: an inline box cannot be split, and went whole to the next page */
  [data-testid="stTable"] table { display: table !important; width: 100% !important; table-layout: auto; }
  [data-testid="stTable"] td, [data-testid="stTable"] th { white-space: normal !important; overflow-wrap: anywhere; }
  table.$paper { width: 100%; border-collapse: collapse; font-size: 0.875rem; line-height: 1.35; }
  table.$paper th, table.$paper td { text-align: left !important; vertical-align: top; padding: 0.25rem 0.4rem;
    border-bottom: 1px solid #d5d9de; white-space: normal; overflow-wrap: break-word; }
  table.$paper th { font-weight: 600; }
  table.$paper thead { display: table-header-group; }
  table.$paper tr { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  /* a section's heading and notes on the page of its first card, never alone at the foot of a page: kept with what
     follows (the elements' boxes, between which Chrome breaks), and that card a little smaller, so that the three
     fit on one page (its chart alone filled a page, and the heading was left behind) */
  $section_head, $section_head + $element, $section_head + $element + $element { break-after: avoid; }
  :is($section_head + $card, $section_head + $element + $card, $section_head + $element + $element + $card,
      $section_head + $element + $element + $element + $card) { zoom: $lead_zoom; }
  [data-testid="stMainBlockContainer"]:has(svg.$chart) :is($section_head + $card, $section_head + $element + $card,
      $section_head + $element + $element + $card, $section_head + $element + $element + $element + $card) {
    zoom: $lead_zoom_full; }
  [class*="st-key-slide_page_"]:not(.st-key-slide_page_0) { break-before: page; page-break-before: always; }
}
</style>""").substitute(chart=CHART_CLASS, shapes=SHAPES_CLASS, map_row_zoom=MAP_ROW_ZOOM,
                        wide=WIDE_CLASS, narrow=NARROW_CLASS, paper=PAPER_TABLE_CLASS,
                        section_head='[data-testid="stElementContainer"]:has(h2)',
                        element='[data-testid="stElementContainer"]',
                        card='[data-testid="stLayoutWrapper"]:has(> [class*="st-key-card_"])', lead_zoom=LEAD_CARD_ZOOM,
                        lead_zoom_full=LEAD_CARD_ZOOM_FULL_SIZE,
                        widgets=", ".join(
    f'[data-testid="stElementContainer"]:has([data-testid="{widget}"])' for widget in PAPER_WIDGETS),
    headings="\n".join(_heading_rules(f'[class*="st-key-{HEADING_KEY}{n}_"]', band_px(n))
                        for n in range(1, MAX_LINES + 1)))


def page_styles() -> None:
    """Screen and print rules of every page (static CSS, no data). Call once per run, e.g. in dashboard.py."""
    st.html(PAGE_CSS)


def view_url(base: str, chosen: Filters) -> str:
    """The address that reopens this view: base (page address without query) plus the filters' parameters."""
    query = urlencode(chosen.to_query(), doseq=True)
    return f"{base}?{query}" if query else base


def copy_link(chosen: Filters, page_path: str = "") -> None:
    """« Copier le lien »: the current view's address with its filters, in a code block with a copy button.
    The address comes from the browser (st.context.url); without it (tests, some proxies) a relative link."""
    base = st.context.url or f"/{page_path}"
    st.markdown("**Copier le lien**")
    st.code(view_url(base, chosen), language=None, wrap_lines=True)
    st.caption("Le lien rouvre cette page avec les mêmes filtres (bouton de copie à droite du lien).")


# python-pptx and openpyxl are imported on the first download, not by every page (0,4 s at a server's start).
def _pptx(ds: Dataset, chosen: Filters) -> Callable[[], bytes]:
    def build() -> bytes:
        from quartiers.pptx_export import build_pptx
        return build_pptx(build_slides(ds, chosen), filters_label(ds, chosen), dt.date.today())
    return build


def _xlsx(ds: Dataset, chosen: Filters) -> Callable[[], bytes]:
    def build() -> bytes:
        from quartiers.exports import build_xlsx
        return build_xlsx(build_slides(ds, chosen))
    return build


# Streamlit stores a built download unreferenced: any two runs finishing (any session's) before the browser fetches it
# delete it, and the click gives a 404 (4 of 20 under load). So the file is also held, for PIN_S, at coordinates of
# its own (one per session and button), then swapped for an empty file, which releases it to the clean-up.
PIN_S = 120.0


def _held(build: Callable[[], bytes], mime: str, file_name: str, key: str) -> Callable[[], bytes]:
    """`build` for st.download_button (the file is made on click), the file held until fetched (see PIN_S).
    `key`: the button's, so that each session and button has its own slot."""
    ctx = get_script_run_ctx()
    slot = f"share:{ctx.session_id if ctx else ''}:{key}"

    def run() -> bytes:
        data = build()
        media = runtime.get_instance().media_file_mgr
        media.add(data, mime, slot, file_name, is_for_static_download=True)   # same content, same file id
        release = threading.Timer(PIN_S, media.add, (b"", mime, slot, None, True))
        release.daemon = True
        release.start()
        return data
    return run


def pack_downloads(ds: Dataset, chosen: Filters, key: str = "pack") -> None:
    """Two download buttons for the pack of the current filters. The files are built only on click."""
    name = state.view(pack_name, chosen)
    st.download_button("Diapositives (.pptx)", _held(_pptx(ds, chosen), PPTX_MIME, f"{name}.pptx", f"{key}_pptx"),
                       file_name=f"{name}.pptx", mime=PPTX_MIME,
                       key=f"{key}_pptx", on_click="ignore", icon=":material/slideshow:", width="stretch",
                       help="Graphiques natifs modifiables, une diapositive par chiffre clé, sources en bas.")
    st.download_button("Données (.xlsx)", _held(_xlsx(ds, chosen), XLSX_MIME, f"{name}.xlsx", f"{key}_xlsx"),
                       file_name=f"{name}.xlsx", mime=XLSX_MIME,
                       key=f"{key}_xlsx", on_click="ignore", icon=":material/table:", width="stretch",
                       help="Une feuille par diapositive : le tableau, son titre et sa source.")


def share_menu(ds: Dataset, chosen: Filters, page_path: str = "", key: str = "pack") -> None:
    """Pack downloads and the link of the view in one popover, for a page's top bar."""
    with st.popover("Exporter et partager", icon=":material/ios_share:", width="stretch"):
        st.markdown("**Le pack de ces filtres**")
        pack_downloads(ds, chosen, key)
        copy_link(chosen, page_path)
        st.caption("Imprimer : Ctrl+P (ou Cmd+P) ; la barre latérale et les boutons ne sont pas imprimés.")
