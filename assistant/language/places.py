"""Find the place a French question is about, as an official territory code.

Handles names with or without accents and hyphens, lower case, one typo, postal codes, department
numbers, Paris/Lyon/Marseille arrondissements, EPCI names and common regional abbreviations.
It never guesses silently: homonyms that the wording does not settle, postal codes shared by
several communes, places that contradict each other and places abroad come back as candidates or
issues, so the assistant can ask.

This module finds the mentions and settles them into one reading; the names places go by are in
:mod:`.placenames`, whether the words support a place name (and what the place is to the
person) in :mod:`.mentions`, arrondissements and quartiers in :mod:`.quartiers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from .french import is_known
from .mentions import (
    CONTRACTED,
    CUES,
    STRONG_CUES,
    Mention,
    _accept,
    _clean_numbers,
    _compounds,
    _inside,
    _role,
    _Tok,
    _tokens,
)
from .person import MONTHS
from .placenames import _everyday, _fuzzy, _last_words, _max_words, contracted_index, name_index
from .quartiers import (
    ARR,
    ARR2,
    ARR_BASE,
    ARR_MAX,
    ROMAN,
    _area_mentions,
    _quartier_mentions,
    _quartier_of_the_town_after,
    _quartiers_of_the_town_named,
)
from .territory import Gazetteer, gazetteer
from .text import fold

# fmt: off
#: Words for the people of a city, read as the city when no place is named.
DEMONYMS = {"lyonnais": "COM:69123", "lyonnaise": "COM:69123", "lyonnaises": "COM:69123",
            "stephanois": "COM:42218", "stephanoise": "COM:42218", "grenoblois": "COM:38185",
            "grenobloise": "COM:38185", "clermontois": "COM:63113", "clermontoise": "COM:63113",
            "villeurbannais": "COM:69266", "villeurbannaise": "COM:69266",
            "marseillais": "COM:13055", "marseillaise": "COM:13055", "parisien": "COM:75056",
            "parisienne": "COM:75056", "bordelais": "COM:33063", "bordelaise": "COM:33063",
            "lillois": "COM:59350", "lilloise": "COM:59350", "rennais": "COM:35238",
            "rennaise": "COM:35238", "nantais": "COM:44109", "nantaise": "COM:44109",
            "toulousain": "COM:31555", "toulousaine": "COM:31555", "brestois": "COM:29019",
            "brestoise": "COM:29019", "nicois": "COM:06088",
            "nicoise": "COM:06088", "montpellierain": "COM:34172",
            "montpellieraine": "COM:34172", "strasbourgeois": "COM:67482",
            "strasbourgeoise": "COM:67482", "rouennais": "COM:76540", "rouennaise": "COM:76540",
            "dijonnais": "COM:21231", "dijonnaise": "COM:21231", "angevin": "COM:49007",
            "angevine": "COM:49007", "tourangeau": "COM:37261", "tourangelle": "COM:37261",
            "annecien": "COM:74010", "annecienne": "COM:74010", "chamberien": "COM:73065",
            "chamberienne": "COM:73065", "valentinois": "COM:26362", "valentinoise": "COM:26362",
            "roannais": "COM:42187", "roannaise": "COM:42187", "aurillacois": "COM:15014",
            "aurillacoise": "COM:15014", "ponot": "COM:43157", "ponote": "COM:43157",
            "montluconnais": "COM:03185", "montluconnaise": "COM:03185", "moulinois": "COM:03190",
            "moulinoise": "COM:03190", "vichyssois": "COM:03310", "vichyssoise": "COM:03310",
            "burgien": "COM:01053", "burgienne": "COM:01053", "caladois": "COM:69264",
            "caladoise": "COM:69264"}
#: Words for the people of a department or an overseas territory ("côté drômois"): the
#: department when no place is named, and the side of an area that spans several ("le Vercors
#: côté drômois"). Names shared by two departments (savoyard) are left out.
DEP_DEMONYMS = {
    "aindinois": "DEP:01", "aindinoise": "DEP:01", "ardechois": "DEP:07",
    "ardechoise": "DEP:07", "cantalien": "DEP:15", "cantalienne": "DEP:15",
    "dromois": "DEP:26", "dromoise": "DEP:26", "iserois": "DEP:38", "iseroise": "DEP:38",
    "altiligerien": "DEP:43", "altiligerienne": "DEP:43", "puydomois": "DEP:63",
    "puydomoise": "DEP:63", "rhodanien": "DEP:69", "rhodanienne": "DEP:69",
    "haut savoyard": "DEP:74", "haute savoyarde": "DEP:74", "haut savoyarde": "DEP:74",
    "haut savoyards": "DEP:74", "haut savoyardes": "DEP:74", "finisterien": "DEP:29",
    "finisterienne": "DEP:29", "morbihannais": "DEP:56", "morbihannaise": "DEP:56",
    "vendeen": "DEP:85", "vendeenne": "DEP:85", "correzien": "DEP:19", "correzienne": "DEP:19",
    "creusois": "DEP:23", "creusoise": "DEP:23", "aveyronnais": "DEP:12",
    "aveyronnaise": "DEP:12", "lotois": "DEP:46", "lotoise": "DEP:46", "gersois": "DEP:32",
    "gersoise": "DEP:32", "landais": "DEP:40", "landaise": "DEP:40", "ariegeois": "DEP:09",
    "ariegeoise": "DEP:09", "reunionnais": "DEP:974", "reunionnaise": "DEP:974",
    "martiniquais": "DEP:972", "martiniquaise": "DEP:972", "guadeloupeen": "DEP:971",
    "guadeloupeenne": "DEP:971", "guyanais": "DEP:973", "guyanaise": "DEP:973",
    "mahorais": "DEP:976", "mahoraise": "DEP:976",
}
#: the Seine-Saint-Denis as people say it: "le 9-3", "du neuf-trois"
NINE_THREE = re.compile(r"\b(?:le|du|dans le|au|en)\s*(?:9\s*[-.]?\s*3|neuf\s*-?\s*trois)\b")
#: Cues that point to a department or a region rather than a commune of the same name.
AREA_CUES = {"dans", "le", "la", "l", "en", "departement", "region", "du"}
#: Cues that point to a commune.
TOWN_CUES = {"a", "au", "ville", "commune", "habite", "pres", "vers", "sur"}
FOREIGN = {"belgique", "suisse", "quebec", "canada", "luxembourg", "allemagne", "espagne",
           "italie", "maroc", "tunisie", "algerie", "senegal", "bruxelles", "geneve", "lausanne",
           "montreal", "londres", "berlin", "madrid", "barcelone", "milan", "turin", "liege",
           "dakar", "casablanca", "tunis", "alger", "abidjan"}
# fmt: on

DEPNUM = re.compile(
    r"\b(?:dans le|dans l|le|du|en|departement|dept|dpt|dep)\.?\s+(\d{2,3}|2a|2b)\b"
    # a date is no department: "la loi du 10 septembre 1947", "le 15 mars"
    r"(?!\s+(?:" + MONTHS + r")\b)")
PAREN_DEP = re.compile(r"\(\s*(\d{2,3}|2a|2b)\s*\)")
#: a department number heading the message: "73 - je reprends...", "69 : asso..."
HEAD_DEP = re.compile(r"^\s*(\d{2}|2a|2b|97[1-6])\s*[-–—:,/]")
#: a department number just after a place name: "Saint-Pierre 974", "st denis 93"
AFTER_NAME_DEP = re.compile(r"([a-zà-ÿ]+)\s+(\d{2}|2a|2b|97[1-6])\b(?!\s*(?:€|euros?|%|k\b))", re.I)
POSTAL = re.compile(r"\b(\d{5})\b")
#: a department number closing a parenthesis after a name: "(st gervais d'auvergne, 63)"
TAIL_DEP = re.compile(r"[a-zà-ÿ]\s*,\s*(\d{2}|2a|2b|97[1-6])\s*\)")
#: a distance to a town is a landmark: "on est à 1h de Lyon" reads as "près de Lyon"
SENTENCE_END = re.compile(r"[.!?;]\s")
DISTANCE = re.compile(
    r"\b(?:a|à)\s+(?:\d+\s*(?:h\s*\d*|heures?|km|kilometres?|kilomètres?|min|minutes?)"
    r"|une heure|une demi heure|une demi-heure|quelques (?:km|kilometres|kilomètres|minutes))"
    r"\s+(de|d'|d’|du)\s*", re.I)
#: "à Lyon ou à Grenoble", "soit Annecy soit Chambéry": alternatives, not several sites
#: "of" inside a proper name ("Hauts de Ville")
OF = {"de", "du", "des", "d"}
#: (not a plain "entre": "un transport partagé entre Montbrison et Ambert" serves both)
OR = re.compile(r"\b(?:ou|soit|hesite|hesitons|hesitent|pas encore choisi|choisir entre"
                r"|choix entre)\b")


@dataclass(frozen=True)
class PlaceReading:
    territory: str | None
    candidates: tuple[str, ...]
    issues: tuple[str, ...]
    mentions: tuple[Mention, ...]
    #: several sites of one project ("à Annecy et Chambéry"): what applies to each is wanted
    places: tuple[str, ...] = ()


def _words(phrase: str) -> bool:
    """Several words, every one of them French ("sa reunion", "la maison"): not a misspelt name."""
    words = phrase.split()
    return len(words) > 1 and all(is_known(w) for w in words)


SMS_HABITE = re.compile(r"\b([jJ])habite\b")
MARSEILLE_TYPO = re.compile(r"\b[Mm]ar(?:s|ss)ei(?:l|ll)e?\b(?<!\b[Mm]arseille)")


def _prepared(text: str) -> str:
    """The message as places are read in it: distances as landmarks, numbers cleaned, a
    street address blanked ("au 45 boulevard Baille" holds no Loiret nor Baille), "&" said."""
    text = STREET.sub(lambda m: " " * len(m.group()), text).replace("&", " et ")
    text = SMS_HABITE.sub(r"\1 habite", text)  # "jhabite villeurbane"
    text = MARSEILLE_TYPO.sub("Marseille", text)  # "marseil 13e": its arrondissement too
    return _clean_numbers(DISTANCE.sub(lambda m: f"près {m.group(1)} ", text))


#: an island is said: the overseas or Corsican namesake
ISLAND = re.compile(r"\b(?:l ile|une ile|sur l ile|de l ile|insulaire|antilles|caraibes)\b")
OVERSEAS_OR_CORSICA = {"DEP:971", "DEP:972", "DEP:973", "DEP:974", "DEP:976", "DEP:2A",
                       "DEP:2B", "DEP:977", "DEP:978"}
#: the person is elsewhere than the places named
ELSEWHERE = re.compile(r"\b(?:ailleurs|autre part|dans d autres (?:regions|departements)"
                       r"|chez nous aussi|pareil chez nous)\b")
#: a street address: its number and its street's name
STREET = re.compile(
    r"\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.?|bd|boulevard|chemin|all[ée]e|place"
    r"|impasse|route|rte|quai|cours|square|passage|faubourg|mont[ée]e|cit[ée])\b[^,.;\n]{0,40}",
    re.IGNORECASE,
)


def _word_tokens(text: str) -> list[_Tok]:
    """The words a mention's ``start`` counts in (numbers left out)."""
    return [t for t in _tokens(text) if not t.folded.isdigit()]


