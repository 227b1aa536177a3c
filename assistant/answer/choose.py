"""What fits: the pistes an adviser would offer, in the order they would offer them.

Every retrieved document is checked against the person (:mod:`.fit`); the documents the question
names, the networks an adviser names for the need (in their branch for the place) and the concepts
the question asks about are added beside the retrieval; a network's head office gives way to its
branch for the place.
"""

from __future__ import annotations

import re

from ..corpus.documents import Document
from ..language import vocab
from ..language.profile import Profile
from ..language.text import fold
from ..language.understand import speaker_clause
from ..search.lexical import analyse
from ..search.retrieve import Hit
from .fit import CREATING, FORM_WORDS, PLACE_THEMES, STAGE_FAILED, Fit, assess, local_authority
from .library import (
    AUTHORITY_WORDS,
    Library,
    asking_sentence,
    asking_sentences,
    names_a_subject,
    spelled_out,
    title_head,
)
from .state import is_declined
from .timing import stale

#: what a network's national member may be kept for beside its branch for the place: money
MONEY_LINKS = {"need:investissement", "need:pret", "need:garantie", "need:pret_honneur"}
#: where a document an adviser adds (a network's branch for the place) ranks among the retrieved
ADVISED_RANK = 6
#: where a local document found in the catalogue of the place (not by the words) ranks
LOCAL_RANK = 9
FINANCING = set(vocab.FINANCING_NEEDS) | {"financement"}
#: kinds of help so broad that nearly every organisation gives them
BROAD_NEEDS = frozenset({"information", "accompagnement", "subvention", "financement"})
#: kinds of help given where one lives: a national body offering only these gives way to a
#: local one
LOCAL_SERVICES = frozenset({"need:incubation", "need:accompagnement", "near:accompagnement",
                            "near:incubation", "need:information", "near:information"})


def broad_only(fit: Fit, advised, breadth: int, thin: bool, volunteers: str | None = None
               ) -> bool:
    """A generalist (or a document whose only themes are kinds of places: rural areas, priority
    neighbourhoods) that meets the person only on a broad kind of help ("être accompagné", "une
    subvention"), with no theme, name or concept of the question: an adviser names it only as
    the ESS service of the person's own commune or intercommunality, or as the regional body
    where the corpus has nothing more local. The networks an adviser names for the need stay."""
    doc = fit.doc
    if set(doc.themes).difference(PLACE_THEMES) or doc.subjects or doc.kind == "guide" or fit.named:
        return False
    if doc.network and doc.network in advised:
        return False
    if volunteers and doc.audiences == [volunteers] and doc.kind == "call":
        # a scheme made for that kind of structure only, asked by one run by volunteers (the
        # FDVA 2 for a small association with no staff)
        return False
    if not fit.links or not all(
        x.split(":", 1)[0] in ("need", "near") and x.split(":", 1)[-1] in BROAD_NEEDS
        for x in fit.links
    ):
        return False
    return not (breadth <= 1 or (breadth == 3 and thin)
                or (local_authority(doc) and breadth <= 2))


def incubator_advised(profile: Profile) -> bool:
    """A person with an idea of a social business who asks to be accompanied: an adviser names
    the ESS incubator of the place (Ronalpia in the Loire, CoCoShaker in Auvergne...)."""
    return (profile.audience == "porteur_projet" and profile.stage in ("idee", "creation")
            and not profile.nonprofit and bool(profile.themes)
            and profile.planned != "structure_insertion"  # (the IAE's own route)
            and bool(set(profile.needs) & {"accompagnement", "incubation"})
            and not set(profile.needs) & {"pret_honneur", "pret", "garantie"})


