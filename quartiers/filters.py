"""The shared filters (région, département, pilote, priorité) and their round trip with the URL query string.

Values from a link are untrusted: anything that is not a known code is dropped, and a French notice says so.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from quartiers.data import Dataset

MAX_VALUES = 30  # more values than this in one parameter is not a real link: the rest is dropped
MAX_SHOWN = 24  # how much of a rejected value a notice quotes
PARAMS = ("region", "departement", "pilote", "priorite")


@dataclass(frozen=True)
class Filters:
    regions: tuple[str, ...] = ()
    departements: tuple[str, ...] = ()
    pilotes: tuple[str, ...] = ()
    priorites: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not (self.regions or self.departements or self.pilotes or self.priorites)

    @property
    def territorial(self) -> bool:
        return bool(self.regions or self.departements)

    def to_query(self) -> dict[str, list[str]]:
        """The URL parameters of these filters (empty ones left out)."""
        values = dict(zip(PARAMS, (self.regions, self.departements, self.pilotes, self.priorites)))
        return {k: list(v) for k, v in values.items() if v}


def options(ds: Dataset) -> dict[str, dict[str, str]]:
    """Known codes and their French labels, per parameter, in display order."""
    regions = ds.regions.sort_values("reg_name")
    deps = ds.departements.sort_values("dep_code")
    return {
        "region": dict(zip(regions["reg_code"], regions["reg_name"])),
        "departement": {c: f"{c} – {n}" for c, n in zip(deps["dep_code"], deps["dep_name"])},
        "pilote": dict(zip(ds.pilots["pilot_id"], ds.pilots["name"])),
        "priorite": dict(zip(ds.priorities["priority_id"], ds.priorities["label_fr"])),
    }


PARAM_LABELS = {"region": "région", "departement": "département", "pilote": "territoire pilote",
                "priorite": "priorité"}


def quote(value: str) -> str:
    """A rejected value made safe to show: cut, stripped of control characters and Markdown/HTML syntax."""
    cleaned = "".join(ch for ch in value if ch.isprintable())
    cleaned = "".join(ch for ch in cleaned if ch not in "<>[]()*_`#|\\$~!{}&\"'")
    cut = cleaned[:MAX_SHOWN] + ("…" if len(cleaned) > MAX_SHOWN else "")
    return f"« {cut} »" if cut else "(valeur illisible)"


def parse_filters(params: Mapping[str, Sequence[str]], ds: Dataset) -> tuple[Filters, list[str]]:
    """Filters from URL parameters {name: [values]}; unknown, repeated or malformed values are dropped with a
    notice. A département outside the chosen régions is dropped too (the sidebar narrows them the same way)."""
    known = options(ds)
    notices: list[str] = []
    chosen: dict[str, tuple[str, ...]] = {}
    for param in PARAMS:
        raw = list(params.get(param, []))
        kept: list[str] = []
        rejected: list[str] = []
        for value in raw[:MAX_VALUES]:
            value = str(value).strip()
            if value in known[param]:
                if value not in kept:
                    kept.append(value)
            else:
                rejected.append(value)
        if rejected:
            shown = ", ".join(quote(v) for v in rejected[:3]) + (" …" if len(rejected) > 3 else "")
            notices.append(f"Lien : {PARAM_LABELS[param]} inconnu(e) ignoré(e) : {shown}. "
                           f"Choisissez dans la barre latérale.")
        if len(raw) > MAX_VALUES:
            notices.append(f"Lien : seules les {MAX_VALUES} premières valeurs de « {param} » ont été lues.")
        chosen[param] = tuple(kept)
    if chosen["region"] and chosen["departement"]:
        in_regions = set(ds.departements.loc[ds.departements["reg_code"].isin(chosen["region"]), "dep_code"])
        outside = [d for d in chosen["departement"] if d not in in_regions]
        if outside:
            notices.append(f"Lien : département(s) {', '.join(outside)} hors des régions choisies, ignoré(s).")
            chosen["departement"] = tuple(d for d in chosen["departement"] if d in in_regions)
    return Filters(chosen["region"], chosen["departement"], chosen["pilote"], chosen["priorite"]), notices


SLIDE_PARAM = "diapo"  # /presentation: the slide shown, 1-based, kept in the link


def parse_slide(values: Sequence[str], count: int) -> tuple[int, list[str]]:
    """The slide index (0-based) a link asks for with `diapo=3`; a missing value gives the first slide, a value that
    is not a slide number of this deck gives the first slide with a notice."""
    if not values:
        return 0, []
    raw = str(values[0]).strip()
    if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= count:
        return int(raw) - 1, []
    return 0, [f"Lien : diapositive {quote(raw)} inconnue (ce jeu en compte {count}) : première diapositive affichée."]


QPV_PARAM = "qpv"  # /qpv: the 2015 QPV whose profile is shown, e.g. QP093028, kept in the link


def parse_qpv(values: Sequence[str], known: set[str]) -> tuple[str | None, list[str]]:
    """The QPV a link asks for with `qpv=QP093028` (case ignored); a code not in the 2015 list gives no profile and a
    notice that quotes it safely."""
    if not values:
        return None, []
    raw = str(values[0]).strip()
    if raw.upper() in known:
        return raw.upper(), []
    return None, [f"Lien : QPV {quote(raw)} inconnu de la liste 2015 (un code comme QP093028) : choisissez un QPV "
                  "dans la liste de la page."]
