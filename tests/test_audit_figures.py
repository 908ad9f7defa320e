"""Issue 11: every figure right, with an official source. Each test pins a figure and its label."""
from __future__ import annotations

import csv
import re
from urllib.parse import urlparse

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from quartiers.filters import Filters
from quartiers.metrics import PILOT_OUTSIDE, PILOT_PART, PILOT_WHOLE, pilot_figure, pilots_in_scope, scope
from tests.conftest import SHARED, open_page

NBSP = "\u202f"
PAGES = ("views/accueil.py", "views/territoires.py", "views/pilotes.py", "views/budget.py",
         "views/presentation.py", "views/sources.py")


def page_text(at: AppTest) -> str:
    """Every text a reader sees on the page: headings, markdown, captions, notices, metrics and tables."""
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error")
             for e in getattr(at, kind)]
    for m in at.metric:
        parts += [m.label, m.value, m.proto.help]
    for df in at.dataframe:
        table = df.value.data if hasattr(df.value, "data") else df.value
        parts.append(" ".join(map(str, table.columns)) + " " + table.astype(str).to_string())
    return "\n".join(parts)


def _amp(ds) -> pd.Series:
    return ds.pilots[ds.pilots["pilot_id"] == "aix-marseille-provence"].iloc[0]


# --- 1. A pilot counts only for its part inside the territory -----------------------------------------------------

def test_pilot_figure_whole_part_or_none(ds):
    amp = _amp(ds)
    national = pilot_figure(ds, amp, scope(ds, Filters()))
    assert (national.value, national.extent, national.label) == (300191, PILOT_WHOLE, "")
    vaucluse = pilot_figure(ds, amp, scope(ds, Filters(departements=("84",))))
    assert (vaucluse.value, vaucluse.extent) == (1916, PILOT_PART)
    assert vaucluse.label == "part dans Vaucluse : contrat de ville CV043"
    var = pilot_figure(ds, amp, scope(ds, Filters(departements=("83",))))
    assert var.value is None and var.extent == PILOT_OUTSIDE
    assert var.label.startswith("non disponible pour ce territoire")
    paca = pilot_figure(ds, amp, scope(ds, Filters(regions=("93",))))
    assert (paca.value, paca.extent) == (300191, PILOT_WHOLE)


def test_pilots_in_scope_carry_the_territory_figure(ds):
    found = pilots_in_scope(ds, scope(ds, Filters(departements=("13",)))).set_index("pilot_id")
    assert found.at["aix-marseille-provence", "qpv_population"] == 300191 - 1916


def test_home_under_var_does_not_show_the_whole_pilot():
    text = page_text(open_page("views/accueil.py", {"departement": ["83"]}))
    assert f"300{NBSP}191" not in text
    assert "non disponible pour ce territoire" in text


def test_pilots_page_under_vaucluse_shows_the_vaucluse_part():
    at = open_page("views/pilotes.py", {"departement": ["84"]})
    residents = next(m for m in at.metric if m.label.startswith("Habitants en QPV"))
    assert residents.value == f"1{NBSP}916"
    assert "part dans Vaucluse : contrat de ville CV043" in residents.proto.help
    text = page_text(at)
    assert f"300{NBSP}191" not in text
    assert f"5,5{NBSP}%" not in text


# --- 5. 18 régions and 2 collectivités d'outre-mer ----------------------------------------------------------------

@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("query", [{}, {"region": ["987"]}])
def test_no_page_counts_twenty_regions(page, query):
    text = page_text(open_page(page, query))
    assert "20 régions" not in text
    assert not re.search(r"(?<![\d\u202f])1 départements|Polynésie française : 1 département", text)


def test_territoires_counts_collectivites_apart():
    at = open_page("views/territoires.py")
    assert at.subheader[0].value == "France entière : 18 régions et 2 collectivités d'outre-mer"
    at = open_page("views/territoires.py", {"region": ["987"]})
    assert at.subheader[0].value == "Polynésie française : 1 collectivité d'outre-mer"


