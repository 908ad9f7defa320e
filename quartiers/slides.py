"""The slide sequence of the /presentation page and of the exported pack, defined once.

Each slide is a Finding (quartiers.model) computed from the data: the chart that shows it (a plain spec that plotly
and python-pptx both draw), the table behind it (French column names), its source line and its scope. Missing values
are never turned into 0: they stay out of the chart and the caveats say so.

The figures come from the same domain functions the pages call (metrics, pilots, pilot_matrix, credits, budget), so
the filters select the same pilots and the same credits on a page, on a slide and in the pack.
"""
from __future__ import annotations

import pandas as pd

from quartiers import budget as bd
from quartiers import credits as cr
from quartiers import findings, home, qpv, qpv_pilots
from quartiers import pilot_compare as pc
from quartiers import pilot_matrix as pm
from quartiers import pilots as pl
from quartiers.data import Dataset
from quartiers.filters import Filters
from quartiers.formatting import (
    fr_date,
    fr_eur,
    fr_int,
    fr_number,
    fr_percent,
    in_millions,
    pct_change,
    plural,
    slug,
    year_span,
)
from quartiers.memo import per_dataset
from quartiers.metrics import Kpi, Scope, headline, scope, share_kpi, source_line
from quartiers.model import Chart, Finding, Series, format_value
from quartiers.vocabulary import COUNTED, CREDITS_SOURCE, NOT_COUNTED_WHY_FR, PILOT_COVERAGE_FR, SCHEME_FR


def _people(value: float) -> str:
    """5 441 003 -> '5,4 millions d'habitants'; 153 761 -> '153 761 habitants'."""
    if value >= 1e6:
        return f"{fr_number(value / 1e6, 1)} millions d'habitants"
    return f"{fr_int(value)} habitants"


def _odd_years(names: pd.Series, years: pd.Series) -> str:
    """' (Mayotte : 2017)' for the rows whose year is not the most common one, else ''."""
    common = years.mode().iloc[0]
    odd = [f"{n} : {int(y)}" for n, y in zip(names, years) if y != common]
    return f" ({', '.join(odd)})" if odd else ""


def _sources(*columns) -> tuple[str, ...]:
    found: list[str] = []
    for col in columns:
        found += [s for s in col if s and s not in found]
    return tuple(found)


def filters_label(ds: Dataset, f: Filters) -> str:
    """The filters in plain French for the pack: 'Île-de-France — pilote : EPT Est Ensemble — priorité : …'."""
    label = scope(ds, f).label
    pilots = ds.pilots.set_index("pilot_id").loc[list(f.pilotes), "name"] if f.pilotes else []
    if len(pilots):
        label += f" — {'pilotes' if len(pilots) > 1 else 'pilote'} : {', '.join(pilots)}"
    if f.priorites:
        names = ds.priorities.set_index("priority_id").loc[list(f.priorites), "label_fr"]
        label += f" — {'priorités' if len(names) > 1 else 'priorité'} : {', '.join(names)}"
    return label


def pack_name(ds: Dataset, f: Filters) -> str:
    """The pack's file name without extension: the territory, then the pilots and the priorities chosen (their ids),
    e.g. 'quartiers-productifs-commerce-artisanat', 'quartiers-productifs-seine-saint-denis-est-ensemble'."""
    sc = scope(ds, f)
    parts = [] if sc.level == "national" and (f.pilotes or f.priorites) else [sc.label]
    return slug(" ".join(["quartiers productifs", *parts, *f.pilotes, *f.priorites]))


def _breakdown(ds: Dataset, sc: Scope) -> tuple[pd.DataFrame, str]:
    """The territories making up the scope (régions for the national view, else départements; a région with no
    département, such as Polynésie française, stands for itself) with common column names, largest first, and
    their French name in the singular."""
    deps = ds.departements[ds.departements["dep_code"].isin(sc.dep_codes)]
    if sc.level == "national" or deps.empty:
        rows = ds.regions[ds.regions["reg_code"].isin(sc.reg_codes)]
        rows, word = rows.rename(columns={"reg_name": "name", "reg_code": "code"}), "région"
    else:
        rows = deps.rename(columns={"dep_name": "name", "dep_code": "code"})
        word = "département"
        if rows.empty:  # a collectivité d'outre-mer chosen alone (Saint-Martin, Polynésie): no département
            rows = ds.regions[ds.regions["reg_code"].isin(sc.reg_codes)].rename(
                columns={"reg_name": "name", "reg_code": "code"})
            word = "collectivité"
    return rows.sort_values("qpv_population", ascending=False, kind="stable").reset_index(drop=True), word


