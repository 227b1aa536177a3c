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
from .french import is_known
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
    #: several sites of the project ("à Annecy et Chambéry"): documents for any of them
    places: tuple[str, ...] = ()
    nationwide: bool = False
    #: the legal form the person wants to create or convert to ("la transformer en SCOP")
    planned: str | None = None
    #: the person wants to hire (a first employee, an emploi aidé, people in insertion)
    hiring: bool = False
    #: the project is no business: an association, a group of parents, residents, volunteers
    nonprofit: bool = False
    needs: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    audience: str | None = None
    stage: str | None = None
    language: str = "fr"
    issues: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict:
        d = asdict(self)
        for k in ("territory_candidates", "places", "needs", "themes", "issues"):
            d[k] = list(d[k])
        return d

    @classmethod
    def from_dict(cls, d: dict | None) -> Profile | None:
        """A profile saved with :meth:`as_dict` (unknown keys ignored: saved by another
        version)."""
        if not isinstance(d, dict):
            return None
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in d.items() if k in known}
        for k in ("territory_candidates", "places", "needs", "themes", "issues"):
            if k in values:
                values[k] = tuple(values[k] or ())
        return cls(**values)

    def need_keys(self) -> set[str]:
        """Needs as document vocabulary: 'financement' stands for every financing need."""
        out = set(self.needs) - {"financement"}
        if "financement" in self.needs:
            # an association or a group of citizens is funded by grants and prizes; loans,
            # guarantees and equity only when they ask for them
            out |= NONPROFIT_FINANCING if self.nonprofit else set(vocab.FINANCING_NEEDS)
        return out

    def merged_with(self, previous: Profile | None) -> Profile:
        """Follow-up questions keep what was learnt unless the new question changes it."""
        if previous is None:
            return self
        keep_place = (
            self.territory is None
            and not self.territory_candidates
            and not self.places
            and not self.nationwide
        )
        territory, label, places = self.territory, self.territory_label, self.places
        if keep_place:
            territory, label = previous.territory, previous.territory_label
            places = previous.places
        elif territory and previous.territory_candidates:
            # a reply to "which one?": "dans la Drôme" picks Valence (26) among the candidates
            g = gazetteer()
            picked = [c for c in previous.territory_candidates if territory in g.ancestors(c)]
            if len(picked) == 1:
                territory, label = picked[0], place_label(picked[0])
        candidates = self.territory_candidates
        if candidates and (previous.territory or previous.places):
            # the places of the region the conversation is in come first
            g = gazetteer()
            where = previous.territory or previous.places[0]
            region = next((a for a in [where, *g.ancestors(where)] if a.startswith("REG:")), None)
            candidates = tuple(
                sorted(candidates, key=lambda c: region is None or region not in g.ancestors(c))
            )
        return replace(
            self,
            territory=territory,
            territory_label=label,
            territory_candidates=candidates,
            places=places,
            nationwide=previous.nationwide if keep_place else self.nationwide,
            audience=self.audience or previous.audience,
            stage=self.stage or previous.stage,
            planned=self.planned or previous.planned,
            hiring=self.hiring or previous.hiring,
            nonprofit=self.nonprofit or (previous.nonprofit and not self.planned),
            themes=self.themes or previous.themes,
            needs=self.needs or previous.needs,
        )


#: what "financement" means for a project that is no business
NONPROFIT_FINANCING = {"subvention", "prix"}


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


@cache
def _place_words() -> frozenset[str]:
    """Every word of a place name: "laurent" (Saint-Laurent-du-Maroni) is no typo of "lauréat"."""
    from .places import name_index

    return frozenset(w for name in name_index() for w in name.split())


def correct_typos(folded: str) -> str:
    """Replace a long word one edit away from exactly one vocabulary word ("subention"). A
    French word ("autistes" is no "artistes") or a word of a place name is left alone."""
    known = _vocab_words()
    idx = _typo_index()
    out = []
    for w in folded.split():
        if (
            len(w) >= TYPO_MIN_LEN
            and w not in known
            and not is_known(w)
            and w not in _place_words()
        ):
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


