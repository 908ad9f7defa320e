"""The dashboard's pages in navigation order: (view file, title, icon, url path).

One list for the app's navigation (dashboard.py) and for the reverse proxy (deploy/serve.py), which answers any
other single-segment path with its French « Page introuvable » rather than Streamlit's English modal.
"""
from __future__ import annotations

PAGES: tuple[tuple[str, str, str, str], ...] = (
    ("views/accueil.py", "Vue d'ensemble", ":material/dashboard:", ""),
    ("views/territoires.py", "Territoires", ":material/map:", "territoires"),
    ("views/qpv.py", "Les QPV", ":material/location_on:", "qpv"),
    ("views/pilotes.py", "Quartiers productifs", ":material/factory:", "pilotes"),
    ("views/budget.py", "Budget", ":material/euro:", "budget"),
    ("views/presentation.py", "Présentation", ":material/slideshow:", "presentation"),
    ("views/sources.py", "Sources et méthode", ":material/menu_book:", "sources"),
)
URL_PATHS: tuple[str, ...] = tuple(path for *_, path in PAGES if path)
