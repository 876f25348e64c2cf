"""What the assistant returns: an `Answer` with its numbered `Citation`s."""

from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass, field

_MARKER = re.compile(r"\[(\d+)\]")


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
        """A JSON-ready dict; `Answer.from_dict(answer.to_dict()) == answer`."""
        return asdict(self)

    def _repr_markdown_(self) -> str:
        if self.refused:
            nearest = "".join(f"\n- {s}" for s in self.nearest_sections)
            return f"> **Not covered by the guide.** {self.text.split(' The closest')[0]}" + (
                f"\n\nClosest sections:{nearest}" if nearest else ""
            )
        body = _MARKER.sub(lambda m: f"[[{m.group(1)}]](#cite-{m.group(1)})", self.text)
        notes = "".join(f"\n\n*{n}*" for n in self.notes)
        foot = "".join(
            f"\n{c.index}. <a id='cite-{c.index}'></a>**{c.section}** — {c.source} (score {c.score:.2f})"
            for c in self.citations
        )
        return f"{body}{notes}\n\n---{foot}"

    def _repr_html_(self) -> str:
        if self.refused:
            items = "".join(f"<li>{html.escape(s)}</li>" for s in self.nearest_sections)
            return (f"<div style='border-left:4px solid #d97706;padding:4px 10px'><b>Not covered by the guide.</b> "
                    f"Closest sections:<ul>{items}</ul></div>")
        body = _MARKER.sub(lambda m: f"<sup><a href='#cite-{m.group(1)}'>[{m.group(1)}]</a></sup>", html.escape(self.text))
        foot = "".join(
            f"<li id='cite-{c.index}'><details><summary><b>{html.escape(c.section)}</b> — {html.escape(c.source)} "
            f"(score {c.score:.2f})</summary><pre style='white-space:pre-wrap'>{html.escape(c.text)}</pre></details></li>"
            for c in self.citations
        )
        return f"<div><p>{body}</p><ol>{foot}</ol></div>"

    @classmethod
    def from_dict(cls, data: dict) -> Answer:
        citations = [Citation(**c) for c in data.get("citations", [])]
        return cls(**{**data, "citations": citations})


def answers_to_frame(answers: list[Answer]):
    """A pandas DataFrame with one row per answer (pandas is needed for this, not for the rest)."""
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError("answers_to_frame needs pandas: pip install pandas") from exc
    return pd.DataFrame([
        {"question": a.standalone_question, "text": a.text, "refused": a.refused,
         "sections": [c.section for c in a.citations], "top_score": max((c.score for c in a.citations), default=None)}
        for a in answers
    ])
