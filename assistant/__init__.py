"""The career guide assistant: answers with `[n]` citations, or says the guide does not cover it.

    >>> from assistant import answer
    >>> answer("How much do ML engineers earn?").text

Importing this package loads no model; the first `answer()` builds the default assistant.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from .errors import CareerAssistantError, IndexMissing, IngestError, InvalidQuestion, ModelMismatch, StoreUnavailable
from .results import Answer, Citation, answers_to_frame
from .settings import Settings, load_settings

if TYPE_CHECKING:
    from .chain import Assistant, Question
    from .retrieval import GuideRetriever

__all__ = [
    "Answer",
    "Assistant",
    "CareerAssistantError",
    "Citation",
    "GuideRetriever",
    "IndexMissing",
    "IngestError",
    "InvalidQuestion",
    "ModelMismatch",
    "Question",
    "Settings",
    "StoreUnavailable",
    "aanswer",
    "answer",
    "answer_many",
    "answers_to_frame",
    "as_retriever",
    "build_assistant",
    "load_settings",
]

_default: Assistant | None = None
_default_lock = threading.Lock()


def build_assistant(settings: Settings | None = None, *, embeddings=None, store=None, writer=None) -> Assistant:
    """An `Assistant` built from settings (default: the environment); see `assistant.chain`."""
    from .chain import build_assistant as build

    return build(settings, embeddings=embeddings, store=store, writer=writer)


def default_assistant() -> Assistant:
    """The assistant `answer()` uses: built from the environment's settings on first use, once."""
    global _default
    with _default_lock:
        if _default is None:
            _default = build_assistant()
        return _default


def answer(question: str, history: list[dict] | None = None) -> Answer:
    """Answer a career question from the guide.

    Args:
        question: The question.
        history: The conversation so far, oldest first, as `{"role": "user"|"assistant", "content": str}`.

    Returns:
        An `Answer`: `.text` with `[n]` markers, `.citations`, `.refused`, `.standalone_question`.
    """
    return default_assistant().answer(question, history)


async def aanswer(question: str, history: list[dict] | None = None) -> Answer:
    """`answer()` for notebooks and servers that run an event loop."""
    return await default_assistant().aanswer(question, history)


def answer_many(questions: list[str]) -> list[Answer]:
    """Answer several independent questions, embedding them in one batch (faster than a loop)."""
    return default_assistant().answer_many(questions)


def as_retriever(k: int = 4, sources: list[str] | None = None) -> GuideRetriever:
    """The default assistant's search as a LangChain retriever (see `Assistant.as_retriever`)."""
    return default_assistant().as_retriever(k=k, sources=sources)


def __getattr__(name: str):
    if name in ("Assistant", "Question"):
        from . import chain

        return getattr(chain, name)
    if name == "GuideRetriever":
        from .retrieval import GuideRetriever

        return GuideRetriever
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
