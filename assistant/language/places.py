"""Find the place a French question is about, as an official territory code.

Handles names with or without accents and hyphens, lower case, one typo, postal codes, department
numbers, Paris/Lyon/Marseille arrondissements, EPCI names and common regional abbreviations.
It never guesses silently: homonyms that the wording does not settle, postal codes shared by
several communes, places that contradict each other and places abroad come back as candidates or
issues, so the assistant can ask.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import cache

from ..config import DATA_DIR
from .french import is_common
from .territory import Gazetteer, gazetteer
from .text import deletions, edit_distance, fold

TOKEN = re.compile(r"\w+", re.UNICODE)

# fmt: off
#: Words that announce a place ("à Tarare", "dans le Rhône", "sur Villeurbanne"...).
CUES = {"a", "au", "aux", "sur", "de", "du", "des", "dans", "en", "pres", "vers", "le", "la",
        "les", "l", "d", "cote", "region", "departement", "ville", "commune", "secteur",
        "habite", "base", "basee", "situe", "situee", "installe", "installee"}
#: Cues that surely announce a place; the others ("de", "des", "la"...) are everyday words.
STRONG_CUES = {"a", "au", "aux", "sur", "dans", "pres", "vers", "habite", "base", "basee",
               "situe", "situee", "installe", "installee", "ville", "commune", "region",
               "departement", "secteur", "cote"}
#: Before these, a commune may be named without its article: "au Mans", "du Havre".
CONTRACTED = {"au", "aux", "du", "des"}
#: Words for the people of a city, read as the city when no place is named.
DEMONYMS = {"lyonnais": "COM:69123", "lyonnaise": "COM:69123", "lyonnaises": "COM:69123",
            "stephanois": "COM:42218", "stephanoise": "COM:42218", "grenoblois": "COM:38185",
            "grenobloise": "COM:38185", "clermontois": "COM:63113", "clermontoise": "COM:63113",
            "villeurbannais": "COM:69266", "villeurbannaise": "COM:69266",
            "marseillais": "COM:13055", "marseillaise": "COM:13055", "parisien": "COM:75056",
            "parisienne": "COM:75056", "bordelais": "COM:33063", "bordelaise": "COM:33063",
            "lillois": "COM:59350", "lilloise": "COM:59350", "rennais": "COM:35238",
            "rennaise": "COM:35238", "nantais": "COM:44109", "nantaise": "COM:44109",
            "toulousain": "COM:31555", "toulousaine": "COM:31555"}
#: Cues that point to a department or a region rather than a commune of the same name.
AREA_CUES = {"dans", "le", "la", "l", "en", "departement", "region", "du"}
#: Cues that point to a commune.
TOWN_CUES = {"a", "au", "ville", "commune", "habite", "pres", "vers", "sur"}
#: Department names that are also common words: they need a cue or a capital letter.
COMMON_DEPT = {"cher", "somme", "allier", "nord", "centre", "lot", "var", "manche", "orne", "gers",
               "landes", "marne", "oise", "eure", "creuse", "vienne", "loire", "ain", "aude",
               "doubs", "meuse", "indre", "tarn", "gard", "jura", "savoie", "corse", "charente"}
#: Commune names that are everyday words: never read as places without a capital letter.
COMMON_WORDS = {"bar", "plan", "rue", "port", "lieu", "val", "mont", "eu", "y", "sainte", "saint",
                "vaux", "fay", "bu", "ban", "mer", "nous", "pin", "prix", "puy", "pont", "marche",
                "moment", "aide", "aides", "lorient", "signes", "treize", "vernon", "cours", "long",
                "loue", "mens", "vrai", "passe", "ecole", "ecoles", "voie", "argent", "rouge",
                "cure",
                "table", "fort", "tours", "oui", "cent", "sept", "douze", "dix", "six", "quarante",
                "dame", "plat", "sale", "bourg", "champ", "ville", "bois", "poil", "foix", "vire",
                "contre", "fere", "ay", "by", "mas", "vic", "eus", "uz", "ur", "oz", "ens", "ancy",
                "vitrolles", "beaune", "laval", "bonne", "belle", "bazar", "hotel", "capital",
                "l echelle", "la couture", "les salles"}
REGION_ALIASES = {"aura": "84", "ara": "84", "rhone alpes": "84", "auvergne": "84", "idf": "11",
                  "ile de france": "11", "paca": "93", "grand est": "44", "bretagne": "53",
                  "normandie": "28", "occitanie": "76", "nouvelle aquitaine": "75",
                  "hauts de france": "32", "centre val de loire": "24",
                  "bourgogne franche comte": "27", "pays de la loire": "52", "corse": "94",
                  "la reunion": "04", "reunion": "04"}
EPCI_ALIASES = {"grand lyon": "200046977", "metropole de lyon": "200046977",
                "metropole lyonnaise": "200046977", "metropole grenobloise": "200040715",
                "agglomeration grenobloise": "200040715", "metropole stephanoise": "244200770",
                "metropole clermontoise": "246300701", "agglomeration clermontoise": "246300701",
                "metropole nantaise": "244400404", "metropole lilloise": "200093201",
                "metropole bordelaise": "243300316", "metropole toulousaine": "243100518",
                "metropole rennaise": "243500139", "metropole nicoise": "200030195",
                "metropole marseillaise": "200054807", "metropole montpellieraine": "243400017",
                "metropole strasbourgeoise": "246700488", "metropole rouennaise": "200023414"}
EPCI_PREFIXES = {"cc": "communaute de communes", "ca": "communaute d agglomeration",
                 "cu": "communaute urbaine"}
FOREIGN = {"belgique", "suisse", "quebec", "canada", "luxembourg", "allemagne", "espagne",
           "italie", "maroc", "tunisie", "algerie", "senegal", "bruxelles", "geneve", "lausanne",
           "montreal", "londres", "berlin", "madrid", "barcelone", "milan", "turin", "liege",
           "dakar", "casablanca", "tunis", "alger", "abidjan"}
# fmt: on

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
DEPNUM = re.compile(r"\b(?:dans le|dans l|le|du|en|departement|dept|dpt)\s+(\d{2,3}|2a|2b)\b")
PAREN_DEP = re.compile(r"\(\s*(\d{2,3}|2a|2b)\s*\)")
#: a department number heading the message: "73 - je reprends...", "69 : asso..."
HEAD_DEP = re.compile(r"^\s*(\d{2}|2a|2b|97[1-6])\s*[-–—:,/]")
#: a department number just after a place name: "Saint-Pierre 974", "st denis 93"
AFTER_NAME_DEP = re.compile(r"([a-zà-ÿ]+)\s+(\d{2}|2a|2b|97[1-6])\b(?!\s*(?:€|euros?|%|k\b))", re.I)
POSTAL = re.compile(r"\b(\d{5})\b")
#: "à Lyon ou à Grenoble", "soit Annecy soit Chambéry": alternatives, not several sites
OR = re.compile(r"\b(?:ou|soit|hesite|hesitons|pas encore choisi|entre)\b")
#: Numbers that are amounts, sizes, durations, percentages, phone or SIRET numbers: never
#: places ("15000euros", "30 k€", "12 salariés", "en 12 mois", "06 12 34 56 78").
NOT_PLACE_NUMBERS = re.compile(
    r"(?:\+33\s*\(?0?\)?\s*|\b0)[1-9](?:[\s.-]?\d\d){4}\b"  # phone numbers
    r"|\b\d{3}\s?\d{3}\s?\d{3}(?:\s?\d{5})?\b"  # SIREN / SIRET
    r"|[€$£]\s*\d[\d\s.,]*"  # €15 000
    r"|\b\d[\d\s.,]*?\s*(?:k\s*€|k\s*euros?|keur|m\s*€|k\b|€|euros?\b|eur\b|%|pour ?cent"
    r"|salari|habitant|adh[eé]rent|b[ée]n[ée]vole|personne|m2|m²|m[eè]tres?\b|km\b|ans?\b|mois\b"
    r"|semaines?\b|jours?\b|heures?\b|h\b|places?\b|lits?\b|repas\b|familles?\b|enfants?\b"
    r"|jeunes\b|usagers?\b|membres?\b|postes?\b|emplois?\b|etp\b|v[ée]hicules?\b|ha\b"
    r"|hectares?\b|tonnes?\b|logements?\b)",
    re.IGNORECASE,
)
#: Before a river's name, the Rhône or the Loire is water, not a department ("au bord du Rhône").
RIVER_CUES = {"bord", "bords", "berge", "berges", "rive", "rives", "long", "fleuve", "riviere",
              "quai", "quais", "embouchure", "confluent", "traverser", "descente"}
#: Fuzzy matching (one typo) only for places at least this big, and names of 6+ letters.
FUZZY_MIN_POP = 5000
FUZZY_MIN_LEN = 6


@dataclass(frozen=True)
class Mention:
    """One place mentioned in the text: its possible codes and the word that announced it."""

    codes: tuple[str, ...]
    cue: str = ""
    exact: bool = True
    source: str = "name"  # name, postal, number, arrondissement, quartier, context
    #: read only from weak evidence (a lowercase name after "de"/"la"...): dropped when a
    #: surer place is named in the same message
    weak: bool = False
    start: int = -1  # position of the first word (-1: not from a word: postal code, number)
    #: what the place is to the person: "" (where the project is), "organisation" (the
    #: territory in an organisation's name: "le DLA du Rhône"), "negated" ("pas à Chambéry"),
    #: "home" ("j'habite Chambéry mais l'entreprise est à Annecy")
    role: str = ""


@dataclass(frozen=True)
class PlaceReading:
    territory: str | None
    candidates: tuple[str, ...]
    issues: tuple[str, ...]
    mentions: tuple[Mention, ...]
    #: several sites of one project ("à Annecy et Chambéry"): what applies to each is wanted
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Tok:
    folded: str
    original: str
    end: int  # offset just after the word in the original text


def _epci_names(name: str) -> list[str]:
    folded = fold(name)
    out = [folded]
    head, _, rest = folded.partition(" ")
    if head in EPCI_PREFIXES and rest:
        out.append(f"{EPCI_PREFIXES[head]} {rest}")
        for article in ("de ", "du ", "des ", "d "):
            if rest.startswith(article):
                rest = rest[len(article) :]
        if _everyday(rest):
            return out  # "CC de la Forêt" is not named by "la forêt"
        if len(rest.split()) >= 2 or (len(rest) >= 5 and not is_common(rest)):
            out.append(rest)  # "Diois" for the CC du Diois
    return out


@cache
def name_index() -> dict[str, tuple[str, ...]]:
    """Folded name -> codes of the places that bear it."""
    g = gazetteer()
    idx: dict[str, list[str]] = {}
    epci = []
    for code, place in g.places.items():
        if place.level in ("REG", "DEP", "COM"):
            name = fold(place.name)
            idx.setdefault(name, []).append(code)
        elif place.level == "EPCI":
            epci.append((code, place.name))
    contracted = contracted_index()
    for code, official in epci:
        for i, name in enumerate(_epci_names(official)):
            # a derived short name never hides a commune ("puy en velay" is Le Puy-en-Velay)
            if i < 2 or (name not in idx and name not in contracted):
                idx.setdefault(name, []).append(code)
    for name, codes in _short_names(idx).items():
        idx.setdefault(name, []).extend(codes)
    for name, code in EPCI_ALIASES.items():
        idx.setdefault(name, []).append(f"EPCI:{code}")
    for name, code in REGION_ALIASES.items():
        idx.setdefault(name, []).append(f"REG:{code}")
    return {k: tuple(dict.fromkeys(v)) for k, v in idx.items()}


#: "Thonon" for Thonon-les-Bains, "Chalon" for Chalon-sur-Saône: the head of a compound name
SHORT_MIN_POP = 10_000
CONNECTORS = {"sur", "les", "en", "de", "du", "des", "le", "la", "sous", "lez", "d", "l"}


def _short_names(idx: dict[str, list[str]]) -> dict[str, list[str]]:
    """Head words of the compound names of towns of 10,000+ inhabitants, when no place bears
    that name itself ("thonon", "chalon", "villefranche" -> its towns, which are then asked)."""
    g = gazetteer()
    out: dict[str, list[str]] = {}
    for code, place in g.places.items():
        if place.level != "COM" or place.population < SHORT_MIN_POP:
            continue
        words = fold(place.name).split()
        cut = next((i for i, w in enumerate(words) if i and w in CONNECTORS), None)
        if cut is None and len(words) == 2 and place.population >= 50_000:
            cut = 1  # "Clermont" for Clermont-Ferrand
        if cut is None or words[0] in ("saint", "sainte", "le", "la", "les", "l"):
            continue
        head = " ".join(words[:cut])
        namesakes = [g.places[c].population for c in idx.get(head, ()) if c.startswith("COM:")]
        if len(head) >= 3 and (
            head not in idx or (namesakes and place.population >= 10 * max(namesakes))
        ):
            out.setdefault(head, []).append(code)
    return out


@cache
def contracted_index() -> dict[str, tuple[str, ...]]:
    """Communes named with an article, without it: "mans" for Le Mans ("au Mans")."""
    idx: dict[str, list[str]] = {}
    for code, place in gazetteer().places.items():
        if place.level == "COM":
            head, _, rest = fold(place.name).partition(" ")
            if head in ("le", "la", "les", "l") and len(rest) >= 3:
                idx.setdefault(rest, []).append(code)
    return {k: tuple(v) for k, v in idx.items()}


@cache
def _max_words() -> int:
    return max(len(k.split()) for k in name_index())


@cache
def _fuzzy_names() -> tuple[str, ...]:
    """Names that may be matched with a typo: departments, regions and communes of at least
    FUZZY_MIN_POP inhabitants (EPCI names are too long and too alike)."""
    g = gazetteer()
    out = []
    for name, codes in name_index().items():
        if len(name) >= FUZZY_MIN_LEN and any(
            g.places[c].level in ("DEP", "REG")
            or (g.places[c].level == "COM" and g.places[c].population >= FUZZY_MIN_POP)
            for c in codes
        ):
            out.append(name)
    return tuple(out)


@cache
def _fuzzy_index() -> dict[str, tuple[str, ...]]:
    """Symmetric-delete index (one edit) over ``_fuzzy_names``."""
    out: dict[str, set[str]] = {}
    for name in _fuzzy_names():
        for key in deletions(name) | {name}:
            out.setdefault(key, set()).add(name)
    return {k: tuple(sorted(v)) for k, v in out.items()}


@cache
def _fuzzy2_index() -> dict[str, tuple[str, ...]]:
    """Two-deletion index over the long names (12+ letters), for two typos."""
    out: dict[str, set[str]] = {}
    for name in _fuzzy_names():
        if len(name) >= 12:
            for key in _deletes2(name):
                out.setdefault(key, set()).add(name)
    return {k: tuple(v) for k, v in out.items()}


def _deletes2(word: str) -> set[str]:
    one = deletions(word)
    return {word} | one | {d for w in one for d in deletions(w)}


def _fuzzy(phrase: str, expected: bool) -> tuple[str, ...]:
    """Codes of the one name within one edit of ``phrase`` (two edits for a name of 12+
    letters where a place is expected: "clermont ferant"); none when two names are."""
    if len(phrase) < FUZZY_MIN_LEN:
        return ()
    names: set[str] = set()
    for key in deletions(phrase) | {phrase}:
        names.update(_fuzzy_index().get(key, ()))
    names = {n for n in names if n != phrase and edit_distance(phrase, n) <= 1}
    if not names and expected and len(phrase) >= 12:
        index = _fuzzy2_index()
        for key in _deletes2(phrase):
            names.update(index.get(key, ()))
        names = {n for n in names if edit_distance(phrase, n) <= 2}
    if len(names) != 1:
        return ()
    g = gazetteer()
    name = names.pop()
    return tuple(
        c
        for c in name_index()[name]
        if g.places[c].level != "COM" or g.places[c].population >= FUZZY_MIN_POP
    )


#: Abbreviations people type in place names: "st chamond", "ste foy", "mt de marsan",
#: "chalon s saone", "bourg st andeol".
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes", "mt": "mont",
                 "mts": "monts", "ss": "sous", "sr": "sur", "s": "sur"}


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in TOKEN.finditer(text):
        for part in fold(m.group()).split():
            out.append(_Tok(part, m.group(), m.end()))
    for i, tok in enumerate(out):
        full = ABBREVIATIONS.get(tok.folded)
        # a lone "s" is "sur" only between two words of a name ("chalon s saone")
        if full and (tok.folded != "s" or 0 < i < len(out) - 1):
            out[i] = _Tok(full, tok.original, tok.end)
    return out


@cache
def _last_words() -> frozenset[str]:
    """The last word of every commune's name ("pierre", "denis", "priest"): a number written
    right after one of them is the department ("Saint-Pierre 974")."""
    g = gazetteer()
    return frozenset(
        fold(p.name).split()[-1] for p in g.places.values() if p.level == "COM" and p.name
    )


def _everyday(name: str) -> bool:
    """A commune name that is also an everyday word or phrase: "tours", "la montagne",
    "le bois", "les mines" (its last word is a common French word and it has at most two)."""
    words = name.split()
    if len(words) > 2 or (len(words) == 2 and words[0] not in ("le", "la", "les", "l")):
        return False
    return is_common(words[-1])


def _accept(
    codes, toks: list[_Tok], i: int, n: int, g: Gazetteer, exact: bool, text: str
) -> tuple[list[str], bool]:
    """The candidate places that the wording supports: a cue word, a capital letter, the
    size of the place, or the place standing first as a heading ("roanne - je suis...").
    A reply of a few words ("tarare", "dans le 69") counts as announced: it answers "où ?".
    Returns the codes kept and whether the evidence was weak."""
    phrase = " ".join(t.folded for t in toks[i : i + n])
    prev = toks[i - 1].folded if i else ""
    before = toks[i - 2].folded if i > 1 else ""
    after = text[toks[i + n - 1].end :].lstrip()[:1]
    heading = i == 0 and after in (":", "-", ",", "—", "–", "/", "(", ".")
    strong = prev in STRONG_CUES or heading or len(toks) <= 3
    weak = prev in CUES
    originals = [t.original for t in toks[i : i + n]]
    upper = originals[0][:1].isupper()
    # every word of a two-word everyday name capitalised: "La Chapelle", not "la chapelle"
    capital = (upper and (i > 0 or n > 1)) and (
        n == 1 or all(o[:1].isupper() for o in originals if len(o) > 2)
    )
    opening_town = upper and i == 0 and n == 1
    river = prev in RIVER_CUES or (prev in ("du", "de", "la", "le", "des") and before in RIVER_CUES)
    everyday = _everyday(phrase)
    kept = []
    for code in codes:
        place = g.places[code]
        if not exact and not (strong or capital):
            continue
        if place.level in ("REG", "EPCI"):
            kept.append(code)
        elif place.level == "DEP":
            if river:
                continue
            if phrase in COMMON_DEPT and not (strong or weak or capital):
                continue
            kept.append(code)
        else:
            pop = place.population
            if phrase in COMMON_WORDS and not capital and not (heading and pop >= 10_000):
                continue
            if everyday and not (capital or (n == 1 and (strong or heading))):
                continue  # "à la montagne", "près du bois", "les mines de charbon"
            if not exact and pop < FUZZY_MIN_POP:
                continue
            big = pop >= 100_000 or (opening_town and pop >= 10_000)
            if n == 1 and not capital:
                ok = big or (strong and pop >= 2000)
            else:
                ok = (
                    big
                    or (capital and (pop >= 1000 or n > 1))
                    or ((strong or weak) and (pop >= 2000 or n > 1))
                )
            if ok:
                kept.append(code)
    surely = (
        strong
        or capital
        or opening_town
        or any(g.places[c].level in ("REG", "EPCI") or g.places[c].population >= 100_000
               for c in kept)
    )
    return kept, bool(kept) and not surely


def _compounds(phrase: str, exact: list[str]) -> tuple[str, ...]:
    """Communes whose name starts with a bare saint's name and that are bigger than every
    commune of that exact name: "saint martin" -> Saint-Martin-d'Hères (the place people
    usually mean), but "Saint-Priest" stays Saint-Priest (69), bigger than Saint-Priest-en-Jarez."""
    if not phrase.startswith(("saint ", "sainte ")):
        return ()
    g = gazetteer()
    floor = max([g.places[c].population for c in exact] + [5000])
    out = [
        code
        for name, codes in name_index().items()
        if name.startswith(phrase + " ")
        for code in codes
        if g.places[code].level == "COM" and g.places[code].population > floor
    ]
    return tuple(sorted(out, key=lambda c: -g.places[c].population)[:6])


def _clean_numbers(text: str) -> str:
    """Amounts, sizes, durations, phone and SIRET numbers blanked: they are not places."""
    return NOT_PLACE_NUMBERS.sub(lambda m: " " * len(m.group()), text)


def find_mentions(text: str) -> tuple[list[Mention], list[str]]:
    """Every place mentioned in ``text`` with its alternatives, plus issues (abroad...)."""
    g = gazetteer()
    text = _clean_numbers(text)
    folded = fold(text)
    mentions: list[Mention] = []
    issues: list[str] = []
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
    numbers += [n for word, n in AFTER_NAME_DEP.findall(text) if fold(word) in _last_words()]
    for number in dict.fromkeys(numbers):
        code = f"DEP:{number.upper()}"
        if code in g.places:
            mentions.append(Mention((code,), source="number"))
    toks = [t for t in _tokens(text) if not t.folded.isdigit()]
    idx = name_index()
    found: list[tuple[int, int, Mention]] = []
    for i in range(len(toks)):
        for n in range(min(_max_words(), len(toks) - i), 0, -1):
            phrase = " ".join(t.folded for t in toks[i : i + n])
            if n == 1 and phrase in FOREIGN:
                issues.append(f"outside_france:{phrase}")
            codes, exact = idx.get(phrase, ()), True
            if i and toks[i - 1].folded in CONTRACTED:  # "au Port": Le Port, or a commune Port
                codes = tuple(dict.fromkeys(contracted_index().get(phrase, ()) + codes))
            if not codes and n <= 3 and not _everyday(phrase):
                # a typo is read only in a word that is no everyday word ("maison sport" is no
                # misspelt Maisons-Alfort)
                expected = i == 0 or toks[i - 1].folded in STRONG_CUES
                codes, exact = _fuzzy(phrase, expected), False
            if not codes:
                continue
            kept, weak = _accept(codes, toks, i, n, g, exact, text)
            if kept:
                if exact and any(g.places[c].level == "COM" for c in kept):
                    # the namesakes of a town the wording supports compete with it (Valence
                    # 26 and 82), and a bare saint's name stands for its compound names too
                    same = [c for c in codes if g.places[c].level == "COM"
                            and g.places[c].population >= 2000]
                    kept = list(dict.fromkeys(kept + same + list(_compounds(phrase, same))))
                cue = toks[i - 1].folded if i else ""
                found.append((i, n, Mention(tuple(kept), cue, exact, weak=weak, start=i)))
                break
    # quartiers: "à Montchat", "la Villeneuve" (Grenoble), "aux Gratte-Ciel"
    found += _quartier_mentions(toks, text)
    # the longest names win where matches overlap ("dans le Puy-de-Dôme" is not "Le Puy")
    taken: set[int] = set()
    # (a quartier read with its cue or its city beats the commune of the same name)
    for i, n, mention in sorted(found, key=lambda f: (-f[1], f[2].source != "quartier", f[0])):
        span = set(range(i, i + n))
        if not span & taken:
            taken |= span
            mentions.append(replace(mention, role=_role(toks, i)))
    mentions = _quartiers_of_the_town_named(mentions, g)
    # a commune written plainly inside a department or region named in the same message:
    # "mayotte mamoudzou", "haute savoie, thonon"
    areas = [c for m in mentions for c in m.codes if g.places[c].level in ("DEP", "REG")]
    if areas:
        mentions += _inside(toks, taken, areas, g)
    if not mentions:
        for t in toks:
            if t.folded in DEMONYMS:
                mentions.append(Mention((DEMONYMS[t.folded],), source="demonym"))
                break
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


#: Organisations whose name carries a territory: "le DLA du Rhône", "France Active Loire",
#: "Initiative Drôme", "la CCI de Haute-Savoie" name an organisation, not the person's place.
ORGANISATION_HEADS = (("dla",), ("france", "active"), ("initiative",), ("cress",), ("urscop",),
                      ("reseau", "entreprendre"), ("adie",), ("bge",), ("ddets",), ("dreets",),
                      ("sdjes",), ("drac",), ("draaf",), ("ademe",), ("cci",), ("cma",),
                      ("mission", "locale"), ("cap", "emploi"), ("france", "travail"),
                      ("banque", "alimentaire"), ("urssaf",), ("caf",), ("msa",),
                      ("chambre", "d", "agriculture"), ("chambre", "des", "metiers"),
                      ("chambre", "de", "commerce"), ("union", "regionale"), ("les", "scop"),
                      ("ecossolies",), ("ronalpia",), ("andes",))
#: words between an organisation's name and its territory ("du", "de la")
ORGANISATION_LINKS = {"du", "de", "la", "le", "l", "d", "des"}
#: what may stand between a negation and a place ("pas à", "pas dans le", "n'est pas situé à")
NEGATION_GAP = {"a", "au", "aux", "en", "dans", "sur", "le", "la", "les", "l", "de", "du", "d",
                "des", "vers", "pres", "situe", "situee", "situes", "basee", "base", "installe",
                "installee", "implante", "implantee", "encore", "plus", "c", "est", "sera",
                "ca", "sommes", "suis", "etes"}
HOME = {"habite", "habitons", "habitent", "vis", "vit", "vivons", "domicile", "reside",
        "residons", "domicilie", "domiciliee", "moi"}


def _role(toks: list[_Tok], i: int) -> str:
    """What a place named at token ``i`` is to the person, from the words before it."""
    if i <= 0:
        return ""
    # an organisation's name right before, maybe with "du" / "de la"
    j = i
    while j > 0 and i - j < 2 and toks[j - 1].folded in ORGANISATION_LINKS:
        j -= 1
    for head in ORGANISATION_HEADS:
        n = len(head)
        if j >= n and tuple(t.folded for t in toks[j - n : j]) == head:
            if head == ("initiative",) and not toks[j - 1].original[:1].isupper():
                continue  # "une initiative de la Drôme" is no network's name
            return "organisation"
    # the first word before it that is not a cue: "pas", "non", "au lieu de", "plutôt que"
    k = i - 1
    while k >= 0 and toks[k].folded in NEGATION_GAP and i - k <= 4:
        k -= 1
    if k >= 0:
        word = toks[k].folded
        if word in ("pas", "non"):
            return "negated"
        if word == "lieu" and k and toks[k - 1].folded == "au":
            return "negated"
        if word == "que" and k and toks[k - 1].folded == "plutot":
            return "negated"
        if word in HOME:
            return "home"
    return ""


def _inside(toks: list[_Tok], taken: set[int], areas: list[str], g: Gazetteer) -> list[Mention]:
    out = []
    idx = name_index()
    for i in range(len(toks)):
        if i in taken:
            continue
        for n in range(min(4, len(toks) - i), 0, -1):
            if any(j in taken for j in range(i, i + n)):
                continue
            phrase = " ".join(t.folded for t in toks[i : i + n])
            if len(phrase) < 4 or _everyday(phrase) or phrase in COMMON_WORDS:
                continue
            codes = tuple(
                c
                for c in idx.get(phrase, ())
                if g.places[c].level == "COM" and any(a in g.ancestors(c) for a in areas)
            )
            if codes:
                out.append(Mention(codes, source="context", start=i))
                taken.update(range(i, i + n))
                break
    return out


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
            out.append((i, n, Mention(codes, prev, True, source="quartier", start=i)))
            break
    return out
def _choose(m: Mention, sure: list[str], g: Gazetteer) -> tuple[str, ...]:
    """Narrow one mention's alternatives with the rest of the text, the cue word and size."""
    alts = m.codes
    if len(alts) > 1 and sure:
        inside = tuple(c for c in alts if any(s == c or s in g.ancestors(c) for s in sure))
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
        if first >= 10_000 and first >= 50 * max(second, 1):
            return ranked[:1]  # a town and hamlets of the same name; shown with its department
        # Valence (26, 64,000 inhabitants) vs Valence (82, 5,000): ask
        return tuple(ranked)
    return alts


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
    kept = [m for m in mentions if m.role != "negated"]
    plain = [m for m in kept if not m.role]
    if plain:
        g = gazetteer()
        # "je vis en Martinique, au Lamentin": a home that contains the place stays, it settles
        # which Lamentin
        return [
            m for m in kept
            if not m.role or any(_nested(a, b, g) for a in m.codes for p in plain for b in p.codes)
        ]
    homes = [m for m in kept if m.role == "home"]
    if homes:
        return homes
    if kept:
        issues.append("place_of_organisation")
    return kept


