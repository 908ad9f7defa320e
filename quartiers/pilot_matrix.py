"""Coverage matrix pilots × priorities: the label, the national programmes present in each pilot for each
priority (lists of ANCT programmes, with counts, unit and vintage), and the published facts.

The programme published no per-pilot choice of priorities: every pilot is labelled on all four.
"""
from __future__ import annotations

import pandas as pd

from quartiers.data import Dataset
from quartiers.formatting import plural
from quartiers.memo import per_dataset
from quartiers.pilots import fact_applies, fact_fr

LABEL_TEXT = "labellisé sur les 4 priorités"
NO_PROGRAMME = "aucun programme national recensé"
PROGRAMME_FR = {
    "action_coeur_de_ville": "Action cœur de ville",
    "entrees_de_ville": "Entrées de ville (Action cœur de ville)",
    "petites_villes_de_demain": "Petites villes de demain",
    "fonds_restructuration_locaux_activite": "Fonds de restructuration des locaux d'activité",
    "projet_appui_operationnel_commerce": "Appui opérationnel à l'immobilier commercial (ANCT)",
    "territoires_d_industrie": "Territoires d'industrie",
    "manufactures_de_proximite": "Manufactures de proximité",
    "fabriques_de_territoire": "Fabriques de territoire",
    "conseillers_numeriques": "Conseillers numériques France Services",
    "france_services": "France services",
    "cites_de_l_emploi": "Cités de l'emploi",
    "cites_educatives": "Cités éducatives",
}
UNIT_FR = {"communes": ("commune", "communes"), "sites": ("site", "sites"), "posts": ("poste", "postes"),
           "operations": ("opération", "opérations"), "territoires": ("territoire", "territoires")}


def programme_name(programme: str) -> str:
    return PROGRAMME_FR.get(programme, programme.replace("_", " "))


def presence_text(n: int, unit: str) -> str:
    """3, 'communes' -> '3 communes'; 1 or 0 stay singular in French."""
    return plural(n, *UNIT_FR.get(unit, (unit, unit)))


def _vintage_counts(rows: pd.DataFrame) -> str:
    """The lists of one programme in one pilot: « 1 commune (2018-08), 1 commune (2025-04) »."""
    rows = rows.sort_values("vintage")
    return ", ".join(f"{presence_text(n, u)} ({v})" for n, u, v in zip(rows["n_sites_in_pilot"], rows["unit"],
                                                                    rows["vintage"]))


def _programme_lines(rows: pd.DataFrame) -> list[str]:
    """« Action cœur de ville : 1 commune (2018-08), 1 commune (2025-04) » for each programme with a site."""
    return [f"{programme_name(programme)} : {_vintage_counts(group)}"
            for programme, group in rows.groupby("programme", sort=False) if group["n_sites_in_pilot"].sum()]


def priority_ids(ds: Dataset, chosen: tuple[str, ...] = ()) -> list[str]:
    """The priorities to show, in the programme's order (all four when none is chosen)."""
    return [p for p in ds.priorities["priority_id"] if not chosen or p in chosen]


CELL_COLUMNS = ["pilot_id", "name", "priority_id", "priority", "n_programmes", "programmes", "facts"]


@per_dataset
def _cells_by_pilot(ds: Dataset, chosen: tuple[str, ...]) -> dict[str, list[dict]]:
    """The matrix rows of every pilot for the chosen priorities, computed once: a selection then only picks."""
    labels = ds.priorities.set_index("priority_id")["label_fr"]
    progs = ds.pilot_programmes[ds.pilot_programmes["priority_id"] != ""]
    by_pilot = dict(tuple(progs.groupby("pilot_id", sort=False)))
    facts = ds.pilot_actions.groupby("pilot_id", sort=False)["fact_en"].agg(list).to_dict()
    empty = progs.iloc[:0]
    out = {}
    for pilot_id, name in zip(ds.pilots["pilot_id"], ds.pilots["name"]):
        mine = by_pilot.get(pilot_id, empty)
        out[pilot_id] = []
        for pid in priority_ids(ds, chosen):
            lines = _programme_lines(mine[mine["priority_id"] == pid])
            fact_lines = [fact_fr(f) for f in facts.get(pilot_id, []) if fact_applies(f, (pid,))]
            out[pilot_id].append({"pilot_id": pilot_id, "name": name, "priority_id": pid, "priority": labels[pid],
                                  "n_programmes": len(lines), "programmes": lines, "facts": fact_lines})
    return out


def matrix(ds: Dataset, pilots: pd.DataFrame, chosen: tuple[str, ...] = ()) -> pd.DataFrame:
    """One row per pilot × priority: n_programmes (programmes with at least one site), programmes (lines of
    text), facts (French register facts on the pilot as a whole or naming that priority)."""
    cells = _cells_by_pilot(ds, tuple(chosen))
    return pd.DataFrame([row for pid in pilots["pilot_id"] for row in cells[pid]], columns=CELL_COLUMNS)


def matrix_table(cells: pd.DataFrame) -> pd.DataFrame:
    """The matrix as a French table, one row per pilot × priority (the label column says every pilot is
    labelled on every priority)."""
    return pd.DataFrame({
        "Pilote": cells["name"],
        "Priorité": cells["priority"],
        "Label Quartiers productifs": LABEL_TEXT,
        "Programmes nationaux présents (avec au moins un site)": cells["n_programmes"],
        "Détail (nombre, unité, millésime de la liste)": [" ; ".join(p) or NO_PROGRAMME for p in cells["programmes"]],
        "Faits publiés": [" ; ".join(f) or "aucun" for f in cells["facts"]],
    })


