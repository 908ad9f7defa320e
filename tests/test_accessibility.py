"""Accessibility: contrast of the palette on the background, text alternatives of charts, keyboard reach
(the last one in tests/browser)."""
from __future__ import annotations

import pytest

from quartiers.figures import style


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula_on_known_pairs():
    assert contrast("#000000", "#ffffff") == pytest.approx(21, rel=1e-3)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("colour", style.PALETTE + list(style.COVERAGE_COLORS.values())
                         + list(style.KIND_COLORS.values()))
def test_chart_marks_have_3_to_1_contrast(colour):
    assert contrast(colour, style.BACKGROUND) >= 3


@pytest.mark.parametrize("colour", [style.TEXT, style.MUTED_TEXT, style.NEUTRAL])
def test_text_has_4_5_to_1_contrast(colour):
    assert contrast(colour, style.BACKGROUND) >= 4.5


def test_every_chart_card_passes_its_text_alternative(ds, monkeypatch):
    import pandas as pd
    import plotly.graph_objects as go

    from components import cards
    seen = {}
    monkeypatch.setattr(cards.st, "plotly_chart", lambda fig, **kwargs: seen.update(kwargs))
    cards.chart_card(ds, "Titre du constat", "Phrase de lecture", go.Figure(), pd.DataFrame({"a": [1]}),
                     ("anct-ci-ville",), "2018", key="t")
    assert seen["alt"] == "Titre du constat. Phrase de lecture"
