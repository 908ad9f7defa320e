"""Card titles that state the finding and one-line takeaways, computed from the territorial tables.

Titles avoid French articles before place names (« Île-de-France : … ») so they read right for any territory.
"""
from __future__ import annotations

import pandas as pd

from quartiers.formatting import fr_int, fr_meur, fr_number, fr_percent, mixed_share
from quartiers.territories import count_text, ranked, scope_summary, share_of_total, share_years


def _ordinal(n: int, feminine: bool) -> str:
    return ("1re" if feminine else "1er") if n == 1 else f"{n}e"


def _names(names: list[str]) -> str:
    """'A', 'A et B', 'A, B et C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1]


def map_title(deps: pd.DataFrame, measure: str, n: int = 3) -> str:
    """« Nord, Bouches-du-Rhône et Seine-Saint-Denis : le plus d'habitants en QPV » (or the highest share)."""
    col = "qpv_population" if measure == "qpv_population" else "share"
    top = ranked(deps, col)["name"].head(n).tolist()
    if len(deps) == 1:
        row = deps.iloc[0]
        return (f"{row['name']} : {fr_int(row['qpv_population'])} habitants en QPV" if col == "qpv_population" else
                f"{row['name']} : {mixed_share(row['share'])} de la population en QPV ({share_years(deps)})")
    if col == "qpv_population":
        return f"{_names(top)} : les départements qui comptent le plus d'habitants en QPV"
    return f"{_names(top)} : la plus forte part d'habitants en QPV ({share_years(deps)})"


def territory_map_takeaway(deps: pd.DataFrame, selection: pd.DataFrame, measure: str) -> str:
    """The leader's figure, and the selection's figures when there is one."""
    col = "qpv_population" if measure == "qpv_population" else "share"
    first = ranked(deps, col).iloc[0]
    lead = (f"{first['name']} : {fr_int(first['qpv_population'])} habitants en QPV."
            if col == "qpv_population" else
            f"{first['name']} : {fr_percent(first['share'])} de sa population vit en QPV ({share_years(deps)}).")
    if len(selection) and len(selection) < len(deps):
        return f"{lead} Sélection (contour épais) : {scope_summary(selection)}."
    return lead


def territory_ranking_title(table: pd.DataFrame, level: str) -> str:
    """« Île-de-France : 29 % des habitants des QPV, 1re des 20 régions »."""
    feminine = level == "region"
    top = ranked(table).iloc[0]
    share = share_of_total(table)[top["code"]]
    if len(table) == 1:
        return f"{top['name']} : {fr_int(top['qpv_population'])} habitants en QPV"
    if level == "contrat":
        return f"{top['name']} : {fr_percent(share)} des habitants des QPV de ces {count_text(table, level)}"
    return (f"{top['name']} : {fr_percent(share)} des habitants des QPV, {_ordinal(1, feminine)} des "
            f"{count_text(table, level)}")


def territory_ranking_takeaway(table: pd.DataFrame, level: str, selected: tuple[str, ...] = ()) -> str:
    """The selected rows' rank and share, or what the next ones weigh."""
    order = ranked(table)
    shares = share_of_total(table)
    feminine = level == "region"
    chosen = [c for c in selected if c in set(order["code"])]
    if chosen:
        parts = []
        for code in chosen[:4]:
            row = order[order["code"] == code].iloc[0]
            rank = int(order.index[order["code"] == code][0]) + 1
            parts.append(f"{row['name']} : {fr_percent(shares[code])} des habitants des QPV, "
                         f"{_ordinal(rank, feminine)} sur {count_text(table, level)}")
        return "Sélection — " + " ; ".join(parts) + "."
    if len(order) < 2:
        return ""
    following = [f"{r['name']} ({fr_percent(shares[r['code']])})" for _, r in order.iloc[1:3].iterrows()]
    top3 = shares[order["code"].head(3)].sum()
    return (f"Suivent {_names(following)} ; les {min(3, len(order))} premiers réunissent "
            f"{fr_percent(top3)} des habitants des QPV de cette liste.")


def budget_title(split: pd.DataFrame) -> str:
    """« 3,3 Md€ annoncés en 2021 : 1 Md€ pour la relance, 2,3 Md€ pour la vie quotidienne »."""
    amounts = dict(zip(split["line_id"], split["amount_meur"]))
    total = fr_meur(split["total_meur"].iloc[0])
    return (f"{total} annoncés pour les quartiers : {fr_meur(amounts['relance'])} pour la relance, "
            f"{fr_meur(amounts['vie-quotidienne'])} pour la vie quotidienne")


