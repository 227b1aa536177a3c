"""Compose the answer from retrieved passages, in French, with a [n] on every claim.

No language model is available offline, so the default composer is extractive: each sentence that
states a fact is taken from a passage (or from the front matter of the same document) and carries
that passage's marker. The :class:`Composer` protocol lets an LLM composer replace it later: it
receives the same hits and returns the same :class:`Answer`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Protocol

from . import vocab
from .documents import Contact, Document
from .lexical import analyse
from .retrieve import Hit, Passage
from .territory import gazetteer
from .understand import Profile

SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
SOON_DAYS = 30
ENGLISH_NOTE = (
    "_Je réponds en français, la langue des sources (I answer in French, the "
    "language of the sources)._"
)
SKIP_SECTIONS = ("contact", "source", "pour aller plus loin", "voir aussi")


@dataclass(frozen=True)
class Source:
    n: int
    id: str
    title: str
    url: str | None
    kind: str
    organisation: str | None
    territories: list[str]
    deadline: str | None
    status: str
    passage: str
    headings: list[str]
    chunk_id: str
    last_checked: str | None


@dataclass(frozen=True)
class ContactCard:
    organisation: str | None
    name: str | None
    role: str | None
    email: str | None
    phone: str | None
    url: str | None
    document: str
    source: int
    #: what to have at hand before calling (general advice unless the document says more)
    prepare: tuple[str, ...] = ()


@dataclass
class Answer:
    question: str
    answer: str
    sources: list[Source] = field(default_factory=list)
    contacts: list[ContactCard] = field(default_factory=list)
    clarification: str | None = None
    profile: Profile = field(default_factory=Profile)
    found: bool = False

    def as_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "sources": [asdict(s) for s in self.sources],
            "contacts": [asdict(c) for c in self.contacts],
            "clarification": self.clarification,
            "profile": self.profile.as_dict(),
            "found": self.found,
        }


class Composer(Protocol):
    def compose(
        self,
        question: str,
        profile: Profile,
        hits: list[Hit],
        today: date,
        clarification: str | None,
    ) -> Answer: ...


def _sentences(text: str) -> list[str]:
    text = re.sub(r"^\s*[-*]\s+", "", text, flags=re.M)
    out = []
    for s in SENTENCE.split(text):
        s = s.strip().strip("#").strip()
        if len(s) >= 25 and not s.startswith("|"):
            out.append(s)
    return out


def _whole(sentence: str) -> bool:
    """A sentence that starts and ends like one (chunk overlaps can cut sentences)."""
    first = sentence.lstrip('*«"( ')[:1]
    return (
        bool(first)
        and (first.isupper() or first.isdigit())
        and sentence.rstrip("*» ")[-1:] in ".!?)"
    )


def best_sentences(
    question: str, passages: tuple[Passage, ...], limit: int = 2, max_chars: int = 320
) -> list[tuple[str, Passage]]:
    """The sentences of the passages that share the most stems with the question."""
    q = set(analyse(question))
    scored = []
    for rank, p in enumerate(passages):
        if p.chunk.n == 0 or any(h.lower().startswith(SKIP_SECTIONS) for h in p.chunk.headings):
            continue  # the card repeats the summary; contact and source lists are not reasons
        for pos, s in enumerate(_sentences(p.chunk.text)):
            if s.lower().startswith(("voir ", "à vérifier", "source")) or not _whole(s):
                continue
            overlap = len(q & set(analyse(s)))
            scored.append((overlap - 0.2 * rank - 0.05 * pos, -len(s), s, p))
    scored.sort(key=lambda x: (-x[0], x[1]))
    out: list[tuple[str, Passage]] = []
    for _, _, s, p in scored:
        if len(out) >= limit:
            break
        if len(s) > max_chars:
            s = s[: max_chars - 1].rsplit(" ", 1)[0] + "…"
        if all(s != o for o, _ in out):
            out.append((s, p))
    return out


def _fr_date(d: date) -> str:
    months = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
    return f"{d.day} {months[d.month - 1]} {d.year}"


def status_label(doc: Document, today: date) -> str | None:
    st = doc.status(today)
    if doc.kind != "call":
        return None
    if st == "closed":
        nxt = " ; il revient chaque année" if doc.recurrence == "annual" else ""
        return f"**clôturé** depuis le {_fr_date(doc.deadline)}{nxt}"  # type: ignore[arg-type]
    if st == "upcoming":
        return f"ouvre le {_fr_date(doc.opens)}"  # type: ignore[arg-type]
    if st == "open" and doc.deadline:
        days = (doc.deadline - today).days
        soon = f" — ⚠️ **plus que {days} jour(s)**" if days <= SOON_DAYS else ""
        return f"ouvert jusqu'au {_fr_date(doc.deadline)}{soon}"
    if st == "permanent":
        return "ouvert toute l'année"
    return "dates non communiquées"


def conditions(doc: Document, today: date) -> list[str]:
    g = gazetteer()
    parts = []
    if doc.audiences:
        parts.append("pour " + ", ".join(vocab.AUDIENCES[a] for a in doc.audiences))
    if doc.territories:
        parts.append("territoire : " + ", ".join(g.label(t) for t in doc.territories))
    if doc.excluded_territories:
        parts.append("hors " + ", ".join(g.label(t) for t in doc.excluded_territories))
    parts += [vocab.ZONES[z] for z in doc.zones]
    if doc.amount:
        parts.append(f"montant : {doc.amount}")
    label = status_label(doc, today)
    if label:
        parts.append(label)
    return parts


def understood(profile: Profile) -> str:
    g = gazetteer()
    bits = []
    if profile.territory:
        bits.append(profile.territory_label or g.label(profile.territory))
    elif profile.nationwide:
        bits.append("toute la France")
    bits += [vocab.NEEDS.get(n, "financement") for n in profile.needs]
    bits += [vocab.THEMES[t] for t in profile.themes]
    if profile.audience:
        bits.append(vocab.AUDIENCES[profile.audience])
    if profile.stage:
        bits.append("stade : " + vocab.STAGES[profile.stage])
    return ", ".join(bits)


class ExtractiveComposer:
    """Structured, cited, French; built only from the passages and their documents' fields."""

    max_docs = 5
    max_closed = 2
    max_contacts = 3

    def compose(
        self,
        question: str,
        profile: Profile,
        hits: list[Hit],
        today: date,
        clarification: str | None,
    ) -> Answer:
        # closed calls are never mixed with what can be applied for now: they come last, marked
        active = [h for h in hits if h.doc.status(today) != "closed"][: self.max_docs]
        closed = [h for h in hits if h.doc.status(today) == "closed"][: self.max_closed]
        if not active and not closed:
            text = self._nothing(profile)
            if clarification:
                text += f"\n\n**Pour affiner :** {clarification}"
            if profile.language == "en":
                text = ENGLISH_NOTE + "\n\n" + text
            return Answer(question, text, [], [], clarification, profile, False)
        sources: list[Source] = []
        blocks: list[str] = []
        for i, hit in enumerate(active, start=1):
            blocks.append(self._block(i, question, hit, today, sources))
        if closed:
            blocks.append(
                "**Appels clôturés** (utiles pour préparer une prochaine session) :\n"
                + "\n".join(self._closed_line(h, today, sources) for h in closed)
            )
        contacts = self._contacts(active + closed, sources)
        lead = self._lead(profile, active, closed)
        parts = [lead, *blocks]
        if contacts:
            parts.append("**À contacter**\n" + "\n".join(self._contact_line(c) for c in contacts))
        if profile.language == "en":
            parts.insert(0, ENGLISH_NOTE)
        if clarification:
            parts.append(f"**Pour affiner :** {clarification}")
        return Answer(question, "\n\n".join(parts), sources, contacts, clarification, profile, True)

    def _lead(self, profile: Profile, active: list[Hit], closed: list[Hit]) -> str:
        what = understood(profile)
        suffix = f" (j'ai compris : {what})" if what else ""
        n = len(active)
        if not n:
            return (
                f"Je n'ai trouvé que des appels aujourd'hui clôturés pour cette question{suffix}."
            )
        piste = "piste" if n == 1 else "pistes"
        return f"Voici {n} {piste} tirée{'s' if n > 1 else ''} des sources du corpus{suffix}."

    def _closed_line(self, hit: Hit, today: date, sources: list[Source]) -> str:
        p = next((p for p in hit.passages if p.chunk.n == 0), hit.passages[0])
        n = len(sources) + 1
        sources.append(self._source(n, hit.doc, p, today))
        return f"- {hit.doc.title} — {status_label(hit.doc, today)} [{n}]"

    def _block(self, i: int, question: str, hit: Hit, today: date, sources: list[Source]) -> str:
        doc = hit.doc
        chosen = best_sentences(question, hit.passages)
        used: dict[str, int] = {}

        def cite(p: Passage) -> int:
            if p.chunk.id not in used:
                n = len(sources) + 1
                used[p.chunk.id] = n
                sources.append(self._source(n, doc, p, today))
            return used[p.chunk.id]

        card = next((p for p in hit.passages if p.chunk.n == 0), None)
        kind = vocab.KINDS[doc.kind].lower()
        title = f"**{i}. {doc.title}** — {kind}"
        lines = [title]
        if doc.summary:
            anchor = card or hit.passages[0]
            lines.append(f"{doc.summary} [{cite(anchor)}]")
        why = [
            f"{sentence} [{cite(p)}]"
            for sentence, p in chosen
            if not (doc.summary and sentence in doc.summary)
        ]
        if why:
            lines.append("Ce qui correspond à votre demande : " + " ".join(why))
        if not chosen and not doc.summary:
            p = hit.passages[0]
            lines.append(f"{p.chunk.text[:300]} [{cite(p)}]")
        cond = conditions(doc, today)
        if cond:
            first = next(iter(used.values()))
            lines.append("Conditions : " + " · ".join(cond) + f" [{first}]")
        return "\n".join(lines)

    def _source(self, n: int, doc: Document, p: Passage, today: date) -> Source:
        return Source(
            n=n,
            id=doc.id,
            title=doc.title,
            url=doc.url,
            kind=doc.kind,
            organisation=doc.organisation,
            territories=list(doc.territories),
            deadline=doc.deadline.isoformat() if doc.deadline else None,
            status=doc.status(today),
            passage=p.chunk.text,
            headings=list(p.chunk.headings),
            chunk_id=p.chunk.id,
            last_checked=doc.last_checked.isoformat() if doc.last_checked else None,
        )

    def _contacts(self, hits: list[Hit], sources: list[Source]) -> list[ContactCard]:
        cards: list[ContactCard] = []
        seen: set[str] = set()
        for hit in hits:
            if len(cards) >= self.max_contacts:
                break
            src = next((s.n for s in sources if s.id == hit.doc.id), None)
            for c in hit.doc.contacts:
                key = (c.organisation or hit.doc.organisation or hit.doc.id).lower()
                if key in seen or not c.channels():
                    continue
                seen.add(key)
                cards.append(_card(c, hit.doc, src or 0))
                break
        return cards

    @staticmethod
    def _contact_line(c: ContactCard) -> str:
        who = c.organisation or ""
        role = f" — {c.role}" if c.role else ""
        ways = " · ".join(x for x in (c.email, c.phone, c.url) if x)
        line = f"- **{who}**{role} : {ways} [{c.source}]"
        if c.prepare:
            advice = " ; ".join(c.prepare)
            line += f"\n  Conseil : avant de les contacter, préparez : {advice}."
        return line

    @staticmethod
    def _nothing(profile: Profile) -> str:
        where = ""
        if profile.territory:
            where = f" pour {gazetteer().label(profile.territory)}"
        return (
            "Je n'ai trouvé dans le corpus aucune source qui réponde à cette question"
            + where
            + ". "
            "Je préfère ne rien affirmer sans source. Vous pouvez reformuler (le type d'aide "
            "cherché, le lieu, le thème du projet) ou poser une question sur le financement, "
            "l'accompagnement ou les statuts d'un projet à impact social."
        )


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


def _french_list(parts: list[str]) -> str:
    """ "a", "a et b", "a, b et c" """
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]


def _card(c: Contact, doc: Document, source: int) -> ContactCard:
    return ContactCard(
        c.organisation or doc.organisation,
        c.name,
        c.role,
        c.email,
        c.phone,
        c.url,
        doc.id,
        source,
        prepare_list(doc),
    )
