"""The national money of the programme: the 2021 plan's budget lines (announced and reported) and the three axes.

Rules (DESIGN.md): lines marked `overlaps_siblings` are press figures that overlap each other; they are listed,
never added up. A line with no amount reads « non disponible ». These amounts are national: no filter applies.
"""
from __future__ import annotations

import pandas as pd

from quartiers.data import Dataset
from quartiers.formatting import fr_int, fr_meur
from quartiers.metrics import Kpi

PLAN_ROOT = "annonce-total"
REPORT_ROOT = "bilan-total"
RELANCE = "relance"
SUCCESSOR = "entrepreneuriat-quartiers-2030"
KIND_FR = {"announced": "annoncé", "executed": "mobilisé (bilan)"}
FLOOR_MARK = "plus de"  # a source note quoting « plus de … »: the amount is a floor, shown as such
# The Sept 2021 report's own words: amounts « mobilisés » (never « exécuté » or « réalisé »), compared with the
# commitment of the Comité interministériel des villes chaired by the Prime Minister. Pages, slides and the pack
# take this wording from report_sentence() and report_label().
REPORT_NAME = "bilan « France Relance et quartiers prioritaires » (septembre 2021)"
REPORT_VERB = "mobilisés"
# The report groups its amounts in three blocks (France Relance's pillars); tying them to the plan's three axes
# would be our inference, so the axes show announced lines only and the blocks are shown as the report names them.
BLOCKS_APART = ("Les blocs du bilan suivent les piliers de France Relance, pas les trois axes du plan : ils sont "
                "montrés tels que le bilan les nomme, à part des axes.")


# --- Budget lines -----------------------------------------------------------------------------------------------

def amount_text(amount_meur, note: str = "") -> str:
    """'3,3 Md€', 'plus de 1,1 Md€' when the source gives a floor, « non disponible » with no amount."""
    text = fr_meur(amount_meur)
    if pd.notna(amount_meur) and FLOOR_MARK in note:
        return f"{FLOOR_MARK} {text}"
    return text


def budget_lines(ds: Dataset) -> pd.DataFrame:
    """Every budget line with its displayed amount, its kind in French and its publisher."""
    df = ds.budget_lines.copy()
    df["display"] = [amount_text(a, n) for a, n in zip(df["amount_meur"], df["note"])]
    df["kind_fr"] = df["kind"].map(KIND_FR)
    df["publisher"] = df["source_id"].map(ds.sources.set_index("source_id")["publisher"])
    axes = ds.axes.set_index("axis_id")["label_fr"]
    df["axis_fr"] = df["axis"].map(axes).fillna("")
    return df


def _children(df: pd.DataFrame, parent_id: str) -> pd.DataFrame:
    return df[df["parent_id"] == parent_id]


def plan_tree(ds: Dataset) -> pd.DataFrame:
    """The announced plan as a tree whose every node carries its own sourced amount.

    Overlapping lines and lines with no amount are left out. A parent's children are kept only if their amounts
    fit inside it, so that a treemap with branchvalues="total" shows each parent at its own amount."""
    df = budget_lines(ds)
    df = df[(df["kind"] == "announced") & ~df["overlaps_siblings"] & df["amount_meur"].notna()]
    kept = [PLAN_ROOT]
    queue = [PLAN_ROOT]
    while queue:
        parent = queue.pop(0)
        children = _children(df, parent)
        if children["amount_meur"].sum() <= df.loc[df["line_id"] == parent, "amount_meur"].iloc[0]:
            kept += list(children["line_id"])
            queue += list(children["line_id"])
    return df[df["line_id"].isin(kept)].reset_index(drop=True)


def overlapping_lines(ds: Dataset) -> pd.DataFrame:
    """The press figures that overlap each other: to show side by side, never to add up."""
    df = budget_lines(ds)
    return df[df["overlaps_siblings"]].reset_index(drop=True)


def reported_lines(ds: Dataset) -> pd.DataFrame:
    """The reported (executed) total and its blocks, total first."""
    df = budget_lines(ds)
    return pd.concat([df[df["line_id"] == REPORT_ROOT], _children(df, REPORT_ROOT)], ignore_index=True)


def report_gap(ds: Dataset) -> tuple[float, float]:
    """(amount stated by the report, sum of its blocks): both sourced, they differ."""
    df = reported_lines(ds)
    blocks = df[df["line_id"] != REPORT_ROOT]
    return float(df["amount_meur"].iloc[0]), float(blocks.loc[~blocks["overlaps_siblings"], "amount_meur"].sum())


