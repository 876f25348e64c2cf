"""Listing and removing indexed documents (`ingest.documents`), on a real embedded Chroma with the real model."""

from __future__ import annotations

import pytest

from assistant.errors import IngestError
from ingest import ingest
from ingest.documents import list_documents, remove_document


@pytest.fixture
def indexed(settings, corpus, embeddings, tmp_path):
    from assistant.wiring import build_store

    second = tmp_path / "corpus" / "beekeeping.md"
    second.write_text("# Beekeeping\n\n## Pay\n\nA master apiarist earns 77 jars of honey per week.\n")
    store = build_store(settings, embeddings)
    ingest(settings, embeddings=embeddings, store=store, progress=lambda done, total: None)
    return store


def test_the_listing_counts_each_documents_chunks_and_reads_its_file(settings, indexed) -> None:
    documents = {d.source: d for d in list_documents(settings, indexed)}

    assert set(documents) == {"ml-engineer-vs-data-scientist.md", "beekeeping.md"}
    assert documents["beekeeping.md"].chunks == 1
    assert documents["beekeeping.md"].size == (settings.corpus_dir / "beekeeping.md").stat().st_size
    assert documents["beekeeping.md"].added is not None
    assert sum(d.chunks for d in documents.values()) == len(indexed.metadatas())


def test_removing_a_document_removes_its_chunks_and_its_file_only(settings, indexed) -> None:
    before = len(indexed.metadatas())

    removed = remove_document(settings, indexed, "beekeeping.md")

    assert removed == 1 and len(indexed.metadatas()) == before - 1
    assert {m["source"] for m in indexed.metadatas().values()} == {"ml-engineer-vs-data-scientist.md"}
    assert not (settings.corpus_dir / "beekeeping.md").exists()
    assert (settings.corpus_dir / "ml-engineer-vs-data-scientist.md").exists()


def test_removing_an_unknown_document_is_a_clear_error_and_changes_nothing(settings, indexed) -> None:
    before = dict(indexed.metadatas())

    with pytest.raises(IngestError, match=r"nope\.md is not in the index"):
        remove_document(settings, indexed, "nope.md")

    assert indexed.metadatas() == before


def test_a_file_outside_the_corpus_is_removed_from_the_index_but_not_deleted(
    settings, indexed, embeddings, tmp_path
) -> None:
    outside = tmp_path / "elsewhere" / "notes.md"
    outside.parent.mkdir()
    outside.write_text("# Notes\n\n## Zebras\n\nZebra herders are paid in striped coins.\n")
    ingest(settings, [outside], embeddings=embeddings, store=indexed, progress=lambda done, total: None)

    remove_document(settings, indexed, str(outside))

    assert str(outside) not in {m["source"] for m in indexed.metadatas().values()}
    assert outside.exists()
