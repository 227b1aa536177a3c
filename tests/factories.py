"""Values the tests build again and again: answers, contact cards, handoff requests, and raw SQL
on a store (shared by tests/db, tests/handoff and tests/web)."""

from __future__ import annotations

from dataclasses import asdict

import sqlalchemy as sa

from assistant.answer import Answer, ContactCard, Source
from assistant.db import HandoffRequest, Store
from assistant.language.profile import Profile

PROFILE = Profile(
    territory="COM:69123",
    territory_label="Lyon (69)",
    needs=("financement",),
    themes=("economie_circulaire",),
    stage="creation",
)


def make_source(n: int, doc: str, deadline: str | None = None) -> Source:
    return Source(
        n=n,
        id=doc,
        title=f"Fiche {doc}",
        url=f"https://{doc}.example.org/aide",
        kind="call" if deadline else "organisation",
        organisation=f"Organisation {doc}",
        territories=["REG:84"],
        deadline=deadline,
        status="open" if deadline else "permanent",
        passage=f"Passage {n} de {doc} : prêts d'honneur jusqu'à 8 000 €.",
        headings=["Ce que propose la structure"],
        chunk_id=f"{doc}#{n}",
        last_checked="2025-01-15",
    )


def make_card(doc: str = "france-active", email: str | None = "contact@fa.example.org") -> dict:
    return asdict(
        ContactCard(
            organisation="France Active Auvergne-Rhône-Alpes",
            name=None,
            role="Chargée d'accompagnement",
            email=email,
            phone="04 72 00 00 00",
            url="https://france-active.example.org",
            document=doc,
            source=1,
            prepare=("Un budget prévisionnel", "Une présentation du projet"),
        )
    )


def make_answer(question: str, docs: tuple[str, ...] = ("france-active", "adie")) -> Answer:
    sources = [
        make_source(i, doc, "2025-06-30" if i == 2 else None) for i, doc in enumerate(docs, 1)
    ]
    card = ContactCard(**{**make_card(docs[0]), "prepare": ("Un budget prévisionnel",)})
    return Answer(
        question=question,
        answer=f"Réponse à « {question} » [1].",
        sources=sources,
        contacts=[card],
        clarification="Votre projet est-il déjà immatriculé ?",
        profile=PROFILE,
        found=True,
    )


def make_request(**kw) -> HandoffRequest:
    values = {
        "organisation": "France Active Auvergne-Rhône-Alpes",
        "message": "Bonjour, je cherche un prêt d'honneur pour ma recyclerie à Lyon.",
        "person_name": "Élodie Martin",
        "person_email": "elodie@example.org",
        "person_phone": "+33612345678",  # E.164, as the form stores it
        "doc_id": "france-active",
        "contact_email": "contact@fa.example.org",
    }
    values.update(kw)
    return HandoffRequest(**values)


def scalar(store: Store, sql: str, **params):
    with store.engine.begin() as conn:
        return conn.execute(sa.text(sql), params).scalar()


def execute(store: Store, sql: str, **params) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.text(sql), params)


def columns(store: Store, table: str) -> set[str]:
    return {c["name"] for c in sa.inspect(store.engine).get_columns(table)}
