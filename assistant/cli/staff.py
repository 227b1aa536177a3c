"""Staff accounts: staff add, staff list, staff remove."""

from __future__ import annotations

import sys

import click

from ..errors import UsageError
from . import _store, db_option, friendly, main


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
