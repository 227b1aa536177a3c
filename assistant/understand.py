"""Read a French question: where, what kind of help, for whom, at which stage, on which theme.

Rule-based on purpose: it runs in about a millisecond per question, it is predictable, and every
decision can be shown to the user ("j'ai compris : Tarare (69), prêt d'honneur"). Accents, case,
hyphens, apostrophes and one typo in a long word do not matter. Places are read by ``places``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from functools import cache

from . import vocab
from .places import read_places
from .territory import gazetteer
from .text import deletions, edit_distance, fold

# fmt: off
NATIONWIDE = ("partout en france", "toute la france", "national", "nationale", "niveau national",
              "france entiere", "peu importe", "n importe ou", "toute la france metropolitaine",
              "echelle nationale")
ENGLISH = {"the", "and", "for", "my", "how", "what", "who", "which", "can", "funding", "where",
           "project", "startup", "with", "is", "are", "i", "to", "of", "in", "do", "does",
           "social", "enterprise", "help", "find", "looking", "grant", "grants"}
FRENCH = {"le", "la", "les", "de", "des", "du", "pour", "mon", "ma", "je", "un", "une", "et",
          "est", "qui", "quel", "quelle", "comment", "dans", "projet", "aide", "financement"}
# fmt: on
#: Typos are corrected only in words at least this long (shorter words collide too often).
TYPO_MIN_LEN = 7


@dataclass(frozen=True)
class Profile:
    """What the assistant understood from the question (and the conversation)."""

    territory: str | None = None
    territory_label: str | None = None
    territory_candidates: tuple[str, ...] = ()
    nationwide: bool = False
    needs: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    audience: str | None = None
    stage: str | None = None
    language: str = "fr"
    issues: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict:
        d = asdict(self)
        for k in ("territory_candidates", "needs", "themes", "issues"):
            d[k] = list(d[k])
        return d

    def need_keys(self) -> set[str]:
        """Needs as document vocabulary: 'financement' stands for every financing need."""
        out = set(self.needs) - {"financement"}
        if "financement" in self.needs:
            out |= set(vocab.FINANCING_NEEDS)
        return out

    def merged_with(self, previous: Profile | None) -> Profile:
        """Follow-up questions keep what was learnt unless the new question changes it."""
        if previous is None:
            return self
        keep_place = (
            self.territory is None and not self.territory_candidates and not self.nationwide
        )
        territory, label = self.territory, self.territory_label
        if keep_place:
            territory, label = previous.territory, previous.territory_label
        elif territory and previous.territory_candidates:
            # a reply to "which one?": "dans la Drôme" picks Valence (26) among the candidates
            g = gazetteer()
            picked = [c for c in previous.territory_candidates if territory in g.ancestors(c)]
            if len(picked) == 1:
                territory, label = picked[0], place_label(picked[0])
        return replace(
            self,
            territory=territory,
            territory_label=label,
            nationwide=previous.nationwide if keep_place else self.nationwide,
            audience=self.audience or previous.audience,
            stage=self.stage or previous.stage,
            themes=self.themes or previous.themes,
            needs=self.needs or previous.needs,
        )


@cache
def _vocab_words() -> dict[str, str]:
    """Every single word used in the expression tables (for typo correction)."""
    tables = (vocab.NEED_WORDS, vocab.THEME_WORDS, vocab.AUDIENCE_WORDS, vocab.STAGE_WORDS)
    words = {w for t in tables for ps in t.values() for p in ps for w in p.split()}
    words |= {w for p in vocab.FINANCING_WORDS for w in p.split()}
    return {w: w for w in words if len(w) >= TYPO_MIN_LEN}


@cache
def _typo_index() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for w in _vocab_words():
        for key in deletions(w) | {w}:
            out.setdefault(key, set()).add(w)
    return {k: frozenset(v) for k, v in out.items()}


def correct_typos(folded: str) -> str:
    """Replace a long word one edit away from exactly one vocabulary word ("subention")."""
    known = _vocab_words()
    idx = _typo_index()
    out = []
    for w in folded.split():
        if len(w) >= TYPO_MIN_LEN and w not in known:
            cands: set[str] = set()
            for key in deletions(w) | {w}:
                cands |= idx.get(key, frozenset())
            cands = {c for c in cands if edit_distance(w, c) <= 1}
            if len(cands) == 1:
                w = next(iter(cands))
        out.append(w)
    return " ".join(out)


_EXPRESSIONS: dict[int, list[tuple[str, list[str]]]] = {}


def _expressions(table: dict[str, tuple[str, ...]]) -> list[tuple[str, list[str]]]:
    """(" expression ", keys) longest first, computed once per vocabulary table."""
    if id(table) not in _EXPRESSIONS:
        keys_of: dict[str, list[str]] = {}
        for key, phrases in table.items():
            for phrase in phrases:
                keys_of.setdefault(phrase, []).append(key)
        ordered = sorted(keys_of, key=len, reverse=True)
        _EXPRESSIONS[id(table)] = [(f" {p} ", keys_of[p]) for p in ordered]
    return _EXPRESSIONS[id(table)]


def _phrases(folded: str, table: dict[str, tuple[str, ...]]) -> list[str]:
    """Keys whose expressions occur, in order of appearance. Longer expressions win and each
    span of text is used once; an expression listed under two keys ("e-santé") gives both."""
    text = f" {folded} "
    found: dict[str, int] = {}
    for needle, keys in _expressions(table):
        at = text.find(needle)
        if at >= 0:
            text = text.replace(needle, " " + "|" * (len(needle) - 2) + " ")
            for key in keys:
                found[key] = min(found.get(key, at), at)
    return sorted(found, key=found.get)


def detect_language(folded: str) -> str:
    ws = folded.split()
    en = sum(w in ENGLISH for w in ws)
    fr = sum(w in FRENCH for w in ws)
    return "en" if en >= 3 and en > 2 * fr else "fr"


def place_label(code: str) -> str:
    """ "Tarare (69)", "Rhône (69)", "Auvergne-Rhône-Alpes": the department shows for communes."""
    g = gazetteer()
    place = g.get(code)
    if place and place.level == "COM":
        dep = next((a for a in g.ancestors(code) if a.startswith("DEP:")), None)
        return f"{place.name} ({dep[4:]})" if dep else place.name
    return g.label(code)


#: "prêt à" + verb is "ready to", not a loan ("des investisseurs prêts à entrer au capital")
READY = re.compile(r"\b(pret|prets|prete|pretes) a (?!taux)")


def _has(text: str, phrases) -> int:
    """Position of the first phrase found in ``text`` (padded), or -1."""
    found = [text.find(f" {p} ") for p in phrases]
    found = [f for f in found if f >= 0]
    return min(found) if found else -1


LOOKING_FOR_LOAN = (
    "cherche un pret",
    "cherchons un pret",
    "cherche un credit",
    "cherchons un credit",
    "besoin d un pret",
    "besoin d un credit",
)
AUDIENCE_PRIORITY = (
    "structure_insertion",
    "entreprise_esus",
    "cooperative",
    "association",
    "collectivite",
    "entreprise",
)


def _audience(text: str) -> str | None:
    """Who is asking: no structure yet (porteur_projet), or the structure they speak for."""
    found = _phrases(text, vocab.AUDIENCE_WORDS)
    owner = _has(text, vocab.HAS_STRUCTURE)
    if _has(text, vocab.NO_STRUCTURE) >= 0 and owner < 0:
        return "porteur_projet"
    if not found:
        return None
    if "entreprise_esus" in found and "entreprise" in found:
        return "entreprise_esus"  # "une SAS agréée ESUS"
    if owner >= 0:
        # the structure named right after "notre ..." / "nous sommes une ..."
        after = _phrases(text[owner : owner + 60], vocab.AUDIENCE_WORDS)
        if after:
            return after[0]
    return min(found, key=AUDIENCE_PRIORITY.index)


def _stage(text: str, audience: str | None) -> str | None:
    stages = set(_phrases(text, vocab.STAGE_WORDS))
    if "changement_echelle" in stages:
        return "changement_echelle"
    if audience == "porteur_projet":
        return "creation" if "creation" in stages else "idee"
    if "developpement" in stages:
        return "developpement"
    creating = ("veut creer", "veulent creer", "veut monter", "voulons creer", "voulons monter")
    if "creation" in stages or _has(text, creating) >= 0:
        return "creation"
    return "idee" if "idee" in stages else None


def understand(question: str) -> Profile:
    folded = fold(question)
    reading = read_places(question)
    fixed = " " + READY.sub("ready a ", correct_typos(folded)) + " "
    nationwide = reading.territory is None and _has(fixed, NATIONWIDE) >= 0
    needs = _phrases(fixed, vocab.NEED_WORDS)
    if "garantie" in needs and "pret" in needs and _has(fixed, LOOKING_FOR_LOAN) < 0:
        needs.remove("pret")  # the loan is only what is to be guaranteed
    money = set(vocab.FINANCING_NEEDS) - {"prix"}
    if _has(fixed, vocab.FINANCING_WORDS) >= 0 and not set(needs) & money:
        needs.insert(0, "financement")
    audience = _audience(fixed)
    themed = fixed
    for phrase in vocab.NOT_THEMES:
        themed = themed.replace(f" {phrase} ", " | ")
    return Profile(
        territory=reading.territory,
        territory_label=place_label(reading.territory) if reading.territory else None,
        territory_candidates=reading.candidates,
        nationwide=nationwide,
        needs=tuple(needs),
        themes=tuple(_phrases(themed, vocab.THEME_WORDS)),
        audience=audience,
        stage=_stage(fixed, audience),
        language=detect_language(folded),
        issues=reading.issues,
    )
