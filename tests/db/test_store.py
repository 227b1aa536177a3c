"""The store on both back-ends: a SQLite file and a real PostgreSQL server (tests/pg.py).

Every test taking ``store`` or ``empty_store`` runs twice (``[sqlite]`` and ``[postgresql]``).
"""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import asdict
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from factories import (
    PROFILE,
    columns,
    execute,
    make_answer,
    make_card,
    make_request,
    scalar,
)
from pg import free_port

from assistant.answer import Answer
from assistant.db import (
    LATEST,
    HandoffRequest,
    Store,
    StoreUnavailable,
    utcnow,
    verify_password,
)
from assistant.errors import AssistantError, UsageError
from assistant.handoff import register, validate

# -- migrations -----------------------------------------------------------------------------


def test_migrate_from_empty(empty_store: Store):
    """A new database is made from the metadata (the one definition of the schema) at once."""
    assert empty_store.version() == 0
    assert empty_store.migrate() == [LATEST]
    assert empty_store.version() == LATEST
    assert empty_store.migrate() == []
    assert empty_store.version() == LATEST
    tables = set(sa.inspect(empty_store.engine).get_table_names())
    assert {
        "schema_version",
        "conversations",
        "answers",
        "answer_sources",
        "feedback",
        "handoffs",
        "handoff_events",
        "staff",
        "staff_sessions",
        "document_flags",
        "outbox",
        "answer_mails",
        "login_failures",
    } <= tables
    assert empty_store.counts() == {
        "conversations": 0,
        "answers": 0,
        "feedback": 0,
        "handoffs": 0,
        "staff": 0,
    }
    assert scalar(empty_store, "SELECT COUNT(*) FROM schema_version") == 1


def test_open_migrates(empty_store: Store, tmp_path: Path):
    opened = Store.open(empty_store.url, tmp_path / "spool")
    try:
        assert opened.version() == LATEST
        assert opened.backend == empty_store.backend
    finally:
        opened.dispose()


def test_migration_from_v1_keeps_rows(empty_store: Store):
    store = empty_store
    assert store.migrate(target=1) == [1]
    assert store.version() == 1
    assert "review_state" not in columns(store, "answers")
    assert "request_key" not in columns(store, "handoffs")
    assert "document_flags" not in sa.inspect(store.engine).get_table_names()

    # rows written by a v1 program, with the v1 columns only
    with store.engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO conversations (id, created_at, updated_at, profile) VALUES "
                "('conv-v1', '2025-03-01 09:00:00', '2025-03-01 09:05:00', :profile)"
            ),
            {"profile": json.dumps(PROFILE.as_dict())},
        )
        answer_id = conn.execute(
            sa.text(
                "INSERT INTO answers (conversation_id, question, answer, clarification, "
                "profile, contacts, found, created_at) VALUES ('conv-v1', 'Un prêt à Lyon ?', "
                "'Oui, France Active [1].', NULL, '{}', :contacts, TRUE, "
                "'2025-03-01 09:05:00') RETURNING id"
            ),
            {"contacts": json.dumps([make_card()])},
        ).scalar_one()
        conn.execute(
            sa.text(
                "INSERT INTO answer_sources (answer_id, n, doc_id, chunk_id, title, "
                "organisation, url, kind, status, deadline, passage, last_checked) VALUES "
                "(:a, 1, 'france-active', 'france-active#0', 'France Active', 'France Active', "
                "'https://fa.example.org', 'organisation', 'permanent', NULL, 'Prêts.', "
                "'2025-01-15')"
            ),
            {"a": answer_id},
        )
        conn.execute(
            sa.text(
                "INSERT INTO feedback (answer_id, rating, reason, comment, created_at) "
                "VALUES (:a, -1, 'outdated', 'Le plafond a changé', '2025-03-01 09:06:00')"
            ),
            {"a": answer_id},
        )
        handoff_id = conn.execute(
            sa.text(
                "INSERT INTO handoffs (conversation_id, answer_id, doc_id, organisation, "
                "contact_email, person_name, person_email, consent_at, message, status, "
                "delivery, attempts, next_attempt_at, created_at, updated_at) VALUES "
                "('conv-v1', :a, 'france-active', 'France Active', 'contact@fa.example.org', "
                "'Paul', 'paul@example.org', '2025-03-01 09:07:00', 'Je voudrais un rendez-vous "
                "pour mon projet.', 'new', 'pending', 0, '2025-03-01 09:07:00', "
                "'2025-03-01 09:07:00', '2025-03-01 09:07:00') RETURNING id"
            ),
            {"a": answer_id},
        ).scalar_one()
        conn.execute(
            sa.text(
                "INSERT INTO handoff_events (handoff_id, at, actor, kind, detail) VALUES "
                "(:h, '2025-03-01 09:07:00', 'demandeur', 'status', 'new')"
            ),
            {"h": handoff_id},
        )

    assert store.migrate() == list(range(2, LATEST + 1))
    assert store.version() == LATEST

    conv = store.conversation("conv-v1")
    assert conv is not None
    assert conv["profile"] == json.dumps(PROFILE.as_dict())
    [a] = conv["answers"]
    assert a["id"] == answer_id and a["question"] == "Un prêt à Lyon ?" and a["found"] is True
    assert a["review_state"] is None
    assert a["contacts"] == json.loads(json.dumps([make_card()]))
    assert [s["doc_id"] for s in a["sources"]] == ["france-active"]
    assert [(f["rating"], f["reason"]) for f in a["feedback"]] == [(-1, "outdated")]
    [h] = conv["handoffs"]
    assert h["id"] == handoff_id and h["request_key"] is None
    old = store.handoff(handoff_id)
    assert old["consent_at"].isoformat() == "2025-03-01T09:07:00"
    assert [(e["actor"], e["detail"]) for e in old["events"]] == [("demandeur", "new")]
    assert old["status_at"].isoformat() == "2025-03-01T09:07:00"  # from its history (v3)
    # the old pending request is still due for delivery: it moved to the outbox
    assert store.outbox_counts() == {"pending": 1}
    item = store.claim_next("test-worker")
    assert item is not None and item.handoff_id == handoff_id and item.kind == "request"

    # the columns and tables of the later migrations work on the old rows
    store.review_answer(answer_id, "checked", "Vérifiée avec la fiche", "marie")
    assert [r["id"] for r in store.reviewed_answers()] == [answer_id]
    store.set_document_flag("france-active", "promoted", "marie")
    assert store.document_flags()["france-active"]["state"] == "promoted"
    req = make_request(conversation_id="conv-v1")
    new_id = store.create_handoff(req, "pending")
    assert new_id != handoff_id
    assert store.create_handoff(req, "pending") == new_id
    assert store.handoff(new_id)["request_key"] == req.request_key
    # several old rows without a key do not break the unique index
    other = store.create_handoff(make_request(), "manual")
    execute(store, "UPDATE handoffs SET request_key = NULL WHERE id = :i", i=other)
    assert store.counts()["handoffs"] == 3


