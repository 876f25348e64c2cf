"""Loading `.md`, `.txt`, `.html` and `.pdf` files into clean Markdown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest import UnreadableFile, chunk_markdown, load_markdown

DEBRIS = [".png)", "hero-image.avif)", "[](https://www.upwork.com/resources)", "![](team.jpg)", "[]"]
BODY = ["Data scientists earn well in many industries.", "ML engineers deploy models to production."]

DOCUMENTS = {
    ".md": "# Salaries\n\n## Data science\n\n{0}\n\n{debris}\n\n{1}\n",
    ".txt": "Salaries\nData science\n{0}\n{debris}\n{1}\n",
    ".html": (
        "<html><head><style>p {{ color: red; }}</style></head><body><nav>Home | Jobs</nav>"
        "<h1>Salaries</h1><h2>Data science</h2><p>{0}</p>{debris}<p>{1}</p>"
        "<script>var tracking = 1;</script><footer>Copyright</footer></body></html>"
    ),
}


@pytest.mark.parametrize("suffix", list(DOCUMENTS))
def test_cleaning_drops_image_and_link_debris(tmp_path: Path, suffix: str):
    joiner = "" if suffix == ".html" else "\n"
    debris = joiner.join(f"<p>{d}</p>" if suffix == ".html" else d for d in DEBRIS)
    path = tmp_path / f"guide{suffix}"
    path.write_text(DOCUMENTS[suffix].format(*BODY, debris=debris), encoding="utf-8")

    text = load_markdown(path)

    assert all(sentence in text for sentence in BODY)
    assert not re.search(r"\.(png|avif|jpg)\)|\[\]", text), text
    assert "tracking" not in text and "Copyright" not in text and "Home | Jobs" not in text


def test_the_original_txt_guide_loses_its_trailing_debris(guide_txt: Path):
    raw = guide_txt.read_text(encoding="utf-8")
    assert ".png)" in raw and ".avif)" in raw

    text = load_markdown(guide_txt)

    assert ".png)" not in text and ".avif)" not in text
    assert text.rstrip().endswith("fuel your business growth.")


def test_html_headings_become_section_paths(tmp_path: Path):
    page = tmp_path / "outlook.html"
    page.write_text(
        """<!doctype html><html><body>
        <h1>Career outlook</h1>
        <p>An overview of <b>two</b> careers.</p>
        <h2>Job outlook</h2>
        <h3>Data scientist</h3>
        <p>Demand grows by 35% over the next decade.</p>
        <h3>ML engineer</h3>
        <p>Tools they use include:</p>
        <ul><li>PyTorch for training.</li><li>Kubernetes for scaling.</li></ul>
        </body></html>""",
        encoding="utf-8",
    )

    chunks = chunk_markdown(load_markdown(page))

    assert [(c.section, c.text) for c in chunks] == [
        ("Career outlook", "An overview of two careers."),
        ("Job outlook > Data scientist", "Demand grows by 35% over the next decade."),
        ("Job outlook > ML engineer", "Tools they use include:\n- PyTorch for training.\n- Kubernetes for scaling."),
    ]


def test_every_piece_of_a_long_html_list_keeps_its_introduction(tmp_path: Path):
    items = "".join(f"<li>Skill number {n} that a data scientist should learn.</li>" for n in range(12))
    page = tmp_path / "skills.html"
    page.write_text(f"<h2>Skills</h2><p>Skills to learn include:</p><ul>{items}</ul>", encoding="utf-8")

    chunks = chunk_markdown(load_markdown(page), chunk_size=200, chunk_overlap=20)

    assert len(chunks) > 1
    assert all(c.text.startswith("Skills to learn include:\n- Skill number") for c in chunks)
    assert sum(c.text.count("- Skill number") for c in chunks) == 12


def test_a_pdf_loads_with_its_text_and_headings(tmp_path: Path, make_pdf):
    lines = [
        "Career notes",
        "A short guide for people who work with data.",
        "Salaries",
        "Data scientists earn an average of $103,500 per year.",
        "Job outlook",
        "Demand for ML engineers grows every year.",
    ]
    pdf = make_pdf(tmp_path / "notes.pdf", lines)

    chunks = chunk_markdown(load_markdown(pdf))

    assert [c.section for c in chunks] == ["Career notes", "Salaries", "Job outlook"]
    assert [c.text for c in chunks] == lines[1::2]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("notes.docx", b"PK\x03\x04 a word document", "unsupported file type .docx"),
        ("notes.md", b" \n\n\t\n", "the file is empty"),
        ("notes.md", b".png)\n[](x)\n", "no text once cleaned"),
        ("notes.pdf", b"", "the file is empty"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(tmp_path: Path, name: str, content: bytes, reason: str):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(UnreadableFile, match=re.escape(reason)):
        load_markdown(path)


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ('Pay <b>rises</b><img src=x onerror="alert(1)"> fast.', "Pay rises fast."),
        ("Text <script>alert('pwned')</script>here.", "Text here."),
        ("Kept <!-- a comment --> text<br/>.", "Kept  text."),
        ("If a < b and c > d, see <https://example.com>.", "If a < b and c > d, see <https://example.com>."),
    ],
    ids=["tags", "script", "comment-and-br", "not-html"],
)
def test_inline_html_in_markdown_is_dropped_and_its_text_kept(tmp_path: Path, markdown: str, expected: str):
    path = tmp_path / "guide.md"
    path.write_text(f"# Guide\n\n## Pay\n\n{markdown}\n")

    assert load_markdown(path).splitlines()[-1] == expected


def test_html_in_a_txt_file_is_text(tmp_path: Path):
    path = tmp_path / "notes.txt"
    path.write_text("Notes\n\nZebra herders earn <b>twelve</b> coins a week.\n")

    assert "<b>twelve</b>" in load_markdown(path)
