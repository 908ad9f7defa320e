"""Quartiers productifs: the pilots, the QPV residents they cover, the matrix pilots × priorities, one profile per
pilot and a side-by-side comparison. Every table and figure comes from quartiers.pilot*."""
import streamlit as st

from components import cards, filters, state
from quartiers import pilot_compare as pc
from quartiers import pilot_matrix as pm
from quartiers import pilots as pl
from quartiers.figures import maps
from quartiers.figures import pilots as figs
from quartiers.metrics import pilots_in_scope, scope

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

share = pl.covered_share(ds, pilots)
st.subheader(pl.shown_text(ds, pilots))
cards.kpi_row(ds, pl.headline_kpis(ds, pilots))

st.header("Les pilotes et leurs habitants en QPV")
left, right = st.columns(2)
with left:
    cards.chart_card(ds, pl.pilots_title(ds, pilots), pl.map_takeaway(pilots),
                     figs.pilots_map(pilots, ds.geo_departements, ds.geo_inset_frames), pl.pilots_table(ds, pilots),
                     ("anct-pilots-communes", "anct-ci-ville"), "2018 ; population 2023", key="pilots_map")
with right:
    own = pl.counted(pilots)
    cards.chart_card(ds, pl.residents_title(pilots), share.sentence(),
                     figs.residents_bars(own) if len(own) else None,
                     pl.pilots_table(ds, own), pl.residents_sources(pilots), "2018", key="pilots_residents")
bounds = pl.known_bounds(ds, pilots)
if bounds:
    cards.chart_card(ds, pl.bounds_title(bounds), pl.bounds_takeaway(bounds), figs.bounds_bars(bounds),
                     pl.bounds_table(bounds), ("anct-ci-ville",), "2018", key="pilots_bounds",
                     note="contrats de ville 2015 rattachés aux pilotes par le projet (voir Sources)")
st.dataframe(pl.pilots_table(ds, pilots), hide_index=True, width="stretch")

st.header("Priorités : programmes nationaux présents sur chaque pilote")
st.caption("Le programme n'a publié aucun choix de priorités par pilote : chaque pilote est labellisé sur les quatre "
           "priorités. Chaque case donne les programmes nationaux de l'ANCT rattachés à cette priorité et présents "
           "sur le territoire (nombre, unité, millésime de la liste), et les faits publiés sur le pilote.")
cells = pm.matrix(ds, pilots, chosen.priorites)
programme_sources = tuple(sorted(set(ds.programmes["source_id"]) - {""}))
cards.chart_card(ds, pm.matrix_title(cells), pm.matrix_takeaway(ds, cells), figs.matrix_heatmap(cells),
                 pm.matrix_table(cells), programme_sources, pm.vintage_span(ds), key="pilots_matrix",
                 note="rattachement programme → priorité établi par le projet (voir Sources)")
st.dataframe(pm.matrix_table(cells).drop(columns="Label Quartiers productifs"), hide_index=True, width="stretch",
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
    st.dataframe(pm.context_programmes(ds, pilots), hide_index=True, width="stretch")

st.header("Profil d'un pilote")
ids = list(pilots["pilot_id"])
first = chosen.pilotes[0] if chosen.pilotes and chosen.pilotes[0] in ids else ids[0]
pid = st.selectbox("Pilote", ids, index=ids.index(first), format_func=dict(zip(ids, pilots["name"])).get,
                   key=f"profile_{'-'.join(ids)}")
pilot = pilots[pilots["pilot_id"] == pid].iloc[0]
cards.kpi_row(ds, pl.profile_kpis(pilot))
st.caption(pl.qpv_count_text(ds, pilot))
st.markdown("**Contrats de ville 2015 du pilote**")
st.dataframe(pl.contracts_table(ds, pilot), hide_index=True, width="stretch")
credits = pc.pilot_credits(ds, pid)
area_note = pc.credits_area_note(ds, pilot)
cards.chart_card(ds, pc.credits_title(pilot["name"], credits, area_note),
                 area_note or pc.credits_takeaway(credits), figs.credits_bars(credits) if len(credits) else None,
                 pc.credits_table(credits), ("anct-ci-ville",), pc.credits_years(credits), key="profile_credits",
                 note=area_note)
st.markdown("**Programmes nationaux par priorité**")
st.dataframe(pm.pilot_programmes_table(ds, pid, chosen.priorites), hide_index=True, width="stretch")
st.caption(pm.absent_lists_text(ds, pid, chosen.priorites))
st.markdown("**Faits publiés sur le pilote**")
facts = pl.pilot_facts(ds, [pid], chosen.priorites)
if facts.empty:
    st.caption("Aucun fait publié propre à ce pilote n'a été trouvé (au-delà du lancement national du 18 mars 2021).")
else:
    st.dataframe(pl.facts_table(facts), hide_index=True, width="stretch",
                 column_config={"Source": st.column_config.LinkColumn(display_text="ouvrir la source")})
detail = pl.qpv_detail(ds, pilot)
if detail is not None:
    st.markdown("**Quartiers prioritaires du pilote (données QPV d'Occitanie)**")
    st.caption(detail.message)
    if len(detail.qpvs):
        qpv_fig = maps.qpv_map(detail.qpvs, ds.geo_qpv_occitanie, "pop_mun", "Population municipale du QPV")
        cards.chart_card(ds, pl.qpv_title(detail), "Population municipale de chaque QPV, année non précisée par la "
                         "source : à ne pas additionner aux chiffres 2018.", qpv_fig, pl.qpv_detail_table(detail),
                         ("hackaviz-occitanie",), "année incertaine", key="profile_qpv")

st.header("Comparer des pilotes")
options = list(pilots_in_scope(ds, scope(ds, chosen))["pilot_id"])
names = dict(zip(ds.pilots["pilot_id"], ds.pilots["name"]))
default = list(chosen.pilotes) if 2 <= len(chosen.pilotes) <= 4 else \
    list(dict.fromkeys([*chosen.pilotes, *options]))[:3]
picked = st.multiselect("Pilotes à comparer (2 à 4)", options, default=[p for p in default if p in options],
                        format_func=names.get, max_selections=4, key=f"compare_{'-'.join(options)}")
if len(picked) < 2:
    st.info("Choisissez au moins deux pilotes à comparer.")
else:
    compared = pc.comparison(ds, picked)
    cards.chart_card(ds, pc.comparison_title(compared), "Chaque panneau a sa propre échelle. « non disponible » : "
                     "le pilote n'a pas de chiffre propre d'habitants en QPV (contrats partiels ou plus larges).",
                     figs.comparison_bars(compared, pc.compared_labels(ds)), pc.comparison_table(ds, compared),
                     ("anct-ci-ville", "anct-pilots-communes"), "2018, 2023", key="pilots_compare")
