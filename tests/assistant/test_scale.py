"""Collections larger than one Chroma call takes: reads of more than 32,766 rows, writes of more than 5,461."""

from __future__ import annotations

import random

import numpy as np
import pytest

from assistant import build_assistant
from assistant.retrieval import current_files
from assistant.store import VectorStore
from assistant.store_pages import READ_PAGE
from ingest import ingest

WORDS = [
    "model", "data", "pipeline", "feature", "label", "cluster", "metric", "deploy", "monitor", "latency", "budget",
    "stakeholder", "report", "dashboard", "experiment", "baseline", "regression", "forecast", "anomaly", "schema",
    "warehouse", "notebook", "container", "cloud", "review", "mentor", "promotion", "salary", "interview",
]  # fmt: skip


def quiet(done: int, total: int) -> None:
    """Progress that shows nothing."""


@pytest.mark.slow
def test_more_chunks_than_one_chroma_read_or_write_takes_are_written_read_and_removed(settings, embeddings):
    # Cheap vectors (random, unit length) stand in for 33,000 embeddings, which would take minutes: what is tested
    # is the store's real path through real Chroma, which fails one get() of more than 32,766 rows and one write of
    # more than 5,461.
    count = 33_000
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((count, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = [f"chunk-{n:05d}" for n in range(count)]
    texts = [f"Passage {n} about {WORDS[n % len(WORDS)]} work." for n in range(count)]
    metas = [{"source": "big.md", "section": f"Part {n}", "position": n, "sentences": 1} for n in range(count)]
    store = VectorStore(settings, embeddings.identity)

    store.write(add=(ids, vectors, texts, metas), sentences=[([t], vectors[n : n + 1]) for n, t in enumerate(texts)])

    files = current_files(store)  # the revision's files, written from paged reads of both collections
    assert count > 32_767 and count > READ_PAGE * 6
    assert sorted(files.id(row) for row in range(files.size)) == ids
    rows = [files.row(i) for i in ids[:50]]
    assert np.allclose(files.vectors[rows], vectors[:50], atol=1e-6), "vectors come back with their chunks"
    assert len(store.metadatas()) == len(store.chunks()) == count
    last = files.sentences(files.row(ids[-1]))
    assert last[0] == [texts[-1]] and np.array_equal(last[1], vectors[-1:])

    store.write(delete=ids[1:])
    assert [c.id for c in store.chunks()] == ids[:1]
    files = current_files(store)
    assert [files.id(row) for row in range(files.size)] == ids[:1]
    assert files.sentences(0) is not None and files.row(ids[1]) is None, "a removed chunk's sentences go with it"


def one_file_of_sections(path, sections: int) -> None:
    """A Markdown file of `sections` short sections, each one chunk, every text different (seeded)."""
    rng = random.Random(11)
    parts = ["# Notes"]
    for n in range(sections):
        parts.append(f"## Note {n}\n\n{' '.join(rng.choices(WORDS, k=5)).capitalize()} {n}.")
    path.write_text("\n\n".join(parts), encoding="utf-8")


@pytest.mark.slow
def test_one_file_of_more_chunks_than_one_chroma_write_takes_is_indexed_and_answered_from(settings, embeddings):
    one_file_of_sections(settings.corpus_dir / "long.md", 5_600)

    report = ingest(settings, embeddings=embeddings, progress=quiet)

    assert report.added == 5_600 and not report.problems
    assistant = build_assistant(settings, embeddings=embeddings)
    res = assistant.answer("What does note 4321 say?")
    assert any("4321" in c.text for c in res.citations)
    assert ingest(settings, embeddings=embeddings, progress=quiet).unchanged == 5_600
