"""Read a French question: where, what kind of help, for whom, at which stage, on which theme.

Rule-based on purpose: it runs in about a millisecond per question, it is predictable, and every
decision can be shown to the user ("j'ai compris : Tarare (69), prêt d'honneur"). Accents, case,
hyphens, apostrophes and one typo in a long word do not matter.

This module reads the needs and themes and puts the :class:`~.profile.Profile` together; places
are read by :mod:`.places`, who asks and at which stage by :mod:`.person`, the vocabularies'
expressions (and typos) by :mod:`.phrases`. What a follow-up changes is :mod:`.follow`.
"""

from __future__ import annotations

import re

from . import vocab
from .person import (
    THIRD_PARTY_BODY,
    _audience,
    _employer,
    _nonprofit,
    _occurrences,
    _own_business,
    _planned,
    _staffless,
    _stage,
)
from .phrases import _has, _phrases, correct_typos
from .places import read_places
from .profile import Profile, place_label
from .quartiers import in_qpv
from .text import fold

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


def detect_language(folded: str) -> str:
    ws = folded.split()
    en = sum(w in ENGLISH for w in ws)
    fr = sum(w in FRENCH for w in ws)
    return "en" if en >= 3 and en > 2 * fr else "fr"


#: "prêt à" + verb is "ready to", not a loan ("des investisseurs prêts à entrer au capital")
READY = re.compile(r"\b(pret|prets|prete|pretes) a (?!taux)")
LOOKING_FOR_LOAN = (
    "cherche un pret",
    "cherchons un pret",
    "cherche un credit",
    "cherchons un credit",
    "besoin d un pret",
    "besoin d un credit",
)
HIRING_WORDS = ("emploi aide", "emplois aides", "contrat aide", "contrats aides", "premier salarie",
                "premiere salariee", "poste aide", "aide a l embauche", "aides a l embauche",
                "aide au poste", "creer un poste", "financer un poste", "un salarie",
                "adulte relais", "service civique", "en cdi", "un cdi", "perenniser un poste",
                "perenniser le poste", "creer un emploi", "un poste de", "un 2e poste",
                "un 3e poste", "un deuxieme poste", "un troisieme poste", "un nouveau poste",
                "un autre poste", "ouvrir un poste", "un mi temps", "un temps plein",
                # a first job in the structure, not the first job the public is looking for
                "un premier poste", "un 1er poste", "financer un premier emploi",
                "financer un 1er emploi", "creer un premier emploi", "creer un 1er emploi",
                "notre premier emploi", "notre 1er emploi")
#: What is recycled or sold is not what the project is about ("recyclage de panneaux solaires").
OBJECT_OF = re.compile(
    r"\b(?:recycl\w*|reemploi|reemployer|collecte|vente|vend|vendre|vendons|revend\w*)"
    r"(?: \w+)?? (?:de|des|les|d|du) ((?:\w+ ){0,1}\w+)"
)
GOODS_THEMES = {"energie", "education_jeunesse", "numerique", "culture"}
#: hiring said as such (paying an educator for disabled teenagers is no disability employment)
EMPLOYING = re.compile(r"\b(?:embauch\w*|recrut\w*)\b")
HIRING = re.compile(
    EMPLOYING.pattern
    # paying or employing others: "et pour payer les jeunes ?", "salarier nos animateurs"
    + r"|\b(?:payer|remunerer|salarier)\s+(?:les|des|nos|notre|un|une|deux|trois)\s+"
    r"(?:jeunes|animateurs?|animatrices?|salaries?|salariees?|intervenants?|intervenantes?"
    r"|mediateurs?|mediatrices?|educateurs?|educatrices?|benevoles|personnes|gens|cuisiniers?"
    r"|cuisinieres?|techniciens?|techniciennes?|encadrants?|encadrantes?|coordinateurs?"
    r"|coordinatrices?)\b"
)
#: funding asked beside a prize ("des concours ou finance-t-elle l'émergence")
PRIZE_AND_FUNDING = re.compile(r"\b(?:financ\w*|subvention\w*|pret|prets|preter|aides?)\b")
YOUNG_KIND = re.compile(r"\bjeunes? ((?:agricult|entrepris|pousse|asso|associat|structure"
                        r"|cooperative|startup|start up)\w*)")
