"""Heading-aware chunking of the guide, in its Markdown and its original plain-text form."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import chunk_markdown, load_markdown
from ingest.chunking import Chunk

GUIDE_MD = Path(__file__).parents[2] / "corpus" / "ml-engineer-vs-data-scientist.md"
TITLE = "ML Engineer vs. Data Scientist: Differences & Earning Potentials"
SECTIONS = [
    TITLE,
    "Defining roles and responsibilities",
    "Defining roles and responsibilities > Data scientist roles and responsibilities",
    "Defining roles and responsibilities > Machine learning engineer roles and responsibilities",
    "How is each role important to businesses?",
    "How is each role important to businesses? > Data scientist",
    "How is each role important to businesses? > ML engineer",
    "Tools and technologies",
    "Tools and technologies > Data scientist",
    "Tools and technologies > ML engineer",
    "Tools and technologies > Both roles",
    "Earning potentials",
    "Earning potentials > Data scientist",
    "Earning potentials > ML engineer",
    "Career paths",
    "Career paths > Data scientist",
    "Career paths > ML engineer",
    "Job outlook",
    "Job outlook > Data scientist",
    "Job outlook > ML engineer",
    "Find ML engineer and data scientist jobs on Upwork",
]
BULLET = re.compile(r"^\s*([-*+•]|\d+[.)])\s+")


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _section_bodies(markdown: str) -> dict[str, str]:
    """Each section's own text by heading path, parsed independently of the chunker."""
    bodies: dict[str, list[str]] = {TITLE: []}
    stack: list[tuple[int, str]] = []
    current = TITLE
    for line in markdown.split("\n"):
        heading = re.match(r"^(#+) (.+)$", line)
        if heading and len(heading.group(1)) > 1:
            level = len(heading.group(1))
            stack = [(lvl, t) for lvl, t in stack if lvl < level] + [(level, heading.group(2))]
            current = " > ".join(t for _, t in stack)
            bodies[current] = []
        elif not heading:
            bodies[current].append(line)
    return {name: _squeeze("\n".join(lines)) for name, lines in bodies.items()}


def _lists(markdown: str) -> list[tuple[str, list[str]]]:
    """Every bullet list of a Markdown text with the paragraph right before it."""
    found: list[tuple[str, list[str]]] = []
    previous = ""
    for block in markdown.split("\n\n"):
        lines = block.strip().split("\n")
        if BULLET.match(lines[0]):
            found.append((previous, lines))
        previous = block.strip()
    return found


@pytest.fixture(params=["md", "txt"])
def guide_chunks(request, guide_txt: Path) -> list[Chunk]:
    """The guide's chunks at the default size, from the Markdown corpus file or the original .txt."""
    path = GUIDE_MD if request.param == "md" else guide_txt
    return chunk_markdown(load_markdown(path))


def test_the_txt_guide_gets_the_section_paths_of_the_markdown_guide(guide_txt: Path):
    from_md = chunk_markdown(load_markdown(GUIDE_MD))
    from_txt = chunk_markdown(load_markdown(guide_txt))

    assert [c.section for c in from_txt] == [c.section for c in from_md]


def test_the_guide_has_its_heading_hierarchy(guide_chunks: list[Chunk]):
    assert list(dict.fromkeys(c.section for c in guide_chunks)) == SECTIONS


def test_every_data_scientist_subsection_carries_its_parent(guide_chunks: list[Chunk]):
    data_scientist = [c for c in guide_chunks if c.section.split(" > ")[-1] == "Data scientist"]

    assert all(" > " in c.section for c in data_scientist)
    assert {c.section.split(" > ")[0] for c in data_scientist} == {
        "How is each role important to businesses?",
        "Tools and technologies",
        "Earning potentials",
        "Career paths",
        "Job outlook",
    }


