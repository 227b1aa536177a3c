"""Places inside a city: Paris, Lyon and Marseille arrondissements ("Lyon 7e", "le XVIIIe de
Paris"), and quartiers read as their arrondissement or commune (``data/quartiers.csv``)."""

from __future__ import annotations

import csv
import re
from functools import cache

from ..config import DATA_DIR
from .mentions import Mention, _Tok
from .placenames import _everyday, name_index
from .territory import Gazetteer, gazetteer
from .text import fold

_ROMAN = r"(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|xiii|xiv|xv|xvi|xvii|xviii|xix|xx)"
#: "Lyon 7e", "lyon 5", "Lyon Ve", "paris 18eme", "marseille 13e arrondissement"
ARR = re.compile(
    r"\b(paris|lyon|marseille)\s*(?:(\d{1,2})\s*(?:e|er|eme|ieme|ième|arr\w*)?|(" + _ROMAN
    + r")\s*(?:e|er|eme|ieme))\b"
)
#: "7e arrondissement de Lyon", "le 6eme a lyon", "dans le 3e à Lyon", "XVIIIe de Paris"
ARR2 = re.compile(
    r"\b(?:(\d{1,2})|(" + _ROMAN + r"))\s*(?:e|er|eme|ieme)\s*(?:arrondissement\s*)?"
    r"(?:de|du|a|sur|dans)?\s*(paris|lyon|marseille)\b"
)
ARR_BASE = {"paris": 75100, "lyon": 69380, "marseille": 13200}
ARR_MAX = {"paris": 20, "lyon": 9, "marseille": 16}
ROMAN = {r: i for i, r in enumerate(_ROMAN[3:-1].split("|"), start=1)}


@cache
def _quartier_rows() -> tuple[dict[str, str], ...]:
    """The lines of ``data/quartiers.csv`` (none when the file is missing)."""
    path = DATA_DIR / "quartiers.csv"
    if not path.is_file():
        return ()
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh, delimiter=";"))


@cache
def quartier_index() -> dict[str, tuple[tuple[str, str], ...]]:
    """Folded quartier name (without its article) -> ((code, official name), ...)."""
    out: dict[str, list[tuple[str, str]]] = {}
    g = gazetteer()
    for row in _quartier_rows():
        code = (row.get("code") or "").strip()
        if code not in g.places:
            continue
        names = [row["quartier"], *(row.get("aliases") or "").split("|")]
        for name in names:
            key = _strip_article(fold(name))
            if len(key) >= 3:
                out.setdefault(key, [])
                if all(c != code for c, _ in out[key]):
                    out[key].append((code, row["quartier"].strip()))
    return {k: tuple(v) for k, v in out.items()}


@cache
def qpv_quartiers() -> dict[tuple[str, str], str]:
    """(code, official quartier name) -> the page that lists it among the priority
    neighbourhoods (QPV, 2024 geography): the rows of ``data/quartiers.csv`` marked ``oui``."""
    return {
        ((row.get("code") or "").strip(), row["quartier"].strip()):
            (row.get("qpv_source") or "").strip()
        for row in _quartier_rows()
        if (row.get("qpv") or "").strip().lower() == "oui"
    }


def in_qpv(mention: Mention) -> bool:
    """A quartier read from the message that is a priority neighbourhood ("aux Minguettes")."""
    return mention.source == "quartier" and any(
        (code, mention.name) in qpv_quartiers() for code in mention.codes
    )


def _strip_article(name: str) -> str:
    for article in ("le ", "la ", "les ", "l "):
        if name.startswith(article):
            return name[len(article) :]
    return name


_LONGEST: dict[int, int] = {}


def _listed(toks: list[_Tok], index: dict, i: int):
    """(length, phrase, entry) of the phrases of ``index`` that start at token ``i``, the
    longest first (the longest name's length is counted once per list)."""
    longest = _LONGEST.get(id(index))
    if longest is None:
        longest = _LONGEST[id(index)] = max(len(k.split()) for k in index)
    for n in range(min(longest, len(toks) - i), 0, -1):
        phrase = " ".join(t.folded for t in toks[i : i + n])
        entry = index.get(phrase)
        if entry:
            yield n, phrase, entry


QUARTIER_CUES = {"quartier", "quartiers", "cite", "secteur", "a", "au", "aux", "sur", "dans",
                 "pres", "vers", "de", "du", "des", "la", "le", "les", "l", "vis", "habite"}


#: a department's number written beside a name: "Auteuil (60)", "dép. 29"
DEPARTMENT_NUMBER = re.compile(r"\(\s*(?:\d{2}|2[abAB]|97\d)\s*\)|\bd[ée]p(?:artement|\.)?\s*\d")


@cache
def _area_table() -> tuple[tuple[str, str], ...]:
    """(folded name, code) of every department and region."""
    g = gazetteer()
    return tuple((fold(p.name), code) for code, p in g.places.items()
                 if p.level in ("DEP", "REG"))


