"""The one place that builds the parts from settings; the UI, the CLI, notebooks and tests use it."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import ModelMismatch
from .settings import Settings, load_settings
from .store import VectorStore


def model_cache_dir(settings: Settings) -> Path:
    """Where the exported ONNX model lives: the setting, else beside the embedded index, else the user's cache."""
    if settings.model_cache:
        return settings.model_cache
    if settings.chroma_host:  # no local index folder to sit beside
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "career-assistant"
    return settings.chroma_path.parent / ".model-cache"


def build_embeddings(settings: Settings | None = None):
    """The embedding model the settings' `embedding_backend` names (loaded lazily, on first use)."""
    settings = settings or load_settings()
    if settings.embedding_backend == "torch":
        from .embeddings import MiniLMEmbeddings

        return MiniLMEmbeddings()
    from .onnx_embeddings import OnnxMiniLMEmbeddings

    return OnnxMiniLMEmbeddings(model_cache_dir(settings), quantized=settings.embedding_backend == "onnx-int8")


def named_embeddings(embeddings, settings: Settings):
    """`embeddings` as the assistant uses them: the project's own as they are, any other LangChain `Embeddings`
    under the `embedding_name` setting (`assistant.embeddings.NamedEmbeddings`).

    Raises:
        ModelMismatch: embeddings of your own and no `embedding_name`: the index could not tell them apart.
    """
    from .embeddings import NamedEmbeddings

    if hasattr(embeddings, "identity") and hasattr(embeddings, "encode"):
        return embeddings
    if not settings.embedding_name:
        raise ModelMismatch(
            f"give your {type(embeddings).__name__} a name for the index to record: the embedding_name setting "
            "(CAREER_ASSISTANT_EMBEDDING_NAME, or load_settings(embedding_name=...))"
        )
    return NamedEmbeddings(embeddings, settings.embedding_name)


def build_store(settings: Settings | None = None, embeddings=None) -> VectorStore:
    """The vector store the settings name, bound to the embedding model's identity."""
    settings = settings or load_settings()
    embeddings = embeddings or build_embeddings(settings)
    return VectorStore(settings, embeddings.identity, backend=getattr(embeddings, "backend", None))


def build_writer(settings: Settings | None = None):
    """The LLM writer the settings ask for, or None for the default extractive writer."""
    settings = settings or load_settings()
    if settings.llm == "extractive":
        return None
    from .llm import LLMWriter, build_chat_model

    return LLMWriter(build_chat_model(settings), f"{settings.llm} ({settings.llm_model})")
