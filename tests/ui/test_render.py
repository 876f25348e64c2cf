"""How answers become chat HTML: footnotes match the markers, refusals look different, nothing is ever unescaped."""

from __future__ import annotations

import pytest

from assistant.results import Answer, Citation
from ui.render import display_section, footnote, render_answer, render_question

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    "</details></div><iframe src=javascript:alert(1)>",
    "[click](javascript:alert(1))\n\n<b>bold</b>",
]


def _citation(index: int, text: str = "Data scientists make an average of $103,500 per year.", **kw) -> Citation:
    return Citation(
        index, kw.get("source", "guide.md"), kw.get("section", "Earning potentials > Data scientist"), text, 0.8
    )


def test_each_citation_is_a_numbered_footnote_with_section_and_source() -> None:
    answer = Answer("They earn $103,500 [1]. It varies [2].", [_citation(1), _citation(2, section="Job outlook")])

    html = render_answer("How much?", answer)

    assert html.count('<details class="ca-footnote"') == 2
    section = display_section("Earning potentials > Data scientist")
    assert f'<span class="ca-num">[1]</span> <span class="ca-section">{section}</span>' in html
    assert '<span class="ca-source">— guide.md</span>' in html
    assert '<div class="ca-passage"><p>Data scientists make an average of $103,500 per year.</p></div>' in html
    assert '$103,500<span class="ca-marker">[1]</span>.' in html
    assert html.index("[1]</span> <span") < html.index("[2]</span> <span")


@pytest.mark.parametrize("hostile", HOSTILE)
def test_guide_and_user_text_is_escaped_everywhere(hostile: str) -> None:
    answer = Answer(
        f"{hostile} [1]",
        [_citation(1, hostile, source=hostile, section=hostile)],
        standalone_question=hostile + "?",
        notes=[hostile],
    )
    refusal = Answer(hostile, refused=True, nearest_sections=[hostile], standalone_question=hostile + "?")

    for html in (
        render_answer("q", answer),
        render_answer("q", refusal),
        render_question(hostile),
        render_answer("q", answer, complete=False),
    ):
        for tag in ("<script", "<img", "<svg", "<iframe", "<b>"):
            assert tag not in html
        # No newline: the chat's Markdown renderer takes the message as one raw HTML block, so no Markdown link.
        assert "\n" not in html


def test_a_rewritten_follow_up_shows_the_standalone_question_in_small_print() -> None:
    rewritten = Answer(
        "They earn $103,500 [1].", [_citation(1)], standalone_question="How much do data scientists earn?"
    )
    same = Answer("They earn $103,500 [1].", [_citation(1)], standalone_question="And  a data scientist? ")

    assert "Searched the guide for: “How much do data scientists earn?”" in render_answer(
        "and a data scientist?", rewritten
    )
    assert "ca-standalone" not in render_answer("and a data scientist?", same)


def test_a_refusal_is_a_notice_listing_the_nearest_sections() -> None:
    refusal = Answer(
        "The guide does not cover this question. The closest sections of the guide are: Career paths; Job outlook.",
        refused=True,
        nearest_sections=["Career paths", "Job outlook > ML engineer"],
        standalone_question="bread?",
    )

    html = render_answer("bread?", refusal)

    assert html.startswith('<div class="ca-refusal">') and "ca-sources" not in html
    assert "<p>The guide does not cover this question.</p>" in html
    assert f"<li>Career paths</li><li>{display_section('Job outlook > ML engineer')}</li>" in html


def test_a_streaming_answer_shows_its_text_without_footnotes() -> None:
    html = render_answer("q", Answer("First sentence [1].", [_citation(1)]), complete=False)

    assert "ca-streaming" in html and "ca-footnote" not in html


def test_a_footnote_keeps_the_passage_paragraphs() -> None:
    html = footnote(_citation(3, "First paragraph.\n\nSecond line one\nline two"))

    assert "<p>First paragraph.</p><p>Second line one<br>line two</p>" in html


def test_the_page_names_the_indexed_guides_and_asks_about_their_roles():
    """Nothing in the UI names one guide: its introduction and examples come from the guides' vocabularies."""
    from assistant.vocabulary import GuideVocabulary, Role
    from ui.app import describe, examples

    guide = GuideVocabulary(
        "care.md", "Nurse vs. Dentist: Pay and Paths", [Role("nurse", "care.md"), Role("ML engineer", "care.md")]
    )
    assert "**Nurse vs. Dentist**" in describe([guide])
    assert examples([guide])[:2] == ["What does a nurse do?", "Who earns more, nurses or ML engineers?"]
    assert examples([guide])[3] == "How do I become an ML engineer?"
    assert "career guides in the corpus" in describe([])


def test_with_a_key_each_marker_links_to_its_footnote_with_a_preview() -> None:
    answer = Answer(
        "They earn $103,500 [1]. It varies [2]. Unknown [9].",
        [_citation(1), _citation(2, "Second passage " + "word " * 60, section="Job outlook")],
    )

    html = render_answer("How much?", answer, key="conv1-0")

    assert '<a class="ca-marker" href="#ca-conv1-0-fn-1">[1]<span class="ca-preview">' in html
    assert 'id="ca-conv1-0-fn-2"' in html and 'href="#ca-conv1-0-fn-2"' in html
    assert '<span class="ca-marker">[9]</span>' in html  # no such footnote: no link
    preview = html.split('href="#ca-conv1-0-fn-2">[2]')[1].split("</a>")[0]
    assert "<b>Job outlook</b>" in preview and preview.endswith("…</span>")
    assert 'href="#' not in render_answer("How much?", answer)  # no key (e.g. streaming): plain markers


@pytest.mark.parametrize("hostile", HOSTILE)
def test_previews_and_nearest_passages_are_escaped(hostile: str) -> None:
    answer = Answer(f"{hostile} [1]", [_citation(1, hostile, source=hostile, section=hostile)])
    refusal = Answer(
        "Not covered.",
        refused=True,
        nearest_sections=[hostile],
        nearest=[_citation(1, hostile, source=hostile, section=hostile)],
    )

    for html in (render_answer("q", answer, key=hostile), render_answer("q", refusal, key="k")):
        for tag in ("<script", "<img", "<svg", "<iframe", "<b>b"):
            assert tag not in html
        assert "\n" not in html


def test_a_refusal_opens_each_nearest_passage_and_names_its_file() -> None:
    refusal = Answer(
        "The guide does not cover this question.",
        refused=True,
        nearest_sections=["Job outlook"],
        nearest=[_citation(1, "Jobs grow 35%.", section="Job outlook", source="other.md")],
    )

    html = render_answer("bread?", refusal)

    assert (
        '<details class="ca-nearby"><summary><span class="ca-section">Job outlook</span> '
        '<span class="ca-source">— other.md</span></summary>'
    ) in html
    assert '<div class="ca-passage"><p>Jobs grow 35%.</p></div>' in html
