"""Which of a document's whole sentences an answer says, and the passages it cites.

One sentence per role asked (for whom, what, how much, how, when), the one closest to the
person's needs and kind of structure; never a sentence that sends the reader elsewhere, shows an
internal id, tells the history or speaks of another place than the one asked."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..corpus.documents import Document
from ..language import vocab
from ..language.profile import Profile
from ..language.territory import gazetteer
from ..language.text import fold
from .fit import Fit
from .sentences import Sentence, is_history, is_padding, sentences
from .timing import status_line

#: a clause about one place: "dans le Rhône, ...", "à Lyon, ...", "en Isère, ..."
LOCAL_CLAUSE = re.compile(r"(?:dans (?:le|la|les|l')|en|à|au|aux|pour (?:le|la|l'))\s*\S", re.I)
#: a sentence about structures with no employee ("les associations sans salarié peuvent ...")
NO_STAFF = re.compile(r"\bsans (?:aucun )?salarie(?:e|s|es)?\b|\bn ont pas de salarie")

SEE_ALSO = re.compile(
    r"\((?:voir|cf\.?)\b|\bvoir (?:cette|la|les) fiches?\b|\bvoir aussi\b|\bci-dessous\b"
    r"|\bcette fiche\b|\bnos sources\b|\bpages? (?:lues?|consult[ée]es?)\b",
    re.I,
)
#: a sentence that opens on a pronoun needs the one before it: used only when nothing else says it
PRONOUN = re.compile(r"^(?:Il|Elle|Ils|Elles|Ce|Cette|Ces|Celui|Celle|Cela|Leur|Son|Sa|Ses)\b")
ID_LIKE = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+){1,}\b")
#: words of a sentence about each kind of structure (to pick the "who" sentence that concerns it)
AUDIENCE_WORDS = {
    "association": {"association", "associations", "associatif", "associative"},
    "cooperative": {"cooperative", "cooperatives", "scop", "scic"},
    "entreprise_esus": {"esus", "entreprise", "entreprises", "societe", "societes", "ess"},
    "entreprise": {"entreprise", "entreprises", "societe", "societes", "tpe", "pme"},
    "structure_insertion": {"insertion", "siae", "iae"},
    "collectivite": {"collectivite", "collectivites", "commune", "communes"},
    "porteur_projet": {"creer", "creent", "createurs", "porteurs", "porteur"},
}


#: a programme's total, not what a project gets: "enveloppe nationale PSF de 81 M€ en 2022",
#: "46 lauréats se sont partagé 2,7 M€", "budget annuel annoncé de 3,4 M€"
TOTALS = re.compile(r"\benveloppe\b|\bau total\b|\bbudget annuel\b|se sont partag"
                    r"|projets financ[ée]s pour|\bM€ (?:pour|inscrits)\b", re.IGNORECASE)


def per_project(amount: str) -> str:
    """A document's amount without the programme's totals (nothing when that is all it
    says)."""
    parts = [p.strip() for p in amount.split(" ; ")]
    return " ; ".join(p for p in parts if p and not TOTALS.search(p))


@lru_cache(maxsize=8192)
def _places_named(sentence: str) -> tuple[tuple[str, ...], ...]:
    from ..language.places import find_mentions

    mentions, _ = find_mentions(sentence, typos=False)  # a document is spelt right
    # each place named, with its readings ("Guyane": the region and its department)
    return tuple(tuple(m.codes) for m in mentions if m.codes)


def _holds(code: str, place: str) -> bool:
    """The place read as ``code`` is the person's place, around it or in it."""
    g = gazetteer()
    return code == place or code in g.ancestors(place) or place in g.ancestors(code)


@lru_cache(maxsize=256)
def _paragraphs_about(text: str, focus: str) -> tuple[str, ...]:
    """The folded paragraphs of a document's text about ``focus`` (folded): those that open on
    its name ("**Prix « Ouvre-Boîte ».** Ce concours...") or stand under a heading naming it."""
    out = []
    under = False
    for paragraph in re.split(r"\n\s*\n", text):
        folded = f" {fold(paragraph)} "
        heading = paragraph.lstrip().startswith("#")
        if heading:
            under = f" {focus} " in folded
            continue
        if under or f" {focus} " in f" {' '.join(folded.split()[:8])} ":
            out.append(folded)
    return tuple(out)


def _in_paragraphs(sentence: str, doc: Document, focus: str) -> bool:
    """The sentence names the scheme, or stands in a paragraph about it."""
    words = fold(sentence)
    return bool(words) and (f" {focus} " in f" {words} " or any(
        words in p for p in _paragraphs_about(doc.text, focus)))


