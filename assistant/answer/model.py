"""What an answer is: typed values the composer returns and the CLI, the chat and the store read."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from ..language.profile import Profile

if TYPE_CHECKING:
    from ..corpus.documents import Document
    from ..search.retrieve import Hit
    from .library import Library


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


class _Citations:
    """Numbers passages in order of first citation; the same passage keeps its number."""

    def __init__(self, today: date) -> None:
        self.today = today
        #: what the answer's lead already says: the pistes do not say it again
        self.said = ""
        #: the question answered (a guide's card says its sentence on what is asked first)
        self.question = ""
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
    #: the documents shown as pistes, best first, and why each fits (for evaluation and review)
    pistes: list[dict] = field(default_factory=list)
    #: said when the place asked is thinly covered by the corpus
    coverage: str | None = None
    #: the organisation the person asked to be put in touch with ("mettez-moi en relation"):
    #: the web chat opens the handoff form for it; the terminal says how to do it
    handoff_to: ContactCard | None = None

    def as_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "sources": [asdict(s) for s in self.sources],
            "contacts": [asdict(c) for c in self.contacts],
            "clarification": self.clarification,
            "profile": self.profile.as_dict(),
            "found": self.found,
            "pistes": self.pistes,
            "coverage": self.coverage,
            "handoff_to": asdict(self.handoff_to) if self.handoff_to else None,
        }


class Composer(Protocol):
    def compose(
        self,
        question: str,
        profile: Profile,
        hits: list[Hit],
        today: date,
        clarification: str | None,
        library: Library | None = None,
        refers: tuple[str, ...] = (),
    ) -> Answer: ...
