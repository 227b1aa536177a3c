"""Does a document fit this person? Checked condition by condition, as an adviser would.

A document is shown only with a reason: it is named in the question, or it does what is asked (the
need) or serves the project's theme, and no known condition excludes it (who may apply, the stage,
a theme it is reserved to, a zone, a one-off call long closed). What is met and what is still to
check is said in the answer. Surface words alone (the retriever's similarity) never make a piste.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..corpus.documents import Document
from ..language import vocab
from ..language.profile import Profile, place_label
from ..language.territory import gazetteer
from ..language.text import fold
from ..language.zones import frr_status
from ..search.retrieve import Hit
from .sentences import _french_list
from .timing import ended

#: who may use a document written for an audience: a cooperative is also a company
COMPATIBLE = {
    "porteur_projet": {"porteur_projet"},
    "association": {"association"},
    "cooperative": {"cooperative", "entreprise_esus"},
    "entreprise_esus": {"entreprise_esus", "entreprise"},
    "entreprise": {"entreprise"},
    "structure_insertion": {"structure_insertion", "association", "entreprise_esus"},
    "collectivite": {"collectivite"},
}
#: the structures a project holder with no chosen form may create to carry the project
CARRIERS = {"association", "cooperative"}
#: a stage also fits documents of the stage next to it (an idea becomes a creation)
#: how a stage that does not match is worded (a guess from a story: read as a condition to
#: check where it matters)
STAGE_FAILED = "pour les projets au stade"
NEAR_STAGES = {
    "idee": {"idee", "creation"},
    "creation": {"creation", "idee"},
    "developpement": {"developpement", "changement_echelle"},
    "changement_echelle": {"changement_echelle", "developpement"},
}
#: needs an adviser answers together: asked one, documents for the others also fit (less)
NEAR_NEEDS = {
    "pret_honneur": ("pret", "garantie"),
    "pret": ("pret_honneur", "garantie"),
    "garantie": ("pret",),
    "information": ("accompagnement",),
    "accompagnement": ("information", "incubation"),
    "incubation": ("accompagnement",),
    "acceleration": ("accompagnement",),
}
GROUPS = {
    **{n: "Financer le projet" for n in vocab.FINANCING_NEEDS},
    **{n: "Se faire accompagner" for n in vocab.SUPPORT_NEEDS},
    "locaux": "Trouver des locaux",
    "information": "Les démarches",
}
GROUP_ORDER = ("Se faire accompagner", "Financer le projet", "Trouver des locaux", "Les démarches")


@dataclass
class Fit:
    hit: Hit
    named: bool = False
    met: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    #: a condition the person does not meet (who may apply, stage, place, zone, a closed call):
    #: the document is not for them
    failed: list[str] = field(default_factory=list)
    #: what makes it beside the question (another theme, it does not offer what is asked): not
    #: a condition, so a yes/no verdict never rests on it
    off: list[str] = field(default_factory=list)
    #: what links it to the question: "need:garantie", "theme:mobilite", "named"
    links: list[str] = field(default_factory=list)
    group: str = "Se faire accompagner"
    #: a closed call that comes back: shown with its next expected edition
    next_edition: bool = False
    #: where a national scheme is applied for (``applied_through``): the network's service for
    #: the person's place, or the guide that says how to find it
    through: Hit | None = None
    #: the scheme the question names inside this document ("le prix Ouvre-Boîte" in the
    #: Clermont metropolis's page, folded): its paragraphs are what the answer says of it
    focus: str = ""
    #: the other documents of the same name shown in this card ("Fondation RTE : mécénat..."
    #: and its call "Fondation RTE : demande de soutien..."): one card per name
    twins: list[Fit] = field(default_factory=list)

    @property
    def doc(self) -> Document:
        return self.hit.doc

    @property
    def fits(self) -> bool:
        return self.named or (not self.failed and not self.off and bool(self.links))


def assess(
    hit: Hit, profile: Profile, today: date, named: bool = False, concept: bool = False,
    implied: bool = False, subject: str | None = None,
) -> Fit:
    """``named``: the question names it; ``concept``: the question names the kind of help it is
    (its need then matches whatever its labels say); ``implied``: the kind of help follows from
    what the person says without naming it (hiring: the aids to hiring), so its need matches but
    its theme must still be the project's."""
    doc = hit.doc
    fit = Fit(hit, named=named)
    if named:
        fit.links.append("named")
    if concept and not implied:
        fit.links.append("concept")
    elif concept:
        fit.links.append("implied")
    _audience(fit, doc, profile)
    _staff(fit, doc, profile)
    _stage(fit, doc, profile)
    # the kind of help asked for is what it is about, whatever the project's theme
    if subject:
        # the question names what the document is about (a basketball club for the sports
        # agency's grants): its themes are met, whatever words the project was read with
        fit.met.append(subject)
        fit.links.append("subject")
        _place_themes(fit, doc, profile, _themes_of(profile))
    elif implied and profile.hiring and set(doc.themes) <= {"insertion_emploi"}:
        # a contrat aidé for whoever hires (the PEC): employment is what the person does by
        # hiring, whatever the project is about
        fit.met.append("embauche")
        fit.links.append("theme:insertion_emploi")
    else:
        _theme(fit, doc, profile, relevance=not (named or (concept and not implied)))
    if concept:
        _need(fit, doc, Profile())
    else:
        _need(fit, doc, profile)
    _form(fit, doc, profile)
    _place(fit, doc, profile)
    _zones(fit, doc, profile)
    _time(fit, doc, today)
    # a priority neighbourhood met by its theme and by its zone is said once
    fit.met = list(dict.fromkeys(fit.met))
    fit.unknown = list(dict.fromkeys(fit.unknown))
    return fit


