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
class Change:
    """One operation a turn made on the conversation's state, said in the "j'ai compris" line.

    ``op``: set (nothing was known), replace, add, remove, drop (a new topic leaves it behind),
    keep (the words looked like a change but are not: "le DLA du Rhône" is no place), assume
    (not said: what the answer takes for granted). ``field``: place, need, form (the legal form
    planned), audience, stage, theme, organisation. ``value`` / ``old``: keys or place codes."""

    op: str
    field: str
    value: str | None = None
    old: str | None = None


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
    #: what this turn asks about, among all the conversation's needs (it leads): its needs,
    #: and "hiring" when it is the turn that says the person wants to hire
    focus: tuple[str, ...] = ()
    #: organisations (document ids) the person does not want ("l'URSCOP, on préfère pas")
    declined: tuple[str, ...] = ()
    #: what this turn changed in what the conversation had learnt
    changes: tuple[Change, ...] = ()

    def as_dict(self) -> dict:
        d = asdict(self)
        for k in LISTS:
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
        for k in LISTS:
            if k in values:
                values[k] = tuple(values[k] or ())
        if "changes" in values:
            values["changes"] = tuple(
                Change(**c) if isinstance(c, dict) else Change(*c) for c in values["changes"]
            )
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
        """This reading of a follow-up applied to what was learnt before (see :func:`follow`,
        which also reads the corrections and negations in the words)."""
        return follow("", previous, self)


#: the profile's fields that are tuples (lists in JSON)
LISTS = ("territory_candidates", "places", "needs", "themes", "issues", "focus", "declined",
         "changes")


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


#: "reprendre la boîte en Scop", "la transformer en SCIC": the form it is converted to
CONVERTED = re.compile(
    r"\b(?:reprendre|reprise|reprend|reprenons|transformer|transformation|passer|convertir)\b"
    r"(?:\s+\w+){0,6}?\s+(?:en|sous forme de|sous forme d)\s+(scop|scic|cooperative|association"
    r"|asso|sas|sarl|societe cooperative)\b"
)


def _planned(text: str) -> str | None:
    """The structure the person means to create or convert to, if named."""
    converted = CONVERTED.search(text)
    if converted:
        keys = _phrases(converted.group(1), vocab.AUDIENCE_WORDS)
        if keys:
            return keys[0]
    for at, key in _occurrences(text):
        window = text[max(0, at - 70) : at]
        if PLANNED.search(window) and not DONE.search(window):
            return key
    return None


HIRING_WORDS = ("emploi aide", "emplois aides", "contrat aide", "contrats aides", "premier salarie",
                "premiere salariee", "poste aide", "aide a l embauche", "aides a l embauche",
                "aide au poste", "creer un poste", "financer un poste", "un salarie",
                "adulte relais", "service civique", "en cdi", "un cdi", "perenniser un poste",
                "perenniser le poste", "creer un emploi")


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


EMPLOYS = re.compile(r"\b\d+ (?:salaries|salariees|salarie|salariee|etp|encadrants)\b")
TAKEOVER = re.compile(r"\b(?:reprendre|reprise|racheter|rachat) (?:la|le|l|notre|de la|d une|une"
                      r" \w+ de) ?(?:boite|entreprise|societe|commerce|affaire|activite)\b")


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
        if TAKEOVER.search(text):
            return "creation"  # taking a business over: a creation, with a business to value
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
    if audience in ("structure_insertion", "cooperative", "entreprise_esus") and EMPLOYS.search(
        text
    ):
        return "developpement"  # "un chantier d'insertion, 12 salariés en parcours"
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


#: money that comes late is the reason for the question, not what is asked ("l'aide au poste
#: arrive toujours en retard")
LATE = re.compile(
    r"(?:\w+ ){1,4}(?:arrive|arrivent|tombe|tombent|est versee?|sont versee?s|est payee?"
    r"|sont payee?s)(?: toujours| souvent| tres| trop)? (?:en retard|tard|tardivement)\b"
)


