"""The 1 514 QPV of the 2015 list: the selection of the shared filters, its table, search, findings, and one QPV's
profile. The 2024 list appears only in a profile, apart and labelled « géographie 2024 », never in a 2015 figure.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from quartiers.build_qpv import INDICATOR_LABELS, PARTIAL
from quartiers.build_qpv import SRC_FILOSOFI as SRC_FILOSOFI  # re-exported: the pages cite them
from quartiers.build_qpv import SRC_OUTLINES_2024 as SRC_OUTLINES_2024
from quartiers.build_qpv import SRC_POINTS as SRC_POINTS
from quartiers.build_qpv import SRC_QPV2024 as SRC_QPV2024
from quartiers.build_qpv import SRC_RP2010 as SRC_RP2010
from quartiers.catalogue import search
from quartiers.data import Dataset
from quartiers.filters import Filters
from quartiers.formatting import fr_int, fr_percent, pct_change, plural
from quartiers.memo import per_dataset
from quartiers.metrics import Kpi, scope

NAME_MISSING = "nom non disponible"  # the 78 QPV of Polynésie française and Saint-Martin have no name in the sources
INCOME, POVERTY, EMPLOYMENT = "revenu_median", "taux_pauvrete", "tx_tot_empl"
EMPLOYMENT_YEAR = 2010
LARGE = 10_000  # residents: a « large » QPV in the findings
POINTS_NOTE = ("Positions approchées : un point dans le contour 2024 du même nom, sinon au centre des QPV 2024 de la "
               "commune ; les contours officiels de 2015 ne sont publiés ici que pour l'Occitanie (page Territoires).")
SECRET_NOTE = ("« non disponible » : valeur absente de la source (secret statistique, ou outre-mer pour les revenus "
               "et l'emploi) ; jamais remplacée par 0.")

# Column names of the table (one place: table, CSV, figures and tests read them from here).
COL_CODE, COL_NAME, COL_COMMUNES, COL_DEP = "Code", "Quartier", "Communes", "Département"
COL_POP_2013, COL_POP_2018, COL_CHANGE = "Habitants 2013", "Habitants 2018", "Évolution 2013-2018 (%)"
COL_EMPLOYMENT = f"Taux d'emploi des 15-64 ans {EMPLOYMENT_YEAR} (%)"
COL_PILOT = "Territoire pilote"


@per_dataset
def latest_year(ds: Dataset, indicator: str) -> int:
    return int(ds.qpv2015_indicators.loc[ds.qpv2015_indicators["indicator"] == indicator, "year"].max())


def income_column(ds: Dataset) -> str:
    return f"Revenu médian {latest_year(ds, INCOME)} (€ par unité de consommation)"


def poverty_column(ds: Dataset) -> str:
    return f"Taux de pauvreté {latest_year(ds, POVERTY)} (%)"


def display_name(name: str) -> str:
    return name if isinstance(name, str) and name else NAME_MISSING


@per_dataset
def selection(ds: Dataset, f: Filters) -> pd.DataFrame:
    """The 2015 QPV of the filters: those of the chosen départements, else régions; with pilots, those having a
    commune in a chosen pilot (a QPV partly outside it included, and flagged in the table)."""
    q = ds.qpv2015
    if f.departements:
        q = q[q["dep_code"].isin(f.departements)]
    elif f.regions:
        q = q[q["reg_code"].isin(f.regions)]
    if f.pilotes:
        q = q[q["code_qp"].isin(ds.pilot_qpv.loc[ds.pilot_qpv["pilot_id"].isin(f.pilotes), "code_qp"])]
    return q.reset_index(drop=True)


def selection_label(ds: Dataset, f: Filters) -> str:
    """« Seine-Saint-Denis », « France entière », « EPT Est Ensemble (Seine-Saint-Denis) »."""
    where = scope(ds, f).label
    if not f.pilotes:
        return where
    names = ", ".join(ds.pilots.set_index("pilot_id").loc[list(f.pilotes), "name"])
    return names if where == "France entière" else f"{names} ({where})"


def _indicator(ds: Dataset, indicator: str, year: int) -> pd.Series:
    rows = ds.qpv2015_indicators
    rows = rows[(rows["indicator"] == indicator) & (rows["year"] == year)]
    return rows.set_index("code_qp")["value"]


@per_dataset
def _pilot_labels(ds: Dataset) -> pd.Series:
    """By QPV code, « EPT Est Ensemble » or « EPT Est Ensemble (en partie) » for each QPV of a pilot."""
    links = ds.pilot_qpv.merge(ds.pilots[["pilot_id", "name"]], on="pilot_id")
    links["label"] = links["name"] + links["membership"].map({PARTIAL: " (en partie)"}).fillna("")
    return links.groupby("code_qp")["label"].agg(", ".join)


def _pilot_names(ds: Dataset, codes: pd.Series) -> pd.Series:
    """The pilot label of each QPV (_pilot_labels); '' for a QPV of no pilot."""
    return codes.map(_pilot_labels(ds)).fillna("")


def qpv_rows(ds: Dataset, qpv: pd.DataFrame) -> pd.DataFrame:
    """One row per QPV, French column names, numbers kept numeric (sortable; missing stays missing)."""
    deps = ds.departements.set_index("dep_code")["dep_name"].to_dict() | {"978": "Saint-Martin",
                                                                          "987": "Polynésie française"}
    change = (qpv["pop_2018"] / qpv["pop_2013"] - 1) * 100 + 0.0  # + 0.0: no « -0,0 »
    income, poverty = latest_year(ds, INCOME), latest_year(ds, POVERTY)
    return pd.DataFrame({
        COL_CODE: qpv["code_qp"],
        COL_NAME: qpv["name"].map(display_name),
        COL_COMMUNES: qpv["commune_names"].fillna("").str.replace(";", ", "),
        COL_DEP: qpv["dep_code"].map(deps),
        COL_POP_2013: qpv["pop_2013"],
        COL_POP_2018: qpv["pop_2018"],
        COL_CHANGE: change.round(1).astype("Float64"),
        income_column(ds): qpv["code_qp"].map(_indicator(ds, INCOME, income)).astype("Float64"),
        poverty_column(ds): qpv["code_qp"].map(_indicator(ds, POVERTY, poverty)).astype("Float64"),
        COL_EMPLOYMENT: qpv["code_qp"].map(_indicator(ds, EMPLOYMENT, EMPLOYMENT_YEAR)).astype("Float64"),
        COL_PILOT: _pilot_names(ds, qpv["code_qp"]),
    }).sort_values(COL_POP_2018, ascending=False, kind="stable").reset_index(drop=True)


def find(rows: pd.DataFrame, query: str) -> pd.DataFrame:
    """The rows whose name, communes or code hold every word of `query` (case and accents ignored)."""
    return rows.loc[search(rows[[COL_CODE, COL_NAME, COL_COMMUNES]], query).index]


def sources(ds: Dataset, qpv: pd.DataFrame) -> tuple[str, ...]:
    """The list, its populations and the indicators' sources (those present in the selection)."""
    ind = ds.qpv2015_indicators
    used = ind.loc[ind["code_qp"].isin(qpv["code_qp"]) & ind["indicator"].isin((INCOME, POVERTY, EMPLOYMENT)),
                   "source_id"]
    return tuple(dict.fromkeys([*qpv["list_source_id"], *qpv["population_source_id"], *used]))


