"""Hybrid retrieval: dense search in Chroma and BM25 keyword search, fused by reciprocal rank."""

from __future__ import annotations

import logging
import math
import re
import threading
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from .analysis import CorpusWords
from .errors import InvalidQuestion
from .sentences import SentenceVectors
from .store import StoredChunk, VectorStore
from .tuning import TUNING
from .vocabulary import GuideVocabulary, Role, Vocabulary, derive_vocabulary

log = logging.getLogger(__name__)

# A heading about what the roles share: "Both roles", "Common tools", "Shared skills".
SHARED_HEADING = re.compile(r"\b(both|common|shared|overlap\w*|in common|all roles)\b", re.I)
_TOKEN = re.compile(r"\$?\d[\d,.]*\d%?|\$?\d%?|[a-z][a-z0-9+#]*")
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "how",
        "why",
        "when",
        "where",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "they",
        "them",
        "their",
        "there",
        "here",
        "i",
        "me",
        "my",
        "we",
        "our",
        "you",
        "your",
        "he",
        "she",
        "his",
        "her",
        "can",
        "could",
        "should",
        "would",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "about",
        "into",
        "than",
        "then",
        "so",
        "such",
        "not",
        "no",
        "nor",
        "very",
        "more",
        "most",
        "much",
        "many",
        "some",
        "any",
        "each",
        "both",
        "all",
        "also",
        "just",
        "only",
        "own",
        "same",
        "other",
        "over",
        "under",
        "up",
        "down",
        "out",
        "off",
        "again",
        "further",
        "once",
        "has",
        "have",
        "had",
        "having",
        "too",
        "s",
        "t",
        "don",
    ]
)


def tokenize(text: str) -> list[str]:
    """Lower-case words and figures ("$103,500", "35%"), without stopwords, plural `s` stripped."""
    tokens = []
    for token in _TOKEN.findall(text.lower()):
        if token in STOPWORDS:
            continue
        tokens.append(_stem(token))
    return tokens


@lru_cache(maxsize=1 << 16)
def terms(text: str) -> frozenset[str]:
    """The distinct tokens of a text, remembered: passage sentences are scored against every question."""
    return frozenset(tokenize(text))


def _stem(token: str) -> str:
    if not token[0].isalpha() or len(token) <= 4:
        return token[:-1] if len(token) == 4 and token.endswith("s") and not token.endswith("ss") else token
    for suffix in ("ing", "ed", "es", "s"):
        if token.endswith(suffix) and not token.endswith("ss") and len(token) - len(suffix) >= 3:
            return token[: -len(suffix)]
    return token


def reciprocal_rank_fusion(
    rankings: list[list[str]], k: int = TUNING.rrf_k, weights: list[float] | None = None
) -> list[tuple[str, float]]:
    """Fuse ranked ID lists: each ID scores the sum of weight / (k + rank) over the lists it is in."""
    scores: dict[str, float] = {}
    for n, ranking in enumerate(rankings):
        weight = weights[n] if weights else 1.0
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))


