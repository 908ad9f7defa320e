"""The 14 « Quartiers productifs » pilots: who they are, the QPV residents they cover, their contrats de ville,
credits, published facts and QPV detail.

Rules (DESIGN.md): a pilot's QPV residents are known only where its contrats de ville match it exactly or add up to
it ("exact" / "summed"); for the others only a lower bound (contracts wholly inside) or a larger area (a contract
that spills over) is known, and it is never shown as the pilot's own figure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from quartiers import qpv_pilots
from quartiers.data import Dataset
from quartiers.filters import Filters
from quartiers.formatting import NBSP, NOT_AVAILABLE, fr_compact, fr_int, fr_percent, mixed_share, plural
from quartiers.memo import per_dataset
from quartiers.metrics import (
    PILOT_OUTSIDE,
    PILOT_PART,
    PILOT_WHOLE,
    Kpi,
    dep_names,
    national_figure,
    pilots_in_scope,
    reg_names,
    scope,
    source_line,
)
from quartiers.notes import caution_fr
from quartiers.vocabulary import (
    COUNTED,
    CREDITS_SOURCE,
    PILOT_COVERAGE_FR,
    PILOT_COVERAGE_PLURAL_FR,
    contract_coverage_fr,
)

STRUCTURE_FR = {"EPCI (CA) - announced as EPT, which it is not": "EPCI (CA), annoncé comme EPT, ce qu'il n'est pas"}

# The register of published facts is in English (data/pilot_actions.csv): faithful French versions, and the
# priorities a fact names explicitly (empty: it concerns the pilot as a whole, shown whatever the priority filter).
FACTS_FR: dict[str, tuple[str, tuple[str, ...]]] = {
    "Named as an experiment site; expected joint support from ANCT, ANRU, Banque des Territoires and Bpifrance to "
    "steer firms towards aid (digital and ecological transition)":
        ("Désigné site d'expérimentation ; appui conjoint attendu de l'ANCT, de l'ANRU, de la Banque des Territoires "
         "et de Bpifrance pour orienter les entreprises vers les aides (transition numérique et écologique)",
         ("transition-numerique",)),
    "Received the \"Quartiers productifs\" label; the CA president said it follows its Cité de l'emploi work":
        ("A reçu le label « Quartiers productifs » ; le président de la communauté d'agglomération le présente "
         "comme la suite de son travail de Cité de l'emploi", ()),
    "The three Occitanie pilots": ("L'un des trois pilotes d'Occitanie", ()),
    "Only overseas territory in the first wave": ("Seul territoire d'outre-mer de la première vague", ()),
    "Separate France Relance item (not Quartiers productifs): \"Fonds friches\" grant to convert the former centre "
    "artisanal du bois into 3,800 m² of business premises (3,000 m² production + 800 m²), agreement signed with CIVIS":
        (f"Mesure France Relance distincte (hors Quartiers productifs) : subvention « Fonds friches » pour "
         f"reconvertir l'ancien centre artisanal du bois en 3{NBSP}800 m² de locaux d'activité (3{NBSP}000 m² de "
         f"production + 800 m²), convention signée avec la CIVIS", ()),
    "Préfecture communiqué: the commune is in the first labelling wave; the four priorities are restated; the mayor "
    "sets the goal of repositioning the town in the island's south":
        ("Communiqué de la préfecture : la commune fait partie de la première vague de labellisation ; les quatre "
         "priorités sont rappelées ; le maire se fixe l'objectif de repositionner la ville dans le sud de l'île", ()),
    "Metropolitan president J.-L. Moudenc welcomed the selection on Twitter (support for business creation, shops, "
    "digital transition)":
        ("Le président de la métropole, J.-L. Moudenc, a salué la sélection sur Twitter (soutien à la création "
         "d'entreprises, aux commerces, à la transition numérique)",
         ("entrepreneuriat", "commerce-artisanat", "transition-numerique")),
}
MONTHS_FR = {"Jan": "janvier", "Feb": "février", "Mar": "mars", "Apr": "avril", "May": "mai", "June": "juin",
             "Jun": "juin", "July": "juillet", "Jul": "juillet", "Aug": "août", "Sep": "septembre", "Oct": "octobre",
             "Nov": "novembre", "Dec": "décembre"}


def counted(pilots: pd.DataFrame) -> pd.DataFrame:
    """The pilots whose QPV residents are their own figure (exact or summed contrats de ville), within the
    territory chosen (pilots_in_scope): a pilot with no figure for the territory is not counted."""
    return pilots[pilots["coverage"].isin(COUNTED) & pilots["qpv_population"].notna()]


@per_dataset
def selected_pilots(ds: Dataset, f: Filters) -> pd.DataFrame:
    """Pilots chosen by the filters: located in the chosen régions/départements, restricted to the chosen pilots."""
    found = pilots_in_scope(ds, scope(ds, f))
    if f.pilotes:
        found = found[found["pilot_id"].isin(f.pilotes)]
    return found.reset_index(drop=True)


def _dep_names(ds: Dataset, dep_codes: str) -> str:
    names = dep_names(ds)
    return ", ".join(f"{names.get(c, c)} ({c})" for c in dep_codes.split(";"))


def pilots_table(ds: Dataset, pilots: pd.DataFrame) -> pd.DataFrame:
    """One row per pilot, French column names and formatted figures (« non disponible » where not sourced)."""
    regions = reg_names(ds)
    return pd.DataFrame({
        "Pilote": pilots["name"],
        "Structure": [STRUCTURE_FR.get(s, s) for s in pilots["structure_type"]],
        "Département(s)": [_dep_names(ds, d) for d in pilots["dep_codes"]],
        "Région": [regions.get(r, r) for r in pilots["reg_code"]],
        "Habitants des QPV (2018)": [fr_int(v) for v in pilots["qpv_population"]],
        "Chiffre QPV": [lbl or PILOT_COVERAGE_FR[c] for c, lbl in
                        zip(pilots["coverage"], pilots.get("figure_label", pd.Series("", index=pilots.index)))],
        "Population (2023)": [fr_int(v) for v in pilots["population"]],
        "Nombre de QPV (liste 2015)": [fr_int(v) for v in pilots["qpv_count"]],
        "Remarque des sources": pilots["note"].map(caution_fr),
    })


@dataclass(frozen=True)
class NationalTotal:
    """All QPV residents, the denominator of the pilots' share."""

    residents: int
    year: str  # e.g. "2018, Mayotte 2017"
    source_ids: tuple[str, ...]