#: A creation, conversion or joining verb: the structure named after it is planned, not the
#: one that asks ("on veut créer une asso", "la transformer en SCOP", "rejoindre une CAE").
PLANNED = re.compile(
    r"\b(?:creer|cree|creons|creez|monter|monte|montons|lancer|lance|fonder|fonde|ouvrir|ouvre"
    r"|reprendre|reprends|reprend|reprenons|transformer|transforme|passer|devenir|rejoindre"
    r"|integrer|constituer|immatriculer|statut|statuts|forme|creation|declarer|enregistrer"
    r"|projet de|projet d)\b"
    r"(?:\s+\w+){0,7}\s*$"
)
#: A creation in the past: the structure exists ("j'ai créé il y a deux ans une SARL").
DONE = re.compile(
    r"\b(?:j ai|nous avons|on a|avons|a ete|ont|a)\s+(?:\w+\s+)?(?:cree|creee|monte|montee|fonde"
    r"|fondee|lance|lancee|repris|reprise)\b|\bil y a \w+ ans?\b|\bdepuis \w+ ans?\b"
)
#: Someone who means to create: "je voudrais ouvrir", "jveux lancer", "on a un projet de".
INTENT = re.compile(
    r"\b(?:veux|veut|voulons|voudrais|voudrait|voudrions|aimerais|aimerait|aimerions|souhaite"
    r"|souhaitons|souhaiterais|envisage|envisageons|compte|comptons|pense|pensons|reve de"
    r"|revons de|envie de|vais|allons|jveux|jvoudrais|jaimerais|jvais|projet de|idee de)"
    r"\s+(?:\w+\s+){0,2}?(?:creer|monter|lancer|ouvrir|demarrer|fonder|reprendre|installer"
    r"|m installer|nous installer|mettre en place|proposer)\b"
)
#: Creation under way: the person has no structure yet, but is at the stage of creation.
UNDERWAY = (
    "en train de creer", "en train de monter", "en cours de creation", "en phase de creation",
    "en creation", "je monte", "on monte", "nous montons", "je lance", "on lance", "je cree",
    "on cree", "nous creons", "je reprends", "on reprend", "nous reprenons", "qui se cree",
    "pour demarrer ma", "pour demarrer mon", "pour demarrer notre", "pour lancer ma",
    "pour lancer mon", "lancer ma", "lancer mon", "on ouvre", "j ouvre",
    "immatriculer", "le mois prochain", "dans quelques mois",
)
#: A named structure being created: nothing exists yet (the person is a project holder)
CREATING_FORM = ("en creation", "en phase de creation", "en cours de creation", "qui se cree",
                 "en train de se creer", "en cours de constitution", "en train de creer",
                 "en train de monter")
#: The structure has just been created: it exists, at the stage of creation.
JUST_CREATED = (
    "vient de creer", "venons de creer", "viens de creer", "vient d etre creee",
    "vient d etre cree", "vient de se creer", "statuts deposes", "deposes en",
    "deposer les statuts",
    "a depose les statuts", "avons depose les statuts", "creee le mois dernier",
    "cree le mois dernier", "creee recemment", "cree recemment", "toute jeune", "jeune asso",
    "jeune association", "qui demarre", "nouvellement creee", "creee cette annee",
    "cree cette annee",
)
#: Said by someone who runs a business: "j'ai une librairie", "je dirige une entreprise".
BUSINESS_OWNER = re.compile(
    r"\b(?:j ai|je tiens|je gere|je dirige|nous dirigeons|je suis gerant|je suis gerante"
    r"|je suis a la tete d|patron d|patronne d)\s+(?:une|un|d une|d un)?\s*(?:\w+\s+)?"
    r"(?:librairie|boutique|commerce|restaurant|boulangerie|cafe|bar|epicerie|entreprise|societe"
    r"|agence|garage|salon|ferme|exploitation|pme|tpe|sarl|sas|hotel|magasin|atelier|cabinet)\b"
)
#: The project without a structure: "on a un projet de...", "Projet à Saint-Denis : ..."
PROJECT_ONLY = ("on a un projet", "j ai un projet", "nous avons un projet", "mon projet",
                "un projet de", "projet a", "projet de", "mon idee", "notre idee")
