"""The service's database: conversations, handoff requests and their e-mails, staff accounts.

One :class:`Store` over SQLite (default) or PostgreSQL, made of one mixin per concern over the
connection core; the schema is defined once, in :mod:`.schema`.
"""

from __future__ import annotations

import threading
import time

from .conversations import DOCUMENT_FLAGS, FEEDBACK_REASONS, REVIEW_STATES, ConversationsMixin
from .core import Core, StoreUnavailable, paris_time, utcnow
from .handoffs import (
    CLOSED_STATUSES,
    DELIVERY_LABELS,
    MAX_ATTEMPTS,
    SATISFACTION,
    HandoffsMixin,
    days_unchanged,
    needs_reminder,
)
from .outbox import OutboxMixin
from .phones import e164
from .privacy import PrivacyMixin
from .rows import (
    AnswerMail,
    AnswerRow,
    Conversation,
    ConversationSummary,
    Event,
    FeedbackRow,
    Handoff,
    HandoffRequest,
    OutboxItem,
    SourceRow,
    Staff,
    StaffMember,
    StaffSession,
)
from .schema import LATEST
from .staff import MIN_PASSWORD, LoginThrottled, StaffMixin, hash_password, verify_password


class Store(ConversationsMixin, HandoffsMixin, OutboxMixin, StaffMixin, PrivacyMixin, Core):
    """Every table of the service, behind methods that return typed rows."""


class FlagReader:
    """The documents staff hid or promoted, as the engine's ``flags`` callable.

    Read at most every ``ttl`` seconds; while the database is down the last value read is kept
    (and nothing is hidden if it was never read), so questions are still answered."""

    def __init__(self, store: Store, ttl: float = 2.0) -> None:
        self.store, self.ttl = store, ttl
        self._value: tuple[set[str], set[str]] = (set(), set())
        self._at = float("-inf")
        self._lock = threading.Lock()

    def invalidate(self) -> None:
        self._at = float("-inf")

    def __call__(self) -> tuple[set[str], set[str]]:
        with self._lock:
            if time.monotonic() - self._at >= self.ttl:
                try:
                    flags = self.store.document_flags()
                except StoreUnavailable:
                    return self._value
                self._value = (
                    {d for d, f in flags.items() if f["state"] == "hidden"},
                    {d for d, f in flags.items() if f["state"] == "promoted"},
                )
                self._at = time.monotonic()
            return self._value


__all__ = [
    "CLOSED_STATUSES", "DELIVERY_LABELS", "DOCUMENT_FLAGS", "FEEDBACK_REASONS", "LATEST",
    "MAX_ATTEMPTS", "MIN_PASSWORD", "REVIEW_STATES", "SATISFACTION", "AnswerMail", "AnswerRow",
    "Conversation", "ConversationSummary", "Event", "FeedbackRow", "FlagReader", "Handoff",
    "HandoffRequest", "LoginThrottled", "OutboxItem", "SourceRow", "Staff", "StaffMember",
    "StaffSession", "Store", "StoreUnavailable", "days_unchanged", "e164", "hash_password",
    "needs_reminder", "paris_time", "utcnow", "verify_password",
]
