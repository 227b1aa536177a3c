"""The engine: one object that the CLI, the chat and the benchmarks share.

It loads the index and the model once, notices a new index version (``CURRENT`` changed) and
switches to it between two questions, and keeps what a conversation has learnt. It ties the
stages together: the question read (:mod:`.language`), the passages found (:mod:`.search`), the
answer composed (:mod:`.answer`, whose :mod:`~.answer.asking` decides what to ask back).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .answer import Answer, Composer, ExtractiveComposer, followup
from .answer.asking import ASSUMED, assume, clarification_for, question_back_kind, zone_question
from .answer.choose import advised_branches, advised_networks
from .answer.first_contact import first_contact
from .config import (
    DEFAULT_MODEL,
    ChunkSettings,
    RetrievalSettings,
    default_index_dir,
    default_model,
)
from .errors import AssistantError, UsageError
from .language import vocab
from .language.follow import DONT_KNOW, follow
from .language.profile import Change, Profile, place_label
from .language.text import clean_text, fold
from .language.understand import understand
from .search.index import Index, current_version, load_index
from .search.retrieve import Filters, Hit, Mode, Retriever

#: how many documents an answer chooses its pistes from: deeper lets in more that fit only
#: loosely (25 beat 30 and 45 on the tuning sets and the round 8 read half; 15 and 20 lost
#: recall on round 8)
ANSWER_DEPTH = 25

MAX_QUESTION = 2000


log = logging.getLogger("assistant.engine")


@dataclass
class Conversation:
    """What a conversation has learnt so far; the chat keeps one per user session.

    ``profile`` is the state (place, needs, structure, stage, themes...), changed turn by turn
    by explicit operations (:func:`~assistant.language.follow.follow`); ``asked`` the kinds of
    question asked back, each asked once; ``subject`` the last question that said what the
    person looks for, searched again with a correction or a reply."""

    profile: Profile | None = None
    turns: list[Answer] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)
    subject: str | None = None

    @property
    def last_question(self) -> str | None:
        return self.turns[-1].question if self.turns else None

    def reset(self) -> None:
        self.profile, self.turns, self.asked, self.subject = None, [], [], None


def check_question(question: str | None) -> str:
    q = clean_text(question or "").strip()
    if not q:
        raise UsageError("The question is empty.", "La question est vide : écrivez votre question.")
    if len(q) > MAX_QUESTION:
        raise UsageError(
            f"The question is too long ({len(q)} characters; at most {MAX_QUESTION}).",
            f"La question est trop longue ({len(q)} caractères, {MAX_QUESTION} au plus) : "
            "résumez votre projet en quelques phrases.",
        )
    if not any(c.isalpha() for c in q):
        raise UsageError("The question has no words.", "La question ne contient aucun mot.")
    return q


def is_reply(question: str, profile: Profile) -> bool:
    """A few words that name a place, an audience or a stage, and no need or theme."""
    short = len(question.split()) <= 6
    says_something = bool(
        profile.territory
        or profile.territory_candidates
        or profile.nationwide
        or profile.audience
        or profile.stage
    )
    return short and says_something and not profile.needs and not profile.themes


class Engine:
    def __init__(
        self,
        index_dir: Path | None = None,
        model: str | None = None,
        chunking: ChunkSettings | None = None,
        retrieval: RetrievalSettings | None = None,
        composer: Composer | None = None,
        flags: Callable[[], tuple[set[str], set[str]]] | None = None,
    ) -> None:
        """``flags`` returns the documents support staff hid and promoted (read per question)."""
        self.index_dir = Path(index_dir or default_index_dir())
        self.model = model or default_model()
        self.chunking = chunking or ChunkSettings()
        self.retrieval = retrieval or RetrievalSettings.for_model(self.model)
        self.composer = composer or ExtractiveComposer()
        self.flags = flags
        self._lock = threading.Lock()
        self._retriever: Retriever | None = None
        self._version: Path | None = None
        #: a published index version that could not be loaded (the previous one serves)
        self._bad: Path | None = None
        self.index_problem: str | None = None

    # -- loading -----------------------------------------------------------------------------
    def retriever(self) -> Retriever:
        """The retriever of the live index version (reloaded when CURRENT moved).

        A new version that cannot be loaded (damaged files, another model) leaves the previous
        good one in service: questions are still answered, and :attr:`index_problem` says what
        is wrong (shown to staff) until a good version is published."""
        live = current_version(self.index_dir)
        with self._lock:
            if self._retriever is not None and live == self._version:
                self._bad = self.index_problem = None  # back to the version in service
                return self._retriever
            if self._retriever is not None and live == self._bad:
                return self._retriever
            from .search.embed import get_embedder

            try:
                if self._retriever is None and self.model == DEFAULT_MODEL:
                    get_embedder(self.model).preload()  # loads while the index is read
                index = load_index(self.index_dir, self.model, self.chunking)
                retriever = Retriever(index, get_embedder(self.model), self.retrieval)
            except AssistantError as err:
                if self._retriever is None:
                    raise  # nothing to fall back on: the person is told, in French
                self._bad, self.index_problem = live, f"{live}: {err}"
                log.error("new index version not loaded, the previous one stays: %s", err)
                return self._retriever
            self._retriever, self._version = retriever, index.path
            self._bad, self.index_problem = None, None
            return self._retriever

    @property
    def index(self) -> Index:
        return self.retriever().index

    # -- questions ---------------------------------------------------------------------------
    def search(
        self,
        query: str,
        filters: Filters | None = None,
        k: int = 10,
        mode: Mode = "hybrid",
        today: date | None = None,
        gate: bool = False,
    ) -> list[Hit]:
        query = check_question(query)
        return self.retriever().search(query, filters, k=k, mode=mode, today=today, gate=gate)

    def ask(
        self,
        question: str,
        conversation: Conversation | None = None,
        filters: Filters | None = None,
        today: date | None = None,
        mode: Mode = "hybrid",
    ) -> Answer:
        """Answer a question; with a conversation, follow-ups are read as changes to what was
        learnt, and those that point to the answers given ("qui en premier ?", "eux",
        "mettez-moi en relation") are answered from them."""
        question = check_question(question)
        today = today or date.today()
        previous = conversation.profile if conversation else None
        turns = conversation.turns if conversation else []
        library = self.retriever().library
        fresh = _understand(question, library)
        profile = self.state(question, previous, fresh, library)
        kind = followup.move(question, turns)
        answer: Answer | None = None
        if kind == "first_contact":
            answer = first_contact(question, profile, turns, library, today)
        elif kind == "handoff":
            answer = followup.handoff(question, profile, turns, library, today)
        elif kind == "cancel":
            answer = followup.cancel(question, profile, turns, library, today)
        if answer is None:
            answer = self._answer(question, fresh, profile, conversation, filters, today, mode)
        if conversation is not None:
            conversation.profile = answer.profile
            conversation.turns.append(answer)
            back = question_back_kind(answer.clarification)
            if back:
                conversation.asked.append(back)
            if fresh.needs or fresh.themes or conversation.subject is None:
                conversation.subject = question
        return answer

    def state(
        self, question: str, previous: Profile | None, fresh: Profile, library=None
    ) -> Profile:
        """What the conversation knows after this question: the follow-up's changes applied,
        the organisations it turns down, what is assumed rather than asked."""
        profile = follow(question, previous, fresh)
        if previous is not None and library is not None:
            declined = followup.declined_in(question, library)
            if not declined and previous.declined:
                # named again without turning it down: it may be offered again
                named = {d for m in library.names_in(question) for d in m.docs} | {
                    f"network:{m.network}" for m in library.names_in(question) if m.network}
                profile = replace(profile, declined=tuple(
                    d for d in previous.declined if d not in named))
            if declined:
                names = [m.alias for m in library.names_in(question)]
                profile = replace(
                    profile,
                    declined=tuple(dict.fromkeys([*profile.declined, *declined])),
                    changes=(*profile.changes, *(
                        Change("remove", "organisation", None, n.upper() if len(n) <= 6
                               else n.title()) for n in names)),
                )
        if library is not None and library.names_in(question):
            return profile  # about an organisation named: nothing to assume
        return assume(profile)

    def _answer(self, question, fresh, profile, conversation, filters, today, mode) -> Answer:
        """A question searched: with what the conversation knows, a reference resolved, a
        question back asked once."""
        turns = conversation.turns if conversation else []
        library = self.retriever().library
        subject = conversation.subject if conversation else None
        profile, hits = self._retrieve(question, fresh, profile, filters, today, mode,
                                       subject=subject)
        clarification = clarification_for(profile) or zone_question(profile, hits)
        # nothing found and nothing asked for (a theme alone comes from a word in passing: "roue
        # de vélo" is no mobility project): a question back would not find anything either
        off_topic = not hits and not (profile.needs or profile.audience)
        if off_topic and not profile.territory_candidates and not profile.issues:
            clarification = None  # a recipe, the weather: nothing to narrow down
        refers = followup.referents(question, profile, turns, library) if turns else ()
        if question_back_kind(clarification) == "need" and (refers or library.names_in(question)):
            clarification = None  # about an organisation: what it is, not what they need
        clarification, profile = self._ask_once(question, clarification, profile, conversation)
        return self.composer.compose(
            question, profile, hits, today, clarification, library=library, refers=refers
        )

    @staticmethod
    def _ask_once(
        question: str, clarification: str | None, profile: Profile,
        conversation: Conversation | None,
    ) -> tuple[str | None, Profile]:
        """A question back is asked once: asked before, or answered "je ne sais pas" / "peu
        importe", the answer goes on with what there is and says what it assumed."""
        kind = question_back_kind(clarification)
        if kind is None or conversation is None or not conversation.turns:
            return clarification, profile
        last = conversation.turns[-1]
        refused = bool(DONT_KNOW.search(fold(question))) and last.clarification is not None
        if kind not in conversation.asked and not refused:
            return clarification, profile
        assumed = ASSUMED.get(kind, "ce que vous m'avez dit")
        if kind == "which_place" and profile.territory_candidates:
            first = profile.territory_candidates[0]
            assumed = place_label(first)
            profile = replace(profile, territory=first, territory_label=assumed,
                              territory_candidates=())
        return None, replace(
            profile, changes=(*profile.changes, Change("assume", "text", assumed))
        )

    def understand_and_retrieve(
        self,
        question: str,
        previous: Profile | None = None,
        filters: Filters | None = None,
        today: date | None = None,
        mode: Mode = "hybrid",
        k: int = 30,
        gate: bool = True,
        last_question: str | None = None,
    ) -> tuple[Profile, list[Hit]]:
        """What ``ask`` retrieves: the question's place as a filter, its profile as a boost.

        A short reply that only says where or for whom ("Rhône", "partout en France", "une
        association") answers the previous question: both are searched together."""
        fresh = _understand(question, self.retriever().library)
        profile = follow(question, previous, fresh)
        return self._retrieve(question, fresh, profile, filters, today, mode, k, gate,
                              subject=last_question)

    def _retrieve(
        self,
        question: str,
        fresh: Profile,
        profile: Profile,
        filters: Filters | None = None,
        today: date | None = None,
        mode: Mode = "hybrid",
        k: int = 0,
        gate: bool = True,
        subject: str | None = None,
    ) -> tuple[Profile, list[Hit]]:
        """A follow-up that says no new subject (a correction, a reply: "ah non, on est plutôt à
        Vienne en fait") is searched with the conversation's subject, and in a conversation
        that has one the relevance gate does not drop it."""
        k = k or ANSWER_DEPTH
        if subject and (is_reply(question, fresh) or not (fresh.needs or fresh.themes)):
            question = f"{subject} {question}"
        in_domain = bool(subject) and bool(profile.needs or profile.themes)
        filters = filters or Filters()
        promoted: set[str] = set()
        if self.flags is not None:
            hidden, promoted = self.flags()
            if hidden:
                filters = replace(filters, hidden=tuple(sorted(set(filters.hidden) | hidden)))
        if profile.territory and not filters.territory:
            filters = replace(filters, territory=profile.territory)
        elif profile.places and not filters.territory:
            filters = replace(filters, any_territory=profile.places)
        elif profile.territory_candidates and not filters.territory:
            filters = replace(filters, any_territory=profile.territory_candidates)
        blocked = not profile.territory and (
            "contradiction" in profile.issues
            or any(i.startswith("outside_france") for i in profile.issues)
        )
        if blocked:
            return profile, []
        prefer = {
            "needs": profile.need_keys(),
            "audiences": {profile.audience} if profile.audience else set(),
            "themes": set(profile.themes),
        }
        query = self._retrieval_query(question, fresh, profile)
        retriever = self.retriever()
        hits = retriever.search(
            query, filters, k=k, mode=mode, today=today, prefer=prefer, gate=False,
            promoted=promoted, advised=self._advised(question, profile, retriever.library),
        )
        # the relevance gate says whether the question is in the corpus' domain at all (a recipe,
        # the weather: nothing); within the domain, what fits the person is decided document by
        # document by the composer, not by a similarity threshold
        if gate and not in_domain and not any(retriever.relevant(h, mode) for h in hits):
            return profile, []
        return profile, hits

    @staticmethod
    def _advised(question: str, profile: Profile, library) -> set[str]:
        """What an adviser names for this question whatever its words: the branch for the
        place of each network sent to for the need (France Active for a loan, the URSCOP for a
        cooperative), and the documents about a kind of help or a subject the question names
        ("le crowdfunding", "une friperie"). The answer adds them too; lifting them here keeps
        them among the documents it reads first."""
        place = profile.territory or (profile.places[0] if profile.places else None)
        out = library.concepts_in(question, profile.hiring) | library.subjects_in(question)
        return out | set(advised_branches(advised_networks(profile), library, place))

    @staticmethod
    def _retrieval_query(question: str, fresh: Profile, profile: Profile) -> str:
        """A follow-up ("et pour l'accompagnement ?") is searched with what was learnt before."""
        extra = []
        if not fresh.themes:
            extra += [vocab.THEMES[t] for t in profile.themes]
        if not fresh.audience and profile.audience:
            extra.append(vocab.AUDIENCES[profile.audience])
        if not fresh.planned and profile.planned and profile.planned != profile.audience:
            extra.append(vocab.AUDIENCES[profile.planned])
        return question + (" (" + ", ".join(extra) + ")" if extra else "")


def _understand(question: str, library) -> Profile:
    """The question read with the places in organisations' names left out ("Savoie Mont-Blanc
    Angels" from Annecy: Annecy), unless that leaves no place at all while the name gave one
    clearly ("c koi l'ecocentre de varennes sur allier ?": the person asks about the place's
    own organisation)."""
    if library is None:
        return understand(question)
    free = library.place_free(question)
    fresh = understand(free)
    if free == question or fresh.territory or fresh.places or fresh.territory_candidates:
        return fresh
    whole = understand(question)
    if whole.territory and not whole.places and not whole.territory_candidates:
        return replace(fresh, territory=whole.territory, territory_label=whole.territory_label)
    return fresh
