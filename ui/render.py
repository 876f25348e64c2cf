"""The chat window's messages: a question, a pending answer, and answers through the one answer renderer
(`assistant.rendering`, shared with Jupyter)."""

from __future__ import annotations

from assistant.rendering import display_section, excerpt, footnote, footnote_id, paragraphs, render_answer

__all__ = ["PENDING", "display_section", "excerpt", "footnote", "footnote_id", "render_answer", "render_question"]


def render_question(question: str) -> str:
    """The user's question as a chat message, escaped."""
    return f'<div class="ca-question">{paragraphs(question)}</div>'


PENDING = '<div class="ca-answer ca-streaming"><p class="ca-pending">Searching the guide…</p></div>'
