"""Dense search over many chunks without reading every vector: an inverted file of k-means clusters (IVF).

The chunks' vectors are grouped into clusters around centroids found by k-means; a question's vector is compared
with the centroids, and only the chunks of the `probes` nearest clusters are scored. The clusters' vectors are
stored one cluster after another, so a question reads a few contiguous runs of a memory-mapped file: what it
touches does not grow with the corpus, and processes that open one index share those pages. They stay float32:
float16 would halve the pages, but numpy has no fast float16 product (converting 1,024 vectors took 0.72 ms a
question, against 0.02 ms for the float32 product).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .frozen import Rows, mapped

# Chunks per cluster, about: the clusters a question probes hold probes * this many vectors.
CLUSTER_SIZE = 64
# k-means on a sample of this many vectors per cluster, for this many rounds: enough for centroids that split the
# space, at a cost that grows with the clusters, not the chunks (measured in benchmarks/scale.py).
SAMPLE_PER_CLUSTER = 16
ROUNDS = 8
BLOCK = 4096  # vectors assigned to clusters at a time: bounds the memory of building (4,096 x clusters floats)


def write(folder: Path, vectors: np.ndarray, seed: int = 0) -> None:
    """The clusters of `vectors` (unit length, rows of the revision) as files in `folder`."""
    n = len(vectors)
    lists = max(1, n // CLUSTER_SIZE)
    rng = np.random.default_rng(seed)
    sample = np.asarray(vectors[np.sort(rng.choice(n, min(n, lists * SAMPLE_PER_CLUSTER), replace=False))])
    centroids = sample[rng.choice(len(sample), lists, replace=False)].copy()
    for _ in range(ROUNDS):
        owner = _nearest(sample, centroids)
        sums = np.zeros_like(centroids)
        np.add.at(sums, owner, sample)
        empty = np.bincount(owner, minlength=lists) == 0
        sums[empty] = sample[rng.choice(len(sample), int(empty.sum()))]  # an empty cluster starts again elsewhere
        centroids = sums / np.clip(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12, None)
    owner = _nearest(vectors, centroids)
    rows = np.argsort(owner, kind="stable").astype(np.int32)
    np.save(folder / "cluster_centroids.npy", centroids.astype(np.float32))
    np.save(folder / "cluster_offsets.npy", np.concatenate([[0], np.cumsum(np.bincount(owner, minlength=lists))]))
    np.save(folder / "cluster_rows.npy", rows)
    with (folder / "cluster_vectors.f32").open("wb") as file:
        for s in range(0, n, BLOCK):
            file.write(np.asarray(vectors[rows[s : s + BLOCK]], dtype=np.float32).tobytes())


def _nearest(vectors: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """Each vector's nearest centroid, `BLOCK` vectors at a time (a block's scores: BLOCK x clusters floats)."""
    found = [np.argmax(np.asarray(vectors[s : s + BLOCK]) @ centroids.T, axis=1) for s in range(0, len(vectors), BLOCK)]
    return np.concatenate(found).astype(np.int32) if found else np.zeros(0, dtype=np.int32)


class Clusters:
    """The clusters of one revision, mapped."""

    def __init__(self, folder: Path, dim: int) -> None:
        self.centroids = np.load(folder / "cluster_centroids.npy")
        self.offsets = np.load(folder / "cluster_offsets.npy")  # a number per cluster
        self.rows = mapped(folder / "cluster_rows.npy")
        self.vectors = Rows(folder / "cluster_vectors.f32", np.float32, dim)  # read cluster by cluster, not mapped

    @staticmethod
    def present(folder: Path) -> bool:
        return (folder / "cluster_centroids.npy").exists()

    def nearest(self, query: np.ndarray, n: int, probes: int) -> tuple[np.ndarray, np.ndarray]:
        """The rows of (about) the `n` chunks nearest the query, best first, and their similarities."""
        near = np.argsort(-(self.centroids @ query))[:probes]
        rows, scores = [], []
        for cluster in near.tolist():
            start, end = int(self.offsets[cluster]), int(self.offsets[cluster + 1])
            rows.append(self.rows[start:end])
            scores.append(self.vectors.read(start, end) @ query)
        rows, scores = np.concatenate(rows), np.concatenate(scores)
        top = np.argsort(-scores, kind="stable")[:n]
        return rows[top], scores[top]