#: words of any question (folded, their first six letters): never what is asked of a guide
COMMON_STEMS = frozenset(w[:6] for w in (
    "comment", "quelle", "quelles", "quels", "notre", "votre", "nous", "vous", "association",
    "associations", "projet", "projets", "besoin", "faire", "peut", "peuvent", "avons", "aurait",
    "voudrait", "voudrions", "bonjour", "merci", "est-ce", "quoi", "pourquoi", "combien",
    "depuis", "toujours", "encore", "jamais", "petite", "petit", "structure", "existe",
    "possible", "demander", "aider", "aide", "aides", "cherche", "cherchons", "savoir",
    # the words of every ESS story: who, where, what kind of help
    "salaries", "salariees", "personnes", "entreprise", "entreprises", "creer", "creation",
    "activite", "developper", "developpement", "financer", "financement", "accompagner",
    "accompagnement", "commune", "village", "quartier", "region", "departement", "habitants",
    "membres", "adherents", "lancer", "monter", "ouvrir", "fonctionne",
    "marche", "euros", "annee", "annees", "prochain", "premier", "premiere", "plusieurs"))


def _stems(text: str) -> set[str]:
    """The first six letters of its words of five letters or more, and of its rarer short
    words ("club", "bail", "cuve"; not "pour", "mois")."""
    from ..language.french import frequencies

    freq = frequencies()
    return {w[:6] for w in fold(text).split()
            if len(w) >= 5 or (len(w) == 4 and freq.get(w, 0) < 60_000)}


