"""French number formatting: 1 514 ; 5,4 M ; 2,3 Md€ ; 8 % ; « non disponible » for a missing value."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from quartiers.formatting import (
    NBSP,
    fr_compact,
    fr_date,
    fr_eur,
    fr_int,
    fr_meur,
    fr_number,
    fr_percent,
    fr_styler,
    fr_text,
)


@pytest.mark.parametrize("value, text", [(1514, f"1{NBSP}514"), (5_441_002, f"5{NBSP}441{NBSP}002"), (0, "0"),
                                         (-1234, f"-1{NBSP}234")])
def test_fr_int(value, text):
    assert fr_int(value) == text


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, math.nan])
def test_missing_values_read_non_disponible(missing):
    for fmt in (fr_int, fr_compact, fr_percent, fr_meur, fr_eur):
        assert fmt(missing) == "non disponible"
    assert fr_int(None, missing="n.d.") == "n.d."


def test_compact_percent_and_money():
    assert fr_compact(5_400_000) == f"5,4{NBSP}M"
    assert fr_compact(153_761) == f"153{NBSP}761"
    assert fr_percent(0.08) == f"8{NBSP}%"
    assert fr_percent(0.12599, 1) == f"12,6{NBSP}%"
    assert fr_meur(3300) == f"3,3{NBSP}Md€"
    assert fr_meur(1000) == f"1{NBSP}Md€"
    assert fr_meur(436) == f"436{NBSP}M€"
    assert fr_eur(20_071.82) == f"20{NBSP}072{NBSP}€"
    assert fr_eur(122_161_833.68) == f"122,2{NBSP}M€"
    assert fr_number(2.345, 1) == "2,3"
    assert fr_date("2021-03-18") == "18 mars 2021"


def test_styler_shows_french_numbers_and_keeps_years_and_codes():
    table = pd.DataFrame({"Nom": ["a", "b"], "Habitants": [1_570_338, None], "Part (%)": [12.61, 3.0],
                          "Année": [2018, 2023], "Code": [11, 76]})
    html = fr_styler(table).to_html()
    assert f"1{NBSP}570{NBSP}338" in html and "n.d." in html and "12,6" in html
    assert ">2018<" in html and ">11<" in html
    assert table["Habitants"].dtype.kind == "f"  # the data itself stays numeric


def test_paper_text_has_the_screen_formats_and_n_d_for_every_kind_of_gap():
    table = pd.DataFrame({"Nom": ["a", None], "Habitants": [1_570_338, None], "Part (%)": [12.61, 3.0],
                          "Année": [2018, 2023], "Date": pd.to_datetime(["2021-03-18", None]),
                          "Chiffre": pd.array([5, None], dtype="Int64"), "Vu": [True, False]})
    text = fr_text(table)
    assert text.to_dict("list") == {"Nom": ["a", "n.d."], "Habitants": [f"1{NBSP}570{NBSP}338", "n.d."],
                                    "Part (%)": ["12,6", "3,0"], "Année": ["2018", "2023"],
                                    "Date": ["2021-03-18 00:00:00", "n.d."], "Chiffre": ["5", "n.d."],
                                    "Vu": ["True", "False"]}
    assert list(text.index) == list(table.index)


def test_plural_keeps_the_singular_below_two():
    from quartiers.formatting import plural
    assert plural(0, "poste") == "0 poste" and plural(1, "poste") == "1 poste"
    assert plural(151, "poste financé") == "151 postes financés"
    assert plural(1514, "quartier") == f"1{NBSP}514 quartiers"
    assert plural(3, "adulte-relais", "adultes-relais") == "3 adultes-relais"


def test_year_span_and_percent_change():
    from quartiers.formatting import pct_change, year_span
    assert year_span([2023, 2020, 2021.0, None]) == "2020–2023"
    assert year_span(pd.Series([2018, 2018])) == "2018" and year_span([]) == ""
    assert pct_change(100, 132) == f"+32{NBSP}%" and pct_change(100, 95) == f"−5{NBSP}%"
    assert pct_change(100, 100.2) == f"0{NBSP}%"  # no sign on a change that rounds to nothing
    assert pct_change(0, 5) == "non disponible" and pct_change(None, 5) == "non disponible"


def test_small_euro_amounts_keep_their_decimals():
    from quartiers.formatting import fr_eur_small
    assert fr_eur_small(23.46) == f"23,5{NBSP}€" and fr_eur_small(8.587, 2) == f"8,59{NBSP}€"
    assert fr_eur_small(float("nan")) == "non disponible"
