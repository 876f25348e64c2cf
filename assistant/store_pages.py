"""Paged reads and batched writes of a Chroma collection, and the packing of sentence vectors: `store.py` helpers.

Chroma's embedded store fails one `get()` of more than 32,766 rows ("too many SQL variables") and one write of
more than its max batch size (5,461 rows embedded), so every read and write of a whole collection or file goes
through here in pieces. Nothing here imports chromadb: `store.py` passes its collections in.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import numpy as np

# Rows per get(): well under Chroma's limit of 32,766, and a page (vectors, texts and metadata of 5,000 chunks,
# ~15 MB) is a passing cost next to the whole read.
READ_PAGE = 5_000
# How the sentences collection is indexed: never searched by vector (its records are read page by page into the
# index's files, `frozen`), so its HNSW graph is kept small: 10,000 upserts took 0.21 ms a record against 0.99 ms
# with Chroma's defaults (measured on this machine, embedded store, one run).
SENTENCES_HNSW = {"space": "cosine", "max_neighbors": 4, "ef_construction": 8}


def pages(collection, include: list[str], where: dict | None = None) -> Iterator[dict]:
    """The rows of `collection` (matching `where`), one `get()` result of `READ_PAGE` rows at a time."""
    offset = 0
    while True:
        page = collection.get(where=where, include=include, limit=READ_PAGE, offset=offset)
        yield page
        if len(page["ids"]) < READ_PAGE:
            return
        offset += READ_PAGE


def read_all(collection, include: list[str], where: dict | None = None) -> dict:
    """Every row of `collection` (matching `where`) as one `get()` result, read `READ_PAGE` rows at a time."""
    merged: dict = {"ids": [], **{key: [] for key in include}}
    offset = 0
    while True:
        page = collection.get(where=where, include=include, limit=READ_PAGE, offset=offset)
        merged["ids"].extend(page["ids"])
        for key in include:
            rows = page[key]
            if rows is not None and len(rows):
                merged[key].append(rows) if key == "embeddings" else merged[key].extend(rows)
        if len(page["ids"]) < READ_PAGE:
            break
        offset += READ_PAGE
    if "embeddings" in include:
        parts = [np.asarray(p, dtype=np.float32) for p in merged["embeddings"]]
        merged["embeddings"] = np.vstack(parts) if parts else np.zeros((0, 0), dtype=np.float32)
    return merged


def batches(count: int, size: int) -> Iterator[slice]:
    """Slices of at most `size` rows covering `count` rows: one write each."""
    for start in range(0, count, max(1, size)):
        yield slice(start, min(count, start + size))


def pack_sentences(sentences: list[str], vectors: np.ndarray) -> tuple[str, dict]:
    """One passage's sentences and their vectors as a record's document and metadata (float32, exact)."""
    data = np.ascontiguousarray(vectors, dtype=np.float32)
    return json.dumps(sentences), {"vectors": base64.b64encode(data.tobytes()).decode("ascii"), "dim": data.shape[1]}


def unpack_sentences(document: str, metadata: dict) -> tuple[list[str], np.ndarray] | None:
    """What `pack_sentences` stored, or None when it cannot be read."""
    try:
        sentences = json.loads(document)
        vectors = np.frombuffer(base64.b64decode(metadata["vectors"]), dtype=np.float32)
        vectors = vectors.reshape(len(sentences), int(metadata["dim"]))
    except (ValueError, KeyError, TypeError):
        return None
    return sentences, vectors
