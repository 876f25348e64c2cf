"""The one place that builds the parts from settings; the UI, the CLI, notebooks and tests use it."""

from __future__ import annotations

from .settings import Settings, load_settings
from .store import VectorStore


def build_embeddings(settings: Settings | None = None):
    """The embedding model the settings ask for (loaded lazily, on first use)."""
    from .embeddings import MiniLMEmbeddings

    return MiniLMEmbeddings()


def build_store(settings: Settings | None = None, embeddings=None) -> VectorStore:
    """The vector store the settings name, bound to the embedding model's identity."""
    settings = settings or load_settings()
    embeddings = embeddings or build_embeddings(settings)
    return VectorStore(settings, embeddings.identity)
