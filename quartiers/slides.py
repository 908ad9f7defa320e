"""The slide sequence of the /presentation page and of the exported pack, defined once.

Each Slide states one finding computed from the data, with the chart that shows it (a plain spec that plotly and
python-pptx both draw), the table behind it (French column names) and its source line. Missing values are never
turned into 0: they stay out of the chart and the notes say so.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from quartiers.budget import report_sentence
from quartiers.credits import CREDITS_NATURE
from quartiers.data import Dataset
from quartiers.filters import Filters
from quartiers.formatting import NBSP, NOT_AVAILABLE, fr_date, fr_eur, fr_int, fr_meur, fr_number, fr_percent
from quartiers.metrics import Kpi, Scope, headline, mixed_share, pilots_in_scope, scope, share_kpi, source_line

KINDS = ("bar", "column", "pie", "kpi")
UNITS = ("int", "eur", "meur", "pct")  # counts, euros, millions of euros, percentage points
KNOWN_COVERAGE = ("exact", "summed")  # the only pilot figures that may be shown or added up
COVERAGE_FR = {"exact": "exacte", "summed": "somme de contrats de ville", "partial": "partielle",
               "superset": "contrat de ville plus large"}
SCHEMES = {"adultes-relais": "Adultes-relais", "fonjep": "FONJEP"}
CREDITS_SOURCE = "anct-ci-ville"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # None = non disponible: a gap, never 0


@dataclass(frozen=True)
class Chart:
    """What to draw. kind "bar" is horizontal (categories ranked top to bottom), "column" vertical; "kpi" shows
    big numbers: `texts` holds their French display (« non disponible » included), `captions` their source."""

    kind: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = "int"
    value_title: str = ""
    texts: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS or self.unit not in UNITS:
            raise ValueError(f"unknown chart kind or unit: {self.kind}, {self.unit}")
        if any(len(s.values) != len(self.categories) for s in self.series):
            raise ValueError("every series needs one value per category")


@dataclass(frozen=True, eq=False)
class Slide:
    key: str
    label: str  # short French name: navigation list, workbook sheet
    title: str  # the finding, stated with its figure
    finding: str  # one sentence
    chart: Chart
    table: pd.DataFrame  # the data behind the slide, French column names
    source: str
    notes: tuple[str, ...] = field(default_factory=tuple)


def format_value(value: float | None, unit: str) -> str:
    """A value as it reads on a slide, in French; None reads « non disponible »."""
    if value is None or pd.isna(value):
        return NOT_AVAILABLE
    if unit == "eur":
        return fr_eur(value)
    if unit == "meur":
        return _meur(value)
    if unit == "pct":  # shares of QPV residents (2018) in a population of another year: whole per cent
        return mixed_share(value / 100)
    return fr_int(value)


def _people(value: float) -> str:
    """5 441 003 -> '5,4 millions d'habitants'; 153 761 -> '153 761 habitants'."""
    if value >= 1e6:
        return f"{fr_number(value / 1e6, 1)} millions d'habitants"
    return f"{fr_int(value)} habitants"


def _meur(value: float) -> str:
    """fr_meur without a needless decimal: '1 Md€' rather than '1,0 Md€'."""
    return fr_meur(value).replace(f",0{NBSP}", NBSP)


def _plural(n: float, word: str) -> str:
    """'0 territoire pilote', '3 territoires pilotes' (French: singular below 2)."""
    return f"{fr_int(n)} {word}" if n < 2 else f"{fr_int(n)} " + " ".join(w + "s" for w in word.split())


def _years(values) -> str:
    years = sorted({int(y) for y in values if pd.notna(y)})
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")


def _odd_years(names: pd.Series, years: pd.Series) -> str:
    """' (Mayotte : 2017)' for the rows whose year is not the most common one, else ''."""
    common = years.mode().iloc[0]
    odd = [f"{n} : {int(y)}" for n, y in zip(names, years) if y != common]
    return f" ({', '.join(odd)})" if odd else ""


