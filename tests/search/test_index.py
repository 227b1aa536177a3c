import json
from pathlib import Path

import pytest

from assistant.config import DEFAULT_MODEL, HASH_MODEL, ChunkSettings
from assistant.corpus.ingest import load_corpus
from assistant.errors import IndexCorruptedError, IndexMismatchError, IndexMissingError
from assistant.search.build import build_index, needs_rebuild, rebuild_reason
from assistant.search.embed import ONNX_EMBEDDER, TORCH_EMBEDDER, HashEmbedder
from assistant.search.index import current_version, load_index


class CountingEmbedder(HashEmbedder):
    def __init__(self):
        super().__init__()
        self.seen: list[str] = []

    def encode_passages(self, texts, batch_size=16, progress=None):
        self.seen.extend(texts)
        return super().encode_passages(texts, batch_size, progress)


def test_index_is_a_folder_with_a_manifest(small_index: Path):
    live = current_version(small_index)
    names = {p.name for p in live.iterdir()}
    assert {"manifest.json", "documents.jsonl", "chunks.jsonl", "dense.faiss", "bm25"} <= names
    manifest = json.loads((live / "manifest.json").read_text())
    assert manifest["model"] == HASH_MODEL
    assert manifest["dimension"] == 256
    assert manifest["chunking"] == ChunkSettings().as_dict()
    assert set(manifest["documents"]) == {
        "incubateur-rhone",
        "pret-bretagne",
        "appel-mobilite",
        "garantie-nationale",
    }
    assert all(len(d["hash"]) == 16 for d in manifest["documents"].values())
    idx = load_index(small_index, HASH_MODEL)
    assert idx.dense.ntotal == len(idx.chunks) == manifest["counts"]["chunks"]


def test_reindex_embeds_only_changed_documents(small_corpus: Path, tmp_path: Path):
    out = tmp_path / "idx"
    emb = CountingEmbedder()
    first = build_index(load_corpus(small_corpus).documents, out, emb)
    assert len(first.added) == 4 and first.embedded_chunks == len(emb.seen)
    emb.seen.clear()
    again = build_index(load_corpus(small_corpus).documents, out, emb)
    assert again.embedded_chunks == 0 and emb.seen == [] and again.unchanged == 4
    assert again.version == first.version  # nothing changed: no new version is written
    path = small_corpus / "calls" / "appel-mobilite.md"
    path.write_text(path.read_text().replace("villages", "hameaux"))
    (small_corpus / "organisations" / "pret-bretagne.md").unlink()
    third = build_index(load_corpus(small_corpus).documents, out, emb)
    assert third.changed == ["appel-mobilite"] and third.removed == ["pret-bretagne"]
    assert emb.seen and all(t.startswith("Appel à projets test") for t in emb.seen)
    idx = load_index(out, HASH_MODEL)
    assert "hameaux" in idx.documents["appel-mobilite"].text
    assert len(list(out.glob("v-*"))) <= 2  # old versions pruned


def test_loading_with_another_model_says_what_to_run(small_index: Path):
    with pytest.raises(IndexMismatchError) as err:
        load_index(small_index, DEFAULT_MODEL)
    msg = str(err.value)
    assert "built with the model 'hash'" in msg
    assert f"assistant index --index-dir {small_index} --model {DEFAULT_MODEL}" in msg


def test_loading_with_other_chunk_settings_is_refused(small_index: Path):
    with pytest.raises(IndexMismatchError, match="chunk settings"):
        load_index(small_index, HASH_MODEL, ChunkSettings(size=500))


def test_missing_and_corrupted_index(tmp_path: Path, small_index: Path):
    with pytest.raises(IndexMissingError, match="assistant index"):
        load_index(tmp_path / "nothing", HASH_MODEL)
    live = current_version(small_index)
    (live / "dense.faiss").write_bytes(b"garbage")
    with pytest.raises(IndexCorruptedError, match="damaged"):
        load_index(small_index, HASH_MODEL)
    (live / "manifest.json").write_text("{")
    with pytest.raises(IndexCorruptedError, match="manifest"):
        load_index(small_index, HASH_MODEL)


class FailingEmbedder(HashEmbedder):
    """Stops (like Ctrl-C) after a number of passages."""

    def __init__(self, budget: int):
        super().__init__()
        self.budget = budget

    def encode_passages(self, texts, batch_size=16, progress=None):
        if texts and self.budget <= 0:
            raise KeyboardInterrupt
        self.budget -= len(texts)
        return super().encode_passages(texts, batch_size, progress)


