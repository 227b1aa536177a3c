"""What the composer knows about the corpus as a whole, built once per index version.

- **Names**: organisations and programmes recognised by name, acronym or usual spelling
  ("Ronalpia", "le DLA", "les Cigales", "France Active"), so that a question about one of them
  gets that one first.
- **Networks**: the branches of a national network (France Active, Initiative, DLA, CRESS...), so
  that the branch that covers the place asked is the contact, not the head office.
- **Coverage**: how many local documents apply to a place, so that an answer for a thinly covered
  place says so and points to the networks' way to find their local branch.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from ..corpus.documents import Document
from ..language.french import is_common, is_known
from ..language.territory import gazetteer
from ..language.text import edit_distance, fold
from ..search.chunk import Chunk
from ..search.lexical import analyse
from .timing import ended

#: a one-word name that is also a word this frequent ("vrac", "cigales", "relief") counts
#: only when written with a capital ("VRAC Lyon Métropole", not "une épicerie vrac")
NAME_COMMON = 100

if TYPE_CHECKING:
    from ..search.retrieve import Hit

#: fewer local (not national) documents than this for a place: its coverage is thin
THIN = 8
#: slugs that group public bodies of one kind, not branches of one network: a Département is no
#: branch of another, the State's services are several bodies
NOT_BRANCHES = {"etat", "epci", "departement", "region"}
#: the networks a project holder anywhere in France can find a local branch of
FINDER_NETWORKS = ("cress", "france-active", "initiative-france", "dla", "urscop", "adie", "bge")
#: usual names of the networks, as people write them
NETWORK_NAMES = {
    "france active": "france-active",
    "initiative france": "initiative-france",
    "plateforme initiative": "initiative-france",
    "pret d honneur initiative": "initiative-france",
    "dla": "dla",
    "dispositif local d accompagnement": "dla",
    "cress": "cress",
    "chambre regionale de l ess": "cress",
    "urscop": "urscop",
    "union regionale des scop": "urscop",
    "les scop": "urscop",
    "adie": "adie",
    "bge": "bge",
    "reseau entreprendre": "reseau-entreprendre",
    "cap emploi": "cap-emploi",
    "mission locale": "mission-locale",
    "missions locales": "mission-locale",
    "cigales": "cigales",
    "cae": "cae",
    "cooperative d activite et d emploi": "cae",
    "cooperative d activite": "cae",
    "cooperatives d activite": "cae",
    "cooperatives d activites": "cae",
    "cooperatives d activite et d emploi": "cae",
    "centrales villageoises": "centrales-villageoises",
    "carsat": "carsat",
    "geiq": "geiq",
    "sdjes": "sdjes",
    "drac": "drac",
}
#: an organisation's own acronym: in parentheses in its title, or the title's first word
#: what people call a kind of help -> words that documents about it carry in their title
CONCEPTS = {
    ("crowdfunding", "financement participatif", "cagnotte", "plateforme de dons",
     "plateformes de dons"): ("financement participatif",),
    ("politique de la ville", "contrat de ville", "credits politique de la ville"):
        ("contrat de ville", "politique de la ville"),
    ("emploi aide", "emplois aides", "contrat aide", "contrats aides", "aide a l embauche",
     "aides a l embauche", "aide au poste", "financer un poste", "premier salarie",
     "poste aide", "postes aides"): ("contrat aide", "aide au poste", "postes fonjep",
                                     "emplois francs", "embauche", "adulte relais"),
    ("adulte relais", "adultes relais", "poste d adulte relais"):
        ("adulte relais", "adultes relais"),
    # hiring a social mediator is what the adultes-relais scheme pays for (a digital mediator
    # is another job: read aside below)
    ("mediateur social", "mediatrice sociale", "mediation sociale", "comme mediateur",
     "comme mediatrice", "poste de mediateur", "poste de mediatrice", "embaucher un mediateur",
     "embaucher une mediatrice", "recruter un mediateur", "recruter une mediatrice",
     "mediation en sante", "mediation sante", "mediateur sante", "mediatrice sante",
     "mediateurs sante", "mediatrices sante"):
        ("adulte relais", "adultes relais"),
    ("service civique",): ("service civique",),
    # starting one's activity without losing one's rights, or not alone: what a CAE is for
    ("garder mes droits", "perdre mes droits", "garder ses droits", "perdre ses droits",
     "garder mon chomage", "perdre mon chomage", "tester mon activite", "tester son activite",
     "tester l activite", "tester mon projet", "me lancer seule", "me lancer seul",
     "entrepreneur salarie", "entrepreneure salariee", "sans creer de micro entreprise",
     "sans creer d entreprise", "sans creer ma boite", "sans creer ma societe"):
        ("cooperative d activite",),
    ("trouver des benevoles", "besoin de benevoles", "cherche des benevoles",
     "cherchons des benevoles", "recruter des benevoles", "manque de benevoles",
     "manquons de benevoles", "manque benevoles", "on manque de benevoles"): ("benevol",),
    ("groupement d employeurs", "groupements d employeurs", "embaucher ensemble",
     "recruter ensemble", "embaucher a plusieurs", "partager un salarie", "partager une salariee",
     "partager un poste", "mutualiser un poste", "mutualiser un salarie", "salarie partage",
     "salariee partagee", "emploi partage", "temps partage"): ("groupement d employeurs",),
    # settling as a farmer: the chambers of agriculture's welcome point is the official first
    # stop (the young farmers' grant goes through it)
    ("installation agricole", "m installer en maraichage", "m installer en agriculture",
     "m installer comme agriculteur", "m installer comme agricultrice", "devenir agriculteur",
     "devenir agricultrice", "devenir paysan", "devenir paysanne", "devenir maraicher",
     "devenir maraichere", "m installer comme maraicher", "m installer comme maraichere",
     "nous installer en maraichage", "nous installer en agriculture", "installer en maraichage",
     "s installer en agriculture", "s installer en maraichage", "dotation jeune agriculteur",
     "dja"): ("point accueil installation",),
    # moving to the countryside to work: a département's welcome sessions for newcomers (the
    # Cantal's; the place rule keeps them to their department)
    ("je m installe a", "on s installe a", "nous nous installons a", "je viens de m installer",
     "nouvel arrivant", "nouvelle arrivante", "nouveaux arrivants", "je demenage",
     "on demenage", "nous demenageons", "je quitte lyon", "je quitte paris",
     "venir m installer", "venir nous installer"): ("accueil d actifs",),
    ("agrement esus", "esus"): ("esus",),
    # a job-seeker paid unemployment benefit who creates: the ARCE (and the Acre it needs)
    ("chomage indemnise", "indemnise par france travail", "indemnisee par france travail",
     "je touche le chomage", "je touche l are", "mes allocations chomage", "mes droits au chomage",
     "mes droits chomage", "indemnites chomage", "allocations chomage", "je suis indemnise",
     "je suis indemnisee"): ("arce",),
    # an entreprise adaptée is no insertion structure: its own guide and the State's aids
    ("entreprise adaptee", "entreprises adaptees", "devenir ea", "creer une ea"):
        ("entreprise adaptee", "entreprises adaptees"),
    ("fdva",): ("fdva",),
    # selling to public buyers as an insertion or adapted company: the State's directory of
    # inclusive suppliers is where buyers look
    ("marches publics", "marche public", "acheteurs publics", "acheteur public",
     "appels d offres", "appel d offres", "clause sociale", "clauses sociales",
     "clauses d insertion", "achats inclusifs", "achats responsables", "etre references",
     "etre referencee", "etre referencees", "que les collectivites nous trouvent"):
        ("marche de l inclusion",),
    ("recu fiscal", "recus fiscaux", "rescrit", "rescrit fiscal", "defiscaliser", "deduction "
     "fiscale", "reduction d impot", "dons deductibles", "mecenat", "mecenes"): ("recus fiscaux",),
    ("mesurer notre impact", "mesurer son impact", "mesurer l impact", "mesurer leur impact",
     "mesure d impact", "mesure de l impact", "mesure de notre impact", "evaluer notre impact",
     "evaluer l impact", "evaluation d impact", "evaluation de l impact"): ("evaluer l impact",),
}
#: an approval the person's structure already holds: "une SAS agréée ESUS", "nous sommes agréés"
STATUS_HELD = re.compile(r"\b(?:agree|agreee|agrees|agreees|deja l agrement|avons l agrement"
                         r"|a l agrement|ont l agrement)\s+(?:esus|entreprise solidaire\w*)\b")
#: a guide's heading of one step ("## Étape 2 : l'accueil et l'entrée")
STEP_HEADING = re.compile(r"^#+\s*[ÉéEe]tape\s*\d", re.MULTILINE)
#: a digital mediator: no social mediator of the adultes-relais scheme
DIGITAL_MEDIATION = re.compile(r"\bmediat\w* (?:numerique|du numerique|informatique)\b")
#: kinds of project rather than kinds of help: what the project is when said in its story ("on
#: gère une épicerie solidaire ... qui peut garantir notre prêt ?"), what is asked only in the
#: question itself ("comment ouvrir une épicerie solidaire ?")
PROJECT_CONCEPTS = {
    ("habitat inclusif", "colocation accompagnee"): ("habitat inclusif",),
    ("tiers lieu", "tiers lieux"): ("tiers lieu",),
    ("epicerie solidaire", "epiceries solidaires"): ("epicerie", "epiceries"),
}
#: kinds of project named by words that say nothing else, wherever the story says them ("une
#: colocation pour six jeunes adultes handicapés, avec un projet de vie partagé")
STORY_CONCEPTS = {
    # visiting lonely elderly people with volunteers: what the MONALISA citizen teams do
    ("personnes agees seules", "personnes agees isolees", "isolement des personnes agees",
     "isolement des ages", "isolement des aines", "seniors isoles", "aines isoles",
     "anciens isoles", "personnes agees qui sont seules", "personnes agees sont seules",
     "solitude des personnes agees", "solitude des aines", "visiter les personnes agees",
     "rendre visite aux personnes agees", "visites de convivialite", "visites a domicile aux"):
        ("monalisa",),
    ("habitat inclusif", "habitats inclusifs", "vie partage", "vie partagee",
     "vie sociale partagee", "vie sociale et partagee", "habitat partage", "colocation inclusive",
     "colocation accompagnee", "logement inclusif", "aide a la vie partagee"):
        ("habitat inclusif",),
}
#: the aids to hiring, and the precise schemes a person may name instead
HIRING_CONCEPT = CONCEPTS[next(k for k in CONCEPTS if "emploi aide" in k)]
HIRING_SCHEMES = (
    HIRING_CONCEPT,
    CONCEPTS[("adulte relais", "adultes relais", "poste d adulte relais")],
    CONCEPTS[("service civique",)],
)
ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9'’&\-]{1,14})\)")
NAME_LIST = re.compile(r"\(([^()]{4,120})\)")
BRAND = re.compile(r"^[A-Z][A-Za-z0-9'’&\-]{1,14}$")
#: acronyms of kinds of things, not names: "SCIC" in a title does not name that document
GENERIC_ACRONYMS = {"ess", "scop", "scic", "cae", "siae", "esus", "qpv", "pat", "epci", "fse",
                    "iae", "aci", "ea", "esat", "rsa", "pme", "tpe", "sas", "sarl", "asso", "ei",
                    "etti", "ai", "pec", "zrr", "frr", "feder", "feader", "cdd", "cdi", "rse"}
#: words of a title that say what kind of thing it is, not its name
GENERIC_HEADS = {"appel a projets", "guide", "prix", "fonds", "aide", "aides", "programme"}


#: the first word of a local authority's name: "la Région" from Pointe-à-Pitre is the
#: Guadeloupe's, not the Auvergne-Rhône-Alpes council the corpus has pages of
AUTHORITY_WORDS = {"region", "departement", "metropole", "agglomeration", "agglo", "mairie",
                   "ville", "communaute", "conseil"}
#: the words of a public body's name ("Département du Rhône", "DDETS de l'Ain"): its place is
#: the person's too
PUBLIC_WORDS = AUTHORITY_WORDS | {"commune", "prefecture", "ddets", "sdjes", "drac", "draaf",
                                  "dreets", "caf", "msa", "carsat", "ars", "cpam"}
#: a name presented inside more documents than this is a common reference, not one's scheme
INNER_MAX_DOCS = 2
#: where a document presents a scheme of its own: a heading, a bold lead-in, a quoted name, the
#: organisation of one of its contacts
INNER_HEADING = re.compile(r"^#{2,4}\s+(.+?)\s*$", re.MULTILINE)
INNER_BOLD = re.compile(r"^(?:[-*]\s+)?\*\*([^*\n]{4,70}?)\*\*", re.MULTILINE)
#: a name that opens a sentence asking what it is: "Efferve'sens c'est quoi exactement ?"
NAME_THEN_ASK = re.compile(
    r"(?:^|[.?!]\s+)([A-ZÀ-Ý][\w'’\-]+(?:\s+[\w'’\-]+){0,4}?)\s*,?\s+(?:c['’]est quoi"
    r"|c['’]est qui|qu['’]est-ce que c['’]est|ça marche comment|c['’]est pour qui)")
#: a section title starting so asks or situates, it names nothing ("Qui est l'Adie", "Dans le
#: Rhône", "Pour les collectivités")
INNER_NOT_FIRST = {"qui", "que", "qu", "quoi", "ce", "comment", "pour", "dans", "a", "en", "au",
                   "aux", "sur", "par", "avec", "quel", "quelle", "quels", "quelles", "ou", "les",
                   "des", "chez", "vers", "avant", "apres", "entre", "hors", "sans", "depuis",
                   "selon"}
INNER_QUOTED = re.compile(r"«\s*([^»\n]{3,50}?)\s*»")


@dataclass(frozen=True)
class NameMatch:
    """A name found in the question: what was written and the documents it names."""

    alias: str
    docs: tuple[str, ...]
    network: str | None = None
    #: the position of its first word in the question
    start: int = 0
    #: a scheme presented inside a document, not the document's own name
    inner: bool = False


#: the words that ask what something is, right before its name
WHAT_IS = re.compile(r"\b(?:c est quoi|c etait quoi|qu est ce que c est que|qu est ce que|c koi"
                     r"|connaissez vous|vous connaissez|tu connais)(?: (?:le|la|les|l|un|une|d|du"
                     r"|des))?$")
#: what ends a name in a title ("Ronalpia, incubateur ...", "France Active : ...")
HEAD_SEPARATORS = (" — ", " – ", " : ", ": ", ", ", " (", " - ")


def _singular(phrase: str) -> str:
    """Each word without its plural's s or x ("fabriques de territoire" -> "fabrique de
    territoire")."""
    return " ".join(w[:-1] if len(w) > 3 and w[-1] in "sx" else w for w in phrase.split())


