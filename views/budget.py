"""Budget: the 2021 plan announced and reported (national), the three axes, and the politique de la ville credits
by territory and year (following the filters)."""
import streamlit as st

from components import cards, filters, state
from quartiers import budget, credits
from quartiers.figures import budget as figures
from quartiers.formatting import year_span

ds = state.dataset()
chosen = state.filters()
st.title("Budget")
st.caption(filters.describe(ds, chosen, applies=("region", "departement", "pilote")))

# --- National lines: no filter applies ----------------------------------------------------------------------------
st.header("Le plan 2021 pour les quartiers : annoncé et mobilisé")
st.info("Ces montants sont **nationaux** : ils ne changent pas avec le territoire ou le pilote choisi. "
        "Chaque montant est donné avec sa source et sa période.", icon=":material/public:")
cards.kpi_row(ds, state.memo("budget.kpis", lambda: budget.budget_kpis(ds)))


def national_cards() -> list[dict]:
    """The four national cards (plan, announced vs reported, overlapping press figures, axes): no filter applies."""
    tree = budget.plan_tree(ds)
    both = budget.plan_and_report(ds)
    overlaps = budget.overlapping_lines(ds)
    lines = budget.axis_lines(ds)
    return [
        dict(title=budget.plan_title(tree), takeaway=budget.plan_gaps(ds, tree), figure=figures.plan_treemap(tree),
             data=budget.line_table(tree), source_ids=tuple(dict.fromkeys(tree["source_id"])),
             year=", ".join(dict.fromkeys(tree["period"])), key="plan_treemap",
             note="chaque case à son propre montant sourcé ; une case n'est pas la somme de ses sous-cases"),
        dict(title=budget.report_title(ds), takeaway=budget.report_takeaway(ds), figure=figures.plan_report_bars(both),
             data=budget.line_table(both), source_ids=tuple(dict.fromkeys(both["source_id"])),
             year=", ".join(dict.fromkeys(both["period"])), key="plan_report"),
        dict(title=budget.overlap_title(ds), takeaway=budget.overlap_takeaway(ds),
             figure=figures.overlap_bars(overlaps),
             data=budget.line_table(overlaps), source_ids=tuple(dict.fromkeys(overlaps["source_id"])),
             year=", ".join(dict.fromkeys(overlaps["period"])), key="overlaps", note=figures.OVERLAP_WARNING.lower()),
        dict(title=budget.axis_title(ds), takeaway=budget.axis_takeaway(ds), figure=figures.axis_bars(lines),
             data=budget.line_table(lines),
             source_ids=tuple(dict.fromkeys(list(ds.axes["source_id"]) + list(lines["source_id"]))),
             year=", ".join(dict.fromkeys(lines["period"])), key="axes"),
    ]


plan_cards = state.memo("budget.national", national_cards)
for card in plan_cards[:3]:
    cards.chart_card(ds, **card)

# --- The three axes -----------------------------------------------------------------------------------------------
st.header("Les trois axes")
for _, axis in ds.axes.iterrows():
    st.markdown(f"- **{axis['label_fr']}** : {axis['content_fr']}")
cards.chart_card(ds, **plan_cards[3])

# --- Politique de la ville credits: follow the filters ------------------------------------------------------------
st.header("Crédits de la politique de la ville : adultes-relais et FONJEP")
sel = state.memo("budget.selection", lambda: credits.select_credits(ds, chosen), chosen)
st.caption(f"Ces crédits suivent les filtres de territoire et de pilote. Choix : **{sel.label}**.")
if chosen.pilotes and sel.contracts.empty:
    st.info(f"{credits.NO_CONTRACT_FR.capitalize()} : élargissez le territoire ou changez de pilote.",
            icon=":material/filter_alt_off:")
    st.stop()  # the credits section is the end of the page: nothing more to show
for note in sel.notes:
    st.warning(note, icon=":material/crop_free:")
years = credits.credit_years(ds)
year = st.segmented_control("Année des crédits", years, default=years[-1], required=True, key="budget_year")
cards.kpi_row(ds, state.memo("budget.credit_kpis", lambda: credits.credit_kpis(ds, chosen, sel, year), chosen, year))
unattached = state.memo("budget.unattached", lambda: credits.unattached_note(ds, sel, year), chosen, year)
if unattached:
    st.caption(unattached)

source = (credits.CREDITS_SOURCE,)
span = year_span(years)


def credit_cards() -> list[dict]:
    """The credits cards for the filters and the year: by year, territories ranked, € per QPV resident."""
    by_year = credits.credits_by_year(ds, sel.rows)
    ranking = credits.credits_ranking(ds, sel, year)
    residents_years = credits.years_text(ranking["qpv_population_year"])
    ratio = credits.ratio_label(year, residents_years)
    return [
        dict(title=credits.year_title(by_year, sel.label), takeaway=credits.year_takeaway(by_year),
             figure=figures.credits_year_bars(by_year) if by_year["posts"].sum() else None,
             data=credits.year_table(by_year), source_ids=source, year=span, key="credits_years",
             note=credits.CREDITS_NATURE),
        dict(title=credits.ranking_title(ranking, year, sel.level),
             takeaway=credits.ranking_takeaway(ranking, sel.level, figures.MAX_BARS),
             figure=figures.ranking_bars(ranking, year) if len(ranking) else None,
             data=credits.ranking_table(ranking, year, ratio), source_ids=source, year=str(year),
             key="credits_ranking", note=credits.CREDITS_NATURE),
        dict(title=credits.per_resident_title(ranking, year), takeaway=credits.per_resident_takeaway(ranking, ratio),
             figure=figures.per_resident_bars(ranking, ratio) if len(ranking) else None,
             data=credits.ranking_table(ranking, year, ratio), source_ids=source,
             year=f"{year} ; habitants {residents_years}", key="credits_per_resident", note=credits.CREDITS_NATURE),
    ]


by_year_card, ranking_card, per_resident_card = state.memo("budget.credits", credit_cards, chosen, year)
cards.chart_card(ds, **by_year_card)
left, right = st.columns(2)
with left:
    cards.chart_card(ds, **ranking_card)
with right:
    cards.chart_card(ds, **per_resident_card)
