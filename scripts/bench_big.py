"""Index a large generated corpus: rate, peak memory, warm ``ask`` and quality at that size, for
the default model's two embedders side by side (``torch``, the previous default, and ``onnx``).

    python scripts/bench_big.py [N_DOCS] [--embedders torch,onnx] [--runs 1] [--model M]
    python scripts/bench_big.py 32600 --embedders onnx      # about 100,000 passages

The N_DOCS documents are synthetic (French sentences assembled from word lists) but shaped like
the real ones: front matter, a card, two short sections (three passages each). They are indexed
together with the shipped corpus, so that the 66 questions of tests/eval measure retrieval among
that many distractors and warm ``ask`` runs on real questions. Each embedder builds in its own
process (its peak RSS alone), then a second process loads the index and answers (the memory of
a serving process). Embedders alternate between runs. Writes bench-results/big.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import DEFAULT_MODEL  # noqa: E402
from assistant.corpus.documents import Document  # noqa: E402
from assistant.search.build import build_index  # noqa: E402
from assistant.search.embed import get_embedder  # noqa: E402

WORDS = (
    "accompagnement financement association coopérative insertion mobilité rurale "
    "alimentation logement handicap subvention prêt garantie incubateur réseau formation "
    "projet entreprise sociale territoire commune département région bénévoles salariés "
    "habitants quartier solidaire durable emploi jeunes seniors santé culture énergie "
    "recyclage économie circulaire numérique inclusion locaux tiers-lieu épicerie garage "
    "transport covoiturage atelier chantier diagnostic dossier candidature calendrier"
).split()
CODES = ["FR", "REG:84", "DEP:69", "DEP:42", "DEP:38", "EPCI:200046977", "COM:69123"]


def sentence(rng: random.Random) -> str:
    words = rng.sample(WORDS, 12)
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def make_docs(n: int, seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        body = (
            f"## Pour qui\n{' '.join(sentence(rng) for _ in range(3))}\n\n"
            f"## Ce qui est proposé\n{' '.join(sentence(rng) for _ in range(3))}\n"
        )
        docs.append(
            Document(
                id=f"gen-{i:05d}",
                kind=rng.choice(["organisation", "call", "guide"]),
                title=f"Dispositif {i} : {' '.join(rng.sample(WORDS, 4))}",
                summary=sentence(rng),
                territories=[rng.choice(CODES)],
                text=body,
                origin="generated",
            )
        )
    return docs


def child(task: str, model: str, embedder: str, n: int, index_dir: Path, runs: int) -> dict:
    """One embedder's build or ask measures, in this process."""
    from assistant.corpus.ingest import load_corpus

    if task == "build":
        docs = load_corpus(ROOT / "corpus").documents + make_docs(n)
        emb = get_embedder(model, embedder or None)
        report = build_index(docs, index_dir, emb)
        peak_build = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        again = build_index(docs, index_dir, emb)
        return {
            "documents": len(docs),
            "passages": report.chunks,
            "index_seconds": round(report.seconds, 1),
            "embed_seconds": round(report.embed_seconds, 1),
            "passages_per_second": round(report.chunks_per_second, 2),
            "build_peak_rss_mb": round(peak_build),
            "reindex_no_change_seconds": round(again.seconds, 1),
        }
    from assistant.engine import Engine
    from assistant.evaluate.metrics import evaluate, load_queries

    queries = load_queries(ROOT / "tests/eval/questions.jsonl")
    engine = Engine(index_dir, model)
    engine.ask(queries[0].query)  # warm up: index, models, gazetteer
    times = []
    for _ in range(runs):
        for q in queries:
            t = time.perf_counter()
            engine.ask(q.query)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    out = {
        "warm_ask_ms_median": round(statistics.median(times), 1),
        "warm_ask_ms_p95": round(times[int(0.95 * (len(times) - 1))], 1),
        "warm_asks": len(times),
    }
    for mode in ("dense", "hybrid"):
        r = evaluate(queries, lambda q, m=mode: [h.doc.id for h in engine.search(q, k=20, mode=m)])
        out[f"questions_{mode}"] = {k: round(r[k], 4) for k in ("recall@1", "mrr@10", "ndcg@10")}
    out["ask_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n_docs", nargs="?", type=int, default=10_000)
    parser.add_argument("--embedders", default="torch,onnx", help="default model: torch, onnx")
    parser.add_argument("--runs", type=int, default=1, help="builds per embedder, alternating")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--child", nargs=3, metavar=("TASK", "EMBEDDER", "INDEX_DIR"))
    args = parser.parse_args()
    if args.child:
        task, emb, index_dir = args.child
        emb = "" if emb == "-" else emb
        print(json.dumps(child(task, args.model, emb, args.n_docs, Path(index_dir), args.runs)))
        return
    embedders = args.embedders.split(",") if args.model == DEFAULT_MODEL else [""]
    results: dict[str, dict] = {e: {"builds": []} for e in embedders}

    def run(task: str, emb: str, index_dir: Path) -> dict:
        env = dict(os.environ)
        if emb:
            env["ASSISTANT_EMBEDDER"] = emb
        cmd = [sys.executable, __file__, str(args.n_docs), "--model", args.model]
        cmd += ["--runs", str(args.runs), "--child", task, emb or "-", str(index_dir)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(json.dumps({"embedder": emb, "task": task, **r}), flush=True)
        return r

    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            for emb in embedders if i % 2 == 0 else embedders[::-1]:
                index_dir = Path(tmp) / f"index-{emb}"
                shutil.rmtree(index_dir, ignore_errors=True)
                results[emb]["builds"].append(run("build", emb, index_dir))
        for emb in embedders:
            results[emb].update(run("ask", emb, Path(tmp) / f"index-{emb}"))
    keys = ("passages_per_second", "index_seconds", "build_peak_rss_mb")
    keys += ("reindex_no_change_seconds",)
    for r in results.values():
        builds = r.pop("builds")
        r.update({k: v for k, v in builds[0].items() if k in ("documents", "passages")})
        for key in keys:
            r[key + ("_median" if len(builds) > 1 else "")] = statistics.median(
                b[key] for b in builds
            )
        r["passages_per_second_all"] = [b["passages_per_second"] for b in builds]
    result = {"generated_documents": args.n_docs, "model": args.model, "runs": args.runs}
    result.update(results)
    print(json.dumps(result, indent=1))
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "big.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
