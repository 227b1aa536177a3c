"""A person's data on request (``assistant forget``) and the retention period (``assistant
purge``): handoff requests matched by e-mail or by phone number in E.164 form, whatever the
spelling they were typed in."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import UsageError
from .core import utcnow
from .handoffs import CLOSED_STATUSES
from .phones import e164
from .schema import (
    answer_mails,
    answer_sources,
    answers,
    conversations,
    feedback,
    handoffs,
    login_failures,
    staff,
    staff_sessions,
)


class PrivacyMixin:
    def forget_person(
        self,
        email: str | None = None,
        phone: str | None = None,
        conversation_id: str | None = None,
    ) -> dict[str, int]:
        """Delete a person's handoff requests, the answers e-mailed to them and the
        conversations they came from."""
        if not (email or phone or conversation_id):
            raise UsageError("Give an e-mail, a phone number or a conversation id.")
        number = e164(phone) if phone else None
        if phone and number is None:
            raise UsageError(
                f"{phone!r} is not a phone number (e.g. 06 12 34 56 78 or +33 6 12 34 56 78).",
                f"« {phone} » n'est pas un numéro de téléphone.",
            )
        conds = []
        mails = []
        if email:
            conds.append(sa.func.lower(handoffs.c.person_email) == email.strip().lower())
            mails.append(sa.func.lower(answer_mails.c.email) == email.strip().lower())
        if number:
            conds.append(handoffs.c.person_phone == number)
        if conversation_id:
            conds.append(handoffs.c.conversation_id == conversation_id)
            mails.append(answer_mails.c.conversation_id == conversation_id)
        with self._tx() as conn:
            found = conn.execute(
                sa.select(handoffs.c.id, handoffs.c.conversation_id).where(sa.or_(*conds))
            ).all()
            conv_ids = {r.conversation_id for r in found if r.conversation_id}
            if mails:
                for r in conn.execute(
                    sa.select(answer_mails.c.conversation_id).where(sa.or_(*mails))
                ).all():
                    if r.conversation_id:
                        conv_ids.add(r.conversation_id)
                n_m = conn.execute(answer_mails.delete().where(sa.or_(*mails))).rowcount
            else:
                n_m = 0
            if conversation_id:
                conv_ids.add(conversation_id)
            n_h = (
                conn.execute(
                    handoffs.delete().where(handoffs.c.id.in_([r.id for r in found]))
                ).rowcount
                if found
                else 0
            )
            counts = _delete_conversations(conn, conv_ids)
        return {"handoffs": n_h, "answer_mails": n_m, **counts}

    def purge(self, older_than: timedelta, now: datetime | None = None) -> dict[str, int]:
        """Delete conversations not updated for ``older_than`` and closed requests as old.

        Open handoff requests (new, in progress) are kept whatever their age: deleting one
        would lose a person's request."""
        cutoff = (now or utcnow()) - older_than
        with self._tx() as conn:
            conv_ids = set(
                conn.execute(
                    sa.select(conversations.c.id).where(conversations.c.updated_at < cutoff)
                ).scalars()
            )
            open_convs = (
                set(
                    conn.execute(
                        sa.select(handoffs.c.conversation_id).where(
                            handoffs.c.conversation_id.in_(conv_ids),
                            handoffs.c.status.not_in(CLOSED_STATUSES),
                        )
                    ).scalars()
                )
                if conv_ids
                else set()
            )
            conv_ids -= open_convs
            n_h = conn.execute(
                handoffs.delete().where(
                    handoffs.c.updated_at < cutoff, handoffs.c.status.in_(CLOSED_STATUSES)
                )
            ).rowcount
            n_m = conn.execute(
                answer_mails.delete().where(answer_mails.c.created_at < cutoff)
            ).rowcount
            counts = _delete_conversations(conn, conv_ids)
            conn.execute(staff_sessions.delete().where(staff_sessions.c.expires_at < utcnow()))
            conn.execute(login_failures.delete().where(login_failures.c.last_at < cutoff))
        return {"handoffs": n_h, "answer_mails": n_m, **counts}

    def counts(self) -> dict[str, int]:
        with self._tx() as conn:
            return {
                t.name: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar())
                for t in (conversations, answers, feedback, handoffs, staff)
            }


def _delete_conversations(conn: Connection, conv_ids: set[str]) -> dict[str, int]:
    if not conv_ids:
        return {"conversations": 0, "answers": 0}
    ids = list(conv_ids)
    answer_ids = list(
        conn.execute(sa.select(answers.c.id).where(answers.c.conversation_id.in_(ids))).scalars()
    )
    if answer_ids:
        conn.execute(feedback.delete().where(feedback.c.answer_id.in_(answer_ids)))
        conn.execute(answer_sources.delete().where(answer_sources.c.answer_id.in_(answer_ids)))
        conn.execute(answers.delete().where(answers.c.id.in_(answer_ids)))
    conn.execute(
        handoffs.update()
        .where(handoffs.c.conversation_id.in_(ids))
        .values(conversation_id=None, answer_id=None)
    )
    n_c = conn.execute(conversations.delete().where(conversations.c.id.in_(ids))).rowcount
    return {"conversations": n_c, "answers": len(answer_ids)}