class _Postings:
    """BM25 postings (Okapi, with rank_bm25's parameters and idf): each word's chunks and its weight in each.

    Built in one pass over the chunks, holding each chunk's tokens only while it is counted, into flat arrays
    (one entry per word of each chunk, word by word): rank_bm25 kept every chunk's tokens and a dict of counts per
    chunk, hundreds of MB at 10 MB of text. A query adds one slice per word (0.05 -> 0.01 ms a question on the guide
    against rank_bm25's Python loop over every chunk), with exactly its scores (tests/assistant/test_units.py).
    """

    K1, B, EPSILON = 1.5, 0.75, 0.25  # rank_bm25's BM25Okapi defaults

    def __init__(self, texts: Iterable[str]) -> None:
        self.word_ids: dict[str, int] = {}  # in order of first use, as rank_bm25 sums its idfs
        words, chunks, counts, lengths = array("i"), array("i"), array("i"), array("i")
        for chunk, text in enumerate(texts):
            tokens = tokenize(text)
            lengths.append(len(tokens))
            frequencies: dict[str, int] = {}
            for token in tokens:
                frequencies[token] = frequencies.get(token, 0) + 1
            for word, count in frequencies.items():
                words.append(self.word_ids.setdefault(word, len(self.word_ids)))
                chunks.append(chunk)
                counts.append(count)
        self.size = len(lengths)
        word_of = np.frombuffer(words, dtype=np.int32)
        self.frequency = np.bincount(word_of, minlength=len(self.word_ids))  # chunks holding each word
        order = np.argsort(word_of, kind="stable")  # word by word, each word's chunks in order
        self.offsets = np.concatenate([[0], np.cumsum(self.frequency)])
        self.chunks = np.frombuffer(chunks, dtype=np.int32)[order]
        if not self.size:
            self.weights = np.zeros(0)
            return
        doc_len = np.frombuffer(lengths, dtype=np.int32).astype(np.int64)
        norm = self.K1 * (1 - self.B + self.B * doc_len / (int(doc_len.sum()) / self.size))
        tf = np.frombuffer(counts, dtype=np.int32)[order].astype(float)
        idf = self._idf()
        self.weights = np.repeat(idf, self.frequency) * (tf * (self.K1 + 1) / (tf + norm[self.chunks]))

    def _idf(self) -> np.ndarray:
        # rank_bm25's: summed in its order for the same average, negative values floored at EPSILON times it
        idf = [math.log(self.size - n + 0.5) - math.log(n + 0.5) for n in self.frequency.tolist()]
        average = sum(idf) / len(idf) if idf else 0.0
        return np.array([value if value >= 0 else self.EPSILON * average for value in idf])

    def add_scores(self, scores: np.ndarray, token: str) -> None:
        word = self.word_ids.get(token)
        if word is not None:
            start, end = self.offsets[word], self.offsets[word + 1]
            scores[self.chunks[start:end]] += self.weights[start:end]


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
    role: Role | None = None  # the one role its section is about, if any


class _KeywordIndex:
    """BM25 over every chunk, with the chunks' vectors for exact dense search, as of one store revision."""

    def __init__(self, revision: int, chunks: list[StoredChunk], vectors) -> None:
        self.revision = revision
        self.chunks = {c.id: c for c in chunks}
        self.ids = [c.id for c in chunks]
        self.matrix = np.asarray(vectors, dtype=np.float32).reshape(len(chunks), -1)
        self.vectors = dict(zip(self.ids, self.matrix, strict=True))
        self.postings = _Postings(f"{c.section} {c.text}" for c in chunks)
        n = len(chunks)
        self.idf = {
            w: math.log(1 + n / f)
            for w, f in zip(self.postings.word_ids, self.postings.frequency.tolist(), strict=True)
        }  # rarity of each word
        self.vocabulary = Vocabulary(_guide_vocabularies(chunks))
        by_section: dict[tuple[str, str], Role | None] = {}
        for c in chunks:
            key = (c.metadata.get("source", ""), c.section)
            if key not in by_section:
                by_section[key] = self.vocabulary.role_of(*key)
        self.roles = {c.id: by_section[(c.metadata.get("source", ""), c.section)] for c in chunks}
        # The pieces of each section, in order: a long list split over chunks is read whole.
        self.pieces: dict[tuple[str, str], list[str]] = {}
        for c in sorted(chunks, key=lambda c: int(c.metadata.get("position", 0))):
            self.pieces.setdefault((c.metadata.get("source", ""), c.section), []).append(c.id)
        # Where each role is introduced ("what does a SOC analyst do?"): its guide's opening passages, about no one
        # role, and its own first passage.
        self.introductions: dict[Role, list[str]] = {}
        opening: dict[str, list[str]] = {}
        for c in sorted(chunks, key=lambda c: int(c.metadata.get("position", 0))):
            source, role = c.metadata.get("source", ""), self.roles[c.id]
            if role is None and not any(r.source == source for r in self.introductions):
                opening.setdefault(source, []).append(c.id)
            if role is not None and role not in self.introductions:
                self.introductions[role] = [*opening.get(source, [])[: TUNING.opening_passages], c.id]
        self.corpus_words = CorpusWords(list(self.idf))  # for telling what a question names that no guide does
        self.sources = np.array([c.metadata.get("source", "") for c in chunks], dtype=object)

    def only(self, sources: Iterable[str] | None) -> np.ndarray | None:
        """A mask of the chunks of the documents `sources` (None: every document).

        Raises:
            InvalidQuestion: a name that is not an indexed document.
        """
        if not sources:
            return None
        wanted = sorted(set(sources))
        unknown = [s for s in wanted if s not in set(self.sources)]
        if unknown:
            raise InvalidQuestion(f"no indexed document is named {', '.join(unknown)}")
        return np.isin(self.sources, wanted)

    def scores(self, tokens: list[str]) -> np.ndarray:
        """Each chunk's BM25 score for the tokens (a repeated token counts again, as in rank_bm25)."""
        scores = np.zeros(len(self.ids))
        for token in tokens:
            self.postings.add_scores(scores, token)
        return scores

    def search(self, query: str, n: int, only: np.ndarray | None = None) -> list[str]:
        """The `n` chunks of highest BM25 score for the query's words (none without a shared word)."""
        scores = self.scores(tokenize(query))
        if only is not None:
            scores[~only] = 0
        order = np.argsort(-scores)[:n]
        return [self.ids[i] for i in order if scores[i] > 0]

    def nearest(self, query_vector: np.ndarray, n: int, only: np.ndarray | None = None) -> list[str]:
        """The `n` chunks closest to the question by cosine (vectors are unit length): an exact scan."""
        scores = self.matrix @ query_vector
        if only is not None:
            scores = np.where(only, scores, -np.inf)
            n = min(n, int(only.sum()))
        top = np.argpartition(-scores, n)[:n] if n < len(scores) else np.arange(len(scores))
        return [self.ids[i] for i in top[np.argsort(-scores[top], kind="stable")]]


