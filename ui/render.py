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


def _with_markers(text: str) -> str:
    return _MARKER.sub(r'<span class="ca-marker">[\1]</span>', paragraphs(text))


def footnote(citation: Citation) -> str:
    """One cited passage: `[n] section — source`, expanding to the passage itself."""
    section = inline(display_section(citation.section) or "(untitled)")
    return (
        f'<details class="ca-footnote" data-index="{citation.index}">'
        f'<summary><span class="ca-num">[{citation.index}]</span> '
        f'<span class="ca-section">{section}</span> '
        f'<span class="ca-source">— {inline(citation.source)}</span></summary>'
        f'<div class="ca-passage">{paragraphs(citation.text)}</div>'
        "</details>"
    )


def _closest_sections(answer: Answer) -> str:
    items = "".join(f"<li>{inline(display_section(s))}</li>" for s in answer.nearest_sections)
    return f'<div class="ca-nearest">Closest sections of the guide:<ul>{items}</ul></div>' if items else ""


def _small_print(question: str, answer: Answer) -> str:
    lines = []
    standalone = answer.standalone_question.strip()
    if standalone and " ".join(standalone.lower().split()) != " ".join(question.lower().split()):
        lines.append(f'<div class="ca-standalone">Searched the guide for: “{inline(standalone)}”</div>')
    lines += [f'<div class="ca-note">{inline(note)}</div>' for note in answer.notes]
    return "".join(lines)


def render_answer(question: str, answer: Answer, *, complete: bool = True) -> str:
    """An answer as one chat message; while it streams (`complete=False`) only its text so far."""
    if not complete:
        return f'<div class="ca-answer ca-streaming">{_with_markers(answer.text)}</div>'
    if answer.refused:
        return (
            '<div class="ca-refusal"><div class="ca-refusal-title">Not covered by the guide</div>'
            f"{paragraphs(answer.refusal_notice)}{_closest_sections(answer)}{_small_print(question, answer)}</div>"
        )
    sources = "".join(footnote(c) for c in answer.citations)
    if sources:
        sources = f'<div class="ca-sources"><div class="ca-sources-title">Sources</div>{sources}</div>'
    return f'<div class="ca-answer">{_with_markers(answer.text)}{_small_print(question, answer)}{sources}</div>'


def render_question(question: str) -> str:
    """The user's question as a chat message, escaped."""
    return f'<div class="ca-question">{paragraphs(question)}</div>'


PENDING = '<div class="ca-answer ca-streaming"><p class="ca-pending">Searching the guide…</p></div>'

CSS = """
.ca-answer p, .ca-refusal p, .ca-question p { margin: 0 0 .5em 0; }
.ca-answer p:last-of-type { margin-bottom: 0; }
.ca-marker { color: var(--color-accent); font-size: .8em; font-weight: 600; vertical-align: super;
  line-height: 0; padding: 0 1px; }
.ca-streaming p:last-child::after { content: "▍"; opacity: .6; animation: ca-blink 1s steps(2) infinite; }
@keyframes ca-blink { to { opacity: 0; } }
.ca-pending { color: var(--body-text-color-subdued); font-style: italic; }
.ca-standalone, .ca-note { margin-top: .5em; font-size: .8em; color: var(--body-text-color-subdued); }
.ca-sources { margin-top: .75em; padding-top: .5em; border-top: 1px solid var(--border-color-primary); }
.ca-sources-title { font-size: .75em; font-weight: 600; letter-spacing: .05em; text-transform: uppercase;
  color: var(--body-text-color-subdued); margin-bottom: .25em; }
details.ca-footnote { margin: .25em 0; border-radius: 6px; background: var(--background-fill-secondary);
  padding: .3em .6em; font-size: .9em; }
details.ca-footnote > summary { cursor: pointer; }
.ca-num { font-weight: 700; color: var(--color-accent); }
.ca-section { font-weight: 600; }
.ca-source { color: var(--body-text-color-subdued); font-size: .9em; }
.ca-passage { margin-top: .4em; padding: .4em .6em; border-left: 3px solid var(--color-accent);
  background: var(--background-fill-primary); border-radius: 0 4px 4px 0; }
.ca-refusal { border-left: 4px solid #d97706; background: rgba(217, 119, 6, .08); padding: .6em .8em;
  border-radius: 0 6px 6px 0; }
.ca-refusal-title { font-weight: 700; color: #b45309; margin-bottom: .3em; }
.ca-nearest ul { margin: .25em 0 0 1.2em; }
.ca-report-problems { color: #b91c1c; }
"""
