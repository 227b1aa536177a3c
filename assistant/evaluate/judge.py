"""A judged evaluation of answers: what an adviser checks, measured (issue 10).

Each line of the file is a question written before looking at the answers, with the documents an
adviser expects (``expected_ids``), those that are fine to cite (``acceptable_ids``) and the place
(``place_code``). For each answer this reports:

- **source precision**: cited documents that are expected or acceptable;
- **recall**: expected documents that are cited;
- **cut sentences**: cited statements that do not start and end like a sentence;
- **contacts right for the place**: contact cards of organisations that cover the place asked
  (the branch for the place when the network has one);
- **coverage said**: for a place the corpus covers thinly, whether the answer says so;
- **markers in order**: the citation numbers appear as 1, 2, 3... when read (a number taken
  for a sentence the answer does not say leaves a gap or starts the answer at [2]).

The grades an adviser gives (0–3) are recorded beside, in the set's grade file.

Conversations are judged turn by turn in :mod:`.conversations`.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..answer import Answer
from ..answer.library import Library
from ..answer.sentences import ENDS_ON_INITIAL, NOT_AFTER_INITIAL
from ..language.territory import gazetteer

MARKER = re.compile(r"\s*\[(\d+)\]")
NUMBERED = re.compile(r"^\s*(?:\d+\.|-)\s+")
ID_IN_TEXT = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+){2,}\b")
URL = re.compile(r"https?://\S+")


def internal_ids(text: str, documents) -> list[str]:
    """Documents' ids written in the text ("voir metropole-lyon-ess"), not inside a web address
    (an organisation's own page may have its name in its path)."""
    return [m for m in ID_IN_TEXT.findall(URL.sub(" ", text)) if m in documents]


SENTENCE_END = re.compile(r"(?<=[.!?])" + NOT_AFTER_INITIAL + r"\s+(?=[A-ZÀ-ÖØ-Ý«\"(0-9*_])")


def cited_statements(text: str) -> list[str]:
    """Every sentence of a line that carries a citation marker, markers and emphasis removed
    (contact lines, "- **Organisation** — rôle : adresse [n]", are entries, not sentences)."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not MARKER.search(line) or line.startswith("- **"):
            continue
        plain = MARKER.sub("", NUMBERED.sub("", line)).replace("**", "").strip()
        out += [s.strip() for s in SENTENCE_END.split(plain) if s.strip()]
    return out


def markers_in_order(text: str) -> bool:
    """The citation numbers, taken at their first appearance, read 1, 2, 3..."""
    first = list(dict.fromkeys(int(n) for n in MARKER.findall(text)))
    return first == list(range(1, len(first) + 1))


def is_cut(statement: str) -> bool:
    """A statement that starts or ends in the middle of a sentence."""
    s = statement.strip()
    first = s.lstrip('«"(*_ ')[:1]
    last = s.rstrip('»")*_ ')[-1:]
    if not first:
        return True
    return (not (first.isupper() or first.isdigit()) or last not in ".!?" or s.endswith("…")
            # "...de l'article L." : cut after a code's article letter or an initial
            or bool(ENDS_ON_INITIAL.search(s.rstrip('»")*_ '))))


@dataclass
class Judged:
    qid: str
    query: str
    cited: list[str]
    expected: list[str]
    acceptable: list[str]
    precision: float | None
    recall: float | None
    cut: list[str]
    contacts: int
    contacts_right: int
    thin: bool
    coverage_said: bool
    internal_ids: list[str]
    seconds: float
    answer: str
    markers_in_order: bool = True

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def judge_one(line: dict, answer: Answer, library: Library, seconds: float) -> Judged:
    g = gazetteer()
    cited = list(dict.fromkeys(s.id for s in answer.sources))
    expected = list(line.get("expected_ids") or [])
    acceptable = list(line.get("acceptable_ids") or [])
    good = set(expected) | set(acceptable)
    place = line.get("place_code")
    if place and library.thin(place):
        # issue 10 asks answers for thinly covered places to point to the national networks'
        # way to find their local branch: those guides are acceptable there
        good |= set(library.finders())
    precision = (sum(c in good for c in cited) / len(cited)) if cited else None
    recall = (sum(e in cited for e in expected) / len(expected)) if expected else None
    cut = [s for s in cited_statements(answer.answer) if is_cut(s)]
    right = 0
    for card in answer.contacts:
        doc = library.documents.get(card.document)
        if doc is None or not place:
            right += doc is not None
            continue
        applies = g.applies(doc.territories, place, doc.excluded_territories)
        # a network's head office or regional body when a more local branch covers the place
        branch = library.local_branch(doc.network, place) if doc.network else None
        local = branch is None or library.breadth(doc) <= library.breadth(library.documents[branch])
        right += applies and local
    thin = bool(place) and library.thin(place)
    ids = internal_ids(answer.answer, library.documents)
    return Judged(
        line["qid"], line["query"], cited, expected, acceptable, precision, recall, cut,
        len(answer.contacts), right, thin, answer.coverage is not None, ids, seconds,
        answer.answer, markers_in_order(answer.answer),
    )


def judge_report(lines: list[dict], ask: Callable[[str], Answer], library: Library) -> dict:
    judged = []
    for line in lines:
        t = time.perf_counter()
        answer = ask(line["query"])
        judged.append(judge_one(line, answer, library, time.perf_counter() - t))
    return _summarise(judged)


def _summarise(judged: list[Judged]) -> dict:
    precisions = [j.precision for j in judged if j.precision is not None]
    recalls = [j.recall for j in judged if j.recall is not None]
    contacts = sum(j.contacts for j in judged)
    thin = [j for j in judged if j.thin]
    return {
        "questions": len(judged),
        "source_precision": round(statistics.mean(precisions), 4) if precisions else None,
        "recall_expected": round(statistics.mean(recalls), 4) if recalls else None,
        "questions_with_expected_in_corpus": len(recalls),
        "cut_sentences": sum(len(j.cut) for j in judged),
        "contacts": contacts,
        "contacts_right_for_place": round(sum(j.contacts_right for j in judged) / contacts, 4)
        if contacts else None,
        "thin_places": len(thin),
        "thin_places_said": sum(j.coverage_said for j in thin),
        "internal_ids": sum(len(j.internal_ids) for j in judged),
        "answers_with_nothing_cited": sum(not j.cited for j in judged),
        "markers_out_of_order": sum(not j.markers_in_order for j in judged),
        "seconds_median": round(statistics.median(j.seconds for j in judged), 4),
        "per_question": [j.as_dict() for j in judged],
    }


def answer_from_dict(d: dict) -> Answer:
    """An answer saved as JSON (``Answer.as_dict``), e.g. by an earlier version, to judge it."""
    from ..answer import ContactCard, Source
    from ..language.profile import Profile

    def card(c: dict) -> ContactCard:
        return ContactCard(**{**c, "prepare": tuple(c.get("prepare") or ())})

    return Answer(
        d["question"],
        d["answer"],
        [Source(**s) for s in d.get("sources", [])],
        [card(c) for c in d.get("contacts", [])],
        d.get("clarification"),
        Profile.from_dict(d.get("profile")) or Profile(),
        d.get("found", False),
        d.get("pistes") or [],
        d.get("coverage"),
        card(d["handoff_to"]) if d.get("handoff_to") else None,
    )


def judge_saved(lines: list[dict], answers: dict[str, dict], library: Library) -> dict:
    """``judge_report`` on answers saved earlier (keyed by qid)."""
    by_qid = {k: answer_from_dict(v) for k, v in answers.items()}
    seconds = {k: v.get("seconds", 0.0) for k, v in answers.items()}
    return _summarise([
        judge_one(line, by_qid[line["qid"]], library, seconds[line["qid"]]) for line in lines
    ])