def test_failed_migration_is_rolled_back(empty_store: Store):
    """A migration that fails halfway leaves the schema as it was, and can be run again."""
    store = empty_store
    store.migrate(target=1)
    # something in the way of migration 2's last statements (its first ones are ALTER TABLE)
    execute(store, "CREATE TABLE document_flags (something INTEGER)")
    with pytest.raises((StoreUnavailable, sa.exc.DBAPIError), match="document_flags"):
        store.migrate()
    assert store.version() == 1
    assert "review_state" not in columns(store, "answers")
    assert "request_key" not in columns(store, "handoffs")

    execute(store, "DROP TABLE document_flags")
    assert store.migrate() == list(range(2, LATEST + 1))
    assert store.version() == LATEST
    assert "review_state" in columns(store, "answers")


def test_newer_schema_is_refused(store: Store):
    execute(store, "INSERT INTO schema_version (version) VALUES (:v)", v=LATEST + 1)
    with pytest.raises(AssistantError, match="newer than this program"):
        store.migrate()


# -- conversations, answers, feedback -------------------------------------------------------


def test_save_answer_and_read_conversation(store: Store):
    first = make_answer("Quels prêts pour une recyclerie à Lyon ?")
    second = make_answer("Et pour embaucher ?", docs=("adie",))
    second.found = False
    second.clarification = None
    a1 = store.save_answer("conv-1", first)
    a2 = store.save_answer("conv-1", second)
    assert a2 > a1
    assert store.conversation("unknown") is None

    conv = store.conversation("conv-1")
    assert conv["id"] == "conv-1"
    assert json.loads(conv["profile"]) == PROFILE.as_dict()
    assert conv["created_at"] <= conv["updated_at"]
    assert conv["handoffs"] == ()
    got1, got2 = conv["answers"]
    assert [got1["id"], got2["id"]] == [a1, a2]
    assert got1["question"] == first.question
    assert got1["answer"] == first.answer
    assert got1["clarification"] == "Votre projet est-il déjà immatriculé ?"
    assert got1["found"] is True and got2["found"] is False
    assert got2["clarification"] is None
    assert json.loads(got1["profile"]) == PROFILE.as_dict()
    # contact cards come back as dicts (tuples as lists)
    assert got1["contacts"] == [
        {**asdict(c), "prepare": list(c.prepare)} for c in first.contacts
    ]
    assert [(s["n"], s["doc_id"], s["chunk_id"]) for s in got1["sources"]] == [
        (1, "france-active", "france-active#1"),
        (2, "adie", "adie#2"),
    ]
    s2 = got1["sources"][1]
    src = first.sources[1]
    assert (s2["title"], s2["organisation"], s2["url"], s2["kind"]) == (
        src.title,
        src.organisation,
        src.url,
        src.kind,
    )
    assert (s2["status"], s2["deadline"], s2["passage"], s2["last_checked"]) == (
        "open",
        "2025-06-30",
        src.passage,
        "2025-01-15",
    )
    assert [s["doc_id"] for s in got2["sources"]] == ["adie"]
    assert got1["feedback"] == () and got2["feedback"] == ()

    fb = store.add_feedback(a2, -1, "wrong_territory", "Ce n'est pas à Lyon")
    conv = store.conversation("conv-1")
    assert conv["answers"][0]["feedback"] == ()
    fbs = conv["answers"][1]["feedback"]
    got = [(f["id"], f["rating"], f["reason"], f["comment"]) for f in fbs]
    assert got == [(fb, -1, "wrong_territory", "Ce n'est pas à Lyon")]
    assert store.answer(a1)["question"] == first.question
    assert store.answer(10**6) is None