def national_residents(ds: Dataset) -> NationalTotal:
    regions = ds.regions
    years = regions["qpv_population_year"].value_counts()
    main = int(years.index[0])
    others = [f"{name} {int(y)}" for name, y in zip(regions["reg_name"], regions["qpv_population_year"]) if y != main]
    year = ", ".join([str(main), *others])
    return NationalTotal(int(regions["qpv_population"].sum()), year,
                         tuple(sorted(set(regions["qpv_population_source_id"]))))


@dataclass(frozen=True)
class CoveredShare:
    """Share of all QPV residents living in the selected pilots, from the pilots with their own figure only."""

    residents: int
    national: NationalTotal
    share: float
    n_counted: int
    left_out: tuple[str, ...]  # names of selected pilots not counted (partial or superset figures only)
    parts: tuple[str, ...] = ()  # « name (part dans …) » for pilots counted for their part in the territory
    outside: tuple[str, ...] = ()  # « name (non disponible pour ce territoire …) »

    def sentence(self) -> str:
        if self.n_counted:
            text = (f"Calculé sur {self.n_counted} pilote{'s' if self.n_counted > 1 else ''} dont le chiffre est "
                    f"exact ou la somme de contrats de ville : {fr_int(self.residents)} habitants sur "
                    f"{fr_int(self.national.residents)} habitants des QPV de France ({self.national.year}).")
        else:
            text = ("Aucun des pilotes choisis n'a de chiffre exact ou sommé d'habitants en QPV : "
                    "la part n'est pas calculée.")
        if self.left_out:
            n = len(self.left_out)
            names = ", ".join(self.left_out)
            verb = "ne sont pas comptés" if n > 1 else "n'est pas compté"
            text += (f" {n} pilote{'s' if n > 1 else ''} ({names}) {verb} : seuls des chiffres partiels ou de "
                     "contrats de ville plus larges existent.")
        if self.parts:
            text += " Compté pour sa seule part dans le territoire choisi : " + " ; ".join(self.parts) + "."
        if self.outside:
            text += " " + " ; ".join(self.outside) + "."
        return text


