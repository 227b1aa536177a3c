"""Faults and races of issue 14, each on SQLite and on a real PostgreSQL server: simultaneous
first requests on a fresh database, messages sent back to back, a read-only database, and the
schema migrated from version 1 equal to the one definition of the schema."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from factories import make_answer, make_request

from assistant.db import LATEST, Store
from assistant.db.schema import meta


def _run_together(n: int, fn) -> list[BaseException]:
    """Start ``n`` threads on ``fn(i)`` at the same moment; return the errors raised."""
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def go(i: int) -> None:
        barrier.wait()
        try:
            fn(i)
        except BaseException as err:  # noqa: BLE001 - collected for the assertion
            errors.append(err)

    threads = [threading.Thread(target=go, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_first_requests_on_a_fresh_database_all_succeed(db_url: str, tmp_path: Path):
    """Eight servers' first requests at once on a database nobody migrated yet (the old code
    answered "no such table" to six or seven of them): one migrates, the others wait."""
    stores = [Store.lazy(db_url, tmp_path / "spool") for _ in range(8)]
    try:
        def first(i: int) -> None:
            if i % 2:
                stores[i].save_answer(f"conv-{i}", make_answer(f"Question {i} ?"))
            else:
                stores[i].create_handoff(make_request(), "pending")

        assert _run_together(8, first) == []
        assert stores[0].version() == LATEST
        counts = stores[0].counts()
        assert (counts["answers"], counts["handoffs"]) == (4, 4)
        with stores[0].engine.connect() as conn:
            versions = conn.execute(sa.text("SELECT COUNT(*) FROM schema_version")).scalar()
        assert versions == 1  # migrated once
    finally:
        for s in stores:
            s.dispose()


def test_messages_sent_back_to_back_are_all_stored(store: Store):
    """Two answers of a new conversation saved at the same moment (the old code inserted the
    conversation twice and lost one answer)."""
    for round_ in range(3):
        conv = f"conv-race-{round_}"
        errors = _run_together(
            4, lambda i, conv=conv: store.save_answer(conv, make_answer(f"Message {i} ?"))
        )
        assert errors == []
        assert len(store.conversation(conv).answers) == 4


def test_the_migrated_schema_is_the_defined_one(db_url: str, tmp_path: Path):
    """A database migrated step by step from version 1 has the tables, columns and indexes of
    the metadata that creates new databases."""
    fresh_url = db_url
    old = Store(fresh_url, tmp_path / "s1")
    try:
        assert old.migrate(target=1) == [1]
        assert old.migrate() == list(range(2, LATEST + 1))
        migrated = _shape(old.engine)
    finally:
        old.dispose()
    # the same from the metadata, in a second database of the same kind
    if fresh_url.startswith("sqlite"):
        other_url = f"sqlite:///{tmp_path / 'fresh.db'}"
        cleanup = None
    else:
        import pg

        base = fresh_url.rsplit("/", 1)[0] + "/"
        other_url, cleanup = pg.create_database(base), pg.drop_database
    new = Store(other_url, tmp_path / "s2")
    try:
        assert new.migrate() == [LATEST]
        created = _shape(new.engine)
    finally:
        new.dispose()
        if cleanup:
            cleanup(other_url)
    assert migrated == created
    assert set(created) == {t.name for t in meta.sorted_tables}


def _shape(engine) -> dict:
    """Tables -> (columns with a coarse type and nullability, unique and plain indexes)."""
    insp = sa.inspect(engine)
    out = {}
    for table in insp.get_table_names():
        cols = tuple(sorted(
            (c["name"], _kind(c["type"]), bool(c["nullable"]) or bool(c.get("primary_key")))
            for c in insp.get_columns(table)
        ))
        indexes = tuple(sorted(
            (tuple(i["column_names"]), bool(i["unique"])) for i in insp.get_indexes(table)
        ))
        out[table] = (cols, indexes)
    return out


def _kind(t) -> str:
    name = type(t).__name__.lower()
    for kind in ("int", "bool", "time", "date", "char", "text", "string", "float", "numeric"):
        if kind in name:
            return {"char": "text", "string": "text", "date": "time"}.get(kind, kind)
    return name


@pytest.mark.skipif(shutil.which("chattr") is None, reason="needs chattr (e2fsprogs)")
def test_a_read_only_sqlite_file_spools_handoffs_and_never_kills_the_process(tmp_path: Path):
    """Made immutable under a running server (the old code died of SIGBUS, losing the requests
    in flight): every call raises StoreUnavailable, a handoff is spooled, the process lives."""
    db = tmp_path / "assistant.db"
    store = Store.open(f"sqlite:///{db}", tmp_path / "spool")
    store.save_answer("conv-1", make_answer("Avant ?"))
    store.dispose()
    files = [p for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists()]
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})
        from factories import make_answer, make_request
        from assistant.db import Store, StoreUnavailable
        from assistant.handoff import register
        store = Store.lazy("sqlite:///{db}", {str(tmp_path / "spool")!r})
        try:
            store.save_answer("conv-1", make_answer("Après ?"))
        except StoreUnavailable:
            print("answer: unavailable")
        done = register(store, make_request(), "pending")
        print("spooled" if done.spooled else "stored")
    """)
    subprocess.run(["chattr", "+i", *map(str, files)], check=True)
    try:
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                timeout=120)
    finally:
        subprocess.run(["chattr", "-i", *map(str, files)], check=True)
    assert result.returncode == 0, result.stderr  # not -7 (SIGBUS)
    assert result.stdout.split() == ["answer:", "unavailable", "spooled"]
    assert len(list((tmp_path / "spool").glob("handoff-*.json"))) == 1
