"""The expressions of the vocabularies found in a folded question, and typos corrected.

Each table of :mod:`.vocab` maps keys to the (accent-free, lower-case) expressions people use;
longer expressions win and each span of text is read once. A long word one edit away from exactly
one vocabulary word is corrected, unless it is a French word or a word of a place name."""

from __future__ import annotations

from functools import cache

from . import vocab
from .french import is_known
from .text import deletions, edit_distance

#: Typos are corrected only in words at least this long (shorter words collide too often).
TYPO_MIN_LEN = 7


@cache
def _vocab_words() -> dict[str, str]:
    """Every single word used in the expression tables (for typo correction)."""
    tables = (vocab.NEED_WORDS, vocab.THEME_WORDS, vocab.AUDIENCE_WORDS, vocab.STAGE_WORDS)
    words = {w for t in tables for ps in t.values() for p in ps for w in p.split()}
    words |= {w for p in vocab.FINANCING_WORDS for w in p.split()}
    return {w: w for w in words if len(w) >= TYPO_MIN_LEN}


@cache
def _typo_index() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for w in _vocab_words():
        for key in deletions(w) | {w}:
            out.setdefault(key, set()).add(w)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _place_words() -> frozenset[str]:
    """Every word of a place name: "laurent" (Saint-Laurent-du-Maroni) is no typo of "lauréat"."""
    from .placenames import name_index

    return frozenset(w for name in name_index() for w in name.split())


#: the letters French elides before a vowel ("d'", "l'", "m'", "j'", "n'", "s'", "t'")
ELIDED = frozenset("dlmjnst")


def correct_typos(folded: str) -> str:
    """Replace a long word one edit away from exactly one vocabulary word ("subention"). A
    French word ("autistes" is no "artistes") or a word of a place name is left alone."""
    known = _vocab_words()
    idx = _typo_index()
    out = []
    for w in folded.split():
        if (len(w) >= 4 and w[0] in ELIDED and w not in known and not is_known(w)
                and w not in _place_words() and (w[1:] in known or is_known(w[1:]))):
            # an apostrophe left out, as in text messages: "pas dapport", "qui peut maider"
            out += [w[0], w[1:]]
            continue
        if (
            len(w) >= TYPO_MIN_LEN
            and w not in known
            and not is_known(w)
            and w not in _place_words()
        ):
            cands: set[str] = set()
            for key in deletions(w) | {w}:
                cands |= idx.get(key, frozenset())
            cands = {c for c in cands if edit_distance(w, c) <= 1}
            if len(cands) == 1:
                w = next(iter(cands))
        out.append(w)
    return " ".join(out)


_EXPRESSIONS: dict[int, list[tuple[str, list[str]]]] = {}


def _expressions(table: dict[str, tuple[str, ...]]) -> list[tuple[str, list[str]]]:
    """(" expression ", keys) longest first, computed once per vocabulary table."""
    if id(table) not in _EXPRESSIONS:
        keys_of: dict[str, list[str]] = {}
        for key, phrases in table.items():
            for phrase in phrases:
                keys_of.setdefault(phrase, []).append(key)
        ordered = sorted(keys_of, key=len, reverse=True)
        _EXPRESSIONS[id(table)] = [(f" {p} ", keys_of[p]) for p in ordered]
    return _EXPRESSIONS[id(table)]


def _phrases(folded: str, table: dict[str, tuple[str, ...]]) -> list[str]:
    """Keys whose expressions occur, in order of appearance. Longer expressions win and each
    span of text is used once; an expression listed under two keys ("e-santé") gives both."""
    text = f" {folded} "
    found: dict[str, int] = {}
    for needle, keys in _expressions(table):
        at = text.find(needle)
        if at >= 0:
            text = text.replace(needle, " " + "|" * (len(needle) - 2) + " ")
            for key in keys:
                found[key] = min(found.get(key, at), at)
    return sorted(found, key=found.get)


def _has(text: str, phrases) -> int:
    """Position of the first phrase found in ``text`` (padded), or -1."""
    found = [text.find(f" {p} ") for p in phrases]
    found = [f for f in found if f >= 0]
    return min(found) if found else -1
