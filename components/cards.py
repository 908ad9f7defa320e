"""KPI row and chart card: every figure on screen with its finding, its data one click away, and its source."""
from __future__ import annotations

from html import escape

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler
from plotly.basedatatypes import BaseFigure

from components.state import once
from quartiers.data import Dataset
from quartiers.exports import csv_bytes
from quartiers.figures.image import heading, image_options, with_heading
from quartiers.figures.slides import slide_figure
from quartiers.figures.style import PLOTLY_LOCALE_FR
from quartiers.figures.svg import SvgChart
from quartiers.formatting import NOT_AVAILABLE_SHORT, fr_styler, fr_text, slug
from quartiers.metrics import Kpi, source_line
from quartiers.model import Finding

CSV_MIME = "text/csv"
SVG_MIME = "image/svg+xml"
PAPER_TABLE_CLASS = "qp-paper-table"  # a table's copy for paper (components.share.PAGE_CSS)
# plotly geo maps load a base topology even when they draw none: an empty one, served by the app (static/), in
# place of plotly's CDN. Relative, so that it also works under a path prefix (pages sit one level deep).
TOPOJSON_URL = "app/static/"
HEADING_KEY = "chart"  # + lines of its heading + "_" + card key: a plotly chart's key (PAGE_CSS clips the heading)


# plotly's own buttons but the PNG download, for every kind of chart the pages draw. Removed by name rather than
# listing the buttons kept (`modeBarButtons`): such a list also drops the full-screen button Streamlit adds.
PLOTLY_BUTTONS_REMOVED = ["zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d",
                          "resetScale2d", "hoverClosestCartesian", "hoverCompareCartesian", "toggleSpikelines",
                          "zoomInGeo", "zoomOutGeo", "resetGeo", "hoverClosestGeo", "hoverClosestPie", "toggleHover",
                          "resetViews", "sendDataToCloud"]


def plotly_config(title: str) -> dict:
    """plotly's toolbar trimmed to the PNG download (named after the chart, as wide as a slide: see
    quartiers.figures.image) and Streamlit's full-screen button, no logo, texts and numbers in French from the
    locale shipped with the project."""
    return {"displaylogo": False, "modeBarButtonsToRemove": PLOTLY_BUTTONS_REMOVED, "locale": "fr",
            "locales": {"fr": PLOTLY_LOCALE_FR}, "topojsonURL": TOPOJSON_URL,
            "toImageButtonOptions": image_options(slug(title))}


class _Sent(BaseFigure):
    """A figure already in plotly's dict form, handed to st.plotly_chart as it is."""

    def __init__(self, spec: dict) -> None:  # no BaseFigure.__init__: nothing is validated twice
        object.__setattr__(self, "_spec", spec)

    def to_dict(self) -> dict:
        return self._spec


def plotly_chart(figure: go.Figure, title: str, source: str, key: str, alt: str | None = None,
                 theme: str | None = "streamlit") -> None:
    """A plotly chart whose PNG download carries its title and source above it (quartiers.figures.image). The
    figure's dict is made once per figure object: st.plotly_chart would ask for `figure.to_dict()` on every rerun, a
    deep copy of the whole figure (a map's outlines included: 20-30 ms), although a memoised card's figure never
    changes. The chart's key holds the height of its heading band, which the pages' styles clip off."""
    def build() -> tuple[_Sent, int]:
        head = heading(title, source)
        return _Sent(with_heading(figure.to_dict(), head)), head.lines
    spec, lines = once(figure, "_sent", build)
    st.plotly_chart(spec, config=plotly_config(title), key=f"{HEADING_KEY}{lines}_{key}", width="stretch", alt=alt,
                    theme=theme)


