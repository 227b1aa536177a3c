"""The data commands: db, staff, handoffs, forget, purge (SQLite; the store itself is tested on
both back-ends in test_store.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.db import LATEST, HandoffRequest, Store, utcnow
from assistant.settings import settings


@pytest.fixture()
def db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", url)
    monkeypatch.setenv("ASSISTANT_SPOOL", str(tmp_path / "spool"))
    return url


def run(*args, input=None):
    settings.cache_clear()  # each command is a new process, which reads the settings afresh
    return CliRunner().invoke(main, list(args), input=input)


def _request(store: Store, email: str, conv: str | None = None) -> int:
    return store.create_handoff(
        HandoffRequest(organisation="Incubateur test", message="Bonjour, un message assez long.",
                       person_name="Camille", person_email=email, conversation_id=conv),
        "manual",
    )


def test_db_migrate_and_status(db):
    r = run("db", "migrate")
    assert r.exit_code == 0 and f"Applied migrations {LATEST}: schema version {LATEST}." in r.output
    r = run("db", "migrate")
    assert f"Schema up to date (version {LATEST})" in r.output
    r = run("db", "status")
    assert r.exit_code == 0 and "handoffs: 0" in r.output and "Spooled" in r.output


def test_bad_database_url_is_one_line_and_exit_2(monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", "mysql://x@y/z")
    r = run("db", "status")
    assert r.exit_code == 2 and r.output.startswith("Error: Unsupported database")
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", "not a url")
    r = run("db", "status")
    assert r.exit_code == 2 and "not a database URL" in r.output


def test_database_down_is_one_line_and_non_zero(monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    r = run("handoffs", "list")
    assert r.exit_code == 1 and "The database cannot be reached" in r.output
    assert "Traceback" not in r.output


def test_staff_accounts(db):
    r = run("staff", "add", "alice", "--password-stdin", input="court\n")
    assert r.exit_code == 2 and "at least 10 characters" in r.output
    r = run("staff", "add", "alice", input="un-mot-de-passe-long\nun-mot-de-passe-long\n")
    assert r.exit_code == 0, r.output
    assert Store.open(db).login("alice", "un-mot-de-passe-long")
    assert "alice" in run("staff", "list").output
    assert run("staff", "remove", "alice").exit_code == 0
    r = run("staff", "remove", "alice")
    assert r.exit_code == 2 and "No staff account" in r.output


def test_handoffs_list_status_and_deliver(db, monkeypatch):
    store = Store.open(db)
    n = _request(store, "camille@example.org")
    assert f"#{n}" in run("handoffs", "list").output
    assert run("handoffs", "list", "--waiting").output == "No handoff request to chase.\n"
    import sqlalchemy as sa

    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE handoffs SET status_at = :t"),
                     {"t": utcnow() - timedelta(days=10)})
    assert f"#{n}" in run("handoffs", "list", "--waiting").output
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE handoffs SET created_at = '2026-01-15 10:00:00'"))
    assert f"#{n}  2026-01-15 11:00  new" in run("handoffs", "list").output  # Paris time
    r = run("handoffs", "status", str(n), "done", "--note", "rappelée")
    assert r.exit_code == 0 and store.handoff(n)["status"] == "done"
    r = run("handoffs", "status", str(n + 100), "done")
    assert r.exit_code == 2 and f"No handoff {n + 100}" in r.output
    r = run("handoffs", "status", str(n), "finished")
    assert r.exit_code == 2  # click lists the valid statuses
    r = run("handoffs", "deliver")
    assert r.exit_code == 0 and "ASSISTANT_SMTP_HOST is not set" in r.output
    monkeypatch.setenv("ASSISTANT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("ASSISTANT_SMTP_SECURITY", "tls-please")
    r = run("handoffs", "deliver")
    assert r.exit_code == 2 and "ASSISTANT_SMTP_SECURITY" in r.output


def test_forget_a_person(db):
    from assistant.answer import Answer

    store = Store.open(db)
    store.save_answer("conv-a", Answer("question de Camille", "réponse"))
    store.save_answer("conv-b", Answer("question de Dominique", "réponse"))
    _request(store, "Camille@Example.org", "conv-a")
    _request(store, "dominique@example.org", "conv-b")
    r = run("forget")
    assert r.exit_code == 2 and "--email" in r.output
    r = run("forget", "--email", "camille@example.org", input="n\n")
    assert r.exit_code == 2 and store.counts()["handoffs"] == 2
    r = run("forget", "--email", "camille@example.org", "--yes")
    assert r.exit_code == 0, r.output
    assert "Deleted 1 handoff request(s), 1 conversation(s), 1 answer(s)" in r.output
    assert store.conversation("conv-a") is None and store.conversation("conv-b") is not None
    assert [h["person_email"] for h in store.handoffs()] == ["dominique@example.org"]


def test_purge_keeps_open_requests(db):
    from assistant.answer import Answer
    from assistant.db.schema import conversations, handoffs

    store = Store.open(db)
    store.save_answer("old", Answer("vieille question", "réponse"))
    store.save_answer("old-open", Answer("vieille question avec demande", "réponse"))
    store.save_answer("new", Answer("question récente", "réponse"))
    _request(store, "a@example.org", "old-open")
    past = utcnow() - timedelta(days=400)
    with store.engine.begin() as conn:
        conn.execute(conversations.update().where(conversations.c.id != "new")
                     .values(updated_at=past))
        conn.execute(handoffs.update().values(updated_at=past, created_at=past))
    r = run("purge", "--days", "365")
    assert r.exit_code == 0 and "Purged 1 conversation(s)" in r.output
    assert store.conversation("old") is None
    assert store.conversation("old-open") is not None  # its request is still open
    assert store.conversation("new") is not None
    assert run("purge", "--days", "0").exit_code == 2


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("ASSISTANT_RETENTION_DAYS", "un an", "ASSISTANT_RETENTION_DAYS='un an' is not usable"),
        ("ASSISTANT_RETENTION_DAYS", "0", "whole number of days (at least 1)"),
        ("ASSISTANT_WORKER_INTERVAL", "nan", "ASSISTANT_WORKER_INTERVAL='nan'"),
        ("ASSISTANT_SMTP_SECURITY", "tls", "must be none, starttls or ssl"),
        ("ASSISTANT_SMTP_PORT", "smtp", "must be a port number"),
        ("ASSISTANT_PUBLIC_URL", "assistant.example.org", "ASSISTANT_PUBLIC_URL"),
    ],
)
def test_serve_refuses_unusable_settings_before_starting(db, monkeypatch, tmp_path, name, value,
                                                         words):
    """One line and exit 2, before anything is built or started (the index folder stays empty)."""
    monkeypatch.setenv("ASSISTANT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv(name, value)
    r = run("serve", "--index-dir", str(tmp_path / "index"))
    assert r.exit_code == 2, r.output
    assert r.output.startswith("Error: ") and words in r.output and "Traceback" not in r.output
    assert not (tmp_path / "index").exists()