#: An existing structure that grows: a new place, activity, post, equipment...
GROWTH = re.compile(
    r"\b(?:veut|voulons|voudrait|voudrions|souhaite|souhaitons|aimerait|aimerions"
    r"|cherche a|cherchons a|compte|comptons|envisage|envisageons|pour|va|allons|projet d|besoin d"
    r"|de quoi)\s+(?:\w+\s+){0,2}?(?:ouvrir|lancer|creer|monter|embaucher|recruter"
    r"|agrandir|etendre|developper|proposer|diversifier|construire|renover|demenager"
    r"|deployer|reprendre|accueillir plus|passer a|salarier|perenniser)\b"
    r"|\b(?:supplementaire|supplementaires|nouvel|nouveau|nouvelle|nouveaux|nouvelles|deuxieme"
    r"|2e|2eme|second|seconde|agrandissement|extension|plus grand|plus grands|se lancer)\b"
)
COLLECTIVITY_CREATES = re.compile(r"\b(?:creer|creation|monter|lancer|ouvrir|implanter)\b")
HELPS_OTHERS = re.compile(
    r"\baider (?:une|des|les|un) \w+ (?:\w+ )?a (?:creer|monter|lancer|ouvrir)"
)
#: An existing structure creating another one: a new structure is at the stage of creation.
CREATES_STRUCTURE = re.compile(
    r"\b(?:creer|monter|lancer|ouvrir|fonder)\s+(?:un|une)\s+(?:\w+\s+)?(?:chantier d insertion"
    r"|atelier chantier d insertion|entreprise d insertion|entreprise adaptee|scic|scop|filiale"
    r"|structure d insertion|association intermediaire)\b"
)
#: Someone who speaks of what they run: "on a une ferme", "notre ferme pédagogique"
OWNS = ("on a une", "on a un", "nous avons une", "nous avons un", "notre", "nos", "j ai une",
        "j ai un", "ma ferme", "mon restaurant", "mon atelier", "ma boutique", "mon commerce")
SCALE = re.compile(
    r"\b(?:autre ville|autres villes|d autres villes|autre region|autres regions|autre territoire"
    r"|autres territoires|d autres territoires|une antenne|des antennes|nouvelle antenne"
    r"|nouvelles antennes|essaim\w*|echelle nationale|passer a l echelle"
    r"|changer d echelle|changement d echelle|dupliquer|deployer|deploiement"
    r"|autres departements|d autres departements|nouvelles regions|nouvelles villes"
    r"|nouveaux territoires|autres communes|d autres communes)\b"
)


def _occurrences(text: str) -> list[tuple[int, str]]:
    """(position, audience key) of every structure named, longest expressions first."""
    masked = text
    out = []
    for needle, keys in _expressions(vocab.AUDIENCE_WORDS):
        at = masked.find(needle)
        while at >= 0:
            out.append((at, keys[0]))
            masked = masked[:at] + " " + "|" * (len(needle) - 2) + " " + masked[at + len(needle):]
            at = masked.find(needle)
    return sorted(out)


def _planned(text: str) -> str | None:
    """The structure the person means to create or convert to, if named."""
    for at, key in _occurrences(text):
        window = text[max(0, at - 70) : at]
        if PLANNED.search(window) and not DONE.search(window):
            return key
    return None


HIRING_WORDS = ("emploi aide", "emplois aides", "contrat aide", "contrats aides", "premier salarie",
                "premiere salariee", "poste aide", "aide a l embauche", "aides a l embauche",
                "aide au poste", "creer un poste", "financer un poste", "un salarie",
                "adulte relais", "service civique")


