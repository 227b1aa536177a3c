"""Handoff requests: stored (idempotent), listed, their status and history, the person's
follow-up answer, and the spool of requests written while the database was down. Their e-mails go
through the outbox (:mod:`.outbox`)."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..config import HANDOFF_STATUSES, REMIND_DAYS
from ..errors import UsageError
from .core import rows, utcnow
from .rows import Event, Handoff, HandoffRequest
from .schema import handoff_events, handoffs, outbox

#: What the person answers to the follow-up e-mail once their request is done.
SATISFACTION = {"helped": "Aidé·e", "not_helped": "Pas aidé·e"}
#: A follow-up e-mail that fails this many times is not tried again.
FOLLOWUP_MAX_ATTEMPTS = 3
#: An e-mail that fails this many times is given up (staff forward the request by hand).
MAX_ATTEMPTS = 8
#: A closed request can be purged after the retention period; an open one is kept.
CLOSED_STATUSES = ("done", "not_for_us", "unreachable")
#: How long a worker holds a claimed e-mail before another may take it.
LEASE = timedelta(minutes=5)
#: Delivery of the request to the organisation.
DELIVERY_LABELS = {
    "pending": "envoi en attente",
    "sent": "envoyée par e-mail",
    "failed": "échec d'envoi, nouvel essai prévu",
    "gave_up": "échec d'envoi répété : à transmettre à la main",
    "manual": "pas d'e-mail connu : à transmettre à la main",
    "uncertain": "envoi interrompu : vérifiez auprès de l'organisation avant de relancer",
}


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8… minutes, at most 6 hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def _filters(status: str | None, waiting: bool, now: datetime | None) -> list:
    """The conditions of ``handoffs`` and ``count_handoffs`` (the waiting rule is
    :func:`needs_reminder`'s, in SQL)."""
    conditions = []
    if status:
        conditions.append(handoffs.c.status == status)
    if waiting:
        cutoff = (now or utcnow()) - timedelta(days=REMIND_DAYS)
        conditions += [handoffs.c.status.not_in(CLOSED_STATUSES), handoffs.c.status_at <= cutoff]
    return conditions


def days_unchanged(h: Handoff, now: datetime) -> int:
    """Whole days since a request's status last changed."""
    since = h.status_at or h.created_at
    return (now - since).days if since else 0


def needs_reminder(h: Handoff, now: datetime) -> bool:
    """The rule of ``handoffs(waiting=True)``, for one request already read."""
    return h.status not in CLOSED_STATUSES and days_unchanged(h, now) >= REMIND_DAYS


def log_event(
    conn: Connection, handoff_id: int, actor: str, kind: str, detail: str, at: datetime
) -> None:
    """One line of a request's history, in the caller's transaction."""
    conn.execute(
        handoff_events.insert().values(
            handoff_id=handoff_id, at=at, actor=actor, kind=kind, detail=detail[:2000]
        )
    )


class HandoffsMixin:
    # -- requests ----------------------------------------------------------------------------
    def create_handoff(self, req: HandoffRequest, delivery: str) -> int:
        """Store the request (idempotent on ``request_key``) and return its number; a request
        to send is put in the outbox in the same transaction."""
        try:
            return self._insert_handoff(req, delivery)
        except sa.exc.IntegrityError:
            # the same request stored meanwhile by another server (a spool flushed twice, a
            # double submit): the unique index refused the copy, so return the first one
            with self._tx() as conn:
                existing = conn.execute(
                    sa.select(handoffs.c.id).where(handoffs.c.request_key == req.request_key)
                ).scalar()
            if existing is None:
                raise
            return int(existing)

    def _insert_handoff(self, req: HandoffRequest, delivery: str) -> int:
        now = utcnow()
        values = req.as_dict()
        values["consent_at"] = req.consent_at
        with self._tx() as conn:
            existing = conn.execute(
                sa.select(handoffs.c.id).where(handoffs.c.request_key == req.request_key)
            ).scalar()
            if existing:
                return int(existing)
            hid = conn.execute(
                handoffs.insert()
                .values(
                    **values,
                    status="new",
                    delivery=delivery,
                    attempts=0,
                    next_attempt_at=now if delivery == "pending" else None,
                    created_at=now,
                    updated_at=now,
                    status_at=now,
                )
                .returning(handoffs.c.id)
            ).scalar_one()
            log_event(conn, hid, "demandeur", "status", "new", now)
            if delivery == "pending":
                self._enqueue(conn, "request", now, handoff_id=hid)
            return int(hid)

    def handoffs(
        self,
        status: str | None = None,
        limit: int = 200,
        offset: int = 0,
        waiting: bool = False,
        now: datetime | None = None,
    ) -> list[Handoff]:
        """Newest first. ``waiting``: only the open ones (new or taken in charge) whose status
        has not changed for REMIND_DAYS days, the oldest change first: the ones to chase."""
        q = handoffs.select().where(*_filters(status, waiting, now))
        if waiting:
            q = q.order_by(handoffs.c.status_at, handoffs.c.id)
        else:
            q = q.order_by(handoffs.c.id.desc())
        with self._tx() as conn:
            return [Handoff.of(r) for r in rows(conn.execute(q.limit(limit).offset(offset)))]

    def count_handoffs(
        self, status: str | None = None, waiting: bool = False, now: datetime | None = None
    ) -> int:
        """How many :meth:`handoffs` would list without a limit."""
        q = sa.select(sa.func.count()).select_from(handoffs)
        with self._tx() as conn:
            return int(conn.execute(q.where(*_filters(status, waiting, now))).scalar())

    def handoff(self, handoff_id: int) -> Handoff | None:
        with self._tx() as conn:
            return self._handoff(conn, handoff_id)

    @staticmethod
    def _handoff(conn: Connection, handoff_id: int) -> Handoff | None:
        row = conn.execute(handoffs.select().where(handoffs.c.id == handoff_id)).first()
        if row is None:
            return None
        events = tuple(
            Event.of(e)
            for e in rows(
                conn.execute(
                    handoff_events.select()
                    .where(handoff_events.c.handoff_id == handoff_id)
                    .order_by(handoff_events.c.id)
                )
            )
        )
        return Handoff.of(row, events=events)

    def set_handoff_status(self, handoff_id: int, status: str, actor: str, note: str = "") -> None:
        if status not in HANDOFF_STATUSES:
            raise UsageError(
                f"Unknown status {status!r}: one of {', '.join(HANDOFF_STATUSES)}",
                "Statut inconnu.",
            )
        now = utcnow()
        with self._tx() as conn:
            done = conn.execute(
                handoffs.update()
                .where(handoffs.c.id == handoff_id)
                .values(status=status, updated_at=now, status_at=now)
            ).rowcount
            if not done:
                raise UsageError(
                    f"No handoff {handoff_id}.", f"Demande n° {handoff_id} introuvable."
                )
            detail = status + (f" — {note.strip()}" if note.strip() else "")
            log_event(conn, handoff_id, actor, "status", detail, now)

    def log_event(self, handoff_id: int, actor: str, kind: str, detail: str) -> None:
        """One line in a request's history (shown to staff)."""
        with self._tx() as conn:
            log_event(conn, handoff_id, actor, kind, detail, utcnow())

    def retry_delivery(self, handoff_id: int, actor: str) -> None:
        """Staff asks for a new attempt (after repeated failures, or once they checked that an
        interrupted sending did not reach the organisation)."""
        now = utcnow()
        with self._tx() as conn:
            known = conn.execute(
                sa.select(handoffs.c.id).where(handoffs.c.id == handoff_id)
            ).first()
            if not known:
                raise UsageError(
                    f"No handoff {handoff_id}.", f"Demande n° {handoff_id} introuvable."
                )
            done = conn.execute(
                outbox.update()
                .where(
                    outbox.c.handoff_id == handoff_id,
                    outbox.c.kind == "request",
                    outbox.c.state.in_(("failed", "gave_up", "uncertain")),
                )
                .values(state="pending", next_attempt_at=now, claimed_by=None, claim_until=None)
            ).rowcount
            if not done:  # already sent, pending or manual (a second click): nothing to log
                return
            conn.execute(
                handoffs.update()
                .where(handoffs.c.id == handoff_id)
                .values(delivery="pending", next_attempt_at=now, updated_at=now)
            )
            log_event(conn, handoff_id, actor, "delivery", "nouvel essai demandé", now)

    # -- follow-up: did the request help? ----------------------------------------------------
    def start_followup(self, handoff_id: int) -> str:
        """A new secret for the person's follow-up link; only its hash is kept."""
        token = secrets.token_urlsafe(24)
        with self._tx() as conn:
            conn.execute(
                handoffs.update()
                .where(handoffs.c.id == handoff_id)
                .values(followup_token_hash=token_hash(token))
            )
        return token

    def followup(self, token: str) -> Handoff | None:
        """The request a follow-up link belongs to (None for an unknown or forgotten one)."""
        if not token or len(token) > 100:
            return None
        with self._tx() as conn:
            row = conn.execute(
                handoffs.select().where(handoffs.c.followup_token_hash == token_hash(token))
            ).first()
            return Handoff.of(row) if row else None

    def answer_followup(self, token: str, satisfaction: str, comment: str = "") -> Handoff | None:
        """The person's answer (they may change it); None when the link is unknown."""
        if satisfaction not in SATISFACTION:
            raise UsageError(f"Unknown answer {satisfaction!r}.", "Réponse inconnue.")
        h = self.followup(token)
        if h is None:
            return None
        now = utcnow()
        with self._tx() as conn:
            conn.execute(
                handoffs.update()
                .where(handoffs.c.id == h.id)
                .values(satisfaction=satisfaction, satisfaction_comment=comment.strip()[:2000],
                        satisfaction_at=now)
            )
            detail = SATISFACTION[satisfaction] + (
                f" — {comment.strip()[:2000]}" if comment.strip() else ""
            )
            log_event(conn, h.id, "demandeur", "followup", detail, now)
        return Handoff.of({**h.as_dict(), "satisfaction": satisfaction, "events": ()})

    def satisfaction_counts(self) -> dict[str, int]:
        """How many people said the request helped, did not, or were asked and did not say."""
        q = sa.select(handoffs.c.satisfaction, sa.func.count()).where(
            handoffs.c.followup_sent_at.is_not(None)
        ).group_by(handoffs.c.satisfaction)
        with self._tx() as conn:
            got = conn.execute(q).all()
        out = {"helped": 0, "not_helped": 0, "no_answer": 0}
        for value, n in got:
            out[value if value in SATISFACTION else "no_answer"] += int(n)
        return out

    # -- spool: handoffs written while the database was down ----------------------------------
    def spool(self, req: HandoffRequest, delivery: str) -> Path:
        """Write the request to disk (fsync, atomic rename) when the database is down."""
        self.spool_dir.mkdir(parents=True, exist_ok=True)
        path = self.spool_dir / f"handoff-{req.request_key}.json"
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"request": req.as_dict(), "delivery": delivery}, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        dir_fd = os.open(self.spool_dir, os.O_RDONLY)
        try:
            os.fsync(dir_fd)  # the rename itself survives a crash
        finally:
            os.close(dir_fd)
        return path

    def spooled(self) -> list[Path]:
        return sorted(self.spool_dir.glob("handoff-*.json")) if self.spool_dir.exists() else []

    def flush_spool(self) -> list[int]:
        """Import spooled requests into the database; return their numbers. Safe with several
        servers: the request key makes the import idempotent."""
        ids = []
        for path in self.spooled():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except FileNotFoundError:  # imported meanwhile by another server
                continue
            ids.append(
                self.create_handoff(HandoffRequest.from_dict(data["request"]), data["delivery"])
            )
            path.unlink(missing_ok=True)
        return ids
