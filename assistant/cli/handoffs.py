"""Handoff requests: handoffs list, handoffs status, handoffs deliver."""

from __future__ import annotations

import sys

import click

from ..config import HANDOFF_STATUSES, REMIND_DAYS
from . import _store, db_option, friendly, main


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
    from ..db import paris_time

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
    from ..handoff import Mailer, deliver_due
    from ..settings import settings

    s = settings()
    mailer = Mailer.from_settings(s)
    public_url = s.public_url
    store = _store(db_url)
    # safe beside the servers' own workers: each e-mail is claimed before it is sent
    report = deliver_due(store, mailer, public_url=public_url, worker=f"cli-{s.server_id}")
    if mailer is None:
        click.echo("ASSISTANT_SMTP_HOST is not set: nothing sent (requests stay stored).")
    click.echo(f"Imported {report.imported}, sent {report.sent} (copies to the person: "
               f"{report.acknowledged}), failed {report.failed} (will retry), gave up "
               f"{report.gave_up}; follow-up questions sent {report.followups}"
               + ("" if public_url else " (ASSISTANT_PUBLIC_URL not set: none)")
               + f"; answers sent {report.answers}"
               + (f"; interrupted sendings marked to check: {report.interrupted}"
                  if report.interrupted else "") + ".")
    if report.failed or report.gave_up:
        sys.exit(1)
