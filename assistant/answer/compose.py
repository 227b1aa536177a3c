"""Compose the answer an adviser would send, in French, every sentence cited.

No language model is available offline, so the composer is extractive: each sentence that states a
fact is a whole sentence of a document (or a plain statement of its fields) with the marker [n] of
the passage that holds it. The answer is built in this order:

1. **What fits.** Every retrieved document is checked against the person (:mod:`.fit`); only
   those with a reason to be there become pistes, with no fixed number. A document named in the
   question comes first; a network's head office gives way to its branch for the place.
2. **The lead.** Two or three sentences that answer the question as asked: what the named
   organisation is and whether it is for them, yes or no and how, the steps, or where to start.
   A thinly covered place is said so, with the national networks' way to find a local branch.
3. **The pistes**, grouped by what they do for the person, each with why it fits, what is still
   to check, and whole sentences about eligibility, the offer, amounts, how to apply and dates.
4. **The contacts**: only organisations that take requests from project holders, for the place
   asked; what to prepare is said once.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .. import vocab
from ..documents import Contact, Document, is_press
from ..lexical import analyse
from ..retrieve import Hit, Passage
from ..territory import gazetteer
from ..text import fold
from ..understand import Profile, place_label
from ..zones import SOURCE as FRR_SOURCE
from ..zones import frr_status
from .fit import GROUP_ORDER, Fit, assess
from .library import Library, asking_sentence
from .model import Answer, ContactCard, Source
from .sentences import Sentence, is_history, readable, sentences
from .state import is_declined, said_changes
from .timing import status_line

ENGLISH_NOTE = (
    "_Je réponds en français, la langue des sources (I answer in French, the "
    "language of the sources)._"
)
MAX_PISTES = 5
MAX_CONTACTS = 3
ABOUT = re.compile(
    r"\b(?:c est quoi|c quoi|qu est ce que|qu est ce qu|c est qui|qui est|qui sont"
    r"|comment ca marche|comment marche|comment fonctionne|comment ca fonctionne"
    r"|ca marche comment|parlez moi"
    r"|connaissez vous|vous connaissez|c est un|c est une|que fait|que propose|que font"
    r"|c est pour nous|c est pour moi|est ce pour nous|est ce pour moi|peuvent ils|peut il"
    r"|peut elle|ils peuvent|elle peut|il peut|pourraient ils|faut rembourser"
    # what a follow-up asks about an organisation just cited ("ils font quoi, eux ?")
    r"|font quoi|fait quoi|c est payant|c payant|c est gratuit|c gratuit|est ce payant"
    r"|est ce gratuit|prend les projets|prennent les projets|c est ou|c ou|ils sont ou"
    r"|elle est ou|il est ou|c est le meme|c est la meme|c est mieux|c est pareil"
    r"|il est a|elle est a|ils sont a|elles sont a|est il a|est elle a|sont ils a)\b"
)
YESNO = re.compile(
    r"^(?:\w+ )?(?:est ce que|est ce qu|peut on|on peut|avons nous|a t on|ai je|puis je"
    r"|pouvons nous|faut il|est il possible|c est possible|est ce possible)\b"
    r"|\b(?:est ce que|est ce qu|peut on|on peut|a t on droit|avons nous droit|ai je droit"
    r"|on a droit|c est pour nous|c est pour moi|ca nous servirait|peut elle|peut il"
    r"|pourrait on|pourrions nous|est ce possible|y a t il droit)\b"
)
STEPS = re.compile(
    r"\b(?:comment (?:on )?(?:cree|creer|monte|monter|fait|faire|s y prend|demarrer|devenir"
    r"|obtenir|demander|proceder|choisir)|quelles (?:sont les )?etapes|les etapes|par ou commencer"
    r"|quelles demarches|les demarches|marche a suivre|comment on s y prend)\b"
)
SEE_ALSO = re.compile(
    r"\((?:voir|cf\.?)\b|\bvoir (?:cette|la|les) fiches?\b|\bvoir aussi\b|\bci-dessous\b"
    r"|\bcette fiche\b|\bnos sources\b|\bpages? (?:lues?|consult[ée]es?)\b",
    re.I,
)
LABEL = re.compile(r"^(?:Comment|Où|Quand|Qui|Quoi|Pourquoi)\s*:\s*")
#: a sentence that opens on a pronoun needs the one before it: used only when nothing else says it
PRONOUN = re.compile(r"^(?:Il|Elle|Ils|Elles|Ce|Cette|Ces|Celui|Celle|Cela|Leur|Son|Sa|Ses)\b")
STEP = re.compile(r"^\s*[ÉéEe]tape\s*\d+\s*[:.–-]\s*")
ID_LIKE = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+){1,}\b")


def question_kind(question: str, named: bool) -> str:
    """named (about one organisation), yesno, steps or list."""
    folded = fold(question)
    if named and (ABOUT.search(folded) or len(folded.split()) <= 6):
        return "named"
    if YESNO.search(folded):
        return "yesno"
    if STEPS.search(folded):
        return "steps"
    return "list"


def understood(profile: Profile) -> str:
    g = gazetteer()
    bits = []
    if profile.territory:
        bits.append(profile.territory_label or g.label(profile.territory))
    elif profile.places:
        bits.append(" et ".join(place_label(c) for c in profile.places))
    elif profile.nationwide:
        bits.append("toute la France")
    bits += [vocab.NEEDS.get(n, "financement") for n in profile.needs]
    bits += [vocab.THEMES[t] for t in profile.themes]
    if profile.audience:
        bits.append(vocab.AUDIENCES[profile.audience])
    if profile.stage:
        bits.append("stade : " + vocab.STAGES[profile.stage])
    return ", ".join(bits)


def understood_line(profile: Profile) -> str:
    """ "_J'ai compris : Vienne (38), accompagnement (lieu corrigé : Vienne (38) au lieu de Lyon
    (69))._": what was understood and what this turn changed."""
    what = understood(profile)
    changed = said_changes(profile)
    if not what and not changed:
        return ""
    return f"_J'ai compris : {what}" + (f" ({changed})" if changed else "") + "._"


