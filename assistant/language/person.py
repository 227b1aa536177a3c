"""Who asks, from the words of a question: the structure they speak for (or none yet), the one
they mean to create or convert to, the stage of the project, and whether it is a business."""

from __future__ import annotations

import re
from datetime import date

from . import vocab
from .phrases import _expressions, _has, _phrases

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
    r"|reprendre|reprends|reprend|reprenons|transformer|transforme|passer|devenir|devient"
    r"|devenons|deviendrait|rejoindre"
    r"|integrer|constituer|immatriculer|statut|statuts|forme|creation|declarer|enregistrer"
    r"|projet de|projet d)\b"
    r"(?:\s+\w+){0,7}\s*$"
)
#: A creation in the past: the structure exists ("j'ai créé il y a deux ans une SARL").
DONE = re.compile(
    r"\b(?:j ai|nous avons|on a|avons|a ete|ont|a)\s+(?:\w+\s+)?(?:cree|creee|monte|montee|fonde"
    r"|fondee|lance|lancee|repris|reprise)\b|\bil y a \w+ ans?\b|\bdepuis \w+ ans?\b"
)


def _planned_here(window: str) -> bool:
    """The words before a structure's name say it is to be created ("je veux créer ma boîte"),
    unless something done comes after them ("on a monté l'asso il y a 3 ans"); what was done
    before ("au chômage depuis 2 ans et je veux créer...") does not count."""
    planned = PLANNED.search(window)
    if not planned:
        return False
    return not any(m.end() > planned.start() for m in DONE.finditer(window))


