"""French analysis for BM25: fold accents, drop stop words, Snowball-stem.

Accents are removed *before* stemming so that "mobilite" typed without accents and "mobilité"
in a document give the same stem.
"""

from __future__ import annotations

from functools import cache

from ..language.tables import stored
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


@stored  # kept on disk: importing bm25s (and SciPy) costs a cold `ask` 0.25 s
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


class Bm25:
    """The BM25 index bm25s wrote (``bm25/``), read and scored with numpy alone.

    bm25s stores each token's score in every passage that has it (a CSC matrix); a query's
    scores are the sum of its tokens' columns. Reading the files directly spares a cold
    ``assistant ask`` the import of bm25s and SciPy (0.25 s); ``tests/search/test_index.py``
    checks the scores equal bm25s' own.
    """

    #: the scoring methods whose scores are the stored columns alone
    METHODS = ("lucene", "robertson", "atire")

    def __init__(self, folder) -> None:
        import json
        from pathlib import Path

        import numpy as np

        folder = Path(folder)
        params = json.loads((folder / "params.index.json").read_text(encoding="utf-8"))
        if params.get("method") not in self.METHODS:
            raise ValueError(f"BM25 method {params.get('method')!r} is not read here")
        self.num_docs = int(params["num_docs"])
        self.dtype = np.dtype(params.get("dtype", "float32"))
        self.data = np.load(folder / "data.csc.index.npy")
        self.indices = np.load(folder / "indices.csc.index.npy")
        self.indptr = np.load(folder / "indptr.csc.index.npy")
        self.vocab: dict[str, int] = json.loads(
            (folder / "vocab.index.json").read_text(encoding="utf-8")
        )

    def get_scores(self, tokens: list[str]):
        import numpy as np

        scores = np.zeros(self.num_docs, dtype=self.dtype)
        ids = [self.vocab[t] for t in tokens if t in self.vocab]
        if not ids:
            return scores
        parts = [(self.indptr[i], self.indptr[i + 1]) for i in ids]
        np.add.at(
            scores,
            np.concatenate([self.indices[a:b] for a, b in parts]),
            np.concatenate([self.data[a:b] for a, b in parts]),
        )
        return scores
