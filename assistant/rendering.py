"""The one renderer of an answer as HTML: in the chat window (`ui.render`) and in Jupyter (`Answer._repr_html_`).

Text with `[n]` markers linked to footnotes that open onto the cited passage; a refusal as a notice listing the
closest sections. Every piece of guide or user text goes through `html.escape`, so HTML or script in a question or
a document is shown as text, never run. The HTML has no blank lines: the chat's Markdown renderer then treats each
message as one raw HTML block and leaves the escaped text alone (no Markdown links).

The chat window styles the `ca-*` classes with its stylesheet and script (`ui.assets`); a notebook has neither, so
`NOTEBOOK` sets the same look as inline styles, puts a marker's preview in its title, and shows scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from .results import Answer, Citation
from .text_rules import MARKER

__all__ = ["CHAT", "NOTEBOOK", "Look", "display_section", "excerpt", "footnote", "footnote_id", "render_answer"]


@dataclass(frozen=True)
class Look:
    """Where an answer is shown: inline styles by class (for a page without the stylesheet), whether a marker
    carries a hover preview (else a title), whether footnotes show scores, whether the Copy button is there."""

    styles: dict[str, str] = field(default_factory=dict)
    previews: bool = True
    scores: bool = False
    tools: bool = True
    wrapper: str = ""  # classes around the whole answer

    def attrs(self, name: str) -> str:
        style = self.styles.get(name)
        return f'class="{name}"' + (f' style="{style}"' if style else "")


CHAT = Look()
_SUBDUED = "opacity:.7;font-size:.9em"
NOTEBOOK = Look(
    styles={
        "ca-refusal": "border-left:4px solid #d97706;background:rgba(217,119,6,.08);padding:.5em .8em;"
        "border-radius:0 6px 6px 0",
        "ca-refusal-title": "font-weight:bold;color:#b45309",
        "ca-marker": "text-decoration:none;vertical-align:super;font-size:.75em",
        "ca-sources": "margin-top:.6em;padding-top:.4em;border-top:1px solid #cbd5e1",
        "ca-sources-title": "font-weight:bold",
        "ca-section": "font-weight:bold",
        "ca-source": _SUBDUED,
        "ca-passage": "margin:.3em 0 .5em 0;padding:.3em .7em;border-left:3px solid #94a3b8",
        "ca-standalone": _SUBDUED,
        "ca-note": f"{_SUBDUED};font-style:italic",
        "ca-answer": "line-height:1.5",
    },
    previews=False,
    scores=True,
    tools=False,
    wrapper="tex2jax_ignore mathjax_ignore",  # Jupyter typesets `$...$` unless an ancestor carries one of these
)


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
    return (
        f'<span class="ca-preview"><b>{inline(display_section(citation.section) or "(untitled)")}</b>'
        f"{inline(excerpt(citation.text))}</span>"
    )


def _with_markers(text: str, citations: list[Citation] = (), key: str = "", look: Look = CHAT) -> str:
    """The text as paragraphs, each `[n]` a link to footnote n (with a preview) when the answer is complete."""
    by_index = {c.index: c for c in citations}

    def marker(match: re.Match) -> str:
        citation = by_index.get(int(match.group(1)))
        if citation is None or not key:
            return f'<span class="ca-marker">[{match.group(1)}]</span>'
        if not look.previews:
            title = escape(f"{citation.section} — {citation.source}")
            return (
                f'<a {look.attrs("ca-marker")} href="#{footnote_id(key, citation.index)}" title="{title}">'
                f"[{citation.index}]</a>"
            )
        return (
            f'<a class="ca-marker" href="#{footnote_id(key, citation.index)}">[{citation.index}]'
            f"{_preview(citation)}</a>"
        )

    return MARKER.sub(marker, paragraphs(text))


def excerpt(text: str, limit: int = 160) -> str:
    """The first `limit` characters of `text` on one line, cut at a word, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def footnote_id(key: str, index: int) -> str:
    """The HTML id of footnote `index` of the answer `key` (unique in the page, so `[1]` opens its own)."""
    return f"ca-{re.sub(r'[^A-Za-z0-9-]', '-', key)}-fn-{index}"


