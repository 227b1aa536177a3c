"""Benchmarks behind BENCHMARK.md: retrieval quality (BM25, dense, hybrid) and speed.

    python scripts/bench.py retrieval            # tests/eval + tests/data/spf
    python scripts/bench.py fusion               # fusion rules compared (after `retrieval`)
    python scripts/bench.py profiles             # understanding, territory precision
    python scripts/bench.py speed                # warm ask latency, cold CLI start, re-index

Writes JSON to bench-results/ (git-ignored); BENCHMARK.md quotes the numbers.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import DEFAULT_MODEL, RetrievalSettings, default_index_dir  # noqa: E402
from assistant.documents import Document  # noqa: E402
from assistant.embed import get_embedder  # noqa: E402
from assistant.engine import Engine  # noqa: E402
from assistant.evaluate import Query, evaluate, load_queries  # noqa: E402
from assistant.index import build_index  # noqa: E402

OUT = ROOT / "bench-results"
SPF = ROOT / "tests" / "data" / "spf"
MODES = ("bm25", "dense", "hybrid")


def _row(name: str, mode: str, r: dict) -> dict:
    keys = ("recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10")
    return {"set": name, "mode": mode, **{k: r[k] for k in keys}}


def quality(engine: Engine, queries: list[Query], name: str) -> list[dict]:
    rows = []
    for mode in MODES:
        r = evaluate(queries, lambda q, m=mode: [h.doc.id for h in engine.search(q, k=20, mode=m)])
        rows.append(_row(name, mode, r))
        print(json.dumps(rows[-1]))
    return rows


FUSIONS = {
    "rrf k=60 (default)": RetrievalSettings(),
    "rrf k=20": RetrievalSettings(rrf_k=20),
    "rrf k=60, dense x2": RetrievalSettings(dense_weight=2.0),
    "rrf k=60, bm25 x2": RetrievalSettings(bm25_weight=2.0),
    "linear 0.5/0.5": RetrievalSettings(fusion="linear"),
    "linear dense 0.7": RetrievalSettings(fusion="linear", dense_weight=0.7, bm25_weight=0.3),
}


def fusion(model: str) -> None:
    """Compare fusion rules on both sets (indexes from a previous `retrieval` run)."""
    sets = [("tests/eval", default_index_dir(), load_queries(ROOT / "tests/eval/questions.jsonl"))]
    spf_dir = Path(tempfile.gettempdir()) / "assistant-bench-spf"
    if (spf_dir / "CURRENT").exists():
        queries = [
            Query(q.qid, q.query, tuple(r.lower() for r in q.relevant), q.extra)
            for q in load_queries(SPF / "spf_queries_105.jsonl")
        ]
        sets.append(("spf", spf_dir, queries))
    rows = []
    for name, idx, queries in sets:
        for label, settings in FUSIONS.items():
            engine = Engine(idx, model, retrieval=settings)
            r = evaluate(queries, lambda q, e=engine: [h.doc.id for h in e.search(q, k=20)])
            rows.append({**_row(name, label, r)})
            print(json.dumps(rows[-1], ensure_ascii=False))
    OUT.mkdir(exist_ok=True)
    (OUT / "fusion.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False))


def profiles(model: str) -> None:
    """Issue 3's measures: understanding, territory precision, extraction time, and retrieval
    without and with the question's place and profile (both eval files)."""
    from assistant.evaluate import profile_report
    from assistant.understand import understand

    engine = Engine(model=model)
    labelled = load_queries(ROOT / "tests/eval/profiles.jsonl")
    understand("warm up à Lyon")  # gazetteer and indexes loaded once per process
    times = []
    for _ in range(5):
        for q in labelled:
            t = time.perf_counter()
            understand(q.query)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()

    def sources(text: str):
        docs = engine.index.documents
        ids = dict.fromkeys(s.id for s in engine.ask(text).sources)
        return [(docs[i].territories, docs[i].excluded_territories) for i in ids]

    report = profile_report(labelled, understand, sources)
    result = {
        "profile_questions": report["questions"],
        "profile_fully_right": report["profile_fully_right"],
        "per_field": report["per_field"],
        "territory_precision": report["territory_precision"],
        "cited_documents": report["cited_documents"],
        "extraction_ms_median": round(statistics.median(times), 3),
        "extraction_ms_p95": round(times[int(0.95 * (len(times) - 1))], 3),
        "wrong": [w["qid"] for w in report["wrong"]],
    }
    for name in ("questions", "profiles"):
        queries = [q for q in load_queries(ROOT / f"tests/eval/{name}.jsonl") if q.relevant]
        plain = evaluate(queries, lambda q: [h.doc.id for h in engine.search(q, k=20)])
        asked = evaluate(
            queries,
            lambda q: [h.doc.id for h in engine.understand_and_retrieve(q, k=20, gate=False)[1]],
        )
        keys = ("recall@5", "recall@10", "mrr@10", "ndcg@10")
        result[f"{name}_plain"] = {k: plain[k] for k in keys} | {"n": len(queries)}
        result[f"{name}_as_asked"] = {k: asked[k] for k in keys}
    print(json.dumps(result, ensure_ascii=False))
    OUT.mkdir(exist_ok=True)
    (OUT / "profiles.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))


def reading(model: str, final: bool = False) -> None:
    """Issue 11: the question reader on the sets it was not written against: dev (used while
    changing the rules) and, with ``reading-final``, test (kept unseen for the final figure)."""
    from assistant.engine import clarification_for
    from assistant.evaluate import load_lines, reading_report
    from assistant.understand import understand

    def read(text: str):
        p = understand(text)
        ask = clarification_for(p)
        asks = ask is not None and not ask.startswith("Que cherchez-vous")
        return p.as_dict(), asks

    result = {}
    for name in ("reading_dev", "reading_test") if final else ("reading_dev",):
        report = reading_report(load_lines(ROOT / f"tests/eval/{name}.jsonl"), read)
        OUT.mkdir(exist_ok=True)
        (OUT / f"{name}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
        result[name] = {k: v for k, v in report.items() if k != "wrong"}
        if name == "reading_dev":
            result[name]["wrong"] = [w["qid"] for w in report["wrong"]]
    times = []
    lines = load_lines(ROOT / "tests/eval/reading_dev.jsonl")
    understand("warm up à Lyon")
    for _ in range(5):
        for line in lines:
            t = time.perf_counter()
            understand(line["query"])
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    result["extraction_ms_median"] = round(statistics.median(times), 3)
    result["extraction_ms_p95"] = round(times[int(0.95 * (len(times) - 1))], 3)
    print(json.dumps(result, ensure_ascii=False, indent=1))


def spf_index(model: str) -> tuple[Path, list[Query]]:
    target = Path(tempfile.gettempdir()) / "assistant-bench-spf"
    docs = []
    for obj in json.loads((SPF / "spf_corpus_530.json").read_text()):
        text = obj["text"].strip()
        title = (text.split(".")[0] or obj["doc_id"])[:90]
        docs.append(
            Document(
                id=obj["doc_id"].lower(),
                kind="guide",
                title=title,
                text=text,
                territories=["FR"],
                origin="spf",
            )
        )
    t0 = time.perf_counter()
    report = build_index(docs, target, get_embedder(model))
    print(
        f"spf index: {report.chunks} passages, embedded {report.embedded_chunks} "
        f"in {report.embed_seconds:.0f} s ({report.chunks_per_second:.1f}/s), total "
        f"{time.perf_counter() - t0:.0f} s"
    )
    queries = [
        Query(q.qid, q.query, tuple(r.lower() for r in q.relevant), q.extra)
        for q in load_queries(SPF / "spf_queries_105.jsonl")
    ]
    return target, queries


def retrieval(model: str) -> None:
    rows = quality(
        Engine(model=model), load_queries(ROOT / "tests/eval/questions.jsonl"), "tests/eval"
    )
    if SPF.is_dir():
        idx, queries = spf_index(model)
        rows += quality(Engine(idx, model), queries, "spf")
    OUT.mkdir(exist_ok=True)
    (OUT / "retrieval.json").write_text(json.dumps(rows, indent=1))


def speed(model: str, runs: int = 3) -> None:
    engine = Engine(model=model)
    queries = [q.query for q in load_queries(ROOT / "tests/eval/questions.jsonl")]
    engine.ask(queries[0])  # warm up: model and index loaded once per process
    times = []
    for _ in range(runs):
        for q in queries:
            t = time.perf_counter()
            engine.ask(q)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    cold = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "assistant.cli", "ask", queries[1]],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        cold.append(time.perf_counter() - t)
    result = {
        "warm_ask_ms_median": round(statistics.median(times), 1),
        "warm_ask_ms_p95": round(p95, 1),
        "warm_asks": len(times),
        "cold_cli_ask_s_median": round(statistics.median(cold), 2),
        "cold_cli_ask_s_all": [round(c, 2) for c in cold],
    }
    result.update(index_speed(model))
    print(json.dumps(result))
    OUT.mkdir(exist_ok=True)
    (OUT / "speed.json").write_text(json.dumps(result, indent=1))


def index_speed(model: str, runs: int = 3) -> dict:
    """Index the shipped corpus from scratch; then, as a maintainer would, time the whole
    `assistant index` command (a new process) with nothing changed and with one document
    changed."""
    import shutil

    from assistant.ingest import load_corpus

    docs = load_corpus(ROOT / "corpus").documents
    with tempfile.TemporaryDirectory() as tmp:
        corpus, idx = Path(tmp) / "corpus", Path(tmp) / "index"
        shutil.copytree(ROOT / "corpus", corpus)
        full = build_index(docs, idx, get_embedder(model))
        cmd = [
            sys.executable,
            "-m",
            "assistant.cli",
            "index",
            "--corpus",
            str(corpus),
            "--index-dir",
            str(idx),
            "--model",
            model,
            "-q",
        ]
        same, one = [], []
        target = corpus / "organisations" / "ronalpia.md"
        for i in range(runs):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            same.append(time.perf_counter() - t)
            target.write_text(target.read_text() + f"\nMise à jour de test {i}.\n")
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            one.append(time.perf_counter() - t)
    return {
        "index_documents": len(docs),
        "index_passages": full.chunks,
        "index_full_s": round(full.seconds, 1),
        "index_chunks_per_s": round(full.chunks_per_second, 1),
        "cli_reindex_no_change_s_median": round(statistics.median(same), 2),
        "cli_reindex_one_changed_s_median": round(statistics.median(one), 2),
        "cli_reindex_runs": runs,
    }


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "retrieval"
    model = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_MODEL
    {"retrieval": retrieval, "speed": speed, "fusion": fusion, "profiles": profiles,
     "reading": reading, "reading-final": lambda m: reading(m, final=True)}[what](model)