def test_interrupted_index_resumes_and_keeps_the_old_version(small_corpus: Path, tmp_path: Path):
    out = tmp_path / "idx"
    docs = load_corpus(small_corpus).documents
    build_index(docs[:1], out, HashEmbedder())
    before = current_version(out)
    with pytest.raises(KeyboardInterrupt):
        build_index(docs, out, FailingEmbedder(budget=4), batch_size=1)
    assert current_version(out) == before  # the live index is untouched
    assert load_index(out, HASH_MODEL).documents.keys() == {docs[0].id}
    emb = CountingEmbedder()
    report = build_index(docs, out, emb, batch_size=1)
    assert report.resumed >= 1
    resumed_chunks = report.chunks - report.embedded_chunks
    assert resumed_chunks > 0 and len(emb.seen) == report.embedded_chunks
    assert not (out / ".work").exists()
    assert set(load_index(out, HASH_MODEL).documents) == {d.id for d in docs}


def test_a_running_engine_picks_up_a_new_index(small_corpus: Path, tmp_path: Path):
    from assistant.engine import Engine

    out = tmp_path / "live"
    build_index(load_corpus(small_corpus).documents, out, HashEmbedder())
    engine = Engine(out, HASH_MODEL)
    first = engine.index
    assert "hameaux" not in first.documents["appel-mobilite"].text
    path = small_corpus / "calls" / "appel-mobilite.md"
    path.write_text(path.read_text().replace("villages", "hameaux"))
    build_index(load_corpus(small_corpus).documents, out, HashEmbedder())
    assert "hameaux" in engine.index.documents["appel-mobilite"].text  # no restart
    assert first.dense.ntotal > 0  # the old version object stays usable while questions finish


def test_a_new_deadline_is_a_change_that_embeds_nothing(small_corpus: Path, tmp_path: Path):
    out = tmp_path / "d"
    emb = CountingEmbedder()
    build_index(load_corpus(small_corpus).documents, out, emb)
    path = small_corpus / "calls" / "appel-mobilite.md"
    path.write_text(path.read_text().replace("deadline: 2026-03-31", "deadline: 2027-03-31"))
    emb.seen.clear()
    report = build_index(load_corpus(small_corpus).documents, out, emb)
    assert report.changed == ["appel-mobilite"] and report.unchanged == 3
    assert report.embedded_chunks == 0 and emb.seen == []
    assert load_index(out, HASH_MODEL).documents["appel-mobilite"].deadline.year == 2027


class TorchLike(HashEmbedder):
    """Stands for the default model's previous embedder (sentence-transformers, float32)."""

    def __init__(self):
        super().__init__()
        self.name, self.embedder = DEFAULT_MODEL, TORCH_EMBEDDER
        self.seen: list[str] = []

    def encode_passages(self, texts, batch_size=16, progress=None):
        self.seen.extend(texts)
        return super().encode_passages(texts, batch_size, progress)


class OnnxLike(TorchLike):
    """Stands for the default model's int8 ONNX embedder."""

    def __init__(self):
        super().__init__()
        self.embedder = ONNX_EMBEDDER


def test_the_manifest_records_the_embedder(small_corpus: Path, tmp_path: Path):
    build_index(load_corpus(small_corpus).documents, tmp_path / "i", OnnxLike())
    manifest = json.loads((current_version(tmp_path / "i") / "manifest.json").read_text())
    assert manifest["model"] == DEFAULT_MODEL and manifest["embedder"] == ONNX_EMBEDDER


@pytest.mark.parametrize("recorded", [True, False], ids=["recorded", "before-manifests-said"])
def test_an_index_of_the_previous_embedder_is_refused_then_rebuilt_once(
    small_corpus: Path, tmp_path: Path, monkeypatch, recorded: bool
):
    monkeypatch.delenv("ASSISTANT_EMBEDDER", raising=False)  # the default: onnx
    out = tmp_path / "idx"
    docs = load_corpus(small_corpus).documents
    old = build_index(docs, out, TorchLike())
    if not recorded:  # indexes built before this change have no "embedder" in their manifest
        path = current_version(out) / "manifest.json"
        manifest = json.loads(path.read_text())
        del manifest["embedder"]
        path.write_text(json.dumps(manifest))
    assert old.rebuilt == ""
    with pytest.raises(IndexMismatchError) as err:
        load_index(out, DEFAULT_MODEL)
    msg = str(err.value)
    assert f"built with the embedder '{TORCH_EMBEDDER}'" in msg and ONNX_EMBEDDER in msg
    assert f"Rebuild it once: assistant index --index-dir {out}" in msg
    assert "ASSISTANT_EMBEDDER=torch" in msg and "reconstruire" in err.value.french
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "torch")  # the way to keep using it meanwhile
    assert load_index(out, DEFAULT_MODEL).manifest["counts"]["chunks"] == old.chunks
    monkeypatch.delenv("ASSISTANT_EMBEDDER")

    new = OnnxLike()
    assert needs_rebuild(out, DEFAULT_MODEL)  # what `assistant serve` checks before starting
    said = rebuild_reason(out, new)  # what `assistant index` says before the long part
    first = build_index(docs, out, new)  # no old vector reused: every passage again
    assert said == first.rebuilt and not needs_rebuild(out, DEFAULT_MODEL)
    assert "embeds its" in first.rebuilt and TORCH_EMBEDDER in first.rebuilt
    assert first.embedded_chunks == first.chunks == len(new.seen) and first.unchanged == 4
    assert load_index(out, DEFAULT_MODEL).manifest["embedder"] == ONNX_EMBEDDER
    new.seen.clear()
    again = build_index(docs, out, new)  # once: now the index is the new embedder's
    assert again.rebuilt == "" and again.embedded_chunks == 0 and new.seen == []
    assert again.version == first.version


