"""Build the index and feed the corpus: index, corpus check, import-html, crawl, import-aides,
import-csv."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from ..config import default_corpus_dir
from ..errors import AssistantError, UsageError
from . import corpus_option, friendly, index_options, main, today_option


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
    from ..corpus.ingest import Loaded, load_corpus, load_records
    from ..search.build import build_index
    from ..search.embed import get_embedder

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

    from ..search.build import rebuild_reason

    reason = rebuild_reason(index_dir, embedder)
    if reason:
        echo(reason)  # said before the long part, not after
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
    from ..language.tables import prepare

    prepare()  # the question reader's tables, so that the first `ask` starts fast
    return report, loaded.problems


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
    from ..corpus.check import check_corpus

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
    from ..corpus.webimport import fetch, html_to_draft, write_draft

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
    from ..corpus.webimport import Crawler, is_web_url

    if not urls_file and not sitemap:
        raise UsageError("Give a file of URLs (one a line) or --sitemap URL.")
    urls: list[str] = []
    if urls_file:
        if not urls_file.is_file():
            raise UsageError(f"File not found: {urls_file}")
        urls += [
            u.strip()
            for u in urls_file.read_text().splitlines()
            if u.strip() and not u.startswith("#")
        ]
    for url in ([sitemap] if sitemap else []) + urls:  # before anything is fetched
        if not is_web_url(url):
            raise UsageError(f"Refused {url}: only http:// and https:// addresses are crawled.")
    crawler = Crawler(out_dir, delay)
    if sitemap:
        urls += crawler.sitemap_urls(sitemap)
    counts = crawler.run(
        urls,
        max_pages,
        progress=lambda u: click.echo(f"saved {u}"),
        refused=lambda message: click.echo(message, err=True),
    )
    state = crawler.state
    handled = {*state["done"], *state["refused"], *state["refused_scheme"]}
    left = len([u for u in urls if u not in handled])
    not_web = counts["refused_scheme"]
    click.echo(
        f"{counts['fetched']} fetched, {counts['skipped_done']} already done, "
        f"{counts['refused_by_robots']} refused by robots.txt, "
        + (f"{not_web} refused as not http or https, " if not_web else "")
        + f"{counts['failed']} failed; {left} left. Drafts in {out_dir / 'drafts'}."
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
    from ..corpus.importers import import_aides_territoires, write_jsonl

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
    from ..corpus.importers import import_csv, write_jsonl

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
