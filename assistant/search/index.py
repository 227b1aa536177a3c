"""The index: an ordinary folder, swapped in atomically.

    index/
      CURRENT                 name of the live version, replaced atomically (os.replace)
      v-20261127T210501-1a2b/
        manifest.json         model, dimension, chunk settings, versions, a hash per document
        documents.jsonl       the documents (answers and citations are built from them)
        chunks.jsonl          the passages, in vector order
        dense.faiss           normalised vectors, inner product (faiss IndexFlatIP)
        bm25/                 BM25 over French stems (bm25s)

A running chat keeps the version it opened and can check ``CURRENT`` to pick up a new one.
This module reads the folder (and refuses an index this configuration cannot search); a new
version is written by :mod:`.build`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..config import ChunkSettings
from ..corpus.documents import Document
from ..errors import IndexCorruptedError, IndexMismatchError, IndexMissingError
from .chunk import Chunk
from .embed import DESCRIPTIONS, built_embedder, embedder_id

FORMAT = 1


@dataclass
class Index:
    path: Path
    manifest: dict
    documents: dict[str, Document]
    chunks: list[Chunk]
    dense: object  # faiss.Index
    bm25: object  # bm25s.BM25
    chunk_doc: np.ndarray  # row -> document position
    doc_ids: list[str]

    @property
    def version(self) -> str:
        return self.path.name


def current_version(index_dir: Path) -> Path | None:
    pointer = index_dir / "CURRENT"
    if not pointer.is_file():
        return None
    name = pointer.read_text().strip()
    return index_dir / name if name else None


def _describe(embedder: str) -> str:
    what = DESCRIPTIONS.get(embedder)
    return f"'{embedder}' ({what[1]})" if what else f"'{embedder or 'unnamed'}'"


def read_manifest(index_dir: Path) -> dict:
    """The live version's manifest, or {} when there is none or it cannot be read."""
    path = current_version(index_dir)
    try:
        return json.loads((path / "manifest.json").read_text()) if path else {}
    except (OSError, ValueError):
        return {}


def check_manifest(
    manifest: dict,
    model: str,
    settings: ChunkSettings,
    index_dir: Path,
    embedder: str | None = None,
) -> None:
    """Refuse an index that this configuration cannot search, saying what to run. ``embedder``
    is the id of the embedder in use (default: the one ``ASSISTANT_EMBEDDER`` selects)."""
    if manifest.get("format") != FORMAT:
        raise IndexMismatchError(
            f"The index in {index_dir} has format {manifest.get('format')}, this version reads "
            f"format {FORMAT}. Rebuild it: assistant index --index-dir {index_dir}"
        )
    built = manifest.get("model")
    if built != model:
        raise IndexMismatchError(
            f"The index in {index_dir} was built with the model '{built}', but the model in use "
            f"is '{model}'. Either rebuild: assistant index --index-dir {index_dir} --model {model}"
            f" ; or use the index's model: --model {built} (or ASSISTANT_MODEL={built}).",
            "L'index a été construit avec un autre modèle : un mainteneur doit le reconstruire.",
        )
    want = embedder_id(model) if embedder is None else embedder
    built = built_embedder(manifest)
    if built != want:
        kind = DESCRIPTIONS.get(built, ("",))[0]
        keep = f" Until then, ASSISTANT_EMBEDDER={kind} searches it as it is." if kind else ""
        raise IndexMismatchError(
            f"The index in {index_dir} was built with the embedder {_describe(built)} of "
            f"'{model}'; the embedder in use is {_describe(want)}, and an index is searched "
            f"with the embedder that built it. Rebuild it once: assistant index --index-dir "
            f"{index_dir} (every passage is embedded again this one time).{keep}",
            "L'index de recherche a été construit avec une autre version du modèle : un "
            "mainteneur doit le reconstruire une fois (« assistant index »).",
        )
    if manifest.get("chunking") != settings.as_dict():
        raise IndexMismatchError(
            f"The index in {index_dir} was cut with chunk settings {manifest.get('chunking')}, "
            f"the configuration says {settings.as_dict()}. Rebuild it: "
            f"assistant index --index-dir {index_dir}"
        )


def load_index(
    index_dir: Path,
    model: str,
    settings: ChunkSettings | None = None,
    embedder: str | None = None,
) -> Index:
    import faiss

    settings = settings or ChunkSettings()
    path = current_version(index_dir)
    if path is None:
        raise IndexMissingError(str(index_dir))
    fix = f"Rebuild it: assistant index --index-dir {index_dir}"
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexCorruptedError(
            f"The index in {index_dir} is damaged (manifest: {exc}). {fix}",
            "L'index de recherche est endommagé.",
        ) from None
    check_manifest(manifest, model, settings, index_dir, embedder)
    try:
        documents = _documents(path)
        with (path / "chunks.jsonl").open(encoding="utf-8") as fh:
            chunks = [Chunk.from_dict(json.loads(line)) for line in fh]
        dense = faiss.read_index(str(path / "dense.faiss"))
        bm = _bm25(path / "bm25")
    except Exception as exc:  # noqa: BLE001 - whatever broke, the fix is the same
        raise IndexCorruptedError(
            f"The index in {index_dir} is damaged ({type(exc).__name__}: {exc}). {fix}",
            "L'index de recherche est endommagé.",
        ) from None
    if dense.ntotal != len(chunks) or dense.d != manifest.get("dimension"):
        raise IndexCorruptedError(
            f"The index in {index_dir} is inconsistent ({dense.ntotal} vectors for {len(chunks)} "
            f"passages). {fix}",
            "L'index de recherche est endommagé.",
        )
    doc_ids = list(documents)
    pos = {d: i for i, d in enumerate(doc_ids)}
    chunk_doc = np.array([pos[c.doc_id] for c in chunks], dtype=np.int64)
    return Index(path, manifest, documents, chunks, dense, bm, chunk_doc, doc_ids)


def _bm25(folder: Path):
    """The lexical index, read with numpy (``lexical.Bm25``) unless it was written with a
    method whose scores need bm25s itself."""
    from .lexical import Bm25

    try:
        return Bm25(folder)
    except ValueError:
        import bm25s

        return bm25s.BM25.load(str(folder))


def _documents(path: Path) -> dict[str, Document]:
    """The documents of an index version: documents.jsonl validated, or the same objects kept
    beside it by an earlier load (``documents-<key>.pickle``, 10 times faster to read; the key
    follows the Document model's code, so a changed model reads the JSON again)."""
    import hashlib
    import pickle

    import pydantic

    from ..corpus import documents as model

    source = path / "documents.jsonl"
    key = hashlib.sha1(
        Path(model.__file__).read_bytes() + pydantic.VERSION.encode()
    ).hexdigest()[:12]
    kept = path / f"documents-{key}.pickle"
    try:
        if kept.stat().st_mtime_ns >= source.stat().st_mtime_ns:
            with kept.open("rb") as fh:
                return pickle.load(fh)
    except Exception:  # noqa: BLE001 - missing or unreadable: the JSON is the reference
        pass
    documents = {}
    with source.open(encoding="utf-8") as fh:
        for line in fh:
            d = Document.model_validate_json(line)
            documents[d.id] = d
    try:
        tmp = kept.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(documents, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(kept)
    except OSError:
        pass  # a read-only index: the JSON is read each time
    return documents