def test_an_interrupted_run_resumes_only_with_the_same_embedder(small_corpus: Path, tmp_path: Path):
    out = tmp_path / "idx"
    docs = load_corpus(small_corpus).documents

    class StopAfterOne(TorchLike):
        def encode_passages(self, texts, batch_size=16, progress=None):
            if self.seen:
                raise KeyboardInterrupt
            return super().encode_passages(texts, batch_size, progress)

    with pytest.raises(KeyboardInterrupt):
        build_index(docs, out, StopAfterOne(), batch_size=1)
    report = build_index(docs, out, OnnxLike(), batch_size=1)
    assert report.resumed == 0 and report.embedded_chunks == report.chunks


@pytest.mark.parametrize("imported", [False, True], ids=["corpus", "with-imported-records"])
def test_serve_rebuilds_once_an_index_of_the_previous_embedder(
    small_corpus: Path, tmp_path: Path, monkeypatch, imported: bool
):
    """`assistant serve` (what scripts/run.sh starts) finds the index of the previous default
    embedder, says so and embeds it again before starting; an index holding imported records
    is not rebuilt from the corpus (that would drop them): the chat then says what to run."""
    import os

    from click.testing import CliRunner

    from assistant.cli import main
    from assistant.corpus.ingest import load_records

    monkeypatch.delenv("ASSISTANT_EMBEDDER", raising=False)
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", f"sqlite:///{tmp_path / 'chat.db'}")
    out = tmp_path / "idx"
    docs = load_corpus(small_corpus).documents
    if imported:
        records = tmp_path / "aides.jsonl"
        records.write_text(json.dumps({
            "id": "aide-test", "kind": "call", "title": "Aide test aux épiceries solidaires",
            "text": "Une aide aux épiceries solidaires du département.", "territories": ["FR"],
        }) + "\n")
        loaded = load_records(records)
        assert not loaded.problems, loaded.problems
        docs = docs + loaded.documents
    build_index(docs, out, TorchLike())
    new = OnnxLike()
    monkeypatch.setattr("assistant.search.embed.get_embedder", lambda *a, **k: new)

    class Started(Exception):
        pass

    def start(*args, **kwargs):
        raise Started

    monkeypatch.setattr(os, "execve", start)
    r = CliRunner().invoke(main, ["serve", "--index-dir", str(out), "--corpus", str(small_corpus)])
    assert isinstance(r.exception, Started), r.output  # it went on to start the chat
    manifest = json.loads((current_version(out) / "manifest.json").read_text())
    if imported:
        assert manifest["embedder"] == TORCH_EMBEDDER and new.seen == []
        assert needs_rebuild(out, DEFAULT_MODEL)
    else:
        assert f"was built with the embedder '{TORCH_EMBEDDER}'" in r.output
        assert manifest["embedder"] == ONNX_EMBEDDER and new.seen
        assert not needs_rebuild(out, DEFAULT_MODEL)


def test_the_lexical_index_read_with_numpy_scores_as_bm25s(small_index: Path):
    """load_index reads bm25s' files with numpy (no bm25s or SciPy import for a question):
    the scores equal bm25s' own, repeated and unknown tokens included."""
    import bm25s
    import numpy as np

    from assistant.search.index import current_version
    from assistant.search.lexical import Bm25, analyse

    folder = current_version(small_index) / "bm25"
    ours, theirs = Bm25(folder), bm25s.BM25.load(str(folder))
    for query in ("prêt d'honneur pour créer une association", "mobilité rurale Rhône",
                  "incubateur incubateur idée", "zzzz inconnu", "garantie bancaire"):
        toks = analyse(query)
        assert np.allclose(ours.get_scores(toks), theirs.get_scores(toks), atol=1e-6), query
    assert not ours.get_scores(["zzzz"]).any()


def test_documents_are_kept_beside_the_index_and_read_back(small_index: Path):
    """The validated documents are pickled beside documents.jsonl at the first load and read
    back at the next (the same objects); a damaged copy falls back on the JSON."""
    from assistant.search.index import _documents, current_version

    path = current_version(small_index)
    first = _documents(path)
    kept = list(path.glob("documents-*.pickle"))
    assert len(kept) == 1
    assert _documents(path) == first
    kept[0].write_bytes(b"damaged")
    assert _documents(path) == first