def _guide_vocabularies(chunks: list[StoredChunk]) -> list[GuideVocabulary]:
    """Each guide's vocabulary as ingestion stored it on its first chunk; derived here for an older index."""
    stored, by_source = {}, {}
    for c in chunks:
        source = c.metadata.get("source", "")
        by_source.setdefault(source, []).append(c)
        if c.metadata.get("vocabulary"):
            try:
                stored[source] = GuideVocabulary.from_json(c.metadata["vocabulary"])
            except (ValueError, KeyError, TypeError):  # unreadable: derived again from the chunks below
                log.warning("the stored vocabulary of %s is unreadable; derived again from its chunks", source)
    for source, own in by_source.items():
        if source not in stored:
            own.sort(key=lambda c: int(c.metadata.get("position", 0)))
            stored[source] = derive_vocabulary(source, "", [c.section for c in own], [c.text for c in own])
    return list(stored.values())


class HybridSearch:
    """Dense + keyword + sentence search over a store; re-reads the store when an ingest changed it.

    Dense search scans the chunk vectors read from Chroma (they are in memory for scoring anyway) while there are
    at most `scan_limit` chunks: exact, and about 0.05 ms for the guide against about 1 ms for a Chroma query, which
    is a third of the question's own embedding. Above the limit Chroma's HNSW index answers.
    """

    def __init__(
        self, store: VectorStore, sentences: SentenceVectors, candidates: int = 20, scan_limit: int = 30_000
    ) -> None:
        self.store = store
        self.sentences = sentences
        self.candidates = candidates
        self.scan_limit = scan_limit
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

    def _passage(self, index: _KeywordIndex, chunk_id: str, query_vector: np.ndarray, fused: float) -> Passage:
        chunk = index.chunks[chunk_id]
        meta = chunk.metadata
        similarity = float(np.dot(index.vectors[chunk_id], query_vector))
        return Passage(
            chunk.id,
            meta.get("source", ""),
            chunk.section,
            chunk.text,
            int(meta.get("position", 0)),
            similarity,
            fused,
            index.roles.get(chunk_id),
        )

    def introduction(self, role: Role, query_vector: np.ndarray, index: _KeywordIndex, fused: float) -> list[Passage]:
        """The passages where the role's guide introduces it (its opening, its first section of its own), ranked
        `fused`."""
        return [self._passage(index, chunk_id, query_vector, fused) for chunk_id in index.introductions.get(role, [])]

    def said(self, text: str, index: _KeywordIndex) -> str | None:
        """The passage (its ID) an earlier answer was taken from: the one holding most of its words (at least
        TUNING.said_overlap of them), or None when it was not the guide's words."""
        words = set(tokenize(text))
        if not words:
            return None
        best, share = None, 0.0
        for chunk_id in index.search(text, 3):
            got = len(words & set(tokenize(index.chunks[chunk_id].text))) / len(words)
            if got > share:
                best, share = chunk_id, got
        return best if best is not None and share >= TUNING.said_overlap else None

    def passage(self, chunk_id: str, query_vector: np.ndarray, index: _KeywordIndex, fused: float) -> Passage:
        """One chunk as a passage of this question."""
        return self._passage(index, chunk_id, query_vector, fused)

    def shared(
        self, sources: set[str], asked: frozenset[str], query_vector: np.ndarray, index: _KeywordIndex, fused: float
    ) -> list[Passage]:
        """The passages of sections about what the roles share ("Tools > Both roles") whose headings have an asked
        word, in the given guides: "which tools do both use" is answered there, however its words score."""
        found = [
            chunk_id
            for (source, section), ids in index.pieces.items()
            if source in sources and SHARED_HEADING.search(section.split(" > ")[-1]) and asked & terms(section)
            for chunk_id in ids
        ]
        return [self._passage(index, chunk_id, query_vector, fused) for chunk_id in found]

    def pieces(self, passage: Passage, query_vector: np.ndarray, index: _KeywordIndex) -> list[Passage]:
        """All the pieces of a passage's section (a section longer than a chunk is split), in order."""
        ids = index.pieces.get((passage.source, passage.section), [passage.id])
        return [passage if i == passage.id else self._passage(index, i, query_vector, passage.fused) for i in ids]

    def search(
        self,
        query: str,
        query_vector: np.ndarray,
        k: int,
        index: _KeywordIndex | None = None,
        sources: Iterable[str] | None = None,
    ) -> list[Passage]:
        """The `k` best passages for a question, by fused rank, each with its dense similarity.

        `index`: the `keyword_index()` to use, so that one answer's searches read one revision.
        `sources`: only passages of these documents (default: all); a limited search scans the vectors exactly.
        """
        index = index or self.keyword_index()
        only = index.only(sources)
        if only is not None or len(index.ids) <= self.scan_limit:
            dense = index.nearest(query_vector, self.candidates, only)
        else:
            dense = [hit.chunk.id for hit in self.store.query(query_vector.tolist(), self.candidates)]
            dense = [chunk_id for chunk_id in dense if chunk_id in index.chunks]  # written after our snapshot
        keyword = index.search(query, self.candidates, only)
        pool = [index.chunks[chunk_id] for chunk_id in dict.fromkeys(dense + keyword)]
        by_sentence = []
        if pool:  # each passage ranked by its best sentence: one product over all their sentences
            parts = [vectors for _, vectors in self.sentences.of(pool)]
            starts = np.cumsum([0, *map(len, parts[:-1])])
            best = np.maximum.reduceat(np.vstack(parts) @ query_vector, starts)
            by_sentence = [pool[i].id for i in np.argsort(-best, kind="stable")]
        fused = reciprocal_rank_fusion(
            [dense, keyword, by_sentence], weights=[TUNING.dense_weight, TUNING.keyword_weight, TUNING.sentence_weight]
        )[:k]
        return [self._passage(index, chunk_id, query_vector, score) for chunk_id, score in fused]


