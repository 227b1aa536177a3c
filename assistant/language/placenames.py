"""The names places go by, from the gazetteer: official names folded, EPCI names with and
without their prefix, regional abbreviations and metropolis nicknames, the head of a compound
town name ("Thonon"), communes named without their article ("au Mans"), and a name with a typo
(one edit, two for a long name)."""

from __future__ import annotations

from functools import cache

from .french import is_common
from .tables import stored
from .territory import gazetteer
from .text import deletions, edit_distance, fold

# fmt: off
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
# fmt: on
#: Fuzzy matching (one typo) only for places at least this big, and names of 6+ letters.
FUZZY_MIN_POP = 5000
FUZZY_MIN_LEN = 6


def _epci_names(name: str) -> list[str]:
    folded = fold(name)
    out = [folded]
    head, _, rest = folded.partition(" ")
    if head in EPCI_PREFIXES and rest:
        out.append(f"{EPCI_PREFIXES[head]} {rest}")
        # "la communauté de communes du Val de Drôme" for the CC du Val de Drôme en
        # Biovallée: the prefixed name without what follows "en"
        if " en " in rest:
            short = rest.split(" en ")[0]
            out += [f"{head} {short}", f"{EPCI_PREFIXES[head]} {short}"]
        for article in ("de ", "du ", "des ", "d "):
            if rest.startswith(article):
                rest = rest[len(article) :]
        if _everyday(rest):
            return out  # "CC de la Forêt" is not named by "la forêt"
        if len(rest.split()) >= 2 or (len(rest) >= 5 and not is_common(rest)):
            out.append(rest)  # "Diois" for the CC du Diois
    return out


@stored
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
        if cut is None and len(words) == 2 and (
                place.population >= 50_000
                or (place.population >= 20_000 and not _everyday(words[0])
                    and not is_common(words[0]))):
            cut = 1  # "Clermont" for Clermont-Ferrand, "Bourgoin" for Bourgoin-Jallieu
        if cut is None or words[0] in ("saint", "sainte", "le", "la", "les", "l"):
            continue
        head = " ".join(words[:cut])
        namesakes = [g.places[c].population for c in idx.get(head, ()) if c.startswith("COM:")]
        if len(head) >= 3 and (
            head not in idx or (namesakes and place.population >= 10 * max(namesakes))
        ):
            out.setdefault(head, []).append(code)
    return out


@stored
def contracted_index() -> dict[str, tuple[str, ...]]:
    """Communes named with an article, without it: "mans" for Le Mans ("au Mans")."""
    idx: dict[str, list[str]] = {}
    for code, place in gazetteer().places.items():
        if place.level == "COM":
            head, _, rest = fold(place.name).partition(" ")
            if head in ("le", "la", "les", "l") and len(rest) >= 3:
                idx.setdefault(rest, []).append(code)
                # "au Puy", "du Puy" for Le Puy-en-Velay: the head of a compound town of
                # 10,000+ inhabitants named with its article
                words = rest.split()
                cut = next((i for i, w in enumerate(words) if i and w in CONNECTORS), None)
                if cut and place.population >= SHORT_MIN_POP:
                    idx.setdefault(" ".join(words[:cut]), []).append(code)
    return {k: tuple(v) for k, v in idx.items()}


@cache
def _max_words() -> int:
    return max(len(k.split()) for k in name_index())


@stored
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


@stored
def _fuzzy_index() -> dict[str, tuple[str, ...]]:
    """Symmetric-delete index (one edit) over ``_fuzzy_names``."""
    out: dict[str, set[str]] = {}
    for name in _fuzzy_names():
        for key in deletions(name) | {name}:
            out.setdefault(key, set()).add(name)
    return {k: tuple(sorted(v)) for k, v in out.items()}


@stored
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


@stored
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