EMPLOYED_YOUNG = re.compile(
    r"\b(?:emploierai\w*|emploie\w*|employer|embauch\w*|recrut\w*|faire travailler"
    r"|(?:du|un) (?:boulot|travail|emploi) (?:a|aux|pour)) (?:des |les |de |nos |quelques )?"
    r"jeunes\b")
SMALL_TOWN = re.compile(r"\b(\d[\d ]{0,5}) habitants\b")


def _themes(fixed: str) -> tuple[str, ...]:
    """Themes of what the project does and whom it serves, not of a word in passing."""
    # a young structure or a young farmer is no youth project ("les jeunes agriculteurs")
    themed = YOUNG_KIND.sub(r"\1", fixed)
    # young people given work are an employment project ("du boulot aux jeunes du quartier")
    # ("... aux jeunes du quartier": still a neighbourhood's)
    themed = EMPLOYED_YOUNG.sub(
        lambda m: " insertion des quartiers " if themed[m.end():].startswith(
            (" du quartier", " des quartiers", " de la cite", " des cites")) else " insertion ",
        themed)
    for phrase in vocab.NOT_THEMES:
        themed = themed.replace(f" {phrase} ", " | ")
    for m in OBJECT_OF.finditer(themed):
        # recycled solar panels are no energy project, school books sold no education
        if set(_phrases(m.group(1), vocab.THEME_WORDS)) & GOODS_THEMES:
            themed = themed.replace(m.group(1), "|", 1)
    themes = _phrases(themed, vocab.THEME_WORDS)
    if "handicap" in themes and "insertion_emploi" not in themes and EMPLOYING.search(themed):
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

#: what a trade works on is no need: "le nettoyage de bureaux", "la rénovation de nos locaux"
#: (the money for it may be; the premises are not what is asked)
WORKED_ON = re.compile(
    r" (?:nettoyage|entretien|menage|renovation|rehabilitation|reparation|amenagement"
    r"|demenagement|gardiennage|construction|peinture|maintenance|surveillance|desinfection"
    r"|decoration|isolation) (?:de |des |du |d )(?:la |l |nos |notre |leurs |leur |ses )?"
    r"\w+"
)

#: where the project is, not what it needs: "c'est sur un terrain de la mairie"
WHERE_IT_IS = re.compile(
    r" (?:c est|c|ce sera|ca sera|se trouve|se trouvera|situe|situee|sera|serait|est) (?:sur|dans)"
    r" (?:un|une|le|la|l|notre|leur) (?:terrain|local|salle|lieu|batiment)\b"
)
#: premises they already have are no need: "le centre social nous prête une salle", "on a déjà
#: un local"
HAVE_PREMISES = re.compile(
    r" (?:nous|on|j|je) (?:prete|pretent|loue|louent|met a disposition|mettent a disposition"
    r"|a deja|avons deja|ai deja|dispose d|disposons d|a|avons|ai) (?:une |un |des |le |la |l "
    r"|notre |nos )?(?:salle|salles|local|locaux|bureau|bureaux|lieu|atelier|terrain)\b"
)

#: lending things is what the project does, not a loan: "on fait du prêt de vélos"
#: a funder the person already has, who asks something of them ("notre principal financeur nous
#: demande de mesurer notre impact"): context, no money asked
FUNDER_ASKS = re.compile(
    r" (?:notre|nos|un|une|le|leur|leurs|l un de nos|un de nos) (?:principal |principaux |gros "
    r"|grand |plus gros )?financeurs? (?:principal |principaux )?(?:nous |nous a |leur a )?"
    r"(?:demande|demandent|exige|exigent|impose|imposent|veut|veulent|oblige|obligent)\b")
