"""Properties of the `[n]` marker checker and renumbering, on generated answers and passages (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.citations import MARKER, check_citations, markers, renumber, split_sentences
from assistant.retrieval import Passage


def passage(text: str) -> Passage:
    return Passage("id", "guide.md", "Section", text, 0, 0.5, 0.1)


# Words that survive tokenizing as themselves: lower-case, no vowels (so never a stopword), 3+ letters.
_word = st.text(alphabet="bcdfghjklmnpqrvwxz", min_size=3, max_size=8)
_plain_sentence = st.lists(_word, min_size=1, max_size=10).map(" ".join)
# Answer-like text: sentences with stray markers (some out of range), punctuation and line breaks.
_marker = st.integers(0, 9).map(lambda n: f"[{n}]")
_piece = st.one_of(_word, _marker, st.sampled_from([".", "!", "?", "\n", " ", ",", "[", "]", "[x]", "$1.5", "e.g."]))
_answer_like = st.lists(_piece, max_size=40).map(" ".join)
# Any text, blank or with bracketed numbers too.
_any_sentence = st.text(max_size=120)


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(_answer_like, st.text(max_size=400)),
    passages=st.lists(st.one_of(_plain_sentence, st.text(max_size=200)).map(passage), max_size=5),
    min_support=st.floats(0, 1),
)
def test_the_checker_never_crashes_and_keeps_only_markers_that_resolve(text, passages, min_support):
    kept, dropped = check_citations(text, passages, min_support)

    assert len(kept) + len(dropped) == len(split_sentences(text))
    for sentence, numbers in kept:
        assert numbers and all(1 <= n <= len(passages) for n in numbers)
        assert not MARKER.search(sentence), "a kept sentence is returned without its markers"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_any_sentence, st.lists(st.integers(1, 30), min_size=1, max_size=4)), max_size=10))
def test_renumbering_counts_from_one_and_every_marker_resolves(sentences):
    marked, order = renumber(sentences)

    assert len(marked) == len(sentences)
    assert len(set(order)) == len(order) and set(order) == {n for _, numbers in sentences for n in numbers}
    first_use: list[int] = []
    for (_, old), out in zip(sentences, marked, strict=True):
        new = markers(out)
        assert all(1 <= n <= len(order) for n in new), f"{out!r} has a marker beyond the {len(order)} citations"
        assert {order[n - 1] for n in new} == set(old), "each marker points at the passage it was given"
        first_use += [n for n in new if n not in first_use]
    assert first_use == list(range(1, len(order) + 1))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_a_renumbered_answer_from_passage_words_passes_the_checker(data):
    passages = data.draw(st.lists(st.lists(_word, min_size=3, max_size=30).map(" ".join), min_size=1, max_size=6))
    sentences = []
    for _ in range(data.draw(st.integers(1, 6))):
        n = data.draw(st.integers(1, len(passages)))
        words = data.draw(st.lists(st.sampled_from(passages[n - 1].split()), min_size=1, max_size=8))
        sentences.append((" ".join(words).capitalize() + ".", [n]))

    marked, order = renumber(sentences)
    kept, dropped = check_citations(" ".join(marked), [passage(passages[old - 1]) for old in order], 1.0)

    assert dropped == []
    assert [order[numbers[0] - 1] for _, numbers in kept] == [numbers[0] for _, numbers in sentences]


def test_a_bracketed_number_in_a_passage_sentence_does_not_become_a_marker():
    marked, _ = renumber([("A falconer earns forty silver feathers a month [12].", [1])])

    assert markers(" ".join(marked)) == [1]


@pytest.mark.parametrize("blank", ["", "   "])
def test_renumbering_a_blank_sentence_does_not_crash(blank):
    marked, _ = renumber([(blank, [1])])

    assert markers(marked[0]) == [1]