def covered_share(ds: Dataset, pilots: pd.DataFrame) -> CoveredShare:
    own = counted(pilots)
    national = national_residents(ds)
    residents = int(own["qpv_population"].sum())
    extent = pilots.get("figure_extent", pd.Series(PILOT_WHOLE, index=pilots.index))
    label = pilots.get("figure_label", pd.Series("", index=pilots.index))
    outside = extent == PILOT_OUTSIDE
    left_out = tuple(pilots.loc[~pilots["pilot_id"].isin(own["pilot_id"]) & ~outside, "name"])
    parts = tuple(f"{n} ({lbl})" for n, lbl, e in zip(pilots["name"], label, extent) if e == PILOT_PART)
    away = tuple(f"{n} : {lbl}" for n, lbl, o in zip(pilots["name"], label, outside) if o)
    return CoveredShare(residents, national, residents / national.residents, len(own), left_out, parts, away)


def qpv_share(pilot: pd.Series) -> float | None:
    """QPV residents (2018) over the population (2023) of the pilot; None with no figure of its own, or for its
    part in a territory (the population of that part is not known)."""
    if pilot["coverage"] not in COUNTED or pd.isna(pilot["qpv_population"]) or not _whole(pilot):
        return None
    return float(pilot["qpv_population"]) / float(pilot["population"])


def _whole(pilot: pd.Series) -> bool:
    """Whether the pilot's figure is its whole figure, not its part in a territory (see pilots_in_scope)."""
    return pilot.get("figure_extent", PILOT_WHOLE) == PILOT_WHOLE


def profile_kpis(pilot: pd.Series) -> list[Kpi]:
    """The headline figures of one pilot, « non disponible » where it has no figure of its own; under a
    territorial filter, its QPV residents are its part in the territory, labelled."""
    own = pilot["coverage"] in COUNTED and pd.notna(pilot["qpv_population"])
    missing = "" if own else "Pas de chiffre propre : seuls un minimum ou une zone plus large sont connus."
    missing = pilot.get("figure_label") or missing
    share = qpv_share(pilot)
    qpv_source = (pilot["qpv_population_source_id"] or CREDITS_SOURCE,)
    return [
        Kpi("residents", "Habitants des QPV (2018)", float(pilot["qpv_population"]) if own else None,
            fr_int(pilot["qpv_population"]), qpv_source, "2018", missing),
        Kpi("share", "Part de la population en QPV", share, mixed_share(share),
            qpv_source + (pilot["population_source_id"],), "2018 / 2023", missing),
        Kpi("population", "Population (2023)", float(pilot["population"]), fr_int(pilot["population"]),
            (pilot["population_source_id"],), str(pilot["population_year"])),
    ]


def qpv_count_text(ds: Dataset, pilot: pd.Series) -> str:
    """One line on the pilot's number of QPV, counted in the 2015 list (the same figure as its slide)."""
    kpi = qpv_pilots.count_kpi(ds, pilot["pilot_id"])
    return (f"Nombre de QPV (liste 2015) : {kpi.display} entièrement dans le pilote"
            + (f" {kpi.note}" if kpi.note else "") + f". {source_line(ds, kpi.source_ids, kpi.year)}")


def residents_sources(pilots: pd.DataFrame) -> tuple[str, ...]:
    """Sources of the pilots' QPV residents (the contrats de ville data when none has its own figure)."""
    return tuple(sorted(set(counted(pilots)["qpv_population_source_id"]) - {""})) or (CREDITS_SOURCE,)


def shown_text(ds: Dataset, pilots: pd.DataFrame) -> str:
    """'3 pilotes affichés sur 14'."""
    total = int(national_figure(ds, "pilot_count")["value"])
    plural = "s" if len(pilots) > 1 else ""
    return f"{len(pilots)} pilote{plural} affiché{plural} sur {total}"


def headline_kpis(ds: Dataset, pilots: pd.DataFrame) -> list[Kpi]:
    """QPV residents of the pilots with their own figure, their share of all QPV residents, total population."""
    share = covered_share(ds, pilots)
    known = bool(share.n_counted)
    sources = residents_sources(pilots)
    return [
        Kpi("residents", "Habitants en QPV (2018)", share.residents if known else None,
            fr_int(share.residents) if known else NOT_AVAILABLE, sources, "2018",
            "; ".join([f"Pilotes au chiffre exact ou sommé : {share.n_counted}", *share.parts, *share.outside])),
        Kpi("share", "Part des habitants des QPV de France", share.share if known else None,
            share_of_all_text(share.share) if known else NOT_AVAILABLE, sources + share.national.source_ids,
            share.national.year),
        population_kpi(pilots),
    ]


