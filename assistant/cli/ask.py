"""Questions to the index: search, ask, chat, eval."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click

from ..errors import UsageError
from . import _filters, filter_options, friendly, index_options, main, mode_option


@main.command()
@click.argument("query")
@index_options
@filter_options
@click.option("-k", "--top", default=10, show_default=True, help="How many documents.")
@mode_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@friendly
def search(
    query, index_dir, model, territory, kind, need, audience, status, today, top, mode, as_json
):
    """Rank documents for a query, with their scores.

    \b
    assistant search "prêt d'honneur" --territory DEP:69 --json
    """
    from ..engine import Engine

    filters = _filters(territory, kind, need, audience, status)
    engine = Engine(index_dir, model)
    hits = engine.search(query, filters, k=top, mode=mode, today=today.date() if today else None)
    rows = [
        {
            "rank": i,
            "id": h.doc.id,
            "title": h.doc.title,
            "kind": h.doc.kind,
            "score": round(h.score, 6),
            "dense": round(h.dense, 4),
            "bm25": round(h.bm25, 4),
            "passage": h.best.chunk.id,
        }
        for i, h in enumerate(hits, start=1)
    ]
    if as_json:
        click.echo(
            json.dumps(
                {"query": query, "mode": mode, "results": rows}, ensure_ascii=False, indent=1
            )
        )
        return
    if not rows:
        click.echo("No document matches.")
    for r in rows:
        click.echo(f"{r['rank']:>2}. {r['score']:.4f}  {r['id']:<36} {r['title']}")


@main.command()
@click.argument("question")
@index_options
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@friendly
def ask(question, index_dir, model, territory, kind, need, audience, status, today, as_json):
    """Answer a question in French, every claim cited [n], with the contacts to reach.

    \b
    assistant ask "Quel incubateur accepte une association qui n'a qu'une idée, à Lyon ?"
    assistant ask "prêt d'honneur" --territory DEP:69 --json
    """
    from ..engine import Engine

    filters = _filters(territory, kind, need, audience, status)
    engine = Engine(index_dir, model)
    answer = engine.ask(question, filters=filters, today=today.date() if today else None)
    if as_json:
        click.echo(json.dumps(answer.as_dict(), ensure_ascii=False, indent=1))
        _leave_now()
        return
    click.echo(answer.answer)
    if answer.sources:
        click.echo("\nSources")
        for s in answer.sources:
            where = " > ".join(s.headings)
            click.echo(f"[{s.n}] {s.title} — {where} — {s.url or s.id}")
    _leave_now()


def _leave_now() -> None:
    """A one-question process has said all it had to: it ends without tearing down the index,
    the model and the reader's tables object by object (0.3 s of a cold ``ask``). Only at a
    real terminal or pipe; under a test runner the process goes on."""
    if sys.stdout is sys.__stdout__ and sys.stderr is sys.__stderr__:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


@main.command()
@index_options
@click.option("--json", "as_json", is_flag=True, help="Print each answer as one JSON line.")
@friendly
def chat(index_dir, model, as_json):
    """A conversation in the terminal: follow-up questions keep what was learnt.

    One question a line; "nouvelle recherche" starts afresh; an empty line or Ctrl-D ends.

    \b
    assistant chat
    printf 'Un prêt d'honneur pour mon asso ?\nRhône\n' | assistant chat --json
    """
    from ..answer.followup import terminal_handoff
    from ..engine import Conversation, Engine
    from ..errors import UsageError as Bad

    engine = Engine(index_dir, model)
    conversation = Conversation()
    interactive = sys.stdin.isatty()
    while True:
        try:
            line = input("> " if interactive else "")
        except EOFError:
            break
        if not line.strip():
            break
        if line.strip().lower() in ("nouvelle recherche", "reset", "recommencer"):
            conversation.reset()
            click.echo("Nouvelle recherche : je repars de zéro.")
            continue
        try:
            answer = engine.ask(line, conversation)
        except Bad as err:  # a bad line does not end the conversation
            click.echo(f"Error: {err}", err=True)
            continue
        if as_json:
            click.echo(json.dumps(answer.as_dict(), ensure_ascii=False))
        else:
            click.echo(answer.answer + "\n")
            if answer.handoff_to is not None:  # no form in a terminal: say where to do it
                click.echo(terminal_handoff(answer.handoff_to, _public_url()) + "\n")


def _public_url() -> str | None:
    """The web chat's address (ASSISTANT_PUBLIC_URL), if this installation has one."""
    from ..settings import settings

    try:
        return settings().public_url
    except UsageError:
        return None