def names_a_subject(question: str, subjects: list[str]) -> bool:
    """The question names one of a document's subjects (as whole words, accents aside)."""
    text = f" {fold(question)} "
    return any(f" {fold(s)} " in text for s in subjects)


def title_head(text: str, separators: tuple[str, ...] = HEAD_SEPARATORS) -> str:
    """The name a title or an organisation's line starts with, before its subtitle."""
    for sep in separators:
        text = text.split(sep)[0]
    return text


def _organisation_names(doc: Document) -> set[str]:
    """"Union nationale des entreprises adaptées (UNEA)": the name without what its parenthesis
    adds, and that parenthesis when it is a name of its own; "Cler – Réseau pour la transition
    énergétique": its head. Folded; weaker than a title's names (added where no other document
    bears them)."""
    if not doc.organisation:
        return set()
    names = set()
    bare = re.sub(r"\s*\([^)]*\)", "", doc.organisation).strip()
    if " " in bare or not is_known(fold(bare)):
        names.add(bare)  # (not "État" of "État (DREETS)")
    head = re.split(r" [–—-] ", bare)[0]
    if head != bare and " " not in head and not is_known(fold(head)):
        names.add(head)  # (a brand, not "État" nor "Communauté de communes")
    for inner in re.findall(r"\(([^)]*)\)", doc.organisation):
        if inner[:1].isupper() and (len(inner.split()) >= 3
                                     or (inner.isupper() and len(inner) >= 3)):
            names.add(inner)
    return {fold(n) for n in names if n} - GENERIC_ACRONYMS


