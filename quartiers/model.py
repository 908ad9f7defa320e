"""The finding model: one figure stated by the domain (title, takeaway, chart specification, table, source with its
years, caveats, scope), drawn by three renderers: a page card, a slide of /presentation, the pack (.pptx, .xlsx).

Missing values are never turned into 0: a None in a series is a gap that every renderer leaves out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from quartiers.formatting import NOT_AVAILABLE, fr_eur, fr_int, fr_meur, fr_number, mixed_share

KINDS = ("bar", "column", "pie", "kpi")
UNITS = ("int", "eur", "meur", "pct")  # counts, euros, millions of euros, percentage points


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # None = non disponible: a gap, never 0


@dataclass(frozen=True)
class Chart:
    """What to draw. kind "bar" is horizontal (categories ranked top to bottom), "column" vertical; "kpi" shows
    big numbers: `texts` holds their French display (« non disponible » included), `captions` their source."""

    kind: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = "int"
    value_title: str = ""
    texts: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS or self.unit not in UNITS:
            raise ValueError(f"unknown chart kind or unit: {self.kind}, {self.unit}")
        if any(len(s.values) != len(self.categories) for s in self.series):
            raise ValueError("every series needs one value per category")


@dataclass(frozen=True, eq=False)
class Finding:
    """One figure as the domain states it, whatever draws it (a page card, a slide, a pack sheet)."""

    key: str
    label: str  # short French name: navigation list, workbook sheet
    title: str  # the finding, stated with its figure
    takeaway: str  # one sentence
    chart: Chart
    table: pd.DataFrame  # the data behind the figure, French column names
    source: str  # « Source : publisher (years) »
    caveats: tuple[str, ...] = field(default_factory=tuple)
    scope: str = ""  # the territory and pilots the figure covers, in French (same words as the page)

    @property
    def source_and_scope(self) -> str:
        """The source line, then the territory and pilots covered when the figure is not national."""
        return self.source + (f" — Champ : {self.scope}" if self.scope else "")


def format_value(value: float | None, unit: str) -> str:
    """A value as it reads on a slide, in French; None reads « non disponible »."""
    if value is None or pd.isna(value):
        return NOT_AVAILABLE
    if unit == "eur":
        return fr_eur(value)
    if unit == "meur":
        return fr_meur(value)
    if unit == "pct":  # shares of QPV residents (2018) in a population of another year: whole per cent
        return mixed_share(value / 100)
    return fr_int(value)


def screen_table(table: pd.DataFrame) -> pd.DataFrame:
    """The table as text for the screen: French numbers, « non disponible » for gaps, years without separator."""
    shown = pd.DataFrame(index=table.index)
    units = table["Unité"] if "Unité" in table else pd.Series("", index=table.index)  # key figures: per row
    for column, values in table.items():
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            decimals = [1 if "%" in str(column) or (column == "Valeur" and u == "%") else 0 for u in units]
            shown[column] = [NOT_AVAILABLE if pd.isna(v) else (str(int(v)) if str(column).startswith("Année")
                                                               else fr_number(v, d)) for v, d in zip(values, decimals)]
        else:
            shown[column] = values.astype("object").where(values.notna(), NOT_AVAILABLE)
    return shown