#: a document only for people creating a business (prêt d'honneur, microcredit, aids to
#: founders): not for an association or a group of citizens, whose project is no business
FOUNDERS = {"porteur_projet", "entreprise", "entreprise_esus", "cooperative"}
#: what a person asks that only founders' documents offer: then they may be for them
FOUNDER_NEEDS = {"pret_honneur"}


def _for_founders(doc: Document) -> bool:
    """Only for people creating or taking over a business: its audiences are founders and
    companies, and it says so (companies among them, a loan to the founder, a business in its
    title). Guides explain to everyone."""
    if doc.kind == "guide" or not set(doc.audiences) <= FOUNDERS:
        return False
    return (
        "entreprise" in doc.audiences
        or bool({"pret", "pret_honneur"} & set(doc.needs))
        or bool(BUSINESS_TITLE.search(fold(doc.title)))
    )


#: a title that says it is about businesses: "entreprise", "entrepreneurs", "entrepreneuriat"
BUSINESS_TITLE = re.compile(r"entrepri|entrepren")


#: networks of one legal form: for those who have it or create it, whatever else they offer
FORM_NETWORKS = {"urscop": "cooperative"}


def _audience(fit: Fit, doc: Document, p: Profile) -> None:
    form = FORM_NETWORKS.get(doc.network or "")
    if form and not fit.named and form not in (p.audience, p.planned):
        fit.off.append(f"pour les structures : {vocab.AUDIENCES[form]}")
        return
    if not doc.audiences:
        return
    if p.nonprofit and _for_founders(doc) and not fit.named and not FOUNDER_NEEDS & set(p.needs):
        fit.failed.append("réservé aux personnes qui créent ou reprennent une entreprise")
        return
    if p.audience is None:
        if doc.audiences != ["porteur_projet"] and len(doc.audiences) <= 2:
            who = ", ".join(vocab.AUDIENCES[a] for a in doc.audiences)
            fit.unknown.append(f"réservé à : {who}")
        return
    if COMPATIBLE[p.audience] & set(doc.audiences):
        fit.met.append(vocab.AUDIENCES[p.audience])
    elif p.audience == "entreprise" and p.own_business and "porteur_projet" in doc.audiences:
        # a micro-entrepreneur is a person working on their own: what is for project holders
        # (a CAE, a micro-loan) is for them too
        fit.met.append(vocab.AUDIENCES[p.audience])
    elif p.planned and COMPATIBLE[p.planned] & set(doc.audiences):
        fit.met.append("votre future " + vocab.AUDIENCES[p.planned].split(" (")[0])
    elif (
        p.audience == "porteur_projet" and not p.planned and not p.own_business
        and set(doc.audiences) & CARRIERS
    ):
        # a project with no structure yet, whose form is open: it will be carried by an
        # association or a cooperative to apply (an adviser says so; no "not for you")
        who = " ou ".join("une " + vocab.AUDIENCES[a].split(" (")[0] for a in doc.audiences
                          if a in CARRIERS)
        fit.unknown.append(f"projet porté par {who}")
    else:
        who = ", ".join(vocab.AUDIENCES[a] for a in doc.audiences)
        fit.failed.append(f"réservé à : {who}")