def _kpi_table(ds: Dataset, kpis: list[Kpi]) -> pd.DataFrame:
    """The indicators with their value as a number (shares in %) and as displayed on the slide."""
    return pd.DataFrame({
        "Indicateur": [k.label for k in kpis],
        "Valeur": pd.array([None if k.value is None else float(k.value) * (100 if _is_share(k) else 1)
                            for k in kpis], dtype="Float64"),
        "Unité": ["%" if _is_share(k) else "€" if "€" in k.display else "" for k in kpis],
        "Affichage": [k.display for k in kpis],
        "Source": [source_line(ds, k.source_ids, relayed_by=k.relayed_by).removeprefix("Source : ") for k in kpis],
        "Année": [k.year for k in kpis],
        "Remarque": [k.note for k in kpis],
    })


def _is_share(kpi: Kpi) -> bool:
    return kpi.display.endswith("%")


def _kpi_chart(ds: Dataset, kpis: list[Kpi]) -> Chart:
    """Big numbers; under each its source, or for a missing one the reason it is missing."""
    values = tuple(None if k.value is None else float(k.value) for k in kpis)
    return Chart("kpi", tuple(k.label for k in kpis), (Series("Valeur", values),),
                 texts=tuple(k.display for k in kpis),
                 captions=tuple(k.note if k.value is None else source_line(ds, k.source_ids, k.year, k.relayed_by)
                                for k in kpis))


def _kpi_source(ds: Dataset, kpis: list[Kpi]) -> str:
    return source_line(ds, _sources([s for k in kpis for s in k.source_ids]))


def kpis_slide(ds: Dataset, f: Filters) -> Finding:
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
    finding += f" ; {plural(by_key['pilots'].value, 'territoire pilote')} Quartiers productifs" \
               f"{' dans ce territoire' if sc.level != 'national' else ''}."
    notes = tuple(f"{k.label} : {k.note}" for k in kpis if k.note)
    notes += ("Géographie prioritaire de 2015 ; la liste de 2024 n'est pas mélangée à ces chiffres.",)
    return Finding("chiffres-cles", "Chiffres clés", title, finding, _kpi_chart(ds, kpis), _kpi_table(ds, kpis),
                   _kpi_source(ds, kpis), notes, sc.label)


def residents_slide(ds: Dataset, f: Filters) -> Finding:
    sc = scope(ds, f)
    rows, word = _breakdown(ds, sc)
    total = rows["qpv_population"].sum()
    year = year_span(rows["qpv_population_year"])
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
    chart = Chart("bar", tuple(rows["name"]),
                  (Series("Habitants des QPV", tuple(float(v) for v in rows["qpv_population"])),),
                  "int", f"Habitants des QPV ({year})")
    notes = (f"Population municipale des QPV, recensement {rows['qpv_population_year'].mode().iloc[0]}"
             f"{_odd_years(rows['name'], rows['qpv_population_year'])}.",)
    if sc.level == "national":
        rounded = ds.national.set_index("figure_id").loc["qpv_population", "value"]
        notes += (f"Le total des régions (ANCT, CI-Ville) diffère du chiffre national arrondi "
                  f"({_people(rounded)}).",)
    return Finding("habitants-territoires", f"Habitants par {word}", title, finding, chart, table,
                   source_line(ds, _sources(rows["qpv_population_source_id"]), year), notes, sc.label)


def share_slide(ds: Dataset, f: Filters) -> Finding:
    sc = scope(ds, f)
    rows, word = _breakdown(ds, sc)
    rows = rows.assign(share=rows["qpv_population"] / rows["population"] * 100)
    known = rows[rows["share"].notna()].sort_values("share", ascending=False, kind="stable")
    qpv_year, pop_year = year_span(rows["qpv_population_year"]), year_span(rows["population_year"])
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
    return Finding("part-en-qpv", "Part de la population en QPV", title, finding, chart, table,
                   source_line(ds, ids, f"{qpv_year} / {pop_year}"), tuple(notes), sc.label)


