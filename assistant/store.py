"""The vector store: the one module that talks to Chroma (embedded, or a `chroma run` server)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from .errors import CareerAssistantError, IndexMissing, ModelMismatch, StoreUnavailable
from .settings import Settings

REBUILD_HINT = "run `career-assistant ingest --rebuild`"
# After this long without a write, the embedded database file's stat stands in for its revision (see `revision`).
QUIET_SECONDS = 2


@dataclass(frozen=True)
class StoredChunk:
    id: str
    text: str
    metadata: dict

    @property
    def section(self) -> str:
        return self.metadata.get("section", "")


@dataclass(frozen=True)
class Hit:
    chunk: StoredChunk
    similarity: float


class VectorStore:
    """A Chroma collection of guide chunks whose vectors come from one recorded embedding model.

    Chroma never embeds anything itself here: every write and query passes vectors, so its default
    embedding function (which downloads a model) is never used.
    """

    def __init__(self, settings: Settings, identity: dict, *, backend: str | None = None) -> None:
        self.settings = settings
        self.identity = dict(identity)
        # Recorded beside the identity, for people reading an error; backends of one identity may share an index.
        self.backend = backend
        self._client = None
        self._connect_lock = threading.Lock()
        self._known: int | None = None  # the revision this process last read or wrote
        self._looked: tuple | None = None  # (the database file's stat, its revision, when that was read)

    @property
    def where(self) -> str:
        s = self.settings
        return f"Chroma server at {s.chroma_host}:{s.chroma_port}" if s.chroma_host else f"index at {s.chroma_path}"

    @contextmanager
    def _guard(self) -> Iterator[None]:
        # Chroma's own errors and connection failures surface as ours, naming where the store is.
        try:
            yield
        except CareerAssistantError:
            raise
        except Exception as exc:
            if self.settings.chroma_host and _unreachable(exc):
                self._disconnect()  # reconnect on the next call: the server may come back
                raise StoreUnavailable(f"cannot reach the {self.where}: {_reason(exc, self.settings)}") from exc
            raise StoreUnavailable(f"the {self.where} failed: {exc}") from exc

    def _connect(self):
        with self._connect_lock:  # concurrent answers share one client
            if self._client is None:
                import chromadb
                from chromadb.config import Settings as ChromaSettings

                options = ChromaSettings(anonymized_telemetry=False)
                if self.settings.chroma_host:
                    self._client = _bounded_http_client(self.settings, options)
                else:
                    self._client = chromadb.PersistentClient(path=str(self.settings.chroma_path), settings=options)
            return self._client

    def _disconnect(self) -> None:
        with self._connect_lock:
            client, self._client = self._client, None
        if client is not None:
            with suppress(Exception):  # a client of a server that is gone may fail to say goodbye
                client.close()

    def _collection(self, create: bool = False):
        with self._guard():
            client = self._connect()
            name = self.settings.collection
            if create:
                collection = client.get_or_create_collection(
                    name,
                    embedding_function=None,
                    configuration={"hnsw": {"space": "cosine"}},
                    metadata=self._recorded,
                )
            else:
                try:
                    collection = client.get_collection(name, embedding_function=None)
                except Exception as exc:
                    if "does not exist" in str(exc) or "NotFound" in type(exc).__name__:
                        raise IndexMissing(
                            f"no collection {name!r} in the {self.where}: run `career-assistant ingest` first"
                        ) from exc
                    raise
        self._check_identity(collection.metadata or {})
        return collection

    def _check_identity(self, recorded: dict) -> None:
        # Every key must match: a key the index lacks means it was built by an older version, whose vectors
        # may come from another model variant (indexes from before embedding_precision are torch, say).
        for key, expected in self.identity.items():
            if recorded.get(key) != expected:
                built_by = f" by the {recorded['embedding_backend']} backend" if "embedding_backend" in recorded else ""
                uses = f" ({self.backend} backend)" if self.backend else ""
                raise ModelMismatch(
                    f"the {self.where} was built{built_by} with {key}={recorded.get(key)!r}, "
                    f"but this assistant uses {expected!r}{uses}: {REBUILD_HINT}"
                )

    @property
    def _recorded(self) -> dict:
        """The metadata every write leaves on the collection: the identity, the backend, a new revision."""
        backend = {"embedding_backend": self.backend} if self.backend else {}
        return {**self.identity, **backend, "revision": time.time_ns()}

    def exists(self) -> bool:
        try:
            self._collection()
        except IndexMissing:
            return False
        return True

    def count(self) -> int:
        collection = self._collection()
        with self._guard():
            return collection.count()

    def revision(self) -> int:
        """A number that changes whenever an ingest writes, so readers know to refresh.

        Every answer asks, so the embedded store answers from its database file's stat when it can: unchanged,
        and last written over `QUIET_SECONDS` before the revision was read. On a coarse file clock (FAT: 2 s) a
        write in the same tick as the one before may keep the file's size and time; later it cannot. A server is
        always asked: that round trip is also how an answer learns the server is gone.
        """
        look = self._database_stat()
        if look is not None and self._looked is not None:
            seen, revision, read_at = self._looked
            if look == seen and look[0] < read_at - QUIET_SECONDS * 1_000_000_000:
                return revision
        read_at = time.time_ns()
        revision = int(self._collection().metadata.get("revision", 0))
        self._looked = (look, revision, read_at)
        return revision

    def _database_stat(self) -> tuple[int, int, int] | None:
        if self.settings.chroma_host:
            return None
        try:
            stat = (self.settings.chroma_path / "chroma.sqlite3").stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size, stat.st_ino

    def _current(self, create: bool = False):
        """The collection, reopened first if another process wrote it since this one last read or wrote.

        Embedded Chroma keeps the index's segments in memory per process: after another process's ingest, the
        old handle fails ("Error finding id") or reads stale vectors. A Chroma server has no such state.
        """
        collection = self._collection(create)
        revision = int((collection.metadata or {}).get("revision", 0))
        if not self.settings.chroma_host and self._known is not None and revision != self._known:
            self._disconnect()  # the last client of this path closes Chroma's in-memory state with it
            collection = self._collection(create)
        self._known = revision
        return collection

    def chunks(self, where: dict | None = None) -> list[StoredChunk]:
        collection = self._collection()
        with self._guard():
            got = collection.get(where=where, include=["documents", "metadatas"])
        return [StoredChunk(i, d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)]

    def snapshot(self) -> tuple[int, list[StoredChunk], list[list[float]]]:
        """The revision, every chunk and every chunk's vector: what keyword search and scoring read."""
        collection = self._current()
        with self._guard():
            revision = int((collection.metadata or {}).get("revision", 0))
            got = collection.get(include=["documents", "metadatas", "embeddings"])
        chunks = [StoredChunk(i, d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)]
        vectors = got["embeddings"] if got["embeddings"] is not None else []
        return revision, chunks, vectors

    def metadatas(self) -> dict[str, dict]:
        """Every chunk's metadata by ID, without the texts: what ingestion compares against."""
        try:
            collection = self._current()
        except IndexMissing:
            return {}
        with self._guard():
            got = collection.get(include=["metadatas"])
        return dict(zip(got["ids"], got["metadatas"], strict=True))

    def query(self, embedding: Sequence[float], k: int) -> list[Hit]:
        collection = self._collection()
        with self._guard():
            n = min(k, collection.count())
            if n == 0:
                return []
            got = collection.query(
                query_embeddings=[[float(x) for x in embedding]],  # plain floats: Chroma refuses numpy scalars
                n_results=n,
                include=["documents", "metadatas", "distances"],
            )
        return [
            Hit(StoredChunk(i, d, m), 1.0 - dist)
            for i, d, m, dist in zip(
                got["ids"][0], got["documents"][0], got["metadatas"][0], got["distances"][0], strict=True
            )
        ]

    def write(
        self,
        *,
        add: tuple[list[str], list[list[float]], list[str], list[dict]] | None = None,
        update_metadata: tuple[list[str], list[dict]] | None = None,
        delete: list[str] | None = None,
    ) -> None:
        """Apply one file's change: add new chunks first and delete stale ones last.

        In that order a crash between the steps leaves extra chunks, never missing ones, and the next
        ingest finds the file changed and finishes the job.
        """
        collection = self._current(create=True)
        with self._guard():
            if add and add[0]:
                ids, vectors, texts, metas = add
                collection.upsert(ids=ids, embeddings=vectors, documents=texts, metadatas=metas)
            if update_metadata and update_metadata[0]:
                collection.update(ids=update_metadata[0], metadatas=update_metadata[1])
            if delete:
                collection.delete(ids=delete)
            recorded = self._recorded
            collection.modify(metadata={**collection.metadata, **recorded})
            self._known = recorded["revision"]

    def reset(self) -> None:
        """Drop the collection, so the next write starts it afresh with the current model."""
        with self._guard():
            client = self._connect()
            if self.settings.collection in [c.name for c in client.list_collections()]:
                client.delete_collection(self.settings.collection)