def population_sources(qpv: pd.DataFrame) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*qpv["population_source_id"], *qpv["list_source_id"]]))


OVERSEAS_PREFIX = "97"  # départements and collectivités d'outre-mer: drawn as insets on the outline maps


@dataclass(frozen=True)
class MapPoints:
    points: pd.DataFrame  # name, code_qp, lon, lat, pop_2018, value
    outlines: dict  # département outlines for context (true positions only)
    note: str  # which QPV of the selection are not on the map, and why


def map_points(ds: Dataset, qpv: pd.DataFrame, rows: pd.DataFrame, value_col: str) -> MapPoints:
    """The selection's QPV that have a point, with the chosen column of the table. Overseas QPV are left out of a
    map that also holds metropolitan ones (the outline maps show overseas as insets, not where they are)."""
    pts = qpv.merge(ds.qpv2015_points[["code_qp", "lon", "lat"]], on="code_qp").dropna(subset=["lon", "lat"])
    metro = ~pts["dep_code"].str.startswith(OVERSEAS_PREFIX)
    overseas_left = int((~metro).sum()) if metro.any() else 0
    pts = pts[metro] if metro.any() else pts
    values = rows.set_index(COL_CODE)[value_col]
    points = pd.DataFrame({"name": pts["name"].map(display_name), "code_qp": pts["code_qp"], "lon": pts["lon"],
                           "lat": pts["lat"], "pop_2018": pts["pop_2018"],
                           "value": pts["code_qp"].map(values).astype("Float64")}).reset_index(drop=True)
    deps = set(pts["dep_code"]) if metro.any() else set()
    outlines = {"type": "FeatureCollection", "features": [
        f for f in ds.geo_departements["features"] if f["properties"]["dep_code"] in deps]}
    no_point = len(qpv) - len(points) - overseas_left
    parts = ([f"{plural(no_point, 'QPV', 'QPV')} sans position connue"] if no_point else []) + (
        [f"{plural(overseas_left, 'QPV', 'QPV')} d'outre-mer (choisissez leur département)"] if overseas_left else [])
    return MapPoints(points, outlines, ("Hors de la carte : " + " ; ".join(parts) + ".") if parts else "")