def _in_compound(text: str, toks: list, i: int, n: int) -> bool:
    """The words ``i`` to ``i + n`` are glued by a hyphen to a word outside them
    ("Bouchayer-Viallet", a quartier's name: its "Viallet" is no misspelt Vallet)."""
    start = toks[i].end - len(toks[i].original)
    end = toks[i + n - 1].end
    return (start > 0 and text[start - 1] == "-") or text[end:end + 1] == "-"


#: cue words no name starts with (articles do: Le Havre, La Rochelle)
CUE_NOT_NAME = CUES - {"le", "la", "les", "l"}


def find_mentions(text: str, typos: bool = True) -> tuple[list[Mention], list[str]]:
    """Every place mentioned in ``text`` with its alternatives, plus issues (abroad...).
    ``typos=False`` reads names as written (a document's own sentences), without the typo
    matching meant for what people type."""
    g = gazetteer()
    nine_three = bool(NINE_THREE.search(fold(text)))
    text = _prepared(text)
    folded = fold(text)
    mentions: list[Mention] = []
    issues: list[str] = []
    if nine_three:
        mentions.append(Mention(("DEP:93",), source="number"))
    for rx, (ci, ni, ri) in ((ARR, (1, 2, 3)), (ARR2, (3, 1, 2))):
        for m in rx.finditer(folded):
            city = m.group(ci)
            num = int(m.group(ni)) if m.group(ni) else ROMAN.get(m.group(ri) or "", 0)
            code = f"COM:{ARR_BASE[city] + num}"
            if 1 <= num <= ARR_MAX[city] and code in g.places:
                mentions.append(Mention((code,), source="arrondissement"))
        folded = rx.sub(" ", folded)
    for m in POSTAL.finditer(folded):
        coms = g.postal.get(m.group(1))
        if coms:
            mentions.append(Mention(tuple(coms), source="postal"))
    folded = POSTAL.sub(" ", folded)
    numbers = [m.group(1) for m in DEPNUM.finditer(folded)]
    numbers += PAREN_DEP.findall(text.lower())
    numbers += HEAD_DEP.findall(text.lower())
    numbers += [n for word, n in AFTER_NAME_DEP.findall(text)
                if fold(word) in _last_words() and fold(word) not in ARR_BASE]  # "paris 18"
    numbers += TAIL_DEP.findall(text.lower())  # "(st gervais d'auvergne, 63)"
    said_deps = {f"DEP:{n.upper()}" for n in numbers}
    for number in dict.fromkeys(numbers):
        code = f"DEP:{number.upper()}"
        if code in g.places:
            mentions.append(Mention((code,), source="number"))
    toks = _word_tokens(text)
    idx = name_index()
    found: list[tuple[int, int, Mention]] = []
    for i in range(len(toks)):
        for n in range(min(_max_words(), len(toks) - i), 0, -1):
            phrase = " ".join(t.folded for t in toks[i : i + n])
            if n == 1 and phrase in FOREIGN:
                issues.append(f"outside_france:{phrase}")
            codes, exact = idx.get(phrase, ()), True
            if i and toks[i - 1].folded in CONTRACTED:  # "au Port": Le Port, or a commune Port
                # (the name that takes the article is what "au" says: "au Lamentin" is Le
                # Lamentin, Martinique, not Lamentin, Guadeloupe)
                codes = contracted_index().get(phrase, ()) or codes
            expected = i == 0 or toks[i - 1].folded in STRONG_CUES
            if (typos and not codes and not _in_compound(text, toks, i, n)
                    and (n <= 3 or (expected and len(phrase) >= 16))
                    and not _everyday(phrase) and not _words(phrase)
                    and (n == 1 or toks[i].folded not in CUE_NOT_NAME)):
                # a typo is read only in a word that is no everyday word ("maison sport" is no
                # misspelt Maisons-Alfort); French words only are no typo ("sa réunion" is
                # not "la Réunion"); a cue is no part of a misspelt name ("à Saint-Priest" is
                # not "a saint priest"); a name of four or five words only where a place is
                # expected ("à saint laureet du maroni")
                codes, exact = _fuzzy(phrase, expected and n <= 3), False  # (two edits: slow)
            if not codes:
                continue
            if (phrase == "ville" and i >= 2 and toks[i - 1].folded in OF
                    and toks[i - 2].original[:1].isupper()):
                continue  # "les Hauts de Ville", "Hôtel de Ville", "Cœur de Ville": no Villé
            if phrase == "ville" and i + 1 < len(toks) and toks[i + 1].folded in OF:
                continue  # "la Ville de Saint-Étienne": the town's council, no Villé
            kept, weak = _accept(codes, toks, i, n, g, exact, text)
            here = [c for c in codes if g.places[c].level == "COM"
                    and said_deps & set(g.ancestors(c))] if exact and said_deps else []
            if kept and here and set(kept) != set(here):
                # the department written beside the name says which namesake: "Auteuil (60)"
                # is the village of the Oise, not the larger Auteuil of the Yvelines
                kept, weak = here, False
            elif not kept and exact and n > 1 and said_deps:
                # a name of several words written plainly, in the department the message
                # gives by its number: "st gervais d'auvergne, 63"
                kept = [c for c in codes if g.places[c].level == "COM"
                        and said_deps & set(g.ancestors(c))]
                weak = False
            if kept:
                if exact and any(g.places[c].level == "COM" for c in kept):
                    # the namesakes of a town the wording supports compete with it (Valence
                    # 26 and 82), and a bare saint's name stands for its compound names too
                    same = [c for c in codes if g.places[c].level == "COM"
                            and g.places[c].population >= 2000]
                    kept = list(dict.fromkeys(kept + same + list(_compounds(phrase, same))))
                cue = toks[i - 1].folded if i else ""
                found.append((i, n, Mention(tuple(kept), cue, exact, weak=weak, start=i,
                                            phrase=phrase)))
                break
    # quartiers: "à Montchat", "la Villeneuve" (Grenoble), "aux Gratte-Ciel"
    found += _quartier_mentions(toks, text)
    # natural and historic areas: "dans le Beaujolais", "en Chartreuse"
    found += _area_mentions(toks)
    # the longest names win where matches overlap ("dans le Puy-de-Dôme" is not "Le Puy")
    taken: set[int] = set()
    # (a quartier read with its cue or its city beats the commune of the same name)
    # (and an area read with its cue beats it too: "dans la Bresse")
    for i, n, mention in sorted(
        found, key=lambda f: (-f[1], f[2].source not in ("quartier", "area"), f[0])
    ):
        span = set(range(i, i + n))
        if not span & taken:
            taken |= span
            sentence = len(SENTENCE_END.findall(text[: toks[i].end]))
            mentions.append(replace(mention, role=_role(toks, i, text), sentence=sentence))
    mentions = _chained_roles(mentions, toks, found)
    mentions = _quartiers_of_the_town_named(mentions, g)
    mentions = _quartier_of_the_town_after(mentions, toks, found, g)
    # a commune written plainly inside a department or region named in the same message:
    # "mayotte mamoudzou", "haute savoie, thonon"
    areas = [c for m in mentions for c in m.codes if g.places[c].level in ("DEP", "REG")]
    if areas:
        mentions += _inside(toks, taken, areas, g)
    folded_words = [t.folded for t in toks]
    said = {DEP_DEMONYMS[w] for w in folded_words if w in DEP_DEMONYMS}
    said |= {DEP_DEMONYMS[f"{a} {b}"] for a, b in zip(folded_words, folded_words[1:], strict=False)
             if f"{a} {b}" in DEP_DEMONYMS}
    if said and mentions:
        # "le Vercors côté drômois": the side of the area the demonym names
        narrowed = []
        for m in mentions:
            keep = tuple(c for c in m.codes if said & ({c} | set(g.ancestors(c))))
            narrowed.append(replace(m, codes=keep) if len(m.codes) > 1 and keep else m)
        mentions = narrowed
    if not mentions:
        for t in toks:
            if t.folded in DEMONYMS:
                mentions.append(Mention((DEMONYMS[t.folded],), source="demonym"))
                break
        else:
            if len(said) == 1 and next(iter(said)) in g.places:
                mentions.append(Mention(tuple(said), source="demonym"))
    # an arrondissement also matches its city's name ("Lyon 7e" -> Lyon): keep the arrondissement
    arr = {c for m in mentions if m.source in ("arrondissement", "quartier") for c in m.codes}
    if arr:
        cities = {g.parents[c][0] for c in arr} | arr
        mentions = [
            m
            for m in mentions
            if not (m.source not in ("arrondissement", "quartier") and set(m.codes) & cities
                    and len(m.codes) == 1)
        ]
    return mentions, issues


