"""What the assistant returns: an `Answer` with its numbered `Citation`s, and how they show in Jupyter."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from .text_rules import BARE_MARKER

# Characters Markdown (or Jupyter's MathJax: "$136,620 ... $103,500" is not a formula) would interpret.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$&])")
_LIST_START = re.compile(r"^(\s*)([-+]|\d+[.)])(?=\s)", re.M)


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

    def _repr_markdown_(self) -> str:
        """Markdown for Jupyter: number, section path, source and score, then the passage quoted."""
        quoted = "\n".join(f"> {_markdown_escape(line)}" if line.strip() else ">" for line in self.text.splitlines())
        return f"**[{self.index}]** {_citation_heading_markdown(self)}\n\n{quoted}"

    def _repr_html_(self) -> str:
        """HTML for Jupyter: number, section path, source and score, opening onto the passage."""
        from .rendering import NOTEBOOK, footnote

        return f'<div class="{NOTEBOOK.wrapper}">{footnote(self, look=NOTEBOOK)}</div>'


@dataclass(frozen=True)
class Answer:
    """An answer to one question.

    In Jupyter it renders with its `[n]` markers linked to footnotes giving each passage's section
    path, source and score (the passage opens under its footnote); a refusal renders as a notice
    listing the nearest sections. `str(answer)` is the plain text.

    Attributes:
        text: The answer, each sentence ending with the `[n]` markers of the passages it came from.
        citations: The cited passages; `citations[i].index == i + 1`.
        refused: True when the guide does not cover the question (then `citations` is empty).
        standalone_question: The question as retrieved, after a follow-up was made standalone.
        nearest_sections: For a refusal, up to three guide sections that came closest.
        notes: Remarks for the reader, e.g. that the LLM was down and the extractive writer answered.
        uncovered: What the question asks that no guide covers ("canada", "time span"); the answer says so first.
        nearest: For a refusal, the closest passage of each nearest section (numbered from 1), to read them.
        asks_which: True when the question could be about any guide's roles and nothing in it tells which: `text`
            asks which roles are meant (naming each guide's), and nothing is cited. Reply naming one to be answered.
    """

    text: str
    citations: list[Citation] = field(default_factory=list)
    refused: bool = False
    standalone_question: str = ""
    nearest_sections: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)
    nearest: list[Citation] = field(default_factory=list)
    asks_which: bool = False

    def __str__(self) -> str:
        return self.text

    @property
    def refusal_notice(self) -> str:
        """A refusal's text without the sentence naming the nearest sections (for listing them apart)."""
        text = self.text
        found = [text.find(s) for s in self.nearest_sections if s and s in text]
        if found:
            cut = text.rfind(". ", 0, min(found))
            if cut > 0:
                text = text[: cut + 1]
        return text

    def to_dict(self) -> dict:
        """A JSON-ready dict; `Answer.from_dict(answer.to_dict()) == answer`."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Answer:
        """The answer `to_dict()` described (e.g. read back from JSON)."""
        citations = [Citation(**c) for c in data.get("citations", [])]
        nearest = [Citation(**c) for c in data.get("nearest", [])]
        return cls(**{**data, "citations": citations, "nearest": nearest})

    def _anchor(self) -> str:
        # Footnote IDs unique to this answer: a notebook shows many answers, each with its own [1].
        digest = hashlib.blake2s(f"{self.standalone_question}\0{self.text}".encode(), digest_size=4).hexdigest()
        return f"cite-{digest}"

    def _repr_markdown_(self) -> str:
        """Markdown for Jupyter: `[n]` links to footnotes with each passage's section, source and score."""
        anchor = self._anchor()
        known = {c.index for c in self.citations}
        blocks = []
        if self.refused:
            notice = f"> **Not covered by the guide.** {_markdown_escape(self.refusal_notice)}"
            if self.nearest_sections:
                notice += "\n>\n> Nearest sections of the guide:\n" + "\n".join(
                    f"> - {_markdown_section(s)}" for s in self.nearest_sections
                )
            blocks.append(notice)
        else:
            pieces = BARE_MARKER.split(self.text)  # text, number, text, number, ..., text
            body = "".join(
                _markdown_escape(piece)
                if n % 2 == 0
                else f"[\\[{piece}\\]](#{anchor}-{piece})"
                if int(piece) in known
                else f"\\[{piece}\\]"
                for n, piece in enumerate(pieces)
            )
            blocks.append(body)
        blocks += [f"*{_markdown_escape(note)}*" for note in self.notes]
        if self.standalone_question:
            blocks.append(f"<sub>Searched the guide for: {_markdown_escape(self.standalone_question)}</sub>")
        if self.citations:
            blocks.append(
                "---\n"
                + "\n".join(
                    f'{c.index}. <a id="{anchor}-{c.index}" name="{anchor}-{c.index}"></a>'
                    f"{_citation_heading_markdown(c)}"
                    f"  \n   <sub>{_markdown_escape(_excerpt(c.text))}</sub>"
                    for c in self.citations
                )
            )
        return "\n\n".join(blocks)

    def _repr_html_(self) -> str:
        """HTML for Jupyter (`assistant.rendering`, the chat window's renderer with inline styles): `[n]` links to
        footnotes that open onto the cited passage; a refusal as a notice naming the closest sections."""
        from .rendering import NOTEBOOK, render_answer

        return render_answer(None, self, key=self._anchor(), look=NOTEBOOK)


def _markdown_escape(text: str) -> str:
    """Text that Markdown shows as written, on one line."""
    text = re.sub(r"\s+", " ", text)
    return _LIST_START.sub(r"\1\\\2", _MARKDOWN_SPECIAL.sub(r"\\\1", text))


def _display_section(section: str) -> str:
    return section.replace(" > ", " \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} ") or "(untitled)"


def _markdown_section(section: str) -> str:
    return _markdown_escape(_display_section(section))


def _citation_heading_markdown(citation: Citation) -> str:
    return (
        f"**{_markdown_section(citation.section)}** · {_markdown_escape(citation.source)} · score {citation.score:.2f}"
    )


def _excerpt(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def answers_to_frame(answers: Iterable[Answer]):
    """A pandas DataFrame with one row per answer (pandas is needed for this, not for the rest).

    Columns: `question` (as retrieved), `text`, `refused`, `citations` (how many), `sections` and
    `sources` (cited, in marker order), `top_score` (best cited passage, None for a refusal) and
    `nearest_sections` (for a refusal).
    """
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError("answers_to_frame needs pandas: pip install pandas") from exc
    columns = ["question", "text", "refused", "citations", "sections", "sources", "top_score", "nearest_sections"]
    rows = [
        {
            "question": a.standalone_question,
            "text": a.text,
            "refused": a.refused,
            "citations": len(a.citations),
            "sections": [c.section for c in a.citations],
            "sources": list(dict.fromkeys(c.source for c in a.citations)),
            "top_score": max((c.score for c in a.citations), default=None),
            "nearest_sections": list(a.nearest_sections),
        }
        for a in answers
    ]
    return pd.DataFrame(rows, columns=columns)
