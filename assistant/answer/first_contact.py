"""« Qui je contacte en premier ? »: the pistes already given in the conversation, ranked as an
adviser would (the structure that builds the project before the money at the idea stage, the Scop
union for a Scop, what does what the person asks, the local branch before the regional body),
with the reason said."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from ..corpus.documents import Document
from ..language import vocab
from ..language.profile import Profile, place_label
from .choose import advised_networks, takes_requests
from .compose import ExtractiveComposer
from .fit import Fit, assess
from .lead import _short_name
from .library import Library
from .model import Answer, _Citations
from .state import is_declined, understood_line

SUPPORT = {"accompagnement", "incubation", "acceleration", "information", "formation"}
#: why an adviser sends a person to these networks first
NETWORK_REASONS = {
    "dla": "le DLA accompagne gratuitement les structures employeuses qui consolident leur "
    "modèle et leurs emplois",
    "france-active": "France Active finance (garanties, prêts) les projets que les banques "
    "suivent mal, et en fait le plan de financement avec vous",
    "initiative-france": "le prêt d'honneur d'Initiative fait souvent levier sur le prêt "
    "bancaire",
    "adie": "l'Adie prête sans passer par une banque",
    "cress": "la CRESS oriente vers le bon interlocuteur de l'ESS",
}


def _reasons(doc: Document, profile: Profile, library: Library) -> tuple[float, list[str]]:
    """How much an adviser would put this organisation first, and why (stage, need, place)."""
    score, why = 0.0, []
    place = profile.territory or (profile.places[0] if profile.places else None)
    early = profile.stage in ("idee", "creation") or profile.audience == "porteur_projet"
    if doc.kind == "organisation" and takes_requests(doc):
        score += 1.0
    elif doc.kind == "call":
        score += 0.3
    cooperative = "cooperative" in (profile.audience, profile.planned)
    if cooperative and doc.network == "urscop":
        score += 0.7
        why.append("pour une Scop ou une Scic, l'union régionale est l'interlocuteur de la "
                   "création comme de la reprise, et elle ouvre les financements du mouvement "
                   "coopératif")
    advised = advised_networks(profile)
    if doc.network in advised and doc.network != "urscop":
        money = doc.network in ("france-active", "initiative-france", "adie")
        # at the idea stage the money comes once the project is built
        score += (0.2 if money and profile.stage == "idee" else 0.6) - 0.1 * advised.index(
            doc.network)
        why.append(NETWORK_REASONS.get(doc.network, "c'est le réseau vers lequel un conseiller "
                                       "vous orienterait pour cela"))
    support = set(doc.needs[:1]) & SUPPORT  # what it mainly does
    if early and support and doc.kind == "organisation":
        score += 0.5
        stage = "au stade de l'idée" if profile.stage == "idee" else "pour une création"
        if why:
            pass  # the network of the form planned says it already
        elif profile.audience == "porteur_projet" and not profile.planned:
            why.append(f"{stage}, on construit d'abord le projet et on choisit sa structure : "
                       "c'est elle qui ouvre ensuite les financements")
        else:
            why.append(f"{stage}, un accompagnement construit le projet et prépare les "
                       "demandes de financement")
    themes = [t for t in doc.themes if t in profile.themes]
    if themes:
        score += 0.3
        why.append("c'est le réseau de votre domaine : " + vocab.THEMES[themes[0]])
    asked = set(profile.focus) or set(profile.needs)
    keys = Profile(needs=tuple(asked), nonprofit=profile.nonprofit).need_keys() if asked else set()
    done = [n for n in doc.needs if n in keys]
    if done:
        score += 0.3
        why.append("c'est ce que vous cherchez : " + vocab.NEEDS.get(done[0], done[0]))
    if place and "FR" not in doc.territories and library.g.applies(
        doc.territories, place, doc.excluded_territories
    ):
        score += 0.2
        why.append(f"elle couvre {place_label(place)}")
    return score, why


def _topic(turns: Sequence[Answer]) -> list[Answer]:
    """The answers since the conversation last moved to another project."""
    out: list[Answer] = []
    for t in reversed(turns):
        out.insert(0, t)
        if any(c.op == "drop" and c.field == "project" for c in t.profile.changes):
            break
    return out


def first_contact(
    question: str, profile: Profile, turns: Sequence[Answer], library: Library, today: date
) -> Answer | None:
    """The pistes already given, ranked, with why the first one comes first. None when no
    answer of the conversation has pistes."""
    topic = _topic(turns)
    if not any(t.pistes for t in topic):
        return None
    ids: list[str] = []
    for t in reversed(topic):  # the last answer's pistes first, then the earlier ones
        ids += [p["id"] for p in t.pistes if p["id"] in library.documents]
        ids += [c.document for c in t.contacts if c.document in library.documents]
    ids = [i for i in dict.fromkeys(ids) if not is_declined(library.documents[i], profile)]
    docs = [library.documents[i] for i in ids if library.documents[i].kind != "guide"]
    organisations = [d for d in docs if d.kind == "organisation"]
    docs = organisations if len(organisations) >= 2 else docs
    place = profile.territory or (profile.places[0] if profile.places else None)
    chosen = {t.handoff_to.document for t in topic if t.handoff_to}
    here = [d for d in docs if not place or d.id in chosen or library.g.applies(
        d.territories, place, d.excluded_territories)]
    # a branch for another place, only asked about, is no first contact (one the person asked
    # to be put in touch with stays: it is their choice)
    docs = here or docs
    if not docs:
        return None
    # the needs of the whole topic: "qui en premier, entre tout ça ?" weighs them all
    needs = tuple(dict.fromkeys(n for t in topic for n in t.profile.needs))
    profile_all = replace(profile, focus=profile.focus, needs=needs or profile.needs)
    position = {d.id: n for n, d in enumerate(docs)}
    ranked = sorted(
        docs, key=lambda d: (-_reasons(d, profile_all, library)[0], position[d.id])
    )
    composer = ExtractiveComposer()
    cites = _Citations(today)
    fits: list[Fit] = []
    for d in ranked[:3]:
        hit = library.hit(d.id)
        if hit:
            fits.append(assess(hit, profile, today, named=True))
    if not fits:
        return None
    first = fits[0]
    _, why = _reasons(first.doc, profile_all, library)
    lead = (f"Je contacterais d'abord **{_short_name(first.doc)}** "
            f"[{cites.cite(first.doc, composer._card_passage(first))}]")
    said = why[:2] + [w for w in why[2:] if w.startswith("elle couvre")]
    lead += (" : " + " ; ".join(said) + ".") if said else "."
    others = [f"**{_short_name(f.doc)}** [{cites.cite(f.doc, composer._card_passage(f))}]"
              + (f" ({composer._why_short(f)})" if composer._why_short(f) else "")
              for f in fits[1:]]
    if len(others) == 2:
        lead += f" Ensuite {others[0]}, puis {others[1]}."
    elif others:
        lead += f" Ensuite {others[0]}."
    blocks = [lead + "\n" + understood_line(profile)]
    place = profile.territory or (profile.places[0] if profile.places else None)
    contacts = composer._contacts(fits[:2], cites, library, place)
    if contacts:
        blocks.append(composer._contact_block(contacts, fits[:2], profile))
    pistes = [{"id": f.doc.id, "group": f.group, "named": True, "met": f.met,
               "unknown": f.unknown, "links": ["first_contact"]} for f in fits]
    return Answer(question, "\n\n".join(blocks), cites.sources, contacts, None, profile, True,
                  pistes)