def _needs(fixed: str, question: str) -> list[str]:
    """What is asked for; the project's own activities ("accompagnement scolaire") and money
    mentioned as context ("en attendant une subvention") are not."""
    asked = LATE.sub(" | ", fixed)
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
        hiring=bool(HIRING.search(fixed) or _has(LATE.sub(" | ", fixed), HIRING_WORDS) >= 0),
        nonprofit=_nonprofit(fixed, audience, planned),
        language=detect_language(folded),
        issues=reading.issues,
    )


# -- a conversation's state: what each turn changes (issue 17) --------------------------------
#
# A follow-up is read on its own (``understand``), then applied to what the conversation has
# learnt as explicit operations (:class:`Change`): set, replace, add or remove a place, a need,
# the legal form planned, the stage, the themes; a new topic drops what no longer applies.

#: the person corrects what was said: the new value replaces the old one
CORRECTION = re.compile(
    r"\b(?:en fait|plutot|finalement|pardon|je me suis trompe\w*|on s est trompe\w*|erreur"
    r"|je corrige|correction|au lieu de|et non|c est pas|ce n est pas|non pas|pas le|pas la"
    r"|pas a|pas au|pas en|pas dans|mais a|mais au|mais en|mais dans|demenage\w*|demenag\w*)\b"
)
#: another subject: "autre chose", "autre question", "rien à voir"
NEW_TOPIC = re.compile(
    r"^(?:\W*\w+\W+){0,3}?(?:autre chose|autre question|une autre question|autre sujet"
    r"|rien a voir|changement de sujet|changeons de sujet|sinon|par ailleurs|aussi une question)\b"
)
#: ...about another project of the person's: "pour mon club de foot", "notre autre asso"
OTHER_PROJECT = re.compile(
    r"\b(?:pour|avec|dans) (?:mon|ma|notre|nos|mes) (?!projet\b|idee\b)\w+"
    r"|\b(?:un autre projet|autre projet|une autre asso\w*|notre autre|mon autre|ma autre)\b"
)
#: the person does not know or does not mind: answer with what there is, say what is assumed
DONT_KNOW = re.compile(
    r"\b(?:je (?:ne )?sais (?:pas|plus)|j sais pas|sais pas|jsp|aucune idee|peu importe"
    r"|pas d importance|ca m est egal|c est egal|on verra|pas encore (?:decide|choisi|tranche)"
    r"|pas sur|pas sure|indifferent|n importe (?:lequel|laquelle|quoi))\b"
)
#: needs taken back: "pas de prêt", "sans emprunt", "on ne veut pas s'endetter"
NOT_WANTED = re.compile(
    r"\b(?:pas de|pas d|pas besoin de|pas besoin d|plus besoin de|plus besoin d|sans|plus de"
    r"|ne veut pas de|ne veut pas d|ne voulons pas de|veut pas de|veux pas de|voulons pas de"
    r"|pas un|pas une|ni)\s+((?:\w+\s+){0,2}\w+)"
)
NO_DEBT = re.compile(r"\b(?:endett\w*|s endetter|emprunt\w*|dette|dettes|credit|pret|prets)\b")
#: the person speaks of themselves or their structure (their words then set who they are)
SELF = re.compile(
    r"\b(?:on est|nous sommes|je suis|j suis|c est une|c est un|notre|nos|mon|ma|mes|on a juste"
    r"|j ai juste|pas encore d|pas encore de|pas d asso|on a|j ai|nous avons|on monte|je monte)\b"
)
#: "le mois prochain", "dans quelques mois": when, not the project's stage
TIME_ONLY = ("le mois prochain", "dans quelques mois", "l an prochain", "l annee prochaine",
             "en septembre", "cet ete", "a la rentree")
#: a question about an organisation ("c'est où, eux ?"): the place it names is the
#: organisation's, not the person's
ABOUT_ORGANISATION = re.compile(
    r"\b(?:eux|ils|elles|cette structure|cet organisme|cette asso\w*|ce reseau|ce dispositif"
    r"|le premier|la premiere|celui|celle|dont vous parlez|que vous avez cite\w*|vous avez cite"
    r"|ya quelqu un|y a quelqu un|il y a quelqu un|y a t il quelqu un|une antenne|un relais"
    r"|une permanence|ils sont ou|c est ou|c ou)\b"
)
#: a bare arrondissement in a follow-up ("c'est le 14e, pas le 13e"): of the city already known
BARE_ARRONDISSEMENT = re.compile(r"\b(\d{1,2})\s*(?:e|er|eme|ieme)\b(?!\s*(?:salari|etage))")
ARR_CITIES = {"COM:75056": ("paris", 75100, 20), "COM:69123": ("lyon", 69380, 9),
              "COM:13055": ("marseille", 13200, 16)}


