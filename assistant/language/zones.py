"""Zones settled from the commune: the France Ruralités Revitalisation (FRR) classification.

Aids "réservées aux communes FRR" use exactly the official list
(``data/frr-communes-2025-07.csv.gz``, see ``data/README.md``): a commune's class is read there,
never guessed from its name or size. The other zones (QPV, INSEE's "rural") have no shipped data:
the assistant asks about them.
"""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass
from functools import cache

from ..config import DATA_DIR
from .territory import gazetteer

DATA = DATA_DIR / "frr-communes-2025-07.csv.gz"
SOURCE = (
    "liste officielle des communes classées France Ruralités Revitalisation au 10 juillet 2025 "
    "(DGCL)"
)
#: classes that make a commune eligible to aids reserved to FRR communes
CLASSED = {"FRR socle", "FRR+", "FRR bénéficiaire"}
PARTLY = {"FRR bénéficiaire partiellement", "Classée FRR partiellement"}
NOT_CLASSED = "Non classée"


@dataclass(frozen=True)
class FrrStatus:
    commune: str  # COM: code the class was read for (the city, for an arrondissement)
    label: str  # the official class, as written in the list
    classed: bool | None  # True, False, or None when only part of the commune is classed

    def sentence(self, name: str) -> str:
        if self.classed:
            return f"{name} est une commune classée FRR ({self.label}, zonage France Ruralités)"
        if self.classed is None:
            return (
                f"{name} n'est classée FRR que pour une partie de son territoire ({self.label}) : "
                "vérifiez l'adresse auprès du financeur"
            )
        return f"{name} n'est pas classée FRR (zonage France Ruralités)"


@cache
def _classes() -> dict[str, str]:
    with gzip.open(DATA, "rb") as fh:
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
        rows = csv.reader(text, delimiter=";")
        header = next(rows)
        col = next(i for i, h in enumerate(header) if h.startswith("Classement"))
        return {r[0].strip(): r[col].strip() for r in rows if r and r[0].strip()}


def frr_status(code: str | None) -> FrrStatus | None:
    """The FRR class of a commune (or of the city of an arrondissement); None for a wider
    territory, whose communes may differ, or a commune missing from the list."""
    if not code or not code.startswith("COM:"):
        return None
    g = gazetteer()
    parents = g.parents.get(code, ())
    if parents and parents[0].startswith("COM:"):
        code = parents[0]  # Lyon 3e -> Lyon
    label = _classes().get(code[4:])
    if label is None:
        return None
    classed = True if label in CLASSED else None if label in PARTLY else False
    return FrrStatus(code, label, classed)