@per_dataset
def _context_by_pilot(ds: Dataset) -> dict[str, dict[str, str]]:
    """For every pilot, the cell of each context programme (tied to no priority), computed once."""
    progs = ds.pilot_programmes[ds.pilot_programmes["priority_id"] == ""]
    groups = dict(tuple(progs.groupby(["pilot_id", "programme"], sort=False)))
    programmes = sorted(set(progs["programme"]))
    return {pid: {programme_name(p): _vintage_counts(groups[pid, p]) if (pid, p) in groups
                  and groups[pid, p]["n_sites_in_pilot"].sum() else "aucun" for p in programmes}
            for pid in ds.pilots["pilot_id"]}


def context_programmes(ds: Dataset, pilots: pd.DataFrame) -> pd.DataFrame:
    """Programmes tied to no priority (context only): one row per pilot, one column per programme, cells like
    « 4 communes (2024) » or « aucun »."""
    cells = _context_by_pilot(ds)
    columns = ["Pilote", *next(iter(cells.values()), {})]
    return pd.DataFrame([{"Pilote": name, **cells[pid]} for pid, name in zip(pilots["pilot_id"], pilots["name"])],
                        columns=columns)


def _pilot_lists(ds: Dataset, pilot_id: str, chosen: tuple[str, ...]) -> pd.DataFrame:
    """The programme lists (one row per programme × vintage) of one pilot for the chosen priorities, in order."""
    progs = ds.pilot_programmes
    rows = progs[(progs["pilot_id"] == pilot_id) & progs["priority_id"].isin(priority_ids(ds, chosen))]
    order = {p: i for i, p in enumerate(ds.priorities["priority_id"])}
    return rows.assign(_order=rows["priority_id"].map(order)).sort_values(["_order", "programme", "vintage"])


def pilot_programmes_table(ds: Dataset, pilot_id: str, chosen: tuple[str, ...] = ()) -> pd.DataFrame:
    """The programme lists with at least one site in the pilot, with the names of the sites (profile view)."""
    labels = ds.priorities.set_index("priority_id")["label_fr"]
    rows = _pilot_lists(ds, pilot_id, chosen)
    rows = rows[rows["n_sites_in_pilot"] > 0]
    return pd.DataFrame({
        "Priorité": [labels[p] for p in rows["priority_id"]],
        "Programme": [programme_name(p) for p in rows["programme"]],
        "Liste (millésime)": rows["vintage"],
        "Présence dans le pilote": [presence_text(n, u) for n, u in zip(rows["n_sites_in_pilot"], rows["unit"])],
        "Noms": rows["detail"],
    })


def absent_lists_text(ds: Dataset, pilot_id: str, chosen: tuple[str, ...] = ()) -> str:
    """The lists checked that have no site in the pilot, e.g. « Action cœur de ville (2018-08, 2025-04) »."""
    rows = _pilot_lists(ds, pilot_id, chosen)
    rows = rows[rows["n_sites_in_pilot"] == 0]
    if rows.empty:
        return ""
    parts = [f"{programme_name(p)} ({', '.join(g['vintage'])})" for p, g in rows.groupby("programme", sort=False)]
    return "Listes consultées sans aucun site dans le pilote : " + " ; ".join(parts) + "."


def vintage_span(ds: Dataset) -> str:
    """'listes 2018 à 2025': the years the programme lists were published or start."""
    years = ds.pilot_programmes["vintage"].str[:4].astype(int)
    return f"listes {years.min()} à {years.max()}"


def matrix_title(cells: pd.DataFrame) -> str:
    """'Activités productives : un programme national présent dans 11 des 14 pilotes'."""
    n_pilots = cells["pilot_id"].nunique()
    present = cells[cells["n_programmes"] > 0].groupby("priority", sort=False)["pilot_id"].nunique()
    if present.empty:
        return "Aucun programme national recensé pour ces pilotes et ces priorités"
    top = present.idxmax()
    if n_pilots == 1:
        return f"{cells['name'].iloc[0]} : des programmes nationaux présents pour {len(present)} priorité" + \
            ("s" if len(present) > 1 else "") + f" sur {cells['priority_id'].nunique()}"
    among = f"les {n_pilots}" if present[top] == n_pilots else f"{present[top]} des {n_pilots}"
    return f"{top} : au moins un programme national présent dans {among} pilotes"


def matrix_takeaway(ds: Dataset, cells: pd.DataFrame) -> str:
    empty = cells[cells["n_programmes"] == 0]
    text = (f"{len(empty)} case{'s' if len(empty) > 1 else ''} sur {len(cells)} sans aucun programme national "
            "recensé.") if len(empty) else "Chaque case compte au moins un programme national."
    with_lists = set(ds.programmes["priority_id"])
    for label in cells.loc[~cells["priority_id"].isin(with_lists), "priority"].drop_duplicates():
        text += f" Aucune liste nationale n'est rattachée à « {label} » : sa colonne est vide faute de données."
    return text + " Chaque pilote est labellisé sur les 4 priorités : aucun choix par pilote n'a été publié."
