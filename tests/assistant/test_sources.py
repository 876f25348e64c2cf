"""`sources=`: a question limited to some indexed documents, on the real model and an index of both guides."""

from __future__ import annotations

import pytest

from assistant.errors import InvalidQuestion

ML = "ml-engineer-vs-data-scientist.md"
SECURITY = "cybersecurity-analyst-vs-penetration-tester.md"


@pytest.mark.parametrize("source", [ML, SECURITY])
def test_a_question_limited_to_one_guide_cites_only_that_guide(two_guides, source: str) -> None:
    question = "What skills and tools do they need?"

    limited = two_guides.answer(question, sources=[source])
    streamed = list(two_guides.stream({"question": question, "sources": [source]}))[-1]

    assert limited.citations and {c.source for c in limited.citations} == {source}
    assert streamed == limited


def test_a_refusal_within_a_guide_names_only_its_sections(two_guides) -> None:
    refusal = two_guides.answer("What is the best recipe for sourdough bread?", sources=[SECURITY])

    assert refusal.refused
    assert refusal.nearest and {c.source for c in refusal.nearest} == {SECURITY}
    assert [c.section for c in refusal.nearest] == refusal.nearest_sections


def test_no_limit_searches_every_guide(two_guides) -> None:
    everything = two_guides.answer("How much do penetration testers earn?", sources=[])

    assert everything.citations[0].source == SECURITY


def test_an_unknown_document_is_a_clear_error(two_guides) -> None:
    with pytest.raises(InvalidQuestion, match=r"no indexed document is named nope\.md"):
        two_guides.answer("What do ML engineers do?", sources=["nope.md", ML])
