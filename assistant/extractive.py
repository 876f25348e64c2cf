"""The default answer writer: the guide's own sentences that best answer the question, each cited."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .condense import ROLES
from .retrieval import Passage, tokenize
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

        def relevance(text: str, vector: np.ndarray) -> np.ndarray:
            terms = set(tokenize(text))
            wants_figure = bool(_QUANTITY.search(text))
            weight = sum((idf or {}).get(t, 1.0) for t in terms) or 1.0
            scores = matrix @ vector
            for n, sentence in enumerate(candidates):
                shared = terms & set(tokenize(sentence.text))
                scores[n] += 0.5 * sum((idf or {}).get(t, 1.0) for t in shared) / weight
                scores[n] += 0.1 * passages[sentence.passage].fused / passages[0].fused
                if SIGNPOST.search(sentence.text):  # "In this article, we'll explore ...": no content
                    scores[n] -= 0.3
                if wants_figure and _FIGURE.search(sentence.text):  # "how much?" is answered by a number
                    scores[n] += 0.3
            return scores

        scores = relevance(question, query_vector)
        similarity = matrix @ query_vector
        chosen: list[int] = []
        allowed = set(range(len(candidates)))
        roles = [role_of(p.section) for p in passages]
        if focus and all(f.role in roles for f in focus):
            for f in focus:
                own = [n for n, c in enumerate(candidates) if roles[c.passage] == f.role]
                role_scores = relevance(f.question, f.vector)
                chosen.append(max(own, key=lambda n: role_scores[n]))
        # The floor is on plain similarity: a cue bonus for one sentence must not shut out the rest.
        floor = max(similarity[n] for n in allowed) - 0.25
        while len(chosen) < self.max_sentences:
            best, best_value = None, -np.inf
            for n in range(len(candidates)):
                if n in chosen or n not in allowed or similarity[n] < floor:
                    continue
                redundancy = max((float(matrix[n] @ matrix[c]) for c in chosen), default=0.0)
                value = (1 - self.diversity) * scores[n] - self.diversity * redundancy
                if _ANAPHOR.match(candidates[n].text):
                    # "These ML engineers should ..." reads well only after the sentence it refers to.
                    value += 0.1 if n - 1 in chosen and candidates[n - 1].passage == candidates[n].passage else -0.03
                if redundancy < 0.9 and value > best_value:
                    best, best_value = n, value
            if best is None:
                break
            chosen.append(best)
        return sorted((candidates[n] for n in chosen), key=lambda s: (s.passage, s.order))