#: "c'est là où habite notre président": the place named just before is someone's home
LIVES_AFTER = re.compile(r"^(?:c est )?(?:la )?ou (?:habite|habitent|vit|vivent|reside)\b")


def _chained_roles(mentions: list[Mention], toks, found) -> list[Mention]:
    """Roles that come from the neighbours: the places of an organisation's name go together
    ("la MSA Ardèche-Drôme-Loire", "France Active Savoie Mont-Blanc" name no place of the
    person's), and a place followed by "c'est là où habite..." is someone's home."""
    length = {(i, m.source): n for i, n, m in found}
    ordered = sorted(mentions, key=lambda m: m.start)
    out = []
    previous: Mention | None = None
    for m in ordered:
        if m.start >= 0 and not m.role:
            n = length.get((m.start, m.source), 1)
            after = " ".join(t.folded for t in toks[m.start + n : m.start + n + 6])
            if LIVES_AFTER.match(after):
                m = replace(m, role="home")
            elif (previous is not None and previous.role == "between" and previous.start >= 0
                  and [t.folded for t in toks[previous.start + length.get(
                      (previous.start, previous.source), 1) : m.start]] == ["et"]):
                m = replace(m, role="between")  # "entre Rive-de-Gier et Saint-Chamond"
            elif previous is not None and previous.role == "organisation" and previous.start >= 0:
                end = previous.start + length.get((previous.start, previous.source), 1)
                gap = [t.folded for t in toks[end : m.start]]
                if len(gap) <= 1 and all(w in ("et", "de", "du") for w in gap):
                    m = replace(m, role="organisation")
        out.append(m)
        previous = m
    # "entre Lyon ou Grenoble", "entre Lyon" alone: no pair of landmarks
    paired = {m.start for m in out if m.role == "between"}
    out = [replace(m, role="") if m.role == "between" and len(paired) < 2 else m for m in out]
    return out + [m for m in mentions if m not in ordered]