def share_of_all_text(share: float) -> str:
    """A share of all QPV residents (same year): one decimal, « moins de 0,1 % » rather than a misleading 0,0 %."""
    return f"moins de {fr_percent(0.001, 1)}" if 0 < share < 0.0005 else fr_percent(share, 1)


def population_kpi(pilots: pd.DataFrame) -> Kpi:
    """Total population of the pilots counted whole; a pilot shown for its part in a territory is left out (the
    population of that part is not known) and named."""
    whole = pilots[[_whole(p) for _, p in pilots.iterrows()]]
    apart = pilots.loc[~pilots["pilot_id"].isin(whole["pilot_id"]), "name"].tolist()
    note = (f"Sans {', '.join(apart)} : population de sa partie dans le territoire choisi non disponible."
            if apart else "")
    if whole.empty:
        return Kpi("population", "Population des pilotes (2023)", None, NOT_AVAILABLE, (), "", note)
    return Kpi("population", "Population des pilotes (2023)", float(whole["population"].sum()),
               fr_compact(whole["population"].sum()), tuple(sorted(set(whole["population_source_id"]))),
               ", ".join(sorted({str(y) for y in whole["population_year"]})), note)


@per_dataset
def _every_pilot_contract(ds: Dataset) -> pd.DataFrame:
    out = ds.pilot_contrats_de_ville.merge(ds.contrats_de_ville[["code_cv", "dep_code", "cv_name"]],
                                           on=["code_cv", "dep_code"], how="left")
    pilots = ds.pilots.set_index("pilot_id")
    out["pilot_name"] = out["pilot_id"].map(pilots["name"])
    out["coverage_fr"] = [contract_coverage_fr(p, c) for p, c in zip(out["pilot_id"].map(pilots["coverage"]),
                                                                      out["coverage"])]
    return out


@per_dataset
def pilot_contracts(ds: Dataset, *pilot_ids: str) -> pd.DataFrame:
    """The 2015 contrats de ville of the pilots, with their coverage and QPV residents (raw columns), their name
    (cv_name), their pilot's name (pilot_name) and how each covers its pilot in French (coverage_fr). Computed once
    per pilots (a view asks for a pilot's contracts for its profile, credits, bounds and comparison), from those of
    every pilot, joined once; shared: do not modify."""
    every = _every_pilot_contract(ds)
    return every[every["pilot_id"].isin(pilot_ids)].reset_index(drop=True)


def contracts_table(ds: Dataset, pilot: pd.Series) -> pd.DataFrame:
    rows = pilot_contracts(ds, pilot["pilot_id"])
    return pd.DataFrame({
        "Contrat de ville": [f"{n} ({c})" for n, c in zip(rows["cv_name"], rows["code_cv"])],
        "Département": [_dep_names(ds, d) for d in rows["dep_code"]],
        "Habitants des QPV du contrat": [fr_int(v) for v in rows["cv_qpv_population"]],
        "Année": rows["qpv_population_year"].astype(str),
        "Couverture": rows["coverage_fr"],
    })


@dataclass(frozen=True)
class KnownBound:
    """What is known of the QPV residents of a pilot with no figure of its own (never its figure)."""

    pilot_id: str
    name: str
    kind: str  # "minimum" (contracts wholly inside the pilot) or "larger" (one contract spilling over)
    value: int
    year: int
    label: str  # French, says which it is


def known_bounds(ds: Dataset, pilots: pd.DataFrame) -> list[KnownBound]:
    """For partial / superset pilots: the sum of the contracts wholly inside (a minimum), and each larger contract."""
    bounds: list[KnownBound] = []
    for _, pilot in pilots[~pilots["coverage"].isin(COUNTED)].iterrows():
        rows = pilot_contracts(ds, pilot["pilot_id"])
        inside = rows[rows["coverage"].isin(("exact", "partial"))]
        if len(inside):
            n = len(inside)
            bounds.append(KnownBound(pilot["pilot_id"], pilot["name"], "minimum",
                                     int(inside["cv_qpv_population"].sum()), int(inside["qpv_population_year"].max()),
                                     f"minimum : {n} contrat{'s' if n > 1 else ''} de ville entièrement "
                                     "inclus"))
        for _, cv in rows[rows["coverage"] == "superset"].iterrows():
            bounds.append(KnownBound(pilot["pilot_id"], pilot["name"], "larger", int(cv["cv_qpv_population"]),
                                     int(cv["qpv_population_year"]),
                                     f"zone plus large : contrat {cv['cv_name']} ({cv['code_cv']})"))
    return bounds


