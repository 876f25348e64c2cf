"""The writer protocol: what `build_assistant(writer=...)` takes to write an answer from the retrieved passages.

    class Shortest:
        label = "shortest"

        def write(self, question, passages):
            best = min(passages, key=lambda p: len(p.text))
            return f"{best.text.split('. ')[0]}. [{passages.index(best) + 1}]"

    build_assistant(writer=Shortest()).answer("How much do ML engineers earn?")

The default writer (`assistant.extractive`) is built in; an LLM writer (`assistant.llm.LLMWriter`) follows this
protocol too.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from .retrieval import Passage

# Least share of a written sentence's words (stopwords aside) that each passage it cites must contain; a writer may
# set its own as a `min_support` attribute.
MIN_SUPPORT = 0.5


@runtime_checkable
class Writer(Protocol):
    """Writes an answer from numbered passages.

    Attributes:
        label: A name for notes shown with the answer ("the ollama (llama3) writer did not answer ...").
    """

    label: str

    def write(self, question: str, passages: list[Passage]) -> str | list[str]:
        """The answer's sentences, each ending with the `[n]` markers of the passages it comes from.

        Args:
            question: The question made standalone (a follow-up rewritten with what it refers to).
            passages: The retrieved passages, best first; `[1]` is `passages[0]`. Each has `text`, `section`
                (the heading path), `source` and `similarity`.

        Returns:
            The answer as one text, or as a list of sentences. Every marker is then checked: a sentence citing a
            passage that does not exist, or that shares under `min_support` of its words, is dropped (the answer
            says so in its notes); with no sentence left, or when `write` raises, the assistant answers with the
            guide's own sentences instead, with a note.
        """
        ...
