"""Politique de la ville credits (adultes-relais and FONJEP posts, ANCT CI-Ville) by territory and year.

They follow the territorial filters (région, département) and the pilot filter (a pilot's contrats de ville).
A few posts name several contracts or none: they count in département and région totals, in no contract.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from quartiers.data import Dataset
from quartiers.filters import Filters
from quartiers.formatting import fr_eur, fr_eur_small, fr_int, fr_percent, pct_change, plural
from quartiers.memo import per_dataset
from quartiers.metrics import Kpi, scope
from quartiers.pilots import pilot_contracts
from quartiers.territories import COM_NOUN
from quartiers.vocabulary import CREDITS_SOURCE, LEVEL_FR, SCHEME_FR

NO_CONTRACT_FR = "aucun contrat de ville des pilotes choisis dans ce territoire"  # pilot and territory disjoint
# What the amounts are (ANCT CI-Ville, « À propos »): said next to every credits figure, on pages, slides and pack.
CREDITS_NATURE = ("coût théorique des postes sous convention au 31 décembre de l'année (ANCT, CI-Ville), "
                  "pas une dépense constatée")



@dataclass(frozen=True)
class CreditSelection:
    """The credit rows the filters select, the level territories are ranked at, and what to say about it."""

    rows: pd.DataFrame
    level: str  # "region", "departement" or "contrat": the territories ranked
    label: str  # French name of the selection
    contracts: pd.DataFrame  # pilot filter: the pilots' contracts (code_cv, dep_code, coverage…); else empty
    notes: tuple[str, ...] = ()


def coverage_notes(ds: Dataset, pilot_ids: tuple[str, ...]) -> tuple[str, ...]:
    """One French sentence per chosen pilot whose contracts do not match it exactly."""
    contracts = pilot_contracts(ds, *pilot_ids)
    pilots = ds.pilots.set_index("pilot_id")
    notes = []
    for pilot_id, group in contracts.groupby("pilot_id", sort=False):
        wider = group[group["coverage"] == "superset"]
        name = pilots.loc[pilot_id, "name"]
        if len(wider):
            names = ", ".join(f"{n} ({d})" for n, d in zip(wider["cv_name"], wider["dep_code"]))
            notes.append(f"{name} : le contrat de ville {names} couvre plus que le pilote ; ses crédits et ses "
                         "habitants dépassent donc le périmètre du pilote.")
        elif pilots.loc[pilot_id, "coverage"] == "partial":
            notes.append(f"{name} : ses contrats de ville ne couvrent qu'une partie du pilote ; les chiffres sont "
                         "incomplets.")
        elif group["code_cv"].nunique() > 1:
            notes.append(f"{name} : chacun de ses {group['code_cv'].nunique()} contrats de ville ne couvre qu'une "
                         "partie du pilote ; c'est leur total qui correspond au pilote.")
    return tuple(notes)


@per_dataset
def select_credits(ds: Dataset, f: Filters) -> CreditSelection:
    """Credit rows in the territory the filters select and, with a pilot filter, in the pilots' contracts."""
    sc = scope(ds, f)
    rows = ds.credits
    if sc.level == "region":
        rows = rows[rows["reg_code"].isin(sc.reg_codes)]
    elif sc.level == "departement":
        rows = rows[rows["dep_code"].isin(sc.dep_codes)]
    if not f.pilotes:
        level = {"national": "region", "region": "departement", "departement": "contrat"}[sc.level]
        return CreditSelection(rows.reset_index(drop=True), level, sc.label, pd.DataFrame())
    contracts = pilot_contracts(ds, *f.pilotes)
    if sc.level != "national":  # both filters: the pilots' contracts inside the chosen territory
        contracts = contracts[contracts["dep_code"].isin(sc.dep_codes)]
    keys = set(zip(contracts["code_cv"], contracts["dep_code"]))
    rows = rows[[k in keys for k in zip(rows["code_cv"], rows["dep_code"])]]
    names = ", ".join(dict.fromkeys(ds.pilots.set_index("pilot_id").loc[list(f.pilotes), "name"]))
    which = "du pilote" if len(f.pilotes) == 1 else "des pilotes"
    label = f"Contrats de ville {which} {names}" + ("" if sc.level == "national" else f" (dans : {sc.label})")
    return CreditSelection(rows.reset_index(drop=True), "contrat", label, contracts.reset_index(drop=True),
                           coverage_notes(ds, f.pilotes))


def credit_years(ds: Dataset) -> list[int]:
    return sorted(int(y) for y in ds.credits["year"].unique())