LENDING = re.compile(
    r" (?:pret|prets|preter|pretons|pretent|prete) (?:gratuit |gratuits |solidaire )?"
    r"(?:de |d |des )(?:velos?|velos cargos?|trottinettes?|materiel|livres?|jeux|jouets|outils"
    r"|vehicules?|voitures?|scooters?|mobylettes?|vetements|ordinateurs?|tablettes?|instruments?"
    r"|costumes|equipements?|fauteuils?)\b"
)
#: a treasury gap: a bridge loan and its guarantee (France Active), not one more grant
TREASURY = re.compile(
    r"\b(?:trou|trous|tension|tensions|soucis|souci|probleme|problemes|difficulte|difficultes"
    r"|manque|decalage|decalages|avance|avances|besoin) (?:de |d )(?:tresorerie|treso)\b"
    r"|\btresorerie (?:tendue|fragile|difficile|a sec|dans le rouge)\b"
)
#: a sentence that asks who supports projects ("Qui accompagne les projets ESS dans le
#: Cantal ?", "je sais pas à qui m'adresser"): support and orientation asked, although "qui
#: accompagne" inside a sentence is what a project does ("une asso qui accompagne des familles")
ASKS_WHO = re.compile(
    r"^(?:(?:bonjour|salut|hello|bonsoir|svp|alors|et|mais|du coup) )*qui (?:accompagne"
    r"|accompagnent|aide|aident|soutient|soutiennent|conseille|conseillent|suit|suivent)\b"
)
ADDRESS_WHOM = re.compile(
    r"\b(?:a qui (?:m|nous|s|je dois m|on doit s) adresser|vers qui (?:me|nous|se) tourner"
    r"|a qui (?:je|on) (?:peux|peut|dois|doit) (?:m |nous |s )?adresser)\b"
)
#: premises a named body offers: "la mairie est prête à nous prêter un local" (no loan, and the
#: premises are found); "qui peut nous prêter un local ?" stays a request
OFFERED_PREMISES = re.compile(
    r" (?:mairie|commune|ville|bailleur|centre social|agglo|comcom|communaute de communes"
    r"|departement|region|paroisse|proprietaire|elus|maire)(?: \w+){0,4}? (?:ready a |va |veut "
    r"|pourrait |peut |accepte de |propose de |est d accord pour )?nous (?:preter|prete|pretent"
    r"|louer|loue|louent|mettre a disposition|met a disposition|donner|laisser) (?:un |une |des "
    r"|le |la |l |son |sa |ses )?(?:salle|salles|local|locaux|bureau|bureaux|lieu|atelier"
    r"|terrain|batiment|hangar|garage)\b"
)
#: premises lent: "nous prêter un local" asks for premises, not for a loan
LENT_PREMISES = re.compile(
    r"\b(?:preter|prete|pretent|preterait|pretant) (?:un |une |des |le |la |l |nous )?(?:salle"
    r"|salles|local|locaux|bureau|bureaux|lieu|atelier|terrain|batiment|hangar|garage)\b"
)
#: the asker invests in someone else's capital ("la commune peut-elle entrer au capital de la
#: SCIC ?"): they ask how, not for equity; "entrer au capital de notre SCOP" asks for it
INVESTS = re.compile(
    r"\b(?:la commune|la mairie|notre commune|la collectivite|notre collectivite|l agglo"
    r"|le departement|on|nous|je)(?: \w+){0,8}? (?:entrer|rentrer|participer|prendre des parts"
    r"|investir|souscrire)(?: \w+){0,2}? (?:au|dans le|a son|a leur) capital (?:de la|d une|de l"
    r"|du|des|de cette|de ce)\b"
)

#: "Village 2", "Village Olympique": a quartier's name, not the countryside
NAMED_VILLAGE = re.compile(r"\bVillage\s+(?:\d|[A-Z])")
#: the countryside in other words
RURAL = re.compile(r"\b(?:rural\w*|campagne|villages?|hameaux?|bourg)\b")
#: premises sought by their size or for lack of room
SURFACE = re.compile(r"\b(?:cherch\w*|trouver|besoin d\w*|recherch\w*|louer|il nous faut"
                     r"|voudrions|voudrait|faudrait)\b[^.?!|]{0,40}?\b\d+\s*(?:a|-)?\s*\d*\s*"
                     r"(?:m2|m²|metres carres)\b|\ba l etroit\b|\bmanque de place\b")


