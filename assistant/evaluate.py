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


PROFILE_FIELDS = ("territory", "nationwide", "needs", "audience", "stage", "themes")


def _norm(field: str, value):
    if field in ("needs", "themes"):
        return frozenset(value or ())
    if field == "nationwide":
        return bool(value)
    return value or None


def profile_report(queries: list[Query], understand, answer_sources) -> dict:
    """How well questions are understood, and whether answers respect the place.

    ``understand(text) -> Profile``; ``answer_sources(text) -> list of (doc territories,
    excluded territories)`` as an answer cites them. Territory precision counts, over questions
    that name a place, the cited documents that really apply to that (expected) place.
    """
    from .territory import gazetteer

    g = gazetteer()
    labelled = [q for q in queries if "profile" in q.extra]
    if not labelled:
        raise CorpusError("No line has a 'profile' field: nothing to score.")
    per_field = {f: 0 for f in PROFILE_FIELDS}
    fully, wrong, applying, cited = 0, [], 0, 0
    for q in labelled:
        expected = q.extra["profile"]
        got = understand(q.query).as_dict()
        misses = [f for f in PROFILE_FIELDS if _norm(f, got.get(f)) != _norm(f, expected.get(f))]
        for f in PROFILE_FIELDS:
            per_field[f] += f not in misses
        if misses:
            wrong.append(
                {
                    "qid": q.qid,
                    "query": q.query,
                    "fields": {f: {"expected": expected.get(f), "got": got.get(f)} for f in misses},
                }
            )
        else:
            fully += 1
        place = expected.get("territory")
        if place:
            for territories, excluded in answer_sources(q.query):
                cited += 1
                applying += g.applies(territories, place, excluded)
    n = len(labelled)
    return {
        "questions": n,
        "profile_fully_right": round(fully / n, 4),
        "per_field": {f: round(v / n, 4) for f, v in per_field.items()},
        "territory_precision": round(applying / cited, 4) if cited else None,
        "cited_documents": cited,
        "wrong": wrong,
    }
