"""The indexed documents: list them, and remove one from the index and the corpus folder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.errors import IngestError
from assistant.retrieval import current_files
from assistant.settings import Settings
from assistant.store import VectorStore

from .pipeline import ingest_lock

__all__ = ["IndexedDocument", "list_documents", "remove_document"]


@dataclass(frozen=True)
class IndexedDocument:
    """A document in the index.

    Attributes:
        source: Its name in the index (relative to the corpus folder when inside it).
        chunks: How many chunks of it are indexed.
        size: Its file's size in bytes; None when the file is gone from the corpus folder.
        added: When its file was last written (added or changed); None when the file is gone.
    """

    source: str
    chunks: int
    size: int | None
    added: dt.datetime | None


def _file_of(source: str, corpus_dir: Path) -> Path:
    path = Path(source)
    return path if path.is_absolute() else Path(corpus_dir) / path


def list_documents(settings: Settings, store: VectorStore) -> list[IndexedDocument]:
    """Every document with chunks in the index, by name, with its chunk count and its file's size and date."""
    counts: dict[str, int] = {}
    if store.exists():  # counted from the index's files (`assistant.frozen`), not read chunk by chunk
        files = current_files(store)
        found = np.bincount(files.source, minlength=len(files.source_names)).tolist() if files.size else []
        counts = {name: n for name, n in zip(files.source_names, found, strict=True) if n}
    documents = []
    for source, chunks in sorted(counts.items()):
        try:
            info = _file_of(source, settings.corpus_dir).stat()
        except OSError:
            size = added = None
        else:
            size, added = info.st_size, dt.datetime.fromtimestamp(info.st_mtime, dt.UTC)
        documents.append(IndexedDocument(source, chunks, size, added))
    return documents


def remove_document(settings: Settings, store: VectorStore, source: str) -> int:
    """Remove the document `source` from the index and, if it is inside the corpus folder, delete its file.

    The chunks go first: were the file deleted first and the removal then failed, the index would cite a file
    that is gone; the other way round, a failure leaves the file, and the next ingest indexes it again.

    Returns:
        How many chunks were removed.

    Raises:
        IngestError: no such document in the index, or another ingest holds the lock.
    """
    with ingest_lock(store.settings, store.where):
        files = current_files(store) if store.exists() else None
        if files is not None and store.count() == files.size:
            number = files.source_names.index(source) if source in files.source_names else -1
            ids = sorted(files.id(int(row)) for row in np.flatnonzero(files.source == number))
        else:  # chunks written after the files (an ingest killed before it published): Chroma's own list
            ids = sorted(i for i, meta in store.metadatas().items() if meta.get("source") == source)
        if not ids:
            raise IngestError(f"{source} is not in the index")
        store.write(delete=ids)
        path = _file_of(source, settings.corpus_dir)
        corpus = Path(settings.corpus_dir).resolve()
        if path.resolve().is_relative_to(corpus) and (path.is_file() or path.is_symlink()):
            path.unlink()
    return len(ids)
