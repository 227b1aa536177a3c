"""Handoff to an identified contact: check the form, draft the message, store, send, retry.

The request is stored before the person is told it is registered (or, when the database is down,
written to the spool folder and imported later). Sending is a separate step, run by the chat
server's background worker and by ``assistant handoffs deliver``: a failed attempt leaves the
request stored with its error and a next attempt time (backoff), so nothing is lost.

SMTP settings (environment):

- ``ASSISTANT_SMTP_HOST`` (no host: requests are stored and staff forward them by hand),
  ``ASSISTANT_SMTP_PORT`` (25), ``ASSISTANT_SMTP_USER`` / ``ASSISTANT_SMTP_PASSWORD``,
  ``ASSISTANT_SMTP_SECURITY`` (``none``, ``starttls`` or ``ssl``);
- ``ASSISTANT_MAIL_FROM`` (sender address), ``ASSISTANT_MAIL_CC`` (a support-staff copy),
  ``ASSISTANT_MAIL_REDIRECT`` (send every request to this address instead of the organisation:
  for staging, or while the organisations' addresses are being checked).
"""

from __future__ import annotations

import os
import re
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from .answer import Answer, ContactCard
from .errors import UsageError
from .store import (
    HandoffRequest,
    Store,
    StoreUnavailable,
    normalize_phone,
    paris_time,
    utcnow,
)
from .understand import Profile

EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")
MAX_MESSAGE = 5000
MAX_ATTEMPTS = 8
OFF = ("0", "no", "non", "false", "off")  # ASSISTANT_MAIL_ACK values that turn it off


# -- the form -------------------------------------------------------------------------------


def validate(
    form: dict, card: dict, conversation_id: str | None, answer_id: int | None
) -> tuple[HandoffRequest | None, dict[str, str]]:
    """Check what the person typed; errors are French, keyed by field."""
    errors: dict[str, str] = {}
    name = " ".join(str(form.get("name") or "").split())
    email = str(form.get("email") or "").strip()
    phone = str(form.get("phone") or "").strip()
    message = str(form.get("message") or "").strip()
    if not name:
        errors["name"] = "Indiquez votre nom (ou au moins votre prénom)."
    elif len(name) > 120:
        errors["name"] = "Le nom est trop long (120 caractères au plus)."
    if not email and not phone:
        errors["email"] = (
            "Indiquez une adresse e-mail ou un numéro de téléphone pour être recontacté."
        )
    if email and not EMAIL_RE.match(email):
        errors["email"] = "Cette adresse e-mail ne semble pas valide (exemple : prenom@exemple.fr)."
    digits = normalize_phone(phone) if phone else ""
    bad_chars = re.search(r"[^\d\s+().-]", phone)
    if phone and (bad_chars or not 8 <= len(digits.lstrip("+")) <= 15):
        errors["phone"] = "Ce numéro de téléphone ne semble pas valide (exemple : 06 12 34 56 78)."
    if len(message) < 20:
        errors["message"] = (
            "Le message est trop court : dites en quelques phrases ce que vous attendez."
        )
    elif len(message) > MAX_MESSAGE:
        errors["message"] = f"Le message est trop long ({MAX_MESSAGE} caractères au plus)."
    if form.get("consent") is not True:
        errors["consent"] = (
            "Sans votre accord, je ne peux pas transmettre vos coordonnées : cochez la case."
        )
    organisation = str(card.get("organisation") or "").strip()
    if not organisation:
        errors["_form"] = "Organisation inconnue : relancez la mise en relation depuis la réponse."
    if errors:
        return None, errors
    key = str(form.get("request_key") or "")
    extra = {"request_key": key} if re.fullmatch(r"[0-9a-f-]{36}", key) else {}
    return (
        HandoffRequest(
            organisation=organisation,
            message=message,
            person_name=name,
            person_email=email or None,
            person_phone=digits or None,
            doc_id=card.get("document"),
            contact_role=card.get("role"),
            contact_email=card.get("email"),
            contact_phone=card.get("phone"),
            contact_url=card.get("url"),
            conversation_id=conversation_id,
            answer_id=answer_id,
            **extra,
        ),
        {},
    )


