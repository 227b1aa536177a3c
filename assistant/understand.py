"""Read a French question: where, what kind of help, for whom, at which stage, on which theme.

Rule-based on purpose: it runs in well under a millisecond per question, it is predictable, and
every decision can be explained to the user ("j'ai compris : Rhône, prêt d'honneur").
Accents, case, hyphens and apostrophes do not matter.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from functools import cache

from . import vocab
from .territory import Gazetteer, gazetteer
from .text import fold

TOKEN = re.compile(r"\w+", re.UNICODE)
CUES = {
    "a",
    "au",
    "aux",
    "sur",
    "de",
    "du",
    "des",
    "dans",
    "en",
    "pres",
    "vers",
    "le",
    "la",
    "les",
    "l",
    "d",
    "cote",
    "region",
    "departement",
    "ville",
    "commune",
    "secteur",
}
#: Department names that are also common words: they need a cue or a capital letter.
COMMON_DEPT = {
    "cher",
    "somme",
    "allier",
    "nord",
    "centre",
    "lot",
    "var",
    "manche",
    "orne",
    "gers",
    "landes",
    "marne",
    "oise",
    "eure",
    "creuse",
    "vienne",
    "loire",
    "ain",
    "aude",
    "doubs",
    "meuse",
    "indre",
    "tarn",
    "gard",
    "jura",
    "savoie",
    "corse",
}
REGION_ALIASES = {
    "aura": "84",
    "ara": "84",
    "rhone alpes": "84",
    "auvergne": "84",
    "idf": "11",
    "ile de france": "11",
    "paca": "93",
    "sud": None,
    "grand est": "44",
    "bretagne": "53",
    "normandie": "28",
    "occitanie": "76",
    "nouvelle aquitaine": "75",
    "hauts de france": "32",
    "centre val de loire": "24",
    "bourgogne franche comte": "27",
    "pays de la loire": "52",
    "corse": "94",
}
EPCI_ALIASES = {
    "grand lyon": "200046977",
    "metropole de lyon": "200046977",
    "metropole lyonnaise": "200046977",
    "la metropole": "200046977",
}
FOREIGN = {
    "belgique",
    "suisse",
    "quebec",
    "canada",
    "luxembourg",
    "allemagne",
    "espagne",
    "italie",
    "maroc",
    "tunisie",
    "algerie",
    "senegal",
    "bruxelles",
    "geneve",
    "lausanne",
    "montreal",
    "londres",
    "berlin",
    "madrid",
    "barcelone",
    "milan",
    "turin",
}
NATIONWIDE = (
    "partout en france",
    "toute la france",
    "national",
    "niveau national",
    "france entiere",
    "en france",
    "peu importe",
    "n importe ou",
)
ENGLISH = {
    "the",
    "and",
    "for",
    "my",
    "how",
    "what",
    "who",
    "which",
    "can",
    "funding",
    "where",
    "project",
    "startup",
    "with",
    "is",
    "are",
    "i",
    "to",
    "of",
    "in",
    "do",
    "does",
    "social",
    "enterprise",
    "help",
    "find",
    "looking",
    "grant",
    "grants",
}
FRENCH = {
    "le",
    "la",
    "les",
    "de",
    "des",
    "du",
    "pour",
    "mon",
    "ma",
    "je",
    "un",
    "une",
    "et",
    "est",
    "qui",
    "quel",
    "quelle",
    "comment",
    "dans",
    "projet",
    "aide",
    "financement",
}


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
        return replace(
            self,
            territory=previous.territory if keep_place else self.territory,
            territory_label=previous.territory_label if keep_place else self.territory_label,
            nationwide=previous.nationwide if keep_place else self.nationwide,
            audience=self.audience or previous.audience,
            stage=self.stage or previous.stage,
            themes=self.themes or previous.themes,
            needs=self.needs or previous.needs,
        )


@dataclass(frozen=True)
class _Tok:
    folded: str
    original: str
    start: int


@cache
def _name_index() -> dict[str, list[str]]:
    g = gazetteer()
    idx: dict[str, list[str]] = {}
    for code, place in g.places.items():
        if place.level in ("REG", "DEP", "COM"):
            idx.setdefault(fold(place.name), []).append(code)
    for name, code in EPCI_ALIASES.items():
        idx.setdefault(name, []).append(f"EPCI:{code}")
    for name, code in REGION_ALIASES.items():
        if code:
            idx.setdefault(name, []).append(f"REG:{code}")
    return idx


@cache
def _max_words() -> int:
    return max(len(k.split()) for k in _name_index())


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in TOKEN.finditer(text):
        f = fold(m.group())
        for part in f.split():
            out.append(_Tok(part, m.group(), m.start()))
    return out


def _accept(codes: list[str], toks: list[_Tok], i: int, n: int, g: Gazetteer) -> list[str]:
    """Keep the candidate places that the wording supports (cue word, capital, size)."""
    phrase = " ".join(t.folded for t in toks[i : i + n])
    prev = toks[i - 1].folded if i else ""
    cue = prev in CUES
    capital = toks[i].original[:1].isupper() and i > 0
    kept = []
    for code in codes:
        place = g.places[code]
        if place.level in ("REG", "EPCI"):
            kept.append(code)
        elif place.level == "DEP":
            if phrase in COMMON_DEPT and not (cue or capital):
                continue
            kept.append(code)
        else:
            big = place.population >= 100_000
            if (
                big
                or (capital and (place.population >= 1000 or n > 1))
                or (cue and (place.population >= 2000 or n > 1))
            ):
                kept.append(code)
    return kept


ARR = re.compile(r"\b(paris|lyon|marseille)\s*(\d{1,2})\s*(?:e|er|eme|ieme|arr\w*)?\b")
ARR2 = re.compile(
    r"\b(\d{1,2})\s*(?:e|er|eme|ieme)\s*(?:arrondissement\s*)?(?:de\s*)?"
    r"(paris|lyon|marseille)\b"
)
ARR_BASE = {"paris": 75100, "lyon": 69380, "marseille": 13200}
DEPNUM = re.compile(r"(?:\b(?:dans le|dans l|le|du|en|departement)\s+|\()(\d{2,3}|2a|2b)\b\)?")
POSTAL = re.compile(r"\b(\d{5})\b")


def find_places(text: str) -> tuple[list[list[str]], list[str]]:
    """Candidate places mentioned in ``text``: a list of alternatives per mention, plus issues."""
    g = gazetteer()
    folded = fold(text)
    mentions: list[list[str]] = []
    issues: list[str] = []
    for rx, order in ((ARR, (0, 1)), (ARR2, (1, 0))):
        for m in rx.finditer(folded):
            city, num = m.group(order[0] + 1), int(m.group(order[1] + 1))
            code = f"COM:{ARR_BASE[city] + num}"
            if g.get(code) and g.get(code).level == "COM" and num >= 1:
                mentions.append([code])
        folded = rx.sub(" ", folded)
    for m in POSTAL.finditer(folded):
        coms = g.postal.get(m.group(1))
        if coms:
            mentions.append(coms)
        folded = folded.replace(m.group(1), " ")
    for m in DEPNUM.finditer(folded):
        code = f"DEP:{m.group(1).upper()}"
        if g.get(code):
            mentions.append([code])
    toks = _tokens(text)
    idx = _name_index()
    i = 0
    while i < len(toks):
        matched = False
        for n in range(min(_max_words(), len(toks) - i), 0, -1):
            phrase = " ".join(t.folded for t in toks[i : i + n])
            if phrase in FOREIGN and n == 1:
                issues.append(f"outside_france:{phrase}")
            codes = idx.get(phrase)
            if not codes:
                continue
            kept = _accept(codes, toks, i, n, g)
            if kept:
                mentions.append(kept)
                i += n
                matched = True
                break
        if not matched:
            i += 1
    return mentions, issues


def _resolve(mentions: list[list[str]], g: Gazetteer) -> tuple[str | None, tuple[str, ...], list]:
    """One place, or candidates to ask about, or a contradiction."""
    if not mentions:
        return None, (), []
    # drop alternatives contradicted by another, unambiguous mention (Valence ... dans la Drôme)
    sure = [m[0] for m in mentions if len(m) == 1]
    resolved = []
    for alts in mentions:
        if len(alts) > 1 and sure:
            inside = [c for c in alts if any(s in g.ancestors(c) for s in sure)]
            alts = inside or alts
        if len(alts) > 1:
            alts = _by_population(alts, g)
        resolved.append(alts)
    ambiguous = [a for a in resolved if len(a) > 1]
    if ambiguous:
        return None, tuple(ambiguous[0][:6]), []
    places = list(dict.fromkeys(a[0] for a in resolved))
    # keep the most specific place when the others contain it
    specific = [p for p in places if not any(p != q and p in g.ancestors(q) for q in places)]
    if len(specific) == 1:
        return specific[0], (), []
    levels = {g.places[p].level for p in specific}
    clash = len(levels) > 1 and levels & {"DEP", "REG"}
    return None, tuple(specific), ["contradiction" if clash else "several_places"]


def _by_population(codes: list[str], g: Gazetteer) -> list[str]:
    """Homonyms: keep the clearly biggest one, else all of them (the user is asked)."""
    ranked = sorted(codes, key=lambda c: -g.places[c].population)
    levels = {g.places[c].level for c in codes}
    if levels != {"COM"}:
        non_com = [c for c in ranked if g.places[c].level != "COM"]
        return non_com[:1]
    first, second = g.places[ranked[0]].population, g.places[ranked[1]].population
    return ranked[:1] if first >= 5 * max(second, 1) else ranked


def _phrases(folded: str, table: dict[str, tuple[str, ...]]) -> list[str]:
    """Keys whose expressions occur (longest expressions first; each span used once)."""
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


def understand(question: str) -> Profile:
    g = gazetteer()
    folded = fold(question)
    mentions, issues = find_places(question)
    territory, candidates, more = _resolve(mentions, g)
    issues += more
    nationwide = any(f" {p} " in f" {folded} " for p in NATIONWIDE) and territory is None
    needs = _phrases(folded, vocab.NEED_WORDS)
    if any(f" {w} " in f" {folded} " for w in vocab.FINANCING_WORDS) and not (
        set(needs) & set(vocab.FINANCING_NEEDS)
    ):
        needs.insert(0, "financement")
    audiences = _phrases(folded, vocab.AUDIENCE_WORDS)
    audience = audiences[0] if audiences else None
    if "porteur_projet" in audiences:
        audience = "porteur_projet"
    stages = _phrases(folded, vocab.STAGE_WORDS)
    stage = stages[0] if stages else None
    if audience == "porteur_projet" and stage is None:
        stage = "idee"
    return Profile(
        territory=territory,
        territory_label=g.label(territory) if territory else None,
        territory_candidates=candidates,
        nationwide=nationwide,
        needs=tuple(needs),
        themes=tuple(_phrases(folded, vocab.THEME_WORDS)),
        audience=audience,
        stage=stage,
        language=detect_language(folded),
        issues=tuple(dict.fromkeys(issues)),
    )
