"""Follow-ups answered from the conversation rather than searched: "qui je contacte en premier ?",
"eux", "le premier que vous avez cité", "mettez-moi en relation (avec eux)", "laissez tomber".

A follow-up like these has almost no words to search with: searched literally it finds nothing or
something else. What it refers to is in the answers already given, so it is answered from them:

- **first contact** (:mod:`.first_contact`): the pistes of the last answer, ranked as an
  adviser would, with the reason said;
- **references**: "eux", "cette structure", "le premier" point to an organisation just cited,
  which the answer is then about;
- **handoff**: the organisation named (with its territory: "France Active Loire" is that branch)
  or referred to; the answer carries its contact card in ``handoff_to`` for the web chat's form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from ..language.profile import Profile, place_label
from ..language.text import fold
from .choose import takes_requests
from .compose import ExtractiveComposer
from .contacts import prepare_list
from .fit import Fit, assess
from .lead import _short_name
from .library import Library
from .model import Answer, ContactCard, _Citations
from .state import understood_line

# fmt: off
FIRST_CONTACT = re.compile(
    r"\b(?:qui (?:je|j|on|nous|est ce que je|est ce qu on) (?:dois |doit |devrais )?"
    r"(?:contacte|contacter|appelle|appeler|sollicite|solliciter|vois|voir|va voir|vais voir)\w*"
    r" (?:en )?(?:premier|premiere|d abord|en priorite|en 1er)"
    r"|(?:qui|lequel|laquelle|lesquels|quoi) (?:en )?(?:premier|d abord|en priorite)"
    r"|qui contacter (?:en )?(?:premier|d abord|en priorite)"
    r"|(?:je|on|nous) commence\w* par (?:qui|lequel|laquelle|quoi|ou)"
    r"|par (?:qui|lequel|laquelle|quoi) (?:je |on |nous )?commence\w*"
    r"|le plus (?:urgent|important|utile) (?:a contacter|pour commencer)"
    r"|(?:lequel|laquelle|qui) (?:est )?(?:le plus|la plus) (?:urgent|importante?|utile)"
    r"|en premier (?:entre|parmi)|dans quel ordre"
    # "j'appelle qui en 1er", "je contacte lequel d'abord"
    r"|(?:contact|appel|ecri|sollicit|adresse|commence|vois|voir)\w*\s+(?:\w+\s+){0,3}?"
    r"(?:qui|lequel|laquelle)\s+(?:en )?(?:tout )?(?:premier|premiere|1er|1ere|d abord"
    r"|en priorite)"
    # "si je dois en appeler qu'un seul, c'est lequel ?"
    r"|(?:qu un seul|qu une seule|(?:appeler|contacter|voir|choisir) (?:un|une) seule?)\b"
    r"(?:\s+\w+){0,8}?\s+(?:lequel|laquelle|qui)\b)\b"
)
HANDOFF = re.compile(
    r"\b(?:mettre en relation|mettez (?:moi|nous) en relation|mets moi en relation"
    r"|mise en relation|en relation avec|mettre en contact|mettez (?:moi|nous) en contact"
    r"|transmettre (?:ma|notre) demande|transmettez (?:ma|notre) demande"
    r"|(?:les|le|la) contacter pour (?:moi|nous)|prendre contact pour (?:moi|nous)"
    # "vous pouvez leur transmettre mon projet ?", "leur envoyer un message de ma part"
    r"|(?:leur|lui|les|le|la) (?:transmettre|transmettez|envoyer|envoyez|faire passer|passer)"
    r" (?:mon|ma|mes|notre|nos|un|une) (?:projet|demande|dossier|message|mail|courriel|contact"
    r"|coordonnees|numero)"
    r"|(?:message|mail|courriel|mot) de (?:ma|notre) part"
    r"|(?:mettre|mettez|mets) (?:moi |nous )?en lien|faire le lien avec)\b"
)
CANCEL = re.compile(
    r"\b(?:laissez tomber|laisse tomber|pas la peine|annulez|annuler|plus besoin"
    r"|je prefere (?:les |le |la )?(?:appeler|contacter|ecrire)|on prefere (?:les |le |la )?"
    r"(?:appeler|contacter|ecrire)|je (?:les |le |la )?(?:appelle|appellerai|contacterai)"
    r" moi meme|moi meme|nous memes|on va (?:les |le |la )?appeler)\b"
)
REFERENCE = re.compile(
    r"\b(?:eux|ils|elles|cette structure|cet organisme|cette association|cette asso|ce reseau"
    r"|ce dispositif|ce programme|cet accompagnement|celui ci|celle ci|celui la|celle la"
    r"|dont vous parlez|que vous avez cite\w*|que vous citez|vous avez cite\w*"
    r"|(?:le|la) (?:premier|premiere|deuxieme|second|seconde|troisieme|dernier|derniere))\b"
)
ORDINAL = re.compile(r"\b(?:le|la) (premier|premiere|deuxieme|second|seconde|troisieme|dernier"
                     r"|derniere)\b")
ORDINALS = {"premier": 0, "premiere": 0, "deuxieme": 1, "second": 1, "seconde": 1,
            "troisieme": 2, "dernier": -1, "derniere": -1}
#: turning an organisation down: "l'URSCOP, on préfère pas", "pas France Active"
DECLINE = re.compile(
    r"\b(?:prefere pas|preferons pas|prefere eviter|pas chaud|pas chauds|ne veut pas|veut pas"
    r"|ne voulons pas|voulons pas|non merci|pas interesse\w*|plutot pas|pas envie|on evite"
    r"|pas avec|pas par|sauf|autre chose que|autres que|a part)\b"
)
# fmt: on


def _place_of(profile: Profile) -> str | None:
    return profile.territory or (profile.places[0] if profile.places else None)


def move(question: str, turns: Sequence[Answer]) -> str | None:
    """What kind of follow-up this is: first_contact, handoff, cancel (of a handoff) or None
    (a question to search, maybe with a reference resolved)."""
    if not turns:
        return None
    f = fold(question)
    asked_handoff = any(t.handoff_to for t in turns[-2:]) or bool(
        HANDOFF.search(fold(turns[-1].question)))
    if CANCEL.search(f) and (HANDOFF.search(f) or asked_handoff):
        return "cancel"
    if HANDOFF.search(f):
        return "handoff"
    if FIRST_CONTACT.search(f) and any(t.pistes for t in turns):
        return "first_contact"
    return None


def _last_with_pistes(turns: Sequence[Answer]) -> Answer | None:
    return next((t for t in reversed(turns) if t.pistes), None)


def _cited_order(answer: Answer) -> list[str]:
    """The documents of an answer in the order the person read them (first cited first)."""
    return list(dict.fromkeys(s.id for s in sorted(answer.sources, key=lambda s: s.n)))


def declined_in(question: str, library: Library) -> list[str]:
    """The organisations a follow-up turns down ("non l'URSCOP on préfère pas"): their
    documents, and their network when one is named."""
    if not DECLINE.search(fold(question)):
        return []
    out: list[str] = []
    for match in library.names_in(question):
        if match.network:
            out.append(f"network:{match.network}")
        out += list(match.docs)
    return out


def referents(
    question: str, profile: Profile, turns: Sequence[Answer], library: Library
) -> tuple[str, ...]:
    """The organisation a follow-up points to without naming it: "le premier (que vous avez
    cité)" in the last answer's order, "eux" / "cette structure" the one just put first (a
    handoff, the first contact chosen, the first piste that takes requests). A name in the
    question says it itself: nothing then."""
    f = fold(question)
    if not turns or library.names_in(question) or not REFERENCE.search(f):
        return ()
    last = next((t for t in reversed(turns) if t.sources), None)
    if last is None:
        return ()
    order = [i for i in _cited_order(last) if i in library.documents
             and library.documents[i].kind != "guide"]
    m = ORDINAL.search(f)
    if m and order:
        at = ORDINALS[m.group(1)]
        if at < len(order):
            return (order[at],)
    target = _target(turns, library)
    return (target,) if target else ()


def _target(turns: Sequence[Answer], library: Library) -> str | None:
    """The organisation the conversation is about now: the one a handoff was opened for, else
    the first of the last answer's pistes that takes requests."""
    for t in reversed(turns):
        if t.handoff_to:
            return t.handoff_to.document
        if t.pistes:
            ids = [p["id"] for p in t.pistes if p["id"] in library.documents]
            docs = [library.documents[i] for i in ids]
            first = next((d for d in docs if takes_requests(d)), None)
            return (first or docs[0]).id if docs else None
    return None