def _sources(*columns: pd.Series) -> tuple[str, ...]:
    found: list[str] = []
    for col in columns:
        found += [s for s in col if s and s not in found]
    return tuple(found)


def _optional_float(value) -> float | None:
    return None if pd.isna(value) else float(value)


def filters_label(ds: Dataset, f: Filters) -> str:
    """The filters in plain French for the pack's title slide: 'Île-de-France — pilote : EPT Est Ensemble'."""
    label = scope(ds, f).label
    if f.pilotes:
        names = ds.pilots.set_index("pilot_id").loc[list(f.pilotes), "name"]
        label += f" — {'pilotes' if len(names) > 1 else 'pilote'} : {', '.join(names)}"
    return label


def _breakdown(ds: Dataset, sc: Scope) -> tuple[pd.DataFrame, str]:
    """The territories making up the scope (régions for the national view, else départements) with common
    column names, largest first, and their French name in the singular."""
    if sc.level == "national":
        rows, word = ds.regions.rename(columns={"reg_name": "name", "reg_code": "code"}), "région"
    else:
        deps = ds.departements
        rows = deps[deps["dep_code"].isin(sc.dep_codes)].rename(columns={"dep_name": "name", "dep_code": "code"})
        word = "département"
        if rows.empty:  # a collectivité d'outre-mer chosen alone (Saint-Martin, Polynésie): no département
            rows = ds.regions[ds.regions["reg_code"].isin(sc.reg_codes)].rename(
                columns={"reg_name": "name", "reg_code": "code"})
            word = "collectivité"
    return rows.sort_values("qpv_population", ascending=False, kind="stable").reset_index(drop=True), word


def _kpi_table(ds: Dataset, kpis: list[Kpi]) -> pd.DataFrame:
    # Values as displayed: the indicators have different units (count, share, euros).
    return pd.DataFrame({
        "Indicateur": [k.label for k in kpis],
        "Valeur": [k.display for k in kpis],
        "Source": [source_line(ds, k.source_ids, relayed_by=k.relayed_by).removeprefix("Source : ") for k in kpis],
        "Année": [k.year for k in kpis],
        "Remarque": [k.note for k in kpis],
    })


def _kpi_chart(ds: Dataset, kpis: list[Kpi]) -> Chart:
    """Big numbers; under each its source, or for a missing one the reason it is missing."""
    values = tuple(None if k.value is None else float(k.value) for k in kpis)
    return Chart("kpi", tuple(k.label for k in kpis), (Series("Valeur", values),),
                 texts=tuple(k.display for k in kpis),
                 captions=tuple(k.note if k.value is None else source_line(ds, k.source_ids, k.year, k.relayed_by)
                                for k in kpis))


def _kpi_source(ds: Dataset, kpis: list[Kpi]) -> str:
    ids = _sources(pd.Series([s for k in kpis for s in k.source_ids]))
    return source_line(ds, ids)


def kpis_slide(ds: Dataset, f: Filters) -> Slide:
    sc = scope(ds, f)
    kpis = headline(ds, f)
    by_key = {k.key: k for k in kpis}
    count, residents, share = by_key["qpv_count"], by_key["qpv_population"], by_key["qpv_share"]
    people = _people(residents.value) if sc.level == "national" else f"{fr_int(residents.value)} habitants"
    title = (f"{people} vivent dans les {count.display} QPV" if count.value is not None
             else f"{people} vivent en QPV")
    if sc.level != "national":
        title = f"{sc.label} : {title}"
    finding = f"Soit {share.display} de la population ({share.year})" if share.value is not None \
        else "Part de la population non disponible"
    finding += f" ; {_plural(by_key['pilots'].value, 'territoire pilote')} Quartiers productifs" \
               f"{' dans ce territoire' if sc.level != 'national' else ''}."
    notes = tuple(f"{k.label} : {k.note}" for k in kpis if k.note)
    notes += ("Géographie prioritaire de 2015 ; la liste de 2024 n'est pas mélangée à ces chiffres.",)
    return Slide("chiffres-cles", "Chiffres clés", title, finding, _kpi_chart(ds, kpis), _kpi_table(ds, kpis),
                 _kpi_source(ds, kpis), notes)


