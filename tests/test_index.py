import json
from pathlib import Path

import pytest

from assistant.config import DEFAULT_MODEL, HASH_MODEL, ChunkSettings
from assistant.embed import HashEmbedder
from assistant.errors import IndexCorruptedError, IndexMismatchError, IndexMissingError
from assistant.index import build_index, current_version, load_index
from assistant.ingest import load_corpus


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
