"""Budget: the 2021 plan announced and reported (national), the three axes, and the politique de la ville credits
by territory and year (following the filters)."""
import streamlit as st

from components import cards, filters, state
from quartiers import budget, credits
from quartiers.figures import budget as figures

ds = state.dataset()
chosen = state.filters()
st.title("Budget")
st.caption(filters.describe(ds, chosen, applies=("region", "departement", "pilote")))

# --- National lines: no filter applies ----------------------------------------------------------------------------
st.header("Le plan 2021 pour les quartiers : annoncé et réalisé")
st.info("Ces montants sont **nationaux** : ils ne changent pas avec le territoire ou le pilote choisi. "
        "Chaque montant est donné avec sa source et sa période.", icon=":material/public:")
cards.kpi_row(ds, budget.budget_kpis(ds))

tree = budget.plan_tree(ds)
cards.chart_card(ds, budget.plan_title(tree), budget.plan_gaps(ds, tree), figures.plan_treemap(tree),
                 budget.line_table(tree), tuple(dict.fromkeys(tree["source_id"])),
                 ", ".join(dict.fromkeys(tree["period"])), key="plan_treemap",
                 note="chaque case à son propre montant sourcé ; une case n'est pas la somme de ses sous-cases")

both = budget.plan_and_report(ds)
cards.chart_card(ds, budget.report_title(ds), budget.report_takeaway(ds), figures.plan_report_bars(both),
                 budget.line_table(both), tuple(dict.fromkeys(both["source_id"])),
                 ", ".join(dict.fromkeys(both["period"])), key="plan_report")

overlaps = budget.overlapping_lines(ds)
cards.chart_card(ds, budget.overlap_title(ds), budget.overlap_takeaway(ds), figures.overlap_bars(overlaps),
                 budget.line_table(overlaps), tuple(dict.fromkeys(overlaps["source_id"])),
                 ", ".join(dict.fromkeys(overlaps["period"])), key="overlaps",
                 note=figures.OVERLAP_WARNING.lower())

# --- The three axes -----------------------------------------------------------------------------------------------
st.header("Les trois axes")
for _, axis in ds.axes.iterrows():
    st.markdown(f"- **{axis['label_fr']}** : {axis['content_fr']}")
lines = budget.axis_lines(ds)
cards.chart_card(ds, budget.axis_title(ds), budget.axis_takeaway(ds), figures.axis_bars(lines),
                 budget.line_table(lines), tuple(dict.fromkeys(list(ds.axes["source_id"]) + list(lines["source_id"]))),
                 ", ".join(dict.fromkeys(lines["period"])), key="axes")

# --- Politique de la ville credits: follow the filters ------------------------------------------------------------
st.header("Crédits de la politique de la ville : adultes-relais et FONJEP")
sel = credits.select_credits(ds, chosen)
st.caption(f"Ces crédits suivent les filtres de territoire et de pilote. Choix : **{sel.label}**.")
if chosen.pilotes and sel.contracts.empty:
    st.info("Aucun contrat de ville des pilotes choisis dans ce territoire : élargissez le territoire ou changez de "
            "pilote.", icon=":material/filter_alt_off:")
    st.stop()  # the credits section is the end of the page: nothing more to show
for note in sel.notes:
    st.warning(note, icon=":material/crop_free:")
years = credits.credit_years(ds)
year = st.segmented_control("Année des crédits", years, default=years[-1], required=True, key="budget_year")
cards.kpi_row(ds, credits.credit_kpis(ds, chosen, sel, year))
unattached = credits.unattached_note(ds, sel, year)
if unattached:
    st.caption(unattached)

source = (credits.CREDITS_SOURCE,)
span = f"{years[0]}-{years[-1]}"
by_year = credits.credits_by_year(ds, sel.rows)
cards.chart_card(ds, credits.year_title(by_year, sel.label), credits.year_takeaway(by_year),
                 figures.credits_year_bars(by_year) if by_year["posts"].sum() else None,
                 credits.year_table(by_year), source, span, key="credits_years")

ranking = credits.credits_ranking(ds, sel, year)
residents_years = credits.years_text(ranking["qpv_population_year"])
ratio = credits.ratio_label(year, residents_years)
left, right = st.columns(2)
with left:
    cards.chart_card(ds, credits.ranking_title(ranking, year, sel.level),
                     credits.ranking_takeaway(ranking, sel.level, figures.MAX_BARS),
                     figures.ranking_bars(ranking, year) if len(ranking) else None,
                     credits.ranking_table(ranking, year, ratio), source, str(year), key="credits_ranking")
with right:
    cards.chart_card(ds, credits.per_resident_title(ranking, year), credits.per_resident_takeaway(ranking, ratio),
                     figures.per_resident_bars(ranking, ratio) if len(ranking) else None,
                     credits.ranking_table(ranking, year, ratio), source, f"{year} ; habitants {residents_years}",
                     key="credits_per_resident")