def advised_networks(profile: Profile) -> list[str]:
    """The networks an adviser sends this person to for what they ask, whatever the wording:
    France Active for loans, guarantees and equity; Initiative for a prêt d'honneur; the Adie
    for a micro-loan without a bank; the DLA to consolidate an employer structure; the URSCOP for
    a cooperative; the CRESS to be oriented."""
    needs = set(profile.needs)
    who, stage = profile.audience, profile.stage
    out: list[str] = []
    business = profile.planned not in ("association", "collectivite") and (
        who in ("porteur_projet", "entreprise") or (who is None and profile.own_business))
    if needs & {"garantie", "pret", "investissement"} or (
        # (a group of citizens or volunteers asking for money is funded by grants: no
        # loans' network unless they ask for a loan)
        "financement" in needs and who not in ("association", "collectivite", None)
        and not profile.nonprofit
    ) or (
        # an association that grows (scales up, invests) is funded by loans and quasi-equity
        # too: France Active's contrat d'apport, prêts participatifs and guarantees; a post to
        # fund is the job aids' business
        "financement" in needs and who == "association"
        and stage in ("developpement", "changement_echelle") and not profile.hiring
    ):
        out.append("france-active")
    # a prêt d'honneur is lent to the founders of a business: a company, a cooperative, one's
    # own job; not to a retired nurse's shared home or a group's project of unknown form
    founders = business and (
        profile.own_business or who == "entreprise"
        or profile.planned in ("entreprise", "entreprise_esus", "cooperative")
    )
    if "pret_honneur" in needs or ("financement" in needs and founders):
        out.append("initiative-france")
    if ("pret" in needs or "financement" in needs) and business and profile.own_business:
        out.append("adie")  # micro-loans: for a person who creates their own job
    if who == "structure_insertion" and needs & {"financement", "subvention", "investissement",
                                                  "locaux"}:
        # an insertion structure that invests or starts an activity: the State's fund for them
        # (FDI), through the DDETS, before any foundation
        out.insert(0, "fdi")
    existing = who in ("association", "structure_insertion", "cooperative", "entreprise_esus")
    if (needs & {"accompagnement", "information"} and existing and stage != "creation"
            and not (profile.staffless and not profile.hiring)):
        out.append("dla")
    if "cooperative" in (who, profile.planned):
        out.insert(0, "urscop")  # Scop and Scic: their regional union first
        if "france-active" not in out and stage in ("idee", "creation", None):
            # a cooperative being created or taken over is financed with France Active
            # (guarantees, contrat d'apport) beside the union's own tools
            out.insert(1, "france-active")
    out = out[:3]
    # an inhabitant of a priority neighbourhood with an idea of business: the CitésLab of the
    # neighbourhood first clarifies it and sends to the networks above
    if ("quartiers_prioritaires" in profile.themes and who in ("porteur_projet", None)
            and stage in ("idee", "creation", None) and business
            and (profile.own_business or profile.planned in (
                "entreprise", "entreprise_esus", "cooperative"))):
        out.insert(0 if stage == "idee" else len(out), "citeslab")
    return [n for n in out if f"network:{n}" not in profile.declined]


def advised_branches(networks: list[str], library: Library, place: str | None) -> list[str]:
    """The member of each network to send the person to: its branch for the place, or its
    national body when no place is known."""
    found = ((library.branch(n, place) if place else library.national(n))
             # no branch for the place (the DLA of a department the corpus lacks): the page on
             # finding it, rather than nothing
             or library.finder(n)
             # a scheme rather than a network of organisations (the FDI): the scheme itself
             or library.branch(n, place, kinds=("call",)) for n in networks)
    return [b for b in found if b]


def _applies(doc: Document, profile: Profile, library: Library) -> bool:
    places = [profile.territory] if profile.territory else list(profile.places)
    if not places:
        return "FR" in doc.territories
    return any(library.g.applies(doc.territories, p, doc.excluded_territories) for p in places)