def _heads(doc: Document) -> set[str]:
    names = set()
    if doc.organisation:
        names.add(doc.organisation)
    names.add(title_head(doc.title))
    for m in ACRONYM.finditer(doc.title):
        names.add(m.group(1))
    for m in NAME_LIST.finditer(doc.title):
        # "(TAg22, TAg29, TAg35, TAg56)": the names of its local members
        items = [i.strip() for i in m.group(1).split(",")]
        if len(items) > 1 and all(BRAND.match(i) for i in items):
            names.update(items)
    names.update(doc.aliases)  # the names people use, as the corpus lists them
    for m in re.finditer(r"«\s*([^»]+?)\s*»", doc.title):
        # a name its title quotes: « Mémoires des XXe et XXIe siècles en Auvergne-Rhône-Alpes »
        if len(m.group(1).split()) >= 2 and m.group(1)[:1].isupper():
            names.add(m.group(1))
    first = doc.title.split()[0].strip(",:;'’") if doc.title.split() else ""
    if len(first) >= 3 and first.isupper():
        names.add(first)
    folded = {fold(n) for n in names if n}
    for name in list(folded):
        words = name.split()
        # "Break Poverty" for the Break Poverty Foundation, as people say it
        if len(words) >= 3 and words[-1] in ("foundation", "fondation"):
            folded.add(" ".join(words[:-1]))
        # "Ashoka" for Ashoka France, "Emmaüs" for Emmaüs France (not "initiative" for
        # Initiative France: an everyday word)
        if len(words) in (2, 3) and words[-1] == "france" and (
                not is_known(words[0]) or len(words) == 3) and words[-2] not in (
                "de", "du", "des", "d", "en", "la", "le", "l"):
            folded.add(" ".join(words[:-1]))  # ("Positive Planet" for Positive Planet France)
        # "la Fondation EDF" for the Fondation du groupe EDF, as people say it
        group = re.match(r"fondation (?:du |d )?groupe (.+)$", name)
        if group:
            folded.add(f"fondation {group.group(1)}")
        # "le parc des Monts d'Ardèche", "le PNR du Vercors": a regional natural park's name
        if name.startswith("parc naturel regional "):
            rest = name.removeprefix("parc naturel regional ")
            folded.update({f"parc {rest}", f"pnr {rest}", f"pnr {_bare(rest)}"})
    # the name without the region or department it ends with: "Alter'Incub" for "Alter'Incub
    # Auvergne-Rhône-Alpes", as people say it
    for name in list(folded):
        for area in _area_names():
            if name.endswith(" " + area) and len(name) - len(area) > 5:
                # ... and without the article before it ("Conférence des financeurs de la
                # Savoie" is no "conférence des financeurs de la" of every place)
                words = name[: -len(area)].split()
                while words and words[-1] in ARTICLES | {"en", "et"}:
                    words.pop()
                folded.add(" ".join(words))
    return {n for n in folded if n not in GENERIC_ACRONYMS}