def test_answer_without_sources_or_contacts(store: Store):
    nothing = Answer("Une question hors sujet ?", "Je n'ai trouvé aucune source.")
    aid = store.save_answer("conv-empty", nothing)
    [a] = store.conversation("conv-empty")["answers"]
    assert a["id"] == aid and a["sources"] == () and a["contacts"] == [] and a["found"] is False


def test_recent_conversations_counts(store: Store):
    a1 = store.save_answer("conv-a", make_answer("Première question de A ?"))
    a2 = store.save_answer("conv-a", make_answer("Deuxième question de A ?"))
    store.save_answer("conv-b", make_answer("Seule question de B ?"))
    store.add_feedback(a1, -1, "wrong")
    store.add_feedback(a2, -1, "outdated")
    store.add_feedback(a2, 1)
    store.create_handoff(make_request(conversation_id="conv-a", answer_id=a2), "pending")
    # conv-b is the older one
    execute(
        store,
        "UPDATE conversations SET updated_at = :t WHERE id = 'conv-b'",
        t=utcnow() - timedelta(hours=1),
    )
    recent = store.recent_conversations()
    assert [c["id"] for c in recent] == ["conv-a", "conv-b"]
    by_id = {c["id"]: c for c in recent}
    assert by_id["conv-a"]["answers"] == 2
    assert by_id["conv-a"]["first_question"] == "Première question de A ?"
    assert by_id["conv-a"]["negative"] == 2
    assert by_id["conv-a"]["handoffs"] == 1
    assert (by_id["conv-b"]["answers"], by_id["conv-b"]["negative"]) == (1, 0)
    assert by_id["conv-b"]["handoffs"] == 0
    assert by_id["conv-b"]["first_question"] == "Seule question de B ?"
    assert [c["id"] for c in store.recent_conversations(limit=1)] == ["conv-a"]


def test_add_feedback(store: Store):
    aid = store.save_answer("conv-f", make_answer("Une aide pour une épicerie solidaire ?"))
    good = store.add_feedback(aid, 1)
    bad = store.add_feedback(aid, -1, "missing_organisation", "  Il manque l'Adie.  ")
    long = store.add_feedback(aid, -1, None, "x" * 5000)
    empty = store.add_feedback(aid, -1, "wrong", "   ")
    fbs = {f["id"]: f for f in store.conversation("conv-f")["answers"][0]["feedback"]}
    assert (fbs[good]["rating"], fbs[good]["reason"], fbs[good]["comment"]) == (1, None, None)
    assert fbs[bad]["reason"] == "missing_organisation"
    assert fbs[bad]["comment"] == "Il manque l'Adie."
    assert len(fbs[long]["comment"]) == 4000
    assert fbs[empty]["comment"] is None
    assert fbs[good]["created_at"] is not None
    recent = store.recent_feedback()
    assert [f["id"] for f in recent] == [empty, long, bad, good]
    assert recent[0]["question"] == "Une aide pour une épicerie solidaire ?"
    assert recent[0]["conversation_id"] == "conv-f"
    assert store.counts()["feedback"] == 4

    for rating in (0, 2, -2, 5):
        with pytest.raises(UsageError, match="rating"):
            store.add_feedback(aid, rating)
    with pytest.raises(UsageError, match="Unknown reason") as err:
        store.add_feedback(aid, -1, "boring")
    assert err.value.french == "Motif inconnu."
    with pytest.raises(UsageError, match="No answer") as err:
        store.add_feedback(aid + 1000, 1)
    assert "n'est plus enregistrée" in err.value.french
    assert store.counts()["feedback"] == 4


# -- handoff requests -----------------------------------------------------------------------


def test_create_handoff_is_idempotent(store: Store):
    aid = store.save_answer("conv-h", make_answer("Qui peut m'accompagner ?"))
    req = make_request(conversation_id="conv-h", answer_id=aid, contact_role="Chargée")
    hid = store.create_handoff(req, "pending")
    assert store.create_handoff(req, "pending") == hid
    assert store.create_handoff(HandoffRequest.from_dict(req.as_dict()), "pending") == hid
    assert store.counts()["handoffs"] == 1

    h = store.handoff(hid)
    assert (h["status"], h["delivery"], h["attempts"]) == ("new", "pending", 0)
    assert h["next_attempt_at"] is not None and h["next_attempt_at"] <= utcnow()
    assert h["consent_at"] == req.consent_at
    assert h["request_key"] == req.request_key
    assert (h["person_name"], h["person_email"], h["person_phone"]) == (
        "Élodie Martin",
        "elodie@example.org",
        "+33612345678",
    )
    assert (h["conversation_id"], h["answer_id"], h["doc_id"]) == ("conv-h", aid, "france-active")
    assert h["contact_role"] == "Chargée"
    assert [(e["actor"], e["kind"], e["detail"]) for e in h["events"]] == [
        ("demandeur", "status", "new")
    ]
    assert store.conversation("conv-h")["handoffs"][0]["id"] == hid

    manual = store.create_handoff(make_request(contact_email=None), "manual")
    assert manual != hid
    m = store.handoff(manual)
    assert m["delivery"] == "manual" and m["next_attempt_at"] is None
    assert [x["id"] for x in store.handoffs()] == [manual, hid]
    assert store.handoff(10**6) is None


