"""The sources registry used at build time: every figure of data/ points to one row of data/sources.csv.

Fact tables cite their sources as addresses or as short labels ("GitHub anct-carto/ci-ville ..."); this module
turns both into stable ids, so that the same source always gets the same id from one build to the next.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pandas as pd

OPEN_LICENCE = "Licence Ouverte 2.0 (Etalab)"
CITED_FIGURE = "Chiffre publié, cité avec sa source"

# What an official can cite: the State, its agencies and local authorities; public statistics; or the press
# (and other copies: blogs, document mirrors), cited as « relayé par » when it copies an official document.
OFFICIAL, PUBLIC_STATISTICS, PRESS = "officiel", "statistique publique", "presse"
SOURCE_CLASSES = (OFFICIAL, PUBLIC_STATISTICS, PRESS)
STATISTICS_HOSTS = ("insee.fr", "drees.solidarites-sante.gouv.fr")
# State sites (*.gouv.fr), official publishers and local authorities or their planning agencies.
OFFICIAL_HOSTS = ("gouv.fr", "vie-publique.fr", "essonne.fr", "agglo-montbeliard.fr", "montpellier3m.fr",
                  "toulouse-metropole.fr", "agencescalen.fr", "aua-toulouse.org", "github.com/anct-carto")

# Official documents that the fact tables cite only through a press copy. Found by searching public material
# (2026-11): the press pages below say they relay them. (id, publisher, title, address, class, year, note)
OFFICIAL_DOCUMENTS: list[tuple[str, str, str, str, str, str, str]] = [
    ("insee-qpv2015", "Insee", "Données sur les quartiers 2015 de la politique de la ville (QPV 2015)",
     "https://www.insee.fr/fr/statistiques/5359605?sommaire=2500477", PUBLIC_STATISTICS, "2018",
     "Populations et nombres de QPV (liste 2015), publiés par l'Insee en 2021 : 5,4 millions d'habitants au "
     "1er janvier 2018, 8 % de la population, 1 514 QPV. Liste fixée par les décrets n° 2014-1750 et 2014-1751 du "
     "30 décembre 2014 (Légifrance), rectifiés par le décret n° 2015-1138 du 14 septembre 2015."),
]
INSEE_QPV2015 = OFFICIAL_DOCUMENTS[0][3]
ANCT_PROGRAMME = "https://agence-cohesion-territoires.gouv.fr/quartiers-productifs-492"
# Press pages that relay an official document (they say so): press address -> official address.
RELAYS = {
    "https://banquedesterritoires.fr/de-nouvelles-donnees-insee-sur-les-54-millions-dhabitants-des-quartiers-"
    "prioritaires-de-la": INSEE_QPV2015,
    "https://www.ipreunion.com/actualites-reunion/reportage/2021/10/13/insee,159-300-reunionnais-es-vivent-en-"
    "quartiers-prioritaires,141956.html": INSEE_QPV2015,
    "https://www.defi-metiers.fr/breves/quartiers-productifs-14-territoires-pilotes-seront-concernes": ANCT_PROGRAMME,
}

# The datasets the build reads whole: (id, publisher, title, address, licence, year of the figures, note).
# Their class is that of their publisher: ANCT is an agency of the State, the découpage administratif carries
# Insee's populations, Hackaviz is a copy of public statistics by an association.
DATASET_CLASSES = {"anct-ci-ville": OFFICIAL, "etalab-decoupage": PUBLIC_STATISTICS, "hackaviz-occitanie": PRESS,
                   "anct-pilots-communes": OFFICIAL}
DATASETS: list[tuple[str, str, str, str, str, str, str]] = [
    ("anct-ci-ville", "ANCT (Agence nationale de la cohésion des territoires)",
     "CI-Ville : population des QPV par contrat de ville, département et région ; crédits adultes-relais et FONJEP",
     "https://github.com/anct-carto/ci-ville", OPEN_LICENCE, "2018 (population) ; 2020-2023 (crédits)",
     "Commit 7465bbcfc6be5fbf454cff9ea5f25d4a31ce5f91 (avril 2024). Population municipale des QPV (liste 2015), "
     "recensement Insee 2018 (Mayotte 2017). Contrats de ville dans leurs périmètres intercommunaux de 2015."),
    ("etalab-decoupage", "Etalab / data.gouv.fr (Insee COG 2026, DGCL)",
     "Découpage administratif (@etalab/decoupage-administratif 6.0.0) : communes, EPCI, départements, régions",
     "https://github.com/datagouv/decoupage-administratif", OPEN_LICENCE, "2023 (populations légales)",
     "Populations légales publiées en 2026, année de référence 2023 (Mayotte 2017)."),
    ("hackaviz-occitanie", "Toulouse DataViz (Hackaviz 2021), d'après Insee, SIG Ville (ANCT), CNAF, Pôle emploi",
     "Indicateurs et contours des 105 QPV d'Occitanie (liste 2015)",
     "https://github.com/ToulouseDataViz/Hackaviz2021",
     "Données publiques ouvertes (pas de licence explicite dans le dépôt)",
     "2015-2020 selon l'indicateur",
     "Commit a054acb49307aba725aee67405c5b4f3860bb16d. Population : estimation Insee + CNAF, année incertaine ; "
     "indicateurs : édition 2019 ; emploi : 2020. Contours : périmètres officiels 2015."),
    ("anct-pilots-communes", "Construit ici depuis le découpage administratif Etalab",
     "Communes de chacun des 14 territoires pilotes", "https://agence-cohesion-territoires.gouv.fr/quartiers-productifs-492",
     OPEN_LICENCE, "2023 (populations légales)",
     "Rattachement des pilotes à leur EPCI ou commune déduit des noms annoncés (voir méthode)."),
]

# Publisher names for the addresses cited by the fact tables, by host.
PUBLISHERS = {
    "insee.fr": "Insee", "banquedesterritoires.fr": "Banque des Territoires", "vie-publique.fr": "Vie publique (DILA)",
    "agence-cohesion-territoires.gouv.fr": "ANCT", "defi-metiers.fr": "Défi métiers", "github.com": "GitHub",
    "maire-info.com": "Maire info", "20minutes.fr": "20 Minutes", "francebleu.fr": "France Bleu",
    "drees.solidarites-sante.gouv.fr": "DREES", "ipreunion.com": "Imaz Press Réunion",
}


def source_class(url: str) -> str:
    """officiel, statistique publique or presse, from the address's host (anything unknown is press)."""
    host = _host(url)
    if any(host == h or host.endswith("." + h) for h in STATISTICS_HOSTS):
        return PUBLIC_STATISTICS
    address = host + urlparse(url).path
    if any(host == h or host.endswith("." + h) or address.startswith(h) for h in OFFICIAL_HOSTS):
        return OFFICIAL
    return PRESS


