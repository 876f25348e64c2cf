"""The assistant: validate -> condense -> embed -> retrieve -> write -> cite, as one LangChain Runnable."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from typing import Literal

from langchain_core.runnables import Runnable, RunnableConfig
from langchain_core.runnables.config import (
    ensure_config,
    get_callback_manager_for_config,
    get_config_list,
    patch_config,
    run_in_executor,
)
from pydantic import BaseModel, Field, model_validator

from .analysis import (
    CAREER_STAGE,
    CHOOSING,
    FIGURES,
    Analysis,
    analyse,
    asked_terms,
    asking_stems,
    choosing,
    foreign,
    guide_pointed,
    has_figure,
    introduces,
    readings,
    unknown_role,
    unknown_words,
    unsaid_pairs,
    unsaid_quality,
)
from .citations import check_citations, renumber
from .condense import condense, is_follow_up, with_role_names, without_roles
from .errors import InvalidQuestion
from .extractive import ExtractiveWriter, Focus, Said, Sentence
from .reading import VERDICT, forms_of_one
from .reading import counted as counted_by
from .results import Answer, Citation
from .retrieval import GuideRetriever, HybridSearch, Passage, terms
from .sentences import SentenceVectors, split_sentences
from .settings import Settings
from .support import unsupported
from .tuning import TUNING
from .vocabulary import article, plural_names, token_matches, words
from .writer import MIN_SUPPORT, Writer

NOT_COVERED = "The guide does not cover this question."
# Asked back when a question is about "the roles" and nothing in it tells which guide's (see `_unclear`), naming at
# most this many guides' roles (copies of a guide name theirs once).
WHICH_ROLES = "Which roles do you mean? Name them and I'll answer."
_NAMED_BACK = 20
# Asked back: "Which roles do you mean? ...", or "Which nurses do you mean: registered nurses or licensed practical
# nurses? ..." (a last word roles of several guides share, and nothing telling which: `Vocabulary.sharers`)
_ASKED_WHICH = re.compile(r"Which ([\w ]+) do you mean\b")


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


class Message(BaseModel):
    """One message of the conversation so far."""

    role: Literal["user", "assistant"]
    content: str


class Question(BaseModel):
    """The input of `Assistant`: a question, the conversation before it, and the documents to answer from.

    A plain string is read as `{"question": string}`.
    """

    question: str = Field(description="The user's question (at most `max_question_chars` characters).")
    history: list[Message] = Field(default_factory=list, description="Earlier messages, oldest first.")
    sources: list[str] | None = Field(default=None, description="Answer only from these indexed documents.")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        return {"question": value} if isinstance(value, str) else value


def _traced_input(given: object) -> dict:
    """What a callback sees as a run's input (`on_chain_start` takes a dict)."""
    if isinstance(given, BaseModel):
        return given.model_dump()
    return given if isinstance(given, dict) else {"input": given}


