"""Quartiers productifs: the pilots, the QPV residents they cover, the matrix pilots × priorities, one profile per
pilot and a side-by-side comparison. Every table and figure comes from quartiers.pilot*."""
import streamlit as st

from components import cards, filters, state
from quartiers import pilots as pl
from quartiers import qpv_pilots as qp
from quartiers.metrics import pilots_in_scope
from quartiers.page_cards.pilots import (
    compared_pilots_default,
    pilot_profile,
    pilots_comparison,
    pilots_overview,
    pilots_qpv_list,
    profile_pilot_default,
)

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

top = state.view(pilots_overview, chosen)
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


qpvs = state.view(pilots_qpv_list, chosen)
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
pid = st.selectbox("Pilote", ids, index=ids.index(profile_pilot_default(ds, chosen)),
                   format_func=dict(zip(ids, pilots["name"])).get, key=f"profile_{'-'.join(ids)}")


# the territory is in the key: under a territorial filter a pilot's figures are its part in the territory
prof = state.view(pilot_profile, chosen, pid)
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
picked = st.multiselect("Pilotes à comparer (2 à 4)", options, default=compared_pilots_default(ds, chosen),
                        format_func=names.get, max_selections=4, key=f"compare_{'-'.join(options)}")
if len(picked) < 2:
    st.info("Choisissez au moins deux pilotes à comparer.")
else:
    cards.chart_card(ds, **state.view(pilots_comparison, tuple(picked)))