# --- 6. Source addresses kept whole --------------------------------------------------------------------------------

def _facts_text() -> str:
    """The text of the fact tables, one cell per line (a comma between two CSV cells is not in an address)."""
    cells = []
    for path in sorted((SHARED / "facts").iterdir()):
        if path.suffix == ".csv":
            with open(path, encoding="utf-8-sig", newline="") as f:
                cells += [cell for row in csv.reader(f) for cell in row]
        elif path.suffix == ".md":
            cells.append(path.read_text(encoding="utf-8"))
    return "\n".join(cells)


def test_every_source_address_is_whole(ds):
    """Each address of sources.csv parses as a web address and appears whole in the fact tables: the character
    after it there ends the address (no cut at a comma inside it, as the ipreunion.com addresses once were)."""
    from quartiers import build_qpv
    from quartiers.sources import DATASETS, OFFICIAL_DOCUMENTS
    text = _facts_text()
    # not cited by the fact tables: added by the build
    datasets = {d[3] for d in DATASETS + OFFICIAL_DOCUMENTS + build_qpv.DATASETS}
    for url in ds.sources["url"]:
        parsed = urlparse(url)
        assert parsed.scheme in ("http", "https") and "." in parsed.netloc, url
        if url in datasets:
            continue
        ends = [text[m.end():m.end() + 2] for m in re.finditer(re.escape(url), text)]
        assert ends, f"address not in the fact tables: {url}"
        assert any(re.match(r"([,.]?[\s;|\"')]|[,.]?$)", e) for e in ends), f"address cut short: {url}"


def test_ipreunion_address_keeps_its_commas():
    from quartiers.sources import split_labelled
    facts = pd.read_csv(SHARED / "facts" / "qpv2015_count_by_region.csv", dtype=str).set_index("reg_code")
    url = split_labelled(facts.at["04", "source"])["count"]
    assert url.endswith("insee,159-300-reunionnais-es-vivent-en-quartiers-prioritaires,141956.html")


# --- Sources an official can cite -----------------------------------------------------------------------------------

def test_every_source_has_a_class(ds):
    assert set(ds.sources["source_class"]) == {"officiel", "statistique publique", "presse"}
    by_host = ds.sources.set_index("source_id")["source_class"]
    assert by_host["insee-qpv2015"] == "statistique publique"
    assert by_host["anct-ci-ville"] == "officiel"
    assert by_host[ds.budget_lines.set_index("line_id").at["bilan-total", "source_id"]] == "presse"


def test_sources_page_shows_each_class():
    at = open_page("views/sources.py")
    text = page_text(at)
    for cls in ("officiel", "statistique publique", "presse"):
        assert f"**{cls}** (" in text
    figures = at.dataframe[0].value
    assert {"officiel", "statistique publique", "presse"} <= set(figures["Classe"])
    assert "Insee (document officiel)" in set(figures["Relaie"])


def test_home_headline_kpis_cite_the_official_publisher_first(ds):
    at = open_page("views/accueil.py")
    lines = [c.value for c in at.caption if c.value.startswith("Source : ")][:5]
    assert lines[0] == "Source : Insee (relayé par Défi métiers) (2015)"
    assert lines[1] == "Source : Insee (relayé par Banque des Territoires) (2018)"
    assert lines[2] == "Source : Insee (relayé par Banque des Territoires) (2018)"
    assert lines[3] == "Source : ANCT (relayé par Défi métiers) (2021)"
    assert lines[4].startswith("Source : Vie publique (DILA) (2021)")
    for line in lines:  # a press publisher comes only as a relay of an official one
        assert "chiffre de presse" not in line


def test_a_press_figure_with_no_official_source_says_so(ds):
    from quartiers.metrics import source_line
    sid = ds.budget_lines.set_index("line_id").at["relance-insertion", "source_id"]
    assert source_line(ds, (sid,), "2021") == "Source : 20 Minutes (chiffre de presse) (2021)"


