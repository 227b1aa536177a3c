"""Questions back: at most one short question when the place or the need is missing and
matters, or when the best document is reserved to a zone the question did not mention; each
kind asked once in a conversation, and what the answer assumes instead of asking again."""

from __future__ import annotations

from dataclasses import replace

from ..language import vocab
from ..language.profile import Change, Profile, place_label
from ..language.territory import gazetteer
from ..language.zones import frr_status
from ..search.retrieve import Hit


def clarification_for(profile: Profile) -> str | None:
    """At most one short question back, when the place or the need is missing and matters."""
    g = gazetteer()
    outside = [i.split(":", 1)[1] for i in profile.issues if i.startswith("outside_france:")]
    if outside and not profile.territory:
        return (
            f"Mes sources couvrent la France ({outside[0].capitalize()} n'en fait pas partie) : "
            "votre projet se situe-t-il en France, et où ?"
        )
    if "contradiction" in profile.issues:
        names = " et ".join(g.label(c) for c in profile.territory_candidates)
        return f"Ces lieux ne se recouvrent pas ({names}) : où se situe votre projet ?"
    if profile.territory_candidates:
        names = ", ".join(place_label(c) for c in profile.territory_candidates)
        if "several_places" in profile.issues:
            return f"Vous citez plusieurs lieux ({names}) : lequel est celui du projet ?"
        area = next((i[5:] for i in profile.issues if i.startswith("area:")), None)
        if area:
            return (f"Le nom « {area} » couvre plusieurs départements : {names}. "
                    "Dans lequel se situe votre projet ?")
        return f"Plusieurs lieux portent ce nom : {names}. Duquel s'agit-il ?"
    if not profile.territory and not profile.nationwide and not profile.places:
        return (
            "Où se situe votre projet (commune ou département) ? "
            "Vous pouvez aussi répondre « partout en France »."
        )
    if not profile.needs:
        return (
            "Que cherchez-vous surtout : un financement (subvention, prêt, prêt d'honneur, "
            "garantie), un accompagnement (incubation, conseil) ou un réseau ?"
        )
    return None


def zone_question(profile: Profile, hits: list[Hit]) -> str | None:
    """When the best document is reserved to a zone (QPV, rural) the question did not mention,
    ask rather than guess: a commune's name does not say whether an address is in one."""
    if not hits:
        return None
    for zone in hits[0].doc.zones:
        if zone == "frr" and frr_status(profile.territory) is not None:
            continue  # settled from the commune, with the official list
        if vocab.ZONE_THEMES[zone] not in profile.themes:
            return vocab.ZONE_QUESTIONS[zone]
    return None


def question_back_kind(clarification: str | None) -> str | None:
    """Which question an answer asks back: place, need, which_place, a zone... (one kind is
    asked once in a conversation)."""
    if not clarification:
        return None
    for prefix, kind in (("Où se situe", "place"), ("Que cherchez-vous", "need"),
                         ("Vous citez plusieurs lieux", "which_place"),
                         ("Plusieurs lieux portent", "which_place"),
                         ("Le nom «", "which_place"),
                         ("Ces lieux ne se recouvrent pas", "which_place"),
                         ("Mes sources couvrent la France", "place")):
        if clarification.startswith(prefix):
            return kind
    for zone, text in vocab.ZONE_QUESTIONS.items():
        if clarification == text:
            return f"zone:{zone}"
    return clarification[:40]


#: what the answer assumes instead of asking a second time
ASSUMED = {
    "place": "des pistes valables partout en France",
    "need": "un accompagnement pour commencer",
    "which_place": "le premier lieu cité",
    "zone:qpv": "rien sur le quartier prioritaire (les aides qui y sont réservées restent « à "
    "vérifier »)",
    "zone:rural": "rien sur le caractère rural (les aides réservées restent « à vérifier »)",
    "zone:frr": "rien sur le classement FRR (les aides réservées restent « à vérifier »)",
}


def assume(profile: Profile) -> Profile:
    """A project holder who did not say what they look for is first looking for someone to
    build the project with: the answer says it assumes an accompaniment rather than asking."""
    project = profile.audience == "porteur_projet" or profile.stage in ("idee", "creation")
    support = {"accompagnement", "incubation", "acceleration", "formation"}
    # at the idea stage money comes after the project is built: the accompaniment comes along
    idea = profile.audience == "porteur_projet" and profile.stage == "idee" and not (
        set(profile.needs) & support)
    if (project and set(profile.needs) <= {"information"}) or idea:
        return replace(
            profile,
            needs=(*profile.needs, "accompagnement"),
            changes=(*profile.changes, Change("assume", "need", "accompagnement")),
        )
    return profile