def _staff(fit: Fit, doc: Document, p: Profile) -> None:
    """The DLA accompanies structures that employ staff: not a volunteers' association that
    hires nobody (unless it is named)."""
    if doc.network == "dla" and p.staffless and not p.hiring and not fit.named:
        fit.failed.append("pour les structures qui emploient des salariés")
    # Réseau Entreprendre lends to founders of companies that will employ people: not to
    # one's own job alone ("une micro-entreprise de ménage", no hiring said)
    employing = doc.network == "reseau-entreprendre" or "entreprises employeuses" in fold(
        doc.title)
    if employing and p.own_business and not p.hiring and not p.employer:
        # named ("Réseau Entreprendre peut me prêter ?" from one who hires nobody): a no
        (fit.failed if fit.named and p.no_hiring else fit.off).append(
            "pour les entreprises qui créeront des emplois")
    # a CAE hosts one person's own activity: no piste for a group's collective project
    # ("une dizaine d'habitants, des panneaux solaires citoyens façon coopérative")
    if (doc.network == "cae" and not p.own_business and p.audience == "porteur_projet"
            and p.planned == "cooperative" and not fit.named):
        fit.off.append("pour une personne qui crée sa propre activité")
    # the State's employment services approve structures that hire people in insertion: no
    # piste for a person's own micro-enterprise ("au RSA, veut créer une activité en
    # micro-entreprise"; a project holder's friperie where women in insertion would work is one)
    if (doc.network == "ddets" and p.own_business and not p.hiring and not p.employer
            and p.audience == "entreprise" and not fit.named):
        fit.off.append("pour les structures qui emploient des personnes en insertion")
    # an incubator builds an activity that will employ people: beside a volunteers'
    # association that asks for no incubation ("15 bénévoles ... des réseaux ?")
    incubator = doc.network == "incubateur-ess" or (doc.needs[:1] == ["incubation"])
    if (incubator and p.staffless and p.audience == "association" and not p.hiring
            and not fit.named and "incubation" not in p.needs):
        fit.off.append("pour les projets qui créent une activité et des emplois")


def _stage(fit: Fit, doc: Document, p: Profile) -> None:
    if not doc.stages or p.stage is None:
        return
    if NEAR_STAGES[p.stage] & set(doc.stages):
        fit.met.append("stade : " + vocab.STAGES[p.stage])
    elif doc.kind == "guide":
        return  # a guide explains to everyone: an association opening a new activity too
    else:
        stages = ", ".join(vocab.STAGES[s] for s in doc.stages)
        if set(doc.stages) <= {"developpement", "changement_echelle"}:
            # said as an adviser says it: who it is for, not a stage's name alone
            stages += " (des structures déjà en activité)"
        elif set(doc.stages) <= {"idee"}:
            stages += " (des projets qui n'ont pas encore démarré)"
        fit.failed.append(f"{STAGE_FAILED} : {stages}")


def _themes_of(p: Profile) -> set[str]:
    themes = set(p.themes)
    status = frr_status(p.territory)
    if status and status.classed:
        themes.add("ruralite")  # a commune classed FRR is rural
    return themes


