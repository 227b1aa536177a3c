"""A judged evaluation of conversations (issue 17).

Conversations are run turn by turn through the engine with one conversation, as the web chat
does (:func:`conversation_report`): each turn is scored as an answer is (:mod:`.judge`), plus
the context (place, need, structure, stage after the turn), questions asked back when not needed
or repeated, corrections applied and handoffs opened; the answers are written without the
scores to be graded blind.

Each line of a conversation set is ``{"cid", "turns": [...]}``; a turn has the person's words
(``user``), what kind of move it is (``move``: first, reply, correction, follow_up, pronoun,
first_contact, handoff, refusal, new_topic), the state an adviser would hold after it
(``state``: place, need, audience, stage, theme, in the helpers' own words, and ``place_code``),
whether a question back is fine there (``question_back_ok``) and the documents expected.
The state's words are mapped here to the reader's keys, coarsely: the scorer must not be the
reader it scores, so it only checks what an adviser would notice (the loan still there when the
person moved on, the place of the old topic, the idea stage of another project).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..answer import Answer
from ..answer.library import Library
from ..language.territory import gazetteer
from .judge import Judged, judge_one

FINANCING_FAMILY = frozenset({*("subvention", "pret", "pret_honneur", "garantie",
                                "investissement", "prix"), "financement"})
SUPPORT_FAMILY = frozenset({"accompagnement", "incubation", "acceleration", "formation",
                            "mise_en_reseau", "information"})
PREMISES_FAMILY = frozenset({"locaux"})
#: the helpers' words for a need -> the reader's needs that satisfy it (None: not scored; "hire":
#: the person wants to hire)
EXPECTED_NEEDS: dict[str, frozenset[str] | str | None] = {
    "financement": FINANCING_FAMILY, "subvention": FINANCING_FAMILY, "pret": FINANCING_FAMILY,
    "tresorerie": FINANCING_FAMILY, "investissement": FINANCING_FAMILY,
    "equipement": FINANCING_FAMILY, "financement sans endettement": FINANCING_FAMILY,
    "accompagnement": SUPPORT_FAMILY, "accompagnement creation": SUPPORT_FAMILY,
    "accompagnement installation": SUPPORT_FAMILY, "test d activite": SUPPORT_FAMILY,
    "agrement esus": SUPPORT_FAMILY,
    "local": PREMISES_FAMILY, "foncier": PREMISES_FAMILY,
    "emploi": "hire",
}


def _expected_needs(state: dict) -> list[frozenset[str] | str]:
    from ..language.text import fold

    out = []
    for need in state.get("need") or []:
        mapped = EXPECTED_NEEDS.get(fold(str(need)))
        if mapped is not None:
            out.append(mapped)
    return out


def _needs_right(state: dict, profile, previous=None) -> bool:
    """Every need said is in the profile (one of its family), and no need kept from the turn
    before lingers when it is no longer expected (a loan kept when the person moved on to
    premises). "Information" (orientation) goes with anything."""
    expected = _expected_needs(state)
    if not expected:
        return True
    have = set(profile.needs)
    for want in expected:
        if want == "hire":
            if not profile.hiring:
                return False
        elif not have & want:
            return False
    families = [w for w in expected if w != "hire"]
    allowed = set().union(*families) if families else set()
    if not families and profile.hiring:
        return True  # hiring asked: whatever the reader calls it (emploi aidé, subvention...)
    kept = set(previous.needs) if previous is not None else set()
    stale = (have & kept) - allowed - {"information"}
    return not stale or "hire" in expected and stale <= FINANCING_FAMILY


def _expected_audience(text: str | None) -> tuple[set, set] | None:
    """(audiences accepted, planned forms accepted) for the helpers' words; None: not scored."""
    from ..language.text import fold

    if not text:
        return None
    t = fold(text)
    anything = {None, "porteur_projet", "association", "cooperative", "entreprise",
                "entreprise_esus", "structure_insertion", "collectivite"}
    if "future scop" in t or "future scic" in t:
        return anything, {"cooperative"}
    if "a creer" in t or "statut non choisi" in t or "statut a choisir" in t:
        return {"porteur_projet", None}, anything
    if "collectif d habitants" in t:
        return {"porteur_projet", None, "association"}, anything
    if t.startswith(("porteur", "porteuse", "porteurs")):
        return {"porteur_projet"}, anything
    if "esus" in t:
        return {"entreprise_esus", "entreprise"}, anything
    if "scic" in t or "scop" in t or "cooperative" in t:
        return {"cooperative"}, anything
    if "entreprise d insertion" in t:
        return {"structure_insertion", "entreprise_esus", "entreprise"}, anything
    if "aci" in t.split() or "chantier d insertion" in t:
        return {"structure_insertion", "association"}, anything
    if t.startswith("association"):
        return {"association"}, anything
    return None


EXPECTED_STAGES: dict[str, set] = {
    "idee": {"idee"},
    "creation": {"creation"},
    "developpement": {"developpement", "changement_echelle"},
    "consolidation": {"developpement", None},
    "reprise": {"creation", "developpement", None},
}


def context_misses(turn: dict, profile, previous=None) -> list[str]:
    """What the profile after this turn gets wrong of the state expected: place (equal or more
    specific), needs (``previous``: the profile before the turn, to tell a need that lingers),
    the kind of structure (or the one planned), stage."""
    g = gazetteer()
    state = turn.get("state") or {}
    misses = []
    want = turn.get("place_code")
    have = profile.territory
    if want:
        ok = have is not None and (have == want or want in g.ancestors(have))
        ok = ok or any(p == want or want in g.ancestors(p) for p in profile.places)
        if not ok:
            misses.append("place")
    elif have is not None or profile.places:
        misses.append("place")
    if not _needs_right(state, profile, previous):
        misses.append("need")
    audience = _expected_audience(state.get("audience"))
    if audience is not None:
        audiences, planned = audience
        if profile.audience not in audiences or profile.planned not in planned:
            misses.append("audience")
    stage = state.get("stage")
    if stage in EXPECTED_STAGES and profile.stage not in EXPECTED_STAGES[stage]:
        misses.append("stage")
    return misses


