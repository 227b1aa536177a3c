"""Persistence: conversations, answers with their sources, feedback, handoff requests, staff.

SQLite by default (``var/assistant.db``, nothing to set up); PostgreSQL with one URL
(``ASSISTANT_DATABASE_URL=postgresql://user:pass@host/db``). Both run the same SQL through
SQLAlchemy Core. The schema is created and migrated by :meth:`Store.migrate`: each migration is
a numbered list of statements, applied once, in order, inside a transaction, and recorded in
``schema_version``.

When the database cannot be reached every method raises :class:`StoreUnavailable` (a clear
message in English and French); a handoff request that cannot be stored is written to a spool
folder instead and imported by :meth:`Store.flush_spool` as soon as the database is back.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from .config import HANDOFF_STATUSES, REMIND_DAYS, ROOT
from .errors import AssistantError, UsageError

#: What the person answers to the follow-up e-mail once their request is done.
SATISFACTION = {"helped": "Aidé·e", "not_helped": "Pas aidé·e"}
#: A follow-up e-mail that fails this many times is not tried again.
FOLLOWUP_MAX_ATTEMPTS = 3
#: A closed request can be purged after the retention period; an open one is kept.
CLOSED_STATUSES = ("done", "not_for_us", "unreachable")
#: Delivery of the request to the organisation.
DELIVERY_LABELS = {
    "pending": "envoi en attente",
    "sent": "envoyée par e-mail",
    "failed": "échec d'envoi, nouvel essai prévu",
    "gave_up": "échec d'envoi répété : à transmettre à la main",
    "manual": "pas d'e-mail connu : à transmettre à la main",
}
FEEDBACK_REASONS = {
    "wrong": "Réponse fausse",
    "outdated": "Information périmée",
    "wrong_territory": "Mauvais territoire",
    "missing_organisation": "Il manque une organisation",
}
REVIEW_STATES = {"checked": "Vérifiée", "wrong": "Fausse"}
DOCUMENT_FLAGS = {"hidden": "Masqué", "promoted": "Mis en avant"}
SESSION_HOURS = 12


def utcnow() -> datetime:
    """Naive UTC: both back-ends store it the same way."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


PARIS = ZoneInfo("Europe/Paris")


def paris_time(dt: datetime) -> datetime:
    """A stored (naive UTC) time as people in France read it; overseas users see Paris time too,
    which pages and e-mails say ("heure de Paris")."""
    return dt.replace(tzinfo=UTC).astimezone(PARIS)