def residents_slide(ds: Dataset, f: Filters) -> Slide:
    sc = scope(ds, f)
    rows, word = _breakdown(ds, sc)
    total = rows["qpv_population"].sum()
    year = _years(rows["qpv_population_year"])
    top = rows.iloc[0]
    title = f"En tête, {top['name']} : {fr_int(top['qpv_population'])} habitants en QPV"
    if len(rows) > 1:
        title += f", {fr_percent(top['qpv_population'] / total)} du total"
    if len(rows) > 3:
        top3 = rows.head(3)
        finding = (f"{', '.join(top3['name'][:2])} et {top3['name'].iloc[2]} réunissent "
                   f"{fr_percent(top3['qpv_population'].sum() / total)} des {fr_int(total)} habitants des QPV "
                   f"({sc.label}).")
    else:
        finding = f"{fr_int(total)} habitants des QPV au total — {sc.label}."
    table = pd.DataFrame({word.capitalize(): rows["name"],
                          "Code": rows["code"], "Habitants des QPV": rows["qpv_population"].astype("int64"),
                          "Année": rows["qpv_population_year"].astype("int64")})
    chart = Chart("bar", tuple(rows["name"]), (Series("Habitants des QPV", tuple(float(v) for v in
                                                                                rows["qpv_population"])),),
                  "int", f"Habitants des QPV ({year})")
    notes = (f"Population municipale des QPV, recensement {rows['qpv_population_year'].mode().iloc[0]}"
             f"{_odd_years(rows['name'], rows['qpv_population_year'])}.",)
    if sc.level == "national":
        rounded = ds.national.set_index("figure_id").loc["qpv_population", "value"]
        notes += (f"Le total des régions (ANCT, CI-Ville) diffère du chiffre national arrondi "
                  f"({_people(rounded)}).",)
    return Slide("habitants-territoires", f"Habitants par {word}", title, finding, chart, table,
                 source_line(ds, _sources(rows["qpv_population_source_id"]), year), notes)


def share_slide(ds: Dataset, f: Filters) -> Slide:
    sc = scope(ds, f)
    rows, word = _breakdown(ds, sc)
    rows = rows.assign(share=rows["qpv_population"] / rows["population"] * 100)
    known = rows[rows["share"].notna()].sort_values("share", ascending=False, kind="stable")
    qpv_year, pop_year = _years(rows["qpv_population_year"]), _years(rows["population_year"])
    if len(known) > 1:
        low, high = known.iloc[-1], known.iloc[0]
        title = (f"Part de la population en QPV : de {format_value(low['share'], 'pct')} ({low['name']}) "
                 f"à {format_value(high['share'], 'pct')} ({high['name']})")
    elif len(known) == 1:
        title = f"{known.iloc[0]['name']} : {format_value(known.iloc[0]['share'], 'pct')} de la population vit en QPV"
    else:
        title = "Part de la population en QPV : non disponible"
    overall = share_kpi(ds, sc)
    finding = (f"{sc.label} : {overall.display} de la population vit en QPV ({overall.year})."
               if overall.value is not None else f"{sc.label} : part non disponible.")
    table = pd.DataFrame({word.capitalize(): rows["name"], "Code": rows["code"],
                          "Habitants des QPV": rows["qpv_population"].astype("int64"),
                          "Année (habitants)": rows["qpv_population_year"].astype("int64"),
                          "Population": rows["population"].astype("Int64"),
                          "Année (population)": rows["population_year"].astype("Int64"),
                          "Part en QPV (%)": rows["share"].astype("Float64")})
    chart = Chart("bar", tuple(known["name"]), (Series("Part en QPV (%)", tuple(float(v) for v in known["share"])),),
                  "pct", f"Part de la population en QPV (habitants {qpv_year} / population {pop_year})")
    notes = [f"Habitants des QPV ({qpv_year}) rapportés à la population légale ({pop_year}) : années différentes, "
             "la part est un ordre de grandeur."]
    missing = rows.loc[rows["share"].isna(), "name"]
    if len(missing):
        notes.append(f"Population non disponible, absent du graphique : {', '.join(missing)}.")
    ids = _sources(rows["qpv_population_source_id"], rows["population_source_id"])
    return Slide("part-en-qpv", "Part de la population en QPV", title, finding, chart, table,
                 source_line(ds, ids, f"{qpv_year} / {pop_year}"), tuple(notes))