# -- "mettez-moi en relation" -----------------------------------------------------------------


def handoff_target(
    question: str, profile: Profile, turns: Sequence[Answer], library: Library
) -> str | None:
    """Whom to put the person in touch with: the organisation named (a network named with a
    territory, "France Active Loire", is that branch; otherwise its branch for the person's
    place), else the one the conversation is about."""
    from ..language.places import read_places

    place = profile.territory or (profile.places[0] if profile.places else None)
    names = library.names_in(question)
    if names:
        match = names[0]
        own = [c for m in read_places(question).mentions if m.role == "organisation"
               for c in m.codes]
        if match.network:
            for where in (*own, place):
                found = library.local_branch(match.network, where) if where else None
                if found:
                    return found
            # no branch for the place in the sources: how to find it, never another body of
            # the network (a national resource centre is no DLA of the Bouches-du-Rhône)
            return library.finder(match.network) or library.national(match.network)
        docs = [library.documents[d] for d in match.docs if d in library.documents]
        if docs:
            docs.sort(key=lambda d: (d.kind != "organisation", not (
                place and library.g.applies(d.territories, place, d.excluded_territories)),
                library.breadth(d)))
            return docs[0].id
    refs = referents(question, profile, turns, library)
    if refs:
        return refs[0]
    # after "qui en premier ?", "mettez-nous en relation" is with the one put first
    return _target(turns, library)