#: Forms weighed against each other ("SCOP ou SAS ?", "quel statut choisir"): none exists yet
FORM = r"(?:scop|scic|sas|sasu|sarl|eurl|association|asso|cooperative|cae|sas esus|societe)"
CHOOSING = re.compile(
    rf"\b{FORM}\s+ou\s+(?:en\s+|une\s+|un\s+)?{FORM}\b|\b(?:quel statut|quelle forme"
    r"|quel type de structure|choisir (?:entre|le statut|la forme|son statut|notre statut)"
    r"|comment choisir)\b"
)
#: A venture said with the form it will take: "monter notre boîte en SCOP", "sous forme de SCIC"
IN_FORM = re.compile(
    r"\b(?:boite|entreprise|societe|activite|projet|structure|atelier|commerce)\s+(?:\w+\s+){0,3}?"
    r"(?:en|sous forme de|sous forme d|sous statut de|sous statut d|avec le statut de)\s+"
    r"(?:une\s+|un\s+)?(scop|scic|cooperative|association|asso|sas|sarl)\b"
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
    "cree cette annee", "creee l an dernier", "cree l an dernier", "creee l annee derniere",
    "cree l annee derniere", "creee il y a un an", "cree il y a un an", "creee il y a 1 an",
    "cree il y a 1 an", "deja creee", "deja declaree",
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
    r"|deployer|reprendre|accueillir plus|passer a|salarier|perenniser|grossir|grandir)\b"
    r"|\b(?:supplementaire|supplementaires|nouvel|nouveau|nouvelle|nouveaux|nouvelles|deuxieme"
    r"|2e|2eme|second|seconde|agrandissement|extension|plus grand|plus grands|se lancer)\b"
)
#: an activity that has run for years: "on organise un festival depuis 3 ans"
RUNNING = re.compile(
    r"\b(?:existe|existons|tourne|tournons|organise|organisons|anime|animons|gere|gerons|fait"
    r"|faisons|propose|proposons|accompagne|accompagnons|actifs?|actives?)\b(?:\s+\w+){0,8}?"
    r"\s+depuis (?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|vingt) ans\b"
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
    """The structure the person means to create or convert to, if named (not one refused:
    "je ne veux pas créer une micro-entreprise seule")."""
    text = REFUSED_FORM.sub(" | ", text)
    for rx in (CONVERTED, IN_FORM, CHOOSING):
        # "la transformer en SCOP", "monter notre boîte en SCOP", "SCOP ou SAS ?": that form
        found = rx.search(text)
        said = (found.group(1) if rx.groups else found.group(0)) if found else ""
        keys = _phrases(said, vocab.AUDIENCE_WORDS) if said else []
        if rx is CHOOSING and "association" in keys and set(keys) != {"association"}:
            return None  # "une asso ou une société ?": undecided, neither a non-profit yet
        if keys:
            return keys[0]
    for at, key in _occurrences(text):
        window = text[max(0, at - 70) : at]
        if PLANNED.search(window) and not DONE.search(window):
            return key
    return None


#: a local authority named as a partner or a third party is not who asks: "un projet citoyen
#: avec la mairie", "la mairie récupère la salle", "un terrain de la mairie"
BODY = r"(?:la mairie|le maire|la commune|les elus|la comcom|la communaute de communes|l agglo)"
THIRD_PARTY_BODY = re.compile(
    rf"\b(?:avec|par|de|aupres de|a|pour|contre|sans) {BODY}\b"
    rf"|\b{BODY}(?: (?:de|d|du) \w+(?: \w+)?)? (?:nous|nous a|a|recupere|reprend|prete|loue"
    r"|soutient|finance|veut|va|propose|met|donne|accepte|refuse|peut|pourrait|est d accord"
    r"|est partante|suit|est prete|est pret|est ready|serait prete|serait pret|serait ready"
    r"|serait d accord)\b"
)


#: a form the person heard of, asks about or means to join, not the one they have ("on m'a
#: parlé des coopératives d'activité, c'est pour moi ?", "c'est quoi une CAE ?", "comment ça se
#: passe pour entrer dans une CAE ?")
HEARD_OF = re.compile(
    r"\b(?:parle|parler|entendu parler|connaissez|connais|c est quoi|qu est ce qu une"
    r"|qu est ce que|entrer dans|rentrer dans|rejoindre|integrer|passer par|via|grace a)"
    r"\s+(?:d une |d un |de la |de l |de |des |d |du |une |un |les |la |le |l )?"
    r"(?:cooperatives? d activites?(?: et d emploi)?|cae)\b"
)
#: a form the person does not want: "je ne veux pas créer une micro-entreprise seule"
REFUSED_FORM = re.compile(
    r"\b(?:ne veux pas|ne voudrais pas|ne souhaite pas|ne veut pas|sans) (?:creer |monter "
    r"|ouvrir )?(?:une |un |ma |mon )?(?:micro entreprise|auto entreprise|entreprise|societe"
    r"|association|asso)\b")


#: "associatif" describing a spirit ("un lieu de vie un peu associatif", "plutôt associatif"):
#: what the project will be like, not the structure that asks
FLAVOUR = re.compile(
    r"\b((?:un peu|plutot|tres|esprit|fonctionnement|mode|lieu de vie)(?:\s+\w+){0,2}?\s+)"
    r"associati(?:f|ve|fs|ves)\b"
)


#: associations the person works for or with, not the one they speak for: "je cuisine pour
#: des événements d'associations", "on intervient auprès des associations du quartier" (not
#: "les aides pour les associations", the kind of structure asking)
CLIENT_ASSOCIATIONS = re.compile(
    r"\b(?:pour|aupres|avec|chez) (?:des|d) (?:\w+ (?:d|de|des) )?(?:associations|assos)\b")


#: a way of doing things, not a structure that exists: "façon coopérative", "genre coopérative"
MANNER = re.compile(r"\b(?:facon|genre|style|en mode|type|comme une|sur le modele d une)"
                    r" (?:cooperative|scic|scop)\b")


def _audience(text: str) -> str | None:
    text = REFUSED_FORM.sub(" | ", MANNER.sub(" | ", text))
    text = CLIENT_ASSOCIATIONS.sub(" | ", text)
    text = HEARD_OF.sub(" | ", THIRD_PARTY_BODY.sub(" | ", text))
    return _asker(FLAVOUR.sub(r"\1 | ", text))


def _asker(text: str) -> str | None:
    """Who is asking: no structure yet (porteur_projet), or the structure they speak for.

    A structure named after a creation, conversion or joining verb is planned ("on veut créer
    une asso", "la transformer en SCOP"); one named otherwise is the one that asks ("association
    de locataires, on veut créer un jardin")."""
    found = _occurrences(text)
    if _has(text, vocab.NO_STRUCTURE) >= 0 and _has(text, vocab.HAS_STRUCTURE) < 0:
        return "porteur_projet"  # "une asso ... avec juste une idée": nothing exists yet
    owner = _has(text, vocab.HAS_STRUCTURE)
    group = GROUP.search(text)
    if group and not GROUP_EXISTS.search(text) and (
            owner < 0 or group.start() - 2 <= owner <= group.end()):
        # "un groupe d'habitants ... avec une société citoyenne", "on est une dizaine
        # d'habitants" (not "on est une [association]")
        return "porteur_projet"
    if owner < 0 and _has(text, CREATING_FORM) >= 0 and _occurrences(text):
        return "porteur_projet"  # "SCIC en création", "une SCOP qui se crée": not yet there
    current, planned = [], []
    for at, key in found:
        # the structure being created, named again later ("déclarer l'association"), is
        # still the planned one
        window = text[max(0, at - 70) : at]
        if (
            (key in planned and owner < 0)
            or _planned_here(window)
            or (owner < 0 and CHOOSING.search(text))
        ):
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
                if "structure_insertion" in after and after[0] == "association":
                    return "structure_insertion"  # "une asso ... en insertion (ACI)"
                return after[0]
        if "entreprise_esus" in keys and "entreprise" in keys:
            return "entreprise_esus"  # "une SAS agréée ESUS"
        return min(keys, key=AUDIENCE_PRIORITY.index)
    if BUSINESS_OWNER.search(text):
        return "entreprise"  # "j'ai une librairie ... la transformer en SCOP"
    if not planned and EXISTING_STAFF.search(text) and _has(text, vocab.NO_STRUCTURE) < 0:
        return None  # "notre ressourcerie a 3 ans, 8 salariés, on veut ouvrir ...": it exists
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


#: a structure of one's own that has staff ("notre ressourcerie a 3 ans, 8 salariés"): it
#: exists, whatever its legal form
EXISTING_STAFF = re.compile(
    r"\b(?:notre|nos)\b[^.?!|]{0,80}?\b(?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix"
    r"|douze|quinze|vingt) (?:salaries|salariees|etp|permanents|permanentes)\b")
EMPLOYS = re.compile(r"\b\d+ (?:salaries|salariees|salarie|salariee|etp|encadrants)\b")
#: staff of one's own: "3 salariés", "nos salariés", "notre salariée", "deux salariés"
STAFF = re.compile(
    r"\b(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt)"
    r" (?:salaries|salariees|salarie|salariee|etp|permanents|permanentes)\b"
    r"|\b(?:nos|notre|mes|ma|mon) (?:salaries|salariees|salarie|salariee|equipe salariee)\b"
)

TAKEOVER = re.compile(r"\b(?:reprendre|reprise|racheter|rachat) (?:la|le|l|notre|de la|d une|une"
                      r" \w+ de) ?(?:boite|entreprise|societe|commerce|affaire|activite)\b")


NO_STAFF = re.compile(
    r"\b(?:0|zero|aucun|aucune|sans|pas de|pas encore de) (?:salarie|salaries|salariee|salariees)\b"
    r"|\b(?:que des|uniquement des|seulement des|entierement|100) benevoles?\b"
    r"|\b(?:tous|toutes) benevoles\b"
)
VOLUNTEERS = re.compile(
    r"\b(?:\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt|une poignee de"
    r"|quelques) benevoles\b"
)


def _staffless(text: str) -> bool:
    """A structure run by volunteers alone: said ("sans salarié", "que des bénévoles"), or its
    volunteers counted with no word of staff ("petite asso, 8 bénévoles")."""
    if NO_STAFF.search(text):
        return True
    return bool(VOLUNTEERS.search(text)) and "salari" not in text and not STAFF.search(text)


def _employer(text: str) -> bool:
    """The structure employs staff; "0 salarié", "sans salarié", "aucun salarié" say it does not."""
    if re.search(r"\b(?:0|zero|aucun|aucune|sans|pas de) (?:salarie|salaries|salariee)", text):
        return False
    return bool(STAFF.search(text))


#: created months ago: "on a créé l'asso en janvier", "fondée il y a trois mois", "montée en
#: septembre 2026"
MONTHS = ("janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre"
          "|decembre")
_CREATED = (r"\b(?:cree|creee|crees|creees|monte|montee|montees|fonde|fondee|declare|declaree"
            r"|immatricule|immatriculee)\b(?:\s+\w+){0,3}?\s+")
CREATED_IN = re.compile(_CREATED + r"(?:en|au mois de|depuis) (" + MONTHS + r")(?: (20\d\d))?\b")
#: a small number, in digits or words ("3", "trois"), as a group; COUNTS gives its value
_NUMBER_WORDS = r"\d{1,2}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze"
NUMBER = f"({_NUMBER_WORDS})"
CREATED_AGO = re.compile(
    _CREATED + r"il y a (" + _NUMBER_WORDS + r"|quelques) (mois|semaines?)\b")
#: "créée le mois dernier", "on vient de créer l'asso": about a month
CREATED_LATELY = re.compile(
    r"\b(?:creee?s? (?:le mois dernier|ce mois ci|cette semaine|la semaine derniere)"
    r"|vient d etre creee?|viens de creer|vient de creer|venons de creer"
    r"|nouvellement creee?|toute jeune (?:asso|association|structure))\b")
COUNTS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
          "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "quelques": 3}


def count(word: str) -> int | None:
    """The value of a small number read by :data:`NUMBER` ("3", "trois")."""
    return int(word) if word.isdigit() else COUNTS.get(word)


#: created in a year: "on a créé notre SAS en 2023", "immatriculée en 2022"
CREATED_YEAR = re.compile(_CREATED + r"(?:en|depuis|courant|fin|debut) ((?:19|20)\d\d)\b")
#: years of existence said: "6 ans d'existence", "trois ans d'activité"
EXISTING_FOR = re.compile(r"\b(" + _NUMBER_WORDS + r") ans d (?:existence|activite)\b")


def structure_age_range(text: str, today: date) -> tuple[int, int] | None:
    """The least and the most months the structure may have been created ago, from the folded
    question: a month said (both the same), a year only ("créée en 2023": from December to
    January of that year), years of existence ("6 ans d'existence")."""
    exact = structure_age(text, today)
    if exact is not None:
        return exact, exact
    year = CREATED_YEAR.search(text)
    if year and int(year.group(1)) <= today.year:
        base = (today.year - int(year.group(1))) * 12 + today.month
        return max(0, base - 12), max(0, base - 1)
    existing = EXISTING_FOR.search(text)
    if existing:
        n = count(existing.group(1))
        return 12 * n, 12 * n + 11
    return None


def structure_age(text: str, today: date) -> int | None:
    """How many months ago the structure was created, when the folded question says it
    ("montée en septembre", "créée il y a 3 mois", "créée le mois dernier"), else None."""
    ago = CREATED_AGO.search(text)
    if ago:
        n = count(ago.group(1))
        return n if ago.group(2) == "mois" else 0
    month = CREATED_IN.search(text)
    if month:
        m = MONTHS.split("|").index(month.group(1)) + 1
        year = int(month.group(2)) if month.group(2) else (
            today.year if m <= today.month else today.year - 1)
        return max(0, (today.year - year) * 12 + today.month - m)
    return 1 if CREATED_LATELY.search(text) else None


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
    if _has(text, JUST_CREATED) >= 0 or CREATED_IN.search(text) or CREATED_AGO.search(text):
        return "creation"
    if "changement_echelle" in stages or SCALE.search(text):
        return "changement_echelle"
    running = bool(RUNNING.search(text))
    exists = audience or _has(text, OWNS) >= 0 or running
    if exists and CREATES_STRUCTURE.search(text):
        return "creation"  # "notre association veut créer un atelier chantier d'insertion"
    if exists and ("developpement" in stages or GROWTH.search(text)):
        return "developpement"
    if "developpement" in stages or (running and not {"creation", "idee"} & stages):
        return "developpement"
    if "creation" in stages:
        return "creation"
    if audience in ("structure_insertion", "cooperative", "entreprise_esus") and EMPLOYS.search(
        text
    ):
        return "developpement"  # "un chantier d'insertion, 12 salariés en parcours"
    return "idee" if "idee" in stages and audience is None else None


#: a business of one's own: the venture is no association ("me mettre à mon compte")
BUSINESS = (
    "mon entreprise", "ma boite", "micro entreprise", "microentreprise", "auto entrepreneur",
    "auto entrepreneuse", "autoentrepreneuse", "micro entrepreneur", "micro entrepreneuse",
    "microentrepreneur", "microentrepreneuse", "auto entreprise",
    # said of someone an adviser follows: "un jeune veut monter sa boîte"
    "sa boite", "sa micro entreprise", "sa propre entreprise", "se mettre a son compte",
    "son propre emploi",
    "me lancer", "je me lance", "me lance",
    "autoentrepreneur", "mon activite", "m installer", "me mettre a mon compte", "a mon compte",
    "me declarer", "me declarer en", "declarer mon activite",
    "creer mon emploi", "creer mon propre emploi", "mon commerce", "ma boutique",
    "mon restaurant", "mon food truck", "ma societe", "independant", "independante", "freelance",
    "mon traiteur", "mon propre traiteur", "ma petite entreprise",
    "chiffre d affaires", "mes clients", "me salarier", "me verser un salaire",
    # their own jobs, for a group too: "créer un traiteur pour avoir un vrai travail"
    "un vrai travail", "un vrai boulot", "creer nos emplois", "creer notre emploi",
    "creer nos propres emplois", "nos propres emplois", "notre propre emploi", "nous salarier",
    "en vivre", "vivre de notre", "nous verser un salaire",
)
#: people who carry a project together with no structure of theirs: a group, a collective
GROUP = re.compile(
    r"\b(?:un groupe de|un groupe d|un petit groupe|un collectif|notre collectif|petit collectif"
    r"|avec d autres parents|on est \w+ amis|nous sommes \w+ amis"
    r"|(?:on est|nous sommes) (?:une |un )?\w+ d habitants|un groupe d habitants)\b"
)
#: ... that is already a structure: "notre collectif est une association depuis 2019"
GROUP_EXISTS = re.compile(
    r"\b(?:est une|est un|sommes une|sommes un|est devenu|constitue en|constitues en)"
    r" (?:asso|association|scop|scic|sas|sarl|cooperative|entreprise|societe)\b"
    r"|\bdepuis (?:\d+|\w+ ans|l an)\b|\b\d+ (?:salaries|salariees|adherents)\b"
)
#: a group of citizens carrying a project together: parents, residents, volunteers
COLLECTIVE = re.compile(
    r"\b(?:avec d autres|d autres parents|un groupe de|un collectif|notre collectif|collectif d"
    r"|on est \w+ familles|nous sommes \w+ familles|parents d eleves|des parents|entre parents"
    r"|entre voisins|des habitants|on est des habitants|nous sommes des habitants|des benevoles"
    r"|benevoles qui|benevolat|citoyens|des retraites|groupe d habitants|projet citoyen"
    r"|initiative citoyenne|(?:on est|nous sommes) (?:une |un )?\w+ d habitants"
    r"|(?:equipe|groupe|reseau) de (?:benevoles|voisins|volontaires)|quelques voisins"
    r"|avec (?:des|mes|les|quelques) voisin\w*)\b"
)


#: a person alone starting something ("je veux lancer un food truck", "je voudrais me lancer")
ALONE_START = re.compile(
    r"\bje (?:veux|voudrais|souhaite|souhaiterais|vais|compte|pense|aimerais|cherche a"
    r"|suis en train de|projette de|prevois de|envisage de)\s+(?:\w+\s+){0,2}?(?:creer|lancer"
    r"|monter|ouvrir|demarrer|me lancer|m installer|reprendre|developper)\b(?:\s+\w+){0,4}?\s+"
    r"(?:entreprise|boite"
    r"|societe|activite|commerce|boutique|restaurant|food truck|foodtruck|cafe|bar|agence|cabinet"
    r"|epicerie|traiteur|salon|magasin|atelier|micro entreprise|auto entreprise|sas|sarl|eurl"
    r"|snack|pizzeria|creperie|boulangerie|librairie|friperie|laverie|garage|kiosque)\b"
    r"|\bje (?:veux|voudrais|souhaite|vais|compte) me lancer\b"
)
#: several people carry it ("on veut", "nous sommes", "notre projet", "avec des amis")
TOGETHER = re.compile(
    r"\b(?:on|nous|notre|nos|avec (?:des|mes|deux|trois|d autres) \w+|associe|associes|associee"
    r"|associees|cofondat\w*|co fondat\w*)\b"
)


def _own_business(fixed: str, audience: str | None, planned: str | None) -> bool:
    """A business of one's own: the person creates their job or their company, alone (the
    micro-loans for creators are for them, not for a group's project or a company's growth)."""
    if planned in ("association", "cooperative", "collectivite") or audience in (
        "association", "cooperative", "collectivite", "structure_insertion"
    ):
        return False
    if _has(fixed, BUSINESS) >= 0:
        return True
    return bool(ALONE_START.search(fixed)) and not TOGETHER.search(fixed)


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