def _needs(fixed: str, question: str) -> list[str]:
    """What is asked for; the project's own activities ("accompagnement scolaire") and money
    mentioned as context ("en attendant une subvention") are not."""
    for name in vocab.NAMES_NOT_NEEDS:
        fixed = fixed.replace(f" {name} ", " | ")
    fixed = FUNDER_ASKS.sub(" | ", fixed)
    asked = fixed
    for context in (LATE, WORKED_ON, HAVE_PREMISES, WHERE_IT_IS, LENDING, OFFERED_PREMISES):
        asked = context.sub(" | ", asked)
    for phrase in (*vocab.NOT_NEEDS, *vocab.FINANCING_NOT_NETWORK):
        asked = asked.replace(f" {phrase} ", " | ")
    needs = _phrases(asked, vocab.NEED_WORDS)
    if "information" in needs and len(needs) > 1 and _has(asked, vocab.STRONG_INFORMATION) < 0:
        needs.remove("information")  # "par où commencer pour me faire accompagner ?"
    if "garantie" in needs and "pret" in needs and _has(asked, LOOKING_FOR_LOAN) < 0:
        needs.remove("pret")  # the loan is only what is to be guaranteed
    money = set(vocab.FINANCING_NEEDS) - {"prix"}
    if "prix" in needs and not PRIZE_AND_FUNDING.search(asked):
        money.add("prix")  # "gagner un peu d'argent avec des prix": the prize is the money
    wants_money = _has(fixed, vocab.FINANCING_WORDS) >= 0 or re.search(
        vocab.AMOUNT_SOUGHT, question.lower()
    )
    if wants_money and not set(needs) & money:
        needs.insert(0, "financement")
    if INVESTS.search(fixed) and "investissement" in needs:
        needs = [n for n in needs if n != "investissement"] or ["information"]
    if TREASURY.search(fixed) and not set(needs) & {"pret", "garantie", "pret_honneur"}:
        # bridging the gap: a loan and its guarantee (France Active); support is not added: a
        # conversation that moves on to hiring would keep it (conversation sets, issue 17)
        needs = ["pret", *(n for n in needs if n != "financement")]
    if "pret" in needs and LENT_PREMISES.search(asked) and not LENT_PREMISES.sub(
        " | ", asked
    ).count(" pret"):
        needs.remove("pret")  # "qui peut nous prêter un local ?": premises, not a loan
    if not set(needs) - {"information"}:
        # a question that asks only who helps or whom to address: support and orientation
        if any(ASKS_WHO.search(fold(x)) for x in re.split(r"[.?!\n]+", question)):
            needs.append("accompagnement")
        if not needs and ADDRESS_WHOM.search(fixed):
            needs.append("information")
    if "locaux" not in needs and SURFACE.search(asked):
        needs.append("locaux")  # "un atelier de 150-200 m2", "on est à l'étroit"
    return needs


#: an adviser, an officer or a social worker who asks for someone they follow: "je suis chargée
#: de développement économique dans une communauté de communes"
SPEAKER_ROLE = re.compile(
    r"\b(?:je suis|je travaille comme|je travaille a|je travaille au|je travaille dans"
    r"|en tant que|moi c est)\s+(?:\w+\s+){0,3}?(?:charge|chargee|conseiller|conseillere"
    r"|travailleur social|travailleuse sociale|referent|referente|animateur|animatrice|agent"
    r"|agente|accompagnateur|accompagnatrice|educateur|educatrice|assistante sociale"
    r"|assistant social|coordinateur|coordinatrice|coordonnateur|coordonnatrice|elu|elue"
    r"|maire|adjoint|adjointe|secretaire de mairie|developpeur|developpeuse|cip)\b")
#: ... and the person they ask for: "une habitante de 47 ans ... vers qui je peux l'orienter ?"
THIRD_PERSON = re.compile(
    r"\b(?:une|un) (?:habitante|habitant|jeune|personne|dame|femme|homme|monsieur|porteur"
    r"|porteuse|beneficiaire|allocataire|demandeur|demandeuse|usager|usagere|entrepreneur"
    r"|entrepreneuse|createur|creatrice|agriculteur|agricultrice|artisan|artisane)\b"
    r"|\b(?:l|les) orienter\b|\bque j accompagne\b|\bque nous accompagnons\b|\bque je suis\b")