class Step(Runnable):
    """One step of the assistant: a function of the state.

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


class Assistant(Runnable[Question | str, Answer]):
    """Answers questions from the indexed guides: a LangChain `Runnable[Question | str, Answer]`.

    `invoke`, `batch`, `stream` and their async forms take a question string or a `Question` (a dict with
    `question`, optional `history` and `sources`) and go through one path: validate, condense, retrieve, write.
    `batch` embeds its questions in one call; `stream` yields the answer as it grows, sentence by sentence, the
    last one complete. Callbacks see a run named "Assistant" with the steps "condense", "retrieve" and "write".
    Build it with `build_assistant()`.
    """

    name = "Assistant"

    def __init__(self, settings: Settings, embeddings, store, writer=None) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.store = store
        self.sentences = SentenceVectors(embeddings)
        self.search = HybridSearch(store, self.sentences, scan_limit=settings.scan_limit)
        self.sentences.store = (
            self.search
        )  # stored at ingest, read from the revision's files; embedded for an old index
        self.extractive = ExtractiveWriter(self.sentences, settings.answer_sentences)
        self.writer = writer or self.extractive
        # Three steps, each adding to the state: condense, retrieve (read, embed, search), then write (plan, cite).
        self.steps = (Step("condense", self._condense), Step("retrieve", self._retrieve), Step("write", self._final))

    # -- the Runnable interface: one path ------------------------------------------------------------------

    @property
    def InputType(self) -> type:  # LangChain's name
        return Question | str

    @property
    def OutputType(self) -> type:  # LangChain's name
        return Answer

    def get_input_schema(self, config: RunnableConfig | None = None) -> type[Question]:
        """`Question` (question, history, sources); a plain string is read as the question."""
        return Question

    def invoke(self, input: Question | dict | str, config: RunnableConfig | None = None, **kwargs) -> Answer:
        """The answer to one question; see `answer()` for what it raises."""
        return self._run([input], [config])[0]

    def batch(
        self,
        inputs: list,
        config: RunnableConfig | list[RunnableConfig] | None = None,
        *,
        return_exceptions: bool = False,
        **kwargs,
    ) -> list:
        """The answers to several questions, their standalone forms embedded in one call."""
        if not inputs:
            return []
        return self._run(list(inputs), get_config_list(config, len(inputs)), return_exceptions=return_exceptions)

    def stream(self, input: Question | dict | str, config: RunnableConfig | None = None, **kwargs) -> Iterator[Answer]:
        """The answer as it grows, a sentence at a time; the last one yielded is the whole answer."""
        yield from _growing(self._run([input], [config], written=True)[0])

    async def ainvoke(self, input: Question | dict | str, config: RunnableConfig | None = None, **kwargs) -> Answer:
        """`invoke` in a worker thread, for code that runs an event loop."""
        return await run_in_executor(config, self.invoke, input, config)

    async def abatch(
        self,
        inputs: list,
        config: RunnableConfig | list[RunnableConfig] | None = None,
        *,
        return_exceptions: bool = False,
        **kwargs,
    ) -> list:
        """`batch` in a worker thread: still one embedding call for the batch."""
        first = config[0] if isinstance(config, list) and config else config
        return await run_in_executor(first, lambda: self.batch(inputs, config, return_exceptions=return_exceptions))

    async def astream(
        self, input: Question | dict | str, config: RunnableConfig | None = None, **kwargs
    ) -> AsyncIterator[Answer]:
        """`stream` for code that runs an event loop: the answer is written in a worker thread."""
        written = await run_in_executor(config, self._run, [input], [config], False, True)
        for part in _growing(written[0]):
            yield part

    def _run(self, inputs: list, configs: list, return_exceptions: bool = False, written: bool = False) -> list:
        """The one path: each input validated and condensed, then (in a batch) all embedded at once, then each
        retrieved and written. Each input is a run of its own when callbacks listen.

        Returns each input's `Answer` (or, with `return_exceptions`, its error); with `written`, the write step's
        output instead (the answer and its marked sentences).
        """
        runs = [self._start(i, c) for i, c in zip(inputs, configs, strict=True)]
        out: list = [None] * len(inputs)
        states: dict[int, dict] = {}
        open_runs = {n for n, (run, _) in enumerate(runs) if run is not None}

        def step(n: int, work) -> None:
            try:
                states[n] = work(n)
            except Exception as exc:
                if not return_exceptions:
                    raise
                states.pop(n, None)
                out[n] = exc
                if n in open_runs:
                    open_runs.discard(n)
                    runs[n][0].on_chain_error(exc)

        try:
            for n, given in enumerate(inputs):
                step(n, lambda n, given=given: self.steps[0].invoke(self._validated(given), runs[n][1]))
            if len(states) > 1:  # one embedding call for the batch's questions
                at = list(states)
                for n, vector in zip(at, self.embeddings.encode([states[n]["standalone"] for n in at]), strict=True):
                    states[n] = {**states[n], "vector": vector}
            for n in list(states):
                step(n, lambda n: self.steps[1].invoke(states[n], runs[n][1]))
            for n in list(states):
                step(n, lambda n: self.steps[2].invoke(states[n], runs[n][1]))
        except BaseException as exc:  # every run still open ends with the error that stopped them all
            for n in sorted(open_runs):
                runs[n][0].on_chain_error(exc)
            raise
        for n, state in states.items():
            if n in open_runs:
                runs[n][0].on_chain_end(state["answer"])
            out[n] = state if written else state["answer"]
        return out

    def _start(self, input: object, config: RunnableConfig | None) -> tuple:
        """The run of one input and the config its steps get: (None, config) when nothing listens."""
        config = ensure_config(config)
        manager = get_callback_manager_for_config(config)
        if not manager.handlers:
            return None, config
        run = manager.on_chain_start(
            None,
            _traced_input(input),
            name=config.get("run_name") or self.get_name(),
            run_id=config.pop("run_id", None),
        )
        return run, patch_config(config, callbacks=run.get_child())

    def _validated(self, given: object) -> dict:
        """The state a question starts from, or `InvalidQuestion`: a string, a `Question` or a dict like one."""
        if isinstance(given, Question):
            given = given.model_dump()
        if isinstance(given, str):
            question, history, sources = given, None, None
        elif isinstance(given, dict):
            unknown = set(given) - {"question", "history", "sources"}
            if unknown or "question" not in given:
                raise InvalidQuestion(
                    "the input is a question, or {'question': str, 'history': [...], "
                    f"'sources': [...]}}; got the keys {sorted(given)}"
                )
            question, history, sources = given["question"], given.get("history"), given.get("sources")
        else:
            raise InvalidQuestion(f"the question must be text, not {type(given).__name__}")
        question, history = validate(question, history, self.settings.max_question_chars)
        if sources is not None and (isinstance(sources, str) or not all(isinstance(s, str) for s in sources)):
            raise InvalidQuestion("sources must be a list of document names")
        return {"question": question, "history": history, "sources": list(sources) if sources else None}

    # -- the steps -------------------------------------------------------------------------------------------

    def _condense(self, state: dict) -> dict:
        """Adds `index` (the store revision all of this answer's searches read) and `standalone`: the question
        made standalone from the history, with the indexed guides' roles."""
        index = state.get("index") or self.search.keyword_index()
        question = state["question"]
        standalone = state.get("standalone") or _clarified(question, state["history"], index.vocabulary)
        if standalone:  # the roles named, after being asked which: the question asked before, about them
            return {
                **state,
                "index": index,
                "standalone": with_role_names(standalone, index.vocabulary),
                "said": "",
                "said_id": None,
                "conversation_guide": None,
            }
        standalone = condense(question, state["history"], index.vocabulary)
        if (
            standalone != question
            and not is_follow_up(question, index.vocabulary)
            and foreign(question, index.vocabulary, index.corpus_words)
        ):
            standalone = question  # "who won the super bowl last year", asked after pay: not about those roles
        read = analyse(question, index.vocabulary, index.corpus_words) if standalone != question else None
        if read is not None and read.kind == "fit" and not read.roles:
            # "... hate heights, dont mind dirty work ... which trade?" after the paralegals: advice whose words only
            # another guide uses ("dirty", "heights") is a new question about that guide's roles, not a follow-up
            pointed = index.corpus_words.guide_of(read.terms)
            if pointed and pointed not in {r.source for r in index.vocabulary.roles_in(standalone)}:
                standalone = question
        # A follow-up ("does location matter?", "what comes after that?") goes on from what was said last; naming
        # no role, it is about the role of the passage that was said ("how much does that pay?").
        history, said_id = state["history"], None
        said = (
            history[-1]["content"]
            if history
            and history[-1]["role"] == "assistant"
            and (is_follow_up(question, index.vocabulary) or _THE_ONE.search(question))
            else ""
        )
        if said:
            said_id = self.search.said(said, index)
            role = index.role(said_id) if said_id else None
            points_back = _POINTS_BACK.search(state["question"])
            if role is not None and points_back and not index.vocabulary.roles_in(standalone):
                # ... at the stage it was about: "that" is the junior job just named
                stage = CAREER_STAGE.search(said)
                standalone = (
                    f"{standalone.rstrip('?!. ')} for {stage.group(1).lower() + ' ' if stage else ''}{role.plural}?"
                )
        # A question naming no role stays in the guide the conversation is in: the one of the passage said, else of
        # the best passage for the question before ("so 30 yrs = what %?" after "how do police/fire pensions work";
        # "whats on the exam" after "what does a cwi do")
        guide = None
        if history and not index.vocabulary.roles_in(standalone):
            asked_before = next((h["content"] for h in reversed(history) if h["role"] == "user"), "")
            found = [said_id] if said_id else index.search(asked_before, 1) if asked_before else []
            guide = index.chunk(found[0]).metadata.get("source") if found else None
        return {
            **state,
            "index": index,
            "standalone": with_role_names(standalone, index.vocabulary),
            "said": said,
            "said_id": said_id,
            "conversation_guide": guide,
        }

    def _retrieve(self, state: dict) -> dict:
        """Read the question, embed it (with its parts or a comparison's per-role questions, in one batch) and
        find its passages.

        Adds `analysis`, `vector`, `foci` (each part's or compared role's own question) and `passages`.
        """
        index, question, k = state["index"], state["standalone"], self.settings.top_k
        analysis = analyse(question, index.vocabulary, index.corpus_words)
        asked = _foci_questions(analysis, index)
        texts = [q for q, _, _ in asked] if "vector" in state else [question, *(q for q, _, _ in asked)]
        vectors = list(self.embeddings.encode(texts)) if texts else []
        vector = state["vector"] if "vector" in state else vectors.pop(0)
        query = question
        if choosing(analysis):  # "how do I decide?": also what the guide says of choosing
            analysis = replace(
                analysis, terms=analysis.terms | asked_terms(CHOOSING, index.vocabulary, index.corpus_words)
            )
            query = f"{question} {CHOOSING}"
        sources = state.get("sources")
        passages = self._figure_search(analysis, query, vector, k, index, sources)
        searched = passages  # whether the guides answer at all is judged on these (`_refusal`)
        # "how long is the faa academy": a word only one guide uses names the guide that answers a question naming no
        # role (and the one whose sections a refusal names)
        pinned = guide_pointed(question, index.vocabulary, index.corpus_words) if not analysis.roles else None
        pinned = pinned or (state.get("conversation_guide") if not analysis.roles else None)
        # "how much do nurses make", with a registered nurse's guide and a practical nurse's: asked which nurses;
        # "what do therapists do", with one guide of two therapists: that guide's
        which = index.vocabulary.sharers(question) if not (analysis.roles or pinned or sources) else ("", [])
        if len({r.source for r in which[1]}) == 1:
            pinned, which = which[1][0].source, ("", [])
        # "which one has more job openings", with several guides and nothing to tell which: asked back
        unclear = _unclear(analysis, index) if not (analysis.roles or pinned or sources) else frozenset()
        if pinned and not sources and passages and any(p.source != pinned for p in passages):
            sources = [pinned]
            passages = self._figure_search(analysis, query, vector, k, index, sources)
        elif not (analysis.roles or pinned or sources or which[1]) and passages and analysis.kind != "fit":
            # "how long do i have to wait to retake the praxis": a word only a few guides use, which the best
            # passage's guide does not, keeps the search to them (the pharmacists' 45 days were no Praxis retake)
            few = [
                guides
                for t in analysis.terms
                if 0 < len(guides := index.guides_with(t)) <= TUNING.few_guides_share * index.guides_compared
                and index.corpus_words.chunks_with(t) > 1
            ]
            if few and passages[0].source not in frozenset().union(*few):
                narrowed = sorted(min(few, key=len))
                passages = self._figure_search(analysis, query, vector, k, index, narrowed) or passages
        if not analysis.roles and passages and len(index.vocabulary.guides) > 1:
            # "how do i get my real estate license in florida", answered by the teachers' pay in Florida: a word only
            # another guide uses is missing from the guide that answers, as for a question naming its roles; a word of
            # one or a few other guides' own ("estate"), or a name no dictionary has that most guides lack ("florida"),
            # not one many use ("try", "fail")
            answering = pinned or passages[0].source
            few = max(1.0, TUNING.few_guides_share * index.guides_compared)
            missing = [
                u
                for u in unknown_words(question, index.vocabulary, index.corpus_words, answering)
                if u not in analysis.unknown
                and not any(u in v.split() for v in analysis.unknown)
                and all(
                    (n := len(index.guides_with(t))) <= few or (not readings(t) and 2 * n < index.guides_compared)
                    for t in terms(u)
                )
            ]
            analysis = replace(analysis, unknown=[*analysis.unknown, *missing]) if missing else analysis
        texts = [p.text for p in passages]
        # ... of the guide that answers: another guide's "free" says nothing of Figma.
        answering = {r.source for r in analysis.roles} or {passages[0].source if passages else ""}
        own = [p.text for p in passages if p.source in answering]
        headings = [p.section.rpartition(" > ")[2] for p in passages if p.source in answering]
        pairs = unsaid_pairs(question, index.vocabulary, own, headings, index.corpus_words)
        unsaid = [w for w in pairs + unsaid_quality(question, own) if w not in analysis.unknown]
        if unsaid:  # "what does google pay ...": a word the guides use, never with what is asked of it
            unknown = [*analysis.unknown, *unsaid]  # (a word once: "interview questions", not "interview" besides)
            unknown = [u for u in unknown if not any(u != v and set(u.split()) < set(v.split()) for v in unknown)]
            analysis = replace(analysis, unknown=unknown)
        said = [u for u in analysis.unknown if " " in u and _says_of(u, analysis.wants, texts)]
        if said:  # "what does a charge nurse do": a role the guide names after all, as a stage of one it describes
            analysis = replace(analysis, unknown=[u for u in analysis.unknown if u not in said])
        if (
            analysis.kind == "comparison"
            and len(analysis.roles) < 2
            and passages
            and not index.vocabulary.unlisted(question)
        ):
            # (not when the other side is someone no guide describes: "do nurse practitioners make more than PAs")
            # "who earns more?": the roles of the guide that answers, each asked about alone; "which trade is growing
            # faster?": of the guide whose title has the question's word, if one does.
            roles = [r for r in index.vocabulary.roles if r.source == _guide_asked(analysis, passages, index)]
            analysis = replace(analysis, roles=roles)
            asked = _foci_questions(analysis, index)
            vectors = list(self.embeddings.encode([q for q, _, _ in asked])) if asked else []
        top = passages[0].fused if passages else 1.0
        if analysis.kind in _LISTS and passages:  # a list split over chunks: its best passage's other pieces too
            # (and a how-to's numbered steps, whose first step may be in a piece the search did not find: "**2.
            # Journeyman.**" found for "how do i become an electrician", "**1. Apprentice.**" not)
            numbered = next(
                (
                    p
                    for p in passages[1:]
                    if analysis.kind == "howto" and p.source == passages[0].source and _NUMBERED.search(p.text)
                ),
                None,
            )
            if numbered is not None and numbered.section != passages[0].section:
                passages = _in_front(self.search.pieces(numbered, vector, index), passages, k)
            passages = _in_front(self.search.pieces(passages[0], vector, index), passages, k)
        if analysis.kind == "common" and passages:  # "which tools do both use": the guide's section on what they share
            passages = _in_front(
                self.search.shared(
                    {r.source for r in analysis.roles} or {passages[0].source}, analysis.terms, vector, index, top
                ),
                passages,
                k,
            )
        if introduces(analysis):  # "what does a SOC analyst do": where the guide introduces the role, first
            passages = _in_front(self.search.introduction(analysis.roles[0], vector, index, top), passages, k)
        # "ok and which one has better job prospects?" after the pay: a comparison of a figure the answer before did
        # not state is asked afresh, not around what was said
        afresh = analysis.kind == "comparison" and analysis.wants in FIGURES
        afresh = afresh and not FIGURES[analysis.wants].search(state.get("said") or "")
        # "same q but for welders" after the machinists' best state: asked afresh of the role it names, not around
        # what was said of the other
        said_role = index.role(state["said_id"]) if state.get("said_id") else None
        afresh = afresh or (said_role is not None and bool(analysis.roles) and said_role not in analysis.roles)
        said = (
            self.search.passage(state["said_id"], vector, index, top) if state.get("said_id") and not afresh else None
        )
        if said is not None:  # its whole section, in front: what the follow-up asks about is around what was said
            passages = _in_front(self.search.pieces(said, vector, index), passages, k)
        foci = [Focus(q, v, role, part) for (q, role, part), v in zip(asked, vectors, strict=True)]
        for focus in reversed(foci):  # each focus's best passages first, so that every side or part is there
            found = self.search.search(focus.question, focus.vector, k, index, sources)
            own = [p for p in found if focus.role is None or p.role == focus.role][: TUNING.focus_passages] or found[:1]
            if focus.analysis is not None and introduces(focus.analysis):  # "what do MLEs do and ...": its intro
                own = _in_front(
                    self.search.introduction(focus.analysis.roles[0], focus.vector, index, own[0].fused), own
                )
            passages = _in_front(own, passages)
        if sources:  # passages read besides the search (a list's pieces, an intro ...) obey the limit too
            passages = [p for p in passages if p.source in set(sources)]
        elif len(asked_guides := {r.source for r in analysis.roles}) == 1:
            # "is ot school shorter than pt school": the roles' guide (and notes comparing none), not the counselors'
            # "their summer break is shorter"
            own = [p for p in passages if p.source in asked_guides or p.source in index.vocabulary.notes]
            passages = own or passages
        context = (
            Said(said.id, state["said"], bool(_NEXT.search(question)), bool(_WHY.match(question)))
            if said is not None
            else None
        )
        return {
            **state,
            "analysis": analysis,
            "vector": vector,
            "foci": foci,
            "passages": passages,
            "searched": searched,
            "pinned": pinned,
            "pinned_by_name": bool(pinned)
            and guide_pointed(question, index.vocabulary, index.corpus_words, names_only=True) == pinned,
            "unclear": unclear,
            "which": which,
            "context": context,
        }

    def _figure_search(self, analysis: Analysis, query: str, vector, k: int, index, sources) -> list[Passage]:
        """The `k` best passages; for a question wanting a figure, also the next few that state one beside an asked
        word ("how many police officer jobs": the table's "Number of jobs" row, ninth by rank)."""
        if analysis.wants not in FIGURES or analysis.wants == "number":
            return self.search.search(query, vector, k, index, sources)
        found = self.search.search(query, vector, k + 3 * TUNING.figure_passages, index, sources)
        asked = analysis.terms  # (with "job": "how many jobs" asks for the jobs' number, not only the asking)
        if analysis.wants == "count":  # "how many welders are working": a count of the role ("Number employed")
            asked = asked | {t for r in analysis.roles for t in terms(r.name)}
        rest = found[k:]
        stating = [  # (each passage's sentences as the search has them split, read already)
            p
            for p, (sentences, _) in zip(rest, self.search.sentences.of(rest), strict=True)
            if any(asked & terms(s) and FIGURES[analysis.wants].search(s) for s in sentences)
        ]
        return found[:k] + stating[: TUNING.figure_passages]

    def as_retriever(self, k: int = 4, sources: list[str] | None = None) -> GuideRetriever:
        """This assistant's search as a LangChain retriever, for your own chains.

        Args:
            k: Passages each call returns (a call may give its own: `invoke(query, k=2)`).
            sources: Search only these indexed documents; default: all.

        Returns:
            A `GuideRetriever`: `Document`s with `source`, `section` and `score` in their metadata.
        """
        return GuideRetriever(assistant=self, k=k, sources=sources)

    # -- thin calls of the path -----------------------------------------------------------------------------

    def guides(self) -> list:
        """The indexed guides' vocabularies (`assistant.vocabulary.GuideVocabulary`: title, roles, topics)."""
        return list(self.search.keyword_index().vocabulary.guides.values())

    def refresh(self) -> None:
        """Forget the cached keyword index (it also refreshes by itself when the store changes)."""
        self.search._index = None

    def answer(self, question: str, history: list[dict] | None = None, *, sources: list[str] | None = None) -> Answer:
        """Answer a question, a follow-up when `history` holds the conversation so far (`invoke`, spelled out).

        Args:
            question: The user's question (at most `max_question_chars` characters).
            history: Earlier messages, oldest first, as `{"role": "user"|"assistant", "content": str}`.
            sources: Answer only from these indexed documents (their names in the index); default: all.

        Returns:
            The answer with its citations, or a refusal when the guide does not cover the question.

        Raises:
            InvalidQuestion: the question is empty or too long, or the history is malformed.
            IndexMissing: nothing has been ingested yet.
            StoreUnavailable: the Chroma server cannot be reached.
        """
        return self.invoke({"question": question, "history": history, "sources": sources})

    async def aanswer(self, question: str, history: list[dict] | None = None) -> Answer:
        """`answer()` for code that runs an event loop; the work runs in a thread."""
        return await self.ainvoke({"question": question, "history": history})

    def answer_many(self, questions: list[str]) -> list[Answer]:
        """Answer independent questions, embedding them all in one batch (`batch`)."""
        if isinstance(questions, str):  # else each character would be answered as a question
            raise InvalidQuestion("answer_many takes a list of questions; use answer() for one")
        return self.batch(list(questions))

    def _final(self, state: dict) -> dict:
        """The write step: `answer`, and its `sentences` with their markers (what `stream` yields one by one)."""
        if state.get("unclear"):
            guides = state["index"].vocabulary.guides
            pairs = list(dict.fromkeys(plural_names(g.roles) for g in guides.values() if g.source in state["unclear"]))
            named = "; ".join(pairs[:_NAMED_BACK]) + (
                f"; and {len(pairs) - _NAMED_BACK} more" if len(pairs) > _NAMED_BACK else ""
            )
            every = len(state["unclear"]) >= sum(1 for g in guides.values() if g.roles)
            guides_said = "The guides" if every else "The guides that speak of it"
            return _asked_back(f"{WHICH_ROLES} {guides_said} compare {named}.", state)
        refusal = self._refusal(state)
        if refusal:
            return {"answer": refusal, "sentences": [refusal.text]}
        head, sharers = state.get("which") or ("", [])
        if sharers:  # (after a refusal: no guide says what nurses at Kaiser get, whichever nurses)
            offered = ", ".join(r.plural for r in sharers[:-1]) + f" or {sharers[-1].plural}"
            return _asked_back(f"Which {head} do you mean: {offered}? Name them and I'll answer.", state)
        return self._write(state)

    def _refusal(self, state: dict) -> Answer | None:
        """A refusal when no passage is close enough, or when the question is about something no guide names."""
        passages: list[Passage] = state["passages"]
        analysis: Analysis = state["analysis"]
        # judged on what the search found in every guide: a word only one guide uses ("translate") picks the guide
        # that answers, not whether one does
        searched: list[Passage] = state.get("searched", passages)
        best = max((p.similarity for p in searched), default=0.0)
        unknown = analysis.unknown if analysis.kind != "fit" else []
        text = None
        in_context = state.get("context") is not None  # a follow-up on what was just said from the guide
        if best < self.settings.refusal_threshold and (
            unknown or not (in_context or analysis.kind == "fit" or _names_a_passage_term(analysis, searched))
        ):
            text = NOT_COVERED
        elif (
            unknown
            and not analysis.roles
            and (
                best < TUNING.unknown_word_refusal_similarity
                or (
                    unknown_role(analysis, state["index"].vocabulary)
                    and not _written(unknown, searched, state["index"].vocabulary)
                )
            )
        ):
            # ... or about someone no guide describes: another role's figure would read as theirs ("linemen")
            text = f"The guide does not cover {_listed(unknown)}."
        if text is None:
            return None
        # The closest passage of each of the three nearest sections, of the guide asked about (its roles', or that of
        # what was said last: "what about in the uk" after plumbers' pay, or else of the nearest passage: "how much is
        # the oscp exam fee" is about the guide that names the OSCP), and only its sections when it has some.
        said = {p.source for p in passages if state.get("said_id") and p.id == state["said_id"]}
        nearest_guide = {max(passages, key=lambda p: p.similarity).source} if passages else set()
        pinned = state.get("pinned")  # "oscp": a word only one guide uses
        if pinned and not state.get("pinned_by_name", True):
            pinned = None  # ... a name, not a word of the dictionary: "flies" of "fruit flies" is no pilots' question
        asked = {r.source for r in analysis.roles} or said or ({pinned} if pinned else nearest_guide)
        if state.get("sources"):  # the guides the asker limited the question to
            asked = set(state["sources"])
        elif not (analysis.roles or said or pinned) and len(state["index"].vocabulary.guides) > 1:
            asked = set()  # "best way to get rid of fruit flies", among many guides: none is nearer, none is listed
        closest = {}
        # no other guide's sections beside them
        own = ([p for p in passages if p.source in asked] or passages) if asked else []
        for p in sorted(own, key=lambda p: -p.similarity):
            if len(closest) < 3:
                closest.setdefault(p.section, p)
        nearest = list(closest)
        if nearest:
            text += " The closest sections of the guide are: " + "; ".join(nearest) + "."
        return Answer(
            text=text,
            refused=True,
            standalone_question=state["standalone"],
            nearest_sections=nearest,
            uncovered=unknown,
            nearest=[
                Citation(n, p.source, p.section, p.text, round(p.similarity, 4))
                for n, p in enumerate(closest.values(), start=1)
            ],
        )

    def _sentences(self, state: dict) -> tuple[list[tuple[str, list[int]]], list[str]]:
        """The answer's sentences with their passage numbers (from 1), and notes for the reader."""
        passages: list[Passage] = state["passages"]
        notes: list[str] = []
        if self.writer is not self.extractive:
            label = getattr(self.writer, "label", type(self.writer).__name__)
            try:
                written = self.writer.write(state["standalone"], passages)
                text = written if isinstance(written, str) else " ".join(written)
            except Exception as exc:
                notes.append(
                    f"The {label} writer did not answer ({type(exc).__name__}: {exc}); "
                    "this answer uses the guide's own sentences."
                )
            else:
                sentences, dropped = check_citations(text, passages, getattr(self.writer, "min_support", MIN_SUPPORT))
                if dropped:
                    notes.append(
                        f"{len(dropped)} sentence(s) of the {label} answer were dropped: "
                        "the cited passages did not support them."
                    )
                if sentences:
                    return sentences, notes
                notes.append(
                    f"No sentence of the {label} answer was supported by the guide; "
                    "this answer uses the guide's own sentences."
                )
        return self._extract(state), notes

    def _extract(self, state: dict) -> list[tuple[str, list[int]]]:
        """The extractive writer's sentences, composed ones checked against their citations, caveat first."""
        passages: list[Passage] = state["passages"]
        analysis: Analysis = state["analysis"]
        index = state["index"]
        written = self.extractive.write(analysis, state["vector"], passages, index, state["foci"], state.get("context"))
        supported = [
            s
            for s in written
            if not s.composed
            or not unsupported(
                s.text, [f"{passages[n].section}\n{passages[n].text}" for n in s.cites], index.vocabulary
            )
        ]
        if written and not supported:  # no composed sentence held: the best guide sentence instead
            supported = self.extractive.write(replace(analysis, kind="fact"), state["vector"], passages, index, [])
        out = [_numbered(s) for s in supported]
        caveat = _caveat(analysis, out)
        if caveat and out:
            first, cites = out[0]
            # Only the closest thing the guide says: the rest would answer a question that was not asked; and no yes or
            # no ("does lincoln electric hire welders w no experience": not "No: The AWS CWI exam has three parts")
            first = VERDICT.sub("", first)
            out = [(f"{caveat}; what it does say: {first[:1].upper()}{first[1:]}", cites)]
        return out

    def _write(self, state: dict) -> dict:
        passages: list[Passage] = state["passages"]
        sentences, notes = self._sentences(state)
        marked, order = renumber(sentences)
        citations = [
            Citation(
                new,
                passages[old - 1].source,
                passages[old - 1].section,
                passages[old - 1].text,
                round(passages[old - 1].similarity, 4),
            )
            for new, old in enumerate(order, start=1)
        ]
        answer = Answer(
            text=" ".join(marked),
            citations=citations,
            standalone_question=state["standalone"],
            notes=notes,
            uncovered=_uncovered(state["analysis"], sentences),
        )
        return {"answer": answer, "sentences": marked}


def _asked_back(text: str, state: dict) -> dict:
    """The write step's output when the question is asked back which roles it means (`Answer.asks_which`)."""
    return {"answer": Answer(text=text, standalone_question=state["standalone"], asks_which=True), "sentences": [text]}


def _growing(written: dict) -> Iterator[Answer]:
    """The answer as it grows: its first sentence, its first two ..., then the whole answer."""
    final, sentences = written["answer"], written["sentences"]
    for n in range(1, len(sentences)):
        yield replace(final, text=" ".join(sentences[:n]))
    yield final


def _in_front(first: list[Passage], rest: list[Passage], k: int | None = None) -> list[Passage]:
    """`first`, then the passages of `rest` not among them; with `k`, as many of `rest` as leave k in all beside the
    first of `first` (the passages put in front are read whole, not at the cost of the search's own)."""
    taken = {p.id for p in first}
    kept = [p for p in rest if p.id not in taken]
    return [*first, *(kept if k is None else kept[: max(0, k - 1)])]


_LISTS = ("list", "common", "howto")
# A passage holding a numbered list's item: "**2. Journeyman.** Once you finish ...", "3) Pass the exam".
_NUMBERED = re.compile(r"^\s*(?:\*\*)?\d+[.)]\s", re.M)
# "How much does that pay?", "is it hard?": a follow-up that points at what was said (not "what about lawyers?").
_POINTS_BACK = re.compile(r"\b(that|this|it|its|they|them|their|those|these|there)\b", re.I)
# "What comes after that?", "and then?", "what's driving that?": the guide's next sentence after what was said
# (a guide goes on from a figure to what drives it).
# "Why that tool though?": the reason may be in what was said; it can be said again.
_WHY = re.compile(r"\s*(why|how come)\b", re.I)
# A part that asks what follows the part before it, leaving it unsaid: "... and what exam do u take after".
_AFTER_IT = re.compile(r"\b(after|afterwards|after that|next|then)\W*$", re.I)
_NEXT = re.compile(r"\b(after|next|then|afterwards|later|from there|driv\w*|caus\w*|behind)\b", re.I)
_WANTED = {"money": "pay figure", "percent": "growth figure", "duration": "time span", "count": "number"}


def _numbered(sentence: Sentence) -> tuple[str, list[int]]:
    """A written sentence as (text, passage numbers from 1); inline `[{a}]`/`[{b}]` stand for its citations."""
    return sentence.text, [n + 1 for n in sentence.cites]


def _caveat(analysis: Analysis, sentences: list[tuple[str, list[int]]]) -> str | None:
    """What the guide does not cover of a question it otherwise answers: a place, a company, a time span ..."""
    if analysis.kind == "fit":
        return None
    if analysis.unknown:
        return f"The guide says nothing about {_listed(analysis.unknown)}"
    if analysis.kind == "yesno" and sentences and re.match(r"(Yes|No)\b", sentences[0][0]):
        return None  # "is there a federal minimum number of hours": "No: There is no federal minimum number of hours"
    if analysis.wants in ("duration", "count") and not any(has_figure(s, analysis.wants) for s, _ in sentences):
        return f"The guide gives no {_WANTED[analysis.wants]} for this"
    return None


def _uncovered(analysis: Analysis, sentences: list[tuple[str, list[int]]]) -> list[str]:
    if not _caveat(analysis, sentences):
        return []
    return analysis.unknown or [_WANTED[analysis.wants]]


_FIGURE = re.compile(r"(\$?)(?<![\d,.])(\d[\d,.]*\d|\d)(%| percent\b)?( ?(?:k\b|bucks|dollars))?", re.I)


def _figures(text: str) -> set[tuple[str, float]]:
    """The figures a text states, each as its kind and amount: ("$", 100000) for "100k", ("%", 35) for "35 percent",
    ("", 800) for "800 openings" (another figure than "800 bucks")."""
    found = set()
    for dollar, number, percent, money in _FIGURE.findall(text):
        value = float(number.rstrip(".,").replace(",", "") or 0) * (1000 if money.strip().lower() == "k" else 1)
        found.add(("%" if percent else "$" if dollar or money else "", value))
    return found


def _names_a_passage_term(analysis: Analysis, passages: list[Passage]) -> bool:
    """Whether the question names a term of one of its best passages ("SIEM", "Burp Suite"), besides asking words.

    A short question about one term ("what is a SIEM") can sit below the refusal threshold: the embedding of a few
    words is far from any passage, while the term itself is in the guide.
    """
    content = {t for t in analysis.terms if len(t) > 2 and t not in asking_stems()}
    # ... and most of what it asks, in one passage: not one word of many by chance ("morning" of "translate good
    # morning into spanish", "year" of "who won the super bowl last year"), nor each word in another passage
    # ("laptop" and "college" of "whats the best laptop for college")
    # a figure the question quotes counts as a word of a passage that states an amount or share of its kind ("do apms
    # start at over 100k"), and as two where the passage states it ("which role is expected to grow by 35%"); a plain
    # number only as stated: "under 800 bucks" of a laptop is not "800 openings"
    quoted = _figures(analysis.text)
    if quoted:
        content = content | {"#figure"}

    def figured(p: Passage) -> int:
        stated = _figures(p.text) if quoted else set()
        if any(f[0] and f in stated for f in quoted):
            return 2
        kinds = {k for k, _ in stated if k}
        return int(any(f in stated or f[0] in kinds for f in quoted))

    named = max((_named_in(content, terms(p.text)) + figured(p) for p in passages[:3]), default=0)
    named = max([named] + [figured(p) for p in passages[3:]])
    return named > 0 and named * 2 >= len(content) and named >= min(2, len(content))


def _named_in(content: set[str], said: frozenset[str]) -> int:
    """How many of a question's words a passage has; in a passage that has a name the question asks about, one no
    dictionary has ("cwi"), in any of their forms ("full renewal" of "CWIs must ... fully renew every 9 years"), not
    otherwise ("recommend" is not the "recommendations" of a passage on analysts' duties)."""
    exact = content & said
    if not any(not readings(t) for t in exact):
        return len(exact)
    return sum(t in said or any(forms_of_one(t, w) for w in said) for t in content)


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _a_name(text: str, index) -> bool:
    """Whether a text has a guide's name that no English dictionary has ("ptce", "arrt"; not "min"), as exams are
    named."""
    return any(not readings(w) and w in index.corpus_words.words for w in words(text) if w.isalpha())


# "whats on the exam": one thing the conversation named, asked of with "the"
_THE_ONE = re.compile(r"^\s*(what'?s|what is|how (long|much|hard) is)\s+(on\s+|in\s+)?the\s+\w+\s*\??\s*$", re.I)


def _foci_questions(analysis: Analysis, index) -> list[tuple[str, object, Analysis | None]]:
    """Questions to ask besides the whole one: each part of a several-part question (with the roles carried
    over), each compared role alone, or what an advice question says of the asker."""
    vocabulary = index.vocabulary
    if analysis.kind == "multi":
        out, subject = [], ""
        for part in analysis.parts:
            roles = vocabulary.roles_in(part) or analysis.roles
            text = part if vocabulary.roles_in(part) or not roles else f"{part} ({plural_names(roles)})"
            read = analyse(text, vocabulary, index.corpus_words)
            # "how many qs r on the arrt exam and how long do u get": on the exam; "how many questions r on the ptce
            # and whats the passing score": the PTCE's, a part naming no role nor any name of its own
            if subject and (
                not read.terms or (not analysis.roles and _a_name(subject, index) and not _a_name(part, index))
            ):
                text = f"{text} ({subject})"
                read = analyse(text, vocabulary, index.corpus_words)
            elif subject and _AFTER_IT.search(part):  # "how long does PA school take and what exam do u take after":
                text = f"{part.rstrip(' ?!.')} {subject}"  # after PA school
                read = analyse(text, vocabulary, index.corpus_words)
            counted = words(counted_by(part))[:1]  # (not what it counted: "qs" of "how many qs r on the exam")
            subject = " ".join(
                [
                    *(
                        w
                        for w in words(part)
                        if w not in counted and read.terms & asked_terms(w, vocabulary, index.corpus_words)
                    ),
                    *(code for code in re.findall(r"\b\d{4,6}\b", part) if code in read.terms),  # "praxis 5331"
                ]
            )
            read = replace(read, kind="fact" if read.kind == "multi" else read.kind, parts=[])
            out.append((text, None, read))
            if read.kind == "comparison":  # "... and which is growing faster": that part's sides, after it
                out += [(q, role, read) for q, role, _ in _foci_questions(read, index) if role is not None]
        return out
    if analysis.kind == "fit" and analysis.profile and analysis.profile != analysis.text:
        return [(analysis.profile, None, None)]
    if analysis.towards is not None and analysis.roles:  # "can a data scientist switch to ML engineering": where
        # the mover's guide speaks of moving ("If you aspire to transition into an ML engineer role ...")
        mover = analysis.roles[0]
        return [(f"{mover.plural} who want to transition into a {analysis.towards.name} role", mover, None)]
    if analysis.kind == "comparison" and len(analysis.roles) >= 2:
        # Each side asked alone: the other roles' names taken out, so its embedding is about this role.
        rest = without_roles(analysis.text, vocabulary).strip(" ,?")
        # "who earns more": the figure's words, so that each side's figure sentence is found (not for a stage asked,
        # "starting salary ux vs pm": "salary" would draw the median beside the starting figure)
        hint = (
            f" ({_FIGURE_WORDS[analysis.wants]})"
            if analysis.wants in _FIGURE_WORDS and not CAREER_STAGE.search(rest)
            else ""
        )
        return [(f"{role.plural}: {rest}{hint}", role, None) for role in analysis.roles[:2]]
    return []


# What a figure of each kind is called, added to a comparison side's question so that its figure sentence is found.
_FIGURE_WORDS = {"money": "salary, pay", "percent": "growth, percent", "duration": "years"}


def _says_of(phrase: str, wants: str | None, texts: list[str]) -> bool:
    """Whether a passage names `phrase` ("charge nurse") in a sentence that gives the figure asked, if one is: "how
    much do security architects make" is not answered by "analysts move on to security architect roles"."""
    named = re.compile(rf"\b{re.escape(phrase.rstrip('s'))}s?\b", re.I)
    return any(
        named.search(sentence) and (wants is None or FIGURES[wants].search(sentence))
        for text in texts
        if named.search(text)  # (split only a passage that names it at all)
        for sentence in split_sentences(text)
    )


# Words that point at roles without naming them: "each one", "both", "these jobs", "which role".
_POINTS_AT_ROLES = re.compile(
    r"\b(both|each|either|these|those|the two|which one|which (role|job|career|field|trade|profession)s?|them|they|"
    r"their|which (has|have|is|are|pays?|makes?|earns?|grows?|takes?|gets?|needs?|requires?|offers?))\b",
    re.I,
)


def _clarified(question: str, history: list | None, vocabulary) -> str:
    """After "Which roles do you mean?", a reply naming roles ("paralegals"): the question asked before, about all
    the roles of their guides ("annual job openings for each one (paralegals and legal secretaries)"); else ""."""
    if not history or history[-1]["role"] != "assistant" or not _ASKED_WHICH.match(history[-1]["content"]):
        return ""
    named = vocabulary.roles_in(question)
    before = next((h["content"] for h in reversed(history) if h["role"] == "user"), "")
    asked = _ASKED_WHICH.match(history[-1]["content"])
    if asked.group(1) != "roles":  # "Which nurses do you mean: registered nurses or ...?", "registered": the question
        offered = vocabulary.roles_in(history[-1]["content"].partition(":")[2])  # before, about the one named
        picked = [r for r in named if r in offered] or [
            r for r in offered if any(token_matches(w, n) for w in words(question) for n in words(r.name)[:-1])
        ]
        if len(picked) != 1 or not before:
            return ""
        typed, role = asked.group(1), picked[0]
        one = rf"\b(an?\s+)?{re.escape(typed)}\b" if not typed.endswith("s") else rf"\b{re.escape(typed)}\b"
        name = role.plural if typed.endswith("s") else f"{article(role.name)} {role.name}"
        return re.sub(one, name, before, count=1, flags=re.I)
    if not named or not before:
        return ""
    roles = [r for source in dict.fromkeys(r.source for r in named) for r in vocabulary.guides[source].roles]
    return f"{before.strip().rstrip('?.! ')} ({plural_names(roles)})?"


def _written(unknown: list[str], passages: list, vocabulary) -> bool:
    """Whether a passage found writes one of the question's unknown names of a person as it is, its first word one of a
    role's name ("speech therapists", in the speech-language guide's "Offices of PT, OT, speech therapists, and
    audiologists"): another name of that role, not someone no guide describes ("medical assistant", said in passing).
    """
    return any(
        re.search(rf"\b{re.escape(u)}", p.text, re.I)
        for u in unknown
        if " " in u and any(token_matches(u.split()[0], w) for w in vocabulary.name_words)
        for p in passages
    )


def _unclear(analysis, index) -> frozenset[str]:
    """The guides a question naming no role could be about, when no word of it tells them apart, with a few guides
    indexed (else none): "which one has more job openings per year" could be about any of them (every word of it is in
    most guides); "which one can i start younger at", about those that speak of starting young."""
    if analysis.kind not in ("comparison", "fit") and not _POINTS_AT_ROLES.search(analysis.text):
        return frozenset()
    if not analysis.terms or analysis.unknown or index.guides_compared < TUNING.unclear_guides:
        # (nor about someone no guide describes: "what does an actuary do and how much do they make")
        return frozenset()
    guides = frozenset(g.source for g in index.vocabulary.guides.values() if g.roles)
    # (a word of the dictionary one chunk says tells no guide apart: "earners" of "the top 10% earners")
    telling = [t for t in analysis.terms if not (readings(t) and index.corpus_words.chunks_with(t) < 2)]
    if all(index.guide_share(t) > TUNING.unclear_share for t in telling):
        return guides
    if analysis.kind == "fit" or not telling:
        return frozenset()
    # ... or whose words are all in several guides, but a guide's title has one of them ("which trade is growing
    # faster": "Electrician vs. Plumber: Which Trade Should You Learn?")
    sharing = frozenset.intersection(*map(index.guides_with, telling)) & guides
    titled = [g for g in sharing if _titled(analysis, g, index)]
    return sharing if len(sharing) > 1 and len(titled) != 1 else frozenset()


def _guide_asked(analysis, passages: list, index) -> str:
    """The guide a question naming no role is about: of its passages' guides, the first whose title has one of its
    words ("which trade ...": "Electrician vs. Plumber: Which Trade Should You Learn?"), else the best passage's."""
    sources = dict.fromkeys(p.source for p in passages)
    return next((s for s in sources if _titled(analysis, s, index)), passages[0].source)


def _titled(analysis, source: str, index) -> bool:
    """Whether a guide's title has one of a question's words ("which trade": "... Which Trade Should You Learn?")."""
    guide = index.vocabulary.guides.get(source)
    return bool(guide and analysis.terms & asked_terms(guide.title, index.vocabulary, index.corpus_words))


def build_assistant(
    settings: Settings | None = None, *, embeddings=None, store=None, writer: Writer | None = None
) -> Assistant:
    """The assistant the settings describe; pass parts to use your own.

    Args:
        settings: Default: the environment's (`load_settings()`).
        embeddings: Any LangChain `Embeddings`; one not of this project needs the `embedding_name` setting, which
            the index records. Default: the bundled MiniLM on the `embedding_backend` setting.
        store: The `VectorStore` to read (default: the one the settings name).
        writer: An `assistant.writer.Writer`; default: the `llm` setting's, else the guide's own sentences.

    Raises:
        ModelMismatch: embeddings of your own without an `embedding_name`.
    """
    from .settings import load_settings
    from .wiring import build_embeddings, build_store, build_writer, named_embeddings

    settings = settings or load_settings()
    embeddings = build_embeddings(settings) if embeddings is None else named_embeddings(embeddings, settings)
    store = store or build_store(settings, embeddings)
    return Assistant(settings, embeddings, store, writer or build_writer(settings))