# --- 2 and 3. The selection's figure is the territory's; one national share ---------------------------------------

def test_selection_total_is_the_departements_published_figure():
    at = open_page("views/territoires.py", {"departement": ["21"]})
    line = next(c.value for c in at.caption if c.value.startswith("Ensemble de la sélection"))
    assert line.startswith(f"Ensemble de la sélection : 6 QPV (liste 2015), 21{NBSP}999 habitants en QPV (2018), "
                           f"4{NBSP}% de la population (2018 / 2023)")
    assert f"somme des contrats de ville listés (1) : 20{NBSP}522 habitants, qui n'est pas le chiffre" in line


def test_one_national_share_the_published_one():
    at = open_page("views/territoires.py")
    line = next(c.value for c in at.caption if c.value.startswith("Ensemble de la sélection"))
    assert line == (f"Ensemble de la sélection : 5,4{NBSP}M habitants en QPV (2018), 8{NBSP}% de la population "
                    "(2018, chiffres publiés).")
    assert f"7,9{NBSP}%" not in page_text(at)


@pytest.mark.parametrize("page", ["views/accueil.py", "views/territoires.py", "views/pilotes.py"])
def test_shares_mixing_two_years_are_never_shown_to_a_tenth(page):
    """Shares of QPV residents (2018) in a population of 2023: whole per cent, labelled with both years (Guyane
    reads 42 %, not 42,0 %)."""
    at = open_page(page, {"region": ["03"]} if page != "views/pilotes.py" else {"pilote": ["est-ensemble"]})
    text = page_text(at)
    assert not re.search(r"\d,\d\u202f% de (la|sa) population", text)
    if page == "views/accueil.py":
        share = next(m for m in at.metric if m.label == "Part en QPV")
        assert share.value == f"42{NBSP}%"
        assert any("(2018 / 2023)" in c.value for c in at.caption)


# --- 7. « plus de 1,1 Md€ … mobilisés », compared with the commitment ----------------------------------------------

