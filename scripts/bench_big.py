"""Index a generated corpus of 10,000 documents with the default model: rate and peak memory.

    python scripts/bench_big.py [N_DOCS] [MODEL]

The documents are synthetic (French sentences assembled from word lists) but shaped like the
real ones: front matter, a card, two short sections. Writes bench-results/big.json.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import DEFAULT_MODEL  # noqa: E402
from assistant.documents import Document  # noqa: E402
from assistant.embed import get_embedder  # noqa: E402
from assistant.index import build_index  # noqa: E402

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


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    model = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_MODEL
    docs = make_docs(n)
    ticks = []
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        report = build_index(
            docs,
            Path(tmp),
            get_embedder(model),
            progress=lambda d, t: ticks.append((time.perf_counter() - t0, d, t)),
        )
        again = build_index(docs, Path(tmp), get_embedder(model))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "documents": n,
        "passages": report.chunks,
        "model": model,
        "index_seconds": round(report.seconds, 1),
        "embed_seconds": round(report.embed_seconds, 1),
        "passages_per_second": round(report.chunks_per_second, 1),
        "peak_rss_mb": round(peak_mb),
        "reindex_no_change_seconds": round(again.seconds, 1),
    }
    print(json.dumps(result))
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "big.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
