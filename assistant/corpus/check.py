"""Keep the corpus fresh: what `assistant corpus check` reports.

Errors (non-zero exit): a document that does not load (schema, YAML, unknown territory code,
duplicate id) or that names no source. Warnings: a call past its deadline, a recurring call whose
usual window has passed without a new date, a document not checked for more than a year, an
organisation that takes requests with no way to reach it (a press article is none).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .documents import Document
from .ingest import load_corpus

STALE = timedelta(days=365)
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")


@dataclass(frozen=True)
class Finding:
    level: str  # "error" or "warning"
    origin: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.origin + (f":{self.line}" if self.line else "")
        what = f" [{self.field}]" if self.field else ""
        return f"{self.level.upper():<7} {where}{what}: {self.message}"


def window_passed(doc: Document, today: date) -> bool:
    """A recurring call whose usual closing month has come and gone since its last known date:
    the new edition's dates should have been published (and written in the corpus)."""
    window = doc.usual_window
    if doc.kind != "call" or doc.recurrence not in ("annual", "recurring"):
        return False
    if window is None or not (window.closes or window.opens):
        return False
    if doc.deadline and doc.deadline >= today:
        return False
    month = window.closes or window.opens
    year = today.year if month < today.month else today.year - 1
    expected = date(year, month, 28)
    last = doc.deadline or doc.last_checked or date.min
    return last < expected <= today


def check_corpus(corpus_dir: Path, today: date | None = None) -> tuple[int, list[Finding]]:
    """Number of documents that load, and the findings, errors first."""
    today = today or date.today()
    loaded = load_corpus(corpus_dir)
    findings = [Finding("error", p.origin, p.line, p.field, p.problem) for p in loaded.problems]
    networks = {d.network for d in loaded.documents if d.network}
    for doc in loaded.documents:
        findings += _check(doc, today)
        if doc.applied_through and doc.applied_through not in networks:
            findings.append(Finding(
                "error", doc.origin, None, "applied_through",
                f"no document belongs to the network '{doc.applied_through}': answers could not "
                "name the service that takes the application"))
    findings.sort(key=lambda f: (f.level != "error", f.origin))
    return len(loaded.documents), findings


def _check(doc: Document, today: date) -> list[Finding]:
    o = doc.origin
    out = []
    if not doc.sources:
        out.append(
            Finding("error", o, None, "sources", "no source: say where the facts were checked")
        )
    if doc.kind == "call" and doc.deadline and doc.deadline < today:
        hint = (
            "set the next session's dates when they are published"
            if doc.recurrence in ("annual", "recurring")
            else "remove it or mark the next session"
        )
        out.append(
            Finding(
                "warning", o, None, "deadline", f"the deadline {doc.deadline} has passed: {hint}"
            )
        )
    if window_passed(doc, today):
        w = doc.usual_window
        month = MONTHS[(w.closes or w.opens) - 1]  # type: ignore[union-attr, operator]
        out.append(
            Finding(
                "warning",
                o,
                None,
                "usual_window",
                f"the usual window (closing in {month}) has passed without a new date: check "
                "the new edition and set opens/deadline",
            )
        )
    if doc.kind == "call" and doc.recurrence in ("annual", "recurring") and not doc.usual_window:
        out.append(
            Finding(
                "warning",
                o,
                None,
                "usual_window",
                "a recurring call without its usual months: add usual_window from past editions",
            )
        )
    if doc.last_checked is None:
        out.append(Finding("warning", o, None, "last_checked", "never checked"))
    elif today - doc.last_checked > STALE:
        out.append(
            Finding(
                "warning", o, None, "last_checked",
                f"last checked {doc.last_checked}, more than 12 months ago",
            )
        )
    takes = doc.takes_requests if doc.takes_requests is not None else doc.kind == "organisation"
    if not takes:
        return out
    for i, contact in enumerate(doc.contacts):
        if not contact.channels():
            who = contact.organisation or contact.role or f"contact {i + 1}"
            out.append(
                Finding(
                    "warning", o, None, f"contacts.{i}", f"{who} has no e-mail, phone or web page"
                )
            )
    if not any(c.channels() for c in doc.contacts) and not doc.url:
        out.append(Finding("warning", o, None, "contacts", "no way to reach the organisation"))
    elif not _shown_channel(doc):
        out.append(
            Finding(
                "warning", o, None, "contacts",
                "only press or third-party pages: answers show no channel for it (add its own "
                "site, e-mail or phone when checked)",
            )
        )
    return out


def _shown_channel(doc: Document) -> bool:
    """Whether answers can show a way to reach it: an e-mail, a phone, or a page of its own
    (an article on another site is none; an article of its own site gives its home page)."""
    from ..answer.contacts import own_channel  # the rule the answers apply

    return own_channel(doc) is not None