def budget_slide(ds: Dataset) -> Slide:
    lines = ds.budget_lines.set_index("line_id")
    total = lines.loc["annonce-total"]
    parts = ds.budget_lines[(ds.budget_lines["parent_id"] == "annonce-total")
                            & ~ds.budget_lines["overlaps_siblings"] & ds.budget_lines["amount_meur"].notna()]
    title = (f"{_meur(total['amount_meur'])} annoncés pour les quartiers : "
             + " + ".join(_meur(v) for v in parts["amount_meur"]))
    finding = "Montant national : il ne change pas avec le territoire choisi."
    table = pd.DataFrame({"Ligne": parts["label_fr"], "Montant (M€)": parts["amount_meur"].astype("float64"),
                          "Période": parts["period"],
                          "Source": [source_line(ds, (s,)).removeprefix("Source : ") for s in parts["source_id"]]})
    chart = Chart("pie", tuple(parts["label_fr"]),
                  (Series("Montant (M€)", tuple(float(v) for v in parts["amount_meur"])),), "meur")
    overlapping = ds.budget_lines[ds.budget_lines["parent_id"].isin(parts["line_id"])
                                  & ds.budget_lines["overlaps_siblings"]]
    notes = [f"Annonce du Comité interministériel des villes, période {total['period']}. Montant national."]
    if len(overlapping):
        notes.append(f"Le détail des lignes ({len(overlapping)} lignes de presse) n'est pas additionné : "
                     "ces montants se recoupent.")
    notes.append(f"{report_sentence(ds)} (autre document, non comparable ligne à ligne).")
    ids = _sources(pd.Series([total["source_id"]]), parts["source_id"])
    return Slide("plan-2021", "Plan 2021 pour les quartiers", title, finding, chart, table,
                 source_line(ds, ids, "2021"), tuple(notes))


def _coverage_reason(ds: Dataset, pilot_id: str, coverage: str) -> str:
    """Why a pilot has no QPV resident figure, with the contrats de ville it overlaps."""
    links = ds.pilot_contrats_de_ville[ds.pilot_contrats_de_ville["pilot_id"] == pilot_id]
    names = ds.contrats_de_ville.set_index(["code_cv", "dep_code"])["cv_name"]
    parts = [f"{names.get((r.code_cv, r.dep_code), r.code_cv)} : {fr_int(r.cv_qpv_population)} "
             f"({COVERAGE_FR[r.coverage]})" for r in links.itertuples()]
    why = {"partial": "les contrats de ville chiffrés ne couvrent qu'une partie du pilote ou débordent de lui",
           "superset": "seul un contrat de ville plus large que le pilote est chiffré"}.get(
        coverage, "chiffre absent des sources réunies")
    return f"Non disponible : {why}" + (f" ({' ; '.join(parts)})." if parts else ".")


def national_residents(ds: Dataset) -> int:
    """All QPV residents, as the sum of the régions (same ANCT source as the pilots' figures)."""
    return int(ds.regions["qpv_population"].sum())


