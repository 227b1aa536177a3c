"""A conversation's state: what each turn changes (issue 17).

A follow-up is read on its own (:func:`~.understand.understand`), then applied to what the
conversation has learnt as explicit operations (:class:`~.profile.Change`): set, replace, add or
remove a place, a need, the legal form planned, the stage, the themes; a new topic drops what no
longer applies."""

from __future__ import annotations

import re
from dataclasses import replace

from . import vocab
from .person import _stage
from .phrases import _has, _phrases
from .profile import Change, Profile, place_label
from .territory import gazetteer
from .text import fold
from .understand import understand

#: the person corrects what was said: the new value replaces the old one
CORRECTION = re.compile(
    r"\b(?:en fait|plutot|finalement|pardon|je me suis trompe\w*|on s est trompe\w*|erreur"
    r"|je corrige|correction|au lieu de|et non|c est pas|ce n est pas|non pas|pas le|pas la"
    r"|pas a|pas au|pas en|pas dans|mais a|mais au|mais en|mais dans|demenage\w*|demenag\w*)\b"
)
#: another subject: "autre chose", "autre question", "rien à voir"
NEW_TOPIC = re.compile(
    r"^(?:\W*\w+\W+){0,3}?(?:autre chose|autre question|une autre question|autre sujet|autre truc"
    r"|autre point|autre demande|deuxieme question|2e question|autre probleme"
    r"|rien a voir|changement de sujet|changeons de sujet|sinon|par ailleurs|aussi une question)\b"
)
#: ...about another project of the person's: "pour mon club de foot", "notre autre asso"
OTHER_PROJECT = re.compile(
    r"\b(?:pour|avec|dans) (?:mon|ma|notre|nos|mes) (?!projet\b|idee\b)\w+"
    r"|\b(?:un autre projet|autre projet|une autre asso\w*|notre autre|mon autre|ma autre)\b"
    # someone else's project: "ma soeur monte une micro-crèche", "un ami voudrait..."
    r"|\b(?:ma|mon|une|un) (?:soeur|frere|fille|fils|mere|pere|femme|mari|conjointe?|cousine?"
    r"|amie?|copine?|collegue|voisine?|niece|neveu|tante|oncle|compagne?)\b"
)
#: the person does not know or does not mind: answer with what there is, say what is assumed
DONT_KNOW = re.compile(
    r"\b(?:je (?:ne )?sais (?:pas|plus)|j sais pas|sais pas|jsp|aucune idee|peu importe"
    r"|pas d importance|ca m est egal|c est egal|on verra|pas encore (?:decide|choisi|tranche)"
    r"|pas sur|pas sure|indifferent|n importe (?:lequel|laquelle|quoi))\b"
)
#: needs taken back: "pas de prêt", "sans emprunt", "on ne veut pas s'endetter"
NOT_WANTED = re.compile(
    r"\b(?:pas de|pas d|pas besoin de|pas besoin d|plus besoin de|plus besoin d|sans|plus de"
    r"|ne veut pas de|ne veut pas d|ne voulons pas de|veut pas de|veux pas de|voulons pas de"
    r"|pas un|pas une|ni)\s+((?:\w+\s+){0,2}\w+)"
)
NO_DEBT = re.compile(r"\b(?:endett\w*|s endetter|emprunt\w*|dette|dettes|credit|pret|prets)\b")
#: the person speaks of themselves or their structure (their words then set who they are)
SELF = re.compile(
    r"\b(?:on est|nous sommes|je suis|j suis|c est une|c est un|notre|nos|mon|ma|mes|on a juste"
    r"|j ai juste|pas encore d|pas encore de|pas d asso|on a|j ai|nous avons|on monte|je monte)\b"
)
#: "le mois prochain", "dans quelques mois": when, not the project's stage
TIME_ONLY = ("le mois prochain", "dans quelques mois", "l an prochain", "l annee prochaine",
             "en septembre", "cet ete", "a la rentree")