#: themes that say where a project is rather than what it does: a document tagged with them is
#: reserved to such places (checked like a zone), whatever the project's theme
PLACE_THEMES = ("quartiers_prioritaires", "ruralite")
#: a theme so broad that a document tagged only with it (and place themes) serves every project
BROAD_THEMES = ("cohesion_sociale",)
#: themes that say whom a project serves rather than what it does
PUBLICS = {"handicap", "vieillissement", "education_jeunesse"}
#: public bodies of a territory that fund its projects whatever their theme
LOCAL_AUTHORITIES = frozenset({"departement", "epci"})


def local_authority(doc: Document) -> bool:
    """A Département's or an intercommunality's own page (not one of its calls)."""
    return doc.network in LOCAL_AUTHORITIES and doc.kind == "organisation"


#: a city this big is no rural place (unless classed FRR)
CITY = 50_000
#: a commune of fewer inhabitants is rural (INSEE's historical threshold)
VILLAGE = 2_000


def _place_themes(fit: Fit, doc: Document, p: Profile, ours: set[str]) -> None:
    g = gazetteer()
    where = p.territory or (p.places[0] if p.places else None)
    place = g.places.get(where) if where else None
    mine = [t for t in PLACE_THEMES if t in doc.themes]
    if not mine:
        return
    met = [t for t in mine if t in ours]
    if met:
        fit.met += [vocab.THEMES[t] for t in met]
        fit.links += [f"theme:{t}" for t in met]
        return
    # priority neighbourhoods among its other themes are a priority (the State's services, a
    # foundation's focus, the PH Solidaire), no condition; a document for them has them first
    # or says so in its zones
    mine = [t for t in mine if t != "quartiers_prioritaires" or "qpv" in doc.zones
            or doc.themes[0] == t]
    if not mine:
        return
    # a document for rural places or priority neighbourhoods is for either: it is closed to
    # this place only when every kind of place it serves is ruled out
    if local_authority(doc):
        return  # a Département's rural priorities are priorities, not a reservation
    ruled_out = []
    for theme in mine:
        if theme == "ruralite" and place and place.level == "COM" and place.population >= CITY:
            ruled_out.append("réservé aux territoires ruraux")
        elif theme == "quartiers_prioritaires" and place and place.level == "COM" and (
            place.population < 5_000
        ):
            ruled_out.append("réservé aux quartiers prioritaires")
    if len(ruled_out) == len(mine):
        fit.failed += ruled_out
        return
    if mine == ["quartiers_prioritaires"] and "qpv" in doc.zones:
        return  # its zone says it: "adresse en quartier prioritaire" (not said twice)
    if "ruralite" in mine and place and place.level == "COM" and (
            place.population < VILLAGE
            or all(t.startswith(("EPCI:", "COM:")) for t in doc.territories)):
        # a village, or a commune of the rural intercommunalities the document is for (the
        # LEADER area of the Vercors, asked from Villard-de-Lans): rural, no condition left
        fit.met.append(vocab.THEMES["ruralite"])
        fit.links.append("theme:ruralite")
        return
    fit.unknown.append(" ou ".join(
        "projet en quartier prioritaire" if t == "quartiers_prioritaires"
        else "projet en territoire rural" for t in mine
    ))