def pilots_slide(ds: Dataset, f: Filters) -> Slide:
    sc = scope(ds, f)
    rows = pilots_in_scope(ds, sc)  # each pilot with its figure within the territory
    if f.pilotes:
        rows = rows[rows["pilot_id"].isin(f.pilotes)]
    if rows.empty:
        chart = Chart("kpi", ("Territoires pilotes",), (Series("Valeur", (0.0,)),), texts=("0",),
                      captions=(source_line(ds, (ds.national.set_index("figure_id").loc["pilot_count",
                                                                                        "source_id"],)),))
        table = pd.DataFrame({"Territoire pilote": pd.Series(dtype="str"),
                              "Habitants des QPV": pd.Series(dtype="Int64")})
        return Slide("pilotes", "Territoires pilotes", f"{sc.label} : aucun des {len(ds.pilots)} territoires pilotes",
                     "Les chiffres des pilotes sont sur la vue nationale.", chart, table, chart.captions[0])
    known_mask = rows["coverage"].isin(KNOWN_COVERAGE) & rows["qpv_population"].notna()
    known = rows[known_mask].sort_values("qpv_population", ascending=False, kind="stable")
    unknown = rows[~known_mask]
    denominator = national_residents(ds)
    total = known["qpv_population"].sum()
    share = fr_percent(total / denominator, 1)
    if known.empty:
        title = "Habitants en QPV des pilotes : non disponible (chiffres partiels)"
    elif len(rows) == 1:
        title = f"{known.iloc[0]['name']} : {fr_int(total)} habitants en QPV, {share} du total national"
    else:
        title = (f"{fr_int(total)} habitants des QPV vivent dans {len(known)} des {len(rows)} pilotes"
                 f"{' choisis' if f.pilotes else ''}, {share} du total national")
    finding = ("Chiffre exact ou somme exacte de contrats de ville pour chacun." if unknown.empty else
               f"Non disponible pour {', '.join(unknown['name'])} : contrat de ville partiel ou plus large "
               "que le pilote ; ils ne sont pas comptés.")
    rows = pd.concat([known, unknown])
    known_mask = rows["pilot_id"].isin(known["pilot_id"])
    table = pd.DataFrame({
        "Territoire pilote": rows["name"],
        "Couverture": rows["coverage"].map(COVERAGE_FR),
        "Habitants des QPV": rows["qpv_population"].where(known_mask).astype("Int64"),
        "Année": rows["qpv_population_year"].where(known_mask).astype("Int64"),
        "Remarque": [lbl if lbl else ("" if k else _coverage_reason(ds, p, c)) for p, c, k, lbl in
                     zip(rows["pilot_id"], rows["coverage"], known_mask, rows["figure_label"])],
    }).reset_index(drop=True)
    chart = Chart("bar", tuple(known["name"]),
                  (Series("Habitants des QPV", tuple(float(v) for v in known["qpv_population"])),), "int",
                  f"Habitants des QPV ({_years(known['qpv_population_year'])})")
    notes = [f"Part calculée sur les seuls pilotes au chiffre exact ou sommé, rapportée aux {fr_int(denominator)} "
             f"habitants des QPV de France (somme des régions, {_years(ds.regions['qpv_population_year'])})."]
    notes += [f"{name} — {lbl or _coverage_reason(ds, p, c)} Absent du graphique." for name, p, c, lbl in
              zip(unknown["name"], unknown["pilot_id"], unknown["coverage"], unknown["figure_label"])]
    notes += [f"{name} — {lbl}." for name, lbl in zip(known["name"], known["figure_label"]) if lbl]
    return Slide("pilotes", "Territoires pilotes", title, finding, chart, table,
                 source_line(ds, _sources(known["qpv_population_source_id"]), _years(known["qpv_population_year"])),
                 tuple(notes))


def _credits_in(ds: Dataset, sc: Scope) -> pd.DataFrame:
    c = ds.credits
    if sc.level == "national":
        return c
    if sc.level == "region":
        return c[c["reg_code"].isin(sc.reg_codes)]
    return c[c["dep_code"].isin(sc.dep_codes)]