@dataclass(frozen=True)
class Summary:
    """The selection in three numbers and its largest QPV, the same on /qpv and on the « Les QPV » slide."""

    count: int
    residents_2018: int
    residents_2013: int
    largest_name: str
    largest_code: str
    largest_residents: int
    large: int  # QPV with more than LARGE residents


def summary(qpv: pd.DataFrame) -> Summary | None:
    if qpv.empty:
        return None
    top = qpv.sort_values("pop_2018", ascending=False, kind="stable").iloc[0]
    return Summary(len(qpv), int(qpv["pop_2018"].sum()), int(qpv["pop_2013"].sum()), display_name(top["name"]),
                   top["code_qp"], int(top["pop_2018"]), int((qpv["pop_2018"] > LARGE).sum()))


def summary_kpis(qpv: pd.DataFrame, s: Summary) -> list[Kpi]:
    """Count, residents 2018 and change since 2013: the same big numbers on /qpv and on the « Les QPV » slide."""
    ids = population_sources(qpv)
    return [Kpi("qpv_count", "QPV (liste 2015)", float(s.count), fr_int(s.count), ids, "2015"),
            Kpi("residents", "Habitants en 2018", float(s.residents_2018), fr_int(s.residents_2018), ids, "2018"),
            Kpi("change", "Évolution depuis 2013", None, pct_change(s.residents_2013, s.residents_2018), ids,
                "2013 et 2018", f"{fr_int(s.residents_2013)} habitants en 2013")]


def selection_title(label: str, s: Summary | None) -> str:
    """« Seine-Saint-Denis : 63 QPV, 620 583 habitants en 2018 »."""
    if s is None:
        return f"{label} : aucun QPV de la liste 2015 pour ce choix"
    return f"{label} : {plural(s.count, 'QPV', 'QPV')}, {fr_int(s.residents_2018)} habitants en 2018"


def size_takeaway(s: Summary) -> str:
    """The largest QPV and how many exceed LARGE residents."""
    share = s.largest_residents / s.residents_2018 if s.residents_2018 else None
    text = f"Le plus peuplé : {s.largest_name} ({s.largest_code}), {fr_int(s.largest_residents)} habitants"
    text += f", {fr_percent(share)} de la sélection" if share is not None and s.count > 1 else ""
    big = plural(s.large, "QPV", "QPV")
    return f"{text}. {big} {'dépassent' if s.large > 1 else 'dépasse'} {fr_int(LARGE)} habitants."


