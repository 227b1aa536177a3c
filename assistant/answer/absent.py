"""A scheme, programme or organisation the question names that no source mentions.

"C'est quoi Monalisa ?", "le dispositif Cap Jeunes Entreprendre peut-il nous financer ?": when the
corpus says nothing of it, an adviser says so ("je n'ai pas de source sur Monalisa") before
offering what fits the project, instead of answering as if the pistes were about it. A name is
absent when its words never appear together in any document (title, aliases or text); names made
only of everyday words ("la meilleure solution") are not names.
"""

from __future__ import annotations

import re

from ..language.french import is_common
from ..language.text import fold

#: what introduces a name: a question about it, or the kind of thing it is
CUE = re.compile(
    r"\b(?:c est quoi|c etait quoi|qu est ce que c est que|qu est ce que|connaissez vous"
    r"|vous connaissez|tu connais|des infos sur|entendu parler d|entendu parler de|parler du"
    r"|le dispositif|les dispositifs|du dispositif|au dispositif|le programme|du programme"
    r"|au programme|l appel a projets|l appel a projet|l appel|le fonds|du fonds|au fonds"
    r"|le prix|au prix|le label|du label|le reseau|du reseau|la plateforme|l incubateur"
    r"|la fondation|de la fondation|l accelerateur|le parcours|le pret|la bourse|le concours"
    r"|au concours|le trophee|la subvention|l aide|un programme|un dispositif|un fonds"
    r"|la prime|de la prime|une prime"
    r"|un label|une plateforme|un incubateur|une fondation)\s+"
)
ARTICLES = {"le", "la", "les", "l", "un", "une", "du", "des", "d", "de"}
#: words that end a name: verbs, pronouns, what follows a name in a sentence
STOP = {
    "pour", "qui", "que", "quoi", "on", "je", "j", "nous", "vous", "il", "elle", "est", "c",
    "ca", "peut", "peuvent", "pourrait", "serait", "et", "ou", "mais", "car", "si", "dans",
    "avec", "sur", "a", "au", "aux", "en", "par", "ce", "cette", "comment", "combien", "quand",
    "exactement", "vraiment", "svp", "merci", "bonjour", "alors", "donc", "aussi", "pas", "ne",
    "n", "me", "m", "se", "s", "y", "nos", "notre", "mon", "ma", "mes", "son", "sa", "ses",
    "finphrase",
    # verbs that follow a name ("la fondation X avait un appel", "le fonds Y propose")
    "avait", "avaient", "aurait", "ont", "etait", "sera", "propose", "proposait", "lance",
    "organise", "finance", "offre", "donne", "accorde", "fait", "parle", "existe",
}
WORD = re.compile(r"[a-z0-9]+")
#: the end of a sentence, written as a word that stops a name
SENTENCE_END = re.compile(r"[?!.;]+(?=\s|$)")
END = "finphrase"
#: a comparison asked, not a name ("la différence entre ...")
COMPARING = {"difference", "differences", "distinction", "ecart", "avantages", "inconvenients"}
#: what a thing is, before its name ("le fonds Vivre Ensemble")
KINDS = {"fonds", "fondation", "dispositif", "programme", "appel", "prix", "label", "prime",
         "reseau", "plateforme", "incubateur", "accelerateur", "parcours", "concours", "trophee",
         "aide", "subvention", "bourse", "pret"}


def sentence(names: list[str]) -> str:
    """What the answer says first when the question names what no source mentions."""
    quoted = " ni ".join(f"« {n} »" for n in names[:2])
    return (
        f"Je n'ai aucune source sur {quoted} : je ne peux pas vous dire ce que c'est ni à "
        "quelles conditions ; demandez-le à l'organisme qui le porte. Voici ce que mes sources "
        "proposent pour votre projet."
    )


def candidates(question: str) -> list[str]:
    """Names introduced by a cue, as the person wrote them ("Monalisa", "Cap Jeunes
    Entreprendre"), at most five words each, never past the end of the sentence ("c'est quoi
    les étapes ? faut dissoudre l'asso ?" names nothing)."""
    question = SENTENCE_END.sub(f" {END} ", question)
    folded = fold(question)
    original = _words_of(question)
    out = []
    for m in CUE.finditer(folded):
        start = len(WORD.findall(folded[: m.end()]))
        words = []
        for i in range(start, min(start + 7, len(original))):
            w = fold(original[i])
            if not words and w in ARTICLES:
                continue
            if w in STOP or (words and w in ARTICLES and i + 1 < len(original)
                             and fold(original[i + 1]) in STOP):
                break
            words.append(original[i])
            if len(words) == 5:
                break
        while words and fold(words[-1]) in ARTICLES:
            words.pop()
        while len(words) > 1 and fold(words[0]) in KINDS:
            words.pop(0)  # "fondation Macif": the name is Macif
        if words and fold(words[0]) in COMPARING:
            continue  # "c'est quoi la différence entre une scop et une scic ?": no name
        if m.group(0).startswith("un") and not any(w[:1].isupper() for w in words):
            continue  # "un programme de mentorat": their own project, no name ("un programme
            # SLIME" is one)
        if words:
            out.append(" ".join(words))
    return list(dict.fromkeys(out))


def _words_of(text: str) -> list[str]:
    """The words of ``text`` in their written form, split where ``fold`` splits them."""
    out = []
    for raw in re.split(r"[^\w]+", text.replace("’", "'")):
        if not raw:
            continue
        out += [p for p in re.split(r"_+", raw) if p]
    return out


def is_name(words: str) -> bool:
    """A proper name, not a phrase of everyday words: a capital letter or an acronym past
    the first word, or a word that is no everyday French word."""
    parts = words.split()
    if any(p[:1].isupper() for p in parts) or any(p.isupper() and len(p) > 1 for p in parts):
        return any(not is_common(fold(p)) or p[:1].isupper() for p in parts)
    return any(not is_common(fold(p)) and len(fold(p)) >= 4 for p in parts)


def absent_names(question: str, mentioned) -> list[str]:
    """The names of the question that ``mentioned(folded_phrase)`` says no document contains."""
    out = []
    for name in candidates(question):
        if not is_name(name):
            continue
        folded = fold(name)
        if folded and not mentioned(folded):
            out.append(name)
    return out