def plan_and_report(ds: Dataset) -> pd.DataFrame:
    """Announced plan and reported blocks, in tree order (parents before children), overlapping lines left out."""
    df = budget_lines(ds).set_index("line_id")
    ordered: list[tuple[str, int]] = []

    def walk(line_id: str, depth: int) -> None:
        ordered.append((line_id, depth))
        for child in _children(df.reset_index(), line_id)["line_id"]:
            if not df.loc[child, "overlaps_siblings"]:
                walk(child, depth + 1)

    walk(PLAN_ROOT, 0)
    walk(REPORT_ROOT, 0)
    out = df.loc[[i for i, _ in ordered]].reset_index()
    out["depth"] = [d for _, d in ordered]
    return out


def report_label() -> str:
    """« Mobilisés selon le bilan de septembre 2021 »: the KPI label of the reported amount."""
    return f"{REPORT_VERB.capitalize()} selon le bilan de septembre 2021"


def report_sentence(ds: Dataset) -> str:
    """« Plus de 1,1 Md€ mobilisés selon le bilan … (septembre 2021), pour l'engagement de 1 Md€ de France Relance
    annoncé au Comité interministériel des villes du 29 janvier 2021, présidé par le Premier ministre »."""
    stated = reported_lines(ds).iloc[0]
    plan = budget_lines(ds).set_index("line_id")
    text = f"{stated['display']} {REPORT_VERB} selon le {REPORT_NAME}"
    return (text[:1].upper() + text[1:] + f", pour l'engagement de {plan.loc[RELANCE, 'display']} de France Relance "
            "pris au Comité interministériel des villes du 29 janvier 2021, présidé par le Premier ministre")


def budget_kpis(ds: Dataset) -> list[Kpi]:
    """Plan announced, amount reported, successor programme: each with its own source and period."""
    df = budget_lines(ds).set_index("line_id")
    labels = {PLAN_ROOT: "Plan annoncé en 2021 pour les quartiers", REPORT_ROOT: report_label(),
              SUCCESSOR: "Entrepreneuriat Quartiers 2030"}
    _, blocks = report_gap(ds)
    n_blocks = len(reported_lines(ds)) - 1
    notes = {PLAN_ROOT: "", REPORT_ROOT: f"ses {n_blocks} blocs totalisent {fr_int(blocks)}\u202fM€",
             SUCCESSOR: "programme successeur, distinct du plan 2021 et non ajouté à lui"}
    return [Kpi(line_id, label, float(df.loc[line_id, "amount_meur"]), df.loc[line_id, "display"],
                (df.loc[line_id, "source_id"],), df.loc[line_id, "period"], notes[line_id])
            for line_id, label in labels.items()]


def line_table(df: pd.DataFrame) -> pd.DataFrame:
    """Budget lines with French column names, for « Voir les données »."""
    return pd.DataFrame({
        "Ligne": df["label_fr"], "Montant": df["display"],
        "Montant (M€)": df["amount_meur"], "Nature": df["kind_fr"], "Axe": df["axis_fr"],
        "Période": df["period"], "Se recoupe avec d'autres lignes": df["overlaps_siblings"].map({True: "oui",
                                                                                               False: "non"}),
        "Source": df["publisher"],
    })


# --- The three axes ---------------------------------------------------------------------------------------------

def axis_lines(ds: Dataset) -> pd.DataFrame:
    """Every announced line tied to an axis, in the order of the axes table. The report's blocks are left out:
    their link to the axes is an inference (BLOCKS_APART)."""
    df = budget_lines(ds)
    df = df[(df["axis"] != "") & (df["kind"] == "announced")].copy()
    df["axis_rank"] = df["axis"].map({a: i for i, a in enumerate(ds.axes["axis_id"])})
    return df.sort_values(["axis_rank", "kind", "amount_meur"], ascending=[True, True, False],
                          na_position="last").reset_index(drop=True)


def axis_totals(ds: Dataset) -> pd.DataFrame:
    """Per axis and kind: the sum of the lines that do not overlap (overlapping ones are counted, not added)."""
    df = axis_lines(ds)
    df["summable"] = df["amount_meur"].where(~df["overlaps_siblings"])
    out = (df.groupby(["axis_rank", "axis", "axis_fr", "kind"], as_index=False)
           .agg(total_meur=("summable", lambda s: s.sum(min_count=1)), n_lines=("line_id", "size"),
                n_overlapping=("overlaps_siblings", "sum")))
    return out.sort_values(["axis_rank", "kind"]).reset_index(drop=True)


