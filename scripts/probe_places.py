"""Probe the place reader with communes of every region written as people type them.

    python scripts/probe_places.py [--seed 13] [--show 10]

Samples the 300 largest communes and 300 others of 500+ inhabitants (arrondissements left
out), writes each in sentences people type ("basée à X", "sur X", lower case without accents,
without hyphens, "St"/"Ste", with the department number) and reports how often the reader
settles on that commune (or a place inside it). Names shared by several communes are only
asked with their department number, except in the last line: a town at least ten times as
large as its namesakes, named alone. Departments and regions are written in lower case ("dans
le nord", "en creuse"), and one-letter typos in towns of 20,000+ inhabitants. Nothing here is
a score the rules were tuned on: change the seed for a fresh sample (BENCHMARK.md, issue 11).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.language.territory import gazetteer  # noqa: E402
from assistant.language.text import fold  # noqa: E402
from assistant.language.understand import understand  # noqa: E402

TEMPLATES = (
    "Bonjour, notre association est basée {a} {x}, on cherche une subvention pour un projet "
    "d'insertion.",
    "on monte une epicerie solidaire {s} {x}, qui peut nous aider ?",
)


def _articles(name: str) -> tuple[str, str, str]:
    """("à", "sur", name), or the contracted forms for Le / Les ("au Havre", "sur le Havre")."""
    low = fold(name)
    if low.startswith("le "):
        return "au", "sur le", name[3:]
    if low.startswith("les "):
        return "aux", "sur les", name[4:]
    return "à", "sur", name


def _variants(name: str, dep: str) -> dict[str, str]:
    plain = fold(name)
    out = {"exact": name, "lower case": plain, "no hyphens": plain.replace("-", " ")}
    if re.match(r"(?i)saint-", name):
        out["St"] = re.sub(r"(?i)^saint-", "St ", name)
    if re.match(r"(?i)sainte-", name):
        out["Ste"] = re.sub(r"(?i)^sainte-", "Ste ", name)
    out["with department"] = f"{name} ({dep})"
    return out


class Probe:
    def __init__(self, seed: int) -> None:
        self.g = gazetteer()
        self.rng = random.Random(seed)
        self.results: dict[str, Counter] = defaultdict(Counter)
        self.misses: dict[str, list] = defaultdict(list)

    def check(self, kind: str, text: str, code: str) -> None:
        p = understand(text)
        ok = p.territory is not None and (p.territory == code or code in self.g.ancestors(
            p.territory))
        self.results[kind]["right" if ok else "wrong"] += 1
        if not ok:
            self.misses[kind].append((text, code, p.territory, p.territory_candidates[:3]))

    def sentence(self, x: str) -> str:
        a, s, rest = _articles(x)
        return self.rng.choice(TEMPLATES).format(x=rest if a != "à" else x, a=a, s=s)

    def communes(self) -> None:
        g = self.g
        coms = [p for p in g.places.values() if p.level == "COM"
                and not g.parents[p.code][0].startswith("COM:")]
        names = Counter(p.name.lower() for p in coms)
        big = sorted(coms, key=lambda p: -p.population)[:300]
        small = self.rng.sample([p for p in coms if p.population >= 500], 300)
        for p in dict.fromkeys(big + small):
            dep = next(a[4:] for a in g.ancestors(p.code) if a.startswith("DEP:"))
            for kind, x in _variants(p.name, dep).items():
                if names[p.name.lower()] > 1 and kind != "with department":
                    continue
                self.check(kind, self.sentence(x), p.code)
        by_name: dict[str, list] = defaultdict(list)
        for p in coms:
            by_name[p.name].append(p)
        shared = [v for v in by_name.values() if len(v) > 1]
        self.rng.shuffle(shared)
        for same in shared[:400]:
            same = sorted(same, key=lambda p: -p.population)
            if same[0].population >= max(1000, 10 * same[1].population):
                self.check("namesakes, the largest", self.sentence(same[0].name), same[0].code)

    def areas(self) -> None:
        for p in self.g.places.values():
            if p.level == "DEP":
                name = fold(p.name).replace("-", " ")
                self.check("department, lower case", f"on est une asso en {name}, on cherche "
                           "des aides", p.code)
                if not p.code.startswith("DEP:97"):
                    self.check("department number", f"asso dans le {p.code[4:]}, quelles aides "
                               "?", p.code)

    def typos(self) -> None:
        g = self.g
        towns = [p for p in g.places.values() if p.level == "COM" and p.population >= 20_000
                 and not g.parents[p.code][0].startswith("COM:")]
        names = Counter(fold(p.name) for p in g.places.values() if p.level == "COM")
        for p in self.rng.sample(towns, 200):
            name = fold(p.name)
            if names[name] > 1 or len(name) < 6:
                continue
            inner = [i for i, c in enumerate(name) if c.isalpha()][1:-1]
            i = self.rng.choice(inner)
            self.check("typo: a letter missing", f"on est une asso a {name[:i] + name[i + 1:]}, "
                       "on cherche une subvention", p.code)
            j = self.rng.choice(inner)
            wrong = name[:j] + ("e" if name[j] != "e" else "a") + name[j + 1:]
            self.check("typo: a letter wrong", f"bonjour je suis a {wrong} et je veux creer mon "
                       "entreprise", p.code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show", type=int, default=0, help="misses to print per kind")
    args = parser.parse_args()
    probe = Probe(args.seed)
    probe.communes()
    probe.areas()
    probe.typos()
    for kind, c in probe.results.items():
        n = c["right"] + c["wrong"]
        print(f"{kind:26} {c['right']:4} / {n:4}  {c['right'] / n:.3f}")
        for miss in probe.misses[kind][: args.show]:
            print("    ", miss)


if __name__ == "__main__":
    main()
