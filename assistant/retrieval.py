"""Hybrid retrieval: dense search in Chroma and BM25 keyword search, fused by reciprocal rank."""

from __future__ import annotations

import itertools
import json
import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from . import clusters
from . import frozen as frozen_files
from .analysis import CorpusWords, one_edit_apart, readings
from .errors import InvalidQuestion
from .frozen import Frozen
from .sentences import SentenceVectors
from .store import StoredChunk, VectorStore
from .tuning import TUNING
from .vocabulary import GuideVocabulary, Role, Vocabulary, derive_vocabulary, is_acronym, settle_acronyms

log = logging.getLogger(__name__)

# Chunks (text, metadata, vector) an index keeps once read: about 3 KB each, so at most ~12 MB a process.
KEPT_CHUNKS = 4096
# A heading about what the roles share: "Both roles", "Common tools", "Shared skills".
SHARED_HEADING = re.compile(r"\b(both|common|shared|overlap\w*|in common|all roles)\b", re.I)
_TOKEN = re.compile(r"\$?\d[\d,.]*\d%?|\$?\d%?|[a-z][a-z0-9+#]*")
STOPWORDS = frozenset(
    [
        # what is left of a contraction: "I'm", "they'll", "we're", "I've", "I'd" (a lone "m" had looked like a name
        # only one guide uses, its "5 a.m.")
        "m",
        "ll",
        "re",
        "ve",
        "d",
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


@lru_cache(maxsize=1 << 16)
def phrases(text: str) -> frozenset[tuple[str, str]]:
    """Each two words in a row that are no stopwords, as stems: ("student", "teach") of "Complete student teaching"."""
    tokens = _TOKEN.findall(text.lower())
    return frozenset(
        (_stem(a), _stem(b))
        for a, b in itertools.pairwise(tokens)
        if a[0].isalpha() and b[0].isalpha() and a not in STOPWORDS and b not in STOPWORDS
    )


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
    """One store revision as search reads it: BM25 postings, the chunks' vectors for exact dense search, each chunk's
    text and metadata, each section's role and pieces, each guide's vocabulary.

    Backed by the revision's mapped files (`frozen.Frozen`): this process holds the vocabularies and the word list;
    the rest is read from the operating system's file cache when a question touches it.
    """

    def __init__(self, frozen: Frozen) -> None:
        self.frozen = frozen
        self.revision = frozen.revision
        self.ids = frozen.ids  # each row's chunk ID (bytes)
        self.idf = frozen.words  # each word's rarity, looked up in the mapped word list (`frozen.Words`)
        folder = frozen.folder
        guides = json.loads((folder / "vocabularies.json").read_text(encoding="utf-8"))
        self.vocabulary = Vocabulary([GuideVocabulary.from_json(g) for g in guides])
        self.key_role = frozen_files.mapped(folder / "key_role.npy")
        self.piece_rows = frozen_files.mapped(folder / "piece_rows.npy")
        self.piece_start = frozen_files.mapped(folder / "piece_start.npy")
        self.shared_keys = np.load(folder / "shared_keys.npy")
        roles = self.vocabulary.roles
        introductions = json.loads((folder / "introductions.json").read_text(encoding="utf-8"))
        self.introductions: dict[Role, list[str]] = {
            roles[int(r)]: [frozen.id(row) for row in rows] for r, rows in introductions.items()
        }
        # for telling what a question names that no guide does, or not the guide it asks about
        self._source_ids = {name: n for n, name in enumerate(frozen.source_names)}
        # the guides comparing roles (see `guide_share`), and the documents that compare none (uploaded notes), which
        # may name any guide's (see `_naming`)
        comparing = np.array([self.vocabulary.compares(name) for name in frozen.source_names], dtype=bool)
        self._comparing, self._notes = np.flatnonzero(comparing), np.flatnonzero(~comparing).tolist()
        self._named_in: dict[str, np.ndarray] = {}
        self._shares: dict[str, frozenset[str]] = {}  # see `guides_with`
        self.corpus_words = CorpusWords(frozen.words, self.used_in, self.only_in)
        self._kept: dict[str, tuple[StoredChunk, np.ndarray]] = {}  # see `chunk`
        self._keeping = threading.Lock()
        self.clusters = (
            clusters.Clusters(folder, frozen.vectors.shape[1]) if clusters.Clusters.present(folder) else None
        )

    @classmethod
    def of(cls, chunks: list[StoredChunk], vectors, folder: Path, revision: int = 1) -> _KeywordIndex:
        """An index of these chunks written under `folder`: for tests and tools that have chunks, not a store."""
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(chunks), -1)
        page = frozen_files.Page(
            [c.id for c in chunks], [c.text for c in chunks], [c.metadata for c in chunks], vectors
        )
        return cls(frozen_files.build(folder, revision, lambda: ([page], []), tokenize, derive))

    def row(self, chunk_id: str) -> int:
        row = self.frozen.row(chunk_id)
        if row is None:
            raise KeyError(chunk_id)
        return row

    def __contains__(self, chunk_id: str) -> bool:
        return self.frozen.row(chunk_id) is not None

    def used_in(self, word: str, sources: frozenset[str]) -> bool:
        """Whether one of these guides' chunks has a word (a stem, as the word list holds it)."""
        frozen, n = self.frozen, self.frozen.words.id(word)
        ids = [self._source_ids[s] for s in sources if s in self._source_ids]
        if n is None or not ids:
            return False
        rows = frozen.post_rows[int(frozen.post_offsets[n]) : int(frozen.post_offsets[n + 1])]
        return bool(np.any(np.isin(frozen.source[rows], ids)))

    def guide_share(self, word: str) -> float:
        """The share of the guides comparing roles whose chunks have a word (a stem): 1.0 for "pay" in every guide."""
        return len(self.guides_with(word)) / len(self._comparing) if len(self._comparing) else 0.0

    def guides_with(self, word: str) -> frozenset[str]:
        """The guides comparing roles whose chunks have a word (a stem): "praxi" in the teachers' and the speech
        pathologists'."""
        found = self._shares.get(word)
        if found is None:
            n = self.frozen.words.id(word)
            if n is None or not len(self._comparing):
                found = frozenset()
            else:
                rows = self.frozen.post_rows[int(self.frozen.post_offsets[n]) : int(self.frozen.post_offsets[n + 1])]
                has = np.bincount(self.frozen.source[rows], minlength=len(self.frozen.source_names)) > 0
                # (a count, not a sort: a common word has 100,000s of rows)
                found = frozenset(self.frozen.source_names[int(g)] for g in self._comparing if has[g])
            self._shares[word] = found
        return found

    @property
    def guides_compared(self) -> int:
        """How many indexed documents are guides comparing roles (not uploaded notes)."""
        return len(self._comparing)

    def only_in(self, word: str) -> str | None:
        """The one guide whose chunks have a word (a stem), if only one has it."""
        frozen, n = self.frozen, self.frozen.words.id(word)
        if n is None:
            return None
        rows = frozen.post_rows[int(frozen.post_offsets[n]) : int(frozen.post_offsets[n + 1])]
        if not len(rows) or frozen.source[rows[0]] != frozen.source[rows[-1]]:
            return None  # a common word's first and last chunks are of two guides: no need to read the rest
        sources = frozen.source[rows]
        return frozen.source_names[int(sources[0])] if not np.any(sources != sources[0]) else None

    def chunk(self, chunk_id: str) -> StoredChunk:
        """A chunk's text and metadata; the last `KEPT_CHUNKS` read are kept, with their vectors (an answer reads
        the same few dozen several times, and the next question mostly the same ones again)."""
        return self._read(chunk_id)[0]

    def _read(self, chunk_id: str) -> tuple[StoredChunk, np.ndarray]:
        found = self._kept.get(chunk_id)
        if found is None:
            row = self.row(chunk_id)
            chunk = StoredChunk(chunk_id, self.frozen.texts[row], self.frozen.metadata(row))
            found = (chunk, self.frozen.vector_rows.read(row, row + 1)[0])
            with self._keeping:  # answers run in threads
                if len(self._kept) >= KEPT_CHUNKS:
                    self._kept.pop(next(iter(self._kept)))  # the oldest read
                self._kept[chunk_id] = found
        return found

    def role(self, chunk_id: str) -> Role | None:
        row = self.frozen.row(chunk_id)
        found = int(self.key_role[int(self.frozen.key[row])]) if row is not None else -1
        return self.vocabulary.roles[found] if found >= 0 else None

    def pieces(self, chunk_id: str) -> list[str]:
        """The IDs of all the pieces of a chunk's section, in order (a section longer than a chunk is split)."""
        key = int(self.frozen.key[self.row(chunk_id)])
        rows = self.piece_rows[int(self.piece_start[key]) : int(self.piece_start[key + 1])]
        return [self.frozen.id(int(r)) for r in rows]

    def shared(self, sources: set[str], asked: frozenset[str]) -> list[str]:
        """The IDs of the pieces of sections about what the roles share whose headings have an asked word."""
        found = []
        for key in self.shared_keys.tolist():
            source = self.frozen.source_names[int(self.frozen.key_source[key])]
            if source in sources and asked & terms(self.frozen.sections[key]):
                rows = self.piece_rows[int(self.piece_start[key]) : int(self.piece_start[key + 1])]
                found += [self.frozen.id(int(r)) for r in rows]
        return found

    def sentences(self, chunk_id: str) -> tuple[list[str], np.ndarray] | None:
        row = self.frozen.row(chunk_id)
        return self.frozen.sentences(row) if row is not None else None

    def only(self, sources: Iterable[str] | None) -> np.ndarray | None:
        """A mask of the chunks of the documents `sources` (None: every document).

        Raises:
            InvalidQuestion: a name that is not an indexed document.
        """
        if not sources:
            return None
        wanted = sorted(set(sources))
        names = self.frozen.source_names
        unknown = [s for s in wanted if s not in names]
        if unknown:
            raise InvalidQuestion(f"no indexed document is named {', '.join(unknown)}")
        return np.isin(self.frozen.source, [names.index(s) for s in wanted])

    def scores(self, tokens: list[str]) -> np.ndarray:
        """Each chunk's BM25 score for the tokens (a repeated token counts again, as in rank_bm25)."""
        scores = np.zeros(self.frozen.size)
        frozen = self.frozen
        for token in tokens:
            word = frozen.words.id(token)
            if word is not None:
                start, end = int(frozen.post_offsets[word]), int(frozen.post_offsets[word + 1])
                scores[frozen.post_rows[start:end]] += frozen.post_weights[start:end]
        return scores

    def search(self, query: str, n: int, only: np.ndarray | None = None) -> list[str]:
        """The `n` chunks of highest BM25 score for the query's words (none without a shared word). A role the query
        names counts once, by whichever of its names (or acronyms) a passage uses best: a passage of "PTs" is about
        "physical therapists" as much as one that spells the name out."""
        roles = dict.fromkeys(m.role for m in self.vocabulary.mentions(query))
        named = [[t for t in map(tokenize, (r.name, *filter(is_acronym, r.aliases))) if t] for r in roles]
        naming = {t for forms in named for form in forms for t in form}
        scores = self.scores([self.spelled(t) for t in tokenize(query) if t not in naming])
        for role, forms in zip(roles, named, strict=True):  # each name as much as the longest: "PTs" as "physical
            if not forms:  # therapists"
                continue
            longest = max(map(len, forms))
            best = self.scores(forms[0]) * (longest / len(forms[0]))
            for form in forms[1:]:  # an acronym's few chunks, not another pass over every chunk
                rows, weights = self._posted(form)
                best[rows] = np.maximum(best[rows], weights * (longest / len(form)))
            # ... in its own guide's chunks (and notes comparing no roles): another guide's "radiation therapists"
            # are no physical therapists
            scores += best * self._naming(role.source)
        rows = np.flatnonzero(only) if only is not None else None
        if rows is not None:  # the documents asked: their rows alone are ranked
            scores = scores[rows]
        top = np.argpartition(-scores, n)[:n] if n < len(scores) else np.arange(len(scores))
        order = top[np.argsort(-scores[top], kind="stable")]
        return [self.frozen.id(int(i if rows is None else rows[i])) for i in order if scores[i] > 0]

    def spelled(self, token: str) -> str:
        """A query word as the guides spell it, when it is no word of theirs nor of the dictionary but one letter off
        one of theirs: "schol" is "school" ("how much does cdl schol cost")."""
        if len(token) < 5 or not token.isalpha() or token in self.corpus_words.words or readings(token):
            return token
        return next((k for k in self.corpus_words.words.starting(token[:2]) if one_edit_apart(token, k)), token)

    def _naming(self, source: str) -> np.ndarray:
        """Which chunks may name a role of this guide: its own, and documents that compare no roles."""
        found = self._named_in.get(source)
        if found is None:
            own = self._source_ids.get(source, -1)
            found = self.frozen.source == own if not self._notes else np.isin(self.frozen.source, [own, *self._notes])
            self._named_in[source] = found  # (a few guides' roles are asked: one mask each)
        return found

    def _posted(self, tokens: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The chunks that have any of these tokens, and their BM25 score for them (`scores` on those rows alone)."""
        frozen = self.frozen
        spans = [
            (int(frozen.post_offsets[w]), int(frozen.post_offsets[w + 1]))
            for w in (frozen.words.id(t) for t in tokens)
            if w is not None
        ]
        if not spans:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        rows = np.concatenate([frozen.post_rows[a:b] for a, b in spans])
        weights = np.concatenate([frozen.post_weights[a:b] for a, b in spans])
        unique, at = np.unique(rows, return_inverse=True)
        return unique, np.bincount(at, weights=weights, minlength=len(unique))

    def nearest(
        self, query_vector: np.ndarray, n: int, only: np.ndarray | None = None, exact: bool = True
    ) -> list[str]:
        """The `n` chunks closest to the question by cosine (vectors are unit length): an exact scan, or (`exact`
        False, every document) the chunks of the clusters nearest the question (`clusters`)."""
        if not exact and only is None and self.clusters is not None:
            rows, _ = self.clusters.nearest(query_vector, n, TUNING.cluster_probes)
            return [self.frozen.id(int(r)) for r in rows]
        if only is not None:  # the rows of the documents asked: a guide's few hundred, not every vector
            rows = np.flatnonzero(only)
            scores = self.frozen.vectors[rows] @ query_vector
            top = np.argpartition(-scores, n)[:n] if n < len(scores) else np.arange(len(scores))
            return [self.frozen.id(int(rows[i])) for i in top[np.argsort(-scores[top], kind="stable")]]
        scores = self.frozen.vectors @ query_vector
        top = np.argpartition(-scores, n)[:n] if n < len(scores) else np.arange(len(scores))
        return [self.frozen.id(i) for i in top[np.argsort(-scores[top], kind="stable")]]

    def similarity(self, chunk_id: str, query_vector: np.ndarray) -> float:
        return float(np.dot(self._read(chunk_id)[1], query_vector))


def derive(folder: Path) -> None:
    """What search reads beside a revision's chunks, written into its folder: each guide's vocabulary (as ingestion
    stored it on its first chunk, derived here for an older index), each section's role, each section's pieces in
    order, the sections about what roles share, and where each role is introduced (its guide's opening passages,
    about no one role, and its own first passage)."""
    frozen = frozen_files.Frozen(folder)
    by_position = np.lexsort((frozen.position, frozen.source))  # each guide's chunks in order
    stored: dict[str, GuideVocabulary] = {}
    for source, text in frozen.vocabularies.items():
        try:
            stored[source] = GuideVocabulary.from_json(text)
        except (ValueError, KeyError, TypeError):  # unreadable: derived again from the chunks below
            log.warning("the stored vocabulary of %s is unreadable; derived again from its chunks", source)
    ordered_sources = frozen.source[by_position]
    number_of = {source: n for n, source in enumerate(frozen.source_names)}

    def rows_of(source: str) -> list[int]:  # a guide's chunks, in order
        n = number_of[source]
        return by_position[np.searchsorted(ordered_sources, n) : np.searchsorted(ordered_sources, n, "right")].tolist()

    for source in frozen.source_names:
        if source not in stored:
            rows = rows_of(source)
            sections = [frozen.sections[int(frozen.key[r])] for r in rows]
            stored[source] = derive_vocabulary(source, "", sections, [frozen.texts[r] for r in rows])

    def writes(source: str, acronym: str) -> bool:
        return any(re.search(rf"\b{acronym}s?\b", frozen.texts[r]) for r in rows_of(source))

    settled = settle_acronyms([stored[source] for source in frozen.source_names], writes)
    guides = [g.to_json() for g in settled]
    (folder / "vocabularies.json").write_text(json.dumps(guides), encoding="utf-8")
    vocabulary = Vocabulary([GuideVocabulary.from_json(g) for g in guides])
    number = {role: n for n, role in enumerate(vocabulary.roles)}
    keys = len(frozen.sections)
    key_role = np.full(keys, -1, dtype=np.int32)
    shared = []
    for key in range(keys):
        section, source = frozen.sections[key], frozen.source_names[int(frozen.key_source[key])]
        role = vocabulary.role_of(source, section)
        key_role[key] = number[role] if role is not None else -1
        if SHARED_HEADING.search(section.split(" > ")[-1]):
            shared.append(key)
    np.save(folder / "key_role.npy", key_role)
    np.save(folder / "shared_keys.npy", np.array(shared, dtype=np.int32))
    pieces = np.lexsort((frozen.position, frozen.key)).astype(np.int32)
    np.save(folder / "piece_rows.npy", pieces)
    counts = np.bincount(frozen.key, minlength=keys) if frozen.size else np.zeros(keys, dtype=np.int64)
    np.save(folder / "piece_start.npy", np.concatenate([[0], np.cumsum(counts)]).astype(np.int64))
    introductions: dict[int, list[int]] = {}
    opening: dict[int, list[int]] = {}
    seen_sources: set[int] = set()
    for row in by_position.tolist():
        source, role = int(frozen.source[row]), int(key_role[int(frozen.key[row])])
        if role < 0 and source not in seen_sources:
            opening.setdefault(source, []).append(row)
        if role >= 0:
            seen_sources.add(source)
            if role not in introductions:
                introductions[role] = [*opening.get(source, [])[: TUNING.opening_passages], row]
    (folder / "introductions.json").write_text(json.dumps(introductions), encoding="utf-8")
    if frozen.size >= TUNING.cluster_from:
        clusters.write(folder, frozen.vectors)


def current_files(store: VectorStore) -> Frozen:
    """The files of the store's current revision (`frozen`), written first if no process has."""
    return store.frozen(store.revision(), tokenize, derive)


class HybridSearch:
    """Dense + keyword + sentence search over a store; re-reads the store when an ingest changed it.

    Dense search scans the chunk vectors of the revision's files while there are at most `scan_limit` chunks (exact:
    about 0.05 ms for the guide); above the limit it reads the clusters nearest the question (`assistant.clusters`).
    """

    def __init__(
        self, store: VectorStore, sentences: SentenceVectors, candidates: int = 20, scan_limit: int = 8_000
    ) -> None:
        self.store = store
        self.sentences = sentences
        self.candidates = candidates
        self.scan_limit = scan_limit
        self._index: _KeywordIndex | None = None
        self._lock = threading.Lock()

    def keyword_index(self) -> _KeywordIndex:
        """The index as of the store's current revision: its files opened (built first if no process has)."""
        revision = self.store.revision()
        index = self._index
        if index is None or index.revision != revision:
            with self._lock:
                if self._index is None or self._index.revision != revision:
                    self._index = _KeywordIndex(current_files(self.store))
                index = self._index
        return index

    def sentence_vectors(self, ids: list[str]) -> dict[str, tuple[list[str], np.ndarray]]:
        """The sentences and vectors ingest stored for these chunks, from the current revision's files."""
        index = self.keyword_index()
        found = {chunk_id: index.sentences(chunk_id) for chunk_id in ids}
        return {chunk_id: pair for chunk_id, pair in found.items() if pair is not None}

    def split_by(self, ids: list[str], version: str) -> set[str]:
        """Those of these chunks whose stored sentences ingest made or checked with this `passage_sentences`."""
        index = self.keyword_index()
        return {i for i in ids if i in index and index.chunk(i).metadata.get("split") == version}

    def _passage(self, index: _KeywordIndex, chunk_id: str, query_vector: np.ndarray, fused: float) -> Passage:
        chunk = index.chunk(chunk_id)
        meta = chunk.metadata
        return Passage(
            chunk.id,
            meta.get("source", ""),
            chunk.section,
            chunk.text,
            int(meta.get("position", 0)),
            index.similarity(chunk_id, query_vector),
            fused,
            index.role(chunk_id),
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
            got = len(words & set(tokenize(index.chunk(chunk_id).text))) / len(words)
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
        return [self._passage(index, chunk_id, query_vector, fused) for chunk_id in index.shared(sources, asked)]

    def pieces(self, passage: Passage, query_vector: np.ndarray, index: _KeywordIndex) -> list[Passage]:
        """All the pieces of a passage's section (a section longer than a chunk is split), in order."""
        ids = index.pieces(passage.id) if passage.id in index else [passage.id]
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
        dense = index.nearest(query_vector, self.candidates, only, exact=len(index.ids) <= self.scan_limit)
        keyword = index.search(query, self.candidates, only)
        pool = [index.chunk(chunk_id) for chunk_id in dict.fromkeys(dense + keyword)]
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
