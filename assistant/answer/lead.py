"""The lead of an answer: two or three sentences that answer the question as asked.

What the named organisation is and whether it is for the person, yes or no and how (the verdict
on its conditions), the steps of a guide, or where to start; a thinly covered place is said so.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache

from ..corpus.documents import Document
from ..language import vocab
from ..language.person import NUMBER, count, structure_age_range
from ..language.places import _department
from ..language.profile import Profile, place_label
from ..language.territory import gazetteer
from ..language.text import fold
from ..search.lexical import analyse
from .choose import CONVERTING, takes_requests
from .contacts import own_channel
from .fit import STAGE_FAILED, Fit
from .library import Library, asking_sentences, spelled_out, title_head
from .model import _Citations
from .pick import AUDIENCE_WORDS, per_project
from .sentences import Sentence, _french_list, has_verb, readable, sentences
from .state import understood_line
from .timing import ended, ended_text, period_end, status_line

ENGLISH_NOTE = (
    "_Je réponds en français, la langue des sources (I answer in French, the "
    "language of the sources)._"
)
LABEL = re.compile(r"^(?:Comment|Où|Quand|Qui|Quoi|Pourquoi)\s*:\s*")
STEP = re.compile(r"^\s*[ÉéEe]tape\s*\d+\s*[:.–-]\s*")
WHO_LABEL = re.compile(r"^\s*(?:pour qui|qui)\s*:\s*", re.IGNORECASE)
#: a question about whether a scheme still runs: "l'État finance encore les conseillers
#: numériques ?", "c'est toujours ouvert ?"
STILL = re.compile(r"\b(?:encore|(?<!depuis )(?<!comme )toujours|c est fini|est fini|termine"
                   r"|prolonge|reconduit|existe plus|continue"
                   # "c'est ouvert ?" (now), not "c'est ouvert aux associations ?" (to whom)
                   r"|c est ouvert(?! (?:a|aux|au|pour|si)\b)|est ce ouvert(?! (?:a|aux|au|pour)\b)"
                   r")\b")
#: "on peut encore déposer ?", "c'est encore possible pour cette année ?": whether one can
#: still file now (not "on n'a rien commandé encore")
STILL_FILING = re.compile(
    r"\b(?:encore|toujours) (?:\w+ ){0,3}?(?:deposer|candidater|postuler|demander|s inscrire"
    r"|possible|temps|ouvert)|\bpour cette annee\b|\bc est ouvert\b|\best ce ouvert\b")
#: a sentence that says whether a scheme runs: suspended, ended, extended, until, since
STATUS = re.compile(r"\b(?:suspendue?s?|supprim\w+|termin\w+|ferm[ée]e?s?|prolong\w+"
                    r"|reconduit\w*|n'est plus|ne sont plus|plus de nouve\w+|jusqu'au|jusqu'en"
                    r"|arr[êe]t\w*|d[ée]gressi\w+|restent financ\w+|reste financ\w+"
                    r"|depuis 20\d\d|de 20\d\d [àa] 20\d\d)",
                    re.IGNORECASE)


#: a year written in a sentence
YEAR = re.compile(r"\b20\d\d\b")
#: a sentence about a scheme's sessions
EDITIONS = re.compile(r"\b(?:edition|editions|session|sessions|recevait|recoit les projets"
                      r"|candidatures? (?:etaient|sont) ouvertes|appel a projets \d{4}"
                      r"|lance\w* le|clotur\w*|ouvert\w* du)\b")
#: a sentence on who may apply that states a condition nobody checked ("être une association
#: agréée jeunesse et éducation populaire"): the verdict is "yes, if", never a plain "yes"
REQUIREMENT = re.compile(
    r"^(?:pour qui\s*:\s*)?(?:être|etre|avoir|disposer|justifier|remplir)\b"
    r"|\b(?:doit|doivent|il faut|agréée?s?|à condition|sous réserve|obligatoire"
    r"|réservée? aux?|uniquement)\b",
    re.IGNORECASE,
)


#: "ça existe en Ardèche ?", "il y en a un chez nous ?": whether it covers the place
EXISTS_HERE = re.compile(r"\b(?:ca existe|existe t il|existe t elle|il y en a|y en a|y a t il)"
                         r"(?: \w+)? (?:en|dans|a|au|aux|chez|ici|pres|sur|vers)\b")
#: "c'est payant ?", "combien ça coûte ?": the cost asked
PRICE_ASKED = re.compile(r"\b(?:payant|payante|gratuit|gratuite|ca coute|combien coute"
                         r"|cout de l accompagnement|tarif|tarifs|frais d inscription)\b")
#: a sentence that says what it costs
PRICE_SAID = re.compile(r"\b(?:gratuit|gratuite|gratuitement|payant|payante|tarif|tarifs"
                        r"|cotisation|adhesion de|frais de|participation financiere|coute|cout)\b")
#: a question about when ("il recrute quand ?", "c'est quand la date limite ?")
WHEN = re.compile(
    r"\b(?:quand|date limite|date butoir|dates? de depot|jusqu a quand|prochaine session"
    r"|prochaine edition|prochaine promo|prochaine promotion|calendrier)\b"
)


#: "c'est quoi les étapes pour se lancer avec eux ?", "comment ça se passe pour entrer ?": the
#: steps are asked, and the organisation's own list of them answers ...
STEPS_ASKED = re.compile(
    r"\b(?:les etapes|quelles etapes|quelles sont les etapes|par ou commencer|comment ca se passe"
    r"|comment ca marche pour|comment on (?:se lance|demarre|rejoint|adhere|entre|integre)"
    r"|comment (?:rejoindre|adherer|integrer|entrer))\b")
#: a condition in a scheme's sentence (folded): years of existence, a size, what it excludes
HARD_CONDITION = re.compile(
    r"\b(?:au moins|(?:moins|plus) de (?:\d|un |une |deux |trois |quatre |cinq |six |dix )"
    r"|au minimum|minimum de|depuis (?:au moins|plus|moins)"
    r"|immatricule|exclue?s?|(?<!compris )hors|sauf|seulement|exclusivement|obligatoirement"
    r"|creatrices? d emplois|createurs? d emplois|n (?:est|sont) pas (?:eligible|ouverte?s?))\b")
#: a rule keeping a scheme to mainland France (folded)
MAINLAND = re.compile(r"\b(?:france metropolitaine|en metropole|hexagone|metropole uniquement"
                      r"|regions? metropolitaines?|regions? de (?:la )?metropole)\b")
#: each overseas department's name (folded), by its number
OVERSEAS_NAMES = {"971": "guadeloupe", "972": "martinique", "973": "guyane", "974": "reunion",
                  "976": "mayotte"}
#: what a rule excludes (folded): the words after the marker
EXCLUDING = re.compile(r"(?:\bhors |\bsauf |\ba l exception (?:de |des |du )?|\bexclu\w* "
                       r"|\bne (?:finance|soutient|concerne|accompagne) pas "
                       r"|\bn (?:est|sont) pas (?:eligible|ouverte?)s? (?:aux? |a l )?)"
                       r"((?:\w+ ?){1,10})")
#: the themes a rule may exclude as a sector, by the words it uses
SECTORS = {"agriculture": ("agricol", "agricult", "exploitation", "elevage", "maraich"),
           "culture": ("culturel", "artistique", "spectacle"),
           "sante": ("medical", "medicaux", "sante", "soins"),
           "energie": ("energ", "photovolta"),
           "logement": ("immobili", "logement")}
#: a scheme for newcomers: "extérieurs au département", "venus d'autres départements"
OUTSIDERS = re.compile(r"\b(?:exterieurs? (?:au|a la) (?:departement|region|territoire)"
                       r"|venus? d autres (?:departements|regions)|hors du departement"
                       r"|qui veulent s installer dans le|nouveaux arrivants)\b")
#: the person moves to the project's place ("je quitte Lyon", "on s'installe", "j'habite à
#: Nantes et on rêve de reprendre ... dans le Cantal")
MOVING = re.compile(r"\b(?:quitte\w*|demenag\w*|installer|installe|installons|venir|viens"
                    r"|venons|arrive\w*|rentre\w*|reviens|revenir|originaire)\b")
#: a body's own word that it gives no money
NO_FUNDER = re.compile(r"\b(?:n est pas un financeur|ni un financeur)\b(?! d | de | des )")
FUNDING_ASKED = re.compile(r"\b(?:financer|finance|financement|subvention\w*|preter|pret"
                           r"|argent|payer)\b")
MONEY_NEEDS = {*vocab.FINANCING_NEEDS, "financement"}
#: the no said before a scheme's own rule, by the kind of condition ruled out
PLAIN_NOS = {
    "sport": "a priori non pour un club sportif",
    "overseas": "a priori non, pas en outre-mer",
    "sector": "a priori non, pas pour votre secteur d'activité",
    "outsiders": "a priori non, c'est pour des personnes venues d'ailleurs, pas pour qui est "
                 "déjà là",
    "funder": "a priori non, ce n'est pas un financeur",
}
#: headings of a scheme's conditions
CONDITION_HEADINGS = ("condition", "eligib", "criteres")
#: "ne sont pas exclus": no rule
NOT_EXCLUDED = re.compile(r"\bpas exclue?s?\b|\bpas reservee?s?\b|\bsans condition\b")
#: a question about what to put in the file ("quels documents il faut ?")
DOCS_ASKED = re.compile(
    r"\b(?:quels? (?:documents?|pieces?|papiers?|justificatifs?)|quoi fournir"
    r"|faut il fournir|pieces a fournir|documents a fournir|dans le dossier"
    r"|constituer le dossier|que mettre dans)\b")
#: a sentence on what a file holds ("Contenu : informations administratives, ... statuts")
DOCS_SAID = re.compile(r"\b(?:contenu|pieces?|documents?|justificatifs?|a fournir"
                       r"|joindre|dossier type)\b")
#: the words of a sentence that asks for a procedure ("comment on fait la transformation ?")
STEPS_WORDS = re.compile(r"\b(?:comment|etapes?|demarches?|procedure)\b")
#: ... the items under a heading about that ("Ouvrir une Petite Cantine", "Comment candidater",
#: "Les étapes", "Le parcours")
PROCEDURE_HEADING = re.compile(
    r"\b(?:etapes?|ouvrir|comment|candidat\w*|rejoindre|adherer|entrer|integrer|demarches?"
    r"|parcours|processus|se lancer|modalites|deroulement|procedure|inscription|selection)\b")
#: "comment on candidate ?", "comment s'inscrire ?": how to apply is asked
HOW_ASKED = re.compile(
    r"\b(?:comment (?:on |je |nous |faire pour |peut on |peut-on |puis je |je fais pour "
    r"|on fait pour |nous faisons pour |faut il faire pour |dois je faire pour "
    r"|doit on faire pour )?(?:la |le |les |l |y )?"
    r"(?:candidate|candidater|postule|postuler|s inscri\w*|m inscri\w*|nous inscri\w*"
    r"|inscri\w*|depose\w*|fait la demande|faire la demande|rentre\w*|entre[rz]?|integre\w*"
    r"|toucher|percevoir|obtenir|recevoir|demander"
    r"|y acceder|acceder|beneficie\w*|en beneficier|les contacter|y aller)"
    r"|comment ca (?:se passe|marche) pour (?:y )?(?:entrer|rentrer|candidater|s inscrire)"
    r"|comment ca (?:marche|fonctionne|se passe)|on fait comment|comment on fait pour (?:le|la"
    r"|les)? ?(?:demander|obtenir|avoir)"
    r"|demarche pour (?:y )?(?:entrer|candidater))\b"
)
PLAIN_YES = "Oui, c'est ouvert à votre situation."
#: the question asks where a scheme applies: "ou c'est que pour Dijon ?", "ça couvre l'Ain ?"
TERRITORY_ASKED = re.compile(
    r"\b(?:que pour|seulement pour|uniquement pour|juste pour|reserve|reservee|reserves|limite"
    r"|limitee|couvre|couvrent|existe (?:a|en|au|dans|sur|pres)|hors de|en dehors|ailleurs"
    r"|aussi (?:a|en|au|dans|sur|pour) [a-z]+)\b")
#: "qu'est-ce que ça nous apporterait ?", "ça sert à quoi ?", "quel intérêt ?"
BENEFIT_ASKED = re.compile(
    r"\b(?:apport\w*|avantages?|a quoi (?:ca|cela|il|elle) (?:sert|servirait)"
    r"|(?:ca|cela) (?:sert|servirait) a quoi|quel interet|l interet|ca change quoi"
    r"|benefices? pour nous|qu est ce qu on y gagne|on y gagne quoi)\b"
)
#: what says where and how to apply
APPLY_WORDS = re.compile(r"\b(?:depos\w*|demande\w*|dossier|candidat\w*|s inscri\w*"
                         r"|inscription|contact\w*"
                         r"|adress\w*|formulaire|teleservice|en ligne)\b")
#: an age the question gives: "elle a 24 ans", "âgée de 24 ans", "une médiatrice de 24 ans"
AGE_SAID = re.compile(
    r"\b(?:a|ai|avons|agee?s? de|qui a|(?:personne|jeune|femme|homme|salariee?|mediatrice"
    r"|mediateur|candidate?|benevole|volontaire|animat(?:eur|rice)|educat(?:eur|rice)|fille"
    r"|fils|garcon|adulte|senior|retraitee?|stagiaire|apprentie?) de) (\d{2}) ans\b(?! d\b)")
#: a minimum seniority a scheme sets: "au moins un an d'existence", "2 ans d'existence minimum"
SENIORITY = re.compile(r"\b(?:au moins|minimum|plus d) " + NUMBER
                       + r" ans? d (?:existence|activite)\b"
                       r"|\b" + NUMBER + r" ans? d (?:existence|activite) (?:minimum|au moins)\b"
                       # "une activité significative ... depuis au moins deux ans"
                       r"|\bactivite\b[^.;]{0,60}\bdepuis (?:au moins|plus de) " + NUMBER
                       + r" ans\b")
#: a sports club asking ("club de foot amateur", "asso sportive", "affilié à la fédé") ...
SPORTS_CLUB = re.compile(
    r"\bclub (?:de |d )?(?:foot|football|rugby|basket|basketball|hand|handball|tennis|judo|boxe"
    r"|natation|velo|cyclisme|athletisme|gym|gymnastique|escalade|ski|badminton|volley|karate"
    r"|danse|sport|sportif|petanque|aviron|canoe|escrime|lutte)\b"
    r"|\b(?:asso|association|associations) sportives?\b|\baffiliee? a la (?:fede|federation)\b")
#: ... and a scheme whose own sentence excludes sports associations
SPORT_EXCLUDED = re.compile(r"\bexclu\w*\b.{0,80}\bsport")
#: the question says the structure has no approval ("pas d'agrément", "on n'est pas agréés")
NO_APPROVAL = re.compile(
    r"\b(?:pas|sans|aucun|ni|n ont pas|n a pas) (?:d |de l |l |encore d |encore l |encore )?"
    r"(?:agrement|agree|agreee|agrees|agreees)\b|\bnon agreee?s?\b")
#: a scheme's own condition of an approval ("Être une association agréée jeunesse et éducation
#: populaire", "l'agrément est obligatoire")
APPROVAL_NEEDED = re.compile(
    r"\b(?:etre|soit|soient|doit etre|doivent etre) (?:une |des )?(?:association|structure)?s? ?"
    r"agreee?s?\b|\bagrement\b.{0,40}\b(?:obligatoire|requis|necessaire|exige)\b")
#: the ages a scheme's sentence sets: from, under, between
AGE_LOW = re.compile(r"\bau moins (\d{2}) ans\b|\b(\d{2}) ans (?:ou|et) plus\b")
AGE_HIGH = re.compile(r"\bmoins de (\d{2}) ans\b")
#: the words of a rule on communes' size, which say nothing of the scheme it is about
RULE_WORDS = {w[:6] for w in ("communes", "commune", "habitants", "departement", "creation",
                              "reprise", "entreprises", "entreprise", "finance", "financer",
                              "chambre", "metiers", "subvention", "projets")}
#: an activity running for years: "en micro-entreprise depuis 2021", "on tourne depuis 5 ans"
RUNNING_SINCE = re.compile(
    r"\b(?:micro entreprise|micro|auto entrepreneur\w*|entreprise|activite|association|asso"
    r"|societe|sarl|sas|scop|installee?|a mon compte|a notre compte)\b.{0,60}?"
    r"\bdepuis (?:(20[0-2]\d)\b|" + NUMBER + r" ans\b)")
#: a scheme for the first years of an activity: "pendant les trois premières années"
FIRST_YEARS = re.compile(r"\b(?:pendant|dans|au cours) (?:les|des) " + NUMBER
                         + r" premieres annees\b|\bmoins de " + NUMBER
                         + r" ans d (?:activite|existence)\b"
                         # "immatriculées en France depuis moins d'un an"
                         r"|\b(?:immatricul|cree)\w*[^.;]{0,40}\bdepuis moins d (un) an\b"
                         r"|\b(?:immatricul|cree)\w*[^.;]{0,40}\bdepuis moins de " + NUMBER
                         + r" ans\b")
#: a scheme kept to small communes: "communes de moins de 5 000 habitants"
SMALL_COMMUNES = re.compile(
    r"\bcommunes? (?:rurales? )?(?:de )?moins de (\d{1,3}(?: ?\d{3})*) habitants")
#: "les 18-30 ans" written with a dash
AGE_DASH = re.compile(r"\b(\d{2}) ?- ?(\d{2}) ans\b")
AGE_SPAN = re.compile(r"\b(?:de|entre) (\d{2}) (?:a|et) (\d{2}) ans\b")
#: "combien ?", "quel montant ?", "jusqu'à combien ?"
AMOUNT_ASKED = re.compile(r"\b(?:combien|quel montant|montant|a hauteur de|jusqu a quelle somme"
                          r"|ca represente quoi)\b")
#: the headings of what a scheme brings: "À quoi sert l'agrément", "Ce qu'elle apporte"
BENEFIT_HEADING = re.compile(r"\b(?:a quoi (?:sert|cela sert)|apporte|avantages?|interet)\b")
EXAMPLE = re.compile(r"^(?:par )?exemples?\b", re.IGNORECASE)


#: a sentence on who it is for that names a public of people (not of structures): the yes
#: holds only for them ("les créateurs issus des quartiers prioritaires", "les demandeurs
#: d'emploi", "les jeunes de moins de 26 ans", "les femmes")
SPECIFIC_PUBLIC = re.compile(
    r"\b(?:issue?s? (?:d|de|des|du)|boursiers?|beneficiaires? (?:du|des|de l)|demandeurs? d emploi"
    r"|allocataires?|jeunes|femmes|personnes? (?:handicapees?|en situation de handicap"
    r"|eloignees?|agees?)|seniors?|etudiants?|refugies?|chomeurs?|minima sociaux"
    r"|sous representes?|travailleurs? handicapes?)\b")
#: the person says the project is only an idea
JUST_AN_IDEA = re.compile(r"\b(?:c est (?:juste |encore |seulement )?une idee|qu une idee"
                          r"|juste une idee|au stade (?:de l )?idee|stade idee|j ai une idee)\b")
#: "c'est pour nous ?": a verdict is asked, not only what it is
FOR_US = re.compile(r"\b(?:c est pour nous|c est pour moi|est ce pour nous|est ce pour moi"
                    r"|c est pour notre|ca nous concerne|on y a droit|on est eligible"
                    r"|sommes nous eligibles?|on peut y pretendre)\b")
#: a condition of employing staff, which "3 salariés", "nos salariés" meet
EMPLOYS_STAFF = re.compile(r"\bemploi\w* (?:au moins )?(?:un|une|des|1) (?:salarie|personne)")


def _reach(doc: Document, place: str | None = None) -> str:
    """ " (site : URL)" / " (e-mail, téléphone)": how to ask them, when the sources give it (a
    contact that serves other places than ``place`` is not given)."""
    c = own_channel(doc, place)
    if c is None:
        return ""
    parts = [x for x in (c.email, c.phone) if x] or ([c.url] if c.url else [])
    return f" ({', '.join(parts)})" if parts else ""


class LeadMixin:
    """The opening of the answer: about, verdict, steps or where to start."""

    @staticmethod
    def _coverage(place, library: Library) -> str:
        label = place_label(place) if place else "ce territoire"
        n = library.local_count(place)
        few = ("je n'ai aucune source locale" if n == 0 else
               "je n'ai qu'une source locale" if n == 1 else f"je n'ai que {n} sources locales")
        if place and "REG:84" in library.g.ancestors(place):
            return (
                f"Pour {label}, {few} : les réseaux régionaux et nationaux ci-dessous ont un "
                "relais près de chez vous, demandez-le-leur."
            )
        return (
            "Mes sources couvrent surtout l'Auvergne-Rhône-Alpes et les dispositifs nationaux : "
            f"pour {label}, {few}. Pour le reste, les réseaux nationaux ont une antenne près de "
            "chez vous : demandez-leur le relais local."
        )

    # -- the lead ----------------------------------------------------------------------------
    def _lead(self, kind, profile, fits, subject, thin, library, cites, place, question) -> str:
        lines: list[str] = []
        if thin:
            lines.append(self._coverage(place, library))
        top = fits[0] if fits else None
        folded = fold(question)
        # "ça existe en Ardèche ?" about the organisation named: whether it covers the place,
        # said plainly right after what it is
        covers = (self._covers(top, library, place)
                  if top and (top.named or kind == "named") and place
                  and EXISTS_HERE.search(folded) else None)
        if top and kind == "named":
            about = self._about(top, profile, cites, place,
                                asks_when=bool(WHEN.search(folded)),
                                asks_how=bool(HOW_ASKED.search(folded)),
                                asks_benefit=bool(BENEFIT_ASKED.search(folded)),
                                asks_price=bool(PRICE_ASKED.search(folded)),
                                asks_for_us=bool(FOR_US.search(folded)) or _asks_yes_no(
                                    question),
                                asks_steps=bool(STEPS_ASKED.search(folded)),
                                question=folded).split("\n")
            if covers:
                about.insert(1, covers)
            if STEPS_ASKED.search(folded) and not any(x.startswith("Les étapes") for x in about):
                # no steps of its own ("comment ça se passe pour entrer dans une CAE ?"): those
                # of the guide on what is asked, after what the organisation is
                steps = self._guide_steps(library, cites, place, question, top.doc.id)
                if steps:
                    about = [x for x in about if not x.startswith("Mes sources ne détaillent")]
                    about.append(steps)
            lines += about
        elif subject and kind == "yesno":
            # no verdict to give (nothing known of the conditions, no sentence on who it is
            # for): the pistes to start with, never a lead that opens on "Comment faire"
            lines.append(self._verdict(subject, profile, cites, place, question)
                         or self._start_with(fits, profile, cites))
        elif top and kind == "steps":
            lines.append(self._steps(fits, cites, place, question))
        elif fits:
            if covers:
                lines.append(covers)
            lines.append(self._start_with(fits, profile, cites))
            when = status_line(top.doc, cites.today) if WHEN.search(folded) else None
            if when and top.doc.kind == "call":
                # "c'est jusqu'à quand ?": the dates of the call to start with, in the lead
                holder = self._role_passage(top, "when") or self._card_passage(top)
                lines[-1] += f" {when} [{cites.cite(top.doc, holder)}]"
        what = understood_line(profile)
        if what:
            lines.append(what)
        return "\n".join(lines)

    @staticmethod
    def _covers(fit: Fit, library: Library, place: str) -> str:
        doc = fit.doc
        label = place_label(place)
        if library.g.applies(doc.territories, place, doc.excluded_territories):
            scope = "tout le territoire national" if "FR" in doc.territories else ", ".join(
                place_label(t) for t in doc.territories[:3])
            return f"Pour {label} : oui, {_short_name(doc)} couvre {scope}."
        return (f"Pour {label} : mes sources ne décrivent pas de {_short_name(doc)} qui couvre "
                f"ce territoire ; les pistes ci-dessous sont celles qui le couvrent.")

    def _about(
        self, fit: Fit, profile: Profile, cites: _Citations, place, asks_when: bool = False,
        asks_price: bool = False, asks_how: bool = False, asks_benefit: bool = False,
        asks_for_us: bool = False, asks_steps: bool = False, question: str = "",
    ) -> str:
        """The organisation asked about: what it is, whether it is for them, what it offers,
        how to apply and when ("il recrute quand ?": when first; "c'est payant ?": what the
        sources say of its cost, or that they say nothing)."""
        doc = fit.doc
        card = self._card_passage(fit)
        # numbered in reading order: what it is, then whether it is for them
        gone = ended(doc)
        summary = " ".join(x for x in re.split(r"(?<=\.)\s+", doc.summary.strip())
                           if not any(g in x for g in gone))  # said next, as the answer
        head = (f"**{doc.title}** : {summary.rstrip('.')}. [{cites.cite(doc, card)}] "
                if summary else f"**{doc.title}** : ")
        if gone:
            # closed to newcomers: said before who it was for ("c'est encore possible ?"), and
            # no verdict on conditions that no longer open anything
            verdict, used = self._verdict_sentence(
                replace(fit, met=[], unknown=[], failed=[]), profile, cites, place)
            verdict = (f"Aujourd'hui, plus de nouvelle demande possible. {ended_text(gone)} "
                       f"[{cites.cite(doc, card)}]") + (
                "\n" + verdict if verdict.startswith("Pour qui") else "")
        elif clash := self._age_clash(fit, question, place):
            # "j'ai 39 ans, Moovjee c'est pour moi ?": the age the scheme sets, first
            age, rule = clash
            said = fold(rule.text.rstrip(" .")) in fold(head)  # the summary said the ages
            verdict, used = (f"A priori non, pas pour une personne de {age} ans." + (
                "" if said else f" {_capitalise(rule.text)} [{cites.cite(doc, rule.chunk)}]")
            ), rule
        elif ways := self._ways_in(fit, question, place, cites.today):
            verdict, used = _capitalise(self._ways_text(fit, ways, cites)), None
        elif found := self._clashes(fit, profile, question, place, cites.today):
            # a condition of its own the question rules out (the commune's size, no approval,
            # the structure's age or legal form...): said first
            kind, what = found
            verdict = _capitalise(self._clash_text(kind, what, fit, profile, cites, place))
            used = what[1] if isinstance(what, tuple) else what
        else:
            verdict, used = self._verdict_sentence(fit, profile, cites, place, question)
        # nobody asked "is it for us?": a plain yes is boilerplate, who it is for is the fact
        if verdict.startswith(PLAIN_YES + " ") and not asks_for_us:
            rest = verdict[len(PLAIN_YES) + 1:]
            if rest[1:2].islower():
                rest = rest[:1].lower() + rest[1:]
            verdict = "Pour qui : " + rest
        lines = [head + verdict]
        cost: list[Sentence] = []
        if asks_price and PRICE_SAID.search(fold(doc.title)) and not PRICE_SAID.search(
                fold(doc.summary)):
            # "accompagnement gratuit" in its title: said, not "my sources do not say"
            lines.append(f"Coût : {doc.title.split(' : ', 1)[-1]}. [{cites.cite(doc, card)}]")
        elif asks_price and not PRICE_SAID.search(fold(doc.summary)):  # said in the summary
            cost = [x for x in self._usable(fit, place) if PRICE_SAID.search(fold(x.text))
                    and x is not used][:1]
            lines.append(" ".join(f"{readable(x)} [{cites.cite(doc, x.chunk)}]" for x in cost)
                         or "Mes sources ne disent pas si c'est payant : demandez-le-leur "
                            "directement.")
        roles = (("when", "how", "what") if asks_when
                 else ("how", "what", "who") if asks_how else ("what", "who", "how"))
        said = lines[0]
        chosen = [s for s in self._pick(fit, tuple(r for r in roles if r != "how"), 3, profile,
                                        place, said=said)
                  if s is not used and s not in cost]
        # how to apply: where to file and what to do, not who signs
        how = [s for s in self._how_to_apply(fit, place, used) if s.text not in said]
        if "how" in roles and how:
            chosen.insert(roles.index("how"), how[0])
        chosen = chosen[:3]
        # its sentence on what the question asks of it ("comment on crée un club ?": what a
        # club is made of), first
        asked = self._answering(fit, question, place, said=said)
        if asked is not None and all(asked.text != s.text for s in chosen):
            chosen = [asked, *chosen][:3]
        steps = self._procedure(fit, place) if asks_steps else []
        if steps:
            # its own list of steps, in order, instead of sentences on what it offers
            chosen = []
        reach = _reach(doc, place)
        if asks_when and not any(s.role == "when" for s in chosen) and not status_line(
                doc, cites.today):
            lines.append("Mes sources ne donnent pas la date de sa prochaine session ou de son "
                         f"prochain appel : demandez-la-leur directement{reach}.")
        if chosen:
            lines.append(" ".join(f"{readable(s)} [{cites.cite(doc, s.chunk)}]" for s in chosen))
        if steps:
            lines.append("Les étapes :\n" + "\n".join(
                f"{i}. {_capitalise(s.text.rstrip(' ;.'))}. [{cites.cite(doc, s.chunk)}]"
                for i, s in enumerate(steps, start=1)))
        elif asks_how and not asks_when and not any(s.role == "how" for s in chosen):
            lines.append("Mes sources ne détaillent pas comment candidater : demandez-le-leur "
                         f"directement{reach}.")
        if asks_benefit:
            gains = self._benefits(fit, cites, place)
            if gains:
                lines.append(gains)
        lines += self._amount_and_dates(fit, chosen, cites, card)
        if fit.through:
            lines.append(self._through(fit.through, cites))  # where it is applied for, here
        return "\n".join(lines)

    def _verdict(
        self, fit: Fit, profile: Profile, cites: _Citations, place=None, question: str = ""
    ) -> str:
        doc = fit.doc
        # "encore ?": whether it still runs is the answer, said with the scheme's name (the
        # verdict on conditions is then not computed: it would take a citation number)
        folded = fold(question)
        # the verdict says what it is about: the question may name none ("une aide à
        # l'embauche ?") and the scheme is the answer's own choice
        name = title_head(doc.title, (" : ", " — ", " – "))  # "Postes FONJEP"
        if fit.focus:
            # the scheme asked about inside its organisation's page ("le Budget écologique
            # citoyen" of the Département's)
            name = _capitalise(Library.written(doc, fit.focus))
        # a call closed today is said so, asked or not ("on peut candidater ?" to a call whose
        # last edition closed: no plain yes on its conditions)
        closed = doc.kind == "call" and doc.status(cites.today) == "closed"
        # "on peut encore déposer pour cette année ?", and its filing window ("au premier
        # trimestre en 2026") is past: not this year, the next one expected at that time
        window = (self._window_passed(fit, name, cites, place)
                  if STILL_FILING.search(folded) and not ended(doc) else "")
        status = window or (self._status(fit, cites)
                            if _still(folded) or ended(doc) or closed else "")
        if not status and _still(folded):
            # "c'est encore ouvert ?" and nothing says it runs now: what the sources say of its
            # dates, never a plain yes on its conditions
            usable = self._usable(fit, place)
            when = [s for s in usable if s.role == "when"]

            def editions(pool) -> list[Sentence]:  # on its sessions, with their dates
                return [s for s in pool if YEAR.search(s.text) and EDITIONS.search(fold(s.text))]

            # the sentences on its editions with their dates first ("la troisième recevait les
            # projets du 5 mai au 8 septembre 2025"), in the document's order; else its past
            # editions among all its sentences (the answer here, where they were launched too:
            # not left out as history or as another place's)
            dated = (editions(usable)
                     or editions(s for s in sentences(doc, fit.hit.chunks) if s.role == "when")
                     or [s for s in when if YEAR.search(s.text)] or when)
            if dated:
                said = " ".join(f"{_capitalise(LABEL.sub('', readable(s)))} "
                                f"[{cites.cite(doc, s.chunk)}]"
                                for s in sorted(dated[:2], key=lambda s: s.position))
                status = (f"**{name}** : mes sources ne disent pas qu'une session est ouverte "
                          f"aujourd'hui. {said}")
        found = self._clashes(fit, profile, folded, place, cites.today) if not status else None
        if found:
            # a condition of its own the question rules out (an age, the commune's size, a
            # sports club, no approval, the structure's age, its legal form, a condition said
            # not met): no, whatever else fits, and no way to apply for what cannot be had
            return f"**{name}** : {self._clash_text(*found, fit, profile, cites, place)}"
        ways = self._ways_in(fit, folded, place, cites.today) if not status else None
        if ways:
            # "j'ai 34 ans, je ne serai pas inscrite à France Travail": the ways in it rules out,
            # and those left, before how to apply
            status = f"**{name}** : {self._ways_text(fit, ways, cites)}"
        base, used = (status, None) if status else self._verdict_sentence(
            fit, profile, cites, place, question)
        # a no (its territory, its public): how to apply is of no use to this person
        how = ([] if ended(doc) or fit.failed or base.startswith("A priori non") or window
               or (ways and not ways[1]) else self._how_to_apply(fit, place, used))
        tail = " ".join(f"{LABEL.sub('', readable(s))} [{cites.cite(doc, s.chunk)}]"
                        for s in how)
        tail = _capitalise(tail)
        # what else the question asks: what it brings, how much
        more = [self._benefits(fit, cites, place) if BENEFIT_ASKED.search(folded) else ""]
        amount = per_project(doc.amount or "")
        if AMOUNT_ASKED.search(folded) and amount:
            more.append(f"Montant : {amount.rstrip('.')}. "
                        f"[{cites.cite(doc, self._card_passage(fit))}]")
        more_text = " ".join(m for m in more if m)
        after = (f" Comment faire : {tail}" if tail else "") + (
            f" {more_text}" if more_text else "")
        if status:
            return status + after
        if not base:
            if tail:
                return f"**{name}**, comment faire : {tail[:1].lower()}{tail[1:]}" + (
                    f" {more_text}" if more_text else "")
            return f"**{name}** : {more_text}" if more_text else ""
        head = f"**{name}** : "
        base = _lower(base)
        return head + base + after

    def _window_passed(self, fit: Fit, name: str, cites: _Citations, place) -> str:
        """The scheme's filing window written in words ("pendant la période d'ouverture, au
        premier trimestre en 2026") when it is past: a no for this year, the next expected."""
        windows = [(end, s) for s in self._usable(fit, place)
                   if s.role in ("when", "how") and (end := period_end(fold(s.text)))]
        doc, today = fit.doc, cites.today
        if not windows or status_line(doc, today) or (doc.deadline and doc.deadline >= today) or (
                doc.opens and doc.opens >= today):
            return ""  # (its dates are known: a call's status line, a date to come)
        end, s = max(windows, key=lambda x: x[0])
        # the same period this year: passed, the next one is next year's; still to come (a
        # December window asked in November), nothing is said of it here
        this_year = end.replace(year=today.year) if (end.month, end.day) != (2, 29) else end
        if end >= today or this_year >= today:
            return ""
        return (f"**{name}** : a priori plus pour cette année, la période de dépôt est passée. "
                f"{_capitalise(LABEL.sub('', readable(s)))} [{cites.cite(doc, s.chunk)}] "
                f"La prochaine est sans doute à la même période en {today.year + 1} : "
                "demandez-leur la date et préparez le dossier d'ici là.")

    def _turned_down(self, fit: Fit, question: str, place, today: date,
                     profile: Profile | None = None) -> bool:
        """Whether a yes/no on this scheme is a no whatever else fits: it takes nobody new, or
        a condition of its own sentences rules the person out (every way in, when they are
        alternatives)."""
        folded = fold(question)
        ways = self._ways_in(fit, folded, place, today)
        return bool(ended(fit.doc) or (ways and not ways[1])
                    or self._clashes(fit, profile or Profile(), folded, place, today))

    def _clashes(self, fit: Fit, profile: Profile, folded: str, place, today: date
                 ) -> tuple[str, object] | None:
        """The first condition of the scheme's own sentences that what the question says
        rules out, as (kind, what was found), in the order a verdict says them."""
        checks = (
            ("age", lambda: self._age_clash(fit, folded, place)),
            ("size", lambda: self._population_clash(fit, place, folded)),
            ("sport", lambda: self._sport_clash(fit, folded, place)),
            ("approval", lambda: self._approval_clash(fit, folded, place)),
            ("young", lambda: self._seniority_clash(fit, folded, place, today)),
            ("old", lambda: self._past_first_years(fit, folded, place, today)),
            ("form", lambda: self._form_clash(fit, profile, place)),
            ("overseas", lambda: self._mainland_only(fit, place)),
            ("sector", lambda: self._sector_clash(fit, profile, place)),
            ("outsiders", lambda: self._outsiders_only(fit, folded, place)),
            ("funder", lambda: self._no_funder(fit, profile, folded, place)),
            ("unmet", lambda: self._said_unmet(fit, folded, place)),
        )
        for kind, check in checks:
            found = check()
            if found:
                return kind, found
        return None

    def _clash_text(self, kind: str, found, fit: Fit, profile: Profile, cites: _Citations,
                    place=None) -> str:
        """A condition ruled out (:meth:`_clashes`), said as the verdict with its sentence."""
        doc = fit.doc
        if kind == "size":
            return _too_big(doc, place, *found, cites)
        if kind == "approval":
            return f"a priori {self._without_approval(doc, found, cites)}"
        if kind == "form":
            return self._form_text(found, profile, doc, cites)
        rule = found[1] if isinstance(found, tuple) else found
        said = f"[{cites.cite(doc, rule.chunk)}]"
        if kind == "age":
            return (f"a priori non, pas pour une personne de {found[0]} ans. "
                    f"{_capitalise(rule.text)} {said}")
        text = _capitalise(LABEL.sub("", rule.text.strip()))
        if kind in PLAIN_NOS:
            return f"{PLAIN_NOS[kind]}. {text} {said}"
        if kind == "young":
            span = "d'un an" if found[0] == 1 else f"de {found[0]} ans"
            return f"a priori pas encore, pas pour une structure de moins {span}. {text} {said}"
        if kind == "old":
            return (f"a priori non, pas pour une activité lancée il y a {found[0]} ans. "
                    f"{text} {said}")
        return (f"a priori non, vous dites ne pas remplir cette condition : "
                f"{_lower(LABEL.sub('', rule.text.strip()).rstrip('.'))}. {said}")

    def _age_clash(self, fit: Fit, folded: str, place) -> tuple[int, Sentence] | None:
        """The age the question (folded) gives ("elle a 24 ans") against an age the scheme's
        own sentences set ("au moins 26 ans", "moins de 30 ans", "de 18 à 25 ans")."""
        said = AGE_SAID.search(folded)
        if not said:
            return None
        age = int(said.group(1))
        # the scheme's own sentences, and its card (title, summary: "pour les 18-30 ans")
        chunk = self._card_passage(fit)
        card = [Sentence(x.strip().rstrip(";").rstrip(" .") + ".", "who", chunk, -1)
                for x in [*re.split(r"(?<=[.;])\s+", fit.doc.summary), fit.doc.title] if x.strip()]
        for s in [*self._usable(fit, place), *card]:
            if _alternative(s):
                continue  # one of the people it is for ("les jeunes de 18 à 25 ans ; les
                # demandeurs d'emploi..."): an age outside it rules out that way in only
            if _age_outside(age, s.text):
                return age, s
        return None

    def _form_clash(self, fit: Fit, profile: Profile, place) -> Sentence | None:
        """The person's legal form (a Scic, an association) that a sentence of the scheme
        excludes ("n'investit pas dans des Scic, des coopératives ou des associations")."""
        words = FORM_NAMES.get(profile.audience or "")
        if not words:
            return None
        for s in self._usable(fit, place):
            for m in FORM_EXCLUDED.finditer(fold(s.text)):
                # the first of the forms named is the person's ("dans des Scic, des
                # coopératives ou des associations"), not one narrowed to some of its kind
                listed = re.split(r"\s+(?:ou|et|des|les|d|de)\s+", m.group(1))
                if any(re.fullmatch(w, item.split()[0]) for item in listed[:4] if item.split()
                       for w in words) and re.match(r"(?:" + "|".join(
                        w for ws in FORM_NAMES.values() for w in ws) + r")\b", m.group(1)
                       ) and not FORM_QUALIFIED.match(m.group(1)):
                    return s
        return None

    @staticmethod
    def _form_text(rule: Sentence, profile: Profile, doc: Document, cites: _Citations) -> str:
        form = vocab.AUDIENCES[profile.audience].split(" (")[0]
        return (f"a priori non, pas pour une structure de votre forme ({form}). "
                f"{_capitalise(LABEL.sub('', rule.text.strip()))} [{cites.cite(doc, rule.chunk)}]")

    def _rules(self, fit: Fit, place) -> list[Sentence]:
        """The scheme's sentences on who may apply and its conditions, and its summary."""
        chunk = self._card_passage(fit)
        card = [Sentence(x.strip(), "who", chunk, -1)
                for x in re.split(r"(?<=[.;])\s+", fit.doc.summary) if x.strip()]
        return [*(s for s in self._usable(fit, place)
                  if s.role == "who" or any(w in fold(s.heading) for w in CONDITION_HEADINGS)),
                *card]

    def _mainland_only(self, fit: Fit, place) -> Sentence | None:
        """An overseas place and the scheme's rule that keeps it to mainland France ("dont les
        bénéficiaires vivent en France métropolitaine")."""
        if not place or not _overseas(place):
            return None
        own = OVERSEAS_NAMES.get((_department(place, gazetteer()) or "")[4:], "outre mer")
        return next((s for s in self._rules(fit, place) if MAINLAND.search(fold(s.text))
                     and not re.search(rf"\b(?:outre mer|ultramarin\w*|dom|drom|{own})\b",
                                       fold(s.text))), None)

    def _sector_clash(self, fit: Fit, profile: Profile, place) -> Sentence | None:
        """The project's theme among what a rule of the scheme excludes ("hors agriculture",
        "sont exclues les activités agricoles")."""
        themes = [t for t in profile.themes if t in SECTORS]
        if not themes:
            return None
        words = [w for t in themes for w in SECTORS[t]]
        for s in self._rules(fit, place):
            folded = fold(s.text)
            for m in EXCLUDING.finditer(folded):
                # (a rule for that very sector says what it leaves out of it: "des porteurs de
                # projets agricoles, souvent hors du cadre familial")
                if any(re.search(rf"\b{w}", m.group(1)) for w in words) and not any(
                        re.search(rf"\b{w}", folded[: m.start()]) for w in words):
                    return s
        return None

    def _outsiders_only(self, fit: Fit, folded: str, place) -> Sentence | None:
        """A scheme for people coming from elsewhere ("des porteurs de projet extérieurs au
        département") asked by someone of its territory who says nothing of moving there."""
        doc = fit.doc
        g = gazetteer()
        if not place or "FR" in doc.territories or MOVING.search(folded) or not g.applies(
                doc.territories, place, doc.excluded_territories):
            return None
        if any(not any(g.applies(doc.territories, c) for c in codes)
               for codes in _places_said(folded)):
            return None  # "j'habite Villeurbanne, je rêve d'un village du Cantal"
        return next((s for s in self._rules(fit, place) if OUTSIDERS.search(fold(s.text))),
                    None)

    def _no_funder(self, fit: Fit, profile: Profile, folded: str, place) -> Sentence | None:
        """Money asked of a body whose own sentence says it gives none ("Wimoov n'est pas un
        financeur", "La Coop n'est pas un dispositif d'accompagnement ni un financeur")."""
        if not (FUNDING_ASKED.search(folded) or set(profile.needs) & MONEY_NEEDS):
            return None
        return next((s for s in self._usable(fit, place) if NO_FUNDER.search(fold(s.text))),
                    None)

    def _said_unmet(self, fit: Fit, folded: str, place) -> Sentence | None:
        """A condition of the scheme ("Être inscrit à France Travail") that the question says
        the person does not meet ("je ne serai pas inscrite à France Travail")."""
        if not SAID_NOT.search(folded):
            return None
        return next((s for s in self._usable(fit, place)
                     if (s.role == "who" or "condition" in fold(s.heading))
                     and not _alternative(s) and REQUIREMENT.search(s.text)
                     and _said_not(folded, s.text)), None)

    def _ways_in(self, fit: Fit, folded: str, place, today: date | None = None
                 ) -> tuple[list[tuple[Sentence, str]], list[Sentence]] | None:
        """The people a scheme is for, listed as alternatives ("Peuvent en bénéficier : les
        jeunes de 18 à moins de 26 ans ; les demandeurs d'emploi inscrits...; les créateurs en
        quartier prioritaire"), against what the question says: the ways in it rules out (with
        why) and those left to check. None when the question rules out none."""
        said = AGE_SAID.search(folded)
        age = int(said.group(1)) if said else None
        items = [s for s in self._usable(fit, place) if s.role == "who" and _alternative(s)]
        if len(items) < 3:
            return None
        out: list[tuple[Sentence, str]] = []
        span = structure_age_range(folded, today) if today else None
        for s in items:
            most = _most_years(fold(s.text))
            if age is not None and _age_outside(age, s.text):
                out.append((s, f"vous avez {age} ans"))
            elif span and most and span[0] > 12 * most:
                out.append((s, f"votre structure a plus de {most} an{'s' if most > 1 else ''}"))
            elif _said_not(folded, s.text):
                out.append((s, "vous dites ne pas l'être"))
        if not out:
            return None
        return out, [s for s in items if all(s is not x for x, _ in out)]

    def _ways_text(self, fit: Fit, ways, cites: _Citations) -> str:
        """"a priori pas au titre de : ... (vous avez 34 ans). Restent possibles, à vérifier :
        ..." — or a no when every way in is ruled out."""
        doc = fit.doc
        ruled, left = ways
        why = " ; ".join(f"{_lower(s.text.rstrip(' .;'))} ({reason})" for s, reason in ruled)
        chunk = ruled[0][0].chunk
        if not left:
            return f"a priori non, pas au titre de : {why}. [{cites.cite(doc, chunk)}]"
        rest = " ; ".join(_lower(s.text.rstrip(" .;")) for s in left[:6])
        return (f"pas au titre de : {why}. Restent possibles, à vérifier : {rest}. "
                f"[{cites.cite(doc, left[0].chunk)}]")

    def _population_clash(self, fit: Fit, place, question: str = "") -> tuple[int, Sentence] | None:
        """The person's commune is bigger than the communes a scheme is kept to ("communes de
        moins de 5 000 habitants", asked from Yssingeaux, about 7,000). In an organisation's
        page, only for the scheme the question is about (the sentence shares a word of it:
        "artisans"), not for its other aids."""
        if not place or not place.startswith("COM:"):
            return None
        known = gazetteer().places.get(place)
        people = known.population if known else 0
        if not people:
            return None

        def prefixes(text: str) -> set[str]:  # "artisans" and "artisanales" share "artisa"
            return {w[:6] for w in fold(text).split() if len(w) >= 6} - RULE_WORDS

        asked = prefixes(question)
        for s in self._usable(fit, place):
            m = SMALL_COMMUNES.search(fold(s.text))
            if m and people > int(re.sub(r"\D", "", m.group(1))) and (
                    fit.doc.kind == "call" or asked & prefixes(s.text)):
                return people, s
        return None

    @staticmethod
    def _age_fits(fit: Fit, folded: str) -> bool:
        """The age the question gives is within the ages the scheme's title is for ("j'ai 22
        ans", "Moovjee ... pour les 18-30 ans"): what it is for is the person, whatever the
        project's theme."""
        said = AGE_SAID.search(folded)
        if not said:
            return False
        span = AGE_SPAN.search(fold(AGE_DASH.sub(r"de \1 a \2 ans", fit.doc.title)))
        return bool(span) and int(span.group(1)) <= int(said.group(1)) <= int(span.group(2))

    def _sport_clash(self, fit: Fit, folded: str, place) -> Sentence | None:
        """A sports club asking, and the scheme's own sentence that excludes sports
        associations (the FDVA 1: they are funded by the sports agency)."""
        if not SPORTS_CLUB.search(folded):
            return None
        return next((s for s in self._usable(fit, place)
                     if SPORT_EXCLUDED.search(fold(s.text))), None)

    def _approval_clash(self, fit: Fit, folded: str, place) -> Sentence | None:
        """A structure the question says has no approval, and the scheme's own sentence that
        asks for one (the FONJEP's posts: "Être une association agréée jeunesse et éducation
        populaire")."""
        if not NO_APPROVAL.search(folded):
            return None
        return next((s for s in self._usable(fit, place)
                     if APPROVAL_NEEDED.search(fold(s.text))), None)

    @staticmethod
    def _without_approval(doc: Document, approval: Sentence, cites: _Citations) -> str:
        """"pas encore, pas sans agrément." and the scheme's own sentence that asks for one,
        cited: said by the yes/no and by what an organisation asked about is."""
        rule = _capitalise(LABEL.sub("", approval.text.strip()))
        return f"pas encore, pas sans agrément. {rule} [{cites.cite(doc, approval.chunk)}]"

    def _seniority_clash(self, fit: Fit, folded: str, place, today: date
                         ) -> tuple[int, Sentence] | None:
        """A structure the question says is months old ("créée le mois dernier", "montée en
        septembre") against the years of existence the scheme's own sentences require: (years,
        sentence)."""
        span = structure_age_range(folded, today)
        if span is None:
            return None
        months = span[1]  # (the oldest it may be: "créée en 2025" may be 23 months old)
        for s in self._usable(fit, place):
            need = SENIORITY.search(fold(s.text))
            if need:
                years = count(next(g for g in need.groups() if g))
                if months < 12 * years:
                    return years, s
        return None

    def _past_first_years(self, fit: Fit, folded: str, place, today: date
                          ) -> tuple[int, Sentence] | None:
        """An activity the question says is years old ("depuis 2021", "depuis 5 ans") against
        a scheme for its first years ("pendant les trois premières années d'activité"):
        (years, sentence)."""
        since = RUNNING_SINCE.search(folded)
        span = structure_age_range(folded, today)
        if since:
            said = since.group(1) or since.group(2)
            years = today.year - int(said) if said.isdigit() and len(said) == 4 else count(said)
            least = 12 * years if years else None
        else:
            # "on a créé notre SAS en 2023": at least the months since that December
            least, years = (span[0], span[0] // 12) if span else (None, None)
        if not least:
            return None
        for s in self._usable(fit, place):
            if _alternative(s):
                continue  # one way in among others (checked with them)
            limit = FIRST_YEARS.search(fold(s.text))
            if limit:
                most = count(next(g for g in limit.groups() if g))
                if most and least > 12 * most:
                    return max(years, most + 1) if years else most + 1, s
        return None

    def _how_to_apply(self, fit: Fit, place, used: Sentence | None) -> list[Sentence]:
        """The sentence on how to apply: where to file and what to do, not who signs ("Qui :
        le représentant légal")."""
        options = [s for s in self._usable(fit, place)
                   if s.role == "how" and s is not used and not WHO_LABEL.match(s.text)]

        def score(s: Sentence) -> tuple[int, int]:
            text = fold(s.text)
            label = 4 * text.startswith("ou ")  # "Où : la DDETS du siège"
            return (label or 2 * bool(APPLY_WORDS.search(text)) + has_verb(s.text),
                    -s.position)

        return [max(options, key=score)] if options else []

    def _section_asked(self, guide: Fit, place, question: str) -> list[Sentence]:
        """The sentences of the guide's section (not one of its "Étape" headings) whose heading
        names what the sentence asking for steps names beyond the guide's title ("la
        transformation" in the Scic guide: "Transformer une association existante en Scic");
        none when no heading does."""
        sentence = _asking_for_steps(question, STEPS_ASKED, STEPS_WORDS)
        asked = (set(analyse(sentence)) - GENERIC_STEMS) - set(analyse(guide.doc.title))
        if not asked and CONVERTING.search(fold(question)):
            # "notre asso veut passer en SCIC ... c'est quoi les étapes ?": the change the
            # story says is what the steps are asked for
            story = spelled_out(fold(question))
            asked = (set(analyse(story)) - GENERIC_STEMS) - set(analyse(guide.doc.title))
        if not asked:
            return []
        usable = self._usable(guide, place)
        heading = next((s.heading for s in usable if not STEP.match(s.heading)
                        and set(analyse(s.heading)) & asked), None)
        steps = [s for s in usable if s.heading == heading and not EXAMPLE.match(s.text)]
        return steps[:6] if len(steps) >= 2 else []

    def _guide_steps(self, library: Library, cites: _Citations, place, question: str,
                     besides: str) -> str:
        """The steps of the guide whose title names what the sentence asking for steps is
        about ("comment ça se passe pour entrer dans une CAE ?"), when it has at least two; ""
        when none does."""
        sentence = _asking_for_steps(question, STEPS_ASKED)
        asked = set(analyse(spelled_out(sentence))) - GENERIC_STEMS
        best, score = None, (0, 0, 0.0)
        for doc in library.guides_in_steps():
            if doc.id == besides:
                continue
            title = set(analyse(doc.title))
            shared = len(title & asked)
            # the guide about that thing, named in its title's head, not one that lists it
            # among others (the CAE guide, not the guide to choosing a legal form that ends
            # with "ou CAE")
            head = len(set(analyse(doc.title.split(" : ")[0])) & asked)
            if head and (head, shared, shared / len(title)) > score:
                best, score = doc, (head, shared, shared / len(title))
        hit = library.hit(best.id) if best else None
        if hit is None:
            return ""
        steps = self._steps([Fit(hit)], cites, place, question)
        return steps if steps.startswith("Les étapes") else ""

    def _procedure(self, fit: Fit, place) -> list[Sentence]:
        """The document's own list of steps: the items under a heading about joining, applying
        or opening ("Ouvrir une Petite Cantine" : 1. ... 2. ...), in order; none when it has no
        such list of at least two."""
        usable = self._usable(fit, place)
        # its "Étape 1 : ...", "Étape 2 : ..." sections: each step's name and first sentence
        by_step: dict[str, Sentence] = {}
        for s in usable:
            if STEP.match(s.heading) and s.heading not in by_step and not EXAMPLE.match(s.text):
                by_step[s.heading] = s
        if len(by_step) >= 2:
            return [replace(s, text=f"{_capitalise(STEP.sub('', h).strip().rstrip('.'))} : "
                                    f"{_lower(LABEL.sub('', s.text))}")
                    for h, s in list(by_step.items())[:6]]
        items = [s for s in usable if s.item and PROCEDURE_HEADING.search(fold(s.heading))]
        if not items:
            return []
        first = items[0].heading
        steps = [s for s in items if s.heading == first][:6]
        return steps if len(steps) >= 2 else []

    def _benefits(self, fit: Fit, cites: _Citations, place) -> str:
        """What the scheme brings, from its section on that ("À quoi sert l'agrément"), its list
        items first: for "qu'est-ce que ça nous apporterait ?"."""
        said = [s for s in self._usable(fit, place)
                if BENEFIT_HEADING.search(fold(s.heading))]
        said = [s for s in said if s.item] or said
        if not said:
            return ""
        doc = fit.doc
        return "Ce que cela apporte : " + " ".join(
            f"{s.text} [{cites.cite(doc, s.chunk)}]" for s in said[:3])

    def _status(self, fit: Fit, cites: _Citations) -> str:
        """Whether the scheme still runs, in the document's own words (its summary), for a
        question that asks it ("est-ce que l'État finance encore...")."""
        doc = fit.doc
        name = title_head(doc.title, (" : ", " — ", " – "))
        if fit.focus:
            # a scheme inside its organisation's page ("la prime Capital Scop" in the union's):
            # its own sentences say whether it runs ("a supprimé en juillet 2023...")
            # (a past date is the answer here, not history left out)
            said = [x for x in sentences(doc, fit.hit.chunks) if STATUS.search(x.text)
                    and f" {fit.focus} " in f" {fold(x.text)} "]
            if said:
                return (f"**{_capitalise(Library.written(doc, fit.focus))}** : " + " ".join(
                    f"{_capitalise(readable(x))} [{cites.cite(doc, x.chunk)}]"
                    for x in said[:2]))
        gone = ended(doc)
        if gone:
            # it takes nobody new: that is the answer, whatever the person's situation
            return (f"**{name}** : non, plus pour une nouvelle demande. {ended_text(gone)} "
                    f"[{cites.cite(doc, self._card_passage(fit))}]")
        said = [x.strip() for x in re.split(r"(?<=[.;])\s+", doc.summary) if x.strip()]
        found = [x for x in said if STATUS.search(x)]
        if not found:
            # a call that comes back: that it does, and when the next edition is expected
            line = status_line(doc, cites.today)
            if (doc.kind == "call" and doc.recurrence not in ("annual", "recurring") and line
                    and doc.status(cites.today) == "closed"):
                # closed, and no sign it comes back: no, not now
                holder = self._role_passage(fit, "when") or self._card_passage(fit)
                return (f"**{name}** : non, pas en ce moment. {line} Mes sources n'annoncent "
                        f"pas de nouvelle édition. [{cites.cite(doc, holder)}]")
            if doc.kind != "call" or doc.recurrence not in ("annual", "recurring") or not line:
                return ""
            again = ("un appel qui revient chaque année" if doc.recurrence == "annual"
                     else "un appel qui revient plusieurs fois par an")
            holder = self._role_passage(fit, "when") or self._card_passage(fit)
            return f"**{name}** : {again}. {line} [{cites.cite(doc, holder)}]"
        text = " ".join(_capitalise(x.rstrip(";").rstrip()) + "." for x in found[:2])
        text = text.replace("..", ".")
        return f"**{name}** : {text} [{cites.cite(doc, self._card_passage(fit))}]"

    def _verdict_sentence(
        self, fit: Fit, profile: Profile, cites: _Citations, place=None, question: str = ""
    ) -> tuple[str, Sentence | None]:
        """Yes or no on the conditions only (who may apply, stage, place, zone, dates), with the
        document's own sentence on who it is for; the sentence used is returned so that it is
        not said twice."""
        doc = fit.doc
        who = self._pick(fit, ("who",), 1, profile, place)
        sentence = who[0] if who else None
        if not (fit.failed or fit.unknown or fit.met or sentence):
            return "", None  # nothing to say: no citation number taken
        if sentence is None and not (fit.failed or fit.unknown):
            # no sentence on who it is for, but a section of conditions ("Étape 2 : remplir
            # les conditions"): yes if they are met, the first ones said
            conditions = [s for s in self._usable(fit, place)
                          if "condition" in fold(s.heading)]
            if conditions:
                return "Oui, si vous remplissez ses conditions, notamment : " + " ".join(
                    f"{_capitalise(LABEL.sub('', s.text))} [{cites.cite(doc, s.chunk)}]"
                    for s in conditions[:2]), None
        anchor = cites.cite(doc, sentence.chunk if sentence else self._who_passage(fit))
        quoted = f" {_capitalise(WHO_LABEL.sub('', readable(sentence)))}" if sentence else ""
        if not (fit.failed or fit.unknown or fit.met):
            # nothing is known of the person ("c'est quoi TAg35 ?"): who it is for, no verdict
            return f"Pour qui : {readable(sentence)} [{anchor}]", sentence
        if fit.failed and all(x.startswith(STAGE_FAILED) for x in fit.failed) and not (
                profile.stage == "idee" and JUST_AN_IDEA.search(fold(question))):
            # the stage read from a story is a guess ("2 ans d'activité" for a CAE that takes
            # going concerns too): a condition to check, not a no; "pour l'instant c'est une
            # idée" is said, not guessed
            fit = replace(fit, unknown=[*fit.unknown, *fit.failed], failed=[])
        if fit.failed:
            return (
                f"A priori, ce n'est pas pour vous : {_french_list(fit.failed)}.{quoted} "
                f"[{anchor}]",
                sentence,
            )
        also = self._also_check(fit, place, sentence, cites, profile, question)
        if fit.unknown:
            return (
                f"Oui, si votre projet remplit ces conditions : {_french_list(fit.unknown)}."
                f"{quoted} [{anchor}]{also}",
                sentence,
            )
        text = readable(sentence) if sentence else ""
        # "ou c'est que pour Dijon ?": where it applies, said with the yes
        covered = _covered(doc, place) if TERRITORY_ASKED.search(fold(question)) else ""
        if sentence and profile.employer and EMPLOYS_STAFF.search(fold(text)):
            # "qui emploient au moins un salarié", asked by "notre asso de 3 salariés": met
            return f"{PLAIN_YES}{covered}{quoted} [{anchor}]{also}", sentence
        if sentence and REQUIREMENT.search(text) and _said_not(question, text):
            # "je ne serai pas inscrite à France Travail", the condition is to be registered
            return (f"A priori non : la condition est la suivante, et vous dites ne pas la "
                    f"remplir :{quoted.rstrip('.')}. [{anchor}]", sentence)
        if sentence and question and _for_a_public(text) and not _public_said(question, text):
            # "les fondateurs issus des quartiers prioritaires, boursiers ou bénéficiaires des
            # minima sociaux": for a public the question does not say the person is in
            return (f"Oui, si vous êtes dans ce cas :{quoted.rstrip('.')}. [{anchor}]{also}",
                    sentence)
        if sentence and REQUIREMENT.search(text) and "sans condition" not in text.lower():
            return (
                f"Oui, si vous remplissez cette condition :{quoted.rstrip('.')}. [{anchor}]"
                f"{also}",
                sentence,
            )
        if sentence:
            return f"{PLAIN_YES}{covered}{quoted} [{anchor}]{also}", sentence
        # no sentence on who it is for: what of the person it matches, said plainly
        return (
            f"Oui, a priori : la fiche correspond à votre situation ({_french_list(fit.met)}) "
            f"et ne pose pas de condition qui vous exclue.{covered} [{anchor}]{also}",
            None,
        )

    def _also_check(self, fit: Fit, place, quoted: Sentence | None, cites: _Citations,
                    profile: Profile | None = None, question: str = "") -> str:
        """" À vérifier aussi : ..." — the scheme's other conditions (a sentence on who may
        apply or under its conditions that sets a requirement: years of existence, jobs
        created, a form), beside the one the yes quotes: a yes on one sentence never hides
        the rule of another."""
        doc = fit.doc
        # a rule for another public than a business of one's own ("une association ou une
        # coopérative doit vérifier...") is not the person's to check
        others = (AUDIENCE_WORDS["association"] | AUDIENCE_WORDS["cooperative"]) if profile and (
            profile.own_business or profile.audience == "entreprise") else set()
        said = [s for s in self._usable(fit, place)
                if (quoted is None or s.text != quoted.text)
                and not others & set(fold(s.text).split())
                and (s.role == "who" or any(w in fold(s.heading) for w in CONDITION_HEADINGS))
                and not NOT_EXCLUDED.search(fold(s.text))]
        rules = [s for s in said if not _alternative(s)]
        # what it excludes in the question's own words first ("les visites à domicile" asked
        # by who "rend visite chaque semaine"), then a rule that sets a limit or excludes,
        # then one that says what must be
        asked = _content_stems(question)
        rule = (next((s for s in said if _excluded_words(fold(s.text)) & asked), None)
                or next((s for s in rules if HARD_CONDITION.search(fold(s.text))), None)
                or next((s for s in rules if REQUIREMENT.search(s.text)), None))
        if rule is None:
            return ""
        text = _capitalise(WHO_LABEL.sub("", LABEL.sub("", readable(rule))))
        return f" À vérifier aussi : {text} [{cites.cite(doc, rule.chunk)}]"

    def _steps(self, fits: list[Fit], cites: _Citations, place, question: str) -> str:
        """A guide's steps in order: the first sentence under each "Étape" heading, or its
        how-to sentences."""
        # the guide the choice of pistes found asked about (it knew the form to create)
        guide = (next((f for f in fits if "asked" in f.links and f.doc.kind == "guide"), None)
                 or self._steps_guide(fits, question))
        if not _about(guide.doc.title, question):
            # "comment on monte ce projet ?" (a pension de famille): the steps of a guide on
            # answering calls for projects answer nothing; the pistes to start with do
            return self._start_with(fits, None, cites)
        section = self._section_asked(guide, place, question)
        if section:
            # "comment on fait la transformation ?": the guide's section on transforming, in
            # its own order, rather than its steps for creating
            doc = guide.doc
            return (f"Les étapes, d'après « {doc.title} » ({section[0].heading}) :\n"
                    + "\n".join(f"{i}. {_capitalise(s.text)} [{cites.cite(doc, s.chunk)}]"
                                 for i, s in enumerate(section, start=1)))
        # an example is no step ("Exemple : la Collectivité de Guyane a lancé un appel...")
        usable = [s for s in self._usable(guide, place)
                  if not EXAMPLE.match(s.text) and not s.item]
        by_step: dict[str, Sentence] = {}
        for s in usable:
            if STEP.match(s.heading) and s.heading not in by_step and not (
                    WHO_LABEL.match(s.text) and any(  # "Qui : le représentant légal" is no step
                        x.heading == s.heading and not WHO_LABEL.match(x.text) for x in usable)):
                by_step[s.heading] = s
        doc = guide.doc
        if len(by_step) >= 2:
            # "quels documents il faut ?": each step also says what its file holds
            papers = {}
            if DOCS_ASKED.search(fold(question)):
                found = [x for x in self._usable(guide, place)
                         if x.heading in by_step and x.text != by_step[x.heading].text
                         and DOCS_SAID.search(fold(x.text))]
                # what the file holds before where to find its form
                for x in sorted(found, key=lambda x: "dossier type" in fold(x.text)):
                    papers.setdefault(x.heading, x)
            items = [
                f"{i}. {_capitalise(STEP.sub('', h).strip().rstrip('.'))} : "
                f"{LABEL.sub('', s.text)} "
                f"[{cites.cite(doc, s.chunk)}]"
                + (f" {_capitalise(papers[h].text)} [{cites.cite(doc, papers[h].chunk)}]"
                   if h in papers else "")
                for i, (h, s) in enumerate(by_step.items(), start=1)
            ]
        else:
            # how-to sentences, not who may apply ("## Qui peut candidater" is read as how)
            steps = [s for s in usable if s.role == "how" and not WHO_LABEL.match(s.text)
                     and not fold(s.heading).startswith("qui ")][:4]
            if len(steps) < 2:
                # one sentence is no list of steps: whom to start with, and how to apply there
                first = next((f for f in fits if f.doc.kind != "guide"), fits[0])
                named = f" ({_short_name(first.doc)})" if first is not fits[0] else ""
                how = [x for x in self._how_to_apply(first, place, None)
                       if not WHO_LABEL.match(x.text) and not fold(x.heading).startswith("qui ")]
                return self._start_with(fits, None, cites) + "".join(
                    f" Comment faire{named} : {LABEL.sub('', readable(x))} "
                    f"[{cites.cite(first.doc, x.chunk)}]" for x in how[:1])
            items = [
                f"{i}. {s.text} [{cites.cite(doc, s.chunk)}]" for i, s in enumerate(steps, start=1)
            ]
        return f"Les étapes, d'après « {doc.title} » :\n" + "\n".join(items[:6])

    def _start_with(self, fits: list[Fit], profile: Profile | None, cites: _Citations) -> str:
        """The first two pistes, as an adviser says them: what the question names first, then
        the bodies that take requests. An organisation the question names that does not fit
        ("l'incubateur Le T", asked from Besançon) is said to be no piste, first."""
        refused = [f for f in fits if f.named and f.failed]
        if refused:
            f = refused[0]
            head = (f"**{_short_name(f.doc)}** : a priori pas pour vous, "
                    f"{_french_list(f.failed)}. [{cites.cite(f.doc, self._card_passage(f))}]")
            rest = [x for x in fits if x not in refused]
            return head + (" " + self._start_with(rest, profile, cites) if rest else "")
        # money for a cooperative created or taken over: its regional union first, the
        # adviser's first call (the movement's own finance comes through it)
        coop = profile is not None and "cooperative" in (profile.audience, profile.planned) and (
            bool(set(profile.needs) & {"financement", "pret", "garantie", "investissement"})
        ) and profile.stage != "idee"  # (a Scic "à terme" of a farmer settling is not yet)
        ordered = sorted(
            fits,
            key=lambda f: (f.next_edition and not f.named,
                           not (f.named or "concept" in f.links),
                           not (coop and f.doc.network == "urscop"), not takes_requests(f.doc)),
        )
        firsts: list[Fit] = []
        for f in ordered:
            name = fold(f.doc.organisation or f.doc.title)
            if all(fold(x.doc.organisation or x.doc.title) != name for x in firsts):
                firsts.append(f)
            if len(firsts) == 2:
                break
        parts = []
        for f in firsts:
            why = self._why_short(f)
            label = _short_name(f.doc)
            if f.doc.kind == "guide":
                label = f"le guide « {f.doc.title} »"
            why = "" if f.doc.kind == "guide" else why
            if f.next_edition:
                why = "clôturé pour l'instant, il revient chaque année" if (
                    f.doc.recurrence == "annual") else "clôturé pour l'instant, il revient"
            elif f.doc.kind == "call" and f.doc.status(cites.today) == "closed":
                why = "clôturé"  # named in the question: said, never offered as open
            parts.append(label + (f" ({why})" if why else "")
                         + f" [{cites.cite(f.doc, self._card_passage(f))}]")
        if len(parts) == 1:
            return f"À votre place, je commencerais par {parts[0]}."
        more = " Les autres pistes suivent." if len(fits) > 2 else ""
        return f"À votre place, je commencerais par {parts[0]}, puis {parts[1]}.{more}"

    @staticmethod
    def _why_short(fit: Fit) -> str:
        needs = [x.split(":", 1)[1] for x in fit.links if x.startswith("need:")]
        if needs:
            return _french_list([vocab.NEEDS[n] for n in needs[:2]])
        themes = [x.split(":", 1)[1] for x in fit.links if x.startswith("theme:")]
        return _french_list([vocab.THEMES[t] for t in themes[:2]])


#: what the person says they are not or do not have: "je ne serai pas inscrite à France
#: Travail", "on n'est pas agréés", "je n'ai pas de local"
SAID_NOT = re.compile(
    r"\b(?:ne|n) (?:suis|serai|sommes|serons|est|sera|ai|aurai|avons|aurons|a|aura) pas "
    r"(?:encore )?(?:d |de |un |une )?(\w{4,})((?: (?:a|au|aux|de|d|du|en|chez) \w+(?: \w+)?)?)")


#: words after which "encore" says not yet ("pas encore d'asso", "on n'a rien commandé
#: encore"), not still
NOT_YET = frozenset({"pas", "rien", "jamais", "ni", "n", "aucun", "aucune"})


def _still(folded: str) -> bool:
    """The question asks whether a scheme still runs or is open ("c'est encore possible ?",
    "c'est toujours ouvert ?"), not "pas encore"."""
    for m in STILL.finditer(folded):
        before = folded[: m.start()].split()[-3:]
        if m.group(0) != "encore" or not NOT_YET & set(before):
            return True
    return False


#: the names of a legal form in a scheme's sentences, by the audience read from the question
FORM_NAMES = {
    "cooperative": ("scic", "scop", "cooperatives?", "societes? cooperatives?"),
    "association": ("associations?",),
}
#: a sentence that excludes some legal forms: "n'investit pas dans des Scic, des coopératives ou
#: des associations", "sont exclues les associations", "hors associations"
FORM_EXCLUDED = re.compile(
    r"(?:^|\b(?<!\bqui ))(?:n (?!a |ont )\w+ pas |ne \w+ pas |sont exclue?s? |exclut "
    r"|a l exception |hors |^(?:sont )?exclue?s? )"
    r"(?:dans |aux |a )?(?:les |des |d |de |du )?((?:\w+ ?){1,8})")
#: words that narrow a form to some of its kind ("les associations cultuelles ou politiques")
FORM_QUALIFIED = re.compile(r"^\w+ (?:cultuelles?|politiques?|syndicales?|d entreprise"
                            r"|de financement|para ?administratives?|a caractere|sportives?"
                            r"|de chasse|etudiantes?|professionnelles?|agreees?|reconnues?"
                            r"|d anciens|de parents d eleves)\b")
#: "immatriculé depuis un à trois ans": the most years of a span
YEARS_SPAN = re.compile(r"\bdepuis (?:" + NUMBER + r") a " + NUMBER + r" ans\b")


def _most_years(folded: str) -> int | None:
    """The most years of existence a (folded) sentence allows: "depuis moins d'un an", "pendant
    les trois premières années", "depuis un à trois ans"."""
    m = FIRST_YEARS.search(folded) or YEARS_SPAN.search(folded)
    if not m:
        return None
    return count([g for g in m.groups() if g][-1])


def _for_a_public(text: str) -> bool:
    """The sentence on who it is for opens on a public of people ("Les fondateurs issus des
    quartiers prioritaires...", "Jeunes de 18 à 25 ans..."), not as a priority ("notamment",
    "en priorité") nor as whom the projects serve ("une action pour les enfants, les jeunes")."""
    folded = fold(WHO_LABEL.sub("", text))
    m = SPECIFIC_PUBLIC.search(folded)
    return bool(m) and m.start() <= 40 and not re.search(
        r"\b(?:notamment|en priorite|priorite|pour les|aupres des|aupres de)\b",
        folded[: m.end() + 20])


def _public_said(question: str, text: str) -> bool:
    """The question says the person is of a public the sentence names ("je suis au RSA" and
    "les bénéficiaires du RSA", "jeune diplômée" and "les jeunes")."""
    asked = set(re.findall(r"\w+", fold(question)))
    stems = {w[:5] for w in asked if len(w) >= 3}
    for m in SPECIFIC_PUBLIC.finditer(fold(text)):
        tail = re.findall(r"\w+", fold(text)[m.end():])[:2]
        words = [w for w in re.findall(r"\w+", m.group(0)) + tail
                 if len(w) >= 3 and w not in ("des", "les", "du", "de", "personnes")]
        if any(w[:5] in stems for w in words):
            return True
    return False


def _alternative(s: Sentence) -> bool:
    """An item of a list of the people a scheme is for (any one is enough), not of a list of
    conditions (all are needed)."""
    return s.item and "condition" not in fold(s.heading)


def _age_outside(age: int, text: str) -> bool:
    """The ages a sentence sets ("au moins 26 ans", "moins de 30 ans", "de 18 à 25 ans",
    "les 18-30 ans") leave ``age`` out."""
    text = fold(AGE_DASH.sub(r"de \1 a \2 ans", text))  # (fold drops the dash)
    low, high, span = AGE_LOW.search(text), AGE_HIGH.search(text), AGE_SPAN.search(text)
    if low and age < int(low.group(1) or low.group(2)):
        return True
    if high and not low and age >= int(high.group(1)):
        return True
    return bool(span) and not (int(span.group(1)) <= age <= int(span.group(2)))


def _excluded_words(folded: str) -> set[str]:
    """The content stems of what a rule excludes: the words after "hors", "sauf", "exclus"...
    and the ten before "sont exclus" ("courses solidaires, tombolas et autres événements
    ponctuels sont exclus")."""
    out: set[str] = set()
    for m in EXCLUDING.finditer(folded):
        out |= _content_stems(m.group(1))
    for m in re.finditer(r"\b(?:sont|est) exclue?s?\b", folded):
        out |= _content_stems(" ".join(folded[: m.start()].split()[-10:]))
    return out


def _content_stems(text: str) -> set[str]:
    """The first five letters of a text's rarer words (five letters or more, not everyday
    ones): what a project is, not how a question is put."""
    from ..language.french import frequencies

    freq = frequencies()
    return {w[:5] for w in fold(text).split() if len(w) >= 5 and freq.get(w, 0) < 20_000}


@lru_cache(maxsize=256)
def _places_said(question: str) -> tuple[tuple[str, ...], ...]:
    """The readings of each place a question names (read once per question, not once per
    piste)."""
    from ..language.places import find_mentions

    return tuple(m.codes for m in find_mentions(question)[0])


def _overseas(place: str) -> bool:
    """The place is overseas: a department 97x, its region (REG:01 to REG:06), a commune or
    an intercommunality in one."""
    g = gazetteer()
    codes = [place, *g.ancestors(place)]
    return any(c.startswith("DEP:97") or c in ("REG:01", "REG:02", "REG:03", "REG:04", "REG:06")
               for c in codes)


def _lower(text: str) -> str:
    """A sentence inside another: its first letter lower case (not an acronym's)."""
    first = text.split(" ", 1)[0]
    return text if len(first) > 1 and first.isupper() else text[:1].lower() + text[1:]


def _said_not(question: str, condition: str) -> bool:
    """The person says they are not (or have not) what the condition asks: its main word and
    what follows it ("inscrite à France Travail" against "Être inscrit à France Travail")."""
    said = fold(condition)
    words = set(re.findall(r"\w+", said))
    for m in SAID_NOT.finditer(fold(question)):
        word = m.group(1)[:6]
        tail = [w for w in m.group(2).split() if len(w) >= 4]
        found = re.search(rf"\b{word}\w*", said)
        if found and all(w in words for w in tail) and not _or_else(said, found) and not (
                # "des volontaires sans agrément propre": what the person lacks is the case
                set(said[: found.start()].split()[-2:]) & {"sans", "pas", "non", "ni"}):
            return True
    return False


def _or_else(said: str, found: re.Match) -> bool:
    """The word is one of alternatives in the condition ("les personnes ou structures qui
    portent un projet", "une structure ou un collectif"): who is not the one may be the other
    ("on n'a pas encore de structure")."""
    before = said[: found.start()].split()[-3:]
    after = said[found.end():].split()[:1]
    return "ou" in before or after == ["ou"]


def _too_big(doc: Document, place: str, people: int, rule: Sentence, cites: _Citations) -> str:
    """"a priori non, Yssingeaux (43) compte environ 7 415 habitants." and the scheme's own
    rule on communes' size, cited."""
    count = f"{people:,}".replace(",", "\u202f")
    return (f"a priori non, {place_label(place)} compte environ {count} habitants. "
            f"{_capitalise(LABEL.sub('', rule.text.strip()))} [{cites.cite(doc, rule.chunk)}]")


def _covered(doc, place) -> str:
    """" Territoire couvert : Bourgogne, dont Chalon-sur-Saône (71)." after a yes on a local
    scheme ("ça peut m'accueillir ou c'est que pour Dijon ?"); nothing for a national one."""
    if not place or "FR" in doc.territories or not doc.territories:
        return ""
    labels = ", ".join(place_label(t) for t in doc.territories[:4])
    if len(doc.territories) > 4:
        labels += "…"
    if place in doc.territories:
        return f" Territoire couvert : {labels}."
    return f" Territoire couvert : {labels}, dont {place_label(place)}."


def _asking_for_steps(question: str, *asks: re.Pattern) -> str:
    """The first sentence that asks (folded) in which one of ``asks`` is found; "" if none."""
    return next((x for x in asking_sentences(question) if any(a.search(x) for a in asks)), "")


def _asks_yes_no(question: str) -> bool:
    """"Le LEADER du Vercors peut nous financer un atelier ? comment ça marche": besides what
    it is, whether it is for them is asked (the verdict stays a verdict)."""
    from .compose import asks_yes_no  # the composer imports this module

    return asks_yes_no(question)


def _short_name(doc: Document) -> str:
    """How an adviser names it: the head of the title (the aid, not the administration that
    pays it; "Alter'Incub Auvergne-Rhône-Alpes", not the union of Scop that runs it), or the
    organisation when the title names it anyway."""
    head = doc.title
    for sep in (" : ", " – ", " — "):
        head = head.split(sep)[0]
    before_comma = head.split(", ")[0]
    if before_comma.count("(") == before_comma.count(")"):
        head = before_comma  # "Ronalpia, incubateur..." -> "Ronalpia"
    if doc.kind == "organisation" and doc.organisation:
        org, said = fold(doc.organisation), fold(head)
        if org in said or said in org:
            return doc.organisation
    return head


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


#: words of every project and every guide: a guide sharing only these with the question is not
#: about what it asks
GENERIC_STEMS = set(analyse(
    "projet structure créer création monter faire comment démarches étapes guide pratique "
    "bien trouver commencer aider solidaire solidaires social sociale sociaux économie "
    "ouvrir lancer"))


def _about(title: str, question: str) -> bool:
    """The guide's title names something the question is about (a SCIC, the FDVA, a
    crèche...), beyond the words every project uses."""
    question = spelled_out(fold(question))  # "pas encore d'asso"
    return bool((set(analyse(title)) & set(analyse(question))) - GENERIC_STEMS)
