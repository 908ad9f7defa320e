"""The cautions of the fact tables, in French, so that a fact's warning reaches the page with its figure.

The fact tables' notes are written in English and mix provenance with warnings. Only the warnings are shown: a
CAUTION, a CONFLICT between sources, or a count that may not be one of QPV. A warning whose wording is not
recognised is shown as written, marked as untranslated, rather than dropped.
"""
from __future__ import annotations

import re

MONTHS = {"Jan": "janvier", "Feb": "février", "Mar": "mars", "Apr": "avril", "May": "mai", "Jun": "juin",
          "Jul": "juillet", "Aug": "août", "Sep": "septembre", "Oct": "octobre", "Nov": "novembre", "Dec": "décembre"}
UNTRANSLATED = "(note de la source, non traduite)"

# (pattern of the English warning, its French version)
WARNINGS: tuple[tuple[str, str], ...] = (
    (r"CAUTION: same article gives (?P<a>\d+) QPV for (?P<place>[^,]+), Insee gives (?P<b>\d+)",
     "Attention : l'article qui donne ce chiffre compte {a} QPV pour la région {place}, l'Insee {b} : chiffre de "
     "presse contredit par l'Insee sur le total régional"),
    (r"CONFLICT: (?P<who>[^;]+?) (?:says|gives|lists) \"?(?P<what>[^\";,]*?\d+(?: QPV| quartiers prioritaires)?)\"?"
     r"(?: in (?P<when>\d{4}))?(?=[ ,;.(\"]|$)",
     "Sources en désaccord : {who} donne {what}{when}"),
    (r"\"(?P<n>\d+) sites\" may not equal (?P=n) official QPV codes",
     "Attention : les « {n} » de la source sont peut-être des sites et non {n} QPV officiels"),
)
MARKERS = ("CAUTION", "CONFLICT", "may not equal")


def _dates(text: str) -> str:
    """'(Jan 2024)' -> '(janvier 2024)'."""
    return re.sub(r"\b(" + "|".join(MONTHS) + r")\b(?= \d{4})", lambda m: MONTHS[m.group(1)], text)


def caution_fr(note: str) -> str:
    """The French warnings a fact's note holds ('' when it holds none)."""
    note = str(note or "")
    found = []
    for pattern, french in WARNINGS:
        for m in re.finditer(pattern, note):
            parts = {k: v or "" for k, v in m.groupdict().items()}
            if parts.get("when"):
                parts["when"] = f" en {parts['when']}"
            found.append(_dates(french.format(**parts)))
    if not found and any(marker in note for marker in MARKERS):
        start = min(note.find(m) for m in MARKERS if m in note)
        found.append(f"{UNTRANSLATED} {note[start:]}")
    return " ; ".join(found)