def large_title(s: Summary) -> str:
    """« 15 QPV dépassent 10 000 habitants ; le plus peuplé en compte 126 034 »."""
    verb = "dépassent" if s.large > 1 else "dépasse"
    return (f"{plural(s.large, 'QPV', 'QPV')} {verb} {fr_int(LARGE)} habitants ; le plus peuplé en compte "
            f"{fr_int(s.largest_residents)}")


def poverty_finding(ds: Dataset, rows: pd.DataFrame) -> str:
    """How poverty goes with income in the selection, in one sentence (or why it cannot be said)."""
    income, poverty = rows[income_column(ds)], rows[poverty_column(ds)]
    both = income.notna() & poverty.notna()
    if both.sum() < 3:
        return (f"Trop peu de QPV avec revenu et taux de pauvreté publiés ({fr_int(both.sum())}) pour les comparer.")
    poorest = rows[both].sort_values(poverty_column(ds), ascending=False).iloc[0]
    corr = income[both].astype(float).corr(poverty[both].astype(float))
    trend = "plus le revenu médian est bas, plus le taux de pauvreté est haut" if corr < -0.5 else \
        "le taux de pauvreté suit mal le revenu médian"
    return (f"Sur {plural(both.sum(), 'QPV', 'QPV')} aux deux chiffres publiés, {trend} ; le plus haut : "
            f"{poorest[COL_NAME]} ({fr_percent(poorest[poverty_column(ds)] / 100)}).")


def pilot_note(ds: Dataset, f: Filters, qpv: pd.DataFrame) -> str:
    """With a pilot filter: the QPV that lie only partly in the chosen pilots, named, and how their residents are
    counted (whole, since a QPV's residents are not published by commune)."""
    if not f.pilotes:
        return ""
    links = ds.pilot_qpv[ds.pilot_qpv["pilot_id"].isin(f.pilotes) & ds.pilot_qpv["code_qp"].isin(qpv["code_qp"])]
    partial = links[links["membership"] == PARTIAL].merge(qpv[["code_qp", "name", "pop_2018"]], on="code_qp")
    if partial.empty:
        return "Tous ces QPV sont entièrement dans le ou les pilotes choisis (toutes leurs communes en font partie)."
    named = "; ".join(f"{display_name(n)} ({c}, {fr_int(p)} habitants ; hors du pilote : {o.replace(';', ', ')})"
                      for n, c, p, o in zip(partial["name"], partial["code_qp"], partial["pop_2018"],
                                            partial["communes_outside"].fillna("")))
    return (f"Dont {plural(len(partial), 'QPV', 'QPV')} à cheval sur le pilote et d'autres communes, comptés ici en "
            f"entier (leurs habitants ne sont pas publiés par commune) : {named}.")


def missing_values_note(ds: Dataset, rows: pd.DataFrame) -> str:
    """How many QPV of the selection have no published income, poverty rate or 2010 employment rate."""
    parts = [f"{fr_int(rows[c].isna().sum())} sans {label}" for c, label in (
        (income_column(ds), "revenu médian"), (poverty_column(ds), "taux de pauvreté"),
        (COL_EMPLOYMENT, "taux d'emploi 2010")) if rows[c].isna().any()]
    return ("Non disponible : " + ", ".join(parts) + ". " + SECRET_NOTE) if parts else ""


def outlines_2024(ds: Dataset, codes: tuple[str, ...] = (), dep_code: str = "") -> dict:
    """The 2024 outlines of the given QPV, or of one département: only what a figure draws is sent to a page."""
    return {"type": "FeatureCollection", "features": [
        f for f in ds.geo_qpv2024["features"]
        if f["properties"]["code_qp"] in codes or (dep_code and f["properties"]["dep_code"] == dep_code)]}


@dataclass(frozen=True)
class Geography2024:
    """One département's QPV of the 2024 list with their real outlines and population 2020, never mixed with 2015."""

    outlines: dict
    hover: list[str]  # one per outline
    title: str
    rows: pd.DataFrame  # French columns


