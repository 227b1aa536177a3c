"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1), shared by tests/handoff,
tests/web and tests/multiserver through the ``smtp`` fixture of conftest.py."""

from __future__ import annotations

import asyncio
import email
import email.policy
import threading
import time
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from pg import free_port

from assistant.handoff import Mailer


class Recorder:
    """aiosmtpd handler keeping every message it accepts."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], EmailMessage]] = []
        self.refuse: str | None = None  # a recipient this server says does not exist

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address == self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), msg))
        return "250 Message accepted for delivery"


class SmtpServer:
    """A local SMTP server on a port chosen now and started when asked (to test failures)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.recorder = Recorder()
        self.controller: Controller | None = None

    @property
    def received(self):
        return self.recorder.received

    @property
    def to_organisations(self):
        """The requests themselves, without the copies sent to the person."""
        return [m for m in self.received if m[2]["Subject"].startswith("Demande de mise")]

    @property
    def copies(self):
        return [m for m in self.received if m[2]["Subject"].startswith("Votre demande")]

    def start(self) -> None:
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def mailer(self, **kw) -> Mailer:
        return Mailer(
            host="127.0.0.1", port=self.port, sender="assistant@ess.example.org", timeout=5, **kw
        )


@dataclass
class Mail:
    rcpt: list[str]
    message: EmailMessage
    peer: str
    at: float

    @property
    def subject(self) -> str:
        return str(self.message["Subject"] or "")


class Mailbox:
    """A real SMTP server on a free port that keeps every message it receives.

    ``delay``: seconds between the end of a message's data and the server's "250 OK" (the
    message is kept first: a client killed meanwhile has handed it over, as with a real
    server that received the data but whose reply never arrived)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.messages: list[Mail] = []
        self._lock = threading.Lock()
        mailbox = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802
                msg = message_from_bytes(envelope.content, policy=policy.default)
                with mailbox._lock:
                    mailbox.messages.append(
                        Mail(list(envelope.rcpt_tos), msg, str(session.peer), time.time())
                    )
                if mailbox.delay:
                    await asyncio.sleep(mailbox.delay)
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def snapshot(self) -> list[Mail]:
        with self._lock:
            return list(self.messages)

    def stop(self) -> None:
        self.controller.stop()