def credits_by_year(ds: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """Posts and euros per year and scheme; a scheme with no post in a year reads 0 (no funded post listed)."""
    grid = pd.MultiIndex.from_product([credit_years(ds), list(SCHEME_FR)], names=["year", "scheme"])
    out = rows.groupby(["year", "scheme"])[["posts", "amount_eur"]].sum().reindex(grid, fill_value=0)
    out = out.reset_index()
    out["scheme_fr"] = out["scheme"].map(SCHEME_FR)
    return out


def _territories(ds: Dataset, level: str) -> pd.DataFrame:
    """code(s), name, QPV residents and their year for every territory of a level."""
    if level == "region":
        t = ds.regions.rename(columns={"reg_name": "name"})
        t["key"] = t["reg_code"]
    elif level == "departement":
        # Saint-Martin and Polynésie are régions with no département row: the credits use the same code for both.
        com = ds.regions[ds.regions["zone"] == "com"].rename(columns={"reg_code": "dep_code", "reg_name": "dep_name"})
        t = pd.concat([ds.departements, com]).rename(columns={"dep_name": "name"})
        t["key"] = t["dep_code"]
    else:
        t = ds.contrats_de_ville.copy()
        t["name"] = t["cv_name"] + " (" + t["dep_code"] + ")"
        t["key"] = t["code_cv"] + "|" + t["dep_code"]
    # Saint-Martin and Polynésie française are collectivités d'outre-mer: counted apart from régions/départements
    t["com"] = t["key"].isin(ds.regions.loc[ds.regions["zone"] == "com", "reg_code"]) if level != "contrat" else False
    return t[["key", "name", "qpv_population", "qpv_population_year", "com"]]


def _row_keys(rows: pd.DataFrame, level: str) -> pd.Series:
    if level == "region":
        return rows["reg_code"]
    if level == "departement":
        return rows["dep_code"]
    return rows["code_cv"] + "|" + rows["dep_code"]


def credits_ranking(ds: Dataset, sel: CreditSelection, year: int) -> pd.DataFrame:
    """Territories of the selection's level for one year: € per scheme, total, posts, QPV residents and € per
    resident. Rows with no territory at that level (contract unknown or shared) are left out: see unattached().
    With a pilot filter, every contract of the pilots is listed, at 0 if no post was funded."""
    rows = sel.rows[sel.rows["year"] == year]
    rows = rows.assign(key=_row_keys(rows, sel.level))
    rows = rows[(rows["key"] != "") & ~rows["key"].str.startswith("|")]
    out = (rows.groupby(["key", "scheme"])["amount_eur"].sum().unstack("scheme")
           .reindex(columns=list(SCHEME_FR)).fillna(0))
    out["total_eur"] = out.sum(axis=1)
    out["posts"] = rows.groupby("key")["posts"].sum()
    if len(sel.contracts):
        wanted = sel.contracts["code_cv"] + "|" + sel.contracts["dep_code"]
        out = out.reindex(list(dict.fromkeys(wanted)), fill_value=0)
    out = out.rename_axis("key").reset_index().merge(_territories(ds, sel.level), on="key", how="left")
    out["name"] = out["name"].fillna(out["key"])
    if len(sel.contracts):
        pcv = sel.contracts.assign(key=sel.contracts["code_cv"] + "|" + sel.contracts["dep_code"])
        pcv = pcv.groupby("key").agg(pilot=("pilot_name", lambda s: ", ".join(dict.fromkeys(s))),
                                     coverage_fr=("coverage_fr", "first"))
        out = out.merge(pcv, left_on="key", right_index=True, how="left")
    out["eur_per_resident"] = per_resident(out["total_eur"], out["qpv_population"])
    return out.sort_values("total_eur", ascending=False, ignore_index=True)


def per_resident(amount_eur: pd.Series, residents: pd.Series) -> pd.Series:
    """Euros per QPV resident; no residents (or none known) gives NaN, shown « non disponible »."""
    residents = pd.to_numeric(residents, errors="coerce").astype("float64")
    return amount_eur.astype("float64") / residents.where(residents > 0)


def unattached(ds: Dataset, sel: CreditSelection, year: int) -> dict[str, float]:
    """Posts and € of the year whose contract is unknown or shared (counted in département and région totals, in
    no contract), and those with no région at all (counted only in the national total). With a pilot filter: those
    of the pilots' départements, which no pilot counts."""
    rows = sel.rows if sel.contracts.empty else ds.credits[ds.credits["dep_code"].isin(sel.contracts["dep_code"])]
    rows = rows[rows["year"] == year]
    noted = rows[rows["cv_note"] != ""]
    nowhere = rows[rows["reg_code"] == ""]
    return {"posts": int(noted["posts"].sum()), "eur": float(noted["amount_eur"].sum()),
            "posts_no_region": int(nowhere["posts"].sum()), "eur_no_region": float(nowhere["amount_eur"].sum())}


def unattached_note(ds: Dataset, sel: CreditSelection, year: int) -> str:
    """The plain-French sentence about posts that no contrat de ville carries ('' when there are none)."""
    u = unattached(ds, sel, year)
    if not u["posts"]:
        return ""
    where = ("dans les départements des pilotes choisis, ils ne sont comptés dans aucun pilote" if len(sel.contracts)
             else "ils sont comptés dans les totaux des départements et des régions, dans aucun contrat de ville")
    text = (f"Postes rattachés à plusieurs contrats de ville ou à aucun en {year} : "
            f"{plural(u['posts'], 'poste')} ({fr_eur(u['eur'])}) ; {where}.")
    if u["posts_no_region"]:
        text += (f" Dont {plural(u['posts_no_region'], 'poste')} ({fr_eur(u['eur_no_region'])}) sans "
                 "département ni région : comptés dans le total national seulement.")
    return text


def selection_residents(ds: Dataset, f: Filters, sel: CreditSelection) -> tuple[float | None, str, tuple[str, ...]]:
    """QPV residents of the whole selection (the denominator of € per resident), their year(s), and the names of
    the territories left out because the credits list no post there in any year (Polynésie française): their
    residents would lower the ratio without being part of the credits."""
    left_out: tuple[str, ...] = ()
    if f.pilotes:
        pcv = sel.contracts.drop_duplicates(["code_cv", "dep_code"])
        values, years = pcv["cv_qpv_population"], pcv["qpv_population_year"]
    else:
        sc = scope(ds, f)
        if sc.level == "departement":
            t = ds.departements[ds.departements["dep_code"].isin(sc.dep_codes)].rename(columns={"dep_name": "name"})
            funded = t["dep_code"].isin(ds.credits["dep_code"])
        else:
            t = ds.regions[ds.regions["reg_code"].isin(sc.reg_codes)].rename(columns={"reg_name": "name"})
            funded = t["reg_code"].isin(ds.credits["reg_code"])
        left_out = tuple(t.loc[~funded, "name"])
        t = t[funded]
        values, years = t["qpv_population"], t["qpv_population_year"]
    if values.empty:
        return None, "", left_out
    return float(values.sum()), years_text(years), left_out


def years_text(years) -> str:
    """'2018', or '2017 et 2018' when the residents come from two census years (Mayotte: 2017)."""
    found = sorted({str(int(y)) for y in years if pd.notna(y)})
    return " et ".join(found)


def ratio_label(year: int, residents_years: str) -> str:
    return f"crédits {year} / habitants QPV {residents_years}"


def credit_kpis(ds: Dataset, f: Filters, sel: CreditSelection, year: int) -> list[Kpi]:
    """Credits of the year, posts, and € per QPV resident for the whole selection."""
    rows = sel.rows[sel.rows["year"] == year]
    total, posts = float(rows["amount_eur"].sum()), int(rows["posts"].sum())
    residents, res_years, left_out = selection_residents(ds, f, sel)
    ratio = total / residents if residents else float("nan")
    sources = (CREDITS_SOURCE,)
    ratio_note = ratio_label(year, res_years) if res_years else "habitants des QPV non disponibles"
    if left_out:
        ratio_note += (f" ; sans {', '.join(left_out)} : aucun poste dans les données, ses habitants ne sont pas "
                       "comptés")
    return [
        Kpi("credits", f"Crédits adultes-relais et FONJEP {year}", total, fr_eur(total), sources, str(year),
            CREDITS_NATURE),
        Kpi("posts", f"Postes financés en {year}", float(posts), fr_int(posts), sources, str(year),
            "postes sous convention au 31 décembre"),
        Kpi("per_resident", "Crédits par habitant des QPV", None if pd.isna(ratio) else float(ratio),
            fr_eur_small(ratio), sources, str(year), f"{ratio_note} ; {CREDITS_NATURE}"),
    ]


def ranking_table(ranking: pd.DataFrame, year: int, residents_label: str) -> pd.DataFrame:
    """The ranking with French column names, for « Voir les données »."""
    table = pd.DataFrame({
        "Territoire": ranking["name"],
        f"Adultes-relais {year} (€)": ranking["adultes-relais"].round(0),
        f"FONJEP {year} (€)": ranking["fonjep"].round(0),
        f"Total {year} (€)": ranking["total_eur"].round(0),
        f"Postes {year}": ranking["posts"],
        "Habitants des QPV": ranking["qpv_population"],
        "Année des habitants": ranking["qpv_population_year"],
        f"€ par habitant ({residents_label})": ranking["eur_per_resident"].round(2),
    })
    if "pilot" in ranking:
        table.insert(1, "Pilote", ranking["pilot"])
        table.insert(2, "Couverture du pilote", ranking["coverage_fr"])
    return table


def year_table(by_year: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Année": by_year["year"], "Dispositif": by_year["scheme_fr"], "Postes": by_year["posts"],
                         "Montant (€)": by_year["amount_eur"].round(0)})


