"""The outbox: every e-mail to send (a request to an organisation, the person's copy, a
follow-up question, an answer sent to the person), each sent exactly once with several servers and
several workers.

A worker **claims** a due row (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, a conditional update
inside an immediate transaction on SQLite) for a lease of a few minutes, marks it **sending**
(committed) right before talking to the mail server, and **sent** right after. A worker that dies
with a claim leaves it to expire and be claimed again (nothing was sent). A worker that dies while
*sending* leaves a row that may or may not have gone out: it is never sent again automatically but
marked **uncertain** for staff to check, so that nothing is ever sent twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .core import utcnow
from .handoffs import FOLLOWUP_MAX_ATTEMPTS, LEASE, MAX_ATTEMPTS, backoff, log_event
from .rows import AnswerMail, OutboxItem
from .schema import answer_mails, handoffs, outbox


def _due(now: datetime):
    """Rows a worker may claim: waiting or failed and due, or claimed by a worker whose lease
    ran out (it died before sending)."""
    return sa.or_(
        sa.and_(outbox.c.state.in_(("pending", "failed")), outbox.c.next_attempt_at <= now),
        sa.and_(outbox.c.state == "claimed", outbox.c.claim_until < now),
    )


class OutboxMixin:
    # -- the outbox --------------------------------------------------------------------------
    @staticmethod
    def _enqueue(conn: Connection, kind: str, now: datetime, **about) -> None:
        conn.execute(
            outbox.insert().values(
                kind=kind, state="pending", attempts=0, next_attempt_at=now, created_at=now,
                **about,
            )
        )

    def enqueue_followups(self, now: datetime | None = None) -> int:
        """Put in the outbox the follow-up question of every done request from a person with
        an e-mail who has not been asked yet (once per request: a unique index)."""
        now = now or utcnow()
        asked = sa.select(outbox.c.handoff_id).where(
            outbox.c.kind == "followup", outbox.c.handoff_id.is_not(None)
        )
        q = sa.select(handoffs.c.id).where(
            handoffs.c.status == "done",
            handoffs.c.person_email.is_not(None),
            handoffs.c.person_email != "",
            handoffs.c.followup_sent_at.is_(None),
            handoffs.c.id.not_in(asked),
        )
        n = 0
        with self._tx() as conn:
            for hid in conn.execute(q).scalars().all():
                try:
                    with conn.begin_nested():
                        self._enqueue(conn, "followup", now, handoff_id=hid)
                    n += 1
                except sa.exc.IntegrityError:
                    pass  # another server queued it meanwhile
        return n

    def claim_next(self, worker: str, now: datetime | None = None) -> OutboxItem | None:
        """Claim the oldest due e-mail for ``worker`` (None when nothing is due)."""
        now = now or utcnow()
        with self._tx() as conn:
            if self.backend == "postgresql":
                row = conn.execute(
                    sa.select(outbox.c.id)
                    .where(_due(now))
                    .order_by(outbox.c.id)
                    .limit(1)
                    .with_for_update(skip_locked=True)
                ).first()
                if row is None:
                    return None
                target = row.id
            else:
                conn.exec_driver_sql("BEGIN IMMEDIATE")  # one claimer at a time
                target = conn.execute(
                    sa.select(outbox.c.id).where(_due(now)).order_by(outbox.c.id).limit(1)
                ).scalar()
                if target is None:
                    return None
            done = conn.execute(
                outbox.update()
                .where(outbox.c.id == target, _due(now))
                .values(state="claimed", claimed_by=worker, claim_until=now + LEASE)
            ).rowcount
            if not done:
                return None
            return self._outbox_item(conn, target)

    def _outbox_item(self, conn: Connection, item_id: int) -> OutboxItem:
        row = dict(conn.execute(outbox.select().where(outbox.c.id == item_id)).first()._mapping)
        handoff = self._handoff(conn, row["handoff_id"]) if row["handoff_id"] else None
        mail = None
        if row["answer_mail_id"]:
            m = conn.execute(
                answer_mails.select().where(answer_mails.c.id == row["answer_mail_id"])
            ).first()
            mail = AnswerMail.of(m) if m else None
        return OutboxItem.of(row, handoff=handoff, answer_mail=mail)

    def mark_sending(self, item: OutboxItem, worker: str) -> bool:
        """Right before talking to the mail server; False if the claim was lost meanwhile."""
        now = utcnow()
        with self._tx() as conn:
            return bool(
                conn.execute(
                    outbox.update()
                    .where(
                        outbox.c.id == item.id,
                        outbox.c.state == "claimed",
                        outbox.c.claimed_by == worker,
                    )
                    .values(state="sending", sending_at=now, claim_until=now + LEASE)
                ).rowcount
            )

    def record_sent(self, item: OutboxItem, ack: bool = False) -> None:
        """The mail server took it. For a request, the person's copy is queued (``ack``)."""
        now = utcnow()
        with self._tx() as conn:
            conn.execute(
                outbox.update()
                .where(outbox.c.id == item.id)
                .values(state="sent", sent_at=now, attempts=outbox.c.attempts + 1,
                        claimed_by=None, claim_until=None, last_error=None)
            )
            hid = item.handoff_id
            if hid is None:
                return
            if item.kind == "request":
                conn.execute(
                    handoffs.update()
                    .where(handoffs.c.id == hid)
                    .values(delivery="sent", sent_at=now, last_error=None, next_attempt_at=None,
                            attempts=handoffs.c.attempts + 1, updated_at=now)
                )
                log_event(conn, hid, "envoi", "delivery", "envoyée", now)
                if ack:
                    try:
                        with conn.begin_nested():
                            self._enqueue(conn, "copy", now, handoff_id=hid)
                    except sa.exc.IntegrityError:
                        pass
            elif item.kind == "copy":
                log_event(conn, hid, "envoi", "delivery", "copie envoyée à la personne", now)
            elif item.kind == "followup":
                conn.execute(
                    handoffs.update()
                    .where(handoffs.c.id == hid)
                    .values(
                        followup_sent_at=now,
                        followup_attempts=sa.func.coalesce(handoffs.c.followup_attempts, 0) + 1,
                    )
                )
                log_event(conn, hid, "envoi", "delivery",
                          "question de suivi envoyée à la personne", now)

    def record_failed(self, item: OutboxItem, error: str, now: datetime | None = None) -> bool:
        """A failed attempt: retried later with a growing delay, or given up. Returns True when
        given up. A copy or a follow-up that fails is only noted (the request itself went)."""
        now = now or utcnow()
        attempts = item.attempts + 1
        limit = MAX_ATTEMPTS if item.kind in ("request", "answer") else FOLLOWUP_MAX_ATTEMPTS
        if item.kind == "copy":
            limit = 1  # the organisation has the request; the person was told it is registered
        gave_up = attempts >= limit
        values: dict[str, Any] = {
            "state": "gave_up" if gave_up else "failed",
            "attempts": attempts,
            "last_error": error[:1000],
            "next_attempt_at": None if gave_up else now + backoff(attempts),
            "claimed_by": None,
            "claim_until": None,
        }
        with self._tx() as conn:
            conn.execute(outbox.update().where(outbox.c.id == item.id).values(**values))
            hid = item.handoff_id
            if hid is not None and item.kind == "request":
                conn.execute(
                    handoffs.update()
                    .where(handoffs.c.id == hid)
                    .values(delivery=values["state"], last_error=error[:1000],
                            next_attempt_at=values["next_attempt_at"], attempts=attempts,
                            updated_at=now)
                )
                log_event(conn, hid, "envoi", "delivery", f"échec : {error}", now)
            elif hid is not None and item.kind == "copy":
                log_event(conn, hid, "envoi", "delivery",
                          f"copie à la personne non envoyée : {error}", now)
            elif hid is not None and item.kind == "followup":
                conn.execute(
                    handoffs.update()
                    .where(handoffs.c.id == hid)
                    .values(followup_attempts=attempts)
                )
                log_event(conn, hid, "envoi", "delivery",
                          f"question de suivi non envoyée : {error}", now)
        return gave_up

    def recover_interrupted(self, now: datetime | None = None) -> int:
        """E-mails whose worker died while sending them (lease over): maybe sent, maybe not.
        Never sent again automatically: marked uncertain for staff (a request shows it)."""
        now = now or utcnow()
        with self._tx() as conn:
            stale = conn.execute(
                sa.select(outbox.c.id, outbox.c.kind, outbox.c.handoff_id).where(
                    outbox.c.state == "sending", outbox.c.claim_until < now
                )
            ).all()
            for item_id, kind, hid in stale:
                conn.execute(
                    outbox.update()
                    .where(outbox.c.id == item_id, outbox.c.state == "sending")
                    .values(state="uncertain", claimed_by=None, claim_until=None)
                )
                if hid is not None and kind == "request":
                    conn.execute(
                        handoffs.update().where(handoffs.c.id == hid).values(delivery="uncertain")
                    )
                    log_event(conn, hid, "envoi", "delivery",
                              "envoi interrompu (serveur arrêté pendant l'envoi) : à vérifier", now)
        return len(stale)

    def outbox_counts(self) -> dict[str, int]:
        with self._tx() as conn:
            got = conn.execute(
                sa.select(outbox.c.state, sa.func.count()).group_by(outbox.c.state)
            ).all()
        return {state: int(n) for state, n in got}

    # -- answers sent by e-mail --------------------------------------------------------------
    def create_answer_mail(
        self, request_key: str, email: str, subject: str, body: str,
        conversation_id: str | None, answer_id: int | None,
    ) -> int:
        """Store the request (idempotent on ``request_key``) and queue the e-mail."""
        now = utcnow()
        with self._tx() as conn:
            existing = conn.execute(
                sa.select(answer_mails.c.id).where(answer_mails.c.request_key == request_key)
            ).scalar()
            if existing:
                return int(existing)
            mid = conn.execute(
                answer_mails.insert()
                .values(request_key=request_key, email=email, subject=subject, body=body,
                        conversation_id=conversation_id, answer_id=answer_id, consent_at=now,
                        created_at=now)
                .returning(answer_mails.c.id)
            ).scalar_one()
            self._enqueue(conn, "answer", now, answer_mail_id=mid)
            return int(mid)
