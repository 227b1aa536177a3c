"""Whole sentences from a document, by what they say (for whom, what, how much, how, when), each
with the passage that holds it whole, so that every sentence of an answer is cited exactly.

Why by section: the corpus documents are written with headings that say what a section is about
("Pour qui", "Comment candidater"...). An adviser answers with eligibility, the offer, amounts, how
to apply and dates; the history of an organisation is not an answer unless it is asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..corpus.documents import Document
from ..language.french import is_known
from ..language.text import fold
from ..search.chunk import Chunk

#: section role -> words of the heading (folded) that announce it, in order of precedence
ROLES = (
    ("skip", ("contact", "source", "voir aussi", "pour aller plus loin", "a verifier")),
    ("when", ("calendrier", "dates", "date", "quand", "edition", "editions", "echeance")),
    ("how", ("comment", "candidater", "candidature", "demarche", "demarches", "deposer",
             "etapes", "etape", "procedure", "inscription", "postuler", "demande", "acces")),
    ("amount", ("montant", "montants", "combien", "cout", "tarif", "tarifs", "financement")),
    ("who", ("pour qui", "public", "publics", "beneficiaire", "beneficiaires", "eligib",
             "qui peut", "conditions", "criteres", "cible")),
    ("what", ("ce qui est propose", "propose", "offre", "accompagnement", "programme",
              "services", "aides", "dispositif", "missions", "actions", "ce que", "role")),
    ("about", ("presentation", "qui sommes", "histoire", "historique", "a propos", "en bref",
               "origine", "chiffres")),
)
#: no sentence ends after an initial or a code's article letter: "l'article L. 313-1",
#: "M. Martin" (shared with the judge, which reads answers the same way)
NOT_AFTER_INITIAL = r"(?<!\b[A-Z]\.)(?<!\bM\.)"
#: a "sentence" that stops on such a letter was cut there
ENDS_ON_INITIAL = re.compile(r"\b[A-Z]\.$")
SENTENCE_END = re.compile(r"(?<=[.!?])" + NOT_AFTER_INITIAL + r"\s+(?=[A-ZÀ-ÖØ-Ý«\"(0-9])")
BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+", re.M)
EMPHASIS = re.compile(r"\*\*([^*]+)\*\*|__([^_]+)__|\*([^*]+)\*")
LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")
#: sentences that only tell the reader to check elsewhere, or where the facts come from
EMPTY = re.compile(
    r"^(?:v[ée]rifiez|[àa] v[ée]rifier|voir |source|consultez|renseignez-vous|se renseigner"
    r"|aucun (?:courriel|t[ée]l[ée]phone|e-mail)|aucune adresse|les dates des prochains)",
    re.I,
)
#: the founding and the history of an organisation, and its claims about itself: not an answer
#: to "how do I get help"
HISTORY = re.compile(
    r"\b(?:cr[ée]{2}e? en|n[ée]e? en|fond[ée]e? en|a [ée]t[ée] cr[ée]{2}e?"
    # "depuis 2003" is history, "depuis 2026, l'aide n'est plus automatique" a rule in force
    r"|depuis (?:19\d\d|20[01]\d|202[0-4])"
    r"|en (?:19[0-9]\d|200\d|201[0-8])\b|anniversaire|ans d'existence|historique"
    r"|a [ée]t[ée] lanc[ée]e?s?|lanc[ée]e?s? (?:en|fin|d[ée]but) (?:19|20)\d\d"
    # what an organisation claims of itself is no answer either
    r"|revendiqu\w+|l'une? des premi[eè]re?s|leader (?:fran[cç]ais|europ[ée]en|du|de la)"
    r"|^\s*(?:19|20)\d\d\s*[:–-])",  # a timeline's entry: "2024 : la banque cède..."
    re.I,
)
#: what an organisation did in past years, with a count ("entre 2021 et 2024, l'Union a
#: accompagné la création de 204 coopératives", "en 2021, l'association disait avoir repéré
#: 3 000 porteurs"), who won a past prize ("le prix est allé à ..."), when it was born or
#: launched ("né à Romans en 1987", "lancée en octobre 2010"): press-kit lines, not an answer
#: (an amount with its year stays: it says what a piste gives)
COUNTED = (r"\d[\d  ]* (?:projets|personnes|porteurs|cr[ée]ations|coop[ée]ratives|emplois"
           r"|entreprises|laur[ée]ats|structures|associations|b[ée]n[ée]ficiaires|jeunes"
           r"|initiatives|femmes|familles|cr[ée]ateurs|entrepreneurs|postes|dossiers"
           r"|clubs|f[ée]d[ée]rations|salari[ée]s)\b")
#: a year three or more years back: a count or a budget of that year is a figure of the
#: past, not an offer ("2 000 postes créés en 2021-2022", "2,5 M€ pour la FFF en 2023")
_OLD = date.today().year - 3
PAST_YEAR = (r"\b(?:en|entre) (?:19\d\d|" + "|".join(str(y) for y in range(2000, _OLD + 1))
             + r")\b")
#: a programme's budget in millions: what it had, not what a project gets
MILLIONS = r"\d[\d  ,.]*\s*(?:M€|Md€|millions? d'euros|milliards?)"
PADDING = re.compile(
    r"\b(?:disai(?:en)?t avoir|avai(?:en)?t alors"
    r"|(?:a|ont|avai(?:en)?t) (?:d[ée]j[àa] )?(?:accompagn|soutenu|financ|distingu|permis"
    r"|contribu|aid|suivi|form|accord|attribu|distribu|apport)\w* [^.]{0,60}?" + COUNTED
    + r"|ont [ée]t[ée] (?:accompagn|financ|soutenu|cr[ée]{2})\w* (?:en|entre|depuis) (?:19|20)\d\d"
    r"|(?:est|sont) all[ée]e?s? [àa] |a distingu[ée]"
    # a past decision or a first project signed: an anecdote ("la commission permanente a
    # voté 18 900 € pour...", "premier projet signé de la période : ...")
    r"|commission permanente|\b(?:a|ont) vot[ée]|^premier projet (?:sign|financ|retenu)"
    r"|n[ée]e? [àa] [A-ZÀ-Ý][\w'’-]+(?: [\w'’-]+)? en (?:19|20)\d\d"
    r"|^lanc[ée]e?s? en (?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre"
    r"|octobre|novembre|d[ée]cembre) (?:19|20)\d\d)"
    r"|^(?:en|entre) (?:19|20)\d\d(?: et (?:19|20)\d\d)?, [^.]{0,80}?" + COUNTED
    + r"|" + COUNTED + r"[^.]{0,60}?" + PAST_YEAR
    + r"|" + PAST_YEAR + r"[^.]{0,60}?" + COUNTED
    + r"|" + MILLIONS + r"[^.;]{0,40}?" + PAST_YEAR
    + r"|" + PAST_YEAR + r"[^.;]{0,40}?" + MILLIONS,
    re.I,
)
MAX_CHARS = 360


@dataclass(frozen=True)
class Sentence:
    text: str
    role: str
    chunk: Chunk
    position: int  # order in the document
    heading: str = ""
    #: an item of a list announced by a sentence ending in ":" ("Il apporte :")
    item: bool = False


def role_of(heading: str) -> str:
    h = fold(heading)
    for role, words in ROLES:
        # at a word's start: "candidater" holds "date" but is no date
        if any(re.search(r"\b" + re.escape(w), h) for w in words):
            return role
    return "what"


#: a pointer to another fiche in parentheses ("(voir france-active-aura)", "(voir leurs fiches)"):
#: left out, the sentence says what it says without it
SEE_OTHER = re.compile(r"\s*\((?:voir|cf\.?)\s[^()]*\)", re.IGNORECASE)


def _clean(text: str) -> str:
    text = SEE_OTHER.sub("", text)
    text = LINK.sub(r"\1", text)
    text = EMPHASIS.sub(lambda m: m.group(1) or m.group(2) or m.group(3), text)
    return re.sub(r"\s+", " ", text).strip()


def whole(sentence: str) -> bool:
    """Starts like a sentence and ends like one (never a fragment cut by a passage boundary or
    a list item without its verb)."""
    first = sentence.lstrip('«"( ')[:1]
    return (
        bool(first)
        and (first.isupper() or first.isdigit())
        and sentence.rstrip("» )")[-1:] in ".!?"
        and not sentence.rstrip().endswith(("etc.", "...", "…"))
        and not ENDS_ON_INITIAL.search(sentence.rstrip())  # "...de l'article L."
        and len(sentence) >= 30
    )


def split_sentences(text: str) -> list[str]:
    """Sentences of a section; each list item is one (or several) sentences of its own."""
    return [s for s, _ in _pieces(text)]


def _pieces(text: str) -> list[tuple[str, bool]]:
    """(sentence, is the first sentence of a list item) of a section."""
    out = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)", text):
        item = bool(BULLET.match(block))
        block = _clean(BULLET.sub("", block.strip()))
        if not block or block.startswith("|"):
            continue
        for i, s in enumerate(SENTENCE_END.split(block)):
            s = s.strip()
            if s:
                out.append((s, item and i == 0))
    return out


def _as_sentence(item: str) -> str:
    """A list item announced by "Il apporte :" said as a sentence of its own: "un accès
    facilité à la finance solidaire ;" -> "Un accès facilité à la finance solidaire." """
    text = item.rstrip(" ;,.")
    return text[:1].upper() + text[1:] + "." if text else text


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", _clean(text))