def _inner_names(doc: Document) -> set[str]:
    """Folded names of the schemes a document presents inside it: proper names only, a word
    past the first with a capital that is no place ("Pacte Création", "Ouvre-Boîte", "Ardèche
    en Action"), or an acronym; not its section titles ("Pour qui", "Qui est l'Adie ?", "Dans
    le Rhône")."""
    raw = [m.group(1) for m in INNER_HEADING.finditer(doc.text)]
    raw += [m.group(1) for m in INNER_BOLD.finditer(doc.text)]
    raw += [m.group(1) for m in INNER_QUOTED.finditer(doc.text)]
    raw += [c.organisation for c in doc.contacts if c.organisation]
    places = _place_words()
    out = set()
    for text in raw:
        text = title_head(re.sub(r"[«»*]", " ", text), (" — ", " – ", " : ", ": ", " ("))
        text = text.strip(" .!?:;,")
        if "?" in text or re.search(r"\d", text):
            continue
        words = re.findall(r"[^\W\d_]+", text)
        if not words or len(words) > 6 or fold(words[0]) in INNER_NOT_FIRST:
            continue
        proper = any(w[:1].isupper() and fold(w) not in places and fold(w) not in ARTICLES
                     for w in words[1:])
        acronym = len(words) == 1 and words[0].isupper() and len(words[0]) >= 3
        # a brand: a capitalised word no dictionary has ("Efferve'sens", "Bardane")
        brand = words[0][:1].isupper() and len(words[0]) >= 5 and not is_known(
            fold(words[0])) and fold(words[0]) not in places
        if not (proper or acronym or brand):
            continue
        folded = fold(text).split()
        while folded and folded[0] in ARTICLES | {"un", "une"}:
            folded.pop(0)
        name = " ".join(folded)
        if len(name) >= 4 and name not in GENERIC_HEADS and name not in GENERIC_ACRONYMS:
            out.add(name)
    return out


def _title_schemes(doc: Document) -> set[str]:
    """Folded names of the schemes a title lists after its organisation's name, written as
    names (a capital, and three words or a capital past the first): "Budget écologique
    citoyen", "Fondation Innovation Sociale", not "soutien aux actions des quartiers"."""
    if " : " not in doc.title:
        return set()
    out = set()
    for item in re.split(r",\s+|\s+et\s+|\s+\(|\)", doc.title.split(" : ", 1)[1]):
        words = item.strip(" .«»").split()
        if len(words) < 2 or not words[0][:1].isupper() or words[0].isupper() or "ou" in words:
            continue
        if len(words) >= 3 or any(w[:1].isupper() for w in words[1:]):
            out.add(fold(" ".join(words)))
    return out


@cache
def _place_names() -> tuple[str, ...]:
    """Folded names of regions, departments and communes of 20,000 people or more."""
    g = gazetteer()
    return tuple({fold(p.name) for p in g.places.values() if p.level in ("REG", "DEP")
                  or (p.level == "COM" and (p.population or 0) >= 20000)})


@cache
def _place_words() -> frozenset[str]:
    """The folded words of those names (regions, departments, large communes)."""
    return frozenset(w for name in _place_names() for w in name.split())


@cache
def _area_names() -> tuple[str, ...]:
    """Folded names of regions and departments, longest first."""
    g = gazetteer()
    names = {fold(p.name) for p in g.places.values() if p.level in ("REG", "DEP")}
    return tuple(sorted(names, key=len, reverse=True))


def asking_sentence(question: str) -> str:
    """The last sentence that asks ("... Comment on crée une SCIC ?"), else the whole text."""
    mark = question.rfind("?")
    if mark < 0:
        return question
    start = max(question.rfind(c, 0, mark) for c in ".!?\n;") + 1
    return question[start : mark + 1]


