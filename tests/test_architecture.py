"""The domain package never imports Streamlit; pages never open files; no module imports from a layer above it."""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_quartiers_imports_no_streamlit():
    files = list((ROOT / "quartiers").rglob("*.py"))
    assert files
    offenders = [f.name for f in files if "streamlit" in _imports(f)]
    assert offenders == []


def test_pages_do_not_open_files():
    for page in (ROOT / "views").glob("*.py"):
        text = page.read_text(encoding="utf-8")
        assert "open(" not in text and "read_csv" not in text, page.name


# Layers, lowest first (data → domain → figures and exports → page cards → components → pages): a module may import
# from its own layer or a lower one, never from a higher one.
LAYERS = {
    "data": ("quartiers.data", "quartiers.schema", "quartiers.build", "quartiers.build_programmes",
             "quartiers.build_qpv", "quartiers.sources", "quartiers.geometry", "quartiers.formatting", "quartiers.memo",
             "quartiers.vocabulary"),
    "domain": ("quartiers",),  # every other module of quartiers/
    "figures and exports": ("quartiers.figures", "quartiers.exports", "quartiers.pptx_export"),
    "page cards": ("quartiers.page_cards",),
    "components": ("components",),
    "pages": ("views", "dashboard", "navigation"),
}
RANK = {name: i for i, name in enumerate(LAYERS)}
PACKAGES = ("quartiers", "components", "quartiers.figures")


def layer(module: str) -> str | None:
    """The layer of a project module (the longest matching prefix wins), None for an outside package."""
    best = None
    for name, prefixes in LAYERS.items():
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > len(best[1])):
                best = (name, prefix)
    return best[0] if best else None


def _project_imports(path: Path) -> set[str]:
    """Modules of the project imported by a file, `from quartiers import budget` read as quartiers.budget."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module in PACKAGES:  # `from quartiers import budget`: the module is quartiers.budget
                found |= {f"{node.module}.{a.name}" for a in node.names}
            else:
                found.add(node.module)
    return {m for m in found if layer(m)}


def upward_imports(root: Path) -> list[str]:
    """Every import, under root, of a module from a higher layer than the importing file's."""
    files = [root / "dashboard.py", *sorted((root / "views").glob("*.py")),
             *sorted((root / "components").rglob("*.py")), *sorted((root / "quartiers").rglob("*.py"))]
    found = []
    for path in files:
        module = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
        for imported in _project_imports(path):
            if RANK[layer(imported)] > RANK[layer(module)]:
                found.append(f"{module} ({layer(module)}) imports {imported} ({layer(imported)})")
    return found


def test_no_module_imports_from_a_higher_layer():
    assert layer("quartiers.metrics") == "domain" and layer("quartiers.figures.slides") == "figures and exports"
    assert upward_imports(ROOT) == []


def test_layer_check_fails_on_a_planted_upward_import(tmp_path):
    for part in ("quartiers", "components", "views"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "dashboard.py", tmp_path / "dashboard.py")
    assert upward_imports(tmp_path) == []
    metrics = tmp_path / "quartiers" / "metrics.py"
    metrics.write_text(metrics.read_text(encoding="utf-8") + "\nfrom quartiers.figures import style\n",
                       encoding="utf-8")
    formatting = tmp_path / "quartiers" / "formatting.py"
    formatting.write_text(formatting.read_text(encoding="utf-8") + "\nfrom components import cards\n",
                          encoding="utf-8")
    assert upward_imports(tmp_path) == [
        "quartiers.formatting (data) imports components.cards (components)",
        "quartiers.metrics (domain) imports quartiers.figures.style (figures and exports)",
    ]


def test_no_public_function_name_is_defined_twice_in_the_domain():
    """One concept, one place: two public functions of quartiers/ with one name would mean two meanings."""
    seen: dict[str, list[str]] = {}
    for path in sorted((ROOT / "quartiers").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                seen.setdefault(node.name, []).append(str(path.relative_to(ROOT)))
    assert {name: files for name, files in seen.items() if len(files) > 1} == {}


def test_labels_of_coverage_and_schemes_live_only_in_the_vocabulary():
    words = ("englobant", '"somme de contrats de ville"', '"Adultes-relais"', '"FONJEP"')
    for path in (ROOT / "quartiers").rglob("*.py"):
        if path.name != "vocabulary.py":
            text = path.read_text(encoding="utf-8")
            assert not [w for w in words if w in text], path.name
