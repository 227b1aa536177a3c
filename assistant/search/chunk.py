"""Cut documents into passages that follow their Markdown structure.

Each :class:`Chunk` keeps its heading path ("Ronalpia > Pour qui") and its character span in the
document body, so a citation opens the exact passage. Passage 0 of every document is its card:
title, organisation and summary, which is what most short questions match.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..config import ChunkSettings
from ..corpus.documents import Document


@dataclass(frozen=True)
class Chunk:
    id: str  # "<doc id>#<n>"
    doc_id: str
    n: int
    text: str
    headings: tuple[str, ...]
    start: int  # offset in the document body, -1 for the card
    end: int

    def embed_text(self, title: str) -> str:
        """What the embedder and BM25 see: the passage with its title and headings for context."""
        path = " > ".join(h for h in self.headings if h and h != title)
        head = f"{title} — {path}" if path else title
        return f"{head}\n{self.text}" if self.n else self.text

    def as_dict(self) -> dict:
        d = asdict(self)
        d["headings"] = list(self.headings)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Chunk:
        return cls(**{**d, "headings": tuple(d["headings"])})


def card_text(doc: Document) -> str:
    parts = [doc.title]
    if doc.organisation and doc.organisation not in doc.title:
        parts.append(f"Porté par {doc.organisation}.")
    if doc.summary:
        parts.append(doc.summary)
    if doc.amount:
        parts.append(f"Montant : {doc.amount}.")
    return "\n".join(parts)


def chunk_document(doc: Document, settings: ChunkSettings) -> list[Chunk]:
    from langchain_text_splitters import MarkdownHeaderTextSplitter, RecursiveCharacterTextSplitter

    chunks = [Chunk(f"{doc.id}#0", doc.id, 0, card_text(doc), (doc.title,), -1, -1)]
    headers = [(h, f"h{len(h)}") for h in settings.headers]
    sections = MarkdownHeaderTextSplitter(headers, strip_headers=True).split_text(doc.text)
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=settings.size,
        chunk_overlap=settings.overlap,
        separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""],
    )
    cursor = 0
    for section in sections:
        path = tuple(section.metadata[k] for k in sorted(section.metadata))
        for piece in splitter.split_text(section.page_content):
            piece = piece.strip()
            if len(piece) < 20 and not any(c.isalnum() for c in piece):
                continue
            start = doc.text.find(piece[:80], cursor)
            if start < 0:
                start = doc.text.find(piece[:80])
            end = start + len(piece) if start >= 0 else -1
            if start >= 0:
                cursor = start + 1
            n = len(chunks)
            chunks.append(
                Chunk(f"{doc.id}#{n}", doc.id, n, piece, path or (doc.title,), start, end)
            )
    return chunks