def read_places(text: str) -> PlaceReading:
    g = gazetteer()
    mentions, issues = find_mentions(text)
    mentions = _set_aside(mentions, issues)
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
    # keep the innermost of nested alternatives (Saint-Martin: region 978 > department 978 >
    # commune 97801; La Réunion: region 04 > department 974), so each place counts once
    mentions = [
        replace(
            m,
            codes=tuple(
                a for a in m.codes if not any(a != b and a in g.ancestors(b) for b in m.codes)
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
        resolved.append(_choose(m, sure, g))
    ambiguous = [a for a in resolved if len(a) > 1]
    if ambiguous:
        issues.append("ambiguous_place")
        return PlaceReading(None, ambiguous[0][:8], tuple(issues), tuple(mentions))
    places = list(dict.fromkeys(a[0] for a in resolved))
    specific = [p for p in places if not any(p != q and p in g.ancestors(q) for q in places)]
    if len(specific) == 1:
        return PlaceReading(specific[0], (), tuple(issues), tuple(mentions))
    levels = {g.places[p].level for p in specific}
    clash = len(levels) > 1 and bool(levels & {"DEP", "REG"})
    if clash:
        issues.append("contradiction")
    elif OR.search(fold(text)):
        issues.append("several_places")  # "à Lyon ou à Grenoble": which one?
    else:  # "notre SCIC est à Annecy et Chambéry": the project has several sites
        return PlaceReading(None, (), tuple(issues), tuple(mentions), tuple(specific))
    return PlaceReading(None, tuple(specific), tuple(issues), tuple(mentions))
