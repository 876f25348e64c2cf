"""`[n]` markers: attaching them to sentences, renumbering them, and checking them against passages."""

from __future__ import annotations

from .retrieval import Passage, tokenize
from .text_rules import MARKER, SENTENCE_END


def with_marker(sentence: str, numbers: list[int]) -> str:
    """`sentence` with its markers before the final punctuation: "... per year [1]."."""
    # A bracketed number of the source ("... a month [12].") would read as a marker with no citation.
    sentence = MARKER.sub("", sentence).strip()
    marks = "".join(f"[{n}]" for n in numbers)
    if not sentence:
        return f"{marks}."
    body, end = (sentence[:-1], sentence[-1]) if sentence[-1] in ".!?" else (sentence, ".")
    return f"{body} {marks}{end}"


def split_sentences(text: str) -> list[str]:
    """Sentences of an answer, each with the markers that follow it, by the one sentence rule
    (`assistant.text_rules.SENTENCE_END`: "U.S.", "e.g.", "Aha!;" and a closing quote do not end a sentence early)."""
    return [s.strip() for line in text.split("\n") for s in SENTENCE_END.split(line) if s.strip(" .")]


def markers(sentence: str) -> list[int]:
    return [int(n) for n in MARKER.findall(sentence)]


def support(sentence: str, passage_text: str) -> float:
    """The share of a sentence's words (stopwords aside) that its passage contains."""
    words = set(tokenize(MARKER.sub("", sentence)))
    if not words:
        return 0.0
    return len(words & set(tokenize(passage_text))) / len(words)


def check_citations(
    text: str, passages: list[Passage], min_support: float = 0.5
) -> tuple[list[tuple[str, list[int]]], list[str]]:
    """Keep the sentences whose every marker names a passage that shares enough words with them.

    Args:
        text: An answer with `[n]` markers, n counting from 1 over `passages`.
        passages: The passages the writer was shown, in the order it numbered them.
        min_support: Least share of a sentence's words its cited passage must contain.

    Returns:
        The supported sentences (marker-free text, cited passage numbers) and the dropped sentences.
    """
    kept, dropped = [], []
    for sentence in split_sentences(text):
        numbers = markers(sentence)
        bare = MARKER.sub("", sentence).strip()
        valid = [n for n in numbers if 1 <= n <= len(passages)]
        if (
            numbers
            and len(valid) == len(numbers)
            and all(support(bare, passages[n - 1].text) >= min_support for n in valid)
        ):
            kept.append((bare, valid))
        else:
            dropped.append(bare)
    return kept, dropped


# In a sentence the writer composed, where each of its citations goes: "... $136,620 [{a}] against ... [{b}]".
INLINE = ("[{a}]", "[{b}]")


def renumber(sentences: list[tuple[str, list[int]]]) -> tuple[list[str], list[int]]:
    """Number cited passages 1..k in order of first use; return the marked sentences and, for each
    new number, the old one. A sentence with inline places (`INLINE`) gets its markers there."""
    order: list[int] = []
    marked = []
    for sentence, old_numbers in sentences:
        new_numbers = []
        for old in old_numbers:
            if old not in order:
                order.append(old)
            new_numbers.append(order.index(old) + 1)
        if INLINE[0] in sentence:
            for place, number in zip(INLINE, new_numbers, strict=False):
                sentence = sentence.replace(place, f"[{number}]")
            marked.append(sentence)
        else:
            marked.append(with_marker(sentence, sorted(set(new_numbers))))
    return marked, order