def _areas_named(folded: str) -> set[str]:
    """The departments and regions a message names in words."""
    text = f" {folded} "
    return {code for name, code in _area_table() if f" {name} " in text}


def _quartier_mentions(toks: list[_Tok], text: str) -> list[tuple[int, int, Mention]]:
    """Quartier names read as their arrondissement or commune. A name that is also a commune
    or an everyday word needs the word "quartier" or its city in the message."""
    index = quartier_index()
    if not index:
        return []
    g = gazetteer()
    names = name_index()
    out = []
    for i in range(len(toks)):
        for n, phrase, entries in _listed(toks, index, i):
            prev = toks[i - 1].folded if i else ""
            # "quartier Moulins", "quartier des Moulins" (not "asso de quartier à Moulins")
            said_quartier = prev in ("quartier", "quartiers", "cite") or (
                i > 1 and toks[i - 2].folded in ("quartier", "quartiers")
                and prev in ("de", "du", "des", "d", "la", "le", "les", "l")
            )
            cities = {g.parents[c][0] if g.parents[c][0].startswith("COM:") else c
                      for c, _ in entries}
            city_named = any(
                fold(g.places[c].name) in " ".join(t.folded for t in toks)
                for c in cities
            )
            upper = toks[i].original[:1].isupper()
            # a quartier of a big city over a village of the same name (Gerland, Lyon 7e,
            # and Gerland, Côte-d'Or, 300 inhabitants), written as a name
            famous = upper and phrase in names and not _everyday(phrase) and all(
                g.places[c].population < 2000 for c in names[phrase]
                if c in g.places and g.places[c].level == "COM"
            ) and any(g.places[c].population >= 100_000 for c in cities if c in g.places) and not (
                # unless the message names another department or region ("en Côte-d'Or",
                # "Auteuil (60)")
                _areas_named(" ".join(t.folded for t in toks))
                - {a for c in cities for a in g.ancestors(c)}
                or DEPARTMENT_NUMBER.search(text)
            )
            if (phrase in names or _everyday(phrase)) and not (
                    said_quartier or city_named or famous):
                break
            if _strip_article(phrase) in area_index() and not (said_quartier or city_named):
                break  # "les Cévennes ardéchoises": the area, not Montpellier's quartier
            if phrase in OLD_REGIONS and not (said_quartier or city_named):
                break  # "l'incubateur de Bourgogne": the old region, not Roanne's quartier
            if not (upper or prev in QUARTIER_CUES or said_quartier or city_named):
                break
            codes = tuple(dict.fromkeys(c for c, _ in entries))
            if city_named and len(codes) > 1:
                named = tuple(c for c in codes if fold(g.places[
                    g.parents[c][0] if g.parents[c][0].startswith("COM:") else c].name)
                    in " ".join(t.folded for t in toks))
                codes = named or codes
            official = {q for c, q in entries if c in codes}
            official = official.pop() if len(official) == 1 else ""
            if prev in ("la", "le", "les", "l") and i > 0:
                # "à la Villeneuve": the article belongs to the name, as in the commune La
                # Villeneuve it would otherwise lose to
                out.append((i - 1, n + 1, Mention(codes, prev, True, source="quartier",
                                                  start=i - 1, name=official)))
            else:
                out.append((i, n, Mention(codes, prev, True, source="quartier", start=i,
                                          name=official)))
            break
    return out


#: the regions of before 2016, still said ("en Bourgogne", "en Alsace"): never a quartier
#: of the same name without "quartier" or its town said
OLD_REGIONS = frozenset({
    "alsace", "aquitaine", "auvergne", "basse normandie", "bourgogne", "champagne ardenne",
    "franche comte", "haute normandie", "languedoc roussillon", "languedoc", "limousin",
    "lorraine", "midi pyrenees", "nord pas de calais", "picardie", "poitou charentes",
    "provence", "rhone alpes", "roussillon", "champagne", "poitou", "savoie"})


def _quartiers_of_the_town_named(mentions: list[Mention], g: Gazetteer) -> list[Mention]:
    """"à Villeurbanne, quartier Saint-Jean": a quartier named right after a town is a quartier
    of that town, even when the list knows only another town's quartier of that name (Saint-Jean,
    Lyon 5e): the town stays, the other town's quartier goes."""
    towns = _towns(mentions, g)
    out = []
    for m in mentions:
        if m.source == "quartier" and m.start >= 0:
            before = [t for t in towns if 0 < m.start - t.start <= 4]
            if before and not any(_in_town(m.codes, t.codes[0], g) for t in before):
                continue
        out.append(m)
    return out


def _towns(mentions: list[Mention], g: Gazetteer) -> list[Mention]:
    """The mentions read from words as one commune, no doubt about which."""
    return [m for m in mentions if m.source == "name" and m.start >= 0 and len(m.codes) == 1
            and g.places[m.codes[0]].level == "COM"]


