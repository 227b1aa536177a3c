"""Official French territories: codes, names and containment.

Codes are ``FR``, ``REG:84`` (INSEE), ``DEP:69`` (INSEE), ``EPCI:200046977`` (SIREN) and
``COM:69123`` (INSEE; Paris, Lyon and Marseille arrondissements have their own codes, e.g.
``COM:69387`` for Lyon 7e). The data come from ``assistant/data/gazetteer.json.gz``, built by
``scripts/build_gazetteer.py`` from the official lists (see that script for provenance).
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass

from ..config import DATA_DIR
from ..errors import UsageError
from .tables import stored

DATA = DATA_DIR / "gazetteer.json.gz"
CODE_RE = re.compile(r"^(FR|REG:[0-9]{2,3}|DEP:(?:[0-9]{2,3}|2A|2B)|EPCI:[0-9]{9}|COM:[0-9AB]{5})$")


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: str  # FR, REG, DEP, EPCI, COM
    population: int = 0


class Gazetteer:
    """All regions, departments, EPCI and communes, loaded once (about 80 ms)."""

    def __init__(self, data: dict) -> None:
        self.provenance = data["provenance"]
        self.postal: dict[str, list[str]] = {}
        self.places: dict[str, Place] = {"FR": Place("FR", "France", "FR")}
        self.parents: dict[str, tuple[str, ...]] = {"FR": ()}
        for code, name, _zone in data["regions"]:
            self.places[f"REG:{code}"] = Place(f"REG:{code}", name, "REG")
            self.parents[f"REG:{code}"] = ("FR",)
        for code, name, region, _zone in data["departements"]:
            self.places[f"DEP:{code}"] = Place(f"DEP:{code}", name, "DEP")
            self.parents[f"DEP:{code}"] = (f"REG:{region}",)
        epci_deps: dict[str, set[str]] = {}
        for code, name, _type, pop in data["epci"]:
            self.places[f"EPCI:{code}"] = Place(f"EPCI:{code}", name, "EPCI", pop)
            epci_deps[code] = set()
        for code, name, dep, _reg, epci, parent, postal, pop in data["communes"]:
            key = f"COM:{code}"
            self.places[key] = Place(key, name, "COM", pop)
            if parent:
                self.parents[key] = (f"COM:{parent}",)
            else:
                ups = [f"EPCI:{epci}"] if epci else []
                if dep:
                    ups.append(f"DEP:{dep}")
                self.parents[key] = tuple(ups) or ("FR",)
            if epci and dep:
                epci_deps[epci].add(dep)
            for cp in postal:
                self.postal.setdefault(cp, []).append(key)
        for cp, codes in self.postal.items():
            # a postal code of Paris, Lyon or Marseille names its arrondissement, not the city
            arrondissements = [c for c in codes if self.parents[c][0].startswith("COM:")]
            if arrondissements:
                self.postal[cp] = arrondissements
        for code, deps in epci_deps.items():
            self.parents[f"EPCI:{code}"] = tuple(sorted(f"DEP:{d}" for d in deps)) or ("FR",)

    def get(self, code: str) -> Place | None:
        return self.places.get(code)

    def check(self, code: str) -> str:
        """Return the code if it exists; raise a UsageError that says why otherwise."""
        code = code.strip().upper()
        if not CODE_RE.match(code):
            raise UsageError(
                f"'{code}' is not a territory code. Use FR, REG:84, DEP:69, EPCI:200046977 "
                "(SIREN) or COM:69123 (INSEE).",
                f"« {code} » n'est pas un code de territoire (exemples : DEP:69, COM:69123).",
            )
        if code not in self.places:
            raise UsageError(
                f"Unknown territory code '{code}': no such region, department, EPCI or commune "
                "in the official lists.",
                f"Le territoire « {code} » n'existe pas dans les listes officielles.",
            )
        return code

    def label(self, code: str) -> str:
        place = self.places.get(code)
        if place is None:
            return code
        if place.level == "DEP":
            return f"{place.name} ({code[4:]})"
        return place.name

    def departments_of(self, region: str) -> list[str]:
        """The departments of a region (``REG:84`` → ``DEP:01``, ``DEP:03``…), in code order."""
        return sorted(
            c for c, ups in self.parents.items() if c.startswith("DEP:") and region in ups
        )

    def ancestors(self, code: str) -> list[str]:
        """The place itself, then every territory that contains it, up to FR."""
        seen: list[str] = []
        todo = [code]
        while todo:
            current = todo.pop(0)
            if current in seen:
                continue
            seen.append(current)
            if current.startswith("EPCI:") and code.startswith("COM:"):
                # an intercommunality across a department border does not put its communes in
                # the other department: a commune's department is its own parent
                continue
            todo.extend(self.parents.get(current, ("FR",) if current != "FR" else ()))
        if "FR" not in seen:
            seen.append("FR")
        return seen

    def _up(self, place: str) -> frozenset[str]:
        """``ancestors`` as a set, kept per place (the retriever asks it for every document)."""
        memo = self.__dict__.setdefault("_memo_up", {})
        up = memo.get(place)
        if up is None:
            up = memo[place] = frozenset(self.ancestors(place))
        return up

    def applies(self, territories, place: str, excluded=()) -> bool:
        """True when one of ``territories`` contains ``place`` (or is it) and no ``excluded``
        territory does."""
        up = self._up(place)
        if any(t in up for t in excluded):
            return False
        return not territories or any(t in up for t in territories)


@stored
def gazetteer() -> Gazetteer:
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        return Gazetteer(json.load(fh))