def bounds_table(bounds: list[KnownBound]) -> pd.DataFrame:
    return pd.DataFrame({
        "Pilote": [b.name for b in bounds],
        "Ce qui est connu": [b.label for b in bounds],
        "Habitants des QPV": [fr_int(b.value) for b in bounds],
        "Année": [str(b.year) for b in bounds],
        "Lecture": ["au moins ce nombre d'habitants dans le pilote" if b.kind == "minimum"
                    else "chiffre d'un contrat qui déborde du pilote : il ne peut pas lui être attribué"
                    for b in bounds],
    })


def fact_fr(fact_en: str) -> str:
    """The French version of a register fact; an untranslated row is flagged rather than shown as French."""
    known = FACTS_FR.get(fact_en)
    return known[0] if known else f"(fait publié en anglais, non traduit) {fact_en}"


def date_fr(text: str) -> str:
    """'2 Sep 2021' -> '2 septembre 2021'; 'communiqué relayed 23 Mar 2021' -> 'communiqué relayé le 23 mars 2021'."""
    text = text.replace("communiqué relayed", "communiqué relayé le")
    return re.sub(r"\b(" + "|".join(MONTHS_FR) + r")\b", lambda m: MONTHS_FR[m.group(1)], text)


def pilot_facts(ds: Dataset, pilot_ids: list[str], priorities: tuple[str, ...] = ()) -> pd.DataFrame:
    """Register facts of the pilots (all, or those concerning the pilot as a whole or one of `priorities`):
    pilot_id, fact, date, publisher, url."""
    rows = ds.pilot_actions[ds.pilot_actions["pilot_id"].isin(pilot_ids)]
    if priorities:
        rows = rows[rows["fact_en"].map(lambda f: fact_applies(f, priorities)).astype(bool)]
    sources = ds.sources.set_index("source_id")
    return pd.DataFrame({
        "pilot_id": rows["pilot_id"].to_numpy(),
        "fact": [fact_fr(f) for f in rows["fact_en"]],
        "date": [date_fr(d) for d in rows["date"]],
        "publisher": [sources.at[s, "publisher"] for s in rows["source_id"]],
        "url": [sources.at[s, "url"] for s in rows["source_id"]],
    })


def facts_table(facts: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"Fait publié": facts["fact"], "Date": facts["date"], "Publié par": facts["publisher"],
                         "Source": facts["url"]})


def fact_applies(fact_en: str, priorities: tuple[str, ...]) -> bool:
    """Whether a register fact belongs under these priorities: it concerns the pilot as a whole (names no
    priority) or names one of them."""
    named = FACTS_FR.get(fact_en, ("", ()))[1]
    return not named or bool(set(named) & set(priorities))


@dataclass(frozen=True)
class QpvDetail:
    """The Occitanie QPV of a pilot's communes, and how they were found (plain French)."""

    qpvs: pd.DataFrame  # rows of ds.qpv_occitanie
    communes: tuple[str, ...]
    message: str