def _weight(fit: Fit, rank: int, place: str | None) -> float:
    """How an adviser orders pistes: named first; what does what is asked; the local body."""
    doc = fit.doc
    needs = sum(x.startswith("need:") for x in fit.links)
    needs += 0.5 * any(x.startswith("near:") for x in fit.links)
    themes = sum(x.startswith("theme:") for x in fit.links)
    local = place is not None and "FR" not in doc.territories
    return (
        (1.0 if fit.named else 0.0)
        + (0.3 if "concept" in fit.links or "asked" in fit.links else 0.0)
        + 1.0 / (8 + rank)
        + 0.03 * min(needs, 2)
        + 0.02 * min(themes, 2)
        + (0.04 if local else 0.0)
        - (0.03 if not takes_requests(doc) and doc.kind == "organisation" else 0.0)
        - (0.02 if fit.unknown else 0.0)
    )


#: a structure changing its form ("passer en SCIC", "transformer l'asso en Scop")
CONVERTING = re.compile(r"\b(?:passer en|transformer|transformation|se transformer|convertir"
                        r"|conversion|basculer en)\b")


def form_asked(question: str, planned: str | None) -> tuple[str, ...]:
    """The legal form whose creation the steps are asked for: the one the structure converts
    to ("notre asso veut passer en SCIC ... les étapes ?"), or the one the asking sentence
    names ("comment on crée une Scop ?"); not a form the story only mentions ("on veut créer
    une association d'aide à domicile ... faut-il une autorisation ?")."""
    words = FORM_WORDS.get(planned or "", ())
    said = f" {spelled_out(fold(question))} "
    # the form's own words the question uses ("SCOP ou SAS": the Scop, not the Scic)
    named = tuple(w for w in words if f" {w} " in said) or words
    if CONVERTING.search(said):
        return named
    asked = f" {spelled_out(' '.join(asking_sentences(question)))} "
    return named if any(f" {w} " in asked for w in words) else ()


def _about_form(doc: Document, form: tuple[str, ...]) -> bool:
    """A guide to creating the legal form the steps are asked for (its words ``form``)."""
    title = f" {fold(doc.title)} "
    return (doc.kind == "guide" and any(f" {w} " in title for w in form)
            and any(f" {w} " in title for w in CREATING))


def takes_requests(doc: Document) -> bool:
    if doc.takes_requests is not None:
        return doc.takes_requests
    return doc.kind == "organisation"




#: a local authority referred to by its kind, in the sentence that asks: the one of the place
LOCAL_AUTHORITY = {
    "departement": re.compile(r" (?:le|du|au|le conseil|par le) departement "
                              r"| conseil departemental | (?:le|du|au) cd "),
    "epci": re.compile(r" (?:l|de l|a l) (?:agglo|agglomeration|intercommunalite|interco) "
                       r"| (?:la|de la|a la) (?:communaute de communes|com com|comcom) "
                       r"| (?:la|de la|a la) metropole "),
}


#: how much of the question's wording (rarity-weighted title words, about 4 for one rare
#: word) a document must share beyond another's to win over a name one step closer to it
NAME_WEIGHT = 5.0
#: "quelles plateformes ?", "lesquelles ?": several of a kind are asked for
WHICH_ONES = re.compile(r"\b(?:quels|quelles|lesquels|lesquelles)\b")
#: a cooperative form named in the sentence that asks
FORM_ASKED = re.compile(r"\b(?:scop|scic|cooperative)\b")


