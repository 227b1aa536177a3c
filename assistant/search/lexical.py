"""French analysis for BM25: fold accents, drop stop words, Snowball-stem.

Accents are removed *before* stemming so that "mobilite" typed without accents and "mobilité"
in a document give the same stem.
"""

from __future__ import annotations

from functools import cache

from ..language.text import words

#: Kept although short: acronyms that matter in this field.
KEEP = {"ess", "iae", "dla", "aap", "ami", "qpv", "esus", "scop", "scic", "cae", "epci", "siae"}
EXTRA_STOP = {
    "je",
    "j",
    "l",
    "d",
    "qu",
    "c",
    "s",
    "n",
    "m",
    "t",
    "y",
    "a",
    "quel",
    "quelle",
    "quels",
    "quelles",
    "comment",
    "est",
    "ce",
    "cela",
    "ca",
    "pour",
    "veux",
    "voudrais",
    "peux",
    "puis",
    "faire",
    "avoir",
    "etre",
    "mon",
    "ma",
    "mes",
    "notre",
    "nos",
    "svp",
    "merci",
    "bonjour",
    "qui",
    "quoi",
    "ou",
    "il",
    "elle",
    "on",
}


@cache
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_FRENCH

    folded = {" ".join(words(w)) for w in STOPWORDS_FRENCH}
    return frozenset((folded | EXTRA_STOP) - KEEP)


@cache
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("french")


def analyse(text: str) -> list[str]:
    stop = _stopwords()
    toks = [w for w in words(text) if w not in stop and (len(w) > 1 or w.isdigit())]
    return _stemmer().stemWords(toks)