def credits_slide(ds: Dataset, f: Filters) -> Slide:
    sc = scope(ds, f)
    rows = _credits_in(ds, sc)
    years = sorted(ds.credits["year"].unique())
    sums = rows.groupby(["year", "scheme"])[["posts", "amount_eur"]].sum()
    table = pd.DataFrame({"Année": pd.array(years, dtype="int64")})
    series, notes = [], []
    for scheme, name in SCHEMES.items():
        posts = [sums.loc[(y, scheme), "posts"] if (y, scheme) in sums.index else None for y in years]
        amounts = [float(sums.loc[(y, scheme), "amount_eur"]) if (y, scheme) in sums.index else None for y in years]
        table[f"{name} (postes)"] = pd.array(posts, dtype="Int64")
        table[f"{name} (€)"] = pd.array(amounts, dtype="Float64")
        series.append(Series(name, tuple(amounts)))
        absent = [str(y) for y, a in zip(years, amounts) if a is None]
        if absent:
            notes.append(f"{name} : aucune ligne dans les données pour {', '.join(absent)} ; "
                         "non disponible, absent du graphique (pas compté comme 0).")
    last, first = years[-1], years[0]
    by_year = rows.groupby("year")["amount_eur"].sum()
    posts_last = int(rows.loc[rows["year"] == last, "posts"].sum())
    if rows.empty:
        title = f"{sc.label} : aucun crédit adultes-relais ou FONJEP dans les données"
    else:
        title = f"{sc.label} : {fr_eur(by_year.get(last, 0))} de crédits adultes-relais et FONJEP en {last}"
        if by_year.get(first, 0) > 0 and last in by_year:
            change = by_year[last] / by_year[first] - 1
            title += f", {'+' if change >= 0 else ''}{fr_percent(change)} depuis {first}"
    posts = rows[rows["year"] == last].groupby("scheme")["posts"].sum()
    finding = (f"{_plural(posts_last, 'poste financé')} en {last} : {fr_int(posts.get('adultes-relais', 0))} "
               f"adultes-relais et {fr_int(posts.get('fonjep', 0))} postes FONJEP.")
    unlocated = ds.credits[(ds.credits["dep_code"] == "") & (ds.credits["year"] == last)]
    if sc.level != "national" and len(unlocated):
        notes.append(f"En {last}, {_plural(unlocated['posts'].sum(), 'poste')} sans département ne sont comptés "
                     "qu'en France entière.")
    notes.append("Postes adultes-relais et FONJEP de la politique de la ville ; les postes sans contrat de ville "
                 f"renseigné sont comptés dans leur département. Montants : {CREDITS_NATURE}.")
    chart = Chart("column", tuple(str(y) for y in years), tuple(series), "eur", "Crédits (€)")
    return Slide("credits", "Crédits politique de la ville", title, finding, chart, table,
                 source_line(ds, (CREDITS_SOURCE,), f"{first}–{last}"), tuple(notes))


def _pilot_credits(ds: Dataset, pilot_id: str) -> tuple[pd.DataFrame, int]:
    """Credit rows of the pilot's contrats de ville, and the latest year of the credits table."""
    links = ds.pilot_contrats_de_ville[ds.pilot_contrats_de_ville["pilot_id"] == pilot_id]
    keys = set(zip(links["code_cv"], links["dep_code"]))
    c = ds.credits
    mask = [(cv, dep) in keys for cv, dep in zip(c["code_cv"], c["dep_code"])]
    return c[mask], int(c["year"].max())