def _pack_text(ds) -> str:
    import datetime as dt
    import io

    from pptx import Presentation

    from quartiers.pptx_export import build_pptx
    from quartiers.slides import build_slides, filters_label
    f = Filters()
    deck = Presentation(io.BytesIO(build_pptx(build_slides(ds, f), filters_label(ds, f), dt.date(2025, 3, 18))))
    parts = []
    for slide in deck.slides:
        parts += [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def test_report_amount_reads_mobilises_on_pages_slides_and_pack(ds):
    from quartiers.budget import report_sentence
    sentence = report_sentence(ds)
    assert sentence.startswith(f"Plus de 1,1{NBSP}Md€ mobilisés selon le bilan")
    assert f"pour l'engagement de 1{NBSP}Md€ de France Relance" in sentence
    budget_page = page_text(open_page("views/budget.py"))
    for text in (budget_page, _pack_text(ds)):
        assert f"lus de 1,1{NBSP}Md€" in text and "mobilisés" in text
        assert not re.search(r"exécut|réalisé", text)
    assert "Les blocs du bilan suivent les piliers de France Relance" in budget_page
    assert "Compétitivité et attractivité (économie, sport, culture, emploi)" in budget_page


def test_axes_show_announced_lines_only(ds):
    from quartiers.budget import axis_lines
    assert set(axis_lines(ds)["kind"]) == {"announced"}


# --- 8. Credits are theoretical costs ------------------------------------------------------------------------------

def test_every_credits_figure_says_it_is_a_theoretical_cost(ds):
    from quartiers.credits import CREDITS_NATURE
    assert CREDITS_NATURE.startswith("coût théorique des postes sous convention au 31 décembre")
    at = open_page("views/budget.py")
    credit_lines = [c.value for c in at.caption if c.value.startswith("Source : ANCT") and "2023" in c.value
                    and not c.value.endswith("postes sous convention au 31 décembre")]  # the count of posts
    assert len(credit_lines) >= 5 and all(c.endswith(CREDITS_NATURE) for c in credit_lines), credit_lines
    pilot = page_text(open_page("views/pilotes.py", {"pilote": ["est-ensemble"]}))
    assert CREDITS_NATURE in pilot


def test_national_credits_per_resident_leaves_polynesie_out_and_says_so(ds):
    from quartiers import credits
    f = Filters()
    sel = credits.select_credits(ds, f)
    residents, years, left_out = credits.selection_residents(ds, f, sel)
    assert left_out == ("Polynésie française",)
    regions = ds.regions.set_index("reg_code")["qpv_population"]
    assert residents == regions.sum() - regions["987"]
    ratio = next(k for k in credits.credit_kpis(ds, f, sel, 2023) if k.key == "per_resident")
    assert "sans Polynésie française : aucun poste dans les données" in ratio.note


# --- 4. Polynésie française's years ---------------------------------------------------------------------------------

def test_polynesie_population_is_the_2022_census(ds):
    row = ds.regions.set_index("reg_code").loc["987"]
    assert (row["population"], row["population_year"]) == (278786, 2022)
    assert "année des habitants des QPV non précisée" in row["year_note"]


def test_regions_ranking_names_every_territory_whose_year_differs():
    at = open_page("views/accueil.py")
    notes = [c.value for c in at.caption if "Polynésie française : population du recensement de 2022" in c.value]
    assert len(notes) == 2  # the map of départements and the ranking of régions
    assert all("Mayotte : habitants des QPV 2017, population 2017" in n for n in notes)


# --- 9. One figure per place ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("region, published, contract", [("987", "70\u202f680", "70\u202f678"),
                                                         ("978", "9\u202f570", "9\u202f571")])
def test_a_collectivite_has_one_figure_the_other_in_a_note(region, published, contract):
    at = open_page("views/territoires.py", {"region": [region]})
    titles = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert not any(contract in t for t in titles)
    assert any(published in t for t in titles)
    note = next(c.value for c in at.caption if "chiffre qui n'est pas repris" in c.value)
    assert f"{published} habitants en QPV, chiffre publié pour la collectivité" in note and contract in note


# --- 10. A fact's note reaches the page ----------------------------------------------------------------------------

def test_normandie_2024_counts_keep_their_caution():
    at = open_page("views/territoires.py", {"region": ["28"], "departement": ["14"]})
    table = next(d.value for d in at.dataframe if "QPV (géographie 2024)" in d.value.columns)
    calvados = table.set_index("Territoire").loc["Calvados"]
    assert calvados["QPV (géographie 2024)"] == "8"
    assert calvados["Remarque"].startswith("Attention : l'article qui donne ce chiffre compte 51 QPV pour la région "
                                           "Normandie, l'Insee 63")


def test_grand_nancy_count_comes_from_the_list(ds):
    """The source's « 8 » might have been sites: the 2015 list has 8 QPV wholly in the Grand Nancy."""
    from quartiers import pilots as pl
    nancy = ds.pilots[ds.pilots["pilot_id"] == "grand-nancy"].iloc[0]
    assert "Nombre de QPV (liste 2015) : 8 entièrement dans le pilote." in pl.qpv_count_text(ds, nancy)
    text = page_text(open_page("views/pilotes.py", {"pilote": ["grand-nancy"]}))
    assert "peut-être des sites" in text


def test_unlocated_credit_posts_are_given_with_their_year(ds):
    from quartiers.slides import credits_slide
    notes = " ".join(credits_slide(ds, Filters(regions=("11",))).caveats)
    # the /budget sentence (credits.unattached_note), with its year
    assert re.search(r"ou à aucun en 2023 : \d+ postes", notes)
