"""Sentence vectors computed at ingest and stored with the index: no question embeds guide text."""

from __future__ import annotations

import numpy as np

from assistant import build_assistant
from assistant.embeddings import embed_text
from assistant.sentences import SentenceVectors, passage_sentences


class RecordingEmbeddings:
    """The real model, recording every text it is asked to embed (a wrapper, not a fake: the vectors stay real)."""

    def __init__(self, model) -> None:
        self.model = model
        self.identity = model.identity
        self.backend = getattr(model, "backend", None)
        self.texts: list[str] = []

    def encode(self, texts, batch_size=64, progress=None):
        self.texts.extend(texts)
        return self.model.encode(texts, batch_size=batch_size, progress=progress)

    def embed_query(self, text):
        self.texts.append(text)
        return self.model.embed_query(text)


def test_the_stored_sentence_vectors_are_those_a_question_would_embed(guide_settings, guide_store, embeddings):
    chunks = guide_store.chunks()
    search = build_assistant(guide_settings, embeddings=embeddings, store=guide_store).search  # the index's files
    stored = SentenceVectors(embeddings, search).of(chunks)
    embedded = SentenceVectors(embeddings).of(chunks)  # no store: what an index from before them gets
    assert len(search.sentence_vectors([c.id for c in chunks])) == len(chunks)
    for (texts, vectors), (own_texts, own_vectors) in zip(stored, embedded, strict=True):
        assert texts == own_texts
        np.testing.assert_allclose(vectors, own_vectors, atol=1e-6)


def test_answers_embed_no_guide_text(guide_settings, guide_store, embeddings):
    recording = RecordingEmbeddings(embeddings)
    assistant = build_assistant(guide_settings, embeddings=recording, store=guide_store)
    guide_texts = {embed_text(c.section, s) for c in guide_store.chunks() for s in passage_sentences(c.text, c.section)}

    for question in ("How much do ML engineers earn?", "Which tools do both roles use?", "Do I need a degree?"):
        assert assistant.answer(question).citations

    assert recording.texts, "the questions were embedded"
    assert not set(recording.texts) & guide_texts


def test_an_index_without_stored_sentences_is_answered_the_same(guide_settings, guide_store, embeddings):
    questions = ("How much do ML engineers earn?", "What does a data scientist do?", "Is Python used by both?")
    with_stored = build_assistant(guide_settings, embeddings=embeddings, store=guide_store)
    without = build_assistant(guide_settings, embeddings=embeddings, store=guide_store)
    without.sentences.store = None  # as for an index built before sentence vectors were stored
    for question in questions:
        assert with_stored.answer(question).to_dict() == without.answer(question).to_dict()


def test_stored_sentences_of_this_split_are_read_without_splitting_again(
    guide_settings, guide_store, embeddings, monkeypatch
):
    """Ingest records which `passage_sentences` made a chunk's stored sentences; a reader with the same one trusts them
    (splitting a passage again cost 1.5 ms of a first answer); a reader with another split checks them."""
    import assistant.sentences as sentences

    chunks = guide_store.chunks()
    search = build_assistant(guide_settings, embeddings=embeddings, store=guide_store).search
    assert search.split_by([c.id for c in chunks], sentences.SPLIT_VERSION) == {c.id for c in chunks}
    split_again = []
    monkeypatch.setattr(sentences, "passage_sentences", lambda text, section="": split_again.append(text) or [text])
    SentenceVectors(embeddings, search).of(chunks)
    assert split_again == []
    monkeypatch.setattr(sentences, "SPLIT_VERSION", "another split")
    SentenceVectors(embeddings, search).of(chunks)
    assert len(split_again) == len(chunks)
