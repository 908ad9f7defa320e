"""Server-drawn SVG charts: valid markup, one shape per département with its French hover, colours on the scale
and grey for gaps, bars and values that stay inside the chart, escaped texts, a slide-sized image download."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from quartiers.figures import svg
from quartiers.figures.style import PRIMARY, SECONDARY

NS = "{http://www.w3.org/2000/svg}"
NBSP = "\u202f"


def parse(chart: svg.SvgChart, layout: int = 0) -> ET.Element:
    """The chart as the page gets it: its wide layout (0), or its phone layout (1) when it has one."""
    return ET.fromstring(f"<div>{chart.markup}</div>")[layout]


def tooltips(root: ET.Element, tag: str) -> list[tuple[ET.Element, str]]:
    """(shape, its hover text) for every `tag` element that carries a <title> (or whose group carries one)."""
    out = []
    for parent in root.iter():
        title = parent.find(f"{NS}title")
        if title is None or parent is root:
            continue
        shape = parent if parent.tag == f"{NS}{tag}" else parent.find(f"{NS}{tag}")
        if shape is not None:
            out.append((shape, title.text))
    return out


@pytest.fixture(scope="module")
def occitanie(deps) -> dict:
    return {"type": "FeatureCollection",
            "features": [f for f in deps["features"] if f["properties"]["reg_code"] == "76"]}


def luminance(colour: str) -> float:
    r, g, b = map(int, re.findall(r"\d+", colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_choropleth_draws_every_departement_with_its_hover_and_colour(occitanie):
    values = {"31": 70_068.0, "34": 103_094.0, "48": 0.0, "09": None}
    hover = {"31": ["Haute-Garonne (31)", f"Habitants : 70{NBSP}068"]}
    chart = svg.choropleth(occitanie, values, hover, "Habitants des QPV (2018)", str, alt="Carte")
    root = parse(chart)
    shapes = dict((text.splitlines()[0], shape) for shape, text in tooltips(root, "path"))
    assert len(shapes) == 13  # every département of the région, with a hover (its code when none is given)
    assert shapes["Haute-Garonne (31)"].get("fill").startswith("rgb(")
    assert shapes["09"].get("fill") == svg.MISSING_COLOR  # no value: grey, off the scale
    assert shapes["11"].get("fill") == svg.MISSING_COLOR  # absent from the values: grey too
    # more is darker
    assert luminance(shapes["34"].get("fill")) < luminance(shapes["Haute-Garonne (31)"].get("fill")) < \
        luminance(shapes["48"].get("fill"))
    assert root.find(f"{NS}title").text == "Carte"  # the accessible name of the chart
    assert root.get("role") == "img" and root.get("class") == f"{svg.CHART_CLASS} {svg.WIDE_CLASS}"


def test_map_and_stacked_bar_have_a_phone_layout_with_the_same_content(occitanie):
    chart = svg.choropleth(occitanie, {"31": 70_068.0, "34": 103_094.0}, {}, "Habitants", str, alt="Carte")
    wide, narrow = parse(chart), parse(chart, 1)
    assert narrow.get("class") == f"{svg.CHART_CLASS} {svg.NARROW_CLASS}"
    assert chart.narrow.width == svg.NARROW_PX < chart.width
    assert len(tooltips(wide, "path")) == len(tooltips(narrow, "path")) == 13
    assert "Habitants" in [t.text for t in narrow.iter(f"{NS}text")]  # the legend, under the map
    bar = svg.stacked_bar([("Une part au nom assez long pour un téléphone", 1.0, "1", "1"),
                           ("Une autre part au nom long elle aussi", 2.0, "2", "2")], "Total : 3", ("#000", "#111"),
                          alt="Répartition")
    for text in parse(bar, 1).iter(f"{NS}text"):  # on a phone, names are wrapped to stay apart and inside
        assert svg.text_px(text.text, svg.FONT_PX) <= svg.NARROW_PX / 2


def test_choropleth_legend_has_round_french_ticks_and_its_label(occitanie):
    chart = svg.choropleth(occitanie, {"31": 70_068.0, "34": 103_094.0}, {}, "Habitants des QPV (2018)",
                           lambda v: f"{v:,.0f}".replace(",", NBSP), alt="Carte")
    texts = [t.text for t in parse(chart).iter(f"{NS}text")]
    assert f"80{NBSP}000" in texts and f"100{NBSP}000" in texts
    assert "Habitants des QPV" in " ".join(texts)
    assert svg.nice_ticks(0, 620_583) == [0, 200_000, 400_000, 600_000]
    assert svg.nice_ticks(3, 3) == [3]


def test_choropleth_frames_highlight_and_notes(deps, frames):
    values = {f["properties"]["dep_code"]: 1.0 for f in deps["features"]}
    plain = parse(svg.choropleth(deps, values, {}, "H", str, alt="Carte"))
    chart = parse(svg.choropleth(deps, values, {}, "H", str, alt="Carte", frames=frames, highlight=["31", "34"],
                                 notes=["Outre-mer en médaillon (positions d'affichage)"]))
    added = len(list(chart.iter(f"{NS}path"))) - len(list(plain.iter(f"{NS}path")))
    assert added == len(frames["features"]) + 2
    outlines = [p for p in chart.iter(f"{NS}path") if p.get("stroke") == svg.HIGHLIGHT_COLOR]
    assert len(outlines) == 2 and all(p.get("fill") == "none" for p in outlines)
    assert any("médaillon" in (t.text or "") for t in chart.iter(f"{NS}text"))


def points(d: str) -> list[tuple[float, float]]:
    """Positions of a path written « M x y l dx dy dx dy … z » (one or more rings)."""
    out = []
    for ring in re.findall(r"M([^l]+)l([^z]*)z", d):
        x, y = map(float, ring[0].split())
        out.append((x, y))
        steps = list(map(float, ring[1].split()))
        for dx, dy in zip(steps[::2], steps[1::2]):
            x, y = x + dx, y + dy
            out.append((x, y))
    return out


@pytest.mark.parametrize("layout", [0, 1])
def test_choropleth_fits_its_box_and_stays_small(deps, frames, layout):
    chart = svg.choropleth(deps, {}, {}, "H", str, alt="Carte", frames=frames)
    drawn = chart.narrow if layout else chart
    shown = [pt for p in parse(chart, layout).iter(f"{NS}path") for pt in points(p.get("d"))]
    assert len(shown) > 4000
    assert min(x for x, _ in shown) >= -0.5 and max(x for x, _ in shown) <= drawn.width + 0.5
    assert min(y for _, y in shown) >= -0.5 and max(y for _, y in shown) <= drawn.height + 0.5
    assert len(chart.markup.encode()) < 120 * 1024  # both layouts


def test_texts_from_data_are_escaped(occitanie):
    hostile = '<script>alert(1)</script> & "x"'
    chart = svg.choropleth(occitanie, {"31": 1.0}, {"31": [hostile]}, hostile, str, alt=hostile)
    bars = svg.hbars([hostile], [1.0], [hostile], [[hostile]], [False], alt=hostile)
    for markup in (chart.markup, bars.markup, chart.image(hostile, hostile)):
        assert "<script>" not in markup
        ET.fromstring(f"<div>{markup}</div>")  # still well-formed


def test_hbars_keep_labels_and_values_inside_the_chart():
    labels = ["Provence-Alpes-Côte d'Azur", "▶ Occitanie", "Lozère", "Inconnu"]
    values = [510_302.0, 357_683.0, 0.0, None]
    texts = [f"510{NBSP}302", f"357{NBSP}683", "0", "non disponible"]
    chart = svg.hbars(labels, values, texts, [[t] for t in labels], [False, True, False, False], alt="Classement")
    root = parse(chart)
    rects = list(root.iter(f"{NS}rect"))
    assert [r.get("fill") for r in rects] == [PRIMARY, SECONDARY, PRIMARY, PRIMARY]
    assert float(rects[0].get("width")) > float(rects[1].get("width")) > 0
    assert float(rects[3].get("width")) == 0  # no value, no bar: its text says so
    written = [t.text for t in root.iter(f"{NS}text")]
    assert labels[0] in written and "non disponible" in written  # whole names, on a line of their own
    for text in root.iter(f"{NS}text"):  # every value ends inside the chart
        assert float(text.get("x")) + svg.text_px(text.text, svg.FONT_PX) <= chart.width + 1
    assert [t for _, t in tooltips(root, "rect")] == labels


def test_stacked_bar_parts_and_total():
    chart = svg.stacked_bar([("Relance", 1000.0, f"1{NBSP}Md€", "Relance : 1 Md€"),
                             ("Vie quotidienne", 2300.0, f"2,3{NBSP}Md€", "Vie quotidienne : 2,3 Md€")],
                            f"Total : 3,3{NBSP}Md€", ("#0072B2", "#56479E"), alt="Répartition")
    root = parse(chart)
    widths = [float(r.get("width")) for r in root.iter(f"{NS}rect")]
    assert widths[1] / widths[0] == pytest.approx(2.3, rel=1e-3) and sum(widths) == pytest.approx(chart.width, rel=1e-3)
    written = [t.text for t in root.iter(f"{NS}text")]
    assert f"Total : 3,3{NBSP}Md€" in written and f"2,3{NBSP}Md€" in written
    last_name = next(t for t in root.iter(f"{NS}text") if t.text == "Vie quotidienne")
    assert last_name.get("text-anchor") == "end"  # ends at the right edge, inside the chart


def test_image_is_a_slide_with_title_chart_and_source():
    chart = svg.hbars(["A", "B"], [2.0, 1.0], ["2", "1"], [["A"], ["B"]], [False, False], alt="Classement")
    image = ET.fromstring(chart.image("Titre du graphique", "Source : Insee (2018)"))
    assert (image.get("width"), image.get("height")) == tuple(map(str, svg.SLIDE))
    texts = [t.text for t in image.iter(f"{NS}text")]
    assert texts[0] == "Titre du graphique" and texts[-1] == "Source : Insee (2018)"
    inner = image.find(f"{NS}svg")
    x, y = float(inner.get("x")), float(inner.get("y"))
    w, h = float(inner.get("width")), float(inner.get("height"))
    assert x >= 0 and y >= 0 and x + w <= svg.SLIDE[0] and y + h <= svg.SLIDE[1]  # never cropped
    assert w / h == pytest.approx(chart.width / chart.height, rel=0.02)


def test_a_long_title_and_source_are_written_whole_above_and_under_the_chart():
    chart = svg.hbars(["A", "B"], [2.0, 1.0], ["2", "1"], [["A"], ["B"]], [False, False], alt="Classement")
    title = " ".join(["Un titre de constat assez long"] * 7)  # 4 lines of 70 characters
    source = " ".join(["Source : Insee ; ANCT ; Etalab"] * 9)  # 2 lines of 150 characters
    image = ET.fromstring(chart.image(title, f"{source} (2018 et 1{NBSP}514)"))
    inner = image.find(f"{NS}svg")
    top, bottom = float(inner.get("y")), float(inner.get("y")) + float(inner.get("height"))
    texts = image.findall(f"{NS}text")  # the image's own, not the chart's
    heading = [t.text for t in texts if float(t.get("y")) < top]
    foot = [t.text for t in texts if float(t.get("y")) > bottom + 15]
    assert len(heading) + len(foot) == len(texts) == 6  # none over the chart
    assert " ".join(heading) == title
    assert " ".join(foot) == f"{source} (2018 et 1{NBSP}514)"  # a no-break space never breaks
    assert bottom <= svg.SLIDE[1]


def test_every_ring_of_both_layouts_is_valid_path_data(deps, frames):
    chart = svg.choropleth(deps, {}, {}, "H", str, alt="Carte", frames=frames)
    for layout in (0, 1):
        for path in parse(chart, layout).iter(f"{NS}path"):
            assert path.get("d") and re.fullmatch(r"(M-?[\d.]+ -?[\d.]+l(-?[\d.]+ -?[\d.]+ ?)+z)+", path.get("d"))


def test_a_long_ranking_is_laid_out_in_columns_on_a_slide():
    labels = [f"Territoire {i}" for i in range(20)]
    chart = svg.hbars(labels, [float(20 - i) for i in range(20)], [str(20 - i) for i in range(20)],
                      [[lab] for lab in labels], [False] * 20, alt="Classement")
    image = ET.fromstring(chart.image("Titre", "Source : Insee (2018)"))
    inner = image.find(f"{NS}svg")
    assert float(inner.get("height")) / chart.slide.height >= 1  # texts at least their size on screen
    assert len(image.findall(f".//{NS}rect")) == 21  # every bar (and the white background)
    columns = inner.findall(f"{NS}g")
    assert len(columns) == 2 and columns[1].find(f"{NS}g/{NS}text").text == "Territoire 10"  # down, then across