def _has_place(p: Profile) -> bool:
    return bool(p.territory or p.territory_candidates or p.places or p.nationwide)


def _city_of(code: str | None) -> str | None:
    """Paris, Lyon or Marseille when the place is one of them or one of their arrondissements."""
    if not code:
        return None
    if code in ARR_CITIES:
        return code
    g = gazetteer()
    return next((a for a in g.ancestors(code) if a in ARR_CITIES), None)


def _bare_arrondissement(folded: str, previous: Profile) -> str | None:
    city = _city_of(previous.territory)
    if city is None:
        return None
    _, base, top = ARR_CITIES[city]
    for m in BARE_ARRONDISSEMENT.finditer(folded):
        before = folded[max(0, m.start() - 6) : m.start()]
        if " pas " in f" {before}" or before.rstrip().endswith(("pas", "non")):
            continue  # "pas le 13e": the one taken back
        n = int(m.group(1))
        code = f"COM:{base + n}"
        if 1 <= n <= top and code in gazetteer().places:
            return code
    return None


def _not_wanted(folded: str) -> set[str]:
    """Needs the person takes back or refuses ("pas de prêt", "sans nous endetter")."""
    out: set[str] = set()
    for m in NOT_WANTED.finditer(f" {folded} "):
        said = _phrases(m.group(1), vocab.NEED_WORDS)
        out |= set(said)
        if NO_DEBT.search(m.group(1)):
            out |= {"pret", "pret_honneur", "garantie"}
    if re.search(r"\b(?:pas|ne|sans) (?:\w+ )?(?:nous |m |me |s )?endett\w*", folded):
        out |= {"pret", "pret_honneur", "garantie"}
    return out


