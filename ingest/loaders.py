"""Read `.md`, `.txt`, `.html` and `.pdf` files into cleaned Markdown text."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

SUPPORTED_SUFFIXES = (".md", ".txt", ".html", ".htm", ".pdf")
_PDF_WORKER = Path(__file__).with_name("_pdf_worker.py")


class UnreadableFile(Exception):
    """A file that cannot be ingested; the message says why, for the user."""


@dataclass(frozen=True)
class ReadLimits:
    """How much one file may cost to read; a file over a limit is skipped with the reason (see Settings)."""

    max_chars: int = 5_000_000
    max_pdf_pages: int = 2000
    max_pdf_stream_mb: float = 8.0
    seconds: float = 30.0
    memory_mb: int = 1024

    @classmethod
    def from_settings(cls, settings) -> ReadLimits:
        return cls(
            max_chars=settings.max_file_chars,
            max_pdf_pages=settings.max_pdf_pages,
            max_pdf_stream_mb=settings.max_pdf_stream_mb,
            seconds=settings.file_read_seconds,
            memory_mb=settings.file_read_memory_mb,
        )


# Debris that page exports leave behind: bare image-link tails (".png)"), empty links, image links.
_DEBRIS = re.compile(
    r"""^\s*(
        \S*\.(png|jpe?g|gif|svg|webp|avif)\)?    # ".png)", "hero.avif)"
      | !?\[[^\]]*\]\(\s*\S*\s*\)               # "[](...)", "![alt](img.png)"
      | \[\s*\]                                 # "[]"
      | \(\s*\)                                 # "()"
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
# Inline HTML in Markdown is markup, not text: script and style blocks with their content, comments, and tags.
_HTML_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?(</\1\s*>|\Z)|<!--.*?(-->|\Z)", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>")


def drop_inline_html(markdown: str) -> str:
    """Markdown without its inline HTML (`<img onerror=...>`, `<br>`, `<script>...</script>`); text stays.

    >>> drop_inline_html('Pay <b>rises</b><img src=x onerror="alert(1)"> fast, if a < b.')
    'Pay rises fast, if a < b.'
    """
    return _HTML_TAG.sub("", _HTML_BLOCK.sub("", markdown))


def clean_text(text: str) -> str:
    """Normalise Unicode and line ends, drop control characters and link debris, squeeze blank runs."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    lines = [line.rstrip() for line in text.split("\n") if not _DEBRIS.match(line)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise UnreadableFile("the file is empty")
    if b"\x00" in data[:8192]:
        raise UnreadableFile("it looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"it is not valid UTF-8 (byte {data[exc.start]:#04x} at offset {exc.start})") from None


def _looks_like_heading(line: str, next_line: str | None) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 12
        and len(line) <= 90
        and line[-1] not in ".,:;!…\"'”)"
        and not line.startswith(("-", "*", "•"))
        and next_line is not None
        and not _looks_like_short_line(next_line)
    )


def _looks_like_short_line(line: str) -> bool:
    return len(line) <= 90 and line[-1] not in ".,:;!?…" and not line.startswith(("-", "*", "•"))


def text_to_markdown(text: str) -> str:
    """Give a plain-text document Markdown headings and paragraphs.

    A heading is a short line without final punctuation that is followed by body text. Levels:
    the first heading is the title (`#`); a sub-heading (`###`) is one whose text recurs in the
    document (the role names under each section), one that starts with such a text, one that ends
    with the same words as the sub-heading before it, or a short one right after a sub-heading that
    has no sub-headings of its own; every other heading is a section (`##`), and so is a heading
    whose next heading is a sub-heading.
    """
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    headings = [
        i for i, line in enumerate(lines) if _looks_like_heading(line, lines[i + 1] if i + 1 < len(lines) else None)
    ]
    if not headings:
        return "\n\n".join(lines) + "\n"
    texts = [lines[i].lower() for i in headings]
    repeated = {t for t in texts if texts.count(t) > 1}

    def by_name(t: str) -> bool:
        return t in repeated or any(t.startswith(r + " ") for r in repeated)

    levels: list[int] = []
    for n, t in enumerate(texts):
        following = texts[n + 1] if n + 1 < len(texts) else None
        previous_level = levels[-1] if levels else 1
        if n == 0:
            level = 1
        elif following is not None and by_name(following) and not by_name(t):
            level = 2
        elif by_name(t) or (
            previous_level == 3 and (t.split()[-2:] == texts[n - 1].split()[-2:] or len(t.split()) <= 3)
        ):
            level = 3
        else:
            level = 2
        levels.append(level)

    out: list[str] = []
    heading_levels = dict(zip(headings, levels, strict=True))
    for i, line in enumerate(lines):
        if i in heading_levels:
            out.append("#" * heading_levels[i] + " " + line)
        elif line.startswith(("- ", "* ", "• ")) and out and out[-1].startswith("- "):
            out[-1] += "\n- " + line[2:]  # keep a list's items in one block
        else:
            out.append("- " + line[2:] if line.startswith(("* ", "• ")) else line)
    return "\n\n".join(out) + "\n"


def html_to_markdown(html: str) -> str:
    """Headings, paragraphs and list items of an HTML page, as Markdown."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "noscript", "template"]):
        tag.decompose()
    blocks: list[str] = []
    for el in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "pre", "blockquote", "td"]):
        if el.find_parent(["li", "p", "pre", "blockquote", "td"]) and el.name != "li":
            continue  # its text is part of the enclosing block
        text = " ".join(el.get_text(" ", strip=True).split())
        if not text:
            continue
        if el.name[0] == "h":
            blocks.append("#" * int(el.name[1]) + " " + text)
        elif el.name == "li" and blocks and blocks[-1].startswith("- "):
            blocks[-1] += "\n- " + text  # keep a list's items in one block, as .md and .txt files do
        elif el.name == "li":
            blocks.append("- " + text)
        else:
            blocks.append(text)
    if not blocks:  # a page of bare text without block tags
        return text_to_markdown(soup.get_text("\n"))
    return "\n\n".join(blocks) + "\n"


