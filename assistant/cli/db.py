"""The database itself: db migrate, db status."""

from __future__ import annotations

import click

from . import _store, db_option, friendly, main


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
    from ..db import Store

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
