"""The domain package never imports Streamlit; pages never open files."""
from __future__ import annotations

import ast
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
