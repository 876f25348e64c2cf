"""Answers as HTML for the chat window: text with `[n]` markers, footnotes that expand to the passage.

Every piece of guide or user text goes through `html.escape`, so HTML or script in a question or a
document is shown as text, never run. The HTML has no blank lines: the chat's Markdown renderer then
treats each message as one raw HTML block and leaves the escaped text alone (no Markdown links).
"""

from __future__ import annotations

import re
from html import escape

from assistant.results import Answer, Citation

_MARKER = re.compile(r" *\[(\d+)\]")  # the space before a marker goes: it is set as a superscript


def display_section(section: str) -> str:
    """A heading path as shown: `>` becomes a single right-pointing angle quote."""
    return section.replace(" > ", " \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} ")


def paragraphs(text: str) -> str:
    """Escaped text as `<p>` paragraphs, single line breaks kept as `<br>`, with no newline left."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    return "".join("<p>" + escape(b).replace("\n", "<br>") + "</p>" for b in blocks)


def inline(text: str) -> str:
    """Escaped text on one line (whitespace runs, newlines included, become one space)."""
    return escape(" ".join(text.split()))


def _preview(citation: Citation) -> str:
    """What hovering or focusing a marker shows: the passage's section and first lines."""
    return (f'<span class="ca-preview"><b>{inline(display_section(citation.section) or "(untitled)")}</b>'
            f"{inline(excerpt(citation.text))}</span>")


def _with_markers(text: str, citations: list[Citation] = (), key: str = "") -> str:
    """The text as paragraphs, each `[n]` a link to footnote n (with a preview) when the answer is complete."""
    by_index = {c.index: c for c in citations}

    def marker(match: re.Match) -> str:
        citation = by_index.get(int(match.group(1)))
        if citation is None or not key:
            return f'<span class="ca-marker">[{match.group(1)}]</span>'
        return (f'<a class="ca-marker" href="#{footnote_id(key, citation.index)}">[{citation.index}]'
                f"{_preview(citation)}</a>")

    return _MARKER.sub(marker, paragraphs(text))


def excerpt(text: str, limit: int = 160) -> str:
    """The first `limit` characters of `text` on one line, cut at a word, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def footnote_id(key: str, index: int) -> str:
    """The HTML id of footnote `index` of the answer `key` (unique in the page, so `[1]` opens its own)."""
    return f"ca-{re.sub(r'[^A-Za-z0-9-]', '-', key)}-fn-{index}"


def footnote(citation: Citation, key: str = "", kind: str = "ca-footnote") -> str:
    """One cited passage: `[n] section — source`, expanding to the passage itself."""
    section = inline(display_section(citation.section) or "(untitled)")
    number = f'<span class="ca-num">[{citation.index}]</span> ' if kind == "ca-footnote" else ""
    anchor = f' id="{footnote_id(key, citation.index)}"' if key and kind == "ca-footnote" else ""
    return (
        f'<details class="{kind}"{anchor}>'
        f"<summary>{number}"
        f'<span class="ca-section">{section}</span> '
        f'<span class="ca-source">— {inline(citation.source)}</span></summary>'
        f'<div class="ca-passage">{paragraphs(citation.text)}</div>'
        "</details>"
    )


def _closest_sections(answer: Answer) -> str:
    """The sections that came closest, each opening onto its passage and naming its file."""
    if answer.nearest:
        items = "".join(footnote(c, kind="ca-nearby") for c in answer.nearest)
        return f'<div class="ca-nearest">Closest sections of the guide:{items}</div>'
    # An answer saved before refusals carried their passages: the section names alone.
    items = "".join(f"<li>{inline(display_section(s))}</li>" for s in answer.nearest_sections)
    return f'<div class="ca-nearest">Closest sections of the guide:<ul>{items}</ul></div>' if items else ""


def _small_print(question: str, answer: Answer) -> str:
    lines = []
    standalone = answer.standalone_question.strip()
    if standalone and " ".join(standalone.lower().split()) != " ".join(question.lower().split()):
        lines.append(f'<div class="ca-standalone">Searched the guide for: “{inline(standalone)}”</div>')
    lines += [f'<div class="ca-note">{inline(note)}</div>' for note in answer.notes]
    return "".join(lines)


_TOOLS = '<div class="ca-tools"><button type="button" class="ca-copy" title="Copy this answer">Copy</button></div>'


def render_answer(question: str, answer: Answer, *, complete: bool = True, key: str = "") -> str:
    """An answer as one chat message; while it streams (`complete=False`) only its text so far.

    `key` makes its footnotes' ids unique in the page (e.g. the conversation and turn), so that `[n]` links to
    them; without it the markers are plain text.
    """
    if not complete:
        return f'<div class="ca-answer ca-streaming">{_with_markers(answer.text)}</div>'
    if answer.refused:
        return (
            '<div class="ca-refusal"><div class="ca-refusal-title">Not covered by the guide</div>'
            f'<div class="ca-refusal-text">{paragraphs(answer.refusal_notice)}</div>{_closest_sections(answer)}'
            f"{_small_print(question, answer)}{_TOOLS}</div>"
        )
    sources = "".join(footnote(c, key) for c in answer.citations)
    if sources:
        sources = f'<div class="ca-sources"><div class="ca-sources-title">Sources</div>{sources}</div>'
    body = _with_markers(answer.text, answer.citations, key)
    return f'<div class="ca-answer">{body}{_small_print(question, answer)}{sources}{_TOOLS}</div>'


def render_question(question: str) -> str:
    """The user's question as a chat message, escaped."""
    return f'<div class="ca-question">{paragraphs(question)}</div>'


PENDING = '<div class="ca-answer ca-streaming"><p class="ca-pending">Searching the guide…</p></div>'