def comparison_slide(ds: Dataset, f: Filters) -> Finding:
    """The territory's share of population in QPV against its région(s) (for départements) and France."""
    sc = scope(ds, f)
    scopes = [sc]
    if sc.level == "departement":
        scopes.append(scope(ds, Filters(regions=sc.reg_codes)))
    scopes.append(scope(ds, Filters()))
    kpis = [share_kpi(ds, s) for s in scopes]
    values = tuple(None if k.value is None else float(k.value) * 100 for k in kpis)
    names = tuple(s.label for s in scopes)
    chart = Chart("bar", names, (Series("Part en QPV (%)", values),), "pct", "Part de la population en QPV")
    shown = [f"{k.display} {'en ' + n if n != 'France entière' else 'en France'}" for k, n in zip(kpis[1:], names[1:])]
    title = f"{sc.label} : {kpis[0].display} de la population en QPV, contre {' et '.join(shown)}"
    gaps = [n for n, v in zip(names, values) if v is None]
    compared = ", sa région et" if sc.level == "departement" else " et"
    finding = (f"Habitants des QPV rapportés à la population légale : le territoire choisi{compared} la France "
               "entière."
               + (f" Non disponible : {', '.join(gaps)}." if gaps else ""))
    table = pd.DataFrame({"Territoire": names, "Part en QPV (%)": pd.array(values, dtype="Float64"),
                          "Années": [k.year for k in kpis],
                          "Source": [source_line(ds, k.source_ids).removeprefix("Source : ") for k in kpis]})
    notes = tuple(dict.fromkeys(f"{n} : {k.note}" for n, k in zip(names, kpis) if k.note))
    years = " ; ".join(dict.fromkeys(k.year for k in kpis if k.year))
    return Finding("comparaison", "Comparaison avec la région et la France", title, finding, chart, table,
                   source_line(ds, _sources([s for k in kpis for s in k.source_ids]), years), notes, sc.label)


@per_dataset  # the same for every filter: built once
def budget_slide(ds: Dataset) -> Finding:
    lines = bd.budget_lines(ds).set_index("line_id", drop=False)
    total = lines.loc[bd.PLAN_ROOT]
    parts = lines[(lines["parent_id"] == bd.PLAN_ROOT) & ~lines["overlaps_siblings"] & lines["amount_meur"].notna()]
    title = findings.budget_title(home.budget_split(ds))  # the home page's words
    finding = "Montant national : il ne change pas avec le territoire choisi."
    table = pd.DataFrame({"Ligne": parts["label_fr"], "Montant (M€)": parts["amount_meur"].astype("float64"),
                          "Période": parts["period"],
                          "Source": [source_line(ds, (s,)).removeprefix("Source : ") for s in parts["source_id"]]})
    chart = Chart("pie", tuple(parts["label_fr"]),
                  (Series("Montant (M€)", tuple(float(v) for v in parts["amount_meur"])),), "meur")
    overlapping = lines[lines["parent_id"].isin(parts["line_id"]) & lines["overlaps_siblings"]]
    notes = [f"Annonce du Comité interministériel des villes, période {total['period']}. Montant national."]
    if len(overlapping):
        notes.append(f"Le détail des lignes ({len(overlapping)} lignes de presse) n'est pas additionné : "
                     "ces montants se recoupent.")
    notes.append(f"{bd.report_sentence(ds)} (autre document, non comparable ligne à ligne).")
    ids = _sources([total["source_id"]], parts["source_id"])
    return Finding("plan-2021", "Plan 2021 pour les quartiers", title, finding, chart, table,
                   source_line(ds, ids, "2021"), tuple(notes), "France entière (montant national)")


def _coverage_reason(ds: Dataset, pilot_id: str, coverage: str) -> str:
    """Why a pilot has no QPV resident figure, with the contrats de ville it overlaps."""
    links = pl.pilot_contracts(ds, pilot_id)
    parts = [f"{r.cv_name} : {fr_int(r.cv_qpv_population)} ({r.coverage_fr})"
             for r in links.itertuples()]
    why = NOT_COUNTED_WHY_FR.get(coverage, "chiffre absent des sources réunies")
    return f"Non disponible : {why}" + (f" ({' ; '.join(parts)})." if parts else ".")