def _place_changes(
    question: str, folded: str, fresh: Profile, previous: Profile, changes: list[Change]
) -> dict:
    """The place after this turn, as the fields of a profile."""
    keep = {
        "territory": previous.territory, "territory_label": previous.territory_label,
        "territory_candidates": previous.territory_candidates, "places": previous.places,
        "nationwide": previous.nationwide,
    }
    old = previous.territory or (previous.places[0] if previous.places else None)
    known = bool(old or previous.nationwide)
    said = _has_place(fresh)
    if fresh.nationwide and not fresh.territory and _has(
        f" {folded} ", ("peu importe", "n importe ou")
    ) >= 0 and _has(f" {folded} ", ("partout", "france", "national", "nationale", "peu importe ou",
                                    "n importe ou", "peu importe le lieu")) < 0 and (
        known or len(folded.split()) > 4
    ):
        said = False  # "peu importe le statut": nothing about the place
    if said and "place_of_organisation" in fresh.issues and known:
        # "le DLA du Rhône", "France Active Loire": an organisation's name, not a move
        changes.append(Change("keep", "place", old))
        return keep
    if said and known and ABOUT_ORGANISATION.search(folded) and not CORRECTION.search(folded):
        # "ya quelqu'un sur Lyon ?", "il est à Clermont ou à Lyon ?": where the organisation is
        changes.append(Change("keep", "place", old))
        return keep
    if not said:
        arr = _bare_arrondissement(folded, previous)
        if arr and arr != previous.territory:
            changes.append(Change("replace" if old else "set", "place", arr, old))
            return {**keep, "territory": arr, "territory_label": place_label(arr),
                    "territory_candidates": (), "places": ()}
        negated = [c for i in fresh.issues if i.startswith("negated:")
                   for c in i.split(":", 1)[1].split(",")]
        if old and old in negated:
            changes.append(Change("remove", "place", None, old))
            return {"territory": None, "territory_label": None, "territory_candidates": (),
                    "places": (), "nationwide": False}
        return keep
    territory, label = fresh.territory, fresh.territory_label
    candidates, places = fresh.territory_candidates, fresh.places
    g = gazetteer()
    if candidates and (old or previous.territory_candidates):
        # a reply to "which one?" ("dans la Drôme" picks Valence (26)); a quartier or a namesake
        # in the town or the department already known ("c'est les Vergnes, à côté")
        picked: list[str] = []
        if territory and previous.territory_candidates:
            picked = [c for c in previous.territory_candidates if territory in g.ancestors(c)]
        elif old and not old.startswith(("REG:", "FR")):
            picked = [c for c in candidates if c == old or old in g.ancestors(c)
                      or (g.parents.get(c) or [""])[0] == old]
            if not picked:
                dep = next((a for a in [old, *g.ancestors(old)] if a.startswith("DEP:")), None)
                picked = [c for c in candidates if dep and dep in g.ancestors(c)]
        if len(picked) == 1:
            territory, label, candidates = picked[0], place_label(picked[0]), ()
        elif "several_places" in fresh.issues and old in candidates and CORRECTION.search(folded):
            others = [c for c in candidates if c != old]
            if len(others) == 1:  # "c'est Annecy, pas Chambéry": the new one
                territory, label, candidates = others[0], place_label(others[0]), ()
    elif territory and previous.territory_candidates:
        picked = [c for c in previous.territory_candidates if territory in g.ancestors(c)]
        if len(picked) == 1:
            territory, label = picked[0], place_label(picked[0])
    if candidates and (previous.territory or previous.places):
        # the places of the region the conversation is in come first
        where = previous.territory or previous.places[0]
        region = next((a for a in [where, *g.ancestors(where)] if a.startswith("REG:")), None)
        candidates = tuple(
            sorted(candidates, key=lambda c: region is None or region not in g.ancestors(c))
        )
    new = territory or (places[0] if places else None)
    if new and new != old:
        changes.append(Change("replace" if old else "set", "place", new, old))
    elif new and new == old and CORRECTION.search(folded):
        changes.append(Change("same", "place", new))  # another quartier of the same town
    return {"territory": territory, "territory_label": label,
            "territory_candidates": candidates, "places": places,
            "nationwide": fresh.nationwide and not territory}