class GuideRetriever(BaseRetriever):
    """The assistant's hybrid search (dense, keyword and best-sentence ranks fused) as a LangChain retriever.

    Returns `Document`s of the indexed guides, best first, with `source`, `section` (the heading path) and `score`
    (cosine similarity to the query) in their metadata. Make one with `Assistant.as_retriever()`.

    Attributes:
        assistant: The `Assistant` whose index, model and search are used.
        k: Passages returned; a call may give its own (`retriever.invoke(query, k=2)`).
        sources: Search only these indexed documents (their names in the index); default: all.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    assistant: Any
    k: int = Field(4, ge=1)
    sources: list[str] | None = None

    def _get_relevant_documents(
        self,
        query: str,
        *,
        run_manager: CallbackManagerForRetrieverRun,
        k: int | None = None,
        sources: list[str] | None = None,
    ) -> list[Document]:
        from .chain import validate
        from .condense import with_role_names

        bot = self.assistant
        query, _ = validate(query, None, bot.settings.max_question_chars)
        if k is not None and (not isinstance(k, int) or k < 1):
            raise InvalidQuestion(f"k must be a whole number of passages, at least 1, not {k!r}")
        index = bot.search.keyword_index()
        query = with_role_names(query, index.vocabulary)  # "ml eng" -> "ML engineer", as the guide says it
        vector = bot.embeddings.encode([query])[0]
        passages = bot.search.search(query, vector, k or self.k, index, self.sources if sources is None else sources)
        return [
            Document(
                page_content=p.text,
                id=p.id,
                metadata={"source": p.source, "section": p.section, "score": round(p.similarity, 4)},
            )
            for p in passages
        ]