def _choose(m: Mention, sure: list[str], g: Gazetteer) -> tuple[str, ...]:
    """Narrow one mention's alternatives with the rest of the text, the cue word and size."""
    alts = m.codes
    if len(alts) > 1 and sure:
        # the place itself, one inside it, or the area that holds it ("à Besançon ... s'il
        # couvre le Doubs": the department, not the village of Doubs)
        inside = tuple(c for c in alts if any(s == c or s in g.ancestors(c) or c in g.ancestors(s)
                                              for s in sure))
        if not inside:
            # "Marseille et Aix": the Aix of the same department (or region) as Marseille
            for level in ("DEP:", "REG:"):
                near = {a for s in sure for a in g.ancestors(s) if a.startswith(level)}
                inside = tuple(c for c in alts if near & set(g.ancestors(c)))
                if inside:
                    break
        alts = inside or alts
    if len(alts) == 1 or m.source == "postal":
        return alts
    areas = tuple(c for c in alts if g.places[c].level != "COM")
    towns = tuple(c for c in alts if g.places[c].level == "COM")
    if areas and towns:
        if all(g.places[a].level == "EPCI" for a in areas) and all(
            any(a in g.ancestors(t) for a in areas) for t in towns
        ):
            return towns if len(towns) == 1 else alts  # the town, not its intercommunality
        if all(any(a in g.ancestors(t) for a in areas) for t in towns):
            return areas[:1]  # Paris the commune is Paris the department
        small = all(g.places[t].population < 5000 for t in towns)
        if m.cue in AREA_CUES or small:
            return areas  # "dans la Vienne"; "la Réunion" is not the hamlet of Lot-et-Garonne
        if m.cue in TOWN_CUES:
            alts = towns
        else:
            return alts
    if len(alts) > 1 and all(g.places[c].level == "COM" for c in alts):
        ranked = sorted(alts, key=lambda c: -g.places[c].population)
        first, second = g.places[ranked[0]].population, g.places[ranked[1]].population
        if (first >= 2000 and first >= 30 * max(second, 1)) or (
            first >= 20_000 and first >= 20 * max(second, 1)
        ) or (first >= 100_000 and first >= 10 * max(second, 1)):
            # a town and hamlets of the same name (Saint-Apollinaire of the Côte-d'Or, 7,500
            # inhabitants, and of the Hautes-Alpes, 200); a city people name by half its name
            # ("Clermont": Clermont-Ferrand, not the Oise's town of 10,000): shown with its
            # department
            return ranked[:1]
        # Valence (26, 64,000 inhabitants) vs Valence (82, 5,000): ask
        return tuple(ranked)
    return alts


