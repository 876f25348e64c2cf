"""Hybrid retrieval: dense search in Chroma and BM25 keyword search, fused by reciprocal rank."""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from .store import StoredChunk, VectorStore

RRF_K = 5
# Dense search leads; keywords find exact terms ("TorchServe", "$103,500"); heading words tell the
# five same-named "Data scientist" sections apart by their parents ("Tools and technologies").
WEIGHTS = {"dense": 1.0, "keyword": 1.0, "heading": 0.5}
_TOKEN = re.compile(r"\$?\d[\d,.]*\d%?|\$?\d%?|[a-z][a-z0-9+#]*")
STOPWORDS = frozenset(
    "a an the and or but if of to in on at by for with from as is are was were be been being do does did "
    "what which who whom whose how why when where this that these those it its they them their there here "
    "i me my we our you your he she his her can could should would will shall may might must about into "
    "than then so such not no nor very more most much many some any each both all also just only own same "
    "other over under up down out off again further once has have had having too s t don".split()
)


def tokenize(text: str) -> list[str]:
    """Lower-case words and figures ("$103,500", "35%"), without stopwords, plural `s` stripped."""
    tokens = []
    for token in _TOKEN.findall(text.lower()):
        if token in STOPWORDS:
            continue
        tokens.append(_stem(token))
    return tokens


def _stem(token: str) -> str:
    if not token[0].isalpha() or len(token) <= 4:
        return token[:-1] if len(token) == 4 and token.endswith("s") and not token.endswith("ss") else token
    for suffix in ("ing", "ed", "es", "s"):
        if token.endswith(suffix) and not token.endswith("ss") and len(token) - len(suffix) >= 3:
            return token[: -len(suffix)]
    return token


def reciprocal_rank_fusion(
    rankings: list[list[str]], k: int = RRF_K, weights: list[float] | None = None
) -> list[tuple[str, float]]:
    """Fuse ranked ID lists: each ID scores the sum of weight / (k + rank) over the lists it is in."""
    scores: dict[str, float] = {}
    for n, ranking in enumerate(rankings):
        weight = weights[n] if weights else 1.0
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its dense similarity to the question and its fused score."""

    id: str
    source: str
    section: str
    text: str
    position: int
    similarity: float
    fused: float


class _KeywordIndex:
    """BM25 over every chunk, with the chunks' vectors, as of one store revision."""

    def __init__(self, revision: int, chunks: list[StoredChunk], vectors) -> None:
        from rank_bm25 import BM25Okapi

        self.revision = revision
        self.chunks = {c.id: c for c in chunks}
        self.ids = [c.id for c in chunks]
        corpus = [tokenize(f"{c.metadata.get('section', '')} {c.text}") for c in chunks]
        self.bm25 = BM25Okapi(corpus) if chunks else None
        self.vectors = {c.id: np.asarray(v, dtype=np.float32) for c, v in zip(chunks, vectors)}
        self.headings = {c.id: set(tokenize(c.metadata.get("section", ""))) for c in chunks}
        frequency: dict[str, int] = {}
        for words in self.headings.values():
            for word in words:
                frequency[word] = frequency.get(word, 0) + 1
        self.idf = {w: math.log(1 + len(chunks) / n) for w, n in frequency.items()}

    def search(self, query: str, n: int) -> list[str]:
        tokens = tokenize(query)
        if not tokens or self.bm25 is None:
            return []
        scores = self.bm25.get_scores(tokens)
        order = np.argsort(-scores)[:n]
        return [self.ids[i] for i in order if scores[i] > 0]

    def heading_matches(self, query: str, order: list[str]) -> list[str]:
        """Chunks whose heading path shares words with the question, most shared first."""
        words = set(tokenize(query))
        shared = {
            i: sum(self.idf[w] for w in words & h) / (len(h) ** 0.5) for i, h in self.headings.items() if words & h
        }
        position = {chunk_id: n for n, chunk_id in enumerate(order)}
        return sorted(shared, key=lambda i: (-shared[i], position.get(i, len(order))))


class HybridSearch:
    """Dense + keyword search over a store; re-reads the store when an ingest changed it."""

    def __init__(self, store: VectorStore, candidates: int = 20) -> None:
        self.store = store
        self.candidates = candidates
        self._index: _KeywordIndex | None = None
        self._lock = threading.Lock()

    def keyword_index(self) -> _KeywordIndex:
        revision = self.store.revision()
        index = self._index
        if index is None or index.revision != revision:
            with self._lock:
                if self._index is None or self._index.revision != revision:
                    self._index = _KeywordIndex(*self.store.snapshot())
                index = self._index
        return index

    def search(
        self, query: str, query_vector: np.ndarray, k: int, also: dict[str, Callable[[str], bool]] | None = None
    ) -> list[Passage]:
        """The `k` best passages for a question, by fused rank, each with its dense similarity.

        Args:
            query: The (standalone) question.
            query_vector: Its embedding.
            k: How many passages.
            also: Sub-queries whose best passage among the sections a predicate accepts must be
                included too (a comparison's "who earns more?" asked of each role's sections).
        """
        index = self.keyword_index()
        dense = [hit.chunk.id for hit in self.store.query(query_vector.tolist(), self.candidates)]
        keyword = index.search(query, self.candidates)
        heading = index.heading_matches(query, dense)[: self.candidates]
        fused = reciprocal_rank_fusion([dense, keyword, heading], weights=list(WEIGHTS.values()))[:k]
        for sub_query, accepts in reversed((also or {}).items()):
            ranked = reciprocal_rank_fusion(
                [dense, index.search(sub_query, len(index.ids)), index.heading_matches(sub_query, dense)],
                weights=list(WEIGHTS.values()),
            )
            best = next((pair for pair in ranked if accepts(index.chunks[pair[0]].metadata.get("section", ""))), None)
            if best:  # ahead of the rest: the writer reads each role's first passage as its own
                fused = [best, *[pair for pair in fused if pair[0] != best[0]]]
        passages = []
        for chunk_id, score in fused:
            chunk = index.chunks.get(chunk_id)
            if chunk is None:  # written after our snapshot; the next question will see it
                continue
            similarity = float(np.dot(index.vectors[chunk_id], query_vector))
            meta = chunk.metadata
            passages.append(
                Passage(chunk.id, meta.get("source", ""), meta.get("section", ""), chunk.text,
                        int(meta.get("position", 0)), similarity, score)
            )
        return passages


class HybridRetriever(BaseRetriever):
    """The hybrid search as a LangChain retriever, for use in other chains."""

    search: HybridSearch
    embeddings: object
    k: int = 4

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        vector = np.asarray(self.embeddings.embed_query(query), dtype=np.float32)
        return [
            Document(page_content=p.text, id=p.id,
                     metadata={"source": p.source, "section": p.section, "similarity": p.similarity})
            for p in self.search.search(query, vector, self.k)
        ]
