"""Figures of the Quartiers productifs page: what they draw, their French labels, and that pilots with no figure of
their own are never drawn as if they had one."""
from __future__ import annotations

import pytest

from quartiers import pilot_compare as pc
from quartiers import pilot_matrix as pm
from quartiers import pilots as pl
from quartiers.figures import pilots as figs
from quartiers.formatting import NBSP

NOT_COUNTED_NAMES = {"EPT Grand Paris Sud", "Orly-Choisy", "Roubaix"}


def _occitanie(ds):
    return ds.pilots[ds.pilots["reg_code"] == "76"]


def test_map_draws_every_pilot_offline_with_french_legend(ds):
    fig = figs.pilots_map(ds.pilots, ds.geo_departements, ds.geo_inset_frames)
    points = [t for t in fig.data if t.type == "scattergeo" and t.mode == "markers"]
    assert sum(len(t.lon) for t in points) == 14
    assert {t.name for t in points} == {"Chiffre QPV exact", "Chiffre QPV somme de contrats de ville",
                                          "Chiffre QPV partiel", "Chiffre QPV englobant (contrat plus large)"}
    # SVG over the project's own outlines, given inline: it prints, and nothing is fetched from outside.
    assert fig.layout.geo.visible is False and isinstance(fig.data[0].geojson, dict)
    note = fig.layout.annotations[0].text
    assert "médaillon de La Réunion" in note.replace("<br>", " ")
    hover = " ".join(h for t in points for h in t.hovertext)
    assert f"153{NBSP}761" in hover and "non disponible" in hover


def test_map_zooms_on_the_pilots_departements_and_drops_the_overseas_note(ds):
    fig = figs.pilots_map(_occitanie(ds), ds.geo_departements, ds.geo_inset_frames)
    (west, east), (south, north) = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
    for _, pilot in _occitanie(ds).iterrows():
        assert west < pilot["lon"] < east and south < pilot["lat"] < north
    assert east - west < 8, "zoomed on Occitanie, not all of France"
    assert not [a for a in fig.layout.annotations if "Réunion" in a.text]


def test_residents_bars_only_for_pilots_with_their_own_figure(ds):
    fig = figs.residents_bars(pl.counted(ds.pilots))
    labels = [label for t in fig.data for label in t.y]
    assert len(labels) == 11
    assert not {label.replace("<br>", " ") for label in labels} & NOT_COUNTED_NAMES
    texts = [text for t in fig.data for text in t.text]
    assert f"153{NBSP}761" in texts and f"300{NBSP}191" in texts
    assert {t.name for t in fig.data} == {"Chiffre exact", "Chiffre somme de contrats de ville"}
    # Largest on top: the category order runs from the smallest up.
    assert fig.layout.yaxis.categoryarray[-1] == "Métropole Aix-Marseille"


def test_bounds_bars_are_labelled_as_minimum_or_larger_area(ds):
    fig = figs.bounds_bars(pl.known_bounds(ds, ds.pilots))
    labels = [label for t in fig.data for label in t.y]
    assert labels and all(label.endswith(("— minimum", "— zone plus large")) for label in labels)
    texts = [text for t in fig.data for text in t.text]
    assert f"au moins 62{NBSP}153" in texts
    assert f"zone plus large : 207{NBSP}382" in texts


def test_heatmap_counts_programmes_per_pilot_and_priority(ds):
    cells = pm.matrix(ds, ds.pilots)
    fig = figs.matrix_heatmap(cells)
    heat = fig.data[0]
    assert heat.type == "heatmap" and len(heat.z) == 14 and len(heat.z[0]) == 4
    row = list(heat.y).index("Communauté urbaine d'Arras")
    col = [x.replace("<br>", " ") for x in heat.x].index("Développement du commerce et de l'artisanat")
    assert heat.z[row][col] == 1 and heat.text[row][col].split("<br>")[0] == "1"
    assert "programmes" in fig.layout.xaxis.title.text
    assert all(len(line) <= 8 for r in heat.text for t in r for line in t.split("<br>")), "short enough for a phone"
    assert "Action cœur de ville" in heat.customdata[row][col]
    assert heat.y[-1] == "Métropole Aix-Marseille", "first pilot drawn on top"


def test_heatmap_follows_the_priority_filter(ds):
    fig = figs.matrix_heatmap(pm.matrix(ds, ds.pilots, ("transition-numerique",)))
    assert [x.replace("<br>", " ") for x in fig.data[0].x] == ["Transition numérique"]


def test_credits_bars_per_year_and_scheme(ds):
    fig = figs.credits_bars(pc.pilot_credits(ds, "est-ensemble"))
    assert [t.name for t in fig.data] == ["Adultes-relais", "FONJEP"]
    assert list(fig.data[0].x) == ["2020", "2021", "2022", "2023"]
    assert fig.data[0].text[-1] == f"1,17{NBSP}M€"
    # one unit for the whole chart: FONJEP's 147 450 € is written in M€ too
    assert fig.data[1].text[-1] == f"0,15{NBSP}M€" and all(t.endswith("M€") for d in fig.data for t in d.text)
    assert fig.layout.yaxis.ticksuffix == f"{NBSP}M€" and fig.data[0].y[-1] == pytest.approx(1.17, abs=0.01)


@pytest.mark.parametrize("ids", [["est-ensemble", "roubaix"], ["toulouse", "montpellier", "grand-narbonne", "laval"]])
def test_comparison_panels_write_values_or_non_disponible(ds, ids):
    compared = pc.comparison(ds, ids)
    fig = figs.comparison_bars(compared, pc.compared_labels(ds))
    titles = [a.text.replace("<br>", " ") for a in fig.layout.annotations]
    assert "Habitants des QPV (2018)" in titles and "Population (2023)" in titles
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == 4
    missing = [text for t in fig.data if t.type == "scatter" for text in t.text]
    if "roubaix" in ids:
        assert missing == ["non disponible"] * 3
        assert "Roubaix" not in bars[0].y
        assert "Roubaix" in bars[1].y  # its population is known
    else:
        assert missing == []
