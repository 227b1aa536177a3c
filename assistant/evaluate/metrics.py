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

from ..errors import CorpusError


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
    from ..language.territory import gazetteer

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


def load_lines(path: Path) -> list[dict]:
    """JSON Lines, with the file and line of a bad one in the error."""
    if not path.is_file():
        raise CorpusError(f"Evaluation file not found: {path}")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except ValueError as exc:
                raise CorpusError(f"{path.name}:{n}: not JSON ({exc})") from None
    if not out:
        raise CorpusError(f"{path} holds no line.")
    return out


def _place_right(expected: dict, got: dict, g) -> bool:
    """Equal or more specific than expected (Lyon 3e for Lyon is right, Lyon for Lyon 3e is not);
    several sites: the same places; no place: none read (and no nationwide unless said)."""
    want, sites = expected.get("territory"), set(expected.get("places") or ())
    have = got.get("territory")
    if sites:
        return set(got.get("places") or ()) == sites or (
            have is not None and all(have == s or s in g.ancestors(have) for s in sites)
        )
    if want is None:
        return have is None
    return have is not None and (have == want or want in g.ancestors(have))


def reading_report(lines: list[dict], read) -> dict:
    """How the question reader does on a set it was not written against (issue 11).

    ``read(text) -> (profile dict, asks_place: bool)``. Scores: place right (equal or more
    specific), questions asked back about a place the question made clear, needed ask-backs
    asked (and whether their choices include the expected places), profile fully right."""
    from ..language.territory import gazetteer

    g = gazetteer()
    n = len(lines)
    place_ok = fully = clear = clear_asked = need_ask = asked_ok = cands_ok = 0
    per_field = {f: 0 for f in PROFILE_FIELDS}
    wrong = []
    for line in lines:
        expected = line["profile"]
        got, asks = read(line["query"])
        misses = []
        if not _place_right(expected, got, g):
            misses.append("territory")
        for f in PROFILE_FIELDS:
            if f != "territory" and _norm(f, got.get(f)) != _norm(f, expected.get(f)):
                misses.append(f)
        for f in PROFILE_FIELDS:
            per_field[f] += f not in misses
        place_ok += "territory" not in misses
        if line.get("ask_back_place"):
            need_ask += 1
            asked_ok += asks
            want = set(line.get("candidates") or ())
            cands_ok += asks and want <= set(got.get("territory_candidates") or ())
            if not asks:
                misses.append("ask_back")
        elif expected.get("territory") or expected.get("places"):
            clear += 1
            if asks:
                clear_asked += 1
                misses.append("asked_back")
        if misses:
            wrong.append(
                {
                    "qid": line["qid"],
                    "class": line.get("class"),
                    "query": line["query"],
                    "misses": misses,
                    "expected": expected,
                    "got": {
                        k: got.get(k) for k in (*PROFILE_FIELDS, "places", "territory_candidates")
                    },
                }
            )
        else:
            fully += 1
    by_class: dict[str, list[int]] = {}
    for line in lines:
        ok = all(w["qid"] != line["qid"] for w in wrong)
        by_class.setdefault(line.get("class") or "-", [0, 0])
        by_class[line.get("class") or "-"][0] += ok
        by_class[line.get("class") or "-"][1] += 1
    return {
        "questions": n,
        "place_right": round(place_ok / n, 4),
        "profile_fully_right": round(fully / n, 4),
        "clear_places": clear,
        "asked_back_on_clear_place": clear_asked,
        "ask_backs_needed": need_ask,
        "ask_backs_asked": asked_ok,
        "ask_backs_with_expected_choices": cands_ok,
        "per_field": {f: round(v / n, 4) for f, v in per_field.items()},
        "fully_right_by_class": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_class.items())},
        "wrong": wrong,
    }
