"""Build command: turn the shared raw open data and fact tables into the project's own tables in data/.

    python -m quartiers.build --source ../shared/data --out data

Deterministic: running it twice writes identical files. Every figure keeps a source id (data/sources.csv) and a year.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import pandas as pd

from quartiers import build_qpv, geometry
from quartiers.build_programmes import build_pilot_programmes
from quartiers.data import file_record
from quartiers.schema import MANIFEST
from quartiers.sources import INSEE_QPV2015, SourceRegistry, split_labelled

RAW_CI = Path("raw/anct_ci_ville")
RAW_DECOUPAGE = Path("raw/decoupage_administratif")
RAW_HACKAVIZ = Path("raw/hackaviz2021_occitanie")
POPULATION_YEAR = 2023  # populations légales of the decoupage-administratif package (Mayotte: 2017)
MAYOTTE_POPULATION_YEAR = 2017
POLYNESIE_POPULATION_YEAR = 2022  # Polynésie française: its population in the package is the 2022 census
# What is known of a territory's years when they differ from the others' (shown on the pages, in French): the
# fact row gives Polynésie's QPV residents as 2018, but its source states the year for the 5 DOM only.
YEAR_NOTES = {
    "987": "population du recensement de 2022 ; année des habitants des QPV non précisée par la source (donnée "
           "ici 2018 comme pour les autres territoires ; peut-être 2017)",
}
CI_POPULATION_YEAR = 2018
CREDIT_SCHEMES = {"adulte-relais": "adultes-relais", "postes-fonjep": "fonjep"}
CREDIT_YEARS = range(2020, 2024)
# the communes of each pilot (raw/derived/pilot_territories_communes.csv)
PILOT_COMMUNES_SOURCE = "anct-pilots-communes"


def _read_json(path: Path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _features(path: Path) -> pd.DataFrame:
    """Properties of a GeoJSON file, plus lon/lat for point layers."""
    rows = []
    for feat in _read_json(path)["features"]:
        row = dict(feat["properties"])
        if feat["geometry"]["type"] == "Point":
            row["lon"], row["lat"] = feat["geometry"]["coordinates"][:2]
        rows.append(row)
    return pd.DataFrame(rows)


def _facts(source: Path, name: str) -> pd.DataFrame:
    header = pd.read_csv(source / "facts" / name, nrows=0, encoding="utf-8-sig").columns
    return pd.read_csv(source / "facts" / name, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                       engine="python", on_bad_lines=lambda fields: _rejoin_label(fields, len(header)))


def _rejoin_label(fields: list[str], width: int) -> list[str]:
    """A label holding unquoted commas splits into extra fields (budget_lines.csv, line 9): the label is the
    third column, so the extra fields are glued back into it."""
    extra = len(fields) - width
    return fields[:2] + [",".join(fields[2:3 + extra])] + fields[3 + extra:]


def _communes(source: Path) -> pd.DataFrame:
    com = pd.DataFrame(_read_json(source / RAW_DECOUPAGE / "communes.json"))
    return com[com["type"] == "commune-actuelle"]


# National figures read on a press page whose official publisher is known (the press page is kept as the relay):
# the QPV count is Insee's (the list of the décrets, counted by Insee; the fact's note cites Insee 2021).
OFFICIAL_FOR_FIGURE = {"qpv_count": INSEE_QPV2015, "qpv_count_metro_dom": INSEE_QPV2015}


def national(source: Path, reg: SourceRegistry) -> pd.DataFrame:
    df = _facts(source, "national_figures.csv")
    is_date = df["unit"] == "date"
    out = pd.DataFrame({
        "figure_id": df["figure_id"],
        "label_fr": df["label_fr"],
        "value": pd.to_numeric(df["value"].where(~is_date)),
        "date": df["value"].where(is_date, ""),
        "unit": df["unit"],
        "year": df["year"].astype(int),
        "geography": df["geography"],
        "source_id": [reg.url(u, y) for u, y in zip(df["source_url"], df["year"])],
        "official_source_id": [reg.url(OFFICIAL_FOR_FIGURE[f], y) if f in OFFICIAL_FOR_FIGURE else ""
                               for f, y in zip(df["figure_id"], df["year"])],
        "note": df["note"],
    })
    return out


def regions(source: Path, reg: SourceRegistry, communes: pd.DataFrame) -> pd.DataFrame:
    facts = _facts(source, "qpv2015_count_by_region.csv")
    names = {r["code"]: (r["nom"], r["zone"]) for r in _read_json(source / RAW_DECOUPAGE / "regions.json")}
    pop = communes.groupby("region")["population"].sum()
    rows = []
    for r in facts.itertuples():
        cited = split_labelled(r.source)
        code = r.reg_code
        name, zone = names.get(code, (r.reg_name, "com"))
        population = pop.get(code)
        rows.append(dict(
            reg_code=code, reg_name=name, zone=zone,
            qpv_population=int(r.qpv_population), qpv_population_year=int(r.population_year),
            qpv_population_source_id=reg.cite(cited["population"], r.population_year),
            population=None if population is None else int(population),
            population_year=None if population is None else
            {"06": MAYOTTE_POPULATION_YEAR, "987": POLYNESIE_POPULATION_YEAR}.get(code, POPULATION_YEAR),
            population_source_id="etalab-decoupage" if population is not None else "",
            note=r.note, year_note=YEAR_NOTES.get(code, ""),
        ))
    return _with_share(pd.DataFrame(rows))


def _with_share(df: pd.DataFrame) -> pd.DataFrame:
    """Share of the population living in a QPV; the two figures are of different years (labelled in the UI)."""
    df["population"] = df["population"].astype("Int64")
    df["population_year"] = df["population_year"].astype("Int64")
    df["qpv_share"] = (df["qpv_population"] / df["population"]).astype("Float64").round(6)
    return df


def departements(source: Path, reg: SourceRegistry, communes: pd.DataFrame) -> pd.DataFrame:
    facts = _facts(source, "qpv2015_count_by_departement.csv")
    deps = {d["code"]: d for d in _read_json(source / RAW_DECOUPAGE / "departements.json")}
    pop = communes.groupby("departement")["population"].sum()
    rows = []
    for r in facts.itertuples():
        cited = split_labelled(r.source)
        code = r.dep_code
        rows.append(dict(
            dep_code=code, dep_name=deps[code]["nom"], reg_code=deps[code]["region"],
            qpv_population=int(r.qpv_population), qpv_population_year=int(r.population_year),
            # Lozère has no QPV: its zero population comes with its count, from the same source
            qpv_population_source_id=reg.cite(cited.get("population", cited.get("count", "")), r.population_year),
            population=int(pop[code]),
            population_year=MAYOTTE_POPULATION_YEAR if code == "976" else POPULATION_YEAR,
            population_source_id="etalab-decoupage",
            note=r.note, year_note=YEAR_NOTES.get(code, ""),
        ))
    return _with_share(pd.DataFrame(rows))


def contrats_de_ville(source: Path, deps: pd.DataFrame) -> pd.DataFrame:
    cv = _features(source / RAW_CI / "geom_cv_ctr.json")
    # The three Corsican contracts have no département in the file: take it from their EPCI's member communes.
    dep_of_epci = _epci_departements(source)
    cv["insee_dep"] = cv["insee_dep"].fillna(cv["codgeo"].map(dep_of_epci))
    # Saint-Martin (978) and Polynésie (987) are collectivities whose code is both département and region.
    reg_of = deps.set_index("dep_code")["reg_code"]
    return pd.DataFrame({
        "code_cv": cv["code_cv"],
        "dep_code": cv["insee_dep"],
        "reg_code": cv["insee_dep"].map(reg_of).fillna(cv["insee_dep"]),
        "cv_name": cv["lib_cv"].str.split(" - ", n=1).str[1].str.strip(),
        "siren": cv["codgeo"],  # SIREN of the 2015 EPCI, or the INSEE code of a commune with its own contract
        "qpv_population": cv["pop"].round().astype(int),
        "qpv_population_year": [MAYOTTE_POPULATION_YEAR if d == "976" else CI_POPULATION_YEAR for d in cv["insee_dep"]],
        "qpv_population_source_id": "anct-ci-ville",
        "lon": cv["lon"].round(5), "lat": cv["lat"].round(5),
    }).sort_values(["code_cv", "dep_code"], ignore_index=True)


def _epci_departements(source: Path) -> dict[str, str]:
    communes = {c["code"]: c.get("departement") for c in _read_json(source / RAW_DECOUPAGE / "communes.json")}
    return {e["code"]: communes.get(e["membres"][0]["code"]) for e in _read_json(source / RAW_DECOUPAGE / "epci.json")}


def pilot_contrats(source: Path, reg: SourceRegistry) -> pd.DataFrame:
    df = _facts(source, "pilot_contrats_de_ville.csv")
    return pd.DataFrame({
        "pilot_id": df["pilot_id"], "code_cv": df["code_cv"], "dep_code": df["insee_dep"],
        "cv_qpv_population": df["cv_qpv_population"].astype(int),
        "qpv_population_year": df["population_year"].astype(int),
        "coverage": df["coverage"], "note": df["note"],
        "source_id": [reg.cite(s) for s in df["source"]],
    })


def _pilot_coverage(pilot: pd.Series, links: pd.DataFrame) -> str:
    """exact: one contract equals the pilot; summed: the union of several contracts equals it (their figure is
    given); partial: only some components are known exactly; superset: only a larger contract is known."""
    if pilot["qpv_population"] != "":
        return "exact" if len(links) == 1 else "summed"
    return "superset" if (links["coverage"] == "superset").all() else "partial"


def pilots(source: Path, reg: SourceRegistry, links: pd.DataFrame, cvs: pd.DataFrame) -> pd.DataFrame:
    df = _facts(source, "pilots.csv")
    communes = pd.read_csv(source / "raw/derived/pilot_territories_communes.csv", dtype=str)
    names = sorted(communes["pilot"].unique())
    rows = []
    for p in df.itertuples(index=False):
        p = pd.Series(p._asdict())
        pl = links[links["pilot_id"] == p["pilot_id"]]
        own = communes[_pilot_commune_mask(communes, p)]
        if own.empty:
            raise ValueError(f"pilot {p['pilot_id']}: no communes among {names}")
        points = cvs.merge(pl[["code_cv", "dep_code"]], on=["code_cv", "dep_code"])
        deps = re.findall(r"\b(?:\d{2,3}|2[AB])\b", p["departement"])
        launch = p["launch_or_label_date"][:10]
        rows.append(dict(
            pilot_id=p["pilot_id"], name=_pilot_display_name(p["name_announced"]),
            official_name=p["official_structure_name"], structure_type=p["structure_type"],
            codes=p["siren_or_commune_code"], dep_codes=";".join(dict.fromkeys(deps)),
            reg_code=p["region"].split(" ")[0],
            qpv_count=int(p["qpv_count_2015"]) if p["qpv_count_2015"] else None,
            qpv_count_source_id=reg.cite(p["qpv_count_source"], "2015") if p["qpv_count_2015"] else "",
            qpv_population=int(p["qpv_population"]) if p["qpv_population"] else None,
            qpv_population_year=int(p["population_year"]) if p["population_year"] else None,
            qpv_population_source_id="anct-ci-ville" if p["qpv_population"] else "",
            coverage=_pilot_coverage(p, pl),
            population=int(own["commune_pop_municipale"].astype(int).sum()), population_year=POPULATION_YEAR,
            population_source_id=PILOT_COMMUNES_SOURCE, n_communes=len(own),
            launch_date=launch, launch_source_id=reg.cite(p["sources"].split("launch date")[-1], "2021"),
            lon=round(points["lon"].mean(), 5), lat=round(points["lat"].mean(), 5),
            note=p["note"],
        ))
    out = pd.DataFrame(rows)
    for col in ("qpv_count", "qpv_population", "qpv_population_year"):
        out[col] = out[col].astype("Int64")
    return out


def _pilot_commune_mask(communes: pd.DataFrame, pilot: pd.Series) -> pd.Series:
    codes = pilot["siren_or_commune_code"].split(";")
    if pilot["structure_type"].startswith("commune"):
        return communes["commune_code"].isin(codes)
    return communes["parent_siren"].isin(codes) & (communes["pilot_level"] != "commune")


def pilot_communes(source: Path, pilot_table: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Each pilot's communes, code -> official name."""
    communes = pd.read_csv(source / "raw/derived/pilot_territories_communes.csv", dtype=str)
    out = {}
    for p in pilot_table.itertuples(index=False):
        own = communes[_pilot_commune_mask(communes, pd.Series({"siren_or_commune_code": p.codes,
                                                                "structure_type": p.structure_type}))]
        out[p.pilot_id] = dict(zip(own["commune_code"], own["commune_nom"]))
    return out