#: a question about an organisation ("c'est où, eux ?"): the place it names is the
#: organisation's, not the person's
ABOUT_ORGANISATION = re.compile(
    r"\b(?:eux|ils|elles|cette structure|cet organisme|cette asso\w*|ce reseau|ce dispositif"
    r"|le premier|la premiere|celui|celle|dont vous parlez|que vous avez cite\w*|vous avez cite"
    r"|ya quelqu un|y a quelqu un|il y a quelqu un|y a t il quelqu un|une antenne|un relais"
    r"|une permanence|ils sont ou|c est ou|c ou)\b"
)
#: a bare arrondissement in a follow-up ("c'est le 14e, pas le 13e"): of the city already known
BARE_ARRONDISSEMENT = re.compile(r"\b(\d{1,2})\s*(?:e|er|eme|ieme)\b(?!\s*(?:salari|etage))")
ARR_CITIES = {"COM:75056": ("paris", 75100, 20), "COM:69123": ("lyon", 69380, 9),
              "COM:13055": ("marseille", 13200, 16)}


def _has_place(p: Profile) -> bool:
    return bool(p.territory or p.territory_candidates or p.places or p.nationwide)


def _city_of(code: str | None) -> str | None:
    """Paris, Lyon or Marseille when the place is one of them or one of their arrondissements."""
    if not code:
        return None
    if code in ARR_CITIES:
        return code
    g = gazetteer()
    return next((a for a in g.ancestors(code) if a in ARR_CITIES), None)


def _bare_arrondissement(folded: str, previous: Profile) -> str | None:
    city = _city_of(previous.territory)
    if city is None:
        return None
    _, base, top = ARR_CITIES[city]
    for m in BARE_ARRONDISSEMENT.finditer(folded):
        before = folded[max(0, m.start() - 6) : m.start()]
        if " pas " in f" {before}" or before.rstrip().endswith(("pas", "non")):
            continue  # "pas le 13e": the one taken back
        n = int(m.group(1))
        code = f"COM:{base + n}"
        if 1 <= n <= top and code in gazetteer().places:
            return code
    return None


def _not_wanted(folded: str) -> set[str]:
    """Needs the person takes back or refuses ("pas de prêt", "sans nous endetter")."""
    out: set[str] = set()
    for m in NOT_WANTED.finditer(f" {folded} "):
        said = _phrases(m.group(1), vocab.NEED_WORDS)
        out |= set(said)
        if NO_DEBT.search(m.group(1)):
            out |= {"pret", "pret_honneur", "garantie"}
    if re.search(r"\b(?:pas|ne|sans) (?:\w+ )?(?:nous |m |me |s )?endett\w*", folded):
        out |= {"pret", "pret_honneur", "garantie"}
    return out


def _place_changes(
    question: str, folded: str, fresh: Profile, previous: Profile, changes: list[Change]
) -> dict:
    """The place after this turn, as the fields of a profile."""
    keep = {
        "territory": previous.territory, "territory_label": previous.territory_label,
        "territory_candidates": previous.territory_candidates, "places": previous.places,
        "nationwide": previous.nationwide,
    }
    old = previous.territory or (previous.places[0] if previous.places else None)
    known = bool(old or previous.nationwide)
    said = _has_place(fresh)
    if fresh.nationwide and not fresh.territory and _has(
        f" {folded} ", ("peu importe", "n importe ou")
    ) >= 0 and _has(f" {folded} ", ("partout", "france", "national", "nationale", "peu importe ou",
                                    "n importe ou", "peu importe le lieu")) < 0 and (
        known or len(folded.split()) > 4
    ):
        said = False  # "peu importe le statut": nothing about the place
    if said and "place_of_organisation" in fresh.issues and known:
        # "le DLA du Rhône", "France Active Loire": an organisation's name, not a move
        changes.append(Change("keep", "place", old))
        return keep
    if said and known and ABOUT_ORGANISATION.search(folded) and not CORRECTION.search(folded):
        # "ya quelqu'un sur Lyon ?", "il est à Clermont ou à Lyon ?": where the organisation is
        changes.append(Change("keep", "place", old))
        return keep
    if not said:
        arr = _bare_arrondissement(folded, previous)
        if arr and arr != previous.territory:
            changes.append(Change("replace" if old else "set", "place", arr, old))
            return {**keep, "territory": arr, "territory_label": place_label(arr),
                    "territory_candidates": (), "places": ()}
        negated = [c for i in fresh.issues if i.startswith("negated:")
                   for c in i.split(":", 1)[1].split(",")]
        if old and old in negated:
            changes.append(Change("remove", "place", None, old))
            return {"territory": None, "territory_label": None, "territory_candidates": (),
                    "places": (), "nationwide": False}
        return keep
    territory, label = fresh.territory, fresh.territory_label
    candidates, places = fresh.territory_candidates, fresh.places
    g = gazetteer()
    if candidates and (old or previous.territory_candidates):
        # a reply to "which one?" ("dans la Drôme" picks Valence (26)); a quartier or a namesake
        # in the town or the department already known ("c'est les Vergnes, à côté")
        picked: list[str] = []
        if territory and previous.territory_candidates:
            picked = [c for c in previous.territory_candidates if territory in g.ancestors(c)]
        elif old and not old.startswith(("REG:", "FR")):
            picked = [c for c in candidates if c == old or old in g.ancestors(c)
                      or (g.parents.get(c) or [""])[0] == old]
            if not picked:
                dep = next((a for a in [old, *g.ancestors(old)] if a.startswith("DEP:")), None)
                picked = [c for c in candidates if dep and dep in g.ancestors(c)]
        if len(picked) == 1:
            territory, label, candidates = picked[0], place_label(picked[0]), ()
        elif "several_places" in fresh.issues and old in candidates and CORRECTION.search(folded):
            others = [c for c in candidates if c != old]
            if len(others) == 1:  # "c'est Annecy, pas Chambéry": the new one
                territory, label, candidates = others[0], place_label(others[0]), ()
    elif territory and previous.territory_candidates:
        picked = [c for c in previous.territory_candidates if territory in g.ancestors(c)]
        if len(picked) == 1:
            territory, label = picked[0], place_label(picked[0])
    if candidates and (previous.territory or previous.places):
        # the places of the region the conversation is in come first
        where = previous.territory or previous.places[0]
        region = next((a for a in [where, *g.ancestors(where)] if a.startswith("REG:")), None)
        candidates = tuple(
            sorted(candidates, key=lambda c: region is None or region not in g.ancestors(c))
        )
    new = territory or (places[0] if places else None)
    if new and new != old:
        changes.append(Change("replace" if old else "set", "place", new, old))
    elif new and new == old and CORRECTION.search(folded):
        changes.append(Change("same", "place", new))  # another quartier of the same town
    return {"territory": territory, "territory_label": label,
            "territory_candidates": candidates, "places": places,
            "nationwide": fresh.nationwide and not territory}


