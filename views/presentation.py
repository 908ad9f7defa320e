"""Présentation: the key figures as slides for a meeting, sized for a projector, following the filters."""

from components import deck_print, filters, slideshow, state
from quartiers.slides import build_slides

ds = state.dataset()
chosen = state.filters()
slides = state.view(build_slides, chosen)

HELP = ("**Projeter** : touche F11 du navigateur (plein écran) et repliez la barre latérale (flèche en haut à "
        "gauche).\n\n**Naviguer** : touches ← et →, ou la liste des diapositives. Le lien garde la diapositive "
        "(`diapo=3`).\n\n**Exporter** : le pack (.pptx, .xlsx) et le lien de cette vue sont dans « Exporter et "
        "partager », dans la barre latérale.\n\n"
        + filters.describe(ds, chosen, applies=("region", "departement", "pilote", "priorite")))
if deck_print.requested():
    deck_print.all_slides(slides)
index = slideshow.navigator(slides, chosen, HELP)
slideshow.show(slides[index], f"{index + 1} / {len(slides)}")
deck_print.link(chosen)
