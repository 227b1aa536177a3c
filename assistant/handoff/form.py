"""The handoff form: check what the person typed, draft a first message, register the request
(stored, or spooled to disk when the database is down: never lost)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..answer import Answer, ContactCard
from ..db import HandoffRequest, Store, StoreUnavailable
from ..db.phones import e164
from ..understand import Profile

EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")
MAX_MESSAGE = 5000


def validate(
    form: dict, card: dict, conversation_id: str | None, answer_id: int | None
) -> tuple[HandoffRequest | None, dict[str, str]]:
    """Check what the person typed; errors are French, keyed by field. The phone number is
    stored in E.164 ("+33612345678"), whatever the spelling typed."""
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
    number = e164(phone) if phone else None
    if phone and (number is None or re.search(r"[^\d\s+().-]", phone)):
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
            person_phone=number,
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
    from ..answer import understood

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


def delivery_for(card: dict, mailer) -> str:
    """How this request will reach the organisation: ``pending`` (e-mailed by the worker) or
    ``manual`` (no address: staff forward it)."""
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
    from ..db.phones import readable

    back = " et ".join(x for x in (req.person_email, readable(req.person_phone)) if x)
    text = f"Votre demande n° {number} est enregistrée. {how} La réponse vous parviendra à {back}."
    if copy and delivery == "pending" and req.person_email:
        text += " Vous recevrez une copie de votre message par e-mail dès son envoi."
    return Registered(number, False, text)
