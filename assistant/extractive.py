"""The default answer writer: the guide's own sentences that best answer the question, each cited."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .condense import ROLES
from .retrieval import Passage, terms
from .sentences import SIGNPOST, SentenceVectors

_COMPARISON = re.compile(
    r"\b(vs\.?|versus|compared?|comparison|differ\w*|unlike|which (role|one|of)|who\b.*\bor\b|"
    r"more|less|better|worse|higher|lower|faster|slower|bigger)\b",
    re.I,
)
_QUANTITY = re.compile(
    r"\b(how (much|many|fast)|earn\w*|salar\w*|pay\w*|paid|income|wages?|grow\w*|growth|demand|percent\w*|rate)\b", re.I
)
_FIGURE = re.compile(r"[$€£]\s?\d|\d\s?%|\b\d{2,}\b")
_ANAPHOR = re.compile(r"(These|This|They|Their|Such|It|That)\b")
_COMMON = re.compile(r"\b(both|overlap\w*|share[ds]?|sharing|common|same|in common|together)\b", re.I)


@dataclass(frozen=True)
class Focus:
    """One role of a comparison: the question asked of that role alone, and its vector."""

    role: int
    question: str
    vector: np.ndarray


@dataclass(frozen=True)
class Sentence:
    passage: int  # index into the passages the writer was given
    order: int  # place in its passage
    text: str


@lru_cache(maxsize=1 << 16)
def _cues(sentence: str) -> tuple[float, float, bool]:
    """What a sentence is worth apart from the question's words: nothing if it only signposts ("In this
    article, we'll explore ..."), more when it states a figure and the question asks "how much?", and whether
    it opens by pointing back ("These ...")."""
    return (-0.3 if SIGNPOST.search(sentence) else 0.0, 0.4 if _FIGURE.search(sentence) else 0.0,
            bool(_ANAPHOR.match(sentence)))


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


class ExtractiveWriter:
    """Picks up to `max_sentences` sentences by similarity to the question, without redundancy (MMR)."""

    name = "extractive"

    def __init__(self, sentences: SentenceVectors, max_sentences: int = 3, diversity: float = 0.3) -> None:
        self.vectors = sentences
        self.max_sentences = max_sentences
        self.diversity = diversity

    def select(
        self,
        question: str,
        query_vector: np.ndarray,
        passages: list[Passage],
        idf: dict[str, float] | None = None,
        focus: list[Focus] | None = None,
    ) -> list[Sentence]:
        """The chosen sentences, in reading order: by passage, then by place in the passage.

        Args:
            question: The standalone question.
            query_vector: Its embedding.
            passages: The retrieved passages, best first.
            idf: Word rarity in the corpus; a rare word shared with the question ("manufacturing",
                "Git") counts for more than a common one ("work").
            focus: For a comparison, each role's own sub-question: each gives the answer one
                sentence from that role's sections.
        """
        candidates: list[Sentence] = []
        vectors = []
        for i, (texts, vecs) in enumerate(self.vectors.of(passages)):
            candidates += [Sentence(i, j, t) for j, t in enumerate(texts)]
            vectors.append(vecs)
        if not candidates:
            return []
        matrix = np.vstack(vectors)
        idf = idf or {}
        words = [terms(c.text) for c in candidates]
        signpost, figure, anaphor = np.array([_cues(c.text) for c in candidates]).T
        rank = np.array([0.1 * passages[c.passage].fused / passages[0].fused for c in candidates])

        def relevance(text: str, vector: np.ndarray) -> np.ndarray:
            asked = terms(text)
            weight = sum(idf.get(t, 1.0) for t in asked) or 1.0
            shared = np.array([sum(idf.get(t, 1.0) for t in asked & w) for w in words])
            scores = matrix @ vector + 0.5 * shared / weight + rank + signpost
            return scores + figure if _QUANTITY.search(text) else scores

        scores = relevance(question, query_vector)
        similarity = matrix @ query_vector
        overlap = matrix @ matrix.T
        chosen: list[int] = []
        roles = [role_of(p.section) for p in passages]
        if focus and all(f.role in roles for f in focus):
            for f in focus:
                own = [n for n, c in enumerate(candidates) if roles[c.passage] == f.role]
                role_scores = relevance(f.question, f.vector)
                chosen.append(max(own, key=lambda n: role_scores[n]))
        # The floor is on plain similarity: a cue bonus for one sentence must not shut out the rest.
        floor = similarity.max() - 0.25
        # "These ML engineers should ..." reads well only right after the sentence of its passage it refers to.
        follows = np.array([n > 0 and candidates[n - 1].passage == c.passage for n, c in enumerate(candidates)])
        anaphor = anaphor.astype(bool)
        picked = np.zeros(len(candidates), dtype=bool)
        redundancy = np.zeros(len(candidates))
        for n in chosen:
            picked[n], redundancy = True, np.maximum(redundancy, overlap[n])
        while len(chosen) < self.max_sentences:
            after_picked = follows & np.concatenate(([False], picked[:-1]))
            values = (1 - self.diversity) * scores - self.diversity * redundancy
            values += np.where(anaphor, np.where(after_picked, 0.1, -0.03), 0.0)
            open_ = (similarity >= floor) & (redundancy < 0.9) & ~picked
            if not open_.any():
                break
            best = int(np.argmax(np.where(open_, values, -np.inf)))
            chosen.append(best)
            picked[best], redundancy = True, np.maximum(redundancy, overlap[best])
        return sorted((candidates[n] for n in chosen), key=lambda s: (s.passage, s.order))