def glance_pilots_title(glance: pd.DataFrame) -> str:
    """« Métropole Aix-Marseille : 300 191 habitants en QPV, le plus grand des pilotes chiffrés »."""
    known = glance[glance["qpv_population"].notna()]
    if known.empty:
        return "Aucun des pilotes choisis n'a de chiffre d'habitants en QPV pour ce territoire"
    top = known.sort_values("qpv_population", ascending=False).iloc[0]
    if len(known) == 1:
        part = f" ({top['figure_label']})" if top["figure_label"] else ""
        return f"{top['name']} : {fr_int(top['qpv_population'])} habitants en QPV{part}"
    return f"{top['name']} : {fr_int(top['qpv_population'])} habitants en QPV, le plus peuplé des pilotes chiffrés"


def pilots_takeaway(glance: pd.DataFrame) -> str:
    """How many pilots have a figure, and why the others do not."""
    missing = glance[glance["qpv_population"].isna()]
    text = f"{len(glance) - len(missing)} pilote(s) sur {len(glance)} ont un chiffre d'habitants en QPV."
    labelled = glance[glance["figure_label"] != ""]
    if len(labelled):
        text += " " + " ; ".join(f"{n} — {lbl}" for n, lbl in zip(labelled["name"], labelled["figure_label"])) + "."
        missing = missing[missing["figure_label"] == ""]
    if len(missing):
        text += (f" Non disponible pour {_names(missing['name'].tolist())} : leurs contrats de ville ne les "
                 "couvrent qu'en partie ou débordent leur territoire ; aucun chiffre n'est estimé.")
    return text


def treemap_title(nodes: pd.DataFrame) -> str:
    """« CA Plaine Commune : 290 991 habitants en QPV, le plus grand contrat de ville de la sélection »."""
    leaves = nodes[nodes["level"] == "contrat"]
    if leaves.empty:
        return "Aucun contrat de ville dans la sélection"
    top = leaves.sort_values("value", ascending=False).iloc[0]
    return f"{top['label']} : {fr_int(top['value'])} habitants en QPV, le plus grand contrat de ville de la sélection"


def treemap_takeaway(gap: int) -> str:
    """How to read the treemap, and how far its département boxes are from the published totals."""
    text = ("Chaque case est un contrat de ville (périmètres intercommunaux de 2015), regroupé par département et "
            "région ; cliquez sur une case pour l'agrandir.")
    if gap:
        text += (f" Un département ou une collectivité y vaut la somme de ses contrats de ville, avec un écart d'au "
                 f"plus {fr_int(gap)} habitants à son total publié.")
    return text


def table_title(table: pd.DataFrame, level: str) -> str:
    """The highest share of the list (régions, départements), or the spread of the contrats de ville."""
    if level == "contrat":
        values = table["qpv_population"]
        return (f"{count_text(table, level)} : de {fr_int(values.min())} à {fr_int(values.max())} habitants en QPV"
                if len(table) > 1 else f"{table['name'].iloc[0]} : {fr_int(values.iloc[0])} habitants en QPV")
    known = table[table["share"].notna()]
    if known.empty:
        return count_text(table, level)
    top = ranked(known, "share").iloc[0]
    text = f"{top['name']} : {mixed_share(top['share'])} de la population en QPV ({share_years(table)})"
    return text if len(table) == 1 else f"{text}, la plus forte part des {count_text(table, level)}"


def indicator_qpv_title(qpv: pd.DataFrame, indicator: str, label: str) -> str:
    """« Taux de pauvreté (%) : de 23,1 à 61,2 selon le quartier ; le plus haut : Bagatelle (Toulouse) »."""
    known = qpv[qpv[indicator].notna()]
    if known.empty:
        return f"{label} : non disponible pour ces quartiers"
    top = known.sort_values(indicator, ascending=False).iloc[0]
    whole = bool((known[indicator] % 1 == 0).all())
    fmt = fr_int if whole else (lambda v: fr_number(v, 1))
    if len(known) == 1:
        return f"{label} : {fmt(top[indicator])} à {top['nom_qp']} ({top['commune']})"
    return (f"{label} : de {fmt(known[indicator].min())} à {fmt(known[indicator].max())} selon le quartier ; "
            f"le plus haut : {top['nom_qp']} ({top['commune']})")
