"""French number formatting: 1 514 ; 5,4 M ; 2,3 Md€ ; 8 %. Unknown values read « non disponible »."""
from __future__ import annotations

import math
import re
import unicodedata

import pandas as pd

NBSP = "\u202f"  # narrow no-break space: French thousands separator, and before % and units
NOT_AVAILABLE = "non disponible"
NOT_AVAILABLE_SHORT = "n.d."


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def fr_number(value, decimals: int = 0, missing: str = NOT_AVAILABLE) -> str:
    """1514 -> '1 514'; 2.345, 1 -> '2,3'. Thousands with a narrow no-break space, decimal comma."""
    if _missing(value):
        return missing
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",")


def fr_int(value, missing: str = NOT_AVAILABLE) -> str:
    return fr_number(value, 0, missing)


def fr_compact(value, missing: str = NOT_AVAILABLE) -> str:
    """5 441 002 -> '5,4 M'; 153 761 -> '153 761' (below a million the full number reads well)."""
    if _missing(value):
        return missing
    value = float(value)
    if abs(value) >= 1e9:
        return f"{fr_number(value / 1e9, 1)}{NBSP}Md"
    if abs(value) >= 1e6:
        return f"{fr_number(value / 1e6, 1)}{NBSP}M"
    return fr_number(value)


def fr_percent(share, decimals: int = 0, missing: str = NOT_AVAILABLE) -> str:
    """0.08 -> '8 %' (share given as a fraction)."""
    if _missing(share):
        return missing
    return f"{fr_number(float(share) * 100, decimals)}{NBSP}%"


def mixed_share(share) -> str:
    """A share computed from figures of two years (QPV residents 2018 / population 2023): rounded to the whole per
    cent, never to a tenth, since it is not Insee's same-year share. Shown with both years by its caller."""
    return fr_percent(share, 0)


def fr_points(percent, decimals: int = 1, missing: str = NOT_AVAILABLE) -> str:
    """A value already in percent: 12.59 -> '12,6 %' (fr_percent takes a fraction)."""
    return missing if _missing(percent) else f"{fr_number(percent, decimals)}{NBSP}%"


def fr_meur(amount_meur, missing: str = NOT_AVAILABLE) -> str:
    """Amounts in millions of euros: 3300 -> '3,3 Md€'; 1000 -> '1 Md€'; 436 -> '436 M€'; 0.45 -> '0,45 M€'."""
    if _missing(amount_meur):
        return missing
    amount = float(amount_meur)
    if abs(amount) >= 1000:
        billions = amount / 1000
        return f"{fr_number(billions, 0 if billions == int(billions) else 1)}{NBSP}Md€"
    decimals = 0 if abs(amount) >= 10 or amount == int(amount) else 2
    return f"{fr_number(amount, decimals)}{NBSP}M€"


def fr_eur(amount, missing: str = NOT_AVAILABLE) -> str:
    """Euros: 20071.82 -> '20 072 €'; millions with one decimal: 1 320 000 -> '1,3 M€', 122 161 833 -> '122,2 M€'."""
    if _missing(amount):
        return missing
    if abs(float(amount)) >= 1e6:
        return f"{fr_compact(amount)}€"
    return f"{fr_number(amount)}{NBSP}€"


def in_millions(amounts) -> bool:
    """Whether amounts read together (one chart, one sentence) are written in M€: the largest reaches a million."""
    return bool(pd.Series(amounts, dtype="float64").max() >= 1e6)


def fr_eurs(amounts) -> list[str]:
    """Amounts read together in one unit, so that they compare at a glance: all in M€ with the same decimals when
    the largest reaches a million (« 0,98 M€ puis 1,32 M€ »), else all in euros."""
    values = pd.Series(amounts, dtype="float64")
    if not in_millions(values):
        return [fr_eur(a) for a in values]
    decimals = 1 if values.max() >= 1e7 else 2
    return [f"{fr_number(a / 1e6, decimals)}{NBSP}M€" for a in values]


def fr_eur_small(amount, decimals: int = 1, missing: str = NOT_AVAILABLE) -> str:
    """Small amounts, e.g. per person, with their decimals: 23.46 -> '23,5 €'; 8.587, 2 -> '8,59 €'."""
    return missing if _missing(amount) else f"{fr_number(amount, decimals)}{NBSP}€"


def plural(n, singular: str, plural_form: str = "") -> str:
    """'0 poste', '1 poste', '151 postes', '3 territoires pilotes': French keeps the singular below 2.
    The plural defaults to every word of the singular with an s."""
    many = plural_form or " ".join(w + "s" for w in singular.split())
    return f"{fr_int(n)} {singular if abs(float(n)) < 2 else many}"


def year_span(years, missing: str = "") -> str:
    """'2020–2023' for the years of a column (en dash), '2018' for one year, `missing` for none."""
    found = sorted({int(y) for y in years if not _missing(y)})
    if not found:
        return missing
    return f"{found[0]}–{found[-1]}" if len(found) > 1 else str(found[0])


def pct_change(first, last, missing: str = NOT_AVAILABLE) -> str:
    """Change from first to last: '+32 %', '−5 %' (a true minus sign), `missing` when first is 0 or unknown."""
    if _missing(first) or _missing(last) or not float(first):
        return missing
    change = float(last) / float(first) - 1
    shown = fr_percent(abs(change))
    sign = "" if shown.startswith(f"0{NBSP}") else "+" if change > 0 else "−"
    return f"{sign}{shown}"


def slug(text: str) -> str:
    """A file-name-safe version of a title: 'Régions : QPV' -> 'regions-qpv'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60] or "figure"


def fr_date(iso: str) -> str:
    """'2021-03-18' -> '18 mars 2021'."""
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]
    year, month, day = iso[:10].split("-")
    return f"{int(day)} {months[int(month) - 1]} {year}"


# d3-format locale for plotly axes and hovers (separators: decimal then thousands).
PLOTLY_SEPARATORS = "," + NBSP


def _is_label_column(name: str) -> bool:
    # Years and codes are identifiers, not quantities: « 2018 » must not read « 2 018 ».
    lowered = name.lower()
    return any(word in lowered for word in ("année", "annee", "code", "siren", "millésime"))


def _column_formats(table: pd.DataFrame) -> dict:
    """French number format of each quantity column: whole-number columns show no decimals, others one."""
    formats = {}
    for col in table.columns:
        series = table[col]
        if _is_label_column(str(col)) or not pd.api.types.is_numeric_dtype(series) \
                or pd.api.types.is_bool_dtype(series):
            continue
        values = series.dropna()
        decimals = 0 if (values == values.round()).all() else 1
        formats[col] = lambda v, d=decimals: fr_number(v, d, missing=NOT_AVAILABLE_SHORT)
    return formats


def fr_styler(table: pd.DataFrame):
    """The table with French display values for a screen (1 514 ; 12,6 ; n.d.), the data left as numbers so that
    sorting and downloads still work."""
    return table.style.format(_column_formats(table), na_rep=NOT_AVAILABLE_SHORT)


def fr_text(table: pd.DataFrame) -> pd.DataFrame:
    """The same French display values as text (for paper, where nothing is sorted). Cell by cell over plain lists:
    a table is small, and pandas' per-column steps cost more than the values (most of a printed copy's time)."""
    formats = _column_formats(table)

    def text(value) -> str:
        return NOT_AVAILABLE_SHORT if _missing(value) or value is pd.NaT else str(value)

    return pd.DataFrame({col: list(map(formats.get(col, text), table[col].tolist())) for col in table.columns},
                        index=table.index, dtype=object)