def departement_2024(ds: Dataset, dep_code: str) -> Geography2024:
    q24 = ds.qpv2024[ds.qpv2024["dep_code"] == dep_code].sort_values("pop_2020", ascending=False, kind="stable")
    outlines = outlines_2024(ds, dep_code=dep_code)
    named = q24.set_index("code_qp")
    hover = [f"<b>{named.at[c, 'name']}</b> ({c})<br>{fr_int(named.at[c, 'pop_2020'])} habitants au 1er janvier 2020"
             for c in (f["properties"]["code_qp"] for f in outlines["features"])]
    dep = ds.departements.set_index("dep_code").at[dep_code, "dep_name"]
    title = (f"{dep}, liste 2024 : {plural(len(q24), 'QPV', 'QPV')}, {fr_int(q24['pop_2020'].sum())} habitants "
             "au 1er janvier 2020")
    rows = pd.DataFrame({"Code 2024": q24["code_qp"], "Quartier (2024)": q24["name"],
                         "Communes": q24["commune_names"].str.replace(";", ", "),
                         "Habitants au 1er janvier 2020": q24["pop_2020"],
                         "Taux d'emploi (%)": q24["taux_emploi"], "Taux de pauvreté (%)": q24["taux_pauvrete"]})
    return Geography2024(outlines, hover, title, rows.reset_index(drop=True))


@dataclass(frozen=True)
class Profile:
    code: str
    name: str
    departement: str
    communes: tuple[str, ...]
    communes_method: str
    pop_2013: int
    pop_2018: int
    series: pd.DataFrame  # year, indicator label, value (income and poverty, 2012 onwards)
    rp2010: pd.DataFrame  # the 2010 census indicators: label, value
    pilots: tuple[str, ...]  # « EPT Est Ensemble » / « … (en partie : Le Blanc-Mesnil hors du pilote) »
    qpv2024: pd.Series | None  # the 2024 QPV matched to it (same name, in its commune), or None
    source_ids: tuple[str, ...]


METHOD_FR = {"rp2010_listcom": "toutes les communes (Insee, recensement 2010)",
             "decret_space_separated": "communes du décret de 2014 (noms, lus un à un)",
             "first_commune_only": "commune principale seulement (Insee)",
             "none": "aucune commune dans les sources"}


def profile(ds: Dataset, code: str) -> Profile:
    row = ds.qpv2015.set_index("code_qp").loc[code]
    ind = ds.qpv2015_indicators[ds.qpv2015_indicators["code_qp"] == code]
    series = ind[ind["indicator"].isin((INCOME, POVERTY))].assign(
        label=lambda d: d["indicator"].map(INDICATOR_LABELS))[["year", "indicator", "label", "value"]]
    rp = ind[ind["year"] == EMPLOYMENT_YEAR].assign(label=lambda d: d["indicator"].map(INDICATOR_LABELS))
    links = ds.pilot_qpv[ds.pilot_qpv["code_qp"] == code].merge(ds.pilots[["pilot_id", "name"]], on="pilot_id")
    pilots = tuple(n if m != PARTIAL else f"{n} (en partie : {out.replace(';', ', ')} hors du pilote)"
                   for n, m, out in zip(links["name"], links["membership"], links["communes_outside"].fillna("")))
    point = ds.qpv2015_points.set_index("code_qp")["code_qp_2024"].get(code, "")
    matched = ds.qpv2024.set_index("code_qp").loc[point] if point and point in set(ds.qpv2024["code_qp"]) else None
    deps = ds.departements.set_index("dep_code")["dep_name"]
    return Profile(code, display_name(row["name"]), deps.get(row["dep_code"], row["dep_code"]),
                   tuple(n for n in str(row["commune_names"] or "").split(";") if n), row["communes_method"],
                   int(row["pop_2013"]), int(row["pop_2018"]), series.sort_values(["indicator", "year"]),
                   rp[["label", "value"]].reset_index(drop=True), pilots, matched,
                   tuple(dict.fromkeys([row["population_source_id"], row["list_source_id"], *ind["source_id"]])))


def profile_change(p: Profile) -> str:
    """« +4 % » from 2013 to 2018 (the house rule for a change, formatting.pct_change)."""
    return pct_change(p.pop_2013, p.pop_2018)