def handoff(
    question: str, profile: Profile, turns: Sequence[Answer], library: Library, today: date
) -> Answer:
    """The handoff asked: the organisation's contact card in ``handoff_to`` (the web chat opens
    the form), what will be sent, and its public contact; or why it cannot be done."""
    target = handoff_target(question, profile, turns, library)
    hit = library.hit(target) if target else None
    cites = _Citations(today)
    if hit is not None and hit.doc.kind == "guide":
        return _no_branch(question, profile, hit, library, cites)
    if hit is None:
        text = ("Je ne sais pas avec quelle structure vous mettre en relation : dites-moi son "
                "nom (par exemple « mettez-moi en relation avec France Active »).")
        return Answer(question, text + "\n" + understood_line(profile), [], [], None, profile)
    composer = ExtractiveComposer()
    fit = assess(hit, profile, today, named=True)
    cards = composer._contacts([fit], cites, library, _place_of(profile))
    doc = hit.doc
    name = _short_name(doc)
    anchor = cites.cite(doc, composer._card_passage(fit))
    if not cards and takes_requests(doc):
        # it takes requests but the sources give it no channel of its own (only someone
        # else's article): the support team forwards the request
        role = next((c.role for c in doc.contacts if c.role), None)
        cards = [ContactCard(doc.organisation or name, None, role, None, None, None, doc.id,
                             anchor, prepare_list(doc))]
    summary = understood_line(profile).strip("_").removeprefix("J'ai compris : ").rstrip(".")
    if cards:
        card = cards[0]
        yourself = composer._contact_block(cards, [fit], profile).replace(
            "**À contacter**", "**Si vous préférez les joindre vous-même**")
        if not (card.email or card.phone or card.url):
            yourself = ("Mes sources ne donnent pas de coordonnées vérifiées pour eux : "
                        "l'équipe d'accompagnement leur transmettra votre demande.")
        text = (
            f"Mise en relation avec **{name}** : je peux leur transmettre votre demande, avec "
            f"votre accord, avec vos coordonnées et un résumé de votre situation ({summary}). "
            f"[{anchor}] Relisez le résumé avant l'envoi.\n\n" + yourself
        )
        return Answer(question, text, cites.sources, cards, None, profile, True,
                      [{"id": doc.id, "group": fit.group, "named": True, "met": fit.met,
                        "unknown": fit.unknown, "links": ["handoff"]}], handoff_to=card)
    contact = next((c for c in doc.contacts if c.reachable()), None)
    ways = " · ".join(x for x in (contact.email, contact.phone, contact.url) if x) if contact \
        else (doc.url or "")
    text = (
        f"Je ne peux pas transmettre de demande à **{name}** [{anchor}] : ce n'est pas une "
        "structure qui reçoit les demandes des porteurs de projet par ce service"
        + (f". Pour les joindre : {ways} [{anchor}]" if ways else "") + "."
    )
    return Answer(question, text + "\n" + understood_line(profile), cites.sources, [], None,
                  profile, True)


