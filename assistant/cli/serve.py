"""Start the chat: serve."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..config import ROOT
from . import corpus_option, friendly, index_options, main
from .corpus import run_index


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
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              envvar="ASSISTANT_WORKERS", help="Server processes (each with its own worker).")
@friendly
def serve(index_dir, model, host, port, corpus_dir, workers):
    """Start the chat in the browser (builds the index first if it is missing).

    \b
    assistant serve --port 8000
    assistant serve --host 0.0.0.0 --workers 4     # behind a reverse proxy
    """
    import os

    from ..handoff import Mailer
    from ..search.build import needs_rebuild
    from ..search.index import current_version
    from ..settings import settings

    # settings first: a typo is said now, in one line, not as a traceback in the chat's log
    s = settings()
    if Mailer.from_settings(s) is None:
        click.echo("E-mail: ASSISTANT_SMTP_HOST is not set: handoff requests are stored and "
                   "listed in /staff for staff to forward.")
    if current_version(index_dir) is None:
        click.echo(f"No index in {index_dir}: building it from {corpus_dir} first.")
        run_index(index_dir, model, corpus_dir, ())
    elif needs_rebuild(index_dir, model) and _from_corpus(index_dir, corpus_dir):
        # built by the previous default embedder: embedded again once, then searched as usual
        # (an index of imported records is left to its maintainer: the message says what to run)
        run_index(index_dir, model, corpus_dir, ())
    _check_database()
    from ..language.tables import prepare

    prepare()  # built once here rather than by each worker at its first question
    # CI=true (and DEBUG, HEADLESS...) switch Chainlit into other modes: never pass them on
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CI", "DEBUG", "HEADLESS", "WATCH", "NO_CACHE")
    }
    env.update({"ASSISTANT_INDEX": str(Path(index_dir).resolve()), "ASSISTANT_MODEL": model})
    click.echo(f"Chat on http://{host}:{port}")
    sys.stdout.flush()
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "assistant.web.app:create_app",
           "--host", host, "--port", str(port), "--workers", str(workers),
           "--timeout-graceful-shutdown", "10"]  # fmt: skip
    if s.trusted_proxies:
        # X-Forwarded-For and -Proto are believed only from these addresses
        cmd += ["--proxy-headers", "--forwarded-allow-ips", ",".join(
            str(n) for n in s.proxies)]
    else:
        cmd += ["--no-proxy-headers"]
    os.chdir(ROOT)
    os.execve(sys.executable, cmd, env)  # the server replaces this process: signals reach it


def _from_corpus(index_dir, corpus_dir) -> bool:
    """Whether every document of the live index came from ``corpus_dir`` (so that rebuilding
    it from there loses nothing)."""
    from ..search.index import read_manifest

    manifest = read_manifest(index_dir)
    if not manifest:
        return False
    # corpus documents say where they are from the corpus folder's parent ("corpus/calls/x.md"),
    # imported records their file and line ("aides.jsonl:12")
    prefix = Path(corpus_dir).resolve().name + "/"
    if not all(d.get("origin", "").startswith(prefix)
               for d in manifest.get("documents", {}).values()):
        return False
    return True


def _check_database() -> None:
    """Say which database the chat uses; a database that is down does not stop the chat."""
    from ..db import Store, StoreUnavailable

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
