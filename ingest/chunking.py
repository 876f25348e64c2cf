"""Split Markdown along its headings into chunks that never span two sections."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text_rules import BULLET as _BULLET
from assistant.text_rules import SENTENCE_END as _SENTENCE_END

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
# A bold line that asks ("**Can a rad tech do ultrasound?**" in an FAQ): a heading in disguise, over its answer.
_BOLD_QUESTION = re.compile(r"^\s*\*\*([^*]+\?)\*\*\s*$")


@dataclass(frozen=True)
class Chunk:
    """A piece of one section: its heading path as text, its text, and its place in the document."""

    section: str
    text: str
    position: int


class HeadingPath:
    """The headings above the current line; the title (`#`) names the document, not a section."""

    def __init__(self) -> None:
        self.title = ""
        self._stack: list[tuple[int, str]] = []

    def enter(self, level: int, text: str) -> None:
        # Only a `#` before any other heading is the title; a later one opens a section like any heading.
        if level == 1 and not self.title and not self._stack:
            self.title = text
            return
        self._stack = [(lvl, t) for lvl, t in self._stack if lvl < level] + [(level, text)]

    def __str__(self) -> str:
        return " > ".join(t for _, t in self._stack) or self.title

    def below(self) -> int:
        """The level of a heading under the current one."""
        return min(6, self._stack[-1][0] + 1) if self._stack else 2


def _blocks(body: list[str]) -> list[str]:
    """Paragraphs and lists; a paragraph that introduces a list (ends with ':') joins it."""
    blocks: list[list[str]] = []
    for line in body:
        if not line.strip():
            blocks.append([])
            continue
        current = blocks[-1] if blocks else None
        continues_list = bool(current) and _BULLET.match(line) and _BULLET.match(current[-1])
        if current and (continues_list or not (_BULLET.match(line) or _BULLET.match(current[-1]))):
            current.append(line)
        else:
            blocks.append([line])
    merged: list[str] = []
    for lines in filter(None, blocks):
        text = "\n".join(lines)
        if merged and _BULLET.match(lines[0]) and merged[-1].rstrip().endswith(":"):
            merged[-1] += "\n" + text
        else:
            merged.append(text)
    return merged


def _split_long(block: str, size: int, overlap: int) -> list[str]:
    """A block longer than `size`: a list keeps its intro on every piece; prose splits at sentences."""
    lines = block.split("\n")
    if len(lines) > 1 and any(_BULLET.match(line) for line in lines):
        intro = "" if _BULLET.match(lines[0]) else lines[0]
        items = [line for line in lines if line is not intro]
        pieces, current = [], []
        for item in items:
            if current and len("\n".join([intro, *current, item])) > size:
                pieces.append("\n".join(filter(None, [intro, *current])))
                current = []
            current.append(item)
        pieces.append("\n".join(filter(None, [intro, *current])))
        return [
            p for piece in pieces for p in ([piece] if len(piece) <= size * 1.5 else _split_prose(piece, size, overlap))
        ]
    return _split_prose(block, size, overlap)


def _split_prose(text: str, size: int, overlap: int) -> list[str]:
    sentences = _SENTENCE_END.split(text)
    pieces: list[str] = []
    current = ""
    for sentence in sentences:
        while len(sentence) > size:  # one enormous sentence: cut it where a space allows
            cut = sentence.rfind(" ", 0, size) if " " in sentence[:size] else size
            sentences_head, sentence = sentence[:cut], sentence[cut:].lstrip()
            if current:
                pieces.append(current)
                current = ""
            pieces.append(sentences_head)
        if current and len(current) + 1 + len(sentence) > size:
            pieces.append(current)
            tail = current[-overlap:] if overlap else ""
            tail = tail[tail.find(" ") + 1 :] if " " in tail else ""
            current = (tail + " " + sentence).strip() if tail and len(tail) + len(sentence) < size else sentence
        else:
            current = f"{current} {sentence}".strip() if current else sentence
    if current:
        pieces.append(current)
    return pieces


def document_title(markdown: str) -> str:
    """The `#` title of a document: a level-1 heading before any other heading ("" when there is none)."""
    for line in markdown.split("\n"):
        match = _HEADING.match(line)
        if match:
            return match.group(2) if len(match.group(1)) == 1 else ""
    return ""


def chunk_markdown(markdown: str, chunk_size: int = 1000, chunk_overlap: int = 100) -> list[Chunk]:
    """Chunks of at most about `chunk_size` characters, each inside one section.

    Whole blocks are packed together while they fit; a block too long for one chunk is split on its
    own, long prose with `chunk_overlap` characters shared between neighbours.
    """
    path = HeadingPath()
    sections: list[tuple[str, list[str]]] = []
    body: list[str] = []
    section = ""
    asked_level = None  # the level of the bold questions under the current heading
    for line in markdown.split("\n"):
        match = _HEADING.match(line)
        question = None if match else _BOLD_QUESTION.match(line)
        if match or question:
            sections.append((section, body))
            if match:
                asked_level = None
                path.enter(len(match.group(1)), match.group(2))
            else:  # each question a sibling of the one before, under the heading they follow
                asked_level = asked_level or path.below()
                path.enter(asked_level, question.group(1).strip())
            section, body = str(path), []
        else:
            body.append(line)
    sections.append((section, body))

    chunks: list[Chunk] = []
    for name, lines in sections:
        name = name or path.title
        current = ""
        for block in _blocks(lines):
            pieces = [block] if len(block) <= chunk_size else _split_long(block, chunk_size, chunk_overlap)
            for piece in pieces:
                if current and len(current) + 2 + len(piece) > chunk_size:
                    chunks.append(Chunk(name, current, len(chunks)))
                    current = ""
                current = f"{current}\n\n{piece}" if current else piece
        if current:
            chunks.append(Chunk(name, current, len(chunks)))
    return chunks