def _pilot_display_name(announced: str) -> str:
    """'la Métropole Aix-Marseille' -> 'Métropole Aix-Marseille'; 'l'EPT Est Ensemble' -> 'EPT Est Ensemble'."""
    name = re.sub(r"^(la |le |l')", "", announced)
    return name[0].upper() + name[1:]


def simple_table(source: Path, reg: SourceRegistry, name: str, rename: dict[str, str] | None = None) -> pd.DataFrame:
    """A fact table copied with its address replaced by a source id."""
    df = _facts(source, name).rename(columns=rename or {})
    df["source_id"] = [reg.url(u) if u else "" for u in df.pop("source_url")]
    return df


def budget_lines_table(source: Path, reg: SourceRegistry) -> pd.DataFrame:
    df = simple_table(source, reg, "budget_lines.csv")
    df["amount_meur"] = pd.to_numeric(df["amount_meur"].replace("", None)).astype("Float64")
    df["overlaps_siblings"] = df["overlaps_siblings"] == "true"
    return df


def programmes(source: Path, reg: SourceRegistry) -> pd.DataFrame:
    df = _facts(source, "programme_priority_map.csv")
    df["source_id"] = [reg.cite(s) if s.startswith("http") else "" for s in df.pop("source_of_aim")]
    return df