def follow(question: str, previous: Profile | None, fresh: Profile | None = None) -> Profile:
    """The conversation's state after ``question``: what was learnt, changed by what this turn
    says, each operation recorded in ``changes`` (shown in the "j'ai compris" line).

    - **place**: a new place replaces the old one ("plutôt à Vienne en fait"); a place taken back
      ("pas à Chambéry") is removed; "le 14e" after Marseille 13e is Marseille 14e; a quartier or
      a namesake is looked for in the town or department already known; the territory in an
      organisation's name ("le DLA du Rhône") and the place of an organisation asked about
      ("ya quelqu'un sur Lyon ?") leave the person's place as it is.
    - **needs**: a follow-up adds its needs to the conversation's ("et pour la trésorerie ?"),
      a correction replaces them, "pas de prêt" removes one; the turn's own needs lead
      (``focus``). "Je ne sais pas" / "peu importe" adds nothing.
    - **who and what**: the structure, the legal form planned and the stage change when the
      person says them of themselves ("on a juste l'idée"), not when they name someone else
      ("la mairie peut aider ?") or a date ("le mois prochain").
    - **a new topic** about another project ("autre chose, pour mon club de foot...") starts
      again from what it says, and drops the rest (said as ``drop``); about the same project
      ("autre chose, l'agrément ESUS ?") it replaces the needs only.
    """
    fresh = fresh or understand(question)
    if previous is None:
        return fresh
    folded = fold(question)
    padded = f" {folded} "
    changes: list[Change] = []
    new_topic = bool(NEW_TOPIC.search(folded))
    other_project = new_topic and bool(
        OTHER_PROJECT.search(folded) or (fresh.audience and fresh.audience != previous.audience)
    )
    dont_know = bool(DONT_KNOW.search(folded))
    place = _place_changes(question, folded, fresh, previous, changes)
    if other_project:
        changes.append(Change("drop", "project"))
        for name, old in (("need", previous.needs), ("theme", previous.themes),
                          ("stage", previous.stage), ("audience", previous.audience),
                          ("form", previous.planned)):
            values = old if isinstance(old, tuple) else ((old,) if old else ())
            kept = fresh.needs if name == "need" else fresh.themes if name == "theme" else ()
            for v in values:
                if v not in kept:
                    changes.append(Change("drop", name, None, v))
        return replace(fresh, **place, changes=tuple(changes), focus=fresh.needs)
    # needs
    said = [] if dont_know and len(folded.split()) <= 14 else list(fresh.needs)
    refused = _not_wanted(folded)
    said = [n for n in said if n not in refused]
    needs = list(previous.needs)
    if said and (new_topic or (CORRECTION.search(folded) and not re.search(
        r"\b(?:et|aussi|en plus|en attendant|egalement)\b", folded
    ))):
        for n in needs:
            if n not in said:
                changes.append(Change("drop" if new_topic else "replace", "need", None, n))
        needs = said
        for n in said:
            if n not in previous.needs:
                changes.append(Change("set", "need", n))
    else:
        for n in said:
            if n not in needs:
                changes.append(Change("add" if needs else "set", "need", n))
                needs.append(n)
    money = set(vocab.FINANCING_NEEDS) | {"financement"}
    wanted_money = bool(set(needs) & money)
    for n in list(needs):
        if n in refused:
            needs.remove(n)
            changes.append(Change("remove", "need", None, n))
    no_debt = bool(re.search(r"\bendett\w*|\bdettes?\b", folded))
    if refused & {"pret", "pret_honneur"} and wanted_money and (
        "financement" in needs or (no_debt and not set(needs) & money)
    ):
        # money without debt: grants and prizes (and equity for a business)
        if "financement" in needs:
            needs.remove("financement")
            changes.append(Change("remove", "need", None, "pret"))
        for n in ["subvention", "prix"] + ([] if previous.nonprofit else ["investissement"]):
            if n not in needs:
                needs.append(n)
                changes.append(Change("add", "need", n))
    if "financement" in needs and set(needs) & set(vocab.FINANCING_NEEDS) - {"prix"}:
        needs.remove("financement")  # the kind of money said replaces "money" in general
    # who asks, what they create, at which stage
    # said of themselves: "on est une asso", or a short reply to what was asked ("une asso,
    # déjà créée l'an dernier") that names no one else
    statement = bool(SELF.search(folded)) or (
        "?" not in question and len(folded.split()) <= 12 and not OTHER_PROJECT.search(folded)
        and not re.search(r"\b(?:la mairie|le departement|la region|l etat|la commune)\b", folded)
    )
    audience = previous.audience
    if fresh.audience and fresh.audience != audience and (audience is None or statement):
        changes.append(Change("replace" if audience else "set", "audience", fresh.audience,
                              audience))
        audience = fresh.audience
    planned = previous.planned
    if dont_know and fresh.planned:
        if planned:
            changes.append(Change("remove", "form", None, planned))
        planned = None  # "je ne sais pas encore le statut, asso ou entreprise"
    elif fresh.planned and fresh.planned != planned and (planned is None or statement):
        changes.append(Change("replace" if planned else "set", "form", fresh.planned, planned))
        planned = fresh.planned
    stage = previous.stage
    if fresh.stage and fresh.stage != stage:
        timed = _has(padded, TIME_ONLY) >= 0 and _stage(
            _without(padded, TIME_ONLY), fresh.audience
        ) != fresh.stage
        if not timed and (stage is None or (statement and "?" not in question)
                          or SELF.search(folded) and fresh.stage == "idee"):
            changes.append(Change("replace" if stage else "set", "stage", fresh.stage, stage))
            stage = fresh.stage
    themes = list(previous.themes)
    for t in fresh.themes:
        if t not in themes:
            themes.append(t)
    hiring = fresh.hiring or previous.hiring
    return replace(
        fresh,
        **place,
        needs=tuple(needs),
        # what this turn asks leads; wanting to hire, said now, is what it asks
        focus=tuple(n for n in said if n in needs)
        + (("hiring",) if fresh.hiring and not previous.hiring else ()),
        themes=tuple(themes),
        audience=audience,
        planned=planned,
        stage=stage,
        hiring=hiring,
        nonprofit=fresh.nonprofit or (previous.nonprofit and not fresh.planned)
        or planned == "association",
        employer=fresh.employer or (previous.employer and not fresh.planned),
        staffless=(fresh.staffless or (previous.staffless and not fresh.planned))
        and not fresh.employer,
        own_business=(fresh.own_business or (previous.own_business and not fresh.planned))
        and planned not in ("association", "cooperative"),
        declined=previous.declined,
        changes=tuple(changes),
    )


def _without(padded: str, phrases) -> str:
    for p in phrases:
        padded = padded.replace(f" {p} ", " | ")
    return padded