def _in_town(codes, town: str, g: Gazetteer) -> bool:
    """One of the codes of a place read is the town or one of its arrondissements."""
    return any(c == town or (g.parents.get(c) or [""])[0] == town for c in codes)


#: the words that say a quartier is named next: "le quartier de la Monnaie", "cité Saint-Jean"
QUARTIER_WORDS = frozenset({"quartier", "quartiers", "cite", "residence", "secteur"})
#: what may stand between that word and the name, and between the name and its town
QUARTIER_LINKS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l"})
TOWN_LINKS = frozenset({"a", "de", "du", "d", "sur"})


def _quartier_of_the_town_after(mentions: list[Mention], toks, found, g: Gazetteer
                                ) -> list[Mention]:
    """"le quartier de la Monnaie à Romans", "le quartier Saint-Jean à Beauvais": a name after
    "quartier" that is followed by a town names a quartier of that town, not a commune of the
    same name (Monnaie, Indre-et-Loire) nor another city's quartier (Saint-Jean, Lyon 5e)."""
    length = {(i, m.source): n for i, n, m in found}
    words = [t.folded for t in toks]
    towns = {m.start: m for m in _towns(mentions, g)}
    out = []
    for m in mentions:
        if m.start > 0 and m.source in ("name", "quartier"):
            j = m.start - 1
            while j >= 0 and words[j] in QUARTIER_LINKS:
                j -= 1
            if j >= 0 and words[j] in QUARTIER_WORDS and m.start - j <= 3:
                end = m.start + length.get((m.start, m.source), 1)
                k = end
                while k < len(words) and k - end < 2 and words[k] in TOWN_LINKS:
                    k += 1
                town = towns.get(k)
                if town is not None and k > end and not _in_town(m.codes, town.codes[0], g):
                    continue  # the quartier's town stays; this namesake goes
        out.append(m)
    return out


@cache
def area_index() -> dict[str, tuple[tuple[str, ...], str]]:
    """Folded name of a natural or historic area ("beaujolais", "monts du forez") -> (the codes
    of the departments it lies in, the one holding most of it first; its name as listed), from
    ``data/pays.csv``."""
    path = DATA_DIR / "pays.csv"
    out: dict[str, tuple[tuple[str, ...], str]] = {}
    if not path.is_file():
        return out
    g = gazetteer()
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            codes = tuple(f"DEP:{d.strip()}" for d in (row.get("departments") or "").split("|")
                          if f"DEP:{d.strip()}" in g.places)
            if not codes:
                continue
            for name in [row["pays"], *(row.get("aliases") or "").split("|")]:
                key = _strip_article(fold(name))
                if len(key) >= 3:
                    out.setdefault(key, (codes, row["pays"].strip()))
    return out


#: words that announce an area: "dans le Beaujolais", "en Chartreuse", "du Forez", "côté Vercors"
AREA_CUES = {"le", "la", "les", "l", "dans", "en", "du", "des", "au", "aux", "pays", "cote",
             "sur", "vers", "massif"}
#: what announces an area rather than a commune of the same name: "en Tarentaise", "dans la
#: Bresse" (but "à La Bresse", "à Tarentaise" are the communes)
AREA_OVER_TOWN = {"en", "dans", "du", "des", "pays", "cote", "massif", "vers"}
ARTICLES = {"le", "la", "les", "l"}


def _area_mentions(toks: list[_Tok]) -> list[tuple[int, int, Mention]]:
    """Natural and historic areas read as their department(s): "notre épicerie est dans le
    Beaujolais" is in the Rhône (or a neighbour: asked); "dans le Bugey" is in the Ain. A name
    that is also a commune is the area only after "en", "dans (le)", "du"...; an area whose name
    is an everyday word needs its capital."""
    index = area_index()
    if not index:
        return []
    names = name_index()
    out = []
    i = 0
    while i < len(toks):
        for n, phrase, entry in _listed(toks, index, i):
            prev = toks[i - 1].folded if i else ""
            before = toks[i - 2].folded if i > 1 else ""
            cue = before if prev in ARTICLES else prev
            upper = toks[i].original[:1].isupper()
            known = names.get(phrase, ()) + names.get(f"{prev} {phrase}", ())
            if any(not c.startswith("COM:") for c in known):
                continue  # "le Diois", "le Trièves": the intercommunality of that name, closer
            if known and cue not in AREA_OVER_TOWN:
                continue
            if _everyday(phrase) and not upper:
                continue
            if not (upper or prev in AREA_CUES):
                continue
            codes, name = entry
            first = i - 1 if prev in ARTICLES and i else i  # the article goes with the name
            out.append((first, n + i - first,
                        Mention(codes, cue, True, source="area", start=first, name=name)))
            i += n - 1
            break
        i += 1
    return out
