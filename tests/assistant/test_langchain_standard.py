"""LangChain's own standard tests (`langchain-tests`) on the embeddings backends and the retriever, real parts only:
each backend's real model, and a retriever over the guide's real index."""

from __future__ import annotations

import pytest
from langchain_core.documents import Document
from langchain_tests.integration_tests import EmbeddingsIntegrationTests, RetrieversIntegrationTests
from langchain_tests.unit_tests import EmbeddingsUnitTests

from assistant import GuideRetriever, InvalidQuestion, build_assistant
from assistant.embeddings import MiniLMEmbeddings
from assistant.onnx_embeddings import OnnxMiniLMEmbeddings


class _OnnxParams:
    """The session's model cache as the ONNX backends' constructor parameter (an export takes seconds)."""

    cache: object = None
    quantized: bool = True

    @pytest.fixture(autouse=True)
    def _cache(self, model_cache) -> None:
        type(self).cache = model_cache

    @property
    def embeddings_class(self) -> type:
        return OnnxMiniLMEmbeddings

    @property
    def embedding_model_params(self) -> dict:
        return {"cache_dir": self.cache, "quantized": self.quantized}


class TestTorchEmbeddingsUnit(EmbeddingsUnitTests):
    @property
    def embeddings_class(self) -> type:
        return MiniLMEmbeddings


@pytest.mark.slow
class TestTorchEmbeddingsIntegration(EmbeddingsIntegrationTests):
    @property
    def embeddings_class(self) -> type:
        return MiniLMEmbeddings


class TestOnnxEmbeddingsUnit(_OnnxParams, EmbeddingsUnitTests):
    quantized = False


class TestOnnxEmbeddingsIntegration(_OnnxParams, EmbeddingsIntegrationTests):
    quantized = False


class TestOnnxInt8EmbeddingsUnit(_OnnxParams, EmbeddingsUnitTests):
    quantized = True


class TestOnnxInt8EmbeddingsIntegration(_OnnxParams, EmbeddingsIntegrationTests):
    quantized = True


@pytest.fixture(scope="module")
def guide_assistant(guide_settings, guide_store, embeddings):
    return build_assistant(guide_settings, embeddings=embeddings, store=guide_store)


class TestGuideRetriever(RetrieversIntegrationTests):
    assistant: object = None

    @pytest.fixture(autouse=True)
    def _assistant(self, guide_assistant) -> None:
        type(self).assistant = guide_assistant

    @property
    def retriever_constructor(self) -> type[GuideRetriever]:
        return GuideRetriever

    @property
    def retriever_constructor_params(self) -> dict:
        return {"assistant": self.assistant}

    @property
    def retriever_query_example(self) -> str:
        return "How much do ML engineers earn?"


def test_the_retriever_gives_section_source_and_score_best_first(guide_assistant) -> None:
    documents = guide_assistant.as_retriever(k=3).invoke("How much do ML engineers earn?")

    assert len(documents) == 3 and all(isinstance(d, Document) for d in documents)
    assert documents[0].metadata["section"] == "Earning potentials > ML engineer"
    assert {d.metadata["source"] for d in documents} == {"ml-engineer-vs-data-scientist.md"}
    assert all(0 < d.metadata["score"] <= 1 for d in documents)
    assert "$" in documents[0].page_content


def test_the_retriever_takes_k_and_sources_per_call(two_guides) -> None:
    retriever = two_guides.as_retriever(k=5, sources=["ml-engineer-vs-data-scientist.md"])
    question = "What skills and tools do they need?"

    assert {d.metadata["source"] for d in retriever.invoke(question)} == {"ml-engineer-vs-data-scientist.md"}
    limited = retriever.invoke(question, k=2, sources=["cybersecurity-analyst-vs-penetration-tester.md"])
    assert len(limited) == 2
    assert {d.metadata["source"] for d in limited} == {"cybersecurity-analyst-vs-penetration-tester.md"}
    assert len(retriever.invoke(question)) == 5


@pytest.mark.parametrize(
    "query, k, message", [("  ", None, "empty"), ("salary", 0, "k must"), ("salary", "3", "k must")]
)
def test_the_retriever_refuses_what_it_cannot_search(guide_assistant, query, k, message) -> None:
    with pytest.raises(InvalidQuestion, match=message):
        guide_assistant.as_retriever().invoke(query, k=k)


def test_the_readmes_lcel_chain_runs_with_a_chat_model(guide_assistant) -> None:
    """The README's chain, with langchain-core's fake chat model in place of ChatOllama (no LLM is reachable
    here): what is under test is that the retriever composes and fills the prompt."""
    from langchain_core.language_models.fake_chat_models import FakeListChatModel
    from langchain_core.output_parsers import StrOutputParser
    from langchain_core.prompts import ChatPromptTemplate
    from langchain_core.runnables import RunnablePassthrough

    retriever = guide_assistant.as_retriever(k=4)
    prompt = ChatPromptTemplate.from_messages(
        [
            ("system", "Answer from these passages only; cite them as [section].\n\n{passages}"),
            ("human", "{question}"),
        ]
    )
    passages = retriever | (lambda docs: "\n\n".join(f"[{d.metadata['section']}] {d.page_content}" for d in docs))
    seen = []
    chain = (
        {"passages": passages, "question": RunnablePassthrough()}
        | prompt
        | (lambda value: seen.append(value) or value)
        | FakeListChatModel(responses=["About $136,620."])
        | StrOutputParser()
    )

    assert chain.invoke("How much do ML engineers earn?") == "About $136,620."
    assert "[Earning potentials > ML engineer]" in seen[0].to_string() and "$136,620" in seen[0].to_string()
