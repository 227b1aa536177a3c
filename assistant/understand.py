"""Read a French question: where, what kind of help, for whom, at which stage, on which theme.

Rule-based on purpose: it runs in about a millisecond per question, it is predictable, and every
decision can be shown to the user ("j'ai compris : Tarare (69), prêt d'honneur"). Accents, case,
hyphens, apostrophes and one typo in a long word do not matter. Places are read by ``places``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from functools import cache

from . import vocab
from .places import _deletes, read_places
from .territory import gazetteer
from .text import fold

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
        for key in _deletes(w) | {w}:
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
            for key in _deletes(w) | {w}:
                cands |= idx.get(key, frozenset())
            if len(cands) == 1:
                w = next(iter(cands))
        out.append(w)
    return " ".join(out)


def _phrases(folded: str, table: dict[str, tuple[str, ...]]) -> list[str]:
    """Keys whose expressions occur, in order of appearance (longest expressions first; each
    span of text is used once)."""
    text = f" {folded} "
    found: dict[str, int] = {}
    pairs = sorted(((p, k) for k, ps in table.items() for p in ps), key=lambda x: -len(x[0]))
    for phrase, key in pairs:
        needle = f" {phrase} "
        at = text.find(needle)
        if at >= 0:
            text = text.replace(needle, " " + "|" * (len(needle) - 2) + " ")
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


def understand(question: str) -> Profile:
    folded = fold(question)
    reading = read_places(question)
    fixed = correct_typos(folded)
    nationwide = reading.territory is None and any(f" {p} " in f" {fixed} " for p in NATIONWIDE)
    needs = _phrases(fixed, vocab.NEED_WORDS)
    if any(f" {w} " in f" {fixed} " for w in vocab.FINANCING_WORDS) and not (
        set(needs) & set(vocab.FINANCING_NEEDS)
    ):
        needs.insert(0, "financement")
    audiences = _phrases(fixed, vocab.AUDIENCE_WORDS)
    audience = "porteur_projet" if "porteur_projet" in audiences else (audiences or [None])[0]
    stages = _phrases(fixed, vocab.STAGE_WORDS)
    stage = stages[0] if stages else None
    if audience == "porteur_projet" and stage is None:
        stage = "idee"
    return Profile(
        territory=reading.territory,
        territory_label=place_label(reading.territory) if reading.territory else None,
        territory_candidates=reading.candidates,
        nationwide=nationwide,
        needs=tuple(needs),
        themes=tuple(_phrases(fixed, vocab.THEME_WORDS)),
        audience=audience,
        stage=stage,
        language=detect_language(folded),
        issues=reading.issues,
    )
