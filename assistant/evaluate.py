"""Retrieval metrics over a question file: Recall@5/10, MRR@10, nDCG@10.

The file has one JSON object a line: ``{"qid", "query", "relevant": [document ids]}``. Optional
``profile`` (expected understanding) and ``territory`` fields are used by other reports.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusError


@dataclass(frozen=True)
class Query:
    qid: str
    query: str
    relevant: tuple[str, ...]
    extra: dict


def load_queries(path: Path) -> list[Query]:
    if not path.is_file():
        raise CorpusError(f"Evaluation file not found: {path}")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            out.append(
                Query(
                    str(obj["qid"]),
                    str(obj["query"]),
                    tuple(str(r) for r in obj["relevant"]),
                    {k: v for k, v in obj.items() if k not in ("qid", "query", "relevant")},
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise CorpusError(
                f"{path.name}:{n}: bad evaluation line ({exc!r}); expected "
                '{"qid": ..., "query": ..., "relevant": [...]}'
            ) from None
    if not out:
        raise CorpusError(f"{path} holds no question.")
    return out


def metrics(ranked: list[str], relevant: tuple[str, ...]) -> dict[str, float]:
    rel = set(relevant)
    if not rel:
        return {"recall@5": 0.0, "recall@10": 0.0, "mrr@10": 0.0, "ndcg@10": 0.0}
    rr = next((1.0 / (i + 1) for i, d in enumerate(ranked[:10]) if d in rel), 0.0)
    dcg = sum(1.0 / math.log2(i + 2) for i, d in enumerate(ranked[:10]) if d in rel)
    idcg = sum(1.0 / math.log2(i + 2) for i in range(min(len(rel), 10)))
    return {
        "recall@1": len(rel & set(ranked[:1])) / len(rel),
        "recall@5": len(rel & set(ranked[:5])) / len(rel),
        "recall@10": len(rel & set(ranked[:10])) / len(rel),
        "mrr@10": rr,
        "ndcg@10": dcg / idcg,
    }


def evaluate(queries: list[Query], rank: Callable[[str], list[str]]) -> dict:
    per_query = []
    totals: dict[str, float] = {}
    for q in queries:
        ranked = rank(q.query)
        m = metrics(ranked, q.relevant)
        for k, v in m.items():
            totals[k] = totals.get(k, 0.0) + v
        per_query.append({"qid": q.qid, "ranked": ranked, **{k: round(v, 4) for k, v in m.items()}})
    n = len(queries)
    return {
        "questions": n,
        **{k: round(v / n, 4) for k, v in totals.items()},
        "per_query": per_query,
    }