def _audience(text: str) -> str | None:
    """Who is asking: no structure yet (porteur_projet), or the structure they speak for.

    A structure named after a creation, conversion or joining verb is planned ("on veut créer
    une asso", "la transformer en SCOP"); one named otherwise is the one that asks ("association
    de locataires, on veut créer un jardin")."""
    found = _occurrences(text)
    if _has(text, vocab.NO_STRUCTURE) >= 0 and _has(text, vocab.HAS_STRUCTURE) < 0:
        return "porteur_projet"  # "une asso ... avec juste une idée": nothing exists yet
    owner = _has(text, vocab.HAS_STRUCTURE)
    if owner < 0 and _has(text, CREATING_FORM) >= 0 and _occurrences(text):
        return "porteur_projet"  # "SCIC en création", "une SCOP qui se crée": not yet there
    current, planned = [], []
    for at, key in found:
        # the structure being created, named again later ("déclarer l'association"), is
        # still the planned one
        window = text[max(0, at - 70) : at]
        if (key in planned and owner < 0) or (PLANNED.search(window) and not DONE.search(window)):
            planned.append(key)
        else:
            current.append((at, key))
    if current:
        keys = [k for _, k in current]
        if owner >= 0:  # the structure named right after "notre ..." / "nous sommes une ..."
            after = [k for at, k in current if owner <= at <= owner + 60]
            if after:
                if "entreprise_esus" in after and after[0] == "entreprise":
                    return "entreprise_esus"  # "nous sommes une SAS agréée ESUS"
                return after[0]
        if "entreprise_esus" in keys and "entreprise" in keys:
            return "entreprise_esus"  # "une SAS agréée ESUS"
        return min(keys, key=AUDIENCE_PRIORITY.index)
    if BUSINESS_OWNER.search(text):
        return "entreprise"  # "j'ai une librairie ... la transformer en SCOP"
    if planned and _has(text, JUST_CREATED) >= 0:
        return planned[0]  # "on vient de créer l'asso": it exists
    if (
        planned
        or _has(text, vocab.NO_STRUCTURE) >= 0
        or _has(text, UNDERWAY) >= 0
        or INTENT.search(text)
        or _has(text, PROJECT_ONLY) >= 0
    ):
        return "porteur_projet"
    return None


def _stage(text: str, audience: str | None) -> str | None:
    for name in (" nouvelle aquitaine ", " nouvelle caledonie "):
        text = text.replace(name, " | ")  # places, not something new
    stages = set(_phrases(text, vocab.STAGE_WORDS))
    if audience == "collectivite":
        # a local authority creating (or having created) a service or a structure; helping
        # others to create is not its own stage
        own = COLLECTIVITY_CREATES.search(text) and not HELPS_OTHERS.search(text)
        return "creation" if own else None
    if audience == "porteur_projet":
        if _has(text, UNDERWAY) >= 0 or _has(text, JUST_CREATED) >= 0 or "creation" in stages:
            return "creation"
        return "idee"
    if _has(text, JUST_CREATED) >= 0:
        return "creation"
    if "changement_echelle" in stages or SCALE.search(text):
        return "changement_echelle"
    exists = audience or _has(text, OWNS) >= 0
    if exists and CREATES_STRUCTURE.search(text):
        return "creation"  # "notre association veut créer un atelier chantier d'insertion"
    if exists and ("developpement" in stages or GROWTH.search(text)):
        return "developpement"
    if "developpement" in stages:
        return "developpement"
    if "creation" in stages:
        return "creation"
    return "idee" if "idee" in stages and audience is None else None


#: What is recycled or sold is not what the project is about ("recyclage de panneaux solaires").
OBJECT_OF = re.compile(
    r"\b(?:recycl\w*|reemploi|reemployer|collecte|vente|vend|vendre|vendons|revend\w*)"
    r"(?: \w+)?? (?:de|des|les|d|du) ((?:\w+ ){0,1}\w+)"
)
GOODS_THEMES = {"energie", "education_jeunesse", "numerique", "culture"}
HIRING = re.compile(r"\b(?:embauch\w*|recrut\w*)\b")
SMALL_TOWN = re.compile(r"\b(\d[\d ]{0,5}) habitants\b")


def _themes(fixed: str) -> tuple[str, ...]:
    """Themes of what the project does and whom it serves, not of a word in passing."""
    themed = fixed
    for phrase in vocab.NOT_THEMES:
        themed = themed.replace(f" {phrase} ", " | ")
    for m in OBJECT_OF.finditer(themed):
        # recycled solar panels are no energy project, school books sold no education
        if set(_phrases(m.group(1), vocab.THEME_WORDS)) & GOODS_THEMES:
            themed = themed.replace(m.group(1), "|", 1)
    themes = _phrases(themed, vocab.THEME_WORDS)
    if "handicap" in themes and "insertion_emploi" not in themes and HIRING.search(themed):
        themes.append("insertion_emploi")  # employing disabled people
    small = SMALL_TOWN.search(fixed)
    if small and int(small.group(1).replace(" ", "")) < 3500 and "ruralite" not in themes:
        themes.append("ruralite")  # "une mairie de 800 habitants"
    return tuple(themes)


