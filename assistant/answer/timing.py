"""Dates said plainly: open until, opens on, closed with the next edition expected."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..corpus.documents import Document
from ..language.text import fold

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")
SOON_DAYS = 30


def fr_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def next_edition(doc: Document, today: date) -> tuple[str, str] | None:
    """(month and year, where it comes from) of the next expected edition of a recurring call
    whose deadline has passed: from the usual window of past editions, else from the last one."""
    window = doc.usual_window
    if window and (window.opens or window.closes):
        month = window.opens or window.closes
        year = today.year if month > today.month else today.year + 1
        seen = ", ".join(str(y) for y in window.seen)
        basis = f"d'après les éditions passées ({seen})" if seen else "d'après les éditions passées"
        what = "ouverture" if window.opens else "clôture"
        return f"{what} vers {MONTHS[month - 1]} {year}", basis
    if doc.deadline:
        month = doc.deadline.month
        year = max(doc.deadline.year + 1, today.year + (month <= today.month))
        return f"clôture vers {MONTHS[month - 1]} {year}", (
            f"d'après l'édition {doc.deadline.year}"
        )
    return None


def _from(month: str) -> str:
    """ "de mars", "d'octobre" """
    return f"d'{month}" if month[:1] in "aeiouéè" else f"de {month}"


def status_line(doc: Document, today: date) -> str | None:
    """What an applicant must know about dates, or None for what is open all year."""
    if doc.kind != "call":
        return None
    status = doc.status(today)
    if status == "closed":
        nxt = next_edition(doc, today)
        if doc.recurrence in ("annual", "recurring") and nxt:
            when, basis = nxt
            return (
                f"L'édition précédente a clôturé le {fr_date(doc.deadline)} ; prochaine édition "  # type: ignore[arg-type]
                f"attendue ({when}) {basis}."
            )
        return f"Cet appel a clôturé le {fr_date(doc.deadline)}."  # type: ignore[arg-type]
    if status == "upcoming":
        return f"Il ouvre le {fr_date(doc.opens)}."  # type: ignore[arg-type]
    if status == "open" and doc.deadline:
        days = (doc.deadline - today).days
        soon = f" — plus que {days} jour(s)" if days <= SOON_DAYS else ""
        return f"Ouvert jusqu'au {fr_date(doc.deadline)}{soon}."
    if status == "permanent":
        return "Les demandes se font toute l'année."
    window = doc.usual_window
    if window and window.opens and window.closes:
        o, c = window.opens, window.closes
        inside = o <= today.month <= c if o <= c else (today.month >= o or today.month <= c)
        if inside:
            # "c'est jusqu'à quand ?" in the usual months of the call: this year's edition
            # closes soon, or has just closed
            seen = ", ".join(str(y) for y in window.seen)
            year = today.year if c >= today.month else today.year + 1
            return (f"Dates de cette édition non publiées : d'après les éditions passées"
                    f"{f' ({seen})' if seen else ''}, l'appel court {_from(MONTHS[o - 1])} à "
                    f"{MONTHS[c - 1]} ; celui de cette année se clôt sans doute vers fin "
                    f"{MONTHS[c - 1]} {year}, s'il n'est pas déjà clos : vérifiez-le vite.")
    if window and (window.opens or window.closes):
        nxt = next_edition(doc, today)
        if nxt:
            return f"Dates de la prochaine édition non publiées : {nxt[0]} {nxt[1]}."
    return "Dates de la prochaine édition non publiées."


#: a scheme that takes no new applicant, in its title or summary: "dispositif fermé depuis le
#: 1er janvier 2025", "l'attribution de nouveaux postes est suspendue depuis mai 2025",
#: "candidatures closes depuis juillet 2024"
ENDED = re.compile(
    r"\b(?:suspendue?s? depuis|ferm[ée]e?s? depuis|non reconduite?s?|closes? depuis"
    r"|plus aucune? (?:nouvel|nouvelle|embauche|demande|candidature)\w*|n'accepte plus"
    r"|ne sont plus attribu\w+|n'est plus attribu\w+)",
    re.IGNORECASE,
)


def ended(doc: Document) -> list[str]:
    """The sentences of its title and summary saying that the scheme takes no new applicant
    (nothing when it runs): an answer says them before anything else about it."""
    said = [x.strip() for x in re.split(r"(?<=\.)\s+", doc.summary)]
    found = [x for x in said if x and ENDED.search(x)]
    if not found:
        head = re.search(r"\(([^()]*)\)\s*$", doc.title)
        if head and ENDED.search(head.group(1)):
            found = [head.group(1)]
    return found


#: "Ces informations datent de 2012 à 2017": the years a document's summary says its facts
#: are from
DATED = re.compile(r"\bdatent (?:de|d'avant) (?:(\d{4})\s*(?:à|a|et|-)\s*)?(\d{4})\b")


def stale(doc: Document, today: date) -> bool:
    """Its summary says its facts are five years old or more: a piste only when named (an
    old call of a Département is no answer to today's question)."""
    m = DATED.search(doc.summary)
    return bool(m) and int(m.group(2)) <= today.year - 5


def ended_text(sentences: list[str]) -> str:
    """Those sentences as the answer says them: each capitalised, ending in one full stop."""
    return " ".join(x[:1].upper() + x[1:].rstrip(".") + "." for x in sentences)


#: a period written in words: "au premier trimestre 2026", "en mars 2026", "fin janvier 2026"
_ORDINALS = {"premier": 1, "1er": 1, "deuxieme": 2, "second": 2, "2e": 2, "troisieme": 3,
             "3e": 3, "quatrieme": 4, "dernier": 4, "4e": 4}
_FOLDED_MONTHS = tuple(fold(m) for m in MONTHS)
PERIOD = re.compile(
    r"\b(?:(" + "|".join(_ORDINALS) + r") trimestre|(" + "|".join(_FOLDED_MONTHS) + r"))"
    r"(?: en| de)? (20\d\d)\b")


def period_end(folded: str) -> date | None:
    """The last day of the latest period a (folded) sentence writes in words: a quarter or a
    month with its year."""
    ends = []
    for m in PERIOD.finditer(folded):
        year = int(m.group(3))
        month = 3 * _ORDINALS[m.group(1)] if m.group(1) else _FOLDED_MONTHS.index(m.group(2)) + 1
        ends.append(date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
    return max(ends) if ends else None
