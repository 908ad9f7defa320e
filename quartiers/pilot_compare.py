"""Money and comparable figures of the pilots: adultes-relais and FONJEP credits of their contrats de ville, and
a side-by-side comparison (QPV residents, population, share in QPV, credits per QPV resident).

A per-resident or share figure exists only for pilots whose QPV residents are their own figure (exact or summed).
"""
from __future__ import annotations

import pandas as pd

from quartiers.data import Dataset
from quartiers.formatting import fr_eur, fr_eur_small, fr_eurs, fr_int, mixed_share, pct_change
from quartiers.memo import per_dataset
from quartiers.pilots import pilot_contracts, qpv_share
from quartiers.vocabulary import COUNTED, PILOT_COVERAGE_FR, SCHEME_FR


@per_dataset
def pilot_credits(ds: Dataset, pilot_id: str, dep_codes: tuple[str, ...] = ()) -> pd.DataFrame:
    """Adultes-relais and FONJEP credits of the pilot's contrats de ville: year, scheme, posts, amount_eur. With
    `dep_codes` (a territorial filter), only its contracts in those départements: its part in the territory.
    Computed once per pilot and territory (profile, comparison, slides); shared: do not modify."""
    contracts = pilot_contracts(ds, pilot_id)
    if dep_codes:
        contracts = contracts[contracts["dep_code"].isin(dep_codes)]
    rows = _credit_rows(ds)
    found = [rows[key] for key in dict.fromkeys(zip(contracts["code_cv"], contracts["dep_code"])) if key in rows]
    # in the table's row order, so that amounts add up in the same order (to the last bit) as a scan would
    out = (pd.concat(found).sort_index() if found else ds.credits.iloc[:0]) \
        .groupby(["year", "scheme"], as_index=False)[["posts", "amount_eur"]].sum()
    return out.sort_values(["year", "scheme"]).reset_index(drop=True)


@per_dataset
def _credit_rows(ds: Dataset) -> dict[tuple[str, str], pd.DataFrame]:
    """The credit rows of each contract (code_cv, dep_code), split once rather than scanned for every pilot."""
    return {key: rows for key, rows in ds.credits.groupby(["code_cv", "dep_code"], sort=False)}


def credits_table(credits: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Année": credits["year"].astype(str),
        "Dispositif": [SCHEME_FR[s] for s in credits["scheme"]],
        "Postes": [fr_int(v) for v in credits["posts"]],
        "Montant": [fr_eur(v) for v in credits["amount_eur"]],
    })


def credits_area_note(ds: Dataset, pilot: pd.Series) -> str:
    """Plain French on what area the credits cover: empty when exactly the pilot."""
    cover = set(pilot_contracts(ds, pilot["pilot_id"])["coverage"])
    if "superset" in cover:
        return ("Ces crédits sont ceux de contrats de ville dont au moins un déborde du pilote : ils couvrent une zone "
                "plus large que le pilote.")
    if pilot["coverage"] == "partial":
        return "Ces crédits ne couvrent qu'une partie du pilote (contrats de ville partiels)."
    return ""


def latest_credits_year(ds: Dataset) -> int:
    return int(ds.credits["year"].max())


def credits_per_resident(ds: Dataset, pilot: pd.Series, year: int) -> float | None:
    """Adultes-relais + FONJEP of one year per QPV resident (2018); None when the pilot has no figure of its own."""
    if pilot["coverage"] not in COUNTED or pd.isna(pilot["qpv_population"]):
        return None
    credits = pilot_credits(ds, pilot["pilot_id"])
    amount = credits.loc[credits["year"] == year, "amount_eur"].sum()
    return float(amount) / float(pilot["qpv_population"])


COMPARED = {  # key -> French label (with years), formatter
    "qpv_population": ("Habitants des QPV (2018)", fr_int),
    "population": ("Population (2023)", fr_int),
    "qpv_share": ("Part de la population en QPV (2018 / 2023)", mixed_share),
    "credits_per_resident": ("Crédits adultes-relais + FONJEP {year} par habitant des QPV (2018)", fr_eur_small),
}