def _bounded_http_client(settings: Settings, options):
    """A Chroma HTTP client whose every request gives up after `settings.chroma_timeout` seconds.

    chromadb's own client waits forever (httpx `timeout=None`): a server that is stopped refuses at once, but
    one that hangs (overloaded, paused, half-dead) would hold every question. Its constructor already sends a
    request, so a heartbeat with the timeout goes first.
    """
    import chromadb
    import httpx

    host, port, timeout = settings.chroma_host, settings.chroma_port, settings.chroma_timeout
    httpx.get(f"http://{host}:{port}/api/v2/heartbeat", timeout=timeout).raise_for_status()
    client = chromadb.HttpClient(host=host, port=port, settings=options)
    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(timeout)
    return client


def _unreachable(exc: Exception) -> bool:
    """Whether a failure means the server could not be reached (rather than that it answered with an error)."""
    import httpx

    # chromadb's constructor turns a refused connection into ValueError("Could not connect to a Chroma server...").
    return isinstance(exc, httpx.TransportError) or "Could not connect" in str(exc)


def _reason(exc: Exception, settings: Settings) -> str:
    """Why a Chroma server request failed, in words a user can act on."""
    import httpx

    if isinstance(exc, httpx.TimeoutException):
        return f"no answer within {settings.chroma_timeout:g}s (CAREER_ASSISTANT_CHROMA_TIMEOUT)"
    if isinstance(exc, httpx.ConnectError) or "Could not connect" in str(exc):
        return "connection refused; is `chroma run` running there?"
    return str(exc) or type(exc).__name__
