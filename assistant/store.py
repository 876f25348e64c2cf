"""The vector store: the one module that talks to Chroma (embedded, or a `chroma run` server)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np

from . import frozen as frozen_files
from .errors import (
    CareerAssistantError,
    IndexMissing,
    ModelMismatch,
    StoreCorrupt,
    StoreFull,
    StoreReadOnly,
    StoreUnavailable,
)
from .settings import Settings
from .store_client import bounded_http_client, evict_shared_state, reason, unreachable
from .store_files import database_problem, inode, writable
from .store_pages import SENTENCES_HNSW, batches, pack_sentences, pages, read_all

REBUILD_HINT = "run `career-assistant ingest --rebuild`"
# After this long without a write, the embedded database file's stat stands in for its revision (see `revision`):
# on a file clock of whole seconds (FAT: 2 s), or of finer ticks (ext4's is the kernel's, a few ms). Opening the
# store writes its file, so with 2 s for every clock each answer of the first 2 s read the revision from Chroma
# (0.5 ms of a 4 ms answer at 1 MB of guides).
QUIET_SECONDS = 2
FINE_CLOCK_QUIET_SECONDS = 0.05
# A read of the embedded store that fails is tried again this many times, reconnected, after these pauses: another
# process's ingest leaves this process's Chroma state stale ("Error finding id"), and a `--rebuild` switching
# collections leaves a moment with none. Chosen to cover the switch (a few ms) with room, and to stay well under
# a second for an error that is real.
READ_RETRY_PAUSES = (0.02, 0.05, 0.1, 0.2, 0.4)
# Room an ingest needs per chunk beyond its text: its vector in Chroma's log, its HNSW copy and metadata, and its
# record in the sentences collection (its sentence vectors as base64). Measured: benchmarks/scale.py's 10 MB corpus,
# 28,630 chunks, took 697 MB, 24 KB a chunk; about doubled for the write-ahead log.
BYTES_PER_CHUNK = 45_056
# The collection beside a chunk collection that holds each chunk's sentences and their vectors, computed at ingest.
SENTENCES = "--sentences"
DATABASE = "chroma.sqlite3"
_T = TypeVar("_T")


class _ChangedWhileRead(StoreUnavailable):
    """An ingest published a new revision while the index was being read: read it again."""


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

    def __init__(
        self, settings: Settings, identity: dict, *, backend: str | None = None, collection: str | None = None
    ) -> None:
        self.settings = settings
        self.identity = dict(identity)
        # Recorded beside the identity, for people reading an error; backends of one identity may share an index.
        self.backend = backend
        self.name = collection or settings.collection  # another name: a `--rebuild`'s collection being built
        self._client = None
        self._connect_lock = threading.Lock()
        self._known: int | None = None  # the revision this process last read or wrote
        self._looked: tuple | None = None  # (the database file's stat, its revision, when that was read)
        self._opened: int | None = None  # the inode of the database file the client opened
        self._copy: Path | None = None  # the private copy a read-only index is opened from
        self._batch = 0  # depth of `batch()`: writes inside publish one revision when the outermost ends
        self._unpublished = False

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
        except BaseException as exc:
            # chromadb's Rust core reports a panic as pyo3's PanicException, a BaseException: ours to translate too.
            if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
                raise
            if self.settings.chroma_host and unreachable(exc):
                self._disconnect()  # reconnect on the next call: the server may come back
                raise StoreUnavailable(f"cannot reach the {self.where}: {reason(exc, self.settings)}") from exc
            raise self._translate(exc) from exc

    def _translate(self, exc: BaseException) -> StoreUnavailable:
        """Chroma's (or SQLite's, or the file system's) failure as one line that says what to do."""
        text = f"{exc}".strip().splitlines()[0][:300] if f"{exc}".strip() else type(exc).__name__
        lowered = text.lower()
        if not self.settings.chroma_host:
            self._disconnect(evict=True)  # the next call opens the store afresh: it may have been repaired meanwhile
        # ... or a vector index file cut short (seen after a process was killed mid-write: "Error constructing hnsw
        # segment reader: ... Error deserializing pickle file: ... EOF while parsing").
        damaged = ("malformed", "not a database", "file is encrypted", "deserializing pickle", "hnsw segment reader")
        if any(m in lowered for m in damaged) or (type(exc).__name__ == "PanicException"):
            return self._corrupt(text)
        if any(m in lowered for m in ("disk is full", "no space left", "failed to apply logs")):
            return StoreFull(
                f"the disk holding the {self.where} is full ({text}): free some space, then run "
                "`career-assistant ingest` again; what was indexed before is kept"
            )
        if "readonly" in lowered or "read-only" in lowered:
            return StoreReadOnly(f"the {self.where} is read-only ({text}): it can be queried but not written")
        return StoreUnavailable(f"the {self.where} failed: {text}")

    def _corrupt(self, reason: str) -> StoreCorrupt:
        return StoreCorrupt(
            f"the {self.where} is damaged ({reason}): {REBUILD_HINT} to move it aside and build it again from "
            "the corpus"
        )

    def _connect(self):
        with self._connect_lock:  # concurrent answers share one client
            if self._client is None:
                import chromadb
                from chromadb.config import Settings as ChromaSettings

                options = ChromaSettings(anonymized_telemetry=False)
                if self.settings.chroma_host:
                    self._client = bounded_http_client(self.settings, options)
                else:
                    path = self._embedded_path()
                    self._client = chromadb.PersistentClient(path=str(path), settings=options)
            return self._client

    def _embedded_path(self) -> Path:
        """The folder embedded Chroma opens: the index itself, checked first, or a private copy of a read-only one.

        SQLite's own check runs before Chroma sees the file: Chroma meets a damaged file with a Rust panic
        printed to the terminal, or an error deep in a query. A read-only index is copied because Chroma writes
        to its database even to read it (`attempt to write a readonly database`).
        """
        path = Path(self.settings.chroma_path)
        database = path / DATABASE
        problem = database_problem(database)
        if problem:
            raise self._corrupt(problem)
        self._opened = inode(database)
        if not database.exists() or writable(path, database):
            return path
        copy = Path(tempfile.mkdtemp(prefix="career-assistant-readonly-"))
        atexit.register(shutil.rmtree, copy, ignore_errors=True)
        try:
            shutil.copytree(
                path, copy / "index", ignore=shutil.ignore_patterns("ingest.lock", "frozen"), dirs_exist_ok=True
            )
        except OSError as exc:
            shutil.rmtree(copy, ignore_errors=True)
            raise StoreReadOnly(f"the {self.where} is read-only and cannot be copied to be read: {exc}") from None
        self._copy = copy
        return copy / "index"

    @property
    def read_only(self) -> bool:
        """Whether the embedded index is opened from a private copy, its own folder being read-only."""
        return self._copy is not None

    def _disconnect(self, evict: bool = False) -> None:
        """Close the client; `evict`: also stop embedded Chroma's state for this path that other clients share.

        Chroma keeps one state per path for the whole process, closed with its last client: after the database
        file was replaced, another client (a notebook's second store, say) would keep the old file open.
        """
        with self._connect_lock:
            client, self._client = self._client, None
            copy, self._copy = self._copy, None
            self._opened = None
        if client is not None and evict and not self.settings.chroma_host:
            evict_shared_state(client)
        elif client is not None:
            with suppress(Exception):  # a client of a server that is gone may fail to say goodbye
                client.close()
        if copy is not None:
            shutil.rmtree(copy, ignore_errors=True)

    def _retrying(self, read: Callable[[], _T]) -> _T:
        """`read()`, tried again (reconnected) while the embedded store may be mid-change in another process.

        A server's failure is final at once: its timeout already bounds the wait, and its client keeps no state.
        A damaged or full store is not tried again either.
        """
        for pause in READ_RETRY_PAUSES:
            try:
                return read()
            except (StoreCorrupt, StoreFull, StoreReadOnly, ModelMismatch):
                raise
            except (IndexMissing, _ChangedWhileRead):
                time.sleep(pause)  # a `--rebuild` switching collections, or truly none: the last try says which
            except StoreUnavailable:
                if self.settings.chroma_host:
                    raise
                time.sleep(pause)
                self._disconnect()
        return read()

    def _collection(self, create: bool = False):
        with self._guard():
            client = self._connect()
            name = self.name
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

    def _sentences(self, create: bool = False):
        """The collection of this one's sentence vectors, or None when it has none (an index built before them)."""
        client = self._connect()
        name = f"{self.name}{SENTENCES}"
        if create:
            return client.get_or_create_collection(
                name, embedding_function=None, configuration={"hnsw": SENTENCES_HNSW}, metadata=self.identity
            )
        try:
            return client.get_collection(name, embedding_function=None)
        except Exception as exc:
            if "does not exist" in str(exc) or "NotFound" in type(exc).__name__:
                return None
            raise

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
        def read() -> int:
            collection = self._collection()
            with self._guard():
                return collection.count()

        return self._retrying(read)

    def revision(self) -> int:
        """A number that changes whenever an ingest writes, so readers know to refresh.

        Every answer asks, so the embedded store answers from its database file's stat when it can: unchanged,
        and last written over `QUIET_SECONDS` before the revision was read. On a coarse file clock (FAT: 2 s) a
        write in the same tick as the one before may keep the file's size and time; later it cannot. A server is
        always asked: that round trip is also how an answer learns the server is gone. A database file replaced
        under this process (an index put back, or moved aside by `--rebuild`) is opened afresh.
        """
        look = self._database_stat()
        if look is not None and self._opened is not None and look[2] != self._opened:
            self._disconnect(evict=True)
        if look is not None and self._looked is not None:
            seen, revision, read_at = self._looked
            quiet = QUIET_SECONDS if look[0] % 1_000_000_000 == 0 else FINE_CLOCK_QUIET_SECONDS  # whole seconds: FAT
            if look == seen and look[0] < read_at - quiet * 1_000_000_000:
                return revision
        read_at = time.time_ns()
        revision = self._retrying(lambda: int(self._collection().metadata.get("revision", 0)))
        self._looked = (look, revision, read_at)
        return revision

    def _database_stat(self) -> tuple[int, int, int] | None:
        if self.settings.chroma_host:
            return None
        try:
            stat = (self.settings.chroma_path / DATABASE).stat()
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
        def read():
            collection = self._collection()
            with self._guard():
                return read_all(collection, ["documents", "metadatas"], where)

        got = self._retrying(read)
        return [StoredChunk(i, d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)]

    def frozen(self, revision: int, tokenize, derive) -> frozen_files.Frozen:
        """The files of `revision` (`frozen`), written first from a paged read of the store if no process has.

        Read again if an ingest publishes a newer revision meanwhile: the files are of the revision read.
        """
        folder = frozen_files.root(self.settings, self.name)
        found = frozen_files.open_revision(folder, revision)
        if found is not None:
            return found

        def build():
            collection = self._current()
            now = int((collection.metadata or {}).get("revision", 0))
            with self._guard():
                return frozen_files.build(folder, now, lambda: self._pages(collection, now), tokenize, derive)

        return self._retrying(build)

    def _pages(self, collection, revision: int):
        """The chunk pages and the sentence pages of the collection, as generators: the last page read checks that
        the revision did not change while they were read."""

        def chunks():
            for page in pages(collection, ["documents", "metadatas", "embeddings"]):
                yield frozen_files.Page(page["ids"], page["documents"], page["metadatas"], page["embeddings"])

        def sentences():
            own = self._sentences()
            if own is not None:
                for page in pages(own, ["documents", "metadatas"]):
                    yield frozen_files.SentencePage(page["ids"], page["documents"], page["metadatas"])
            if int((self._collection().metadata or {}).get("revision", 0)) != revision:
                raise _ChangedWhileRead(f"the {self.where} changed while it was read")

        return chunks(), sentences()

    def metadatas(self) -> dict[str, dict]:
        """Every chunk's metadata by ID, without the texts: what ingestion compares against."""

        def read():
            try:
                collection = self._current()
            except IndexMissing:
                return None
            with self._guard():
                return read_all(collection, ["metadatas"])

        got = self._retrying(read)
        return dict(zip(got["ids"], got["metadatas"], strict=True)) if got else {}

    def query(self, embedding: Sequence[float], k: int) -> list[Hit]:
        def read():
            collection = self._collection()
            with self._guard():
                n = min(k, collection.count())
                if n == 0:
                    return None
                return collection.query(
                    query_embeddings=[[float(x) for x in embedding]],  # plain floats: Chroma refuses numpy scalars
                    n_results=n,
                    include=["documents", "metadatas", "distances"],
                )

        got = self._retrying(read)
        if got is None:
            return []
        return [
            Hit(StoredChunk(i, d, m), 1.0 - dist)
            for i, d, m, dist in zip(
                got["ids"][0], got["documents"][0], got["metadatas"][0], got["distances"][0], strict=True
            )
        ]

    def write(
        self,
        *,
        add: tuple[list[str], np.ndarray, list[str], list[dict]] | None = None,
        sentences: list[tuple[list[str], np.ndarray]] | None = None,
        update_metadata: tuple[list[str], list[dict]] | None = None,
        delete: list[str] | None = None,
    ) -> None:
        """Apply one file's change: add new chunks first and delete stale ones last, in batches Chroma takes.

        In that order a crash between the steps leaves extra chunks, never missing ones, and the next
        ingest finds the file changed and finishes the job. `sentences`: each added chunk's sentences and their
        vectors, stored beside it (before it, so a chunk never lacks them). Outside `batch()` the change is
        published at once.
        """
        self._refuse_read_only()
        collection = self._current(create=True)
        with self._guard():
            size = self._connect().get_max_batch_size()
            if add and add[0]:
                ids, vectors, texts, metas = add
                if sentences:
                    self._write_sentences(ids, vectors, sentences, size)
                for part in batches(len(ids), size):
                    collection.upsert(
                        ids=ids[part], embeddings=vectors[part], documents=texts[part], metadatas=metas[part]
                    )
            if update_metadata and update_metadata[0]:
                for part in batches(len(update_metadata[0]), size):
                    collection.update(ids=update_metadata[0][part], metadatas=update_metadata[1][part])
            if delete:
                own = self._sentences()
                for part in batches(len(delete), size):
                    collection.delete(ids=delete[part])
                    if own is not None:
                        own.delete(ids=delete[part])
        self._unpublished = True
        if not self._batch:
            self._publish()

    def _write_sentences(self, ids: list[str], vectors, sentences: list[tuple[list[str], np.ndarray]], size: int):
        # One record a chunk, under the chunk's ID: its vector (Chroma wants one), its sentences, theirs packed.
        own = self._sentences(create=True)
        packed = [pack_sentences(texts, found) for texts, found in sentences]
        for part in batches(len(ids), size):
            own.upsert(
                ids=ids[part],
                embeddings=vectors[part],
                documents=[d for d, _ in packed[part]],
                metadatas=[m for _, m in packed[part]],
            )

    def _publish(self) -> None:
        """Record a new revision: readers refresh when they see it."""
        collection = self._current(create=True)
        with self._guard():
            recorded = self._recorded
            collection.modify(metadata={**(collection.metadata or {}), **recorded})
        self._known = recorded["revision"]
        self._unpublished = False

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Writes inside show to readers together, as one new revision when the batch ends.

        A reader keeps answering from the revision it holds in memory until then, so it never sees part of an
        ingest (a file's new chunks beside its old ones), and it reads the index once per ingest, not per file.
        """
        self._batch += 1
        try:
            yield
        except BaseException:
            self._batch -= 1
            if not self._batch and self._unpublished:
                with suppress(CareerAssistantError):  # the files written before the failure are whole: show them
                    self._publish()
            raise
        self._batch -= 1
        if not self._batch and self._unpublished:
            self._publish()

    def _refuse_read_only(self) -> None:
        if self.settings.chroma_host:
            return
        path = Path(self.settings.chroma_path)
        if self.read_only or (path.exists() and not writable(path, path / DATABASE)):
            raise StoreReadOnly(
                f"the {self.where} is read-only: it can be queried, not written; ingest into a writable "
                "CAREER_ASSISTANT_CHROMA_PATH"
            )

    def ensure_room(self, chunks: int, text_bytes: int) -> None:
        """Refuse, before writing anything, an ingest whose chunks would not fit on the embedded index's disk.

        Raises:
            StoreFull: fewer bytes are free than the chunks would take (`BYTES_PER_CHUNK` each, plus their text).
        """
        if self.settings.chroma_host or not chunks:
            return
        path = Path(self.settings.chroma_path)
        folder = next((p for p in (path, *path.parents) if p.exists()), Path("."))
        need = chunks * BYTES_PER_CHUNK + 2 * text_bytes
        free = shutil.disk_usage(folder).free
        if free < need:
            raise StoreFull(
                f"the disk holding the {self.where} has {free / 2**20:.1f} MB free and this ingest needs about "
                f"{need / 2**20:.1f} MB: free some space, then run it again (the index was not changed)"
            )

    def staging(self) -> VectorStore:
        """A new, empty collection beside this one, to build a `--rebuild` in while readers read this one."""
        self._refuse_read_only()
        staged = VectorStore(self.settings, self.identity, backend=self.backend, collection=f"{self.name}--rebuild")
        staged.reset()
        return staged

    def promote(self, staged: VectorStore) -> None:
        """Make a complete `staging()` collection this one: readers switch to it at their next answer.

        Chroma cannot swap two names at once: between the two renames there is no collection of this name for a
        few milliseconds, which readers ride out (`READ_RETRY_PAUSES`).
        """
        staged._disconnect()
        with self._guard():
            client = self._connect()
            names = [c.name for c in client.list_collections()]
            old = f"{self.name}--old-{time.time_ns()}"
            if self.name in names:
                client.get_collection(self.name, embedding_function=None).modify(name=old)
            client.get_collection(staged.name, embedding_function=None).modify(name=self.name)
            if self.name in names:
                client.delete_collection(old)
            # The sentences follow their chunks; a reader meeting none in between embeds what it needs.
            if f"{self.name}{SENTENCES}" in names:
                client.delete_collection(f"{self.name}{SENTENCES}")
            if f"{staged.name}{SENTENCES}" in names:
                client.get_collection(f"{staged.name}{SENTENCES}", embedding_function=None).modify(
                    name=f"{self.name}{SENTENCES}"
                )
        self._known = None

    def move_aside(self) -> Path:
        """Move a damaged embedded index's folder aside (never deleting it) and return where it went."""
        self._disconnect()
        path = Path(self.settings.chroma_path)
        aside = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            path.rename(aside)
        except OSError as exc:
            raise StoreUnavailable(f"cannot move the damaged {self.where} aside: {exc.strerror or exc}") from None
        return aside

    def check(self) -> None:
        """Open the store and read its collection list; raises StoreCorrupt (and the like) saying what is wrong."""
        with self._guard():
            self._connect().list_collections()

    def reset(self) -> None:
        """Drop the collection, so the next write starts it afresh with the current model."""
        with self._guard():
            client = self._connect()
            names = [c.name for c in client.list_collections()]
            for name in (self.name, f"{self.name}{SENTENCES}"):
                if name in names:
                    client.delete_collection(name)
