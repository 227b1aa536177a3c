"""Keep the corpus fresh: what `assistant corpus check` reports.

Errors (non-zero exit): a document that does not load (schema, YAML, unknown territory code,
duplicate id) or that names no source. Warnings: a call past its deadline, a document not checked
for more than a year, a contact with no way to reach it, an organisation or call with no contact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from .ingest import load_corpus

STALE = timedelta(days=365)


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


def check_corpus(corpus_dir: Path, today: date | None = None) -> tuple[int, list[Finding]]:
    """Number of documents that load, and the findings, errors first."""
    today = today or date.today()
    loaded = load_corpus(corpus_dir)
    findings = [Finding("error", p.origin, p.line, p.field, p.problem) for p in loaded.problems]
    for doc in loaded.documents:
        o = doc.origin
        if not doc.sources:
            findings.append(
                Finding("error", o, None, "sources", "no source: say where the facts were checked")
            )
        if doc.kind == "call" and doc.deadline and doc.deadline < today:
            hint = (
                "set the next session's dates when they are published"
                if doc.recurrence in ("annual", "recurring")
                else "remove it or mark the next session"
            )
            findings.append(
                Finding(
                    "warning",
                    o,
                    None,
                    "deadline",
                    f"the deadline {doc.deadline} has passed: {hint}",
                )
            )
        if doc.last_checked is None:
            findings.append(Finding("warning", o, None, "last_checked", "never checked"))
        elif today - doc.last_checked > STALE:
            findings.append(
                Finding(
                    "warning",
                    o,
                    None,
                    "last_checked",
                    f"last checked {doc.last_checked}, more than 12 months ago",
                )
            )
        for i, contact in enumerate(doc.contacts):
            if not contact.channels():
                who = contact.organisation or contact.role or f"contact {i + 1}"
                findings.append(
                    Finding(
                        "warning",
                        o,
                        None,
                        f"contacts.{i}",
                        f"{who} has no e-mail, phone or web page",
                    )
                )
        if doc.kind != "guide" and not any(c.channels() for c in doc.contacts):
            findings.append(
                Finding("warning", o, None, "contacts", "no way to reach the organisation")
            )
    findings.sort(key=lambda f: (f.level != "error", f.origin))
    return len(loaded.documents), findings
