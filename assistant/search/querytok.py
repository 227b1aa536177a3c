"""The model's tokenizer for questions, without loading the whole tokenizer file.

multilingual-e5-small reads text cut by a SentencePiece unigram model of 250,000 pieces; loading
its ``tokenizer.json`` takes 1.1–1.5 s, most of a cold ``assistant ask``. A question is written in
French with the characters of Latin-1 and a few typographic ones: for such text the same cut needs
only the 96,000 pieces made of those characters (no other piece can take part in the best cut of
a text that lacks its characters). This module keeps those pieces (id and score) in the reader's
cache folder, loads them in about 50 ms, and cuts with the same Viterbi search as the library
(``tests/search/test_embed.py`` checks the ids are equal on every line of the corpus and every
question of the evaluation sets). A question with any other character goes through the library.
"""

from __future__ import annotations

import hashlib
import pickle
from functools import cache
from pathlib import Path

#: characters this tokenizer handles; anything else goes to the library's tokenizer
SAFE = frozenset(
    [chr(c) for c in range(32, 127)]
    + list("àâäáçéèêëíìîïñóòôöúùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ’‘«»–—…€°²³·")
)
#: what the model's normaliser turns these characters into (checked by the tests)
NORMALISED = str.maketrans({"…": "...", "²": "2", "³": "3"})
BOS, EOS, UNK = 0, 2, 3
SPACE = "▁"


class QueryTokenizer:
    def __init__(self, pieces: dict[str, tuple[int, float]], unk_score: float) -> None:
        self.pieces = pieces
        self.unk_score = unk_score
        self.longest = max(len(p) for p in pieces)

    def handles(self, text: str) -> bool:
        return all(c in SAFE for c in text)

    def encode(self, text: str, max_tokens: int) -> list[int]:
        """Ids with <s> and </s>, cut to ``max_tokens`` as the library does."""
        text = text.translate(NORMALISED)
        # runs of spaces count as one, leading ones as none; a trailing one is a piece
        words = text.lstrip(" ").split(" ")
        tail = len(words) > 1 and words[-1] == ""
        words = [w for w in words if w]
        ids = [BOS]
        if words:
            for word in words:
                ids += self._cut(SPACE + word)
            if tail:
                ids += self._cut(SPACE)
        ids = ids[: max_tokens - 1]
        return ids + [EOS]

    def _cut(self, word: str) -> list[int]:
        """The unigram model's best cut of one word (Viterbi on the pieces' log-probabilities);
        a character no piece has is <unk>, as in the library."""
        n = len(word)
        score = [float("-inf")] * (n + 1)
        back: list[tuple[int, int]] = [(0, UNK)] * (n + 1)
        score[0] = 0.0
        get = self.pieces.get
        for end in range(1, n + 1):
            best, arg = float("-inf"), (end - 1, UNK)
            for start in range(max(0, end - self.longest), end):
                if score[start] == float("-inf"):
                    continue
                piece = get(word[start:end])
                if piece is not None:
                    s = score[start] + piece[1]
                    if s > best:
                        best, arg = s, (start, piece[0])
                elif end - start == 1:
                    s = score[start] + self.unk_score
                    if s > best:
                        best, arg = s, (start, UNK)
            score[end], back[end] = best, arg
        out = []
        end = n
        while end > 0:
            start, piece_id = back[end]
            out.append(piece_id)
            end = start
        return out[::-1]


def _build(tokenizer_file: Path) -> tuple[dict[str, tuple[int, float]], float]:
    import json

    vocab = json.loads(tokenizer_file.read_text(encoding="utf-8"))["model"]["vocab"]
    pieces = {
        piece: (i, float(score))
        for i, (piece, score) in enumerate(vocab)
        if i > UNK and all(c in SAFE or c == SPACE for c in piece)
    }
    unk_score = min(float(s) for _, s in vocab[UNK + 1 :]) - 10.0  # the library's penalty
    return pieces, unk_score


@cache
def query_tokenizer(tokenizer_file: Path) -> QueryTokenizer:
    """The pieces read from the cache folder, or taken from ``tokenizer_file`` and stored."""
    from ..language.tables import _store, cache_dir

    stat = tokenizer_file.stat()
    key = hashlib.sha1(
        f"{tokenizer_file.resolve()} {stat.st_size} {stat.st_mtime_ns}".encode()
        + Path(__file__).read_bytes()
    ).hexdigest()[:16]
    path = cache_dir() / f"querytok.pieces-{key}.pickle"
    try:
        with open(path, "rb") as fh:
            pieces, unk_score = pickle.load(fh)
    except Exception:  # noqa: BLE001 - missing or damaged: built again
        pieces, unk_score = _build(tokenizer_file)
        _store(path, (pieces, unk_score))
    return QueryTokenizer(pieces, unk_score)
