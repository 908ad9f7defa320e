"""Territoires: région → département → contrat de ville following the filters, QPV detail for Occitanie,
and the 2024 geography apart."""
import streamlit as st

from components import cards, controls, filters, state
from quartiers import qpv, slides, territories
from quartiers.formatting import fr_compact, fr_int
from quartiers.metrics import national_figure, source_line
from quartiers.page_cards.territories import (
    departement_2024_map,
    occitanie_cards,
    territories_drill,
    territories_map,
    zoomed_departements,
)

ds = state.dataset()
chosen = state.filters()
sc = state.scope()
drill = territories.drilldown(ds, sc)
table = drill.table
st.title("Territoires")
st.caption(filters.describe(ds, chosen, applies=("region", "departement")))
st.subheader(f"{sc.label} : {territories.count_text(table, drill.level)}")
st.markdown("La page montre la **collectivité d'outre-mer** choisie : elle n'a pas de département, son chiffre est "
            "celui publié pour la collectivité." if territories.only_collectivites(ds, sc) else {
    "region": "Sans filtre, la page liste les **régions**. Choisissez une ou plusieurs régions dans la barre "
              "latérale pour voir leurs départements, puis des départements pour leurs contrats de ville.",
    "departement": "La page liste les **départements** des régions choisies. Choisissez des départements dans "
                   "la barre latérale pour voir leurs contrats de ville.",
    "contrat": "La page liste les **contrats de ville** des départements choisis. Les contrats de ville suivent "
               "les périmètres intercommunaux de 2015 ; seul le nombre d'habitants des QPV est publié par contrat.",
}[drill.level])
if table.empty:
    st.info("Aucune donnée territoriale pour ce choix.")
    st.stop()
st.caption(f"Ensemble de la sélection : {territories.selection_summary(ds, sc, table, drill.level)}.")
for note in territories.collectivite_notes(ds, sc):
    st.caption(note)

# Map and ranking
years = territories.share_years(zoomed_departements(ds, chosen))

map_col, rank_col = st.columns([2, 1])
with map_col:
    measure = controls.map_measure(years, key="territoires_measure")
    cards.chart_card(ds, **state.view(territories_map, chosen, measure))
parts = state.view(territories_drill, chosen)
with rank_col:
    cards.chart_card(ds, **parts["ranking"])

# Treemap and table
if parts["treemap"]:
    cards.chart_card(ds, **parts["treemap"])
tab = parts["table"]
cards.table_card(
    ds, tab["title"], tab["takeaway"], tab["shown"].style.format(tab["formats"], na_rep="n.d."), tab["source_ids"],
    tab["year"], key="territoires_table", download=tab["shown"],
    height="content" if len(tab["shown"]) <= 25 else "auto", note=tab["note"],
    # fixed widths so that the last column (the share) is not pushed out of sight
    column_config={col: st.column_config.Column(width=190 if i == 0 else 150 if i == 1 else 125)
                   for i, col in enumerate(tab["shown"].columns)})

# QPV detail: Occitanie only
occ = territories.occitanie_deps(ds, sc)
if occ:
    st.header("Détail par quartier — Occitanie")
    hackaviz = ds.source("hackaviz-occitanie")
    st.info("Le détail par quartier n'existe ici que pour l'Occitanie (jeu de données Hackaviz 2021). "
            f"Attention : {territories.source_caveat(ds, 'hackaviz-occitanie')}", icon=":material/info:")
    labels = territories.INDICATOR_SHORT
    descriptions = territories.indicator_descriptions(ds)
    indicator = st.selectbox("Indicateur de la carte", territories.OCCITANIE_INDICATORS,
                             format_func=labels.get, key="territoires_indicator",
                             index=territories.OCCITANIE_INDICATORS.index(territories.OCCITANIE_DEFAULT))

    qp = state.view(occitanie_cards, occ, indicator)
    cards.chart_card(ds, **qp["map"])
    cards.table_card(
        ds, f"{qp['count']} quartiers prioritaires (liste 2015)", "Survolez un intitulé de colonne pour sa définition.",
        qp["table"].style.format(qp["formats"], na_rep="n.d."), ("hackaviz-occitanie",),
        hackaviz["year"], key="territoires_qpv_table", download=qp["table"],
        column_config={labels[c]: st.column_config.NumberColumn(labels[c], help=descriptions[c])
                       for c in territories.OCCITANIE_INDICATORS})

if sc.level != "national":  # the chosen territory against its région and France (also a slide of the pack)
    cards.finding_card(state.view(slides.comparison_slide, chosen),
                       key="territoires_comparison")

# 2024 geography, apart
with st.container(border=True):
    st.markdown("#### Nouvelle géographie prioritaire (2024) — à ne pas comparer ligne à ligne")
    st.caption("Depuis le 1er janvier 2024 (outre-mer : 2025), une nouvelle liste de QPV s'applique. Ses chiffres "
               "ne se comparent pas quartier par quartier avec ceux de 2015 ci-dessus : ils sont montrés à part.")
    if sc.level == "national":
        count, pop = national_figure(ds, "qpv2024_count_metro"), national_figure(ds, "qpv2024_population_metro")
        col1, col2 = st.columns(2)
        col1.metric(count["label_fr"], fr_int(count["value"]))
        col2.metric(pop["label_fr"], fr_compact(pop["value"]))
        st.caption(source_line(ds, (count["source_id"],), f"{count['year']}, population {pop['year']}"))
    # memoised like the cards above: the same frames and figure on every rerun, whose paper copy is made once
    table24 = state.view(territories.qpv2024_table, sc)
    if table24.empty:
        st.info("Aucun chiffre de la géographie 2024 n'est publié pour ce choix.")
    else:
        cards.grid(state.once(table24, "_shown", lambda: table24.drop(columns="source_id")), "territoires_qpv2024")
    if len(chosen.departements) == 1 and chosen.departements[0] in set(ds.qpv2024["dep_code"]):

        geo24, figure24 = state.view(departement_2024_map, chosen.departements[0])
        cards.chart_card(ds, geo24.title, "Contours réels des QPV de 2024 (ANCT) ; survolez un quartier pour sa "
                         "population. Aucun chiffre de 2015 sur cette carte.", figure24, geo24.rows,
                         (qpv.SRC_OUTLINES_2024, qpv.SRC_QPV2024), "2024 ; population 2020", "territoires_2024")
        st.caption(source_line(ds, tuple(sorted(set(table24["source_id"]) - {""})), "2024") +
                   " — « non disponible » : aucun chiffre publié trouvé ; la population de référence n'est pas "
                   "toujours précisée par la source.")
