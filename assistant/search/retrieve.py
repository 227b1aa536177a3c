"""Hybrid retrieval: BM25 and dense scores per passage, grouped per document, fused by rank.

Why reciprocal rank fusion: BM25 and cosine scores live on unrelated scales; fusing ranks needs no
calibration and measured best on both benchmarks (BENCHMARK.md). Filters (territory containment,
kind, needs, audiences, status) are applied before ranking, so a filtered-out document never
takes a place in the list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Literal

import numpy as np

from ..config import RetrievalSettings
from ..corpus.documents import Document
from ..language.territory import gazetteer
from ..language.zones import frr_status
from .chunk import Chunk
from .embed import Embedder
from .index import Index
from .lexical import analyse

Mode = Literal["hybrid", "bm25", "dense"]


@dataclass(frozen=True)
class Filters:
    territory: str | None = None
    kinds: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    #: when the place is not settled yet (Valence: 26 or 82?), documents that apply to one of them
    any_territory: tuple[str, ...] = ()

    def allows(self, doc: Document, today: date) -> bool:
        return self.allows_besides_place(doc, today) and self.allows_place(doc)

    def narrows_besides_place(self) -> bool:
        return bool(self.hidden or self.kinds or self.needs or self.audiences or self.statuses)

    def allows_place(self, doc: Document) -> bool:
        if self.territory and not gazetteer().applies(
            doc.territories, self.territory, doc.excluded_territories
        ):
            return False
        if "frr" in doc.zones and self.territory:
            status = frr_status(self.territory)
            if status is not None and status.classed is False:
                return False  # reserved to FRR communes, and this one is not classed
        if self.any_territory and not any(
            gazetteer().applies(doc.territories, t, doc.excluded_territories)
            for t in self.any_territory
        ):
            return False
        return True

    def allows_besides_place(self, doc: Document, today: date) -> bool:
        if doc.id in self.hidden:
            return False
        if self.kinds and doc.kind not in self.kinds:
            return False
        if self.needs and doc.needs and not set(self.needs) & set(doc.needs):
            return False
        if self.audiences and doc.audiences and not set(self.audiences) & set(doc.audiences):
            return False
        if self.statuses and doc.status(today) not in self.statuses:
            return False
        return True


@dataclass(frozen=True)
class Passage:
    chunk: Chunk
    dense: float
    bm25: float


@dataclass(frozen=True)
class Hit:
    doc: Document
    score: float
    dense: float
    bm25: float
    passages: tuple[Passage, ...] = field(default=())
    boosted: bool = False
    #: every passage of the document, in order: the composer cites the one that holds a sentence
    chunks: tuple[Chunk, ...] = field(default=())

    @property
    def best(self) -> Passage:
        return self.passages[0]


class Retriever:
    def __init__(
        self, index: Index, embedder: Embedder, settings: RetrievalSettings | None = None
    ) -> None:
        self.index, self.embedder = index, embedder
        self.settings = settings or RetrievalSettings()
        self._docs = [index.documents[d] for d in index.doc_ids]
        by_doc: dict[str, list[Chunk]] = {}
        for chunk in index.chunks:
            by_doc.setdefault(chunk.doc_id, []).append(chunk)
        self.chunks_of = {k: tuple(sorted(v, key=lambda c: c.n)) for k, v in by_doc.items()}
        self._library = None
        self._place_rows: list[tuple[int, np.ndarray]] | None = None
        self._value_rows: dict[str, dict[str, np.ndarray]] = {}
        self._branch_of: np.ndarray | None = None
        self._at_home: np.ndarray | None = None
        self._row = {d: i for i, d in enumerate(index.doc_ids)}
        # cards that say what the document is (a summary written for it, not a bare title)
        self._card_rows = np.array(
            [r for r, c in enumerate(index.chunks)
             if c.n == 0 and index.documents[c.doc_id].summary], dtype=np.int64)
        self._card_docs = index.chunk_doc[self._card_rows]

    @property
    def library(self):
        """What the composer knows about the whole corpus (names, networks, coverage)."""
        if self._library is None:
            from ..answer.library import Library

            self._library = Library(self._docs, self.chunks_of, self.documents_with)
        return self._library

    #: more documents than this with every word of a name: the name is common, not unknown
    MANY = 40

    def documents_with(self, words: list[str]) -> list[str] | None:
        """Ids of the documents whose passages have every one of ``words`` (as BM25 reads
        them: folded, stemmed, stop words dropped); None when more than ``MANY`` have them."""
        rows = None
        for word in words:
            toks = analyse(word)
            if not toks:
                continue  # "de", "la": no constraint
            scores = np.asarray(self.index.bm25.get_scores(toks), dtype=np.float32)
            docs = set(self.index.chunk_doc[np.flatnonzero(scores > 0)].tolist())
            rows = docs if rows is None else rows & docs
            if not rows:
                return []
        if rows is None or len(rows) > self.MANY:
            return None
        return [self.index.doc_ids[i] for i in sorted(rows)]

    # -- filters, computed per kind of document rather than per document ---------------------
    def _allowed(self, filters: Filters, today: date) -> np.ndarray:
        """``filters.allows`` for every document: the place rules are checked once per group of
        documents they cannot tell apart (same territories, exclusions and FRR zoning: a corpus
        of 100,000 passages has a few hundred), the rest per document only when such a filter
        is set."""
        allowed = np.ones(len(self._docs), dtype=bool)
        if filters.territory or filters.any_territory:
            for first, rows in self._place_groups():
                if not filters.allows_place(self._docs[first]):
                    allowed[rows] = False
        if filters.narrows_besides_place():
            for i in np.flatnonzero(allowed):
                if not filters.allows_besides_place(self._docs[i], today):
                    allowed[i] = False
        return allowed

    def _place_groups(self) -> list[tuple[int, np.ndarray]]:
        """(one document's row, the rows of all documents alike for the place rules)."""
        if self._place_rows is None:
            groups: dict[tuple, list[int]] = {}
            for i, doc in enumerate(self._docs):
                key = (tuple(doc.territories), tuple(doc.excluded_territories),
                       "frr" in doc.zones)
                groups.setdefault(key, []).append(i)
            self._place_rows = [(v[0], np.array(v, dtype=np.int64)) for v in groups.values()]
        return self._place_rows

    def _one_branch_each(self, ranked: np.ndarray) -> np.ndarray:
        """Without a place, one local branch per network keeps the rank of the network's first
        branch; the others go after every other document. Eight regions' CRESS for "qui
        représente l'ESS ?" or six Initiative platforms for a question on the honour loan's jury
        tell the person nothing the first one does not; with a place, the filter keeps the branch
        that covers it. The branch kept is one of the corpus's home region (where most of its
        local documents are, so where most of its users ask from) when the network has one
        there, else the first. (Measured: putting the branch after its network's national page
        as well lost recall.)"""
        if self._branch_of is None:
            networks: dict[str, int] = {}
            self._branch_of = np.array([
                networks.setdefault(d.network, len(networks))
                if d.network and "FR" not in d.territories else -1
                for d in self._docs
            ], dtype=np.int64)
            home = self.home_region
            self._at_home = np.array([
                home is not None and "FR" not in d.territories
                and gazetteer().applies([home], d.territories[0]) if d.territories else False
                for d in self._docs
            ], dtype=bool)
        nets = self._branch_of[ranked].tolist()
        at_home = self._at_home[ranked].tolist()
        first: dict[int, int] = {}  # network -> position of its first branch
        kept: dict[int, int] = {}  # network -> position of the branch that keeps a rank
        for j, n in enumerate(nets):
            if n >= 0:
                first.setdefault(n, j)
                if n not in kept or (at_home[j] and not at_home[kept[n]]):
                    kept[n] = j
        now: list[int] = []
        later: list[int] = []
        for j, n in enumerate(nets):
            if n < 0:
                now.append(j)
            elif j == first[n]:
                now.append(kept[n])  # the kept branch takes the network's first rank
                if j != kept[n]:
                    later.append(j)  # and the first one goes down with the others
            elif j != kept[n]:
                later.append(j)
        return ranked[np.array(now + later, dtype=np.int64)]

    @cached_property
    def home_region(self) -> str | None:
        """The region most of the corpus's local documents are in (None without any)."""
        counts: dict[str, int] = {}
        g = gazetteer()
        for d in self._docs:
            if not d.territories or "FR" in d.territories:
                continue
            regions = {a for t in d.territories for a in g.ancestors(t) if a.startswith("REG:")}
            if len(regions) == 1:
                region = regions.pop()
                counts[region] = counts.get(region, 0) + 1
        return max(counts, key=counts.get) if counts else None

    def _having(self, field_name: str, value: str) -> np.ndarray:
        """Rows of the documents whose ``field_name`` (needs, audiences, themes...) has
        ``value``."""
        table = self._value_rows.get(field_name)
        if table is None:
            grouped: dict[str, list[int]] = {}
            for i, doc in enumerate(self._docs):
                for v in getattr(doc, field_name):
                    grouped.setdefault(v, []).append(i)
            table = self._value_rows[field_name] = {
                k: np.array(v, dtype=np.int64) for k, v in grouped.items()
            }
        return table.get(value, np.zeros(0, dtype=np.int64))

    # -- per-passage scores ------------------------------------------------------------------
    def _dense_scores(self, query: str) -> np.ndarray:
        n = self.index.dense.ntotal
        scores = np.full(n, -1.0, dtype=np.float32)
        if not n:
            return scores
        q = self.embedder.encode_query(query).reshape(1, -1)
        k = n if n <= 50_000 else max(self.settings.candidates * 20, 1000)
        sims, rows = self.index.dense.search(q, k)
        valid = rows[0] >= 0
        scores[rows[0][valid]] = sims[0][valid]
        return scores

    def _bm25_scores(self, query: str) -> np.ndarray:
        toks = analyse(query)
        if not toks or not len(self.index.chunks):
            return np.zeros(len(self.index.chunks), dtype=np.float32)
        return np.asarray(self.index.bm25.get_scores(toks), dtype=np.float32)

    def search(
        self,
        query: str,
        filters: Filters | None = None,
        k: int = 10,
        mode: Mode = "hybrid",
        today: date | None = None,
        prefer: dict[str, set[str]] | None = None,
        gate: bool = True,
        promoted: frozenset[str] | set[str] = frozenset(),
        advised: frozenset[str] | set[str] = frozenset(),
    ) -> list[Hit]:
        """Documents best first. ``prefer`` (field -> values) lifts documents whose metadata match
        the question's profile; ``gate`` drops documents that neither method finds relevant;
        ``promoted`` documents (chosen by support staff) and ``advised`` ones (what an adviser names
        for this question) are lifted, never let through a filter or the gate."""
        today = today or date.today()
        filters = filters or Filters()
        s = self.settings
        n_chunks = len(self.index.chunks)
        dense = self._dense_scores(query) if mode != "bm25" else np.zeros(n_chunks, "f4")
        lex = self._bm25_scores(query) if mode != "dense" else np.zeros(n_chunks, "f4")
        allowed = self._allowed(filters, today)
        ndocs = len(self._docs)
        best_dense = np.full(ndocs, -np.inf, dtype=np.float32)
        best_lex = np.zeros(ndocs, dtype=np.float32)
        np.maximum.at(best_dense, self.index.chunk_doc, dense)
        np.maximum.at(best_lex, self.index.chunk_doc, lex)
        cand = np.flatnonzero(allowed)
        if not len(cand):
            return []
        fused = self._fuse(mode, cand, self._with_card(best_dense, dense), best_lex, ndocs)
        boosted = np.zeros(ndocs, dtype=bool)
        if prefer:
            bonus = s.prefer_weight / (s.rrf_k + 1)
            weights = dict(s.prefer_fields)
            lift = np.zeros(ndocs, dtype=np.float32)
            for field_name, vals in prefer.items():
                if vals and weights.get(field_name, 1.0) > 0:
                    having = np.zeros(ndocs, dtype=bool)
                    for value in vals:
                        having[self._having(field_name, value)] = True
                    lift += having * weights.get(field_name, 1.0)
            lifted = cand[lift[cand] > 0]
            fused[lifted] += bonus * lift[lifted]
            boosted[lifted] = True
        for ids, weight in ((promoted, s.promote_weight), (advised, s.advise_weight)):
            if ids:
                rows = [self._row[d] for d in ids if d in self._row]
                rows = np.array([r for r in rows if allowed[r]], dtype=np.int64)
                fused[rows] += weight / (s.rrf_k + 1)
                boosted[rows] = True
        keep = cand[fused[cand] > 0]
        if gate:
            ok = (best_dense >= s.min_dense) | (
                (best_dense >= s.min_dense - s.dense_margin) & (best_lex >= s.min_bm25)
            )
            if mode == "bm25":
                ok = best_lex >= s.min_bm25
            keep = keep[ok[keep]]
        ranked = keep[np.argsort(-fused[keep], kind="stable")]
        if not (filters.territory or filters.any_territory):
            ranked = self._one_branch_each(ranked)
        ranked = ranked[:k]
        return [
            self._hit(int(i), float(fused[i]), dense, lex, best_dense, best_lex, bool(boosted[i]))
            for i in ranked
        ]

    def relevant(self, hit: Hit, mode: Mode = "hybrid") -> bool:
        """The relevance gate for one hit (see ``search``)."""
        s = self.settings
        if mode == "bm25":
            return hit.bm25 >= s.min_bm25
        return hit.dense >= s.min_dense or (
            hit.dense >= s.min_dense - s.dense_margin and hit.bm25 >= s.min_bm25
        )

    def _with_card(self, best_dense: np.ndarray, dense: np.ndarray) -> np.ndarray:
        """The dense score a document is ranked by: its best passage, plus a share of its
        card's (title, organisation, summary) when the card has a summary. Such a card says
        what the document is; one close paragraph of a long page says less (measured:
        BENCHMARK.md, issue 12 round 5). The relevance gate still reads the best passage
        alone."""
        w = self.settings.card_weight
        if not w or not len(self._card_rows):
            return best_dense
        out = best_dense.copy()
        out[self._card_docs] += w * dense[self._card_rows]
        return out

    def _fuse(self, mode, cand, best_dense, best_lex, ndocs) -> np.ndarray:
        s = self.settings
        fused = np.zeros(ndocs, dtype=np.float64)
        if s.fusion == "linear":
            if mode != "bm25":
                d = best_dense[cand].astype(np.float64)
                span = d.max() - d.min()
                fused[cand] += s.dense_weight * ((d - d.min()) / span if span > 0 else 1.0)
            if mode != "dense" and best_lex[cand].max() > 0:
                fused[cand] += s.bm25_weight * best_lex[cand] / best_lex[cand].max()
            fused[cand] += 1e-9  # every candidate stays rankable
            return fused
        if mode != "bm25":
            order = cand[np.argsort(-best_dense[cand], kind="stable")]
            fused[order] += s.dense_weight / (s.rrf_k + np.arange(1, len(order) + 1))
        if mode != "dense":
            with_lex = cand[best_lex[cand] > 0]
            order = with_lex[np.argsort(-best_lex[with_lex], kind="stable")]
            fused[order] += s.bm25_weight / (s.rrf_k + np.arange(1, len(order) + 1))
        return fused

    def _hit(self, i, score, dense, lex, best_dense, best_lex, boosted) -> Hit:
        rows = np.flatnonzero(self.index.chunk_doc == i)
        # passages of this document, best first, by fused rank within the document
        rd = np.argsort(np.argsort(-dense[rows]))
        rl = np.argsort(np.argsort(-lex[rows]))
        local = 1.0 / (10 + rd) + 1.0 / (10 + rl)
        order = rows[np.argsort(-local, kind="stable")]
        passages = tuple(
            Passage(self.index.chunks[r], float(dense[r]), float(lex[r])) for r in order[:3]
        )
        doc = self._docs[i]
        return Hit(
            doc, score, float(best_dense[i]), float(best_lex[i]), passages, boosted,
            self.chunks_of.get(doc.id, ()),
        )
