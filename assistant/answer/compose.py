"""Compose the answer an adviser would send, in French, every sentence cited.

No language model is available offline, so the composer is extractive: each sentence that states a
fact is a whole sentence of a document (or a plain statement of its fields) with the marker [n] of
the passage that holds it. The answer is built in this order, one module a part, each a mixin of
:class:`ExtractiveComposer`:

1. **What fits** (:mod:`.choose`). Every retrieved document is checked against the person
   (:mod:`.fit`); only those with a reason to be there become pistes, with no fixed number. A
   document named in the question comes first; a network's head office gives way to its branch
   for the place.
2. **The lead** (:mod:`.lead`). Two or three sentences that answer the question as asked: what
   the named organisation is and whether it is for them, yes or no and how, the steps, or where
   to start. A thinly covered place is said so, with the national networks' way to find a local
   branch.
3. **The pistes** (:mod:`.pistes`), grouped by what they do for the person, each with why it
   fits, what is still to check, and whole sentences (:mod:`.pick`) about eligibility, the
   offer, amounts, how to apply and dates.
4. **The contacts** (:mod:`.contacts`): only organisations that take requests from project
   holders, for the place asked; what to prepare is said once.

When nothing fits, :mod:`.nothing` says so and names a generalist network of the place.
"""

from __future__ import annotations

import re
from datetime import date

from ..language.profile import Profile
from ..language.text import fold
from ..search.retrieve import Hit, Passage
from .absent import absent_names
from .absent import sentence as absent_sentence
from .asking import question_back_kind
from .choose import ChoiceMixin
from .contacts import ContactMixin
from .fit import GROUP_ORDER, Fit
from .lead import ENGLISH_NOTE, HOW_ASKED, STEPS_ASKED, WHEN, LeadMixin
from .library import Library, asking_sentence, asking_sentences
from .model import Answer, _Citations
from .nothing import NothingMixin
from .pick import PickMixin
from .pistes import PisteMixin
from .state import is_declined

MAX_PISTES = 5
ABOUT = re.compile(
    r"\b(?:c est quoi|c quoi|c koi|cest quoi|cest koi|qu est ce que|qu est ce qu|c est qui"
    r"|qui est|qui sont"
    r"|comment ca marche|comment marche|comment fonctionne|comment ca fonctionne"
    r"|ca marche comment|parlez moi"
    r"|connaissez vous|vous connaissez|c est un|c est une|que fait|que propose|que font"
    r"|c est pour nous|c est pour moi|est ce pour nous|est ce pour moi|peuvent ils|peut il"
    r"|peut elle|ils peuvent|elle peut|il peut|pourraient ils|faut rembourser"
    # what a follow-up asks about an organisation just cited ("ils font quoi, eux ?")
    r"|font quoi|fait quoi|c est payant|c payant|c est gratuit|c gratuit|est ce payant"
    r"|est ce gratuit|prend les projets|prennent les projets|c est ou|c ou|ils sont ou"
    r"|elle est ou|il est ou|c est le meme|c est la meme|c est mieux|c est pareil"
    r"|il est a|elle est a|ils sont a|elles sont a|est il a|est elle a|sont ils a"
    # what it takes: "c'est pour quel genre de projets ?"
    r"|c est pour quel\w*|c est pour qui|pour quel genre de|quels? types? de projets)\b"
)
YESNO = re.compile(
    r"^(?:\w+ )?(?:est ce que|est ce qu|peut on|on peut|avons nous|a t on|ai je|puis je"
    r"|pouvons nous|faut il|est il possible|c est possible|est ce possible)\b"
    r"|\b(?:est ce que|est ce qu|peut on|on peut|a t on droit|avons nous droit|ai je droit"
    r"|on a droit|on y a droit|y a t on droit|y avons nous droit|c est pour nous|c est pour moi"
    r"|ca nous servirait|peut elle|peut il"
    r"|c est (?:encore |toujours |deja )?possible|ce serait (?:encore )?possible"
    r"|c est (?:encore |toujours )ouvert|est ce (?:encore |toujours )ouvert|toujours ouvert"
    r"|encore ouvert"
    r"|pourrait on|pourrions nous|est ce possible|y a t il droit"
    # "la chambre de métiers a bien une aide pour les artisans ?": one aid, checked
    r"|a bien une aide|a bien un|existe bien|verse toujours|versent toujours|finance toujours"
    r"|existe toujours|existe encore|c est automatique|est ce automatique|c est automatiquement"
    # "je peux postuler ?", "on peut en bénéficier ?": for the person, a verdict
    r"|je peux (?:postuler|candidater|en beneficier|beneficier|y pretendre|y avoir droit"
    r"|le demander|la demander|demander|avoir|y entrer|rejoindre|y participer|participer"
    r"|m inscrire|y aller)"
    r"|on a le droit|avons nous le droit|a t on le droit|ai je le droit|j ai le droit"
    r"|c est jouable|est ce jouable|ca peut marcher|ca pourrait marcher|ou pas du tout)\b"
)
#: "France Active peut nous prêter ?", "le FDVA peut payer ça ?": can a body do something for
#: us (not "qui peut nous aider ?", "quel organisme pourrait nous financer ?")
CAN_THEY = re.compile(
    r"^(?:(?!\b(?:qui|quel|quelle|quels|quelles|ou|comment|combien|quoi)\b).)*"
    r"\b(?:peut|peuvent|pourrait|pourraient) (?:nous|me|m|\w+er (?:ca|cela|le|la|les|notre|nos"
    r"|mon|ma|mes))\b"
)
#: asking whether some exist ("est-ce qu'il y a des financements ?"): a list is asked (one
#: aid asked about, "est-ce qu'il y a une aide de l'agglo pour ça ?", is a yes or a no)
EXISTS = re.compile(r"\b(?:est[ -]ce qu(?: |')il (?:y a|existe)|y a[ -]t[ -]il|existe[ -]t[ -]il)"
                    r" (?=des\b|d'autres\b|d autres\b)", re.IGNORECASE)
