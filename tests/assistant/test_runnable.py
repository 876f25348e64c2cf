"""`Assistant` as a LangChain Runnable: one path for invoke, batch, stream and their async forms (real model, real
Chroma: the guide's index)."""

from __future__ import annotations

import asyncio

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.runnables import RunnableLambda

from assistant import Answer, InvalidQuestion, Question, build_assistant

EARN = "How much do ML engineers earn?"
QUESTIONS = [EARN, "What tools do data scientists use?", "What is the job outlook for ML engineers?"]


@pytest.fixture(scope="module")
def guide_assistant(guide_settings, guide_store, embeddings):
    return build_assistant(guide_settings, embeddings=embeddings, store=guide_store)


class CountingEmbeddings:
    """The session's real model, counting the calls to `encode` and the texts of each."""

    def __init__(self, model) -> None:
        self.model, self.calls = model, []
        self.identity, self.backend = model.identity, model.backend

    def encode(self, texts, *args, **kwargs):
        self.calls.append(list(texts))
        return self.model.encode(texts, *args, **kwargs)

    def embed_documents(self, texts):
        return self.model.embed_documents(texts)

    def embed_query(self, text):
        return self.model.embed_query(text)


def test_the_schemas_name_the_question_the_history_and_the_sources(guide_assistant) -> None:
    fields = guide_assistant.get_input_schema().model_json_schema()["properties"]
    output = guide_assistant.get_output_schema().model_json_schema()

    assert set(fields) == {"question", "history", "sources"}
    assert "citations" in str(output) and "standalone_question" in str(output)
    assert Question.model_validate(EARN) == Question(question=EARN)


@pytest.mark.parametrize(
    "given", [EARN, {"question": EARN}, {"question": f"  {EARN} ", "history": []}, Question(question=EARN)]
)
def test_every_form_of_input_gets_the_same_answer(guide_assistant, given) -> None:
    assert guide_assistant.invoke(given) == guide_assistant.answer(EARN)


@pytest.mark.parametrize("call", ["invoke", "batch", "stream", "ainvoke", "abatch", "astream"])
@pytest.mark.parametrize(
    "given, message",
    [
        ("   ", "empty"),
        ({"question": ""}, "empty"),
        ({"question": EARN, "history": "not a list"}, "history"),
        ({"question": EARN, "sources": "guide.md"}, "sources"),
        ({"query": EARN}, "keys"),
        (42, "text"),
    ],
)
def test_every_way_in_validates_alike(guide_assistant, call: str, given, message: str) -> None:
    async def drain(stream):
        return [part async for part in stream]

    runs = {
        "invoke": lambda: guide_assistant.invoke(given),
        "batch": lambda: guide_assistant.batch([EARN, given]),
        "stream": lambda: list(guide_assistant.stream(given)),
        "ainvoke": lambda: asyncio.run(guide_assistant.ainvoke(given)),
        "abatch": lambda: asyncio.run(guide_assistant.abatch([EARN, given])),
        "astream": lambda: asyncio.run(drain(guide_assistant.astream(given))),
    }
    with pytest.raises(InvalidQuestion, match=message):
        runs[call]()


def test_batch_embeds_its_questions_in_one_call_and_answers_as_invoke_does(guide_assistant, embeddings) -> None:
    counting = CountingEmbeddings(embeddings)
    bot = build_assistant(guide_assistant.settings, embeddings=counting, store=guide_assistant.store)

    answers = bot.batch(QUESTIONS)

    assert QUESTIONS in counting.calls  # the three questions went to the model together
    assert answers == [guide_assistant.invoke(q) for q in QUESTIONS]
    assert bot.answer_many(QUESTIONS) == answers


def test_batch_can_return_an_error_in_place_of_an_answer(guide_assistant) -> None:
    answers = guide_assistant.batch([EARN, " ", QUESTIONS[1]], return_exceptions=True)

    assert isinstance(answers[1], InvalidQuestion)
    assert answers[0] == guide_assistant.answer(EARN) and answers[2] == guide_assistant.answer(QUESTIONS[1])


def test_a_follow_up_in_a_batch_is_made_standalone_first(guide_assistant) -> None:
    follow_up = {"question": "And data scientists?", "history": [{"role": "user", "content": EARN}]}

    batched = guide_assistant.batch([EARN, follow_up])

    assert batched[1] == guide_assistant.invoke(follow_up)
    assert "data scientist" in batched[1].standalone_question.lower()


def test_the_async_forms_give_what_the_sync_forms_give(guide_assistant) -> None:
    question = "how much do data scientists earn and what tools do they use"  # two parts: two sentences

    async def run():
        streamed = [part async for part in guide_assistant.astream(question)]
        return streamed, await guide_assistant.ainvoke(question), await guide_assistant.abatch(QUESTIONS)

    streamed, invoked, batched = asyncio.run(run())

    assert streamed == list(guide_assistant.stream(question)) and len(streamed) >= 2
    assert invoked == streamed[-1] == guide_assistant.invoke(question)
    assert batched == guide_assistant.batch(QUESTIONS)


def test_a_refusal_streams_as_one_part(guide_assistant) -> None:
    parts = list(guide_assistant.stream("What is the capital of France?"))

    assert len(parts) == 1 and parts[0].refused


def test_each_question_of_a_batch_is_a_run_with_its_steps(guide_assistant) -> None:
    class Recorder(BaseCallbackHandler):
        def __init__(self) -> None:
            self.started: list[tuple[str, object]] = []

        def on_chain_start(self, serialized, inputs, *, run_id, parent_run_id=None, **kwargs) -> None:
            self.started.append((kwargs.get("name"), parent_run_id))

    recorder = Recorder()
    guide_assistant.batch(QUESTIONS[:2], config={"callbacks": [recorder]})

    names = [name for name, _ in recorder.started]
    assert names.count("Assistant") == 2
    assert sorted(names) == sorted(["Assistant", "condense", "retrieve", "write"] * 2)
    assert all(parent is not None for name, parent in recorder.started if name != "Assistant")


def test_it_composes_in_an_lcel_chain(guide_assistant) -> None:
    chain = (
        RunnableLambda(lambda topic: {"question": f"What tools do {topic} use?"})
        | guide_assistant
        | RunnableLambda(lambda answer: answer.citations[0].section)
    )

    assert chain.invoke("data scientists").startswith("Tools")
    assert isinstance(guide_assistant.with_config(run_name="career").invoke(EARN), Answer)


def test_a_failed_batch_ends_every_run_it_started_with_the_error(guide_assistant) -> None:
    class Recorder(BaseCallbackHandler):
        def __init__(self) -> None:
            self.started, self.failed, self.ended = [], [], []

        def on_chain_start(self, serialized, inputs, *, run_id, parent_run_id=None, **kwargs) -> None:
            if parent_run_id is None:
                self.started.append(run_id)

        def on_chain_error(self, error, *, run_id, parent_run_id=None, **kwargs) -> None:
            if parent_run_id is None:
                self.failed.append((run_id, type(error)))

        def on_chain_end(self, outputs, *, run_id, parent_run_id=None, **kwargs) -> None:
            if parent_run_id is None:
                self.ended.append(run_id)

    recorder = Recorder()
    with pytest.raises(InvalidQuestion):
        guide_assistant.batch([EARN, " "], config={"callbacks": [recorder]})

    assert len(recorder.started) == 2 and recorder.ended == []
    assert sorted(recorder.failed) == sorted((run, InvalidQuestion) for run in recorder.started)