# --- Findings: titles and takeaways computed from the credits ----------------------------------------------------



def year_title(by_year: pd.DataFrame, label: str) -> str:
    """'France entière : adultes-relais de 92,6 M€ en 2020 à 122,2 M€ en 2023 (+32 %)'."""
    years = sorted(by_year["year"].unique())
    if not by_year["posts"].sum():
        return f"{label} : aucun poste adultes-relais ou FONJEP listé de {years[0]} à {years[-1]}"
    main = by_year.groupby("scheme")["amount_eur"].sum().idxmax()
    part = by_year[by_year["scheme"] == main].set_index("year")["amount_eur"]
    first, last = part[years[0]], part[years[-1]]
    return (f"{label} : {SCHEME_FR[main].lower()} de {fr_eur(first)} en {years[0]} à {fr_eur(last)} en "
            f"{years[-1]}" + (f" ({pct_change(first, last)})" if first else ""))


def year_takeaway(by_year: pd.DataFrame) -> str:
    years = sorted(by_year["year"].unique())
    parts = []
    for scheme, part in by_year.groupby("scheme", sort=False):
        amounts = part.set_index("year")["amount_eur"]
        posts = part.set_index("year")["posts"]
        parts.append(f"{SCHEME_FR[scheme]} : {plural(posts[years[-1]], 'poste')} et "
                     f"{fr_eur(amounts[years[-1]])} en {years[-1]}")
    return " ; ".join(parts) + f". Montants annuels : {CREDITS_NATURE}."