#: "je ne compte pas embaucher", "je travaille seul", "sans embaucher"
NO_HIRING = re.compile(
    r"\b(?:ne (?:compte|pense|prevois|veux|vais|souhaite) pas (?:d )?embaucher|pas d embauche"
    r"|sans embaucher|pas embaucher|je travaille seule?|je bosse seule?|je suis seule? a"
    r"|tout seul|toute seule|seule? dans mon|pas de salarie prevu|aucune embauche"
    r"|rester seule?|reste seule?|seule? pour l instant|pas d embauche prevue)\b")


def _for_whom(question: str, fixed: str) -> str:
    """The words that describe who the help is for: without the clause in which an adviser who
    asks for someone they follow describes themselves (the officer of a communauté de communes
    asking for a resident's micro-enterprise is not a local authority asking)."""
    rest, said = _split_speaker(question, fixed)
    if not said or not rest.strip():
        return fixed
    return " " + READY.sub("ready a ", correct_typos(fold(rest))) + " "


def speaker_clause(question: str) -> str:
    """The clause (folded) in which an adviser asking for someone describes themselves ("je
    suis conseillère à la mission locale de Vienne"): what it names is theirs, not asked
    about. Empty when the person asks for themselves."""
    return fold(_split_speaker(question, " " + fold(question) + " ")[1])


def _split_speaker(question: str, fixed: str) -> tuple[str, str]:
    """(the question without the speaker's self-description, that description)."""
    if not THIRD_PERSON.search(fixed):
        return question, ""
    kept, said = [], []
    for sentence in re.split(r"(?<=[.?!;\n])\s+", question):
        if not SPEAKER_ROLE.search(fold(sentence)):
            kept.append(sentence)
            continue
        # the clause that says it, up to the next comma: "Je suis conseillère à la mission
        # locale de Vienne, un jeune de 22 ans veut monter sa boîte..."
        head, comma, tail = sentence.partition(",")
        said.append(head)
        if comma and tail.strip():
            kept.append(tail)
    return " ".join(kept), " ".join(said)


def understand(question: str) -> Profile:
    folded = fold(question)
    reading = read_places(question)
    fixed = " " + READY.sub("ready a ", correct_typos(folded)) + " "
    nationwide = reading.territory is None and _has(fixed, NATIONWIDE) >= 0
    needs = _needs(fixed, question)
    whom = _for_whom(question, fixed)
    audience = _audience(whom)
    no_hiring = bool(NO_HIRING.search(whom))
    themes = _themes(fixed)
    if "ruralite" in themes and NAMED_VILLAGE.search(question) and not RURAL.search(
            fold(NAMED_VILLAGE.sub(" ", question))):
        # "au Village 2 à Échirolles": a quartier's name in a town, not the countryside
        themes = tuple(t for t in themes if t != "ruralite")
    if "quartiers_prioritaires" not in themes and any(in_qpv(m) for m in reading.mentions):
        # "aux Minguettes", "à la Villeneuve": a quartier on the list of priority
        # neighbourhoods (data/quartiers.csv, 2024 geography) says it without the words
        themes = (*themes, "quartiers_prioritaires")
    planned = _planned(whom)
    if planned is None and audience == "porteur_projet":
        # "une association qui n'a qu'une idée": the structure named is the one to come
        # (not a local authority named as a partner: "avec la mairie")
        named = [key for _, key in _occurrences(THIRD_PARTY_BODY.sub(" | ", whom))
                 if key != "porteur_projet"]
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
        stage=_stage(whom, audience),
        planned=planned,
        hiring=bool(HIRING.search(fixed) or _has(LATE.sub(" | ", fixed), HIRING_WORDS) >= 0)
        and not no_hiring,  # "je ne compte pas embaucher" hires nobody
        nonprofit=_nonprofit(fixed, audience, planned),
        own_business=_own_business(whom, audience, planned),
        employer=_employer(fixed),
        no_hiring=no_hiring,
        staffless=_staffless(fixed),
        language=detect_language(folded),
        issues=reading.issues,
    )
