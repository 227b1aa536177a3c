"""Build a new version of the index and point ``CURRENT`` at it (see :mod:`.index` for the
folder).

Re-indexing embeds only documents whose content hash changed; the others reuse their vectors.
Vectors of an interrupted run are kept in ``.work/`` and reused by the next one; the two
previous versions are kept, older ones pruned.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from .. import __version__
from ..config import ChunkSettings
from ..corpus.documents import Document
from ..errors import IndexCorruptedError, IndexMismatchError, IndexMissingError
from .chunk import Chunk, chunk_document
from .embed import Embedder, built_embedder, embedder_id
from .index import FORMAT, _describe, current_version, load_index, read_manifest
from .lexical import analyse

ANALYSER = "fold-accents+stopwords-fr+snowball-fr"
BM25_PARAMS = {"k1": 1.2, "b": 0.75}
KEEP_VERSIONS = 2


@dataclass
class BuildReport:
    documents: int = 0
    chunks: int = 0
    embedded_chunks: int = 0
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    resumed: int = 0
    #: why every passage was embedded again, when the live index came from another embedder
    rebuilt: str = ""
    seconds: float = 0.0
    embed_seconds: float = 0.0
    version: str = ""

    @property
    def chunks_per_second(self) -> float:
        return self.embedded_chunks / self.embed_seconds if self.embed_seconds > 0 else 0.0


def _read_previous(
    index_dir: Path, model: str, settings: ChunkSettings, embedder: str
) -> dict[str, tuple]:
    """Vectors of the live index by document hash, when it is compatible (same model, same
    embedder, same chunking); else empty."""
    try:
        idx = load_index(index_dir, model, settings, embedder=embedder)
    except (IndexMissingError, IndexMismatchError, IndexCorruptedError):
        return {}
    vectors = idx.dense.reconstruct_n(0, idx.dense.ntotal) if idx.dense.ntotal else None
    out: dict[str, tuple] = {}
    rows_by_doc: dict[str, list[int]] = {}
    for row, ch in enumerate(idx.chunks):
        rows_by_doc.setdefault(ch.doc_id, []).append(row)
    for doc_id, info in idx.manifest["documents"].items():
        rows = rows_by_doc.get(doc_id, [])
        if vectors is not None and rows and "embed_hash" in info:
            out[info["embed_hash"]] = (doc_id, [idx.chunks[r] for r in rows], vectors[rows])
    return out


def build_index(
    docs: list[Document],
    index_dir: Path,
    embedder: Embedder,
    settings: ChunkSettings | None = None,
    progress: Callable[[int, int], None] | None = None,
    batch_size: int = 16,
) -> BuildReport:
    """Chunk, embed (only what changed) and write a new version, then point CURRENT at it."""
    import bm25s
    import faiss

    settings = settings or ChunkSettings()
    t0 = time.perf_counter()
    report = BuildReport(documents=len(docs))
    index_dir.mkdir(parents=True, exist_ok=True)
    previous = _read_previous(index_dir, embedder.name, settings, embedder.embedder)
    old_manifest = read_manifest(index_dir)
    old_ids = set(old_manifest.get("documents", {}))
    report.rebuilt = _rebuild_reason(old_manifest, embedder, index_dir)

    work = _work_dir(index_dir, embedder.name, embedder.embedder, settings)
    all_chunks: list[Chunk] = []
    parts: list[np.ndarray | None] = []
    todo: list[tuple[int, Document, list[Chunk]]] = []
    hashes, embed_hashes = {}, {}
    old_docs = old_manifest.get("documents", {})
    for doc in docs:
        h, eh = doc.content_hash(), doc.embed_hash()
        hashes[doc.id], embed_hashes[doc.id] = h, eh
        if doc.id not in old_docs:
            report.added.append(doc.id)
        elif old_docs[doc.id].get("hash") != h:
            report.changed.append(doc.id)
        else:
            report.unchanged += 1
        if eh in previous and previous[eh][0] == doc.id:
            _, chunks, vecs = previous[eh]  # same passages: vectors reused
            parts.append(vecs)
        else:
            chunks = chunk_document(doc, settings)
            saved = _load_work(work, doc.id, eh, len(chunks))
            if saved is not None:  # embedded by an earlier run that was interrupted
                parts.append(saved)
                report.resumed += 1
            else:
                todo.append((len(parts), doc, chunks))
                parts.append(None)
        all_chunks.extend(chunks)
    report.removed = sorted(old_ids - {d.id for d in docs})

    total = sum(len(c) for _, _, c in todo)
    done = 0
    if not (report.added or report.changed or report.removed or report.resumed) and (
        old_manifest.get("model") == embedder.name and not todo and not report.rebuilt
    ):
        report.chunks = len(all_chunks)
        report.version = current_version(index_dir).name  # type: ignore[union-attr]
        report.seconds = time.perf_counter() - t0
        return report  # nothing changed: the live version stays
    embedder.prepare(sum(len(c) for _, _, c in todo))  # load the model before timing the rate
    te = time.perf_counter()
    # embed several small documents per call (batches stay full), save each one as soon as it
    # is done: an interrupted run resumes from there
    for group in _groups(todo, batch_size * 4):
        texts = [c.embed_text(doc.title) for _, doc, chunks in group for c in chunks]
        vecs = embedder.encode_passages(texts, batch_size=batch_size)
        start = 0
        for pos, doc, chunks in group:
            part = vecs[start : start + len(chunks)]
            start += len(chunks)
            parts[pos] = part
            _save_work(work, doc.id, embed_hashes[doc.id], part)
        done += len(texts)
        if progress:
            progress(done, total)
    report.embed_seconds = time.perf_counter() - te
    report.embedded_chunks = total
    report.chunks = len(all_chunks)

    vectors = (
        np.vstack([p for p in parts if p is not None])
        if all_chunks
        else np.zeros((0, embedder.dim), dtype=np.float32)
    ).astype(np.float32)
    version = "v-" + datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f") + f"-{os.getpid()}"
    tmp = index_dir / (".building-" + version)
    tmp.mkdir()
    try:
        dense = faiss.IndexFlatIP(embedder.dim)
        if len(vectors):
            dense.add(vectors)
        faiss.write_index(dense, str(tmp / "dense.faiss"))
        titles = {d.id: d.title for d in docs}
        tokens = [analyse(c.embed_text(titles[c.doc_id])) or [""] for c in all_chunks]
        bm = bm25s.BM25(**BM25_PARAMS)
        bm.index(tokens or [[""]], show_progress=False)
        bm.save(str(tmp / "bm25"))
        with (tmp / "chunks.jsonl").open("w", encoding="utf-8") as fh:
            for c in all_chunks:
                fh.write(json.dumps(c.as_dict(), ensure_ascii=False) + "\n")
        with (tmp / "documents.jsonl").open("w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(d.model_dump_json() + "\n")
        per_doc: dict[str, dict] = {}
        for c in all_chunks:
            per_doc.setdefault(c.doc_id, {"chunks": 0})["chunks"] += 1
        manifest = {
            "format": FORMAT,
            "assistant_version": __version__,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "model": embedder.name,
            "embedder": embedder.embedder,
            "dimension": embedder.dim,
            "chunking": settings.as_dict(),
            "bm25": {**BM25_PARAMS, "analyser": ANALYSER},
            "counts": {"documents": len(docs), "chunks": len(all_chunks)},
            "documents": {
                d.id: {
                    "hash": hashes[d.id],
                    "embed_hash": embed_hashes[d.id],
                    "origin": d.origin,
                    "kind": d.kind,
                    "chunks": per_doc.get(d.id, {}).get("chunks", 0),
                }
                for d in docs
            },
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
        final = index_dir / version
        tmp.rename(final)
        pointer_tmp = index_dir / ".CURRENT.tmp"
        pointer_tmp.write_text(version + "\n")
        os.replace(pointer_tmp, index_dir / "CURRENT")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _prune(index_dir, version)
    shutil.rmtree(index_dir / ".work", ignore_errors=True)  # the new version holds the vectors
    report.version = version
    report.seconds = time.perf_counter() - t0
    return report


def _work_dir(index_dir: Path, model: str, embedder: str, settings: ChunkSettings) -> Path:
    """Vectors of an interrupted run, kept apart per model, embedder and chunking."""
    key = json.dumps([model, embedder, settings.as_dict()]).encode()
    return index_dir / ".work" / hashlib.sha256(key).hexdigest()[:12]


def _rebuild_reason(old_manifest: dict, embedder: Embedder, index_dir: Path) -> str:
    """Why every passage is embedded again, when the live index holds vectors of the same model
    from another embedder (the old ones are not reused: the two give close, not equal, vectors).
    The new manifest records the embedder, so this happens once."""
    if not old_manifest or old_manifest.get("model") != embedder.name:
        return ""
    built = built_embedder(old_manifest)
    if built == embedder.embedder:
        return ""
    n = old_manifest.get("counts", {}).get("chunks", "all")
    return (
        f"The index in {index_dir} was built with the embedder {_describe(built)}; this run embeds "
        f"its {n} passages again, once, with {_describe(embedder.embedder)}. Later runs embed "
        "only what changed."
    )


def rebuild_reason(index_dir: Path, embedder: Embedder) -> str:
    """What ``build_index`` will say about embedding every passage again ("" when it will
    not), read before it starts so that a maintainer knows why the run is long."""
    return _rebuild_reason(read_manifest(index_dir), embedder, index_dir)


def needs_rebuild(index_dir: Path, model: str) -> bool:
    """Whether the live index holds vectors of ``model`` from another embedder than the one
    in use (an index built before the default embedder changed), without loading a model."""
    manifest = read_manifest(index_dir)
    if not manifest or manifest.get("model") != model:
        return False
    return built_embedder(manifest) != embedder_id(model)


def _load_work(work: Path, doc_id: str, h: str, n_chunks: int) -> np.ndarray | None:
    path = work / f"{doc_id}.{h}.npy"
    try:
        vecs = np.load(path)
    except (OSError, ValueError):
        return None
    return vecs if len(vecs) == n_chunks else None


def _save_work(work: Path, doc_id: str, h: str, vecs: np.ndarray) -> None:
    work.mkdir(parents=True, exist_ok=True)
    tmp = work / f".{doc_id}.{h}.tmp.npy"
    np.save(tmp, vecs)
    os.replace(tmp, work / f"{doc_id}.{h}.npy")


def _groups(todo: list, size: int):
    group, n = [], 0
    for item in todo:
        group.append(item)
        n += len(item[2])
        if n >= size:
            yield group
            group, n = [], 0
    if group:
        yield group


def _prune(index_dir: Path, live: str) -> None:
    versions = sorted(p for p in index_dir.glob("v-*") if p.is_dir() and p.name != live)
    for old in versions[: max(0, len(versions) - (KEEP_VERSIONS - 1))]:
        shutil.rmtree(old, ignore_errors=True)
    for stale in index_dir.glob(".building-*"):
        if time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)