def _needs(fixed: str, question: str) -> list[str]:
    """What is asked for; the project's own activities ("accompagnement scolaire") and money
    mentioned as context ("en attendant une subvention") are not."""
    asked = fixed
    for phrase in (*vocab.NOT_NEEDS, *vocab.FINANCING_NOT_NETWORK):
        asked = asked.replace(f" {phrase} ", " | ")
    needs = _phrases(asked, vocab.NEED_WORDS)
    if "information" in needs and len(needs) > 1 and _has(asked, vocab.STRONG_INFORMATION) < 0:
        needs.remove("information")  # "par où commencer pour me faire accompagner ?"
    if "garantie" in needs and "pret" in needs and _has(asked, LOOKING_FOR_LOAN) < 0:
        needs.remove("pret")  # the loan is only what is to be guaranteed
    money = set(vocab.FINANCING_NEEDS) - {"prix"}
    wants_money = _has(fixed, vocab.FINANCING_WORDS) >= 0 or re.search(
        vocab.AMOUNT_SOUGHT, question.lower()
    )
    if wants_money and not set(needs) & money:
        needs.insert(0, "financement")
    return needs


#: a business of one's own: the venture is no association ("me mettre à mon compte")
BUSINESS = (
    "mon entreprise", "ma boite", "micro entreprise", "microentreprise", "auto entrepreneur",
    "autoentrepreneur", "mon activite", "m installer", "me mettre a mon compte", "a mon compte",
    "creer mon emploi", "creer mon propre emploi", "mon commerce", "ma boutique",
    "mon restaurant", "mon food truck", "ma societe", "independant", "independante", "freelance",
    "chiffre d affaires", "mes clients", "me salarier", "me verser un salaire",
)
#: a group of citizens carrying a project together: parents, residents, volunteers
COLLECTIVE = re.compile(
    r"\b(?:avec d autres|d autres parents|un groupe de|un collectif|notre collectif|collectif d"
    r"|on est \w+ familles|nous sommes \w+ familles|parents d eleves|des parents|entre parents"
    r"|entre voisins|des habitants|on est des habitants|nous sommes des habitants|des benevoles"
    r"|benevoles qui|benevolat|citoyens|des retraites)\b"
)


def _nonprofit(fixed: str, audience: str | None, planned: str | None) -> bool:
    """The project is no business of one's own: an association (existing or planned) or a group
    of citizens; founders' loans and aids are not for it."""
    if planned == "association" or audience == "association":
        return True
    if planned in ("entreprise", "entreprise_esus", "cooperative") or audience in (
        "entreprise", "entreprise_esus", "cooperative", "collectivite"
    ):
        return False
    if _has(fixed, BUSINESS) >= 0 or BUSINESS_OWNER.search(fixed):
        return False
    return bool(COLLECTIVE.search(fixed))


def understand(question: str) -> Profile:
    folded = fold(question)
    reading = read_places(question)
    fixed = " " + READY.sub("ready a ", correct_typos(folded)) + " "
    nationwide = reading.territory is None and _has(fixed, NATIONWIDE) >= 0
    needs = _needs(fixed, question)
    audience = _audience(fixed)
    themes = _themes(fixed)
    planned = _planned(fixed)
    if planned is None and audience == "porteur_projet":
        # "une association qui n'a qu'une idée": the structure named is the one to come
        named = [key for _, key in _occurrences(fixed) if key != "porteur_projet"]
        planned = named[0] if named else None
    return Profile(
        territory=reading.territory,
        territory_label=place_label(reading.territory) if reading.territory else None,
        territory_candidates=reading.candidates,
        places=reading.places,
        nationwide=nationwide,
        needs=tuple(needs),
        themes=themes,
        audience=audience,
        stage=_stage(fixed, audience),
        planned=planned,
        hiring=bool(HIRING.search(fixed) or _has(fixed, HIRING_WORDS) >= 0),
        nonprofit=_nonprofit(fixed, audience, planned),
        language=detect_language(folded),
        issues=reading.issues,
    )