def test_concurrent_submissions_of_one_request(store: Store):
    """The same request stored at the same moment (a spool flushed by two workers, a double
    submit): one row, and every caller gets its number."""
    for _ in range(5):
        req = make_request()
        barrier = threading.Barrier(6)
        results: list[int] = []
        errors: list[BaseException] = []

        def submit(req=req, barrier=barrier, results=results, errors=errors):
            barrier.wait()
            try:
                results.append(store.create_handoff(req, "pending"))
            except BaseException as err:  # noqa: BLE001 - reported below
                errors.append(err)

        threads = [threading.Thread(target=submit) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert errors == []
        assert len(results) == 6 and len(set(results)) == 1
        n = scalar(store, "SELECT COUNT(*) FROM handoffs WHERE request_key = :k", k=req.request_key)
        assert n == 1
    assert store.counts()["handoffs"] == 5


def test_set_handoff_status(store: Store):
    hid = store.create_handoff(make_request(), "pending")
    store.set_handoff_status(hid, "in_progress", "marie", "  Appelée ce matin  ")
    store.set_handoff_status(hid, "done", "paul")
    h = store.handoff(hid)
    assert h["status"] == "done"
    assert h["updated_at"] >= h["created_at"]
    assert [(e["actor"], e["kind"], e["detail"]) for e in h["events"]] == [
        ("demandeur", "status", "new"),
        ("marie", "status", "in_progress — Appelée ce matin"),
        ("paul", "status", "done"),
    ]
    assert [x["id"] for x in store.handoffs(status="done")] == [hid]
    assert store.handoffs(status="new") == []

    with pytest.raises(UsageError, match="Unknown status") as err:
        store.set_handoff_status(hid, "archived", "marie")
    assert err.value.french == "Statut inconnu."
    with pytest.raises(UsageError, match="No handoff") as err:
        store.set_handoff_status(10**6, "done", "marie")
    assert "introuvable" in err.value.french
    assert len(store.handoff(hid)["events"]) == 3


def test_requests_waiting_for_a_reminder(store: Store):
    """Open requests whose status has not changed for REMIND_DAYS days, oldest change first;
    a delivery attempt is not a status change, a closed request never waits."""
    from datetime import timedelta

    from assistant.config import REMIND_DAYS

    now = utcnow()
    ids = [store.create_handoff(make_request(), "pending") for _ in range(4)]
    fresh, old_new, old_taken, old_done = ids
    for hid, days in ((old_new, REMIND_DAYS + 3), (old_taken, REMIND_DAYS), (old_done, 30)):
        execute(store, "UPDATE handoffs SET status_at = :t WHERE id = :i",
                t=now - timedelta(days=days), i=hid)
    execute(store, "UPDATE handoffs SET status = 'in_progress' WHERE id = :i", i=old_taken)
    execute(store, "UPDATE handoffs SET status = 'done' WHERE id = :i", i=old_done)
    item = store.claim_next("w")  # a delivery attempt that fails
    assert item is not None and item.handoff_id == fresh
    store.record_failed(item, "550 boîte inconnue")
    assert [h["id"] for h in store.handoffs(waiting=True, now=now)] == [old_new, old_taken]
    assert store.count_handoffs(waiting=True, now=now) == 2 and store.count_handoffs() == 4
    assert store.count_handoffs(status="new", waiting=True, now=now) == 1
    assert [h["id"] for h in store.handoffs(waiting=True, status="new", now=now)] == [old_new]
    # a day earlier, old_taken had not waited long enough
    earlier = now - timedelta(days=1)
    assert [h["id"] for h in store.handoffs(waiting=True, now=earlier)] == [old_new]
    # a status change starts the count again
    store.set_handoff_status(old_new, "in_progress", "marie", "relancée")
    assert [h["id"] for h in store.handoffs(waiting=True, now=now)] == [old_taken]
    assert store.handoff(fresh)["status_at"] is not None


def _send_followups(store: Store, ok: bool = True) -> list[int]:
    """One worker's pass over the follow-up e-mails: the requests they are about."""
    out = []
    while (item := store.claim_next("w")) is not None:
        assert item.kind == "followup"
        assert store.mark_sending(item, "w")
        if ok:
            store.record_sent(item)
        else:
            store.record_failed(item, "SMTPRecipientsRefused: 550")
        out.append(item.handoff_id)
    return out


def _drain_requests(store: Store) -> None:
    while (item := store.claim_next("w")) is not None:
        assert store.mark_sending(item, "w")
        store.record_sent(item)


def test_follow_up_after_a_request_is_done(store: Store):
    """Done requests from a person with an e-mail are asked once whether it helped; the link's
    secret is stored hashed; the person may change the answer; failures stop after a few."""
    from assistant.db.handoffs import FOLLOWUP_MAX_ATTEMPTS

    done = store.create_handoff(make_request(), "pending")
    open_one = store.create_handoff(make_request(), "pending")
    phone_only = store.create_handoff(make_request(person_email=None), "pending")
    _drain_requests(store)
    for hid in (done, phone_only):
        store.set_handoff_status(hid, "done", "marie")
    assert store.enqueue_followups() == 1
    assert store.enqueue_followups() == 0  # queued once
    assert store.satisfaction_counts() == {"helped": 0, "not_helped": 0, "no_answer": 0}

    token = store.start_followup(done)
    assert len(token) >= 32 and token not in str(store.handoff(done))  # only its hash is kept
    assert _send_followups(store) == [done]
    assert store.enqueue_followups() == 0 and _send_followups(store) == []  # asked once
    assert store.followup(token)["id"] == done
    assert store.followup("not-a-token") is None and store.followup("") is None
    assert store.satisfaction_counts()["no_answer"] == 1

    with pytest.raises(UsageError):
        store.answer_followup(token, "maybe")
    answered = store.answer_followup(token, "not_helped", "  Pas de réponse de leur part  ")
    assert answered["id"] == done
    h = store.handoff(done)
    assert (h["satisfaction"], h["satisfaction_comment"]) == (
        "not_helped", "Pas de réponse de leur part"
    )
    store.answer_followup(token, "helped")  # they changed their mind
    assert store.handoff(done)["satisfaction"] == "helped"
    assert [e["detail"] for e in store.handoff(done)["events"] if e["kind"] == "followup"] == [
        "Pas aidé·e — Pas de réponse de leur part", "Aidé·e",
    ]
    assert store.satisfaction_counts() == {"helped": 1, "not_helped": 0, "no_answer": 0}
    assert store.answer_followup("unknown-token", "helped") is None

    # a follow-up that keeps failing is given up after a few attempts
    store.set_handoff_status(open_one, "done", "marie")
    assert store.enqueue_followups() == 1
    later = utcnow()
    for _ in range(FOLLOWUP_MAX_ATTEMPTS):
        execute(store, "UPDATE outbox SET next_attempt_at = :t WHERE state = 'failed'", t=later)
        assert _send_followups(store, ok=False) == [open_one]
    execute(store, "UPDATE outbox SET next_attempt_at = :t WHERE state = 'failed'", t=later)
    assert _send_followups(store) == []
    assert store.handoff(open_one)["events"][-1]["detail"].startswith("question de suivi non")

    # forgetting the person makes the link worthless
    store.forget_person(email="elodie@example.org")
    assert store.followup(token) is None


# -- spool: requests written while the database is down -------------------------------------


def down_url(backend: str, tmp_path: Path) -> str:
    if backend == "sqlite":
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("a file where the database folder should be")
        return f"sqlite:///{blocker / 'assistant.db'}"
    return f"postgresql://postgres@127.0.0.1:{free_port()}/assistant"


@pytest.mark.parametrize("kind", ["sqlite-parent-is-a-file", "sqlite-is-a-folder", "postgresql"])
def test_unreachable_database_raises_store_unavailable(kind: str, tmp_path: Path):
    if kind == "sqlite-is-a-folder":
        url = f"sqlite:///{tmp_path}"
    else:
        url = down_url(kind.split("-")[0], tmp_path)
    down = Store(url, spool_dir=tmp_path / "spool")
    calls = [
        down.version,
        down.migrate,
        lambda: down.conversation("conv"),
        down.recent_conversations,
        lambda: down.save_answer("conv", make_answer("Une question ?")),
        lambda: down.create_handoff(make_request(), "pending"),
        lambda: down.claim_next("w"),
        lambda: down.login("marie", "un mot de passe"),
        down.document_flags,
        down.counts,
    ]
    try:
        for call in calls:
            with pytest.raises(StoreUnavailable) as err:
                call()
            assert isinstance(err.value, AssistantError)
            assert "ASSISTANT_DATABASE_URL" in str(err.value)
            assert err.value.french == (
                "La base de données est momentanément indisponible. "
                "Réessayez dans quelques minutes."
            )
    finally:
        down.dispose()
    assert down.spooled() == []


def test_register_spools_when_down_and_flush_imports_once(store: Store, tmp_path: Path):
    spool = tmp_path / "shared-spool"
    down = Store(down_url(store.backend, tmp_path), spool_dir=spool)
    store.spool_dir = spool
    form = {
        "name": "  Élodie   Martin ",
        "email": "elodie@example.org",
        "phone": "+33 6 12 34 56 78",
        "message": "Bonjour, je cherche un prêt d'honneur pour ma recyclerie.",
        "consent": True,
        "request_key": str(uuid.uuid4()),
    }
    req, errors = validate(form, make_card(), "conv-down", None)
    assert errors == {} and req is not None

    done = register(down, req, "pending")
    down.dispose()
    assert done.spooled is True and done.number is None
    assert "momentanément indisponible" in done.text
    assert "votre demande est conservée" in done.text
    assert "Vous n'avez rien à refaire" in done.text
    [path] = store.spooled()
    assert path.name == f"handoff-{form['request_key']}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["delivery"] == "pending"
    assert data["request"]["person_name"] == "Élodie Martin"
    assert data["request"]["person_phone"] == "+33612345678"  # E.164
    assert list(spool.glob("*.tmp")) == []

    # the database is back
    [hid] = store.flush_spool()
    assert store.spooled() == []
    h = store.handoff(hid)
    assert (h["request_key"], h["person_name"], h["conversation_id"]) == (
        form["request_key"],
        "Élodie Martin",
        "conv-down",
    )
    assert h["consent_at"] == req.consent_at
    assert (h["status"], h["delivery"]) == ("new", "pending")
    assert store.flush_spool() == []

    # the same request spooled again (submitted twice), or submitted again: still one row
    store.spool(req, "pending")
    assert store.flush_spool() == [hid]
    again = register(store, req, "pending")
    assert again.number == hid and again.spooled is False
    assert store.counts()["handoffs"] == 1


def test_two_workers_flush_the_same_spool(store: Store, tmp_path: Path):
    spool = tmp_path / "spool-race"
    down = Store(down_url(store.backend, tmp_path), spool_dir=spool)
    keys = []
    for i in range(8):
        req = make_request(person_name=f"Personne {i}")
        keys.append(req.request_key)
        assert register(down, req, "pending").spooled
    down.dispose()
    workers = [Store(store.url, spool_dir=spool) for _ in range(2)]
    barrier = threading.Barrier(len(workers))
    results: list[list[int]] = []
    errors: list[BaseException] = []

    def flush(worker: Store) -> None:
        barrier.wait()
        try:
            results.append(worker.flush_spool())
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=flush, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for w in workers:
        w.dispose()
    assert errors == []
    imported = {i for r in results for i in r}
    assert len(imported) == 8
    assert store.counts()["handoffs"] == 8
    assert {h["request_key"] for h in store.handoffs()} == set(keys)
    assert list(spool.glob("handoff-*")) == []


# -- staff ----------------------------------------------------------------------------------


def test_wal_files_removed_between_check_and_open_are_no_outage(tmp_path: Path, monkeypatch):
    """The last SQLite connection to close deletes the -wal and -shm files: another server's
    writability check may find them listed and then gone. That is not an unwritable database
    (CI saw 'cannot be written' in the two-workers race above); a file refused is."""
    import errno
    import os

    from assistant.db import core

    db = tmp_path / "assistant.db"
    db.write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").write_bytes(b"")
    real_open = os.open

    def vanishing(path, flags, *args):  # noqa: ANN001, ANN202
        if str(path).endswith(("-wal", "-shm")):
            raise FileNotFoundError(errno.ENOENT, "removed meanwhile", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(core.os, "open", vanishing)
    assert core._writable(db) is True

    def refused(path, flags, *args):  # noqa: ANN001, ANN202
        if str(path).endswith("-wal"):
            raise PermissionError(errno.EACCES, "read-only", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(core.os, "open", refused)
    assert core._writable(db) is False


def test_staff_accounts_and_sessions(store: Store):
    with pytest.raises(UsageError, match="at least 10") as err:
        store.add_staff("marie", "court")
    assert err.value.french == "Le mot de passe doit faire au moins 10 caractères."
    with pytest.raises(UsageError, match="user name"):
        store.add_staff("   ", "un mot de passe assez long")
    assert store.counts()["staff"] == 0

    password = "correct horse battery"
    sid = store.add_staff("  marie  ", password)
    stored = scalar(store, "SELECT password_hash FROM staff WHERE id = :i", i=sid)
    assert stored != password and password not in stored
    assert stored.startswith("scrypt$")
    assert verify_password(password, stored) and not verify_password("wrong", stored)
    assert [m["username"] for m in store.staff_members()] == ["marie"]
    assert store.staff_members()[0]["last_login_at"] is None

    assert store.login("marie", "correct horse batterY") is None
    assert store.login("personne", password) is None
    token = store.login(" marie ", password)
    assert token and len(token) >= 40
    assert store.staff_members()[0]["last_login_at"] is not None
    # only a hash of the token is stored
    assert scalar(store, "SELECT COUNT(*) FROM staff_sessions WHERE token_hash = :t", t=token) == 0
    session = store.session(token)
    assert session is not None
    assert (session.staff.id, session.staff.username) == (sid, "marie")
    assert len(session.csrf) >= 24
    other = store.login("marie", password)
    assert other != token and store.session(other).csrf != session.csrf
    assert store.session(None) is None
    assert store.session("") is None
    assert store.session("not-a-token") is None

    store.logout(token)
    assert store.session(token) is None
    assert store.session(other) is not None

    # a new password for the same account ends its sessions
    assert store.add_staff("marie", "un autre mot de passe") == sid
    assert store.session(other) is None
    assert store.login("marie", password) is None
    assert store.login("marie", "un autre mot de passe")
    assert store.remove_staff("marie") is True
    assert store.remove_staff("marie") is False
    assert store.login("marie", "un autre mot de passe") is None
    assert scalar(store, "SELECT COUNT(*) FROM staff_sessions") == 0


def test_expired_session(store: Store):
    store.add_staff("paul", "un mot de passe solide")
    old = store.login("paul", "un mot de passe solide")
    assert store.session(old) is not None
    execute(store, "UPDATE staff_sessions SET expires_at = :t", t=utcnow() - timedelta(minutes=1))
    assert store.session(old) is None
    # the next login clears expired sessions
    fresh = store.login("paul", "un mot de passe solide")
    assert store.session(fresh).staff.username == "paul"
    assert scalar(store, "SELECT COUNT(*) FROM staff_sessions") == 1


# -- documents, reviews ---------------------------------------------------------------------


def test_document_flags(store: Store):
    assert store.document_flags() == {}
    store.set_document_flag("adie", "hidden", "marie", "  Fiche périmée  ")
    store.set_document_flag("france-active", "promoted", "paul")
    flags = store.document_flags()
    assert set(flags) == {"adie", "france-active"}
    assert (flags["adie"]["state"], flags["adie"]["note"], flags["adie"]["actor"]) == (
        "hidden",
        "Fiche périmée",
        "marie",
    )
    assert flags["adie"]["updated_at"] is not None
    store.set_document_flag("adie", "promoted", "paul")
    assert store.document_flags()["adie"]["state"] == "promoted"
    store.set_document_flag("adie", None, "paul")
    assert set(store.document_flags()) == {"france-active"}
    with pytest.raises(UsageError, match="Unknown flag"):
        store.set_document_flag("adie", "deleted", "paul")
    assert set(store.document_flags()) == {"france-active"}


def test_review_answers(store: Store):
    a1 = store.save_answer("conv-r", make_answer("Un prêt d'honneur à Lyon ?"))
    a2 = store.save_answer("conv-r", make_answer("Une subvention régionale ?", docs=("adie",)))
    store.save_answer("conv-r", make_answer("Jamais relue ?"))
    assert store.reviewed_answers() == []
    store.review_answer(a1, "checked", "  Conforme aux fiches  ", "marie")
    store.review_answer(a2, "wrong", "Adie ne fait pas de subventions", "paul")
    reviewed = {r["id"]: r for r in store.reviewed_answers()}
    assert set(reviewed) == {a1, a2}
    assert (reviewed[a1]["review_state"], reviewed[a1]["review_note"]) == (
        "checked",
        "Conforme aux fiches",
    )
    assert reviewed[a1]["reviewed_by"] == "marie" and reviewed[a1]["reviewed_at"] is not None
    assert [s["n"] for s in reviewed[a1]["sources"]] == [1, 2]
    assert [s["doc_id"] for s in reviewed[a2]["sources"]] == ["adie"]
    assert (reviewed[a2]["review_state"], reviewed[a2]["reviewed_by"]) == ("wrong", "paul")
    with pytest.raises(UsageError, match="Unknown review state"):
        store.review_answer(a1, "maybe", "", "marie")
    with pytest.raises(UsageError, match="No answer") as err:
        store.review_answer(10**6, "checked", "", "marie")
    assert "introuvable" in err.value.french


# -- privacy --------------------------------------------------------------------------------


def person(store: Store, conv: str, **request) -> dict:
    """A conversation with two answers (sources, feedback) and a handoff request."""
    a1 = store.save_answer(conv, make_answer(f"Question 1 de {conv} ?"))
    a2 = store.save_answer(conv, make_answer(f"Question 2 de {conv} ?"))
    store.add_feedback(a1, -1, "wrong", f"Avis sur {conv}")
    store.add_feedback(a2, 1)
    req = make_request(conversation_id=conv, answer_id=a2, **request)
    hid = store.create_handoff(req, "pending")
    store.set_handoff_status(hid, "in_progress", "marie")
    return {"answers": [a1, a2], "handoff": hid}


def assert_gone(store: Store, conv: str, data: dict) -> None:
    assert store.conversation(conv) is None
    ids = data["answers"]
    assert scalar(store, "SELECT COUNT(*) FROM answers WHERE conversation_id = :c", c=conv) == 0
    for table in ("answer_sources", "feedback"):
        n = sum(
            scalar(store, f"SELECT COUNT(*) FROM {table} WHERE answer_id = :a", a=a) for a in ids
        )
        assert n == 0, table
    assert store.handoff(data["handoff"]) is None
    events = "SELECT COUNT(*) FROM handoff_events WHERE handoff_id = :h"
    assert scalar(store, events, h=data["handoff"]) == 0


def assert_kept(store: Store, conv: str, data: dict) -> None:
    c = store.conversation(conv)
    assert [a["id"] for a in c["answers"]] == data["answers"]
    assert all(len(a["sources"]) == 2 and len(a["feedback"]) == 1 for a in c["answers"])
    h = store.handoff(data["handoff"])
    assert h is not None and len(h["events"]) == 2 and h["conversation_id"] == conv


def test_forget_person_by_email(store: Store):
    alice = person(store, "conv-alice", person_email="Alice.Durand@Example.ORG", person_phone=None)
    bob = person(store, "conv-bob", person_email="bob@example.org", person_phone="0700000000")
    counts = store.forget_person(email="  alice.durand@example.org ")
    assert counts == {"handoffs": 1, "conversations": 1, "answers": 2, "answer_mails": 0}
    assert_gone(store, "conv-alice", alice)
    assert_kept(store, "conv-bob", bob)
    assert store.forget_person(email="alice.durand@example.org") == {
        "handoffs": 0,
        "conversations": 0,
        "answers": 0,
        "answer_mails": 0,
    }


@pytest.mark.parametrize(
    "typed",
    ["+33 6 12 34 56 78", "06.12.34.56.78", "0033 612 345 678", "06 12 34 56 78",
     "+33 (0)6 12 34 56 78"],
)
def test_forget_person_by_phone_in_another_format(store: Store, typed: str):
    # validate() stores phones in E.164, whatever was typed ("+33 (0)6 12 34 56 78" too)
    req, errors = validate(
        {"name": "Alice", "phone": "+33 (0)6 12 34 56 78", "consent": True,
         "message": "Bonjour, je voudrais un rendez-vous pour mon projet."},
        make_card(), None, None,
    )
    assert errors == {} and req.person_phone == "+33612345678"
    alice = person(store, "conv-alice", person_email=None, person_phone=req.person_phone)
    bob = person(store, "conv-bob", person_email="bob@example.org", person_phone="+33612345679")
    counts = store.forget_person(phone=typed)
    assert counts == {"handoffs": 1, "conversations": 1, "answers": 2, "answer_mails": 0}
    assert_gone(store, "conv-alice", alice)
    assert_kept(store, "conv-bob", bob)


def test_forget_person_by_conversation_id(store: Store):
    alice = person(store, "conv-alice")
    bob = person(store, "conv-bob", person_email="bob@example.org", person_phone=None)
    store.save_answer("conv-anonymous", make_answer("Sans mise en relation ?"))
    counts = store.forget_person(conversation_id="conv-alice")
    assert counts == {"handoffs": 1, "conversations": 1, "answers": 2, "answer_mails": 0}
    assert_gone(store, "conv-alice", alice)
    assert_kept(store, "conv-bob", bob)
    # a conversation without a handoff request
    assert store.forget_person(conversation_id="conv-anonymous") == {
        "handoffs": 0,
        "conversations": 1,
        "answers": 1,
        "answer_mails": 0,
    }
    assert store.conversation("conv-anonymous") is None
    assert store.counts()["conversations"] == 1
    with pytest.raises(UsageError, match="e-mail, a phone number or a conversation id"):
        store.forget_person()


def test_purge(store: Store):
    now = utcnow()
    old = now - timedelta(days=400)
    open_old = person(store, "conv-open")  # in progress: kept with its conversation
    closed_old = person(store, "conv-closed", person_email="b@example.org")
    plain_old = store.save_answer("conv-plain", make_answer("Une vieille question ?"))
    recent = store.save_answer("conv-recent", make_answer("Une question récente ?"))
    store.set_handoff_status(closed_old["handoff"], "done", "marie")
    closed_recent = store.create_handoff(make_request(), "manual")
    store.set_handoff_status(closed_recent, "not_for_us", "marie")
    open_lonely = store.create_handoff(make_request(), "manual")  # new, no conversation
    for conv in ("conv-open", "conv-closed", "conv-plain"):
        execute(store, "UPDATE conversations SET updated_at = :t WHERE id = :c", t=old, c=conv)
    for hid in (open_old["handoff"], closed_old["handoff"], open_lonely):
        execute(store, "UPDATE handoffs SET updated_at = :t WHERE id = :h", t=old, h=hid)
    store.add_staff("marie", "un mot de passe solide")
    store.login("marie", "un mot de passe solide")
    execute(store, "UPDATE staff_sessions SET expires_at = :t", t=now - timedelta(days=1))

    counts = store.purge(timedelta(days=365), now=now)
    assert counts == {"handoffs": 1, "conversations": 2, "answers": 3, "answer_mails": 0}
    assert store.conversation("conv-closed") is None
    assert store.conversation("conv-plain") is None
    assert store.answer(plain_old) is None
    assert store.handoff(closed_old["handoff"]) is None
    assert_kept(store, "conv-open", open_old)
    assert [a["id"] for a in store.conversation("conv-recent")["answers"]] == [recent]
    assert store.handoff(closed_recent)["status"] == "not_for_us"
    assert store.handoff(open_lonely)["status"] == "new"
    assert scalar(store, "SELECT COUNT(*) FROM staff_sessions") == 0
    n = scalar(store, "SELECT COUNT(*) FROM answer_sources WHERE answer_id = :a", a=plain_old)
    assert n == 0
    # nothing more to purge
    assert store.purge(timedelta(days=365), now=now) == {
        "handoffs": 0,
        "conversations": 0,
        "answers": 0,
        "answer_mails": 0,
    }
    # once closed and old, the request and its conversation go too
    store.set_handoff_status(open_old["handoff"], "done", "marie")
    counts = store.purge(timedelta(days=365), now=now + timedelta(days=400))
    assert counts == {"handoffs": 2, "conversations": 2, "answers": 3, "answer_mails": 0}
    assert store.conversation("conv-open") is None
    assert store.handoff(open_old["handoff"]) is None
    assert store.handoff(closed_recent) is None
    assert store.handoff(open_lonely)["status"] == "new"


# -- concurrency ----------------------------------------------------------------------------


def test_threads_save_answers_to_their_own_conversations(store: Store):
    n_threads, per_thread = 10, 5
    barrier = threading.Barrier(n_threads)
    ids: dict[int, list[int]] = {}
    errors: list[BaseException] = []

    def work(i: int) -> None:
        barrier.wait()
        try:
            got = []
            for j in range(per_thread):
                answer = make_answer(f"Fil {i}, question {j} ?", docs=(f"doc-{i}", "commun"))
                got.append(store.save_answer(f"conv-{i}", answer))
            ids[i] = got
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert store.counts()["conversations"] == n_threads
    assert store.counts()["answers"] == n_threads * per_thread
    all_ids = [a for got in ids.values() for a in got]
    assert len(set(all_ids)) == n_threads * per_thread
    for i in range(n_threads):
        conv = store.conversation(f"conv-{i}")
        assert [a["id"] for a in conv["answers"]] == ids[i]
        assert [a["question"] for a in conv["answers"]] == [
            f"Fil {i}, question {j} ?" for j in range(per_thread)
        ]
        for a in conv["answers"]:
            assert [s["doc_id"] for s in a["sources"]] == [f"doc-{i}", "commun"]
    assert scalar(store, "SELECT COUNT(*) FROM answer_sources") == 2 * n_threads * per_thread
