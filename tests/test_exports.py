"""The exported pack, opened as a person would: the .pptx with python-pptx, the .xlsx with openpyxl."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches, Pt

from quartiers.exports import SHEET_NAME_MAX, build_xlsx, sheet_names
from quartiers.filters import Filters
from quartiers.formatting import NBSP, NOT_AVAILABLE
from quartiers.model import Chart, Series
from quartiers.pptx_export import NUMBER_FORMATS, TAKEAWAY_BOX, TITLE_BOX, build_pptx, lines_needed, title_size
from quartiers.slides import build_slides, filters_label

CASES = {"national": Filters(), "region-11": Filters(regions=("11",)),
         "pilote-est-ensemble": Filters(pilotes=("est-ensemble",))}
KINDS = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED, "pie": XL_CHART_TYPE.PIE}
DATE = dt.date(2025, 3, 18)


def pptx_of(ds, f):
    slides = build_slides(ds, f)
    return slides, Presentation(io.BytesIO(build_pptx(slides, filters_label(ds, f), DATE)))


def charts(slide):
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def texts(slide):
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


@pytest.mark.parametrize("case", CASES)
def test_pptx_has_a_title_slide_then_one_slide_per_slide(ds, case):
    slides, prs = pptx_of(ds, CASES[case])
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    assert len(prs.slides) == 1 + len(slides)
    first = prs.slides[0]
    assert filters_label(ds, CASES[case]) in " ".join(texts(first))
    assert "18 mars 2025" in " ".join(texts(first))
    for slide, page in zip(slides, list(prs.slides)[1:]):
        assert page.shapes.title.text == slide.title
        assert slide.takeaway in texts(page) and slide.source in texts(page)
        assert page.notes_slide.notes_text_frame.text == "\n".join(slide.caveats)


@pytest.mark.parametrize("case", CASES)
def test_pptx_charts_are_native_and_hold_the_slide_figures(ds, case):
    slides, prs = pptx_of(ds, CASES[case])
    for slide, page in zip(slides, list(prs.slides)[1:]):
        found = charts(page)
        if slide.chart.kind == "kpi":
            assert found == []
            body = " ".join(texts(page))
            assert all(text in body for text in slide.chart.texts)
            continue
        (chart,) = found
        assert chart.chart_type == KINDS[slide.chart.kind]
        assert tuple(chart.plots[0].categories) == slide.chart.categories
        assert [s.name for s in chart.series] == [s.name for s in slide.chart.series]
        for drawn, spec in zip(chart.series, slide.chart.series):
            assert tuple(drawn.values) == pytest.approx(spec.values)
        labels = chart.plots[0].data_labels
        assert labels.number_format == NUMBER_FORMATS[slide.chart.unit]
        assert not labels.number_format_is_linked


def test_pptx_region_chart_equals_the_regions_table(ds):
    slides, prs = pptx_of(ds, Filters())
    chart = charts(prs.slides[2])[0]
    expected = ds.regions.sort_values("qpv_population", ascending=False)
    assert tuple(chart.plots[0].categories) == tuple(expected["reg_name"])
    assert tuple(chart.series[0].values) == tuple(float(v) for v in expected["qpv_population"])


def test_pptx_region_11_chart_equals_its_departements(ds):
    slides, prs = pptx_of(ds, Filters(regions=("11",)))
    chart = charts(prs.slides[2])[0]
    deps = ds.departements[ds.departements["reg_code"] == "11"].set_index("dep_name")["qpv_population"]
    assert dict(zip(chart.plots[0].categories, chart.series[0].values)) == {k: float(v) for k, v in deps.items()}


def test_pptx_pilot_slide_shows_its_figures_as_big_numbers(ds):
    slides, prs = pptx_of(ds, Filters(pilotes=("est-ensemble",)))
    body = " ".join(texts(prs.slides[-1]))
    assert prs.slides[-1].shapes.title.text.startswith("EPT Est Ensemble")
    assert f"153{NBSP}761" in body and f"447{NBSP}969" in body and "QPV entièrement dans le pilote" in body


def test_pptx_keeps_a_missing_value_out_not_zero(ds):
    slide = build_slides(ds, Filters(regions=("11",)))[-1]
    gapped = dataclasses.replace(slide, chart=Chart("column", ("2020", "2021"), (Series("FONJEP", (5.0, None)),),
                                                    "eur"))
    prs = Presentation(io.BytesIO(build_pptx([gapped], "Île-de-France", DATE)))
    fonjep = charts(prs.slides[1])[0].series[0].values
    assert fonjep[1] is None and 0 not in fonjep


def sheet_table(ws, n_rows: int) -> tuple[list, list[list]]:
    header = [c.value for c in ws[3]]
    rows = [[c.value for c in ws[r]] for r in range(4, 4 + n_rows)]
    return header, rows


def expected_cell(value):
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return NOT_AVAILABLE
    return None if value == "" else value


@pytest.mark.parametrize("case", CASES)
def test_xlsx_has_a_summary_then_one_sheet_per_slide_with_its_table(ds, case):
    slides = build_slides(ds, CASES[case])
    wb = load_workbook(io.BytesIO(build_xlsx(slides)))
    assert wb.sheetnames == ["Sommaire"] + sheet_names([s.label for s in slides])
    summary = [[c.value for c in row] for row in wb["Sommaire"].iter_rows(min_row=4)]
    assert [r[2] for r in summary] == [s.title for s in slides]
    for slide, ws in zip(slides, wb.worksheets[1:]):
        assert ws["A1"].value == slide.title
        header, rows = sheet_table(ws, len(slide.table))
        assert header == list(slide.table.columns)
        for written, expected in zip(rows, slide.table.itertuples(index=False)):
            assert written == pytest.approx([expected_cell(v) for v in expected])
        assert ws.cell(4 + len(slide.table) + 1, 1).value == slide.source


def test_xlsx_writes_a_missing_value_as_non_disponible_not_zero(ds):
    slides = build_slides(ds, Filters())
    wb = load_workbook(io.BytesIO(build_xlsx(slides)))
    index = [s.key for s in slides].index("pilotes")
    ws = wb.worksheets[1 + index]
    header, rows = sheet_table(ws, len(slides[index].table))
    column = header.index("Habitants des QPV")
    residents = {r[0]: r[column] for r in rows}
    assert residents["Roubaix"] == NOT_AVAILABLE
    assert residents["EPT Est Ensemble"] == 153_761
    row = 4 + [r[0] for r in rows].index("EPT Est Ensemble")
    assert ws.cell(row, column + 1).number_format == "#,##0"


def test_sheet_names_are_valid_and_unique():
    names = sheet_names(["Pilote — un nom bien trop long pour une feuille Excel"] * 2 + ["a/b:c*d?[e]", "Sommaire"])
    assert all(len(n) <= SHEET_NAME_MAX for n in names)
    assert len({n.casefold() for n in names + ["Sommaire"]}) == len(names) + 1
    assert names[2] == "a-b-c-d--e-"
    assert names[0] == "Pilote — un nom bien trop long…"
    assert names[1].endswith(" (2)")


def test_xlsx_key_figures_are_numbers_with_french_formats_and_no_cents(ds):
    slides = build_slides(ds, Filters(departements=("93",), pilotes=("est-ensemble",)))
    wb = load_workbook(io.BytesIO(build_xlsx(slides)))
    ws = wb.worksheets[1]  # Chiffres clés
    header, rows = sheet_table(ws, len(slides[0].table))
    value = header.index("Valeur")
    cells = {r[0]: ws.cell(4 + i, value + 1) for i, r in enumerate(rows)}
    assert cells["QPV (liste 2015)"].value == 63 and cells["QPV (liste 2015)"].number_format == "#,##0"
    assert cells["Part en QPV"].value == pytest.approx(36.4, abs=0.05)
    assert cells["Part en QPV"].number_format == "#,##0.0"
    credits = wb.worksheets[1 + [s.key for s in slides].index("credits")]
    header, rows = sheet_table(credits, 8)
    amount = header.index("Montant (€)") + 1
    assert all(credits.cell(r, amount).number_format == "#,##0" for r in range(4, 12))  # no cents
    assert all(isinstance(credits.cell(r, amount).value, (int, float)) for r in range(4, 12))


def test_pptx_slides_have_a_number_and_a_footer_with_the_filters_and_date(ds):
    f = Filters(departements=("93",), pilotes=("est-ensemble",))
    slides, prs = pptx_of(ds, f)
    for number, slide in enumerate(list(prs.slides)[1:], start=1):
        shown = texts(slide)
        assert f"{number} / {len(slides)}" in shown
        footer = [t for t in shown if t.startswith("Quartiers productifs — ")]
        assert footer == [f"Quartiers productifs — {filters_label(ds, f)} — 18 mars 2025"]
        assert any(t.startswith("Source") for t in shown)


def test_titles_fit_their_box_in_the_three_regions_pack(ds):
    f = Filters(regions=("11", "76", "32"))
    slides, prs = pptx_of(ds, f)
    width, height = TITLE_BOX
    for s, slide in zip(slides, list(prs.slides)[1:]):
        size = slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size.pt
        assert size == title_size(s.title)
        assert lines_needed(s.title, int(size), width) * Pt(size * 1.2) <= height, s.title
        takeaway = next(sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text == s.takeaway)
        size = takeaway.text_frame.paragraphs[0].runs[0].font.size.pt
        assert lines_needed(s.takeaway, int(size), TAKEAWAY_BOX[0]) * Pt(size * 1.2) <= TAKEAWAY_BOX[1], s.takeaway
    long = "Contrats de ville des pilotes Métropole Aix-Marseille, Toulouse Métropole, EPT Est Ensemble : " * 2
    assert title_size(long) < title_size("Chiffres clés") == 30
    assert lines_needed("mot " * 60, 30, width) > lines_needed("mot " * 60, 20, width) > 1


def test_credits_of_a_pilot_are_the_same_in_both_files_as_on_the_budget_page(ds):
    """?departement=93&pilote=est-ensemble: 1,3 M€ and 73 posts in 2023, the pilot's contracts, in .pptx and .xlsx."""
    from quartiers import credits as cr

    f = Filters(departements=("93",), pilotes=("est-ensemble",))
    sel = cr.select_credits(ds, f)
    total, posts, _ = cr.credit_kpis(ds, f, sel, 2023)
    slides, prs = pptx_of(ds, f)
    index = [s.key for s in slides].index("credits")
    title = prs.slides[1 + index].shapes.title.text_frame.text
    assert title.startswith(f"{sel.label} : {total.display} de crédits") and total.display == f"1,3{NBSP}M€"
    assert slides[index].scope == sel.label
    wb = load_workbook(io.BytesIO(build_xlsx(slides)))
    ws = wb.worksheets[1 + index]
    header, rows = sheet_table(ws, len(slides[index].table))
    year, n, amount = header.index("Année"), header.index("Postes"), header.index("Montant (€)")
    assert sum(r[n] for r in rows if r[year] == 2023) == posts.value == 73
    assert sum(r[amount] for r in rows if r[year] == 2023) == pytest.approx(total.value, abs=1)


def test_pie_labels_read_as_the_slide_title(ds):
    slides, prs = pptx_of(ds, Filters())
    index = [s.key for s in slides].index("plan-2021")
    pie = charts(prs.slides[1 + index])[0]
    labels = [point.data_label.text_frame.text for point in pie.plots[0].series[0].points]
    assert labels == [f"1{NBSP}Md€", f"2,3{NBSP}Md€"]
    assert all(label in slides[index].title for label in labels)