def credits(source: Path, cvs: pd.DataFrame) -> pd.DataFrame:
    """Politique de la ville credits, aggregated per contract, département, region, year and scheme.

    A few posts name several contracts at once ('CV382CV384') or none: they keep their département and region
    with an empty contract code, so national and departmental totals stay exact."""
    known = set(zip(cvs["code_cv"], cvs["dep_code"]))
    cv_dep = cvs.drop_duplicates("code_cv", keep=False).set_index("code_cv")["dep_code"]
    reg_of = cvs.drop_duplicates("dep_code").set_index("dep_code")["reg_code"]
    frames = []
    for stem, scheme in CREDIT_SCHEMES.items():
        for year in CREDIT_YEARS:
            df = pd.DataFrame(_read_json(source / RAW_CI / f"{stem}-{year}.json"))
            df["year"] = int(year)
            df["scheme"] = scheme
            frames.append(df[["year", "scheme", "code_cv", "insee_dep", "insee_reg", "montant"]])
    df = pd.concat(frames, ignore_index=True)
    df["code_cv"] = df["code_cv"].fillna("")
    df["insee_dep"] = df["insee_dep"].fillna(df["code_cv"].map(cv_dep)).fillna("")
    df["insee_reg"] = df["insee_reg"].fillna(df["insee_dep"].map(reg_of)).fillna("")
    valid = [(c, d) in known for c, d in zip(df["code_cv"], df["insee_dep"])]
    df["cv_note"] = ""
    shared = ~pd.Series(valid) & (df["code_cv"] != "")
    df.loc[shared, "cv_note"] = "poste rattaché à plusieurs contrats : " + df["code_cv"]
    df.loc[df["code_cv"] == "", "cv_note"] = "contrat de ville non renseigné"
    df.loc[~pd.Series(valid), "code_cv"] = ""
    out = (df.groupby(["year", "scheme", "code_cv", "insee_dep", "insee_reg", "cv_note"], as_index=False)
           .agg(posts=("montant", "size"), amount_eur=("montant", "sum"))
           .rename(columns={"insee_dep": "dep_code", "insee_reg": "reg_code"}))
    out["amount_eur"] = out["amount_eur"].round(2)
    out["source_id"] = "anct-ci-ville"
    return out


