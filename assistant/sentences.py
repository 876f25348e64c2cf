"""Passage sentences, and their vectors computed once per passage (passages never change, IDs are content hashes)."""

from __future__ import annotations

import re
import threading

import numpy as np

from .embeddings import embed_text

_BULLET = re.compile(r"^\s*([-*+•]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9$\"“(])")
# Sentences that point around the text ("In this article, we'll explore ...") and carry no answer.
SIGNPOST = re.compile(
    r"\b(this article|we'll|we\u2019ll|we will|(sections?|outlined|detailed|listed) below|below is|below,|"
    r"the following|here's what|here\u2019s what|here's an overview|here\u2019s an overview)\b",
    re.I,
)


def passage_sentences(text: str) -> list[str]:
    """A passage's sentences, and for each list of labelled items one sentence naming them all.

    A list item's short label stays with its first sentence ("Jupyter: Jupyter notebooks ..."); a list's intro
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
            # "Jupyter: Jupyter notebooks are ...": a colon, so the label does not read as a sentence of its own.
            parts = [f"{parts[0].rstrip('.')}: {parts[1]}", *parts[2:]]
        elif not bullet:
            close_list()
            if line.endswith(":"):
                intro = line
        units.extend(p.strip() for p in parts if len(p.split()) >= 3 and not p.rstrip().endswith(":"))
    close_list()
    return units


class SentenceVectors:
    """Vectors of passage sentences, computed once per passage and kept (they never change)."""

    def __init__(self, embeddings) -> None:
        self.embeddings = embeddings
        self._cache: dict[str, tuple[list[str], np.ndarray]] = {}
        self._lock = threading.Lock()

    def of(self, passages) -> list[tuple[list[str], np.ndarray]]:
        """Each passage's sentences and their vectors; anything with `.id`, `.section` and `.text`."""
        missing = list({p.id: p for p in passages if p.id not in self._cache}.values())
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
