"""The files one index revision is mapped from (`assistant.frozen`), and the clusters dense search reads above
`SCAN_LIMIT` chunks (`assistant.clusters`)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant import clusters, frozen
from assistant.retrieval import derive, tokenize
from assistant.store_pages import pack_sentences


def unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def test_a_revision_reads_back_what_was_written(tmp_path):
    rng = np.random.default_rng(1)
    ids = ["b2", "a1", "c3", "é4"]  # not in order, one not ASCII
    texts = ["Nurses earn $77,600 a year.", "", "PAs need a master's degree.", "Über alles **bold**."]
    metas = [
        {"source": "care.md", "section": "Pay > Nurse", "position": 0, "vocabulary": '{"source": "care.md"}'},
        {"source": "care.md", "section": "Pay > Nurse", "position": 1},
        {"source": "care.md", "section": "Training > PA", "position": 2},
        {"source": "other.md", "section": "", "position": 0},
    ]
    vectors = unit(rng.standard_normal((4, 8)))
    sentences = [["Nurses earn $77,600 a year."], ["PAs need a master's degree.", "Two."]]
    packed = [pack_sentences(s, unit(rng.standard_normal((len(s), 8)))) for s in sentences]
    page = frozen.Page(ids, texts, metas, vectors)
    sentence_page = frozen.SentencePage(
        ["b2", "c3", "gone"], [d for d, _ in packed] + ["[]"], [m for _, m in packed] + [{}]
    )

    got = frozen.build(tmp_path, 7, lambda: ([page], [sentence_page]), tokenize, derive)

    assert got.revision == 7 and got.size == 4
    for row, chunk_id in enumerate(ids):
        assert got.row(chunk_id) == row and got.id(row) == chunk_id
        assert got.texts[row] == texts[row] and got.metadata(row) == metas[row]
    assert got.row("zz") is None and got.row("a") is None and got.row("b2-longer-than-any-id") is None
    assert np.array_equal(got.vectors, vectors)
    assert got.sentences(0)[0] == sentences[0] and got.sentences(1) is None
    assert got.sentences(2)[0] == sentences[1] and got.sentences(2)[1].shape == (2, 8)
    assert list(got.metas) == [got.metas[row] for row in range(4)]
    assert got.source_names == ["care.md", "other.md"]


def test_a_newer_revision_replaces_the_older_and_a_failed_build_leaves_nothing(tmp_path):
    page = frozen.Page(
        ["a"], ["Some text here."], [{"source": "g.md", "section": "S", "position": 0}], unit(np.ones((1, 4)))
    )
    frozen.build(tmp_path, 1, lambda: ([page], []), tokenize, derive)
    frozen.build(tmp_path, 2, lambda: ([page], []), tokenize, derive)
    assert frozen.open_revision(tmp_path, 1) is None and frozen.open_revision(tmp_path, 2) is not None

    def broken():
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        frozen.build(tmp_path, 3, broken, tokenize, derive)
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == ["2"], "no half-written folder is left"


def test_the_clusters_find_most_of_the_scans_nearest(tmp_path):
    # Cheap vectors (random, around 300 centres) stand in for 20,000 embeddings: what is tested is that the clusters
    # find what an exact scan finds, reading a small part of the vectors.
    rng = np.random.default_rng(5)
    centres = unit(rng.standard_normal((300, 64)))
    vectors = unit(centres[rng.integers(0, 300, 20_000)] + 0.06 * rng.standard_normal((20_000, 64)))
    np.save(tmp_path / "v.npy", vectors)
    clusters.write(tmp_path, np.load(tmp_path / "v.npy", mmap_mode="r"))
    found = clusters.Clusters(tmp_path, 64)
    assert len(found.centroids) == 20_000 // clusters.CLUSTER_SIZE
    assert sorted(np.asarray(found.rows).tolist()) == list(range(20_000)), "every vector is in one cluster"
    recall = []
    for query in unit(centres[:50] + 0.06 * rng.standard_normal((50, 64))):
        exact = np.argsort(-(vectors @ query))[:20]
        rows, scores = found.nearest(query, 20, 16)
        assert np.allclose(scores, vectors[rows] @ query, atol=1e-5), "each found row's own score"
        recall.append(len(set(rows.tolist()) & set(exact.tolist())) / 20)
    assert np.mean(recall) >= 0.9


def test_a_large_database_cut_short_is_named_without_reading_every_page(tmp_path, monkeypatch):
    """Above `FULL_CHECK_BYTES` only the length is checked against the pages the header counts (a page-by-page check
    took 3.5 s of every process's start at 100 MB of guides)."""
    import sqlite3

    from assistant import store_files

    database = tmp_path / "chroma.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE t (x TEXT)")
        connection.executemany("INSERT INTO t VALUES (?)", [("x" * 500,) for _ in range(200)])
    connection.close()
    monkeypatch.setattr(store_files, "FULL_CHECK_BYTES", 0)
    assert store_files.database_problem(database) is None
    with database.open("r+b") as file:
        file.truncate(database.stat().st_size // 2)
    problem = store_files.database_problem(database)
    assert problem is not None and ("shorter than its pages" in problem or "malformed" in problem)


def test_a_vector_index_file_cut_short_is_named_damaged(settings, embeddings):
    """What embedded Chroma said after a process was killed while it wrote its HNSW files."""
    from assistant.errors import StoreCorrupt
    from assistant.store import VectorStore

    said = RuntimeError(
        "Error executing plan: Error constructing hnsw segment reader: Error deserializing pickle file: eval error at "
        "offset 20140157: EOF while parsing"
    )
    found = VectorStore(settings, embeddings.identity)._translate(said)
    assert isinstance(found, StoreCorrupt) and "ingest --rebuild" in str(found)