def _beside(m: Mention, landmarks: list[str], g: Gazetteer) -> Mention:
    """A name read near landmarks of another department: its namesake in theirs, if there is
    exactly one ("Châteauneuf, le village entre Rive-de-Gier et Saint-Chamond": the Loire's
    Châteauneuf, not Châteauneuf-les-Martigues)."""
    if m.role or m.source != "name" or not m.phrase:
        return m
    theirs = {_department(c, g) for c in landmarks} - {None}
    if not theirs or any(_department(c, g) in theirs for c in m.codes):
        return m
    namesakes = [c for c in name_index().get(m.phrase, ())
                 if g.places[c].level == "COM" and _department(c, g) in theirs]
    return replace(m, codes=tuple(namesakes)) if len(namesakes) == 1 else m


def _nested(a: str, b: str, g: Gazetteer) -> bool:
    return a == b or b in g.ancestors(a) or a in g.ancestors(b)


def _set_aside(mentions: list[Mention], issues: list[str]) -> list[Mention]:
    """Places that are not the project's: a negated one always ("pas à Chambéry"; said in the
    issues so that a conversation can drop it); the person's home or an organisation's
    territory when the project's place is named too. An organisation's territory alone stands
    for the place (issue ``place_of_organisation``: a conversation keeps the place it has)."""
    for m in mentions:
        if m.role == "negated":
            issues.append("negated:" + ",".join(m.codes))
    kept = [m for m in mentions if m.role not in ("negated", "person")]
    selves = [m for m in kept if m.role == "self"]
    if selves:
        # "Cap Berriat, à Grenoble, ... nous on est à Vizille": where they say they are
        g = gazetteer()
        first = min(s.start for s in selves)
        kept = [replace(m, role="") if m.role == "self" else m for m in kept
                if m.role or m.start < 0 or m.start >= first
                or any(_nested(a, b, g) for a in m.codes for s in selves for b in s.codes)]
    if not any(not m.role for m in kept):
        # "ma sœur monte une micro-crèche à Moulins, elle peut avoir des aides ?": asked for
        # her, her project's place is the one asked about
        kept = [replace(m, role="") if m.role == "relative" else m for m in kept]
    if not any(not m.role or m.role == "home" for m in kept):
        # "près d'Aurillac" alone: Aurillac is the place; "entre Montbrison et Ambert" alone:
        # both are. Beside a place named, they are landmarks ("between" two towns inside the
        # departments their numbers name stay the project's sites: "entre Montbrison (42) et
        # Ambert (63)"); where the person lives is named ("je vis à Mer, entre Blois et
        # Beaugency"): landmarks
        kept = [replace(m, role="") if m.role in ("near", "between") else m for m in kept]
    plain = [m for m in kept if not m.role]
    if plain:
        g = gazetteer()
        # "je vis en Martinique, au Lamentin": a home that contains the place stays, it settles
        # which Lamentin
        # (a landmark inside the department named stays a landmark: "Montagny dans la Loire,
        # pas loin de Roanne")
        return [
            m for m in kept
            if not m.role or (m.role not in ("near", "elsewhere") and any(
                _nested(a, b, g) for a in m.codes for p in plain for b in p.codes))
        ]
    homes = [m for m in kept if m.role == "home"]
    if homes:
        return homes
    # someone else's place, a partner's or the person's past never stands for theirs ("ma
    # formation au GRETA de Chambéry ... je ne sais pas encore dans quelle ville")
    kept = [m for m in kept if m.role != "elsewhere"]
    if kept:
        issues.append("place_of_organisation")
    return kept


