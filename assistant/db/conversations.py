"""Conversations, answers with their sources, feedback, staff review, document flags."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from ..errors import UsageError
from .core import rows, utcnow
from .rows import AnswerRow, Conversation, ConversationSummary, FeedbackRow, Handoff, SourceRow
from .schema import (
    answer_sources,
    answers,
    conversations,
    document_flags,
    feedback,
    handoffs,
)

FEEDBACK_REASONS = {
    "wrong": "Réponse fausse",
    "outdated": "Information périmée",
    "wrong_territory": "Mauvais territoire",
    "missing_organisation": "Il manque une organisation",
}
REVIEW_STATES = {"checked": "Vérifiée", "wrong": "Fausse"}
DOCUMENT_FLAGS = {"hidden": "Masqué", "promoted": "Mis en avant"}


def _sources_of(conn: Connection, answer_ids: list[int]) -> dict[int, list[SourceRow]]:
    """The cited sources of these answers, by answer, in citation order."""
    out: dict[int, list[SourceRow]] = {}
    if not answer_ids:
        return out
    q = (
        answer_sources.select()
        .where(answer_sources.c.answer_id.in_(answer_ids))
        .order_by(answer_sources.c.answer_id, answer_sources.c.n)
    )
    for row in rows(conn.execute(q)):
        out.setdefault(row["answer_id"], []).append(SourceRow.of(row))
    return out


class ConversationsMixin:
    def _upsert_conversation(self, conn: Connection, conversation_id: str, profile: str) -> None:
        """One statement, so that two messages sent back to back never both insert it."""
        now = utcnow()
        values = {"id": conversation_id, "created_at": now, "updated_at": now, "profile": profile}
        insert = pg_insert if self.backend == "postgresql" else sqlite_insert
        stmt = insert(conversations).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[conversations.c.id],
            set_={"updated_at": now, "profile": profile},
        )
        conn.execute(stmt)

    def save_answer(self, conversation_id: str, answer: Any) -> int:
        """Store one answer (an :class:`assistant.answer.Answer`) with its sources."""
        now = utcnow()
        profile = json.dumps(answer.profile.as_dict(), ensure_ascii=False)
        with self._tx() as conn:
            self._upsert_conversation(conn, conversation_id, profile)
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

    def conversation_profile(self, conversation_id: str) -> dict | None:
        """What a conversation had learnt (its last profile), to go on after a reconnection."""
        with self._tx() as conn:
            raw = conn.execute(
                sa.select(conversations.c.profile).where(conversations.c.id == conversation_id)
            ).scalar()
        return json.loads(raw) if raw else None

    def recent_conversations(self, limit: int = 50, offset: int = 0) -> list[ConversationSummary]:
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
            return [ConversationSummary.of(r) for r in rows(conn.execute(q))]

    def conversation(self, conversation_id: str) -> Conversation | None:
        """A conversation with its answers; each answer with its sources and feedback."""
        with self._tx() as conn:
            conv = conn.execute(
                conversations.select().where(conversations.c.id == conversation_id)
            ).first()
            if conv is None:
                return None
            answer_rows = rows(
                conn.execute(
                    answers.select()
                    .where(answers.c.conversation_id == conversation_id)
                    .order_by(answers.c.id)
                )
            )
            ids = [a["id"] for a in answer_rows]
            srcs = _sources_of(conn, ids)
            fbs = (
                [
                    FeedbackRow.of(f)
                    for f in rows(
                        conn.execute(
                            feedback.select()
                            .where(feedback.c.answer_id.in_(ids))
                            .order_by(feedback.c.id)
                        )
                    )
                ]
                if ids
                else []
            )
            built = tuple(
                AnswerRow.of(
                    {**a, "contacts": json.loads(a["contacts"] or "[]")},
                    sources=tuple(srcs.get(a["id"], [])),
                    feedback=tuple(f for f in fbs if f.answer_id == a["id"]),
                )
                for a in answer_rows
            )
            hands = tuple(
                Handoff.of(h)
                for h in rows(
                    conn.execute(
                        handoffs.select()
                        .where(handoffs.c.conversation_id == conversation_id)
                        .order_by(handoffs.c.id)
                    )
                )
            )
            return Conversation.of(conv, answers=built, handoffs=hands)

    def answer(self, answer_id: int) -> AnswerRow | None:
        with self._tx() as conn:
            row = conn.execute(answers.select().where(answers.c.id == answer_id)).first()
            if row is None:
                return None
            srcs = _sources_of(conn, [answer_id])
        return AnswerRow.of(row, sources=tuple(srcs.get(answer_id, [])))

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

    def reviewed_answers(self) -> list[AnswerRow]:
        """Answers that staff marked, with their sources."""
        with self._tx() as conn:
            found = rows(
                conn.execute(
                    answers.select()
                    .where(answers.c.review_state.is_not(None))
                    .order_by(answers.c.reviewed_at.desc(), answers.c.id.desc())
                )
            )
            srcs = _sources_of(conn, [a["id"] for a in found])
        return [AnswerRow.of(a, sources=tuple(srcs.get(a["id"], []))) for a in found]

    # -- feedback ----------------------------------------------------------------------------
    def add_feedback(
        self,
        answer_id: int,
        rating: int,
        reason: str | None = None,
        comment: str | None = None,
        conversation_id: str | None = None,
    ) -> int:
        """Feedback on an answer; with ``conversation_id``, only on an answer of that
        conversation (a visitor cannot post on answers they never saw)."""
        if rating not in (1, -1):
            raise UsageError("rating is 1 (useful) or -1 (to correct)")
        if reason is not None and reason not in FEEDBACK_REASONS:
            raise UsageError(
                f"Unknown reason {reason!r}: one of {', '.join(FEEDBACK_REASONS)}",
                "Motif inconnu.",
            )
        with self._tx() as conn:
            q = sa.select(answers.c.id).where(answers.c.id == answer_id)
            if conversation_id is not None:
                q = q.where(answers.c.conversation_id == conversation_id)
            if not conn.execute(q).first():
                raise UsageError(
                    f"No answer {answer_id}" + (
                        f" in conversation {conversation_id}." if conversation_id else "."
                    ),
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

    def recent_feedback(self, limit: int = 50) -> list[FeedbackRow]:
        q = (
            sa.select(feedback, answers.c.question, answers.c.conversation_id)
            .select_from(feedback.join(answers, feedback.c.answer_id == answers.c.id))
            .order_by(feedback.c.id.desc())
            .limit(limit)
        )
        with self._tx() as conn:
            return [FeedbackRow.of(r) for r in rows(conn.execute(q))]

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
            return {r["doc_id"]: r for r in rows(conn.execute(document_flags.select()))}