def _pilots_scope(ds: Dataset, f: Filters) -> str:
    """The pilots a slide covers, in the words of the /pilotes page."""
    return f"{scope(ds, f).label} — {pl.shown_text(ds, pl.selected_pilots(ds, f))}"


def pilots_slide(ds: Dataset, f: Filters) -> Finding:
    """The QPV residents of the pilots the filters select (the /pilotes rule: territory, then chosen pilots)."""
    sc = scope(ds, f)
    rows = pl.selected_pilots(ds, f)
    if rows.empty:
        pilot_count = ds.national.set_index("figure_id").loc["pilot_count", "source_id"]
        chart = Chart("kpi", ("Territoires pilotes",), (Series("Valeur", (0.0,)),), texts=("0",),
                      captions=(source_line(ds, (pilot_count,)),))
        table = pd.DataFrame({"Territoire pilote": pd.Series(dtype="str"),
                              "Habitants des QPV": pd.Series(dtype="Int64")})
        chosen = " choisis" if f.pilotes else ""
        return Finding("pilotes", "Territoires pilotes", f"{sc.label} : aucun des {len(ds.pilots)} territoires pilotes"
                       f"{chosen}", "Les chiffres des pilotes sont sur la vue nationale.", chart, table,
                       chart.captions[0], (), _pilots_scope(ds, f))
    share = pl.covered_share(ds, rows)
    known = pl.counted(rows).sort_values("qpv_population", ascending=False, kind="stable")
    unknown = rows[~rows["pilot_id"].isin(known["pilot_id"])]
    national = fr_percent(share.share, 1)
    if known.empty:
        title = "Habitants en QPV des pilotes : non disponible (chiffres partiels)"
    elif len(rows) == 1:
        title = f"{known.iloc[0]['name']} : {fr_int(share.residents)} habitants en QPV, {national} du total national"
    else:
        title = (f"{fr_int(share.residents)} habitants des QPV vivent dans {len(known)} des {len(rows)} pilotes"
                 f"{' choisis' if f.pilotes else ''}, {national} du total national")
    finding = share.sentence()
    rows = pd.concat([known, unknown])
    counted = rows["pilot_id"].isin(known["pilot_id"])
    table = pd.DataFrame({
        "Territoire pilote": rows["name"],
        "Chiffre QPV": rows["coverage"].map(PILOT_COVERAGE_FR),
        "Habitants des QPV": rows["qpv_population"].where(counted).astype("Int64"),
        "Année": rows["qpv_population_year"].where(counted).astype("Int64"),
        "Remarque": [lbl if lbl else ("" if k else _coverage_reason(ds, p, c)) for p, c, k, lbl in
                     zip(rows["pilot_id"], rows["coverage"], counted, rows["figure_label"])],
    }).reset_index(drop=True)
    if len(known) > 1:
        chart = Chart("bar", tuple(known["name"]),
                      (Series("Habitants des QPV", tuple(float(v) for v in known["qpv_population"])),), "int",
                      f"Habitants des QPV ({year_span(known['qpv_population_year'])})")
    else:  # one pilot, or none with a figure: big numbers rather than a lone bar
        kpis = pl.headline_kpis(ds, rows)[:2]
        chart = _kpi_chart(ds, kpis)
    notes = [f"{name} — {lbl or _coverage_reason(ds, p, c)} Absent du graphique." for name, p, c, lbl in
             zip(unknown["name"], unknown["pilot_id"], unknown["coverage"], unknown["figure_label"])]
    notes += [f"{name} — {lbl}." for name, lbl in zip(known["name"], known["figure_label"]) if lbl]
    return Finding("pilotes", "Territoires pilotes", title, finding, chart, table,
                   source_line(ds, pl.residents_sources(rows), share.national.year), tuple(notes),
                   _pilots_scope(ds, f))