class PickMixin:
    """The sentences and passages of a piste's document."""

    def _pick(self, fit: Fit, roles, count: int, profile: Profile | None, place,
              said: str = "") -> list[Sentence]:
        """Whole sentences of the document, one per role in order, then the best remaining
        (none already ``said`` in the answer)."""
        # a list's items are said where their list is asked for (what a scheme brings), not
        # as a piste's sentences
        pool = [s for s in self._usable(fit, place)
                if not s.item and not (said and s.text in said)]
        others: set[str] = set()
        mine: set[str] = set()
        if profile is not None:
            words = set(fold(" ".join(vocab.NEEDS.get(n, n) for n in profile.needs)).split())
            # who it is for: the sentence about the person's kind of structure
            for who in (profile.audience, profile.planned):
                mine |= AUDIENCE_WORDS.get(who, set())
            words |= mine
            if profile.own_business or profile.audience == "entreprise":
                # a business (or one of its own to be): a sentence on associations or cooperatives
                # only is another public's ("une association ou une coopérative doit vérifier")
                others = (AUDIENCE_WORDS["association"] | AUDIENCE_WORDS["cooperative"]) - mine
        else:
            words = set()
        chosen: list[Sentence] = []
        employer = profile is not None and profile.employer
        for role in roles:
            options = [s for s in pool if s.role == role and s not in chosen]
            if role == "who" and employer:
                # the sentence for structures without staff is not about an employer
                options = [s for s in options if not NO_STAFF.search(fold(s.text))]
            if options:
                def rank(s: Sentence, role: str = role) -> tuple[bool, int, bool, int]:
                    said = set(fold(s.text).split())
                    # (who it is for: a sentence on another public only comes last)
                    theirs = role == "who" and bool(others & said) and not mine & said
                    return (not theirs, len(words & said), not PRONOUN.match(s.text),
                            -s.position)

                best = max(options, key=rank)
                chosen.append(best)
            if len(chosen) >= count:
                break
        return sorted(chosen, key=lambda s: s.position)[:count]

    def _answering(self, fit: Fit, question: str, place, said: str = "") -> Sentence | None:
        """The sentence of a guide that answers the question's own words ("le bénévolat et la
        salle gratuite, on les met où ?": its sentence on contributions in kind): two words of
        the question that are rare in the guide (not its subject, said everywhere in it), in
        the sentence or its heading."""
        pool = [s for s in self._usable(fit, place) if not (said and s.text in said)]
        if len(pool) < 6 or not question:
            return None
        # what the question asks, not its story (the words of its sentences that end with a
        # question mark, else of its last sentence); the guide's own subject, in its title, is
        # in most of its sentences
        asking = [x for x in re.split(r"(?<=[.?!])\s+", question) if x.strip()]
        asking = [x for x in asking if "?" in x] or asking[-1:]
        asked = _stems(" ".join(asking)) - COMMON_STEMS - _stems(fit.doc.title)
        seen = {id(s): _stems(f"{s.heading} {s.text}") & asked for s in pool}
        spread: dict[str, int] = {}
        for stems in seen.values():
            for stem in stems:
                spread[stem] = spread.get(stem, 0) + 1
        rare = {x for x, n in spread.items() if n <= len(pool) // 5}
        best = max(pool, key=lambda s: (len(seen[id(s)] & rare), -s.position))
        return best if len(seen[id(best)] & rare) >= 2 else None

    def _usable(self, fit: Fit, place) -> list[Sentence]:
        """Its sentences an answer may say (see the module's docstring), for this place;
        computed once per document, passages, place and scheme in focus (an answer asks for
        them many times)."""
        key = (fit.doc.id, tuple(c.id for c in fit.hit.chunks), place, fit.focus)
        memo = self.__dict__.setdefault("_usable_memo", {})
        if key not in memo:
            if len(memo) > 4096:
                memo.clear()
            memo[key] = tuple(self._usable_now(fit, place))
        return list(memo[key])

    def _usable_now(self, fit: Fit, place) -> list[Sentence]:
        doc = fit.doc
        usable = [
            s for s in sentences(doc, fit.hit.chunks)
            if not SEE_ALSO.search(s.text)
            and not self._internal_ids(s.text)
            and (s.role == "about" or not is_history(s.text))
            and not is_padding(s)
            and not self._elsewhere(s.text, doc, place)
        ]
        usable = [self._without_other_places(s, doc, place) for s in usable]
        if fit.focus:
            # the scheme asked about inside a wider page: the sentences of its paragraphs
            focused = [s for s in usable if _in_paragraphs(s.text, doc, fit.focus)]
            if focused:
                return focused
        return usable

    def _in_order(self, fit: Fit, roles, count: int, place) -> list[Sentence]:
        """The document's own sentences of these roles, in its order (the steps of a guide)."""
        return [s for s in self._usable(fit, place) if s.role in roles][:count]

    @staticmethod
    def _internal_ids(text: str) -> bool:
        return any("-" in m and m.count("-") >= 1 and not m[0].isdigit()
                   and m.lower() == m for m in ID_LIKE.findall(text)
                   if len(m) > 12)

    @staticmethod
    def _elsewhere(sentence: str, doc: Document, place: str | None) -> bool:
        """A sentence of a wider document about another place than the one asked ("dans le
        Rhône, ..." in a national document, asked from Brest): left out."""
        if not place:
            return False
        def here(codes) -> bool:  # a reading of the name is the place, around it or in it
            return any(_holds(code, place) for code in codes)

        named = _places_named(sentence)
        for codes in named:
            if "FR" in codes:
                continue
            if set(codes) & set(doc.territories):
                # one of its several territories ("en Haute-Loire, ..." in France Active
                # Auvergne's page, asked from Aurillac): elsewhere when the sentence names none
                # that holds the place
                if len(doc.territories) > 1 and not any(here(c) for c in named):
                    return True
                continue
            if not here(codes):
                return True
        return False

    def _without_other_places(self, s: Sentence, doc: Document, place) -> Sentence:
        """A national page's sentence without its clause about one place ("...du département
        du siège social ; dans le Rhône, la DDETS du Rhône."), unless that place is the
        person's."""
        if "; " not in s.text or "FR" not in doc.territories:
            return s
        def theirs(clause: str) -> bool:  # about a place that is not the person's
            named = [c for codes in _places_named(clause) for c in codes if c != "FR"]
            return bool(named) and not (place and any(_holds(c, place) for c in named))

        parts = [x.strip() for x in s.text.rstrip(".").split("; ")]
        kept = [parts[0]] + [x for x in parts[1:] if not (LOCAL_CLAUSE.match(x) and theirs(x))]
        if len(kept) == len(parts):
            return s
        return replace(s, text="; ".join(kept) + ".")

    @staticmethod
    def _card_passage(fit: Fit):
        return next((c for c in fit.hit.chunks if c.n == 0), fit.hit.passages[0].chunk)

    def _role_passage(self, fit: Fit, role: str):
        s = next((s for s in sentences(fit.doc, fit.hit.chunks) if s.role == role), None)
        return s.chunk if s else None

    def _amount_and_dates(self, fit: Fit, chosen: list, cites, card) -> list[str]:
        """The amount (unless a chosen sentence says it) and the open/closed line of a piste,
        each cited (to ``card`` for the amount, to the passage about dates when there is one)."""
        doc, lines = fit.doc, []
        amount = per_project(doc.amount or "")
        if amount and not any(doc.amount in s.text for s in chosen):
            lines.append(f"Montant : {amount}. [{cites.cite(doc, card)}]")
        when = status_line(doc, cites.today)
        if when:
            holder = self._role_passage(fit, "when") or card
            lines.append(f"{when} [{cites.cite(doc, holder)}]")
        return lines

    def _who_passage(self, fit: Fit):
        return self._role_passage(fit, "who") or self._card_passage(fit)
