"""Handoff to an identified contact: the form (checked, drafted, registered), the e-mails, and
the worker that sends each one exactly once."""

from .form import Registered, delivery_for, draft_message, register, validate
from .mail import Mailer
from .worker import DeliveryReport, deliver_due

__all__ = [
    "DeliveryReport", "Mailer", "Registered", "deliver_due", "delivery_for", "draft_message",
    "register", "validate",
]
