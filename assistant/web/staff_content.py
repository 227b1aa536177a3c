"""What the staff pages say and export, as plain functions: the confirmation after each change,
a request's delivery in words that follow its status, the help to forward a request by hand
(its text, a mailto: link), the CSV of reviewed answers, and what a promotion changes for a
question."""

from __future__ import annotations

import csv
import io

from ..db import CLOSED_STATUSES, DELIVERY_LABELS, REVIEW_STATES, paris_time
from ..handoff.mail import request_text

#: what staff are told after each change (``?fait=<key>`` on the page they are sent back to)
DONE = {
    "statut": "Statut enregistré.",
    "relance": "Nouvel essai d'envoi programmé : le prochain passage du service d'envoi s'en "
               "charge.",
    "relecture": "Relecture enregistrée.",
    "normal": "Document remis à l'état normal.",
    "hidden": "Document masqué : il n'est plus cité dans les réponses.",
    "promoted": "Document mis en avant : il remonte dans la recherche pour les questions qui lui "
                "correspondent déjà (même territoire, même besoin) ; il ne s'ajoute jamais à une "
                "réponse sur un autre territoire. Essayez une question ci-dessous pour voir son "
                "rang, avec et sans mise en avant.",
}


def delivery_label(h) -> str:
    """How the request reaches the organisation, in words that follow its status: a closed
    request no longer says "à transmettre à la main"."""
    delivery = h["delivery"]
    if h["status"] in CLOSED_STATUSES and delivery in ("manual", "gave_up", "failed"):
        return "transmise à la main (ou sans suite)"
    return DELIVERY_LABELS.get(delivery, delivery)


def to_forward(h) -> bool:
    """A request staff still have to forward themselves."""
    return h["status"] not in CLOSED_STATUSES and h["delivery"] in ("manual", "gave_up")


def mailto(h) -> str | None:
    """A mailto: link with the request ready to send from the staff member's own mail program
    (None without an address for the organisation)."""
    from urllib.parse import quote

    if not h.get("contact_email"):
        return None
    subject, body = request_text(h)
    return f"mailto:{quote(h['contact_email'], safe='@')}?subject={quote(subject)}" \
        f"&body={quote(body)}"


CSV_FIELDS = [
    "answer_id", "created_at", "conversation_id", "question", "answer", "review_state",
    "review_note", "reviewed_by", "reviewed_at", "sources",
]


def _cell(value) -> str:
    """Spreadsheets run cells that start with = + - @: keep them as text."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_time(value) -> str:
    """Paris time, as the pages show it."""
    if value is None or value == "":
        return ""
    return paris_time(value).strftime("%d/%m/%Y %H:%M") if hasattr(value, "year") else str(value)


def reviewed_csv(rows: list[dict]) -> str:
    """UTF-8 with a BOM and ";" between columns (what a French Excel opens as columns), times
    in Paris time, a source without address written without one."""
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 with accents correctly
    w = csv.writer(out, delimiter=";")
    w.writerow(CSV_FIELDS)
    for a in rows:
        sources = " | ".join(
            f"[{s['n']}] {s['title']}" + (f" ({s['url']})" if s["url"] else "")
            for s in a["sources"]
        )
        w.writerow([
            _cell(v)
            for v in (
                a["id"], _csv_time(a["created_at"]), a["conversation_id"], a["question"],
                a["answer"], REVIEW_STATES.get(a["review_state"], a["review_state"]),
                a["review_note"], a["reviewed_by"], _csv_time(a["reviewed_at"]), sources,
            )
        ])
    return out.getvalue()


def rank_preview(engine, question: str, limit: int = 10) -> list[dict]:
    """The documents a question finds, best first, with their rank without the promotion staff
    set, and whether the answer shows them (and where): what a promotion changes, visibly."""
    import copy

    engine.retriever()  # loaded once, shared by the copy below
    flags = engine.flags() if engine.flags is not None else (set(), set())
    plain = copy.copy(engine)
    plain.flags = lambda: (flags[0], set())

    def ranks(e) -> tuple[list, list[str]]:
        hits = e.understand_and_retrieve(question)[1]
        answer = e.ask(question)
        return hits, [p.get("id") for p in answer.pistes]

    hits, shown = ranks(engine)
    plain_hits, plain_shown = ranks(plain)
    before = {h.doc.id: i + 1 for i, h in enumerate(plain_hits)}
    return [
        {
            "id": h.doc.id, "title": h.doc.title, "rank": i + 1,
            "rank_before": before.get(h.doc.id),
            "promoted": h.doc.id in flags[1],
            "shown": shown.index(h.doc.id) + 1 if h.doc.id in shown else None,
            "shown_before": plain_shown.index(h.doc.id) + 1 if h.doc.id in plain_shown else None,
        }
        for i, h in enumerate(hits[:limit])
    ]
