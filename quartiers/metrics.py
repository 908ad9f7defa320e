"""Aggregations behind the pages: what the filters select, and the headline figures with their source and year.

Rules (DESIGN.md): never estimate; a count missing for part of a selection is « non disponible » with the reason;
populations of different years are labelled with both years.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from quartiers.data import Dataset
from quartiers.filters import Filters
from quartiers.formatting import fr_compact, fr_int, fr_meur, fr_percent, year_span


@dataclass(frozen=True)
class Scope:
    """The territory the filters select."""

    level: str  # "national", "region" or "departement"
    label: str  # French, e.g. "France entière", "Île-de-France", "Hérault, Gard"
    reg_codes: tuple[str, ...]
    dep_codes: tuple[str, ...]


def scope(ds: Dataset, f: Filters) -> Scope:
    deps = ds.departements
    if f.departements:
        names = deps.set_index("dep_code").loc[list(f.departements), "dep_name"]
        regs = tuple(sorted(set(deps.set_index("dep_code").loc[list(f.departements), "reg_code"])))
        return Scope("departement", ", ".join(names), regs, f.departements)
    if f.regions:
        names = ds.regions.set_index("reg_code").loc[list(f.regions), "reg_name"]
        dep_codes = tuple(deps.loc[deps["reg_code"].isin(f.regions), "dep_code"])
        return Scope("region", ", ".join(names), f.regions, dep_codes)
    return Scope("national", "France entière", tuple(ds.regions["reg_code"]), tuple(deps["dep_code"]))


@dataclass(frozen=True)
class Kpi:
    """One headline figure: value (None = non disponible), how it reads, and where it comes from."""

    key: str
    label: str
    value: float | None
    display: str
    source_ids: tuple[str, ...]
    year: str
    note: str = ""


def national_figure(ds: Dataset, figure_id: str) -> pd.Series:
    return ds.national.set_index("figure_id").loc[figure_id]


def _national_kpi(ds: Dataset, key: str, figure_id: str, label: str, display, scale: float = 1) -> Kpi:
    """A published national figure; `scale` turns it into the unit of the same Kpi for a territory."""
    row = national_figure(ds, figure_id)
    value = float(row["value"]) * scale
    return Kpi(key, label, value, display(value), (row["source_id"],), str(row["year"]))


def _sources(df: pd.DataFrame, col: str) -> tuple[str, ...]:
    return tuple(sorted(set(df[col]) - {""}))


def territory_rows(ds: Dataset, sc: Scope) -> pd.DataFrame:
    """Régions (national or regional scope) or départements (departmental scope) making up the scope."""
    if sc.level == "departement":
        return ds.departements[ds.departements["dep_code"].isin(sc.dep_codes)]
    return ds.regions[ds.regions["reg_code"].isin(sc.reg_codes)]


def qpv_count_kpi(ds: Dataset, sc: Scope) -> Kpi:
    label = "QPV (liste 2015)"
    if sc.level == "national":
        return _national_kpi(ds, "qpv_count", "qpv_count", label, fr_int)
    rows = territory_rows(ds, sc)
    known = rows["qpv_count"].notna()
    if not known.all():
        note = (f"Nombre de QPV publié pour {int(known.sum())} des {len(rows)} départements choisis seulement : "
                "le total n'est pas calculé.")
        return Kpi("qpv_count", label, None, "non disponible", _sources(rows[known], "qpv_count_source_id"),
                   "2015", note)
    col = "qpv_count_source_id"
    note = "dont des comptes dérivés (voir Sources)" if rows.get("qpv_count_derived", pd.Series(False)).any() else ""
    return Kpi("qpv_count", label, float(rows["qpv_count"].sum()), fr_int(rows["qpv_count"].sum()),
               _sources(rows, col), "2015", note)


def residents_kpi(ds: Dataset, sc: Scope) -> Kpi:
    label = "Habitants des QPV"
    if sc.level == "national":
        return _national_kpi(ds, "qpv_population", "qpv_population", label, fr_compact)
    rows = territory_rows(ds, sc)
    total = rows["qpv_population"].sum()
    return Kpi("qpv_population", label, float(total), fr_int(total), _sources(rows, "qpv_population_source_id"),
               year_span(rows["qpv_population_year"]))


def share_kpi(ds: Dataset, sc: Scope) -> Kpi:
    label = "Part en QPV"
    if sc.level == "national":
        # published in percent; a share is a fraction everywhere else
        return _national_kpi(ds, "qpv_share", "qpv_population_share", label, fr_percent, scale=0.01)
    rows = territory_rows(ds, sc)
    if rows["population"].isna().any():
        return Kpi("qpv_share", label, None, "non disponible", (), "",
                   "Population totale non disponible pour une partie du choix.")
    share = rows["qpv_population"].sum() / rows["population"].sum()
    years = f"{year_span(rows['qpv_population_year'])} / {year_span(rows['population_year'])}"
    return Kpi("qpv_share", label, float(share), fr_percent(share, 1),
               _sources(rows, "qpv_population_source_id") + _sources(rows, "population_source_id"), years,
               "Habitants des QPV (recensement) rapportés à la population légale d'une autre année.")


def pilots_in_scope(ds: Dataset, sc: Scope) -> pd.DataFrame:
    """Pilots whose territory lies in the scope (a pilot may span several départements)."""
    if sc.level == "national":
        return ds.pilots
    deps = ds.pilots["dep_codes"].str.split(";")
    mask = deps.apply(lambda codes: bool(set(codes) & set(sc.dep_codes)))
    return ds.pilots[mask | ds.pilots["reg_code"].isin(sc.reg_codes) & (sc.level == "region")]


def pilots_kpi(ds: Dataset, sc: Scope) -> Kpi:
    label = "Territoires pilotes"
    if sc.level == "national":
        return _national_kpi(ds, "pilots", "pilot_count", label, fr_int)
    found = pilots_in_scope(ds, sc)
    return Kpi("pilots", label, float(len(found)), fr_int(len(found)), (national_figure(ds, "pilot_count")["source_id"],),
               "2021", "Pilotes situés dans le territoire choisi.")


def budget_kpi(ds: Dataset) -> Kpi:
    row = ds.budget_lines.set_index("line_id").loc["annonce-total"]
    return Kpi("budget", "Plan 2021 (national)", float(row["amount_meur"]),
               fr_meur(row["amount_meur"]), (row["source_id"],), "2021",
               "1 Md€ de France Relance + 2,3 Md€ pour la vie quotidienne ; montant national, "
               "il ne change pas avec le territoire choisi.")


def headline(ds: Dataset, f: Filters) -> list[Kpi]:
    """The KPI row of the home page, following the territorial filters."""
    sc = scope(ds, f)
    return [qpv_count_kpi(ds, sc), residents_kpi(ds, sc), share_kpi(ds, sc), pilots_kpi(ds, sc), budget_kpi(ds)]


def source_line(ds: Dataset, source_ids: tuple[str, ...], year: str = "") -> str:
    """'Source : Insee ; ANCT (2018)' — publishers of the given sources, with the figures' year."""
    publishers = []
    for sid in source_ids:
        row = ds.source(sid)
        if row is not None and row["publisher"] not in publishers:
            publishers.append(row["publisher"])
    text = " ; ".join(publishers) if publishers else "non disponible"
    return f"Source : {text}" + (f" ({year})" if year else "")