def question_kind_back(clarification: str | None) -> str | None:
    """Which question an answer asks back (the same kind asked twice is a repeat)."""
    from ..answer.asking import question_back_kind

    return question_back_kind(clarification)


@dataclass
class TurnJudged:
    cid: str
    turn: int
    move: str
    user: str
    judged: Judged
    misses: list[str]
    asked_back: str | None
    unneeded_question: bool
    repeated_question: bool
    handoff_to: str | None

    def as_dict(self) -> dict:
        return {
            "cid": self.cid, "turn": self.turn, "move": self.move, "user": self.user,
            "context_misses": self.misses, "asked_back": self.asked_back,
            "unneeded_question": self.unneeded_question,
            "repeated_question": self.repeated_question, "handoff_to": self.handoff_to,
            **{k: v for k, v in self.judged.as_dict().items() if k not in ("qid", "query")},
        }


def conversation_report(
    conversations: list[dict], ask_turn: Callable[[str, object], Answer], new_conversation,
    library: Library,
) -> tuple[dict, list[dict]]:
    """Run every conversation turn by turn through ``ask_turn(question, conversation)`` (the
    engine with one :class:`~assistant.engine.Conversation` per conversation, as the web chat
    does) and score each turn. Returns the summary and, per turn, the record to grade blind
    (the question, the expectations and the answer; not the scores)."""
    judged: list[TurnJudged] = []
    records: list[dict] = []
    for conv in conversations:
        conversation = new_conversation()
        asked: list[str] = []
        previous = None
        for i, turn in enumerate(conv["turns"], start=1):
            t = time.perf_counter()
            answer = ask_turn(turn["user"], conversation)
            seconds = time.perf_counter() - t
            line = {**turn, "qid": f"{conv['cid']}.{i}", "query": turn["user"]}
            one = judge_one(line, answer, library, seconds)
            back = question_kind_back(answer.clarification)
            handoff = getattr(answer, "handoff_to", None)
            judged.append(TurnJudged(
                conv["cid"], i, turn.get("move", ""), turn["user"], one,
                context_misses(turn, answer.profile, previous), back,
                back is not None and not turn.get("question_back_ok", False),
                back is not None and back in asked,
                handoff.document if handoff else None,
            ))
            if back:
                asked.append(back)
            previous = answer.profile
            records.append({
                "cid": conv["cid"], "turn": i, "move": turn.get("move"), "user": turn["user"],
                "expected": turn.get("expected"), "acceptable": turn.get("acceptable"),
                "note": turn.get("note"), "answer": answer.answer,
                "sources": [{"n": s.n, "id": s.id, "title": s.title} for s in answer.sources],
                "contacts": [c.organisation for c in answer.contacts],
                "handoff_to": handoff.organisation if handoff else None,
                "understood": answer.profile.as_dict(),
            })
    return _summarise_turns(judged), records


def _handoff_expected(t: TurnJudged) -> bool:
    return t.handoff_to in {*t.judged.expected, *t.judged.acceptable}


def _rate(items: list[bool]) -> float | None:
    return round(sum(items) / len(items), 4) if items else None


def _summarise_turns(turns: list[TurnJudged]) -> dict:
    firsts = [t for t in turns if t.turn == 1]
    follow = [t for t in turns if t.turn > 1]

    def block(ts: list[TurnJudged]) -> dict:
        precisions = [t.judged.precision for t in ts if t.judged.precision is not None]
        recalls = [t.judged.recall for t in ts if t.judged.recall is not None]
        return {
            "turns": len(ts),
            "context_right": _rate([not t.misses for t in ts]),
            "source_precision": round(statistics.mean(precisions), 4) if precisions else None,
            "recall_expected": round(statistics.mean(recalls), 4) if recalls else None,
        }

    misses: dict[str, int] = {}
    for t in turns:
        for m in t.misses:
            misses[m] = misses.get(m, 0) + 1
    corrections = [t for t in turns if t.move == "correction"]
    handoffs = [t for t in turns if t.move == "handoff"]
    expected_handoff = [
        t for t in handoffs if t.judged.expected or t.judged.acceptable
    ]
    return {
        "conversations": len({t.cid for t in turns}),
        "all": block(turns),
        "first_turns": block(firsts),
        "follow_ups": block(follow),
        "context_misses": misses,
        "place_corrections_applied": f"{sum('place' not in t.misses for t in corrections)}"
        f"/{len(corrections)}",
        "questions_back": sum(t.asked_back is not None for t in turns),
        "questions_back_unneeded": sum(t.unneeded_question for t in turns),
        "questions_back_repeated": sum(t.repeated_question for t in turns),
        "handoffs_opened": f"{sum(t.handoff_to is not None for t in handoffs)}/{len(handoffs)}",
        "handoffs_to_expected": f"{sum(_handoff_expected(t) for t in expected_handoff)}"
        f"/{len(expected_handoff)}",
        "cut_sentences": sum(len(t.judged.cut) for t in turns),
        "answers_with_nothing_cited": sum(not t.judged.cited for t in turns),
        "markers_out_of_order": sum(not t.judged.markers_in_order for t in turns),
        "seconds_median": round(statistics.median(t.judged.seconds for t in turns), 4),
        "per_turn": [t.as_dict() for t in turns],
    }
