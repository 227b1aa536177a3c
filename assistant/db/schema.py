"""The database schema: the SQLAlchemy metadata is its one definition.

A new database is created from :data:`meta` (``create_all``) and stamped with the latest version.
A database made by an earlier version is brought up to date by the numbered migrations below, each
applied once, in order, in one transaction; ``tests/db/test_schema.py`` checks that a database
migrated from nothing equals the metadata (tables, columns, indexes, keys).
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

meta = sa.MetaData()
T = sa.DateTime()

schema_version = sa.Table(
    "schema_version",
    meta,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("applied_at", T),
)
conversations = sa.Table(
    "conversations",
    meta,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("created_at", T),
    sa.Column("updated_at", T),
    sa.Column("profile", sa.Text),
)
answers = sa.Table(
    "answers",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "conversation_id",
        sa.String(36),
        sa.ForeignKey("conversations.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("question", sa.Text),
    sa.Column("answer", sa.Text),
    sa.Column("clarification", sa.Text),
    sa.Column("profile", sa.Text),
    sa.Column("contacts", sa.Text),
    sa.Column("found", sa.Boolean),
    sa.Column("created_at", T),
    sa.Column("review_state", sa.String(16)),
    sa.Column("review_note", sa.Text),
    sa.Column("reviewed_by", sa.String(120)),
    sa.Column("reviewed_at", T),
    sa.Index("answers_conversation", "conversation_id"),
)
answer_sources = sa.Table(
    "answer_sources",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "answer_id", sa.Integer, sa.ForeignKey("answers.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("n", sa.Integer),
    sa.Column("doc_id", sa.String(160)),
    sa.Column("chunk_id", sa.String(200)),
    sa.Column("title", sa.Text),
    sa.Column("organisation", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("kind", sa.String(20)),
    sa.Column("status", sa.String(20)),
    sa.Column("deadline", sa.String(20)),
    sa.Column("passage", sa.Text),
    sa.Column("last_checked", sa.String(20)),
    sa.Index("answer_sources_answer", "answer_id"),
)
feedback = sa.Table(
    "feedback",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "answer_id", sa.Integer, sa.ForeignKey("answers.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("rating", sa.Integer),
    sa.Column("reason", sa.String(40)),
    sa.Column("comment", sa.Text),
    sa.Column("created_at", T),
)
handoffs = sa.Table(
    "handoffs",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("conversation_id", sa.String(36)),
    sa.Column("answer_id", sa.Integer),
    sa.Column("doc_id", sa.String(160)),
    sa.Column("organisation", sa.Text),
    sa.Column("contact_role", sa.Text),
    sa.Column("contact_email", sa.Text),
    sa.Column("contact_phone", sa.Text),
    sa.Column("contact_url", sa.Text),
    sa.Column("person_name", sa.Text),
    sa.Column("person_email", sa.Text),
    sa.Column("person_phone", sa.Text),
    sa.Column("consent_at", T),
    sa.Column("message", sa.Text),
    sa.Column("status", sa.String(20)),
    sa.Column("delivery", sa.String(20)),
    sa.Column("attempts", sa.Integer, server_default="0"),
    sa.Column("last_error", sa.Text),
    sa.Column("next_attempt_at", T),
    sa.Column("sent_at", T),
    sa.Column("created_at", T),
    sa.Column("updated_at", T),
    sa.Column("request_key", sa.String(36)),
    sa.Column("status_at", T),
    sa.Column("followup_token_hash", sa.String(64)),
    sa.Column("followup_attempts", sa.Integer, server_default="0"),
    sa.Column("followup_sent_at", T),
    sa.Column("satisfaction", sa.String(16)),
    sa.Column("satisfaction_comment", sa.Text),
    sa.Column("satisfaction_at", T),
    sa.Index("handoffs_status", "status"),
    sa.Index("handoffs_request_key", "request_key", unique=True),
    sa.Index("handoffs_followup_token", "followup_token_hash", unique=True),
)
handoff_events = sa.Table(
    "handoff_events",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "handoff_id", sa.Integer, sa.ForeignKey("handoffs.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("at", T),
    sa.Column("actor", sa.String(120)),
    sa.Column("kind", sa.String(20)),
    sa.Column("detail", sa.Text),
)
staff = sa.Table(
    "staff",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(120), nullable=False, unique=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created_at", T),
    sa.Column("last_login_at", T),
)
staff_sessions = sa.Table(
    "staff_sessions",
    meta,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column(
        "staff_id", sa.Integer, sa.ForeignKey("staff.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("csrf", sa.String(64)),
    sa.Column("created_at", T),
    sa.Column("expires_at", T),
)
document_flags = sa.Table(
    "document_flags",
    meta,
    sa.Column("doc_id", sa.String(160), primary_key=True),
    sa.Column("state", sa.String(16)),
    sa.Column("note", sa.Text),
    sa.Column("actor", sa.String(120)),
    sa.Column("updated_at", T),
)
#: every e-mail to send (a request to an organisation, the person's copy, a follow-up question,
#: an answer sent to the person): claimed by one worker before it is sent, exactly once
outbox = sa.Table(
    "outbox",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(12), nullable=False),
    sa.Column("handoff_id", sa.Integer, sa.ForeignKey("handoffs.id", ondelete="CASCADE")),
    sa.Column("answer_mail_id", sa.Integer, sa.ForeignKey("answer_mails.id", ondelete="CASCADE")),
    sa.Column("state", sa.String(12), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_attempt_at", T),
    sa.Column("claimed_by", sa.String(120)),
    sa.Column("claim_until", T),
    sa.Column("sending_at", T),
    sa.Column("sent_at", T),
    sa.Column("last_error", sa.Text),
    sa.Column("created_at", T),
    sa.Index("outbox_due", "state", "next_attempt_at"),
    sa.Index("outbox_handoff_kind", "handoff_id", "kind", unique=True),
    sa.Index("outbox_answer_mail", "answer_mail_id", unique=True),
)
#: a person asked to receive an answer by e-mail ("M'envoyer cette réponse")
answer_mails = sa.Table(
    "answer_mails",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("request_key", sa.String(64), nullable=False, unique=True),
    sa.Column("conversation_id", sa.String(36)),
    sa.Column("answer_id", sa.Integer, sa.ForeignKey("answers.id", ondelete="SET NULL")),
    sa.Column("email", sa.Text, nullable=False),
    sa.Column("subject", sa.Text),
    sa.Column("body", sa.Text),
    sa.Column("consent_at", T),
    sa.Column("created_at", T),
)
#: failed staff logins, shared by every server: per account and per address
login_failures = sa.Table(
    "login_failures",
    meta,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
    sa.Column("first_at", T),
    sa.Column("last_at", T),
)


# -- migrations of databases made by earlier versions ---------------------------------------

Step = str | Callable[[Connection], None]
#: {id} is the dialect's auto-increment key
MIGRATIONS: list[tuple[int, str, list[Step]]] = [
    (
        1,
        "conversations, answers, sources, feedback, handoff requests, staff accounts",
        [
            "CREATE TABLE conversations (id VARCHAR(36) PRIMARY KEY, created_at TIMESTAMP, "
            "updated_at TIMESTAMP, profile TEXT)",
            "CREATE TABLE answers (id {id}, conversation_id VARCHAR(36) NOT NULL "
            "REFERENCES conversations(id) ON DELETE CASCADE, question TEXT, answer TEXT, "
            "clarification TEXT, profile TEXT, contacts TEXT, found BOOLEAN, created_at TIMESTAMP)",
            "CREATE INDEX answers_conversation ON answers (conversation_id)",
            "CREATE TABLE answer_sources (id {id}, answer_id INTEGER NOT NULL REFERENCES "
            "answers(id) ON DELETE CASCADE, n INTEGER, doc_id VARCHAR(160), chunk_id "
            "VARCHAR(200), title TEXT, organisation TEXT, url TEXT, kind VARCHAR(20), "
            "status VARCHAR(20), deadline VARCHAR(20), passage TEXT, last_checked VARCHAR(20))",
            "CREATE INDEX answer_sources_answer ON answer_sources (answer_id)",
            "CREATE TABLE feedback (id {id}, answer_id INTEGER NOT NULL REFERENCES answers(id) "
            "ON DELETE CASCADE, rating INTEGER, reason VARCHAR(40), comment TEXT, "
            "created_at TIMESTAMP)",
            "CREATE TABLE handoffs (id {id}, conversation_id VARCHAR(36), answer_id INTEGER, "
            "doc_id VARCHAR(160), organisation TEXT, contact_role TEXT, contact_email TEXT, "
            "contact_phone TEXT, contact_url TEXT, person_name TEXT, person_email TEXT, "
            "person_phone TEXT, consent_at TIMESTAMP, message TEXT, status VARCHAR(20), "
            "delivery VARCHAR(20), attempts INTEGER DEFAULT 0, last_error TEXT, "
            "next_attempt_at TIMESTAMP, sent_at TIMESTAMP, created_at TIMESTAMP, "
            "updated_at TIMESTAMP)",
            "CREATE INDEX handoffs_status ON handoffs (status)",
            "CREATE TABLE handoff_events (id {id}, handoff_id INTEGER NOT NULL REFERENCES "
            "handoffs(id) ON DELETE CASCADE, at TIMESTAMP, actor VARCHAR(120), kind VARCHAR(20), "
            "detail TEXT)",
            "CREATE TABLE staff (id {id}, username VARCHAR(120) NOT NULL UNIQUE, "
            "password_hash TEXT NOT NULL, created_at TIMESTAMP, last_login_at TIMESTAMP)",
            "CREATE TABLE staff_sessions (token_hash VARCHAR(64) PRIMARY KEY, staff_id INTEGER "
            "NOT NULL REFERENCES staff(id) ON DELETE CASCADE, csrf VARCHAR(64), "
            "created_at TIMESTAMP, expires_at TIMESTAMP)",
        ],
    ),
    (
        2,
        "staff review: answers checked or wrong, documents hidden or promoted, "
        "idempotent handoff submission",
        [
            "ALTER TABLE answers ADD COLUMN review_state VARCHAR(16)",
            "ALTER TABLE answers ADD COLUMN review_note TEXT",
            "ALTER TABLE answers ADD COLUMN reviewed_by VARCHAR(120)",
            "ALTER TABLE answers ADD COLUMN reviewed_at TIMESTAMP",
            "CREATE TABLE document_flags (doc_id VARCHAR(160) PRIMARY KEY, state VARCHAR(16), "
            "note TEXT, actor VARCHAR(120), updated_at TIMESTAMP)",
            "ALTER TABLE handoffs ADD COLUMN request_key VARCHAR(36)",
            "CREATE UNIQUE INDEX handoffs_request_key ON handoffs (request_key)",
        ],
    ),
    (
        3,
        "when each handoff request's status last changed (requests waiting for a reminder)",
        [
            "ALTER TABLE handoffs ADD COLUMN status_at TIMESTAMP",
            "UPDATE handoffs SET status_at = COALESCE((SELECT MAX(e.at) FROM handoff_events e "
            "WHERE e.handoff_id = handoffs.id AND e.kind = 'status'), created_at)",
        ],
    ),
    (
        4,
        "follow-up: after a request is done, the person says whether it helped",
        [
            "ALTER TABLE handoffs ADD COLUMN followup_token_hash VARCHAR(64)",
            "ALTER TABLE handoffs ADD COLUMN followup_attempts INTEGER DEFAULT 0",
            "ALTER TABLE handoffs ADD COLUMN followup_sent_at TIMESTAMP",
            "ALTER TABLE handoffs ADD COLUMN satisfaction VARCHAR(16)",
            "ALTER TABLE handoffs ADD COLUMN satisfaction_comment TEXT",
            "ALTER TABLE handoffs ADD COLUMN satisfaction_at TIMESTAMP",
            "CREATE UNIQUE INDEX handoffs_followup_token ON handoffs (followup_token_hash)",
        ],
    ),
]


def _v5_outbox(conn: Connection) -> None:
    """E-mails claimed before they are sent (several servers, several workers), answers sent by
    e-mail, login failures shared by every server; phone numbers in E.164; requests still to
    send moved to the outbox."""
    from .core import utcnow
    from .phones import e164

    for table in (answer_mails, outbox, login_failures):
        table.create(conn)
    rows = conn.execute(
        sa.select(handoffs.c.id, handoffs.c.person_phone).where(
            handoffs.c.person_phone.is_not(None)
        )
    ).all()
    for hid, phone in rows:
        conn.execute(
            handoffs.update().where(handoffs.c.id == hid).values(person_phone=e164(phone) or phone)
        )
    due = conn.execute(
        sa.select(handoffs.c.id, handoffs.c.attempts, handoffs.c.next_attempt_at).where(
            handoffs.c.delivery.in_(("pending", "failed"))
        )
    ).all()
    for hid, attempts, next_at in due:
        conn.execute(
            outbox.insert().values(
                kind="request", handoff_id=hid, state="pending", attempts=attempts or 0,
                next_attempt_at=next_at or utcnow(), created_at=utcnow(),
            )
        )


MIGRATIONS.append((5, "e-mails claimed before sending; answers by e-mail; shared login "
                   "throttling; phone numbers in E.164", [_v5_outbox]))
LATEST = MIGRATIONS[-1][0]