def _named_communes(ds: Dataset, pilot: pd.Series) -> tuple[str, ...]:
    # The communes list of a pilot is not in the data: a commune counts when the pilot's record (name, official name,
    # sourced note) names it as a whole word, capitalised as a place name (web addresses are lower case).
    text = " ".join([pilot["name"], pilot["official_name"], pilot["note"]])
    qpv = ds.qpv_occitanie
    candidates = qpv.loc[qpv["dep_code"].isin(pilot["dep_codes"].split(";")), "commune"].drop_duplicates()
    return tuple(c for c in candidates if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", text))


def qpv_detail(ds: Dataset, pilot: pd.Series) -> QpvDetail | None:
    """QPV detail for the pilots of Occitanie (the only région with QPV-level data); None elsewhere."""
    if not ds.qpv_occitanie["dep_code"].isin(pilot["dep_codes"].split(";")).any():
        return None
    communes = _named_communes(ds, pilot)
    qpvs = ds.qpv_occitanie[ds.qpv_occitanie["commune"].isin(communes)]
    if not communes:
        return QpvDetail(qpvs, communes, "Impossible de rattacher les QPV à ce pilote : aucune de ses communes "
                                         "n'est nommée dans les données.")
    message = (f"{len(qpvs)} QPV trouvés dans les communes citées dans la fiche du pilote "
               f"({', '.join(communes)}).")
    if pd.notna(pilot["qpv_count"]):
        same = "autant que" if len(qpvs) == int(pilot["qpv_count"]) else "à comparer avec"
        message += f" C'est {same} le nombre de QPV publié pour le pilote ({fr_int(pilot['qpv_count'])})."
    else:
        message += (" Le nombre de QPV du pilote n'est pas publié : la liste peut être incomplète si d'autres "
                    "communes du pilote ont un QPV.")
    return QpvDetail(qpvs, communes, message)


def qpv_title(detail: QpvDetail) -> str:
    top = detail.qpvs.loc[detail.qpvs["pop_mun"].idxmax()]
    return (f"{len(detail.qpvs)} QPV dans les communes du pilote ; le plus peuplé : {top['nom_qp']} "
            f"({top['commune']}, {fr_int(top['pop_mun'])} habitants)")


def qpv_detail_table(detail: QpvDetail) -> pd.DataFrame:
    q = detail.qpvs.sort_values("pop_mun", ascending=False)
    return pd.DataFrame({"Code": q["code_qp"], "Quartier": q["nom_qp"], "Commune": q["commune"],
                         "Population municipale du QPV (année incertaine)": [fr_int(v) for v in q["pop_mun"]]})


def pilots_title(ds: Dataset, pilots: pd.DataFrame) -> str:
    """'14 pilotes dans 10 régions, dont 3 en Île-de-France' (or the one pilot and where it is)."""
    regions = reg_names(ds)
    if len(pilots) == 1:
        pilot = pilots.iloc[0]
        return f"{pilot['name']} : {_dep_names(ds, pilot['dep_codes'])}, {regions[pilot['reg_code']]}"
    per_region = pilots["reg_code"].value_counts()
    text = f"{len(pilots)} pilotes dans {len(per_region)} région{'s' if len(per_region) > 1 else ''}"
    most = per_region[per_region == per_region.max()]
    if len(per_region) > 1 and most.iloc[0] > 1:
        names = [regions[code] for code in sorted(most.index)]
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} et {names[-1]}"
        text += f", dont {most.iloc[0]}{' chacune' if len(names) > 1 else ''} en {listed}"
    return text


def map_takeaway(pilots: pd.DataFrame) -> str:
    """'Chiffre d'habitants en QPV des pilotes : 10 exacts, 1 somme de contrats de ville, 2 partiels, …'."""
    counts = pilots["coverage"].value_counts()
    parts = [plural(counts[c], PILOT_COVERAGE_FR[c], PILOT_COVERAGE_PLURAL_FR[c]) for c in PILOT_COVERAGE_FR
             if c in counts]
    return (f"Chiffre d'habitants en QPV des pilotes : {', '.join(parts)}. La couleur le rappelle ; "
            "survolez un point pour ses chiffres.")


def residents_title(pilots: pd.DataFrame) -> str:
    own = counted(pilots).dropna(subset=["qpv_population"])
    if own.empty:
        return "Aucun des pilotes choisis n'a de chiffre propre d'habitants en QPV"
    top = own.loc[own["qpv_population"].idxmax()]
    if len(own) == 1:
        return f"{top['name']} : {fr_int(top['qpv_population'])} habitants en QPV"
    low = own.loc[own["qpv_population"].idxmin()]
    return (f"{top['name']} compte le plus d'habitants en QPV ({fr_int(top['qpv_population'])}), "
            f"{low['name']} le moins ({fr_int(low['qpv_population'])})")


def bounds_title(bounds: list[KnownBound]) -> str:
    names = list(dict.fromkeys(b.name for b in bounds))
    n = len(names)
    return (f"{', '.join(names)} : pas de chiffre propre, seulement "
            f"{'des minimums ou des zones plus larges' if n > 1 else 'un minimum ou une zone plus large'}")


def bounds_takeaway(bounds: list[KnownBound]) -> str:
    parts = []
    for name in dict.fromkeys(b.name for b in bounds):
        mine = [b for b in bounds if b.name == name]
        low = [b for b in mine if b.kind == "minimum"]
        text = f"{name} : au moins {fr_int(low[0].value)} habitants en QPV" if low else \
            f"{name} : aucun minimum connu"
        wider = [b for b in mine if b.kind == "larger"]
        if wider:
            text += f" ; contrat plus large de {fr_int(wider[0].value)}" + (" (plusieurs)" if len(wider) > 1 else "")
        parts.append(text)
    return ". ".join(parts) + ". Ces chiffres ne sont pas ceux des pilotes : ils ne sont ni additionnés ni comptés."
