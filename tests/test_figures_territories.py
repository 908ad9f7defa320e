"""Figures of the home and Territoires pages: values, order, labels and French text, without a browser."""
from __future__ import annotations

import pytest

from quartiers import home, territories
from quartiers.figures import style, svg
from quartiers.figures import territories as figs
from quartiers.figures.maps import NOT_AVAILABLE
from quartiers.filters import Filters
from quartiers.metrics import scope
from tests.test_figures_svg import NS, parse, tooltips

NBSP = "\u202f"


@pytest.fixture(scope="module")
def regions(ds):
    return territories.region_table(ds)


def test_ranking_bar_orders_labels_and_marks_the_selection(regions):
    chart = figs.ranking_bar(regions, "Habitants des QPV (2018)", selected=("76",))
    bars = tooltips(parse(chart), "rect")
    names = [text.splitlines()[0] for _, text in bars]
    assert names[0] == "Île-de-France" and names[-1] == "Saint-Martin"
    widths = [float(rect.get("width")) for rect, _ in bars]
    assert widths == sorted(widths, reverse=True)
    hover = dict((text.splitlines()[0], text) for _, text in bars)
    assert f"Habitants des QPV (2018) : 1{NBSP}570{NBSP}338" in hover["Île-de-France"]
    assert f"Part du total : 29{NBSP}%" in hover["Île-de-France"]
    colours = [rect.get("fill") for rect, _ in bars]
    occitanie = names.index("Occitanie")
    assert colours[occitanie] == style.SECONDARY and set(colours) - {colours[occitanie]} == {style.PRIMARY}
    written = [t.text for t in parse(chart).iter(f"{NS}text")]
    assert "▶ Occitanie" in written and f"1{NBSP}570{NBSP}338" in written


def test_ranking_bar_keeps_the_first_rows_only(ds):
    table = territories.departement_table(ds)
    bars = tooltips(parse(figs.ranking_bar(table, "Habitants", max_rows=5)), "rect")
    assert [t.splitlines()[0] for _, t in bars] == ["Seine-Saint-Denis", "Nord", "Bouches-du-Rhône", "Val-d'Oise",
                                                    "Rhône"]
    assert f"Part du total : 12{NBSP}%" in bars[0][1]  # share of all 101, not of the 5 shown


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
    root = parse(figs.budget_split_bar(home.budget_split(ds)))
    widths = [float(r.get("width")) for r in root.iter(f"{NS}rect")]
    assert widths[1] / widths[0] == pytest.approx(2.3, rel=1e-3)
    written = [t.text for t in root.iter(f"{NS}text")]
    assert f"1{NBSP}Md€" in written and f"2,3{NBSP}Md€" in written and f"Total : 3,3{NBSP}Md€" in written
    assert any("France Relance" in t for t in written) and any("Vie quotidienne" in t for t in written)
    assert len({r.get("fill") for r in root.iter(f"{NS}rect")}) == 2


def test_departement_figure_residents(ds):
    deps = territories.map_table(ds)
    chart = figs.departement_figure(deps, ds.geo_departements, "qpv_population", frames=ds.geo_inset_frames,
                                    highlight=("34",))
    root = parse(chart)
    hover = {text.splitlines()[0]: text for _, text in tooltips(root, "path")}
    assert len(hover) == len(ds.geo_departements["features"]) == 103  # 101 départements, 2 collectivités
    herault = hover["Hérault (34)"]
    assert f"Habitants des QPV (2018) : 103{NBSP}094 habitants" in herault
    assert f"Part en QPV (2018 / 2023) : 8{NBSP}%" in herault and "Région : Occitanie" in herault
    outlined = [p for p in root.iter(f"{NS}path") if p.get("stroke") == svg.HIGHLIGHT_COLOR]
    assert len(outlined) == 1  # the selection
    written = " ".join(t.text or "" for t in root.iter(f"{NS}text"))
    assert "Habitants des QPV (2018)" in written and "médaillon" in written
    assert len(chart.markup.encode()) < 120 * 1024


def test_departement_figure_share_and_zoom(ds):
    deps = territories.map_table(ds)
    zoom = territories.map_zoom(ds, scope(ds, Filters(regions=("76",))))
    chart = figs.departement_figure(deps, ds.geo_departements, "share", zoom_on=zoom)
    hover = {text.splitlines()[0]: text for _, text in tooltips(parse(chart), "path")}
    assert len(hover) == 13
    assert f"Part en QPV, % (2018 / 2023) : 8{NBSP}%" in hover["Hérault (34)"]
    assert "médaillon" not in chart.markup
    assert "Part en QPV, %" in chart.markup  # the colour bar's label


def _value_trace(fig):
    return next(t for t in fig.data if t.type == "choropleth" and t.coloraxis == "coloraxis")


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
