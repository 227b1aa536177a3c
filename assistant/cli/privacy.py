"""A person's data and retention: forget, purge."""

from __future__ import annotations

import click

from ..errors import UsageError
from . import _store, db_option, friendly, main


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
               f"conversation(s), {counts['answers']} answer(s), {counts['answer_mails']} "
               "answer(s) sent by e-mail.")


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