def kpi_row(ds: Dataset, kpis: list[Kpi]) -> None:
    """Metrics side by side, each with its source and year underneath (and a note when the figure has a gap).
    Keyed "kpis_…" so that, where the row is too narrow for whole numbers (a projector with the sidebar open), its
    metrics go on two lines rather than cut their figure (components.share.PAGE_CSS)."""
    with st.container(key=f"kpis_{slug('-'.join(k.label for k in kpis))}"):
        for col, kpi in zip(st.columns(len(kpis)), kpis):
            with col:
                st.metric(kpi.label, kpi.display, help=kpi.note or None, border=True)
                st.caption(source_line(ds, kpi.source_ids, kpi.year, kpi.relayed_by)
                           + (f" — {kpi.note}" if kpi.note else ""))


def chart_card(ds: Dataset, title: str, takeaway: str, figure, data: pd.DataFrame, source_ids: tuple[str, ...],
               year: str, key: str, note: str = "") -> None:
    """Title that states the finding, one-line takeaway, the chart, « Voir les données » with a CSV download,
    and the source line. `data` holds the table behind the chart with French column names."""
    source = source_line(ds, source_ids, year)
    with st.container(border=True, key=f"card_{key}"):  # keyed: page styles (screen widths, paper)
        st.markdown(f"#### {title}")
        st.caption(takeaway)
        if figure is None:
            st.info("Aucune donnée à représenter pour ce choix.")
        elif isinstance(figure, SvgChart):
            st.markdown(figure.markup, unsafe_allow_html=True)  # st.html keeps HTML only, no SVG
        else:
            # the text alternative of a chart: its finding and takeaway (the data table is one click below)
            plotly_chart(figure, title, source, key, alt=f"{title}. {takeaway}")
        with _data_box(key) as box:
            if box.open:
                _table_and_download(data, title, key)
        if isinstance(figure, SvgChart):
            # the file itself, not a function that makes it on click: a deferred file is lost when the page reruns
            # between the click and the fetch (a busy server, an opened box)
            st.download_button("Télécharger l'image (SVG)", once(figure, "_image", lambda: figure.image(title, source)),
                               file_name=f"{slug(title)}.svg", mime=SVG_MIME, key=f"image_{key}", on_click="ignore",
                               icon=":material/image:",
                               help="Format diapositive 16:9, avec le titre, la source et l'année.")
        st.caption(source + (f" — {note}" if note else ""))


def finding_card(finding: Finding, key: str) -> None:
    """A Finding of the domain as a page card, with the same title, figures, source and scope as its slide and its
    sheet in the pack: title, takeaway, chart or big numbers, « Voir les données » (caveats, table, CSV), source."""
    with st.container(border=True, key=f"card_{key}"):  # keyed: page styles (screen widths, paper)
        st.markdown(f"#### {finding.title}")
        st.caption(finding.takeaway)
        chart = finding.chart
        if chart.kind == "kpi":
            for col, label, text, caption in zip(st.columns(len(chart.categories)), chart.categories, chart.texts,
                                                 chart.captions):
                with col:
                    st.metric(label, text, border=True)
                    st.caption(caption)
        else:
            figure = slide_figure(chart)
            if figure is None:
                st.info("Aucune donnée à représenter pour ce choix.")
            else:
                plotly_chart(figure, finding.title, finding.source_and_scope, key,
                             alt=f"{finding.title}. {finding.takeaway}", theme=None)
        with _data_box(key) as box:
            if box.open:
                for caveat in finding.caveats:
                    st.caption(caveat)
                _table_and_download(finding.table, finding.title, key)
        st.caption(finding.source_and_scope)


def table_card(ds: Dataset, title: str, takeaway: str, data: pd.DataFrame | Styler, source_ids: tuple[str, ...],
               year: str,
               key: str, column_config: dict | None = None, note: str = "", download: pd.DataFrame | None = None,
               height: int | str = "auto", print_rows: int = 0) -> None:
    """A table shown as the figure itself: title that states the finding, takeaway, sortable table, CSV download
    (of `download` if given, e.g. without link columns) and the source line. `print_rows`: paper gets only the first
    rows of a long table (the whole one is in the CSV), which also spares the page a second copy of it."""
    with st.container(border=True, key=f"card_{key}"):  # keyed: page styles (screen widths, paper)
        st.markdown(f"#### {title}")
        st.caption(takeaway)
        with st.container(key=f"screen_{key}"):
            _table_and_download(data, title, key, column_config, download, height)
        shown = download if download is not None else data
        if print_rows and len(shown.index if isinstance(shown, pd.DataFrame) else shown.data.index) > print_rows:
            frame = shown if isinstance(shown, pd.DataFrame) else shown.data
            # the same head for the same frame, so that its paper copy is made once (printed)
            printed(once(frame, f"_head{print_rows}", lambda: frame.head(print_rows)), key)
            st.caption(f"À l'impression : les {print_rows} premières lignes ; le tableau entier est dans le CSV.")
        else:
            printed(shown, key)
        st.caption(source_line(ds, source_ids, year) + (f" — {note}" if note else ""))