def _theme(fit: Fit, doc: Document, p: Profile, relevance: bool = True) -> None:
    if not doc.themes:
        return
    ours = _themes_of(p)
    _place_themes(fit, doc, p, ours)
    themes = [t for t in doc.themes if t not in PLACE_THEMES]
    if not themes or set(themes) <= set(BROAD_THEMES):
        return  # reserved to a kind of place (checked above), open to every project there
    if "qpv" in doc.zones and "theme:quartiers_prioritaires" in fit.links:
        # made for priority neighbourhoods (a contrat de ville) and the project is in one: its
        # other themes are examples, not a reservation (a health project in a QPV). Rural
        # documents are not read so: "rural" says less about what they fund
        return
    shared = set(themes) & ours
    if local_authority(doc) and relevance and not shared:
        # a Département or an intercommunality funds the associations and projects of its
        # territory; its listed themes are its priorities, to check, not a reservation (its
        # calls, a seniors' prevention fund, are reserved to their theme)
        fit.unknown.append("priorités de la collectivité : "
                           + ", ".join(vocab.THEMES[t] for t in themes[:3]))
        return
    if not relevance:
        # the kind of help asked for ("le crowdfunding") is what the question is about; a
        # document of that kind for other projects only (housing, farming) is still beside it
        topical = {t for t in ours if t not in PLACE_THEMES and t not in BROAD_THEMES}
        reserved = [t for t in themes if t not in PUBLICS and t not in BROAD_THEMES]
        # a kind of help for a kind of place ("les crédits politique de la ville"), met by the
        # project's place: the agency's other themes are its other programmes
        placed = any(link.removeprefix("theme:") in PLACE_THEMES for link in fit.links)
        if topical and reserved and not shared and not fit.named and not placed:
            names = ", ".join(vocab.THEMES[t] for t in themes[:3])
            fit.off.append(f"consacré à : {names}")
        return
    if (
        "insertion_emploi" in themes
        and "insertion_emploi" not in ours
        and shared <= PUBLICS
        and (not p.hiring or shared)
    ):
        # employment is what such a document does (aids to employ disabled people, to find a
        # job): beside a project that is not about work and hires nobody; and beside one that
        # hires when the only link is the public it serves (an educator for disabled teenagers
        # is no disabled employee; hiring disabled people is read as an employment theme)
        fit.off.append("consacré à : " + vocab.THEMES["insertion_emploi"])
        return
    # what the document is mainly about must be the project's: disability aids are not for
    # every employer that hires (their first theme is disability); a department's or a
    # smaller area's document of three themes or more lists its priorities, any of which (what
    # the project does, not whom it serves) is enough (the Drôme's local ESS call, food among
    # five, for a solidarity canteen; national foundations stay specialists)
    local = all(t.startswith(("DEP:", "EPCI:", "COM:")) for t in doc.territories)
    if shared and (themes[0] in ours or len(shared) * 2 > len(themes)
                   or (local and len(themes) >= 3 and shared - PUBLICS - set(BROAD_THEMES))):
        fit.met += [vocab.THEMES[t] for t in themes if t in shared]
        fit.links += [f"theme:{t}" for t in themes if t in shared]
    else:
        names = ", ".join(vocab.THEMES[t] for t in themes[:3])
        fit.off.append(f"consacré à : {names}")


def _need(fit: Fit, doc: Document, p: Profile) -> None:
    wanted = p.need_keys()
    if doc.needs:
        asked = [n for n in p.needs if n in doc.needs or (n == "financement"
                 and set(doc.needs) & set(vocab.FINANCING_NEEDS))]
        first = asked[0] if asked else doc.needs[0]
        if first == "financement":
            first = next(n for n in doc.needs if n in vocab.FINANCING_NEEDS)
        fit.group = GROUPS.get(first, fit.group)
    if doc.kind == "guide":
        fit.group = "Les démarches"
    if not wanted or not doc.needs:
        return
    shared = wanted & set(doc.needs)
    near = {m for n in wanted for m in NEAR_NEEDS.get(n, ())} & set(doc.needs)
    if shared:
        fit.met += [vocab.NEEDS[n] for n in doc.needs if n in shared][:2]
        fit.links += [f"need:{n}" for n in sorted(shared)]
        # and what it offers beside another kind of help asked ("m'accompagner et me prêter":
        # a prêt d'honneur)
        beside = {m for n in wanted - shared for m in NEAR_NEEDS.get(n, ())} & set(doc.needs)
        fit.links += [f"near:{n}" for n in sorted(beside - shared)][:1]
    elif near:
        # what an adviser offers beside what was asked: a loan beside a prêt d'honneur,
        # support beside information
        fit.met += [vocab.NEEDS[n] for n in doc.needs if n in near][:1]
        fit.links.append("near:" + sorted(near)[0])
    elif "subject" in fit.links and doc.kind == "organisation" and "accompagnement" in doc.needs:
        # the network of the very thing the project is (the ressourceries' network for a
        # recyclerie): it accompanies on whatever is asked (premises, money)
        fit.met.append(vocab.NEEDS["accompagnement"])
        fit.links.append("near:accompagnement")
    elif not fit.named:
        asked = ", ".join(vocab.NEEDS[n] for n in p.needs if n in vocab.NEEDS) or "ce besoin"
        fit.off.append(f"ne propose pas : {asked}")