def ranking_title(ranking: pd.DataFrame, year: int, level: str) -> str:
    if ranking.empty or not ranking["total_eur"].sum():
        return f"Aucun crédit adultes-relais ou FONJEP listé en {year} pour ce choix"
    top = ranking.iloc[0]
    if len(ranking) == 1:
        return f"{top['name']} : {fr_eur(top['total_eur'])} de crédits en {year}"
    share = top["total_eur"] / ranking["total_eur"].sum()
    return (f"{top['name']} reçoit le plus de crédits en {year} : {fr_eur(top['total_eur'])}, soit "
            f"{fr_percent(share)} du total de ce classement")


def ranking_takeaway(ranking: pd.DataFrame, level: str, shown: int) -> str:
    com = int(ranking["com"].fillna(False).astype(bool).sum()) if "com" in ranking else 0
    counted = " et ".join(t for t in (plural(len(ranking) - com, *LEVEL_FR[level]) if len(ranking) > com else "",
                                      plural(com, *COM_NOUN) if com else "") if t)
    if len(ranking) == 1:
        return f"{counted} pour ce choix ; adultes-relais et FONJEP réunis."
    text = f"Classement de {counted}, adultes-relais et FONJEP réunis."
    if len(ranking) > shown:
        text += f" Le graphique montre les {shown} premiers ; le tableau les donne tous."
    return text


def per_resident_title(ranking: pd.DataFrame, year: int) -> str:
    known = ranking[ranking["eur_per_resident"].notna()]
    if known.empty:
        return f"Crédits {year} par habitant des QPV : non disponible pour ce choix"
    top = known.loc[known["eur_per_resident"].idxmax()]
    text = f"{top['name']} : {fr_eur_small(top['eur_per_resident'])} par habitant des QPV en {year}"
    return text + (", le plus élevé du choix" if len(known) > 1 else "")


def per_resident_takeaway(ranking: pd.DataFrame, ratio: str) -> str:
    known = ranking[ranking["eur_per_resident"].notna()]
    text = ""
    if len(known) > 1:
        low = known.loc[known["eur_per_resident"].idxmin()]
        text = f"Le plus bas : {low['name']}, {fr_eur_small(low['eur_per_resident'])}. "
    text += (f"Ratio « {ratio} » : les habitants viennent du recensement, les crédits de l'année choisie ; "
             "les deux années diffèrent.")
    missing = len(ranking) - len(known)
    if missing:
        text += f" {missing} territoire{'s' if missing > 1 else ''} sans nombre d'habitants des QPV : non disponible."
    return text
