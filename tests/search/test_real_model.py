"""End to end with the real default model on the shipped corpus (a few minutes to index), and
the int8 ONNX embedder (the default) against the previous one (torch, float32) on the same
corpus: same vectors within int8 noise, same rankings."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from assistant.config import DEFAULT_MODEL, ROOT
from assistant.engine import Engine
from assistant.evaluate.metrics import evaluate, load_queries
from assistant.language.territory import gazetteer

EVAL = ROOT / "tests" / "eval"
pytestmark = pytest.mark.real_model


@pytest.fixture(scope="module")
def torch_index(tmp_path_factory) -> Path:
    """The shipped corpus embedded by the previous embedder (several minutes on 2 cores)."""
    from assistant.corpus.ingest import load_corpus
    from assistant.search.build import build_index
    from assistant.search.embed import get_embedder

    out = tmp_path_factory.mktemp("shipped-torch")
    build_index(load_corpus(ROOT / "corpus").documents, out, get_embedder(DEFAULT_MODEL, "torch"))
    return out


def _scores(index: Path, embedder: str, monkeypatch) -> dict[str, dict]:
    monkeypatch.setenv("ASSISTANT_EMBEDDER", embedder)  # the engine loads that embedder
    engine = Engine(index, DEFAULT_MODEL)
    queries = load_queries(EVAL / "questions.jsonl")
    return {
        mode: evaluate(
            queries, lambda q, m=mode: [h.doc.id for h in engine.search(q, k=20, mode=m)]
        )
        for mode in ("dense", "hybrid")
    }


def test_onnx_embedder_keeps_the_vectors_and_rankings(
    shipped_real_index: Path, torch_index: Path, monkeypatch
):
    """The conversion check on the whole corpus: every passage's int8 vector against its float32
    one, and the eval questions ranked by both (hybrid nDCG@10 within 0.01, or better)."""
    import faiss

    from assistant.search.index import current_version

    new_dense, old_dense = (
        faiss.read_index(str(current_version(p) / "dense.faiss"))
        for p in (shipped_real_index, torch_index)
    )
    assert new_dense.ntotal == old_dense.ntotal > 1000
    new_v = new_dense.reconstruct_n(0, new_dense.ntotal)
    old_v = old_dense.reconstruct_n(0, old_dense.ntotal)
    cos = (new_v * old_v).sum(axis=1)
    assert cos.mean() >= 0.99 and np.percentile(cos, 1) >= 0.98, (cos.mean(), cos.min())
    new = _scores(shipped_real_index, "onnx", monkeypatch)
    old = _scores(torch_index, "torch", monkeypatch)
    # what answers use (hybrid) within 0.01 nDCG@10, about one question's neighbours swapped
    # among the 66 (measured -0.008 on the corpus of 2026-11-30: 0.6653 against 0.6735; -0.005
    # before); the dense ranking alone moves more (int8 noise swaps close neighbours: measured
    # nDCG@10 -0.014, the same first document for 68 % of the questions against 86 % in hybrid;
    # BENCHMARK.md, "Indexing with the int8 ONNX embedder"), and BM25 makes up for it in the
    # fusion
    for mode, slack, top in (("dense", 0.02, 0.6), ("hybrid", 0.01, 0.8)):
        n, o = new[mode], old[mode]
        assert n["ndcg@10"] >= o["ndcg@10"] - slack, (mode, n["ndcg@10"], o["ndcg@10"])
        assert n["mrr@10"] >= o["mrr@10"] - 0.02, (mode, n["mrr@10"], o["mrr@10"])
        pairs = zip(n["per_query"], o["per_query"], strict=True)
        same_top = np.mean([a["ranked"][:1] == b["ranked"][:1] for a, b in pairs])
        assert same_top >= top, (mode, same_top)  # the same first document for most questions


def test_eval_set_is_realistic_and_resolvable():
    queries = load_queries(EVAL / "questions.jsonl")
    assert len(queries) >= 60
    engine_ids = {p.stem for p in (ROOT / "corpus").rglob("*.md")}
    for q in queries:
        assert q.relevant and set(q.relevant) <= engine_ids, q.qid


def test_hybrid_retrieval_quality_on_the_eval_set(shipped_real_index: Path):
    engine = Engine(shipped_real_index, DEFAULT_MODEL)
    queries = load_queries(EVAL / "questions.jsonl")
    scores = {
        mode: evaluate(
            queries, lambda q, m=mode: [h.doc.id for h in engine.search(q, k=20, mode=m)]
        )
        for mode in ("bm25", "dense", "hybrid")
    }
    # guards against regressions, a few points under the values measured on the 388-document
    # corpus with the labels completed for it (BENCHMARK.md, issue 12: R@10 0.699, MRR@10 0.748;
    # on 147 documents they were 0.780 and 0.849, a larger relevant set is harder to recall)
    assert scores["hybrid"]["recall@10"] >= 0.67
    assert scores["hybrid"]["mrr@10"] >= 0.72
    assert (
        scores["hybrid"]["ndcg@10"]
        >= max(scores["bm25"]["ndcg@10"], scores["dense"]["ndcg@10"]) - 0.02
    )
    assert all(len(p["ranked"]) >= 10 for p in scores["hybrid"]["per_query"])


def test_off_topic_questions_get_no_padded_answer(shipped_real_index: Path):
    engine = Engine(shipped_real_index, DEFAULT_MODEL)
    for q in load_queries(EVAL / "offtopic.jsonl"):
        ans = engine.ask(q.query)
        assert not ans.found and ans.sources == [], (q.query, [s.id for s in ans.sources])
        assert "aucun dispositif" in ans.answer and ans.clarification is None


def test_in_domain_answers_cite_and_respect_the_place(shipped_real_index: Path):
    engine = Engine(shipped_real_index, DEFAULT_MODEL)
    g = gazetteer()
    questions = [q for q in load_queries(EVAL / "questions.jsonl")][:30]
    answered = 0
    for q in questions:
        ans = engine.ask(q.query)
        if not ans.found:
            continue
        answered += 1
        markers = {int(n) for n in re.findall(r"\[(\d+)\]", ans.answer)}
        assert markers == {s.n for s in ans.sources}, q.qid
        if ans.profile.territory:
            for s in ans.sources:
                assert g.applies(s.territories, ans.profile.territory), (q.qid, s.id)
    # in-domain questions are answered, not refused; the four that are not say why: a06, a13
    # and a19 ask for things the corpus does not hold, a10 names the Beaujolais (three
    # departments) and is asked back where rather than padded with an épicerie-solidaire guide
    # and a hiring aid it named no subject of
    assert answered >= 26