def draft_message(card: ContactCard, turns: list[Answer], profile: Profile | None) -> str:
    """A first message for the organisation: the project as understood, the questions asked,
    and the sources the assistant cited about this organisation. The person edits it."""
    from .answer import understood

    lines = ["Bonjour,", ""]
    what = understood(profile) if profile else ""
    lines.append(
        f"Je vous contacte au sujet de mon projet ({what})."
        if what
        else "Je vous contacte au sujet de mon projet."
    )
    questions = [t.question for t in turns][-3:]
    if questions:
        lines += ["", "Mes questions :"] + [f"- {q}" for q in questions]
    sources = []
    for t in turns:
        for s in t.sources:
            if s.id == card.document and s.url and s.url not in sources:
                sources.append(s.url)
    org = card.organisation or "votre structure"
    lines += [
        "",
        f"D'après les informations publiques consultées, {org} pourrait m'aider. "
        "Pourriez-vous me dire si mon projet correspond à ce que vous proposez, "
        "et quelle est la prochaine étape ?",
    ]
    if sources:
        lines += ["", "Sources consultées :"] + [f"- {u}" for u in sources]
    lines += ["", "Merci d'avance,"]
    return "\n".join(lines)


def delivery_for(card: dict, mailer: Mailer | None) -> str:
    """How this request will reach the organisation."""
    if mailer is None:
        return "pending" if card.get("email") else "manual"
    if not (card.get("email") or mailer.redirect):
        return "manual"
    return "pending"


@dataclass(frozen=True)
class Registered:
    """What the person is told after submitting."""

    number: int | None
    spooled: bool
    text: str


def register(
    store: Store, req: HandoffRequest, delivery: str, copy: bool = False
) -> Registered:
    """Store the request; if the database is down, spool it. Raises only if both fail.
    ``copy``: the person will get a copy by e-mail once it is sent (said when they gave one)."""
    try:
        number = store.create_handoff(req, delivery)
    except StoreUnavailable:
        store.spool(req, delivery)
        return Registered(
            None,
            True,
            "La base de données est momentanément indisponible, mais votre demande est conservée "
            "sur le serveur : elle sera enregistrée et transmise dès son retour. Vous n'avez rien "
            "à refaire.",
        )
    how = {
        "pending": f"Elle va être transmise par e-mail à {req.organisation}.",
        "manual": f"L'équipe d'accompagnement la transmettra à {req.organisation}.",
    }[delivery]
    back = " et ".join(x for x in (req.person_email, req.person_phone) if x)
    text = f"Votre demande n° {number} est enregistrée. {how} La réponse vous parviendra à {back}."
    if copy and delivery == "pending" and req.person_email:
        text += " Vous recevrez une copie de votre message par e-mail dès son envoi."
    return Registered(number, False, text)