def pilot_slide(ds: Dataset, pilot_id: str) -> Slide:
    p = ds.pilots.set_index("pilot_id").loc[pilot_id]
    known = p["coverage"] in KNOWN_COVERAGE
    residents = float(p["qpv_population"]) if known and pd.notna(p["qpv_population"]) else None
    reason = "" if known else _coverage_reason(ds, pilot_id, p["coverage"])
    qpv_count = _optional_float(p["qpv_count"])
    share = residents / float(p["population"]) if residents is not None else None
    credit_rows, last = _pilot_credits(ds, pilot_id)
    credit_last = credit_rows[credit_rows["year"] == last]
    credits = float(credit_last["amount_eur"].sum()) if known and len(credit_last) else None
    kpis = [
        Kpi("qpv_population", "Habitants des QPV", residents, fr_int(residents),
            (p["qpv_population_source_id"],) if residents is not None else (),
            str(int(p["qpv_population_year"])) if residents is not None else "",
            "" if known else "Pas de chiffre exact : contrats de ville partiels ou plus larges que le pilote."),
        Kpi("qpv_count", "Quartiers prioritaires (QPV)", qpv_count, fr_int(qpv_count),
            (p["qpv_count_source_id"],) if qpv_count is not None else (), "2015" if qpv_count is not None else "",
            "" if qpv_count is not None else "Nombre de QPV du pilote non publié dans les sources réunies."),
        Kpi("population", "Population du territoire", float(p["population"]), fr_int(p["population"]),
            (p["population_source_id"],), str(p["population_year"])),
        Kpi("qpv_share", "Part de la population en QPV", share, mixed_share(share),
            (p["qpv_population_source_id"], p["population_source_id"]) if share is not None else (),
            f"{int(p['qpv_population_year'])} / {p['population_year']}" if share is not None else "",
            "Années différentes : ordre de grandeur." if share is not None else "Habitants en QPV non disponibles."),
        Kpi("credits", f"Crédits adultes-relais et FONJEP {last}", credits, fr_eur(credits),
            (CREDITS_SOURCE,) if credits is not None else (), str(last) if credits is not None else "",
            f"Sur les contrats de ville du pilote ({fr_int(credit_last['posts'].sum())} postes) ; {CREDITS_NATURE}."
            if credits is not None else "Contrats de ville du pilote non exacts : non calculé."),
    ]
    region = ds.regions.set_index("reg_code").loc[p["reg_code"], "reg_name"]
    if residents is not None:
        title = f"{p['name']} : {fr_int(residents)} habitants en QPV, {mixed_share(share)} de sa population"
    else:
        title = f"{p['name']} : {fr_int(p['population'])} habitants, dont en QPV non disponible"
    finding = (f"Région : {region} ; {_plural(p['n_communes'], 'commune')} ; territoire pilote depuis le "
               f"{fr_date(p['launch_date'])}.")
    notes = tuple(f"{k.label} : {k.note}" for k in kpis if k.note) + ((reason,) if reason else ())
    return Slide(f"pilote-{pilot_id}", f"Pilote — {p['name']}", title, finding, _kpi_chart(ds, kpis),
                 _kpi_table(ds, kpis), _kpi_source(ds, kpis), notes)


def build_slides(ds: Dataset, f: Filters) -> list[Slide]:
    """The slides for these filters: headline figures, territories, money, pilots, then one per chosen pilot."""
    slides = [kpis_slide(ds, f), residents_slide(ds, f), share_slide(ds, f), budget_slide(ds), pilots_slide(ds, f),
              credits_slide(ds, f)]
    return slides + [pilot_slide(ds, p) for p in f.pilotes]


def display_table(table: pd.DataFrame) -> pd.DataFrame:
    """The table as text for the screen: French numbers, « non disponible » for gaps, years without separator."""
    shown = pd.DataFrame(index=table.index)
    for column, values in table.items():
        if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            decimals = 1 if "%" in str(column) else 0
            shown[column] = [NOT_AVAILABLE if pd.isna(v) else (str(int(v)) if str(column).startswith("Année")
                                                               else fr_number(v, decimals)) for v in values]
        else:
            shown[column] = values.astype("object").where(values.notna(), NOT_AVAILABLE)
    return shown
