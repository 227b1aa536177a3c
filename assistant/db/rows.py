"""Typed values between the store and its readers (the staff pages, the worker, the CLI).

Each row is a frozen dataclass built from a database row (:meth:`Row.of` keeps the fields it
knows). They read like objects (``h.status``) in code and templates; ``h["status"]`` also works,
for the CSV export and the JSON the CLI prints.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any

from .core import utcnow


class Row:
    @classmethod
    def of(cls, mapping: Any, **extra):
        """From a database row (or dict): the fields this class has, plus ``extra``."""
        m = dict(getattr(mapping, "_mapping", mapping))
        names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in m.items() if k in names}, **extra)

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key, default)

    def as_dict(self) -> dict:
        return asdict(self)  # type: ignore[call-overload]


@dataclass
class HandoffRequest:
    """What the person filled in, checked by :func:`assistant.handoff.form.validate`."""

    organisation: str
    message: str
    person_name: str
    person_email: str | None = None
    person_phone: str | None = None
    doc_id: str | None = None
    contact_role: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    contact_url: str | None = None
    conversation_id: str | None = None
    answer_id: int | None = None
    consent_at: datetime = field(default_factory=utcnow)
    request_key: str = field(default_factory=lambda: str(uuid.uuid4()))

    def as_dict(self) -> dict:
        d = asdict(self)
        d["consent_at"] = self.consent_at.isoformat()
        return d

    @classmethod
    def from_dict(cls, d: dict) -> HandoffRequest:
        d = dict(d)
        d["consent_at"] = datetime.fromisoformat(d["consent_at"])
        return cls(**d)


@dataclass(frozen=True)
class Staff(Row):
    id: int
    username: str


@dataclass(frozen=True)
class StaffSession(Row):
    staff: Staff
    csrf: str


@dataclass(frozen=True)
class StaffMember(Row):
    id: int
    username: str
    created_at: datetime | None = None
    last_login_at: datetime | None = None


@dataclass(frozen=True)
class Event(Row):
    id: int
    handoff_id: int
    at: datetime | None
    actor: str | None
    kind: str | None
    detail: str | None


@dataclass(frozen=True)
class Handoff(Row):
    id: int
    organisation: str | None = None
    message: str | None = None
    person_name: str | None = None
    person_email: str | None = None
    person_phone: str | None = None
    conversation_id: str | None = None
    answer_id: int | None = None
    doc_id: str | None = None
    contact_role: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    contact_url: str | None = None
    consent_at: datetime | None = None
    status: str | None = None
    delivery: str | None = None
    attempts: int | None = 0
    last_error: str | None = None
    next_attempt_at: datetime | None = None
    sent_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    request_key: str | None = None
    status_at: datetime | None = None
    followup_token_hash: str | None = None
    followup_attempts: int | None = 0
    followup_sent_at: datetime | None = None
    satisfaction: str | None = None
    satisfaction_comment: str | None = None
    satisfaction_at: datetime | None = None
    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class OutboxItem(Row):
    """One e-mail to send, claimed by a worker; ``handoff`` or ``answer_mail`` is what it is
    about."""

    id: int
    kind: str
    state: str
    attempts: int = 0
    handoff_id: int | None = None
    answer_mail_id: int | None = None
    next_attempt_at: datetime | None = None
    claimed_by: str | None = None
    claim_until: datetime | None = None
    last_error: str | None = None
    handoff: Handoff | None = None
    answer_mail: AnswerMail | None = None


@dataclass(frozen=True)
class AnswerMail(Row):
    id: int
    request_key: str
    email: str
    conversation_id: str | None = None
    answer_id: int | None = None
    subject: str | None = None
    body: str | None = None
    consent_at: datetime | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class SourceRow(Row):
    id: int
    answer_id: int
    n: int | None = None
    doc_id: str | None = None
    chunk_id: str | None = None
    title: str | None = None
    organisation: str | None = None
    url: str | None = None
    kind: str | None = None
    status: str | None = None
    deadline: str | None = None
    passage: str | None = None
    last_checked: str | None = None


@dataclass(frozen=True)
class FeedbackRow(Row):
    id: int
    answer_id: int
    rating: int | None = None
    reason: str | None = None
    comment: str | None = None
    created_at: datetime | None = None
    question: str | None = None
    conversation_id: str | None = None


@dataclass(frozen=True)
class AnswerRow(Row):
    id: int
    conversation_id: str
    question: str | None = None
    answer: str | None = None
    clarification: str | None = None
    profile: str | None = None
    contacts: Any = None
    found: bool | None = None
    created_at: datetime | None = None
    review_state: str | None = None
    review_note: str | None = None
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None
    sources: tuple[SourceRow, ...] = ()
    feedback: tuple[FeedbackRow, ...] = ()


@dataclass(frozen=True)
class ConversationSummary(Row):
    id: str
    created_at: datetime | None = None
    updated_at: datetime | None = None
    answers: int = 0
    first_question: str | None = None
    negative: int = 0
    handoffs: int = 0


@dataclass(frozen=True)
class Conversation(Row):
    id: str
    created_at: datetime | None = None
    updated_at: datetime | None = None
    profile: str | None = None
    answers: tuple[AnswerRow, ...] = ()
    handoffs: tuple[Handoff, ...] = ()