def _host(url: str) -> str:
    host = urlparse(url).netloc.lower().strip(".")
    return host[4:] if host.startswith("www.") else host


def _licence(host: str) -> str:
    # Insee and State sites publish under the Licence Ouverte; other pages are cited for a figure only.
    return OPEN_LICENCE if host.endswith("insee.fr") or host.endswith("gouv.fr") else CITED_FIGURE


def url_source_id(url: str) -> str:
    """A stable, readable id for an address: its host's main word plus a short hash of the whole address."""
    host = _host(url)
    parts = [p for p in host.split(".") if p not in ("fr", "com", "org", "net", "gouv", "io", "mobile")]
    word = re.sub(r"[^a-z0-9-]", "", (parts[-1] if parts else "web"))[:24]
    return f"{word}-{hashlib.sha1(url.encode()).hexdigest()[:6]}"


# An address runs to a space, a separator or a closing quote/bracket. Commas are allowed inside it
# (ipreunion.com addresses hold two); a comma or full stop that ends the sentence is not part of it.
URL_RE = re.compile(r"https?://[^\s;|\"')]+?(?=[,.]?(?:[\s;|\"')]|$))")


@dataclass
class SourceRegistry:
    """Collects every source the build meets; `table()` gives data/sources.csv."""

    rows: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.add_datasets(DATASETS)

    def add_datasets(self, datasets: list[tuple[str, str, str, str, str, str, str]],
                     classes: dict[str, str] = DATASET_CLASSES) -> None:
        """Register datasets read whole by a build module (same fields as DATASETS), with their publisher's class."""
        for sid, publisher, title, url, licence, year, note in datasets:
            self.rows[sid] = dict(source_id=sid, publisher=publisher, title=title, url=url, licence=licence,
                                  year=year, note=note, source_class=classes[sid], relays="")
        for sid, publisher, title, url, cls, year, note in OFFICIAL_DOCUMENTS:
            self.rows[sid] = dict(source_id=sid, publisher=publisher, title=title, url=url, licence=OPEN_LICENCE,
                                  year=year, note=note, source_class=cls, relays="")

    def url(self, url: str, year: str = "", title: str = "") -> str:
        url = url.rstrip(".")
        sid = next((d[0] for d in OFFICIAL_DOCUMENTS if d[3] == url), None) or url_source_id(url)
        if sid not in self.rows:
            host = _host(url)
            relayed = RELAYS.get(url)
            self.rows[sid] = dict(source_id=sid, publisher=PUBLISHERS.get(host, host), title=title or host,
                                  url=url, licence=_licence(host), year=year, note="", source_class=source_class(url),
                                  relays=self.url(relayed) if relayed else "")
        elif year and year not in self.rows[sid]["year"].split(", "):
            years = sorted(filter(None, self.rows[sid]["year"].split(", ") + [year]))
            self.rows[sid]["year"] = ", ".join(years)
        return sid

    def cite(self, text: str, year: str = "") -> str:
        """The id for a citation of a fact table: a dataset label or the first address it holds."""
        if "anct-carto/ci-ville" in text:
            return "anct-ci-ville"
        if "Hackaviz2021" in text:
            return "hackaviz-occitanie"
        match = URL_RE.search(text)
        if not match:
            raise ValueError(f"no address in source text: {text[:120]!r}")
        return self.url(match.group(0), year)

    def table(self) -> pd.DataFrame:
        return pd.DataFrame(sorted(self.rows.values(), key=lambda r: r["source_id"]))


def split_labelled(text: str) -> dict[str, str]:
    """'count: URL | population: TEXT' -> {'count': 'URL', 'population': 'TEXT'}; 'count and population: X' -> both."""
    out: dict[str, str] = {}
    for part in str(text).split(" | "):
        label, _, rest = part.partition(": ")
        if not rest:
            out.setdefault("all", part)
            continue
        for key in label.split(" and "):
            out[key.strip()] = rest.strip()
    return out