def _french_list(parts: list[str]) -> str:
    """ "a", "a et b", "a, b et c" """
    parts = [p for p in parts if p]
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]


def prepare_list(doc: Document) -> tuple[str, ...]:
    """What to prepare before contacting the organisation: the document's own list first."""
    own = doc.metadata.get("prepare")
    items: list[str] = [own] if isinstance(own, str) else list(own or [])
    if doc.kind == "call":
        items.append(vocab.PREPARE_CALL)
    items.append(vocab.PREPARE_COMMON)
    # the call's own rules already cover a contest's rules and deadline
    needs = [n for n in doc.needs if not (doc.kind == "call" and n == "prix")]
    atoms = list(dict.fromkeys(a for n in needs for a in vocab.PREPARE.get(n, ())))[:3]
    if atoms:
        items.append(_french_list(atoms))
    return tuple(dict.fromkeys(str(i) for i in items))[:3]


#: where a document an adviser adds (a network's branch for the place) ranks among the retrieved
ADVISED_RANK = 6
FINANCING = set(vocab.FINANCING_NEEDS) | {"financement"}


def advised_networks(profile: Profile) -> list[str]:
    """The networks an adviser sends this person to for what they ask, whatever the wording:
    France Active for loans, guarantees and equity; Initiative for a prêt d'honneur; the Adie
    for a micro-loan without a bank; the DLA to consolidate an employer structure; the URSCOP for
    a cooperative; the CRESS to be oriented."""
    needs = set(profile.needs)
    who, stage = profile.audience, profile.stage
    out: list[str] = []
    business = profile.planned not in ("association", "collectivite") and who in (
        "porteur_projet", "entreprise")
    if needs & {"garantie", "pret", "investissement"} or (
        "financement" in needs and who not in ("association", "collectivite", None)
    ):
        out.append("france-active")
    if "pret_honneur" in needs or ("financement" in needs and business):
        out.append("initiative-france")
    if ("pret" in needs or "financement" in needs) and business:
        out.append("adie")
    existing = who in ("association", "structure_insertion", "cooperative", "entreprise_esus")
    if needs & {"accompagnement", "information"} and existing and stage != "creation":
        out.append("dla")
    if "cooperative" in (who, profile.planned):
        out.insert(0, "urscop")  # Scop and Scic: their regional union first
    elif who == "porteur_projet" and needs & {"information"}:
        out.append("cress")
    out = [n for n in out if f"network:{n}" not in profile.declined]
    return out[:3]


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


