"""Downloads: the tables behind the figures as files a French spreadsheet opens as they are."""
from __future__ import annotations

import io
import math
import re

import pandas as pd

from quartiers.formatting import NOT_AVAILABLE


def csv_bytes(table: pd.DataFrame) -> bytes:
    """CSV for French spreadsheets: semicolon separator, decimal comma, UTF-8 with BOM (accents read right)."""
    return table.to_csv(index=False, sep=";", decimal=",", lineterminator="\n").encode("utf-8-sig")


SHEET_NAME_MAX = 31
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_names(labels: list[str]) -> list[str]:
    """Valid, unique Excel sheet names (≤ 31 characters, none of []:*?/\\), in the order of the labels."""
    names: list[str] = ["Sommaire"]
    for label in labels:
        base = SHEET_FORBIDDEN.sub("-", label).strip("' ") or "Feuille"
        if len(base) > SHEET_NAME_MAX:
            base = base[:SHEET_NAME_MAX - 1] + "…"
        name, n = base, 2
        while name.casefold() in {x.casefold() for x in names}:
            suffix = f" ({n})"
            name, n = base[:SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
        names.append(name)
    return names[1:]


def _cell_value(value):
    """Missing stays visibly missing (never 0); numpy scalars become plain Python numbers."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return NOT_AVAILABLE
    return value.item() if hasattr(value, "item") else value


# Excel number formats; a French Excel shows them as « 1 514 », « 12,6 », « 23,5 ».
INTEGER, ONE_DECIMAL, TWO_DECIMALS = "#,##0", "#,##0.0", "#,##0.00"
UNIT_FORMATS = {"%": ONE_DECIMAL, "€": INTEGER, "": INTEGER}  # a key-figure table's « Unité » column


def _number_format(column: str, dtype) -> str | None:
    """Counts and euros without decimals (no cents), M€ and shares with one, € per person with two."""
    if pd.api.types.is_integer_dtype(dtype):
        return INTEGER if "Année" not in column else "0"
    if not pd.api.types.is_float_dtype(dtype):
        return None
    if "%" in column or "M€" in column:
        return ONE_DECIMAL
    if "par habitant" in column:
        return TWO_DECIMALS
    return INTEGER if "€" in column else ONE_DECIMAL


def build_xlsx(slides: list) -> bytes:
    """The workbook of the pack: a « Sommaire » sheet, then one sheet per slide holding its table, with the
    slide's title in the first row and its source line below the table. Takes quartiers.slides.Slide objects."""
    from openpyxl import Workbook  # imported on the first download, not by every page
    from openpyxl.styles import Font

    wb = Workbook()
    summary = wb.active
    summary.title = "Sommaire"
    summary.append(["Quartiers productifs — données des diapositives"])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([])
    summary.append(["N°", "Feuille", "Titre", "Source"])
    for cell in summary[3]:
        cell.font = Font(bold=True)
    for i, (slide, name) in enumerate(zip(slides, sheet_names([s.label for s in slides])), start=1):
        summary.append([i, name, slide.title, slide.source])
        summary.cell(summary.max_row, 2).hyperlink = f"#'{name}'!A1"
        ws = wb.create_sheet(name)
        ws.append([slide.title])
        ws["A1"].font = Font(bold=True, size=14)
        ws.append([])
        ws.append(list(slide.table.columns))
        for cell in ws[3]:
            cell.font = Font(bold=True)
        for row in slide.table.itertuples(index=False):
            ws.append([_cell_value(v) for v in row])
        for j, (column, dtype) in enumerate(slide.table.dtypes.items(), start=1):
            fmt = _number_format(str(column), dtype)
            width = max([len(str(column))] + [len(str(v)) for v in slide.table[column].head(50)])
            ws.column_dimensions[ws.cell(3, j).column_letter].width = min(max(width + 2, 10), 60)
            units = slide.table["Unité"] if column == "Valeur" and "Unité" in slide.table else None
            for r in range(4, 4 + len(slide.table)):
                row_fmt = UNIT_FORMATS.get(units.iloc[r - 4], ONE_DECIMAL) if units is not None else fmt
                if row_fmt and isinstance(ws.cell(r, j).value, (int, float)):
                    ws.cell(r, j).number_format = row_fmt
        ws.append([])
        ws.append([slide.source])
        for note in slide.caveats:
            ws.append([note])
    for col, width in zip("ABCD", (5, 32, 90, 60)):
        summary.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