# -- sending --------------------------------------------------------------------------------


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
    def from_env(cls, env: dict | None = None) -> Mailer | None:
        env = os.environ if env is None else env
        host = env.get("ASSISTANT_SMTP_HOST")
        if not host:
            return None
        security = env.get("ASSISTANT_SMTP_SECURITY", "none").strip().lower()
        if security not in ("none", "starttls", "ssl"):
            raise UsageError(
                f"ASSISTANT_SMTP_SECURITY={security!r}: must be none, starttls or ssl."
            )
        port = env.get("ASSISTANT_SMTP_PORT", "465" if security == "ssl" else "25").strip()
        if not (port.isdigit() and 0 < int(port) < 65536):
            raise UsageError(f"ASSISTANT_SMTP_PORT={port!r}: must be a port number (1-65535).")
        for name in ("ASSISTANT_MAIL_FROM", "ASSISTANT_MAIL_CC", "ASSISTANT_MAIL_REDIRECT"):
            value = env.get(name)
            if value and not EMAIL_RE.match(value.strip()):
                raise UsageError(f"{name}={value!r} is not an e-mail address.")
        return cls(
            host=host,
            port=int(port),
            user=env.get("ASSISTANT_SMTP_USER") or None,
            password=env.get("ASSISTANT_SMTP_PASSWORD") or None,
            security=security,
            sender=env.get("ASSISTANT_MAIL_FROM", "assistant@localhost"),
            cc=env.get("ASSISTANT_MAIL_CC") or None,
            redirect=env.get("ASSISTANT_MAIL_REDIRECT") or None,
            ack=env.get("ASSISTANT_MAIL_ACK", "1").strip().lower() not in OFF,
        )

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

    def build(self, h: dict) -> EmailMessage:
        msg = self._message(
            h["contact_email"], f"Demande de mise en relation n° {h['id']} — {h['person_name']}"
        )
        if self.cc:
            msg["Cc"] = self.cc
        if h.get("person_email"):
            msg["Reply-To"] = formataddr((h["person_name"], h["person_email"]))
        contact = " ; ".join(x for x in (h.get("person_email"), h.get("person_phone")) if x)
        header = [
            f"Demande n° {h['id']} transmise par l'assistant des entrepreneurs sociaux.",
            f"De : {h['person_name']} ({contact})",
            f"Pour : {h['organisation']}"
            + (f" — {h['contact_role']}" if h.get("contact_role") else ""),
            "Accord de la personne pour transmettre ses coordonnées : "
            f"{paris_time(h['consent_at']):%d/%m/%Y %H:%M} (heure de Paris)",
        ]
        header += self._redirect_note(h.get("contact_email"))
        msg.set_content("\n".join(header) + "\n\n" + "-" * 60 + "\n\n" + h["message"] + "\n")
        return msg

    def build_ack(self, h: dict) -> EmailMessage | None:
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
        back = " ou au ".join(x for x in (h.get("person_email"), h.get("person_phone")) if x)
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

    def build_followup(self, h: dict, link: str) -> EmailMessage:
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


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8… minutes, at most 6 hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    gave_up: int = 0
    imported: int = 0
    acknowledged: int = 0
    followups: int = 0


def deliver_due(
    store: Store,
    mailer: Mailer | None,
    now: datetime | None = None,
    public_url: str | None = None,
) -> DeliveryReport:
    """Import spooled requests, then send every request whose attempt is due, then (with the
    chat's public address for the links) ask the people whose request is done whether it
    helped."""
    report = DeliveryReport()
    report.imported = len(store.flush_spool())
    if mailer is None:
        return report
    now = now or utcnow()
    for h in store.due_deliveries(now):
        if not (mailer.redirect or h.get("contact_email")):
            continue
        try:
            mailer.send(mailer.build(h))
        except (OSError, smtplib.SMTPException) as err:
            attempts = (h.get("attempts") or 0) + 1
            gave_up = attempts >= MAX_ATTEMPTS
            store.record_delivery(
                h["id"], False, f"{type(err).__name__}: {err}", now + backoff(attempts), gave_up
            )
            report.gave_up += gave_up
            report.failed += not gave_up
        else:
            store.record_delivery(h["id"], True)
            report.sent += 1
            report.acknowledged += _acknowledge(store, mailer, h)
    if public_url:
        for h in store.due_followups():
            link = f"{public_url.rstrip('/')}/suivi/{store.start_followup(h['id'])}"
            try:
                mailer.send(mailer.build_followup(h, link))
            except (OSError, smtplib.SMTPException) as err:
                store.record_followup(h["id"], False, f"{type(err).__name__}: {err}")
            else:
                store.record_followup(h["id"], True)
                report.followups += 1
    return report


def _acknowledge(store: Store, mailer: Mailer, h: dict) -> bool:
    """Send the person's copy; a failure is only noted: the organisation has the request, and
    the person was told on screen that it is registered."""
    ack = mailer.build_ack(h)
    if ack is None:
        return False
    try:
        mailer.send(ack)
    except (OSError, smtplib.SMTPException) as err:
        store.log_event(h["id"], "envoi", "delivery",
                        f"copie à la personne non envoyée : {type(err).__name__}: {err}")
        return False
    store.log_event(h["id"], "envoi", "delivery", "copie envoyée à la personne")
    return True
