"""Figures of the home and Territoires pages: values, order, labels and French text, without a browser."""
from __future__ import annotations

import pytest

from quartiers import home, territories
from quartiers.figures import style
from quartiers.figures import territories as figs
from quartiers.figures.maps import NOT_AVAILABLE
from quartiers.filters import Filters
from quartiers.metrics import scope

NBSP = "\u202f"


@pytest.fixture(scope="module")
def regions(ds):
    return territories.region_table(ds)


def test_ranking_bar_orders_labels_and_marks_the_selection(regions):
    fig = figs.ranking_bar(regions, "Habitants des QPV (2018)", selected=("76",))
    bar = fig.data[0]
    assert bar.orientation == "h"
    assert bar.y[0] == "Île-de-France" and bar.y[-1] == "Saint-Martin"
    assert list(bar.x) == sorted(bar.x, reverse=True)
    assert bar.text[0] == f"1{NBSP}570{NBSP}338"
    occitanie = list(bar.y).index("▶ Occitanie")
    assert bar.marker.color[occitanie] == style.SECONDARY
    assert {c for i, c in enumerate(bar.marker.color) if i != occitanie} == {style.PRIMARY}
    assert bar.customdata[0][1] == f"29{NBSP}%"
    assert "Habitants des QPV (2018) : %{customdata[0]}" in bar.hovertemplate
    assert "Part du total" in bar.hovertemplate
    assert fig.layout.yaxis.autorange == "reversed"
    assert fig.layout.xaxis.range[1] > max(bar.x)  # room for the outside labels


def test_ranking_bar_keeps_the_first_rows_only(ds):
    table = territories.departement_table(ds)
    fig = figs.ranking_bar(table, "Habitants", max_rows=5)
    assert list(fig.data[0].y) == ["Seine-Saint-Denis", "Nord", "Bouches-du-Rhône", "Val-d'Oise", "Rhône"]
    assert fig.data[0].customdata[0][1] == f"12{NBSP}%"  # share of all 101, not of the 5 shown


def test_treemap_has_the_nodes_and_french_labels(ds):
    nodes = territories.treemap_rows(ds, scope(ds, Filters(regions=("76",))))
    fig = figs.treemap(nodes, "Habitants des QPV", maxdepth=3)
    tree = fig.data[0]
    assert tree.type == "treemap" and tree.branchvalues == "total" and tree.maxdepth == 3
    assert list(tree.ids) == nodes["id"].tolist()
    labels = dict(zip(tree.labels, map(tuple, tree.customdata)))
    assert labels["Occitanie"] == (f"357{NBSP}683", f"100{NBSP}%")
    assert labels["Toulouse Métropole"][0] == f"63{NBSP}488"
    assert labels["Hérault"][1] == f"29{NBSP}%"  # share of its parent (Occitanie)
    assert "Habitants des QPV : %{customdata[0]}" in tree.hovertemplate


def test_budget_split_bar_stacks_the_two_parts_with_their_amounts(ds):
    fig = figs.budget_split_bar(home.budget_split(ds))
    assert fig.layout.barmode == "stack"
    assert [t.x[0] for t in fig.data] == [1000.0, 2300.0]
    assert [t.text[0] for t in fig.data] == [f"1{NBSP}Md€", f"2,3{NBSP}Md€"]
    texts = [a.text for a in fig.layout.annotations]
    assert f"<b>Total : 3,3{NBSP}Md€</b>" in texts
    assert any("France Relance" in t for t in texts) and any("Vie quotidienne" in t for t in texts)
    assert fig.data[0].marker.color != fig.data[1].marker.color


def _value_trace(fig):
    return next(t for t in fig.data if t.type == "choropleth" and t.coloraxis == "coloraxis")


def test_departement_figure_residents(ds):
    deps = territories.map_table(ds)
    fig = figs.departement_figure(deps, ds.geo_departements, "qpv_population", frames=ds.geo_inset_frames,
                                  highlight=("34",))
    trace = _value_trace(fig)
    values = dict(zip(trace.locations, trace.z))
    assert values["93"] == 620_583 and values["978"] == 9_570  # Saint-Martin coloured too
    hover = dict(zip(trace.locations, trace.hovertext))
    assert f"Habitants des QPV (2018) : 103{NBSP}094 habitants" in hover["34"]
    assert f"Part en QPV (2018 / 2023) : 8{NBSP}%" in hover["34"]
    assert "Région : Occitanie" in hover["34"]
    assert list(fig.data[-1].locations) == ["34"]  # selection outline
    assert fig.layout.coloraxis.colorbar.title.text == "Habitants des QPV (2018)"
    assert [t.name for t in fig.data if t.type == "scattergeo"] == ["médaillons"]  # inset frames
    assert len(fig.to_json().encode()) < 160 * 1024


def test_departement_figure_share_and_zoom(ds):
    deps = territories.map_table(ds)
    zoom = territories.map_zoom(ds, scope(ds, Filters(regions=("76",))))
    fig = figs.departement_figure(deps, ds.geo_departements, "share", zoom_on=zoom)
    drawn = {c for t in fig.data if t.type == "choropleth" for c in t.locations}
    assert drawn == set(zoom) and len(drawn) == 13
    trace = _value_trace(fig)
    assert dict(zip(trace.locations, trace.z))["34"] == pytest.approx(8.3797, abs=1e-3)
    assert fig.layout.coloraxis.colorbar.title.text == "Part en QPV, % (2018 / 2023)"
    assert f"8{NBSP}%" in dict(zip(trace.locations, trace.hovertext))["34"]
    assert not [t for t in fig.data if t.type == "scattergeo"]
    assert not any("médaillon" in (a.text or "") for a in fig.layout.annotations)
    national = figs.departement_figure(deps, ds.geo_departements, "share")
    assert fig.layout.geo.lonaxis.range[1] - fig.layout.geo.lonaxis.range[0] < \
        national.layout.geo.lonaxis.range[1] - national.layout.geo.lonaxis.range[0]


def test_occitanie_qpv_figure(ds):
    qpv = territories.occitanie_qpv(ds, ("34",))
    fig = figs.occitanie_qpv_figure(qpv, ds.geo_qpv_occitanie, ds.geo_departements, "tp60", "Taux de pauvreté (%)")
    drawn = {c for t in fig.data if t.type == "choropleth" for c in t.locations}
    assert drawn == set(qpv["code_qp"])
    context = fig.data[0]  # the département's outline, under the QPV
    assert context.type == "scattergeo" and context.mode == "lines" and list(context.lon).count(None) >= 1
    first = qpv.iloc[0]
    hover = dict(zip(_value_trace(fig).locations, _value_trace(fig).hovertext))[first["code_qp"]]
    assert f"Taux de pauvreté (%) : {first['tp60']:.1f}".replace(".", ",") in hover  # one decimal, even 44,0
    assert NOT_AVAILABLE not in hover