def _sections(doc: Document) -> list[tuple[str, str]]:
    """(heading, text) of each ``##`` section, in order (text before any heading: "")."""
    parts = re.split(r"^#{2,4}\s+(.+)$", doc.text, flags=re.M)
    out = [("", parts[0])] if parts[0].strip() else []
    for i in range(1, len(parts) - 1, 2):
        out.append((parts[i].strip(), parts[i + 1]))
    return out


_CACHE: dict[tuple[str, int], tuple[Sentence, ...]] = {}


def _sentences_of(doc: Document, chunks: tuple[Chunk, ...]) -> tuple[Sentence, ...]:
    normalised = [(c, _norm(c.text)) for c in chunks if c.n > 0]
    out: list[Sentence] = []
    position = 0
    for heading, text in _sections(doc):
        role = role_of(heading)
        if role == "skip":
            continue
        listing = False  # after "Il apporte :", the items of the list
        for s, first_of_item in _pieces(text):
            position += 1
            raw, said, item = s, s, False
            if first_of_item and listing and s[:1].islower() and s.rstrip()[-1:] in ";,.":
                said, item = _as_sentence(s), True
            elif not first_of_item:
                listing = s.rstrip().endswith(":")
            if not whole(said) or EMPTY.match(said) or len(said) > MAX_CHARS:
                continue
            holder = next((c for c, t in normalised if raw in t), None)
            if holder is None:
                continue  # split across two passages: it could not be cited exactly
            out.append(Sentence(said, role, holder, position, heading, item))
    return tuple(out)