@main.command(name="eval")
@click.argument("file", type=click.Path(path_type=Path))
@index_options
@mode_option
@click.option(
    "--as-asked",
    is_flag=True,
    help="Retrieve as `ask` does: the place read in the question filters, its needs, audience "
    "and themes lift matching documents (no relevance gate, so every query ranks 10+).",
)
@click.option(
    "--profiles",
    is_flag=True,
    help="Also score understanding: lines with a 'profile' field are compared with what the "
    "question reader finds; reports territory precision of the answers' sources.",
)
@click.option(
    "--judge",
    is_flag=True,
    help="Judge the answers instead of rankings: lines with expected_ids, acceptable_ids and "
    "place_code; reports source precision, recall, cut sentences, contacts right for the "
    "place and whether thin coverage is said.",
)
@click.option(
    "--conversations",
    is_flag=True,
    help="The file holds conversations ({cid, turns: [...]}) judged turn by turn: each is run "
    "through the engine with one conversation, as the web chat does; reports context right "
    "(place, need, structure, stage) per turn, questions asked back (unneeded, repeated), "
    "corrections applied, handoffs opened, source precision and recall.",
)
@click.option(
    "--answers-out",
    type=click.Path(path_type=Path),
    default=None,
    help="With --judge: write each question (each turn) with its answer and what an adviser "
    "expects, without the scores (JSON Lines), for grading blind.",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date the answers are given on (deadlines), e.g. 2026-11-29.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON with per-query rankings.")
@friendly
def eval_cmd(file, index_dir, model, mode, as_asked, profiles, judge, conversations,
             answers_out, today, as_json):
    """Score retrieval on a question file: Recall@5/10, MRR@10, nDCG@10.

    Each line: {"qid": "q1", "query": "...", "relevant": ["doc-id", ...]}.

    \b
    assistant eval tests/eval/questions.jsonl --json
    assistant eval tests/eval/advice_dev.jsonl --judge --today 2026-11-29
    assistant eval tests/eval/conversations_dev.jsonl --conversations --judge \\
        --answers-out answers.jsonl
    """
    from ..engine import Engine
    from ..evaluate.metrics import evaluate, load_queries

    if conversations:
        return _judge_conversations(file, index_dir, model, mode, answers_out, today, as_json)
    if judge:
        return _judge(file, index_dir, model, mode, answers_out, today, as_json)
    queries = load_queries(file)
    engine = Engine(index_dir, model)
    engine.retriever()
    t0 = time.perf_counter()

    def rank(q: str) -> list[str]:
        if as_asked:
            _, hits = engine.understand_and_retrieve(q, mode=mode, k=20, gate=False)
        else:
            hits = engine.search(q, k=20, mode=mode)
        return [h.doc.id for h in hits]

    scored = [q for q in queries if q.relevant]
    result = evaluate(scored, rank) if scored else {"questions": 0, "per_query": []}
    result["mode"] = mode + (" as asked" if as_asked else "")
    if profiles:
        from ..evaluate.metrics import profile_report
        from ..language.understand import understand

        def sources(q: str):
            docs = engine.index.documents
            answer = engine.ask(q)
            ids = dict.fromkeys(s.id for s in answer.sources)
            return [(docs[i].territories, docs[i].excluded_territories) for i in ids]

        result["profiles"] = profile_report(queries, understand, sources)
    result["seconds"] = round(time.perf_counter() - t0, 2)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    click.echo(f"{result['questions']} questions with relevant documents, mode {result['mode']}")
    for k in ("recall@5", "recall@10", "mrr@10", "ndcg@10"):
        if k in result:
            click.echo(f"  {k:<10} {result[k]:.3f}")
    if profiles:
        p = result["profiles"]
        click.echo(f"{p['questions']} questions with an expected profile")
        click.echo(f"  profile fully right  {p['profile_fully_right']:.3f}")
        for f, v in p["per_field"].items():
            click.echo(f"    {f:<12} {v:.3f}")
        click.echo(
            f"  territory precision  {p['territory_precision']} "
            f"({p['cited_documents']} cited documents)"
        )
        for w in p["wrong"]:
            click.echo(f"  ✗ {w['qid']} {w['query'][:70]!r}: {w['fields']}")


def _judge(file, index_dir, model, mode, answers_out, today, as_json) -> None:
    from ..corpus.importers import write_jsonl
    from ..engine import Engine
    from ..evaluate.judge import judge_report
    from ..evaluate.metrics import load_lines

    lines = load_lines(file)
    missing = [ln.get("qid", "?") for ln in lines if "expected_ids" not in ln]
    if missing:
        raise UsageError(
            f"{len(missing)} line(s) have no expected_ids (first: {missing[0]}): map the "
            "expectations to document ids first."
        )
    engine = Engine(index_dir, model)
    library = engine.retriever().library
    day = today.date() if today else None
    result = judge_report(lines, lambda q: engine.ask(q, today=day, mode=mode), library)
    if answers_out:
        write_jsonl(result["per_question"], answers_out)
    summary = {k: v for k, v in result.items() if k != "per_question"}
    if as_json:
        click.echo(json.dumps(result if not answers_out else summary, ensure_ascii=False,
                              indent=1))
        return
    for k, v in summary.items():
        click.echo(f"  {k:<34} {v}")


def _judge_conversations(file, index_dir, model, mode, answers_out, today, as_json) -> None:
    from ..corpus.importers import write_jsonl
    from ..engine import Conversation, Engine
    from ..evaluate.conversations import conversation_report
    from ..evaluate.metrics import load_lines

    conversations = load_lines(file)
    missing = [
        f"{c.get('cid', '?')}.{i}"
        for c in conversations
        for i, t in enumerate(c.get("turns") or [], start=1)
        if "expected_ids" not in t
    ]
    if missing or any(not c.get("turns") for c in conversations):
        raise UsageError(
            f"{len(missing)} turn(s) have no expected_ids (first: {missing[:1]}), or a line has "
            "no turns: each line is {\"cid\", \"turns\": [{\"user\", \"expected_ids\", ...}]}."
        )
    engine = Engine(index_dir, model)
    library = engine.retriever().library
    day = today.date() if today else None
    summary, records = conversation_report(
        conversations,
        lambda q, conv: engine.ask(q, conv, today=day, mode=mode),
        Conversation,
        library,
    )
    if answers_out:
        write_jsonl(records, answers_out)
    short = {k: v for k, v in summary.items() if k != "per_turn"}
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=1))
        return
    for k, v in short.items():
        click.echo(f"  {k:<28} {v}")
    for t in summary["per_turn"]:
        flags = [*t["context_misses"]]
        if t["unneeded_question"]:
            flags.append("unneeded question")
        if t["repeated_question"]:
            flags.append("repeated question")
        if t["recall"] is not None and t["recall"] < 1:
            flags.append(f"recall {t['recall']:.2f}")
        if flags:
            click.echo(f"  ✗ {t['cid']}.{t['turn']} {t['move']:<13} {', '.join(flags)}")
