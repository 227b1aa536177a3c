"""The e-mail worker: every due e-mail of the outbox sent exactly once, whatever the number of
servers and workers running it (the chat server's background task, ``assistant handoffs
deliver``).

For each e-mail: claim it (no other worker can take it), mark it *sending* (committed), talk to
the mail server, mark it *sent*. A crash before *sending* leaves a claim that expires and is taken
again (nothing was sent); a crash between *sending* and *sent* leaves an e-mail that may have gone
out: it is marked *uncertain* for staff, never sent again by itself.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import datetime

from ..db import OutboxItem, Store
from .mail import Mailer


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    gave_up: int = 0
    imported: int = 0
    acknowledged: int = 0
    followups: int = 0
    answers: int = 0
    interrupted: int = 0


def deliver_due(
    store: Store,
    mailer: Mailer | None,
    now: datetime | None = None,
    public_url: str | None = None,
    worker: str | None = None,
    limit: int = 200,
) -> DeliveryReport:
    """Import spooled requests; mark e-mails interrupted by a crash as uncertain; queue the
    follow-up questions (with the chat's public address for their links); then send what is due,
    one claimed e-mail at a time."""
    from ..settings import settings

    worker = worker or settings().server_id
    report = DeliveryReport()
    report.imported = len(store.flush_spool())
    if mailer is None:
        return report
    report.interrupted = store.recover_interrupted(now)
    if public_url:
        store.enqueue_followups(now)
    for _ in range(limit):
        item = store.claim_next(worker, now)
        if item is None:
            break
        if item.kind == "followup" and not public_url:
            store.record_failed(item, "pas d'adresse publique du chat (ASSISTANT_PUBLIC_URL)", now)
            continue
        try:
            msg = _message(store, mailer, item, public_url)
        except _Skip as skip:
            store.record_failed(item, str(skip), now)
            report.gave_up += 1
            continue
        if msg is None:
            store.record_sent(item)  # nothing to send (a copy turned off meanwhile)
            continue
        if not store.mark_sending(item, worker):
            continue  # the claim expired and another worker has it
        try:
            mailer.send(msg)
        except (OSError, smtplib.SMTPException) as err:
            gave_up = store.record_failed(item, f"{type(err).__name__}: {err}", now)
            if item.kind == "request":
                report.gave_up += gave_up
                report.failed += not gave_up
            continue
        store.record_sent(item, ack=mailer.ack and _has_email(item))
        if item.kind == "request":
            report.sent += 1
        elif item.kind == "copy":
            report.acknowledged += 1
        elif item.kind == "followup":
            report.followups += 1
        elif item.kind == "answer":
            report.answers += 1
    return report


class _Skip(Exception):
    """An e-mail that cannot be built (no address any more): given up with this reason."""


def _has_email(item: OutboxItem) -> bool:
    return bool(item.kind == "request" and item.handoff and item.handoff.person_email)


def _message(store: Store, mailer: Mailer, item: OutboxItem, public_url: str | None):
    h = item.handoff
    if item.kind == "answer":
        if item.answer_mail is None:
            raise _Skip("demande d'envoi supprimée")
        return mailer.build_answer(item.answer_mail)
    if h is None:
        raise _Skip("demande supprimée")
    if item.kind == "request":
        if not (mailer.redirect or h.contact_email):
            raise _Skip("pas d'adresse e-mail de l'organisation : à transmettre à la main")
        return mailer.build(h)
    if item.kind == "copy":
        return mailer.build_ack(h)
    if item.kind == "followup":
        link = f"{public_url.rstrip('/')}/suivi/{store.start_followup(h.id)}"
        return mailer.build_followup(h, link)
    raise _Skip(f"type d'e-mail inconnu : {item.kind}")
