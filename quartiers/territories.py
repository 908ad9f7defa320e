"""Territorial tables behind the Territoires and home pages: région → département → contrat de ville.

Every table has the same columns (see COLUMNS) so figures and pages treat the three levels alike. Rules
(DESIGN.md): a QPV count with no source stays missing (never estimated); QPV residents (census 2018, Mayotte
2017) and total population (2023) are different years, so the share is labelled with both.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from quartiers.data import Dataset
from quartiers.formatting import fr_compact, fr_int, fr_number, fr_percent, mixed_share, plural
from quartiers.memo import per_dataset
from quartiers.metrics import Scope, national_figure
from quartiers.notes import caution_fr
from quartiers.vocabulary import LEVEL_FR

OCCITANIE = "76"
COUNT_COLUMN = "Nombre de QPV (2015)"
COLUMNS = ["code", "name", "parent", "qpv_count", "qpv_count_source_id", "qpv_population",
           "qpv_population_year", "qpv_population_source_id", "population", "population_year",
           "population_source_id", "share", "year_note"]


def _standard(df: pd.DataFrame, code: str, name: str, parent: pd.Series) -> pd.DataFrame:
    out = df.rename(columns={code: "code", name: "name"}).assign(parent=parent.to_numpy())
    for col, default in (("qpv_count", pd.NA), ("qpv_count_source_id", ""),
                         ("population", pd.NA), ("population_year", pd.NA), ("population_source_id", ""),
                         ("year_note", "")):
        if col not in out:
            out[col] = default
    out["qpv_count"] = out["qpv_count"].astype("Int64")
    out["population"] = out["population"].astype("Int64")
    out["population_year"] = out["population_year"].astype("Int64")
    out["share"] = (out["qpv_population"] / out["population"]).astype("Float64")
    return out[COLUMNS].reset_index(drop=True)


COM_ZONE = "Outre-mer (COM)"  # Saint-Martin, Polynésie française: collectivités d'outre-mer, not régions
COM_NOUN = ("collectivité d'outre-mer", "collectivités d'outre-mer")


def region_table(ds: Dataset, reg_codes: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Régions (all, or those given) in the standard columns; parent = zone (métropole / outre-mer)."""
    regs = ds.regions if reg_codes is None else ds.regions[ds.regions["reg_code"].isin(reg_codes)]
    zone = regs["zone"].map({"metro": "France métropolitaine", "drom": "Outre-mer (DROM)",
                             "com": COM_ZONE}).fillna(regs["zone"])
    return _standard(regs, "reg_code", "reg_name", zone)


