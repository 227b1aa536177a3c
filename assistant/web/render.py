"""Plain functions that turn an Answer into what the chat shows (tested without a browser)."""

from __future__ import annotations

from ..answer import Answer, ContactCard, Source
from ..language.territory import gazetteer

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
    from ..language.profile import place_label

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


def channel_text(card: ContactCard, delivery: str, can_mail: bool = True) -> str:
    """How a handoff request will reach the organisation, said before the person sends it.
    ``can_mail``: whether this service sends e-mails at all (an SMTP server is configured)."""
    org = card.organisation or "l'organisation"
    if delivery == "pending" and card.email:
        return f"Votre demande sera transmise par e-mail à {org} ({card.email})."
    if delivery == "pending":
        return f"Votre demande sera transmise par e-mail à {org}."
    if card.email and not can_mail:
        return (f"Ce service n'envoie pas d'e-mails lui-même : l'équipe d'accompagnement "
                f"transmettra votre demande à {org} ({card.email}).")
    other = " · ".join(x for x in (card.phone, card.url) if x)
    return (
        f"Nos sources ne donnent pas d'adresse e-mail pour {org} : l'équipe d'accompagnement "
        "lui transmettra votre demande" + (f" (contact public : {other})." if other else ".")
    )


# -- the answer as plain text (copy button, e-mail) and for screen readers ----------------------

KIND_FR = {
    "organisation": "structure d'accompagnement",
    "call": "appel, aide ou financement",
    "guide": "guide",
}


def strip_markdown(text: str) -> str:
    """The answer's Markdown as a person reads it: no asterisks nor underscores; links as
    "text (address)". The [n] markers stay (the source list says what they are)."""
    import re

    text = re.sub(r"\[([^\]]+)\]\((https?://[^)\s]+)\)", r"\1 (\2)", text)
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"(?m)(^|\s)_(\S(?:.*?\S)?)_(?=\s|$|[.,;:!?])", r"\1\2", text)
    return text.strip()


def _get(obj, *names, default=None):
    """A field of a Source, a SourceRow or a dict (the engine's, the database's, JSON)."""
    for name in names:
        value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        if value is not None:
            return value
    return default


def source_lines(sources) -> list[str]:
    """"[1], [3] Title — https://…": one line per cited document, its markers together."""
    by_doc: dict[str, list] = {}
    for s in sources:
        by_doc.setdefault(_get(s, "doc_id", "id", default=_get(s, "title")), []).append(s)
    lines = []
    for group in by_doc.values():
        marks = ", ".join(f"[{_get(s, 'n')}]" for s in group)
        first = group[0]
        url = next((_get(s, "url") for s in group if _get(s, "url")), None)
        lines.append(f"{marks} {_get(first, 'title', default='')}" + (f" — {url}" if url else ""))
    return lines


def contact_lines(contacts) -> list[str]:
    lines = []
    for c in contacts:
        reach = " · ".join(x for x in (_get(c, "email"), _get(c, "phone"), _get(c, "url")) if x)
        who = _get(c, "organisation", default="") or ""
        role = _get(c, "role")
        lines.append(f"- {who}" + (f" ({role})" if role else "") + (f" : {reach}" if reach else ""))
    return lines


def plain_answer(question: str | None, text: str, sources, contacts) -> str:
    """The answer as plain text, with what its [n] markers are and whom to contact: what the
    copy button copies and what "M'envoyer cette réponse" sends."""
    parts = []
    if question:
        parts.append(f"Votre question : {question}")
    parts.append(strip_markdown(text))
    sources, contacts = list(sources or ()), list(contacts or ())
    if sources:
        parts.append("Sources :\n" + "\n".join(source_lines(sources)))
    if contacts and "À contacter" not in text:
        parts.append("À contacter :\n" + "\n".join(contact_lines(contacts)))
    return "\n\n".join(parts)


def marker_labels(sources) -> dict[str, str]:
    """What a screen reader says for each [n] chip: "source 1 : <title>"."""
    return {f"[{_get(s, 'n')}]": f"source {_get(s, 'n')} : {_get(s, 'title', default='')}"
            for s in sources}


def answer_html(text: str, anchor: str = "") -> str:
    """The answer's Markdown as safe HTML, for the staff pages to show it as the person saw it:
    everything escaped first, then bold, italics, lists, paragraphs and line breaks; each [n] a
    link to the cited passage (``#<anchor>-n``) when ``anchor`` is given."""
    import html
    import re

    def inline(line: str) -> str:
        s = html.escape(line, quote=True)
        s = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", s)
        s = re.sub(r"(^|\s)_(\S(?:.*?\S)?)_(?=\s|$|[.,;:!?])", r"\1<em>\2</em>", s)
        if anchor:
            s = re.sub(r"\[(\d+)\]", rf'<a class="marker" href="#{anchor}-\1" '
                       r'aria-label="source \1">[\1]</a>', s)
        return s

    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        if all(ln.startswith("- ") for ln in lines):
            items = "".join(f"<li>{inline(ln[2:])}</li>" for ln in lines)
            blocks.append(f"<ul>{items}</ul>")
            continue
        out, items = [], []
        for ln in lines:
            if ln.startswith("- "):
                items.append(f"<li>{inline(ln[2:])}</li>")
                continue
            if items:
                out.append(f"<ul>{''.join(items)}</ul>")
                items = []
            out.append(inline(ln) + "<br>")
        if items:
            out.append(f"<ul>{''.join(items)}</ul>")
        html_block = "".join(out).replace("<br><ul>", "<ul>")
        if html_block.endswith("<br>"):
            html_block = html_block[:-4]
        blocks.append(f'<div class="para">{html_block}</div>')
    return "\n".join(blocks)


def answer_mail(row) -> tuple[str, str]:
    """Subject and body of an answer sent by e-mail: the answer as plain text, its sources
    (titles and links) and whom to contact."""
    import json

    try:
        contacts = json.loads(row["contacts"] or "[]")
    except ValueError:
        contacts = []
    question = row["question"] or ""
    short = question if len(question) <= 70 else question[:67].rstrip() + "…"
    subject = f"Votre réponse de l'assistant ESS : « {short} »"
    body = "\n\n".join([
        "Bonjour,",
        "Voici la réponse que vous avez demandé à recevoir, avec ses sources.",
        plain_answer(question, row["answer"] or "", row["sources"], contacts),
        "Cet e-mail vous est envoyé à votre demande par l'assistant des entrepreneurs sociaux ; "
        "votre adresse ne sert qu'à cet envoi. Les informations viennent des sources citées : "
        "vérifiez les dates et conditions auprès de chaque organisation.",
    ])
    return subject, body
