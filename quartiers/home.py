"""Tables of the home page that are not territorial: the 2021 money split and the 14 pilots at a glance."""
from __future__ import annotations

import pandas as pd

from quartiers.data import Dataset
from quartiers.filters import Filters
from quartiers.formatting import fr_int
from quartiers.metrics import reg_names
from quartiers.qpv_pilots import YEAR, PilotQpv
from quartiers.vocabulary import PILOT_COVERAGE_FR

BUDGET_PARENT = "annonce-total"
BUDGET_PARTS = ("relance", "vie-quotidienne")


def budget_split(ds: Dataset) -> pd.DataFrame:
    """The two parts of the 3,3 Md€ announced in 2021 (France Relance share, residents' daily life), with the
    total they make up. Both are children of the announcement and do not overlap, so they may be stacked."""
    lines = ds.budget_lines.set_index("line_id")
    parts = lines.loc[list(BUDGET_PARTS)]
    if (parts["parent_id"] != BUDGET_PARENT).any() or parts["overlaps_siblings"].any():
        raise ValueError("budget lines relance / vie-quotidienne are no longer disjoint parts of annonce-total")
    return parts.reset_index()[["line_id", "label_fr", "amount_meur", "period", "source_id"]].assign(
        total_meur=float(lines.at[BUDGET_PARENT, "amount_meur"]), total_source_id=lines.at[BUDGET_PARENT, "source_id"])


def pilot_link(pilot_id: str, chosen: Filters) -> str:
    """Relative address of a pilot's profile, keeping the territorial filters ('pilotes?pilote=…&region=…')."""
    params = [("pilote", pilot_id)] + [("region", r) for r in chosen.regions] + \
        [("departement", d) for d in chosen.departements]
    return "pilotes?" + "&".join(f"{k}={v}" for k, v in params)


def pilots_glance(ds: Dataset, pilots: pd.DataFrame, chosen: Filters) -> pd.DataFrame:
    """One row per pilot: name, région, QPV residents (None where no figure covers it exactly), the wording of
    that coverage, and the link to its profile. Largest first; pilots without a figure last."""
    regions = reg_names(ds)
    out = pd.DataFrame({
        "pilot_id": pilots["pilot_id"],
        "name": pilots["name"],
        "region": pilots["reg_code"].map(regions),
        "qpv_population": pilots["qpv_population"].astype("Float64"),
        "year": pilots["qpv_population_year"],
        "coverage": pilots["coverage"],
        "coverage_fr": [lbl or PILOT_COVERAGE_FR[c] for c, lbl in zip(pilots["coverage"], pilots["figure_label"])],
        "figure_label": pilots["figure_label"],
        "source_id": pilots["qpv_population_source_id"],
        "link": [pilot_link(p, chosen) for p in pilots["pilot_id"]],
    })
    return out.sort_values("qpv_population", ascending=False, na_position="last", kind="stable").reset_index(drop=True)


LIST_COLUMN = "QPV (liste 2015)"  # then their residents, then the QPV straddling the pilot


def pilots_display(glance: pd.DataFrame, listed: dict[str, PilotQpv]) -> pd.DataFrame:
    """The pilots table with French column names and French numbers (« non disponible » where missing), and each
    pilot's QPV counted from the national list (`listed`: by pilot id), which every pilot has, Roubaix, Orly-Choisy
    and Grand Paris Sud included: those wholly inside, their residents, and the straddling ones, counted apart."""
    figures = [listed[p] for p in glance["pilot_id"]]
    year = glance["year"].dropna()
    label = f"Habitants des QPV ({int(year.mode().iloc[0])})" if len(year) else "Habitants des QPV"
    return pd.DataFrame({
        "Territoire pilote": glance["name"],
        "Région": glance["region"],
        label: glance["qpv_population"].map(fr_int),
        "Fiche": glance["link"],
        LIST_COLUMN: [f.whole_count for f in figures],
        f"Leurs habitants ({YEAR})": [f.whole_2018 for f in figures],
        "QPV à cheval (à part)": [f.partial_count for f in figures],
        "Couverture du chiffre": glance["coverage_fr"],
    })
