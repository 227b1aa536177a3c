"""Text normalisation shared by the question reader, BM25 and the gazetteer."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower case, accents removed, apostrophes and hyphens turned into spaces.

    "Villeurbanne", "l'Île-d'Abeau" -> "villeurbanne", "l ile d abeau": what users type without
    accents and what the official names say then compare equal.
    """
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("œ", "oe").replace("æ", "ae")
    return " ".join(_WORD.findall(text))


def words(text: str) -> list[str]:
    return fold(text).split()


def contains_phrase(folded: str, phrase: str) -> bool:
    """Whole-word match of an already folded phrase in folded text."""
    return f" {phrase} " in f" {folded} "
