"""The pack and the pages are renderers of the same findings: for a set of filter combinations, every slide of the
pack is a figure that a page shows, with the same figures and the same scope words."""
from __future__ import annotations

import pytest

from quartiers import pilots as pl
from quartiers.filters import parse_filters
from quartiers.slides import build_slides
from tests.conftest import open_page

QUERIES = {
    "national": {},
    "region-11-pilote-toulouse": {"region": ["11"], "pilote": ["toulouse"]},
    "departement-93-est-ensemble": {"departement": ["93"], "pilote": ["est-ensemble"]},
    "priorite-commerce": {"priorite": ["commerce-artisanat"]},
    "region-76": {"region": ["76"]},
}
PAGES = {"chiffres-cles": "accueil", "plan-2021": "accueil", "habitants-territoires": "territoires",
         "part-en-qpv": "territoires", "comparaison": "territoires", "pilotes": "pilotes", "priorites": "pilotes",
         "credits": "budget", "qpv": "qpv"}


def _titles(at) -> list[str]:
    return [m.value.removeprefix("#### ") for m in at.markdown if m.value.startswith("#### ")]


def _text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.subheader]
    return " ".join(parts + [i.value for i in at.info])


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _table_rows(at, column: str) -> set:
    """(first column, column) pairs of every page table with a column named like that (« (2018) » added)."""
    rows = set()
    for frame in at.dataframe:
        table = frame.value
        for name in table.columns:
            if name == column or name.startswith(f"{column} (20"):
                rows |= set(zip(table.iloc[:, 0], table[name]))
    return rows


def _shown(ds, slide, at) -> None:
    """Assert that the page `at` shows the figure of `slide`."""
    key = slide.key
    if key == "chiffres-cles":
        assert {label: text for label, text in zip(slide.chart.categories, slide.chart.texts)}.items() \
            <= _metrics(at).items()
    elif key in ("plan-2021", "comparaison", "priorites"):
        assert slide.title in _titles(at)
        if key == "comparaison":
            assert f"Champ : {slide.scope}" in _text(at)
    elif key in ("habitants-territoires", "part-en-qpv"):
        names = slide.table.iloc[:, 0]
        residents = {(n, int(v)) for n, v in zip(names, slide.table["Habitants des QPV"])}
        page = {(n, int(v)) for n, v in _table_rows(at, "Habitants des QPV") if v == v}
        assert residents <= page
    elif key == "pilotes":
        if slide.chart.texts == ("0",):
            assert "Aucun territoire pilote ne correspond aux filtres" in _text(at)
        else:
            assert slide.scope.endswith(at.subheader[0].value)  # « 14 pilotes affichés sur 14 »
        residents = _metrics(at).get("Habitants en QPV (2018)")
        assert residents is None or residents in slide.title or residents == "non disponible"
    elif key == "credits":
        assert f"Choix : **{slide.scope}**" in _text(at)
        if "aucun contrat de ville des pilotes choisis" in slide.title:
            assert "Aucun contrat de ville des pilotes choisis dans ce territoire" in _text(at)
        else:
            assert _metrics(at)["Crédits adultes-relais et FONJEP 2023"] in slide.title
            assert slide.takeaway.startswith(f"{_metrics(at)['Postes financés en 2023']} poste")
    elif key == "qpv":  # « Les QPV du territoire »: the /qpv headline, its big numbers and scope
        assert [s.value for s in at.subheader] == [slide.title]
        assert {label: text for label, text in zip(slide.chart.categories, slide.chart.texts)}.items() \
            <= _metrics(at).items()
        assert slide.takeaway in _text(at)
    elif key.startswith("pilote-"):
        metrics = _metrics(at)
        for label, text in zip(slide.chart.categories, slide.chart.texts):
            if label in metrics:
                assert metrics[label] == text, label
        assert slide.scope in _text(at) or slide.scope in [s.value for s in at.selectbox if s.value]
    else:
        raise AssertionError(f"no page is known to show the slide {key}")


@pytest.mark.parametrize("case", QUERIES)
def test_every_pack_figure_is_shown_by_a_page_with_the_same_scope(ds, case):
    query = QUERIES[case]
    f = parse_filters(query, ds)[0]
    slides = build_slides(ds, f)
    pages = {name: open_page(f"views/{name}.py", query) for name in set(PAGES.values())}
    for slide in slides:
        page = "pilotes" if slide.key.startswith("pilote-") else PAGES[slide.key]
        _shown(ds, slide, pages[page])


def test_no_pilot_slide_when_the_pages_show_no_pilot(ds):
    f = parse_filters(QUERIES["region-11-pilote-toulouse"], ds)[0]
    at = open_page("views/pilotes.py", QUERIES["region-11-pilote-toulouse"])
    assert pl.selected_pilots(ds, f).empty and "Aucun territoire pilote" in _text(at)
    assert not [s for s in build_slides(ds, f) if s.key.startswith("pilote-")]