def comparison(ds: Dataset, pilot_ids: list[str]) -> pd.DataFrame:
    """Comparable figures of the chosen pilots, one row per pilot (NaN where not available)."""
    year = latest_credits_year(ds)
    rows = []
    for pid in pilot_ids:
        pilot = ds.pilots[ds.pilots["pilot_id"] == pid].iloc[0]
        own = pilot["coverage"] in COUNTED
        rows.append({"pilot_id": pid, "name": pilot["name"], "coverage": pilot["coverage"],
                     "qpv_population": float(pilot["qpv_population"]) if own else float("nan"),
                     "population": float(pilot["population"]),
                     "qpv_share": qpv_share(pilot) if own else float("nan"),
                     "credits_per_resident": credits_per_resident(ds, pilot, year) if own else float("nan")})
    return pd.DataFrame(rows)


def compared_labels(ds: Dataset) -> dict[str, str]:
    year = latest_credits_year(ds)
    return {k: label.format(year=year) for k, (label, _) in COMPARED.items()}


def comparison_table(ds: Dataset, compared: pd.DataFrame) -> pd.DataFrame:
    labels = compared_labels(ds)
    table = {"Pilote": compared["name"], "Chiffre QPV": [PILOT_COVERAGE_FR[c] for c in compared["coverage"]]}
    for key, (_, fmt) in COMPARED.items():
        table[labels[key]] = [fmt(v) for v in compared[key]]
    return pd.DataFrame(table)


def credits_title(name: str, credits: pd.DataFrame, area_note: str) -> str:
    """'EPT Est Ensemble : 1,32 M€ de crédits adultes-relais et FONJEP en 2023 (73 postes)'; when the contracts
    do not match the pilot (area_note), says so instead of giving the figure as the pilot's."""
    if credits.empty:
        return f"{name} : aucun crédit adultes-relais ou FONJEP rattaché à ses contrats de ville"
    year = int(credits["year"].max())
    last = credits[credits["year"] == year]
    # fr_eurs, as the takeaway and the bars: « 1,32 M€ » everywhere, not « 1,3 M€ » here
    text = f"{name} : {fr_eurs([last['amount_eur'].sum()])[0]} de crédits adultes-relais et FONJEP en {year}"
    if area_note:
        return text + ", sur des contrats de ville qui ne correspondent pas exactement au pilote"
    return text + f" ({fr_int(last['posts'].sum())} postes)"


def credits_takeaway(credits: pd.DataFrame) -> str:
    """How the total moved from the first to the last year."""
    totals = credits.groupby("year")["amount_eur"].sum()
    if len(totals) < 2:
        return "Une seule année de crédits disponible."
    first, last = totals.index[0], totals.index[-1]
    change = pct_change(totals.iloc[0], totals.iloc[-1])
    trend = "en hausse" if change.startswith("+") else "en baisse" if change.startswith("−") else "stables"
    before, after = fr_eurs([totals.iloc[0], totals.iloc[-1]])
    return f"De {first} à {last}, crédits {trend} : {before} puis {after} ({change})."


def comparison_title(compared: pd.DataFrame) -> str:
    known = compared.dropna(subset=["qpv_population"])
    if known.empty:
        return "Aucun des pilotes comparés n'a de chiffre propre d'habitants en QPV"
    top = known.loc[known["qpv_population"].idxmax()]
    share = compared.dropna(subset=["qpv_share"])
    text = f"{top['name']} a le plus d'habitants en QPV parmi les pilotes comparés ({fr_int(top['qpv_population'])})"
    if len(share) > 1:
        high = share.loc[share["qpv_share"].idxmax()]
        text += f" ; la plus forte part en QPV : {high['name']} ({mixed_share(high['qpv_share'])})"
    return text