STEPS = re.compile(
    r"\b(?:comment (?:on )?(?:l |la |le )?(?:cree|creer|monte|monter|fait|faire|s y prend|demarrer"
    r"|devenir|devient|obtenir|obtient|demander|demande|proceder|choisir)"
    r"|quelles (?:sont les )?etapes|les etapes|par ou commencer"
    r"|quelles demarches|les demarches|marche a suivre|comment on s y prend"
    r"|(?:c est quoi|quelle est) la methode|quelle methode|la methode pour|comment s y prendre)\b"
)


STARTING = re.compile(r"par ou commencer")
WHO_ASKED = re.compile(
    r"\b(?:qui (?:peut|pourrait|peuvent|pourraient|contacter|aller voir|m aider|nous aider)"
    r"|vers qui|a qui|aidez moi|aidez nous|qui sont les)\b"
)


def asks_yes_no(question: str) -> bool:
    """"On peut candidater ?", "le LEADER du Vercors peut nous financer un atelier ?": a yes or
    a no is asked."""
    # "est-ce qu'il y a des financements pour ça ?", "est-ce qu'il existe un réseau ?": which
    # ones exist is asked, a list
    folded = EXISTS.sub(" | ", fold(question))
    return bool(YESNO.search(folded)) or any(
        CAN_THEY.search(q.strip()) for q in asking_sentences(EXISTS.sub(" | ", question)))


def question_kind(question: str, named: bool) -> str:
    """named (about one organisation), yesno, steps or list."""
    folded = fold(question)
    if named and (ABOUT.search(folded) or WHEN.search(folded) or len(folded.split()) <= 6
                  or (STEPS_ASKED.search(folded) and not STEPS.search(folded))
                  or (HOW_ASKED.search(asking_sentence(folded)) and not STEPS.search(folded)
                      and not asks_yes_no(question))):
        return "named"
    if asks_yes_no(question):
        return "yesno"
    steps = STEPS.search(folded)
    if steps and not (STARTING.fullmatch(steps.group(0)) and WHO_ASKED.search(folded)):
        # "par où commencer et qui peut nous aider ?", "par où commencer ? aidez-moi": whom to
        # see first, not a procedure
        return "steps"
    return "list"


