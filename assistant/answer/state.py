"""What a conversation's turn changed, said to the person; what they turned down.

The question reader records each change to the conversation's state as a
:class:`~assistant.language.profile.Change`; the answer says them in its "J'ai compris" line,
so that a correction that was applied (or a name that was not taken for a place) can be seen and
fixed.
"""

from __future__ import annotations

from ..corpus.documents import Document
from ..language import vocab
from ..language.profile import Change, Profile, place_label
from ..language.territory import gazetteer

FIELD_LABELS = {"place": "lieu", "need": "besoin", "form": "forme juridique prévue",
                "audience": "structure", "stage": "stade", "theme": "thème"}


def value_label(field: str, value: str | None) -> str:
    """How a value of the state reads in French."""
    if value is None:
        return ""
    if field == "place":
        return "toute la France" if value == "FR" else place_label(value)
    if field == "need":
        return vocab.NEEDS.get(value, "financement")
    if field == "theme":
        return vocab.THEMES.get(value, value)
    if field in ("audience", "form"):
        return vocab.AUDIENCES.get(value, value)
    if field == "stage":
        return vocab.STAGES.get(value, value)
    return value


def said_changes(profile: Profile) -> str:
    """ "lieu corrigé : Vienne (38) au lieu de Lyon (69) ; besoin ajouté : prêt ; nouveau sujet,
    je laisse de côté : prêt, stade idée ; je suppose : accompagnement" (empty when nothing
    changed)."""
    parts: list[str] = []
    by_op: dict[str, list[Change]] = {}
    for c in profile.changes:
        by_op.setdefault(c.op, []).append(c)
    for c in by_op.get("replace", []):
        if c.value is not None:
            old = f" au lieu de {value_label(c.field, c.old)}" if c.old else ""
            parts.append(f"{FIELD_LABELS[c.field]} corrigé : {value_label(c.field, c.value)}{old}")
    for c in by_op.get("same", []):
        parts.append(f"même lieu : {value_label('place', c.value)}, les structures qui le "
                     "couvrent ne changent pas")
    for c in by_op.get("keep", []):
        if c.field == "place" and c.value:
            parts.append(f"lieu inchangé : {value_label('place', c.value)} (le lieu cité est "
                         "celui d'une structure)")
    added = [c for c in by_op.get("add", []) + by_op.get("set", []) if c.field == "need"]
    if added and (profile.changes and any(c.op == "add" for c in profile.changes)):
        parts.append("besoin ajouté : " + ", ".join(value_label("need", c.value) for c in added))
    replaced = [c for c in by_op.get("replace", []) if c.value is None and c.field == "need"]
    if replaced:
        parts.append("besoin remplacé (" + ", ".join(
            value_label("need", c.old) for c in replaced) + " laissé de côté)")
    removed = [c for c in by_op.get("remove", []) if c.field in FIELD_LABELS and c.old]
    if removed:
        parts.append("retiré : " + ", ".join(
            f"{FIELD_LABELS[c.field]} {value_label(c.field, c.old)}" for c in removed))
    dropped = [c for c in by_op.get("drop", []) if c.field in FIELD_LABELS and c.old]
    if dropped:
        parts.append("nouveau sujet, je laisse de côté : " + ", ".join(
            value_label(c.field, c.old) for c in dropped[:6]))
    elif any(c.field == "project" for c in by_op.get("drop", [])):
        parts.append("nouveau sujet")
    for c in profile.changes:
        if c.field == "organisation" and c.op == "remove" and c.old:
            parts.append(f"je ne propose plus : {c.old}")
    assumed = by_op.get("assume", [])
    if assumed:
        parts.append("faute de précision, je suppose : " + ", ".join(
            c.value if c.field == "text" else value_label(c.field, c.value)
            for c in assumed if c.value))
    return " ; ".join(p for p in parts if p)


def is_declined(doc: Document, profile: Profile) -> bool:
    """The person said they do not want this organisation (or its network)."""
    return doc.id in profile.declined or (
        bool(doc.network) and f"network:{doc.network}" in profile.declined
    )


def understood(profile: Profile) -> str:
    g = gazetteer()
    bits = []
    if profile.territory:
        bits.append(profile.territory_label or g.label(profile.territory))
    elif profile.places:
        bits.append(" et ".join(place_label(c) for c in profile.places))
    elif profile.nationwide:
        bits.append("toute la France")
    bits += [vocab.NEEDS.get(n, "financement") for n in profile.needs]
    bits += [vocab.THEMES[t] for t in profile.themes]
    if profile.audience:
        bits.append(vocab.AUDIENCES[profile.audience])
    if profile.stage:
        bits.append("stade : " + vocab.STAGES[profile.stage])
    return ", ".join(bits)


def understood_line(profile: Profile) -> str:
    """ "_J'ai compris : Vienne (38), accompagnement (lieu corrigé : Vienne (38) au lieu de Lyon
    (69))._": what was understood and what this turn changed."""
    what = understood(profile)
    changed = said_changes(profile)
    if not what and not changed:
        return ""
    return f"_J'ai compris : {what}" + (f" ({changed})" if changed else "") + "._"
