"""Downloads: the tables behind the figures as files a French spreadsheet opens as they are."""
from __future__ import annotations

import pandas as pd


def csv_bytes(table: pd.DataFrame) -> bytes:
    """CSV for French spreadsheets: semicolon separator, decimal comma, UTF-8 with BOM (accents read right)."""
    return table.to_csv(index=False, sep=";", decimal=",", lineterminator="\n").encode("utf-8-sig")