def prepare_advice(docs: list[Document], profile: Profile | None = None) -> str:
    """What to prepare before contacting these organisations, each thing named once: for the
    needs the person asked about (else what each organisation mainly does)."""
    atoms: list[str] = [vocab.PREPARE_COMMON]
    asked = profile.need_keys() if profile else set()
    for doc in docs:
        needs = [n for n in doc.needs if not (doc.kind == "call" and n == "prix")]
        needs = [n for n in needs if n in asked] or needs[:1]
        atoms += [a for n in needs for a in vocab.PREPARE.get(n, ())]
        own = doc.metadata.get("prepare")
        atoms += [own] if isinstance(own, str) else list(own or [])
    if any(d.kind == "call" for d in docs):
        atoms.append(vocab.PREPARE_CALL)
    atoms = list(dict.fromkeys(atoms))[:5]
    return _french_list(atoms)


def takes_requests(doc: Document) -> bool:
    if doc.takes_requests is not None:
        return doc.takes_requests
    return doc.kind == "organisation"


@lru_cache(maxsize=8192)
def _places_named(sentence: str) -> tuple[str, ...]:
    from ..places import find_mentions

    mentions, _ = find_mentions(sentence)
    return tuple(c for m in mentions if len(m.codes) == 1 for c in m.codes)


