"""What the assistant returns: an `Answer` with its numbered `Citation`s."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Citation:
    """A passage of a guide that an answer cites as `[index]`.

    Attributes:
        index: The number of its `[n]` marker in the answer text (1-based, in order of first use).
        source: The file the passage comes from, relative to the corpus folder.
        section: The passage's heading path, e.g. ``"Earning potentials > ML engineer"``.
        text: The passage itself.
        score: Its relevance to the question (cosine similarity, higher is closer).
    """

    index: int
    source: str
    section: str
    text: str
    score: float


@dataclass(frozen=True)
class Answer:
    """An answer to one question.

    Attributes:
        text: The answer, each sentence ending with the `[n]` markers of the passages it came from.
        citations: The cited passages; `citations[i].index == i + 1`.
        refused: True when the guide does not cover the question (then `citations` is empty).
        standalone_question: The question as retrieved, after a follow-up was made standalone.
        nearest_sections: For a refusal, up to three guide sections that came closest.
        notes: Remarks for the reader, e.g. that the LLM was down and the extractive writer answered.
    """

    text: str
    citations: list[Citation] = field(default_factory=list)
    refused: bool = False
    standalone_question: str = ""
    nearest_sections: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return self.text

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Answer:
        citations = [Citation(**c) for c in data.get("citations", [])]
        return cls(**{**data, "citations": citations})
