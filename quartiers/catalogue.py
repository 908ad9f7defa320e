"""The Sources et méthode page: every source with where it is used, and the caveats computed from the data."""
from __future__ import annotations

import unicodedata

import pandas as pd

from quartiers.data import Dataset
from quartiers.formatting import fr_int, fr_meur
from quartiers.memo import per_dataset
from quartiers.metrics import national_figure
from quartiers.sources import DATASETS, OFFICIAL, PRESS, PUBLIC_STATISTICS, SOURCE_CLASSES
from quartiers.territories import region_table, source_caveat, year_exceptions, year_label
from quartiers.vocabulary import PILOT_COVERAGE_FR

BUILD_COMMAND = "python -m quartiers.build --source ../shared/data --out data"
DATASET_KIND = "Jeu de données"
FIGURE_KIND = "Chiffre publié"
KIND_PLURAL = {DATASET_KIND: "Jeux de données", FIGURE_KIND: "Chiffres publiés"}
# French names of the tables, for « utilisé dans ».
TABLES_FR = {
    "national": "chiffres nationaux", "regions": "régions", "departements": "départements",
    "contrats_de_ville": "contrats de ville", "pilots": "pilotes", "pilot_contrats_de_ville": "pilotes × contrats",
    "priorities": "priorités", "axes": "axes du plan", "budget_lines": "budget", "credits": "crédits",
    "qpv_occitanie": "QPV d'Occitanie", "programmes": "programmes", "pilot_actions": "actions des pilotes",
    "qpv2024_regions": "géographie 2024 (régions)", "qpv2024_departements": "géographie 2024 (départements)",
}


def _uses(ds: Dataset) -> dict[str, list[str]]:
    """For each source id, the tables that cite it, with their number of rows: ['régions (14)', …]."""
    counts: dict[str, dict[str, int]] = {}
    for name, label in TABLES_FR.items():
        table = getattr(ds, name)
        ids = pd.concat([table[c] for c in table.columns if c.endswith("source_id")], ignore_index=True)
        for sid, n in ids[ids != ""].value_counts().items():
            counts.setdefault(sid, {})[label] = int(n)
    return {sid: [f"{label} ({n})" for label, n in by_table.items()] for sid, by_table in counts.items()}


@per_dataset
def catalogue(ds: Dataset) -> pd.DataFrame:
    """Every source of data/sources.csv with French column names: kind (dataset read whole or published figure),
    publisher, title, year, licence, address, the tables that cite it, note. Shared: not to be modified."""
    uses = _uses(ds)
    datasets = {d[0] for d in DATASETS}
    src = ds.sources
    publishers = src.set_index("source_id")["publisher"]
    out = pd.DataFrame({
        "Type": src["source_id"].map(lambda s: DATASET_KIND if s in datasets else FIGURE_KIND),
        "Classe": src["source_class"],
        "Relaie": [f"{publishers[r]} (document officiel)" if r else "" for r in src["relays"]],
        "Éditeur": src["publisher"],
        "Titre": src["title"],
        "Année des chiffres": src["year"].replace("", "non précisée"),
        "Licence": src["licence"],
        "Adresse": src["url"],
        "Utilisée dans": src["source_id"].map(lambda s: ", ".join(uses.get(s, [])) or "—"),
        "Note": [source_caveat(ds, s) for s in src["source_id"]],
        "Identifiant": src["source_id"],
    })
    rank = {c: str(i) for i, c in enumerate(SOURCE_CLASSES)}  # official sources first
    return out.sort_values(["Type", "Classe", "Éditeur", "Identifiant"],
                           key=lambda c: c.map(rank) if c.name == "Classe" else c.str.lower()).reset_index(drop=True)


CLASS_FR = {OFFICIAL: "État, ses agences et les collectivités : à citer en premier",
            PUBLIC_STATISTICS: "Insee et services statistiques publics",
            PRESS: "articles, blogs et copies de documents : « relayé par » quand ils reprennent un document "
                   "officiel, « chiffre de presse » sinon"}


def class_counts(table: pd.DataFrame) -> list[tuple[str, int, str]]:
    """(class, number of sources, what it holds) for each class of source, in the order an official cites them."""
    return [(c, int((table["Classe"] == c).sum()), CLASS_FR[c]) for c in SOURCE_CLASSES]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()