def footnote(citation: Citation, key: str = "", kind: str = "ca-footnote", look: Look = CHAT) -> str:
    """One cited passage: `[n] section — source`, expanding to the passage itself."""
    section = inline(display_section(citation.section) or "(untitled)")
    number = f'<span class="ca-num">[{citation.index}]</span> ' if kind == "ca-footnote" else ""
    anchor = f' id="{footnote_id(key, citation.index)}"' if key and kind == "ca-footnote" else ""
    score = f" · score {citation.score:.2f}" if look.scores else ""
    return (
        f'<details class="{kind}"{anchor}>'
        f"<summary>{number}"
        f"<span {look.attrs('ca-section')}>{section}</span> "
        f"<span {look.attrs('ca-source')}>— {inline(citation.source)}{score}</span></summary>"
        f"<div {look.attrs('ca-passage')}>{paragraphs(citation.text)}</div>"
        "</details>"
    )


def _closest_sections(answer: Answer, look: Look) -> str:
    """The sections that came closest, each opening onto its passage and naming its file."""
    if answer.nearest:
        items = "".join(footnote(c, kind="ca-nearby", look=look) for c in answer.nearest)
        return f'<div class="ca-nearest">Closest sections of the guide:{items}</div>'
    # An answer saved before refusals carried their passages: the section names alone.
    items = "".join(f"<li>{inline(display_section(s))}</li>" for s in answer.nearest_sections)
    return f'<div class="ca-nearest">Closest sections of the guide:<ul>{items}</ul></div>' if items else ""


def _small_print(question: str | None, answer: Answer, look: Look) -> str:
    """The question as searched (when it differs from the one asked, or the one asked is unknown), then notes."""
    lines = []
    standalone = answer.standalone_question.strip()
    if standalone and (question is None or " ".join(standalone.lower().split()) != " ".join(question.lower().split())):
        lines.append(f"<div {look.attrs('ca-standalone')}>Searched the guide for: “{inline(standalone)}”</div>")
    lines += [f"<div {look.attrs('ca-note')}>{inline(note)}</div>" for note in answer.notes]
    return "".join(lines)


_TOOLS = '<div class="ca-tools"><button type="button" class="ca-copy" title="Copy this answer">Copy</button></div>'


def render_answer(
    question: str | None, answer: Answer, *, complete: bool = True, key: str = "", look: Look = CHAT
) -> str:
    """An answer as one HTML block; while it streams (`complete=False`) only its text so far.

    `question` is the one asked (None when unknown: the question as searched is then always shown). `key` makes
    the footnotes' ids unique in the page (e.g. the conversation and turn), so that `[n]` links to them; without it
    the markers are plain text. `look`: `CHAT` (classes for the chat's stylesheet) or `NOTEBOOK` (inline styles).
    """
    if not complete:
        return f'<div class="ca-answer ca-streaming">{_with_markers(answer.text)}</div>'
    tools = _TOOLS if look.tools else ""
    if answer.refused:
        rendered = (
            f"<div {look.attrs('ca-refusal')}><div {look.attrs('ca-refusal-title')}>Not covered by the guide</div>"
            f'<div class="ca-refusal-text">{paragraphs(answer.refusal_notice)}</div>'
            f"{_closest_sections(answer, look)}{_small_print(question, answer, look)}{tools}</div>"
        )
    else:
        sources = "".join(footnote(c, key, look=look) for c in answer.citations)
        if sources:
            sources = (
                f"<div {look.attrs('ca-sources')}><div {look.attrs('ca-sources-title')}>Sources</div>{sources}</div>"
            )
        body = _with_markers(answer.text, answer.citations, key, look)
        rendered = f"<div {look.attrs('ca-answer')}>{body}{_small_print(question, answer, look)}{sources}{tools}</div>"
    return f'<div class="{look.wrapper}">{rendered}</div>' if look.wrapper else rendered
