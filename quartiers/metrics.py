"""Aggregations behind the pages: what the filters select, and the headline figures with their source and year.

Rules (DESIGN.md): never estimate; a count missing for part of a selection is « non disponible » with the reason;
populations of different years are labelled with both years.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from quartiers.data import Dataset
from quartiers.filters import Filters
from quartiers.formatting import fr_compact, fr_int, fr_meur, fr_percent, mixed_share, year_span
from quartiers.memo import per_dataset
from quartiers.vocabulary import COUNTED


@per_dataset
def dep_names(ds: Dataset) -> dict[str, str]:
    """Name of each département by code (a lookup asked for on every row of several tables)."""
    return dict(zip(ds.departements["dep_code"], ds.departements["dep_name"]))


@per_dataset
def reg_names(ds: Dataset) -> dict[str, str]:
    """Name of each région by code."""
    return dict(zip(ds.regions["reg_code"], ds.regions["reg_name"]))


@dataclass(frozen=True)
class Scope:
    """The territory the filters select."""

    level: str  # "national", "region" or "departement"
    label: str  # French, e.g. "France entière", "Île-de-France", "Hérault, Gard"
    reg_codes: tuple[str, ...]
    dep_codes: tuple[str, ...]


@per_dataset
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
    relayed_by: tuple[str, ...] = ()  # press copies through which the official source is held


def national_figure(ds: Dataset, figure_id: str) -> pd.Series:
    return ds.national.set_index("figure_id").loc[figure_id]


def _national_kpi(ds: Dataset, key: str, figure_id: str, label: str, display, scale: float = 1) -> Kpi:
    """A national figure citing its official publisher first, and the press page it was read on as a relay;
    `scale` turns it into the unit of the same Kpi for a territory."""
    row = national_figure(ds, figure_id)
    official = row["official_source_id"]
    ids, relays = ((official,), (row["source_id"],)) if official else ((row["source_id"],), ())
    value = float(row["value"]) * scale
    return Kpi(key, label, value, display(value), ids, str(row["year"]), relayed_by=relays)


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
    rows = territory_rows(ds, sc)  # every territory's count comes from the list (quartiers.build_qpv)
    return Kpi("qpv_count", label, float(rows["qpv_count"].sum()), fr_int(rows["qpv_count"].sum()),
               _sources(rows, "qpv_count_source_id"), "2015")


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
    return Kpi("qpv_share", label, float(share), mixed_share(share),
               _sources(rows, "qpv_population_source_id") + _sources(rows, "population_source_id"), years,
               "Habitants des QPV (recensement) rapportés à la population légale d'une autre année.")


PILOT_WHOLE, PILOT_PART, PILOT_OUTSIDE = "whole", "part", "outside"


@dataclass(frozen=True)
class PilotFigure:
    """QPV residents of a pilot within a territory: the whole pilot, its part inside the territory, or none."""

    value: float | None  # None = non disponible
    year: int | None
    source_ids: tuple[str, ...]
    extent: str  # PILOT_WHOLE, PILOT_PART or PILOT_OUTSIDE (no figure for the territory)
    label: str  # French, "" for the whole pilot: says which part the figure is, or why there is none


def pilot_figure(ds: Dataset, pilot: pd.Series, sc: Scope) -> PilotFigure:
    """The one place that says how many QPV residents of a pilot live in a territory.

    Under a territorial filter a pilot counts only for its part inside the territory. The part is read from the
    pilot's 2015 contrats de ville (one row per contract and département): when the union of its contracts is
    exactly the pilot ("exact" / "summed"), the contracts inside the territory are exactly its part there. A
    pilot with no exact figure has no part either. To read parts from the QPV list instead, change this function
    only."""
    own = pilot["coverage"] in COUNTED and pd.notna(pilot["qpv_population"])
    whole = PilotFigure(float(pilot["qpv_population"]) if own else None,
                        int(pilot["qpv_population_year"]) if own else None,
                        (pilot["qpv_population_source_id"],) if own else (), PILOT_WHOLE, "")
    if sc.level == "national":
        return whole
    links = ds.pilot_contrats_de_ville[ds.pilot_contrats_de_ville["pilot_id"] == pilot["pilot_id"]]
    inside = links[links["dep_code"].isin(sc.dep_codes)]
    if len(inside) == len(links):
        return whole
    names = dep_names(ds)
    where = ", ".join(dict.fromkeys(names.get(d, d) for d in sc.dep_codes if d in set(pilot["dep_codes"].split(";"))))
    if not own or inside.empty:
        why = ("aucun de ses contrats de ville n'y est" if own and inside.empty
               else "le pilote n'a pas de chiffre exact, ni donc de part par territoire")
        return PilotFigure(None, None, (), PILOT_OUTSIDE, f"non disponible pour ce territoire ({where} : {why})")
    codes = ", ".join(dict.fromkeys(inside["code_cv"]))
    word = "contrat de ville" if inside["code_cv"].nunique() == 1 else "contrats de ville"
    return PilotFigure(float(inside["cv_qpv_population"].sum()), int(inside["qpv_population_year"].max()),
                       tuple(dict.fromkeys(inside["source_id"])), PILOT_PART, f"part dans {where} : {word} {codes}")


@per_dataset
def pilots_in_scope(ds: Dataset, sc: Scope) -> pd.DataFrame:
    """Pilots whose territory lies in the scope (a pilot may span several départements), each with its QPV
    residents within the scope (pilot_figure): `qpv_population` holds that figure, `figure_extent` and
    `figure_label` say whether it is the whole pilot, its part in the territory, or none."""
    if sc.level == "national":
        found = ds.pilots
    else:
        deps = ds.pilots["dep_codes"].str.split(";")
        mask = deps.apply(lambda codes: bool(set(codes) & set(sc.dep_codes)))
        found = ds.pilots[mask | ds.pilots["reg_code"].isin(sc.reg_codes) & (sc.level == "region")]
    figures = [pilot_figure(ds, p, sc) for _, p in found.iterrows()]
    out = found.copy()
    out["qpv_population"] = pd.array([f.value if f.extent != PILOT_WHOLE else v
                                      for f, v in zip(figures, found["qpv_population"])], dtype="Int64")
    out["figure_extent"] = [f.extent for f in figures]
    out["figure_label"] = [f.label for f in figures]
    return out


def pilots_kpi(ds: Dataset, sc: Scope) -> Kpi:
    label = "Territoires pilotes"
    if sc.level == "national":
        return _national_kpi(ds, "pilots", "pilot_count", label, fr_int)
    found = pilots_in_scope(ds, sc)
    return Kpi("pilots", label, float(len(found)), fr_int(len(found)),
               (national_figure(ds, "pilot_count")["source_id"],), "2021", "Pilotes situés dans le territoire choisi.")


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


PRESS_CLASS = "presse"  # sources.csv `source_class` of press pages and other copies


def source_line(ds: Dataset, source_ids: tuple[str, ...], year: str = "", relayed_by: tuple[str, ...] = ()) -> str:
    """'Source : Insee (relayé par Banque des Territoires) ; ANCT (2018)': the official publisher first, a press
    page that copies it as « relayé par », and a press figure with no official source as « chiffre de presse »."""
    official, press = [], []
    relays = [ds.source(r)["publisher"] for r in relayed_by if ds.source(r) is not None]
    for sid in source_ids:
        row = ds.source(sid)
        if row is None:
            continue
        origin = ds.source(row["relays"]) if row["relays"] else None
        if origin is not None:
            text = f"{origin['publisher']} (relayé par {row['publisher']})"
        elif row["source_class"] == PRESS_CLASS:
            text = f"{row['publisher']} (chiffre de presse)"
        else:
            text = row["publisher"] + (f" (relayé par {', '.join(relays)})" if relays else "")
        target = press if row["source_class"] == PRESS_CLASS and origin is None else official
        if text not in official + press:
            target.append(text)
    found = official + press
    text = " ; ".join(found) if found else "non disponible"
    return f"Source : {text}" + (f" ({year})" if year else "")
