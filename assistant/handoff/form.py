"""The handoff form: check what the person typed, draft a first message, register the request
(stored, or spooled to disk when the database is down: never lost)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..answer import Answer, ContactCard
from ..db import HandoffRequest, Store, StoreUnavailable
from ..db.phones import e164
from ..language.profile import Profile

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


#: needs and themes with their article, for sentences ("Je cherche un prêt d'honneur")
NEED_PHRASES = {
    "subvention": "une subvention", "pret": "un prêt", "pret_honneur": "un prêt d'honneur",
    "garantie": "une garantie de prêt", "investissement": "un investissement en fonds propres",
    "prix": "un prix ou un concours", "accompagnement": "un accompagnement",
    "incubation": "une place en incubateur", "acceleration": "un programme d'accélération",
    "formation": "une formation", "mise_en_reseau": "une mise en réseau", "locaux": "des locaux",
    "information": "des informations et une orientation",
}
THEME_PHRASES = {
    "mobilite": "la mobilité", "alimentation": "l'alimentation", "agriculture": "l'agriculture",
    "insertion_emploi": "l'insertion et l'emploi", "logement": "le logement",
    "handicap": "le handicap", "sante": "la santé",
    "education_jeunesse": "l'éducation et la jeunesse", "environnement": "l'environnement",
    "economie_circulaire": "l'économie circulaire", "energie": "l'énergie",
    "culture": "la culture", "numerique": "le numérique",
    "cohesion_sociale": "la cohésion sociale", "ruralite": "la ruralité",
    "quartiers_prioritaires": "les quartiers prioritaires", "egalite": "l'égalité",
    "vieillissement": "le vieillissement",
}
WHO_PHRASES = {
    "porteur_projet": "Je porte un projet, sans structure créée pour l'instant",
    "association": "Je porte un projet associatif",
    "cooperative": "Je porte un projet coopératif (SCOP, SCIC ou CAE)",
    "entreprise_esus": "Je porte le projet d'une entreprise de l'économie sociale et solidaire",
    "entreprise": "Je porte un projet d'entreprise",
    "structure_insertion": "Je porte le projet d'une structure d'insertion par l'activité "
                           "économique",
    "collectivite": "Je porte un projet de collectivité",
}
STAGE_SENTENCES = {
    "idee": "Il en est au stade de l'idée.",
    "creation": "Il est en cours de création.",
    "developpement": "Il est déjà lancé et se développe.",
    "changement_echelle": "Il fonctionne et je cherche à changer d'échelle.",
}
FINANCING = ("subvention", "pret", "pret_honneur", "garantie", "investissement", "prix")
CLOSING = "Bien cordialement,"


def _french_list(parts: list[str]) -> str:
    parts = [p for p in dict.fromkeys(parts) if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " et " + parts[-1]


def _where(profile: Profile) -> str:
    """ "à Rennes (35)", "dans le département Loire (42)", "en région Bretagne"."""
    from ..language.profile import place_label
    from ..language.territory import gazetteer

    code = profile.territory or ""
    label = profile.territory_label or (gazetteer().label(code) if code else "")
    if code.startswith("COM:") or code.startswith("ARM:"):
        return f"à {label}"
    if code.startswith("DEP:"):
        return f"dans le département {label}"
    if code.startswith("REG:"):
        return f"en région {label}"
    if label:
        return f"sur le territoire {label}"
    if profile.places:
        return "à " + _french_list([place_label(c) for c in profile.places])
    if profile.nationwide:
        return "à l'échelle nationale"
    return ""


def project_sentences(profile: Profile | None, turns: list[Answer]) -> list[str]:
    """Two or three plain sentences on the project, written from what the conversation
    understood (place, structure, themes, stage, needs), never the questions pasted."""
    p = profile or Profile()
    who = WHO_PHRASES.get(p.planned or p.audience or "", "Je porte un projet à impact social")
    if p.planned and p.planned != p.audience:
        who = who.replace("Je porte", "Je prépare")
    themes = [THEME_PHRASES.get(t, t) for t in p.themes]
    first = who + (f" autour de {_french_list(themes)}" if themes else "")
    where = _where(p)
    first += (f", {where}" if where else "") + "."
    sentences = [first]
    if p.stage in STAGE_SENTENCES:
        sentences.append(STAGE_SENTENCES[p.stage])
    needs = [NEED_PHRASES.get(n, n) for n in p.needs]
    if p.hiring:
        needs.append("un appui pour recruter")
    if needs:
        sentences.append(f"Je cherche {_french_list(needs)}.")
    # the other places asked about in the conversation, said rather than pasted
    others = []
    for t in turns:
        label = t.profile.territory_label if t.profile else None
        if label and label != p.territory_label and label not in others:
            others.append(label)
    if others:
        sentences.append(f"J'ai aussi regardé du côté de : {_french_list(others)}.")
    return sentences


def _why(card: ContactCard, turns: list[Answer]) -> tuple[str | None, str | None, list[str]]:
    """The cited source that brought this organisation up (title, address) and what in the
    project it matched, from the last answer that cited its document."""
    for t in reversed(turns):
        cited = [s for s in t.sources if s.id == card.document]
        if not cited:
            continue
        first = next((s for s in cited if s.n == card.source), cited[0])
        url = next((s.url for s in cited if s.url), None)
        met: list[str] = []
        for piste in t.pistes or ():
            if piste.get("id") == card.document:
                met = [str(m) for m in piste.get("met") or ()]
        return first.title, url, met
    return None, None, []


def draft_message(card: ContactCard, turns: list[Answer], profile: Profile | None) -> str:
    """A first message a person would send: a greeting, the project in two or three plain
    sentences, what is asked of this organisation and why it was suggested (with its cited
    source), a closing. The person's name and how to reach them follow as a signature, added by the
    form as they type them (HandoffForm.jsx). The person edits it."""
    org = card.organisation or "votre structure"
    greeting = f"Bonjour {card.name}," if card.name else "Bonjour,"
    # the project as it was when this organisation was suggested (the conversation may have
    # moved to another place since)
    cited = [t for t in turns if any(s.id == card.document for s in t.sources)]
    if cited and cited[-1].profile is not None:
        profile = cited[-1].profile
    lines = [greeting, "", " ".join(project_sentences(profile, turns)), ""]
    title, url, met = _why(card, turns)
    why = "Je vous écris sur le conseil de l'assistant des entrepreneurs sociaux"
    if title:
        why += (f", qui m'a suggéré {org}" + (f" pour ce projet ({_french_list(met)})" if met
                                               else "")
                + f" en citant « {title} »" + (f" ({url})." if url else "."))
    else:
        why += "."
    needs = (profile.needs if profile else ()) or ()
    if any(n in FINANCING for n in needs):
        ask = (f"Mon projet peut-il être soutenu par {org} ? Si oui, comment déposer une "
               "demande, et quels documents faut-il préparer ?")
    else:
        ask = (f"Mon projet correspond-il à ce que propose {org} ? Si oui, quelle est la "
               "prochaine étape pour être accompagné ?")
    lines += [why + " " + ask, "", "Je vous remercie par avance de votre réponse.", "", CLOSING]
    return "\n".join(lines)


def delivery_for(card: dict, mailer) -> str:
    """How this request will reach the organisation: ``pending`` (e-mailed by the worker) or
    ``manual`` (no address: staff forward it)."""
    if mailer is None:
        return "pending" if card.get("email") else "manual"
    if not (card.get("email") or mailer.redirect):
        return "manual"
    return "pending"


def reply_text(req: HandoffRequest) -> str:
    """ "X vous répondra par e-mail (a@b.fr) ou par téléphone (06 12 34 56 78)." """
    from ..db.phones import readable

    ways = []
    if req.person_email:
        ways.append(f"par e-mail ({req.person_email})")
    if req.person_phone:
        ways.append(f"par téléphone ({readable(req.person_phone)})")
    return f"{req.organisation} vous répondra {' ou '.join(ways)}." if ways else ""


def sent_text(number: int, req: HandoffRequest, copy: bool = False) -> str:
    """Once the worker has sent it: said as done, not as planned."""
    where = f" ({req.contact_email})" if req.contact_email else ""
    text = (f"Votre demande n° {number} a été envoyée par e-mail à {req.organisation}{where}. "
            f"{reply_text(req)}")
    if copy and req.person_email:
        text += " Une copie de votre message vous est envoyée par e-mail."
    return text


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
    org = req.organisation
    if delivery == "pending":
        text = (f"Votre demande n° {number} est enregistrée : elle part par e-mail à {org} dans "
                f"quelques instants. {reply_text(req)}")
    else:
        text = (f"Votre demande n° {number} est enregistrée. L'équipe d'accompagnement la "
                f"transmettra à {org}. {reply_text(req)}")
    if copy and delivery == "pending" and req.person_email:
        text += " Vous recevrez une copie de votre message par e-mail dès son envoi."
    return Registered(number, False, text)