class _Citations:
    """Numbers passages in order of first citation; the same passage keeps its number."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.sources: list[Source] = []
        self._n: dict[str, int] = {}

    def cite(self, doc: Document, passage) -> int:
        chunk = getattr(passage, "chunk", passage)
        if chunk.id not in self._n:
            n = len(self.sources) + 1
            self._n[chunk.id] = n
            self.sources.append(
                Source(
                    n=n,
                    id=doc.id,
                    title=doc.title,
                    url=doc.url,
                    kind=doc.kind,
                    organisation=doc.organisation,
                    territories=list(doc.territories),
                    deadline=doc.deadline.isoformat() if doc.deadline else None,
                    status=doc.status(self.today),
                    passage=chunk.text,
                    headings=list(chunk.headings),
                    chunk_id=chunk.id,
                    last_checked=doc.last_checked.isoformat() if doc.last_checked else None,
                )
            )
        return self._n[chunk.id]


class ExtractiveComposer:
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
        kind = question_kind(question, bool(named))
        if kind == "named" and clarification and clarification.startswith("Que cherchez-vous"):
            clarification = None  # the question says what it is about: an organisation
        fits = self._fits(question, hits, named, profile, today, library, kind)
        thin = library.thin(place) if place and not profile.nationwide else False
        cites = _Citations(today)
        subject = self._subject(kind, fits, hits, named, profile, today)
        if not fits and subject is None:
            return self._nothing(question, profile, clarification, library, cites, place, thin)
        finders = [
            Fit(h, named=True, links=["finder"])
            for h in (library.hit(d.id) for d in self._finders(library, fits, profile)) if h
        ] if thin else []
        lead = self._lead(kind, profile, fits, subject, thin, library, cites, place, question)
        blocks = [lead]
        shown = fits
        shown_named: list[Fit] = []
        if kind == "named" and fits:
            # the organisation asked about is the answer; a few others only if they do what
            # is asked
            shown = [f for f in fits[1:] if any(x.startswith("need:") for x in f.links)][:2]
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
        if finders:
            blocks.append("**Trouver le relais local**")
            blocks += [self._finder(f, cites, place) for f in finders]
        displayed = fits if kind != "named" else fits[:1] + shown_named
        contacts = self._contacts(displayed, cites, library)
        if contacts:
            blocks.append(self._contact_block(contacts, displayed, profile))
        if profile.language == "en":
            blocks.insert(0, ENGLISH_NOTE)
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

    # -- what fits ---------------------------------------------------------------------------
    @staticmethod
    def _named(question: str, profile: Profile, library: Library) -> list[str]:
        """Documents the question names, the branch for the place when a network is named."""
        place = profile.territory or (profile.places[0] if profile.places else None)
        out: list[str] = []
        for match in library.names_in(question):
            if match.network:
                # its branch for the place, else how to find it (the network was asked about)
                branch = library.branch(match.network, place) or library.finder(match.network)
                if branch:
                    out.append(branch)
                continue
            docs = [library.documents[d] for d in match.docs if d in library.documents]
            local = [
                d for d in docs
                if place and library.g.applies(d.territories, place, d.excluded_territories)
            ]
            pool = local or docs
            if pool:
                pool.sort(key=lambda d: (d.kind != "organisation", library.breadth(d)))
                out.append(pool[0].id)
        return list(dict.fromkeys(out))

    def _fits(self, question, hits, named, profile, today, library, kind="list") -> list[Fit]:
        """The pistes: documents that fit, ranked as an adviser would (named first, then what
        does what is asked, the local body before the national one), at most ``max_pistes``."""
        place = profile.territory or (profile.places[0] if profile.places else None)
        by_id = {h.doc.id: h for h in hits}
        rank = {h.doc.id: i for i, h in enumerate(hits)}
        candidates: list[Hit] = []
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
                        hit = by_id.get(branch) or library.hit(branch) or hit
            candidates.append(hit)
        # the networks an adviser names for this need, in their branch for the place, even
        # when the wording of the question did not bring them up
        for network in advised_networks(profile):
            branch = library.branch(network, place) if place else library.national(network)
            if branch and branch not in by_id:
                hit = library.hit(branch)
                if hit:
                    rank.setdefault(branch, ADVISED_RANK)
                    candidates.append(hit)
        seen: set[str] = set()
        finders = set(library.finders())
        concepts = library.concepts_in(question, profile.hiring)
        implied = library.implied_in(question, profile.hiring)
        for doc_id in sorted(concepts):
            if doc_id not in by_id:
                hit = library.hit(doc_id)
                if hit:
                    rank.setdefault(doc_id, ADVISED_RANK)
                    candidates.append(hit)
        # a guide is a piste when it is among the closest to the question (how to do
        # something: the guide about that thing may rank lower than the guides of its context)
        top = {h.doc.id for h in hits[: 8 if kind == "steps" else 3]}
        fits: list[Fit] = []
        for hit in candidates:
            doc = hit.doc
            if doc.id in seen:
                continue
            seen.add(doc.id)
            if doc.id not in named and is_declined(doc, profile):
                continue  # "l'URSCOP, on préfère pas": not offered again
            fit = assess(hit, profile, today, named=doc.id in named, concept=doc.id in concepts,
                         implied=doc.id in implied)
            if not fit.fits:
                continue
            if doc.id in finders and not fit.named:
                continue  # how to find a network's branch: said when the place is thinly covered
            if doc.kind == "guide" and not fit.named and doc.id not in top:
                continue  # a guide is a piste when it is among the closest to the question
            if place is None and "FR" not in doc.territories and not fit.named:
                continue  # the place is not known yet: only what applies everywhere
            if doc.id not in by_id and not fit.named and not _applies(doc, profile, library):
                continue  # added beside the retrieval (a concept, a network): same place rule
            fits.append(fit)
        # a document that only matches the theme is shown when nothing does what is asked
        strong = [
            f for f in fits
            if f.named or "concept" in f.links
            or any(x.startswith(("need:", "near:")) for x in f.links)
        ]
        if strong and profile.needs:
            fits = strong
        guides_found = [f for f in fits if f.doc.kind == "guide"]
        if kind == "steps" and guides_found:
            # how to do what the question asks: the guide about that very thing leads
            self._steps_guide(guides_found, question).links.append("asked")
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
        )
        out: list[Fit] = []
        networks: set[str] = set()
        guides = 0
        for fit in fits:
            doc = fit.doc
            if doc.network in library.members and doc.kind == "organisation" and not fit.named:
                if doc.network in networks:
                    continue  # one member of a network: the one that covers the place
                networks.add(doc.network)
            if doc.kind == "guide" and not fit.named:
                guides += 1
                if guides > (2 if kind == "steps" else 1):
                    continue
            out.append(fit)
        return out[: self.max_pistes]

    @staticmethod
    def _finders(library: Library, fits: list[Fit], profile: Profile) -> list[Document]:
        """How to find the local branch of the networks that do what is asked (the CRESS to be
        oriented when nothing more precise applies)."""
        shown = {f.doc.id for f in fits}
        wanted = advised_networks(profile) or ["cress"]
        if "cress" not in wanted:
            wanted.append("cress")
        out = []
        for network in wanted[:3]:
            found = library.finder(network)
            if found and found not in shown:
                out.append(library.documents[found])
        return out

    @staticmethod
    def _subject(kind, fits, hits, named, profile, today) -> Fit | None:
        """What a yes/no question is about: the organisation or the aid it names (its
        conditions decide yes or no). A question that names nothing the corpus has gets no
        verdict on another document: the pistes are listed instead."""
        if kind != "yesno":
            return fits[0] if fits else None
        if fits and fits[0].named:
            return fits[0]
        concept = next((f for f in fits if "concept" in f.links), None)
        if concept:
            return concept
        # "peut-on être incubés ?": the kind of help asked is the subject, and the best piste
        # that gives it answers; a vague need ("des infos") is no subject
        asked = {f"need:{n}" for n in profile.needs if n not in ("information", "financement")}
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
    def _coverage(place, library: Library) -> str:
        label = place_label(place) if place else "ce territoire"
        n = library.local_count(place)
        if place and "REG:84" in library.g.ancestors(place):
            return (
                f"Pour {label}, je n'ai que {n} source(s) locale(s) : les réseaux régionaux et "
                "nationaux ci-dessous ont un relais près de chez vous, demandez-le-leur."
            )
        return (
            "Mes sources couvrent surtout l'Auvergne-Rhône-Alpes et les dispositifs nationaux : "
            f"pour {label}, je n'ai que {n} source(s) locale(s). Les réseaux nationaux ont une "
            "antenne près de chez vous : demandez-leur le relais local."
        )

    # -- the lead ----------------------------------------------------------------------------
    def _lead(self, kind, profile, fits, subject, thin, library, cites, place, question) -> str:
        lines: list[str] = []
        if thin:
            lines.append(self._coverage(place, library))
        top = fits[0] if fits else None
        if top and kind == "named":
            lines.append(self._about(top, profile, cites, place))
        elif subject and kind == "yesno":
            lines.append(self._verdict(subject, profile, cites, place))
        elif top and kind == "steps":
            lines.append(self._steps(fits, cites, place, question))
        elif fits:
            lines.append(self._start_with(fits, profile, cites))
        what = understood_line(profile)
        if what:
            lines.append(what)
        return "\n".join(lines)

    def _about(self, fit: Fit, profile: Profile, cites: _Citations, place) -> str:
        """The organisation asked about: what it is, whether it is for them, what it offers,
        how to apply and when."""
        doc = fit.doc
        card = self._card_passage(fit)
        verdict, used = self._verdict_sentence(fit, profile, cites, place)
        head = f"**{doc.title}** : {doc.summary.rstrip('.')}. [{cites.cite(doc, card)}] "
        lines = [head + verdict]
        chosen = [
            s for s in self._pick(fit, ("what", "who", "how"), 3, profile, place) if s is not used
        ]
        if chosen:
            lines.append(" ".join(f"{readable(s)} [{cites.cite(doc, s.chunk)}]" for s in chosen))
        if doc.amount and not any(doc.amount in s.text for s in chosen):
            lines.append(f"Montant : {doc.amount}. [{cites.cite(doc, card)}]")
        when = status_line(doc, cites.today)
        if when:
            holder = self._role_passage(fit, "when") or card
            lines.append(f"{when} [{cites.cite(doc, holder)}]")
        return "\n".join(lines)

    def _verdict(self, fit: Fit, profile: Profile, cites: _Citations, place=None) -> str:
        doc = fit.doc
        base, used = self._verdict_sentence(fit, profile, cites, place)
        how = [s for s in self._pick(fit, ("how",), 2, profile, place) if s is not used][:1]
        tail = " ".join(f"{readable(s)} [{cites.cite(doc, s.chunk)}]" for s in how)
        return base + (f" Comment faire : {tail}" if tail else "")

    def _verdict_sentence(
        self, fit: Fit, profile: Profile, cites: _Citations, place=None
    ) -> tuple[str, Sentence | None]:
        """Yes or no on the conditions only (who may apply, stage, place, zone, dates), with the
        document's own sentence on who it is for; the sentence used is returned so that it is
        not said twice."""
        doc = fit.doc
        who = self._pick(fit, ("who",), 1, profile, place)
        sentence = who[0] if who else None
        anchor = cites.cite(doc, sentence.chunk if sentence else self._who_passage(fit))
        quoted = f" {_capitalise(readable(sentence))}" if sentence else ""
        if fit.failed:
            return (
                f"A priori, ce n'est pas pour vous : {_french_list(fit.failed)}.{quoted} "
                f"[{anchor}]",
                sentence,
            )
        if fit.unknown:
            return (
                f"Oui, si votre projet remplit ces conditions : {_french_list(fit.unknown)}."
                f"{quoted} [{anchor}]",
                sentence,
            )
        if sentence:
            return f"Oui, c'est ouvert à votre situation.{quoted} [{anchor}]", sentence
        return (
            f"Oui : rien dans les conditions de la fiche n'exclut votre projet. [{anchor}]",
            None,
        )

    @staticmethod
    def _steps_guide(fits: list[Fit], question: str) -> Fit:
        """The guide whose subject is what the question asks how to do ("comment créer une
        SCIC" -> the SCIC guide, not the guide of the shop the SCIC would run)."""
        guides = [f for f in fits if f.doc.kind == "guide"] or fits[:1]
        asked = set(analyse(asking_sentence(question)))

        def score(f: Fit) -> tuple[int, bool, int]:
            title = set(analyse(f.doc.title))
            return (len(title & asked), "asked" in f.links, -fits.index(f))

        return max(guides, key=score)

    def _steps(self, fits: list[Fit], cites: _Citations, place, question: str) -> str:
        """A guide's steps in order: the first sentence under each "Étape" heading, or its
        how-to sentences."""
        guide = self._steps_guide(fits, question)
        usable = self._usable(guide, place)
        by_step: dict[str, Sentence] = {}
        for s in usable:
            if STEP.match(s.heading) and s.heading not in by_step:
                by_step[s.heading] = s
        doc = guide.doc
        if len(by_step) >= 2:
            items = [
                f"{i}. {_capitalise(STEP.sub('', h).strip().rstrip('.'))} : "
                f"{LABEL.sub('', s.text)} "
                f"[{cites.cite(doc, s.chunk)}]"
                for i, (h, s) in enumerate(by_step.items(), start=1)
            ]
        else:
            steps = [s for s in usable if s.role == "how"][:4]
            if not steps:
                return self._start_with(fits, None, cites)
            items = [
                f"{i}. {s.text} [{cites.cite(doc, s.chunk)}]" for i, s in enumerate(steps, start=1)
            ]
        return f"Les étapes, d'après « {doc.title} » :\n" + "\n".join(items[:6])

    def _start_with(self, fits: list[Fit], profile: Profile | None, cites: _Citations) -> str:
        """The first two pistes, as an adviser says them: what the question names first, then
        the bodies that take requests."""
        ordered = sorted(
            fits,
            key=lambda f: (f.next_edition and not f.named,
                           not (f.named or "concept" in f.links), not takes_requests(f.doc)),
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

    # -- one piste ---------------------------------------------------------------------------
    def _piste(self, fit: Fit, kind: str, profile: Profile, cites: _Citations, place) -> str:
        doc = fit.doc
        kind_label = vocab.KINDS[doc.kind].lower()
        lines = [f"**{doc.title}** — {kind_label}"]
        anchor = cites.cite(doc, self._who_passage(fit))
        why = []
        if fit.met:
            why.append("Pour vous : " + _french_list(fit.met) + ".")
        if fit.unknown:
            why.append("À vérifier : " + _french_list(fit.unknown) + ".")
        if why:
            lines.append(" ".join(why) + f" [{anchor}]")
        frr = self._frr_sentence(fit, profile)
        if frr:
            lines.append(f"{frr} [{anchor}]")
        roles = ("who", "what", "amount", "how") if kind != "named" else ("what", "how")
        count = 3 if fit.named else 2
        chosen = self._pick(fit, roles, count, profile, place)
        if not chosen and doc.summary:
            lines.append(f"{doc.summary.rstrip('.')}. [{cites.cite(doc, self._card_passage(fit))}]")
        elif chosen:
            lines.append(" ".join(f"{readable(s)} [{cites.cite(doc, s.chunk)}]" for s in chosen))
        if doc.amount and not any(doc.amount in s.text for s in chosen):
            lines.append(f"Montant : {doc.amount}. [{cites.cite(doc, self._card_passage(fit))}]")
        when = status_line(doc, cites.today)
        if when:
            holder = self._role_passage(fit, "when") or self._card_passage(fit)
            lines.append(f"{when} [{cites.cite(doc, holder)}]")
        return "\n".join(lines)

    @staticmethod
    def _frr_sentence(fit: Fit, profile: Profile) -> str | None:
        if "frr" not in fit.doc.zones or not profile.territory:
            return None
        status = frr_status(profile.territory)
        if status is None:
            return None
        name = gazetteer().label(status.commune)
        return f"{status.sentence(name)}, d'après la {FRR_SOURCE}."

    def _pick(self, fit: Fit, roles, count: int, profile: Profile | None, place) -> list[Sentence]:
        """Whole sentences of the document, one per role in order, then the best remaining."""
        pool = self._usable(fit, place)
        if profile is not None:
            words = set(fold(" ".join(vocab.NEEDS.get(n, n) for n in profile.needs)).split())
            # who it is for: the sentence about the person's kind of structure
            for who in (profile.audience, profile.planned):
                words |= AUDIENCE_WORDS.get(who, set())
        else:
            words = set()
        chosen: list[Sentence] = []
        for role in roles:
            options = [s for s in pool if s.role == role and s not in chosen]
            if options:
                best = max(options, key=lambda s: (len(words & set(fold(s.text).split())),
                                                   not PRONOUN.match(s.text), -s.position))
                chosen.append(best)
            if len(chosen) >= count:
                break
        return sorted(chosen, key=lambda s: s.position)[:count]

    def _usable(self, fit: Fit, place) -> list[Sentence]:
        doc = fit.doc
        return [
            s for s in sentences(doc, fit.hit.chunks)
            if not SEE_ALSO.search(s.text)
            and not self._internal_ids(s.text)
            and (s.role == "about" or not is_history(s.text))
            and not self._elsewhere(s.text, doc, place)
        ]

    def _in_order(self, fit: Fit, roles, count: int, place) -> list[Sentence]:
        """The document's own sentences of these roles, in its order (the steps of a guide)."""
        return [s for s in self._usable(fit, place) if s.role in roles][:count]

    @staticmethod
    def _internal_ids(text: str) -> bool:
        return any("-" in m and m.count("-") >= 1 and not m[0].isdigit()
                   and m.lower() == m for m in ID_LIKE.findall(text)
                   if len(m) > 12)

    @staticmethod
    def _elsewhere(sentence: str, doc: Document, place: str | None) -> bool:
        """A sentence of a wider document about another place than the one asked ("dans le
        Rhône, ..." in a national document, asked from Brest): left out."""
        if not place:
            return False
        g = gazetteer()
        for code in _places_named(sentence):
            if code in ("FR",) or code in doc.territories:
                continue
            if not (code == place or code in g.ancestors(place) or place in g.ancestors(code)):
                return True
        return False

    @staticmethod
    def _card_passage(fit: Fit):
        return next((c for c in fit.hit.chunks if c.n == 0), fit.hit.passages[0].chunk)

    def _role_passage(self, fit: Fit, role: str):
        s = next((s for s in sentences(fit.doc, fit.hit.chunks) if s.role == role), None)
        return s.chunk if s else None

    def _who_passage(self, fit: Fit):
        return self._role_passage(fit, "who") or self._card_passage(fit)

    def _finder(self, fit: Fit, cites: _Citations, place) -> str:
        doc = fit.doc
        anchor = cites.cite(doc, self._card_passage(fit))
        how = self._pick(fit, ("how", "what"), 1, None, place)
        line = f"**{doc.title}** — {doc.summary.rstrip('.')}. [{anchor}]"
        if how:
            line += "\n" + " ".join(f"{readable(s)} [{cites.cite(doc, s.chunk)}]" for s in how)
        return line

    # -- contacts ----------------------------------------------------------------------------
    def _contacts(
        self, fits: list[Fit], cites: _Citations, library: Library | None = None
    ) -> list[ContactCard]:
        cards: list[ContactCard] = []
        seen: set[str] = set()
        for fit in fits:
            doc = fit.doc
            if len(cards) >= MAX_CONTACTS or not takes_requests(doc):
                continue
            contact = next((c for c in doc.contacts if c.reachable()), None)
            if contact is None and doc.url and not is_press(doc.url):
                contact = Contact(organisation=doc.organisation, url=doc.url)
            if contact is None and library is not None and doc.network:
                # only a press article about it: the network's directory finds its address
                finder = library.finder(doc.network)
                page = library.documents[finder].url if finder else None
                if page and not is_press(page):
                    role = next((c.role for c in doc.contacts if c.role), None)
                    contact = Contact(organisation=doc.organisation, role=role, url=page)
            if contact is None:
                continue
            key = fold(contact.organisation or doc.organisation or doc.id)
            if key in seen:
                continue
            seen.add(key)
            n = cites.cite(doc, self._card_passage(fit))
            cards.append(
                ContactCard(
                    contact.organisation or doc.organisation or doc.title,
                    contact.name,
                    contact.role,
                    contact.email,
                    contact.phone,
                    contact.url,
                    doc.id,
                    n,
                    prepare_list(doc),
                )
            )
        return cards

    @staticmethod
    def _contact_block(cards: list[ContactCard], fits: list[Fit], profile: Profile) -> str:
        lines = ["**À contacter**"]
        for c in cards:
            role = re.sub(r"\s*\([^)]*\)", "", c.role or "").strip(" ;,")
            role = f" — {role}" if role else ""
            ways = " · ".join(x for x in (c.email, c.phone, c.url) if x)
            lines.append(f"- **{c.organisation}**{role} : {ways} [{c.source}]")
        advice = prepare_advice(
            [f.doc for f in fits if f.doc.id in {c.document for c in cards}], profile
        )
        if advice:
            lines.append(f"Conseil : avant de les contacter, préparez {advice}.")
        return "\n".join(lines)

    # -- nothing fits ------------------------------------------------------------------------
    def _nothing(self, question, profile, clarification, library, cites, place, thin) -> Answer:
        where = f" pour {place_label(place)}" if place else ""
        text = (
            "Je n'ai trouvé dans mes sources aucun dispositif qui corresponde précisément à "
            f"cette demande{where}. Je préfère ne rien affirmer sans source."
        )
        if thin:
            text = self._coverage(place, library) + " " + text
        blocks = [text]
        helpers = []
        # a generalist network for a project asked about (a need, a kind of structure), not for
        # the weather or a restaurant in a known town
        if place and (profile.needs or profile.audience):
            networks = ["cress"]
            if profile.needs and set(profile.need_keys()) & FINANCING:
                networks.append("france-active")
            if profile.audience in ("association", "structure_insertion", "cooperative",
                                    "entreprise_esus"):
                networks.append("dla")  # the DLA serves employer structures that exist
            for network in networks:
                found = library.local_branch(network, place) or library.finder(network)
                hit = library.hit(found) if found else None
                if hit:
                    helpers.append(hit)
        contacts: list[ContactCard] = []
        if helpers:
            blocks[0] += (
                " Pour être orienté, adressez-vous à un réseau généraliste de votre territoire :"
            )
            fits = [Fit(h, named=True, links=["generalist"]) for h in helpers]
            for f in fits:
                anchor = cites.cite(f.doc, self._card_passage(f))
                blocks.append(f"**{f.doc.title}** — {f.doc.summary.rstrip('.')}. [{anchor}]")
            contacts = self._contacts(fits, cites, library)
            if contacts:
                blocks.append(self._contact_block(contacts, fits, profile))
        else:
            blocks[0] += (
                " Vous pouvez reformuler (le type d'aide cherché, le lieu, le thème du projet)."
            )
        what = understood_line(profile)
        if what:
            blocks[0] += f"\n{what}"
        if clarification:
            blocks.append(f"**Pour affiner :** {clarification}")
        if profile.language == "en":
            blocks.insert(0, ENGLISH_NOTE)
        return Answer(question, "\n\n".join(blocks), cites.sources, contacts, clarification,
                      profile, bool(helpers), [],
                      self._coverage(place, library) if thin else None)


#: words of a sentence about each kind of structure (to pick the "who" sentence that concerns it)
AUDIENCE_WORDS = {
    "association": {"association", "associations", "associatif", "associative"},
    "cooperative": {"cooperative", "cooperatives", "scop", "scic"},
    "entreprise_esus": {"esus", "entreprise", "entreprises", "societe", "societes", "ess"},
    "entreprise": {"entreprise", "entreprises", "societe", "societes", "tpe", "pme"},
    "structure_insertion": {"insertion", "siae", "iae"},
    "collectivite": {"collectivite", "collectivites", "commune", "communes"},
    "porteur_projet": {"creer", "creent", "createurs", "porteurs", "porteur"},
}


def _short_name(doc: Document) -> str:
    """How an adviser names it: the organisation, or the head of a call's title (the aid, not
    the administration that pays it)."""
    if doc.kind == "organisation" and doc.organisation:
        return doc.organisation
    head = doc.title
    for sep in (" : ", " – ", " — "):
        head = head.split(sep)[0]
    return head


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


__all__ = ["ExtractiveComposer", "Passage", "prepare_list", "question_kind", "understood"]
