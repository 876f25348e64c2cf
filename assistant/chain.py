"""The assistant: condense -> embed -> retrieve -> write -> cite, as a LangChain (LCEL) chain."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

from langchain_core.runnables import Runnable, RunnableConfig

from .citations import renumber
from .condense import ROLES, condense, swap_role
from .errors import InvalidQuestion
from .extractive import ExtractiveWriter, Focus, is_comparison, role_of
from .results import Answer, Citation
from .retrieval import HybridSearch, Passage, terms
from .sentences import SentenceVectors
from .settings import Settings

NOT_COVERED = "The guide does not cover this question."


MAX_HISTORY_MESSAGES = 200


def _check_text(text: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # an unpaired surrogate, e.g. from JSON "\ud800" or undecodable argv bytes
        raise InvalidQuestion(f"{what} has an invalid character at position {exc.start} (not valid Unicode)") from None


def validate(question: object, history: object, max_chars: int) -> tuple[str, list[dict]]:
    """The question stripped and the history checked, or an `InvalidQuestion` saying what is wrong.

    A history message may be ten times as long as a question (answers are longer than questions).
    """
    if not isinstance(question, str):
        raise InvalidQuestion(f"the question must be text, not {type(question).__name__}")
    _check_text(question, "the question")
    question = question.strip()
    if not question:
        raise InvalidQuestion("the question is empty")
    if len(question) > max_chars:
        raise InvalidQuestion(f"the question is {len(question)} characters long; the limit is {max_chars}")
    if history is None:
        return question, []
    if not isinstance(history, list):
        raise InvalidQuestion("history must be a list of {'role': 'user'|'assistant', 'content': str} messages")
    if len(history) > MAX_HISTORY_MESSAGES:
        raise InvalidQuestion(f"history has {len(history)} messages; the limit is {MAX_HISTORY_MESSAGES}")
    for n, turn in enumerate(history):
        well_formed = isinstance(turn, dict) and turn.get("role") in ("user", "assistant")
        if not (well_formed and isinstance(turn.get("content"), str)):
            raise InvalidQuestion(
                f"history[{n}] must be {{'role': 'user'|'assistant', 'content': str}}, got {turn!r:.80}"
            )
        if len(turn["content"]) > 10 * max_chars:
            raise InvalidQuestion(
                f"history[{n}] is {len(turn['content'])} characters long; the limit is {10 * max_chars}"
            )
        _check_text(turn["content"], f"history[{n}]")
    return question, [{"role": t["role"], "content": t["content"]} for t in history]


class Step(Runnable):
    """One step of the chain: a function of the state.

    Traced as a run of its own when callbacks listen (a tracer, `config={"callbacks": [...]}`), else called
    directly. `RunnableLambda` inspects its function's signature on every call, about 0.1 ms a step: a twentieth
    of the question's int8 embedding, which is the yardstick of benchmarks/ask.py.
    """

    def __init__(self, name: str, func) -> None:
        self.name, self.func = name, func

    def invoke(self, input: dict, config: RunnableConfig | None = None, **kwargs) -> object:
        callbacks = (config or {}).get("callbacks")
        if getattr(callbacks, "handlers", callbacks):
            return self._call_with_config(self.func, input, config)
        return self.func(input)


class Assistant:
    """Answers questions from the indexed guides. Build it with `build_assistant()`."""

    def __init__(self, settings: Settings, embeddings, store, writer=None) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.store = store
        self.sentences = SentenceVectors(embeddings)
        self.search = HybridSearch(store, self.sentences, scan_limit=settings.scan_limit)
        self.extractive = ExtractiveWriter(self.sentences, settings.answer_sentences)
        self.writer = writer or self.extractive
        # Three steps, each adding to the state: condense, retrieve (embed, search), then write (select, cite).
        self.retrieve_chain = Step("condense", self._condense) | Step("retrieve", self._retrieve)
        self.chain = self.retrieve_chain | Step("write", self._final)

    def _condense(self, state: dict) -> dict:
        """Adds `standalone`: the question made standalone from the history."""
        return {**state, "standalone": condense(state["question"], state["history"])}

    def _retrieve(self, state: dict) -> dict:
        """Embed the question (with a comparison's per-role questions, in one batch) and find its passages.

        Adds `vector`, `focus` (for a comparison, each role's own question: its best passage comes first, so
        both roles are there), `index` (the store revision all of this answer's searches read) and `passages`.
        """
        question, k = state["standalone"], self.settings.top_k
        asked = _per_role(question)
        texts = asked if "vector" in state else [question, *asked]
        vectors = list(self.embeddings.encode(texts)) if texts else []
        vector = state["vector"] if "vector" in state else vectors.pop(0)
        focus = [Focus(n, q, v) for n, (q, v) in enumerate(zip(asked, vectors, strict=True))]
        index = self.search.keyword_index()
        passages = self.search.search(question, vector, k, index)
        for f in reversed(focus):
            found = self.search.search(f.question, f.vector, k, index)
            own = next((p for p in found if role_of(p.section) == f.role), None)
            if own:
                passages = [own, *[p for p in passages if p.id != own.id]]
        return {**state, "vector": vector, "focus": focus, "index": index, "passages": passages}

    def refresh(self) -> None:
        """Forget the cached keyword index (it also refreshes by itself when the store changes)."""
        self.search._index = None

    def answer(self, question: str, history: list[dict] | None = None) -> Answer:
        """Answer a question, a follow-up when `history` holds the conversation so far.

        Args:
            question: The user's question (at most `max_question_chars` characters).
            history: Earlier messages, oldest first, as `{"role": "user"|"assistant", "content": str}`.

        Returns:
            The answer with its citations, or a refusal when the guide does not cover the question.

        Raises:
            InvalidQuestion: the question is empty or too long, or the history is malformed.
            IndexMissing: nothing has been ingested yet.
            StoreUnavailable: the Chroma server cannot be reached.
        """
        question, history = validate(question, history, self.settings.max_question_chars)
        return self.chain.invoke({"question": question, "history": history})

    async def aanswer(self, question: str, history: list[dict] | None = None) -> Answer:
        """`answer()` for code that runs an event loop; the work runs in a thread."""
        return await asyncio.to_thread(self.answer, question, history)

    def answer_many(self, questions: list[str]) -> list[Answer]:
        """Answer independent questions, embedding them all in one batch."""
        if isinstance(questions, str):  # else each character would be answered as a question
            raise InvalidQuestion("answer_many takes a list of questions; use answer() for one")
        checked = [validate(q, None, self.settings.max_question_chars)[0] for q in questions]
        vectors = self.embeddings.encode(checked) if checked else []
        answers = []
        for question, vector in zip(checked, vectors, strict=True):
            state = {"question": question, "history": [], "standalone": question, "vector": vector}
            answers.append(self._final(self._retrieve(state)))
        return answers

    def stream(self, question: str, history: list[dict] | None = None) -> Iterator[Answer]:
        """Like `answer()`, yielding the answer as it grows; the last one yielded is complete."""
        question, history = validate(question, history, self.settings.max_question_chars)
        state = self.retrieve_chain.invoke({"question": question, "history": history})
        refusal = self._refusal(state)
        if refusal:
            yield refusal
            return
        yield from self._write(state, stream=True)

    def _final(self, state: dict) -> Answer:
        refusal = self._refusal(state)
        if refusal:
            return refusal
        *_, final = self._write(state, stream=False)
        return final

    def _refusal(self, state: dict) -> Answer | None:
        passages: list[Passage] = state["passages"]
        best = max((p.similarity for p in passages), default=0.0)
        if best >= self.settings.refusal_threshold or _quotes_a_figure(state["standalone"], passages):
            return None
        nearest = list(dict.fromkeys(p.section for p in sorted(passages, key=lambda p: -p.similarity)))[:3]
        text = NOT_COVERED
        if nearest:
            text += " The closest sections of the guide are: " + "; ".join(nearest) + "."
        return Answer(text=text, refused=True, standalone_question=state["standalone"], nearest_sections=nearest)

    def _write(self, state: dict, stream: bool) -> Iterator[Answer]:
        passages: list[Passage] = state["passages"]
        sentences, notes = None, []
        if self.writer is not self.extractive:
            try:
                sentences, dropped = self.writer.write(state["standalone"], passages)
            except Exception as exc:
                notes.append(f"The {self.writer.label} writer did not answer ({type(exc).__name__}: {exc}); "
                             "this answer uses the guide's own sentences.")
            else:
                if dropped:
                    notes.append(f"{len(dropped)} sentence(s) of the {self.writer.label} answer were dropped: "
                                 "the cited passages did not support them.")
                if not sentences:
                    notes.append(f"No sentence of the {self.writer.label} answer was supported by the guide; "
                                 "this answer uses the guide's own sentences.")
        if not sentences:
            chosen = self.extractive.select(
                state["standalone"], state["vector"], passages, state["index"].idf, state["focus"]
            )
            sentences = [(s.text, [s.passage + 1]) for s in chosen]
        marked, order = renumber(sentences)
        citations = [
            Citation(new, passages[old - 1].source, passages[old - 1].section, passages[old - 1].text,
                     round(passages[old - 1].similarity, 4))
            for new, old in enumerate(order, start=1)
        ]
        text = ""
        if stream:
            for sentence in marked[:-1]:
                text = f"{text} {sentence}".strip()
                yield Answer(text=text, citations=citations, standalone_question=state["standalone"], notes=notes)
        yield Answer(text=" ".join(marked), citations=citations, standalone_question=state["standalone"], notes=notes)


def _per_role(question: str) -> list[str]:
    """For a comparison, the question asked of each role alone; else nothing."""
    if not is_comparison(question):
        return []
    names_roles = any(pattern.search(question) for pattern, _ in ROLES)
    return [swap_role(question, name) if names_roles else f"{name}: {question}" for _, name in ROLES]


def _quotes_a_figure(question: str, passages: list[Passage]) -> bool:
    """Whether the question names a figure ("35%", "$103,500") that a passage contains.

    The embedding barely sees numbers, so such a question can look unrelated when it is not.
    """
    figures = {t for t in terms(question) if any(ch.isdigit() for ch in t)}
    return bool(figures) and any(figures & terms(p.text) for p in passages)


def build_assistant(settings: Settings | None = None, *, embeddings=None, store=None, writer=None) -> Assistant:
    """The assistant the settings describe; pass parts to use your own (tests, notebooks)."""
    from .settings import load_settings
    from .wiring import build_embeddings, build_store, build_writer

    settings = settings or load_settings()
    embeddings = embeddings or build_embeddings(settings)
    store = store or build_store(settings, embeddings)
    return Assistant(settings, embeddings, store, writer or build_writer(settings))