def _areas_after_their_towns(mentions: list[Mention], g) -> list[Mention]:
    """"Montbéliard (Doubs)": an area's name right after a town of it is the area, not its
    namesake commune (the village of Doubs)."""
    out = []
    for k, m in enumerate(mentions):
        prev = mentions[k - 1] if k else None
        areas = [c for c in m.codes if g.places[c].level in ("DEP", "REG")]
        if (prev is not None and m.start >= 0 and m.start - prev.start == 1
                and len(areas) < len(m.codes)
                and any(a in g.ancestors(p) for a in areas for p in prev.codes)):
            m = replace(m, codes=tuple(c for c in m.codes if g.places[c].level != "COM"))
        out.append(m)
    return out


#: a name opening the message before a comma, a parenthesis or a colon ("Corps, en Isère")
OPENING = re.compile(r"^\s*([A-ZÀ-Ý][\w'’-]*(?: [\w'’-]+){0,3}?)\s*[,(:]")


def _opening_commune(text: str, area: str, g) -> str | None:
    """The one commune of ``area`` whose name opens the message."""
    m = OPENING.match(text)
    if not m:
        return None
    inside = [c for c in name_index().get(fold(m.group(1)), ())
              if c.startswith("COM:") and area in g.ancestors(c)]
    return inside[0] if len(inside) == 1 else None


