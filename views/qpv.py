"""Les QPV: the 2015 QPV of the selection (table, search, map, findings) and one QPV's profile (`qpv` in the link),
with its 2024 counterpart apart."""
import streamlit as st

from components import cards, filters, notices, state
from quartiers import qpv
from quartiers.filters import QPV_PARAM, parse_qpv
from quartiers.formatting import fr_int, fr_points
from quartiers.metrics import Kpi
from quartiers.page_cards.qpv import (
    PROFILE_INDICATORS,
    map_measures,
    qpv_cards,
    qpv_profile_parts,
    selection_map,
    selection_rows,
)

SOURCE_2024 = "Source : Insee, données QPV 2024 ; contour : ANCT (SIG Ville)"  # the profile's 2024 figures and outline
ds = state.dataset()
chosen = state.filters()
st.title("Les QPV")
st.caption(filters.describe(ds, chosen, applies=("region", "departement", "pilote")))

code, link_notices = parse_qpv(st.query_params.get_all(QPV_PARAM), set(ds.qpv2015["code_qp"]))
notices.link_notices(link_notices)
selected = qpv.selection(ds, chosen)
rows = selection_rows(ds, chosen)
summary = qpv.summary(selected)
label = qpv.selection_label(ds, chosen)
st.subheader(qpv.selection_title(label, summary))
if summary is None:
    st.info("Aucun QPV de la liste 2015 pour ce choix : élargissez les filtres dans la barre latérale.")
    st.stop()

population_sources = qpv.population_sources(selected)
cards.kpi_row(ds, qpv.summary_kpis(selected, summary))
pilot_note = qpv.pilot_note(ds, chosen, selected)
if pilot_note:
    st.caption(pilot_note)


def _profile(code: str) -> None:
    """One QPV: its communes, residents, income and poverty over the years, 2010 census figures, its pilot, and
    apart its 2024 counterpart with the real outline."""
    # the profile and its figures built once per QPV (components.state.view), not on every rerun of the page
    p, charts, outline_figure = state.view(qpv_profile_parts, code)
    with st.container(border=True, key="qpv_profile"):
        st.markdown(f"### {p.name} ({p.code})")
        st.caption(f"{p.departement} — communes : {', '.join(p.communes) or 'non disponibles'} "
                   f"({qpv.METHOD_FR[p.communes_method]}). "
                   + (f"Territoire pilote : {' ; '.join(p.pilots)}." if p.pilots else "Hors des 14 pilotes."))
        cards.kpi_row(ds, [
            Kpi("pop_2018", "Habitants en 2018", float(p.pop_2018), fr_int(p.pop_2018), p.source_ids[:2], "2018"),
            Kpi("pop_2013", "Habitants en 2013", float(p.pop_2013), fr_int(p.pop_2013), p.source_ids[:2], "2013"),
            Kpi("change", "Évolution depuis 2013", None, qpv.profile_change(p), p.source_ids[:2], "2013-2018"),
        ])
        left, right = st.columns(2)
        for col, (indicator, (_, fmt)), (series, figure, data) in zip((left, right), PROFILE_INDICATORS.items(),
                                                                      charts):
            with col:
                if series.empty:
                    st.info(f"{qpv.INDICATOR_LABELS[indicator]} : non disponible pour ce QPV "
                            "(outre-mer, ou secret statistique).")
                    continue
                last = series.iloc[-1]
                cards.chart_card(ds, f"{qpv.INDICATOR_LABELS[indicator]} : {fmt(last['value'])} en {last['year']}",
                                 f"De {int(series['year'].min())} à {int(series['year'].max())} ; une année absente "
                                 "est sous secret statistique.", figure, data,
                                 tuple(dict.fromkeys(ds.qpv2015_indicators.loc[
                                     ds.qpv2015_indicators["indicator"] == indicator, "source_id"])),
                                 f"{int(series['year'].min())}-{int(series['year'].max())}", f"profile_{indicator}")
        if not p.rp2010.empty:
            cards.table_card(ds, f"Recensement {qpv.EMPLOYMENT_YEAR}", "Indicateurs de l'Insee pour ce quartier.",
                             p.rp2010.rename(columns={"label": "Indicateur", "value": "Valeur"}),
                             (qpv.SRC_RP2010,), str(qpv.EMPLOYMENT_YEAR), "profile_rp2010")
        with st.container(border=True):
            st.markdown("#### Géographie 2024 (autre liste, chiffres non comparables à ceux de 2015)")
            if p.qpv2024 is None:
                st.caption("Aucun QPV de la liste 2024 rapproché de ce quartier (même nom dans sa commune).")
            else:
                q24 = p.qpv2024
                st.caption(f"QPV 2024 rapproché (même nom dans sa commune) : {q24['name']} ({q24.name}), "
                           f"{str(q24['commune_names']).replace(';', ', ')} — {fr_int(q24['pop_2020'])} habitants "
                           f"au 1er janvier 2020 ; taux d'emploi {fr_points(q24['taux_emploi'])} ; taux de "
                           f"pauvreté {fr_points(q24['taux_pauvrete'])}. {SOURCE_2024}.")
                if outline_figure is not None:
                    cards.plotly_chart(outline_figure, f"Contour 2024 du QPV {q24['name']}", SOURCE_2024,
                                       "profile_outline")
                else:
                    st.caption("Contour 2024 non disponible pour ce QPV.")