def asking_sentences(question: str) -> list[str]:
    """Every sentence that asks ("... peut nous financer ? jusqu'à combien ?"), folded; the
    whole text, folded, when none does."""
    return [fold(q) for q in re.findall(r"[^.!?\n;]*\?", question)] or [fold(question)]


def _asking_word(question: str) -> int:
    """The index of the first word of the last sentence that asks (0 when none does)."""
    mark = question.rfind("?")
    if mark < 0:
        return 0
    start = max(question.rfind(c, 0, mark) for c in ".!?\n;") + 1
    return len(re.findall(r"\w+", question[:start]))


#: the articles a name is written with or without ("de la Savoie", "de Savoie")
ARTICLES = {"la", "le", "les", "l", "du", "des", "de", "d"}
#: "asso", "assos", as people write "association"
ASSO = re.compile(r"\bassos?\b")


def spelled_out(folded: str) -> str:
    """Folded text with "asso(s)" written "association" ("pas encore d'asso")."""
    return ASSO.sub("association", folded)


def _bare(name: str) -> str:
    """A folded name without its articles."""
    return " ".join(w for w in name.split() if w not in ARTICLES)


class Library:
    def __init__(
        self,
        documents: Iterable[Document],
        chunks: dict[str, tuple[Chunk, ...]] | None = None,
        lexicon: Callable[[list[str]], list[str] | None] | None = None,
    ) -> None:
        self.documents = {d.id: d for d in documents}
        #: the documents whose passages have all these words (None: too many), from the index
        self.lexicon = lexicon
        #: every passage of each document, in order (for documents the retriever did not return)
        self.chunks = chunks or {}
        self.g = gazetteer()
        self._aliases: dict[str, set[str]] = defaultdict(set)
        self.members: dict[str, list[str]] = defaultdict(list)
        for doc in self.documents.values():
            if doc.network and doc.network not in NOT_BRANCHES:
                self.members[doc.network].append(doc.id)
            for name in _heads(doc):
                if len(name) >= 3 and name not in GENERIC_HEADS:
                    self._aliases[name].add(doc.id)
        for name, network in NETWORK_NAMES.items():
            self._aliases[name] |= set(self.members.get(network, ()))
        # the schemes a document presents inside it ("la Fondation Innovation Sociale" in the
        # Métropole de Lyon's page, the prix « Ouvre-Boîte » in Clermont's): when the question
        # names one as a scheme ("candidater au prix Ouvre-Boîte") and no document bears the
        # name, that document is the one to answer from
        inner: dict[str, set[str]] = defaultdict(set)
        for doc in self.documents.values():
            for name in _inner_names(doc):
                inner[name].add(doc.id)
        self._inner = {name: ids for name, ids in inner.items()
                       if name not in self._aliases and len(ids) <= INNER_MAX_DOCS}
        # ... and those its title names after its organisation ("Département du Puy-de-Dôme :
        # Budget écologique citoyen et ..."): names as sure as the title's own
        #: each document's folded title, and the head of it before " : "
        self._titles = {d.id: f" {fold(d.title)} " for d in self.documents.values()}
        heads = {d.id: f" {fold(title_head(d.title, (' : ',)))} "
                 for d in self.documents.values()}
        self._title_schemes: set[str] = set()
        for doc in self.documents.values():
            for name in _title_schemes(doc):
                if name not in self._aliases or name in self._title_schemes:
                    # (with the documents whose title bears the name: the call of that name)
                    self._aliases[name] = {doc.id} | self._aliases.get(name, set()) | {
                        i for i, head in heads.items() if f" {name} " in head}
                    self._title_schemes.add(name)
        for doc in self.documents.values():
            for name in _organisation_names(doc):
                if len(name) >= 3 and name not in GENERIC_HEADS and name not in self._aliases:
                    self._aliases[name] = {doc.id}
        # a place's name is a place, not the name of its council's service ("à Villeurbanne")
        from ..language.placenames import name_index

        places = name_index()
        self._aliases = {k: v for k, v in self._aliases.items() if v and k not in places}
        self._longest = max((len(k.split()) for k in self._aliases), default=1)
        # names of several words whatever their plurals: "la Fabrique de territoire" for the
        # Fabriques de territoire
        self._singular: dict[str, set[str]] = defaultdict(set)
        # ... and whatever their articles: "la conférence des financeurs de Savoie" for the
        # Conférence des financeurs de la Savoie
        self._bare: dict[str, set[str]] = defaultdict(set)
        for k, v in self._aliases.items():
            if " " in k:
                self._singular[_singular(k)] |= v
                bare = _bare(k)
                if bare != k and len(bare.split()) >= 2:
                    self._bare[bare] |= v
        self._local_count = lru_cache(maxsize=4096)(self._count_local)
        self._words: dict[str, set[str]] | None = None  # folded word -> documents (lazy)
        self._title_words: dict[str, set[str]] | None = None  # id -> title's stems (lazy)
        self._title_idf: dict[str, float] = {}
        self._step_guides: list[Document] | None = None  # guides of numbered steps (lazy)
        self._hiring: set[str] | None = None  # documents of the schemes that pay a post (lazy)
        #: names of three words or more -> (their words, their documents), for misspelt names
        self._alias_words: dict[str, tuple[frozenset[str], set[str]]] | None = None

    # -- names -------------------------------------------------------------------------------
    def names_in(self, question: str) -> list[NameMatch]:
        """Organisations and programmes named in the question, longest names first. A name that
        is also an everyday word ("envie", "cigales") counts when written with a capital."""
        words = re.findall(r"\w+", question)
        folded = [fold(w) for w in words]
        found: list[NameMatch] = []
        taken: set[int] = set()
        for n in range(min(self._longest, len(folded)), 0, -1):
            for i in range(len(folded) - n + 1):
                if any(j in taken for j in range(i, i + n)):
                    continue
                alias = " ".join(folded[i : i + n])
                docs = self._aliases.get(alias)
                if not docs and n >= 2:
                    docs = self._singular.get(_singular(alias))
                if not docs and n >= 3 and folded[i] not in ARTICLES and (
                        folded[i + n - 1] not in ARTICLES):
                    docs = self._bare.get(_bare(alias))
                if not docs and n == 2 and len(alias) >= 9:
                    # a one-word name typed in two: "coco shaker" for Cocoshaker
                    docs = self._aliases.get(alias.replace(" ", ""))
                if not docs:
                    continue
                if n == 1 and is_common(alias, NAME_COMMON) and not words[i][:1].isupper():
                    continue
                taken.update(range(i, i + n))
                network = NETWORK_NAMES.get(alias)
                found.append(NameMatch(alias, tuple(sorted(docs)), network, i,
                                       inner=alias in self._title_schemes))
        found += self._inner_in(question, taken, folded)
        if not found:
            found += self._misspelt_in(folded)
        # what the question asks about comes first: a name in the sentence that asks ("...
        # on perd les conseillers numériques. Le DLA, c'est pour nous ?")
        # ... unless another is what the person asks to have explained ("c'est quoi le Lab01 à
        # Ambérieu ? ... et le département peut nous subventionner ?": Lab01 first)
        asking = _asking_word(question)
        return sorted(found, key=lambda m: (
            not WHAT_IS.search(" ".join(folded[max(0, m.start - 6) : m.start])),
            m.start < asking))

    def _misspelt_in(self, folded: list[str]) -> list[NameMatch]:
        """A name of several words written with a letter wrong and in another order ("la
        fondation Malakof Humanis Handicap" for the Fondation Handicap Malakoff Humanis): three
        words or more of the question, each the same as a word of the name or one edit from it
        (a word that is no French word, of six letters or more), that make all of the name
        but one word at most."""
        if self._alias_words is None:
            self._alias_words = {}
            for alias, docs in self._aliases.items():
                words = alias.split()
                if len(words) >= 3:
                    self._alias_words[alias] = (frozenset(words), docs)
        vocabulary = {w for ws, _ in self._alias_words.values() for w in ws}
        said: list[str] = []
        for w in folded:
            if w not in vocabulary and len(w) >= 6 and not is_known(w):
                near = [v for v in vocabulary
                        if abs(len(v) - len(w)) <= 1 and edit_distance(v, w) <= 1]
                w = near[0] if len(near) == 1 else w
            said.append(w)
        words_said = set(said) - ARTICLES
        out = []
        for alias, (ws, docs) in self._alias_words.items():
            shared = ws & words_said
            if len(shared) >= 3 and len(ws - words_said) <= 1 and any(
                    len(w) >= 6 and not is_known(w) for w in shared):
                start = min(said.index(w) for w in shared)
                out.append(NameMatch(alias, tuple(sorted(docs)), NETWORK_NAMES.get(alias),
                                     start))
        if out:
            return out[:1] if len(out) == 1 else []
        # a brand of one word, written with a letter wrong ("Ronalpa", "makesens"): one edit
        # from one name only, no French word, seven letters or more
        for i, w in enumerate(folded):
            if len(w) < 7 or is_known(w) or w in self._aliases:
                continue
            near = [a for a in self._aliases if " " not in a and len(a) >= 7
                    and not is_known(a) and abs(len(a) - len(w)) <= 1
                    and edit_distance(a, w) <= 1]
            if len(near) == 1:
                alias = near[0]
                return [NameMatch(alias, tuple(sorted(self._aliases[alias])),
                                  NETWORK_NAMES.get(alias), i)]
        return []

    def inner_named(self, question: str) -> dict[str, str]:
        """Documents named in the question by a scheme they present inside them, with that
        scheme's folded name ("prix ouvre boite")."""
        return {d: m.alias for m in self.names_in(question) if m.inner for d in m.docs}

    @staticmethod
    def written(doc: Document, folded: str) -> str:
        """A name as the document writes it ("Budget écologique citoyen" for its folded form),
        or the folded form when the document does not write it whole."""
        words = folded.split()
        for text in (doc.title, doc.text):
            tokens = list(re.finditer(r"[^\W_]+", text))
            for i in range(len(tokens) - len(words) + 1):
                if all(fold(tokens[i + j].group(0)) == words[j] for j in range(len(words))):
                    return text[tokens[i].start() : tokens[i + len(words) - 1].end()]
        return folded

    def _inner_in(self, question: str, taken: set[int], folded: list[str]) -> list[NameMatch]:
        """Schemes presented inside a document, named in the question as a scheme ("au prix
        Ouvre-Boîte", "la Fondation Innovation Sociale de la Métropole de Lyon"): the name as
        written, or its head before what situates it ("... de la Métropole de Lyon")."""
        from .absent import candidates

        out = []
        for written in [*candidates(question), *NAME_THEN_ASK.findall(question)]:
            words = fold(written).split()
            start = next((i for i in range(len(folded) - len(words) + 1)
                          if folded[i : i + len(words)] == words), None)
            if start is None or start in taken:
                continue
            kind = folded[start - 1] if start else ""
            for n in range(len(words), 0, -1):
                head = " ".join(words[:n])
                key = head if head in self._inner else f"{kind} {head}"
                ids = self._inner.get(key)
                if ids and (n == len(words) or n >= 2 or words[n] in ARTICLES):
                    # ... and the documents whose title bears it ("Appels à projets de la
                    # Fondation Innovation Sociale"), answered from first
                    ids = ids | {i for i, title in self._titles.items() if f" {key} " in title}
                    taken.update(range(start, start + n))
                    out.append(NameMatch(head, tuple(sorted(ids)), None, start, inner=True))
                    break
        return out

    def place_free(self, question: str) -> str:
        """The question with the places in organisations' names blanked ("Savoie Mont-Blanc
        Angels", "France Active Savoie Mont Blanc"), and their brand words ("Cabestan", no
        Cabestany), for reading where the person is: the place in a name is the
        organisation's. Public bodies keep theirs ("le Département du Rhône peut nous aider ?"
        says the Rhône)."""
        tokens = list(re.finditer(r"\w+", question))
        out = question
        for match in self.names_in(question):
            if match.inner or match.network:
                continue
            docs = [self.documents[d] for d in match.docs if d in self.documents]
            if set(match.alias.split()) & PUBLIC_WORDS or any(
                    d.network in NOT_BRANCHES for d in docs) or not any(
                    d.kind == "organisation" for d in docs):
                continue  # a public body's place is the person's; a guide's title is no name
            placed = any(f" {name} " in f" {match.alias} " for name in _place_names())
            last = match.start + len(match.alias.split()) - 1
            if last >= len(tokens):
                continue
            # the words of the places in it, and its written-out words, that could be misread
            # as one ("Angels" for Angers, "Cabestan" for Cabestany)
            for token in tokens[match.start : last + 1]:
                if fold(token.group(0)) not in ARTICLES | GENERIC_ACRONYMS:
                    # ("Cabestan" is no Cabestany: a brand is never read as a place)
                    if (placed and fold(token.group(0)) in _place_words()
                            ) or token.group(0)[:1].isupper():
                        start, end = token.start(), token.end()
                        out = out[:start] + " " * (end - start) + out[end:]
        return out

    @staticmethod
    def name_rank(doc: Document, alias: str) -> int:
        """0: the name is the head of the document's title ("Ronalpia, incubateur ..."), its
        acronym or a name the corpus gives it; 1: the head of its title with a qualifier ("FDVA
        1 – formation des bénévoles" for "le FDVA", which usually means the FDVA 2 of every
        association, whose corpus entry lists "FDVA" as a name), or its organisation's name; 2:
        a name it mentions (the Pays Voironnais' page on the incubator Ronalpia runs there)."""
        def head(text: str) -> str:
            return fold(title_head(text, HEAD_SEPARATORS + (" avec ",)))

        title = head(doc.title)
        acronyms = {fold(m.group(1)) for m in ACRONYM.finditer(doc.title.split(" : ")[0])}
        if alias == title or alias in acronyms or alias in {fold(a) for a in doc.aliases}:
            return 0
        if title.startswith(alias + " ") or (doc.organisation
                                             and alias == head(doc.organisation)):
            return 1
        if f" {alias} " in f" {title} " and len(alias.split()) >= 2:
            return 1  # "Appels à projets de la Fondation Innovation Sociale" for that name
        return 2

    def title_match(self, doc: Document, said: set[str]) -> float:
        """How much of what else the question says (``said``: its stems, the name's aside) a
        document's title says: the rarity (over all titles) of the stems they share. Tells
        apart documents of one name ("le FDVA pour notre fonctionnement": the FDVA
        fonctionnement-innovation)."""
        if self._title_words is None:
            self._title_words = {d.id: set(analyse(d.title)) for d in self.documents.values()}
            df: dict[str, int] = defaultdict(int)
            for words in self._title_words.values():
                for w in words:
                    df[w] += 1
            n = len(self._title_words)
            self._title_idf = {w: math.log(n / c) for w, c in df.items()}
        shared = said & self._title_words.get(doc.id, set())
        return sum(self._title_idf.get(w, 0.0) for w in shared)

    def guides_in_steps(self) -> list[Document]:
        """The guides written as at least two "Étape" sections (read once per library)."""
        if self._step_guides is None:
            self._step_guides = [d for d in self.documents.values()
                                 if d.kind == "guide" and len(STEP_HEADING.findall(d.text)) >= 2]
        return self._step_guides

    def mentions(self, phrase: str) -> bool:
        """Does any document (title, summary, organisation, text) contain this folded phrase?"""
        words = phrase.split()
        if not words:
            return True
        # the documents with every word (the index's own word lists when there is an index:
        # a large corpus is never read whole for one question), then the phrase read in them
        common = self.lexicon(words) if self.lexicon is not None else self._with_words(words)
        if common is None:
            return True  # too many to read: a name that common is no unknown name
        return any(f" {phrase} " in f" {fold(_full_text(self.documents[d]))} " for d in common)

    def _with_words(self, words: list[str]) -> list[str]:
        """Without an index: the documents whose folded text has every word."""
        if self._words is None:
            index: dict[str, set[str]] = defaultdict(set)
            for doc in self.documents.values():
                for w in set(fold(_full_text(doc)).split()):
                    index[w].add(doc.id)
            self._words = dict(index)
        return sorted(set.intersection(*(self._words.get(w, set()) for w in words)))

    def hit(self, doc_id: str | None) -> Hit | None:
        """A document that was not retrieved (named in the question, a network's branch), as a
        hit with no retrieval score, so that it can be shown and cited like the others."""
        if not doc_id or doc_id not in self.documents or not self.chunks.get(doc_id):
            return None
        from ..search.retrieve import Passage

        chunks = self.chunks[doc_id]
        passages = tuple(Passage(c, 0.0, 0.0) for c in chunks[:3])
        from ..search.retrieve import Hit

        return Hit(self.documents[doc_id], 0.0, 0.0, 0.0, passages, chunks=chunks)

    def subjects_in(self, question: str) -> set[str]:
        """Documents whose subjects the question names ("une friperie": the textile reuse
        fund), offered beside the retrieval: the model does not always link the two."""
        return {d.id for d in self.documents.values()
                if d.subjects and names_a_subject(question, d.subjects)}

    def concepts_in(self, question: str, hiring: bool = False) -> set[str]:
        """Documents about a kind of help the question names ("le crowdfunding", "un emploi
        aidé", "les crédits politique de la ville"): they fit what is asked even when their
        needs are labelled otherwise. ``hiring``: the person wants to hire; without a precise
        scheme named (service civique, adulte-relais), the aids to hiring are what is asked
        (:meth:`implied_in` says which)."""
        named, implied = self._concepts(question, hiring)
        return named | implied

    def hiring_schemes(self) -> set[str]:
        """The documents whose very subject is a scheme that pays a post or a volunteer
        (adultes-relais, service civique): a piste only for who hires or names it."""
        if self._hiring is None:
            heads = HIRING_SCHEMES[1:]
            self._hiring = {d.id for d in self.documents.values()
                            if any(t in fold(title_head(d.title)) for h in heads for t in h)}
        return self._hiring

    def implied_in(self, question: str, hiring: bool = False) -> set[str]:
        """The aids to hiring a person who wants to hire is offered without naming one."""
        return self._concepts(question, hiring)[1]

    def _concepts(self, question: str, hiring: bool) -> tuple[set[str], set[str]]:
        # a status the person has ("SAS agréée ESUS") is no kind of help asked for
        text = STATUS_HELD.sub(" | ", f" {fold(question)} ")
        text = DIGITAL_MEDIATION.sub(" | ", text)
        out: set[str] = set()
        precise = False
        for said, titled in CONCEPTS.items():
            if any(f" {s} " in text for s in said):
                precise = precise or titled in HIRING_SCHEMES
                out |= self._titled(titled)
        for said, titled in STORY_CONCEPTS.items():
            if any(f" {s} " in text for s in said):
                out |= self._titled(titled)
        asked = f" {fold(asking_sentence(question))} "
        for said, titled in PROJECT_CONCEPTS.items():
            if any(f" {s} " in asked for s in said):
                out |= self._titled(titled)
        implied = self._titled(HIRING_CONCEPT) - out if hiring and not precise else set()
        return out, implied

    def _titled(self, titled: tuple[str, ...]) -> set[str]:
        return {d.id for d in self.documents.values() if any(t in fold(d.title) for t in titled)}

    # -- networks ----------------------------------------------------------------------------
    def branch(self, network: str, place: str | None, kinds=("organisation",)) -> str | None:
        """The member of a network that covers the place, the most local one first; without a
        branch for the place, the national member (None when there is none either)."""
        members = [self.documents[i] for i in self.members.get(network, ())]
        # a member that takes nobody new (the CRESS Normandie, in liquidation) is no branch
        members = [d for d in members if d.kind in kinds and not ended(d)]
        generalist = [d for d in members if not d.themes]
        members = generalist or members  # the DLA itself, not its culture resource centre
        if place:
            covering = [
                d for d in members
                if self.g.applies(d.territories, place, d.excluded_territories)
            ]
            if covering:
                return min(covering, key=self.breadth).id
        national = [d for d in members if "FR" in d.territories]
        if national:
            return national[0].id
        return None  # no place said: the national body or the page on finding the branch

    def widest(self, network: str) -> str | None:
        """The member of a network that covers the most (a region's before a department's)."""
        members = [self.documents[i] for i in self.members.get(network, ())
                   if self.documents[i].kind == "organisation"]
        return max(members, key=self.breadth).id if members else None

    def breadth(self, doc: Document) -> int:
        """How wide a document's territory is: a commune 0 ... France 5."""
        rank = {"COM": 0, "EPCI": 1, "DEP": 2, "REG": 3, "FR": 5}
        return min(
            (rank.get(self.g.places[t].level, 4) if t in self.g.places else 4)
            for t in doc.territories
        ) if doc.territories else 5

    def national(self, network: str) -> str | None:
        """The network's national organisation, if the corpus has one."""
        members = [self.documents[i] for i in self.members.get(network, ())]
        national = [d for d in members if d.kind == "organisation" and "FR" in d.territories]
        return national[0].id if national else None

    def local_branch(self, network: str, place: str | None) -> str | None:
        """The branch that covers the place, never the national head office."""
        found = self.branch(network, place)
        if found and "FR" not in self.documents[found].territories:
            return found
        return None

    def service(self, network: str, place: str | None) -> str | None:
        """The organisation of a network that is no set of branches (a Département, an
        intercommunality) covering the place, the most local one first."""
        if not place:
            return None
        covering = [d for d in self.documents.values()
                    if d.network == network and d.kind == "organisation"
                    and "FR" not in d.territories
                    and self.g.applies(d.territories, place, d.excluded_territories)]
        return min(covering, key=lambda d: (self.breadth(d), d.id)).id if covering else None

    def finder(self, network: str) -> str | None:
        """The national guide that says how to find the network's local branch."""
        return next(
            (i for i in self.members.get(network, ())
             if self.documents[i].kind == "guide" and "FR" in self.documents[i].territories),
            None,
        )

    def finders(self) -> list[str]:
        """The national guides that say how to find each network's local branch."""
        out = []
        for network in FINDER_NETWORKS:
            guides = [
                i for i in self.members.get(network, ())
                if self.documents[i].kind == "guide" and "FR" in self.documents[i].territories
            ]
            out += guides[:1]
        return out

    # -- coverage ----------------------------------------------------------------------------
    def local_count(self, place: str) -> int:
        return self._local_count(place)

    def _count_local(self, place: str) -> int:
        return sum(
            1
            for d in self.documents.values()
            if "FR" not in d.territories
            and self.g.applies(d.territories, place, d.excluded_territories)
        )

    def thin(self, place: str | None) -> bool:
        return bool(place) and self.local_count(place) < THIN


def _full_text(doc: Document) -> str:
    return " ".join([doc.title, doc.summary or "", doc.organisation or "", doc.text])
