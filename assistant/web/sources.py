"""``/sources/<passage>``: the side panel of a citation, served by whichever server the browser
reaches (a citation is a link to a passage of the shared index, not a file kept by the server
that answered)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from ..answer import Source
from .render import passage_card

GONE = (
    "Ce passage n'est plus dans l'index (le corpus a été mis à jour depuis la réponse). "
    "Reposez la question pour obtenir des sources à jour."
)
UNAVAILABLE = (
    "Ce passage ne peut pas être affiché pour le moment (l'index est en cours de chargement). "
    "Fermez ce panneau et rouvrez la source dans un instant."
)


def source_card(library, chunk_id: str, n: int, today: date) -> str | None:
    """The citation card of a passage of the index, or None when it is not there."""
    doc_id = chunk_id.split("#", 1)[0]
    doc = library.documents.get(doc_id)
    chunk = next((c for c in library.chunks.get(doc_id, ()) if c.id == chunk_id), None)
    if doc is None or chunk is None:
        return None
    source = Source(
        n=n, id=doc.id, title=doc.title, url=doc.url, kind=doc.kind,
        organisation=doc.organisation, territories=list(doc.territories),
        deadline=doc.deadline.isoformat() if doc.deadline else None, status=doc.status(today),
        passage=chunk.text, headings=list(chunk.headings), chunk_id=chunk.id,
        last_checked=doc.last_checked.isoformat() if doc.last_checked else None,
    )
    return passage_card(source)


def source_url(chunk_id: str, n: int) -> str:
    from urllib.parse import quote

    return f"/sources/{quote(chunk_id, safe='')}?n={n}"


def build_router(get_library: Callable[[], object]) -> APIRouter:
    router = APIRouter(prefix="/sources")

    @router.get("/{chunk_id:path}")
    def passage(chunk_id: str, n: int = 0) -> PlainTextResponse:
        # a passage that cannot be shown is said in French *in the panel*: the interface shows
        # only an English error for any status but 200, so the status is 200 and the header
        # X-Passage says what happened (found, gone, unavailable)
        headers = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
        try:
            card = source_card(get_library(), chunk_id, n, date.today())
        except Exception:  # noqa: BLE001 - the index is being reloaded: say so, in French
            return PlainTextResponse(f"_{UNAVAILABLE}_", media_type="text/plain; charset=utf-8",
                                     headers={**headers, "X-Passage": "unavailable"})
        if card is None:
            return PlainTextResponse(f"_{GONE}_", media_type="text/plain; charset=utf-8",
                                     headers={**headers, "X-Passage": "gone"})
        return PlainTextResponse(card, media_type="text/plain; charset=utf-8",
                                 headers={**headers, "X-Passage": "found"})

    return router