def _data_box(key: str):
    """« Voir les données », filled only once opened (opening reruns the page): a closed box costs no table on a
    rerun (10-15 ms each, most of a warm rerun) and nothing on the wire. Paper leaves closed boxes out anyway."""
    return st.expander("Voir les données", key=f"data_{key}", on_change="rerun")


def grid(data: pd.DataFrame, key: str, **options) -> None:
    """A table outside a card: the sortable grid on screen, its whole plain copy on paper (see printed). `options`
    go to st.dataframe (column_config, height…); a `column_order` also orders and picks the paper copy's columns."""
    with st.container(key=f"screen_{key}"):
        st.dataframe(data, hide_index=True, width="stretch", **options)
    order = options.get("column_order")
    printed(once(data, "_ordered", lambda: data[list(order)]) if order else data, key)


def printed(data: pd.DataFrame | Styler, key: str) -> None:
    """The whole table as plain HTML, shown only on paper (components.share.PAGE_CSS): the scrolling grid of
    st.dataframe shows one screenful of rows and columns, which a printer would cut. Put the grid in a container
    keyed f"screen_{key}" so that paper leaves it out. A frame goes as an HTML string, made once per frame (a
    memoised card brings the same frame back on every rerun): the browser draws it at no cost, where st.table made
    /pilotes, with its six tables, 0,1 × the floor slower to load. A page's own Styler keeps st.table (its formats
    live in the Styler)."""
    with st.container(key=f"print_{key}"):
        if isinstance(data, Styler):
            st.table(data, border="horizontal", hide_index=True)
        else:
            st.html(once(data, "_printed", lambda: paper_table(fr_text(data))))


def paper_table(text: pd.DataFrame) -> str:
    """A frame of texts as an HTML table (escaped: names come from data files), header repeated on each page. The
    markup pandas' to_html writes, written here: to_html took 5-7 ms for the 105 QPV of Occitanie."""
    def cell(tag: str, value) -> str:
        shown = NOT_AVAILABLE_SHORT if pd.isna(value) else str(value)  # texts: a cell is never a list
        return f"<{tag}>{escape(shown, quote=False)}</{tag}>"

    head = "".join(cell("th", c) for c in text.columns)
    body = "".join("<tr>" + "".join(cell("td", v) for v in row) + "</tr>"
                   for row in text.itertuples(index=False, name=None))
    return (f'<table class="dataframe {PAPER_TABLE_CLASS}"><thead><tr style="text-align: right;">{head}'
            f"</tr></thead><tbody>{body}</tbody></table>")


def _table_and_download(data: pd.DataFrame, title: str, key: str, column_config: dict | None = None,
                        download: pd.DataFrame | None = None, height: int | str = "auto") -> None:
    """The table with French display values (numbers stay numbers for sorting) and its CSV download. A page may
    pass its own Styler; the download then takes the data under it."""
    styled = data if isinstance(data, Styler) else fr_styler(data)
    st.dataframe(styled, hide_index=True, width="stretch", column_config=column_config, height=height,
                 placeholder=NOT_AVAILABLE_SHORT)
    table = download if download is not None else (data.data if isinstance(data, Styler) else data)
    st.download_button("Télécharger (CSV)", once(table, "_csv", lambda: csv_bytes(table)),
                       file_name=f"{slug(title)}.csv", mime=CSV_MIME, key=f"csv_{key}", on_click="ignore",
                       icon=":material/download:")