if code:
    _profile(code)

# Search, table and profile choice
PRINT_ROWS = 40  # a national table has 1 514 rows: paper (and the page's hidden print copy) take the largest ones
query = st.text_input("Rechercher un QPV (nom, commune ou code)", key="qpv_search",
                      placeholder="ex. Montreuil, Franc Moisin, QP093028")
found = qpv.find(rows, query) if query else rows
parts = state.view(qpv_cards, chosen)
table_sources = parts["sources"]
cards.table_card(ds, f"Les QPV — {label}", qpv.size_takeaway(summary), found, table_sources, "2013-2021",
                 "qpv_table", height=420, print_rows=PRINT_ROWS,
                 note=f"{fr_int(len(found))} QPV sur {fr_int(len(rows))} ; cliquez sur un en-tête pour trier. "
                      + parts["missing"])
options = list(found[qpv.COL_CODE])
names = dict(zip(found[qpv.COL_CODE], found[qpv.COL_NAME]))
picked = st.selectbox("Voir le profil d'un QPV", options, index=options.index(code) if code in options else None,
                      format_func=lambda c: f"{names[c]} ({c})", placeholder="Choisissez un QPV de la liste",
                      key="qpv_pick")
if picked and picked != code:
    st.query_params[QPV_PARAM] = picked
    st.rerun()

# Map
measure = st.segmented_control("Couleur des points", list(map_measures(ds)), default=qpv.poverty_column(ds),
                               key="qpv_measure", required=True)
mp, points_figure, points_table = state.view(selection_map, chosen, measure)
cards.chart_card(ds, f"Les {fr_int(len(mp.points))} QPV placés sur la carte, {measure.lower()}",
                 f"Taille : habitants 2018 ; couleur : {measure.lower()}. {qpv.POINTS_NOTE}", points_figure,
                 points_table, (qpv.SRC_POINTS, *table_sources), "2015-2024", "qpv_map", note=mp.note)

left, right = st.columns(2)
with left:
    cards.chart_card(ds, qpv.large_title(summary), "Les quartiers les plus peuplés de la sélection (2018).",
                     parts["largest"], parts["largest_data"],
                     population_sources, "2018", "qpv_largest")
with right:
    cards.chart_card(ds, "Pauvreté et revenu médian",
                     parts["poverty_finding"], parts["poverty"], parts["poverty_data"],
                     (qpv.SRC_FILOSOFI,), str(qpv.latest_year(ds, qpv.POVERTY)), "qpv_poverty")
