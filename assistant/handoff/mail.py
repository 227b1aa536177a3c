"""Sending e-mails: the request to the organisation, the person's copy, the follow-up question
and answers people asked to receive. SMTP settings come from :mod:`assistant.settings`
(``ASSISTANT_SMTP_HOST``, ``_PORT``, ``_USER``, ``_PASSWORD``, ``_SECURITY``;
``ASSISTANT_MAIL_FROM``, ``_CC``, ``_REDIRECT`` (every e-mail to this address instead: staging),
``_ACK``)."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from ..db import AnswerMail, Handoff, paris_time
from ..db.phones import readable
from ..settings import Settings, load, settings


def request_text(h: Handoff) -> tuple[str, str]:
    """Subject and body of a request to an organisation: what the worker e-mails, and what staff
    copy or open in their own mail program when they forward a request by hand."""
    contact = " ; ".join(x for x in (h.get("person_email"), readable(h.get("person_phone"))) if x)
    header = [
        f"Demande n° {h['id']} transmise par l'assistant des entrepreneurs sociaux.",
        f"De : {h['person_name']} ({contact})",
        f"Pour : {h['organisation']}"
        + (f" — {h['contact_role']}" if h.get("contact_role") else ""),
        "Accord de la personne pour transmettre ses coordonnées : "
        f"{paris_time(h['consent_at']):%d/%m/%Y %H:%M} (heure de Paris)",
    ]
    subject = f"Demande de mise en relation n° {h['id']} — {h['person_name']}"
    return subject, "\n".join(header) + "\n\n" + "-" * 60 + "\n\n" + h["message"]


@dataclass(frozen=True)
class Mailer:
    host: str
    port: int = 25
    user: str | None = None
    password: str | None = None
    security: str = "none"
    sender: str = "assistant@localhost"
    cc: str | None = None
    redirect: str | None = None
    ack: bool = True  # a copy to the person once the organisation has been sent the request
    timeout: float = 15.0

    @classmethod
    def from_settings(cls, s: Settings | None = None) -> Mailer | None:
        """The mailer the settings describe; None without ``ASSISTANT_SMTP_HOST`` (requests are
        then stored and staff forward them by hand)."""
        s = s or settings()
        if not s.smtp_host:
            return None
        return cls(
            host=s.smtp_host,
            port=s.smtp_port or (465 if s.smtp_security == "ssl" else 25),
            user=s.smtp_user or None,
            password=s.smtp_password.get_secret_value() if s.smtp_password else None,
            security=s.smtp_security,
            sender=s.mail_from or "assistant@localhost",
            cc=s.mail_cc or None,
            redirect=s.mail_redirect or None,
            ack=s.mail_ack_on,
        )

    @classmethod
    def from_env(cls, env: dict | None = None) -> Mailer | None:
        """The mailer of these environment variables (a UsageError names a bad one)."""
        return cls.from_settings(load(env))

    def _message(self, to: str, subject: str) -> EmailMessage:
        """From, To (the redirect address instead, when set), Subject and Message-ID."""
        msg = EmailMessage()
        msg["From"] = formataddr(("Assistant ESS", self.sender))
        msg["To"] = self.redirect or to
        msg["Subject"] = subject
        msg["Message-ID"] = make_msgid(domain=self.sender.split("@")[-1] or "localhost")
        return msg

    def _redirect_note(self, intended: str | None) -> list[str]:
        """The line that names whom a redirected e-mail was meant for (nothing otherwise)."""
        if not self.redirect:
            return []
        return [f"(Envoi redirigé ; destinataire prévu : {intended or '—'})"]

    def build(self, h: Handoff) -> EmailMessage:
        subject, body = request_text(h)
        msg = self._message(h["contact_email"], subject)
        if self.cc:
            msg["Cc"] = self.cc
        if h.get("person_email"):
            msg["Reply-To"] = formataddr((h["person_name"], h["person_email"]))
        note = self._redirect_note(h.get("contact_email"))
        if note:
            head, sep, rest = body.partition("\n\n")
            body = head + "\n" + "\n".join(note) + sep + rest
        msg.set_content(body + "\n")
        return msg

    def build_ack(self, h: Handoff) -> EmailMessage | None:
        """The person's copy, sent once the organisation has the request: who has it, what was
        sent, and that a reply to this e-mail reaches the organisation. None without an e-mail."""
        if not (self.ack and h.get("person_email")):
            return None
        org = h["organisation"]
        msg = self._message(formataddr((h["person_name"], h["person_email"])),
                            f"Votre demande n° {h['id']} a été transmise à {org}")
        if h.get("contact_email") and not self.redirect:
            msg["Reply-To"] = h["contact_email"]
        where = f" ({h['contact_email']})" if h.get("contact_email") else ""
        back = " ou au ".join(
            x for x in (h.get("person_email"), readable(h.get("person_phone"))) if x
        )
        lines = [
            f"Bonjour {h['person_name']},",
            "",
            f"Votre demande de mise en relation n° {h['id']} a été transmise par e-mail à "
            f"{org}{where}. L'organisation vous répondra directement, à {back}.",
        ]
        if h.get("contact_email") and not self.redirect:
            lines.append("Pour compléter votre demande, répondez à cet e-mail : votre réponse ira "
                         f"à {org}.")
        lines += [
            "",
            "Vos coordonnées ont été transmises avec votre accord du "
            f"{paris_time(h['consent_at']):%d/%m/%Y à %H:%M} (heure de Paris).",
        ]
        lines += self._redirect_note(h["person_email"])
        lines += ["", "Le message transmis :", "-" * 60, "", h["message"]]
        msg.set_content("\n".join(lines) + "\n")
        return msg

    def build_followup(self, h: Handoff, link: str) -> EmailMessage:
        """Once staff mark a request done: did it help? One click on the link answers."""
        org = h["organisation"]
        msg = self._message(formataddr((h["person_name"], h["person_email"])),
                            f"Votre demande n° {h['id']} auprès de {org} : avez-vous été aidé·e ?")
        lines = [
            f"Bonjour {h['person_name']},",
            "",
            f"Votre demande de mise en relation n° {h['id']} avec {org} est indiquée comme "
            "terminée. Avez-vous obtenu l'aide que vous cherchiez ?",
            "",
            f"Répondez en un clic : {link}",
            "",
            "Votre réponse est lue par l'équipe d'accompagnement : elle l'aide à mieux orienter "
            "les prochaines demandes. Si vous attendez toujours une réponse, dites-le : l'équipe "
            "relancera l'organisation.",
        ]
        lines += self._redirect_note(h["person_email"])
        msg.set_content("\n".join(lines) + "\n")
        return msg

    def build_answer(self, mail: AnswerMail) -> EmailMessage:
        """An answer the person asked to receive ("M'envoyer cette réponse")."""
        msg = self._message(mail.email, mail.subject or "Votre réponse de l'assistant ESS")
        lines = [mail.body or ""]
        lines += self._redirect_note(mail.email)
        msg.set_content("\n".join(lines) + "\n")
        return msg

    def send(self, msg: EmailMessage) -> None:
        if self.security == "ssl":
            ctx = ssl.create_default_context()
            server: smtplib.SMTP = smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=ctx
            )
        else:
            server = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        with server:
            if self.security == "starttls":
                server.starttls(context=ssl.create_default_context())
            if self.user:
                server.login(self.user, self.password or "")
            server.send_message(msg)