def follow(question: str, previous: Profile | None, fresh: Profile | None = None) -> Profile:
    """The conversation's state after ``question``: what was learnt, changed by what this turn
    says, each operation recorded in ``changes`` (shown in the "j'ai compris" line).

    - **place**: a new place replaces the old one ("plutôt à Vienne en fait"); a place taken back
      ("pas à Chambéry") is removed; "le 14e" after Marseille 13e is Marseille 14e; a quartier or
      a namesake is looked for in the town or department already known; the territory in an
      organisation's name ("le DLA du Rhône") and the place of an organisation asked about
      ("ya quelqu'un sur Lyon ?") leave the person's place as it is.
    - **needs**: a follow-up adds its needs to the conversation's ("et pour la trésorerie ?"),
      a correction replaces them, "pas de prêt" removes one; the turn's own needs lead
      (``focus``). "Je ne sais pas" / "peu importe" adds nothing.
    - **who and what**: the structure, the legal form planned and the stage change when the
      person says them of themselves ("on a juste l'idée"), not when they name someone else
      ("la mairie peut aider ?") or a date ("le mois prochain").
    - **a new topic** about another project ("autre chose, pour mon club de foot...") starts
      again from what it says, and drops the rest (said as ``drop``); about the same project
      ("autre chose, l'agrément ESUS ?") it replaces the needs only.
    """
    fresh = fresh or understand(question)
    if previous is None:
        return fresh
    folded = fold(question)
    padded = f" {folded} "
    changes: list[Change] = []
    new_topic = bool(NEW_TOPIC.search(folded))
    other_project = new_topic and bool(
        OTHER_PROJECT.search(folded) or (fresh.audience and fresh.audience != previous.audience)
    )
    dont_know = bool(DONT_KNOW.search(folded))
    place = _place_changes(question, folded, fresh, previous, changes)
    if other_project:
        changes.append(Change("drop", "project"))
        for name, old in (("need", previous.needs), ("theme", previous.themes),
                          ("stage", previous.stage), ("audience", previous.audience),
                          ("form", previous.planned)):
            values = old if isinstance(old, tuple) else ((old,) if old else ())
            kept = fresh.needs if name == "need" else fresh.themes if name == "theme" else ()
            for v in values:
                if v not in kept:
                    changes.append(Change("drop", name, None, v))
        return replace(fresh, **place, changes=tuple(changes), focus=fresh.needs)
    # needs
    said = [] if dont_know and len(folded.split()) <= 14 else list(fresh.needs)
    refused = _not_wanted(folded)
    said = [n for n in said if n not in refused]
    needs = list(previous.needs)
    if said and (new_topic or (CORRECTION.search(folded) and not re.search(
        r"\b(?:et|aussi|en plus|en attendant|egalement)\b", folded
    ))):
        for n in needs:
            if n not in said:
                changes.append(Change("drop" if new_topic else "replace", "need", None, n))
        needs = said
        for n in said:
            if n not in previous.needs:
                changes.append(Change("set", "need", n))
    else:
        for n in said:
            if n not in needs:
                changes.append(Change("add" if needs else "set", "need", n))
                needs.append(n)
    money = set(vocab.FINANCING_NEEDS) | {"financement"}
    wanted_money = bool(set(needs) & money)
    for n in list(needs):
        if n in refused:
            needs.remove(n)
            changes.append(Change("remove", "need", None, n))
    no_debt = bool(re.search(r"\bendett\w*|\bdettes?\b", folded))
    if refused & {"pret", "pret_honneur"} and wanted_money and (
        "financement" in needs or (no_debt and not set(needs) & money)
    ):
        # money without debt: grants and prizes (and equity for a business)
        if "financement" in needs:
            needs.remove("financement")
            changes.append(Change("remove", "need", None, "pret"))
        for n in ["subvention", "prix"] + ([] if previous.nonprofit else ["investissement"]):
            if n not in needs:
                needs.append(n)
                changes.append(Change("add", "need", n))
    if "financement" in needs and set(needs) & set(vocab.FINANCING_NEEDS) - {"prix"}:
        needs.remove("financement")  # the kind of money said replaces "money" in general
    # who asks, what they create, at which stage
    statement = bool(SELF.search(folded))
    audience = previous.audience
    if fresh.audience and fresh.audience != audience and (audience is None or statement):
        changes.append(Change("replace" if audience else "set", "audience", fresh.audience,
                              audience))
        audience = fresh.audience
    planned = previous.planned
    if dont_know and fresh.planned:
        if planned:
            changes.append(Change("remove", "form", None, planned))
        planned = None  # "je ne sais pas encore le statut, asso ou entreprise"
    elif fresh.planned and fresh.planned != planned and (planned is None or statement):
        changes.append(Change("replace" if planned else "set", "form", fresh.planned, planned))
        planned = fresh.planned
    stage = previous.stage
    if fresh.stage and fresh.stage != stage:
        timed = _has(padded, TIME_ONLY) >= 0 and _stage(
            _without(padded, TIME_ONLY), fresh.audience
        ) != fresh.stage
        if not timed and (stage is None or (statement and "?" not in question)
                          or SELF.search(folded) and fresh.stage == "idee"):
            changes.append(Change("replace" if stage else "set", "stage", fresh.stage, stage))
            stage = fresh.stage
    themes = list(previous.themes)
    for t in fresh.themes:
        if t not in themes:
            themes.append(t)
    hiring = fresh.hiring or previous.hiring
    return replace(
        fresh,
        **place,
        needs=tuple(needs),
        # what this turn asks leads; wanting to hire, said now, is what it asks
        focus=tuple(n for n in said if n in needs)
        + (("hiring",) if fresh.hiring and not previous.hiring else ()),
        themes=tuple(themes),
        audience=audience,
        planned=planned,
        stage=stage,
        hiring=hiring,
        nonprofit=fresh.nonprofit or (previous.nonprofit and not fresh.planned)
        or planned == "association",
        declined=previous.declined,
        changes=tuple(changes),
    )


def _without(padded: str, phrases) -> str:
    for p in phrases:
        padded = padded.replace(f" {p} ", " | ")
    return padded