def default_database_url() -> str:
    url = os.environ.get("ASSISTANT_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{ROOT / 'var' / 'assistant.db'}"


def default_spool_dir() -> Path:
    value = os.environ.get("ASSISTANT_SPOOL")
    return Path(value) if value else ROOT / "var" / "spool"


class StoreUnavailable(AssistantError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            f"The database cannot be reached ({detail}). Check ASSISTANT_DATABASE_URL and that "
            "the server is running.",
            "La base de données est momentanément indisponible. Réessayez dans quelques minutes.",
        )


# -- schema ---------------------------------------------------------------------------------

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
    sa.Column("conversation_id", sa.String(36)),
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
)
answer_sources = sa.Table(
    "answer_sources",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("answer_id", sa.Integer),
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
)
feedback = sa.Table(
    "feedback",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("answer_id", sa.Integer),
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
    sa.Column("attempts", sa.Integer),
    sa.Column("last_error", sa.Text),
    sa.Column("next_attempt_at", T),
    sa.Column("sent_at", T),
    sa.Column("created_at", T),
    sa.Column("updated_at", T),
    sa.Column("request_key", sa.String(36)),
    sa.Column("status_at", T),
    sa.Column("followup_token_hash", sa.String(64)),
    sa.Column("followup_attempts", sa.Integer),
    sa.Column("followup_sent_at", T),
    sa.Column("satisfaction", sa.String(16)),
    sa.Column("satisfaction_comment", sa.Text),
    sa.Column("satisfaction_at", T),
)
handoff_events = sa.Table(
    "handoff_events",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("handoff_id", sa.Integer),
    sa.Column("at", T),
    sa.Column("actor", sa.String(120)),
    sa.Column("kind", sa.String(20)),
    sa.Column("detail", sa.Text),
)
staff = sa.Table(
    "staff",
    meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(120)),
    sa.Column("password_hash", sa.Text),
    sa.Column("created_at", T),
    sa.Column("last_login_at", T),
)
staff_sessions = sa.Table(
    "staff_sessions",
    meta,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("staff_id", sa.Integer),
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

# Each migration: statements in portable SQL; {id} is the dialect's auto-increment key.
MIGRATIONS: list[tuple[int, str, list[str]]] = [
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
LATEST = MIGRATIONS[-1][0]


# -- values ---------------------------------------------------------------------------------


@dataclass
class HandoffRequest:
    """What the person filled in, checked by :func:`assistant.handoff.validate`."""

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
class Staff:
    id: int
    username: str


@dataclass(frozen=True)
class StaffSession:
    staff: Staff
    csrf: str


# -- passwords ------------------------------------------------------------------------------

_SCRYPT = (2**14, 8, 1)
MIN_PASSWORD = 10


def hash_password(password: str) -> str:
    n, r, p = _SCRYPT
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${n}${r}${p}${b64(salt).decode()}${b64(digest).decode()}"


def _new_password_hash(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UsageError(
            f"The password must have at least {MIN_PASSWORD} characters.",
            f"Le mot de passe doit faire au moins {MIN_PASSWORD} caractères.",
        )
    return hash_password(password)


def verify_password(password: str, stored: str) -> bool:
    try:
        algo, n, r, p, salt, digest = stored.split("$")
        if algo != "scrypt":
            return False
        got = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(base64.b64decode(digest)),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


def normalize_phone(phone: str) -> str:
    """Digits only, French numbers in their national form: '+33 6 12…' → '0612…'."""
    raw = phone.strip()
    digits = "".join(c for c in raw if c.isdigit())
    if raw.startswith("+33") or raw.startswith("0033"):
        digits = "0" + digits[2:] if raw.startswith("+") else "0" + digits[4:]
    elif raw.startswith("+"):
        digits = "+" + digits
    return digits


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# -- the store ------------------------------------------------------------------------------


def _rows(result) -> list[dict]:
    return [dict(r._mapping) for r in result]


def _handoff_filters(status: str | None, waiting: bool, now: datetime | None) -> list:
    """The conditions of :meth:`Store.handoffs` and :meth:`Store.count_handoffs` (the waiting
    rule is :func:`needs_reminder`'s, in SQL)."""
    conditions = []
    if status:
        conditions.append(handoffs.c.status == status)
    if waiting:
        cutoff = (now or utcnow()) - timedelta(days=REMIND_DAYS)
        conditions += [handoffs.c.status.not_in(CLOSED_STATUSES), handoffs.c.status_at <= cutoff]
    return conditions


def days_unchanged(h: dict, now: datetime) -> int:
    """Whole days since a request's status last changed."""
    since = h["status_at"] or h["created_at"]
    return (now - since).days if since else 0


def needs_reminder(h: dict, now: datetime) -> bool:
    """The rule of ``handoffs(waiting=True)``, for one request already read."""
    return h["status"] not in CLOSED_STATUSES and days_unchanged(h, now) >= REMIND_DAYS


def _log_event(
    conn: Connection, handoff_id: int, actor: str, kind: str, detail: str, at: datetime
) -> None:
    """One line of a request's history, in the caller's transaction."""
    conn.execute(
        handoff_events.insert().values(
            handoff_id=handoff_id, at=at, actor=actor, kind=kind, detail=detail
        )
    )


def _sources_of(conn: Connection, answer_ids: list[int]) -> dict[int, list[dict]]:
    """The cited sources of these answers, by answer, in citation order."""
    out: dict[int, list[dict]] = {}
    if not answer_ids:
        return out
    q = (
        answer_sources.select()
        .where(answer_sources.c.answer_id.in_(answer_ids))
        .order_by(answer_sources.c.answer_id, answer_sources.c.n)
    )
    for row in _rows(conn.execute(q)):
        out.setdefault(row["answer_id"], []).append(row)
    return out


class Store:
    def __init__(self, url: str | None = None, spool_dir: Path | None = None) -> None:
        self.url = url or default_database_url()
        self.spool_dir = Path(spool_dir) if spool_dir else default_spool_dir()
        self.engine: Engine = self._create_engine(self.url)
        #: migrate on first use (the chat server may start while the database is down)
        self.auto_migrate = False
        self._migrated = False

    @classmethod
    def open(cls, url: str | None = None, spool_dir: Path | None = None) -> Store:
        """Open and migrate: what the chat, the staff page and the CLI use."""
        store = cls(url, spool_dir)
        store.migrate()
        store._migrated = True
        return store

    @classmethod
    def lazy(cls, url: str | None = None, spool_dir: Path | None = None) -> Store:
        """A store that connects and migrates on first use: never fails at start-up."""
        store = cls(url, spool_dir)
        store.auto_migrate = True
        return store

    @staticmethod
    def _create_engine(url: str) -> Engine:
        try:
            u = sa.engine.make_url(url)
        except sa.exc.ArgumentError as err:
            raise UsageError(
                f"ASSISTANT_DATABASE_URL is not a database URL: {url!r} ({err}). "
                "Examples: sqlite:///var/assistant.db, postgresql://user:pass@localhost/assistant"
            ) from err
        backend = u.get_backend_name()
        if backend == "sqlite":
            if u.database and u.database != ":memory:":
                try:
                    Path(u.database).parent.mkdir(parents=True, exist_ok=True)
                except OSError:
                    pass  # not creatable: the first query raises StoreUnavailable, not this

            engine = sa.create_engine(u, connect_args={"timeout": 15})

            @sa.event.listens_for(engine, "connect")
            def _pragmas(dbapi_conn, _record):  # noqa: ANN001
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA journal_mode=WAL")
                cur.close()

            return engine
        if backend == "postgresql":
            if u.drivername == "postgresql":
                u = u.set(drivername="postgresql+psycopg")
            return sa.create_engine(u, pool_pre_ping=True, connect_args={"connect_timeout": 5})
        raise UsageError(
            f"Unsupported database {backend!r}: use sqlite:///path or postgresql://...",
        )

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        if self.auto_migrate and not self._migrated:
            self._migrated = True  # migrate() itself runs in _tx
            try:
                self.migrate()
            except BaseException:
                self._migrated = False
                raise
        try:
            with self.engine.begin() as conn:
                yield conn
        except sa.exc.OperationalError as err:
            raise StoreUnavailable(str(err.orig).strip().splitlines()[0]) from err
        except sa.exc.InterfaceError as err:
            raise StoreUnavailable(str(err.orig)) from err

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def dispose(self) -> None:
        self.engine.dispose()

    # -- schema ------------------------------------------------------------------------------
    def version(self) -> int:
        with self._tx() as conn:
            if not sa.inspect(conn).has_table("schema_version"):
                return 0
            v = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
            return int(v or 0)

    def migrate(self, target: int = LATEST) -> list[int]:
        """Apply the missing migrations up to ``target``; return the versions applied."""
        auto = (
            "SERIAL PRIMARY KEY"
            if self.backend == "postgresql"
            else ("INTEGER PRIMARY KEY AUTOINCREMENT")
        )
        applied = []
        with self._tx() as conn:
            if self.backend == "postgresql":  # two processes starting together: one migrates
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242)")
            else:
                # pysqlite runs DDL outside any transaction unless one is begun explicitly: a
                # migration failing halfway would stay half-applied (and fail again on every
                # start). IMMEDIATE also makes a second process wait, like the lock above.
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            if not sa.inspect(conn).has_table("schema_version"):
                conn.exec_driver_sql(
                    "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
                    "applied_at TIMESTAMP)"
                )
            current = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
            current = int(current or 0)
            if current > LATEST:
                raise AssistantError(
                    f"The database schema is version {current}, newer than this program "
                    f"({LATEST}): update the program."
                )
            for version, _title, statements in MIGRATIONS:
                if current < version <= target:
                    for stmt in statements:
                        conn.exec_driver_sql(stmt.replace("{id}", auto))
                    conn.execute(
                        schema_version.insert().values(version=version, applied_at=utcnow())
                    )
                    applied.append(version)
        return applied

    # -- conversations and answers -------------------------------------------------------------
    def save_answer(self, conversation_id: str, answer: Any) -> int:
        """Store one answer (an :class:`assistant.answer.Answer`) with its sources."""
        now = utcnow()
        profile = json.dumps(answer.profile.as_dict(), ensure_ascii=False)
        with self._tx() as conn:
            exists = conn.execute(
                sa.select(conversations.c.id).where(conversations.c.id == conversation_id)
            ).first()
            if exists:
                conn.execute(
                    conversations.update()
                    .where(conversations.c.id == conversation_id)
                    .values(updated_at=now, profile=profile)
                )
            else:
                conn.execute(
                    conversations.insert().values(
                        id=conversation_id, created_at=now, updated_at=now, profile=profile
                    )
                )
            answer_id = conn.execute(
                answers.insert()
                .values(
                    conversation_id=conversation_id,
                    question=answer.question,
                    answer=answer.answer,
                    clarification=answer.clarification,
                    profile=profile,
                    contacts=json.dumps([asdict(c) for c in answer.contacts], ensure_ascii=False),
                    found=bool(answer.found),
                    created_at=now,
                )
                .returning(answers.c.id)
            ).scalar_one()
            if answer.sources:
                conn.execute(
                    answer_sources.insert(),
                    [
                        {
                            "answer_id": answer_id,
                            "n": s.n,
                            "doc_id": s.id,
                            "chunk_id": s.chunk_id,
                            "title": s.title,
                            "organisation": s.organisation,
                            "url": s.url,
                            "kind": s.kind,
                            "status": s.status,
                            "deadline": s.deadline,
                            "passage": s.passage,
                            "last_checked": s.last_checked,
                        }
                        for s in answer.sources
                    ],
                )
        return int(answer_id)

    def recent_conversations(self, limit: int = 50, offset: int = 0) -> list[dict]:
        """Newest first, with their number of answers, negative feedback and handoffs."""
        n_answers = (
            sa.select(sa.func.count())
            .where(answers.c.conversation_id == conversations.c.id)
            .scalar_subquery()
        )
        first_q = (
            sa.select(answers.c.question)
            .where(answers.c.conversation_id == conversations.c.id)
            .order_by(answers.c.id)
            .limit(1)
            .scalar_subquery()
        )
        negative = (
            sa.select(sa.func.count())
            .select_from(feedback.join(answers, feedback.c.answer_id == answers.c.id))
            .where(answers.c.conversation_id == conversations.c.id, feedback.c.rating < 0)
            .scalar_subquery()
        )
        n_handoffs = (
            sa.select(sa.func.count())
            .where(handoffs.c.conversation_id == conversations.c.id)
            .scalar_subquery()
        )
        q = (
            sa.select(
                conversations.c.id,
                conversations.c.created_at,
                conversations.c.updated_at,
                n_answers.label("answers"),
                first_q.label("first_question"),
                negative.label("negative"),
                n_handoffs.label("handoffs"),
            )
            .order_by(conversations.c.updated_at.desc(), conversations.c.id)
            .limit(limit)
            .offset(offset)
        )
        with self._tx() as conn:
            return _rows(conn.execute(q))

    def conversation(self, conversation_id: str) -> dict | None:
        """A conversation with its answers; each answer with its sources and feedback."""
        with self._tx() as conn:
            conv = conn.execute(
                conversations.select().where(conversations.c.id == conversation_id)
            ).first()
            if conv is None:
                return None
            out = dict(conv._mapping)
            rows = _rows(
                conn.execute(
                    answers.select()
                    .where(answers.c.conversation_id == conversation_id)
                    .order_by(answers.c.id)
                )
            )
            ids = [a["id"] for a in rows]
            srcs = _sources_of(conn, ids)
            fbs = (
                _rows(
                    conn.execute(
                        feedback.select()
                        .where(feedback.c.answer_id.in_(ids))
                        .order_by(feedback.c.id)
                    )
                )
                if ids
                else []
            )
            for a in rows:
                a["sources"] = srcs.get(a["id"], [])
                a["feedback"] = [f for f in fbs if f["answer_id"] == a["id"]]
                a["contacts"] = json.loads(a["contacts"] or "[]")
            out["answers"] = rows
            out["handoffs"] = _rows(
                conn.execute(
                    handoffs.select()
                    .where(handoffs.c.conversation_id == conversation_id)
                    .order_by(handoffs.c.id)
                )
            )
            return out

    def answer(self, answer_id: int) -> dict | None:
        with self._tx() as conn:
            row = conn.execute(answers.select().where(answers.c.id == answer_id)).first()
            return dict(row._mapping) if row else None

    def review_answer(self, answer_id: int, state: str, note: str, actor: str) -> None:
        if state not in REVIEW_STATES:
            raise UsageError(f"Unknown review state {state!r}: one of {', '.join(REVIEW_STATES)}")
        with self._tx() as conn:
            done = conn.execute(
                answers.update()
                .where(answers.c.id == answer_id)
                .values(
                    review_state=state,
                    review_note=note.strip(),
                    reviewed_by=actor,
                    reviewed_at=utcnow(),
                )
            ).rowcount
        if not done:
            raise UsageError(f"No answer {answer_id}.", f"Réponse n° {answer_id} introuvable.")

    def reviewed_answers(self) -> list[dict]:
        """Answers that staff marked, with their sources as ``[n] title <url>`` lines."""
        with self._tx() as conn:
            rows = _rows(
                conn.execute(
                    answers.select()
                    .where(answers.c.review_state.is_not(None))
                    .order_by(answers.c.reviewed_at.desc(), answers.c.id.desc())
                )
            )
            srcs = _sources_of(conn, [a["id"] for a in rows])
        for a in rows:
            a["sources"] = srcs.get(a["id"], [])
        return rows

    # -- feedback ----------------------------------------------------------------------------
    def add_feedback(
        self, answer_id: int, rating: int, reason: str | None = None, comment: str | None = None
    ) -> int:
        if rating not in (1, -1):
            raise UsageError("rating is 1 (useful) or -1 (to correct)")
        if reason is not None and reason not in FEEDBACK_REASONS:
            raise UsageError(
                f"Unknown reason {reason!r}: one of {', '.join(FEEDBACK_REASONS)}",
                "Motif inconnu.",
            )
        with self._tx() as conn:
            if not conn.execute(sa.select(answers.c.id).where(answers.c.id == answer_id)).first():
                raise UsageError(
                    f"No answer {answer_id}.",
                    "Cette réponse n'est plus enregistrée : votre avis ne peut pas y être lié.",
                )
            return int(
                conn.execute(
                    feedback.insert()
                    .values(
                        answer_id=answer_id,
                        rating=rating,
                        reason=reason,
                        comment=(comment or "").strip()[:4000] or None,
                        created_at=utcnow(),
                    )
                    .returning(feedback.c.id)
                ).scalar_one()
            )

    def recent_feedback(self, limit: int = 50) -> list[dict]:
        q = (
            sa.select(
                feedback,
                answers.c.question,
                answers.c.conversation_id,
            )
            .select_from(feedback.join(answers, feedback.c.answer_id == answers.c.id))
            .order_by(feedback.c.id.desc())
            .limit(limit)
        )
        with self._tx() as conn:
            return _rows(conn.execute(q))

    # -- handoffs ----------------------------------------------------------------------------
    def create_handoff(self, req: HandoffRequest, delivery: str) -> int:
        """Store the request (idempotent on ``request_key``) and return its number."""
        try:
            return self._insert_handoff(req, delivery)
        except sa.exc.IntegrityError:
            # the same request stored meanwhile by another worker (a spool flushed twice, a
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
            _log_event(conn, hid, "demandeur", "status", "new", now)
            return int(hid)

    def handoffs(
        self,
        status: str | None = None,
        limit: int = 200,
        offset: int = 0,
        waiting: bool = False,
        now: datetime | None = None,
    ) -> list[dict]:
        """Newest first. ``waiting``: only the open ones (new or taken in charge) whose status
        has not changed for REMIND_DAYS days, the oldest change first: the ones to chase."""
        q = handoffs.select().where(*_handoff_filters(status, waiting, now))
        if waiting:
            q = q.order_by(handoffs.c.status_at, handoffs.c.id)
        else:
            q = q.order_by(handoffs.c.id.desc())
        with self._tx() as conn:
            return _rows(conn.execute(q.limit(limit).offset(offset)))

    def count_handoffs(
        self, status: str | None = None, waiting: bool = False, now: datetime | None = None
    ) -> int:
        """How many :meth:`handoffs` would list without a limit."""
        q = sa.select(sa.func.count()).select_from(handoffs)
        with self._tx() as conn:
            return int(conn.execute(q.where(*_handoff_filters(status, waiting, now))).scalar())

    def handoff(self, handoff_id: int) -> dict | None:
        with self._tx() as conn:
            row = conn.execute(handoffs.select().where(handoffs.c.id == handoff_id)).first()
            if row is None:
                return None
            out = dict(row._mapping)
            out["events"] = _rows(
                conn.execute(
                    handoff_events.select()
                    .where(handoff_events.c.handoff_id == handoff_id)
                    .order_by(handoff_events.c.id)
                )
            )
            return out

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
            _log_event(conn, handoff_id, actor, "status", detail, now)

    def due_deliveries(self, now: datetime | None = None) -> list[dict]:
        now = now or utcnow()
        q = (
            handoffs.select()
            .where(
                handoffs.c.delivery.in_(("pending", "failed")),
                handoffs.c.next_attempt_at <= now,
            )
            .order_by(handoffs.c.id)
        )
        with self._tx() as conn:
            return _rows(conn.execute(q))

    def record_delivery(
        self,
        handoff_id: int,
        ok: bool,
        error: str | None = None,
        next_attempt_at: datetime | None = None,
        gave_up: bool = False,
    ) -> None:
        now = utcnow()
        if ok:
            values = {
                "delivery": "sent",
                "sent_at": now,
                "last_error": None,
                "next_attempt_at": None,
            }
            detail = "envoyée"
        else:
            values = {
                "delivery": "gave_up" if gave_up else "failed",
                "last_error": (error or "")[:1000],
                "next_attempt_at": None if gave_up else next_attempt_at,
            }
            detail = f"échec : {error}"
        with self._tx() as conn:
            conn.execute(
                handoffs.update()
                .where(handoffs.c.id == handoff_id)
                .values(attempts=handoffs.c.attempts + 1, updated_at=now, **values)
            )
            _log_event(conn, handoff_id, "envoi", "delivery", detail, now)

    # -- follow-up: did the request help? ----------------------------------------------------
    def due_followups(self) -> list[dict]:
        """Done requests from a person with an e-mail, not yet asked whether it helped."""
        q = (
            handoffs.select()
            .where(
                handoffs.c.status == "done",
                handoffs.c.person_email.is_not(None),
                handoffs.c.person_email != "",
                handoffs.c.followup_sent_at.is_(None),
                sa.func.coalesce(handoffs.c.followup_attempts, 0) < FOLLOWUP_MAX_ATTEMPTS,
            )
            .order_by(handoffs.c.id)
        )
        with self._tx() as conn:
            return _rows(conn.execute(q))

    def start_followup(self, handoff_id: int) -> str:
        """A new secret for the person's follow-up link; only its hash is kept."""
        token = secrets.token_urlsafe(24)
        with self._tx() as conn:
            conn.execute(
                handoffs.update()
                .where(handoffs.c.id == handoff_id)
                .values(followup_token_hash=_token_hash(token))
            )
        return token

    def record_followup(self, handoff_id: int, ok: bool, error: str | None = None) -> None:
        now = utcnow()
        with self._tx() as conn:
            values: dict[str, Any] = {
                "followup_attempts": sa.func.coalesce(handoffs.c.followup_attempts, 0) + 1
            }
            if ok:
                values["followup_sent_at"] = now
            conn.execute(handoffs.update().where(handoffs.c.id == handoff_id).values(**values))
            detail = ("question de suivi envoyée à la personne" if ok
                      else f"question de suivi non envoyée : {error}"[:2000])
            _log_event(conn, handoff_id, "envoi", "delivery", detail, now)

    def followup(self, token: str) -> dict | None:
        """The request a follow-up link belongs to (None for an unknown or forgotten one)."""
        if not token or len(token) > 100:
            return None
        with self._tx() as conn:
            row = conn.execute(
                handoffs.select().where(handoffs.c.followup_token_hash == _token_hash(token))
            ).first()
            return dict(row._mapping) if row else None

    def answer_followup(self, token: str, satisfaction: str, comment: str = "") -> dict | None:
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
                .where(handoffs.c.id == h["id"])
                .values(satisfaction=satisfaction, satisfaction_comment=comment.strip()[:2000],
                        satisfaction_at=now)
            )
            detail = SATISFACTION[satisfaction] + (
                f" — {comment.strip()[:2000]}" if comment.strip() else ""
            )
            _log_event(conn, h["id"], "demandeur", "followup", detail, now)
        return {**h, "satisfaction": satisfaction}

    def satisfaction_counts(self) -> dict[str, int]:
        """How many people said the request helped, did not, or were asked and did not say."""
        q = sa.select(handoffs.c.satisfaction, sa.func.count()).where(
            handoffs.c.followup_sent_at.is_not(None)
        ).group_by(handoffs.c.satisfaction)
        with self._tx() as conn:
            rows = conn.execute(q).all()
        out = {"helped": 0, "not_helped": 0, "no_answer": 0}
        for value, n in rows:
            out[value if value in SATISFACTION else "no_answer"] += int(n)
        return out

    def log_event(self, handoff_id: int, actor: str, kind: str, detail: str) -> None:
        """One line in a request's history (shown to staff)."""
        with self._tx() as conn:
            _log_event(conn, handoff_id, actor, kind, detail[:2000], utcnow())

    def retry_delivery(self, handoff_id: int, actor: str) -> None:
        """Staff asks for a new attempt after repeated failures."""
        now = utcnow()
        with self._tx() as conn:
            done = conn.execute(
                handoffs.update()
                .where(handoffs.c.id == handoff_id, handoffs.c.delivery.in_(("failed", "gave_up")))
                .values(delivery="pending", next_attempt_at=now, updated_at=now)
            ).rowcount
            if not done:  # already sent, pending or manual (a second click): nothing to log
                known = sa.select(handoffs.c.id).where(handoffs.c.id == handoff_id)
                if conn.execute(known).first():
                    return
                raise UsageError(
                    f"No handoff {handoff_id}.", f"Demande n° {handoff_id} introuvable."
                )
            _log_event(conn, handoff_id, actor, "delivery", "nouvel essai demandé", now)

    # -- spool: handoffs written while the database was down ----------------------------------
    def spool(self, req: HandoffRequest, delivery: str) -> Path:
        """Write the request to disk (fsync, atomic rename) when the database is down."""
        self.spool_dir.mkdir(parents=True, exist_ok=True)
        path = self.spool_dir / f"handoff-{req.request_key}.json"
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"request": req.as_dict(), "delivery": delivery}, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        return path

    def spooled(self) -> list[Path]:
        return sorted(self.spool_dir.glob("handoff-*.json")) if self.spool_dir.exists() else []

    def flush_spool(self) -> list[int]:
        """Import spooled requests into the database; return their new numbers."""
        ids = []
        for path in self.spooled():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except FileNotFoundError:  # imported meanwhile by another worker
                continue
            ids.append(
                self.create_handoff(HandoffRequest.from_dict(data["request"]), data["delivery"])
            )
            path.unlink(missing_ok=True)
        return ids

    # -- staff -------------------------------------------------------------------------------
    def add_staff(self, username: str, password: str) -> int:
        username = username.strip()
        if not username or len(username) > 120:
            raise UsageError("The user name must have 1 to 120 characters.")
        h = _new_password_hash(password)
        with self._tx() as conn:
            row = conn.execute(sa.select(staff.c.id).where(staff.c.username == username)).first()
            if row:
                conn.execute(staff.update().where(staff.c.id == row.id).values(password_hash=h))
                conn.execute(staff_sessions.delete().where(staff_sessions.c.staff_id == row.id))
                return int(row.id)
            return int(
                conn.execute(
                    staff.insert()
                    .values(username=username, password_hash=h, created_at=utcnow())
                    .returning(staff.c.id)
                ).scalar_one()
            )

    def change_password(self, staff_id: int, current: str, new: str, keep_token: str) -> bool:
        """A staff member's own change: False when ``current`` is wrong. Every other session of
        the account ends (a stolen session cookie stops working); ``keep_token``'s goes on."""
        new_hash = _new_password_hash(new)
        with self._tx() as conn:
            row = conn.execute(staff.select().where(staff.c.id == staff_id)).first()
            if row is None or not verify_password(current, row.password_hash):
                return False
            account = staff.update().where(staff.c.id == staff_id)
            conn.execute(account.values(password_hash=new_hash))
            conn.execute(
                staff_sessions.delete().where(
                    staff_sessions.c.staff_id == staff_id,
                    staff_sessions.c.token_hash != _token_hash(keep_token),
                )
            )
            return True

    def staff_members(self) -> list[dict]:
        with self._tx() as conn:
            return _rows(
                conn.execute(
                    sa.select(
                        staff.c.id, staff.c.username, staff.c.created_at, staff.c.last_login_at
                    ).order_by(staff.c.username)
                )
            )

    def remove_staff(self, username: str) -> bool:
        with self._tx() as conn:
            return bool(conn.execute(staff.delete().where(staff.c.username == username)).rowcount)

    def login(self, username: str, password: str) -> str | None:
        """A new session token when the password is right, else None (same time either way)."""
        with self._tx() as conn:
            row = conn.execute(staff.select().where(staff.c.username == username.strip())).first()
            stored = row.password_hash if row else hash_password("not-a-user-password")
            if not verify_password(password, stored) or row is None:
                return None
            token = secrets.token_urlsafe(32)
            now = utcnow()
            conn.execute(staff_sessions.delete().where(staff_sessions.c.expires_at < now))
            conn.execute(
                staff_sessions.insert().values(
                    token_hash=_token_hash(token),
                    staff_id=row.id,
                    csrf=secrets.token_urlsafe(24),
                    created_at=now,
                    expires_at=now + timedelta(hours=SESSION_HOURS),
                )
            )
            conn.execute(staff.update().where(staff.c.id == row.id).values(last_login_at=now))
            return token

    def session(self, token: str | None) -> StaffSession | None:
        if not token:
            return None
        q = (
            sa.select(
                staff.c.id, staff.c.username, staff_sessions.c.csrf, staff_sessions.c.expires_at
            )
            .select_from(staff_sessions.join(staff, staff.c.id == staff_sessions.c.staff_id))
            .where(staff_sessions.c.token_hash == _token_hash(token))
        )
        with self._tx() as conn:
            row = conn.execute(q).first()
        if row is None or row.expires_at < utcnow():
            return None
        return StaffSession(Staff(row.id, row.username), row.csrf)

    def logout(self, token: str) -> None:
        with self._tx() as conn:
            conn.execute(
                staff_sessions.delete().where(staff_sessions.c.token_hash == _token_hash(token))
            )

    # -- documents ---------------------------------------------------------------------------
    def set_document_flag(self, doc_id: str, state: str | None, actor: str, note: str = "") -> None:
        """``hidden``: never retrieved; ``promoted``: lifted in rankings; None: back to normal."""
        if state is not None and state not in DOCUMENT_FLAGS:
            raise UsageError(f"Unknown flag {state!r}: hidden, promoted or none")
        with self._tx() as conn:
            conn.execute(document_flags.delete().where(document_flags.c.doc_id == doc_id))
            if state:
                conn.execute(
                    document_flags.insert().values(
                        doc_id=doc_id,
                        state=state,
                        note=note.strip(),
                        actor=actor,
                        updated_at=utcnow(),
                    )
                )

    def document_flags(self) -> dict[str, dict]:
        with self._tx() as conn:
            return {r["doc_id"]: r for r in _rows(conn.execute(document_flags.select()))}

    # -- privacy -----------------------------------------------------------------------------
    def forget_person(
        self,
        email: str | None = None,
        phone: str | None = None,
        conversation_id: str | None = None,
    ) -> dict[str, int]:
        """Delete a person's handoff requests and the conversations they came from."""
        if not (email or phone or conversation_id):
            raise UsageError("Give an e-mail, a phone number or a conversation id.")
        conds = []
        if email:
            conds.append(sa.func.lower(handoffs.c.person_email) == email.strip().lower())
        if phone:
            conds.append(handoffs.c.person_phone == normalize_phone(phone))
        if conversation_id:
            conds.append(handoffs.c.conversation_id == conversation_id)
        with self._tx() as conn:
            rows = conn.execute(
                sa.select(handoffs.c.id, handoffs.c.conversation_id).where(sa.or_(*conds))
            ).all()
            conv_ids = {r.conversation_id for r in rows if r.conversation_id}
            if conversation_id:
                conv_ids.add(conversation_id)
            n_h = (
                conn.execute(
                    handoffs.delete().where(handoffs.c.id.in_([r.id for r in rows]))
                ).rowcount
                if rows
                else 0
            )
            counts = self._delete_conversations(conn, conv_ids)
        return {"handoffs": n_h, **counts}

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
            counts = self._delete_conversations(conn, conv_ids)
            conn.execute(staff_sessions.delete().where(staff_sessions.c.expires_at < utcnow()))
        return {"handoffs": n_h, **counts}

    @staticmethod
    def _delete_conversations(conn: Connection, conv_ids: set[str]) -> dict[str, int]:
        if not conv_ids:
            return {"conversations": 0, "answers": 0}
        ids = list(conv_ids)
        answer_ids = list(
            conn.execute(
                sa.select(answers.c.id).where(answers.c.conversation_id.in_(ids))
            ).scalars()
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

    def counts(self) -> dict[str, int]:
        with self._tx() as conn:
            return {
                t.name: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar())
                for t in (conversations, answers, feedback, handoffs, staff)
            }


class FlagReader:
    """The documents staff hid or promoted, as the engine's ``flags`` callable.

    Read at most every ``ttl`` seconds; while the database is down the last value read is kept
    (and nothing is hidden if it was never read), so questions are still answered."""

    def __init__(self, store: Store, ttl: float = 2.0) -> None:
        import threading

        self.store, self.ttl = store, ttl
        self._value: tuple[set[str], set[str]] = (set(), set())
        self._at = float("-inf")
        self._lock = threading.Lock()

    def invalidate(self) -> None:
        self._at = float("-inf")

    def __call__(self) -> tuple[set[str], set[str]]:
        import time

        with self._lock:
            if time.monotonic() - self._at >= self.ttl:
                try:
                    flags = self.store.document_flags()
                except StoreUnavailable:
                    return self._value
                self._value = (
                    {d for d, f in flags.items() if f["state"] == "hidden"},
                    {d for d, f in flags.items() if f["state"] == "promoted"},
                )
                self._at = time.monotonic()
            return self._value