def qpv_occitanie(source: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    qp = pd.read_csv(source / RAW_HACKAVIZ / "qp.csv", dtype={"code_qp": str}, encoding="utf-8-sig")
    shapes = _features(source / RAW_HACKAVIZ / "qp.geojson")[["code_qp", "code_departement"]]
    qp = shapes.rename(columns={"code_departement": "dep_code"}).merge(qp, on="code_qp", how="right")
    qp = qp.rename(columns={"nom_commune": "commune"}).sort_values("code_qp", ignore_index=True)
    qp["source_id"] = "hackaviz-occitanie"
    meta = pd.read_csv(source / RAW_HACKAVIZ / "meta_qp.csv", dtype=str, encoding="utf-8-sig")
    meta = meta.rename(columns={"colonne": "column", "type_valeur": "value_type", "exemple": "example"})
    return qp, meta


def qpv2024(source: Path, reg: SourceRegistry, name: str, key: str) -> pd.DataFrame:
    df = _facts(source, name)
    out = pd.DataFrame({
        key: df[key], "name": df[key.replace("code", "name")],
        "qpv_count": pd.to_numeric(df["qpv_count_2024"].replace("", None)).astype("Int64"),
        "qpv_population": pd.to_numeric(df["qpv_population"].replace("", None)).astype("Int64"),
        "population_year": pd.to_numeric(df["population_year"].replace("", None)).astype("Int64"),
        "source_id": [reg.cite(s, "2024") if s else "" for s in df["source"]],
        "note": df["note"],
    })
    return out


PILOT_FACTS_ROW = re.compile(r"^\| (?P<pilot>[^|]+) \| (?P<fact>[^|]+) \| (?P<date>[^|]+) \| (?P<src>[^|]+) \|$")


def pilot_actions(source: Path, reg: SourceRegistry, pilot_table: pd.DataFrame) -> pd.DataFrame:
    """The register of published per-pilot facts: the rows of the 'Per-pilot items found' table that cite an
    address. Rows whose source is only a reference to another row ('maire-info (above)') reuse that address."""
    text = (source / "facts/pilot_facts.md").read_text(encoding="utf-8")
    section = text.split("## Per-pilot items found", 1)[1].split("\n## ", 1)[0]
    by_name = _pilot_name_index(pilot_table)
    rows = []
    for line in section.splitlines():
        m = PILOT_FACTS_ROW.match(line.strip())
        if not m or m["pilot"].strip() in ("pilot", "---"):
            continue
        address = re.search(r"https?://\S+", m["src"]) or re.search(r"https?://\S*" + re.escape(
            m["src"].split(" ")[0].strip()) + r"\S*", text)
        if not address:
            continue
        for name in re.split(r", | and ", m["pilot"].strip()):
            rows.append(dict(pilot_id=by_name[name.strip().lower()], fact_en=m["fact"].strip(),
                             date=m["date"].strip(), source_id=reg.url(address.group(0), m["date"].strip()[-4:])))
    return pd.DataFrame(rows).sort_values(["pilot_id", "date", "fact_en"], ignore_index=True)


def _pilot_name_index(pilot_table: pd.DataFrame) -> dict[str, str]:
    index: dict[str, str] = {}
    for p in pilot_table.itertuples():
        for name in (p.name, p.official_name, p.pilot_id.replace("-", " ")):
            index[name.lower()] = p.pilot_id
    index.update({"le grand narbonne": "grand-narbonne", "saint-louis (la réunion)": "saint-louis-reunion",
                  "toulouse métropole": "toulouse", "ept est ensemble": "est-ensemble", "toulouse": "toulouse",
                  "montpellier": "montpellier", "grand narbonne": "grand-narbonne"})
    return index


def build(source: Path) -> dict[str, pd.DataFrame | dict]:
    """All tables of data/, keyed by file name."""
    reg = SourceRegistry()
    communes = _communes(source)
    deps = departements(source, reg, communes)
    cvs = contrats_de_ville(source, deps)
    links = pilot_contrats(source, reg)
    pilot_table = pilots(source, reg, links, cvs)
    qp, qp_meta = qpv_occitanie(source)
    tables: dict[str, pd.DataFrame | dict] = {
        "national.csv": national(source, reg),
        "regions.csv": regions(source, reg, communes),
        "departements.csv": deps,
        "contrats_de_ville.csv": cvs,
        "pilots.csv": pilot_table,
        "pilot_contrats_de_ville.csv": links,
        "priorities.csv": simple_table(source, reg, "priorities.csv"),
        "axes.csv": simple_table(source, reg, "axes.csv"),
        "budget_lines.csv": budget_lines_table(source, reg),
        "credits.csv": credits(source, cvs),
        "qpv_occitanie.csv": qp,
        "qpv_indicators.csv": qp_meta,
        "programmes.csv": programmes(source, reg),
        "pilot_programmes.csv": build_pilot_programmes(source),
        "pilot_actions.csv": pilot_actions(source, reg, pilot_table),
        "qpv2024_regions.csv": qpv2024(source, reg, "qpv2024_by_region.csv", "reg_code"),
        "qpv2024_departements.csv": qpv2024(source, reg, "qpv2024_by_departement.csv", "dep_code"),
        "departements.geojson": geometry.departement_outlines(source),
        "inset_frames.geojson": geometry.inset_frames(source),
        "qpv_occitanie.geojson": geometry.qpv_outlines_occitanie(source),
    }
    tables.update(build_qpv.qpv2015(source, deps))
    qpv = tables["qpv2015.csv"]
    tables["qpv2024.geojson"] = geometry.qpv2024_outlines(source, set(tables["qpv2024.csv"]["code_qp"]))
    tables["departements.csv"] = build_qpv.counts_from_list(deps, qpv, "dep_code")
    tables["regions.csv"] = build_qpv.counts_from_list(tables["regions.csv"], qpv, "reg_code")
    tables["pilot_qpv.csv"] = build_qpv.pilot_qpv(pilot_communes(source, pilot_table), tables["qpv2015_communes.csv"],
                                                  PILOT_COMMUNES_SOURCE)
    reg.add_datasets(build_qpv.DATASETS, build_qpv.CLASSES)
    tables["sources.csv"] = reg.table()
    return tables


def write(tables: dict[str, pd.DataFrame | dict], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, dict] = {}
    for name, table in sorted(tables.items()):
        path = out / name
        if isinstance(table, pd.DataFrame):
            table.to_csv(path, index=False, lineterminator="\n")
        else:
            path.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        rows = len(table) if isinstance(table, pd.DataFrame) else len(table["features"])
        manifest[name] = file_record(path.read_bytes(), rows)
    (out / MANIFEST).write_text(json.dumps({"files": manifest}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    (out / "SOURCES.md").write_text(sources_markdown(tables["sources.csv"], tables), encoding="utf-8")


def sources_markdown(sources: pd.DataFrame, tables: dict) -> str:
    lines = [
        "# Sources of the tables in data/",
        "",
        "Built by `python -m quartiers.build --source ../shared/data --out data` from public open data and published",
        "figures. Attribution is the condition of the Licence Ouverte 2.0: reuse these tables with the sources below.",
        "Every figure row carries a `*source_id` column that joins to `sources.csv`.",
        "",
        "## Tables",
        "",
        "| file | rows | main sources |",
        "|---|---|---|",
    ]
    for name, table in sorted(tables.items()):
        if name == "sources.csv":
            continue
        if isinstance(table, pd.DataFrame):
            ids = sorted({v for c in table.columns if c.endswith("source_id") for v in table[c] if v})
            shown = ", ".join(ids[:6]) + (f" (+{len(ids) - 6})" if len(ids) > 6 else "")
            lines.append(f"| {name} | {len(table)} | {shown} |")
        else:
            lines.append(f"| {name} | {len(table['features'])} features | {TABLE_GEO_SOURCES[name]} |")
    lines += ["", "## Sources", "",
              "Class: officiel (the State, its agencies, local authorities), statistique publique (Insee, DREES) or",
              "presse (press, blogs, document mirrors); `relays` names the official document a press page copies.", "",
              "| id | publisher | class | relays | title | year | licence | address |",
              "|---|---|---|---|---|---|---|---|"]
    for s in sources.itertuples():
        lines.append(f"| {s.source_id} | {s.publisher} | {s.source_class} | {s.relays} | {s.title} | {s.year} | "
                     f"{s.licence} | {s.url} |")
    return "\n".join(lines) + "\n"


TABLE_GEO_SOURCES = {"departements.geojson": "anct-ci-ville (simplified)", "inset_frames.geojson": "anct-ci-ville",
                     "qpv_occitanie.geojson": "hackaviz-occitanie (simplified)",
                     "qpv2024.geojson": f"{build_qpv.SRC_OUTLINES_2024} (simplified)"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data",
                        help="the shared data folder (raw/ and facts/)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data")
    args = parser.parse_args(argv)
    if not (args.source / "raw").is_dir():
        print(f"Source folder not found: {args.source} (expected raw/ and facts/ inside)", file=sys.stderr)
        return 2
    write(build(args.source), args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