def _compound_in_area(mentions: list[Mention], g) -> list[Mention]:
    """"dans la Drôme des collines (vers Saint-Donat)": a commune's short name, none of whose
    namesakes lies in the department or region the message names, is the one commune there
    whose full name starts with it (Saint-Donat-sur-l'Herbasse)."""
    areas = {c for m in mentions for c in m.codes
             if g.places[c].level in ("DEP", "REG") and m.role in ("", "self", "home")}
    if not areas:
        return mentions
    out = []
    for m in mentions:
        if (m.source == "name" and m.phrase and m.codes
                and all(g.places[c].level == "COM" for c in m.codes)
                and not any(a in g.ancestors(c) for c in m.codes for a in areas)):
            longer = [c for c in _starts().get(m.phrase, ())
                      if any(a in g.ancestors(c) for a in areas)]
            if len(longer) == 1:
                m = replace(m, codes=(longer[0],))
        out.append(m)
    return out


@cache
def _starts() -> dict[str, tuple[str, ...]]:
    """The first two and three words of every commune's folded name -> its codes."""
    g = gazetteer()
    out: dict[str, list[str]] = {}
    for code, place in g.places.items():
        if place.level != "COM":
            continue
        words = fold(place.name).split()
        for n in (2, 3):
            if len(words) > n:
                out.setdefault(" ".join(words[:n]), []).append(code)
    return {k: tuple(v) for k, v in out.items()}


def _department(code: str, g) -> str | None:
    if g.places[code].level == "DEP":
        return code
    return next((a for a in g.ancestors(code) if a.startswith("DEP:")), None)


def _hesitates(text: str, mentions: list[Mention]) -> bool:
    """An alternative between the places ("à Lyon ou à Grenoble", "on hésite entre Vienne et
    Givors"), said among them or just before them: an "ou" elsewhere in the message
    ("financeurs ou programmes") is no choice between the places."""
    starts = [m.start for m in mentions if m.start >= 0]
    if not starts:
        return bool(OR.search(fold(text)))
    toks = [t.folded for t in _word_tokens(_prepared(text))]
    return bool(OR.search(" ".join(toks[max(0, min(starts) - 4): max(starts) + 1])))


def _compound_names(mentions: list[Mention], g) -> list[Mention]:
    """"Valence d'Agen (82)": the town people name after its neighbour, not two places; the
    commune glued after "d'" / "de" to another commune's name is dropped when the department
    the question gives holds the first and not the second."""
    departments = {c for m in mentions if m.source == "number" for c in m.codes
                   if c.startswith("DEP:")}
    if not departments:
        return mentions
    out = []
    for m in mentions:
        prev = out[-1] if out else None
        glued = (prev is not None and m.cue in ("d", "de") and m.start >= 0
                 and prev.start >= 0 and m.start - prev.start <= 2 and m.source == "name"
                 and prev.source == "name")
        if glued and any(d in g.ancestors(c) for c in prev.codes for d in departments) and not (
            any(d in g.ancestors(c) for c in m.codes for d in departments)
        ):
            continue
        out.append(m)
    return out


#: "côté français, près de Genève", "frontalier de Bâle": the French side of that border (its
#: intercommunalities or departments)
FRENCH_SIDE = re.compile(r"\b(?:cote francais|cote france|partie francaise|en france|"
                         r"frontaliers?|frontalieres?|genevois francais)\b")
BORDER_DEPARTMENTS = {
    # the Pays de Gex, Annemasse Agglo and the CC du Genevois surround Geneva
    "geneve": ("EPCI:240100750", "EPCI:200011773", "EPCI:247400690"), "lausanne": ("DEP:74",),
                      "bale": ("DEP:68",), "luxembourg": ("DEP:54", "DEP:57"),
                      "monaco": ("DEP:06",)}