def priorities_slide(ds: Dataset, f: Filters) -> Finding | None:
    """The national programmes present in the selected pilots for the chosen priorities (the /pilotes matrix)."""
    pilots = pl.selected_pilots(ds, f)
    if pilots.empty:
        return None
    cells = pm.matrix(ds, pilots, f.priorites)
    priorities = list(dict.fromkeys(cells["priority"]))
    if len(priorities) > 1 and len(pilots) > 1:  # per priority: how many pilots have a programme
        counts = cells[cells["n_programmes"] > 0].groupby("priority", sort=False)["pilot_id"].nunique()
        counts, what = counts.reindex(priorities, fill_value=0), "Pilotes avec au moins un programme national"
    elif len(priorities) > 1:  # one pilot: its programmes per priority
        counts, what = cells.set_index("priority")["n_programmes"], "Programmes nationaux présents"
    else:  # one priority: programmes per pilot
        counts = cells.set_index("name")["n_programmes"].sort_values(ascending=False, kind="stable")
        what = f"Programmes nationaux présents — {priorities[0]}"
    values = tuple(float(v) for v in counts)
    if len(counts) > 1:  # horizontal bars: the priorities' names are long
        chart = Chart("bar", tuple(counts.index), (Series(what, values),), "int", what.split(" — ")[0])
    else:
        chart = Chart("kpi", (what,), (Series("Valeur", values),), texts=(fr_int(values[0]),),
                      captions=(pm.vintage_span(ds),))
    sources = tuple(sorted(set(ds.programmes["source_id"]) - {""}))
    label = "Priorités" if len(pm.priority_ids(ds, f.priorites)) != 1 else "Priorité"
    return Finding("priorites", f"{label} et programmes", pm.matrix_title(cells), pm.matrix_takeaway(ds, cells), chart,
                   pm.matrix_table(cells).drop(columns="Label Quartiers productifs"),
                   source_line(ds, sources, pm.vintage_span(ds)),
                   ("Rattachement programme → priorité établi par le projet (voir Sources).",
                    "Montants par priorité : non disponible, aucune ligne budgétaire publiée n'est ventilée par "
                    "priorité (le plan 2021 l'est par axe : voir la diapositive du plan)."), _pilots_scope(ds, f))


def credits_slide(ds: Dataset, f: Filters) -> Finding:
    """Credits by year and scheme for the filters' selection (the /budget rule: territory, then pilots' contracts)."""
    sel = cr.select_credits(ds, f)
    by_year = cr.credits_by_year(ds, sel.rows)
    years = cr.credit_years(ds)
    first, last = years[0], years[-1]
    kpis = cr.credit_kpis(ds, f, sel, last)
    totals = by_year.groupby("year")["amount_eur"].sum()
    if f.pilotes and sel.contracts.empty:
        title = f"{sel.label} : {cr.NO_CONTRACT_FR}"
    elif not by_year["posts"].sum():
        title = f"{sel.label} : aucun crédit adultes-relais ou FONJEP dans les données"
    else:
        title = f"{sel.label} : {kpis[0].display} de crédits adultes-relais et FONJEP en {last}"
        if totals[first]:
            title += f", {pct_change(totals[first], totals[last])} depuis {first}"
    posts = by_year[by_year["year"] == last].set_index("scheme")["posts"]
    finding = (f"{plural(posts.sum(), 'poste financé')} en {last} : "
               f"{plural(posts['adultes-relais'], 'adulte-relais', 'adultes-relais')} "
               f"et {plural(posts['fonjep'], 'poste FONJEP', 'postes FONJEP')}.")
    table = cr.year_table(by_year)
    # one unit on the slide: millions of euros as soon as an amount reaches a million
    unit, scale = ("meur", 1e6) if in_millions(by_year["amount_eur"]) else ("eur", 1)
    shown = tuple(str(y) for y in years) if by_year["posts"].sum() else ()  # nothing to chart: no bars of 0
    series = tuple(Series(name, tuple(float(v) / scale for v in by_year[by_year["scheme"] == scheme]["amount_eur"])
                          if shown else ()) for scheme, name in SCHEME_FR.items())
    chart = Chart("column", shown, series, unit, f"Crédits ({'M€' if unit == 'meur' else '€'})")
    notes = list(sel.notes)
    unattached = cr.unattached_note(ds, sel, last)
    if unattached:
        notes.append(unattached)
    notes.append("Postes adultes-relais et FONJEP de la politique de la ville ; une année sans poste listé compte 0. "
                 f"Montants : {cr.CREDITS_NATURE}.")
    return Finding("credits", "Crédits politique de la ville", title, finding, chart, table,
                   source_line(ds, (CREDITS_SOURCE,), year_span(years)), tuple(notes), sel.label)


