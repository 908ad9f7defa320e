"""The cards of /pilotes (views/pilotes.py): the pilots and their QPV residents, the matrix pilots × priorities, one
pilot's profile and a comparison of pilots; and which pilots the profile and the comparison first show."""
from __future__ import annotations

from quartiers import pilot_compare as pc
from quartiers import pilot_matrix as pm
from quartiers import pilots as pl
from quartiers import qpv_pilots as qp
from quartiers.credits import CREDITS_NATURE
from quartiers.data import Dataset
from quartiers.figures import maps
from quartiers.figures import pilots as figs
from quartiers.filters import Filters
from quartiers.formatting import year_span
from quartiers.metrics import PILOT_WHOLE, pilots_in_scope, scope


def pilots_overview(ds: Dataset, chosen: Filters) -> dict:
    """Everything above the profile for these filters: figures, cards and tables."""
    pilots = pl.selected_pilots(ds, chosen)
    share = pl.covered_share(ds, pilots)
    own = pl.counted(pilots)
    bounds = pl.known_bounds(ds, pilots)
    cells = pm.matrix(ds, pilots, chosen.priorites)
    programme_sources = tuple(sorted(set(ds.programmes["source_id"]) - {""}))
    table = pl.pilots_table(ds, pilots)
    return dict(
        shown=pl.shown_text(ds, pilots), kpis=pl.headline_kpis(ds, pilots),
        map=dict(title=pl.pilots_title(ds, pilots), takeaway=pl.map_takeaway(pilots),
                 figure=figs.pilots_map(pilots, ds.geo_departements, ds.geo_inset_frames),
                 data=table, source_ids=("anct-pilots-communes", "anct-ci-ville"),
                 year="2018 ; population 2023", key="pilots_map"),
        residents=dict(title=pl.residents_title(pilots), takeaway=share.sentence(),
                       figure=figs.residents_bars(own) if len(own) else None, data=pl.pilots_table(ds, own),
                       source_ids=pl.residents_sources(pilots), year="2018", key="pilots_residents"),
        bounds=dict(title=pl.bounds_title(bounds), takeaway=pl.bounds_takeaway(bounds),
                    figure=figs.bounds_bars(bounds), data=pl.bounds_table(bounds), source_ids=("anct-ci-ville",),
                    year="2018", key="pilots_bounds",
                    note="contrats de ville 2015 rattachés aux pilotes par le projet (voir Sources)")
        if bounds else None,
        table=table,
        matrix=dict(title=pm.matrix_title(cells), takeaway=pm.matrix_takeaway(ds, cells),
                    figure=figs.matrix_heatmap(cells), data=pm.matrix_table(cells), source_ids=programme_sources,
                    year=pm.vintage_span(ds), key="pilots_matrix",
                    note="rattachement programme → priorité établi par le projet (voir Sources)"),
        matrix_table=pm.matrix_table(cells).drop(columns="Label Quartiers productifs"),
        context=None if chosen.priorites else pm.context_programmes(ds, pilots),
    )


def pilots_qpv_list(ds: Dataset, chosen: Filters) -> dict:
    """The QPV of each pilot in the national list: table, sentence, sources."""
    listed = qp.pilot_figures(ds, scope(ds, chosen), tuple(pl.selected_pilots(ds, chosen)["pilot_id"]))
    return dict(takeaway=qp.list_coverage(ds).sentence(), table=qp.list_table(listed),
                source_ids=tuple(dict.fromkeys(s for f in listed for s in f.source_ids)))


def profile_pilot_default(ds: Dataset, chosen: Filters) -> str:
    """The pilot whose profile the page first shows: the first pilot chosen, else the first of the selection."""
    ids = list(pl.selected_pilots(ds, chosen)["pilot_id"])
    return chosen.pilotes[0] if chosen.pilotes and chosen.pilotes[0] in ids else ids[0]


def pilot_profile(ds: Dataset, chosen: Filters, pid: str) -> dict:
    """The profile of pilot `pid` among the selection (its figures follow the priority filter only)."""
    pilots = pl.selected_pilots(ds, chosen)
    pilot = pilots[pilots["pilot_id"] == pid].iloc[0]
    # under a territorial filter, a pilot shown for its part in the territory has the credits of that part only
    part = pilot["figure_extent"] != PILOT_WHOLE
    credits = pc.pilot_credits(ds, pid, scope(ds, chosen).dep_codes if part else ())
    area_note = "; ".join(filter(None, [pilot["figure_label"] if part else "", pc.credits_area_note(ds, pilot)]))
    detail = pl.qpv_detail(ds, pilot)
    qpv_card = None
    if detail is not None and len(detail.qpvs):
        qpv_card = dict(title=pl.qpv_title(detail), takeaway="Population municipale de chaque QPV, année non précisée "
                        "par la source : à ne pas additionner aux chiffres 2018.",
                        figure=maps.qpv_map(detail.qpvs, ds.geo_qpv_occitanie, "pop_mun",
                                            "Population municipale du QPV"),
                        data=pl.qpv_detail_table(detail), source_ids=("hackaviz-occitanie",), year="année incertaine",
                        key="profile_qpv")
    facts = pl.pilot_facts(ds, [pid], chosen.priorites)
    return dict(
        kpis=pl.profile_kpis(pilot), count=pl.qpv_count_text(ds, pilot), contracts=pl.contracts_table(ds, pilot),
        credits=dict(title=pc.credits_title(pilot["name"], credits, area_note),
                     takeaway=area_note or pc.credits_takeaway(credits),
                     figure=figs.credits_bars(credits) if len(credits) else None, data=pc.credits_table(credits),
                     source_ids=("anct-ci-ville",), year=year_span(credits["year"]), key="profile_credits",
                     note=" ; ".join(filter(None, [area_note, CREDITS_NATURE]))),
        programmes=pm.pilot_programmes_table(ds, pid, chosen.priorites),
        absent=pm.absent_lists_text(ds, pid, chosen.priorites),
        facts=None if facts.empty else pl.facts_table(facts),
        detail_message=None if detail is None else detail.message, qpv=qpv_card,
    )


def compared_pilots_default(ds: Dataset, chosen: Filters) -> tuple[str, ...]:
    """The pilots the comparison first shows: the 2 to 4 pilots chosen, else the first three of the territory."""
    options = list(pilots_in_scope(ds, scope(ds, chosen))["pilot_id"])
    default = list(chosen.pilotes) if 2 <= len(chosen.pilotes) <= 4 else \
        list(dict.fromkeys([*chosen.pilotes, *options]))[:3]
    return tuple(p for p in default if p in options)


def pilots_comparison(ds: Dataset, picked: tuple[str, ...]) -> dict:
    """The pilots `picked` side by side, each panel on its own scale."""
    compared = pc.comparison(ds, list(picked))
    return dict(title=pc.comparison_title(compared),
                takeaway="Chaque panneau a sa propre échelle. « non disponible » : le pilote n'a pas de chiffre propre "
                         "d'habitants en QPV (contrats partiels ou plus larges).",
                figure=figs.comparison_bars(compared, pc.compared_labels(ds)),
                data=pc.comparison_table(ds, compared), source_ids=("anct-ci-ville", "anct-pilots-communes"),
                year="2018, 2023", key="pilots_compare")