def departement_table(ds: Dataset, dep_codes: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Départements (all, or those given, in code order) in the standard columns; parent = région name."""
    deps = ds.departements if dep_codes is None else ds.departements[ds.departements["dep_code"].isin(dep_codes)]
    names = ds.regions.set_index("reg_code")["reg_name"]
    return _standard(deps, "dep_code", "dep_name", deps["reg_code"].map(names))


@per_dataset
def map_table(ds: Dataset) -> pd.DataFrame:
    """What the map of départements colours: the départements, and the collectivités drawn beside them
    (Saint-Martin, Polynésie française: no département, figures of the collectivité)."""
    drawn = {f["properties"].get("dep_code") for f in ds.geo_departements["features"]}
    alone = tuple(c for c in ds.regions["reg_code"] if c in drawn and c not in set(ds.departements["dep_code"]))
    return pd.concat([departement_table(ds), region_table(ds, alone)], ignore_index=True)


def map_codes(ds: Dataset, sc: Scope) -> tuple[str, ...]:
    """The map codes of a scope: its départements, plus the collectivités chosen as régions (Saint-Martin and
    Polynésie have no département; their 3-digit codes cannot clash with a département's). Empty at national."""
    if sc.level == "national":
        return ()
    alone = [r for r in sc.reg_codes if r not in set(ds.departements["reg_code"])]
    return tuple(sc.dep_codes) + tuple(alone)


def map_zoom(ds: Dataset, sc: Scope) -> tuple[str, ...]:
    """Map codes to draw for a scope: every département of the scope's régions (so a chosen département is seen
    among its neighbours) and the collectivités chosen; empty at national scope (whole map)."""
    if sc.level == "national":
        return ()
    deps = ds.departements.loc[ds.departements["reg_code"].isin(sc.reg_codes), "dep_code"]
    return tuple(deps) + tuple(c for c in map_codes(ds, sc) if c not in set(deps))


def contrat_table(ds: Dataset, dep_codes: tuple[str, ...]) -> pd.DataFrame:
    """Contrats de ville of the départements given (one row per contract and département, as in the source:
    a contract across two départements has one row in each). Only QPV residents are published per contract."""
    cvs = ds.contrats_de_ville[ds.contrats_de_ville["dep_code"].isin(dep_codes)]
    names = ds.departements.set_index("dep_code")["dep_name"]
    out = _standard(cvs, "code_cv", "cv_name", cvs["dep_code"].map(names))
    out["code"] = out["code"] + "-" + cvs["dep_code"].to_numpy()  # unique: a contract may span two départements
    return out


@dataclass(frozen=True)
class Drill:
    """What the Territoires page lists for a scope: the level below it, and the table of that level."""

    level: str  # "region", "departement" or "contrat"
    table: pd.DataFrame

    @property
    def noun(self) -> str:
        return LEVEL_FR[self.level][1]


@per_dataset
def drilldown(ds: Dataset, sc: Scope) -> Drill:
    """No filter: the régions; régions chosen: their départements; départements chosen: their contrats de ville."""
    if sc.level == "national":
        return Drill("region", region_table(ds))
    if sc.level == "region":
        # A collectivité (Saint-Martin, Polynésie) has no département: it is listed as itself.
        alone = tuple(r for r in sc.reg_codes if r not in set(ds.departements["reg_code"]))
        table = departement_table(ds, sc.dep_codes)
        if alone:
            table = pd.concat([table, region_table(ds, alone)], ignore_index=True)
        return Drill("departement", table)
    return Drill("contrat", contrat_table(ds, sc.dep_codes))


def count_text(table: pd.DataFrame, level: str) -> str:
    """« 18 régions et 2 collectivités d'outre-mer », « 13 départements », « 1 collectivité d'outre-mer »:
    Saint-Martin and Polynésie française are collectivités d'outre-mer, never counted as régions or départements."""
    com = int((table["parent"] == COM_ZONE).sum()) if level != "contrat" else 0
    others = len(table) - com
    parts = ([plural(others, *LEVEL_FR[level])] if others else []) + ([plural(com, *COM_NOUN)] if com else [])
    return " et ".join(parts) if parts else plural(0, *LEVEL_FR[level])


def ranked(table: pd.DataFrame, col: str = "qpv_population") -> pd.DataFrame:
    """Rows from the largest value down; rows with no value last."""
    return table.sort_values(col, ascending=False, na_position="last", kind="stable").reset_index(drop=True)


def share_of_total(table: pd.DataFrame, col: str = "qpv_population") -> pd.Series:
    """Each row's share of the column total (same year, same source: a plain ratio), indexed by code."""
    return table.set_index("code")[col] / table[col].sum()


def rank_of(table: pd.DataFrame, code: str, col: str = "qpv_population") -> int:
    """1 for the row with the largest value."""
    return int(ranked(table, col)["code"].tolist().index(code)) + 1


def year_label(years: pd.Series) -> str:
    """The most common year of a column ('2018'); the rows with another year are named by year_exceptions."""
    known = years.dropna()
    return str(int(known.mode().iloc[0])) if len(known) else ""


def year_exceptions(table: pd.DataFrame) -> str:
    """« Année différente — Mayotte : habitants des QPV 2017, population 2017 ; Polynésie française : population du
    recensement de 2022 ; … » for rows off the usual years, with what is known of them (the row's year_note)."""
    usual = {col: year_label(table[col]) for col in ("qpv_population_year", "population_year")}
    notes = []
    for _, row in table.iterrows():
        odd = [f"{what} {int(row[col])}" for col, what in (("qpv_population_year", "habitants des QPV"),
                                                           ("population_year", "population"))
               if pd.notna(row[col]) and str(int(row[col])) != usual[col]]
        if row["year_note"]:
            notes.append(f"{row['name']} : {row['year_note']}")
        elif odd:
            notes.append(f"{row['name']} : {', '.join(odd)}")
    return ("Année différente — " + " ; ".join(notes) + ".") if notes else ""


def share_years(table: pd.DataFrame) -> str:
    """'2018 / 2023': QPV residents and total population are of different years."""
    return f"{year_label(table['qpv_population_year'])} / {year_label(table['population_year'])}"


def share_label(table: pd.DataFrame) -> str:
    return f"Part en QPV ({share_years(table)})"


def count_note(table: pd.DataFrame, level: str) -> str:
    """Where the QPV counts of the table come from: the 2015 list for régions and départements; a contrat de ville
    has none (the list does not say which contract a QPV belongs to)."""
    if level == "contrat":
        return (f"Le nombre de QPV n'est pas connu par contrat de ville (la liste de 2015 ne donne pas le contrat "
                f"de chaque quartier) : seul le nombre d'habitants l'est pour ces {len(table)} contrats.")
    return "Nombres de QPV comptés dans la liste nationale de 2015 (Insee), pour chaque territoire."


def display_table(table: pd.DataFrame, level: str, counts: bool = True) -> pd.DataFrame:
    """The table as shown and downloaded: French column names, numbers kept numeric (sortable). Contrats de
    ville have no QPV count nor total population: those columns are left out;
    `counts=False` leaves the QPV count out too (for a figure that does not show it)."""
    singular = LEVEL_FR[level][0].capitalize()
    parent = {"region": "Zone", "departement": "Région", "contrat": "Département"}[level]
    residents = f"Habitants des QPV ({year_label(table['qpv_population_year'])})"
    out = pd.DataFrame({singular: table["name"], parent: table["parent"]})
    if level != "contrat" and counts:
        out[COUNT_COLUMN] = table["qpv_count"]
    out[residents] = table["qpv_population"]
    if level != "contrat":
        out[f"Population totale ({year_label(table['population_year'])})"] = table["population"]
        out[share_label(table) + " (%)"] = (table["share"] * 100).round(0)  # two years: whole per cent
    return out


def sources_of(table: pd.DataFrame, counts: bool = True) -> tuple[str, ...]:
    """Source ids of the figures of a table (without those of the QPV counts if `counts` is False)."""
    cols = ["qpv_population_source_id", "population_source_id"] + (["qpv_count_source_id"] if counts else [])
    return tuple(sorted({s for c in cols for s in table[c].dropna() if s}))


def treemap_rows(ds: Dataset, sc: Scope) -> pd.DataFrame:
    """Nodes of a région > département > contrat de ville treemap of QPV residents (ids, parents, values).

    Leaves are the contrats de ville; a département's value is the sum of its contracts and a région's the sum
    of its départements, so boxes add up exactly (the published départemental totals can differ slightly: a
    few QPV residents are not attached to a listed contract). A collectivité (Saint-Martin, Polynésie) has no
    département: its contracts hang from the région box."""
    in_deps = set(ds.departements["dep_code"])
    codes = set(sc.dep_codes) | {r for r in sc.reg_codes if r not in set(ds.departements["reg_code"])}
    cvs = ds.contrats_de_ville[ds.contrats_de_ville["dep_code"].isin(codes)]
    deps = ds.departements.set_index("dep_code")
    regs = ds.regions.set_index("reg_code")
    parent = ["dep/" + d if d in in_deps else "reg/" + d for d in cvs["dep_code"]]
    leaves = pd.DataFrame({"id": "cv/" + cvs["code_cv"] + "/" + cvs["dep_code"], "label": cvs["cv_name"],
                           "parent": parent, "value": cvs["qpv_population"], "level": "contrat"})
    dep_sum = cvs[cvs["dep_code"].isin(in_deps)].groupby("dep_code")["qpv_population"].sum()
    dep_nodes = pd.DataFrame({"id": "dep/" + dep_sum.index, "label": deps.loc[dep_sum.index, "dep_name"].to_numpy(),
                              "parent": "reg/" + deps.loc[dep_sum.index, "reg_code"].to_numpy(),
                              "value": dep_sum.to_numpy(), "level": "departement"})
    children = pd.concat([dep_nodes, leaves[~leaves["parent"].str.startswith("dep/")]])
    reg_sum = children.groupby("parent")["value"].sum()
    reg_nodes = pd.DataFrame({"id": reg_sum.index, "label": regs.loc[reg_sum.index.str.removeprefix("reg/"),
                                                                      "reg_name"].to_numpy(),
                              "parent": "", "value": reg_sum.to_numpy(), "level": "region"})
    return pd.concat([reg_nodes, dep_nodes, leaves], ignore_index=True)


def treemap_display(nodes: pd.DataFrame, residents_label: str) -> pd.DataFrame:
    """The contracts behind the treemap, with their département or région, French column names."""
    labels = dict(zip(nodes["id"], nodes["label"]))
    leaves = nodes[nodes["level"] == "contrat"]
    return pd.DataFrame({"Contrat de ville": leaves["label"],
                         "Département ou collectivité": leaves["parent"].map(labels),
                         residents_label: leaves["value"]}).reset_index(drop=True)


def cautions(ds: Dataset, table: pd.DataFrame, level: str) -> str:
    """The warnings of the fact notes behind a list of régions or départements, in French (« Occitanie : sources
    en désaccord … »), '' when none."""
    facts = {"region": (ds.regions, "reg_code"), "departement": (ds.departements, "dep_code")}.get(level)
    if facts is None:
        return ""
    rows, key = facts
    notes = rows.set_index(key)["note"].map(caution_fr)
    names = dict(zip(table["code"], table["name"]))
    found = [f"{names[c]} — {notes[c]}" for c in table["code"] if c in notes.index and notes[c]]
    return ("Remarques des sources : " + " ; ".join(found) + ".") if found else ""


def collectivite_notes(ds: Dataset, sc: Scope) -> list[str]:
    """One figure per place: a collectivité d'outre-mer chosen (Saint-Martin, Polynésie française) is shown with its
    published figure; the figure of its contrat de ville, from another source, goes into this note."""
    regs = ds.regions.set_index("reg_code")
    notes = []
    for code in (r for r in sc.reg_codes if r in set(regs.index[regs["zone"] == "com"])):
        cvs = ds.contrats_de_ville[ds.contrats_de_ville["dep_code"] == code]
        if cvs.empty:
            continue
        names = ", ".join(f"« {n} »" for n in cvs["cv_name"])
        notes.append(f"{regs.at[code, 'reg_name']} : {fr_int(regs.at[code, 'qpv_population'])} habitants en QPV, "
                     f"chiffre publié pour la collectivité ; son contrat de ville ({names}) en compte "
                     f"{fr_int(cvs['qpv_population'].sum())} selon l'ANCT (CI-Ville), chiffre qui n'est pas repris.")
    return notes


def only_collectivites(ds: Dataset, sc: Scope) -> bool:
    """Whether the scope is made of collectivités d'outre-mer only (no département to break down)."""
    return sc.level == "region" and not ds.departements["reg_code"].isin(sc.reg_codes).any()


def treemap_gap(ds: Dataset, sc: Scope) -> int:
    """Largest gap, in residents, between a département's (or collectivité's) published total and the sum of its
    contracts."""
    deps = ds.departements[ds.departements["dep_code"].isin(sc.dep_codes)].set_index("dep_code")["qpv_population"]
    coms = ds.regions[ds.regions["reg_code"].isin(sc.reg_codes) & (ds.regions["zone"] == "com")]
    deps = pd.concat([deps, coms.set_index("reg_code")["qpv_population"]])
    sums = ds.contrats_de_ville.groupby("dep_code")["qpv_population"].sum().reindex(deps.index).fillna(0)
    return int((deps - sums).abs().max()) if len(deps) else 0


# Indicators of the Occitanie QPV table shown by default: readable and about living conditions and activity.
OCCITANIE_INDICATORS = ("pop_mun", "tp60", "disp_q2", "tx_tot_empl", "tx_tot_eprec", "nbetab")
OCCITANIE_DEFAULT = "tp60"  # the map of the QPV of Occitanie first shows poverty
INDICATOR_SHORT = {"pop_mun": "Population (année incertaine)", "tp60": "Taux de pauvreté (%)",
                   "disp_q2": "Revenu disponible médian (€)",
                   "tx_tot_empl": "Part des 15-64 ans en emploi (%)", "tx_tot_eprec": "Part d'emplois précaires (%)",
                   "nbetab": "Établissements"}


def occitanie_deps(ds: Dataset, sc: Scope) -> tuple[str, ...]:
    """Départements of the scope that lie in Occitanie (the only région with QPV-level data); none at national
    scope (the detail is shown when Occitanie or one of its départements is chosen)."""
    if sc.level == "national":
        return ()
    occ = set(ds.departements.loc[ds.departements["reg_code"] == OCCITANIE, "dep_code"])
    return tuple(d for d in sc.dep_codes if d in occ)


def occitanie_qpv(ds: Dataset, dep_codes: tuple[str, ...]) -> pd.DataFrame:
    """The Occitanie QPV of those départements: code, name, commune, département and the indicators, numeric."""
    names = ds.departements.set_index("dep_code")["dep_name"]
    rows = ds.qpv_occitanie[ds.qpv_occitanie["dep_code"].isin(dep_codes)]
    out = rows[["code_qp", "nom_qp", "commune", "dep_code"]].assign(dep_name=rows["dep_code"].map(names))
    for col in OCCITANIE_INDICATORS:
        out[col] = pd.to_numeric(rows[col].replace("", pd.NA), errors="coerce").astype("Float64")
    return out.sort_values(["dep_code", "nom_qp"]).reset_index(drop=True)


def occitanie_display(qpv: pd.DataFrame) -> pd.DataFrame:
    """The Occitanie QPV table with French column names (indicators numeric, for sorting)."""
    out = pd.DataFrame({"Quartier": qpv["nom_qp"], "Commune": qpv["commune"], "Département": qpv["dep_name"],
                        "Code": qpv["code_qp"]})
    for col in OCCITANIE_INDICATORS:
        out[INDICATOR_SHORT[col]] = qpv[col]
    return out


def source_caveat(ds: Dataset, source_id: str) -> str:
    """The note of a source for readers: its sentences without the commit reference."""
    row = ds.source(source_id)
    if row is None:
        return ""
    kept = [p.strip().rstrip(".") for p in str(row["note"]).split(". ") if p and not p.startswith("Commit")]
    return ". ".join(kept) + "." if kept else ""


def table_formats(table: pd.DataFrame) -> dict:
    """French formatters for the numeric columns of a table shown with pandas' Styler (numbers stay numbers,
    so the table sorts right): whole numbers « 1 514 », others one decimal « 12,6 »."""
    formats = {}
    for col in table.columns:
        values = pd.to_numeric(table[col], errors="coerce") if table[col].dtype != object else None
        if values is None or not pd.api.types.is_numeric_dtype(table[col]) or pd.api.types.is_bool_dtype(table[col]):
            continue
        whole = bool((values.dropna() % 1 == 0).all())
        formats[col] = fr_int if whole else (lambda v: fr_number(v, 1))
    return formats


def indicator_descriptions(ds: Dataset) -> dict[str, str]:
    """The French description of each shown indicator, as published with the data."""
    desc = ds.qpv_indicators.set_index("column")["description"]
    return {col: str(desc.get(col, INDICATOR_SHORT[col])).strip() for col in OCCITANIE_INDICATORS}


def qpv2024_table(ds: Dataset, sc: Scope) -> pd.DataFrame:
    """2024 geography figures of the scope's régions (and chosen départements, where published), French columns.
    Never to be mixed with the 2015 figures: shown apart, with their own source."""
    regs = ds.qpv2024_regions[ds.qpv2024_regions["reg_code"].isin(sc.reg_codes)].assign(level="Région")
    rows = regs
    if sc.level == "departement":
        deps = ds.qpv2024_departements[ds.qpv2024_departements["dep_code"].isin(sc.dep_codes)]
        rows = pd.concat([deps.assign(level="Département"), regs], ignore_index=True)
    return pd.DataFrame({
        "Territoire": rows["name"],
        "Niveau": rows["level"],
        "QPV (géographie 2024)": rows["qpv_count"].map(fr_int),
        "Habitants des QPV (géographie 2024)": rows["qpv_population"].map(fr_int),
        "Année de la population": [("non précisée" if pd.isna(y) else str(y)) if pd.notna(p) else ""
                                   for y, p in zip(rows["population_year"], rows["qpv_population"])],
        "Remarque": rows["note"].map(caution_fr),
        "source_id": rows["source_id"],
    }).reset_index(drop=True)


def selection_summary(ds: Dataset, sc: Scope, table: pd.DataFrame, level: str) -> str:
    """The selection's own figures: France's published national figures (one national share: Insee's, same
    year), else the published figures of the chosen régions or départements. A sum of contrats de ville is not
    the territory's figure: when the drill-down lists contracts, their sum is given apart and called so."""
    if sc.level == "national":
        residents, share = national_figure(ds, "qpv_population"), national_figure(ds, "qpv_population_share")
        return (f"{fr_compact(residents['value'])} habitants en QPV ({int(residents['year'])}), "
                f"{fr_percent(share['value'] / 100)} de la population ({int(share['year'])}, chiffres publiés)")
    own = departement_table(ds, sc.dep_codes) if sc.level == "departement" else region_table(ds, sc.reg_codes)
    text = scope_summary(own)
    if level == "contrat":
        text += (f" ; somme des contrats de ville listés ({fr_int(len(table))}) : "
                 f"{fr_int(table['qpv_population'].sum())} habitants, qui n'est pas le chiffre du territoire")
    return text


def scope_summary(table: pd.DataFrame) -> str:
    """« 63 QPV (liste 2015), 620 583 habitants en QPV (2018), 38 % de la population (2018 / 2023) » for the rows
    given (régions or départements: their counts come from the list)."""
    residents = table["qpv_population"].sum()
    counted = len(table) and table["qpv_count"].notna().all()  # contrats de ville have no count
    text = (f"{plural(table['qpv_count'].sum(), 'QPV', 'QPV')} (liste 2015), " if counted else "") + \
        f"{fr_int(residents)} habitants en QPV ({year_label(table['qpv_population_year'])})"
    if table["population"].notna().all() and len(table):
        share = residents / table["population"].sum()
        text += f", {mixed_share(share)} de la population ({share_years(table)})"
    return text
