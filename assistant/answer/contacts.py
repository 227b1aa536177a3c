"""The contacts of an answer: only organisations that take requests from project holders, for
the place asked, with what to prepare said once."""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlparse

from ..corpus.documents import Contact, Document, is_press
from ..language import vocab
from ..language.profile import Profile
from ..language.territory import gazetteer
from ..language.text import fold
from .choose import takes_requests
from .fit import Fit
from .library import Library
from .model import ContactCard, _Citations
from .sentences import _french_list

MAX_CONTACTS = 3
#: a page that is an article, a news list or an archive ("/actualites/...", "/tag/garanties/",
#: "/author/...", "/2018/01/..."): where a fact was read, not where to write to someone
ARTICLE = re.compile(
    r"/(actualites?|actus?|news|blog|tag|author|category|categorie|on-parle-de-nous|stories|presse"
    r"|articles?|post|historique(?:-[a-z0-9-]+)?|histoire|espace-presse|communiques?"
    r"|\d{4}/\d{2})(/|$)", re.I)
#: words of organisations' names that say nothing of whose site it is
GENERIC = {"ville", "departement", "region", "reseau", "association", "union", "regionale",
           "services", "service", "etat", "groupe", "plateforme", "territoire", "votre",
           "site", "regional", "national", "nationale", "maison", "fondation", "conseil"}


@cache
def _place_words() -> frozenset[str]:
    return frozenset(w for p in gazetteer().places.values() for w in fold(p.name).split()
                     if len(w) >= 4)


#: words of local authorities' site names
BODY_HOSTS = ("agglo", "metropole", "mairie", "ville", "communaute", "departement", "cc")
#: the last part of a page's address that reads like an article's title ("lunea-fete-ses-30-
#: ans-cest-ensemble-que-nous-pouvons-grandir"), unless it is a page to act on
SLUG_ACT = re.compile(r"contact|adher|candidat|rejoindre|inscri|permanence|accompagn|demande"
                      r"|formulaire|appel|aide|dispositif|financ|pret|garantie|service"
                      r"|subvention|faq|demarche|prix|concours|programme|incubat")


def _article_slug(path: str) -> bool:
    last = [p for p in path.split("/") if p]
    if not last:
        return False
    slug = re.sub(r"\.(html?|php|aspx?)$", "", last[-1].lower())
    return slug.count("-") >= 6 and not SLUG_ACT.search(slug)


def contact_page(url: str | None, organisation: str | None, strict: bool = False) -> str | None:
    """Where to reach the organisation on the web: the page given, or the home page of its own
    site when the page is an article of it; nothing when it is the press or an article on
    someone else's site (the CRESS Occitanie "contacted" through an Avise news item).
    ``strict``: a page whose address reads like an article's title counts as an article too
    (for organisations: an interview on a consultant's blog is no way to reach them)."""
    if not url or is_press(url):
        return None
    parts = urlparse(url)
    if not ARTICLE.search(parts.path) and not (strict and _article_slug(parts.path)):
        return url
    hostname = (parts.hostname or "").lower()
    bare = hostname.removeprefix("www.")
    host = fold(hostname.replace(".", " ").replace("-", " ")).replace(" ", "")
    # "Fab-T" is "fabt" in its host name
    name = fold(re.sub(r"(?<=\w)-(?=\w\b)", "", organisation or "")).split()
    words = [w for w in name if len(w) >= 4 and w not in GENERIC]
    places = [w for w in words if w in _place_words()]
    own = (
        # the State's own sites (a prefecture for its DDETS, the ministry for its DRAC)
        bare.endswith("gouv.fr")
        # a site named after the organisation ("franceactive-ara", "scopoccitanie")
        or any(w in host for w in words if w not in places)
        or any(len(a + b) >= 6 and a + b in host for a, b in zip(name, name[1:], strict=False))
        # a town's or a department's site for its own services ("lyon.fr" for the Ville de
        # Lyon; not "cros-mayotte.fr" for the CRESS de Mayotte)
        or any(bare.startswith(w) for w in places)
        # an intercommunality's site named after its town ("aggloroanne.fr" for Roannais
        # Agglomération, "agglo-villefranche.fr")
        or (any(b in host for b in BODY_HOSTS) and any(w[:5] in host for w in words
                                                        if len(w) >= 5))
    )
    return f"{parts.scheme}://{parts.hostname}/" if own else None


def own_channel(doc: Document, place: str | None = None) -> Contact | None:
    """The first contact with an e-mail, a phone or a page of the organisation's own, else its
    own main page; None when the sources give only the press or someone else's article. A
    contact that serves other places than ``place`` is skipped."""
    strict = doc.kind == "organisation"
    g = gazetteer()
    for c in doc.contacts:
        if c.territories and place and not g.applies(c.territories, place):
            continue  # the Banque alimentaire d'Auvergne, asked from the Ain
        page = contact_page(c.url, c.organisation or doc.organisation, strict)
        if c.email or c.phone or page:
            return c.model_copy(update={"url": page})
    own = contact_page(doc.url, doc.organisation, strict)
    return Contact(organisation=doc.organisation, url=own) if own else None


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


class ContactMixin:
    """The « À contacter » block and its contact cards."""

    # -- contacts ----------------------------------------------------------------------------
    def _contacts(
        self, fits: list[Fit], cites: _Citations, library: Library | None = None,
        place: str | None = None,
    ) -> list[ContactCard]:
        cards: list[ContactCard] = []
        seen: set[str] = set()
        # the service where a national scheme is applied for comes right after the scheme
        fits = [f for fit in fits
                for f in ((fit, Fit(fit.through)) if fit.through else (fit,))]
        for fit in fits:
            doc = fit.doc
            if len(cards) >= MAX_CONTACTS or not takes_requests(doc):
                continue
            contact = own_channel(doc, place)
            if contact is None and any(c.territories for c in doc.contacts):
                continue  # its contacts serve other places: none to offer here
            if contact is None and library is not None and doc.network:
                # only a press article about it: the network's directory finds its address
                finder = library.finder(doc.network)
                page = library.documents[finder].url if finder else None
                if page and not is_press(page):
                    role = next((c.role for c in doc.contacts if c.role), None)
                    # the network's directory, said as such: no own page of theirs is known
                    via = "coordonnées dans l'annuaire du réseau"
                    contact = Contact(organisation=doc.organisation,
                                      role=f"{role}, {via}" if role else via, url=page)
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
