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
def quartier_index() -> dict[str, tuple[tuple[str, str], ...]]:
    """Folded quartier name (without its article) -> ((code, official name), ...)."""
    path = DATA_DIR / "quartiers.csv"
    out: dict[str, list[tuple[str, str]]] = {}
    if not path.is_file():
        return {}
    g = gazetteer()
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
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


def _strip_article(name: str) -> str:
    for article in ("le ", "la ", "les ", "l "):
        if name.startswith(article):
            return name[len(article) :]
    return name


QUARTIER_CUES = {"quartier", "quartiers", "cite", "secteur", "a", "au", "aux", "sur", "dans",
                 "pres", "vers", "de", "du", "des", "la", "le", "les", "l", "vis", "habite"}


def _quartier_mentions(toks: list[_Tok], text: str) -> list[tuple[int, int, Mention]]:
    """Quartier names read as their arrondissement or commune. A name that is also a commune
    or an everyday word needs the word "quartier" or its city in the message."""
    index = quartier_index()
    if not index:
        return []
    g = gazetteer()
    names = name_index()
    out = []
    longest = max(len(k.split()) for k in index)
    for i in range(len(toks)):
        for n in range(min(longest, len(toks) - i), 0, -1):
            phrase = " ".join(t.folded for t in toks[i : i + n])
            entries = index.get(phrase)
            if not entries:
                continue
            prev = toks[i - 1].folded if i else ""
            said_quartier = prev in ("quartier", "quartiers", "cite") or (
                i > 1 and toks[i - 2].folded in ("quartier", "quartiers")
            )
            cities = {g.parents[c][0] if g.parents[c][0].startswith("COM:") else c
                      for c, _ in entries}
            city_named = any(
                fold(g.places[c].name) in " ".join(t.folded for t in toks)
                for c in cities
            )
            upper = toks[i].original[:1].isupper()
            if (phrase in names or _everyday(phrase)) and not (said_quartier or city_named):
                break
            if not (upper or prev in QUARTIER_CUES or said_quartier or city_named):
                break
            codes = tuple(dict.fromkeys(c for c, _ in entries))
            if city_named and len(codes) > 1:
                named = tuple(c for c in codes if fold(g.places[
                    g.parents[c][0] if g.parents[c][0].startswith("COM:") else c].name)
                    in " ".join(t.folded for t in toks))
                codes = named or codes
            if prev in ("la", "le", "les", "l") and i > 0:
                # "à la Villeneuve": the article belongs to the name, as in the commune La
                # Villeneuve it would otherwise lose to
                out.append((i - 1, n + 1, Mention(codes, prev, True, source="quartier",
                                                  start=i - 1)))
            else:
                out.append((i, n, Mention(codes, prev, True, source="quartier", start=i)))
            break
    return out


def _quartiers_of_the_town_named(mentions: list[Mention], g: Gazetteer) -> list[Mention]:
    """"à Villeurbanne, quartier Saint-Jean": a quartier named right after a town is a quartier
    of that town, even when the list knows only another town's quartier of that name (Saint-Jean,
    Lyon 5e): the town stays, the other town's quartier goes."""
    towns = [m for m in mentions if m.source == "name" and m.start >= 0 and len(m.codes) == 1
             and g.places[m.codes[0]].level == "COM"]
    out = []
    for m in mentions:
        if m.source == "quartier" and m.start >= 0:
            before = [t for t in towns if 0 < m.start - t.start <= 4]
            cities = {g.parents[c][0] if g.parents[c][0].startswith("COM:") else c
                      for c in m.codes}
            if before and not any(
                t.codes[0] in cities or t.codes[0] in m.codes for t in before
            ):
                continue
        out.append(m)
    return out
