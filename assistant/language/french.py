"""Everyday French words and how common they are, to tell a word from a name.

"la montagne", "le bois", "tours" are communes and everyday words; "autistes" is a word that the
typo corrector must not turn into "artistes". The frequencies come from the French dictionary of
the ``pyspellchecker`` package (MIT; word counts from film subtitles), folded like the questions.
"""

from __future__ import annotations

import gzip
import json
from importlib import resources

from .tables import stored
from .text import fold

_PLAIN = str.maketrans("àâäáãåçéèêëíìîïñóòôöõúùûüýÿ", "aaaaaaceeeeiiiinooooouuuuyy")

#: a word seen at least this often is an everyday word (``montagne`` 8755, ``plaine`` 644,
#: ``roche`` 1181; names such as ``vaise`` or ``gerland`` are absent)
COMMON = 300


@stored
def frequencies() -> dict[str, int]:
    """Folded French word -> count (accented and plain spellings added together)."""
    data = resources.files("spellchecker").joinpath("resources", "fr.json.gz").read_bytes()
    raw: dict[str, int] = json.loads(gzip.decompress(data))
    out: dict[str, int] = {}
    for word, count in raw.items():
        key = word if word.isascii() else word.translate(_PLAIN)
        if not key.isalpha() or not key.isascii():
            key = fold(word)  # œ, apostrophes, hyphens: the slow, exact way (a few words)
            if not key or " " in key:
                continue
        out[key] = out.get(key, 0) + int(count)
    return out


def is_common(word: str, at_least: int = COMMON) -> bool:
    """An everyday word (folded, one word)."""
    return frequencies().get(word, 0) >= at_least


def is_known(word: str) -> bool:
    """A French word at all (however rare): not a typo to correct."""
    return word in frequencies()