class ExtractiveComposer(
    ChoiceMixin, LeadMixin, PisteMixin, PickMixin, ContactMixin, NothingMixin
):
    """Adviser-style answers built only from the documents' passages and fields."""

    max_pistes = MAX_PISTES

    def compose(
        self,
        question: str,
        profile: Profile,
        hits: list[Hit],
        today: date,
        clarification: str | None,
        library: Library | None = None,
        refers: tuple[str, ...] = (),
    ) -> Answer:
        """``refers``: the organisations a follow-up points to ("eux", "le premier"), answered
        as if the question named them."""
        library = library or Library((h.doc for h in hits), {})
        place = profile.territory or (profile.places[0] if profile.places else None)
        named = list(dict.fromkeys([*refers, *self._named(question, profile, library)]))
        # an organisation named to be turned down ("l'URSCOP, on préfère pas") is no subject
        named = [d for d in named
                 if not (d in library.documents and is_declined(library.documents[d], profile))]
        # a name no source mentions ("c'est quoi Monalisa ?"): said first, never answered for
        absent = [n for n in absent_names(question, library.mentions)
                  if not library.names_in(n)] if not named else []
        kind = question_kind(question, bool(named))
        if absent and kind == "yesno":
            kind = "list"  # "il y a un programme SLIME ?": no verdict on something else
        if kind == "named" and clarification and clarification.startswith("Que cherchez-vous"):
            clarification = None  # the question says what it is about: an organisation
        fits = self._fits(question, hits, named, profile, today, library, kind)
        if named and fits and fits[0].named and clarification and clarification.startswith(
                "Que cherchez-vous"):
            clarification = None  # "un poste adulte-relais ?": the scheme named says what
        thin = library.thin(place) if place and not profile.nationwide else False
        cites = _Citations(today)
        cites.question = question
        subject = self._subject(kind, fits, hits, named, profile, today, question, place,
                                library)
        if not fits and subject is None:
            if not asks_for_help(question, profile):
                clarification = None  # a pool's opening hours: no place or need would help
            nothing = self._nothing(
                question, profile, clarification, library, cites, place, thin
            )
            if absent:
                nothing.answer = absent_sentence(absent) + "\n\n" + nothing.answer
            return nothing
        lead = self._lead(kind, profile, fits, subject, thin, library, cites, place, question)
        if absent:
            lead = absent_sentence(absent) + "\n" + lead
        cites.said = lead
        blocks = [lead]
        if kind == "yesno" and subject is not None and (subject.failed or self._turned_down(
                subject, question, place, today, profile)):
            # the lead said no (another territory, too young, a sports club, closed to
            # newcomers): the scheme is no piste under it, nor a contact
            fits = [f for f in fits if f.doc.id != subject.doc.id]
        if kind == "yesno" and subject is not None:
            # another organisation named that does not fit ("je ne serai pas inscrite à France
            # Travail"): no piste either
            fits = [f for f in fits if f.doc.id == subject.doc.id or not (f.named and f.failed)]
        if kind in ("list", "steps"):
            # an organisation named that does not fit ("l'incubateur Le T", asked from
            # Besançon): the lead said so; no piste card, no contact
            fits = [f for f in fits if not (f.named and f.failed)]
        shown = fits
        shown_named: list[Fit] = []
        if kind == "named" and fits:
            # the organisation asked about is the answer; a few others only if they do what
            # is asked
            also_named = [f for f in fits[1:] if f.named][:3]  # "France Active ou l'Adie ?"
            shown = also_named + [
                f for f in fits[1:]
                if not f.named and any(x.startswith("need:") for x in f.links)
            ][:2]
            shown_named = shown
            if shown:
                blocks.append("**Autres pistes pour votre projet**")
                blocks += [self._piste(f, "list", profile, cites, place) for f in shown]
            shown = []
        for group in GROUP_ORDER:
            members = [f for f in shown if f.group == group and not f.next_edition]
            if members:
                blocks.append(f"**{group}**")
                blocks += [self._piste(f, kind, profile, cites, place) for f in members]
        later = [f for f in shown if f.next_edition]
        if later:
            blocks.append("**Appels qui reviennent** (clôturés pour l'instant)")
            blocks += [self._piste(f, kind, profile, cites, place) for f in later]
        displayed = fits if kind != "named" else fits[:1] + shown_named
        zone = question_back_kind(clarification) or ""
        if zone.startswith("zone:") and not any(zone[5:] in f.doc.zones for f in displayed):
            clarification = None  # the document reserved to that zone is not among the pistes
        # the local relay of the networks, where the corpus is thin: beside what is shown
        finders = [
            Fit(h, named=True, links=["finder"])
            for h in (library.hit(d.id)
                      for d in self._finders(library, displayed, profile, place))
            if h
        ] if thin else []
        if finders:
            blocks.append("**Trouver le relais local**")
            blocks += [self._finder(f, cites, place) for f in finders]
        contacts = self._contacts(displayed, cites, library, place)
        if contacts:
            blocks.append(self._contact_block(contacts, displayed, profile))
        if profile.language == "en":
            blocks.insert(0, ENGLISH_NOTE)
        if (clarification and kind in ("named", "yesno") and fits and fits[0].named
                and question_back_kind(clarification) == "place"
                and not any(f.doc.applied_through or f.doc.network for f in fits)
                and all("FR" in f.doc.territories for f in fits)):
            clarification = None  # a national scheme asked about, applied for nowhere local
            # ("comment je fais pour toucher l'ARCE ?"): the place changes nothing
        if clarification:
            blocks.append(f"**Pour affiner :** {clarification}")
        coverage = self._coverage(place, library) if thin else None
        pistes = [
            {
                "id": f.doc.id,
                "group": f.group,
                "named": f.named,
                "met": f.met,
                "unknown": f.unknown,
                "links": f.links,
            }
            for f in fits
        ]
        return Answer(
            question, "\n\n".join(blocks), cites.sources, contacts, clarification, profile, True,
            pistes, coverage,
        )


__all__ = ["ExtractiveComposer", "Passage", "question_kind"]


#: words of a request for help with a project, when the reader found no need, theme or audience
HELP_WORDS = re.compile(r"\b(aid\w*|accompagn\w*|financ\w*|projet\w*|lanc\w*|cre[ea]\w*|"
                        r"mont\w*|soutien\w*|subvention\w*|pret\w*)\b")


def asks_for_help(question: str, profile: Profile) -> bool:
    """Whether a question that nothing fits is about a project (then a question back on the
    place or the need can help) rather than off-topic (a recipe, a pool's opening hours)."""
    if profile.themes or profile.audience or profile.stage:
        return True
    if set(profile.need_keys()) - {"information"}:
        return True
    return bool(HELP_WORDS.search(fold(question)))