def pdf_text(path: Path, limits: ReadLimits) -> str:
    """A PDF's text, read by pypdf in a child process under `limits` (see `ingest/_pdf_worker.py`)."""
    request = {
        "path": str(path),
        "max_pages": limits.max_pdf_pages,
        "max_chars": limits.max_chars,
        "max_stream_bytes": int(limits.max_pdf_stream_mb * 2**20),
        "memory_bytes": limits.memory_mb * 2**20,
    }
    try:
        done = subprocess.run(
            [sys.executable, "-I", str(_PDF_WORKER)],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            timeout=limits.seconds,
        )
    except subprocess.TimeoutExpired:  # run() has killed the child
        raise UnreadableFile(
            f"reading it took more than {limits.seconds:g}s (CAREER_ASSISTANT_FILE_READ_SECONDS)"
        ) from None
    try:
        result = json.loads(done.stdout)
    except json.JSONDecodeError:
        # Killed by a signal or out of memory before it could say why.
        last = done.stderr.strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        raise UnreadableFile(f"reading it failed ({last[0][:200]})") from None
    if "error" in result:
        raise UnreadableFile(result["error"])
    return result["text"]


def pdf_to_markdown(path: Path, limits: ReadLimits | None = None) -> str:
    text = pdf_text(path, limits or ReadLimits())
    if not text.strip():
        raise UnreadableFile("the PDF has no extractable text (a scan?)")
    return text_to_markdown(text)


def _too_many_chars(count: int, limits: ReadLimits) -> UnreadableFile:
    return UnreadableFile(f"it has more than {limits.max_chars:,} characters (CAREER_ASSISTANT_MAX_FILE_CHARS)")


def load_markdown(path: Path, limits: ReadLimits | None = None) -> str:
    """Read one supported file as cleaned Markdown, within `limits` (default: `ReadLimits()`).

    Raises:
        UnreadableFile: the file is empty, binary, not UTF-8, a broken PDF, of another type, or over a limit.
    """
    limits = limits or ReadLimits()
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableFile(f"unsupported file type {suffix or '(none)'}; use {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        if suffix == ".pdf":
            if path.stat().st_size == 0:
                raise UnreadableFile("the file is empty")
            return clean_text(pdf_to_markdown(path, limits))
        with path.open("rb") as file:
            # UTF-8 takes at most 4 bytes a character: more bytes than that are over the limit whatever they say.
            data = file.read(4 * limits.max_chars + 1)
        if len(data) > 4 * limits.max_chars:
            raise _too_many_chars(len(data), limits)
        text = _decode(path, data)
        if len(text) > limits.max_chars:
            raise _too_many_chars(len(text), limits)
    except OSError as exc:
        raise UnreadableFile(f"it cannot be read ({exc.strerror or exc})") from None
    if suffix == ".md":
        text = drop_inline_html(text)
    elif suffix == ".txt":
        text = text_to_markdown(clean_text(text))
    elif suffix in (".html", ".htm"):
        text = html_to_markdown(text)
    text = clean_text(text)
    if not text.strip():
        raise UnreadableFile("it has no text once cleaned")
    return text