#: legal forms a guide may be about creating, and the words of its title that say which
FORM_WORDS = {
    "association": ("association",),
    "cooperative": ("scop", "scic", "cooperative"),
}
CREATING = ("creer", "creation", "monter", "constituer", "statuts")


def _form(fit: Fit, doc: Document, p: Profile) -> None:
    """A guide to creating one legal form is beside a project that creates another one, or
    whose structure of that form already exists."""
    if doc.kind != "guide" or fit.named:
        return
    title = f" {fold(doc.title)} "
    if not any(f" {w} " in title for w in CREATING):
        return
    forms = [f for f, words in FORM_WORDS.items() if any(f" {w} " in title for w in words)]
    if len(forms) != 1:
        return
    form = forms[0]
    other = p.planned in FORM_WORDS and p.planned != form
    # "notre asso" with no stage said: it exists (one being created says "on crée")
    exists = p.audience == form and p.stage not in ("idee", "creation")
    if other or exists:
        fit.off.append(f"pour créer : {vocab.AUDIENCES[form].split(' (')[0]}")


def _place(fit: Fit, doc: Document, p: Profile) -> None:
    if p.territory and "FR" not in doc.territories:
        g = gazetteer()
        if doc.territories and not g.applies(
            doc.territories, p.territory, doc.excluded_territories
        ):
            # a branch named for another place ("France Active Loire", asked from Lyon)
            theirs = _french_list([place_label(t) for t in doc.territories[:4] if t in g.places])
            if len(doc.territories) > 4:
                theirs += " et d'autres"
            outside = [place_label(t) for t in doc.excluded_territories if t in g.places]
            if outside:
                # "Rhône (69), pas Villeurbanne (69)" reads as a mistake: say what is left out
                theirs += " hors " + _french_list(outside)
            fit.failed.append(f"son territoire est {theirs}, pas {place_label(p.territory)}")
            return
        fit.met.append(place_label(p.territory))
    elif p.places and "FR" not in doc.territories:
        g = gazetteer()
        where = [
            place_label(c) for c in p.places
            if g.applies(doc.territories, c, doc.excluded_territories)
        ]
        if not where:
            return  # none of the sites (a document added beside the retrieval): said elsewhere
        if g.applies(doc.territories, p.places[0], doc.excluded_territories):
            fit.met.append(" et ".join(where))
        else:
            # the first place said is where the structure is ("une asso à Felletin (Creuse),
            # des chantiers dans le Puy-de-Dôme"): a body of the other place may fund only
            # the structures it hosts, so it is a condition, not a yes
            fit.unknown.append(
                f"que votre activité hors siège compte (la fiche couvre {' et '.join(where)}, "
                f"pas {place_label(p.places[0])})"
            )


def _zones(fit: Fit, doc: Document, p: Profile) -> None:
    for zone in doc.zones:
        if zone == "frr":
            status = frr_status(p.territory)
            if status is None:
                fit.unknown.append("commune classée France Ruralités Revitalisation (FRR)")
            elif status.classed:
                fit.met.append("commune classée FRR")
            elif status.classed is None:
                fit.unknown.append("adresse dans la partie classée FRR de la commune")
            else:
                fit.failed.append("réservé aux communes classées FRR")
        elif vocab.ZONE_THEMES[zone] in p.themes:
            fit.met.append(vocab.THEMES[vocab.ZONE_THEMES[zone]])
        else:
            fit.unknown.append(
                "adresse en quartier prioritaire" if zone == "qpv" else "commune rurale (Insee)"
            )


def _time(fit: Fit, doc: Document, today: date) -> None:
    if ended(doc) and not fit.named:
        # a scheme that takes nobody new (suspended, not renewed): no piste; named, the answer
        # says so
        fit.failed.append("ne prend plus de nouvelles demandes")
        return
    if doc.kind != "call" or doc.status(today) != "closed":
        return
    if doc.recurrence in ("annual", "recurring"):
        fit.next_edition = True
    else:
        fit.failed.append("appel unique clôturé")