class ChoiceMixin:
    """Which documents become pistes, and what a question is about."""

    # -- what fits ---------------------------------------------------------------------------
    @staticmethod
    def _named(question: str, profile: Profile, library: Library) -> list[str]:
        """Documents the question names, the branch for the place when a network is named."""
        place = profile.territory or (profile.places[0] if profile.places else None)
        out: list[str] = []
        # an adviser's own organisation, in the clause that says who asks, is not asked about
        speaker = speaker_clause(question)
        rest = f" {fold(question).replace(speaker, ' ')} " if speaker else ""
        for match in library.names_in(question):
            if speaker and f" {match.alias} " in f" {speaker} " and (
                    f" {match.alias} " not in rest):
                continue
            if match.network:
                # its branch for the place, else how to find it (the network was asked about)
                branch = (
                    library.branch(match.network, place)
                    or library.finder(match.network)
                    or library.widest(match.network)  # "les Cigales": the regional association
                )
                if branch:
                    out.append(branch)
                continue
            docs = [library.documents[d] for d in match.docs if d in library.documents]
            local = [
                d for d in docs
                if place and library.g.applies(d.territories, place, d.excluded_territories)
            ]
            if place and not local and match.alias.split()[0] in AUTHORITY_WORDS and len(
                    match.alias.split()) == 1:
                # "la Région" from Pointe-à-Pitre is the Guadeloupe's, not the Auvergne-Rhône-
                # Alpes council the corpus has pages of ("le Département du Rhône" from
                # Villeurbanne is that one, which does not cover it: said so)
                continue
            pool = local or docs
            if pool:
                # the document of that name before those that mention it ("Ronalpia" is
                # Ronalpia's page, not the Pays Voironnais' page on the incubator it runs there);
                # of several of one name, the one whose title says what else the question says
                # ("le FDVA pour financer notre fonctionnement": the FDVA
                # fonctionnement-innovation, not the FDVA for training volunteers); with no place
                # known, the widest of the same name (the national guide to the LEADER
                # programme, not one area's call)
                said = set(analyse(question)) - set(analyse(match.alias))
                # (a title word the question repeats counts; one rare word does not outweigh a
                # name the corpus gives to a document: "que des bénévoles" describes the
                # association, "le FDVA formation des bénévoles" names the FDVA 1)
                pool.sort(key=lambda d, a=match.alias: (
                    library.name_rank(d, a) == 2,
                    -(library.title_match(d, said) - NAME_WEIGHT * library.name_rank(d, a)),
                    library.name_rank(d, a),
                    d.kind != "organisation",
                    library.breadth(d) if place else -library.breadth(d)))
                out.append(pool[0].id)
        # "le budget écologique citoyen du département, on peut y participer ?": the
        # Département (the intercommunality) of the person's place, asked about
        asked = f" {' | '.join(asking_sentences(question))} "
        for network, said in LOCAL_AUTHORITY.items():
            # (not when a scheme is named: "les sessions d'accueil d'actifs du département"
            # are the Département's own, asked about by their name)
            if place and not out and said.search(asked):
                found = library.service(network, place)
                if found and found not in out:
                    out.append(found)
        return list(dict.fromkeys(out))

    def _fits(self, question, hits, named, profile, today, library, kind="list") -> list[Fit]:
        """The pistes: documents that fit, ranked as an adviser would (named first, then what
        does what is asked, the local body before the national one), at most ``max_pistes``."""
        place = profile.territory or (profile.places[0] if profile.places else None)
        by_id = {h.doc.id: h for h in hits}
        rank = {h.doc.id: i for i, h in enumerate(hits)}
        candidates: list[Hit] = []
        fallback: dict[str, str] = {}  # a network member -> its branch for the place
        for doc_id in named:
            hit = by_id.get(doc_id) or library.hit(doc_id)
            if hit:
                candidates.append(hit)
        for hit in hits:
            doc = hit.doc
            if doc.network in library.members and doc.kind == "organisation":
                branch = library.branch(doc.network, place)
                if branch and branch != doc.id:
                    better = library.documents[branch]
                    if library.breadth(better) < library.breadth(doc):
                        rank.setdefault(branch, rank[doc.id])
                        local = by_id.get(branch) or library.hit(branch)
                        if local:
                            # the branch for the place first; the member found stays only if
                            # the branch does not do what is asked (the regional network of
                            # citizen energy projects is no investment fund)
                            candidates.append(local)
                            fallback[doc.id] = branch
            candidates.append(hit)
        # the networks an adviser names for this need, in their branch for the place, even
        # when the wording of the question did not bring them up
        advised = advised_networks(profile)
        if incubator_advised(profile):
            advised = [*advised, "incubateur-ess"]  # (beside the pistes, not the relays)
        branches = list(dict.fromkeys(advised_branches(advised, library, place)))
        sent_to = set(branches)
        for branch in branches:  # (in the advised order: the same answer every time)
            if branch not in by_id:
                hit = library.hit(branch)
                if hit:
                    rank.setdefault(branch, ADVISED_RANK)
                    candidates.append(hit)
        # the local bodies an adviser knows for the place: a document of the department, the
        # intercommunality or the commune that does what is asked for the project's theme, even
        # when the wording of the question did not bring it up
        if place and (profile.themes or profile.needs):
            for hit in self._local_catalogue(library, profile, place, by_id, today):
                rank.setdefault(hit.doc.id, LOCAL_RANK)
                candidates.append(hit)
        seen: set[str] = set()
        folded = fold(question)
        finders = set(library.finders())
        focus = library.inner_named(question)
        hiring_schemes = library.hiring_schemes()
        # the adviser's own organisation ("je suis conseillère à la mission locale") is no piste
        speaker = speaker_clause(question)
        own = {d for m in library.names_in(speaker) for d in m.docs} if speaker else set()
        if own:  # ... and the other members of its network
            networks = {library.documents[o].network for o in own if o in library.documents}
            own |= {d.id for d in library.documents.values()
                    if d.network and d.network in networks}
        concepts = library.concepts_in(question, profile.hiring)
        implied = library.implied_in(question, profile.hiring)
        for doc_id in sorted(concepts | library.subjects_in(question)):
            if doc_id not in by_id:
                hit = library.hit(doc_id)
                if hit:
                    rank.setdefault(doc_id, ADVISED_RANK)
                    candidates.append(hit)
        form_guides: set[str] = set()
        form = form_asked(question, profile.planned) if kind == "steps" else ()
        if form:
            # "passer en SCIC, c'est quoi les étapes ?": the guide to creating that very form
            # (its word said: the Scic guide, not the Scop one), whatever the wording found
            for doc in library.documents.values():
                if doc.id not in by_id and _about_form(doc, form):
                    hit = library.hit(doc.id)
                    if hit:
                        rank.setdefault(doc.id, ADVISED_RANK)
                        candidates.append(hit)
                        form_guides.add(doc.id)
        # a guide is a piste when it is among the closest to the question (how to do
        # something: the guide about that thing may rank lower than the guides of its context)
        top = {h.doc.id for h in hits[: 8 if kind == "steps" else 3]} | form_guides
        fits: list[Fit] = []
        far_guides: list[Fit] = []  # guides that fit but rank lower than the closest ones
        thin = library.thin(place)
        # a question about nothing more precise than support or money ("qui accompagne les
        # projets ESS dans le Cantal ?") is answered by the generalists
        precise = bool(
            profile.themes or set(profile.needs) - BROAD_NEEDS or profile.planned or named
        )
        for hit in candidates:
            doc = hit.doc
            if doc.id in seen:
                continue
            seen.add(doc.id)
            if doc.id not in named and is_declined(doc, profile) or doc.id in own:
                continue  # "l'URSCOP, on préfère pas": not offered again
            # the subject the question names, for a document reserved to some ("friperie")
            said = None if doc.id in named else next(
                (x for x in doc.subjects if names_a_subject(question, [x])), None)
            if doc.subjects and doc.id not in named and said is None:
                continue  # a fund for textiles is no piste for a bike workshop
            fit = assess(hit, profile, today, named=doc.id in named, concept=doc.id in concepts,
                         implied=doc.id in implied, subject=said)
            if doc.id in sent_to and fit.failed and all(
                    x.startswith(STAGE_FAILED) for x in fit.failed):
                # the network an adviser names for the need, in its branch for the place: the
                # stage read from a story is a guess ("micro-entreprise depuis 2 ans" that
                # becomes a SARL creates a company), to check with them, not a no
                fit.unknown += fit.failed
                fit.failed = []
            if fit.named and doc.id in focus and (
                    f" {focus[doc.id]} " not in f" {fold(title_head(doc.title, (' : ',)))} "):
                fit.focus = focus[doc.id]  # a scheme inside its page, not its own document
            if (not fit.fits and not fit.failed and profile.own_business
                    and self._age_fits(fit, folded)):
                # "j'ai 22 ans, je veux créer ma boîte": a programme for young founders of 18
                # to 30 is for the person, whatever help or theme was read
                fit.off, fit.links = [], [*fit.links, "age"]
            if not fit.fits:
                continue
            if not fit.named and stale(doc, today):
                continue  # "ces informations datent de 2012 à 2017"
            if doc.id in hiring_schemes and not (
                    fit.named or profile.hiring or {"concept", "implied"} & set(fit.links)):
                continue  # a post or a volunteer paid for: not for who hires nobody
            if not fit.named and self._age_clash(fit, folded, place):
                continue  # "elle a 24 ans": a scheme from 26 is no piste (named, it is a no)
            if not fit.named and doc.kind == "call" and self._population_clash(fit, place):
                continue  # kept to communes smaller than the person's
            if not fit.named and self._sport_clash(fit, folded, place):
                continue  # a sports club: a scheme that excludes them is no piste
            if self._form_clash(fit, profile, place):
                if not fit.named:
                    continue  # "notre Scic", a fund that invests in no cooperative
                fit.failed.append("pas pour une structure de votre forme")
            if not fit.named and (self._mainland_only(fit, place)
                                  or self._sector_clash(fit, profile, place)
                                  or self._outsiders_only(fit, folded, place)):
                continue  # kept to mainland France, to other sectors, to newcomers
            unmet = self._said_unmet(fit, folded, place)
            if unmet and not fit.named:
                continue  # "je ne serai pas inscrite à France Travail": its condition
            if unmet:
                fit.failed.append("une condition que vous dites ne pas remplir")
            if not fit.named and self._approval_clash(fit, folded, place):
                continue  # "pas d'agrément": a scheme for approved associations is none
            if not (fit.named or "concept" in fit.links) and self._seniority_clash(
                    fit, folded, place, today):
                continue  # "créée le mois dernier": a fund for structures of 3 years is none
            if doc.id in finders and not fit.named and doc.id not in sent_to:
                # how to find a network's branch: said when the place is thinly covered, or
                # when the network an adviser sends to has no branch for the place here
                continue
            if doc.kind == "guide" and not (fit.named or "concept" in fit.links) and (
                doc.id not in top and doc.id not in sent_to
            ):
                far_guides.append(fit)
                continue  # a guide is a piste when it is among the closest to the question
            if place is None and "FR" not in doc.territories and not fit.named:
                continue  # the place is not known yet: only what applies everywhere
            if doc.id not in by_id and not fit.named and not _applies(doc, profile, library):
                continue  # added beside the retrieval (a concept, a network): same place rule
            if precise and not self._age_fits(fit, folded) and broad_only(
                    fit, advised, library.breadth(doc), thin,
                    profile.audience if profile.staffless else None):
                continue  # a generalist met only on a broad kind of help
            fits.append(fit)
        if not fits:
            # nothing else fits: the guide that does what is asked (finding premises) beats
            # "nothing found"
            fits = [f for f in far_guides if any(x.startswith("need:") for x in f.links)][:1]
        # incubation is given where one lives: a national programme that only incubates gives
        # way to an incubator of the place
        if any("need:incubation" in f.links and "FR" not in f.doc.territories for f in fits):
            fits = [f for f in fits if f.named or "FR" not in f.doc.territories or not set(
                x for x in f.links if x.startswith(("need:", "near:"))) <= LOCAL_SERVICES]
        fitted = {f.doc.id: f for f in fits}

        def replaced(f: Fit) -> bool:
            """The branch for the place is shown and does all this member was kept for (the
            national citizen-energy investor stays beside the local energy accompanier when
            money is asked)."""
            branch = fitted.get(fallback.get(f.doc.id, ""))
            if branch is None:
                return False
            asked = {x for x in f.links if x in MONEY_LINKS}
            return asked <= set(branch.links)

        fits = [f for f in fits if not replaced(f)]
        # a document that only matches the theme is shown when nothing does what is asked
        strong = [
            f for f in fits
            if f.named or "concept" in f.links
            or ("implied" in f.links and profile.hiring)  # an aid to hire, for a post to fund
            or any(x.startswith(("need:", "near:")) for x in f.links)
        ]
        if strong and profile.needs:
            fits = strong
        guides_found = [f for f in fits if f.doc.kind == "guide"]
        if kind == "steps" and guides_found:
            # how to do what the question asks: the guide about that very thing leads
            self._steps_guide(guides_found, question, form).links.append("asked")
        # the name the question asks about (in its asking sentence) before names in its story
        asked_first = named[0] if named else None
        # what this turn of a conversation asks ("et pour la trésorerie ?") before the rest
        focus = {f"need:{n}" for n in profile.focus}
        fits.sort(
            key=lambda f: -_weight(f, rank.get(f.doc.id, ADVISED_RANK), place)
            - (0.2 if f.doc.id == asked_first else 0.0)
            - (0.15 if focus & set(f.links) else 0.0)
            - (0.15 if "hiring" in profile.focus and {"implied", "concept"} & set(f.links)
               else 0.0)
            # "passer en SCIC, c'est quoi les étapes ?": the guide to that form's steps
            - (0.3 if _about_form(f.doc, form) else 0.0)
        )
        out: list[Fit] = []
        by_head: dict[str, Fit] = {}  # one card per name: a foundation's page and its call
        networks: set[str] = set()
        guides = 0
        alike = 0  # organisations there only as instances of a kind of help named
        for fit in fits:
            doc = fit.doc
            if len(out) >= 2 and not fit.named and fit.links and all(
                    x.startswith("theme:") for x in fit.links):
                # after two pistes, a document met only on the project's theme (a culture
                # network for a festival's loan) is padding, not advice
                continue
            if (doc.kind == "organisation" and "concept" in fit.links and not fit.named
                    and not any(x.startswith(("need:", "near:", "subject")) for x in fit.links)):
                # "on pensait faire un crowdfunding": one or two platforms, not every one
                # before the premises and the money asked for
                alike += 1
                if alike > (3 if WHICH_ONES.search(folded) else 2):
                    continue  # ("quelles plateformes ?": the ones of that kind are asked)
            if doc.network in library.members and doc.kind == "organisation" and not fit.named:
                if doc.network in networks:
                    continue  # one member of a network: the one that covers the place
                networks.add(doc.network)
            head = fold(title_head(doc.title, (" : ",)))
            if doc.kind == "call" and doc.organisation:
                # a call of an organisation whose page is shown ("Appel à projets ... du
                # Département de la Drôme" beside "Département de la Drôme : ..."): its card
                head = next((h for h, f in by_head.items()
                             if f.doc.kind == "organisation"
                             and f.doc.organisation == doc.organisation
                             and f" {h} " in f" {fold(doc.title)} "), head)
            if head in by_head and not fit.named:
                if by_head[head] in out[: self.max_pistes]:
                    by_head[head].twins.append(fit)  # said in the first one's card
                continue
            by_head.setdefault(head, fit)
            if doc.kind == "guide" and not fit.named:
                guides += 1
                if guides > (2 if kind == "steps" else 1):
                    continue
            out.append(fit)
        out = out[: self.max_pistes]
        for fit in out:
            network = fit.doc.applied_through
            if network:
                fit.through = library.hit(
                    (library.local_branch(network, place) if place else None)
                    or library.service(network, place)
                    or library.finder(network))
        return out

    @staticmethod
    def _local_catalogue(library, profile, place, by_id, today) -> list[Hit]:
        """Local documents (a department or narrower) for the place that meet both a theme and
        a kind of help of the question."""
        out = []
        for doc in library.documents.values():
            if doc.id in by_id or doc.kind == "guide" or "FR" in doc.territories:
                continue
            if library.breadth(doc) > 2 or not _applies(doc, profile, library):
                continue
            hit = library.hit(doc.id)
            if hit is None:
                continue
            fit = assess(hit, profile, today)
            if fit.fits and any(x.startswith("theme:") for x in fit.links) and any(
                x.startswith("need:") for x in fit.links
            ):
                out.append(hit)
        return out

    @staticmethod
    def _finders(
        library: Library, fits: list[Fit], profile: Profile, place: str | None = None
    ) -> list[Document]:
        """The local relay of the networks that do what is asked (the CRESS to be oriented
        when nothing more precise applies): the network's branch for the place when the corpus
        has one (nothing more when it is among the pistes already), else the national guide
        that says how to find it."""
        shown = {f.doc.id for f in fits}
        wanted = advised_networks(profile) or ["cress"]
        if "cress" not in wanted:
            wanted.append("cress")
        out = []
        for network in wanted[:3]:
            found = library.local_branch(network, place) or library.finder(network)
            if found and found not in shown and library.documents[found] not in out:
                out.append(library.documents[found])
        return out

    def _subject(self, kind, fits, hits, named, profile, today, question: str = "",
                 place=None, library: Library | None = None) -> Fit | None:
        """What a yes/no question is about: the organisation or the aid it names (its
        conditions decide yes or no). A question that names nothing the corpus has gets no
        verdict on another document: the pistes are listed instead."""
        if kind != "yesno":
            return fits[0] if fits else None
        if fits and fits[0].named:
            # the one named in the sentence that asks ("... pas inscrite à France Travail.
            # L'ACRE c'est automatique ?": the Acre)
            asked = ({d for q in asking_sentences(question) for m in library.names_in(q)
                      for d in m.docs} if library is not None and question else set())
            return next((f for f in fits if f.named and f.doc.id in asked), fits[0])
        concepts = [f for f in fits if "concept" in f.links]
        # "créée le mois dernier ... un service civique, c'est possible ?": the approval that
        # asks a year of existence answers, rather than the guide to hosting volunteers
        young = next((f for f in concepts
                      if self._seniority_clash(f, fold(question), place, today)), None)
        if young or concepts:
            return young or concepts[0]
        # "est-ce qu'on peut reprendre en SCOP ?", "une Scic c'est accepté pour gérer un centre
        # de santé ?": the form asked about is the subject, answered by its network
        asked_form = (FORM_ASKED.search(fold(asking_sentence(question)))
                      if question and not named else None)
        if asked_form and profile.planned == "cooperative" or (
                asked_form and profile.audience == "cooperative"):
            union = next((f for f in fits if f.doc.network == "urscop"), None)
            if union:
                return union
        # "peut-on être incubés ?": the kind of help asked is the subject, and the best piste
        # that gives it answers; a vague need ("des infos") is no subject
        # (a need the answer assumed, not the person, is no subject either)
        assumed = {c.value for c in profile.changes if c.op == "assume" and c.field == "need"}
        asked = {f"need:{n}" for n in profile.needs
                 if n not in ("information", "financement") and n not in assumed}
        first = next((f for f in fits[:1] if asked & set(f.links)), None)
        if first:
            return first
        if hits:
            # the closest document does what is asked, for the project's theme, but a condition
            # excludes the person: the answer is no, and why
            closest = assess(hits[0], profile, today, named=hits[0].doc.id in named)
            if closest.failed and not closest.off and closest.links:
                return closest
        return None

    @staticmethod
    def _steps_guide(fits: list[Fit], question: str, form: tuple[str, ...] = ()) -> Fit:
        """The guide whose subject is what the question asks how to do ("comment créer une
        SCIC" -> the SCIC guide, not the guide of the shop the SCIC would run; "passer en SCIC
        ... c'est quoi les étapes ?" -> the guide to creating a Scic)."""
        guides = [f for f in fits if f.doc.kind == "guide"] or fits[:1]
        asked = set(analyse(asking_sentence(question)))

        def score(f: Fit) -> tuple[int, bool, bool, int]:
            title = set(analyse(f.doc.title))
            about = _about_form(f.doc, form)
            return (len(title & asked) + about, about, "asked" in f.links, -fits.index(f))

        return max(guides, key=score)