def search(table: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows where every word of `query` appears in some column (case and accents ignored)."""
    words = _fold(query).split()
    if not words:
        return table
    text = table.astype(str).apply(lambda row: _fold(" ".join(row)), axis=1)
    mask = text.apply(lambda t: all(w in t for w in words))
    return table[mask]


def find_sources(ds: Dataset, query: str) -> pd.DataFrame:
    """The sources of the catalogue that match `query` (search)."""
    return search(catalogue(ds), query)


def caveats(ds: Dataset) -> list[tuple[str, str]]:
    """(title, plain French text) for each limit of the data, with its figures computed from the tables."""
    deps = ds.departements
    q2015, q2024 = national_figure(ds, "qpv_count"), national_figure(ds, "qpv2024_count_metro")
    q2015_metro = national_figure(ds, "qpv_count_metro")
    uncovered = ds.pilots[ds.pilots["coverage"].isin(["partial", "superset"])]
    pilots = " ; ".join(f"{r['name']} ({PILOT_COVERAGE_FR[r['coverage']]})" for _, r in uncovered.iterrows())
    summed = ds.pilots[ds.pilots["coverage"] == "summed"]["name"].tolist()
    res_year, pop_year = year_label(deps["qpv_population_year"]), year_label(deps["population_year"])
    lines = ds.budget_lines
    overlapping = lines[lines["overlaps_siblings"]]
    parents = lines.set_index("line_id")["label_fr"]
    budget = " ; ".join(
        f"sous « {parents[p]} » : {len(g)} lignes ({', '.join(fr_meur(a) for a in g['amount_meur'])})"
        for p, g in overlapping.groupby("parent_id"))
    return [
        ("Deux géographies prioritaires, jamais mélangées",
         f"Tout le tableau de bord suit la liste de 2015 ({fr_int(q2015['value'])} QPV, dont "
         f"{fr_int(q2015_metro['value'])} en métropole). Une nouvelle liste s'applique depuis 2024 "
         f"({fr_int(q2024['value'])} QPV en métropole) : ses chiffres sont montrés à part, jamais dans la même "
         "figure que ceux de 2015, car les quartiers ne se correspondent pas un à un."),
        ("Nombre de QPV par territoire : compté dans la liste",
         f"Le nombre de QPV de chaque département ({len(deps)}), région et collectivité est compté dans la liste "
         f"nationale des {fr_int(len(ds.qpv2015))} QPV de 2015 (Insee) ; il est égal à chaque nombre publié trouvé "
         "par ailleurs. Un contrat de ville n'a pas de nombre de QPV : la liste ne dit pas à quel contrat appartient "
         "un quartier."),
        ("Pilotes couverts en partie par un contrat de ville",
         "Le nombre d'habitants en QPV d'un pilote vient de ses contrats de ville. Quand ceux-ci ne couvrent le "
         f"pilote qu'en partie ou débordent son territoire, le chiffre est « non disponible » : {pilots}."
         + (f" Pour {', '.join(summed)}, le chiffre est la somme exacte de plusieurs contrats." if summed else "")
         + " Avec un filtre de territoire, un pilote ne compte que pour sa part dans ce territoire (ses contrats de "
         "ville qui s'y trouvent), ou « non disponible pour ce territoire »."),
        ("Deux années de population",
         f"Les habitants des QPV viennent du recensement {res_year} (liste 2015) et la population totale des "
         f"populations légales {pop_year} : la part en QPV rapporte deux années différentes, d'où le libellé "
         f"« {res_year} / {pop_year} » ; arrondie au pour cent près, elle n'est pas la part publiée par l'Insee pour "
         "une même année. " + year_exceptions(region_table(ds))),
        ("Outre-mer en médaillon",
         "Sur les cartes, les départements et collectivités d'outre-mer sont dessinés dans des cercles près de la "
         "métropole : ce sont des positions d'affichage, ni leur place ni leur échelle réelles."),
        ("Les QPV un par un : positions approchées, secret statistique, emploi de 2010",
         f"La page « Les QPV » donne les {fr_int(len(ds.qpv2015))} quartiers de la liste 2015 (Insee : habitants "
         "2013 et 2018 ; revenus et pauvreté 2012-2021 en métropole ; emploi au recensement de 2010). Une valeur sous "
         "secret statistique est « non disponible », jamais 0. Les points de la carte sont approchés (contour 2024 du "
         f"même nom, sinon centre de la commune) ; {fr_int(int((ds.qpv2015_points['precision'] == 'none').sum()))} "
         "QPV n'ont pas de position. Seuls les contours des QPV d'Occitanie sont ceux de 2015 (Hackaviz 2021 : "
         f"{source_caveat(ds, 'hackaviz-occitanie')}). Un QPV à cheval sur un pilote et d'autres communes est nommé "
         "et compté à part, jamais réparti entre communes ; les contours de 2024 ne servent qu'aux cartes de 2024."),
        ("Montants de presse qui se recoupent",
         "Certaines lignes du budget viennent d'annonces de presse et se recoupent entre elles : elles sont montrées "
         f"côte à côte et jamais additionnées ({budget})."),
    ]