def _no_branch(question: str, profile: Profile, finder, library: Library, cites) -> Answer:
    """The network asked has no branch for the place in the sources: say so, and how to find
    it (the network's own directory)."""
    composer = ExtractiveComposer()
    fit = Fit(finder, named=True, links=["finder"])
    place = profile.territory or (profile.places[0] if profile.places else None)
    where = f" pour {place_label(place)}" if place else ""
    text = (
        f"Je n'ai pas dans mes sources l'antenne{where} de ce réseau : je ne peux donc pas lui "
        f"transmettre votre demande. {composer._finder(fit, cites, place)}\n"
        + understood_line(profile)
    )
    return Answer(question, text, cites.sources, [], None, profile, True)


def cancel(question: str, profile: Profile, turns: Sequence[Answer], library: Library,
           today: date) -> Answer:
    """"Laissez tomber, je préfère appeler moi-même": no handoff, the contact to call."""
    target = (handoff_target(turns[-1].question, profile, turns[:-1], library)
              if turns else None)
    hit = library.hit(target) if target else None
    text = "C'est noté : je ne transmets rien."
    cites = _Citations(today)
    cards: list[ContactCard] = []
    if hit is not None and hit.doc.kind == "guide":
        composer = ExtractiveComposer()
        place = profile.territory or (profile.places[0] if profile.places else None)
        text += " Pour trouver leurs coordonnées :\n\n" + composer._finder(
            Fit(hit, named=True, links=["finder"]), cites, place)
        return Answer(question, text, cites.sources, [], None, profile, True)
    if hit is not None:
        composer = ExtractiveComposer()
        fit = assess(hit, profile, today, named=True)
        cards = composer._contacts([fit], cites, library, _place_of(profile))
        if cards:
            text += " Pour les appeler vous-même :\n\n" + composer._contact_block(
                cards, [fit], profile)
    return Answer(question, text, cites.sources, cards, None, profile, bool(cards))


def terminal_handoff(card: ContactCard, public_url: str | None) -> str:
    """What ``assistant chat`` says instead of opening the form: where to do it."""
    where = (f"ouvrez le chat en ligne ({public_url})" if public_url
             else "ouvrez le chat en ligne de l'assistant")
    ways = " · ".join(x for x in (card.email, card.phone, card.url) if x)
    org = card.organisation or "cette structure"
    return (
        f"Depuis le terminal, je ne peux pas transmettre la demande moi-même : {where}, posez "
        f"votre question et cliquez sur « Être mis en relation : {org} »"
        + (f", ou contactez-les directement : {ways}." if ways else ".")
    )
