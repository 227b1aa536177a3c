"""Plain functions that turn an Answer into what the chat shows (tested without a browser)."""

from __future__ import annotations

from ..answer import Answer, ContactCard, Source
from ..territory import gazetteer

STATUS_FR = {
    "open": "ouvert",
    "closed": "clôturé",
    "upcoming": "à venir",
    "permanent": "permanent",
    "unknown": "dates inconnues",
}


def element_name(source: Source) -> str:
    return f"[{source.n}]"


def passage_card(source: Source) -> str:
    """The side panel of a citation: the exact passage and where it comes from."""
    g = gazetteer()
    where = ", ".join(g.label(t) for t in source.territories) or "—"
    lines = [
        f"### {source.title}",
        f"**Organisation :** {source.organisation or '—'}  ",
        f"**Territoire :** {where}  ",
    ]
    if source.kind == "call":
        deadline = source.deadline or "non communiquée"
        lines.append(
            f"**Date limite :** {deadline} ({STATUS_FR.get(source.status, source.status)})  "
        )
    if source.headings:
        lines.append(f"**Passage :** {' > '.join(source.headings)}")
    lines += ["", "> " + source.passage.replace("\n", "\n> "), ""]
    if source.url:
        lines.append(f"[Voir la page source]({source.url})")
    if source.last_checked:
        lines.append(f"_Vérifié le {source.last_checked}._")
    return "\n".join(lines)


def retrieval_summary(answer: Answer) -> str:
    if not answer.sources:
        return "Aucun passage assez pertinent."
    seen, lines = set(), []
    for s in answer.sources:
        if s.id in seen:
            continue
        seen.add(s.id)
        lines.append(f"- {s.title} ({s.kind}, {STATUS_FR.get(s.status, s.status)})")
    return "\n".join(lines)


NEED_CHOICES = ("Un financement", "Un accompagnement", "Un réseau", "Des locaux")


def reply_choices(answer: Answer) -> list[str]:
    """Replies offered as buttons when the assistant asks back and the choices are few."""
    from ..understand import place_label

    p = answer.profile
    if answer.clarification is None:
        return []
    if p.territory_candidates and len(p.territory_candidates) <= 8:
        return [place_label(c) for c in p.territory_candidates]
    if answer.clarification.startswith("Où se situe"):
        return ["Partout en France"]
    if answer.clarification.startswith("Que cherchez-vous"):
        return list(NEED_CHOICES)
    return []


REFINE_PROMPT = (
    "Votre projet est-il dans un département précis ? Choisissez-le pour ajouter les aides et "
    "les contacts de ce département :"
)


def refine_choices(answer: Answer) -> list[str]:
    """After an answer for a whole region, its departments as buttons: départements and local
    networks fund and advise too, and a click narrows the same question to one of them."""
    p = answer.profile
    # offered whether or not something was found for the whole region: narrowing to a
    # department is then what brings up its local bodies
    if answer.clarification is not None:
        return []
    if not (p.territory or "").startswith("REG:"):
        return []
    g = gazetteer()
    departments = g.departments_of(p.territory)
    return [g.label(d) for d in departments] if len(departments) > 1 else []


def channel_text(card: ContactCard, delivery: str) -> str:
    """How a handoff request will reach the organisation, said before the person sends it."""
    org = card.organisation or "l'organisation"
    if delivery == "pending" and card.email:
        return f"Votre demande sera transmise par e-mail à {org} ({card.email})."
    if delivery == "pending":
        return f"Votre demande sera transmise par e-mail à {org}."
    other = " · ".join(x for x in (card.phone, card.url) if x)
    return (
        f"Nos sources ne donnent pas d'adresse e-mail pour {org} : l'équipe d'accompagnement "
        "lui transmettra votre demande" + (f" (contact public : {other})." if other else ".")
    )
