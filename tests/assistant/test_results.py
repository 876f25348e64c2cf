"""How answers render in Jupyter and travel as JSON (hand-built answers: the rendering is pure logic)."""

import html
import json
import re
import sys
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt  # CommonMark, close to what Jupyter runs; installed with gradio (via rich)

from assistant import Answer, Citation, answers_to_frame

SALARY = Answer(
    text="ML engineers earn $136,620 per year [1]. Data scientists earn $103,500 [2] [1].",
    citations=[
        Citation(1, "guide.md", "Earning potentials > ML engineer", "The median is $136,620.\n- *base* pay", 0.8234),
        Citation(2, "guide.md", "Earning potentials > Data scientist", "About $103,500 a year.", 0.7111),
    ],
    standalone_question="How much do ML engineers earn?",
)
REFUSAL = Answer(
    text="The guide does not cover this question. The closest sections of the guide are: Career paths; "
    "Job outlook > ML engineer.",
    refused=True,
    standalone_question="How do I bake bread?",
    nearest_sections=["Career paths", "Job outlook > ML engineer"],
)
ANGLE = "\N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK}"  # shown between headings
HOSTILE = "<script>alert(1)</script> **bold** $x$ [link](javascript:alert(1))"


class _Ids(HTMLParser):
    """Collects the `id`s and the `href`s of `<a>` tags of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])


def parse(fragment: str) -> _Ids:
    parser = _Ids()
    parser.feed(fragment)
    return parser


def markdown_to_html(markdown: str) -> str:
    """What a notebook shows for Markdown output (raw HTML allowed, as Jupyter allows it)."""
    return MarkdownIt("commonmark", {"html": True}).render(markdown)


def as_html(result: Answer) -> str:
    return result._repr_html_()


def via_markdown(result: Answer) -> str:
    return markdown_to_html(result._repr_markdown_())


RENDERINGS = pytest.mark.parametrize("render", [via_markdown, as_html], ids=["markdown", "html"])


def test_str_is_the_plain_text():
    assert str(SALARY) == SALARY.text
    assert str(REFUSAL) == REFUSAL.text


@RENDERINGS
def test_every_marker_links_to_a_footnote_with_section_source_and_score(render):
    rendered = render(SALARY)
    parsed = parse(rendered)
    links = [href.removeprefix("#") for href in parsed.hrefs]
    assert len(links) == 3  # [1], [2], [1]
    assert set(links) <= set(parsed.ids), "a marker links to no footnote"
    assert links[0] == links[2] != links[1]
    for section, score in (
        (f"Earning potentials {ANGLE} ML engineer", "0.82"),
        (f"Earning potentials {ANGLE} Data scientist", "0.71"),
    ):
        footnote = rendered[rendered.index(section) - 200 : rendered.index(section) + 200]
        assert "guide.md" in footnote and f"score {score}" in footnote


def test_two_answers_in_one_notebook_do_not_share_footnote_ids():
    other = Answer(
        text="Data scientists earn $103,500 [1].",
        citations=[SALARY.citations[1]],
        standalone_question="How much do data scientists earn?",
    )
    assert not set(parse(SALARY._repr_html_()).ids) & set(parse(other._repr_html_()).ids)
    assert not set(parse(via_markdown(SALARY)).ids) & set(parse(via_markdown(other)).ids)


def test_dollar_figures_are_not_typeset_as_math():
    markdown = SALARY._repr_markdown_()
    assert "\\$136,620" in markdown and "\\$103,500" in markdown
    assert re.search(r"(?<!\\)\$", markdown) is None
    assert "tex2jax_ignore" in SALARY._repr_html_() and "mathjax_ignore" in SALARY._repr_html_()


def test_the_html_footnote_opens_onto_the_passage():
    rendered = SALARY._repr_html_()
    assert rendered.count("<details") == 2
    assert "The median is $136,620.<br>- *base* pay" in rendered


@RENDERINGS
def test_a_refusal_is_a_notice_listing_the_nearest_sections(render):
    rendered = render(REFUSAL)
    assert "Not covered by the guide" in rendered
    assert "Career paths" in rendered and f"Job outlook {ANGLE} ML engineer" in rendered
    assert "How do I bake bread?" in rendered
    assert "The closest sections of the guide are" not in rendered  # listed, not repeated as a sentence
    assert "cite-" not in rendered


@RENDERINGS
def test_notes_are_shown(render):
    noted = Answer(SALARY.text, SALARY.citations, notes=["The LLM was down; the extractive writer answered."])
    assert "the extractive writer answered" in render(noted)


def test_guide_and_user_text_is_never_interpreted():
    hostile = Answer(
        text=f"{HOSTILE} [1].",
        citations=[Citation(1, HOSTILE, HOSTILE, HOSTILE, 0.5)],
        standalone_question=HOSTILE,
        notes=[HOSTILE],
    )
    refusal = Answer(HOSTILE, refused=True, nearest_sections=[HOSTILE], standalone_question=HOSTILE)
    for shown in (hostile, hostile.citations[0], refusal):
        for rendered in (shown._repr_html_(), markdown_to_html(shown._repr_markdown_())):
            assert html.escape(HOSTILE, quote=False) in rendered  # shown as written
            parsed = parse(rendered)
            assert "script" not in parsed.tags
            assert all(href.startswith(("#cite-", "#ca-cite-")) for href in parsed.hrefs)


@pytest.mark.parametrize(
    "render", [lambda c: markdown_to_html(c._repr_markdown_()), Citation._repr_html_], ids=["markdown", "html"]
)
def test_a_citation_renders_with_its_number_section_source_score_and_passage(render):
    rendered = render(SALARY.citations[0])
    for part in ("[1]", f"Earning potentials {ANGLE} ML engineer", "guide.md", "score 0.82", "136,620"):
        assert part in rendered


@pytest.mark.parametrize("result", [SALARY, REFUSAL, Answer("x", notes=["n"])], ids=["cited", "refusal", "bare"])
def test_json_round_trip(result):
    assert Answer.from_dict(json.loads(json.dumps(result.to_dict()))) == result


def test_answers_to_frame():
    frame = answers_to_frame([SALARY, REFUSAL])
    assert list(frame["question"]) == [SALARY.standalone_question, REFUSAL.standalone_question]
    assert list(frame["refused"]) == [False, True]
    assert list(frame["citations"]) == [2, 0]
    assert frame["sections"][0] == ["Earning potentials > ML engineer", "Earning potentials > Data scientist"]
    assert frame["sources"][0] == ["guide.md"]
    assert frame["top_score"][0] == pytest.approx(0.8234)
    assert frame["nearest_sections"][1] == ["Career paths", "Job outlook > ML engineer"]
    assert list(answers_to_frame([]).columns) == list(frame.columns)


def test_answers_to_frame_without_pandas_names_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # what `import pandas` sees when it is not installed
    with pytest.raises(ImportError, match="pip install pandas"):
        answers_to_frame([SALARY])
