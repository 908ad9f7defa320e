"""Each pilot's 2015 QPV counted from the national list (all communes of each QPV against the pilot's communes),
reconciled with the contrat-de-ville figure where one exists, and the share of all QPV residents they cover.

A QPV partly outside its pilot (QP093014: Bondy, Bobigny, Noisy-le-Sec in Est Ensemble, Le Blanc-Mesnil outside) is
never counted in silently nor dropped: its residents are given apart, since they are not published by commune.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from quartiers.build_qpv import PARTIAL, SRC_POPULATION, WHOLE
from quartiers.data import Dataset
from quartiers.formatting import fr_int, fr_percent, plural
from quartiers.memo import per_dataset
from quartiers.metrics import Kpi, Scope
from quartiers.vocabulary import COUNTED

METHOD_FR = ("liste nationale des QPV 2015 (Insee) rapprochée des communes du pilote : un QPV est compté quand toutes "
             "ses communes sont dans le pilote, à part quand il déborde")
YEAR = 2018


@dataclass(frozen=True)
class PilotQpv:
    pilot_id: str
    name: str
    whole_count: int
    whole_2013: int
    whole_2018: int
    partial_count: int
    partial_2018: int
    partial: tuple[str, ...]  # « Name (QP093014 ; hors du pilote : Le Blanc-Mesnil) »
    contract_figure: int | None  # the pilot's own contrat-de-ville figure (exact or summed), if any
    source_ids: tuple[str, ...]
    part_of: str = ""  # the territory when only the pilot's QPV inside it are counted (a territorial filter)

    def figure_text(self) -> str:
        """« 15 QPV, 85 516 habitants (2018) ; + 4 à cheval, 72 059 habitants comptés à part »."""
        text = f"{plural(self.whole_count, 'QPV', 'QPV')}, {fr_int(self.whole_2018)} habitants ({YEAR})"
        if self.partial_count:
            text += (f" ; + {plural(self.partial_count, 'QPV', 'QPV')} à cheval sur le pilote, "
                     f"{fr_int(self.partial_2018)} habitants comptés à part")
        return text

    def reconciliation(self) -> str:
        """How the list-based figure compares with the contrat-de-ville figure, in plain French."""
        if self.part_of:
            return (f"Part du pilote dans {self.part_of} : ses QPV situés dans ce territoire seulement (le chiffre "
                    "entier du pilote : sans filtre de territoire).")
        if self.contract_figure is None:
            return ("Pas de chiffre de contrat de ville propre au pilote : le chiffre de la liste est le seul "
                    "disponible.")
        cv, whole, upper = self.contract_figure, self.whole_2018, self.whole_2018 + self.partial_2018
        if cv == whole and not self.partial_count:
            return f"Égal au chiffre des contrats de ville ({fr_int(cv)})."
        gap = f"écart de {fr_int(abs(upper - cv))} habitants avec le chiffre des contrats de ville ({fr_int(cv)})"
        if self.partial_count and whole <= cv <= upper:
            return (f"{gap[0].upper()}{gap[1:]} : {fr_int(cv)} se situe entre {fr_int(whole)} (QPV entièrement dans "
                    f"le pilote) et {fr_int(upper)} (avec les QPV à cheval comptés en entier) ; le contrat de ville ne "
                    "compte que la part de ces QPV dans son territoire, la liste ne la publie pas.")
        return (f"{gap[0].upper()}{gap[1:]}, que la liste n'explique pas (périmètres des contrats de ville de 2015 "
                "différents de celui du pilote).")


@per_dataset
def pilot_figures(ds: Dataset, sc: Scope | None = None, pilot_ids: tuple[str, ...] = ()) -> tuple[PilotQpv, ...]:
    """The pilots (all 14, or `pilot_ids`), in their usual order, with their QPV from the list; under a territorial
    scope, only their QPV located in it (the same rule as every pilot figure: its part in the territory). Computed
    once per scope and pilots (a view, its slides and each profile ask for them); nationally, once for all."""
    part_of = sc.label if sc is not None and sc.level != "national" else ""
    if not part_of and (sc is not None or pilot_ids):
        return tuple(f for f in pilot_figures(ds) if not pilot_ids or f.pilot_id in pilot_ids)
    links = _links(ds)
    if part_of:
        links = links[links["dep_code"].isin(sc.dep_codes) | links["dep_code"].isin(sc.reg_codes)]
    out = []
    pilots = ds.pilots if not pilot_ids else ds.pilots[ds.pilots["pilot_id"].isin(pilot_ids)]
    by_pilot = dict(tuple(links.groupby("pilot_id", sort=False)))  # one pass, not one filter of the table per pilot
    for _, p in pilots.iterrows():
        rows = by_pilot.get(p["pilot_id"], links.iloc[:0])
        whole, partial = rows[rows["membership"] == WHOLE], rows[rows["membership"] == PARTIAL]
        own = p["coverage"] in COUNTED and pd.notna(p["qpv_population"])
        out.append(PilotQpv(
            p["pilot_id"], p["name"], len(whole), int(whole["pop_2013"].sum()), int(whole["pop_2018"].sum()),
            len(partial), int(partial["pop_2018"].sum()),
            tuple(f"{n or 'nom non disponible'} ({c} ; hors du pilote : {o.replace(';', ', ')})"
                  for n, c, o in zip(partial["name"], partial["code_qp"], partial["communes_outside"].fillna(""))),
            int(p["qpv_population"]) if own and not part_of else None,
            tuple(dict.fromkeys([SRC_POPULATION, *rows["source_id"]])), part_of))
    return tuple(out)


def count_kpi(ds: Dataset, pilot_id: str) -> Kpi:
    """The pilot's number of QPV for its profile and its slide: those wholly inside it, the straddling ones in the
    note (counted apart)."""
    f = pilot_figures(ds, pilot_ids=(pilot_id,))[0]
    note = (f"+ {plural(f.partial_count, 'QPV', 'QPV')} à cheval sur le pilote, comptés à part "
            f"({fr_int(f.partial_2018)} habitants)" if f.partial_count else "")
    return Kpi("qpv_count", "QPV entièrement dans le pilote", float(f.whole_count), fr_int(f.whole_count),
               f.source_ids, "2015", note)


def list_table(figures: tuple[PilotQpv, ...]) -> pd.DataFrame:
    return pd.DataFrame({
        "Pilote": [f.name for f in figures],
        "QPV entièrement dans le pilote": [f.whole_count for f in figures],
        f"Leurs habitants {YEAR}": [f.whole_2018 for f in figures],
        "Leurs habitants 2013": [f.whole_2013 for f in figures],
        "QPV à cheval (comptés à part)": [f.partial_count for f in figures],
        f"Habitants {YEAR} des QPV à cheval": [f.partial_2018 for f in figures],
        "QPV à cheval": ["; ".join(f.partial) for f in figures],
        "Chiffre des contrats de ville": pd.array([f.contract_figure for f in figures], dtype="Int64"),
        "Rapprochement": [f.reconciliation() for f in figures],
    })


@dataclass(frozen=True)
class CoveredByList:
    whole: int  # residents of the QPV wholly in a pilot (each QPV once)
    with_partial: int  # plus those partly in one
    total: int  # all QPV residents of the list

    def sentence(self) -> str:
        return (f"Les QPV entièrement situés dans les 14 pilotes comptent {fr_int(self.whole)} habitants en {YEAR}, "
                f"{fr_percent(self.whole / self.total, 1)} des {fr_int(self.total)} habitants des QPV ; "
                f"{fr_percent(self.with_partial / self.total, 1)} avec les QPV à cheval sur un pilote, comptés en "
                "entier (liste 2015, Insee).")


@per_dataset
def _links(ds: Dataset) -> pd.DataFrame:
    """Each pilot's QPV with their name, département and residents."""
    return ds.pilot_qpv.merge(ds.qpv2015[["code_qp", "name", "dep_code", "pop_2013", "pop_2018"]], on="code_qp")


@per_dataset
def list_coverage(ds: Dataset) -> CoveredByList:
    links = ds.pilot_qpv.merge(ds.qpv2015[["code_qp", "pop_2018"]], on="code_qp").drop_duplicates("code_qp")
    whole = links[links["membership"] == WHOLE]
    return CoveredByList(int(whole["pop_2018"].sum()), int(links["pop_2018"].sum()), int(ds.qpv2015["pop_2018"].sum()))
