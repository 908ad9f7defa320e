"""Quartiers productifs: the pilots, the QPV residents they cover, the matrix pilots × priorities, one profile per
pilot and a side-by-side comparison. Every table and figure comes from quartiers.pilot*."""
import streamlit as st

from components import cards, filters, state
from quartiers import pilot_compare as pc
from quartiers import pilot_matrix as pm
from quartiers import pilots as pl
from quartiers import qpv_pilots as qp
from quartiers.credits import CREDITS_NATURE
from quartiers.figures import maps
from quartiers.figures import pilots as figs
from quartiers.formatting import year_span
from quartiers.metrics import PILOT_WHOLE, pilots_in_scope

ds = state.dataset()
chosen = state.filters()
st.title("Quartiers productifs — les territoires pilotes")
st.caption(filters.describe(ds, chosen, applies=("region", "departement", "pilote", "priorite")))
st.caption("Région et département gardent les pilotes situés sur ces territoires ; territoire pilote restreint aux "
           "pilotes choisis ; priorité restreint la matrice, les programmes et les faits publiés.")
pilots = pl.selected_pilots(ds, chosen)
if pilots.empty:
    st.info("Aucun territoire pilote ne correspond aux filtres choisis. Élargissez la région, le département ou "
            "la liste des pilotes dans la barre latérale.", icon=":material/filter_alt_off:")
    st.stop()


def overview() -> dict:
    """Everything above the profile for these filters: figures, cards and tables."""
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


top = state.memo("pilotes.overview", overview, chosen)
st.subheader(top["shown"])
cards.kpi_row(ds, top["kpis"])

st.header("Les pilotes et leurs habitants en QPV")
left, right = st.columns(2)
with left:
    cards.chart_card(ds, **top["map"])
with right:
    cards.chart_card(ds, **top["residents"])
if top["bounds"]:
    cards.chart_card(ds, **top["bounds"])
cards.grid(top["table"], "pilots_table")


def qpv_list() -> dict:
    """The QPV of each pilot in the national list: table, sentence, sources."""
    listed = qp.pilot_figures(ds, state.scope(), tuple(pilots["pilot_id"]))
    return dict(takeaway=qp.list_coverage(ds).sentence(), table=qp.list_table(listed),
                source_ids=tuple(dict.fromkeys(s for f in listed for s in f.source_ids)))


qpvs = state.memo("pilotes.qpv_list", qpv_list, chosen)
cards.table_card(ds, "Les QPV de chaque pilote, comptés dans la liste nationale de 2015", qpvs["takeaway"],
                 qpvs["table"], qpvs["source_ids"], "2013 et 2018", "pilots_qpv_list",
                 note=f"Méthode : {qp.METHOD_FR}. Un QPV à cheval est nommé et ses habitants sont donnés à part, "
                      "jamais répartis entre communes. La liste de chaque pilote : page « Les QPV », filtre pilote.")

st.header("Priorités : programmes nationaux présents sur chaque pilote")
st.caption("Le programme n'a publié aucun choix de priorités par pilote : chaque pilote est labellisé sur les quatre "
           "priorités. Chaque case donne les programmes nationaux de l'ANCT rattachés à cette priorité et présents "
           "sur le territoire (nombre, unité, millésime de la liste), et les faits publiés sur le pilote.")
cards.chart_card(ds, **top["matrix"])
cards.grid(top["matrix_table"], "pilots_matrix_table",
           column_config={"Pilote": st.column_config.TextColumn(width=170),
                          "Priorité": st.column_config.TextColumn(width=190),
                          "Programmes nationaux présents (avec au moins un site)": st.column_config.NumberColumn(
                              "Programmes", width=90),
                          "Détail (nombre, unité, millésime de la liste)": st.column_config.TextColumn(width=420),
                          "Faits publiés": st.column_config.TextColumn(width=200)})
if chosen.priorites:
    st.caption("Autres programmes présents (contexte) masqués : un filtre de priorité est actif.")
else:
    st.markdown("**Autres programmes présents (contexte)** — rattachés à aucune des quatre priorités")
    cards.grid(top["context"], "pilots_context")

st.header("Profil d'un pilote")
ids = list(pilots["pilot_id"])
first = chosen.pilotes[0] if chosen.pilotes and chosen.pilotes[0] in ids else ids[0]
pid = st.selectbox("Pilote", ids, index=ids.index(first), format_func=dict(zip(ids, pilots["name"])).get,
                   key=f"profile_{'-'.join(ids)}")
pilot = pilots[pilots["pilot_id"] == pid].iloc[0]


def profile() -> dict:
    """The profile of the chosen pilot (its figures follow the priority filter only)."""
    # under a territorial filter, a pilot shown for its part in the territory has the credits of that part only
    part = pilot["figure_extent"] != PILOT_WHOLE
    credits = pc.pilot_credits(ds, pid, state.scope().dep_codes if part else ())
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


# the territory is in the key: under a territorial filter a pilot's figures are its part in the territory
prof = state.memo("pilotes.profile", profile, pid, chosen)
cards.kpi_row(ds, prof["kpis"])
st.caption(prof["count"])
st.markdown("**Contrats de ville 2015 du pilote**")
cards.grid(prof["contracts"], "profile_contracts")
cards.chart_card(ds, **prof["credits"])
st.markdown("**Programmes nationaux par priorité**")
cards.grid(prof["programmes"], "profile_programmes")
st.caption(prof["absent"])
st.markdown("**Faits publiés sur le pilote**")
if prof["facts"] is None:
    st.caption("Aucun fait publié propre à ce pilote n'a été trouvé (au-delà du lancement national du 18 mars 2021).")
else:
    cards.grid(prof["facts"], "profile_facts",
               column_config={"Source": st.column_config.LinkColumn(display_text="ouvrir la source")})
if prof["detail_message"] is not None:
    st.markdown("**Quartiers prioritaires du pilote (données QPV d'Occitanie)**")
    st.caption(prof["detail_message"])
    if prof["qpv"]:
        cards.chart_card(ds, **prof["qpv"])

st.header("Comparer des pilotes")
options = list(pilots_in_scope(ds, state.scope())["pilot_id"])
names = dict(zip(ds.pilots["pilot_id"], ds.pilots["name"]))
default = list(chosen.pilotes) if 2 <= len(chosen.pilotes) <= 4 else \
    list(dict.fromkeys([*chosen.pilotes, *options]))[:3]
picked = st.multiselect("Pilotes à comparer (2 à 4)", options, default=[p for p in default if p in options],
                        format_func=names.get, max_selections=4, key=f"compare_{'-'.join(options)}")
if len(picked) < 2:
    st.info("Choisissez au moins deux pilotes à comparer.")
else:


    def comparison() -> dict:
        compared = pc.comparison(ds, picked)
        return dict(title=pc.comparison_title(compared), takeaway="Chaque panneau a sa propre échelle. « non "
                    "disponible » : le pilote n'a pas de chiffre propre d'habitants en QPV (contrats partiels ou plus "
                    "larges).", figure=figs.comparison_bars(compared, pc.compared_labels(ds)),
                    data=pc.comparison_table(ds, compared), source_ids=("anct-ci-ville", "anct-pilots-communes"),
                    year="2018, 2023", key="pilots_compare")

    cards.chart_card(ds, **state.memo("pilotes.comparison", comparison, tuple(picked)))