# --- Findings: titles and takeaways computed from the lines ------------------------------------------------------

def title_label(label: str) -> str:
    """'Accompagner la relance dans les quartiers (part de …)' -> 'Accompagner la relance dans les quartiers'."""
    return label.split(" (")[0]


def short_label(label: str) -> str:
    """The title label in lower case, to follow a word: '… pour accompagner la relance dans les quartiers'."""
    text = title_label(label)
    return text[:1].lower() + text[1:]


def plan_title(tree: pd.DataFrame) -> str:
    root = tree[tree["parent_id"] == ""].iloc[0]
    parts = [f"{d} pour {short_label(lbl)}" for d, lbl in
             zip(*[_children(tree, root["line_id"])[c] for c in ("display", "label_fr")])]
    return f"{root['display']} annoncés : " + ", ".join(parts)


def plan_gaps(ds: Dataset, tree: pd.DataFrame) -> str:
    """What the treemap leaves empty, and why: parents whose known lines do not fill them."""
    all_lines = budget_lines(ds)
    sentences = []
    for _, parent in tree.iterrows():
        shown = _children(tree, parent["line_id"])
        hidden = _children(all_lines, parent["line_id"])
        if len(shown) and shown["amount_meur"].sum() < parent["amount_meur"]:
            sentences.append(f"Les lignes connues sous « {title_label(parent['label_fr'])} » totalisent "
                             f"{fr_meur(shown['amount_meur'].sum())} sur {parent['display']} : le reste n'est pas "
                             "détaillé par les sources.")
        elif hidden["overlaps_siblings"].any() and not len(shown):
            sentences.append(f"« {title_label(parent['label_fr'])} » n'est détaillé que par des chiffres de presse "
                             "qui se recoupent : ils sont montrés à part, plus bas.")
    return " ".join(sentences)


def report_title(ds: Dataset) -> str:
    return report_sentence(ds)


def report_takeaway(ds: Dataset) -> str:
    lines = reported_lines(ds)
    stated, blocks = report_gap(ds)
    parts = " + ".join(fr_int(a) for a in lines["amount_meur"].iloc[1:])
    names = " ; ".join(f"« {lbl} » {d}" for lbl, d in zip(lines["label_fr"].iloc[1:], lines["display"].iloc[1:]))
    return (f"Le bilan écrit « {lines['display'].iloc[0]} … {REPORT_VERB} » ; ses {len(lines) - 1} blocs ({names}) "
            f"totalisent {fr_int(blocks)}\u202fM€ ({parts}) : les deux chiffres viennent du même document, aucun "
            f"n'est retenu à la place de l'autre. {BLOCKS_APART}")


def overlap_title(ds: Dataset) -> str:
    df = overlapping_lines(ds)
    return f"{len(df)} lignes de presse sur la relance se recoupent : à lire côte à côte, sans les additionner"


def overlap_takeaway(ds: Dataset) -> str:
    df = overlapping_lines(ds)
    parents = budget_lines(ds).set_index("line_id").loc[list(dict.fromkeys(df["parent_id"]))]
    missing = int(df["amount_meur"].isna().sum())
    names = ", ".join(f"« {title_label(lbl)} » ({d})" for lbl, d in zip(parents["label_fr"], parents["display"]))
    text = (f"Ces lignes détaillent {names} sous des angles qui se chevauchent : leur somme n'a pas de sens et "
            "n'est jamais calculée.")
    if missing:
        text += f" {missing} ligne{'s' if missing > 1 else ''} sans montant publié : « non disponible »."
    return text


def axis_title(ds: Dataset) -> str:
    lines = axis_lines(ds)
    own = lines[~lines["overlaps_siblings"] & lines["amount_meur"].notna()]
    if own.empty:
        return "Les lignes annoncées de chacun des trois axes"
    top = own.loc[own["amount_meur"].idxmax()]
    return (f"Axe « {top['axis_fr']} » : la plus grosse ligne annoncée, {top['display']} "
            f"(« {title_label(top['label_fr'])} »)")


def axis_takeaway(ds: Dataset) -> str:
    n = int(axis_lines(ds)["overlaps_siblings"].sum())
    return (f"Chaque axe montre ses lignes annoncées ; {n} chiffres de presse qui se recoupent sont "
            "hachurés. Aucun total par axe n'est calculé : il additionnerait des lignes qui se recoupent. "
            + BLOCKS_APART)