def test_no_chunk_spans_two_sections(guide_chunks: list[Chunk]):
    bodies = _section_bodies(GUIDE_MD.read_text(encoding="utf-8"))

    for chunk in guide_chunks:
        for line in chunk.text.split("\n"):
            assert _squeeze(line) in bodies[chunk.section], f"chunk {chunk.position} holds text of another section"


def test_a_bullet_list_stays_with_the_line_that_introduces_it(guide_chunks: list[Chunk]):
    intro = "Responsibilities of a data scientist include:"
    with_items = [c for c in guide_chunks if "- Data collection and cleaning." in c.text]

    assert len(with_items) == 1
    assert with_items[0].text.startswith(intro + "\n- Data collection and cleaning.")


def test_every_piece_of_a_long_list_repeats_its_colon_introduction(guide_chunks: list[Chunk]):
    lists = _lists(GUIDE_MD.read_text(encoding="utf-8"))
    assert len(lists) == 7

    for intro, items in lists:
        first = next(c for c in guide_chunks if items[0] in c.text)
        assert intro in first.text, "a list's first items share a chunk with the paragraph introducing it"
        if intro.endswith(":"):
            for item in items:
                assert all(intro in c.text for c in guide_chunks if item in c.text)


@pytest.mark.parametrize("chunk_size", [200, 350, 1000])
@pytest.mark.parametrize("path", [GUIDE_MD, Path(__file__).parent / "data" / "ml-engineer-vs-data-scientist.txt"])
def test_chunks_respect_the_size_and_are_numbered_in_order(path: Path, chunk_size: int):
    chunks = chunk_markdown(load_markdown(path), chunk_size, chunk_overlap=chunk_size // 10)

    assert [c.position for c in chunks] == list(range(len(chunks)))
    assert max(len(c.text) for c in chunks) <= chunk_size * 1.5
    assert sum(len(c.text) for c in chunks) / len(chunks) <= chunk_size
    assert [s for s in SECTIONS if s in {c.section for c in chunks}] == SECTIONS


def test_a_smaller_chunk_size_gives_more_chunks_of_the_same_sections():
    markdown = load_markdown(GUIDE_MD)
    default, small = chunk_markdown(markdown), chunk_markdown(markdown, 200, 20)

    assert len(small) > 2 * len(default)
    assert list(dict.fromkeys(c.section for c in small)) == SECTIONS


def test_long_prose_is_split_at_sentences_with_overlap():
    sentences = [f"Sentence number {n} talks about data science careers." for n in range(30)]
    chunks = chunk_markdown("# Title\n\n## Prose\n\n" + " ".join(sentences), chunk_size=200, chunk_overlap=60)

    assert len(chunks) > 1
    assert all(c.section == "Prose" for c in chunks)
    for before, after in pairwise(chunks):
        assert before.text.endswith(".")
        shared = after.text.split(" Sentence number")[0]
        assert shared and shared in before.text, "neighbouring pieces share their boundary text"


def test_a_title_after_other_headings_opens_its_own_section():
    markdown = "## Preface\n\nWritten in spring.\n\n# Salaries\n\nThey vary.\n\n## By city\n\nHigh in hubs."

    chunks = chunk_markdown(markdown)

    assert [(c.section, c.text) for c in chunks] == [
        ("Preface", "Written in spring."),
        ("Salaries", "They vary."),
        ("Salaries > By city", "High in hubs."),
    ]


def test_a_bold_question_heads_its_answer():
    # an FAQ written as bold lines ("**Can a rad tech do ultrasound?**"): each question heads the answer after it,
    # under the heading they follow, as if written "### Can ...?"
    markdown = (
        "## FAQ\n\n**Can I switch?**\nYes, but not without training.\n\n**Is it hard?**\nIt depends.\n\n"
        "## Pay\n\n**Key facts:**\n\n- Median: $50,000"
    )

    chunks = chunk_markdown(markdown)

    assert [(c.section, c.text.split("\n")[0]) for c in chunks] == [
        ("FAQ > Can I switch?", "Yes, but not without training."),
        ("FAQ > Is it hard?", "It depends."),
        ("Pay", "**Key facts:**"),  # a bold line that does not ask stays in its section
    ]


# A document of headings, paragraphs and lists, every heading followed by body text so its words are kept.
_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFG0123456789$%,.:'()", min_size=1, max_size=20)
_sentence = st.lists(_word, min_size=1, max_size=30).map(" ".join)
_paragraph = st.lists(_sentence, min_size=1, max_size=6).map(lambda s: ". ".join(s) + ".")
_bullets = st.lists(
    st.tuples(st.sampled_from(["-", "*", "+", "•", "1.", "2)"]), _sentence), min_size=1, max_size=8
).map(lambda items: "\n".join(f"{mark} {text}" for mark, text in items))
_intro_and_list = st.tuples(_sentence, _bullets).map(lambda p: f"{p[0]}:\n{p[1]}")
_body = st.lists(st.one_of(_paragraph, _bullets, _intro_and_list), min_size=1, max_size=4).map("\n\n".join)
_section = st.tuples(st.integers(1, 6), st.lists(_word, min_size=1, max_size=6).map(" ".join), _body).map(
    lambda s: f"{'#' * s[0]} {s[1]}\n\n{s[2]}"
)
_document = st.tuples(st.one_of(st.just(""), _body), st.lists(_section, max_size=6)).map(
    lambda d: "\n\n".join(filter(None, [d[0], *d[1]]))
)


@settings(max_examples=100, deadline=None)
@given(markdown=_document, chunk_size=st.integers(200, 1200), overlap_share=st.floats(0, 0.3))
def test_chunking_keeps_every_word_within_the_size(markdown: str, chunk_size: int, overlap_share: float):
    chunks = chunk_markdown(markdown, chunk_size, int(chunk_size * overlap_share))

    assert [c.position for c in chunks] == list(range(len(chunks)))
    assert all(len(c.text) <= chunk_size * 1.5 for c in chunks)
    kept = {word for c in chunks for word in (*c.text.split(), *c.section.split())}
    assert set(markdown.split()) - {"#" * n for n in range(1, 7)} <= kept


@settings(max_examples=150, deadline=None)
@given(markdown=st.text(), chunk_size=st.integers(200, 2000), overlap=st.integers(0, 300))
def test_chunking_never_crashes_on_any_text(markdown: str, chunk_size: int, overlap: int):
    chunks = chunk_markdown(markdown, chunk_size, overlap)

    assert all(c.text.strip() for c in chunks)


# Any Unicode, thick with Markdown's own characters, so headings, lists, quotes and fences turn up at random.
_markup_or_any = st.one_of(st.sampled_from([*"#-*+>|`:.1)\n", "\n\n", "  ", "\t", "```", "• "]), st.characters())
_any_markdown = st.lists(_markup_or_any, max_size=1500).map("".join)
_MARKUP_TOKENS = {"#" * n for n in range(1, 7)} | {"-", "*", "+", "•", ">", "```", "|"}


_ATX_HEADING = re.compile(r"^#{1,6}\s+\S")


@settings(max_examples=200, deadline=None)
@given(markdown=_any_markdown, chunk_size=st.integers(200, 1200), overlap_share=st.floats(0, 0.3))
def test_chunking_keeps_every_body_word_of_any_text(markdown: str, chunk_size: int, overlap_share: float):
    chunks = chunk_markdown(markdown, chunk_size, int(chunk_size * overlap_share))

    # Heading words are kept only with body text under them (a lone heading is not indexed), so check the body.
    body = [line for line in markdown.split("\n") if not _ATX_HEADING.match(line)]
    kept = {word for c in chunks for word in (*c.text.split(), *c.section.split())}
    assert {word for line in body for word in line.split()} - _MARKUP_TOKENS <= kept