def read_places(text: str) -> PlaceReading:
    g = gazetteer()
    mentions, issues = find_mentions(text)
    if FRENCH_SIDE.search(fold(text)):
        # the French side of a border town: its departments, not abroad
        for issue in [i for i in issues if i.startswith("outside_france:")]:
            border = BORDER_DEPARTMENTS.get(issue.split(":", 1)[1])
            if border:
                issues.remove(issue)
                if not any(m.role in ("", "self", "home") for m in mentions):
                    mentions += [Mention((code,), source="context") for code in border]
    # the landmarks set aside still say where the place is ("Villeneuve, juste à côté de
    # Manosque": the Villeneuve of the Alpes-de-Haute-Provence)
    landmarks: list[str] = []
    if any(m.role in ("", "self") for m in mentions):
        for m in mentions:
            alone = _choose(m, [], g) if m.role in ("near", "between") else ()
            landmarks += alone if len(alone) == 1 else []
    mentions = _set_aside(mentions, issues)
    folded = fold(text)
    if mentions and all(m.role == "organisation" for m in mentions) and ELSEWHERE.search(
            folded):
        # "j'ai lu un article sur France Active Pays de la Loire, ça existe ailleurs ?": the
        # organisation's place is the one the person is not in
        return PlaceReading(None, (), tuple(i for i in issues if i != "place_of_organisation"),
                            ())
    if landmarks:
        mentions = [_beside(m, landmarks, g) for m in mentions]
    mentions = _compound_in_area(mentions, g)
    sure = {c for m in mentions if not m.weak for c in m.codes}
    if sure:  # "Vienne (Isère) ... la plaine": a weak reading that agrees with none is dropped
        mentions = [
            m
            for m in mentions
            if not m.weak
            or any(_nested(c, s, g) for c in m.codes for s in sure)
        ]
    if not mentions:
        return PlaceReading(None, (), tuple(issues), ())
    mentions = _compound_names(mentions, g)
    mentions = _areas_after_their_towns(mentions, g)
    # keep the innermost of nested alternatives (Saint-Martin: region 978 > department 978 >
    # commune 97801; La Réunion: region 04 > department 974), so each place counts once
    # (but "le Doubs" is the department, not its village of Doubs: an area said with an
    # area's article stays beside the commune of its name)
    mentions = [
        replace(
            m,
            codes=tuple(
                a for a in m.codes if not any(
                    a != b and a in g.ancestors(b)
                    and not (m.cue in AREA_CUES and g.places[b].level == "COM"
                             and g.places[a].level in ("DEP", "REG"))
                    for b in m.codes)
            ),
        )
        for m in mentions
    ]
    # two mentions of the same place, each ambiguous alone: "Clermont (quartier Saint-Jacques)"
    # is the Clermont that has a Saint-Jacques
    agreed = []
    for i, m in enumerate(mentions):
        others = [c for j, o in enumerate(mentions) if j != i for c in o.codes]
        common = tuple(c for c in m.codes if any(_nested(c, o, g) for o in others))
        agreed.append(replace(m, codes=common) if 0 < len(common) < len(m.codes) else m)
    mentions = agreed
    # two passes: what each mention settles alone then narrows the others ("Saint-Denis ... la
    # Réunion" -> Saint-Denis (974))
    alone = [_choose(m, [], g) for m in mentions]
    resolved = []
    for i, m in enumerate(mentions):
        sure = [a[0] for j, a in enumerate(alone) if j != i and len(a) == 1]
        resolved.append(_choose(m, sure or landmarks, g))
    if ISLAND.search(folded):
        # "Saint-Martin, côté français de l'île": the island's namesake
        islands = [tuple(c for c in a if (_department(c, g) or "") in OVERSEAS_OR_CORSICA)
                   for a in resolved]
        resolved = [i if len(a) > 1 and len(i) == 1 else a
                    for a, i in zip(resolved, islands, strict=True)]
    ambiguous = [a for a in resolved if len(a) > 1]
    if ambiguous:
        issues.append("ambiguous_place")
        first = next(m for m, a in zip(mentions, resolved, strict=True) if len(a) > 1)
        if first.source == "area":
            issues.append(f"area:{first.name}")
        return PlaceReading(None, ambiguous[0][:8], tuple(issues), tuple(mentions))
    places = list(dict.fromkeys(a[0] for a in resolved))
    specific = [p for p in places if not any(p != q and p in g.ancestors(q) for q in places)]
    if len(specific) == 1:
        # "Rue, en baie de Somme : ...", "Chaux (Territoire de Belfort) : ...": the commune
        # the message opens on, an everyday word, in the area it names after it
        opening = (_opening_commune(text, specific[0], g)
                   if g.places[specific[0]].level in ("DEP", "REG") else None)
        return PlaceReading(opening or specific[0], (), tuple(issues), tuple(mentions))
    # sites in several departments and the region that holds them all named ("présents dans le
    # Rhône, l'Isère et la Loire, on veut essaimer dans toute la région"): the region is the
    # project's scale
    region = [p for p in places if g.places[p].level == "REG"
              and all(p in g.ancestors(q) for q in specific)]
    departments = {_department(q, g) for q in specific}
    if region and len(departments) > 1 and None not in departments:
        return PlaceReading(region[0], (), tuple(issues), tuple(mentions))
    levels = {g.places[p].level for p in specific}
    clash = len(levels) > 1 and bool(levels & {"DEP", "REG"})
    sentences = {m.sentence for m in mentions if m.sentence >= 0 and set(m.codes) & set(specific)}
    if clash and len(sentences) > 1 and not any(
        m.sentence < 0 and set(m.codes) & set(specific) for m in mentions
    ):
        # "à Felletin (Creuse). Une partie de nos chantiers sont dans le Puy-de-Dôme": the
        # places of different sentences are the project's sites, not one place said twice
        clash = False
    if clash:
        issues.append("contradiction")
    elif _hesitates(text, [m for m in mentions if set(m.codes) & set(specific)]):
        issues.append("several_places")  # "à Lyon ou à Grenoble": which one?
    else:  # "notre SCIC est à Annecy et Chambéry": the project has several sites
        return PlaceReading(None, (), tuple(issues), tuple(mentions), tuple(specific))
    return PlaceReading(None, tuple(specific), tuple(issues), tuple(mentions))
