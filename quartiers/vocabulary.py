"""The French words of the domain, defined once: how a pilot's figure is covered, credit schemes, territorial levels.

Pages, slides and the pack take their labels from here, so that one concept never reads two ways.
"""
from __future__ import annotations

# Pilot coverages whose QPV residents are the pilot's own figure (one contract matching it, or contracts adding
# up to it); the others give only a minimum or a larger area and are never shown or added as the pilot's figure.
COUNTED = ("exact", "summed")

# How a pilot's QPV residents figure is covered by its contrats de ville (pilot level).
PILOT_COVERAGE_FR = {"exact": "exact", "summed": "somme de contrats de ville", "partial": "partiel",
                     "superset": "englobant (contrat plus large)"}
PILOT_COVERAGE_PLURAL_FR = {"exact": "exacts", "summed": "somme de contrats de ville", "partial": "partiels",
                            "superset": "englobants (contrats plus larges)"}

# How one contrat de ville covers its pilot (contract level).
CONTRACT_COVERAGE_FR = {"exact": "exact : le contrat couvre le pilote", "partial": "partiel : une partie du pilote",
                        "superset": "englobant : le contrat déborde du pilote"}
# For a "summed" pilot each contract is a component and together they cover it exactly.
CONTRACT_COMPONENT_FR = "composante : la somme des contrats couvre le pilote"

# Why a pilot has no QPV residents figure of its own.
NOT_COUNTED_WHY_FR = {"partial": "les contrats de ville chiffrés ne couvrent qu'une partie du pilote",
                      "superset": "seul un contrat de ville plus large que le pilote est chiffré"}

# Politique de la ville credit schemes (ANCT CI-Ville).
SCHEME_FR = {"adultes-relais": "Adultes-relais", "fonjep": "FONJEP"}
CREDITS_SOURCE = "anct-ci-ville"  # QPV residents and credits per contrat de ville

# Territorial levels: (singular, plural).
LEVEL_FR = {"region": ("région", "régions"), "departement": ("département", "départements"),
            "contrat": ("contrat de ville", "contrats de ville")}


def contract_coverage_fr(pilot_coverage: str, contract_coverage: str) -> str:
    """How one contrat de ville covers its pilot; the contracts of a "summed" pilot are its components."""
    return CONTRACT_COMPONENT_FR if pilot_coverage == "summed" else CONTRACT_COVERAGE_FR[contract_coverage]
