"""Parts a user brings: any LangChain `Embeddings` under a name the index records, and a writer of their own (the
real model behind both, a real Chroma index)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

from assistant import ModelMismatch, build_assistant
from assistant.writer import Writer
from ingest import ingest

GUIDE = Path(__file__).parents[2] / "corpus" / "ml-engineer-vs-data-scientist.md"
EARN = "How much do ML engineers earn?"


class PlainEmbeddings(Embeddings):
    """A LangChain `Embeddings` as a user would write one: only the two LangChain methods (the real MiniLM behind)."""

    def __init__(self, model) -> None:
        self.model = model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [[2 * x for x in row] for row in self.model.embed_documents(texts)]  # not unit length: normalised

    def embed_query(self, text: str) -> list[float]:
        return self.model.embed_query(text)


@pytest.fixture
def own_index(settings, embeddings):
    """The guide ingested with `PlainEmbeddings` named "minilm-by-hand"; the settings naming it."""
    shutil.copy(GUIDE, settings.corpus_dir / GUIDE.name)
    named = settings.model_copy(update={"embedding_name": "minilm-by-hand"})
    bot = build_assistant(named, embeddings=PlainEmbeddings(embeddings))
    ingest(named, embeddings=bot.embeddings, store=bot.store, progress=lambda done, total: None)
    return named


def test_any_langchain_embeddings_answer_under_their_name(own_index, embeddings) -> None:
    result = build_assistant(own_index, embeddings=PlainEmbeddings(embeddings)).answer(EARN)

    assert not result.refused and "$136,620" in result.text
    assert result.citations[0].section == "Earning potentials > ML engineer"
    assert result.citations[0].score <= 1.0  # vectors normalised: scores are cosines


def test_embeddings_of_ones_own_need_a_name(settings, embeddings) -> None:
    with pytest.raises(ModelMismatch, match="embedding_name"):
        build_assistant(settings, embeddings=PlainEmbeddings(embeddings))


@pytest.mark.parametrize("other", ["another-name", "bundled"])
def test_an_index_of_other_embeddings_is_refused(own_index, embeddings, other: str) -> None:
    if other == "bundled":
        bot = build_assistant(own_index.model_copy(update={"embedding_name": None}), embeddings=embeddings)
    else:
        bot = build_assistant(
            own_index.model_copy(update={"embedding_name": other}), embeddings=PlainEmbeddings(embeddings)
        )
    with pytest.raises(ModelMismatch, match="minilm-by-hand"):
        bot.answer(EARN)


class FirstSentence:
    """A writer as a user would write one: the first sentence of the passage with a dollar figure."""

    label = "first-sentence"

    def __init__(self, as_list: bool = False, marker: int | None = None) -> None:
        self.as_list, self.marker = as_list, marker

    def write(self, question, passages):
        n, passage = next((n, p) for n, p in enumerate(passages, start=1) if "$" in p.text)
        sentence = next(s for s in passage.text.split(". ") if "$" in s).rstrip(".")
        written = f"{sentence} [{self.marker or n}]."
        return [written] if self.as_list else written


@pytest.mark.parametrize("as_list", [False, True])
def test_a_writer_of_ones_own_writes_the_answer(guide_settings, guide_store, embeddings, as_list: bool) -> None:
    writer = FirstSentence(as_list=as_list)
    assert isinstance(writer, Writer)

    result = build_assistant(guide_settings, embeddings=embeddings, store=guide_store, writer=writer).answer(EARN)

    assert "$136,620" in result.text and result.text.endswith("[1].") and result.notes == []
    assert result.citations[0].section == "Earning potentials > ML engineer"


def test_a_writer_citing_no_passage_gives_way_to_the_guides_sentences(guide_settings, guide_store, embeddings) -> None:
    bot = build_assistant(guide_settings, embeddings=embeddings, store=guide_store, writer=FirstSentence(marker=99))

    result = bot.answer(EARN)

    assert result.text == build_assistant(guide_settings, embeddings=embeddings, store=guide_store).answer(EARN).text
    assert any("first-sentence answer was supported" in note for note in result.notes)
