"""The default answer writer: the guide's own sentences that best answer the question, each cited."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import numpy as np

from .condense import ROLES
from .embeddings import embed_text
from .retrieval import Passage, tokenize

_BULLET = re.compile(r"^\s*([-*+•]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9$\"“(])")
_COMPARISON = re.compile(
    r"\b(vs\.?|versus|compared?|comparison|differ\w*|unlike|each|either|which (role|one|of)|who\b.*\bor\b|"
    r"more|less|better|worse|higher|lower|faster|slower|bigger)\b",
    re.I,
)
_COMMON = re.compile(r"\b(both|overlap\w*|share[ds]?|sharing|common|same|in common|together)\b", re.I)


@dataclass(frozen=True)
class Sentence:
    passage: int  # index into the passages the writer was given
    order: int  # place in its passage
    text: str


_SIGNPOST = re.compile(
    r"\b(this article|we'll|we’ll|we will|(sections?|outlined|detailed|listed) below|below is|below,|"
    r"the following|here's what|here’s what|here's an overview|here’s an overview)\b",
    re.I,
)


def passage_sentences(text: str) -> list[str]:
    """A passage's sentences, and for each list of labelled items one sentence naming them all.

    A list item's short label ("Jupyter.") stays with its first sentence; a list's intro
    ("... tools, including:") becomes the start of the naming sentence: "... including: R and SQL;
    Microsoft Excel; Jupyter." Intros are not answers on their own.
    """
    units: list[str] = []
    intro, labels = "", []

    def close_list() -> None:
        nonlocal intro, labels
        if intro and len(labels) >= 2:
            units.append(f"{intro} {'; '.join(labels)}.")
        intro, labels = "", []

    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        bullet = _BULLET.match(line)
        parts = _SENTENCE_END.split(line[bullet.end():] if bullet else line)
        if bullet and len(parts) > 1 and len(parts[0].split()) <= 6:
            labels.append(parts[0].rstrip("."))
            parts = [f"{parts[0]} {parts[1]}", *parts[2:]]
        elif not bullet:
            close_list()
            if line.endswith(":"):
                intro = line
        units.extend(p.strip() for p in parts if len(p.split()) >= 3 and not p.rstrip().endswith(":"))
    close_list()
    return units


def is_comparison(question: str) -> bool:
    """A question that sets the roles side by side (not one about what they share)."""
    roles = sum(bool(pattern.search(question)) for pattern, _ in ROLES)
    if _COMMON.search(question) and not re.search(r"\b(differ\w*|unlike|vs\.?|versus|more|better)\b", question, re.I):
        return False
    return (roles >= 2 or roles == 0) and bool(_COMPARISON.search(question))


def role_of(section: str) -> int | None:
    """Which one role a section is about, by its last heading ("Earning potentials > ML engineer")."""
    last = section.split(" > ")[-1]
    named = [n for n, (pattern, _) in enumerate(ROLES) if pattern.search(last)]
    return named[0] if len(named) == 1 else None


class SentenceVectors:
    """Vectors of passage sentences, computed once per passage and kept (they never change)."""

    def __init__(self, embeddings) -> None:
        self.embeddings = embeddings
        self._cache: dict[str, tuple[list[str], np.ndarray]] = {}
        self._lock = threading.Lock()

    def of(self, passages: list[Passage]) -> list[tuple[list[str], np.ndarray]]:
        missing = [p for p in passages if p.id not in self._cache]
        if missing:
            texts = {p.id: passage_sentences(p.text) or [p.text] for p in missing}
            flat = [embed_text(p.section, s) for p in missing for s in texts[p.id]]
            vectors = self.embeddings.encode(flat)
            start = 0
            with self._lock:
                for p in missing:
                    n = len(texts[p.id])
                    self._cache[p.id] = (texts[p.id], vectors[start : start + n])
                    start += n
        return [self._cache[p.id] for p in passages]


class ExtractiveWriter:
    """Picks up to `max_sentences` sentences by similarity to the question, without redundancy (MMR)."""

    name = "extractive"

    def __init__(self, embeddings, max_sentences: int = 3, diversity: float = 0.3) -> None:
        self.vectors = SentenceVectors(embeddings)
        self.max_sentences = max_sentences
        self.diversity = diversity

    def select(self, question: str, query_vector: np.ndarray, passages: list[Passage]) -> list[Sentence]:
        """The chosen sentences, in reading order: by passage, then by place in the passage."""
        candidates: list[Sentence] = []
        vectors = []
        for i, (texts, vecs) in enumerate(self.vectors.of(passages)):
            candidates += [Sentence(i, j, t) for j, t in enumerate(texts)]
            vectors.append(vecs)
        if not candidates:
            return []
        matrix = np.vstack(vectors)
        question_terms = set(tokenize(question))
        scores = matrix @ query_vector
        for n, sentence in enumerate(candidates):
            overlap = question_terms & set(tokenize(sentence.text))
            scores[n] += 0.15 * len(overlap) / max(len(question_terms), 1)
            scores[n] += 0.1 * passages[sentence.passage].fused / passages[0].fused
            if _SIGNPOST.search(sentence.text):  # "In this article, we'll explore ...": no content
                scores[n] -= 0.2

        chosen: list[int] = []
        allowed = set(range(len(candidates)))
        roles = [role_of(p.section) for p in passages]
        if is_comparison(question) and all(n in roles for n in range(len(ROLES))):
            # A comparison draws on each role's own section: the best-ranked passage about each role
            # gives its best sentence, and the rest of the answer stays within those sections.
            allowed = {n for n, c in enumerate(candidates) if roles[c.passage] is not None}
            for role in range(len(ROLES)):
                top = roles.index(role)  # passages come best first
                in_top = [n for n, c in enumerate(candidates) if c.passage == top]
                chosen.append(max(in_top, key=lambda n: scores[n]))
        floor = max(scores[n] for n in allowed) - 0.2
        while len(chosen) < self.max_sentences:
            best, best_value = None, -np.inf
            for n in range(len(candidates)):
                if n in chosen or n not in allowed or scores[n] < floor:
                    continue
                redundancy = max((float(matrix[n] @ matrix[c]) for c in chosen), default=0.0)
                value = (1 - self.diversity) * scores[n] - self.diversity * redundancy
                if redundancy < 0.9 and value > best_value:
                    best, best_value = n, value
            if best is None:
                break
            chosen.append(best)
        return sorted((candidates[n] for n in chosen), key=lambda s: (s.passage, s.order))