def pilot_slide(ds: Dataset, pilot_id: str) -> Finding:
    """One pilot's profile, with the figures of the /pilotes profile (own figure only when exact or summed)."""
    p = ds.pilots.set_index("pilot_id").loc[pilot_id].copy()
    p["pilot_id"] = pilot_id
    own = p["coverage"] in COUNTED
    reason = "" if own else _coverage_reason(ds, pilot_id, p["coverage"])
    residents, share, population = pl.profile_kpis(p)
    credits = pc.pilot_credits(ds, pilot_id)
    last = pc.latest_credits_year(ds)
    credit_last = credits[credits["year"] == last]
    amount = float(credit_last["amount_eur"].sum()) if own and len(credit_last) else None
    kpis = [
        residents,
        qpv_pilots.count_kpi(ds, pilot_id),
        population, share,
        Kpi("credits", f"Crédits adultes-relais et FONJEP {last}", amount, fr_eur(amount),
            (CREDITS_SOURCE,) if amount is not None else (), str(last) if amount is not None else "",
            f"Sur les contrats de ville du pilote ({plural(credit_last['posts'].sum(), 'poste')}) ; "
            f"{cr.CREDITS_NATURE}."
            if amount is not None else "Contrats de ville du pilote non exacts : non calculé."),
    ]
    region = ds.regions.set_index("reg_code").loc[p["reg_code"], "reg_name"]
    if own:
        title = f"{p['name']} : {residents.display} habitants en QPV, {share.display} de sa population"
    else:
        title = f"{p['name']} : {fr_int(p['population'])} habitants, dont en QPV non disponible"
    finding = (f"Région : {region} ; {plural(p['n_communes'], 'commune')} ; territoire pilote depuis le "
               f"{fr_date(p['launch_date'])}.")
    notes = tuple(f"{k.label} : {k.note}" for k in kpis if k.note) + ((reason,) if reason else ())
    return Finding(f"pilote-{pilot_id}", f"Pilote — {p['name']}", title, finding, _kpi_chart(ds, kpis),
                   _kpi_table(ds, kpis), _kpi_source(ds, kpis), notes, p["name"])


def qpv_slide(ds: Dataset, f: Filters) -> Finding | None:
    """« Les QPV du territoire »: the figures of /qpv for these filters (a territory or pilots chosen)."""
    selected = qpv.selection(ds, f)
    s = qpv.summary(selected)
    if s is None:
        return None
    label = qpv.selection_label(ds, f)
    rows = qpv.qpv_rows(ds, selected).head(10)[[qpv.COL_CODE, qpv.COL_NAME, qpv.COL_COMMUNES, qpv.COL_POP_2013,
                                              qpv.COL_POP_2018]]
    caveats = tuple(filter(None, [qpv.pilot_note(ds, f, selected), "Les 10 QPV les plus peuplés ; la liste "
                                  "entière : page « Les QPV »."]))
    return Finding("qpv", "Les QPV du territoire", qpv.selection_title(label, s), qpv.size_takeaway(s),
                   _kpi_chart(ds, qpv.summary_kpis(selected, s)), rows,
                   source_line(ds, qpv.population_sources(selected), "2013, 2018"), caveats, label)


def build_slides(ds: Dataset, f: Filters) -> list[Finding]:
    """The slides for these filters: headline figures; the territories (ranked when there are several, else against
    the région and France); money; pilots and their priorities; one per chosen pilot the filters keep."""
    sc = scope(ds, f)
    slides = [kpis_slide(ds, f)]
    if len(_breakdown(ds, sc)[0]) > 1:
        slides += [residents_slide(ds, f), share_slide(ds, f)]
    if sc.level != "national":
        slides.append(comparison_slide(ds, f))
    if sc.level != "national" or f.pilotes:
        slides += [s for s in (qpv_slide(ds, f),) if s]
    profiles = list(pl.selected_pilots(ds, f)["pilot_id"]) if f.pilotes else []
    slides.append(budget_slide(ds))
    if len(profiles) != 1:  # one chosen pilot: its profile below says it all
        slides.append(pilots_slide(ds, f))
    priorities = priorities_slide(ds, f)
    slides += [priorities] if priorities else []
    slides.append(credits_slide(ds, f))
    return slides + [pilot_slide(ds, p) for p in profiles]