def sentences(doc: Document, chunks: tuple[Chunk, ...]) -> tuple[Sentence, ...]:
    """Every whole, citable, informative sentence of the document, with its role (computed
    once per document object: a new index version brings new objects)."""
    key = (doc.id, id(doc))
    if key not in _CACHE:
        if len(_CACHE) > 4096:
            _CACHE.clear()
        _CACHE[key] = _sentences_of(doc, chunks)
    return _CACHE[key]


def is_history(sentence: str) -> bool:
    return bool(HISTORY.search(sentence))


def is_padding(s: Sentence) -> bool:
    """A past achievement, a past winner or a birth date: left out whatever the section (an
    amount with its year is kept)."""
    return s.role != "amount" and bool(PADDING.search(s.text))


#: finite forms of the verbs documents use most: a sentence with none of them (and no
#: third-person plural) is a list entry of a fiche ("Les associations employeuses.")
VERBS = frozenset("""
est sont etait etaient sera seront peut peuvent pourra pourront doit doivent devra devront a ont
avait avaient aura auront fait font va vont permet permettent propose proposent offre offrent
accompagne accompagnent finance financent aide aident verse versent donne donnent prend prennent
reste restent existe existent faut concerne concernent vise visent s adresse adresse s adressent
adressent reunit reunissent regroupe regroupent soutient soutiennent couvre couvrent porte portent
gere gerent anime animent organise organisent attribue attribuent accorde accordent met mettent
depend dependent suffit compte comptent travaille travaillent agit agissent joue jouent recoit
recoivent cree creent instruit instruisent fixe fixent exige exigent demande demandent
""".split())
#: words in -ent that are no verbs
NOT_VERBS = frozenset("""
accompagnement financement agrement etablissement investissement departement gouvernement
developpement equipement fonctionnement logement recrutement hebergement president presidents
agent agents parent parents urgent souvent notamment egalement seulement comment moment moments
client clients patient patients adherent adherents independant permanent permanents element
elements evenement evenements montant montants talent talents accident event
""".split())
LABELS = {"who": "Pour qui", "what": "Ce qui est proposé", "amount": "Montant"}
LABELLED = re.compile(r"^[A-ZÀ-Ý][^:.]{0,40} : ")


def has_verb(text: str) -> bool:
    words = fold(text).split()
    return any(
        w in VERBS
        or (len(w) > 4 and w.endswith(("ent", "ont")) and not w.endswith("ment")
            and w not in NOT_VERBS)
        for w in words
    )


def readable(s: Sentence) -> str:
    """The sentence as said in an answer: a fiche's entry without a verb ("Les associations
    employeuses.") gets the label of its section, so that it reads as what it is."""
    label = LABELS.get(s.role)
    if not label or LABELLED.match(s.text) or has_verb(s.text):
        return s.text
    text = s.text
    first = re.match(r"[\w'’-]+", text)
    if len(text) > 1 and text[1].islower() and first and is_known(fold(first.group(0).split("'")[0]
                                                                   .split("’")[0])):
        text = text[0].lower() + text[1:]  # not a name's capital ("Efferve'sens, plateforme")
    return f"{label} : {text}"


def _french_list(parts: list[str]) -> str:
    """ "a", "a et b", "a, b et c" """
    parts = [p for p in parts if p]
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]
